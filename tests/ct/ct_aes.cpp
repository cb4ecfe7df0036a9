// Constant-time check of the AES-128, 128-EEA2 and 128-EIA2 kernels (STYLE.md 9), the "ctgrind"
// technique: the key, the plaintext and the MAC under test are marked undefined for valgrind's
// memcheck, so any branch or memory address that depends on them is reported as a use of an
// uninitialised value, and `valgrind --error-exitcode=1` fails the test (tests/CMakeLists.txt).
// Results are declassified (marked defined) before they are compared, which is the one place
// secret-derived data may be looked at.
//
// `ct_aes table` instead indexes a 256-octet table with the secret key, as a table-based AES
// S-box would: it must be caught (the ctest case is WILL_FAIL), showing the check has teeth.
//
// Tiers under valgrind: valgrind 3.19's CPUID hides SHA-NI and AVX-512, so detected_tier() is
// `portable` inside it and keys made for avx2/avx512 are lowered to portable. The AES-NI kernel
// (which valgrind does emulate on amd64) is therefore driven directly, and the eea2/eia2 framing
// through the portable tier. AVX-512 code cannot run under valgrind at all: the avx512 tier's VAES CTR
// kernel (aes_vaes.cpp) is only cross-checked when this program runs without valgrind, and by the
// known-answer and property tests; it has no table and no branch on data by construction (AESENC
// on registers, a public counter), which is what the valgrind run would otherwise confirm.
#include <valgrind/memcheck.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "impl/crypto/aes_ct64.h"
#include "impl/crypto/aes_vaes.h"
#include "impl/crypto/aes_x86ni.h"
#include "impl/crypto/eea2_eia2.h"

using namespace secmode::impl::crypto;

namespace {

template <typename T>
void secret(T& object) {
  VALGRIND_MAKE_MEM_UNDEFINED(&object, sizeof object);
}
template <typename T>
void declassify(T& object) {
  VALGRIND_MAKE_MEM_DEFINED(&object, sizeof object);
}

int failures = 0;
void expect(bool ok, const char* what) {
  if (!ok) {
    std::printf("FAIL: %s\n", what);
    ++failures;
  }
}

constexpr std::array<std::uint8_t, 16> kKey = {0x2b, 0xd6, 0x45, 0x9f, 0x82, 0xc5, 0xb3, 0x00,
                                               0x95, 0x2c, 0x49, 0x10, 0x48, 0x81, 0xff, 0x48};

// The full public API (key expansion, subkeys, CTR with a partial last block, CMAC with a
// partial last block, constant-time verify) on one tier.
void run_api(Tier tier, std::array<std::uint8_t, 4>& mac_out, std::array<std::uint8_t, 45>& ct_out) {
  std::array<std::uint8_t, 16> key = kKey;
  std::array<std::uint8_t, 45> data{};
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 37 + 1);
  secret(key);
  secret(data);
  const Eea2Eia2Key k(key, tier);
  const CountInputs in{0x398a59b4, 0x15, 1};
  const std::size_t bits = 8 * data.size() - 3;
  std::array<std::uint8_t, 45> out{};
  expect(eea2(k, in, data, bits, out) == nullptr, "eea2 accepted its arguments");
  std::array<std::uint8_t, 4> mac{};
  expect(eia2(k, in, data, bits, mac) == nullptr, "eia2 accepted its arguments");
  std::array<std::uint8_t, 4> claimed = mac;
  secret(claimed);
  bool ok = eia2_verify(k, in, data, bits, claimed);
  claimed[3] ^= 1;
  bool bad = eia2_verify(k, in, data, bits, claimed);
  declassify(ok);
  declassify(bad);
  expect(ok && !bad, "eia2_verify accepts the MAC and refuses a wrong one");
  declassify(mac);
  declassify(out);
  mac_out = mac;
  ct_out = out;
}

// Each AES kernel entry point on its own, so a kernel that a tier maps to is covered even when
// valgrind lowers the tier.
// 37 blocks: two 16-block VAES passes, then a 5-block tail; four AES-NI 8-block passes.
constexpr std::size_t kBlocks = 37;

template <typename Key, typename Expand, typename Encrypt, typename Ctr, typename Cbc>
std::array<std::uint8_t, 16 * kBlocks + 16> run_kernel(Expand expand, Encrypt encrypt, Ctr ctr_xor, Cbc cbc_mac) {
  std::array<std::uint8_t, 16> key = kKey;
  std::array<std::uint8_t, 16 * kBlocks> blocks{};
  for (std::size_t i = 0; i < blocks.size(); ++i) blocks[i] = static_cast<std::uint8_t>(i);
  secret(key);
  secret(blocks);
  Key k;
  expand(k, key.data());
  std::array<std::uint8_t, 16 * kBlocks + 16> out{};
  encrypt(k, blocks.data(), out.data(), kBlocks);
  std::uint8_t ctr[16] = {0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xfe};
  ctr_xor(k, ctr, out.data(), out.data(), kBlocks);
  std::uint8_t state[16] = {};
  cbc_mac(k, state, out.data(), kBlocks);
  std::memcpy(out.data() + 16 * kBlocks, state, 16);
  std::memset(&k, 0, sizeof k);
  declassify(out);
  return out;
}

int table_lookup_mode() {
  // What aes_ct64 must never do: index a table with a secret (a classic table-based S-box).
  static std::uint8_t table[256];
  for (int i = 0; i < 256; ++i) table[i] = static_cast<std::uint8_t>(i * 7 + 99);
  std::array<std::uint8_t, 16> key = kKey;
  secret(key);
  volatile std::uint8_t sink = 0;
  for (const std::uint8_t b : key) sink = static_cast<std::uint8_t>(sink ^ table[b]);
  (void)sink;
  std::printf("table lookup done%s\n", RUNNING_ON_VALGRIND ? " (under valgrind: expect errors above)" : "");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "table") return table_lookup_mode();

  std::array<std::uint8_t, 4> mac0{}, mac{};
  std::array<std::uint8_t, 45> ct0{}, ct{};
  run_api(Tier::portable, mac0, ct0);
  for (const Tier tier : {Tier::avx2, Tier::avx512}) {
    if (tier > detected_tier()) continue;
    run_api(tier, mac, ct);
    expect(mac == mac0 && ct == ct0, "every tier agrees with portable");
  }

  const auto ct64 = run_kernel<AesCt64Key>(aes_ct64_expand, aes_ct64_encrypt, aes_ct64_ctr_xor, aes_ct64_cbc_mac);
  // The AES-NI kernel runs wherever the CPU (or valgrind's emulation of it) has AES-NI; a test
  // harness may ask the CPU directly, the library asks cpu.h.
  if (__builtin_cpu_supports("aes") && __builtin_cpu_supports("sse4.1")) {
    const auto ni = run_kernel<AesNiKey>(aes_x86ni_expand, aes_x86ni_encrypt, aes_x86ni_ctr_xor, aes_x86ni_cbc_mac);
    expect(ni == ct64, "aes_x86ni agrees with aes_ct64");
    // AVX-512 is beyond valgrind: the VAES kernel runs only when this program runs on its own,
    // where it is a cross-check, not a constant-time check.
    if (!RUNNING_ON_VALGRIND && detected_tier() == Tier::avx512) {
      const auto vaes = run_kernel<AesNiKey>(aes_x86ni_expand, aes_x86ni_encrypt, aes_vaes_ctr_xor, aes_x86ni_cbc_mac);
      expect(vaes == ct64, "aes_vaes agrees with aes_ct64");
      std::printf("outside valgrind: aes_vaes checked too\n");
    }
    std::printf("kernels checked: aes_ct64, aes_x86ni; API tiers: up to %s\n",
                std::string(tier_name(detected_tier())).c_str());
  } else {
    std::printf("kernels checked: aes_ct64 (no AES-NI); API tiers: up to %s\n",
                std::string(tier_name(detected_tier())).c_str());
  }
  return failures == 0 ? 0 : 1;
}
