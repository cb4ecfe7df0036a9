// EPS NAS security mode control, MME side: TS 24.301 5.4.3.2 (initiation), 5.4.3.4
// (completion), 5.4.3.5 (REJECT received), 5.4.3.7 b (T3460) and 4.4.4.3 (integrity
// checking in the MME).
//
// As on the UE side, crypto is abstracted into the event: mac_ok is the outcome of the
// integrity check of the received COMPLETE with the new context.
#pragma once

#include <vector>

#include "spec/rules/fields.h"
#include "spec/rules/machine.h"
#include "spec/rules/monitor.h"

namespace secmode::spec::eps_nas_smc_mme {

// Event kinds.
inline constexpr std::uint32_t kReceiveInitial = 0;  // ATTACH / TAU REQUEST with the UE's capabilities
inline constexpr std::uint32_t kStart = 1;           // the MME decides to run an SMC (ksi, eea, eia)
inline constexpr std::uint32_t kT3460Expiry = 2;
inline constexpr std::uint32_t kComplete = 3;        // SECURITY MODE COMPLETE received
inline constexpr std::uint32_t kReject = 4;          // SECURITY MODE REJECT received

// What the MME sends or does.
inline constexpr std::uint32_t kNothing = 0;
inline constexpr std::uint32_t kSendSmc = 1;
inline constexpr std::uint32_t kAbort = 2;  // the SMC (and the procedure that triggered it) is aborted

inline constexpr std::uint32_t kMaxRetransmissions = 4;  // 5.4.3.7 b: "repeated four times"
inline constexpr std::uint32_t kNoKsi = 7;

template <class V>
struct State {
  typename V::Bool secured;           // secure exchange of NAS messages established
  typename V::Word ksi, eea, eia;     // the current EPS security context
  typename V::Bool pending;           // an SMC is outstanding (T3460 running)
  typename V::Word retransmissions;   // of the outstanding SMC
  typename V::Word new_ksi, new_eea, new_eia;  // the context the outstanding SMC takes into use
  typename V::Word ue_caps;           // UE security capability as received from the UE
  typename V::Bool emergency;         // attach for emergency bearer services / RLOS without a shared context

  static auto fields() {
    return std::tuple{field("secured", &State::secured), field("ksi", &State::ksi), field("eea", &State::eea),
                      field("eia", &State::eia), field("pending", &State::pending),
                      field("retransmissions", &State::retransmissions), field("new_ksi", &State::new_ksi),
                      field("new_eea", &State::new_eea), field("new_eia", &State::new_eia),
                      field("ue_caps", &State::ue_caps), field("emergency", &State::emergency)};
  }
};

template <class V>
struct Event {
  typename V::Word kind;
  typename V::Word ksi, eea, eia;  // kStart: the context and algorithms to take into use
  typename V::Word caps;           // kReceiveInitial: the UE security capability received
  typename V::Bool emergency;      // kReceiveInitial: for emergency bearer services, no shared context
  typename V::Bool mac_ok;         // kComplete: NAS-MAC verified with the new context

  static auto fields() {
    return std::tuple{field("kind", &Event::kind), field("ksi", &Event::ksi), field("eea", &Event::eea),
                      field("eia", &Event::eia), field("caps", &Event::caps), field("emergency", &Event::emergency),
                      field("mac_ok", &Event::mac_ok)};
  }
};

template <class V>
struct Output {
  typename V::Word action;         // kNothing, kSendSmc, kAbort
  typename V::Word replayed_caps;  // in a SECURITY MODE COMMAND
  typename V::Word ksi, eea, eia;  // in a SECURITY MODE COMMAND

  static auto fields() {
    return std::tuple{field("action", &Output::action), field("replayed_caps", &Output::replayed_caps),
                      field("ksi", &Output::ksi), field("eea", &Output::eea), field("eia", &Output::eia)};
  }
  static Output none(const V& v) { return {v.word(kNothing), v.word(0), v.word(0), v.word(0), v.word(0)}; }
};

template <class V>
using Rules = std::vector<Rule<V, State<V>, Event<V>, Output<V>>>;
template <class V>
using Monitors = std::vector<Monitor<V, State<V>, Event<V>, Output<V>>>;

template <class V>
State<V> initial(const V& v) {
  return {v.lit(false), v.word(kNoKsi), v.word(0), v.word(0), v.lit(false), v.word(0),
          v.word(kNoKsi), v.word(0), v.word(0), v.word(0), v.lit(false)};
}

// 5.4.3.2: the command replays the capabilities received from the UE and names the new context.
template <class V>
Output<V> command(const V& v, const State<V>& s) {
  return {v.word(kSendSmc), s.ue_caps, s.new_ksi, s.new_eea, s.new_eia};
}

template <class V>
Rules<V> rules() {
  using S = State<V>;
  using E = Event<V>;
  auto silent = [](const V& v, const S&, const E&) { return Output<V>::none(v); };
  auto aborted = [](const V& v, const S&, const E&) {
    Output<V> o = Output<V>::none(v);
    o.action = v.word(kAbort);
    return o;
  };
  auto stop_t3460 = [](const V& v, const S& s, const E&) {
    S n = s;
    n.pending = v.lit(false);
    return n;
  };
  return {
      // 5.4.3.7 c: an ATTACH / TAU REQUEST colliding with an outstanding SMC aborts the SMC
      // and the MME proceeds with the UE-initiated procedure.
      {"receive_initial_request", "TS 24.301 5.5.1.2.3, 5.5.3.2.3, 5.4.3.7 c",
       [](const V& v, const S&, const E& e) { return e.kind == v.word(kReceiveInitial); },
       [](const V& v, const S& s, const E& e) {
         S n = s;
         n.ue_caps = e.caps;
         n.emergency = e.emergency;
         n.pending = v.lit(false);
         return n;
       },
       [](const V& v, const S& s, const E&) {
         Output<V> o = Output<V>::none(v);
         o.action = v.ite(s.pending, v.word(kAbort), v.word(kNothing));
         return o;
       }},
      // 5.4.3.2: EIA0 (with EEA0 and KSI "000") only for emergency bearer services or RLOS
      // without a shared context; otherwise the MME does not start such a command.
      {"start", "TS 24.301 5.4.3.2",
       [](const V& v, const S& s, const E& e) {
         return e.kind == v.word(kStart) && !s.pending && (e.eia != v.word(0) || s.emergency);
       },
       [](const V& v, const S& s, const E& e) {
         S n = s;
         n.pending = v.lit(true);
         n.retransmissions = v.word(0);
         n.new_ksi = e.ksi;
         n.new_eea = e.eea;
         n.new_eia = e.eia;
         return n;
       },
       [](const V& v, const S& s, const E& e) {
         S n = s;
         n.new_ksi = e.ksi;
         n.new_eea = e.eea;
         n.new_eia = e.eia;
         return command(v, n);
       }},
      {"t3460_retransmit", "TS 24.301 5.4.3.7 b",
       [](const V& v, const S& s, const E& e) {
         return e.kind == v.word(kT3460Expiry) && s.pending && v.ult(s.retransmissions, v.word(kMaxRetransmissions));
       },
       [](const V& v, const S& s, const E&) {
         S n = s;
         n.retransmissions = s.retransmissions + v.word(1);
         return n;
       },
       [](const V& v, const S& s, const E&) { return command(v, s); }},
      {"t3460_abort", "TS 24.301 5.4.3.7 b (fifth expiry)",
       [](const V& v, const S& s, const E& e) { return e.kind == v.word(kT3460Expiry) && s.pending; }, stop_t3460,
       aborted},
      {"complete", "TS 24.301 5.4.3.4",
       [](const V& v, const S& s, const E& e) { return e.kind == v.word(kComplete) && s.pending && e.mac_ok; },
       [](const V& v, const S& s, const E&) {
         S n = s;
         n.pending = v.lit(false);
         n.secured = v.lit(true);
         n.ksi = s.new_ksi;
         n.eea = s.new_eea;
         n.eia = s.new_eia;
         return n;
       },
       silent},
      // 4.4.4.3: a COMPLETE that fails the integrity check matches no rule and is discarded.
      {"reject", "TS 24.301 5.4.3.5",
       [](const V& v, const S& s, const E& e) { return e.kind == v.word(kReject) && s.pending; }, stop_t3460,
       aborted},
  };
}

template <class V>
Monitors<V> monitors() {
  using S = State<V>;
  using E = Event<V>;
  using St = Step<V, S, Output<V>>;
  return {
      {"capabilities_recorded_for_replay", "TS 24.301 5.4.3.2",
       "the capabilities of the latest ATTACH / TAU REQUEST are the ones every later command replays",
       [](const V& v, const S&, const E& e, const St& st) {
         return e.kind != v.word(kReceiveInitial) || st.state.ue_caps == e.caps;
       }},
      {"eia0_only_for_emergency", "TS 24.301 5.4.3.2, 4.4.4.1",
       "a SECURITY MODE COMMAND, first or retransmitted, selects EIA0 only for emergency bearer services or RLOS",
       [](const V& v, const S& s, const E&, const St& st) {
         return st.output.action != v.word(kSendSmc) || st.output.eia != v.word(0) || s.emergency;
       },
       // Reachable states: an outstanding command has EIA0 only for an emergency attach.
       +[](const V& v, const S& s) -> typename V::Bool { return !s.pending || s.new_eia != v.word(0) || s.emergency; }},
      {"at_most_four_retransmissions", "TS 24.301 5.4.3.7 b",
       "the SECURITY MODE COMMAND is retransmitted at most four times",
       [](const V& v, const S&, const E&, const St&) { return v.lit(true); },  // the invariant is the claim
       +[](const V& v, const S& s) -> typename V::Bool {
         return v.ule(s.retransmissions, v.word(kMaxRetransmissions));
       }},
      {"abort_on_fifth_expiry", "TS 24.301 5.4.3.7 b",
       "on the fifth expiry of T3460 the procedure is aborted",
       [](const V& v, const S& s, const E& e, const St& st) {
         return !(e.kind == v.word(kT3460Expiry) && s.pending && s.retransmissions == v.word(kMaxRetransmissions)) ||
                (st.output.action == v.word(kAbort) && !st.state.pending);
       }},
      {"context_only_from_verified_complete", "TS 24.301 5.4.3.4, 4.4.4.3",
       "the MME takes a new context into use only on an integrity-checked SECURITY MODE COMPLETE",
       [](const V& v, const S& s, const E& e, const St& st) {
         const auto changed = st.state.secured != s.secured || st.state.ksi != s.ksi || st.state.eia != s.eia ||
                              st.state.eea != s.eea;
         return !changed || (e.kind == v.word(kComplete) && e.mac_ok && s.pending);
       }},
      {"reject_keeps_context_in_use", "TS 24.301 5.4.3.5",
       "on SECURITY MODE REJECT the MME keeps the context in use before the procedure",
       [](const V& v, const S& s, const E& e, const St& st) {
         return e.kind != v.word(kReject) || (st.state.secured == s.secured && st.state.ksi == s.ksi &&
                                              st.state.eea == s.eea && st.state.eia == s.eia);
       }},
  };
}

}  // namespace secmode::spec::eps_nas_smc_mme
