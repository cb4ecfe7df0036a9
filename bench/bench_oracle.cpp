// Throughput of the EPS NAS oracle (oracle/nas_judge.h): NAS PDUs judged per second on a long
// conformant trace, decode, MAC checks, deciphering and rule-table steps included; target at
// least 2 million per second per core. The trace is made once per algorithm, untimed, by the UE
// and MME engines (impl/engine/) running against each other: EPS AKA, the UE's real ATTACH
// REQUEST (Pixel 4), the first SECURITY MODE COMMAND and its COMPLETE, then rounds of integrity
// protected TRACKING AREA UPDATE REQUESTs, commands on the current context (some retransmitted on
// T3460 expiry before the answers come back, some requesting the IMEISV) and, every 64 rounds, a
// new AKA whose context a command takes into use. Each algorithm (128-EIA/EEA 1, 2, 3: the
// argument) protects the whole trace; the commands re-select it, so the cost stays the
// algorithm's.
//
// "judge_trace" times a fresh judge fed the context and every PDU, then finish(), and fails
// (SkipWithError) on any violation or when fewer verdicts come back than there are commands to
// judge, so a broken path is never measured as a fast one. The "part_" benchmarks time what one
// PDU of that trace costs in each layer the judge runs, once per PDU, to show where the time
// goes: decode (header and message), the KDF of K_NASint, the MAC check as the judge calls it
// (KDF included), the EIA alone with the key derived beforehand, deciphering (KDF included), and
// a command's two rule-table steps (tables built per call, and built once). Judging one PDU over and over is not
// measured: the second time it is a replay, another path.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "impl/codec/nas_eps.h"
#include "impl/codec/nas_eps_emm.h"
#include "impl/crypto/eea_eia.h"
#include "impl/crypto/kdf.h"
#include "impl/engine/eps_nas_protection.h"
#include "impl/engine/nas_smc_network.h"
#include "impl/engine/nas_smc_ue.h"
#include "oracle/nas_judge.h"
#include "spec/hex.h"
#include "spec/procedures/nas_smc_network.h"
#include "spec/procedures/nas_smc_ue.h"

namespace {

using namespace secmode;
using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;
using impl::engine::Direction;
using impl::engine::EpsNasSmcMme;
using impl::engine::EpsNasSmcUe;
using impl::engine::NasContext;
using impl::engine::UeResult;
// The MME engine's result type, whatever the engine names it.
using MmeResult = decltype(std::declval<EpsNasSmcMme&>().start(0, 0, 0, std::span<std::uint8_t>{}));

constexpr std::array<std::uint8_t, 9> kImeisv{0x33, 0x65, 0x89, 0x02, 0x14, 0x32, 0x54, 0x06, 0xf1};
// tests/codec/unit_nas_eps_attach_tau.cpp, kPixel4Attach (magma, "generated from Pixel 4").
const Bytes kAttach = spec::from_hex(
    "07417208395110003009010707f070c0401900800034020cd011d1272d808021"
    "1001000010810600000000830600000000000d00000a00000500001000001100"
    "001a01010023000024005c0a01310465e03e009011035758a6200d601404ef65"
    "233b880092f2000040080402600400021f005d0103c1");
constexpr unsigned kRounds = 2000;  // about 8000 PDUs: 5000 uplink, 3000 downlink

// How the sending engine protected a PDU: what one MAC check (and one deciphering) of it needs.
struct Protection {
  std::array<std::uint8_t, 32> kasme{};
  std::uint8_t eea = 0, eia = 0;
  std::uint32_t count = 0;
  Direction direction = Direction::uplink;
  bool ciphered = false;
};

struct Item {
  bool aka = false;  // a context line: `bytes` is the new K_ASME, under `ksi`
  bool uplink = false;
  Bytes bytes;
  std::uint8_t ksi = 0;
  std::optional<Protection> protection;  // none for a plain PDU
};

struct Trace {
  std::vector<Item> items;
  std::size_t pdus = 0, uplink = 0, commands = 0, protected_pdus = 0, ciphered = 0;
  std::string error;  // why the engines could not make the trace; the benchmarks then skip
};

Protection protection(const NasContext& c, std::uint32_t count, Direction d, bool ciphered) {
  Protection p;
  std::copy(c.key.begin(), c.key.end(), p.kasme.begin());
  p.eea = c.eea;
  p.eia = c.eia;
  p.count = count;
  p.direction = d;
  p.ciphered = ciphered;
  return p;
}

std::uint32_t last_sent(const NasContext& c) { return (c.next_tx - 1) & impl::engine::kCountMask; }

// The UE and the MME engines against each other; every PDU either sends goes into the trace.
class Exchange {
 public:
  explicit Exchange(std::uint8_t alg) : alg_(alg) {}

  Trace run() {
    const auto attach = impl::nas::decode_attach_request(kAttach);
    if (!attach.ok()) {
      fail("the Pixel 4 ATTACH REQUEST does not decode");
      return std::move(trace_);
    }
    tau_.eps_update_type = 0;  // TA updating
    tau_.ue_network_capability = attach.value.ue_network_capability;
    tau_.ue_additional_security_capability = attach.value.ue_additional_security_capability;
    tau_.old_guti.m_tmsi = 0xc0ffee01;
    aka();
    initial(kAttach);
    command(ksi_, 0, true);
    for (unsigned r = 1; r <= kRounds && trace_.error.empty(); ++r) {
      if (r % 64 == 0) {
        aka();
        tau();
        command(ksi_, 1, false);  // takes the new context into use
        continue;
      }
      tau();
      if (r % 4 == 1) command(ue_.current().ksi, 0, false);
      if (r % 4 == 2) command(ue_.current().ksi, 1, false);
      if (r % 4 == 3) command(ue_.current().ksi, 2, true);
    }
    return std::move(trace_);
  }

 private:
  void fail(const std::string& why) {
    if (trace_.error.empty()) trace_.error = why;
  }

  void add(bool uplink, ByteView pdu, std::optional<Protection> p) {
    Item i;
    i.uplink = uplink;
    i.bytes.assign(pdu.begin(), pdu.end());
    i.protection = p;
    trace_.items.push_back(std::move(i));
    ++trace_.pdus;
    trace_.uplink += uplink ? 1 : 0;
    trace_.protected_pdus += p ? 1 : 0;
    trace_.ciphered += p && p->ciphered ? 1 : 0;
  }

  void aka() {
    std::array<std::uint8_t, 32> k{};
    for (auto& x : k) {  // xorshift32: a different K_ASME each time, the same each run
      seed_ ^= seed_ << 13;
      seed_ ^= seed_ >> 17;
      seed_ ^= seed_ << 5;
      x = static_cast<std::uint8_t>(seed_);
    }
    ksi_ = static_cast<std::uint8_t>((ksi_ + 1) % 7);
    if (!ue_.aka(k, ksi_) || !mme_.aka(k, ksi_)) fail("AKA refused");
    Item i;
    i.aka = true;
    i.bytes.assign(k.begin(), k.end());
    i.ksi = ksi_;
    trace_.items.push_back(std::move(i));
  }

  // The UE sends an initial request, plain or integrity protected with its current context.
  void initial(ByteView plain) {
    const bool secured = ue_.secured();
    const UeResult r = ue_.send_initial(plain, ul_);
    if (r.outcome != UeResult::Outcome::sent) return fail(std::string("send_initial: ") + r.reason);
    add(true, r.pdu,
        secured ? std::optional(protection(ue_.current(), last_sent(ue_.current()), Direction::uplink, false))
                : std::nullopt);
    const MmeResult m = mme_.receive_initial(r.pdu);
    if (m.outcome != MmeResult::Outcome::nothing) fail(std::string("receive_initial: ") + m.reason);
  }

  void tau() {
    tau_.nas_key_set_identifier = {false, ue_.current().ksi};
    std::array<std::uint8_t, 128> plain{};
    const auto e = impl::nas::encode(tau_, plain);
    if (!e.written) return fail("TAU REQUEST does not encode");
    initial(ByteView(plain.data(), e.size));
  }

  // A command, `retransmissions` more on T3460 expiry before the answers come back (the trace is
  // in the order the MME sees), then the UE's answers, all COMPLETEs.
  void command(std::uint8_t ksi, unsigned retransmissions, bool imeisv) {
    std::vector<Bytes> burst;
    MmeResult c = mme_.start(ksi, alg_, alg_, dl_, imeisv);
    for (unsigned n = 0;; ++n) {
      if (c.outcome != MmeResult::Outcome::command_sent) return fail(std::string("start: ") + c.reason);
      add(false, c.pdu, protection(mme_.new_context(), last_sent(mme_.new_context()), Direction::downlink, false));
      ++trace_.commands;
      burst.emplace_back(c.pdu.begin(), c.pdu.end());
      if (n == retransmissions) break;
      c = mme_.timer_expiry(dl_);
    }
    std::vector<Bytes> answers;
    for (const Bytes& b : burst) {
      const UeResult r = ue_.receive(b, ul_);
      if (r.outcome != UeResult::Outcome::completed) return fail(std::string("UE receive: ") + r.reason);
      add(true, r.pdu, protection(ue_.current(), last_sent(ue_.current()), Direction::uplink, true));
      answers.emplace_back(r.pdu.begin(), r.pdu.end());
    }
    // The first COMPLETE completes; those answering retransmissions find no procedure running.
    for (std::size_t i = 0; i < answers.size(); ++i) {
      const MmeResult m = mme_.receive(answers[i]);
      if ((m.outcome == MmeResult::Outcome::completed) != (i == 0)) fail(std::string("MME receive: ") + m.reason);
    }
  }

  std::uint8_t alg_;
  std::uint32_t seed_ = 0x9e3779b9u ^ alg_;
  std::uint8_t ksi_ = 6;
  EpsNasSmcUe ue_{kImeisv};
  EpsNasSmcMme mme_;
  impl::nas::TrackingAreaUpdateRequest tau_;
  std::array<std::uint8_t, 256> ul_{}, dl_{};
  Trace trace_;
};

const Trace& trace(std::int64_t alg) {
  static std::map<std::int64_t, Trace> traces;
  auto it = traces.find(alg);
  if (it == traces.end()) it = traces.emplace(alg, Exchange(static_cast<std::uint8_t>(alg)).run()).first;
  return it->second;
}

// One judge over the whole trace, as `secmode check` runs it; returns the first violation, if any.
std::optional<std::string> judge(const Trace& t, std::vector<oracle::Verdict>& verdicts) {
  verdicts.clear();
  oracle::NasJudge judge(oracle::Rat::eps);
  std::size_t step = 0;
  for (const Item& i : t.items) {
    ++step;
    if (i.aka)
      judge.context(i.bytes, i.ksi);
    else
      judge.pdu(step, i.uplink, i.bytes, verdicts);
  }
  judge.finish(verdicts);
  for (const oracle::Verdict& v : verdicts)
    if (!v.ok)
      return "violation at step " + std::to_string(v.step) + " (" + v.party + ", " + v.clause + "): expected " +
             v.expected + ", observed " + v.observed + ": " + v.explain;
  // Every command gets the network's verdict and the UE's (its answer or its silence).
  if (verdicts.size() < 2 * t.commands)
    return std::to_string(verdicts.size()) + " verdicts for " + std::to_string(t.commands) +
           " commands: the oracle skipped some";
  return std::nullopt;
}

const Trace* usable(benchmark::State& state) {
  const Trace& t = trace(state.range(0));
  if (!t.error.empty()) {
    state.SkipWithError(t.error.c_str());
    return nullptr;
  }
  return &t;
}

void judge_trace(benchmark::State& state) {
  const Trace* t = usable(state);
  if (t == nullptr) return;
  std::vector<oracle::Verdict> verdicts;
  for (auto _ : state) {
    if (const auto wrong = judge(*t, verdicts)) {
      state.SkipWithError(wrong->c_str());
      break;
    }
    benchmark::DoNotOptimize(verdicts.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(t->pdus));
  state.counters["pdus"] = static_cast<double>(t->pdus);
  state.counters["uplink"] = static_cast<double>(t->uplink);
  state.counters["verdicts"] = static_cast<double>(verdicts.size());
  state.counters["violations"] = static_cast<double>(
      std::count_if(verdicts.begin(), verdicts.end(), [](const oracle::Verdict& v) { return !v.ok; }));
}

// ---- where the time goes: each layer once per PDU of the same trace --------------------------

// The security header, then the plain message the judge reads (all but the ciphered COMPLETEs).
void part_decode(benchmark::State& state) {
  const Trace* t = usable(state);
  if (t == nullptr) return;
  for (auto _ : state) {
    for (const Item& i : t->items) {
      if (i.aka) continue;
      ByteView plain = i.bytes;
      if ((i.bytes[0] >> 4) != 0) {
        const auto h = impl::nas::decode_security_protected(i.bytes);
        benchmark::DoNotOptimize(h);
        if (i.protection && i.protection->ciphered) continue;
        plain = h.value.nas_message;
      }
      const auto d = impl::nas::decode_emm_message(plain);
      if (!d.ok()) return state.SkipWithError("a PDU of the trace does not decode");
      benchmark::DoNotOptimize(d);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(t->pdus));
}

// K_NASint from K_ASME (TS 33.401 A.7), as message_mac() runs it for every MAC.
void part_kdf(benchmark::State& state) {
  const Trace* t = usable(state);
  if (t == nullptr) return;
  std::array<std::uint8_t, 16> k{};
  for (auto _ : state) {
    for (const Item& i : t->items) {
      if (!i.protection) continue;
      const impl::crypto::KdfKey key(i.protection->kasme);
      impl::crypto::derive_algorithm_key(key, impl::crypto::KeyHierarchy::eps, 0x02, i.protection->eia, k);
      benchmark::DoNotOptimize(k.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(t->protected_pdus));
}

// One MAC check per protected PDU as the judge makes it: header decode, KDF, EIA, compare.
void part_mac_verify(benchmark::State& state) {
  const Trace* t = usable(state);
  if (t == nullptr) return;
  for (auto _ : state) {
    for (const Item& i : t->items) {
      if (!i.protection) continue;
      const Protection& p = *i.protection;
      const auto h = impl::nas::decode_security_protected(i.bytes);
      if (!impl::engine::mac_verifies(p.kasme, p.eia, p.count, p.direction, h.value, i.bytes))
        return state.SkipWithError("a MAC of the trace does not verify");
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(t->protected_pdus));
}

// The EIA alone over SN || message, K_NASint derived beforehand.
void part_eia_only(benchmark::State& state) {
  const Trace* t = usable(state);
  if (t == nullptr) return;
  std::vector<std::array<std::uint8_t, 16>> keys;
  for (const Item& i : t->items) {
    if (!i.protection) continue;
    std::array<std::uint8_t, 16> k{};
    const impl::crypto::KdfKey key(i.protection->kasme);
    impl::crypto::derive_algorithm_key(key, impl::crypto::KeyHierarchy::eps, 0x02, i.protection->eia, k);
    keys.push_back(k);
  }
  std::array<std::uint8_t, 4> mac{};
  for (auto _ : state) {
    std::size_t n = 0;
    for (const Item& i : t->items) {
      if (!i.protection) continue;
      const Protection& p = *i.protection;
      const ByteView from_sn = ByteView(i.bytes).subspan(5);
      impl::crypto::eia(p.eia, keys[n++], {p.count, 0, static_cast<std::uint8_t>(p.direction)}, from_sn,
                        from_sn.size() * 8, mac);
      benchmark::DoNotOptimize(mac.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(t->protected_pdus));
}

// Deciphering a ciphered PDU (the COMPLETEs): KDF of K_NASenc and EEA, as the judge's open() does.
void part_decipher(benchmark::State& state) {
  const Trace* t = usable(state);
  if (t == nullptr) return;
  std::array<std::uint8_t, 64> plain{};
  for (auto _ : state) {
    for (const Item& i : t->items) {
      if (!i.protection || !i.protection->ciphered) continue;
      const Protection& p = *i.protection;
      const ByteView body = ByteView(i.bytes).subspan(6);
      impl::engine::message_cipher(p.kasme, impl::engine::kEpsNas, p.eea, p.count, p.direction, body, plain);
      benchmark::DoNotOptimize(plain.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(t->ciphered));
}

// A command's two table steps, as the judge takes them (command_network, command_ue): the MME's
// table on "start an SMC" and the UE's on the accepted command. Steps are pure functions of
// (state, event), so repeating them is valid. range(0): 1 builds the tables per step (what the
// judge did before it kept them), 0 builds them once, as it does now.
void part_rule_step(benchmark::State& state) {
  namespace ue = spec::nas_smc_ue;
  namespace net = spec::nas_smc_network;
  using spec::Concrete;
  const Concrete v;
  const auto ue_rules = spec::EpsNasSmcUe::rules<Concrete>();
  const auto mme_rules = spec::EpsNasSmcMme::rules<Concrete>();
  auto u = ue::initial(v);
  auto m = net::initial(v);
  ue::Event<Concrete> e{};
  e.kind = ue::kAka;
  e.ksi = e.key = 1;
  u = spec::step(v, ue_rules, u, e).state;
  e = {};
  e.kind = ue::kSendInitial;
  e.caps = 1;
  u = spec::step(v, ue_rules, u, e).state;
  e = {};
  e.kind = ue::kSmc;
  e.ksi = e.key = e.caps = 1;
  e.eea = e.eia = 2;
  e.new_context_header = true;
  net::Event<Concrete> n{};
  n.kind = net::kAka;
  n.ksi = n.key = 1;
  m = spec::step(v, mme_rules, m, n).state;
  n = {};
  n.kind = net::kReceiveInitial;
  n.caps = 1;
  m = spec::step(v, mme_rules, m, n).state;
  n = {};
  n.kind = net::kStart;
  n.ksi = 1;
  n.eea = n.eia = 2;
  const auto su = spec::step(v, ue_rules, u, e);
  const auto sm = spec::step(v, mme_rules, m, n);
  if (su.output.response != ue::kComplete || sm.output.action != net::kSendSmc)
    return state.SkipWithError("the command is not sent and accepted");
  const auto variant = state.range(0);
  for (auto _ : state) {
    if (variant == 1) {
      benchmark::DoNotOptimize(spec::step(v, spec::EpsNasSmcMme::rules<Concrete>(), m, n));
      benchmark::DoNotOptimize(spec::step(v, spec::EpsNasSmcUe::rules<Concrete>(), u, e));
    } else {
      benchmark::DoNotOptimize(spec::step(v, mme_rules, m, n));
      benchmark::DoNotOptimize(spec::step(v, ue_rules, u, e));
    }
  }
  state.SetItemsProcessed(state.iterations() * 2);
}

}  // namespace

BENCHMARK(judge_trace)->Arg(1)->Arg(2)->Arg(3)->Unit(benchmark::kMillisecond);
BENCHMARK(part_decode)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(part_kdf)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(part_mac_verify)->Arg(1)->Arg(2)->Arg(3)->Unit(benchmark::kMicrosecond);
BENCHMARK(part_eia_only)->Arg(1)->Arg(2)->Arg(3)->Unit(benchmark::kMicrosecond);
BENCHMARK(part_decipher)->Arg(1)->Arg(2)->Arg(3)->Unit(benchmark::kMicrosecond);
BENCHMARK(part_rule_step)->ArgName("variant")->Arg(1)->Arg(0)->Unit(benchmark::kNanosecond);

BENCHMARK_MAIN();
