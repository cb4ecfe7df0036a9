// Properties of the EPS NAS security mode codec over generated messages and arbitrary octets:
// decode(encode(m)) == m, canonical octets survive encode(decode(b)), and no input makes a
// decoder crash, read out of bounds (ASan/UBSan builds) or accept what it cannot re-encode.
// Properties that could be vacuous are paired with a mutant that must fail (STYLE.md 4).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <optional>
#include <string>

#include "spec/codec/nas_eps.h"
#include "tests/codec/checks.h"
#include "tests/codec/generators_nas.h"
#include "tests/codec/generators_nas_eps.h"

namespace secmode::spec::nas {
namespace {

using test::expect_holds;
using test::expect_mutant_fails;
using namespace test::nas_eps_gen;
using test::nas_gen::damaged;
using test::nas_gen::followed_by;

enum class Mutation { none, drop_last_octet, no_spare_bits };

// Arbitrary octets: noise, or a valid message followed by IE-shaped octets.
Bytes gen_octets() {
  if (*rc::gen::inRange(0, 5) == 0) return octets(0, 48);
  return followed_by(encode(gen_message()), security_mode_ie_octets());
}

// ---- properties ------------------------------------------------------------------------------

void message_round_trips(Mutation mutation) {
  const SecurityModeMessage m = gen_message();
  Bytes b = encode(m);
  if (mutation == Mutation::drop_last_octet) b.pop_back();
  test::check_round_trip(m, b, decode_security_mode_message);
}

void protected_round_trips(Mutation mutation) {
  const SecurityProtectedMessage p = gen_protected();
  Bytes b = encode(p);
  if (mutation == Mutation::drop_last_octet) b.pop_back();
  test::check_round_trip(p, b, decode_security_protected);
}

// Flipping one bit of the imperative part of a command changes what decodes, unless the bit is
// spare: octet 3 bits 8 and 4 (9.9.3.23) and octet 4 bits 8..5 (spare half octet, 9.9.2.9).
void only_spare_bits_of_a_command_are_ignored(Mutation mutation) {
  const SecurityModeCommand m = gen_command();
  const Bytes b = encode(m);
  const std::size_t imperative = 5 + b[4];
  const auto spare = [&](std::size_t bit) {
    if (mutation == Mutation::no_spare_bits) return false;
    const std::uint8_t mask = static_cast<std::uint8_t>(0x80 >> bit % 8);
    return (bit / 8 == 2 && (mask & 0x88)) || (bit / 8 == 3 && (mask & 0xf0));
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
  if (!p.ok())
    RC_ASSERT(p.error().offset <= b.size());
  else
    RC_ASSERT(encode(p.value()) == b);
}

}  // namespace

TEST(NasEpsProperty, SecurityModeMessagesRoundTrip) {
  expect_holds("decode(encode(m)) == m, encode(decode(b)) == b", message_round_trips);
}
TEST(NasEpsProperty, SecurityModeRoundTripMutantIsCaught) {
  expect_mutant_fails("decode(encode(m)) == m", message_round_trips, Mutation::drop_last_octet);
}
TEST(NasEpsProperty, SecurityProtectedMessagesRoundTrip) {
  expect_holds("security protected NAS message round trip", protected_round_trips);
}
TEST(NasEpsProperty, SecurityProtectedRoundTripMutantIsCaught) {
  expect_mutant_fails("security protected NAS message round trip", protected_round_trips,
                      Mutation::drop_last_octet);
}
TEST(NasEpsProperty, OnlySpareBitsOfACommandAreIgnored) {
  expect_holds("one flipped bit changes a command unless it is spare",
               only_spare_bits_of_a_command_are_ignored);
}
TEST(NasEpsProperty, SpareBitPropertyMutantIsCaught) {
  expect_mutant_fails("one flipped bit changes a command unless it is spare",
                      only_spare_bits_of_a_command_are_ignored, Mutation::no_spare_bits);
}

RC_GTEST_PROP(NasEpsProperty, ArbitraryOctetsDecodeCleanly, ()) { check_decoding(gen_octets()); }

RC_GTEST_PROP(NasEpsProperty, DamagedMessagesDecodeCleanly, ()) {
  check_decoding(damaged(encode(gen_message())));
}

}  // namespace secmode::spec::nas
