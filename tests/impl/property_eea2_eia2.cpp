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
#include "tests/impl/eea_eia_properties.h"
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

void eea2_property(Mutation m) {
  const Case c = gen_case(gen_bits());
  eea_matches_spec_on_every_tier<Eea2Eia2Key, &eea2>(spec::Eea::eea2, c, m);
  RC_CLASSIFY(c.bits % 8 != 0, "non-octet length");
  RC_CLASSIFY(c.bits > 100000, "longer than 100000 bits");
}

void eia2_property(Mutation m) {
  const Case c = gen_case(gen_bits());
  eia_matches_spec_on_every_tier<Eea2Eia2Key, &eia2, &eia2_verify>(spec::Eia::eia2, c, m);
  RC_CLASSIFY((64 + c.bits) % 128 == 0, "complete last CMAC block (K1)");
  RC_CLASSIFY(c.bits % 8 != 0, "non-octet length");
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

RC_GTEST_PROP(Eia2ImplProperty, VerifyRefusesAWrongMacOnEveryTier, ()) {
  eia_verify_refuses_on_every_tier<Eea2Eia2Key, &eia2_verify>(spec::Eia::eia2, gen_case(gen_bits()));
}

}  // namespace
}  // namespace secmode::impl::crypto
