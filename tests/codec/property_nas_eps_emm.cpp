// Properties of the EMM codec beyond security mode control (authentication, ATTACH REQUEST,
// TRACKING AREA UPDATE REQUEST) over generated messages and arbitrary octets: decode(encode(m))
// == m, canonical octets survive encode(decode(b)), and no input makes decode_emm_message crash,
// read out of bounds (ASan/UBSan builds) or accept what it cannot re-encode. Properties that
// could be vacuous are paired with a mutant that must fail (STYLE.md 4).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "spec/codec/nas_eps_emm.h"
#include "tests/codec/checks.h"

namespace secmode::spec::nas {
namespace {

using test::expect_holds;
using test::expect_mutant_fails;
using test::maybe;

enum class Mutation { none, drop_last_octet, no_spare_bits };

rc::Gen<std::uint8_t> octet() { return rc::gen::arbitrary<std::uint8_t>(); }
rc::Gen<std::uint8_t> three_bits() { return rc::gen::inRange<std::uint8_t>(0, 8); }

Bytes octets(std::size_t min, std::size_t max) {
  const auto n = *rc::gen::inRange(min, max + 1);
  return *rc::gen::container<Bytes>(n, octet());
}
std::string digits(std::size_t min, std::size_t max) {
  const auto n = *rc::gen::inRange(min, max + 1);
  return *rc::gen::container<std::string>(n, rc::gen::inRange('0', static_cast<char>('9' + 1)));
}
NasKeySetIdentifier key_set(std::uint8_t max) {
  return {*rc::gen::arbitrary<bool>(), *rc::gen::inRange<std::uint8_t>(0, max + 1)};
}

// ---- generators: every value the encoders accept ------------------------------------------

Guti gen_guti() {
  return {digits(3, 3), digits(2, 3), *rc::gen::arbitrary<std::uint16_t>(), *octet(),
          *rc::gen::arbitrary<std::uint32_t>()};
}

EpsMobileIdentity gen_identity() {
  switch (*rc::gen::inRange(0, 3)) {
    case 0:
      return Imsi{digits(6, 15)};
    case 1:
      return Imei{digits(15, 15)};
    default:
      return gen_guti();
  }
}

UeNetworkCapability gen_ue_network_capability() {
  UeNetworkCapability c{*octet(), *octet(), {}, {}, {}};
  const auto extra = *rc::gen::inRange(0, 12);  // 9.9.3.34: 2..13 octets
  if (extra >= 1) c.uea = *octet();
  if (extra >= 2) c.uia = *octet();
  if (extra >= 3)
    c.rest = octets(static_cast<std::size_t>(extra - 2), static_cast<std::size_t>(extra - 2));
  return c;
}

std::optional<UeAdditionalSecurityCapability> gen_additional_capability() {
  if (!*rc::gen::arbitrary<bool>()) return std::nullopt;
  return UeAdditionalSecurityCapability{*rc::gen::arbitrary<std::uint16_t>(),
                                        *rc::gen::arbitrary<std::uint16_t>()};
}

// Some raw rows of a message table (IEI, value length range; 0xff max marks a type 1 nibble).
RawIes gen_raw(
    const std::vector<std::pair<std::uint8_t, std::pair<std::size_t, std::size_t>>>& rows) {
  RawIes raw;
  for (const auto& [iei, length] : rows) {
    if (!*rc::gen::arbitrary<bool>()) continue;
    raw[iei] = (iei & 0x80) ? Bytes{*rc::gen::inRange<std::uint8_t>(0, 16)}
                            : octets(length.first, length.second);
  }
  return raw;
}

AttachRequest gen_attach() {
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

TrackingAreaUpdateRequest gen_tau() {
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

AuthenticationRequest gen_authentication_request() {
  return {key_set(6), *rc::gen::arbitrary<std::array<std::uint8_t, 16>>(),
          *rc::gen::arbitrary<std::array<std::uint8_t, 16>>()};
}

EmmMessage gen_message() {
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

// Octets shaped like IEs: known and unknown IEIs of every format, lengths right and wrong.
Bytes ie_shaped_octets() {
  Bytes out;
  const auto count = *rc::gen::inRange(0, 5);
  for (int i = 0; i < count; ++i) {
    const std::uint8_t iei = *rc::gen::weightedOneOf<std::uint8_t>(
        {{3, rc::gen::element<std::uint8_t>(0x30, 0x19, 0x50, 0x52, 0x5c, 0x31, 0x91, 0xe1, 0xb9,
                                            0x82, 0x6f, 0x55, 0x58, 0x29, 0x28, 0x20, 0x78)},
         {1, octet()}});
    out.push_back(iei);
    if (iei & 0x80) continue;
    std::size_t fixed = 0;  // TV rows: the fixed value length
    if (iei == 0x19) fixed = 3;
    if (iei == 0x52) fixed = 5;
    if (iei == 0x5c) fixed = 2;
    if (iei == 0x55) fixed = 4;
    Bytes value = fixed ? octets(fixed, fixed) : octets(0, 16);
    if (!fixed) {
      if ((iei & 0xf0) == 0x70) out.push_back(0);  // TLV-E: high length octet
      out.push_back(static_cast<std::uint8_t>(
          value.size() + *rc::gen::weightedElement<int>({{12, 0}, {1, 1}, {1, 255}})));
    }
    out.insert(out.end(), value.begin(), value.end());
  }
  return out;
}

Bytes gen_octets() {
  if (*rc::gen::inRange(0, 5) == 0) {
    Bytes b = octets(0, 48);
    if (b.size() >= 2 && *rc::gen::arbitrary<bool>()) {  // aim at the known message types
      b[0] = 0x07;
      b[1] = *rc::gen::element<std::uint8_t>(0x41, 0x48, 0x52, 0x53, 0x54, 0x5c);
    }
    return b;
  }
  Bytes b = encode(gen_message());
  const Bytes tail = ie_shaped_octets();
  b.insert(b.end(), tail.begin(), tail.end());
  return b;
}

// ---- properties ------------------------------------------------------------------------------

void message_round_trips(Mutation mutation) {
  const EmmMessage m = gen_message();
  RC_TAG(m.index());
  Bytes b = encode(m);
  if (mutation == Mutation::drop_last_octet) b.pop_back();
  const auto d = decode_emm_message(b);
  RC_ASSERT(d.ok());
  RC_ASSERT(d.ignored().empty());
  RC_ASSERT(d.value() == m);
  RC_ASSERT(encode(d.value()) == b);
}

// Flipping one bit of the mandatory part of an AUTHENTICATION REQUEST changes what decodes (or
// fails it) unless the bit is in the spare half octet (octet 3, bits 8..5, 9.9.2.9).
void only_spare_bits_of_a_request_are_ignored(Mutation mutation) {
  const AuthenticationRequest m = gen_authentication_request();
  const Bytes b = encode(m);
  const auto spare = [&](std::size_t bit) {
    return mutation != Mutation::no_spare_bits && bit / 8 == 2 && bit % 8 < 4;
  };
  for (std::size_t bit = 0; bit < 8 * b.size(); ++bit) {
    Bytes flipped = b;
    flipped[bit / 8] ^= static_cast<std::uint8_t>(0x80 >> bit % 8);
    const auto d = decode_authentication_request(flipped);
    RC_ASSERT((d.ok() && d.value() == m && d.ignored().empty()) == spare(bit));
  }
}

void check_decoding(const Bytes& b) {
  const auto d = decode_emm_message(b);
  RC_TAG(d.ok() ? (d.ignored().empty() ? "decoded" : "decoded, IEs ignored") : "rejected");
  if (!d.ok()) {
    RC_ASSERT(d.error().offset <= b.size());
    RC_ASSERT(!d.error().reason.empty());
    return;
  }
  for (const auto& i : d.ignored()) RC_ASSERT(i.offset < b.size());
  const Bytes canonical = encode(d.value());
  const auto again = decode_emm_message(canonical);
  RC_ASSERT(again.ok());
  RC_ASSERT(again.ignored().empty());
  RC_ASSERT(again.value() == d.value());
  if (d.ignored().empty()) RC_ASSERT(canonical.size() <= b.size());
}

}  // namespace

TEST(NasEpsEmmProperty, EmmMessagesRoundTrip) {
  expect_holds("decode(encode(m)) == m, encode(decode(b)) == b", message_round_trips);
}
TEST(NasEpsEmmProperty, EmmRoundTripMutantIsCaught) {
  expect_mutant_fails("decode(encode(m)) == m", message_round_trips, Mutation::drop_last_octet);
}
TEST(NasEpsEmmProperty, OnlySpareBitsOfAnAuthenticationRequestAreIgnored) {
  expect_holds("one flipped bit changes a request unless it is spare",
               only_spare_bits_of_a_request_are_ignored);
}
TEST(NasEpsEmmProperty, SpareBitPropertyMutantIsCaught) {
  expect_mutant_fails("one flipped bit changes a request unless it is spare",
                      only_spare_bits_of_a_request_are_ignored, Mutation::no_spare_bits);
}

RC_GTEST_PROP(NasEpsEmmProperty, ArbitraryOctetsDecodeCleanly, ()) { check_decoding(gen_octets()); }

RC_GTEST_PROP(NasEpsEmmProperty, DamagedMessagesDecodeCleanly, ()) {
  Bytes b = encode(gen_message());
  const auto edits = *rc::gen::inRange(1, 4);
  for (int i = 0; i < edits && !b.empty(); ++i) {
    const auto at = *rc::gen::inRange<std::size_t>(0, b.size());
    switch (*rc::gen::inRange(0, 3)) {
      case 0:
        b[at] = *octet();
        break;
      case 1:
        b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), *octet());
        break;
      default:
        b.resize(at);
    }
  }
  check_decoding(b);
}

}  // namespace secmode::spec::nas
