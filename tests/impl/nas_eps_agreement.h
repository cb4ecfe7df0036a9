// Whether the EPS spec twin (spec/codec/nas_eps.h) and the zero-copy codec (impl/codec/nas_eps.h)
// say the same of some octets, as nas_agreement.h compares them: the impl's views as spec values,
// and every decoder pair. Written once for the differential tests and the fuzz target alike.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "impl/codec/nas_eps.h"
#include "spec/codec/nas_eps.h"
#include "tests/impl/nas_agreement.h"

namespace secmode::test::nas_eps {

namespace sn = secmode::spec::nas;
namespace in = secmode::impl::nas;

// ---- the impl's views as spec values, so spec's operator== compares every field ------------

inline sn::SecurityModeCommand to_spec(const in::SecurityModeCommand& m) {
  sn::SecurityModeCommand s;
  s.selected_nas_security_algorithms = {m.selected_nas_security_algorithms.ciphering,
                                        m.selected_nas_security_algorithms.integrity};
  s.nas_key_set_identifier = {m.nas_key_set_identifier.mapped, m.nas_key_set_identifier.ksi};
  const auto caps = m.replayed_ue_security_capabilities;
  auto& c = s.replayed_ue_security_capabilities;
  if (caps.size() >= 2) c = {caps[0], caps[1], std::nullopt, std::nullopt, std::nullopt};
  if (caps.size() >= 4) c.uea = caps[2], c.uia = caps[3];
  if (caps.size() >= 5) c.gea = caps[4];
  s.imeisv_request = m.imeisv_request;
  s.replayed_nonce_ue = m.replayed_nonce_ue;
  s.nonce_mme = m.nonce_mme;
  if (m.hash_mme) {
    s.hash_mme.emplace();
    std::copy(m.hash_mme->begin(), m.hash_mme->end(), s.hash_mme->begin());
  }
  if (const auto& a = m.replayed_ue_additional_security_capability)
    s.replayed_ue_additional_security_capability = sn::UeAdditionalSecurityCapability{a->ea, a->ia};
  s.ue_radio_capability_id_request = m.ue_radio_capability_id_request;
  return s;
}

inline std::string imeisv_string(std::span<const std::uint8_t, 9> bcd) {
  std::array<char, 16> digits{};
  in::imeisv_digits(bcd, digits);
  return std::string(digits.begin(), digits.end());
}

inline sn::SecurityModeComplete to_spec(const in::SecurityModeComplete& m) {
  sn::SecurityModeComplete s;
  if (m.imeisv) s.imeisv = imeisv_string(*m.imeisv);
  if (const auto& c = m.replayed_nas_message_container) s.replayed_nas_message_container = bytes(*c);
  if (const auto& id = m.ue_radio_capability_id) s.ue_radio_capability_id = bytes(*id);
  return s;
}

inline sn::SecurityModeReject to_spec(const in::SecurityModeReject& m) { return {m.emm_cause}; }

inline sn::SecurityModeMessage to_spec(const in::SecurityModeMessage& m) {
  return std::visit([](const auto& v) { return sn::SecurityModeMessage(to_spec(v)); }, m);
}

inline sn::SecurityProtectedMessage to_spec(const in::SecurityProtectedMessage& m) {
  return {static_cast<sn::SecurityHeaderType>(m.type), m.mac, m.sequence_number,
          bytes(m.nas_message)};
}

inline constexpr auto kToSpec = [](const auto& v) { return to_spec(v); };

// Every decoder pair on the same octets; "" when all agree, else the first difference.
inline std::string decoders_disagree(ByteView pdu) {
  std::string d = disagreement(sn::decode_security_protected(pdu),
                               in::decode_security_protected(pdu), {}, kToSpec);
  if (d.empty())
    d = pair_disagreement(pdu, sn::decode_security_mode_message, in::decode_security_mode_message,
                          kToSpec);
  if (d.empty())
    d = pair_disagreement(pdu, sn::decode_security_mode_command, in::decode_security_mode_command,
                          kToSpec);
  if (d.empty())
    d = pair_disagreement(pdu, sn::decode_security_mode_complete,
                          in::decode_security_mode_complete, kToSpec);
  if (d.empty())
    d = pair_disagreement(pdu, sn::decode_security_mode_reject, in::decode_security_mode_reject,
                          kToSpec);
  return d;
}

}  // namespace secmode::test::nas_eps
