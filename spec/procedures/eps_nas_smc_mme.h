// EPS NAS security mode control, MME side: TS 24.301 5.4.3.2 (initiation), 5.4.3.4
// (completion), 5.4.3.5 (REJECT received), 5.4.3.7 b (T3460) and 4.4.4.3 (integrity
// checking in the MME).
//
// Crypto is abstract as on the UE side (eps_nas_smc_ue.h): keys are identities and a message
// names the key that protected it.
#pragma once

#include <string>
#include <vector>

#include "spec/rules/concrete.h"
#include "spec/rules/fields.h"
#include "spec/rules/machine.h"
#include "spec/rules/monitor.h"
#include "spec/rules/procedure.h"

namespace secmode::spec::eps_nas_smc_mme {

// Event kinds.
inline constexpr std::uint32_t kAka = 0;             // EPS AKA completed: a new K_ASME (key) under eKSI ksi
inline constexpr std::uint32_t kReceiveInitial = 1;  // ATTACH / TAU REQUEST with the UE's capabilities
inline constexpr std::uint32_t kStart = 2;           // the MME decides to run an SMC (ksi, eea, eia)
inline constexpr std::uint32_t kT3460Expiry = 3;
inline constexpr std::uint32_t kComplete = 4;        // SECURITY MODE COMPLETE received
inline constexpr std::uint32_t kReject = 5;          // SECURITY MODE REJECT received

// What the MME sends or does.
inline constexpr std::uint32_t kNothing = 0;
inline constexpr std::uint32_t kSendSmc = 1;
inline constexpr std::uint32_t kAbort = 2;  // the SMC (and the procedure that triggered it) is aborted

inline constexpr std::uint32_t kMaxRetransmissions = 4;  // 5.4.3.7 b: "repeated four times"
inline constexpr std::uint32_t kNoKsi = 7;
inline constexpr std::uint32_t kNoKey = 0;

template <class V>
struct State {
  typename V::Bool secured;            // secure exchange of NAS messages established
  typename V::Word ksi, key, eea, eia;  // the current EPS security context
  typename V::Word ul_count;           // lowest uplink NAS COUNT not yet accepted (4.4.3.2)
  typename V::Bool pending;            // an SMC is outstanding (T3460 running)
  typename V::Word retransmissions;    // of the outstanding SMC
  typename V::Word new_ksi, new_key, new_eea, new_eia;  // the context the outstanding SMC takes into use
  typename V::Word new_dl_count;       // its next downlink NAS COUNT
  typename V::Word new_ul_count;       // its lowest uplink NAS COUNT not yet accepted
  typename V::Bool fresh;              // a context from EPS AKA not yet taken into use ...
  typename V::Word fresh_ksi, fresh_key;
  typename V::Word dl_count;           // next downlink NAS COUNT of the current context
  typename V::Word ue_caps;            // UE security capability as received from the UE
  typename V::Bool emergency;          // attach for emergency bearer services / RLOS without a shared context

  static auto fields() {
    return std::tuple{field("secured", &State::secured), field("ksi", &State::ksi), field("key", &State::key),
                      field("eea", &State::eea), field("eia", &State::eia), field("ul_count", &State::ul_count),
                      field("pending", &State::pending), field("retransmissions", &State::retransmissions),
                      field("new_ksi", &State::new_ksi), field("new_key", &State::new_key),
                      field("new_eea", &State::new_eea), field("new_eia", &State::new_eia),
                      field("new_dl_count", &State::new_dl_count), field("new_ul_count", &State::new_ul_count),
                      field("fresh", &State::fresh), field("fresh_ksi", &State::fresh_ksi),
                      field("fresh_key", &State::fresh_key), field("dl_count", &State::dl_count),
                      field("ue_caps", &State::ue_caps), field("emergency", &State::emergency)};
  }
};

template <class V>
struct Event {
  typename V::Word kind;
  typename V::Word ksi, key;       // kAka: the new context; kComplete: the key that protected it
  typename V::Word eea, eia;       // kStart: algorithms to select; kComplete: those that protected it
  typename V::Word count;          // kComplete: uplink NAS COUNT
  typename V::Word caps;           // kReceiveInitial: the UE security capability received
  typename V::Bool emergency;      // kReceiveInitial: for emergency bearer services, no shared context

  static auto fields() {
    return std::tuple{field("kind", &Event::kind), field("ksi", &Event::ksi), field("key", &Event::key),
                      field("eea", &Event::eea), field("eia", &Event::eia), field("count", &Event::count),
                      field("caps", &Event::caps), field("emergency", &Event::emergency)};
  }
};

template <class V>
struct Output {
  typename V::Word action;         // kNothing, kSendSmc, kAbort
  typename V::Word replayed_caps;  // in a SECURITY MODE COMMAND
  typename V::Word ksi, key, eea, eia, count;  // in a SECURITY MODE COMMAND: context, MAC key, DL COUNT

  static auto fields() {
    return std::tuple{field("action", &Output::action), field("replayed_caps", &Output::replayed_caps),
                      field("ksi", &Output::ksi), field("key", &Output::key), field("eea", &Output::eea),
                      field("eia", &Output::eia), field("count", &Output::count)};
  }
  static Output none(const V& v) {
    return {v.word(kNothing), v.word(0), v.word(kNoKsi), v.word(kNoKey), v.word(0), v.word(0), v.word(0)};
  }
};

template <class V>
using Rules = std::vector<Rule<V, State<V>, Event<V>, Output<V>>>;
template <class V>
using Monitors = std::vector<Monitor<V, State<V>, Event<V>, Output<V>>>;

template <class V>
State<V> initial(const V& v) {
  return {v.lit(false), v.word(kNoKsi), v.word(kNoKey), v.word(0), v.word(0), v.word(0), v.lit(false), v.word(0),
          v.word(kNoKsi), v.word(kNoKey), v.word(0), v.word(0), v.word(0), v.word(0), v.lit(false), v.word(kNoKsi),
          v.word(kNoKey), v.word(0), v.word(0), v.lit(false)};
}

template <class V>
typename V::Bool takes_fresh_context(const V&, const State<V>& s, const Event<V>& e) {
  return s.fresh && e.ksi == s.fresh_ksi;
}

// 5.4.3.2: the MME can name a context it holds: the one from AKA, the current one, or (EIA0,
// emergency) a null context.
template <class V>
typename V::Bool holds_context(const V& v, const State<V>& s, const Event<V>& e) {
  return takes_fresh_context(v, s, e) || (s.secured && e.ksi == s.ksi) || e.eia == v.word(0);
}

// 4.4.4.3 and 4.4.3.4: the COMPLETE verifies and deciphers only with the new context's key and
// algorithms (K_NASint and K_NASenc are derived with them).
template <class V>
typename V::Bool complete_verifies(const V& v, const State<V>& s, const Event<V>& e) {
  return e.key == s.new_key && e.eea == s.new_eea && e.eia == s.new_eia &&
         (e.key != v.word(kNoKey) || s.new_eia == v.word(0));
}

// 4.4.3.2, as on the UE side; not applicable with EIA0.
template <class V>
typename V::Bool complete_replayed(const V& v, const State<V>& s, const Event<V>& e) {
  return s.new_eia != v.word(0) && v.ult(e.count, s.new_ul_count);
}

// 5.4.3.2: the command replays the capabilities received from the UE and names the new context.
template <class V>
Output<V> command(const V& v, const State<V>& s) {
  return {v.word(kSendSmc), s.ue_caps, s.new_ksi, s.new_key, s.new_eea, s.new_eia, s.new_dl_count};
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
  // The SMC being started: its context, and its NAS COUNTs (5.4.3.2: reset for a fresh context).
  auto started = [](const V& v, const S& s, const E& e) {
    const auto fresh = takes_fresh_context(v, s, e);
    S n = s;
    n.new_ksi = e.ksi;
    n.new_key = v.ite(fresh, s.fresh_key, v.ite(e.eia == v.word(0), v.word(kNoKey), s.key));
    n.new_eea = e.eea;
    n.new_eia = e.eia;
    n.new_dl_count = v.ite(fresh, v.word(0), s.dl_count);
    n.new_ul_count = v.ite(fresh, v.word(0), s.ul_count);
    return n;
  };
  return {
      {"aka", "TS 24.301 5.4.2.4, TS 33.401 6.1.1",
       [](const V& v, const S&, const E& e) {
         return e.kind == v.word(kAka) && e.key != v.word(kNoKey) && v.ult(e.ksi, v.word(kNoKsi));
       },
       [](const V& v, const S& s, const E& e) {
         S n = s;
         n.fresh = v.lit(true);
         n.fresh_ksi = e.ksi;
         n.fresh_key = e.key;
         return n;
       },
       silent},
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
         // TS 24.301 9.9.3.23: algorithm identities are 3 bits.
         return e.kind == v.word(kStart) && !s.pending && (e.eia != v.word(0) || s.emergency) &&
                holds_context(v, s, e) && v.ult(e.eea, v.word(8)) && v.ult(e.eia, v.word(8));
       },
       [started](const V& v, const S& s, const E& e) {
         S n = started(v, s, e);
         n.pending = v.lit(true);
         n.retransmissions = v.word(0);
         n.new_dl_count = n.new_dl_count + v.word(1);  // 4.4.3.1: the sender increments
         return n;
       },
       [started](const V& v, const S& s, const E& e) { return command(v, started(v, s, e)); }},
      {"t3460_retransmit", "TS 24.301 5.4.3.7 b, 4.4.3.1",
       [](const V& v, const S& s, const E& e) {
         return e.kind == v.word(kT3460Expiry) && s.pending && v.ult(s.retransmissions, v.word(kMaxRetransmissions));
       },
       [](const V& v, const S& s, const E&) {
         S n = s;
         n.retransmissions = s.retransmissions + v.word(1);
         n.new_dl_count = s.new_dl_count + v.word(1);
         return n;
       },
       [](const V& v, const S& s, const E&) { return command(v, s); }},
      {"t3460_abort", "TS 24.301 5.4.3.7 b (fifth expiry)",
       [](const V& v, const S& s, const E& e) { return e.kind == v.word(kT3460Expiry) && s.pending; }, stop_t3460,
       aborted},
      // 4.4.3.2: a COMPLETE whose NAS COUNT was already accepted is dropped.
      {"discard_replayed_complete", "TS 24.301 4.4.3.2",
       [](const V& v, const S& s, const E& e) {
         return e.kind == v.word(kComplete) && s.pending && complete_verifies(v, s, e) && complete_replayed(v, s, e);
       },
       [](const V&, const S& s, const E&) { return s; }, silent},
      {"complete", "TS 24.301 5.4.3.4",
       [](const V& v, const S& s, const E& e) {
         return e.kind == v.word(kComplete) && s.pending && complete_verifies(v, s, e);
       },
       [](const V& v, const S& s, const E& e) {
         S n = s;
         n.pending = v.lit(false);
         n.secured = v.lit(true);
         n.fresh = s.fresh && !(s.new_key == s.fresh_key);
         n.ksi = s.new_ksi;
         n.key = s.new_key;
         n.eea = s.new_eea;
         n.eia = s.new_eia;
         n.dl_count = s.new_dl_count;
         n.ul_count = e.count + v.word(1);
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
  auto sends = [](const V& v, const St& st) { return st.output.action == v.word(kSendSmc); };
  return {
      {"capabilities_recorded_for_replay", "TS 24.301 5.4.3.2",
       "the capabilities of the latest ATTACH / TAU REQUEST are the ones every later command replays",
       [](const V& v, const S&, const E& e, const St& st) {
         return e.kind != v.word(kReceiveInitial) || st.state.ue_caps == e.caps;
       }},
      {"eia0_only_for_emergency", "TS 24.301 5.4.3.2, 4.4.4.1",
       "a SECURITY MODE COMMAND, first or retransmitted, selects EIA0 only for emergency bearer services or RLOS",
       [sends](const V& v, const S& s, const E&, const St& st) {
         return !sends(v, st) || st.output.eia != v.word(0) || s.emergency;
       }},
      {"at_most_four_retransmissions", "TS 24.301 5.4.3.7 b",
       "the SECURITY MODE COMMAND is retransmitted at most four times",
       [](const V& v, const S&, const E&, const St& st) {
         return v.ule(st.state.retransmissions, v.word(kMaxRetransmissions));
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
         const auto changed = st.state.secured != s.secured || st.state.ksi != s.ksi || st.state.key != s.key ||
                              st.state.eia != s.eia || st.state.eea != s.eea;
         return !changed || (e.kind == v.word(kComplete) && s.pending && complete_verifies(v, s, e));
       }},
      {"no_replayed_complete_accepted", "TS 24.301 4.4.3.2",
       "the MME accepts an uplink NAS COUNT of a context at most once",
       [](const V& v, const S& s, const E& e, const St& st) {
         return !(e.kind == v.word(kComplete) && s.pending && !st.state.pending) || !complete_replayed(v, s, e);
       }},
      {"reject_keeps_context_in_use", "TS 24.301 5.4.3.5",
       "on SECURITY MODE REJECT the MME keeps the context in use before the procedure",
       [](const V& v, const S& s, const E& e, const St& st) {
         return e.kind != v.word(kReject) || (st.state.secured == s.secured && st.state.ksi == s.ksi &&
                                              st.state.key == s.key && st.state.eea == s.eea && st.state.eia == s.eia);
       }},
      // Stated as "+1", the clause's words, not as "greater": wrap-around (4.4.3.5) is not
      // modelled yet, and a 32-bit counter does wrap.
      {"downlink_count_advances_per_command", "TS 24.301 4.4.3.1, 5.4.3.2",
       "after each SECURITY MODE COMMAND, first or retransmitted, the MME increases the downlink NAS COUNT by one",
       [sends](const V& v, const S&, const E&, const St& st) {
         return !sends(v, st) || st.state.new_dl_count == st.output.count + v.word(1);
       }},
  };
}

inline std::vector<Mutation> mutations() {
  using K = Mutation::Kind;
  return {{K::drop_rule, "receive_initial_request"}, {K::force_rule, "start"},
          {K::force_rule, "t3460_retransmit"},        {K::drop_rule, "t3460_abort"},
          {K::force_rule, "complete"},               {K::drop_rule, "discard_replayed_complete"},
          {K::borrow_next, "reject", "complete"},     {K::borrow_next, "t3460_retransmit", "t3460_abort"}};
}

// One line for a step of a trace; rule names come from the table as `m` mutates it when the
// party is named `party` (see mutate()).
std::string describe(const State<Concrete>& s, const Event<Concrete>& e,
                     const Step<Concrete, State<Concrete>, Output<Concrete>>& st, const Mutation* m,
                     std::string_view party = {});

}  // namespace secmode::spec::eps_nas_smc_mme

namespace secmode::spec {

struct EpsNasSmcMme : Procedure<EpsNasSmcMme> {
  static constexpr std::string_view name = "eps_nas_smc_mme";
  template <class V> using State = eps_nas_smc_mme::State<V>;
  template <class V> using Event = eps_nas_smc_mme::Event<V>;
  template <class V> using Output = eps_nas_smc_mme::Output<V>;
  template <class V> static auto table() { return eps_nas_smc_mme::rules<V>(); }
  template <class V> static auto monitors() { return eps_nas_smc_mme::monitors<V>(); }
  template <class V> static auto initial(const V& v) { return eps_nas_smc_mme::initial(v); }
  static auto mutations() { return eps_nas_smc_mme::mutations(); }
  static constexpr auto describe_line = &eps_nas_smc_mme::describe;
};

}  // namespace secmode::spec
