// Whether the 5GS spec twin (spec/codec/nas_5gs.h) and the zero-copy codec (impl/codec/nas_5gs.h)
// say the same of some octets, as nas_agreement.h compares them: the impl's views as spec values,
// the security header types, and every decoder pair. Written once for the differential tests and
// the fuzz target alike.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "impl/codec/nas_5gs.h"
#include "spec/codec/nas_5gs.h"
#include "tests/impl/nas_agreement.h"

namespace secmode::test::nas_5gs {

namespace s5 = secmode::spec::nas5gs;
namespace sn = secmode::spec::nas;
namespace i5 = secmode::impl::nas5gs;

// ---- the impl's views as spec values, so spec's operator== compares every field ------------

inline s5::SecurityModeCommand to_spec(const i5::SecurityModeCommand& m) {
  s5::SecurityModeCommand s;
  s.selected_nas_security_algorithms = {m.selected_nas_security_algorithms.ciphering,
                                        m.selected_nas_security_algorithms.integrity};
  s.ngksi = {m.ngksi.mapped, m.ngksi.ksi};
  const auto caps = m.replayed_ue_security_capabilities;
  auto& c = s.replayed_ue_security_capabilities;
  if (caps.size() >= 2) c = {caps[0], caps[1], std::nullopt, std::nullopt, {}};
  if (caps.size() >= 4) c.eea = caps[2], c.eia = caps[3];
  if (caps.size() > 4) c.octets_7_to_10 = bytes(caps.subspan(4));
  s.imeisv_request = m.imeisv_request;
  if (const auto& a = m.selected_eps_nas_security_algorithms)
    s.selected_eps_nas_security_algorithms = sn::NasSecurityAlgorithms{a->ciphering, a->integrity};
  if (const auto& a = m.additional_5g_security_information)
    s.additional_5g_security_information = s5::Additional5gSecurityInformation{
        a->retransmission_of_initial_nas_message_requested, a->horizontal_derivation_required};
  if (m.eap_message) s.eap_message = bytes(*m.eap_message);
  if (m.abba) s.abba = bytes(*m.abba);
  if (const auto& s1 = m.replayed_s1_ue_security_capabilities) {
    sn::UeSecurityCapability u{};
    if (s1->size() >= 2) u.eea = (*s1)[0], u.eia = (*s1)[1];
    if (s1->size() >= 4) u.uea = (*s1)[2], u.uia = (*s1)[3];
    if (s1->size() >= 5) u.gea = (*s1)[4];
    s.replayed_s1_ue_security_capabilities = u;
  }
  return s;
}

inline std::string imeisv_string(std::span<const std::uint8_t, 9> bcd) {
  std::array<char, 16> digits{};
  i5::imeisv_digits(bcd, digits);
  return std::string(digits.begin(), digits.end());
}

inline std::string imei_string(std::span<const std::uint8_t, 8> bcd) {
  std::array<char, 15> digits{};
  i5::imei_digits(bcd, digits);
  return std::string(digits.begin(), digits.end());
}

inline s5::NonImeisvPei to_spec(const i5::NonImeisvPei& pei) {
  if (const auto* imei = std::get_if<i5::Imei>(&pei)) return s5::Imei{imei_string(imei->identity)};
  if (const auto* mac = std::get_if<i5::MacAddress>(&pei)) {
    s5::MacAddress s;
    std::copy(mac->address.begin(), mac->address.end(), s.address.begin());
    s.not_usable_as_equipment_identifier = mac->not_usable_as_equipment_identifier;
    return s;
  }
  s5::Eui64 s;
  const auto& eui = std::get<i5::Eui64>(pei);
  std::copy(eui.value.begin(), eui.value.end(), s.value.begin());
  return s;
}

inline s5::SecurityModeComplete to_spec(const i5::SecurityModeComplete& m) {
  s5::SecurityModeComplete s;
  if (m.imeisv) s.imeisv = imeisv_string(*m.imeisv);
  if (m.nas_message_container) s.nas_message_container = bytes(*m.nas_message_container);
  if (m.non_imeisv_pei) s.non_imeisv_pei = to_spec(*m.non_imeisv_pei);
  return s;
}

inline s5::SecurityModeReject to_spec(const i5::SecurityModeReject& m) { return {m.cause}; }

inline s5::SecurityModeMessage to_spec(const i5::SecurityModeMessage& m) {
  return std::visit([](const auto& v) { return s5::SecurityModeMessage(to_spec(v)); }, m);
}

inline s5::SecurityProtectedMessage to_spec(const i5::SecurityProtectedMessage& m) {
  return {static_cast<s5::SecurityHeaderType>(m.type), m.mac, m.sequence_number,
          bytes(m.plain_nas_message)};
}

inline constexpr auto kToSpec = [](const auto& v) { return to_spec(v); };

inline std::string header_type_disagreement(ByteView pdu) {
  const auto s = s5::decode_security_header_type(pdu);
  const auto i = i5::decode_security_header_type(pdu);
  if (s.ok() != i.ok()) return "security header types: accept/reject differs";
  if (!s.ok()) return error_disagreement(s.error(), i.error);
  if (static_cast<int>(s.value()) != static_cast<int>(i.value))
    return "security header types differ";
  return "";
}

// Every decoder pair on the same octets; "" when all agree, else the first difference.
inline std::string decoders_disagree(ByteView pdu) {
  std::string d = header_type_disagreement(pdu);
  if (d.empty())
    d = disagreement(s5::decode_security_protected(pdu), i5::decode_security_protected(pdu), {},
                     kToSpec);
  if (d.empty())
    d = pair_disagreement(pdu, s5::decode_security_mode_message, i5::decode_security_mode_message,
                          kToSpec);
  if (d.empty())
    d = pair_disagreement(pdu, s5::decode_security_mode_command, i5::decode_security_mode_command,
                          kToSpec);
  if (d.empty())
    d = pair_disagreement(pdu, s5::decode_security_mode_complete,
                          i5::decode_security_mode_complete, kToSpec);
  if (d.empty())
    d = pair_disagreement(pdu, s5::decode_security_mode_reject, i5::decode_security_mode_reject,
                          kToSpec);
  return d;
}

}  // namespace secmode::test::nas_5gs
