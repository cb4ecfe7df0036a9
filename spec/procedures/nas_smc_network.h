// NAS security mode control, network side (MME for EPS, AMF for 5GS; nas_smc_rat.h): TS 24.301
// 5.4.3.2 / TS 24.501 5.4.2.2 (initiation), 5.4.3.4 / 5.4.2.4 (completion), 5.4.3.5 / 5.4.2.5
// (REJECT received), 5.4.3.7 / 5.4.2.7 (T3460 / T3560, collisions) and 4.4.4.3 (integrity
// checking in the network).
//
// Crypto is abstract as on the UE side (nas_smc_ue.h): keys are identities and a message
// names the key that protected it.
#pragma once

#include <string>
#include <vector>

#include "spec/procedures/nas_smc_rat.h"
#include "spec/rules/concrete.h"
#include "spec/rules/fields.h"
#include "spec/rules/machine.h"
#include "spec/rules/monitor.h"
#include "spec/rules/procedure.h"

namespace secmode::spec::nas_smc_network {

// Event kinds.
inline constexpr std::uint32_t kAka = nas_smc::kAkaEvent;  // AKA completed: a new K_ASME / K_AMF (key) under ksi
inline constexpr std::uint32_t kReceiveInitial = 1;  // ATTACH / TAU or REGISTRATION / SERVICE REQUEST
inline constexpr std::uint32_t kStart = 2;           // the network decides to run an SMC (ksi, eea, eia)
inline constexpr std::uint32_t kTimerExpiry = 3;     // T3460 / T3560
inline constexpr std::uint32_t kComplete = 4;        // SECURITY MODE COMPLETE received
inline constexpr std::uint32_t kReject = 5;          // SECURITY MODE REJECT received

// What the network sends or does.
inline constexpr std::uint32_t kNothing = 0;
inline constexpr std::uint32_t kSendSmc = 1;
inline constexpr std::uint32_t kAbort = 2;  // the SMC (and the procedure that triggered it) is aborted

inline constexpr std::uint32_t kMaxRetransmissions = 4;  // 5.4.3.7 b / 5.4.2.7 b: "repeated four times"
inline constexpr std::uint32_t kNoKsi = 7;
inline constexpr std::uint32_t kNoKey = 0;

template <class V>
struct State {
  typename V::Bool secured;            // secure exchange of NAS messages established
  typename V::Word ksi, key, eea, eia;  // the current security context
  typename V::Word ul_count;           // lowest uplink NAS COUNT not yet accepted (4.4.3.2)
  typename V::Bool pending;            // an SMC is outstanding (T3460 / T3560 running)
  typename V::Word retransmissions;    // of the outstanding SMC
  typename V::Word new_ksi, new_key, new_eea, new_eia;  // the context the outstanding SMC takes into use
  typename V::Word new_dl_count;       // its next downlink NAS COUNT
  typename V::Word new_ul_count;       // its lowest uplink NAS COUNT not yet accepted
  typename V::Bool new_derived;        // 5GS: its K_AMF is K'_AMF, the command carries K_AMF_change_flag
  typename V::Bool fresh;              // a context from AKA not yet taken into use ...
  typename V::Word fresh_ksi, fresh_key;
  typename V::Word dl_count;           // next downlink NAS COUNT of the current context
  typename V::Word ue_caps;            // UE security capability as received from the UE
  typename V::Bool emergency;          // emergency services without a shared context
  typename V::Bool initial_verified;   // the latest initial request passed the integrity check (5.4.2.2)
  typename V::Bool request_received;   // an initial request brought the UE's capabilities to replay

  static auto fields() {
    return std::tuple{field("secured", &State::secured), field("ksi", &State::ksi), field("key", &State::key),
                      field("eea", &State::eea), field("eia", &State::eia), field("ul_count", &State::ul_count),
                      field("pending", &State::pending), field("retransmissions", &State::retransmissions),
                      field("new_ksi", &State::new_ksi), field("new_key", &State::new_key),
                      field("new_eea", &State::new_eea), field("new_eia", &State::new_eia),
                      field("new_dl_count", &State::new_dl_count), field("new_ul_count", &State::new_ul_count),
                      field("new_derived", &State::new_derived), field("fresh", &State::fresh),
                      field("fresh_ksi", &State::fresh_ksi), field("fresh_key", &State::fresh_key),
                      field("dl_count", &State::dl_count), field("ue_caps", &State::ue_caps),
                      field("emergency", &State::emergency), field("initial_verified", &State::initial_verified),
                      field("request_received", &State::request_received)};
  }
};

template <class V>
struct Event {
  typename V::Word kind;
  typename V::Word ksi, key;       // kAka: the new context; kComplete: the key that protected it
  typename V::Word eea, eia;       // kStart: algorithms to select; kComplete: those that protected it
  typename V::Word count;          // kComplete: uplink NAS COUNT
  typename V::Word caps;           // kReceiveInitial: the UE security capability received
  typename V::Bool emergency;      // kReceiveInitial: for emergency services, no shared context
  typename V::Bool verified;       // kReceiveInitial: it passed the integrity check (with its COUNT not yet
                                   // accepted) and deciphered
  typename V::Bool horizontal;     // kStart, 5GS: derive K'_AMF from the current K_AMF

  static auto fields() {
    return std::tuple{field("kind", &Event::kind),         field("ksi", &Event::ksi),
                      field("key", &Event::key),           field("eea", &Event::eea),
                      field("eia", &Event::eia),           field("count", &Event::count),
                      field("caps", &Event::caps),         field("emergency", &Event::emergency),
                      field("verified", &Event::verified), field("horizontal", &Event::horizontal)};
  }
};

template <class V>
struct Output {
  typename V::Word action;         // kNothing, kSendSmc, kAbort
  typename V::Word replayed_caps;  // in a SECURITY MODE COMMAND
  typename V::Word ksi, key, eea, eia, count;  // in a SECURITY MODE COMMAND: context, MAC key, DL COUNT
  typename V::Bool horizontal;     // 5GS: K_AMF_change_flag
  typename V::Bool rinmr;          // 5GS: retransmission of the initial NAS message requested

  static auto fields() {
    return std::tuple{field("action", &Output::action), field("replayed_caps", &Output::replayed_caps),
                      field("ksi", &Output::ksi),       field("key", &Output::key),
                      field("eea", &Output::eea),       field("eia", &Output::eia),
                      field("count", &Output::count),   field("horizontal", &Output::horizontal),
                      field("rinmr", &Output::rinmr)};
  }
  static Output none(const V& v) {
    return {v.word(kNothing), v.word(0), v.word(kNoKsi), v.word(kNoKey), v.word(0),
            v.word(0),        v.word(0), v.lit(false),   v.lit(false)};
  }
};

template <class V>
using Rules = std::vector<Rule<V, State<V>, Event<V>, Output<V>>>;
template <class V>
using Monitors = std::vector<Monitor<V, State<V>, Event<V>, Output<V>>>;

template <class V>
State<V> initial(const V& v) {
  return {v.lit(false), v.word(kNoKsi), v.word(kNoKey), v.word(0),      v.word(0),      v.word(0),
          v.lit(false), v.word(0),      v.word(kNoKsi), v.word(kNoKey), v.word(0),      v.word(0),
          v.word(0),    v.word(0),      v.lit(false),   v.lit(false),   v.word(kNoKsi), v.word(kNoKey),
          v.word(0),    v.word(0),      v.lit(false),   v.lit(true),    v.lit(false)};
}

using nas_smc::takes_fresh_context;  // the SMC takes the context from the latest AKA into use

// 5GS: K'_AMF is derived from the current K_AMF (TS 33.501 6.9.3, A.13); never in EPS.
template <class Rat, class V>
typename V::Bool derives(const V& v, const State<V>& s, const Event<V>& e) {
  return v.lit(Rat::horizontal_derivation) && e.horizontal && s.secured && e.ksi == s.ksi &&
         s.key != v.word(kNoKey) && !takes_fresh_context(v, s, e);
}

// 5.4.3.2 / 5.4.2.2: the network can name a context it holds: the one from AKA, the current
// one, or (null integrity, emergency) a null context. A current context without a key (the null
// context an emergency SMC left) has no K_NASint for a non-null algorithm, nor a key to derive
// K'_AMF from.
template <class V>
typename V::Bool holds_context(const V& v, const State<V>& s, const Event<V>& e) {
  return takes_fresh_context(v, s, e) || (s.secured && e.ksi == s.ksi && s.key != v.word(kNoKey)) ||
         e.eia == v.word(0);
}

// 4.4.4.3 and 4.4.3.4: the COMPLETE verifies and deciphers only with the new context's key and
// algorithms (K_NASint and K_NASenc are derived with them).
template <class V>
typename V::Bool complete_verifies(const V& v, const State<V>& s, const Event<V>& e) {
  return e.key == s.new_key && e.eea == s.new_eea && e.eia == s.new_eia &&
         (e.key != v.word(kNoKey) || s.new_eia == v.word(0));
}

// 4.4.3.2, as on the UE side; not applicable with null integrity.
template <class V>
typename V::Bool complete_replayed(const V& v, const State<V>& s, const Event<V>& e) {
  return s.new_eia != v.word(0) && v.ult(e.count, s.new_ul_count);
}

// 5.4.3.2 / 5.4.2.2: the command replays the capabilities received from the UE and names the
// new context; in 5GS it asks for the initial message again when that one failed the
// integrity check or could not be deciphered (RINMR).
template <class Rat, class V>
Output<V> command(const V& v, const State<V>& s) {
  return {v.word(kSendSmc), s.ue_caps,      s.new_ksi,     s.new_key,
          s.new_eea,        s.new_eia,      s.new_dl_count, s.new_derived,
          v.lit(Rat::initial_message_container) && !s.initial_verified};
}

template <class Rat, class V>
Rules<V> rules() {
  using S = State<V>;
  using E = Event<V>;
  constexpr const nas_smc::Clauses& c = Rat::clauses;
  auto silent = [](const V& v, const S&, const E&) { return Output<V>::none(v); };
  auto aborted = [](const V& v, const S&, const E&) {
    Output<V> o = Output<V>::none(v);
    o.action = v.word(kAbort);
    return o;
  };
  auto stop_timer = [](const V& v, const S& s, const E&) {
    S n = s;
    n.pending = v.lit(false);
    return n;
  };
  // The SMC being started: its context, and its NAS COUNTs (reset for a fresh context, 5.4.3.2 /
  // 5.4.2.2, and for K'_AMF, TS 33.501 6.7.2 2b).
  auto started = [](const V& v, const S& s, const E& e) {
    const auto fresh = takes_fresh_context(v, s, e);
    const auto derived = derives<Rat>(v, s, e);
    const auto reset = fresh || derived;
    S n = s;
    n.new_ksi = e.ksi;
    n.new_key = v.ite(fresh, s.fresh_key,
                      v.ite(derived, nas_smc::derived_key(v, s.key), v.ite(e.eia == v.word(0), v.word(kNoKey), s.key)));
    n.new_eea = e.eea;
    n.new_eia = e.eia;
    n.new_derived = derived;
    n.new_dl_count = v.ite(reset, v.word(0), s.dl_count);
    n.new_ul_count = v.ite(reset, v.word(0), s.ul_count);
    return n;
  };
  return {
      {"aka", c.r_net_aka, nas_smc::aka_completes<V, S, E>, nas_smc::after_aka<V, S, E>, silent},
      // 5.4.3.7 c / 5.4.2.7 c: an initial request colliding with an outstanding SMC aborts the
      // SMC and the network proceeds with the UE-initiated procedure.
      {"receive_initial_request", c.r_receive_initial,
       [](const V& v, const S&, const E& e) { return e.kind == v.word(kReceiveInitial); },
       [](const V& v, const S& s, const E& e) {
         S n = s;
         n.ue_caps = e.caps;
         n.emergency = e.emergency;
         n.initial_verified = e.verified;
         n.request_received = v.lit(true);
         // An integrity-checked request's uplink NAS COUNT is accepted (4.4.3.2); the request is
         // processed even when it fails the check (4.4.4.3), but its COUNT then counts for nothing.
         n.ul_count = v.ite(e.verified, e.count + v.word(1), s.ul_count);
         n.pending = v.lit(false);
         return n;
       },
       [](const V& v, const S& s, const E&) {
         Output<V> o = Output<V>::none(v);
         o.action = v.ite(s.pending, v.word(kAbort), v.word(kNothing));
         return o;
       }},
      // 5.4.3.2 / 5.4.2.2: null integrity (with null ciphering and KSI "000") only for
      // emergency services without a shared context; otherwise no such command is started. The
      // command replays the capabilities the UE sent, so it needs an initial request first.
      {"start", c.r_start,
       [](const V& v, const S& s, const E& e) {
         // Algorithm identities are 3 bits (TS 24.301 9.9.3.23, TS 24.501 9.11.3.34).
         return e.kind == v.word(kStart) && s.request_received && !s.pending &&
                (e.eia != v.word(0) || s.emergency) && holds_context(v, s, e) && v.ult(e.eea, v.word(8)) &&
                v.ult(e.eia, v.word(8));
       },
       [started](const V& v, const S& s, const E& e) {
         S n = started(v, s, e);
         n.pending = v.lit(true);
         n.retransmissions = v.word(0);
         n.new_dl_count = n.new_dl_count + v.word(1);  // 4.4.3.1: the sender increments
         return n;
       },
       [started](const V& v, const S& s, const E& e) { return command<Rat>(v, started(v, s, e)); }},
      {"timer_retransmit", c.r_retransmit,
       [](const V& v, const S& s, const E& e) {
         return e.kind == v.word(kTimerExpiry) && s.pending && v.ult(s.retransmissions, v.word(kMaxRetransmissions));
       },
       [](const V& v, const S& s, const E&) {
         S n = s;
         n.retransmissions = s.retransmissions + v.word(1);
         n.new_dl_count = s.new_dl_count + v.word(1);
         return n;
       },
       [](const V& v, const S& s, const E&) { return command<Rat>(v, s); }},
      {"timer_abort", c.r_abort,
       [](const V& v, const S& s, const E& e) { return e.kind == v.word(kTimerExpiry) && s.pending; }, stop_timer,
       aborted},
      // 4.4.3.2: a COMPLETE whose NAS COUNT was already accepted is dropped.
      {"discard_replayed_complete", c.r_discard_replayed_complete,
       [](const V& v, const S& s, const E& e) {
         return e.kind == v.word(kComplete) && s.pending && complete_verifies(v, s, e) && complete_replayed(v, s, e);
       },
       [](const V&, const S& s, const E&) { return s; }, silent},
      {"complete", c.r_complete,
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
      {"reject", c.r_reject,
       [](const V& v, const S& s, const E& e) { return e.kind == v.word(kReject) && s.pending; }, stop_timer,
       aborted},
  };
}

template <class Rat, class V>
Monitors<V> monitors() {
  using S = State<V>;
  using E = Event<V>;
  using St = Step<V, S, Output<V>>;
  constexpr const nas_smc::Clauses& c = Rat::clauses;
  auto sends = [](const V& v, const St& st) { return st.output.action == v.word(kSendSmc); };
  Monitors<V> table{
      {"capabilities_recorded_for_replay", c.m_capabilities_recorded,
       "the capabilities of the latest initial request are the ones every later command replays",
       [](const V& v, const S&, const E& e, const St& st) {
         return e.kind != v.word(kReceiveInitial) || st.state.ue_caps == e.caps;
       }},
      {"null_integrity_only_for_emergency", c.m_null_integrity_network,
       "a SECURITY MODE COMMAND, first or retransmitted, selects null integrity only for emergency services",
       [sends](const V& v, const S& s, const E&, const St& st) {
         return !sends(v, st) || st.output.eia != v.word(0) || s.emergency;
       }},
      {"at_most_four_retransmissions", c.m_at_most_four,
       "the SECURITY MODE COMMAND is retransmitted at most four times",
       [](const V& v, const S&, const E&, const St& st) {
         return v.ule(st.state.retransmissions, v.word(kMaxRetransmissions));
       }},
      {"abort_on_fifth_expiry", c.m_abort_on_fifth, "on the fifth expiry of the timer the procedure is aborted",
       [](const V& v, const S& s, const E& e, const St& st) {
         return !(e.kind == v.word(kTimerExpiry) && s.pending && s.retransmissions == v.word(kMaxRetransmissions)) ||
                (st.output.action == v.word(kAbort) && !st.state.pending);
       }},
      {"context_only_from_verified_complete", c.m_context_from_complete,
       "the network takes a new context into use only on an integrity-checked SECURITY MODE COMPLETE",
       [](const V& v, const S& s, const E& e, const St& st) {
         const auto changed = st.state.secured != s.secured || st.state.ksi != s.ksi || st.state.key != s.key ||
                              st.state.eia != s.eia || st.state.eea != s.eea;
         return !changed || (e.kind == v.word(kComplete) && s.pending && complete_verifies(v, s, e));
       }},
      {"no_replayed_complete_accepted", c.m_no_replayed_complete,
       "the network accepts an uplink NAS COUNT of a context at most once",
       [](const V& v, const S& s, const E& e, const St& st) {
         return !(e.kind == v.word(kComplete) && s.pending && !st.state.pending) || !complete_replayed(v, s, e);
       }},
      {"reject_keeps_context_in_use", c.m_network_reject_keeps_context,
       "on SECURITY MODE REJECT the network keeps the context in use before the procedure",
       [](const V& v, const S& s, const E& e, const St& st) {
         return e.kind != v.word(kReject) || (st.state.secured == s.secured && st.state.ksi == s.ksi &&
                                              st.state.key == s.key && st.state.eea == s.eea && st.state.eia == s.eia);
       }},
      // Stated as "+1", the clause's words, not as "greater": wrap-around (4.4.3.5) is not
      // modelled yet, and a 32-bit counter does wrap.
      {"downlink_count_advances_per_command", c.m_count_advances,
       "after each SECURITY MODE COMMAND, first or retransmitted, the network increases the downlink NAS COUNT by one",
       [sends](const V& v, const S&, const E&, const St& st) {
         return !sends(v, st) || st.state.new_dl_count == st.output.count + v.word(1);
       }},
  };
  if constexpr (Rat::initial_message_container)
    table.push_back({"retransmission_requested_when_unverified", c.m_retransmission_requested,
                     "a SECURITY MODE COMMAND sent while the initial request failed the integrity check asks for "
                     "it again (RINMR)",
                     [sends](const V& v, const S& s, const E&, const St& st) {
                       return !sends(v, st) || s.initial_verified || st.output.rinmr;
                     }});
  if constexpr (Rat::horizontal_derivation)
    table.push_back({"derivation_announced_with_count_zero", c.m_derivation_in_command,
                     "a first SECURITY MODE COMMAND with a K'_AMF carries K_AMF_change_flag, is protected with K'_AMF "
                     "derived from the current K_AMF and starts at downlink NAS COUNT 0",
                     [](const V& v, const S& s, const E& e, const St& st) {
                       return !(e.kind == v.word(kStart) && st.output.action == v.word(kSendSmc) &&
                                st.state.new_derived) ||
                              (st.output.horizontal && st.output.key == nas_smc::derived_key(v, s.key) &&
                               st.output.count == v.word(0));
                     }});
  return table;
}

template <class Rat>
std::vector<Mutation> mutations() {
  using K = Mutation::Kind;
  return {{K::drop_rule, "receive_initial_request"}, {K::force_rule, "start"},
          {K::force_rule, "timer_retransmit"},        {K::drop_rule, "timer_abort"},
          {K::force_rule, "complete"},               {K::drop_rule, "discard_replayed_complete"},
          {K::borrow_next, "reject", "complete"},     {K::borrow_next, "timer_retransmit", "timer_abort"}};
}

// One line for a step of a trace; rule names come from the table as `m` mutates it when the
// party is named `party` (see mutate()).
template <class Rat>
std::string describe(const State<Concrete>& s, const Event<Concrete>& e,
                     const Step<Concrete, State<Concrete>, Output<Concrete>>& st, const Mutation* m,
                     std::string_view party = {});

}  // namespace secmode::spec::nas_smc_network

namespace secmode::spec {

template <class Rat>
struct NasSmcNetwork : Procedure<NasSmcNetwork<Rat>> {
  static constexpr std::string_view name = Rat::network_procedure;
  template <class V> using State = nas_smc_network::State<V>;
  template <class V> using Event = nas_smc_network::Event<V>;
  template <class V> using Output = nas_smc_network::Output<V>;
  template <class V> static auto table() { return nas_smc_network::rules<Rat, V>(); }
  template <class V> static auto monitors() { return nas_smc_network::monitors<Rat, V>(); }
  template <class V> static auto initial(const V& v) { return nas_smc_network::initial(v); }
  static auto mutations() { return nas_smc_network::mutations<Rat>(); }
  static constexpr auto describe_line = &nas_smc_network::describe<Rat>;
};

using EpsNasSmcMme = NasSmcNetwork<nas_smc::Eps>;
using FivegsNasSmcAmf = NasSmcNetwork<nas_smc::Fivegs>;

}  // namespace secmode::spec
