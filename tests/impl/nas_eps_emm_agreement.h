// Whether the EMM spec twin (spec/codec/nas_eps_emm.h) and the zero-copy EMM codec
// (impl/codec/nas_eps_emm.h) say the same of some octets, as nas_agreement.h compares them: the
// impl's views as spec values, and every EMM decoder pair. Written once for the differential
// tests and the fuzz target alike.
#pragma once

#include <map>
#include <string>
#include <variant>

#include "impl/codec/nas_eps_emm.h"
#include "spec/codec/nas_eps_emm.h"
#include "tests/impl/nas_eps_agreement.h"

namespace secmode::test::nas_eps {

// ---- the impl's values as spec values --------------------------------------------------------

inline std::string digit_string(const std::array<std::uint8_t, 3>& d, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s.push_back(static_cast<char>('0' + d[i]));
  return s;
}

inline sn::Guti to_spec(const in::Guti& g) {
  return {digit_string(g.mcc, 3), digit_string(g.mnc, g.mnc_digits), g.mme_group_id, g.mme_code,
          g.m_tmsi};
}

inline std::string identity_string(in::ByteView identity) {
  std::array<char, 15> digits{};
  const std::size_t n = in::identity_digits(identity, digits);
  return std::string(digits.begin(), digits.begin() + static_cast<std::ptrdiff_t>(n));
}

inline sn::EpsMobileIdentity to_spec(const in::EpsMobileIdentity& id) {
  if (const auto* imsi = std::get_if<in::Imsi>(&id)) return sn::Imsi{identity_string(imsi->identity)};
  if (const auto* imei = std::get_if<in::Imei>(&id)) return sn::Imei{identity_string(imei->identity)};
  return to_spec(std::get<in::Guti>(id));
}

// 9.9.3.34 octets 3.. as the spec twin splits them.
inline sn::UeNetworkCapability ue_network_capability(in::ByteView c) {
  sn::UeNetworkCapability s{c.size() > 0 ? c[0] : std::uint8_t{0},
                            c.size() > 1 ? c[1] : std::uint8_t{0}, {}, {}, {}};
  if (c.size() > 2) s.uea = c[2];
  if (c.size() > 3) s.uia = c[3];
  if (c.size() > 4) s.rest = bytes(c.subspan(4));
  return s;
}

// Type 1 rows of the EMM tables have bit 8 of the IEI set; their value is the nibble.
inline sn::RawIes to_spec(const in::RawIes& raw) {
  sn::RawIes s;
  for (const auto& ie : raw.view())
    s[ie.iei] = (ie.iei & 0x80) ? Bytes{ie.half} : bytes(ie.value);
  return s;
}

inline std::optional<sn::UeAdditionalSecurityCapability> to_spec(
    const std::optional<in::UeAdditionalSecurityCapability>& c) {
  if (!c) return std::nullopt;
  return sn::UeAdditionalSecurityCapability{c->ea, c->ia};
}

inline std::optional<sn::Guti> to_spec(const std::optional<in::Guti>& g) {
  if (!g) return std::nullopt;
  return to_spec(*g);
}

inline std::optional<Bytes> to_spec(const std::optional<in::ByteView>& v) {
  if (!v) return std::nullopt;
  return bytes(*v);
}

inline sn::AttachRequest to_spec(const in::AttachRequest& m) {
  sn::AttachRequest s;
  s.eps_attach_type = m.eps_attach_type;
  s.nas_key_set_identifier = {m.nas_key_set_identifier.mapped, m.nas_key_set_identifier.ksi};
  s.eps_mobile_identity = to_spec(m.eps_mobile_identity);
  s.ue_network_capability = ue_network_capability(m.ue_network_capability);
  s.esm_message_container = bytes(m.esm_message_container);
  s.additional_guti = to_spec(m.additional_guti);
  s.ms_network_capability = to_spec(m.ms_network_capability);
  s.tmsi_status = m.tmsi_status;
  s.old_guti_type_mapped = m.old_guti_type_mapped;
  s.ue_additional_security_capability = to_spec(m.ue_additional_security_capability);
  s.other_ies = to_spec(m.other_ies);
  return s;
}

inline sn::TrackingAreaUpdateRequest to_spec(const in::TrackingAreaUpdateRequest& m) {
  sn::TrackingAreaUpdateRequest s;
  s.eps_update_type = m.eps_update_type;
  s.active_flag = m.active_flag;
  s.nas_key_set_identifier = {m.nas_key_set_identifier.mapped, m.nas_key_set_identifier.ksi};
  s.old_guti = to_spec(m.old_guti);
  if (const auto& k = m.non_current_native_nas_key_set_identifier)
    s.non_current_native_nas_key_set_identifier = sn::NasKeySetIdentifier{k->mapped, k->ksi};
  s.gprs_ciphering_key_sequence_number = m.gprs_ciphering_key_sequence_number;
  s.additional_guti = to_spec(m.additional_guti);
  s.nonce_ue = m.nonce_ue;
  if (m.ue_network_capability)
    s.ue_network_capability = ue_network_capability(*m.ue_network_capability);
  s.ms_network_capability = to_spec(m.ms_network_capability);
  s.tmsi_status = m.tmsi_status;
  s.old_guti_type_mapped = m.old_guti_type_mapped;
  s.ue_additional_security_capability = to_spec(m.ue_additional_security_capability);
  s.other_ies = to_spec(m.other_ies);
  return s;
}

template <std::size_t N>
std::array<std::uint8_t, N> fixed(in::ByteView v) {
  std::array<std::uint8_t, N> a{};
  std::copy_n(v.begin(), std::min(N, v.size()), a.begin());
  return a;
}

inline sn::AuthenticationRequest to_spec(const in::AuthenticationRequest& m) {
  return {{m.nas_key_set_identifier_asme.mapped, m.nas_key_set_identifier_asme.ksi},
          fixed<16>(m.rand),
          fixed<16>(m.autn)};
}
inline sn::AuthenticationResponse to_spec(const in::AuthenticationResponse& m) {
  return {bytes(m.res)};
}
inline sn::AuthenticationFailure to_spec(const in::AuthenticationFailure& m) {
  sn::AuthenticationFailure s{m.emm_cause, std::nullopt};
  if (m.auts) s.auts = fixed<14>(*m.auts);
  return s;
}
inline sn::AuthenticationReject to_spec(const in::AuthenticationReject&) { return {}; }
inline sn::ServiceRequest to_spec(const in::ServiceRequest& m) {
  return {m.header_extension, m.ksi, m.sequence_number, m.short_mac};
}

inline sn::EmmMessage to_spec(const in::EmmMessage& m) {
  return std::visit([](const auto& v) { return sn::EmmMessage(to_spec(v)); }, m);
}
inline sn::EmmPdu to_spec(const in::EmmPdu& m) {
  return std::visit([](const auto& v) { return sn::EmmPdu(to_spec(v)); }, m);
}

// kToSpec (nas_eps_agreement.h) is defined before these overloads, so it cannot see them.
inline constexpr auto kEmmToSpec = [](const auto& v) { return to_spec(v); };

// Every EMM decoder pair on the same octets; "" when all agree, else the first difference.
inline std::string emm_decoders_disagree(ByteView pdu) {
  std::string d =
      pair_disagreement(pdu, sn::decode_emm_pdu, in::decode_emm_pdu, kEmmToSpec);
  const auto pair = [&](auto spec_decode, auto impl_decode) {
    if (d.empty()) d = pair_disagreement(pdu, spec_decode, impl_decode, kEmmToSpec);
  };
  pair(sn::decode_emm_message, in::decode_emm_message);
  pair(sn::decode_attach_request, in::decode_attach_request);
  pair(sn::decode_tracking_area_update_request, in::decode_tracking_area_update_request);
  pair(sn::decode_authentication_request, in::decode_authentication_request);
  pair(sn::decode_authentication_response, in::decode_authentication_response);
  pair(sn::decode_authentication_failure, in::decode_authentication_failure);
  pair(sn::decode_authentication_reject, in::decode_authentication_reject);
  pair(sn::decode_service_request, in::decode_service_request);
  return d;
}

}  // namespace secmode::test::nas_eps
