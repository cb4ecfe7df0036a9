// Properties of the 5GMM codec beyond security mode control (REGISTRATION REQUEST, the
// AUTHENTICATION messages) and of the EPS SERVICE REQUEST, over generated messages and arbitrary
// octets: decode(encode(m)) == m, canonical octets survive encode(decode(b)), and no input makes
// decode_5gmm_message or decode_emm_pdu crash, read out of bounds (ASan/UBSan builds) or accept
// what it cannot re-encode. Properties that could be vacuous are paired with a mutant that must
// fail (STYLE.md 4).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "spec/codec/nas_5gs_mm.h"
#include "spec/codec/nas_eps_emm.h"
#include "tests/codec/checks.h"

namespace secmode::spec::nas5gs {
namespace {

using test::expect_holds;
using test::expect_mutant_fails;
using test::maybe;

enum class Mutation { none, drop_last_octet, set_spare_bit };

rc::Gen<std::uint8_t> octet() { return rc::gen::arbitrary<std::uint8_t>(); }
template <typename T>
T in(T lo, T hi) {  // [lo, hi]
  return *rc::gen::inRange<T>(lo, static_cast<T>(hi + 1));
}
Bytes octets(std::size_t min, std::size_t max) {
  const auto n = *rc::gen::inRange(min, max + 1);
  return *rc::gen::container<Bytes>(n, octet());
}
std::string digits(std::size_t min, std::size_t max) {
  const auto n = *rc::gen::inRange(min, max + 1);
  return *rc::gen::container<std::string>(n, rc::gen::inRange('0', static_cast<char>('9' + 1)));
}
NasKeySetIdentifier key_set(std::uint8_t max) {
  return {*rc::gen::arbitrary<bool>(), in<std::uint8_t>(0, max)};
}
template <std::size_t N>
std::array<std::uint8_t, N> array() {
  return *rc::gen::arbitrary<std::array<std::uint8_t, N>>();
}

// ---- generators: every value the encoders accept ------------------------------------------

FiveGGuti gen_guti() {
  return {digits(3, 3), digits(2, 3), *octet(), in<std::uint16_t>(0, 0x3ff),
          in<std::uint8_t>(0, 0x3f), *rc::gen::arbitrary<std::uint32_t>()};
}

MobileIdentity gen_identity() {
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

UeSecurityCapability gen_ue_security_capability() {
  UeSecurityCapability c{*octet(), *octet(), {}, {}, {}};
  const auto pairs = *rc::gen::inRange(0, 4);  // 9.11.3.54: 2, 4, 6 or 8 octets
  if (pairs >= 1) {
    c.eea = *octet();
    c.eia = *octet();
  }
  if (pairs >= 2) c.octets_7_to_10 = octets(2 * (pairs - 1), 2 * (pairs - 1));
  return c;
}

nas::UeNetworkCapability gen_s1_capability() {
  nas::UeNetworkCapability c{*octet(), *octet(), {}, {}, {}};
  const auto extra = *rc::gen::inRange(0, 12);
  if (extra >= 1) c.uea = *octet();
  if (extra >= 2) c.uia = *octet();
  if (extra >= 3)
    c.rest = octets(static_cast<std::size_t>(extra - 2), static_cast<std::size_t>(extra - 2));
  return c;
}

RegistrationRequest gen_registration_request() {
  RegistrationRequest m;
  m.registration_type = in<std::uint8_t>(0, 7);
  m.follow_on_request = *rc::gen::arbitrary<bool>();
  m.ngksi = key_set(7);
  m.mobile_identity = gen_identity();
  if (*rc::gen::arbitrary<bool>()) m.non_current_native_ngksi = key_set(7);
  if (*rc::gen::arbitrary<bool>()) m.five_gmm_capability = FiveGmmCapability{octets(1, 13)};
  if (*rc::gen::arbitrary<bool>()) m.ue_security_capability = gen_ue_security_capability();
  if (*rc::gen::arbitrary<bool>()) m.s1_ue_network_capability = gen_s1_capability();
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
  for (const auto& [iei, length] : rows) {
    if (!*rc::gen::arbitrary<bool>()) continue;
    m.other_ies[iei] = (iei & 0x80) ? Bytes{in<std::uint8_t>(0, 15)}
                                    : octets(length.first, length.second);
  }
  return m;
}

std::optional<Bytes> gen_eap() {
  if (!*rc::gen::arbitrary<bool>()) return std::nullopt;
  return octets(4, *rc::gen::inRange(0, 10) == 0 ? 1500 : 40);
}

AuthenticationRequest gen_authentication_request() {
  return {key_set(6), octets(2, 255), maybe(rc::gen::exec(array<16>)),
          maybe(rc::gen::exec(array<16>)), gen_eap()};
}

FiveGmmMessage gen_message() {
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

// Octets shaped like IEs: known and unknown IEIs of every format, lengths right and wrong.
Bytes ie_shaped_octets() {
  Bytes out;
  const auto count = *rc::gen::inRange(0, 5);
  for (int i = 0; i < count; ++i) {
    const std::uint8_t iei = *rc::gen::weightedOneOf<std::uint8_t>(
        {{3, rc::gen::element<std::uint8_t>(0xc1, 0x10, 0x2e, 0x52, 0x17, 0x77, 0x71, 0x21, 0x20,
                                            0x78, 0x2d, 0x30, 0x38, 0x6f, 0xb1, 0x3b)},
         {1, octet()}});
    out.push_back(iei);
    if (iei & 0x80) continue;
    const std::size_t fixed = iei == 0x52 ? 6 : iei == 0x21 ? 16 : 0;  // TV rows
    Bytes value = fixed ? octets(fixed, fixed) : octets(0, 20);
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
    if (b.size() >= 3 && *rc::gen::arbitrary<bool>()) {  // aim at the known message types
      b[0] = kFiveGmmEpd;
      b[1] = 0;
      b[2] = *rc::gen::element<std::uint8_t>(0x41, 0x56, 0x57, 0x58, 0x59, 0x5a);
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
  const FiveGmmMessage m = gen_message();
  RC_TAG(m.index());
  Bytes b = encode(m);
  if (mutation == Mutation::drop_last_octet) b.pop_back();
  const auto d = decode_5gmm_message(b);
  RC_ASSERT(d.ok());
  RC_ASSERT(d.ignored().empty());
  RC_ASSERT(d.value() == m);
  RC_ASSERT(encode(d.value()) == b);
}

// Canonical octets survive encode(decode(b)); the mutant sets the spare half octet (9.5) of an
// AUTHENTICATION REQUEST or RESULT, which the decoder does not interpret, so the octets differ.
void canonical_octets_survive(Mutation mutation) {
  FiveGmmMessage m = gen_message();
  if (mutation == Mutation::set_spare_bit)
    m = *rc::gen::arbitrary<bool>() ? FiveGmmMessage(gen_authentication_request())
                                    : FiveGmmMessage(AuthenticationResult{key_set(6), octets(4, 9), {}});
  Bytes b = encode(m);
  if (mutation == Mutation::set_spare_bit) b[3] |= 0x10;
  const auto d = decode_5gmm_message(b);
  RC_ASSERT(d.ok());
  RC_ASSERT(encode(d.value()) == b);
}

void check_decoding(const Bytes& b) {
  const auto d = decode_5gmm_message(b);
  RC_TAG(d.ok() ? (d.ignored().empty() ? "decoded" : "decoded, IEs ignored") : "rejected");
  if (!d.ok()) {
    RC_ASSERT(d.error().offset <= b.size());
    RC_ASSERT(!d.error().reason.empty());
    return;
  }
  for (const auto& i : d.ignored()) RC_ASSERT(i.offset < b.size());
  const Bytes canonical = encode(d.value());
  const auto again = decode_5gmm_message(canonical);
  RC_ASSERT(again.ok());
  RC_ASSERT(again.ignored().empty());
  RC_ASSERT(again.value() == d.value());
  if (d.ignored().empty()) RC_ASSERT(canonical.size() <= b.size());
}

// EPS SERVICE REQUEST through decode_emm_pdu: every value round-trips; the mutant flips the
// sequence number's top bit after encoding.
void service_request_round_trips(Mutation mutation) {
  const nas::ServiceRequest m{in<std::uint8_t>(0, 3), in<std::uint8_t>(0, 7),
                              in<std::uint8_t>(0, 31), array<2>()};
  Bytes b = nas::encode(m);
  if (mutation == Mutation::set_spare_bit) b[1] ^= 0x10;
  const auto d = nas::decode_emm_pdu(b);
  RC_ASSERT(d.ok());
  RC_ASSERT(d.ignored().empty());
  RC_ASSERT(std::get<nas::ServiceRequest>(d.value()) == m);
  RC_ASSERT(nas::encode(d.value()) == b);
}

}  // namespace

TEST(Nas5gsMmProperty, MessagesRoundTrip) {
  expect_holds("decode(encode(m)) == m, encode(decode(b)) == b", message_round_trips);
}
TEST(Nas5gsMmProperty, RoundTripMutantIsCaught) {
  expect_mutant_fails("decode(encode(m)) == m", message_round_trips, Mutation::drop_last_octet);
}
TEST(Nas5gsMmProperty, CanonicalOctetsSurvive) {
  expect_holds("encode(decode(b)) == b for canonical b", canonical_octets_survive);
}
TEST(Nas5gsMmProperty, CanonicalOctetsMutantIsCaught) {
  expect_mutant_fails("encode(decode(b)) == b for canonical b", canonical_octets_survive,
                      Mutation::set_spare_bit);
}
TEST(Nas5gsMmProperty, ServiceRequestsRoundTrip) {
  expect_holds("SERVICE REQUEST round trip", service_request_round_trips);
}
TEST(Nas5gsMmProperty, ServiceRequestMutantIsCaught) {
  expect_mutant_fails("SERVICE REQUEST round trip", service_request_round_trips,
                      Mutation::set_spare_bit);
}

RC_GTEST_PROP(Nas5gsMmProperty, ArbitraryOctetsDecodeCleanly, ()) { check_decoding(gen_octets()); }

RC_GTEST_PROP(Nas5gsMmProperty, DamagedMessagesDecodeCleanly, ()) {
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

RC_GTEST_PROP(Nas5gsMmProperty, ArbitraryEmmPdusDecodeCleanly, ()) {
  Bytes b = octets(0, 12);
  if (!b.empty() && *rc::gen::arbitrary<bool>()) b[0] = static_cast<std::uint8_t>(b[0] | 0xc7);
  const auto d = nas::decode_emm_pdu(b);
  if (!d.ok()) {
    RC_ASSERT(d.error().offset <= b.size());
    return;
  }
  const auto again = nas::decode_emm_pdu(nas::encode(d.value()));
  RC_ASSERT(again.ok());
  RC_ASSERT(again.value() == d.value());
}

}  // namespace secmode::spec::nas5gs
