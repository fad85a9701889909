// Where a connection comes from. `Origin` is a header any client sets, so it
// says nothing about who connects; the socket's peer address does. Messages
// that change the kiosk (a rollback) are taken only from this machine, even
// when --host opens the page to the network.

/** True for 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (::ffff:127.0.0.1). */
export function isLoopback(address: string | undefined | null): boolean {
  if (!address) return false;
  const v4 = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4)) return v4.split('.').every((part) => Number(part) <= 255);
  return address === '::1' || address === '0:0:0:0:0:0:0:1';
}
