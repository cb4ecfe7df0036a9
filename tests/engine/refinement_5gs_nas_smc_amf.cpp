// Refinement: the AMF engine (impl/engine/nas_smc_network.h, FivegsNasSmcAmf) and the network's rule table
// (spec/procedures/nas_smc_network.h, 5GS) in lock-step over random event sequences: AKA,
// REGISTRATION REQUESTs (plain, protected, with a wrong key or a replayed COUNT), starts with any
// ngKSI and algorithms, with or without K'_AMF, T3560 expiries, COMPLETEs (right, under another key
// or context, replayed, forged, plain) and REJECTs (plain, protected, forged). K'_AMF gets the
// identity the table derives once the test has computed it with the spec twin (TS 33.501 A.13)
// from the current K_AMF and the COUNT of the latest request. The abstraction of a PDU is whether it opens under
// a context (its NAS-MAC verifies at the COUNT the receiver estimates, unless that context has
// null integrity, and it deciphers right, which needs the same key and algorithm unless NEA0):
// TS 24.501 4.4.3, 4.4.4.3. After each step the engine's abstract state must equal the table's,
// and each command it sends must be what the table's output says, checked with the spec twins.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "impl/codec/nas_5gs.h"
#include "impl/codec/nas_5gs_mm.h"
#include "impl/engine/nas_smc_network.h"
#include "spec/crypto/keys_5gs.h"
#include "spec/procedures/nas_smc_network.h"
#include "tests/engine/lockstep.h"

namespace secmode::impl::engine {
namespace {

namespace net = spec::nas_smc_network;
using spec::Concrete;
using namespace test::lockstep;
using Outcome = NetworkResult::Outcome;
using SpecState = net::State<Concrete>;
using SpecEvent = net::Event<Concrete>;
using SpecStep = spec::Step<Concrete, SpecState, net::Output<Concrete>>;

struct Harness {
  const spec::Mutation* mutation = nullptr;
  FivegsNasSmcAmf engine;
  SpecState state = net::initial(Concrete{});
  KeyPool keys;
  Registry caps{false};
  std::array<std::uint8_t, 600> out{};
  std::map<std::string, bool> seen;
  std::uint32_t initial_count = 0;  // of the latest REGISTRATION REQUEST, as the AMF estimates it

  SpecStep spec_step(const SpecEvent& e) {
    const auto rules = spec::FivegsNasSmcAmf::rules<Concrete>(mutation);
    return spec::step(Concrete{}, rules, state, e);
  }

  static SpecEvent event(std::uint32_t kind) {
    SpecEvent e{};
    e.kind = kind;
    e.ksi = net::kNoKsi;
    e.verified = true;
    return e;
  }

  Ctx current() const { return {state.key, state.eea, state.eia, state.ul_count}; }
  Ctx incoming() const { return {state.new_key, state.new_eea, state.new_eia, state.new_ul_count}; }

  std::uint32_t key_id(const NasContext& c) { return keys.id(Bytes(c.key.begin(), c.key.end())); }

  void check_state() {
    RC_ASSERT(engine.secured() == state.secured);
    RC_ASSERT(engine.current().ksi == state.ksi);
    RC_ASSERT(key_id(engine.current()) == state.key);
    RC_ASSERT(engine.current().eea == state.eea);
    RC_ASSERT(engine.current().eia == state.eia);
    RC_ASSERT(engine.current().next_rx == state.ul_count);
    RC_ASSERT(engine.current().next_tx == state.dl_count);
    RC_ASSERT(engine.pending() == state.pending);
    if (state.pending) {
      RC_ASSERT(engine.retransmissions() == state.retransmissions);
      RC_ASSERT(engine.new_context().ksi == state.new_ksi);
      RC_ASSERT(key_id(engine.new_context()) == state.new_key);
      RC_ASSERT(engine.new_context().eea == state.new_eea);
      RC_ASSERT(engine.new_context().eia == state.new_eia);
      RC_ASSERT(engine.new_context().next_tx == state.new_dl_count);
      RC_ASSERT(engine.new_context().next_rx == state.new_ul_count);
    }
    RC_ASSERT(engine.fresh() == state.fresh);
    if (state.fresh) {
      RC_ASSERT(engine.fresh_context().ksi == state.fresh_ksi);
      RC_ASSERT(key_id(engine.fresh_context()) == state.fresh_key);
    }
    const ByteView c = engine.ue_capabilities();
    RC_ASSERT(caps.id(Bytes(c.begin(), c.end())) == state.ue_caps);
    RC_ASSERT(engine.emergency() == state.emergency);
    RC_ASSERT(engine.initial_verified() == state.initial_verified);
    RC_ASSERT(engine.request_received() == state.request_received);
    RC_ASSERT(engine.initial_count() == initial_count);
    if (state.pending) RC_ASSERT(engine.new_derived() == state.new_derived);
  }

  // K'_AMF from the key with identity `from` (A.13, DIRECTION 0, the request's COUNT), registered
  // under the identity the table gives it.
  void derive(std::uint32_t from) {
    if (from == net::kNoKey) return;
    const auto k = spec::derive_kamf_prime(keys.bytes(from), 0, initial_count);
    keys.assign(Bytes(k.begin(), k.end()), spec::nas_smc::derived_key(Concrete{}, from));
  }

  // A SECURITY MODE COMMAND the engine sent, against the table's output.
  void check_command(const NetworkResult& r, const net::Output<Concrete>& o) {
    RC_ASSERT(r.outcome == Outcome::command_sent);
    const Bytes pdu(r.pdu.begin(), r.pdu.end());
    RC_ASSERT(pdu.size() > 7u);
    RC_ASSERT(pdu[0] == 0x7e && pdu[1] == 3);  // 5GMM, header type 3
    Protection p{o.key, static_cast<std::uint8_t>(o.eea), static_cast<std::uint8_t>(o.eia), o.count, 3, false};
    const Bytes plain(pdu.begin() + 7, pdu.end());
    RC_ASSERT(protect_spec<FivegsWire>(keys.bytes(o.key), p, 1, plain) == pdu);
    const auto d = nas5gs::decode_security_mode_command(plain);
    RC_ASSERT(d.ok());
    RC_ASSERT(d.value.ngksi.ksi == o.ksi);
    RC_ASSERT(d.value.selected_nas_security_algorithms.ciphering == o.eea);
    RC_ASSERT(d.value.selected_nas_security_algorithms.integrity == o.eia);
    const ByteView replayed = d.value.replayed_ue_security_capabilities;
    RC_ASSERT(caps.id(Bytes(replayed.begin(), replayed.end())) == o.replayed_caps);
    const auto& more = d.value.additional_5g_security_information;
    RC_ASSERT((more && more->horizontal_derivation_required) == o.horizontal);
    RC_ASSERT((more && more->retransmission_of_initial_nas_message_requested) == o.rinmr);
  }

  Protection pick_protection(const Ctx& honest, std::uint8_t header) {
    Protection p{honest.key,
                 static_cast<std::uint8_t>(honest.eea),
                 static_cast<std::uint8_t>(honest.eia),
                 honest.lowest_unaccepted,
                 header,
                 false};
    switch (*rc::gen::inRange(0, 10)) {
      case 0: {  // another key
        const Key k = *rc::gen::elementOf(keys.pool);
        p.key = keys.id(Bytes(k.begin(), k.end()));
        break;
      }
      case 1:
      case 2:
        p.count = honest.lowest_unaccepted == 0 ? 0 : honest.lowest_unaccepted - 1;
        break;  // replay
      case 3:
        p.count += *rc::gen::inRange<std::uint32_t>(1, 300);
        break;
      case 4:
        p.forged = true;
        break;
      case 5:
        p.eia = static_cast<std::uint8_t>(*rc::gen::inRange(0, 4));
        break;
      case 6:  // another ciphering algorithm; not under null integrity, where nothing would tell the
               // receiver it deciphers garbage (which may then read as any message)
        if (honest.eia != 0) p.eea = static_cast<std::uint8_t>(*rc::gen::inRange(0, 4));
        break;
      default:
        break;
    }
    p.count &= 0xffffff;
    if (p.key == 0 && p.eia != 0) p.key = keys.id(Bytes(keys.pool.front().begin(), keys.pool.front().end()));
    return p;
  }

  void aka() {
    // Never a key twice: see refinement_5gs_nas_smc_ue.cpp.
    const Key k = keys.fresh();
    const auto ksi = *rc::gen::weightedOneOf<std::uint8_t>(
        {{6, rc::gen::inRange<std::uint8_t>(0, 7)}, {1, rc::gen::just<std::uint8_t>(net::kNoKsi)}});
    SpecEvent e = event(net::kAka);
    e.ksi = ksi;
    e.key = keys.id(Bytes(k.begin(), k.end()));
    RC_LOG() << "AKA: K" << keys.id(Bytes(k.begin(), k.end())) << " ngKSI " << int{ksi} << "\n";
    const bool took = engine.aka(k, ksi);
    const SpecStep st = spec_step(e);
    RC_ASSERT(took == (st.fired != spec::kNoRule));
    state = st.state;
  }

  void initial_request() {
    const Bytes capability =
        *rc::gen::container<Bytes>(*rc::gen::element<std::size_t>(2, 4, 6, 8), rc::gen::arbitrary<std::uint8_t>());
    nas5gs::RegistrationRequest m;
    m.registration_type = *rc::gen::element<std::uint8_t>(1, 3, 4);
    m.mobile_identity = nas5gs::FiveGSTmsi{1, 2, *rc::gen::arbitrary<std::uint32_t>()};
    m.ue_security_capability = ByteView(capability);
    const bool session = *rc::gen::inRange(0, 4) == 0;
    const bool emergency = m.registration_type == 4 || session;
    const Bytes plain = encoded(m);
    const std::uint8_t header = state.secured && *rc::gen::inRange(0, 4) != 0 ? 1 : 0;
    const Protection p = pick_protection(current(), header);
    RC_LOG() << "initial request, header " << int{header} << " K" << p.key << " NIA" << int{p.eia} << " COUNT "
             << p.count << (p.forged ? " forged" : "") << "\n";
    const NetworkResult r = engine.receive_initial(protect_spec<FivegsWire>(keys.bytes(p.key), p, 0, plain), session);
    initial_count = header == 1 ? estimate(state.ul_count, static_cast<std::uint8_t>(p.count)) : 0;
    SpecEvent e = event(net::kReceiveInitial);
    e.caps = caps.id(capability);
    e.emergency = emergency;
    std::uint32_t count = 0;
    e.verified = header == 1 && state.secured && opens(current(), p, count) && count >= state.ul_count;
    e.count = count;
    const SpecStep st = spec_step(e);
    RC_ASSERT((r.outcome == Outcome::aborted) == (st.output.action == net::kAbort));
    RC_ASSERT(r.outcome == Outcome::aborted || r.outcome == Outcome::nothing);
    state = st.state;
  }

  void start() {
    std::uint8_t ksi = *rc::gen::inRange<std::uint8_t>(0, 7);
    const int pick = *rc::gen::inRange(0, 4);
    if (pick == 0 && state.fresh) ksi = static_cast<std::uint8_t>(state.fresh_ksi);
    if (pick >= 1 && state.secured && state.ksi < net::kNoKsi) ksi = static_cast<std::uint8_t>(state.ksi);
    if (pick >= 1 && !state.secured && state.fresh) ksi = static_cast<std::uint8_t>(state.fresh_ksi);
    const auto eea = *rc::gen::inRange<std::uint8_t>(0, 4);
    const auto eia = *rc::gen::weightedOneOf<std::uint8_t>(
        {{6, rc::gen::inRange<std::uint8_t>(1, 4)}, {1, rc::gen::just<std::uint8_t>(0)}});
    const bool horizontal = *rc::gen::inRange(0, 3) == 0;
    // 5.4.2.2: null integrity comes with null ciphering.
    RC_LOG() << "start ngKSI " << int{ksi} << " NEA" << int{eea} << " NIA" << int{eia} << (horizontal ? " HDP" : "")
             << "\n";
    if (horizontal && state.secured) derive(state.key);
    const NetworkResult r = engine.start(ksi, eia == 0 ? 0 : eea, eia, out, *rc::gen::arbitrary<bool>(), horizontal);
    SpecEvent e = event(net::kStart);
    e.ksi = ksi;
    e.eea = eia == 0 ? 0 : eea;
    e.eia = eia;
    e.horizontal = horizontal;
    const SpecStep st = spec_step(e);
    if (st.fired == spec::kNoRule) {
      RC_ASSERT(r.outcome == Outcome::refused);
    } else {
      check_command(r, st.output);
      seen["a command"] = true;
      if (st.output.horizontal) seen["a command with K'_AMF"] = true;
    }
    state = st.state;
  }

  void timer() {
    RC_LOG() << "T3560 expiry\n";
    const NetworkResult r = engine.timer_expiry(out);
    const SpecStep st = spec_step(event(net::kTimerExpiry));
    if (st.output.action == net::kSendSmc) {
      check_command(r, st.output);
      seen["a retransmission"] = true;
    } else if (st.output.action == net::kAbort) {
      RC_ASSERT(r.outcome == Outcome::aborted);
      seen["an abort at the fifth expiry"] = true;
    } else {
      RC_ASSERT(r.outcome == Outcome::refused);
    }
    state = st.state;
  }

  void uplink() {
    const bool complete = *rc::gen::inRange(0, 4) != 0;
    Bytes plain;
    if (complete) {
      nas5gs::SecurityModeComplete m;
      const Bytes request{0x7e, 0x00, 0x41, 0x09};
      if (*rc::gen::arbitrary<bool>()) m.nas_message_container = ByteView(request);
      plain = encoded(m);
    } else {
      plain = encoded(nas5gs::SecurityModeReject{*rc::gen::element<std::uint8_t>(23, 24)});
    }
    // A COMPLETE honestly goes under the new context with header type 4; a REJECT under the old one.
    const Ctx honest = complete && state.pending ? incoming() : current();
    std::uint8_t header = complete ? 4 : (state.secured ? 2 : 0);
    if (*rc::gen::inRange(0, 6) == 0) header = *rc::gen::element<std::uint8_t>(0, 1, 2, 4);
    const Protection p = pick_protection(honest, header);
    RC_LOG() << (complete ? "COMPLETE" : "REJECT") << ", header " << int{header} << " K" << p.key << " NEA"
             << int{p.eea} << " NIA" << int{p.eia} << " COUNT " << p.count << (p.forged ? " forged" : "") << "\n";
    const NetworkResult r = engine.receive(protect_spec<FivegsWire>(keys.bytes(p.key), p, 0, plain));
    RC_LOG() << "  engine: " << static_cast<int>(r.outcome) << " " << r.clause << " " << r.reason << "\n";

    // The abstraction: whether the PDU opens under the context its header type names (9.3,
    // 4.4.4.3): 3 and 4 the new one, 1 and 2 the current one.
    std::uint32_t count = 0, unused = 0;
    const bool names_new = header == 3 || header == 4;
    const bool under_new = names_new && state.pending && opens(incoming(), p, count);
    const bool under_current = header != 0 && !names_new && state.secured && opens(current(), p, unused);
    const bool readable = header == 0 || header == 1 || header == 3 || under_new || under_current;
    if (!readable) {
      RC_ASSERT(r.outcome == Outcome::discarded);
      return;
    }
    SpecEvent e = event(complete ? net::kComplete : net::kReject);
    if (complete && !under_new) {
      e.key = ~0u;  // verifies under no context the table could be waiting on
    } else if (complete) {
      e.key = state.new_key;
      e.eea = state.new_eea;
      e.eia = state.new_eia;
    }
    e.count = count;
    const SpecStep st = spec_step(e);
    const auto rules = spec::FivegsNasSmcAmf::rules<Concrete>(mutation);
    const std::string_view fired = st.fired == spec::kNoRule ? "" : rules[st.fired].name;
    if (!complete) {
      RC_ASSERT((r.outcome == Outcome::aborted) == (st.output.action == net::kAbort));
      if (st.output.action == net::kAbort) seen["an abort on REJECT"] = true;
    } else if (fired == "complete") {
      RC_ASSERT(r.outcome == Outcome::completed);
      seen["a COMPLETE taken"] = true;
    } else {
      RC_ASSERT(r.outcome == Outcome::discarded);
      if (under_new) seen["a COMPLETE discarded (replay)"] = true;
    }
    state = st.state;
  }

  void run() {
    if (*rc::gen::arbitrary<bool>()) {
      aka();
      initial_request();
      check_state();
    }
    if (keys.pool.empty()) keys.fresh();
    const auto steps = *rc::gen::inRange(1, 80);
    for (int i = 0; i < steps; ++i) {
      switch (*rc::gen::weightedOneOf<int>({{1, rc::gen::just(0)},
                                            {2, rc::gen::just(1)},
                                            {3, rc::gen::just(2)},
                                            {2, rc::gen::just(3)},
                                            {4, rc::gen::just(4)}})) {
        case 0:
          aka();
          break;
        case 1:
          initial_request();
          break;
        case 2:
          start();
          break;
        case 3:  // T3560 runs out, once or several times in a row (up to the abort)
          for (int n = *rc::gen::inRange(1, 7); n > 0; --n) {
            timer();
            check_state();
          }
          break;
        default:
          uplink();
          break;
      }
      check_state();
    }
    for (const char* what : {"a command", "a command with K'_AMF", "a retransmission", "an abort at the fifth expiry",
                             "an abort on REJECT", "a COMPLETE taken", "a COMPLETE discarded (replay)"})
      RC_CLASSIFY(seen[what], what);
  }
};

RC_GTEST_PROP(FivegsNasSmcAmfRefinement, EngineAndRuleTableAgreeStepByStep, ()) {
  Harness h;
  h.run();
}

TEST(FivegsNasSmcAmfRefinement, MutantTableWithoutReplayedCompleteDiscardIsCaught) {
  const spec::Mutation m{spec::Mutation::Kind::drop_rule, "discard_replayed_complete"};
  EXPECT_TRUE(mutant_caught<Harness>("AMF engine against a table without discard_replayed_complete", m));
}

TEST(FivegsNasSmcAmfRefinement, MutantTableWithoutTimerAbortIsCaught) {
  const spec::Mutation m{spec::Mutation::Kind::drop_rule, "timer_abort"};
  EXPECT_TRUE(mutant_caught<Harness>("AMF engine against a table without timer_abort", m));
}

}  // namespace
}  // namespace secmode::impl::engine
