// Words for readable traces: how a counterexample or a witness is printed, one line per step.
#pragma once

#include <cstdint>
#include <string>

namespace secmode::spec {

// "K3" for abstract key identity 3, "no key" for 0 (unprotected or forged).
std::string key_name(std::uint32_t key);
// "EEA1/EIA2".
std::string algorithms(const char* enc, std::uint32_t ea, const char* integ, std::uint32_t ia);
// How an AS message is protected: "unprotected", or "MAC-I by K3 EIA2, ciphered EEA2" /
// "..., not ciphered".
std::string as_protection(bool integrity, bool ciphered, std::uint32_t key, std::uint32_t eea, std::uint32_t eia);
// "0x00e0" style hex of a capability word.
std::string hex_word(std::uint32_t x);
// "dl[0]": slot i (0 or 1) of a composed system's channel.
std::string channel_slot(const char* channel, std::uint32_t i);

}  // namespace secmode::spec
