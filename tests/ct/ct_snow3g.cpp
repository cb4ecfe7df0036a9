// Constant-time check of the SNOW 3G kernels, 128-EEA1 and 128-EIA1 (STYLE.md 9), the "ctgrind"
// technique of tests/ct/ct_aes.cpp: the key, the data and the MAC under test are marked undefined
// for valgrind's memcheck, so any branch or memory address that depends on them is reported as a
// use of an uninitialised value, and `valgrind --error-exitcode=1` fails the test
// (tests/CMakeLists.txt). Results are declassified (marked defined) before they are compared.
//
// What runs under valgrind 3.19: its CPUID hides SHA-NI and AVX-512, so detected_tier() is
// `portable` inside it and keys made for avx2/avx512 are lowered to portable; the API (eea1, eia1,
// eia1_verify) is therefore checked on the portable tier. The avx2 kernels (AESENC, PSHUFB,
// PCLMULQDQ, AVX2 - all emulated by valgrind on amd64) are driven directly: snow3g_avx2_xor,
// snow3g_avx2_z5 and uia2_eval_clmul with secret key, IV and data. The avx512 kernels (GFNI,
// AVX-512VL rotations and blends, VPCLMULQDQ) cannot run under valgrind at all: they are only cross-checked
// against the portable kernel when this program runs on its own, and by the known-answer and
// property tests (tests/impl/*eea1_eia1*). They hold no table and branch on no data by
// construction (GF2P8* and AESENC on registers, constants loaded from fixed addresses, loop
// counts from public lengths), which is what the valgrind run would otherwise confirm. The same
// holds for the 16-lane kernel of eea1_batch / eia1_batch (snow3g_avx512_x16.cpp: VAESENC, GFNI,
// AVX-512 masked loads and stores): valgrind cannot run it, so it is only cross-checked here,
// outside valgrind, against the one-message API. Under valgrind, eea1_batch and eia1_batch still
// run (their framing is portable code) and route every job to the portable tier: that path is
// checked with secret keys and data like the rest of the API.
//
// `ct_snow3g table` instead computes S2 the classic way, from a 256-octet SQ table indexed by the
// secret word: it must be caught (the ctest case is WILL_FAIL), showing the check has teeth.
#include <valgrind/memcheck.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "impl/crypto/eea1_eia1.h"
#include "impl/crypto/snow3g.h"
#include "tests/ct/ctgrind.h"

using namespace secmode::impl::crypto;

namespace {

using namespace secmode::test::ctgrind;

constexpr std::array<std::uint8_t, 16> kKey = {0xd3, 0xc5, 0xd5, 0x92, 0x32, 0x7f, 0xb1, 0x1c,
                                               0x40, 0x35, 0xc6, 0x68, 0x0a, 0xf8, 0xc6, 0xd1};
constexpr std::size_t kLen = 45;  // not a multiple of 4: the partial last keystream word runs

struct ApiOut {
  std::array<std::uint8_t, 4> mac{};
  std::array<std::uint8_t, kLen> ct{};
  bool operator==(const ApiOut&) const = default;
};

// The public API on one tier: EEA1 with a partial last octet, EIA1 over several 64-bit blocks
// and a partial one, and the constant-time verify (right and wrong MAC).
ApiOut run_api(Tier tier) {
  std::array<std::uint8_t, 16> key = kKey;
  std::array<std::uint8_t, kLen> data{};
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 37 + 1);
  secret(key);
  secret(data);
  const Eea1Eia1Key k(key, tier);
  const CountInputs in{0x398a59b4, 0x15, 1};
  const std::size_t bits = 8 * data.size() - 3;
  ApiOut out;
  expect(eea1(k, in, data, bits, out.ct) == nullptr, "eea1 accepted its arguments");
  expect(eia1(k, in, data, bits, out.mac) == nullptr, "eia1 accepted its arguments");
  std::array<std::uint8_t, 4> claimed = out.mac;
  secret(claimed);
  bool ok = eia1_verify(k, in, data, bits, claimed);
  claimed[3] ^= 1;
  bool bad = eia1_verify(k, in, data, bits, claimed);
  declassify(ok);
  declassify(bad);
  expect(ok && !bad, "eia1_verify accepts the MAC and refuses a wrong one");
  // The batch API (16-lane kernel on avx512, outside valgrind): 17 jobs, so that one full batch
  // and a lone leftover run, each of which must equal the one-message result.
  std::array<std::array<std::uint8_t, kLen>, 17> outs{};
  std::array<Eea1Job, 17> cjobs;
  std::array<Eia1Job, 17> mjobs;
  for (std::size_t i = 0; i < cjobs.size(); ++i) {
    cjobs[i] = {&k, in, data, bits, outs[i]};
    mjobs[i] = {&k, in, data, bits};
  }
  eea1_batch(cjobs);
  eia1_batch(mjobs);
  declassify(out);
  bool same = true;
  for (std::size_t i = 0; i < cjobs.size(); ++i) {
    declassify(outs[i]);
    declassify(mjobs[i].mac);
    same = same && cjobs[i].error == nullptr && mjobs[i].error == nullptr;
    same = same && std::memcmp(outs[i].data(), out.ct.data(), kLen) == 0;
    same = same && std::memcmp(mjobs[i].mac.data(), out.mac.data(), 4) == 0;
  }
  expect(same, "eea1_batch / eia1_batch give what eea1 / eia1 give");
  return out;
}

// One tier's kernels on their own: keystream XOR over 16-octet blocks and a partial word, z1..z5,
// and a UIA2 hash long enough for the 8-block (PCLMULQDQ) and 32-block (VPCLMULQDQ) paths, with secret key, IV, data, P and Q.
struct KernelOut {
  std::array<std::uint8_t, 603> ks{};
  std::array<std::uint32_t, 5> z{};
  std::uint64_t eval = 0;
  bool operator==(const KernelOut&) const = default;
};

using XorFn = void (*)(const Snow3gInput&, const std::uint8_t*, std::uint8_t*, std::size_t) noexcept;
using Z5Fn = void (*)(const Snow3gInput&, std::uint32_t*) noexcept;
using EvalFn = std::uint64_t (*)(std::uint64_t, std::uint64_t, const std::uint8_t*, std::size_t) noexcept;

KernelOut run_kernel(XorFn xor_fn, Z5Fn z5_fn, EvalFn eval_fn) {
  Snow3gInput in{{0x0a1b2c3d, 0x4e5f6071, 0x8293a4b5, 0xc6d7e8f9}, {0x11223344, 0x55667788, 0x99aabbcc, 0xddeeff00}};
  std::array<std::uint8_t, 603> data{};
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 13 + 5);
  secret(in);
  secret(data);
  KernelOut out;
  xor_fn(in, data.data(), out.ks.data(), data.size());
  z5_fn(in, out.z.data());
  std::uint64_t p = 0x0123456789abcdefull, q = 0xfedcba9876543210ull;
  secret(p);
  secret(q);
  out.eval = eval_fn(p, q, data.data(), 8 * data.size() - 5);
  declassify(out);
  return out;
}

// What the kernels must never do: S2 from the SQ table of TS 35.216 3.3.2 indexed by the secret
// word's octets (built here from the portable kernel, which is public data at this point).
int table_lookup_mode() {
  static std::uint8_t table[256];
  for (int i = 0; i < 256; ++i) table[i] = static_cast<std::uint8_t>(detail::snow3g_portable_s2(static_cast<std::uint32_t>(i)));
  std::array<std::uint8_t, 16> key = kKey;
  secret(key);
  volatile std::uint32_t sink = 0;
  for (std::size_t i = 0; i < key.size(); i += 4)
    sink = sink ^ static_cast<std::uint32_t>(table[key[i]] << 24 | table[key[i + 1]] << 16 | table[key[i + 2]] << 8 | table[key[i + 3]]);
  (void)sink;
  std::printf("table S2 done%s\n", RUNNING_ON_VALGRIND ? " (under valgrind: expect errors above)" : "");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "table") return table_lookup_mode();

  const ApiOut api0 = run_api(Tier::portable);
  for (const Tier tier : {Tier::avx2, Tier::avx512}) {
    if (tier > detected_tier()) continue;
    expect(run_api(tier) == api0, "every tier agrees with portable");
  }

  const KernelOut portable = run_kernel(snow3g_portable_xor, snow3g_portable_z5, uia2_eval_portable);
  std::string checked = "snow3g_portable, uia2_eval_portable";
  // The avx2 kernels run wherever the CPU (or valgrind's emulation of it) has what they use; a
  // test harness may ask the CPU directly, the library asks cpu.h.
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("aes") && __builtin_cpu_supports("pclmul")) {
    expect(run_kernel(snow3g_avx2_xor, snow3g_avx2_z5, uia2_eval_clmul) == portable, "avx2 kernels agree with portable");
    checked += ", snow3g_avx2, uia2_eval_clmul";
    // AVX-512 and GFNI are beyond valgrind: a cross-check only, outside it.
    if (!RUNNING_ON_VALGRIND && detected_tier() == Tier::avx512) {
      expect(run_kernel(snow3g_avx512_xor, snow3g_avx512_z5, uia2_eval_vpclmul) == portable,
             "avx512 kernels agree with portable");
      checked += ", snow3g_avx512 (outside valgrind: cross-check only)";
    }
  }
  std::printf("kernels checked: %s; API tiers: up to %s\n", checked.c_str(), std::string(tier_name(detected_tier())).c_str());
  return failures == 0 ? 0 : 1;
}
