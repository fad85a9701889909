// Polling waits for tests that watch asynchronous I/O. A wait always has a
// deadline, and its error says what it saw, so a slow machine fails loudly
// with the evidence instead of hanging or passing by luck.

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Resolves once `check` returns true; rejects after `timeoutMs` with `what`,
 * which may be a function describing the state seen at that moment.
 */
export async function waitUntil(check: () => boolean, what: string | (() => string), timeoutMs = 5000, everyMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}`);
    await sleep(everyMs);
  }
}
