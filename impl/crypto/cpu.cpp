#include "impl/crypto/cpu.h"

#include <cpuid.h>

#include <cstdlib>
#include <string>

namespace secmode::impl::crypto {

namespace {

struct Features {
  bool aesni, pclmul, avx2, sha, avx512f, avx512bw, avx512vl, vaes, gfni, vpclmul, os_avx, os_avx512;
};

// Intel SDM vol. 2A, CPUID leaves 1 and 7; XGETBV tells whether the OS saves the wide registers.
Features read_features() {
  Features f{};
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return f;
  f.aesni = c & bit_AES;
  f.pclmul = c & bit_PCLMUL;
  const bool osxsave = c & bit_OSXSAVE;
  if (osxsave) {
    unsigned lo = 0, hi = 0;
    __asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    f.os_avx = (lo & 0x6) == 0x6;       // XMM and YMM state
    f.os_avx512 = (lo & 0xe6) == 0xe6;  // and opmask, ZMM0-15 upper halves, ZMM16-31
  }
  if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
    f.avx2 = b & bit_AVX2;
    f.sha = b & bit_SHA;
    f.avx512f = b & bit_AVX512F;
    f.avx512bw = b & bit_AVX512BW;
    f.avx512vl = b & bit_AVX512VL;
    f.vaes = c & bit_VAES;
    f.gfni = c & bit_GFNI;
    f.vpclmul = c & bit_VPCLMULQDQ;
  }
  return f;
}

struct Choice {
  Tier tier;
  std::optional<std::string> error;
};

Choice choose() {
  const Tier detected = detected_tier();
  const char* env = std::getenv("SECMODE_TIER");
  if (env == nullptr) return {detected, std::nullopt};
  const auto wanted = tier_from_name(env);
  if (!wanted) return {detected, "SECMODE_TIER=" + std::string(env) + " names no tier (portable, avx2, avx512)"};
  if (*wanted > detected)
    return {detected, "SECMODE_TIER=" + std::string(env) + " is above what this CPU supports (" +
                          std::string(tier_name(detected)) + ")"};
  return {*wanted, std::nullopt};
}

const Choice& choice() {
  static const Choice c = choose();
  return c;
}

}  // namespace

Tier detected_tier() {
  // Read once: CPUID traps to the hypervisor in a VM (tens of microseconds), and key set-up
  // asks for the tier every time.
  static const Tier tier = [] {
    const Features f = read_features();
    const bool avx2 = f.os_avx && f.avx2 && f.aesni && f.pclmul && f.sha;
    const bool avx512 =
        avx2 && f.os_avx512 && f.avx512f && f.avx512bw && f.avx512vl && f.vaes && f.gfni && f.vpclmul;
    return avx512 ? Tier::avx512 : avx2 ? Tier::avx2 : Tier::portable;
  }();
  return tier;
}

Tier active_tier() { return choice().tier; }

std::optional<std::string_view> tier_override_error() {
  if (!choice().error) return std::nullopt;
  return *choice().error;
}

std::string_view tier_name(Tier t) {
  switch (t) {
    case Tier::portable: return "portable";
    case Tier::avx2: return "avx2";
    case Tier::avx512: return "avx512";
  }
  return "?";
}

std::optional<Tier> tier_from_name(std::string_view name) {
  for (const Tier t : {Tier::portable, Tier::avx2, Tier::avx512})
    if (tier_name(t) == name) return t;
  return std::nullopt;
}

}  // namespace secmode::impl::crypto
