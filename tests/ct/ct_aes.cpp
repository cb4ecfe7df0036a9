// Constant-time check of the AES-128, 128-EEA2 and 128-EIA2 kernels (STYLE.md 9), the "ctgrind"
// technique: the key, the plaintext and the MAC under test are marked undefined for valgrind's
// memcheck, so any branch or memory address that depends on them is reported as a use of an
// uninitialised value, and `valgrind --error-exitcode=1` fails the test (tests/CMakeLists.txt).
// Results are declassified (marked defined) before they are compared, which is the one place
// secret-derived data may be looked at.
//
// The same program checks the TS 33.220 KDF (impl/crypto/kdf.h): the 256-bit key and the
// parameters of S are marked undefined, and KdfKey construction plus derive (reused key and
// one-shot) run through the API on the portable tier, and each SHA-256 compression kernel
// directly. Valgrind 3.19 neither reports nor emulates SHA-NI (SHA256RNDS2 and friends), so
// under valgrind the x86ni compression cannot run; it is cross-checked against the portable
// kernel when this program runs on its own, and has no table and no branch on data by
// construction (the SHA instructions on registers, K indexed by round number).
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
#include "impl/crypto/ct.h"
#include "impl/crypto/eea2_eia2.h"
#include "impl/crypto/kdf.h"
#include "impl/crypto/sha256_portable.h"
#include "impl/crypto/sha256_x86ni.h"
#include "tests/ct/ctgrind.h"

using namespace secmode::impl::crypto;

namespace {

using namespace secmode::test::ctgrind;

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
  secmode::impl::crypto::ct::wipe_object(k);
  declassify(out);
  return out;
}

// ---- KDF (TS 33.220 B.2) ------------------------------------------------------------------------

// KdfKey + derive with a reused key and the one-shot call, on one tier: a K_eNB-like S
// (FC, a secret 4-octet COUNT) and a long one (a secret 150-octet parameter, so S spans
// several blocks and the block-buffer paths run). Both outputs are declassified at the end.
std::array<std::uint8_t, 64> run_kdf(Tier tier) {
  std::array<std::uint8_t, 32> key{};
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<std::uint8_t>(i * 29 + 3);
  std::array<std::uint8_t, 4> count = {0xdb, 0x1a, 0x35, 0x69};
  std::array<std::uint8_t, 150> long_param{};
  for (std::size_t i = 0; i < long_param.size(); ++i) long_param[i] = static_cast<std::uint8_t>(i * 7);
  secret(key);
  secret(count);
  secret(long_param);
  std::array<std::uint8_t, 64> out{};
  const KdfKey k(key, tier);
  const std::span<const std::uint8_t> short_s[] = {count};
  expect(derive(k, 0x11, short_s, std::span<std::uint8_t, 32>(out.data(), 32)) == nullptr, "kdf derive (reused key)");
  const std::span<const std::uint8_t> long_s[] = {count, long_param, {}};
  std::array<std::uint8_t, 32> once{};
  expect(derive(key, tier, 0x6a, long_s, once) == nullptr, "kdf derive (one-shot)");
  std::array<std::uint8_t, 32> again{};
  expect(derive(k, 0x6a, long_s, again) == nullptr, "kdf derive (reused key, long S)");
  declassify(once);
  declassify(again);
  expect(once == again, "kdf one-shot and reused key agree");
  std::memcpy(out.data() + 32, once.data(), 32);
  declassify(out);
  return out;
}

// A compression kernel alone over 5 secret blocks from a secret chaining state.
template <typename Compress>
std::array<std::uint32_t, 8> run_sha256(Compress compress) {
  std::array<std::uint32_t, 8> state{};
  for (std::size_t i = 0; i < 8; ++i) state[i] = kSha256Iv[i] ^ static_cast<std::uint32_t>(i * 0x01010101u);
  std::array<std::uint8_t, 64 * 5> blocks{};
  for (std::size_t i = 0; i < blocks.size(); ++i) blocks[i] = static_cast<std::uint8_t>(i * 13 + 5);
  secret(state);
  secret(blocks);
  compress(state.data(), blocks.data(), 5);
  declassify(state);
  return state;
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

  // The KDF: every tier through the API (lowered to portable under valgrind), then the kernels.
  const auto kdf0 = run_kdf(Tier::portable);
  for (const Tier tier : {Tier::avx2, Tier::avx512}) {
    if (tier > detected_tier()) continue;
    expect(run_kdf(tier) == kdf0, "every KDF tier agrees with portable");
  }
  const auto sha_portable = run_sha256(sha256_portable_compress);
  if (detected_tier() >= Tier::avx2) {  // the tiers that have SHA-NI (cpu.h); none under valgrind
    expect(run_sha256(sha256_x86ni_compress) == sha_portable, "sha256_x86ni agrees with sha256_portable");
    // The two-lane kernel: lane a gets the same first block as the portable run would.
    const auto two_lanes = run_sha256([](std::uint32_t* state, const std::uint8_t* blocks, std::size_t) {
      std::uint32_t other[8] = {};
      sha256_x86ni_compress_x2(state, blocks, other, blocks + 64);
    });
    const auto one_block = run_sha256([](std::uint32_t* state, const std::uint8_t* blocks, std::size_t) {
      sha256_portable_compress(state, blocks, 1);
    });
    expect(two_lanes == one_block, "sha256_x86ni_compress_x2 agrees with sha256_portable");
    std::printf("kdf: API tiers up to %s; kernels checked: sha256_portable, sha256_x86ni (1 and 2 lanes)\n",
                std::string(tier_name(detected_tier())).c_str());
  } else {
    std::printf("kdf: API tiers up to %s; kernels checked: sha256_portable (no SHA-NI%s)\n",
                std::string(tier_name(detected_tier())).c_str(), RUNNING_ON_VALGRIND ? " under valgrind" : "");
  }
  return failures == 0 ? 0 : 1;
}
