// 128-EEA1 and 128-EIA1 (SNOW 3G) of impl/crypto/ at each tier this CPU has, against Intel
// ipsec-mb (auto-selected manager, the direct single-buffer SNOW 3G functions:
// IMB_SNOW3G_F8_1_BUFFER_BIT and IMB_SNOW3G_F9_1_BUFFER). It is the only anchor: OpenSSL 3 and
// Botan 2 have no SNOW 3G. Every message gets a fresh COUNT (so a fresh IV and the 32
// initialisation clocks); the key is set up once, outside the timing, for everyone. At the end a
// table gives, per size, ns per message and the ratio of each tier to the anchor (< 1: faster).
#include <benchmark/benchmark.h>
#include <intel-ipsec-mb.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "impl/crypto/eea1_eia1.h"

namespace {

using namespace secmode::impl::crypto;
using Bytes = std::vector<std::uint8_t>;

constexpr std::size_t kSizes[] = {16, 64, 256, 1500, 16384};
const Bytes kKey = {0xd3, 0xc5, 0xd5, 0x92, 0x32, 0x7f, 0xb1, 0x1c, 0x40, 0x35, 0xc6, 0x68, 0x0a, 0xf8, 0xc6, 0xd1};
constexpr std::uint8_t kBearer = 0x15, kDirection = 1;

// ---- secmode ---------------------------------------------------------------------------------

void secmode_eea1(benchmark::State& state, Tier tier, std::size_t size) {
  const Eea1Eia1Key key(std::span<const std::uint8_t, 16>(kKey.data(), 16), tier);
  Bytes data(size, 0x5a), out(size);
  std::uint32_t count = 0;
  for (auto _ : state) {
    eea1(key, {count++, kBearer, kDirection}, data, 8 * size, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
}

void secmode_eia1(benchmark::State& state, Tier tier, std::size_t size) {
  const Eea1Eia1Key key(std::span<const std::uint8_t, 16>(kKey.data(), 16), tier);
  Bytes data(size, 0x5a);
  std::array<std::uint8_t, 4> mac{};
  std::uint32_t count = 0;
  for (auto _ : state) {
    eia1(key, {count++, kBearer, kDirection}, data, 8 * size, mac);
    benchmark::DoNotOptimize(mac.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
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
}

// ---- the summary ---------------------------------------------------------------------------------

class SummaryReporter : public benchmark::ConsoleReporter {
 public:
  std::map<std::string, std::map<std::size_t, std::map<std::string, double>>> ns;  // alg -> size -> impl
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& r : runs) {
      if (r.error_occurred || r.run_type != Run::RT_Iteration) continue;
      const std::string name = r.benchmark_name();
      const auto a = name.find('/'), b = name.rfind('/');
      ns[name.substr(0, a)][std::stoul(name.substr(b + 1))][name.substr(a + 1, b - a - 1)] = r.GetAdjustedCPUTime();
    }
  }
  void Print() const {
    for (const auto& [alg, sizes] : ns) {
      std::printf("\n%s: ns per message (ratio to the best anchor; < 1 is faster)\n", alg.c_str());
      for (const auto& [size, impls] : sizes) {
        double best = 1e300;
        std::string best_name;
        for (const auto& [impl, t] : impls)
          if (impl.rfind("secmode", 0) != 0 && t < best) best = t, best_name = impl;
        std::printf("  %6zu B: best anchor %-8s %9.1f ns (%7.1f MB/s)", size, best_name.c_str(), best, 1e3 * static_cast<double>(size) / best);
        for (const auto& [impl, t] : impls)
          if (impl.rfind("secmode", 0) == 0)
            std::printf(" | %s %9.1f ns x%.2f", impl.c_str(), t, t / best);
        std::printf("\n");
      }
    }
  }
};

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
      all.emplace_back("eea1/" + impl + "/" + std::to_string(n), [t, n](benchmark::State& s) { secmode_eea1(s, t, n); });
      all.emplace_back("eia1/" + impl + "/" + std::to_string(n), [t, n](benchmark::State& s) { secmode_eia1(s, t, n); });
    }
    all.emplace_back("eea1/ipsec-mb/" + std::to_string(n), [n](benchmark::State& s) { ipsecmb_eea1(s, n); });
    all.emplace_back("eia1/ipsec-mb/" + std::to_string(n), [n](benchmark::State& s) { ipsecmb_eia1(s, n); });
  }
  for (auto& [name, fn] : all) benchmark::RegisterBenchmark(name.c_str(), fn)->Unit(benchmark::kNanosecond);
  SummaryReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.Print();
  benchmark::Shutdown();
  return 0;
}
