// Hex text <-> bytes, strict: every input error names the character offset.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "spec/crypto/bytes.h"

namespace secmode::spec {

struct HexError {
  std::size_t offset;  // character offset in the input
  std::string reason;
};

// Accepts an optional "0x" prefix and upper or lower case digits; no separators.
// Returns the error (and leaves `out` unspecified) on odd length or a non-hex digit.
std::optional<HexError> parse_hex(std::string_view text, Bytes& out);

// As parse_hex, but throws std::invalid_argument naming the offset.
Bytes from_hex(std::string_view text);

std::string to_hex(ByteView bytes);

}  // namespace secmode::spec
