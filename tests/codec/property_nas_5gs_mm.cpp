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
#include "tests/codec/generators_nas.h"
#include "tests/codec/generators_nas_5gs.h"

namespace secmode::spec::nas5gs {
namespace {

using test::expect_holds;
using test::expect_mutant_fails;
using namespace test::nas_5gs_gen;
using test::nas_gen::damaged;
using test::nas_gen::followed_by;

enum class Mutation { none, drop_last_octet, set_spare_bit };

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
  return followed_by(encode(gen_5gmm_message()), five_gmm_ie_octets());
}

// ---- properties ------------------------------------------------------------------------------

void message_round_trips(Mutation mutation) {
  const FiveGmmMessage m = gen_5gmm_message();
  RC_TAG(m.index());
  Bytes b = encode(m);
  if (mutation == Mutation::drop_last_octet) b.pop_back();
  test::check_round_trip(m, b, decode_5gmm_message);
}

// Canonical octets survive encode(decode(b)); the mutant sets the spare half octet (9.5) of an
// AUTHENTICATION REQUEST or RESULT, which the decoder does not interpret, so the octets differ.
void canonical_octets_survive(Mutation mutation) {
  FiveGmmMessage m = gen_5gmm_message();
  if (mutation == Mutation::set_spare_bit)
    m = *rc::gen::arbitrary<bool>()
            ? FiveGmmMessage(gen_authentication_request())
            : FiveGmmMessage(AuthenticationResult{key_set(6), octets(4, 9), {}});
  Bytes b = encode(m);
  if (mutation == Mutation::set_spare_bit) b[3] |= 0x10;
  const auto d = decode_5gmm_message(b);
  RC_ASSERT(d.ok());
  RC_ASSERT(encode(d.value()) == b);
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

RC_GTEST_PROP(Nas5gsMmProperty, ArbitraryOctetsDecodeCleanly, ()) {
  test::check_decoding(gen_octets(), decode_5gmm_message);
}

RC_GTEST_PROP(Nas5gsMmProperty, DamagedMessagesDecodeCleanly, ()) {
  test::check_decoding(damaged(encode(gen_5gmm_message())), decode_5gmm_message);
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
