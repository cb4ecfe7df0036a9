// Whether the 5GMM spec twin (spec/codec/nas_5gs_mm.h) and the zero-copy 5GMM codec
// (impl/codec/nas_5gs_mm.h) say the same of some octets, as nas_agreement.h compares them: the
// impl's views as spec values, and every 5GMM decoder pair. Written once for the differential
// tests and the fuzz target alike.
#pragma once

#include <algorithm>
#include <array>
#include <string>
#include <variant>

#include "impl/codec/nas_5gs_mm.h"
#include "spec/codec/nas_5gs_mm.h"
#include "tests/impl/nas_5gs_agreement.h"
#include "tests/impl/nas_eps_emm_agreement.h"  // nas_eps::ue_network_capability

namespace secmode::test::nas_5gs {

// ---- the impl's values as spec values --------------------------------------------------------

inline std::string digit_string(const std::array<std::uint8_t, 3>& d, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s.push_back(static_cast<char>('0' + d[i]));
  return s;
}

inline s5::FiveGGuti to_spec(const i5::FiveGGuti& g) {
  return {digit_string(g.mcc, 3), digit_string(g.mnc, g.mnc_digits), g.amf_region_id,
          g.amf_set_id,           g.amf_pointer,                    g.five_g_tmsi};
}

inline s5::MobileIdentity to_spec(const i5::MobileIdentity& id) {
  if (const auto* s = std::get_if<i5::SuciImsi>(&id))
    return s5::SuciImsi{s->supi_format,          s->plmn,
                        s->routing_indicator,    s->protection_scheme_id,
                        s->home_network_public_key_id, bytes(s->scheme_output)};
  if (const auto* n = std::get_if<i5::SuciNai>(&id)) return s5::SuciNai{n->supi_format, bytes(n->nai)};
  if (const auto* g = std::get_if<i5::FiveGGuti>(&id)) return to_spec(*g);
  if (const auto* t = std::get_if<i5::FiveGSTmsi>(&id))
    return s5::FiveGSTmsi{t->amf_set_id, t->amf_pointer, t->five_g_tmsi};
  if (const auto* v = std::get_if<i5::Imeisv>(&id)) return s5::Imeisv{imeisv_string(v->identity)};
  if (const auto* i = std::get_if<i5::Imei>(&id)) return std::get<s5::Imei>(to_spec(i5::NonImeisvPei(*i)));
  if (const auto* m = std::get_if<i5::MacAddress>(&id))
    return std::get<s5::MacAddress>(to_spec(i5::NonImeisvPei(*m)));
  if (const auto* e = std::get_if<i5::Eui64>(&id))
    return std::get<s5::Eui64>(to_spec(i5::NonImeisvPei(*e)));
  return s5::NoIdentity{};
}

// 9.11.3.54 octets 3.. as the spec twin splits them.
inline s5::UeSecurityCapability ue_security_capability(ByteView c) {
  s5::UeSecurityCapability s{c.size() > 0 ? c[0] : std::uint8_t{0},
                             c.size() > 1 ? c[1] : std::uint8_t{0}, {}, {}, {}};
  if (c.size() >= 4) s.eea = c[2], s.eia = c[3];
  if (c.size() > 4) s.octets_7_to_10 = bytes(c.subspan(4));
  return s;
}

// Type 1 rows of table 8.2.6.1.1 have bit 8 of the IEI set; their value is the nibble.
inline sn::RawIes to_spec(const i5::RawIes& raw) {
  sn::RawIes s;
  for (const auto& ie : raw.view()) s[ie.iei] = (ie.iei & 0x80) ? Bytes{ie.half} : bytes(ie.value);
  return s;
}

inline std::optional<Bytes> optional_bytes(const std::optional<ByteView>& v) {
  if (!v) return std::nullopt;
  return bytes(*v);
}
template <std::size_t N>
std::optional<std::array<std::uint8_t, N>> optional_array(
    const std::optional<std::span<const std::uint8_t, N>>& v) {
  if (!v) return std::nullopt;
  std::array<std::uint8_t, N> a{};
  std::copy(v->begin(), v->end(), a.begin());
  return a;
}
inline s5::NasKeySetIdentifier to_spec(const i5::NasKeySetIdentifier& k) {
  return {k.mapped, k.ksi};
}

inline s5::RegistrationRequest to_spec(const i5::RegistrationRequest& m) {
  s5::RegistrationRequest s;
  s.registration_type = m.registration_type;
  s.follow_on_request = m.follow_on_request;
  s.ngksi = to_spec(m.ngksi);
  s.mobile_identity = to_spec(m.mobile_identity);
  if (m.non_current_native_ngksi) s.non_current_native_ngksi = to_spec(*m.non_current_native_ngksi);
  if (m.five_gmm_capability) s.five_gmm_capability = s5::FiveGmmCapability{bytes(*m.five_gmm_capability)};
  if (m.ue_security_capability)
    s.ue_security_capability = ue_security_capability(*m.ue_security_capability);
  if (m.s1_ue_network_capability)
    s.s1_ue_network_capability = nas_eps::ue_network_capability(*m.s1_ue_network_capability);
  if (m.additional_guti) s.additional_guti = to_spec(*m.additional_guti);
  s.nas_message_container = optional_bytes(m.nas_message_container);
  s.other_ies = to_spec(m.other_ies);
  return s;
}

inline s5::AuthenticationRequest to_spec(const i5::AuthenticationRequest& m) {
  return {to_spec(m.ngksi), bytes(m.abba), optional_array(m.rand), optional_array(m.autn),
          optional_bytes(m.eap_message)};
}
inline s5::AuthenticationResponse to_spec(const i5::AuthenticationResponse& m) {
  return {optional_array(m.res_star), optional_bytes(m.eap_message)};
}
inline s5::AuthenticationResult to_spec(const i5::AuthenticationResult& m) {
  return {to_spec(m.ngksi), bytes(m.eap_message), optional_bytes(m.abba)};
}
inline s5::AuthenticationFailure to_spec(const i5::AuthenticationFailure& m) {
  return {m.cause, optional_array(m.auts)};
}
inline s5::AuthenticationReject to_spec(const i5::AuthenticationReject& m) {
  return {optional_bytes(m.eap_message)};
}

inline s5::FiveGmmMessage to_spec(const i5::FiveGmmMessage& m) {
  return std::visit([](const auto& v) { return s5::FiveGmmMessage(to_spec(v)); }, m);
}

// kToSpec (nas_5gs_agreement.h) is defined before these overloads, so it cannot see them.
inline constexpr auto kMmToSpec = [](const auto& v) { return to_spec(v); };

// Every 5GMM decoder pair on the same octets; "" when all agree, else the first difference.
inline std::string mm_decoders_disagree(ByteView pdu) {
  std::string d = pair_disagreement(pdu, s5::decode_5gmm_message, i5::decode_5gmm_message, kMmToSpec);
  const auto pair = [&](auto spec_decode, auto impl_decode) {
    if (d.empty()) d = pair_disagreement(pdu, spec_decode, impl_decode, kMmToSpec);
  };
  pair(s5::decode_registration_request, i5::decode_registration_request);
  pair(s5::decode_authentication_request, i5::decode_authentication_request);
  pair(s5::decode_authentication_response, i5::decode_authentication_response);
  pair(s5::decode_authentication_result, i5::decode_authentication_result);
  pair(s5::decode_authentication_failure, i5::decode_authentication_failure);
  pair(s5::decode_authentication_reject, i5::decode_authentication_reject);
  return d;
}

}  // namespace secmode::test::nas_5gs
