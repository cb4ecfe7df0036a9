// The TS 33.220 KDF of impl/crypto/ at each tier this CPU has, against two anchors: OpenSSL 3
// (EVP_MAC HMAC with SHA-256) and Botan 2 (HMAC(SHA-256)). S is K_eNB-like (TS 33.401 A.3):
// FC = 0x11, a 4-octet uplink NAS COUNT, its length 0x0004: 7 octets, a fresh COUNT each time.
// "fresh" keys the MAC for every derivation (KdfKey construction + derive for secmode,
// EVP_MAC_init / set_key with the key for the anchors), which is how a key hierarchy is walked;
// "repeated" is secmode's derive with a KdfKey made once (the precomputed pad states). At the
// end, ns per derivation and the ratio of each secmode variant to the best anchor (fresh key).
#include <benchmark/benchmark.h>
#include <botan/mac.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "impl/crypto/kdf.h"

namespace {

using namespace secmode::impl::crypto;

const std::array<std::uint8_t, 32> kKey = {0x23, 0x8e, 0x45, 0x7e, 0x0f, 0x75, 0x8b, 0xad, 0xbc, 0xa8, 0xd3,
                                           0x4b, 0xb2, 0x61, 0x2c, 0x10, 0x42, 0x8d, 0x42, 0x67, 0x57, 0xcb,
                                           0x55, 0x53, 0xb2, 0xb1, 0x84, 0xfa, 0x64, 0xbf, 0xc5, 0x49};

void put_count(std::uint32_t count, std::uint8_t* p) {
  p[0] = static_cast<std::uint8_t>(count >> 24);
  p[1] = static_cast<std::uint8_t>(count >> 16);
  p[2] = static_cast<std::uint8_t>(count >> 8);
  p[3] = static_cast<std::uint8_t>(count);
}

void secmode_fresh(benchmark::State& state, Tier tier) {
  std::array<std::uint8_t, 4> count{};
  std::array<std::uint8_t, 32> out{};
  const std::span<const std::uint8_t> params[] = {count};
  std::uint32_t n = 0;
  for (auto _ : state) {
    put_count(n++, count.data());
    const KdfKey key(kKey, tier);
    derive(key, 0x11, params, out);
    benchmark::DoNotOptimize(out.data());
  }
}

void secmode_repeated(benchmark::State& state, Tier tier) {
  const KdfKey key(kKey, tier);
  std::array<std::uint8_t, 4> count{};
  std::array<std::uint8_t, 32> out{};
  const std::span<const std::uint8_t> params[] = {count};
  std::uint32_t n = 0;
  for (auto _ : state) {
    put_count(n++, count.data());
    derive(key, 0x11, params, out);
    benchmark::DoNotOptimize(out.data());
  }
}

void openssl_fresh(benchmark::State& state) {
  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
  char digest[] = "SHA256";
  const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                               OSSL_PARAM_construct_end()};
  EVP_MAC_init(ctx, kKey.data(), kKey.size(), params);
  std::uint8_t s[7] = {0x11, 0, 0, 0, 0, 0x00, 0x04}, out[32];
  std::uint32_t n = 0;
  for (auto _ : state) {
    put_count(n++, s + 1);
    std::size_t len = 0;
    EVP_MAC_init(ctx, kKey.data(), kKey.size(), nullptr);  // the key again: new pad states
    EVP_MAC_update(ctx, s, sizeof s);
    EVP_MAC_final(ctx, out, &len, sizeof out);
    benchmark::DoNotOptimize(out);
  }
  EVP_MAC_CTX_free(ctx);
  EVP_MAC_free(mac);
}

void botan_fresh(benchmark::State& state) {
  auto hmac = Botan::MessageAuthenticationCode::create_or_throw("HMAC(SHA-256)");
  std::uint8_t s[7] = {0x11, 0, 0, 0, 0, 0x00, 0x04}, out[32];
  std::uint32_t n = 0;
  for (auto _ : state) {
    put_count(n++, s + 1);
    hmac->set_key(kKey.data(), kKey.size());
    hmac->update(s, sizeof s);
    hmac->final(out);
    benchmark::DoNotOptimize(out);
  }
}

// Names are "kdf/<implementation>"; CPU ns per derivation (the machine is shared).
class SummaryReporter : public benchmark::ConsoleReporter {
 public:
  std::map<std::string, double> ns;
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& r : runs) {
      if (r.error_occurred || r.run_type != Run::RT_Iteration) continue;
      const std::string name = r.benchmark_name();
      ns[name.substr(name.find('/') + 1)] = r.GetAdjustedCPUTime();
    }
  }
  void Print() const {
    double best = 1e300;
    std::string best_name;
    for (const auto& [impl, t] : ns)
      if (impl.rfind("secmode", 0) != 0 && t < best) best = t, best_name = impl;
    std::printf("\nkdf, 7-octet S (K_eNB-like): ns per derivation (ratio to the best anchor, %s %.1f ns; "
                "< 1 is faster; target <= 0.5 of OpenSSL)\n", best_name.c_str(), best);
    for (const auto& [impl, t] : ns) {
      std::printf("  %-28s %8.1f ns  x%.2f", impl.c_str(), t, t / best);
      if (ns.count("openssl-fresh") != 0) std::printf("  (x%.2f of openssl)", t / ns.at("openssl-fresh"));
      std::printf("\n");
    }
  }
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  using Fn = std::function<void(benchmark::State&)>;
  std::vector<std::pair<std::string, Fn>> all;
  for (const Tier t : {Tier::portable, Tier::avx2, Tier::avx512}) {
    if (t > detected_tier()) continue;
    const std::string tier(tier_name(t));
    all.emplace_back("kdf/secmode-" + tier + "-fresh", [t](benchmark::State& s) { secmode_fresh(s, t); });
    all.emplace_back("kdf/secmode-" + tier + "-repeated", [t](benchmark::State& s) { secmode_repeated(s, t); });
  }
  all.emplace_back("kdf/openssl-fresh", openssl_fresh);
  all.emplace_back("kdf/botan-fresh", botan_fresh);
  for (auto& [name, fn] : all) benchmark::RegisterBenchmark(name.c_str(), fn)->Unit(benchmark::kNanosecond);
  SummaryReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.Print();
  benchmark::Shutdown();
  return 0;
}
