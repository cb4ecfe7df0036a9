// Properties of the 5GS NAS security mode codec over generated messages and arbitrary octets:
// decode(encode(m)) == m, canonical octets survive encode(decode(b)), and no input makes a
// decoder crash, read out of bounds (ASan/UBSan builds) or accept what it cannot re-encode.
// Properties that could be vacuous are paired with a mutant that must fail (STYLE.md 4).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <optional>
#include <string>
#include <utility>

#include "spec/codec/nas_5gs.h"
#include "tests/codec/checks.h"

namespace secmode::spec::nas5gs {
namespace {

using test::maybe;
using test::expect_holds;
using test::expect_mutant_fails;

// none: the codec as it is. drop_last_octet: the encoded octets lose their last one.
// ngksi_in_spare_half: a plausible encoder bug, ngKSI written to bits 8..5 of its octet (where the
// spare half octet belongs, 9.5) instead of bits 4..1. no_spare_bits: the spare-bit property
// forgets that any bit is spare.
enum class Mutation { none, drop_last_octet, ngksi_in_spare_half, no_spare_bits };

rc::Gen<std::uint8_t> octet() { return rc::gen::arbitrary<std::uint8_t>(); }
rc::Gen<std::uint8_t> three_bits() { return rc::gen::inRange<std::uint8_t>(0, 8); }
rc::Gen<std::uint8_t> four_bits() { return rc::gen::inRange<std::uint8_t>(0, 16); }

Bytes octets(std::size_t min, std::size_t max) {
  const auto n = *rc::gen::inRange(min, max + 1);
  return *rc::gen::container<Bytes>(n, octet());
}

std::string digits(std::size_t n) {
  return *rc::gen::container<std::string>(n, rc::gen::inRange('0', static_cast<char>('9' + 1)));
}

// Now and then a long value, so that the upper ends of the length ranges are reached.
std::size_t up_to(std::size_t usual, std::size_t max) {
  return *rc::gen::inRange(0, 10) == 0 ? max : usual;
}

// ---- generators: every value the encoders accept ------------------------------------------

SecurityModeCommand gen_command() {
  SecurityModeCommand m;
  m.selected_nas_security_algorithms = {*four_bits(), *four_bits()};
  m.ngksi = {*rc::gen::arbitrary<bool>(), *rc::gen::inRange<std::uint8_t>(0, 7)};
  auto& caps = m.replayed_ue_security_capabilities;
  caps.ea = *octet();
  caps.ia = *octet();
  const int extra = *rc::gen::element(0, 2, 4, 6);  // 9.11.3.54: 2, 4, 6 or 8 octets
  if (extra >= 2) {
    caps.eea = *octet();
    caps.eia = *octet();
  }
  if (extra >= 4) caps.octets_7_to_10 = octets(extra - 2, extra - 2);
  m.imeisv_request = maybe(three_bits());
  if (*rc::gen::arbitrary<bool>())
    m.selected_eps_nas_security_algorithms =
        nas::NasSecurityAlgorithms{*three_bits(), *three_bits()};
  if (*rc::gen::arbitrary<bool>())
    m.additional_5g_security_information =
        Additional5gSecurityInformation{*rc::gen::arbitrary<bool>(), *rc::gen::arbitrary<bool>()};
  if (*rc::gen::arbitrary<bool>()) m.eap_message = octets(4, up_to(40, 1500));
  if (*rc::gen::arbitrary<bool>()) m.abba = octets(2, up_to(8, 255));
  if (*rc::gen::arbitrary<bool>()) {
    nas::UeSecurityCapability s1{*octet(), *octet(), std::nullopt, std::nullopt, std::nullopt};
    const int more = *rc::gen::element(0, 2, 3);  // TS 24.301 9.9.3.36: 2, 4 or 5 octets
    if (more >= 2) {
      s1.uea = *octet();
      s1.uia = *octet();
    }
    if (more == 3) s1.gea = *octet();
    m.replayed_s1_ue_security_capabilities = s1;
  }
  return m;
}

NonImeisvPei gen_pei() {
  switch (*rc::gen::inRange(0, 3)) {
    case 0:
      return Imei{digits(15)};
    case 1:
      return MacAddress{*rc::gen::arbitrary<std::array<std::uint8_t, 6>>(),
                        *rc::gen::arbitrary<bool>()};
    default:
      return Eui64{*rc::gen::arbitrary<std::array<std::uint8_t, 8>>()};
  }
}

SecurityModeComplete gen_complete() {
  SecurityModeComplete m;
  if (*rc::gen::arbitrary<bool>()) m.imeisv = digits(16);
  if (*rc::gen::arbitrary<bool>()) m.nas_message_container = octets(1, up_to(40, 2000));
  if (*rc::gen::arbitrary<bool>()) m.non_imeisv_pei = gen_pei();
  return m;
}

SecurityModeMessage gen_message() {
  switch (*rc::gen::inRange(0, 3)) {
    case 0:
      return gen_command();
    case 1:
      return gen_complete();
    default:
      return SecurityModeReject{*octet()};
  }
}

SecurityProtectedMessage gen_protected() {
  SecurityProtectedMessage p;
  p.type = static_cast<SecurityHeaderType>(*rc::gen::inRange<std::uint8_t>(1, 5));
  p.mac = *rc::gen::arbitrary<Mac32>();
  p.sequence_number = *octet();
  p.plain_nas_message = *rc::gen::element(octets(2, 60), encode(gen_message()));
  // 9.9: a readable (integrity only) message cannot carry another protected one.
  const bool readable = p.type == SecurityHeaderType::integrity_protected ||
                        p.type == SecurityHeaderType::integrity_protected_new_context;
  if (readable && p.plain_nas_message[0] == kFiveGmmEpd) p.plain_nas_message[1] &= 0xf0;
  return p;
}

// Octets shaped like IEs: known and unknown IEIs of every format, lengths right and wrong.
Bytes ie_shaped_octets() {
  Bytes out;
  const auto count = *rc::gen::inRange(0, 5);
  for (int i = 0; i < count; ++i) {
    const std::uint8_t iei = *rc::gen::weightedOneOf<std::uint8_t>(
        {{3, rc::gen::element<std::uint8_t>(0xe1, 0x57, 0x36, 0x78, 0x38, 0x19, 0x77, 0x71)},
         {1, octet()}});
    out.push_back(iei);
    if (iei & 0x80) continue;
    Bytes value = octets(0, 12);
    if (iei == 0x57) {
      out.push_back(*octet());
      continue;
    }
    if (*rc::gen::inRange(0, 3) == 0 && value.size() >= 9)
      value[0] = *rc::gen::element<std::uint8_t>(0x03, 0x05, 0x06, 0x07, 0x0e, 0x35, 0x4b);
    const auto length = static_cast<std::uint16_t>(
        value.size() + *rc::gen::weightedElement<int>({{12, 0}, {1, 1}, {1, 255}}));
    if ((iei & 0xf0) == 0x70) out.push_back(static_cast<std::uint8_t>(length >> 8));
    out.push_back(static_cast<std::uint8_t>(length));
    out.insert(out.end(), value.begin(), value.end());
  }
  return out;
}

// Arbitrary octets: noise, or a valid message followed by IE-shaped octets.
Bytes gen_octets() {
  if (*rc::gen::inRange(0, 5) == 0) return octets(0, 48);
  Bytes b = encode(gen_message());
  const Bytes tail = ie_shaped_octets();
  b.insert(b.end(), tail.begin(), tail.end());
  return b;
}

// ---- properties ------------------------------------------------------------------------------

Bytes encode_with(const SecurityModeMessage& m, Mutation mutation) {
  Bytes b = encode(m);
  if (mutation == Mutation::drop_last_octet) b.pop_back();
  if (mutation == Mutation::ngksi_in_spare_half && std::holds_alternative<SecurityModeCommand>(m))
    b[4] = static_cast<std::uint8_t>(b[4] << 4);
  return b;
}

void message_round_trips(Mutation mutation) {
  const SecurityModeMessage m = gen_message();
  const Bytes b = encode_with(m, mutation);
  const auto d = decode_security_mode_message(b);
  RC_ASSERT(d.ok());
  RC_ASSERT(d.ignored().empty());
  RC_ASSERT(d.value() == m);
  RC_ASSERT(encode(d.value()) == b);
}

void protected_round_trips(Mutation mutation) {
  const SecurityProtectedMessage p = gen_protected();
  Bytes b = encode(p);
  if (mutation == Mutation::drop_last_octet) b.pop_back();
  const auto d = decode_security_protected(b);
  RC_ASSERT(d.ok());
  RC_ASSERT(d.value() == p);
  RC_ASSERT(encode(d.value()) == b);
}

// Flipping one bit of the imperative part of a command changes what decodes, unless the bit is
// spare: bits 8..5 of octet 2 (spare half octet next to the security header type, 9.3) and of
// octet 5 (spare half octet next to ngKSI, 9.5).
void only_spare_bits_of_a_command_are_ignored(Mutation mutation) {
  const SecurityModeCommand m = gen_command();
  const Bytes b = encode(m);
  const std::size_t imperative = 6 + b[5];
  const auto spare = [&](std::size_t bit) {
    if (mutation == Mutation::no_spare_bits) return false;
    const std::uint8_t mask = static_cast<std::uint8_t>(0x80 >> bit % 8);
    return (bit / 8 == 1 || bit / 8 == 4) && (mask & 0xf0);
  };
  for (std::size_t bit = 0; bit < 8 * imperative; ++bit) {
    Bytes flipped = b;
    flipped[bit / 8] ^= static_cast<std::uint8_t>(0x80 >> bit % 8);
    const auto d = decode_security_mode_command(flipped);
    RC_ASSERT((d.ok() && d.value() == m) == spare(bit));
  }
}

// Whatever a decoder makes of some octets: an error placed inside them, or a value whose
// canonical encoding decodes to the same value with nothing ignored.
void check_decoding(const Bytes& b) {
  const auto d = decode_security_mode_message(b);
  RC_TAG(d.ok() ? (d.ignored().empty() ? "decoded" : "decoded, IEs ignored") : "rejected");
  if (!d.ok()) {
    RC_ASSERT(d.error().offset <= b.size());
    RC_ASSERT(!d.error().reason.empty());
  } else {
    for (const auto& i : d.ignored()) RC_ASSERT(i.offset < b.size());
    const Bytes canonical = encode(d.value());
    const auto again = decode_security_mode_message(canonical);
    RC_ASSERT(again.ok());
    RC_ASSERT(again.ignored().empty());
    RC_ASSERT(again.value() == d.value());
  }
  const auto p = decode_security_protected(b);
  RC_TAG(p.ok() ? "protected: decoded" : "protected: rejected");
  if (!p.ok()) {
    RC_ASSERT(p.error().offset <= b.size());
  } else {
    // Canonical: the same octets with the spare half octet of octet 2 cleared.
    Bytes canonical = b;
    canonical[1] &= 0x0f;
    RC_ASSERT(encode(p.value()) == canonical);
  }
}

}  // namespace

TEST(Nas5gsProperty, SecurityModeMessagesRoundTrip) {
  expect_holds("decode(encode(m)) == m, encode(decode(b)) == b", message_round_trips);
}
TEST(Nas5gsProperty, SecurityModeRoundTripCatchesATruncatingEncoder) {
  expect_mutant_fails("decode(encode(m)) == m", message_round_trips, Mutation::drop_last_octet);
}
TEST(Nas5gsProperty, SecurityModeRoundTripCatchesAnEncoderWritingNgKsiToTheSpareHalf) {
  expect_mutant_fails("decode(encode(m)) == m", message_round_trips, Mutation::ngksi_in_spare_half);
}
TEST(Nas5gsProperty, SecurityProtectedMessagesRoundTrip) {
  expect_holds("security protected 5GS NAS message round trip", protected_round_trips);
}
TEST(Nas5gsProperty, SecurityProtectedRoundTripMutantIsCaught) {
  expect_mutant_fails("security protected 5GS NAS message round trip", protected_round_trips,
                      Mutation::drop_last_octet);
}
TEST(Nas5gsProperty, OnlySpareBitsOfACommandAreIgnored) {
  expect_holds("one flipped bit changes a command unless it is spare",
               only_spare_bits_of_a_command_are_ignored);
}
TEST(Nas5gsProperty, SpareBitPropertyMutantIsCaught) {
  expect_mutant_fails("one flipped bit changes a command unless it is spare",
                      only_spare_bits_of_a_command_are_ignored, Mutation::no_spare_bits);
}

RC_GTEST_PROP(Nas5gsProperty, ArbitraryOctetsDecodeCleanly, ()) { check_decoding(gen_octets()); }

RC_GTEST_PROP(Nas5gsProperty, DamagedMessagesDecodeCleanly, ()) {
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

RC_GTEST_PROP(Nas5gsProperty, DamagedProtectedMessagesDecodeCleanly, ()) {
  Bytes b = encode(gen_protected());
  const auto at = *rc::gen::inRange<std::size_t>(0, b.size());
  b[at] = *octet();
  if (*rc::gen::arbitrary<bool>()) b.resize(*rc::gen::inRange<std::size_t>(0, b.size() + 1));
  check_decoding(b);
}

}  // namespace secmode::spec::nas5gs
