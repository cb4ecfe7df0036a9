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

Bytes gen_octets() {
  if (*rc::gen::inRange(0, 5) == 0) {
    Bytes b = octets(0, 48);
    if (b.size() >= 2 && *rc::gen::arbitrary<bool>()) {  // aim at the known message types
      b[0] = 0x07;
      b[1] = *rc::gen::element<std::uint8_t>(0x41, 0x48, 0x52, 0x53, 0x54, 0x5c);
    }
    return b;
  }
  return followed_by(encode(gen_emm_message()), emm_ie_octets());
}

// ---- properties ------------------------------------------------------------------------------

void message_round_trips(Mutation mutation) {
  const EmmMessage m = gen_emm_message();
  RC_TAG(m.index());
  Bytes b = encode(m);
  if (mutation == Mutation::drop_last_octet) b.pop_back();
  test::check_round_trip(m, b, decode_emm_message);
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

RC_GTEST_PROP(NasEpsEmmProperty, ArbitraryOctetsDecodeCleanly, ()) {
  test::check_decoding(gen_octets(), decode_emm_message);
}

RC_GTEST_PROP(NasEpsEmmProperty, DamagedMessagesDecodeCleanly, ()) {
  test::check_decoding(damaged(encode(gen_emm_message())), decode_emm_message);
}

}  // namespace secmode::spec::nas
