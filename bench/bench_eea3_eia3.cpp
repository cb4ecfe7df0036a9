// 128-EEA3 and 128-EIA3 of impl/crypto/ at each tier this CPU has, against Intel ipsec-mb
// (auto-selected manager, single-buffer API IMB_ZUC_EEA3_1_BUFFER / IMB_ZUC_EIA3_1_BUFFER, the
// IV built by zuc_eea3_iv_gen / zuc_eia3_iv_gen inside the timing as ours is). OpenSSL 3 and
// Botan 2 are asked for ZUC at start-up and only benchmarked if they have it (Debian 12's OpenSSL
// 3.0 and Botan 2 do not, so ipsec-mb is the only anchor there). Every message gets a fresh
// COUNT; ZUC has no key schedule, so the only set-up outside the timing is the key object. At
// the end a table gives, per size, ns per message and the ratio of each tier to the best anchor
// (< 1: faster than it). The eea3x16 / eia3x16 rows are 16 messages per call, time per message:
// eea3_batch / eia3_batch (the 16-lane kernels) against ipsec-mb's IMB_ZUC_EEA3_N_BUFFER /
// IMB_ZUC_EIA3_N_BUFFER, throughput for many messages, not one message's latency.
#include <benchmark/benchmark.h>
#include <botan/stream_cipher.h>
#include <intel-ipsec-mb.h>
#include <openssl/evp.h>

#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/eea_eia_bench.h"
#include "impl/crypto/eea3_eia3.h"

namespace {

using namespace secmode::impl::crypto;
using Bytes = std::vector<std::uint8_t>;

// 8188 B is the longest message ipsec-mb's single-buffer ZUC accepts (it refuses 16384 B with
// "Invalid cipher message length"), so it is the long-message anchor for the 16384 B row.
constexpr std::size_t kSizes[] = {16, 64, 256, 1500, 8188, 16384};
const Bytes kKey = {0x17, 0x3d, 0x14, 0xba, 0x50, 0x03, 0x73, 0x1d, 0x7a, 0x60, 0x04, 0x94, 0x70, 0xf0, 0x0a, 0x29};
constexpr std::uint8_t kBearer = 0x0f, kDirection = 1;

// ---- secmode ---------------------------------------------------------------------------------

// 16 messages per eea3_batch call (the 16-lane kernel on the avx512 tier), each with its own
// fresh COUNT; time per message.
void secmode_eea3_batch(benchmark::State& state, Tier tier, std::size_t size) {
  const Eea3Eia3Key key(std::span<const std::uint8_t, 16>(kKey.data(), 16), tier);
  constexpr std::size_t kLanes = 16;
  std::vector<Bytes> data(kLanes, Bytes(size, 0x5a)), out(kLanes, Bytes(size));
  std::array<Eea3Job, kLanes> jobs;
  std::uint32_t count = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < kLanes; ++i) jobs[i] = {&key, {count++, kBearer, kDirection}, data[i], 8 * size, out[i]};
    eea3_batch(jobs);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kLanes));
  state.counters["ns_per_message"] =
      benchmark::Counter(static_cast<double>(state.iterations() * kLanes), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// ---- Intel ipsec-mb ----------------------------------------------------------------------------

struct IpsecMb {
  IMB_MGR* mgr = alloc_mb_mgr(0);
  IpsecMb() {
    if (mgr == nullptr) throw std::runtime_error("alloc_mb_mgr");
    IMB_ARCH arch{};
    init_mb_mgr_auto(mgr, &arch);
  }
  ~IpsecMb() { free_mb_mgr(mgr); }
  // False (and the benchmark skipped) when the last call failed, e.g. a message too long.
  bool ok(benchmark::State& state) {
    if (const int e = imb_get_errno(mgr); e != 0) {
      state.SkipWithError(imb_get_strerror(e));
      return false;
    }
    return true;
  }
};

void ipsecmb_eea3(benchmark::State& state, std::size_t size) {
  IpsecMb mb;
  Bytes data(size, 0x5a), out(size);
  alignas(16) std::uint8_t iv[16];
  zuc_eea3_iv_gen(0, kBearer, kDirection, iv);
  IMB_ZUC_EEA3_1_BUFFER(mb.mgr, kKey.data(), iv, data.data(), out.data(), static_cast<std::uint32_t>(size));
  if (!mb.ok(state)) return;
  std::uint32_t count = 0;
  for (auto _ : state) {
    zuc_eea3_iv_gen(count++, kBearer, kDirection, iv);
    IMB_ZUC_EEA3_1_BUFFER(mb.mgr, kKey.data(), iv, data.data(), out.data(), static_cast<std::uint32_t>(size));
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
}

void ipsecmb_eia3(benchmark::State& state, std::size_t size) {
  IpsecMb mb;
  Bytes data(size, 0x5a);
  alignas(16) std::uint8_t iv[16];
  std::uint32_t mac = 0;
  zuc_eia3_iv_gen(0, kBearer, kDirection, iv);
  IMB_ZUC_EIA3_1_BUFFER(mb.mgr, kKey.data(), iv, data.data(), static_cast<std::uint32_t>(8 * size), &mac);
  if (!mb.ok(state)) return;
  std::uint32_t count = 0;
  for (auto _ : state) {
    zuc_eia3_iv_gen(count++, kBearer, kDirection, iv);
    IMB_ZUC_EIA3_1_BUFFER(mb.mgr, kKey.data(), iv, data.data(), static_cast<std::uint32_t>(8 * size), &mac);
    benchmark::DoNotOptimize(mac);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
}

// The fair anchor for the batch row: ipsec-mb's own multi-buffer entry point, 16 messages per call.
void ipsecmb_eea3_batch(benchmark::State& state, std::size_t size) {
  IpsecMb mb;
  constexpr std::size_t kLanes = 16;
  std::vector<Bytes> data(kLanes, Bytes(size, 0x5a)), out(kLanes, Bytes(size));
  alignas(16) std::uint8_t iv[kLanes][16];
  const void* keys[kLanes];
  const void* ivs[kLanes];
  const void* src[kLanes];
  void* dst[kLanes];
  std::uint32_t lens[kLanes];
  for (std::size_t i = 0; i < kLanes; ++i) {
    keys[i] = kKey.data();
    ivs[i] = iv[i];
    src[i] = data[i].data();
    dst[i] = out[i].data();
    lens[i] = static_cast<std::uint32_t>(size);
    zuc_eea3_iv_gen(0, kBearer, kDirection, iv[i]);
  }
  IMB_ZUC_EEA3_N_BUFFER(mb.mgr, keys, ivs, src, dst, lens, kLanes);
  if (!mb.ok(state)) return;
  std::uint32_t count = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < kLanes; ++i) zuc_eea3_iv_gen(count++, kBearer, kDirection, iv[i]);
    IMB_ZUC_EEA3_N_BUFFER(mb.mgr, keys, ivs, src, dst, lens, kLanes);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kLanes));
}

void secmode_eia3_batch(benchmark::State& state, Tier tier, std::size_t size) {
  const Eea3Eia3Key key(std::span<const std::uint8_t, 16>(kKey.data(), 16), tier);
  constexpr std::size_t kLanes = 16;
  std::vector<Bytes> data(kLanes, Bytes(size, 0x5a));
  std::array<Eia3Job, kLanes> jobs;
  std::uint32_t count = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < kLanes; ++i) jobs[i] = {&key, {count++, kBearer, kDirection}, data[i], 8 * size};
    eia3_batch(jobs);
    benchmark::DoNotOptimize(jobs.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kLanes));
}

void ipsecmb_eia3_batch(benchmark::State& state, std::size_t size) {
  IpsecMb mb;
  constexpr std::size_t kLanes = 16;
  std::vector<Bytes> data(kLanes, Bytes(size, 0x5a));
  alignas(16) std::uint8_t iv[kLanes][16];
  std::uint32_t tags[kLanes];
  const void* keys[kLanes];
  const void* ivs[kLanes];
  const void* src[kLanes];
  std::uint32_t* tag[kLanes];
  std::uint32_t lens[kLanes];
  for (std::size_t i = 0; i < kLanes; ++i) {
    keys[i] = kKey.data();
    ivs[i] = iv[i];
    src[i] = data[i].data();
    tag[i] = &tags[i];
    lens[i] = static_cast<std::uint32_t>(8 * size);
    zuc_eia3_iv_gen(0, kBearer, kDirection, iv[i]);
  }
  IMB_ZUC_EIA3_N_BUFFER(mb.mgr, keys, ivs, src, lens, tag, kLanes);
  if (!mb.ok(state)) return;
  std::uint32_t count = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < kLanes; ++i) zuc_eia3_iv_gen(count++, kBearer, kDirection, iv[i]);
    IMB_ZUC_EIA3_N_BUFFER(mb.mgr, keys, ivs, src, lens, tag, kLanes);
    benchmark::DoNotOptimize(tags);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kLanes));
}

// Whether the other libraries have ZUC at all (names as Tongsuo / Botan 3 spell them).
bool openssl_has_zuc() {
  for (const char* name : {"ZUC-128-EEA3", "ZUC", "EEA3"}) {
    if (EVP_CIPHER* c = EVP_CIPHER_fetch(nullptr, name, nullptr)) {
      EVP_CIPHER_free(c);
      return true;
    }
  }
  return false;
}
bool botan_has_zuc() {
  for (const char* name : {"ZUC", "ZUC-128", "EEA3"})
    if (Botan::StreamCipher::create(name)) return true;
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  std::printf("anchors: ipsec-mb %s; OpenSSL %s ZUC; Botan %s ZUC\n", imb_get_version_str(),
              openssl_has_zuc() ? "has" : "has no", botan_has_zuc() ? "has" : "has no");
  using Fn = std::function<void(benchmark::State&)>;
  std::vector<std::pair<std::string, Fn>> all;
  for (const std::size_t n : kSizes) {
    for (const Tier t : {Tier::portable, Tier::avx2, Tier::avx512}) {
      if (t > detected_tier()) continue;
      const std::string impl = "secmode-" + std::string(tier_name(t));
      all.emplace_back("eea3/" + impl + "/" + std::to_string(n), 
                       [t, n](benchmark::State& s) { secmode::bench::secmode_cipher<Eea3Eia3Key, &eea3>(s, kKey, kBearer, t, n); });
      all.emplace_back("eia3/" + impl + "/" + std::to_string(n), 
                       [t, n](benchmark::State& s) { secmode::bench::secmode_mac<Eea3Eia3Key, &eia3>(s, kKey, kBearer, t, n); });
    }
    if (detected_tier() == Tier::avx512)
      all.emplace_back("eea3x16/secmode-avx512-batch16/" + std::to_string(n),
                       [n](benchmark::State& s) { secmode_eea3_batch(s, Tier::avx512, n); });
    all.emplace_back("eea3x16/ipsec-mb-n-buffer16/" + std::to_string(n), [n](benchmark::State& s) { ipsecmb_eea3_batch(s, n); });
    if (detected_tier() == Tier::avx512)
      all.emplace_back("eia3x16/secmode-avx512-batch16/" + std::to_string(n),
                       [n](benchmark::State& s) { secmode_eia3_batch(s, Tier::avx512, n); });
    all.emplace_back("eia3x16/ipsec-mb-n-buffer16/" + std::to_string(n), [n](benchmark::State& s) { ipsecmb_eia3_batch(s, n); });
    all.emplace_back("eea3/ipsec-mb/" + std::to_string(n), [n](benchmark::State& s) { ipsecmb_eea3(s, n); });
    all.emplace_back("eia3/ipsec-mb/" + std::to_string(n), [n](benchmark::State& s) { ipsecmb_eia3(s, n); });
  }
  for (auto& [name, fn] : all) benchmark::RegisterBenchmark(name.c_str(), fn)->Unit(benchmark::kNanosecond);
  secmode::bench::SummaryReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.Print();
  benchmark::Shutdown();
  return 0;
}
