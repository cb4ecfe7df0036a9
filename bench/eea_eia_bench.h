// What the EEA/EIA benchmarks (bench_eea1_eia1, bench_eea2_eia2, bench_eea3_eia3) share: timing
// one of our fast algorithms on one message at a time, and the closing table of ns per message
// with each tier's ratio to the best anchor.
//
// Benchmark names are "<alg>/<implementation>/<size>"; names whose <alg> ends in "x16" time 16
// messages per iteration. Times are CPU ns (not wall time: the machine is shared, so wall time
// includes waiting).
#pragma once

#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "impl/crypto/count_inputs.h"
#include "impl/crypto/cpu.h"

namespace secmode::bench {

using Bytes = std::vector<std::uint8_t>;

// Ciphering `size` octets downlink, a fresh COUNT per message; the key object is made outside
// the timing.
template <class Key, auto cipher>
void secmode_cipher(benchmark::State& state, const Bytes& key_octets, std::uint8_t bearer, impl::crypto::Tier tier,
                    std::size_t size) {
  const Key key(std::span<const std::uint8_t, 16>(key_octets.data(), 16), tier);
  Bytes data(size, 0x5a), out(size);
  std::uint32_t count = 0;
  for (auto _ : state) {
    cipher(key, {count++, bearer, 1}, data, 8 * size, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
}

// The MAC of `size` octets downlink, a fresh COUNT per message.
template <class Key, auto mac_of>
void secmode_mac(benchmark::State& state, const Bytes& key_octets, std::uint8_t bearer, impl::crypto::Tier tier,
                 std::size_t size) {
  const Key key(std::span<const std::uint8_t, 16>(key_octets.data(), 16), tier);
  Bytes data(size, 0x5a);
  std::array<std::uint8_t, 4> mac{};
  std::uint32_t count = 0;
  for (auto _ : state) {
    mac_of(key, {count++, bearer, 1}, data, 8 * size, mac);
    benchmark::DoNotOptimize(mac.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
}

// Collects CPU ns per message for the closing table. A size no anchor ran (ipsec-mb's one-message
// ZUC refuses more than 8188 octets) is compared in throughput with the best anchor at the
// longest size it did run.
class SummaryReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& r : runs) {
      if (r.error_occurred || r.run_type != Run::RT_Iteration) continue;
      const std::string name = r.benchmark_name();
      const auto a = name.find('/'), b = name.rfind('/');
      const std::string alg = name.substr(0, a);
      const bool batch = alg.size() >= 3 && alg.compare(alg.size() - 3, 3, "x16") == 0;
      ns_[alg][std::stoul(name.substr(b + 1))][name.substr(a + 1, b - a - 1)] =
          r.GetAdjustedCPUTime() / (batch ? 16.0 : 1.0);
    }
  }

  void Print() const {
    for (const auto& [alg, sizes] : ns_) {
      std::printf("\n%s: ns per message (ratio to the best anchor; < 1 is faster)\n", alg.c_str());
      double long_anchor = 0;  // MB/s of the best anchor at the longest size it ran
      std::string long_name;
      for (const auto& [size, impls] : sizes) {
        double best = 1e300;
        std::string best_name;
        for (const auto& [impl, t] : impls)
          if (impl.rfind("secmode", 0) != 0 && t < best) best = t, best_name = impl;
        if (best_name.empty()) {
          std::printf("  %6zu B: no anchor takes one message this long; ratios in throughput against %s at its "
                      "longest (%.1f MB/s)", size, long_name.c_str(), long_anchor);
        } else {
          long_anchor = 1e3 * static_cast<double>(size) / best;
          long_name = best_name;
          std::printf("  %6zu B: best anchor %-8s %9.1f ns (%7.1f MB/s)", size, best_name.c_str(), best, long_anchor);
        }
        for (const auto& [impl, t] : impls) {
          if (impl.rfind("secmode", 0) != 0) continue;
          const double mbs = 1e3 * static_cast<double>(size) / t;
          std::printf(" | %s %9.1f ns (%7.1f MB/s) x%.2f", impl.c_str(), t, mbs,
                      best_name.empty() ? long_anchor / mbs : t / best);
        }
        std::printf("\n");
      }
    }
  }

 private:
  std::map<std::string, std::map<std::size_t, std::map<std::string, double>>> ns_;  // alg -> size -> impl
};

}  // namespace secmode::bench
