// Command-line values: strict parsing with errors that name the argument.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "spec/crypto/bytes.h"

namespace secmode::cli {

// Bad user input: main() prints "secmode: <what>" on one line and exits 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Hex bytes of `arg`; `exact` > 0 demands that many bytes.
spec::Bytes hex_arg(std::string_view arg, const std::string& text, std::size_t exact = 0);

// Decimal or 0x-hex integer of `arg`, at most `max`.
std::uint64_t uint_arg(std::string_view arg, const std::string& text, std::uint64_t max);

}  // namespace secmode::cli
