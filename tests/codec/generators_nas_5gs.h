// RapidCheck generators of 5GS NAS messages: every value the spec-twin encoders accept (the
// contracts in spec/codec/nas_5gs*.h), and the IE shapes of their tables for
// nas_gen::ie_shaped_octets. Shared by the codec properties and the spec/impl differential tests.
#pragma once

#include <rapidcheck.h>

#include <array>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "spec/codec/nas_5gs_mm.h"
#include "tests/codec/checks.h"
#include "tests/codec/generators_nas.h"
#include "tests/codec/generators_nas_eps.h"

namespace secmode::test::nas_5gs_gen {

using namespace secmode::spec;
using namespace secmode::spec::nas5gs;
using nas_gen::array;
using nas_gen::digits;
using nas_gen::four_bits;
using nas_gen::in;
using nas_gen::octet;
using nas_gen::octets;
using nas_gen::three_bits;
using nas_gen::up_to;
using test::maybe;

// ---- SECURITY MODE COMMAND, COMPLETE, REJECT and the security protected message -------------

// 9.11.3.54: 2, 4, 6 or 8 octets.
inline UeSecurityCapability gen_ue_security_capability() {
  UeSecurityCapability c{*octet(), *octet(), {}, {}, {}};
  const auto pairs = *rc::gen::inRange(0, 4);
  if (pairs >= 1) {
    c.eea = *octet();
    c.eia = *octet();
  }
  if (pairs >= 2) c.octets_7_to_10 = octets(2 * (pairs - 1), 2 * (pairs - 1));
  return c;
}

inline SecurityModeCommand gen_command() {
  SecurityModeCommand m;
  m.selected_nas_security_algorithms = {*four_bits(), *four_bits()};
  m.ngksi = {*rc::gen::arbitrary<bool>(), in<std::uint8_t>(0, 6)};
  m.replayed_ue_security_capabilities = gen_ue_security_capability();
  m.imeisv_request = maybe(three_bits());
  if (*rc::gen::arbitrary<bool>())
    m.selected_eps_nas_security_algorithms =
        nas::NasSecurityAlgorithms{*three_bits(), *three_bits()};
  if (*rc::gen::arbitrary<bool>())
    m.additional_5g_security_information =
        Additional5gSecurityInformation{*rc::gen::arbitrary<bool>(), *rc::gen::arbitrary<bool>()};
  if (*rc::gen::arbitrary<bool>()) m.eap_message = octets(4, up_to(40, 1500));
  if (*rc::gen::arbitrary<bool>()) m.abba = octets(2, up_to(8, 255));
  if (*rc::gen::arbitrary<bool>())
    m.replayed_s1_ue_security_capabilities = nas_eps_gen::gen_ue_security_capability();
  return m;
}

inline NonImeisvPei gen_pei() {
  switch (*rc::gen::element(0, 1, 2)) {  // element, unlike inRange, ignores the size
    case 0:
      return Imei{digits(15, 15)};
    case 1:
      return MacAddress{array<6>(), *rc::gen::arbitrary<bool>()};
    default:
      return Eui64{array<8>()};
  }
}

inline SecurityModeComplete gen_complete() {
  SecurityModeComplete m;
  if (*rc::gen::arbitrary<bool>()) m.imeisv = digits(16, 16);
  if (*rc::gen::arbitrary<bool>()) m.nas_message_container = octets(1, up_to(40, 2000));
  if (*rc::gen::arbitrary<bool>()) m.non_imeisv_pei = gen_pei();
  return m;
}

inline SecurityModeMessage gen_message() {
  switch (*rc::gen::element(0, 1, 2)) {
    case 0:
      return gen_command();
    case 1:
      return gen_complete();
    default:
      return SecurityModeReject{*octet()};
  }
}

inline bool readable(SecurityHeaderType type) {
  return type == SecurityHeaderType::integrity_protected ||
         type == SecurityHeaderType::integrity_protected_new_context;
}

inline SecurityProtectedMessage gen_protected() {
  SecurityProtectedMessage p;
  p.type = static_cast<SecurityHeaderType>(in<std::uint8_t>(1, 4));
  p.mac = array<4>();
  p.sequence_number = *octet();
  p.plain_nas_message = *rc::gen::arbitrary<bool>() ? encode(gen_message()) : octets(2, 60);
  // 9.9: a readable (integrity only) message cannot carry another protected one.
  if (readable(p.type) && p.plain_nas_message[0] == kFiveGmmEpd) p.plain_nas_message[1] &= 0xf0;
  return p;
}

// ---- REGISTRATION REQUEST and the AUTHENTICATION messages -----------------------------------

inline NasKeySetIdentifier key_set(std::uint8_t max) {
  return {*rc::gen::arbitrary<bool>(), in<std::uint8_t>(0, max)};
}

inline FiveGGuti gen_guti() {
  return {digits(3, 3), digits(2, 3), *octet(), in<std::uint16_t>(0, 0x3ff),
          in<std::uint8_t>(0, 0x3f), *rc::gen::arbitrary<std::uint32_t>()};
}

inline MobileIdentity gen_identity() {
  switch (*rc::gen::inRange(0, 8)) {
    case 0: {
      SuciImsi s;
      s.supi_format = *rc::gen::element<std::uint8_t>(0, 4, 5, 6, 7);
      s.plmn = array<3>();
      s.routing_indicator = array<2>();
      s.protection_scheme_id = in<std::uint8_t>(0, 15);
      s.home_network_public_key_id = *octet();
      s.scheme_output = octets(1, 40);
      return s;
    }
    case 1:
      return SuciNai{in<std::uint8_t>(1, 3), octets(3, 30)};  // 4 octets at least (LV-E 6-n)
    case 2:
      return gen_guti();
    case 3:
      return Imei{digits(15, 15)};
    case 4:
      return FiveGSTmsi{in<std::uint16_t>(0, 0x3ff), in<std::uint8_t>(0, 0x3f),
                        *rc::gen::arbitrary<std::uint32_t>()};
    case 5:
      return Imeisv{digits(16, 16)};
    case 6:
      return MacAddress{array<6>(), *rc::gen::arbitrary<bool>()};
    default:
      return Eui64{array<8>()};
  }
}

inline RegistrationRequest gen_registration_request() {
  RegistrationRequest m;
  m.registration_type = in<std::uint8_t>(0, 7);
  m.follow_on_request = *rc::gen::arbitrary<bool>();
  m.ngksi = key_set(7);
  m.mobile_identity = gen_identity();
  if (*rc::gen::arbitrary<bool>()) m.non_current_native_ngksi = key_set(7);
  if (*rc::gen::arbitrary<bool>()) m.five_gmm_capability = FiveGmmCapability{octets(1, 13)};
  if (*rc::gen::arbitrary<bool>()) m.ue_security_capability = gen_ue_security_capability();
  if (*rc::gen::arbitrary<bool>())
    m.s1_ue_network_capability = nas_eps_gen::gen_ue_network_capability();
  m.additional_guti = maybe(rc::gen::exec(gen_guti));
  if (*rc::gen::arbitrary<bool>()) {
    const bool large = *rc::gen::inRange(0, 20) == 0;  // now and then past 255 octets
    m.nas_message_container = octets(1, large ? 600 : 40);
  }
  // Some raw rows (IEI, value length range; bit 8 set marks a type 1 nibble).
  const std::vector<std::pair<std::uint8_t, std::pair<std::size_t, std::size_t>>> rows{
      {0x2f, {2, 72}}, {0x52, {6, 6}},  {0x40, {2, 32}}, {0xb0, {0, 0}}, {0x2b, {1, 1}},
      {0x70, {1, 30}}, {0x74, {0, 20}}, {0x80, {0, 0}},  {0x7b, {1, 30}}, {0x90, {0, 0}},
      {0x41, {3, 3}},  {0x42, {3, 30}}, {0x6e, {1, 2}},  {0xa0, {0, 0}}, {0x28, {1, 33}},
      {0x72, {3, 20}}, {0x32, {6, 6}},  {0x16, {3, 3}},  {0x3b, {1, 1}}};
  m.other_ies = nas_eps_gen::gen_raw(rows);
  return m;
}

inline std::optional<Bytes> gen_eap() {
  if (!*rc::gen::arbitrary<bool>()) return std::nullopt;
  return octets(4, up_to(40, 1500));
}

inline AuthenticationRequest gen_authentication_request() {
  return {key_set(6), octets(2, 255), maybe(rc::gen::exec(array<16>)),
          maybe(rc::gen::exec(array<16>)), gen_eap()};
}

inline FiveGmmMessage gen_5gmm_message() {
  switch (*rc::gen::inRange(0, 6)) {
    case 0:
      return gen_registration_request();
    case 1:
      return gen_authentication_request();
    case 2:
      return AuthenticationResponse{maybe(rc::gen::exec(array<16>)), gen_eap()};
    case 3: {
      AuthenticationResult r{key_set(6), octets(4, 200), std::nullopt};
      if (*rc::gen::arbitrary<bool>()) r.abba = octets(2, 255);
      return r;
    }
    case 4:
      return AuthenticationFailure{*octet(), maybe(rc::gen::exec(array<14>))};
    default:
      return AuthenticationReject{gen_eap()};
  }
}

// Every raw row of table 8.2.6.1.1 (V17.9.0), so a message may hold more of them than the EMM
// codec's list of raw IEs has room for (the 5GMM list holds all 33).
inline RegistrationRequest gen_registration_request_every_raw_row() {
  RegistrationRequest m = gen_registration_request();
  const std::vector<std::pair<std::uint8_t, std::pair<std::size_t, std::size_t>>> rows{
      {0x2f, {2, 72}}, {0x52, {6, 6}},  {0x40, {2, 32}}, {0x50, {2, 32}}, {0xb0, {0, 0}},
      {0x2b, {1, 1}},  {0x25, {2, 32}}, {0x18, {1, 1}},  {0x51, {1, 1}},  {0x70, {1, 30}},
      {0x74, {0, 20}}, {0x80, {0, 0}},  {0x7b, {1, 30}}, {0x90, {0, 0}},  {0x53, {1, 1}},
      {0x41, {3, 3}},  {0x42, {3, 30}}, {0x60, {2, 2}},  {0x6e, {1, 2}},  {0x6a, {1, 1}},
      {0x67, {1, 30}}, {0x35, {1, 40}}, {0x48, {1, 1}},  {0x1a, {1, 30}}, {0xa0, {0, 0}},
      {0x30, {1, 1}},  {0x29, {1, 1}},  {0x28, {1, 33}}, {0x72, {3, 20}}, {0x32, {6, 6}},
      {0x16, {3, 3}},  {0x2a, {1, 30}}, {0x3b, {1, 1}}};
  RawIes every;
  for (const auto& [iei, length] : rows)
    every[iei] = (iei & 0x80) ? Bytes{*rc::gen::inRange<std::uint8_t>(0, 16)}
                              : octets(length.first, length.second);
  m.other_ies = *rc::gen::arbitrary<bool>() ? every : nas_eps_gen::gen_raw(rows);
  return m;
}

// Every plain 5GMM message the spec twin knows, the SECURITY MODE ones included.
inline FiveGmmMessage gen_any_5gmm_message() {
  switch (*rc::gen::inRange(0, 4)) {
    case 0:
      return gen_registration_request_every_raw_row();
    case 1:
      return std::visit([](const auto& m) { return FiveGmmMessage(m); }, gen_message());
    default:
      return gen_5gmm_message();
  }
}

// ---- IE shapes -------------------------------------------------------------------------------

// The contents (after the TLV-E header) of a 5GS mobile identity of a type that may or may not
// fit the IE: a well-formed IMEISV or PEI, or octets behind a type of identity octet.
inline Bytes identity_contents() {
  switch (*rc::gen::element(0, 1, 2)) {
    case 0: {
      const Bytes ie = encode(SecurityModeComplete{digits(16, 16), {}, {}});
      return Bytes(ie.begin() + 6, ie.end());  // after 7e 00 5e 77 00 09
    }
    case 1: {
      const Bytes ie = encode(SecurityModeComplete{{}, {}, gen_pei()});
      return Bytes(ie.begin() + 6, ie.end());  // after 7e 00 5e 78 00 len
    }
    default: {
      Bytes b = octets(1, 12);
      b[0] = *rc::gen::element<std::uint8_t>(0x01, 0x03, 0x05, 0x06, 0x07, 0x0b, 0x0d, 0x35);
      return b;
    }
  }
}
inline Bytes identity_value(std::uint8_t iei) {
  return iei == 0x77 || iei == 0x78 ? identity_contents() : Bytes{};
}

// The optional rows of the SECURITY MODE COMMAND and COMPLETE tables (8.2.25.1.1, 8.2.26.1.1)
// and IEIs unknown to both.
inline constexpr nas_gen::IeShape kSecurityModeIes[] = {{0xe1}, {0x57, 1}, {0x36}, {0x78},
                                                        {0x38}, {0x19},    {0x77}, {0x71}};
inline constexpr std::uint8_t kNotSecurityModeIeis[] = {0x0a, 0x5a, 0x7a, 0xd1, 0x67, 0x23, 0x79};
inline Bytes security_mode_ie_octets() {
  return nas_gen::ie_shaped_octets({kSecurityModeIes, kNotSecurityModeIeis, 12, identity_value});
}

// Rows of the REGISTRATION REQUEST and AUTHENTICATION tables.
inline constexpr nas_gen::IeShape k5gmmIes[] = {
    {0xc1}, {0x10}, {0x2e}, {0x52, 6}, {0x17}, {0x77}, {0x71}, {0x21, 16},
    {0x20}, {0x78}, {0x2d}, {0x30},    {0x38}, {0x6f}, {0xb1}, {0x3b}};
inline Bytes five_gmm_ie_octets() {
  return nas_gen::ie_shaped_octets({k5gmmIes, {}, 20, identity_value});
}

}  // namespace secmode::test::nas_5gs_gen
