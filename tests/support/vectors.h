// The one loader for the JSON test vectors in tests/vectors/ (schema: tests/vectors/README.md).
// Spec tests, impl tests and CLI tests all read vectors through it.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace secmode::test {

// The "vectors" array of tests/vectors/<family>.json. Throws if the file is missing,
// malformed, or its "count" disagrees with the number of vectors (so a truncated file
// cannot make a test pass vacuously).
const nlohmann::json& vectors(std::string_view family);

// Vectors of `family` whose `field` equals `value` (e.g. "algorithm" = "128-EEA1").
std::vector<nlohmann::json> vectors_where(std::string_view family, std::string_view field,
                                          std::string_view value);

std::vector<std::uint8_t> hex(const nlohmann::json& v);
std::vector<std::uint8_t> hex(std::string_view s);
inline std::vector<std::uint8_t> hex(const char* s) { return hex(std::string_view(s)); }
std::string to_hex(const std::vector<std::uint8_t>& b);

}  // namespace secmode::test
