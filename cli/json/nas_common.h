// JSON of the IEs EPS and 5GS NAS share in shape (TS 24.301 9.9.3.21/23/36/53, TS 24.501
// 9.11.3.32/34): the two codecs have their own structs with the same members, so these are
// templates over them.
#pragma once

#include <nlohmann/json.hpp>

#include <vector>

#include "cli/json/reader.h"
#include "spec/codec/codec_error.h"
#include "spec/codec/nas_eps.h"
#include "spec/codec/nas_eps_attach_tau.h"

namespace secmode::cli {

// TS 24.301 9.9.3.23 (3-bit identities) / TS 24.501 9.11.3.34 (4-bit).
template <class A>
nlohmann::ordered_json algorithms_json(const A& a) {
  return {{"type_of_ciphering_algorithm", a.ciphering}, {"type_of_integrity_protection_algorithm", a.integrity}};
}

template <class A = spec::nas::NasSecurityAlgorithms>
A read_algorithms(JsonIn in, std::uint64_t max = 7) {
  A a;
  a.ciphering = static_cast<std::uint8_t>(in.uint("type_of_ciphering_algorithm", max));
  a.integrity = static_cast<std::uint8_t>(in.uint("type_of_integrity_protection_algorithm", max));
  in.done();
  return a;
}

// TS 24.301 9.9.3.21 / TS 24.501 9.11.3.32: TSC 0 native, 1 mapped.
template <class K>
nlohmann::ordered_json ksi_json(const K& k) {
  return {{"type_of_security_context_flag", k.mapped ? 1 : 0}, {"nas_key_set_identifier", k.ksi}};
}

template <class K = spec::nas::NasKeySetIdentifier>
K read_ksi(JsonIn in) {
  K k;
  k.mapped = in.uint("type_of_security_context_flag", 1) == 1;
  k.ksi = static_cast<std::uint8_t>(in.uint("nas_key_set_identifier", 7));
  in.done();
  return k;
}

// TS 24.301 9.9.3.36: one integer per octet, bit 8 = algorithm 0.
nlohmann::ordered_json capability_json(const spec::nas::UeSecurityCapability& c);
spec::nas::UeSecurityCapability read_capability(JsonIn in);

// TS 24.301 9.9.3.53: 5G-EA0..15 and 5G-IA0..15 as 16-bit integers, bit 16 = algorithm 0.
nlohmann::ordered_json additional_capability_json(const spec::nas::UeAdditionalSecurityCapability& c);
spec::nas::UeAdditionalSecurityCapability read_additional_capability(JsonIn in);

// A fixed-size field from hex the reader has already checked to be N octets long.
template <std::size_t N>
std::array<std::uint8_t, N> fixed(const spec::Bytes& b) {
  std::array<std::uint8_t, N> out{};
  std::copy(b.begin(), b.end(), out.begin());
  return out;
}

// TS 24.301 9.9.3.34 (UE network capability; also TS 24.501's S1 UE network capability):
// EEA, EIA, UEA, UIA by name, the remaining octets as hex.
nlohmann::ordered_json network_capability_json(const spec::nas::UeNetworkCapability& c);
spec::nas::UeNetworkCapability read_network_capability(JsonIn in);

// IEs the decoder stepped over (TS 24.301 / 24.501 clause 7), informational: `encode` skips them.
nlohmann::ordered_json ignored_json(const std::vector<spec::IgnoredIe>& ignored);

}  // namespace secmode::cli
