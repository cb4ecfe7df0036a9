// The seeded generator of the interop tests. std::mt19937 reduced with %, rather than RapidCheck:
// the messages are then the same with any standard library, and the property generators live in
// anonymous namespaces anyway. The values built from it must also be ones Wireshark can dissect
// (EAP messages, NAS message containers holding real NAS messages) so that a disagreement is about
// a field, not about random octets that no dissector could read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>

#include "spec/crypto/bytes.h"

namespace secmode::test::interop {

class Rng {
 public:
  explicit Rng(std::uint32_t seed) : engine_(seed) {}
  // Uniform enough for test data; % keeps the sequence the same with every standard library.
  std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(engine_() % n); }
  std::uint32_t u32() { return static_cast<std::uint32_t>(engine_()); }
  bool coin() { return below(2) == 1; }
  std::uint8_t octet() { return static_cast<std::uint8_t>(below(256)); }
  spec::Bytes octets(std::size_t min, std::size_t max) {
    spec::Bytes b(min + below(static_cast<std::uint32_t>(max - min + 1)));
    for (auto& o : b) o = octet();
    return b;
  }
  std::string digits(std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += static_cast<char>('0' + below(10));
    return s;
  }

 private:
  std::mt19937 engine_;
};

}  // namespace secmode::test::interop
