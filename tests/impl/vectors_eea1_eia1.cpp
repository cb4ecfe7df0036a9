// Known answers for the constant-time SNOW 3G, 128-EEA1 and 128-EIA1 of impl/crypto/ (STYLE.md 6),
// on every tier this machine has: the official TS 33.401 C.3 / C.4 vectors (loaded by the one
// loader, algorithm 1 only), and the argument contract.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "impl/crypto/eea1_eia1.h"
#include "tests/impl/eea_eia_vectors.h"
#include "tests/support/vectors.h"

namespace secmode::impl::crypto {
namespace {

using namespace cases;

using test::hex;

TEST(Eea1Vectors, EveryVectorOnEveryTier) { eea_vectors_on_every_tier<Eea1Eia1Key, &eea1>("128-EEA1", 4); }

TEST(Eia1Vectors, EveryVectorOnEveryTier) {
  eia_vectors_on_every_tier<Eea1Eia1Key, &eia1, &eia1_verify>("128-EIA1", 5);
}

TEST(Eea1Eia1Contract, RefusesBadArgumentsWithoutWriting) {
  refuses_bad_arguments_without_writing<Eea1Eia1Key, &eea1, &eia1, &eia1_verify>();
}

TEST(Eea1Eia1Key, TierIsNeverAboveTheCpu) { tier_is_never_above_the_cpu<Eea1Eia1Key>(); }

}  // namespace
}  // namespace secmode::impl::crypto
