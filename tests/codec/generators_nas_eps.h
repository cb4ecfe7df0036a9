// RapidCheck generators of EPS NAS messages: every value the spec-twin encoders accept (the
// contracts in spec/codec/nas_eps*.h). Shared by the codec properties, the spec/impl
// differential tests and the CLI's JSON round trips.
#pragma once

#include <rapidcheck.h>

#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "spec/codec/nas_eps_emm.h"
#include "tests/codec/checks.h"

namespace secmode::test::nas_eps_gen {

using namespace secmode::spec;
using namespace secmode::spec::nas;
using test::maybe;

inline rc::Gen<std::uint8_t> octet() { return rc::gen::arbitrary<std::uint8_t>(); }
inline rc::Gen<std::uint8_t> three_bits() { return rc::gen::inRange<std::uint8_t>(0, 8); }

inline Bytes octets(std::size_t min, std::size_t max) {
  const auto n = *rc::gen::inRange(min, max + 1);
  return *rc::gen::container<Bytes>(n, octet());
}

inline SecurityModeCommand gen_command() {
  SecurityModeCommand m;
  m.selected_nas_security_algorithms = {*three_bits(), *three_bits()};
  m.nas_key_set_identifier = {*rc::gen::arbitrary<bool>(), *rc::gen::inRange<std::uint8_t>(0, 7)};
  auto& caps = m.replayed_ue_security_capabilities;
  caps.eea = *octet();
  caps.eia = *octet();
  const int extra = *rc::gen::element(0, 2, 3);  // 9.9.3.36: 2, 4 or 5 octets
  if (extra >= 2) {
    caps.uea = *octet();
    caps.uia = *octet();
  }
  if (extra == 3) caps.gea = *octet();
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

inline std::string digits(std::size_t min, std::size_t max) {
  const auto n = *rc::gen::inRange(min, max + 1);
  return *rc::gen::container<std::string>(n, rc::gen::inRange('0', static_cast<char>('9' + 1)));
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

}  // namespace secmode::test::nas_eps_gen
