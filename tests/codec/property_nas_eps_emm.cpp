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
#include "tests/codec/generators_nas_eps.h"

namespace secmode::spec::nas {
namespace {

using test::expect_holds;
using test::expect_mutant_fails;
using test::maybe;
using namespace test::nas_eps_gen;

enum class Mutation { none, drop_last_octet, no_spare_bits };

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
  Bytes b = encode(gen_emm_message());
  const Bytes tail = ie_shaped_octets();
  b.insert(b.end(), tail.begin(), tail.end());
  return b;
}

// ---- properties ------------------------------------------------------------------------------

void message_round_trips(Mutation mutation) {
  const EmmMessage m = gen_emm_message();
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
  Bytes b = encode(gen_emm_message());
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
