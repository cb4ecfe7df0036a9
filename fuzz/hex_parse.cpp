// spec::parse_hex on arbitrary text: never crashes; accepted input round-trips; a rejected
// input's error offset lies inside the input.
#include <cstdlib>
#include <string>
#include <string_view>

#include "spec/hex.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  secmode::spec::Bytes out;
  if (auto err = secmode::spec::parse_hex(text, out)) {
    if (err->offset > text.size()) std::abort();
    return 0;
  }
  std::string lower(text.substr(text.size() >= 2 && text[0] == '0' && (text[1] | 0x20) == 'x' ? 2 : 0));
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'F' ? c + 32 : c);
  if (secmode::spec::to_hex(out) != lower) std::abort();
  return 0;
}
