// 128-EEA2 and 128-EIA2 of impl/crypto/ against their spec twin (spec/crypto/eea_eia.h) on every
// tier this machine has, and every pair of tiers against each other (STYLE.md 6): random KEY,
// COUNT, BEARER, DIRECTION and bit lengths (0, 1, non-multiples of 8, block edges, up to 64 KB),
// random junk in the unused trailing bits. A mutant flips one output bit of one tier and must be
// caught (STYLE.md 4).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "impl/crypto/eea2_eia2.h"
#include "spec/crypto/eea_eia.h"
#include "tests/impl/crypto_cases.h"
#include "tests/support/vectors.h"

namespace secmode::impl::crypto {
namespace {

using namespace cases;

// Up to 64 KB (524288 bits): short and non-octet lengths most often, the CTR/CMAC block edges
// (64 + bits = 0 mod 128 for EIA2, bits = 0 mod 128 for EEA2) and the 8-block AES-NI stride
// (1024 bits) explicitly, long messages now and then.
rc::Gen<std::size_t> gen_bits() {
  return rc::gen::weightedOneOf<std::size_t>({
      {5, rc::gen::inRange<std::size_t>(0, 400)},
      {3, rc::gen::inRange<std::size_t>(0, 20001)},
      {1, rc::gen::inRange<std::size_t>(0, 524289)},
      {3, rc::gen::element<std::size_t>(0, 1, 2, 7, 8, 9, 63, 64, 65, 127, 128, 129, 191, 192, 193, 255,
                                        256, 257, 511, 512, 513, 1023, 1024, 1025, 524287, 524288)},
  });
}

// Flips one generator-chosen bit of the last tier's output under the mutant.
void apply_flip(Mutation m, std::size_t tier_index, std::size_t tiers, Bytes& out) {
  if (m != Mutation::flip_output_bit || tier_index + 1 != tiers || out.empty()) return;
  const auto bit = *rc::gen::inRange<std::size_t>(0, 8 * out.size());
  out[bit / 8] ^= static_cast<std::uint8_t>(0x80 >> (bit % 8));
}

void eea2_property(Mutation m) {
  const Case c = gen_case(gen_bits());
  const Bytes want = spec::eea(spec::Eea::eea2, c.key, spec_inputs(c.in), c.data, c.bits);
  const auto tiers = machine_tiers();
  std::vector<Bytes> outs;
  for (std::size_t i = 0; i < tiers.size(); ++i) {
    const Eea2Eia2Key key(std::span<const std::uint8_t, 16>(c.key.data(), 16), tiers[i]);
    Bytes out(c.data.size());
    RC_ASSERT(eea2(key, c.in, c.data, c.bits, out) == nullptr);
    Bytes in_place = c.data;
    RC_ASSERT(eea2(key, c.in, in_place, c.bits, in_place) == nullptr);
    RC_ASSERT(in_place == out);
    apply_flip(m, i, tiers.size(), out);
    RC_ASSERT(test::to_hex(out) == test::to_hex(want));
    outs.push_back(out);
  }
  for (std::size_t i = 0; i < outs.size(); ++i)
    for (std::size_t j = i + 1; j < outs.size(); ++j) RC_ASSERT(outs[i] == outs[j]);
  RC_CLASSIFY(c.bits % 8 != 0, "non-octet length");
  RC_CLASSIFY(c.bits > 100000, "longer than 100000 bits");
}

void eia2_property(Mutation m) {
  const Case c = gen_case(gen_bits());
  const spec::Mac32 want = spec::eia(spec::Eia::eia2, c.key, spec_inputs(c.in), c.data, c.bits);
  const auto tiers = machine_tiers();
  std::vector<Bytes> macs;
  for (std::size_t i = 0; i < tiers.size(); ++i) {
    const Eea2Eia2Key key(std::span<const std::uint8_t, 16>(c.key.data(), 16), tiers[i]);
    std::array<std::uint8_t, 4> mac{};
    RC_ASSERT(eia2(key, c.in, c.data, c.bits, mac) == nullptr);
    RC_ASSERT(eia2_verify(key, c.in, c.data, c.bits, mac));
    Bytes got(mac.begin(), mac.end());
    apply_flip(m, i, tiers.size(), got);
    RC_ASSERT(test::to_hex(got) == test::to_hex(Bytes(want.begin(), want.end())));
    macs.push_back(got);
  }
  for (std::size_t i = 0; i < macs.size(); ++i)
    for (std::size_t j = i + 1; j < macs.size(); ++j) RC_ASSERT(macs[i] == macs[j]);
  RC_CLASSIFY((64 + c.bits) % 128 == 0, "complete last CMAC block (K1)");
  RC_CLASSIFY(c.bits % 8 != 0, "non-octet length");
}

// A wrong MAC is refused on every tier: a random one (almost surely wrong) and the right one
// with a bit flipped.
void eia2_verify_refuses(Mutation) {
  const Case c = gen_case(gen_bits());
  const spec::Mac32 want = spec::eia(spec::Eia::eia2, c.key, spec_inputs(c.in), c.data, c.bits);
  std::array<std::uint8_t, 4> bad{want[0], want[1], want[2], want[3]};
  const auto bit = *rc::gen::inRange(0, 32);
  bad[bit / 8] ^= static_cast<std::uint8_t>(0x80 >> (bit % 8));
  for (const Tier tier : machine_tiers()) {
    const Eea2Eia2Key key(std::span<const std::uint8_t, 16>(c.key.data(), 16), tier);
    RC_ASSERT(!eia2_verify(key, c.in, c.data, c.bits, bad));
  }
}

// The MUTANT tests fail on purpose (RapidCheck prints their counterexample and, at exit,
// "Some of your RapidCheck properties had failures"; those lines name only the mutants).

RC_GTEST_PROP(Eea2ImplProperty, EveryTierMatchesSpecAndEachOther, ()) { eea2_property(Mutation::none); }
TEST(Eea2ImplProperty, MutantFlippedBitOfOneTierIsCaught) {
  ASSERT_FALSE(rc::check("impl 128-EEA2, one tier's bit flipped", [] { eea2_property(Mutation::flip_output_bit); }));
}

RC_GTEST_PROP(Eia2ImplProperty, EveryTierMatchesSpecAndEachOther, ()) { eia2_property(Mutation::none); }
TEST(Eia2ImplProperty, MutantFlippedBitOfOneTierIsCaught) {
  ASSERT_FALSE(rc::check("impl 128-EIA2, one tier's bit flipped", [] { eia2_property(Mutation::flip_output_bit); }));
}

RC_GTEST_PROP(Eia2ImplProperty, VerifyRefusesAWrongMacOnEveryTier, ()) { eia2_verify_refuses(Mutation::none); }

}  // namespace
}  // namespace secmode::impl::crypto
