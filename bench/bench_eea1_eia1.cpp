// 128-EEA1 and 128-EIA1 (SNOW 3G) of impl/crypto/ at each tier this CPU has, against Intel
// ipsec-mb (auto-selected manager, the direct single-buffer SNOW 3G functions:
// IMB_SNOW3G_F8_1_BUFFER_BIT and IMB_SNOW3G_F9_1_BUFFER). It is the only anchor: OpenSSL 3 and
// Botan 2 have no SNOW 3G. Every message gets a fresh COUNT (so a fresh IV and the 32
// initialisation clocks); the key is set up once, outside the timing, for everyone. At the end a
// table gives, per size, ns per message and the ratio of each tier to the anchor (< 1: faster).
// The eea1x16 / eia1x16 rows are 16 messages per call, 16 different keys, time per message:
// eea1_batch / eia1_batch (the 16-lane kernel) against ipsec-mb's multi-buffer paths, 16 jobs
// submitted to its job manager (IMB_CIPHER_SNOW3G_UEA2_BITLEN / IMB_AUTH_SNOW3G_UIA2_BITLEN, then
// flushed) and, for f8, IMB_SNOW3G_F8_N_BUFFER_MULTIKEY with 16 buffers: throughput for many
// messages, not one message's latency.
#include <benchmark/benchmark.h>
#include <intel-ipsec-mb.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/eea_eia_bench.h"
#include "impl/crypto/eea1_eia1.h"

namespace {

using namespace secmode::impl::crypto;
using Bytes = std::vector<std::uint8_t>;

constexpr std::size_t kSizes[] = {16, 64, 256, 1500, 16384};
const Bytes kKey = {0xd3, 0xc5, 0xd5, 0x92, 0x32, 0x7f, 0xb1, 0x1c, 0x40, 0x35, 0xc6, 0x68, 0x0a, 0xf8, 0xc6, 0xd1};
constexpr std::uint8_t kBearer = 0x15, kDirection = 1;

// ---- secmode ---------------------------------------------------------------------------------

constexpr std::size_t kLanes = 16;

// Lane i's key: kKey with its first octet replaced by i (16 different keys per batch).
Bytes lane_key(std::size_t i) {
  Bytes k = kKey;
  k[0] = static_cast<std::uint8_t>(i);
  return k;
}

std::vector<std::unique_ptr<Eea1Eia1Key>> lane_keys(Tier tier) {
  std::vector<std::unique_ptr<Eea1Eia1Key>> keys;
  for (std::size_t i = 0; i < kLanes; ++i) {
    const Bytes k = lane_key(i);
    keys.push_back(std::make_unique<Eea1Eia1Key>(std::span<const std::uint8_t, 16>(k.data(), 16), tier));
  }
  return keys;
}

// 16 messages per eea1_batch call (the 16-lane kernel on the avx512 tier), each with its own key
// and a fresh COUNT.
void secmode_eea1_batch(benchmark::State& state, Tier tier, std::size_t size) {
  const auto keys = lane_keys(tier);
  std::vector<Bytes> data(kLanes, Bytes(size, 0x5a)), out(kLanes, Bytes(size));
  std::array<Eea1Job, kLanes> jobs;
  std::uint32_t count = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < kLanes; ++i) jobs[i] = {keys[i].get(), {count++, kBearer, kDirection}, data[i], 8 * size, out[i]};
    eea1_batch(jobs);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kLanes));
}

void secmode_eia1_batch(benchmark::State& state, Tier tier, std::size_t size) {
  const auto keys = lane_keys(tier);
  std::vector<Bytes> data(kLanes, Bytes(size, 0x5a));
  std::array<Eia1Job, kLanes> jobs;
  std::uint32_t count = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < kLanes; ++i) jobs[i] = {keys[i].get(), {count++, kBearer, kDirection}, data[i], 8 * size};
    eia1_batch(jobs);
    benchmark::DoNotOptimize(jobs.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kLanes));
}

// ---- Intel ipsec-mb ----------------------------------------------------------------------------

struct IpsecMb {
  IMB_MGR* mgr = alloc_mb_mgr(0);
  snow3g_key_schedule_t ks{};
  IpsecMb() {
    if (mgr == nullptr) throw std::runtime_error("alloc_mb_mgr");
    IMB_ARCH arch{};
    init_mb_mgr_auto(mgr, &arch);
    if (IMB_SNOW3G_INIT_KEY_SCHED(mgr, kKey.data(), &ks) != 0) throw std::runtime_error("snow3g key schedule");
  }
  ~IpsecMb() { free_mb_mgr(mgr); }
};

void ipsecmb_eea1(benchmark::State& state, std::size_t size) {
  IpsecMb mb;
  Bytes data(size, 0x5a), out(size);
  alignas(16) std::uint8_t iv[16];
  std::uint32_t count = 0;
  for (auto _ : state) {
    snow3g_f8_iv_gen(count++, kBearer, kDirection, iv);
    IMB_SNOW3G_F8_1_BUFFER_BIT(mb.mgr, &mb.ks, iv, data.data(), out.data(), static_cast<std::uint32_t>(8 * size), 0);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
}

void ipsecmb_eia1(benchmark::State& state, std::size_t size) {
  IpsecMb mb;
  Bytes data(size, 0x5a);
  alignas(16) std::uint8_t iv[16];
  std::uint8_t mac[4];
  std::uint32_t count = 0;
  for (auto _ : state) {
    snow3g_f9_iv_gen(count++, std::uint32_t{kBearer} << 27, kDirection, iv);  // FRESH = BEARER << 27
    IMB_SNOW3G_F9_1_BUFFER(mb.mgr, &mb.ks, iv, data.data(), 8 * size, mac);
    benchmark::DoNotOptimize(mac);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
}

// 16 key schedules, one per lane (lane_key).
struct IpsecMbLanes {
  IpsecMb mb;
  std::array<snow3g_key_schedule_t, kLanes> ks{};
  IpsecMbLanes() {
    for (std::size_t i = 0; i < kLanes; ++i)
      if (IMB_SNOW3G_INIT_KEY_SCHED(mb.mgr, lane_key(i).data(), &ks[i]) != 0) throw std::runtime_error("snow3g key schedule");
  }
};

// 16 jobs through ipsec-mb's job manager (its 16-lane SNOW 3G on this CPU), flushed at the end of
// each batch of 16 so that every iteration completes its own 16 messages.
template <typename Fill>
void ipsecmb_submit16(IMB_MGR* mgr, Fill fill) {
  for (std::size_t i = 0; i < kLanes; ++i) {
    IMB_JOB* job = IMB_GET_NEXT_JOB(mgr);
    fill(job, i);
    job = IMB_SUBMIT_JOB(mgr);
    while (job != nullptr) {
      if (job->status != IMB_STATUS_COMPLETED) throw std::runtime_error("ipsec-mb job failed");
      job = IMB_GET_COMPLETED_JOB(mgr);
    }
  }
  while (IMB_JOB* job = IMB_FLUSH_JOB(mgr))
    if (job->status != IMB_STATUS_COMPLETED) throw std::runtime_error("ipsec-mb job failed");
}

struct F8Jobs {
  std::vector<Bytes> data = std::vector<Bytes>(kLanes, Bytes()), out = std::vector<Bytes>(kLanes, Bytes());
  alignas(16) std::uint8_t iv[kLanes][16];
  void fill(IMB_JOB* job, std::size_t i, const snow3g_key_schedule_t* ks, std::size_t bits) {
    job->cipher_mode = IMB_CIPHER_SNOW3G_UEA2_BITLEN;
    job->hash_alg = IMB_AUTH_NULL;
    job->chain_order = IMB_ORDER_CIPHER_HASH;
    job->cipher_direction = IMB_DIR_ENCRYPT;
    job->enc_keys = ks;
    job->key_len_in_bytes = 16;
    job->src = data[i].data();
    job->dst = out[i].data();
    job->cipher_start_src_offset_in_bits = 0;
    job->msg_len_to_cipher_in_bits = bits;
    job->iv = iv[i];
    job->iv_len_in_bytes = 16;
  }
};

void ipsecmb_eea1_jobs(benchmark::State& state, std::size_t size) {
  IpsecMbLanes lanes;
  F8Jobs j;
  for (std::size_t i = 0; i < kLanes; ++i) j.data[i].assign(size, 0x5a), j.out[i].assign(size, 0);
  std::uint32_t count = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < kLanes; ++i) snow3g_f8_iv_gen(count++, kBearer, kDirection, j.iv[i]);
    ipsecmb_submit16(lanes.mb.mgr, [&](IMB_JOB* job, std::size_t i) { j.fill(job, i, &lanes.ks[i], 8 * size); });
    benchmark::DoNotOptimize(j.out.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kLanes));
}

// IMB_SNOW3G_F8_N_BUFFER_MULTIKEY: 16 buffers, 16 key schedules, one call (octet lengths).
void ipsecmb_eea1_n_buffer(benchmark::State& state, std::size_t size) {
  IpsecMbLanes lanes;
  F8Jobs j;
  const snow3g_key_schedule_t* ks[kLanes];
  const void* ivs[kLanes];
  const void* src[kLanes];
  void* dst[kLanes];
  std::uint32_t lens[kLanes];
  for (std::size_t i = 0; i < kLanes; ++i) {
    j.data[i].assign(size, 0x5a), j.out[i].assign(size, 0);
    ks[i] = &lanes.ks[i];
    ivs[i] = j.iv[i];
    src[i] = j.data[i].data();
    dst[i] = j.out[i].data();
    lens[i] = static_cast<std::uint32_t>(size);
  }
  std::uint32_t count = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < kLanes; ++i) snow3g_f8_iv_gen(count++, kBearer, kDirection, j.iv[i]);
    IMB_SNOW3G_F8_N_BUFFER_MULTIKEY(lanes.mb.mgr, ks, ivs, src, dst, lens, kLanes);
    benchmark::DoNotOptimize(j.out.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kLanes));
}

void ipsecmb_eia1_jobs(benchmark::State& state, std::size_t size) {
  IpsecMbLanes lanes;
  std::vector<Bytes> data(kLanes, Bytes(size, 0x5a));
  alignas(16) std::uint8_t iv[kLanes][16];
  std::uint8_t mac[kLanes][4];
  std::uint32_t count = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < kLanes; ++i) snow3g_f9_iv_gen(count++, std::uint32_t{kBearer} << 27, kDirection, iv[i]);
    ipsecmb_submit16(lanes.mb.mgr, [&](IMB_JOB* job, std::size_t i) {
      job->cipher_mode = IMB_CIPHER_NULL;
      job->hash_alg = IMB_AUTH_SNOW3G_UIA2_BITLEN;
      job->chain_order = IMB_ORDER_HASH_CIPHER;
      job->cipher_direction = IMB_DIR_ENCRYPT;
      job->u.SNOW3G_UIA2._key = &lanes.ks[i];
      job->u.SNOW3G_UIA2._iv = iv[i];
      job->src = data[i].data();
      job->hash_start_src_offset_in_bytes = 0;
      job->msg_len_to_hash_in_bits = 8 * size;
      job->auth_tag_output = mac[i];
      job->auth_tag_output_len_in_bytes = 4;
    });
    benchmark::DoNotOptimize(mac);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kLanes));
}

// The anchor must compute the same thing, or the comparison means nothing: one message of each
// size through both, before any timing.
void cross_check() {
  IpsecMb mb;
  for (const std::size_t size : kSizes) {
    Bytes data(size);
    for (std::size_t i = 0; i < size; ++i) data[i] = static_cast<std::uint8_t>(i * 31 + 7);
    const Eea1Eia1Key key(std::span<const std::uint8_t, 16>(kKey.data(), 16));
    Bytes ours(size), theirs(size);
    alignas(16) std::uint8_t iv[16];
    eea1(key, {1234, kBearer, kDirection}, data, 8 * size, ours);
    snow3g_f8_iv_gen(1234, kBearer, kDirection, iv);
    IMB_SNOW3G_F8_1_BUFFER_BIT(mb.mgr, &mb.ks, iv, data.data(), theirs.data(), static_cast<std::uint32_t>(8 * size), 0);
    std::array<std::uint8_t, 4> mac{};
    std::uint8_t mac_mb[4];
    eia1(key, {1234, kBearer, kDirection}, data, 8 * size, mac);
    snow3g_f9_iv_gen(1234, std::uint32_t{kBearer} << 27, kDirection, iv);
    IMB_SNOW3G_F9_1_BUFFER(mb.mgr, &mb.ks, iv, data.data(), 8 * size, mac_mb);
    if (ours != theirs || std::memcmp(mac.data(), mac_mb, 4) != 0)
      throw std::runtime_error("secmode and ipsec-mb disagree at " + std::to_string(size) + " octets");
  }
  // The batch paths: 16 lanes of different keys and lengths through eea1_batch / eia1_batch and
  // through ipsec-mb's job manager.
  IpsecMbLanes lanes;
  const auto keys = lane_keys(active_tier());
  F8Jobs j;
  std::vector<Bytes> ours(kLanes);
  std::array<Eea1Job, kLanes> cjobs;
  std::array<Eia1Job, kLanes> mjobs;
  std::uint8_t mac_mb[kLanes][4];
  alignas(16) std::uint8_t iv9[kLanes][16];
  for (std::size_t i = 0; i < kLanes; ++i) {
    const std::size_t size = 40 * i + 3;
    j.data[i].resize(size);
    for (std::size_t b = 0; b < size; ++b) j.data[i][b] = static_cast<std::uint8_t>(b * 13 + i);
    j.out[i].assign(size, 0);
    ours[i].assign(size, 0);
    snow3g_f8_iv_gen(static_cast<std::uint32_t>(i), kBearer, kDirection, j.iv[i]);
    snow3g_f9_iv_gen(static_cast<std::uint32_t>(i), std::uint32_t{kBearer} << 27, kDirection, iv9[i]);
    cjobs[i] = {keys[i].get(), {static_cast<std::uint32_t>(i), kBearer, kDirection}, j.data[i], 8 * size - i % 8, ours[i]};
    mjobs[i] = {keys[i].get(), {static_cast<std::uint32_t>(i), kBearer, kDirection}, j.data[i], 8 * size - i % 8};
  }
  eea1_batch(cjobs);
  eia1_batch(mjobs);
  ipsecmb_submit16(lanes.mb.mgr, [&](IMB_JOB* job, std::size_t i) { j.fill(job, i, &lanes.ks[i], 8 * j.data[i].size() - i % 8); });
  ipsecmb_submit16(lanes.mb.mgr, [&](IMB_JOB* job, std::size_t i) {
    job->cipher_mode = IMB_CIPHER_NULL;
    job->hash_alg = IMB_AUTH_SNOW3G_UIA2_BITLEN;
    job->chain_order = IMB_ORDER_HASH_CIPHER;
    job->cipher_direction = IMB_DIR_ENCRYPT;
    job->u.SNOW3G_UIA2._key = &lanes.ks[i];
    job->u.SNOW3G_UIA2._iv = iv9[i];
    job->src = j.data[i].data();
    job->hash_start_src_offset_in_bytes = 0;
    job->msg_len_to_hash_in_bits = 8 * j.data[i].size() - i % 8;
    job->auth_tag_output = mac_mb[i];
    job->auth_tag_output_len_in_bytes = 4;
  });
  for (std::size_t i = 0; i < kLanes; ++i) {
    // ipsec-mb leaves the unused trailing bits of the last octet as they were in dst; compare the
    // used ones only.
    const std::size_t last = j.out[i].size() - 1;
    const std::uint8_t keep = static_cast<std::uint8_t>(0xff << (i % 8));
    const bool same = std::equal(ours[i].begin(), ours[i].end() - 1, j.out[i].begin()) &&
                      (ours[i][last] & keep) == (j.out[i][last] & keep);
    if (cjobs[i].error != nullptr || mjobs[i].error != nullptr || !same || std::memcmp(mjobs[i].mac.data(), mac_mb[i], 4) != 0)
      throw std::runtime_error("secmode and ipsec-mb batches disagree in lane " + std::to_string(i));
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  cross_check();
  using Fn = std::function<void(benchmark::State&)>;
  std::vector<std::pair<std::string, Fn>> all;
  for (const std::size_t n : kSizes) {
    for (const Tier t : {Tier::portable, Tier::avx2, Tier::avx512}) {
      if (t > detected_tier()) continue;
      const std::string impl = "secmode-" + std::string(tier_name(t));
      all.emplace_back("eea1/" + impl + "/" + std::to_string(n), 
                       [t, n](benchmark::State& s) { secmode::bench::secmode_cipher<Eea1Eia1Key, &eea1>(s, kKey, kBearer, t, n); });
      all.emplace_back("eia1/" + impl + "/" + std::to_string(n), 
                       [t, n](benchmark::State& s) { secmode::bench::secmode_mac<Eea1Eia1Key, &eia1>(s, kKey, kBearer, t, n); });
    }
    if (detected_tier() == Tier::avx512) {
      all.emplace_back("eea1x16/secmode-avx512-batch16/" + std::to_string(n),
                       [n](benchmark::State& s) { secmode_eea1_batch(s, Tier::avx512, n); });
      all.emplace_back("eia1x16/secmode-avx512-batch16/" + std::to_string(n),
                       [n](benchmark::State& s) { secmode_eia1_batch(s, Tier::avx512, n); });
    }
    all.emplace_back("eea1x16/ipsec-mb-jobs16/" + std::to_string(n), [n](benchmark::State& s) { ipsecmb_eea1_jobs(s, n); });
    all.emplace_back("eea1x16/ipsec-mb-n-buffer16/" + std::to_string(n), [n](benchmark::State& s) { ipsecmb_eea1_n_buffer(s, n); });
    all.emplace_back("eia1x16/ipsec-mb-jobs16/" + std::to_string(n), [n](benchmark::State& s) { ipsecmb_eia1_jobs(s, n); });
    all.emplace_back("eea1/ipsec-mb/" + std::to_string(n), [n](benchmark::State& s) { ipsecmb_eea1(s, n); });
    all.emplace_back("eia1/ipsec-mb/" + std::to_string(n), [n](benchmark::State& s) { ipsecmb_eia1(s, n); });
  }
  for (auto& [name, fn] : all) benchmark::RegisterBenchmark(name.c_str(), fn)->Unit(benchmark::kNanosecond);
  secmode::bench::SummaryReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.Print();
  benchmark::Shutdown();
  return 0;
}
