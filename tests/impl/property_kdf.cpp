// The TS 33.220 KDF of impl/crypto/ against its spec twin (spec/crypto/kdf.h) on every tier this
// machine has, and every pair of tiers against each other (STYLE.md 6): random 256-bit keys, FC,
// 0..4 parameters of 0..300 octets (so S crosses the one-block, two-block and many-block
// paddings of the inner hash, and parameters straddle block edges), through a reused KdfKey and
// the one-shot call. A mutant flips one output bit of one tier and must be caught (STYLE.md 4).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "impl/crypto/kdf.h"
#include "spec/crypto/kdf.h"
#include "spec/crypto/keys_5gs.h"
#include "spec/crypto/keys_eps.h"
#include "tests/impl/crypto_cases.h"
#include "tests/support/vectors.h"

namespace secmode::impl::crypto {
namespace {

using namespace cases;

// Short parameters most often (the real ones are 1..6 octets), any length up to 300 too, and
// lengths that put S's end at the SHA-256 padding edges (55/56 octets of S after FC).
rc::Gen<std::size_t> gen_length() {
  return rc::gen::weightedOneOf<std::size_t>({
      {4, rc::gen::inRange<std::size_t>(0, 9)},
      {3, rc::gen::inRange<std::size_t>(0, 301)},
      {2, rc::gen::element<std::size_t>(0, 1, 51, 52, 53, 54, 55, 56, 61, 62, 63, 64, 65, 117, 118, 119, 120, 128, 300)},
  });
}

void kdf_property(Mutation m) {
  const Bytes key = *rc::gen::container<Bytes>(32, rc::gen::arbitrary<std::uint8_t>());
  const auto fc = *rc::gen::arbitrary<std::uint8_t>();
  const auto count = *rc::gen::inRange<std::size_t>(0, 5);
  std::vector<Bytes> params;
  std::size_t s_len = 1;
  for (std::size_t i = 0; i < count; ++i) {
    params.push_back(*rc::gen::container<Bytes>(*gen_length(), rc::gen::arbitrary<std::uint8_t>()));
    s_len += params.back().size() + 2;
  }
  const std::vector<std::span<const std::uint8_t>> views(params.begin(), params.end());
  const auto spec_out = spec::kdf(key, fc, params);
  const Bytes want(spec_out.begin(), spec_out.end());

  const auto tiers = machine_tiers();
  std::vector<Bytes> outs;
  const std::span<const std::uint8_t, 32> k32(key.data(), 32);
  for (std::size_t i = 0; i < tiers.size(); ++i) {
    const KdfKey k(k32, tiers[i]);
    RC_ASSERT(k.tier() == tiers[i]);
    std::array<std::uint8_t, 32> out{}, once{};
    RC_ASSERT(derive(k, fc, views, out) == nullptr);
    RC_ASSERT(derive(k32, tiers[i], fc, views, once) == nullptr);
    RC_ASSERT(out == once);
    Bytes got(out.begin(), out.end());
    if (m == Mutation::flip_output_bit && i + 1 == tiers.size()) {
      const auto bit = *rc::gen::inRange<std::size_t>(0, 256);
      got[bit / 8] ^= static_cast<std::uint8_t>(0x80 >> (bit % 8));
    }
    RC_ASSERT(test::to_hex(got) == test::to_hex(want));
    outs.push_back(got);
  }
  for (std::size_t i = 0; i < outs.size(); ++i)
    for (std::size_t j = i + 1; j < outs.size(); ++j) RC_ASSERT(outs[i] == outs[j]);
  RC_CLASSIFY(s_len <= 55, "S fits the inner hash's one block");
  RC_CLASSIFY(s_len > 119, "S spans three or more blocks");
}

// The MUTANT test fails on purpose (RapidCheck prints its counterexample and, at exit,
// "Some of your RapidCheck properties had failures"; those lines name only the mutant).

RC_GTEST_PROP(KdfImplProperty, EveryTierMatchesSpecAndEachOther, ()) { kdf_property(Mutation::none); }
TEST(KdfImplProperty, MutantFlippedBitOfOneTierIsCaught) {
  ASSERT_FALSE(rc::check("impl KDF, one tier's bit flipped", [] { kdf_property(Mutation::flip_output_bit); }));
}

// TS 33.401 A.7 and TS 33.501 A.8 against spec::derive_eps_algorithm_key and
// spec::derive_5gs_algorithm_key: both hierarchies, every distinguisher and identity, random keys,
// on every tier; and the contract's refusals.
RC_GTEST_PROP(KdfImplProperty, AlgorithmKeyMatchesSpec, ()) {
  const Bytes key = *rc::gen::container<Bytes>(32, rc::gen::arbitrary<std::uint8_t>());
  const auto type = *rc::gen::inRange<std::uint8_t>(1, 7);
  const auto alg = *rc::gen::inRange<std::uint8_t>(0, 16);
  const bool fivegs = *rc::gen::arbitrary<bool>();
  const auto t = static_cast<spec::AlgorithmType>(type);
  const auto want = fivegs ? spec::derive_5gs_algorithm_key(key, t, alg) : spec::derive_eps_algorithm_key(key, t, alg);
  for (const Tier tier : machine_tiers()) {
    const KdfKey k(std::span<const std::uint8_t, 32>(key.data(), 32), tier);
    std::array<std::uint8_t, 16> out{};
    RC_ASSERT(derive_algorithm_key(k, fivegs ? KeyHierarchy::fivegs : KeyHierarchy::eps, type, alg, out) == nullptr);
    RC_ASSERT(test::to_hex(Bytes(out.begin(), out.end())) == test::to_hex(Bytes(want.begin(), want.end())));
  }
}

// TS 33.501 A.13 against spec::derive_kamf_prime: random keys, both directions, any COUNT, on every tier.
RC_GTEST_PROP(KdfImplProperty, KamfPrimeMatchesSpec, ()) {
  const Bytes key = *rc::gen::container<Bytes>(32, rc::gen::arbitrary<std::uint8_t>());
  const auto direction = *rc::gen::inRange<std::uint8_t>(0, 2);
  const auto count = *rc::gen::arbitrary<std::uint32_t>();
  const auto want = spec::derive_kamf_prime(key, direction, count);
  for (const Tier tier : machine_tiers()) {
    const KdfKey k(std::span<const std::uint8_t, 32>(key.data(), 32), tier);
    std::array<std::uint8_t, 32> out{};
    RC_ASSERT(derive_kamf_prime(k, direction, count, out) == nullptr);
    RC_ASSERT(test::to_hex(Bytes(out.begin(), out.end())) == test::to_hex(Bytes(want.begin(), want.end())));
  }
  std::array<std::uint8_t, 32> out{};
  RC_ASSERT(derive_kamf_prime(KdfKey(std::span<const std::uint8_t, 32>(key.data(), 32)), 2, count, out) != nullptr);
}

TEST(KdfImpl, AlgorithmKeyRefusesOutOfRangeArguments) {
  const std::array<std::uint8_t, 32> key{};
  const KdfKey k(key);
  std::array<std::uint8_t, 16> out{};
  out.fill(0xaa);
  EXPECT_NE(derive_algorithm_key(k, KeyHierarchy::eps, 0x00, 1, out), nullptr);
  EXPECT_NE(derive_algorithm_key(k, KeyHierarchy::eps, 0x07, 1, out), nullptr);
  EXPECT_NE(derive_algorithm_key(k, KeyHierarchy::eps, 0x02, 16, out), nullptr);
  EXPECT_EQ(out[0], 0xaa);  // not written
  EXPECT_EQ(derive_algorithm_key(k, KeyHierarchy::eps, 0x02, 15, out), nullptr);
}

}  // namespace
}  // namespace secmode::impl::crypto
