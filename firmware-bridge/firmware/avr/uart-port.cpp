#include "uart-port.h"

#include <avr/interrupt.h>
#include <avr/io.h>
#include <util/atomic.h>

namespace {

// 256 bytes hold a frame from every button and knob at once (about 15 ms of the line).
// uint8_t indices wrap by themselves.
volatile uint8_t gTx[256];
volatile uint8_t gTxHead = 0;  // written by the main loop
volatile uint8_t gTxTail = 0;  // written by the ISR
constexpr uint8_t kRxMask = 63;
volatile uint8_t gRx[kRxMask + 1];
volatile uint8_t gRxHead = 0;  // written by the ISR
volatile uint8_t gRxTail = 0;  // written by the main loop
volatile uint16_t gRxOverflows = 0;

}  // namespace

ISR(USART_RX_vect) {
  const uint8_t byte = UDR0;
  const uint8_t next = static_cast<uint8_t>((gRxHead + 1) & kRxMask);
  if (next == gRxTail) {
    ++gRxOverflows;
    return;
  }
  gRx[gRxHead] = byte;
  gRxHead = next;
}

// Runs only while the ring holds bytes: it turns itself off with the last one, as the
// Arduino core does, rather than being entered with nothing to send.
ISR(USART_UDRE_vect) {
  const uint8_t tail = gTxTail;
  UDR0 = gTx[tail];
  const uint8_t next = static_cast<uint8_t>(tail + 1);
  gTxTail = next;
  if (next == gTxHead) UCSR0B &= static_cast<uint8_t>(~_BV(UDRIE0));
}

void UartPort::begin() {
  // Double speed: UBRR 16 gives 117,647 baud, 2.1% from 115,200, as every Arduino core
  // does; the plain divider would be 3.5% off.
  UCSR0A = _BV(U2X0);
  constexpr uint16_t divider = static_cast<uint16_t>((F_CPU / 4 / kBaud - 1) / 2);
  static_assert(divider == 16, "115200 baud at 16 MHz");
  UBRR0H = static_cast<uint8_t>(divider >> 8);
  UBRR0L = static_cast<uint8_t>(divider);
  UCSR0C = _BV(UCSZ01) | _BV(UCSZ00);
  UCSR0B = _BV(RXEN0) | _BV(TXEN0) | _BV(RXCIE0);
}

bool UartPort::write(const char* data, size_t length) {
  const uint8_t head = gTxHead;
  const uint8_t used = static_cast<uint8_t>(head - gTxTail);
  if (length > static_cast<size_t>(255 - used)) return false;
  uint8_t at = head;
  for (size_t i = 0; i < length; ++i) gTx[at++] = static_cast<uint8_t>(data[i]);
  if (length == 0) return true;
  gTxHead = at;
  // UCSR0B is outside the bit-instruction range: read-modify-write with the ISR held off.
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) { UCSR0B |= _BV(UDRIE0); }
  return true;
}

size_t UartPort::read(uint8_t* buffer, size_t capacity) {
  size_t count = 0;
  uint8_t tail = gRxTail;
  while (count < capacity && tail != gRxHead) {
    buffer[count++] = gRx[tail];
    tail = static_cast<uint8_t>((tail + 1) & kRxMask);
  }
  gRxTail = tail;
  return count;
}

bool UartPort::hasInput() { return gRxTail != gRxHead; }

uint16_t UartPort::inputOverflows() {
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) { return gRxOverflows; }
  return 0;
}
