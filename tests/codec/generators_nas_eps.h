// RapidCheck generators of EPS NAS messages: every value the spec-twin encoders accept (the
// contracts in spec/codec/nas_eps*.h), and the IE shapes of their tables for
// nas_gen::ie_shaped_octets. Shared by the codec properties, the spec/impl differential tests
// and the CLI's JSON round trips.
#pragma once

#include <rapidcheck.h>

#include <array>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "spec/codec/nas_eps_emm.h"
#include "tests/codec/checks.h"
#include "tests/codec/generators_nas.h"

namespace secmode::test::nas_eps_gen {

using namespace secmode::spec;
using namespace secmode::spec::nas;
using test::maybe;

using nas_gen::digits;
using nas_gen::octet;
using nas_gen::octets;
using nas_gen::three_bits;

inline UeSecurityCapability gen_ue_security_capability() {
  UeSecurityCapability caps{*octet(), *octet(), std::nullopt, std::nullopt, std::nullopt};
  const int extra = *rc::gen::element(0, 2, 3);  // 9.9.3.36: 2, 4 or 5 octets
  if (extra >= 2) {
    caps.uea = *octet();
    caps.uia = *octet();
  }
  if (extra == 3) caps.gea = *octet();
  return caps;
}

inline SecurityModeCommand gen_command() {
  SecurityModeCommand m;
  m.selected_nas_security_algorithms = {*three_bits(), *three_bits()};
  m.nas_key_set_identifier = {*rc::gen::arbitrary<bool>(), *rc::gen::inRange<std::uint8_t>(0, 7)};
  m.replayed_ue_security_capabilities = gen_ue_security_capability();
  m.imeisv_request = maybe(three_bits());
  m.replayed_nonce_ue = maybe(rc::gen::arbitrary<std::uint32_t>());
  m.nonce_mme = maybe(rc::gen::arbitrary<std::uint32_t>());
  m.hash_mme = maybe(rc::gen::arbitrary<std::array<std::uint8_t, 8>>());
  if (*rc::gen::arbitrary<bool>())
    m.replayed_ue_additional_security_capability = UeAdditionalSecurityCapability{
        *rc::gen::arbitrary<std::uint16_t>(), *rc::gen::arbitrary<std::uint16_t>()};
  m.ue_radio_capability_id_request = maybe(rc::gen::arbitrary<bool>());
  return m;
}

inline SecurityModeComplete gen_complete() {
  SecurityModeComplete m;
  if (*rc::gen::arbitrary<bool>())
    m.imeisv =
        *rc::gen::container<std::string>(16, rc::gen::inRange('0', static_cast<char>('9' + 1)));
  if (*rc::gen::arbitrary<bool>()) {
    const bool large = *rc::gen::inRange(0, 20) == 0;  // now and then past one length octet
    m.replayed_nas_message_container = octets(0, large ? 2000 : 40);
  }
  if (*rc::gen::arbitrary<bool>()) m.ue_radio_capability_id = octets(1, 255);
  return m;
}

inline SecurityModeMessage gen_message() {
  switch (*rc::gen::inRange(0, 3)) {
    case 0:
      return gen_command();
    case 1:
      return gen_complete();
    default:
      return SecurityModeReject{*octet()};
  }
}

inline SecurityProtectedMessage gen_protected() {
  SecurityProtectedMessage p;
  p.type = static_cast<SecurityHeaderType>(*rc::gen::inRange<std::uint8_t>(1, 6));
  p.mac = *rc::gen::arbitrary<Mac32>();
  p.sequence_number = *octet();
  p.nas_message = *rc::gen::element(octets(1, 60), encode(gen_message()));
  return p;
}

inline NasKeySetIdentifier key_set(std::uint8_t max) {
  return {*rc::gen::arbitrary<bool>(), *rc::gen::inRange<std::uint8_t>(0, max + 1)};
}

inline Guti gen_guti() {
  return {digits(3, 3), digits(2, 3), *rc::gen::arbitrary<std::uint16_t>(), *octet(),
          *rc::gen::arbitrary<std::uint32_t>()};
}

inline EpsMobileIdentity gen_identity() {
  switch (*rc::gen::inRange(0, 3)) {
    case 0:
      return Imsi{digits(6, 15)};
    case 1:
      return Imei{digits(15, 15)};
    default:
      return gen_guti();
  }
}

inline UeNetworkCapability gen_ue_network_capability() {
  UeNetworkCapability c{*octet(), *octet(), {}, {}, {}};
  const auto extra = *rc::gen::inRange(0, 12);  // 9.9.3.34: 2..13 octets
  if (extra >= 1) c.uea = *octet();
  if (extra >= 2) c.uia = *octet();
  if (extra >= 3)
    c.rest = octets(static_cast<std::size_t>(extra - 2), static_cast<std::size_t>(extra - 2));
  return c;
}

inline std::optional<UeAdditionalSecurityCapability> gen_additional_capability() {
  if (!*rc::gen::arbitrary<bool>()) return std::nullopt;
  return UeAdditionalSecurityCapability{*rc::gen::arbitrary<std::uint16_t>(),
                                        *rc::gen::arbitrary<std::uint16_t>()};
}

// Some raw rows of a message table (IEI, value length range; 0xff max marks a type 1 nibble).
inline RawIes gen_raw(
    const std::vector<std::pair<std::uint8_t, std::pair<std::size_t, std::size_t>>>& rows) {
  RawIes raw;
  for (const auto& [iei, length] : rows) {
    if (!*rc::gen::arbitrary<bool>()) continue;
    raw[iei] = (iei & 0x80) ? Bytes{*rc::gen::inRange<std::uint8_t>(0, 16)}
                            : octets(length.first, length.second);
  }
  return raw;
}

inline AttachRequest gen_attach() {
  AttachRequest m;
  m.eps_attach_type = *rc::gen::inRange<std::uint8_t>(0, 7);
  m.nas_key_set_identifier = key_set(7);
  m.eps_mobile_identity = gen_identity();
  m.ue_network_capability = gen_ue_network_capability();
  const bool large = *rc::gen::inRange(0, 20) == 0;  // now and then past 255 octets
  m.esm_message_container = octets(3, large ? 700 : 40);
  m.additional_guti = maybe(rc::gen::exec(gen_guti));
  if (*rc::gen::arbitrary<bool>()) m.ms_network_capability = octets(2, 8);
  m.tmsi_status = maybe(rc::gen::arbitrary<bool>());
  m.old_guti_type_mapped = maybe(rc::gen::arbitrary<bool>());
  m.ue_additional_security_capability = gen_additional_capability();
  m.other_ies = gen_raw({{0x19, {3, 3}},
                         {0x52, {5, 5}},
                         {0x5c, {2, 2}},
                         {0x20, {0, 32}},
                         {0x40, {3, 40}},
                         {0xf0, {0, 0}},
                         {0xd0, {0, 0}},
                         {0xc0, {0, 0}},
                         {0x6d, {1, 1}},
                         {0x17, {1, 1}},
                         {0x35, {1, 30}},
                         {0x38, {2, 2}}});
  return m;
}

inline TrackingAreaUpdateRequest gen_tau() {
  TrackingAreaUpdateRequest m;
  m.eps_update_type = *rc::gen::inRange<std::uint8_t>(0, 6);
  m.active_flag = *rc::gen::arbitrary<bool>();
  m.nas_key_set_identifier = key_set(7);
  m.old_guti = gen_guti();
  if (*rc::gen::arbitrary<bool>()) m.non_current_native_nas_key_set_identifier = key_set(7);
  m.gprs_ciphering_key_sequence_number = maybe(three_bits());
  m.additional_guti = maybe(rc::gen::exec(gen_guti));
  m.nonce_ue = maybe(rc::gen::arbitrary<std::uint32_t>());
  if (*rc::gen::arbitrary<bool>()) m.ue_network_capability = gen_ue_network_capability();
  if (*rc::gen::arbitrary<bool>()) m.ms_network_capability = octets(2, 8);
  m.tmsi_status = maybe(rc::gen::arbitrary<bool>());
  m.old_guti_type_mapped = maybe(rc::gen::arbitrary<bool>());
  m.ue_additional_security_capability = gen_additional_capability();
  m.other_ies = gen_raw({{0xa0, {0, 0}},
                         {0x57, {2, 2}},
                         {0x13, {5, 5}},
                         {0x11, {3, 3}},
                         {0xd0, {0, 0}},
                         {0x6a, {1, 1}},
                         {0x32, {1, 13}},
                         {0x36, {1, 1}},
                         {0x29, {1, 1}},
                         {0x28, {1, 3}}});
  return m;
}

inline AuthenticationRequest gen_authentication_request() {
  return {key_set(6), *rc::gen::arbitrary<std::array<std::uint8_t, 16>>(),
          *rc::gen::arbitrary<std::array<std::uint8_t, 16>>()};
}

inline EmmMessage gen_emm_message() {
  switch (*rc::gen::inRange(0, 6)) {
    case 0:
      return gen_attach();
    case 1:
      return gen_tau();
    case 2:
      return gen_authentication_request();
    case 3:
      return AuthenticationResponse{octets(4, 16)};
    case 4:
      return AuthenticationFailure{*octet(),
                                   maybe(rc::gen::arbitrary<std::array<std::uint8_t, 14>>())};
    default:
      return AuthenticationReject{};
  }
}

inline ServiceRequest gen_service_request() {
  return {*rc::gen::inRange<std::uint8_t>(0, 4), *three_bits(),
          *rc::gen::inRange<std::uint8_t>(0, 32), *rc::gen::arbitrary<std::array<std::uint8_t, 2>>()};
}

// Every EMM PDU decode_emm_pdu tells apart: plain messages of every kind this codec knows (the
// security mode ones included), security protected messages and SERVICE REQUESTs.
inline EmmPdu gen_emm_pdu() {
  switch (*rc::gen::inRange(0, 5)) {
    case 0:
    case 1:
      return gen_emm_message();
    case 2:
      return std::visit([](const auto& m) { return EmmPdu(EmmMessage(m)); }, gen_message());
    case 3:
      return gen_protected();
    default:
      return gen_service_request();
  }
}

// The contents of an IMEISV IE (TS 24.008 10.5.1.4) holding 16 decimal digits.
inline Bytes imeisv_contents() {
  SecurityModeComplete m;
  m.imeisv = digits(16, 16);
  const Bytes ie = encode(m);
  return Bytes(ie.begin() + 4, ie.end());  // after 07 5e 23 09
}

// The optional rows of the SECURITY MODE COMMAND and COMPLETE tables (8.2.20.1, 8.2.21.1) and
// IEIs unknown to both; now and then a well-formed IMEISV.
inline constexpr nas_gen::IeShape kSecurityModeIes[] = {
    {0xc1}, {0x55, 4}, {0x56, 4}, {0x4f}, {0x6f}, {0x37}, {0x23}, {0x79}, {0x66}};
inline constexpr std::uint8_t kNotSecurityModeIeis[] = {0x0a, 0x5a, 0x7a, 0xd1, 0x67};
inline Bytes security_mode_value(std::uint8_t iei) {
  return iei == 0x23 ? imeisv_contents() : Bytes{};
}
inline Bytes security_mode_ie_octets() {
  return nas_gen::ie_shaped_octets(
      {kSecurityModeIes, kNotSecurityModeIeis, 12, security_mode_value});
}

// Rows of the ATTACH REQUEST, TRACKING AREA UPDATE REQUEST and AUTHENTICATION tables.
inline constexpr nas_gen::IeShape kEmmIes[] = {
    {0x30}, {0x19, 3}, {0x50}, {0x52, 5}, {0x5c, 2}, {0x31}, {0x91}, {0xe1}, {0xb9},
    {0x82}, {0x6f},    {0x55, 4}, {0x58}, {0x29}, {0x28}, {0x20}, {0x78}};
inline Bytes emm_ie_octets() { return nas_gen::ie_shaped_octets({kEmmIes, {}, 16}); }

}  // namespace secmode::test::nas_eps_gen
