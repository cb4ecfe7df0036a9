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
#include "tests/codec/generators_nas_eps.h"

namespace secmode::spec::nas {
namespace {

using test::maybe;
using test::expect_holds;
using test::expect_mutant_fails;
using namespace test::nas_eps_gen;

enum class Mutation { none, drop_last_octet, no_spare_bits };

// Octets shaped like IEs: known and unknown IEIs of every format, lengths right and wrong.
Bytes ie_shaped_octets() {
  Bytes out;
  const auto count = *rc::gen::inRange(0, 5);
  for (int i = 0; i < count; ++i) {
    const std::uint8_t iei = *rc::gen::weightedOneOf<std::uint8_t>(
        {{3, rc::gen::element<std::uint8_t>(0xc1, 0x55, 0x56, 0x4f, 0x6f, 0x37, 0x23, 0x79, 0x66)},
         {1, octet()}});
    out.push_back(iei);
    Bytes value = octets(0, 12);
    if (iei & 0x80) continue;
    if (iei == 0x55 || iei == 0x56)
      value.resize(4);
    else if ((iei & 0xf0) == 0x70)
      out.push_back(0);  // TLV-E: high length octet
    if (iei != 0x55 && iei != 0x56)
      out.push_back(static_cast<std::uint8_t>(
          value.size() + *rc::gen::weightedElement<int>({{12, 0}, {1, 1}, {1, 255}})));
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

void message_round_trips(Mutation mutation) {
  const SecurityModeMessage m = gen_message();
  Bytes b = encode(m);
  if (mutation == Mutation::drop_last_octet) b.pop_back();
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
