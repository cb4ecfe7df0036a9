// The one place that picks the instruction-set tier (impl/crypto/cpu.h).
#include <gtest/gtest.h>

#include "impl/crypto/cpu.h"

using namespace secmode::impl::crypto;

TEST(CpuTier, NamesRoundTrip) {
  for (const Tier t : {Tier::portable, Tier::avx2, Tier::avx512}) EXPECT_EQ(tier_from_name(tier_name(t)), t);
  EXPECT_FALSE(tier_from_name("sse4"));
}

// SECMODE_TIER can only lower the tier: kernels never run instructions the CPU lacks.
TEST(CpuTier, ActiveTierNeverAboveDetected) {
  EXPECT_LE(static_cast<int>(active_tier()), static_cast<int>(detected_tier()));
  if (tier_override_error()) ADD_FAILURE() << "SECMODE_TIER was not applied: " << *tier_override_error();
}
