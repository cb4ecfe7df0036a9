// 128-EEA3 and 128-EIA3 (one message and batches) and the ZUC keystream of impl/crypto/ against
// their spec twins
// (spec/crypto/eea_eia.h, spec/crypto/zuc.h) on every tier this machine has, and every pair of
// tiers against each other (STYLE.md 6): random KEY, COUNT, BEARER, DIRECTION and bit lengths (0,
// 1, non-multiples of 8, word and 4-word hash-block edges, up to 64 KB), random junk in the
// unused trailing bits. A mutant flips one output bit of one tier and must be caught (STYLE.md 4).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "impl/crypto/eea3_eia3.h"
#include "impl/crypto/zuc.h"
#include "spec/crypto/eea_eia.h"
#include "spec/crypto/zuc.h"
#include "tests/impl/eea_eia_properties.h"
#include "tests/support/vectors.h"

namespace secmode::impl::crypto {
namespace {

using namespace cases;

// Up to 64 KB (524288 bits): short and non-octet lengths most often, the 32-bit word and
// 128-bit hash-block edges explicitly, long messages now and then.
rc::Gen<std::size_t> gen_bits() {
  return rc::gen::weightedOneOf<std::size_t>({
      {5, rc::gen::inRange<std::size_t>(0, 400)},
      {3, rc::gen::inRange<std::size_t>(0, 20001)},
      {1, rc::gen::inRange<std::size_t>(0, 524289)},
      {3, rc::gen::element<std::size_t>(0, 1, 2, 7, 8, 9, 31, 32, 33, 63, 64, 65, 95, 96, 97, 127, 128, 129, 159,
                                        160, 255, 256, 257, 383, 384, 385, 511, 512, 513, 524287, 524288)},
  });
}

void eea3_property(Mutation m) {
  const Case c = gen_case(gen_bits());
  eea_matches_spec_on_every_tier<Eea3Eia3Key, &eea3>(spec::Eea::eea3, c, m);
  RC_CLASSIFY(c.bits % 8 != 0, "non-octet length");
  RC_CLASSIFY(c.bits > 100000, "longer than 100000 bits");
}

void eia3_property(Mutation m) {
  const Case c = gen_case(gen_bits());
  eia_matches_spec_on_every_tier<Eea3Eia3Key, &eia3, &eia3_verify>(spec::Eia::eia3, c, m);
  RC_CLASSIFY(c.bits % 128 == 0, "whole hash blocks");
  RC_CLASSIFY(c.bits % 32 != 0, "partial last word");
}

// The raw keystream for any key and IV (not only the EEA3/EIA3 IV shapes) against spec::Zuc.
void keystream_property(Mutation m) {
  const Bytes key = *rc::gen::container<Bytes>(16, rc::gen::arbitrary<std::uint8_t>());
  const Bytes iv = *rc::gen::container<Bytes>(16, rc::gen::arbitrary<std::uint8_t>());
  const auto n = *rc::gen::inRange<std::size_t>(0, 100);
  spec::Zuc zuc(key, iv);
  Bytes want;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t z = zuc.next();
    for (int b = 3; b >= 0; --b) want.push_back(static_cast<std::uint8_t>(z >> (8 * b)));
  }
  ZucKeyCells cells;
  zuc_key_cells(cells, key.data());
  const auto tiers = machine_tiers();
  for (std::size_t i = 0; i < tiers.size(); ++i) {
    std::vector<std::uint32_t> z(n);
    switch (tiers[i]) {
      case Tier::portable: zuc_portable_keystream(cells, iv.data(), z.data(), n); break;
      case Tier::avx2: zuc_avx2_keystream(cells, iv.data(), z.data(), n); break;
      case Tier::avx512: zuc_avx512_keystream(cells, iv.data(), z.data(), n); break;
    }
    Bytes got;
    for (const std::uint32_t w : z)
      for (int b = 3; b >= 0; --b) got.push_back(static_cast<std::uint8_t>(w >> (8 * b)));
    apply_flip(m, i, tiers.size(), got);
    RC_ASSERT(test::to_hex(got) == test::to_hex(want));
  }
}

// eea3_batch against the spec twin job by job (STYLE.md 6, lane by lane for the 16-lane kernel):
// up to 40 jobs (two full batches and a partial one), each with its own key on a random tier of
// this machine (so avx512 jobs are grouped around the others), lengths 0 to 3000 bits and
// sometimes up to 64 KB (lanes of very different lengths in one batch), junk trailing bits.
void eea3_batch_property(Mutation m) {
  const auto tiers = machine_tiers();
  const auto count = *rc::gen::inRange<std::size_t>(0, 41);
  std::vector<Case> cases;
  std::vector<std::unique_ptr<Eea3Eia3Key>> keys;
  std::vector<Bytes> outs;
  std::vector<Eea3Job> jobs;
  for (std::size_t i = 0; i < count; ++i) {
    Case c = gen_case(gen_bits());
    if (*rc::gen::inRange(0, 4) != 0) {  // mostly short, the batch's intended use
      c.bits = *rc::gen::inRange<std::size_t>(0, 3001);
      c.data.resize(bytes_for(c.bits));
    }
    const Tier tier = tiers[*rc::gen::weightedElement<std::size_t>({{1, 0}, {6, tiers.size() - 1}})];
    keys.push_back(std::make_unique<Eea3Eia3Key>(key16(c.key), tier));
    cases.push_back(std::move(c));
  }
  outs.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    outs[i].assign(cases[i].data.size(), 0xee);
    jobs.push_back({keys[i].get(), cases[i].in, cases[i].data, cases[i].bits, outs[i], "not run"});
  }
  eea3_batch(jobs);
  for (std::size_t i = 0; i < count; ++i) {
    RC_ASSERT(jobs[i].error == nullptr);
    const Case& c = cases[i];
    Bytes got = outs[i];
    apply_flip(m, i, count, got);
    RC_ASSERT(test::to_hex(got) == test::to_hex(spec::eea(spec::Eea::eea3, c.key, spec_inputs(c.in), c.data, c.bits)));
  }
  RC_CLASSIFY(count >= 16, "at least one full 16-lane batch");
}

// eia3_batch the same way: every job's MAC against the spec twin.
void eia3_batch_property(Mutation m) {
  const auto tiers = machine_tiers();
  const auto count = *rc::gen::inRange<std::size_t>(0, 41);
  std::vector<Case> cases;
  std::vector<std::unique_ptr<Eea3Eia3Key>> keys;
  std::vector<Eia3Job> jobs;
  for (std::size_t i = 0; i < count; ++i) {
    Case c = gen_case(gen_bits());
    if (*rc::gen::inRange(0, 4) != 0) {
      c.bits = *rc::gen::inRange<std::size_t>(0, 3001);
      c.data.resize(bytes_for(c.bits));
    }
    const Tier tier = tiers[*rc::gen::weightedElement<std::size_t>({{1, 0}, {6, tiers.size() - 1}})];
    keys.push_back(std::make_unique<Eea3Eia3Key>(key16(c.key), tier));
    cases.push_back(std::move(c));
  }
  for (std::size_t i = 0; i < count; ++i)
    jobs.push_back({keys[i].get(), cases[i].in, cases[i].data, cases[i].bits, {}, "not run"});
  eia3_batch(jobs);
  for (std::size_t i = 0; i < count; ++i) {
    RC_ASSERT(jobs[i].error == nullptr);
    const Case& c = cases[i];
    Bytes got(jobs[i].mac.begin(), jobs[i].mac.end());
    apply_flip(m, i, count, got);
    const spec::Mac32 want = spec::eia(spec::Eia::eia3, c.key, spec_inputs(c.in), c.data, c.bits);
    RC_ASSERT(test::to_hex(got) == test::to_hex(Bytes(want.begin(), want.end())));
  }
  RC_CLASSIFY(count >= 16, "at least one full 16-lane batch");
}

// The MUTANT tests fail on purpose (RapidCheck prints their counterexample and, at exit,
// "Some of your RapidCheck properties had failures"; those lines name only the mutants).

RC_GTEST_PROP(Eea3ImplProperty, EveryTierMatchesSpecAndEachOther, ()) { eea3_property(Mutation::none); }
TEST(Eea3ImplProperty, MutantFlippedBitOfOneTierIsCaught) {
  ASSERT_FALSE(rc::check("impl 128-EEA3, one tier's bit flipped", [] { eea3_property(Mutation::flip_output_bit); }));
}

RC_GTEST_PROP(Eia3ImplProperty, EveryTierMatchesSpecAndEachOther, ()) { eia3_property(Mutation::none); }
TEST(Eia3ImplProperty, MutantFlippedBitOfOneTierIsCaught) {
  ASSERT_FALSE(rc::check("impl 128-EIA3, one tier's bit flipped", [] { eia3_property(Mutation::flip_output_bit); }));
}

RC_GTEST_PROP(Eia3ImplProperty, VerifyRefusesAWrongMacOnEveryTier, ()) {
  eia_verify_refuses_on_every_tier<Eea3Eia3Key, &eia3_verify>(spec::Eia::eia3, gen_case(gen_bits()));
}

RC_GTEST_PROP(Eea3ImplProperty, BatchMatchesSpecJobByJob, ()) { eea3_batch_property(Mutation::none); }
TEST(Eea3ImplProperty, MutantFlippedBitOfOneBatchJobIsCaught) {
  ASSERT_FALSE(rc::check("impl 128-EEA3 batch, one job's bit flipped", [] { eea3_batch_property(Mutation::flip_output_bit); }));
}

RC_GTEST_PROP(Eia3ImplProperty, BatchMatchesSpecJobByJob, ()) { eia3_batch_property(Mutation::none); }
TEST(Eia3ImplProperty, MutantFlippedBitOfOneBatchJobIsCaught) {
  ASSERT_FALSE(rc::check("impl 128-EIA3 batch, one job's bit flipped", [] { eia3_batch_property(Mutation::flip_output_bit); }));
}

RC_GTEST_PROP(ZucImplProperty, KeystreamMatchesSpecOnEveryTier, ()) { keystream_property(Mutation::none); }
TEST(ZucImplProperty, MutantFlippedKeystreamBitIsCaught) {
  ASSERT_FALSE(rc::check("impl ZUC keystream, one tier's bit flipped", [] { keystream_property(Mutation::flip_output_bit); }));
}

}  // namespace
}  // namespace secmode::impl::crypto
