#include "spec/hex.h"

#include <stdexcept>

namespace secmode::spec {
namespace {
int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::optional<HexError> parse_hex(std::string_view text, Bytes& out) {
  std::size_t base = 0;
  if (text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) base = 2;
  const std::string_view digits = text.substr(base);
  if (digits.size() % 2 != 0)
    return HexError{text.size(), "odd number of hex digits (" + std::to_string(digits.size()) + ")"};
  out.clear();
  out.reserve(digits.size() / 2);
  for (std::size_t i = 0; i < digits.size(); i += 2) {
    const int hi = digit_value(digits[i]);
    const int lo = digit_value(digits[i + 1]);
    if (hi < 0 || lo < 0) {
      const std::size_t bad = base + i + (hi < 0 ? 0 : 1);
      return HexError{bad, std::string("not a hex digit: '") + text[bad] + "'"};
    }
    out.push_back(static_cast<std::uint8_t>(hi << 4 | lo));
  }
  return std::nullopt;
}

Bytes from_hex(std::string_view text) {
  Bytes out;
  if (auto err = parse_hex(text, out))
    throw std::invalid_argument("hex at offset " + std::to_string(err->offset) + ": " + err->reason);
  return out;
}

std::string to_hex(ByteView bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s;
  s.reserve(bytes.size() * 2);
  for (std::uint8_t b : bytes) {
    s.push_back(kDigits[b >> 4]);
    s.push_back(kDigits[b & 0xf]);
  }
  return s;
}

}  // namespace secmode::spec
