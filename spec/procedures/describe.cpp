#include "spec/procedures/describe.h"

#include <cstdio>

namespace secmode::spec {

std::string key_name(std::uint32_t key) {
  // Appended rather than "K" + ...: GCC 12 warns (-Wrestrict, a false positive) on literal + string.
  return key == 0 ? std::string("no key") : std::string("K").append(std::to_string(key));
}

std::string algorithms(const char* enc, std::uint32_t ea, const char* integ, std::uint32_t ia) {
  return enc + std::to_string(ea) + "/" + integ + std::to_string(ia);
}

std::string as_protection(bool integrity, bool ciphered, std::uint32_t key, std::uint32_t eea, std::uint32_t eia) {
  if (!integrity && !ciphered) return "unprotected";
  std::string p = integrity ? "MAC-I by " + key_name(key) + " EIA" + std::to_string(eia) : "no MAC-I";
  return ciphered ? p + ", ciphered EEA" + std::to_string(eea) : p + ", not ciphered";
}

std::string hex_word(std::uint32_t x) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%04x", x);
  return buf;
}

std::string channel_slot(const char* channel, std::uint32_t i) {
  std::string out(channel);
  out += i == 0 ? "[0]" : "[1]";
  return out;
}

}  // namespace secmode::spec
