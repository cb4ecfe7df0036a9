// Constant-time check of the ZUC, 128-EEA3 and 128-EIA3 kernels (STYLE.md 9), the "ctgrind"
// technique of tests/ct/ct_aes.cpp: the key, the data and the MAC under test are marked
// undefined for valgrind's memcheck, so any branch or memory address that depends on them is
// reported as a use of an uninitialised value, and `valgrind --error-exitcode=1` fails the test
// (tests/CMakeLists.txt). Results are declassified (marked defined) before they are compared,
// the one place secret-derived data may be looked at.
//
// What runs where. Valgrind 3.19 emulates AES-NI, SSSE3, AVX2 and PCLMULQDQ but not AVX-512 or
// GFNI, and its CPUID hides SHA-NI and AVX-512, so detected_tier() is `portable` inside it and
// keys made for avx2/avx512 are lowered to portable. So:
//  - the API (Eea3Eia3Key, eea3, eia3, eia3_verify) runs on every tier detected_tier() allows,
//    which under valgrind is the portable one;
//  - the portable kernel and the avx2 kernel (PSHUFB, AESENCLAST, PCLMULQDQ, AVX2 shifts) are
//    driven directly whenever the CPU (or valgrind's emulation of it) has their instructions, so
//    the avx2 kernel is checked under valgrind although its tier is hidden;
//  - the avx512 kernels (GFNI, VPTERNLOGD, VPROLVD; the 16-lane ones also 512-bit registers and
//    VPCLMULQDQ) cannot run under valgrind at all: they are only cross-checked against the
//    portable kernel when this program runs on its own (and by the known-answer, lane-by-lane
//    and property tests). Their S-box path is register-only by construction (GFNI and PSHUFB on
//    registers, constants at fixed addresses), which is what valgrind would otherwise confirm;
//    the one-message kernel's LFSR, framing and hash loop are the same source as the avx2
//    tier's; the 16-lane kernels branch and mask on lengths only, which are public.
//
// `ct_zuc table` instead runs the ZUC S-box pass through a 256-entry table (the classic
// implementation) on secret data: it must be caught (the ctest case is WILL_FAIL), showing the
// check has teeth.
#include <valgrind/memcheck.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "impl/crypto/eea3_eia3.h"
#include "impl/crypto/zuc.h"
#include "impl/crypto/zuc_sbox.h"
#include "tests/ct/ctgrind.h"

using namespace secmode::impl::crypto;

namespace {

using namespace secmode::test::ctgrind;

constexpr std::array<std::uint8_t, 16> kKey = {0x17, 0x3d, 0x14, 0xba, 0x50, 0x03, 0x73, 0x1d,
                                               0x7a, 0x60, 0x04, 0x94, 0x70, 0xf0, 0x0a, 0x29};
// 83 octets, 661 bits: whole words, a partial last word and octet, several 4-word hash blocks.
constexpr std::size_t kBytes = 83;
constexpr std::size_t kBits = 8 * kBytes - 3;

struct Outputs {
  std::array<std::uint8_t, kBytes> ct{};
  std::array<std::uint8_t, 4> mac{};
  bool operator==(const Outputs&) const = default;
};

std::array<std::uint8_t, kBytes> message() {
  std::array<std::uint8_t, kBytes> m{};
  for (std::size_t i = 0; i < m.size(); ++i) m[i] = static_cast<std::uint8_t>(i * 37 + 1);
  return m;
}

// The public API on one tier: key set-up, EEA3 with a partial last octet, EIA3, verify.
Outputs run_api(Tier tier) {
  std::array<std::uint8_t, 16> key = kKey;
  auto data = message();
  secret(key);
  secret(data);
  const Eea3Eia3Key k(key, tier);
  const CountInputs in{0x66035492, 0x0f, 1};
  Outputs o;
  expect(eea3(k, in, data, kBits, o.ct) == nullptr, "eea3 accepted its arguments");
  expect(eia3(k, in, data, kBits, o.mac) == nullptr, "eia3 accepted its arguments");
  std::array<std::uint8_t, 4> claimed = o.mac;
  secret(claimed);
  bool ok = eia3_verify(k, in, data, kBits, claimed);
  claimed[2] ^= 0x10;
  bool bad = eia3_verify(k, in, data, kBits, claimed);
  declassify(ok);
  declassify(bad);
  expect(ok && !bad, "eia3_verify accepts the MAC and refuses a wrong one");
  declassify(o);
  return o;
}

using XorFn = void (*)(const ZucKeyCells&, const std::uint8_t*, const std::uint8_t*, std::uint8_t*, std::size_t);
using MacFn = std::uint32_t (*)(const ZucKeyCells&, const std::uint8_t*, const std::uint8_t*, std::size_t);

// One kernel's entry points directly, with a secret key, IV and message.
Outputs run_kernel(XorFn xor_fn, MacFn mac_fn) {
  std::array<std::uint8_t, 16> key = kKey, iv = {};
  for (std::size_t i = 0; i < iv.size(); ++i) iv[i] = static_cast<std::uint8_t>(i * 11 + 7);
  auto data = message();
  secret(key);
  secret(iv);
  secret(data);
  ZucKeyCells cells;
  zuc_key_cells(cells, key.data());
  Outputs o;
  xor_fn(cells, iv.data(), data.data(), o.ct.data(), kBytes);
  const std::uint32_t t = mac_fn(cells, iv.data(), data.data(), kBits);
  for (int i = 0; i < 4; ++i) o.mac[i] = static_cast<std::uint8_t>(t >> (24 - 8 * i));
  declassify(o);
  return o;
}

// What the kernels must never do: S through 256-entry tables indexed by the secret.
std::array<std::uint8_t, 256> make_table(bool zero) {
  std::array<std::uint8_t, 256> t{};
  for (int x = 0; x < 256; ++x)
    t[x] = zero ? zuc_sbox::s0(static_cast<std::uint8_t>(x)) : zuc_sbox::s1(static_cast<std::uint8_t>(x));
  return t;
}
// Built at start-up: 256 inversions are over clang's constant-evaluation step limit.
const auto kS0 = make_table(true);
const auto kS1 = make_table(false);

int table_lookup_mode() {
  std::uint64_t words = 0;
  for (std::size_t i = 0; i < 8; ++i) words |= std::uint64_t{kKey[i]} << (8 * i);
  secret(words);
  std::uint64_t out = 0;
  for (int j = 0; j < 8; ++j) {
    const auto b = static_cast<std::uint8_t>(words >> (8 * j));
    out |= std::uint64_t{j % 2 == 1 ? kS0[b] : kS1[b]} << (8 * j);
  }
  std::uint64_t fast = detail::zuc_portable_sbox(words);
  declassify(out);
  declassify(fast);
  std::printf("table S-box %s the bitsliced one%s\n", out == fast ? "agrees with" : "DISAGREES with",
              RUNNING_ON_VALGRIND ? " (under valgrind: expect errors above)" : "");
  return out == fast ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "table") return table_lookup_mode();

  const Outputs api0 = run_api(Tier::portable);
  for (const Tier tier : {Tier::avx2, Tier::avx512}) {
    if (tier > detected_tier()) continue;
    expect(run_api(tier) == api0, "every API tier agrees with portable");
  }

  const Outputs portable = run_kernel(zuc_portable_xor, zuc_portable_mac);
  std::string checked = "zuc_portable";
  // The avx2 kernel runs wherever the CPU (or valgrind's emulation) has its instructions; a test
  // harness may ask the CPU directly, the library asks cpu.h.
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("aes") && __builtin_cpu_supports("pclmul")) {
    expect(run_kernel(zuc_avx2_xor, zuc_avx2_mac) == portable, "zuc_avx2 agrees with zuc_portable");
    checked += ", zuc_avx2";
  }
  if (!RUNNING_ON_VALGRIND && detected_tier() == Tier::avx512) {
    expect(run_kernel(zuc_avx512_xor, zuc_avx512_mac) == portable, "zuc_avx512 agrees with zuc_portable");
    // The 16-lane kernels, every lane on the same inputs.
    const XorFn x16_xor = [](const ZucKeyCells& k, const std::uint8_t* iv, const std::uint8_t* in, std::uint8_t* out,
                             std::size_t n) {
      std::array<std::array<std::uint8_t, kBytes>, 16> outs{};
      const ZucKeyCells* keys[16];
      const std::uint8_t *ivs[16], *ins[16];
      std::uint8_t* outp[16];
      std::size_t ns[16];
      for (int i = 0; i < 16; ++i) keys[i] = &k, ivs[i] = iv, ins[i] = in, outp[i] = outs[i].data(), ns[i] = n;
      zuc_avx512_x16_xor(keys, ivs, ins, outp, ns);
      for (int i = 1; i < 16; ++i) expect(outs[i] == outs[0], "zuc_avx512_x16_xor lanes agree");
      std::copy_n(outs[0].begin(), n, out);
    };
    const MacFn x16_mac = [](const ZucKeyCells& k, const std::uint8_t* iv, const std::uint8_t* msg, std::size_t bits) {
      const ZucKeyCells* keys[16];
      const std::uint8_t *ivs[16], *msgs[16];
      std::size_t b[16];
      std::uint32_t macs[16];
      for (int i = 0; i < 16; ++i) keys[i] = &k, ivs[i] = iv, msgs[i] = msg, b[i] = bits;
      zuc_avx512_x16_mac(keys, ivs, msgs, b, macs);
      for (int i = 1; i < 16; ++i) expect(macs[i] == macs[0], "zuc_avx512_x16_mac lanes agree");
      return macs[0];
    };
    expect(run_kernel(x16_xor, x16_mac) == portable, "zuc_avx512_x16 agrees with zuc_portable");
    checked += ", zuc_avx512 and zuc_avx512_x16 (outside valgrind: a cross-check only)";
  }
  std::printf("kernels checked: %s; API tiers: up to %s\n", checked.c_str(),
              std::string(tier_name(detected_tier())).c_str());
  return failures == 0 ? 0 : 1;
}
