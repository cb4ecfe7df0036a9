#include "cli/args.h"

#include "spec/hex.h"

namespace secmode::cli {

spec::Bytes hex_arg(std::string_view arg, const std::string& text, std::size_t exact) {
  spec::Bytes out;
  if (auto err = spec::parse_hex(text, out))
    throw UsageError(std::string(arg) + ": bad hex at offset " + std::to_string(err->offset) + ": " + err->reason);
  if (exact != 0 && out.size() != exact)
    throw UsageError(std::string(arg) + ": expected " + std::to_string(exact) + " bytes (" +
                     std::to_string(2 * exact) + " hex digits), got " + std::to_string(out.size()));
  return out;
}

std::uint64_t uint_arg(std::string_view arg, const std::string& text, std::uint64_t max) {
  const bool is_hex = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
  const std::string_view digits = std::string_view(text).substr(is_hex ? 2 : 0);
  if (digits.empty()) throw UsageError(std::string(arg) + ": expected a number, got '" + text + "'");
  std::uint64_t v = 0;
  for (char c : digits) {
    int d = -1;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (is_hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (is_hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
    if (d < 0) throw UsageError(std::string(arg) + ": '" + text + "' is not a " + (is_hex ? "hex" : "decimal") + " number");
    const std::uint64_t base = is_hex ? 16 : 10;
    if (static_cast<std::uint64_t>(d) > max || v > (max - static_cast<std::uint64_t>(d)) / base)
      throw UsageError(std::string(arg) + ": " + text + " is out of range (at most " + std::to_string(max) + ")");
    v = v * base + static_cast<std::uint64_t>(d);
  }
  return v;
}

}  // namespace secmode::cli
