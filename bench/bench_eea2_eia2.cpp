// 128-EEA2 and 128-EIA2 of impl/crypto/ at each tier this CPU has, against three anchors: Intel
// ipsec-mb (auto-selected manager, job API: AES-CTR and AES-CMAC), OpenSSL 3 EVP
// (aes-128-ctr, EVP_MAC CMAC) and Botan 2 (CTR(AES-128), CMAC(AES-128)). Every message gets a
// fresh COUNT (so a fresh counter block / CMAC prefix); the key is expanded once, outside the
// timing, for everyone. At the end a table gives, per size, ns per message and the ratio of each
// tier to the best anchor (< 1: faster than it).
#include <benchmark/benchmark.h>
#include <botan/mac.h>
#include <botan/stream_cipher.h>
#include <intel-ipsec-mb.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/eea_eia_bench.h"
#include "impl/crypto/eea2_eia2.h"

namespace {

using namespace secmode::impl::crypto;
using Bytes = std::vector<std::uint8_t>;

constexpr std::size_t kSizes[] = {16, 64, 256, 1500, 16384};
const Bytes kKey = {0x2b, 0xd6, 0x45, 0x9f, 0x82, 0xc5, 0xb3, 0x00, 0x95, 0x2c, 0x49, 0x10, 0x48, 0x81, 0xff, 0x48};

// COUNT || BEARER || DIRECTION || 0^26 (TS 33.401 B.1.3 / B.2.3) for the anchors.
void prefix(std::uint32_t count, std::uint8_t* p) {
  p[0] = static_cast<std::uint8_t>(count >> 24);
  p[1] = static_cast<std::uint8_t>(count >> 16);
  p[2] = static_cast<std::uint8_t>(count >> 8);
  p[3] = static_cast<std::uint8_t>(count);
  p[4] = 0x15 << 3 | 1 << 2;
  p[5] = p[6] = p[7] = 0;
}

// ---- secmode ---------------------------------------------------------------------------------

// ---- Intel ipsec-mb ----------------------------------------------------------------------------

struct IpsecMb {
  IMB_MGR* mgr = alloc_mb_mgr(0);
  alignas(16) std::uint8_t enc[16 * 15], dec[16 * 15], k1[16], k2[16];
  IpsecMb() {
    if (mgr == nullptr) throw std::runtime_error("alloc_mb_mgr");
    IMB_ARCH arch{};
    init_mb_mgr_auto(mgr, &arch);
    IMB_AES_KEYEXP_128(mgr, kKey.data(), enc, dec);
    IMB_AES_CMAC_SUBKEY_GEN_128(mgr, enc, k1, k2);
  }
  ~IpsecMb() { free_mb_mgr(mgr); }
  void submit() {  // the job last taken from IMB_GET_NEXT_JOB
    IMB_JOB* done = IMB_SUBMIT_JOB(mgr);
    while (done == nullptr) done = IMB_FLUSH_JOB(mgr);
    if (done->status != IMB_STATUS_COMPLETED)
      throw std::runtime_error(std::string("ipsec-mb job failed: ") + imb_get_strerror(imb_get_errno(mgr)));
  }
};

void ipsecmb_eea2(benchmark::State& state, std::size_t size) {
  IpsecMb mb;
  Bytes data(size, 0x5a), out(size);
  alignas(16) std::uint8_t iv[16] = {};
  std::uint32_t count = 0;
  for (auto _ : state) {
    prefix(count++, iv);
    IMB_JOB* job = IMB_GET_NEXT_JOB(mb.mgr);
    job->cipher_mode = IMB_CIPHER_CNTR;
    job->cipher_direction = IMB_DIR_ENCRYPT;
    job->chain_order = IMB_ORDER_CIPHER_HASH;
    job->hash_alg = IMB_AUTH_NULL;
    job->enc_keys = mb.enc;
    job->dec_keys = mb.enc;
    job->key_len_in_bytes = IMB_KEY_128_BYTES;
    job->src = data.data();
    job->dst = out.data();
    job->cipher_start_src_offset_in_bytes = 0;
    job->msg_len_to_cipher_in_bytes = size;
    job->iv = iv;
    job->iv_len_in_bytes = 16;
    mb.submit();
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
}

void ipsecmb_eia2(benchmark::State& state, std::size_t size) {
  IpsecMb mb;
  Bytes buf(8 + size, 0x5a);  // prefix written in place in front of the message
  std::uint8_t mac[4];
  std::uint32_t count = 0;
  for (auto _ : state) {
    prefix(count++, buf.data());
    IMB_JOB* job = IMB_GET_NEXT_JOB(mb.mgr);
    job->cipher_mode = IMB_CIPHER_NULL;
    job->cipher_direction = IMB_DIR_ENCRYPT;
    job->chain_order = IMB_ORDER_HASH_CIPHER;
    // IMB_AUTH_AES_CMAC_BITLEN (ipsec-mb's 128-EIA2) refuses more than 65535 bits, so the
    // octet-length CMAC is used: the same computation, as 64 + 8 * size is a whole octet count.
    job->hash_alg = IMB_AUTH_AES_CMAC;
    job->src = buf.data();
    job->hash_start_src_offset_in_bytes = 0;
    job->msg_len_to_hash_in_bytes = 8 + size;
    job->auth_tag_output = mac;
    job->auth_tag_output_len_in_bytes = 4;
    job->u.CMAC._key_expanded = mb.enc;
    job->u.CMAC._skey1 = mb.k1;
    job->u.CMAC._skey2 = mb.k2;
    mb.submit();
    benchmark::DoNotOptimize(mac);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
}

// ---- OpenSSL 3 ---------------------------------------------------------------------------------

void openssl_eea2(benchmark::State& state, std::size_t size) {
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  std::uint8_t iv[16] = {};
  EVP_EncryptInit_ex(ctx, EVP_aes_128_ctr(), nullptr, kKey.data(), iv);
  Bytes data(size, 0x5a), out(size);
  std::uint32_t count = 0;
  for (auto _ : state) {
    prefix(count++, iv);
    int len = 0;
    EVP_EncryptInit_ex(ctx, nullptr, nullptr, nullptr, iv);  // new IV, same key schedule
    EVP_EncryptUpdate(ctx, out.data(), &len, data.data(), static_cast<int>(size));
    benchmark::DoNotOptimize(out.data());
  }
  EVP_CIPHER_CTX_free(ctx);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
}

void openssl_eia2(benchmark::State& state, std::size_t size) {
  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "CMAC", nullptr);
  EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
  char cipher[] = "AES-128-CBC";
  const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, cipher, 0),
                               OSSL_PARAM_construct_end()};
  EVP_MAC_init(ctx, kKey.data(), kKey.size(), params);
  Bytes data(size, 0x5a);
  std::uint8_t p[8], tag[16];
  std::uint32_t count = 0;
  for (auto _ : state) {
    prefix(count++, p);
    std::size_t len = 0;
    EVP_MAC_init(ctx, nullptr, 0, nullptr);  // restart with the same key
    EVP_MAC_update(ctx, p, 8);
    EVP_MAC_update(ctx, data.data(), size);
    EVP_MAC_final(ctx, tag, &len, sizeof tag);
    benchmark::DoNotOptimize(tag);
  }
  EVP_MAC_CTX_free(ctx);
  EVP_MAC_free(mac);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
}

// ---- Botan 2 -----------------------------------------------------------------------------------

void botan_eea2(benchmark::State& state, std::size_t size) {
  auto ctr = Botan::StreamCipher::create_or_throw("CTR(AES-128)");
  ctr->set_key(kKey.data(), kKey.size());
  Bytes data(size, 0x5a), out(size);
  std::uint8_t iv[16] = {};
  std::uint32_t count = 0;
  for (auto _ : state) {
    prefix(count++, iv);
    ctr->set_iv(iv, 16);
    ctr->cipher(data.data(), out.data(), size);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
}

void botan_eia2(benchmark::State& state, std::size_t size) {
  auto cmac = Botan::MessageAuthenticationCode::create_or_throw("CMAC(AES-128)");
  cmac->set_key(kKey.data(), kKey.size());
  Bytes data(size, 0x5a);
  std::uint8_t p[8], tag[16];
  std::uint32_t count = 0;
  for (auto _ : state) {
    prefix(count++, p);
    cmac->update(p, 8);
    cmac->update(data.data(), size);
    cmac->final(tag);
    benchmark::DoNotOptimize(tag);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  using Fn = std::function<void(benchmark::State&)>;
  std::vector<std::pair<std::string, Fn>> all;
  for (const std::size_t n : kSizes) {
    for (const Tier t : {Tier::portable, Tier::avx2, Tier::avx512}) {
      if (t > detected_tier()) continue;
      const std::string impl = "secmode-" + std::string(tier_name(t));
      all.emplace_back("eea2/" + impl + "/" + std::to_string(n), 
                       [t, n](benchmark::State& s) { secmode::bench::secmode_cipher<Eea2Eia2Key, &eea2>(s, kKey, 0x15, t, n); });
      all.emplace_back("eia2/" + impl + "/" + std::to_string(n), 
                       [t, n](benchmark::State& s) { secmode::bench::secmode_mac<Eea2Eia2Key, &eia2>(s, kKey, 0x15, t, n); });
    }
    all.emplace_back("eea2/ipsec-mb/" + std::to_string(n), [n](benchmark::State& s) { ipsecmb_eea2(s, n); });
    all.emplace_back("eia2/ipsec-mb/" + std::to_string(n), [n](benchmark::State& s) { ipsecmb_eia2(s, n); });
    all.emplace_back("eea2/openssl/" + std::to_string(n), [n](benchmark::State& s) { openssl_eea2(s, n); });
    all.emplace_back("eia2/openssl/" + std::to_string(n), [n](benchmark::State& s) { openssl_eia2(s, n); });
    all.emplace_back("eea2/botan/" + std::to_string(n), [n](benchmark::State& s) { botan_eea2(s, n); });
    all.emplace_back("eia2/botan/" + std::to_string(n), [n](benchmark::State& s) { botan_eia2(s, n); });
  }
  for (auto& [name, fn] : all) benchmark::RegisterBenchmark(name.c_str(), fn)->Unit(benchmark::kNanosecond);
  secmode::bench::SummaryReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.Print();
  benchmark::Shutdown();
  return 0;
}
