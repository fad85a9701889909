// CRC-8/SMBUS, frame encoding and command parsing against the protocol's test vectors.
#include <cstring>
#include <string>

#include "../crossroads-panel/src/core/command-parser.h"
#include "../crossroads-panel/src/core/crc8.h"
#include "../crossroads-panel/src/core/frame-writer.h"
#include "harness.h"

using namespace crossroads;

namespace {

// The protocol's test vectors, copied here so that tests never read the design folder.
const char* const kVectors[] = {
    "HELLO 1 1.0.0 E6614C311B7A4F2C 8 2*D8",
    "BTN 17 3 1*3D",
    "BTN 18 3 0*0A",
    "KNOB 19 0 -2*E4",
    "STATE 20 0008 -2 15*5D",
    "WHO*2B",
    "LED 3 2*C4",
    "PING 42*95",
    "PONG 42*63",
};

std::string written(FrameWriter& frame) {
  CHECK(frame.finish());
  return std::string(frame.data(), frame.size());
}

ParseStatus parse(const std::string& line, Command& command) {
  return parseCommand(line.data(), line.size(), command);
}

}  // namespace

TEST(crc8_check_value_is_F4) {
  CHECK_EQ(crc8Smbus("123456789", 9), 0xF4);
  CHECK_EQ(crc8Smbus("", 0), 0x00);
}

TEST(crc8_matches_every_test_vector) {
  for (const char* vector : kVectors) {
    const char* star = std::strchr(vector, '*');
    CHECK(star != nullptr);
    char hex[2];
    formatHexByte(crc8Smbus(vector, static_cast<size_t>(star - vector)), hex);
    CHECK_EQ(std::string(hex, 2), std::string(star + 1, 2));
  }
}

TEST(crc8_can_continue_over_pieces) {
  const uint8_t first = crc8Smbus("1234", 4);
  CHECK_EQ(crc8Smbus("56789", 5, first), 0xF4);
}

TEST(encode_board_to_host_vectors) {
  FrameWriter hello("HELLO");
  hello.uintField(1).field("1.0.0").field("E6614C311B7A4F2C").uintField(8).uintField(2);
  CHECK_EQ(written(hello), std::string(kVectors[0]) + "\n");
  FrameWriter press("BTN");
  press.uintField(17).uintField(3).uintField(1);
  CHECK_EQ(written(press), std::string(kVectors[1]) + "\n");
  FrameWriter release("BTN");
  release.uintField(18).uintField(3).uintField(0);
  CHECK_EQ(written(release), std::string(kVectors[2]) + "\n");
  FrameWriter knob("KNOB");
  knob.uintField(19).uintField(0).intField(-2);
  CHECK_EQ(written(knob), std::string(kVectors[3]) + "\n");
  FrameWriter state("STATE");
  state.uintField(20).hexField(0x8, 4).intField(-2).intField(15);
  CHECK_EQ(written(state), std::string(kVectors[4]) + "\n");
  FrameWriter pong("PONG");
  pong.uintField(42);
  CHECK_EQ(written(pong), std::string(kVectors[8]) + "\n");
}

TEST(encode_host_to_board_vectors) {
  FrameWriter who("WHO");
  CHECK_EQ(written(who), std::string(kVectors[5]) + "\n");
  FrameWriter led("LED");
  led.uintField(3).uintField(2);
  CHECK_EQ(written(led), std::string(kVectors[6]) + "\n");
  FrameWriter ping("PING");
  ping.uintField(42);
  CHECK_EQ(written(ping), std::string(kVectors[7]) + "\n");
}

TEST(encode_extreme_numbers_and_hex) {
  FrameWriter frame("X");
  frame.intField(INT32_MIN).intField(INT32_MAX).uintField(UINT32_MAX).hexField(0xABCDEF12, 4).hexField(0, 2);
  const std::string text = written(frame);
  CHECK_EQ(text.substr(0, text.find('*')), std::string("X -2147483648 2147483647 4294967295 ABCDEF12 00"));
}

// Protocol 1.1's 128-byte limit carries the longest legal frame: a STATE for
// 32 buttons and 8 knobs at their extreme counts, 118 bytes.
TEST(encode_the_longest_legal_state_within_the_line_limit) {
  FrameWriter frame("STATE");
  frame.uintField(255).hexField(0xFFFFFFFF, 4);
  for (int k = 0; k < 8; ++k) frame.intField(INT32_MIN);
  CHECK(frame.finish());
  CHECK_EQ(frame.size(), size_t{118});
}

// Numbers that fit 16 bits take a faster path: both sides of the edge must agree.
TEST(encode_numbers_around_the_16_bit_edge) {
  FrameWriter frame("X");
  frame.uintField(0).uintField(9).uintField(65535).uintField(65536).uintField(655359).intField(-65535).intField(-65536).intField(-1);
  const std::string text = written(frame);
  CHECK_EQ(text.substr(0, text.find('*')), std::string("X 0 9 65535 65536 655359 -65535 -65536 -1"));
}

TEST(encode_sanitizes_fields_so_a_frame_stays_one_line) {
  FrameWriter frame("LOG");
  frame.text("a*b\nc d");
  const std::string text = written(frame);
  CHECK_EQ(text.substr(0, text.find('*')), std::string("LOG a?b?c d"));
  FrameWriter field("HELLO");
  field.field("a b");
  const std::string fieldText = written(field);
  CHECK_EQ(fieldText.substr(0, fieldText.find('*')), std::string("HELLO a?b"));
}

TEST(encode_refuses_a_frame_over_128_bytes) {
  FrameWriter frame("LOG");
  frame.text(std::string(121, 'x').c_str());  // "LOG " + 121 + "*CC\n" = 129 bytes
  CHECK(!frame.finish());
  FrameWriter fits("LOG");
  fits.text(std::string(120, 'x').c_str());  // exactly 128 bytes
  CHECK(fits.finish());
  CHECK_EQ(fits.size(), size_t{128});
}

TEST(parse_host_vectors_with_crc) {
  Command command;
  CHECK(parse(kVectors[5], command) == ParseStatus::Ok);
  CHECK(command.type == CommandType::Who);
  CHECK(parse(kVectors[6], command) == ParseStatus::Ok);
  CHECK(command.type == CommandType::Led);
  CHECK_EQ(command.index, 3);
  CHECK(command.mode == LedMode::SlowBlink);
  CHECK(parse(kVectors[7], command) == ParseStatus::Ok);
  CHECK(command.type == CommandType::Ping);
  CHECK_EQ(command.ping, 42);
}

TEST(parse_without_crc_as_typed_in_a_serial_monitor) {
  Command command;
  CHECK(parse("WHO", command) == ParseStatus::Ok);
  CHECK(parse("LED 0 1", command) == ParseStatus::Ok);
  CHECK(command.index == 0 && command.mode == LedMode::On);
  CHECK(parse("PING 1", command) == ParseStatus::Ok);
  CHECK_EQ(command.ping, 1);
  CHECK(parse("PING 65535\r", command) == ParseStatus::Ok);
  CHECK_EQ(command.ping, 65535);
}

TEST(parse_refuses_a_wrong_crc) {
  Command command;
  CHECK(parse("WHO*2C", command) == ParseStatus::BadCrc);
  CHECK(parse("LED 3 2*C5", command) == ParseStatus::BadCrc);
  CHECK(parse("PING 43*95", command) == ParseStatus::BadCrc);
  CHECK(parse("WHO*", command) == ParseStatus::BadCrc);
  CHECK(parse("WHO*2", command) == ParseStatus::BadCrc);
  CHECK(parse("WHO*2BX", command) == ParseStatus::BadCrc);
  CHECK(parse("WHO*G1", command) == ParseStatus::BadCrc);
  CHECK(parse("WHO*2b", command) == ParseStatus::Ok);  // lower-case hex is accepted from the host
}

TEST(parse_refuses_unknown_types_and_bad_fields) {
  Command command;
  CHECK(parse("", command) == ParseStatus::Empty);
  CHECK(parse("\r", command) == ParseStatus::Empty);
  CHECK(parse("HELLO 1", command) == ParseStatus::UnknownType);
  CHECK(parse("who", command) == ParseStatus::UnknownType);
  CHECK(parse(" WHO", command) == ParseStatus::UnknownType);
  CHECK(parse("WHO 1", command) == ParseStatus::BadFields);
  CHECK(parse("LED 3", command) == ParseStatus::BadFields);
  CHECK(parse("LED 3 4", command) == ParseStatus::BadFields);
  CHECK(parse("LED 32 1", command) == ParseStatus::BadFields);
  CHECK(parse("LED -1 1", command) == ParseStatus::BadFields);
  CHECK(parse("LED  3 2", command) == ParseStatus::BadFields);
  CHECK(parse("LED 3 2 ", command) == ParseStatus::BadFields);
  CHECK(parse("LED 3 2 1", command) == ParseStatus::BadFields);
  CHECK(parse("PING", command) == ParseStatus::BadFields);
  CHECK(parse("PING 65536", command) == ParseStatus::BadFields);
  CHECK(parse("PING 123456", command) == ParseStatus::BadFields);
  CHECK(parse("PING 4x", command) == ParseStatus::BadFields);
  CHECK(parse("PING +4", command) == ParseStatus::BadFields);
}

TEST(line_assembler_ignores_carriage_returns) {
  LineAssembler lines;
  const std::string input = "LED 0 1\r\n";
  int complete = 0;
  for (char c : input) {
    if (lines.push(static_cast<uint8_t>(c)) == LineAssembler::Result::Line) {
      ++complete;
      CHECK_EQ(std::string(lines.line(), lines.length()), std::string("LED 0 1"));
    }
  }
  CHECK_EQ(complete, 1);
}

TEST(line_assembler_drops_lines_over_128_bytes_whole) {
  LineAssembler lines;
  std::string accepted;
  int dropped = 0;
  auto feed = [&](const std::string& text) {
    for (char c : text) {
      switch (lines.push(static_cast<uint8_t>(c))) {
        case LineAssembler::Result::Line: accepted = std::string(lines.line(), lines.length()); break;
        case LineAssembler::Result::Dropped: ++dropped; break;
        case LineAssembler::Result::None: break;
      }
    }
  };
  feed(std::string(127, 'A') + "\n");  // 128 bytes with the terminator: allowed
  CHECK_EQ(accepted.size(), size_t{127});
  CHECK_EQ(dropped, 0);
  feed(std::string(128, 'B') + "\n");  // 129 bytes: dropped whole
  CHECK_EQ(dropped, 1);
  CHECK_EQ(accepted.size(), size_t{127});
  feed(std::string(300, 'C') + "WHO\n");  // the tail of a long line never becomes a command
  CHECK_EQ(dropped, 2);
  CHECK_EQ(accepted[0], 'A');
  feed("WHO\n");  // and the next line is read normally
  CHECK_EQ(accepted, std::string("WHO"));
  CHECK_EQ(lines.droppedLines(), 2u);
  feed(std::string(95, 'D') + "\r\n");  // '\r' does not count towards the limit
  CHECK_EQ(accepted.size(), size_t{95});
  CHECK_EQ(dropped, 2);
}
