// EPS NAS security mode control, UE side: TS 24.301 5.4.3.3 (accepted by the UE), 5.4.3.5
// (not accepted), 4.4.3 (NAS COUNT, replay protection), 4.4.4.2 (integrity checking in the
// UE) and 4.4.4.1 (EIA0).
//
// Crypto is abstract: a key is an identity (a number), a message says which key protected it,
// and a MAC verifies when that key is the one the UE holds for the eKSI the message names.
// The oracle maps real keys and MACs onto these identities; what this machine decides is what
// the standard says the UE must do with them.
#pragma once

#include <string>
#include <vector>

#include "spec/rules/concrete.h"
#include "spec/rules/fields.h"
#include "spec/rules/machine.h"
#include "spec/rules/monitor.h"
#include "spec/rules/procedure.h"

namespace secmode::spec::eps_nas_smc_ue {

// Event kinds.
inline constexpr std::uint32_t kAka = 0;          // EPS AKA completed: a new K_ASME (key) under eKSI ksi
inline constexpr std::uint32_t kSendInitial = 1;  // UE sends ATTACH / TAU REQUEST with its capabilities
inline constexpr std::uint32_t kSmc = 2;          // SECURITY MODE COMMAND received

// Responses.
inline constexpr std::uint32_t kNone = 0;
inline constexpr std::uint32_t kComplete = 1;  // SECURITY MODE COMPLETE
inline constexpr std::uint32_t kReject = 2;    // SECURITY MODE REJECT

// EMM causes, TS 24.301 9.9.3.9.
inline constexpr std::uint32_t kCauseCapabilitiesMismatch = 23;
inline constexpr std::uint32_t kCauseUnspecified = 24;

inline constexpr std::uint32_t kNoKsi = 7;  // TS 24.301 9.9.3.21: "no key is available"
inline constexpr std::uint32_t kNoKey = 0;  // key identity of "no key": unprotected, or forged by an attacker

template <class V>
struct State {
  typename V::Bool secured;   // secure exchange of NAS messages established (4.4.4.2)
  typename V::Word ksi, key;  // eKSI and K_ASME of the current EPS security context
  typename V::Word eea, eia;  // its NAS algorithms
  typename V::Word ul_count;  // next uplink NAS COUNT of the current context (4.4.3.1)
  typename V::Word dl_count;  // lowest downlink NAS COUNT not yet accepted (4.4.3.2)
  typename V::Bool fresh;     // a context from EPS AKA not yet taken into use ...
  typename V::Word fresh_ksi, fresh_key;  // ... its eKSI and K_ASME
  typename V::Word sent_caps;  // UE security capability as last sent (EEA|EIA|UEA|UIA octets)
  typename V::Bool sent_additional_present;
  typename V::Word sent_additional;  // UE additional security capability (5G algorithms) as last sent
  typename V::Bool emergency;        // PDN connection for emergency bearer services or RLOS (5.4.3.3)

  static auto fields() {
    return std::tuple{field("secured", &State::secured), field("ksi", &State::ksi), field("key", &State::key),
                      field("eea", &State::eea), field("eia", &State::eia), field("ul_count", &State::ul_count),
                      field("dl_count", &State::dl_count), field("fresh", &State::fresh),
                      field("fresh_ksi", &State::fresh_ksi), field("fresh_key", &State::fresh_key),
                      field("sent_caps", &State::sent_caps),
                      field("sent_additional_present", &State::sent_additional_present),
                      field("sent_additional", &State::sent_additional), field("emergency", &State::emergency)};
  }
};

template <class V>
struct Event {
  typename V::Word kind;
  typename V::Word ksi;            // kAka: eKSI of the new context; kSmc: eKSI
  typename V::Word key;            // kAka: the new K_ASME; kSmc: the key that computed the NAS-MAC
  typename V::Word eea, eia;       // kSmc: selected NAS algorithms
  typename V::Word count;          // kSmc: downlink NAS COUNT of the message
  typename V::Word caps;           // kSmc: replayed capabilities; kSendInitial: capabilities sent
  typename V::Bool additional_present;
  typename V::Word additional;     // replayed / sent UE additional security capability
  typename V::Bool nonce_ue_present;
  typename V::Bool nonce_ue_ok;    // replayed nonceUE equals the latest one the UE sent
  typename V::Bool emergency;      // kSendInitial: the request is for emergency bearer services

  static auto fields() {
    return std::tuple{field("kind", &Event::kind), field("ksi", &Event::ksi), field("key", &Event::key),
                      field("eea", &Event::eea), field("eia", &Event::eia), field("count", &Event::count),
                      field("caps", &Event::caps), field("additional_present", &Event::additional_present),
                      field("additional", &Event::additional), field("nonce_ue_present", &Event::nonce_ue_present),
                      field("nonce_ue_ok", &Event::nonce_ue_ok), field("emergency", &Event::emergency)};
  }
};

// The response and how it is protected: key kNoKey means unprotected.
template <class V>
struct Output {
  typename V::Word response;  // kNone, kComplete, kReject
  typename V::Word cause;     // EMM cause of a REJECT, else 0
  typename V::Word ksi, key, eea, eia, count;  // the context and uplink NAS COUNT protecting it
  typename V::Bool ciphered;

  static auto fields() {
    return std::tuple{field("response", &Output::response), field("cause", &Output::cause),
                      field("ksi", &Output::ksi), field("key", &Output::key), field("eea", &Output::eea),
                      field("eia", &Output::eia), field("count", &Output::count),
                      field("ciphered", &Output::ciphered)};
  }
  static Output none(const V& v) {
    return {v.word(kNone), v.word(0), v.word(kNoKsi), v.word(kNoKey), v.word(0), v.word(0), v.word(0), v.lit(false)};
  }
};

template <class V>
using Rules = std::vector<Rule<V, State<V>, Event<V>, Output<V>>>;
template <class V>
using Monitors = std::vector<Monitor<V, State<V>, Event<V>, Output<V>>>;

template <class V>
State<V> initial(const V& v) {
  return {v.lit(false), v.word(kNoKsi), v.word(kNoKey), v.word(0), v.word(0), v.word(0), v.word(0),
          v.lit(false), v.word(kNoKsi), v.word(kNoKey), v.word(0), v.lit(false), v.word(0), v.lit(false)};
}

// The SMC takes the context from the latest EPS AKA into use (5.4.3.3 a).
template <class V>
typename V::Bool takes_fresh_context(const V&, const State<V>& s, const Event<V>& e) {
  return s.fresh && e.ksi == s.fresh_ksi;
}

// The K_ASME of the context the command names: the fresh one from AKA, the current one, or
// none for the EIA0 null context.
template <class V>
typename V::Word commanded_key(const V& v, const State<V>& s, const Event<V>& e) {
  return v.ite(takes_fresh_context(v, s, e), s.fresh_key, v.ite(e.eia == v.word(0), v.word(kNoKey), s.key));
}

// 4.4.4.2: the NAS-MAC verifies with the K_ASME the UE holds for the eKSI of the message
// (and with the algorithm the message selects, which both ends derive K_NASint with). With
// EIA0 there is nothing to verify (4.4.3.3).
template <class V>
typename V::Bool mac_ok(const V& v, const State<V>& s, const Event<V>& e) {
  const auto held = v.ite(takes_fresh_context(v, s, e), s.fresh_key,
                          v.ite(s.secured && e.ksi == s.ksi, s.key, v.word(kNoKey)));
  return e.eia == v.word(0) || (e.key != v.word(kNoKey) && e.key == held);
}

// 4.4.3.2: for a given context a NAS COUNT is accepted at most once. A command for a fresh
// context starts its own count; one for the current context must be newer than any accepted.
template <class V>
typename V::Bool replayed(const V& v, const State<V>& s, const Event<V>& e) {
  return e.eia != v.word(0) && !takes_fresh_context(v, s, e) && v.ult(e.count, s.dl_count);
}

template <class V>
typename V::Bool capabilities_altered(const V&, const State<V>& s, const Event<V>& e) {
  // 5.4.3.3: "the received replayed UE security capabilities, the received replayed UE
  // additional security capabilities, if included ... have not been altered compared to the
  // latest values that the UE sent to the network".
  return e.caps != s.sent_caps ||
         (e.additional_present && (!s.sent_additional_present || e.additional != s.sent_additional));
}

// 5.4.3.5: the REJECT is protected with the context in use before the procedure, if any.
template <class V>
Output<V> reject(const V& v, std::uint32_t cause, const State<V>& s) {
  const auto key = v.ite(s.secured, s.key, v.word(kNoKey));
  return {v.word(kReject), v.word(cause), s.ksi, key, s.eea, s.eia, s.ul_count, s.secured && s.eea != v.word(0)};
}

template <class V>
State<V> after_reject(const V& v, const State<V>& s) {
  State<V> n = s;  // 5.4.3.5: the old context is kept
  n.ul_count = v.ite(s.secured, s.ul_count + v.word(1), s.ul_count);  // 4.4.3.1: sender increments
  return n;
}

template <class V>
Rules<V> rules() {
  using S = State<V>;
  using E = Event<V>;
  auto silent = [](const V& v, const S&, const E&) { return Output<V>::none(v); };
  auto rejected = [](const V& v, const S& s, const E&) { return after_reject(v, s); };
  auto smc = [](const V& v, const E& e) { return e.kind == v.word(kSmc); };
  return {
      // TS 33.401 6.1.1: AKA leaves a new partial native context; SMC takes it into use.
      {"aka", "TS 24.301 5.4.2.3, TS 33.401 6.1.1",
       // TS 24.301 9.9.3.21: an eKSI is 3 bits, 7 meaning "no key".
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
      {"send_initial_request", "TS 24.301 5.5.1.2.2, 5.5.3.2.2",
       [](const V& v, const S&, const E& e) { return e.kind == v.word(kSendInitial); },
       [](const V&, const S& s, const E& e) {
         S n = s;
         n.sent_caps = e.caps;
         n.sent_additional_present = e.additional_present;
         n.sent_additional = e.additional;
         n.emergency = e.emergency;
         return n;
       },
       silent},
      // 4.4.3.2: a replayed command is not accepted; it is dropped, not answered.
      {"discard_replay", "TS 24.301 4.4.3.2",
       [smc](const V& v, const S& s, const E& e) { return smc(v, e) && mac_ok(v, s, e) && replayed(v, s, e); },
       [](const V&, const S& s, const E&) { return s; }, silent},
      // Where several checks fail the standard names no order; integrity comes first here
      // because an altered command cannot carry a valid MAC.
      {"reject_integrity_failure", "TS 24.301 4.4.4.2, 5.4.3.5 (#24)",
       [smc](const V& v, const S& s, const E& e) { return smc(v, e) && !mac_ok(v, s, e); }, rejected,
       [](const V& v, const S& s, const E&) { return reject(v, kCauseUnspecified, s); }},
      {"reject_capability_mismatch", "TS 24.301 5.4.3.3, 5.4.3.5 (#23)",
       [smc](const V& v, const S& s, const E& e) { return smc(v, e) && capabilities_altered(v, s, e); }, rejected,
       [](const V& v, const S& s, const E&) { return reject(v, kCauseCapabilitiesMismatch, s); }},
      {"reject_nonce_mismatch", "TS 24.301 5.4.3.3, 5.4.3.5 (#24)",
       [smc](const V& v, const S&, const E& e) { return smc(v, e) && e.nonce_ue_present && !e.nonce_ue_ok; },
       rejected, [](const V& v, const S& s, const E&) { return reject(v, kCauseUnspecified, s); }},
      {"reject_eia0_without_emergency", "TS 24.301 5.4.3.3, 4.4.4.1 (#24)",
       [smc](const V& v, const S& s, const E& e) { return smc(v, e) && e.eia == v.word(0) && !s.emergency; },
       rejected, [](const V& v, const S& s, const E&) { return reject(v, kCauseUnspecified, s); }},
      {"accept", "TS 24.301 5.4.3.3, 4.4.3.1", [smc](const V& v, const S&, const E& e) { return smc(v, e); },
       [](const V& v, const S& s, const E& e) {
         S n = s;
         // "the UE shall take the EPS security context indicated in the message into use" and
         // reset the uplink NAS COUNT if it is the one created by EPS AKA (5.4.3.3 a).
         const auto fresh = takes_fresh_context(v, s, e);
         n.secured = v.lit(true);
         n.ksi = e.ksi;
         n.key = commanded_key(v, s, e);
         n.eea = e.eea;
         n.eia = e.eia;
         n.fresh = s.fresh && !fresh;
         n.dl_count = e.count + v.word(1);
         // The COMPLETE uses the (reset) count; the sender then increments it (4.4.3.1).
         n.ul_count = v.ite(fresh, v.word(0), s.ul_count) + v.word(1);
         return n;
       },
       // COMPLETE "integrity protected and ciphered with new EPS security context".
       [](const V& v, const S& s, const E& e) {
         return Output<V>{v.word(kComplete), v.word(0), e.ksi, commanded_key(v, s, e), e.eea, e.eia,
                          v.ite(takes_fresh_context(v, s, e), v.word(0), s.ul_count), e.eea != v.word(0)};
       }},
  };
}
template <class V>
Monitors<V> monitors() {
  using S = State<V>;
  using E = Event<V>;
  using St = Step<V, S, Output<V>>;
  auto completes = [](const V& v, const St& st) { return st.output.response == v.word(kComplete); };
  return {
      {"complete_only_with_unaltered_capabilities", "TS 24.301 5.4.3.3",
       "the UE completes an SMC only if the replayed capabilities equal the latest it sent",
       [completes](const V& v, const S& s, const E& e, const St& st) {
         return !completes(v, st) || !capabilities_altered(v, s, e);
       }},
      {"complete_only_after_integrity_check", "TS 24.301 4.4.4.2, 5.4.3.3",
       "the UE completes an SMC only if its NAS-MAC verified with the key of the eKSI it names",
       [completes](const V& v, const S& s, const E& e, const St& st) { return !completes(v, st) || mac_ok(v, s, e); }},
      {"no_replay_accepted", "TS 24.301 4.4.3.2",
       "the UE accepts a downlink NAS COUNT of a context at most once",
       [completes](const V& v, const S& s, const E& e, const St& st) { return !completes(v, st) || !replayed(v, s, e); }},
      {"eia0_only_for_emergency", "TS 24.301 5.4.3.3, 4.4.4.1",
       "the UE accepts EIA0 only with emergency bearer services or RLOS",
       [completes](const V& v, const S& s, const E& e, const St& st) {
         return !completes(v, st) || e.eia != v.word(0) || s.emergency;
       }},
      {"capability_mismatch_rejected_with_23", "TS 24.301 5.4.3.5",
       "an integrity-checked SMC with altered capabilities gets SECURITY MODE REJECT #23",
       [](const V& v, const S& s, const E& e, const St& st) {
         return !(e.kind == v.word(kSmc) && mac_ok(v, s, e) && !replayed(v, s, e) && capabilities_altered(v, s, e)) ||
                (st.output.response == v.word(kReject) && st.output.cause == v.word(kCauseCapabilitiesMismatch));
       }},
      {"reject_keeps_context_in_use", "TS 24.301 5.4.3.5",
       "after SECURITY MODE REJECT the UE keeps the EPS security context in use before the procedure",
       [](const V& v, const S& s, const E&, const St& st) {
         return st.output.response != v.word(kReject) ||
                (st.state.secured == s.secured && st.state.ksi == s.ksi && st.state.key == s.key &&
                 st.state.eea == s.eea && st.state.eia == s.eia);
       }},
      {"complete_only_with_replayed_nonce", "TS 24.301 5.4.3.3",
       "the UE completes an SMC carrying a replayed nonceUE only if it equals the latest nonceUE it sent",
       [completes](const V& v, const S&, const E& e, const St& st) {
         return !completes(v, st) || !e.nonce_ue_present || e.nonce_ue_ok;
       }},
      {"every_smc_answered", "TS 24.301 5.4.3.3, 5.4.3.5",
       "every SECURITY MODE COMMAND that is not a replay gets a COMPLETE or a REJECT",
       [](const V& v, const S& s, const E& e, const St& st) {
         return e.kind != v.word(kSmc) || (mac_ok(v, s, e) && replayed(v, s, e)) ||
                st.output.response == v.word(kComplete) || st.output.response == v.word(kReject);
       }},
  };
}

// Mutants: each check of the UE removed or weakened.
inline std::vector<Mutation> mutations() {
  using K = Mutation::Kind;
  return {{K::drop_rule, "reject_capability_mismatch"}, {K::drop_rule, "reject_integrity_failure"},
          {K::drop_rule, "discard_replay"},           {K::drop_rule, "reject_eia0_without_emergency"},
          {K::drop_rule, "reject_nonce_mismatch"},    {K::force_rule, "reject_integrity_failure"},
          {K::borrow_next, "reject_nonce_mismatch", "accept"}, {K::drop_rule, "accept"}};
}

// One line for a step of a trace; rule names come from the table as `m` mutates it when the
// party is named `party` (see mutate()).
std::string describe(const State<Concrete>& s, const Event<Concrete>& e,
                     const Step<Concrete, State<Concrete>, Output<Concrete>>& st, const Mutation* m,
                     std::string_view party = {});

}  // namespace secmode::spec::eps_nas_smc_ue

namespace secmode::spec {

struct EpsNasSmcUe : Procedure<EpsNasSmcUe> {
  static constexpr std::string_view name = "eps_nas_smc_ue";
  template <class V> using State = eps_nas_smc_ue::State<V>;
  template <class V> using Event = eps_nas_smc_ue::Event<V>;
  template <class V> using Output = eps_nas_smc_ue::Output<V>;
  template <class V> static auto table() { return eps_nas_smc_ue::rules<V>(); }
  template <class V> static auto monitors() { return eps_nas_smc_ue::monitors<V>(); }
  template <class V> static auto initial(const V& v) { return eps_nas_smc_ue::initial(v); }
  static auto mutations() { return eps_nas_smc_ue::mutations(); }
  static constexpr auto describe_line = &eps_nas_smc_ue::describe;
};

}  // namespace secmode::spec
