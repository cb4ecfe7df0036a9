// Which instruction-set tier the crypto kernels run on: the one place that decides (STYLE.md 5).
// Each kernel is written once and instantiated per tier; callers ask for the tier here and
// never test CPU features themselves.
#pragma once

#include <optional>
#include <string_view>

namespace secmode::impl::crypto {

// portable: plain 64-bit C++, constant time. avx2: AVX2 with AES-NI, PCLMULQDQ and SHA-NI.
// avx512: AVX-512 (F, BW, VL) with VAES, GFNI and VPCLMULQDQ, on top of everything avx2 needs.
enum class Tier { portable = 0, avx2 = 1, avx512 = 2 };

// The best tier this CPU supports.
Tier detected_tier();

// The tier kernels use: the detected one, lowered by the environment variable SECMODE_TIER
// ("portable", "avx2", "avx512") so that tests can run every tier the machine has. A value that
// names a tier above the detected one, or no tier, leaves the detected tier (and is reported by
// tier_override_error()). Read once, at first use.
Tier active_tier();

// Why SECMODE_TIER was not applied, if it was set and not applied.
std::optional<std::string_view> tier_override_error();

std::string_view tier_name(Tier t);
std::optional<Tier> tier_from_name(std::string_view name);

}  // namespace secmode::impl::crypto
