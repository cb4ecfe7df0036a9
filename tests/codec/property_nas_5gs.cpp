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
#include "tests/codec/generators_nas.h"
#include "tests/codec/generators_nas_5gs.h"

namespace secmode::spec::nas5gs {
namespace {

using test::expect_holds;
using test::expect_mutant_fails;
using namespace test::nas_5gs_gen;
using test::nas_gen::damaged;
using test::nas_gen::followed_by;

// none: the codec as it is. drop_last_octet: the encoded octets lose their last one.
// ngksi_in_spare_half: a plausible encoder bug, ngKSI written to bits 8..5 of its octet (where the
// spare half octet belongs, 9.5) instead of bits 4..1. no_spare_bits: the spare-bit property
// forgets that any bit is spare.
enum class Mutation { none, drop_last_octet, ngksi_in_spare_half, no_spare_bits };

// Arbitrary octets: noise, or a valid message followed by IE-shaped octets.
Bytes gen_octets() {
  if (*rc::gen::inRange(0, 5) == 0) return octets(0, 48);
  return followed_by(encode(gen_message()), security_mode_ie_octets());
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
  test::check_round_trip(m, b, decode_security_mode_message);
}

void protected_round_trips(Mutation mutation) {
  const SecurityProtectedMessage p = gen_protected();
  Bytes b = encode(p);
  if (mutation == Mutation::drop_last_octet) b.pop_back();
  test::check_round_trip(p, b, decode_security_protected);
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
  test::check_decoding(b, decode_security_mode_message);
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
  check_decoding(damaged(encode(gen_message())));
}

RC_GTEST_PROP(Nas5gsProperty, DamagedProtectedMessagesDecodeCleanly, ()) {
  Bytes b = encode(gen_protected());
  const auto at = *rc::gen::inRange<std::size_t>(0, b.size());
  b[at] = *octet();
  if (*rc::gen::arbitrary<bool>()) b.resize(*rc::gen::inRange<std::size_t>(0, b.size() + 1));
  check_decoding(b);
}

}  // namespace secmode::spec::nas5gs
