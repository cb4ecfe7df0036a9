// NAS security mode control, UE side, for EPS and 5GS (nas_smc_rat.h): TS 24.301 5.4.3.3 /
// TS 24.501 5.4.2.3 (accepted by the UE), 5.4.3.5 / 5.4.2.5 (not accepted), 4.4.3 (NAS COUNT,
// replay protection), 4.4.4.2 (integrity checking in the UE) and 4.4.4.1 (null integrity).
//
// Crypto is abstract: a key is an identity (a number), a message says which key protected it,
// and a MAC verifies when that key is the one the UE holds for the KSI the message names.
// The oracle maps real keys and MACs onto these identities; what this machine decides is what
// the standard says the UE must do with them. State, events and outputs are the same records
// for both RATs; a field only one RAT uses is never read by the other's rules.
#pragma once

#include <string>
#include <vector>

#include "spec/rules/concrete.h"
#include "spec/rules/fields.h"
#include "spec/rules/machine.h"
#include "spec/rules/monitor.h"
#include "spec/rules/procedure.h"
#include "spec/procedures/nas_smc_rat.h"

namespace secmode::spec::nas_smc_ue {

// Event kinds.
inline constexpr std::uint32_t kAka = nas_smc::kAkaEvent;  // AKA completed: a new K_ASME / K_AMF (key) under ksi
inline constexpr std::uint32_t kSendInitial = 1;  // UE sends ATTACH / TAU or REGISTRATION REQUEST with its capabilities
inline constexpr std::uint32_t kSmc = 2;          // SECURITY MODE COMMAND received

// Responses.
inline constexpr std::uint32_t kNone = 0;
inline constexpr std::uint32_t kComplete = 1;  // SECURITY MODE COMPLETE
inline constexpr std::uint32_t kReject = 2;    // SECURITY MODE REJECT

// EMM causes, TS 24.301 9.9.3.9; the 5GMM causes of TS 24.501 9.11.3.2 have the same values.
inline constexpr std::uint32_t kCauseCapabilitiesMismatch = 23;
inline constexpr std::uint32_t kCauseUnspecified = 24;

inline constexpr std::uint32_t kNoKsi = 7;  // TS 24.301 9.9.3.21, TS 24.501 9.11.3.32: "no key is available"
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
  typename V::Bool emergency;        // PDN connection / PDU session for emergency services (5.4.3.3 / 5.4.2.3)
  typename V::Bool initial_unprotected;  // 5GS: the initial request went without a valid context (4.4.6)

  static auto fields() {
    return std::tuple{field("secured", &State::secured), field("ksi", &State::ksi), field("key", &State::key),
                      field("eea", &State::eea), field("eia", &State::eia), field("ul_count", &State::ul_count),
                      field("dl_count", &State::dl_count), field("fresh", &State::fresh),
                      field("fresh_ksi", &State::fresh_ksi), field("fresh_key", &State::fresh_key),
                      field("sent_caps", &State::sent_caps),
                      field("sent_additional_present", &State::sent_additional_present),
                      field("sent_additional", &State::sent_additional), field("emergency", &State::emergency),
                      field("initial_unprotected", &State::initial_unprotected)};
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
  typename V::Bool horizontal;     // kSmc, 5GS: K_AMF_change_flag, "K_AMF derivation is required"
  typename V::Bool rinmr;          // kSmc, 5GS: retransmission of the initial NAS message requested
  typename V::Bool new_context_header;  // kSmc: security header type 3, "integrity protected with new
                                        // EPS (5G NAS) security context" (TS 24.301 / TS 24.501 9.3.1)

  static auto fields() {
    return std::tuple{field("kind", &Event::kind), field("ksi", &Event::ksi), field("key", &Event::key),
                      field("eea", &Event::eea), field("eia", &Event::eia), field("count", &Event::count),
                      field("caps", &Event::caps), field("additional_present", &Event::additional_present),
                      field("additional", &Event::additional), field("nonce_ue_present", &Event::nonce_ue_present),
                      field("nonce_ue_ok", &Event::nonce_ue_ok), field("emergency", &Event::emergency),
                      field("horizontal", &Event::horizontal), field("rinmr", &Event::rinmr),
                      field("new_context_header", &Event::new_context_header)};
  }
};

// The response and how it is protected: key kNoKey means unprotected.
template <class V>
struct Output {
  typename V::Word response;  // kNone, kComplete, kReject
  typename V::Word cause;     // EMM cause of a REJECT, else 0
  typename V::Word ksi, key, eea, eia, count;  // the context and uplink NAS COUNT protecting it
  typename V::Bool ciphered;
  typename V::Bool container;  // 5GS COMPLETE: the NAS message container holds the initial request

  static auto fields() {
    return std::tuple{field("response", &Output::response), field("cause", &Output::cause),
                      field("ksi", &Output::ksi), field("key", &Output::key), field("eea", &Output::eea),
                      field("eia", &Output::eia), field("count", &Output::count),
                      field("ciphered", &Output::ciphered), field("container", &Output::container)};
  }
  static Output none(const V& v) {
    return {v.word(kNone), v.word(0),       v.word(kNoKsi), v.word(kNoKey), v.word(0),
            v.word(0),     v.word(0),       v.lit(false),   v.lit(false)};
  }
};

template <class V>
using Rules = std::vector<Rule<V, State<V>, Event<V>, Output<V>>>;
template <class V>
using Monitors = std::vector<Monitor<V, State<V>, Event<V>, Output<V>>>;

template <class V>
State<V> initial(const V& v) {
  return {v.lit(false), v.word(kNoKsi), v.word(kNoKey), v.word(0), v.word(0), v.word(0), v.word(0),
          v.lit(false), v.word(kNoKsi), v.word(kNoKey), v.word(0), v.lit(false), v.word(0), v.lit(false),
          v.lit(false)};
}

using nas_smc::takes_fresh_context;  // the SMC takes the context from the latest AKA into use

// 5GS: the command asks for K'_AMF (TS 33.501 6.7.2 2a); never in EPS.
template <class Rat, class V>
typename V::Bool derives(const V& v, const Event<V>& e) {
  return v.lit(Rat::horizontal_derivation) && e.horizontal;
}

// The key of the context the command names, before any derivation: the fresh one from AKA,
// the current one, or none for the null-integrity context.
template <class V>
typename V::Word named_key(const V& v, const State<V>& s, const Event<V>& e) {
  return v.ite(takes_fresh_context(v, s, e), s.fresh_key, v.ite(s.secured && e.ksi == s.ksi, s.key, v.word(kNoKey)));
}

// The K_ASME / K_AMF the command takes into use: the named one, or K'_AMF derived from it.
template <class Rat, class V>
typename V::Word commanded_key(const V& v, const State<V>& s, const Event<V>& e) {
  const auto named = named_key(v, s, e);
  return v.ite(derives<Rat>(v, e), nas_smc::derived_key(v, named),
               v.ite(e.eia == v.word(0) && !takes_fresh_context(v, s, e), v.word(kNoKey), named));
}

// 4.4.4.2: the NAS-MAC verifies with the key the UE holds for the KSI of the message (and with
// the algorithm the message selects, which both ends derive K_NASint with), after deriving
// K'_AMF when asked to. With null integrity there is nothing to verify (4.4.3.3).
template <class Rat, class V>
typename V::Bool mac_ok(const V& v, const State<V>& s, const Event<V>& e) {
  return e.eia == v.word(0) || (e.key != v.word(kNoKey) && e.key == commanded_key<Rat>(v, s, e));
}

// The integrity check of a command as a whole: it comes "integrity protected with new ... security
// context" (header type 3, 9.3.1, as 5.4.3.2 / 5.4.2.2 has the network set it) and its NAS-MAC
// verifies. 5.4.3.3 / 5.4.2.3 do not name the header type among the UE's checks; this model
// reads a command with another type as one that "cannot be accepted" (REJECT #24, 5.4.3.5).
template <class Rat, class V>
typename V::Bool integrity_ok(const V& v, const State<V>& s, const Event<V>& e) {
  return e.new_context_header && mac_ok<Rat>(v, s, e);
}

// A context whose NAS COUNTs start at zero with this command: the one from AKA, or (5GS) a
// K'_AMF, for which "set both uplink and downlink NAS COUNTs to zero" (5.4.2.3).
template <class Rat, class V>
typename V::Bool new_counts(const V& v, const State<V>& s, const Event<V>& e) {
  return takes_fresh_context(v, s, e) || derives<Rat>(v, e);
}

// 4.4.3.2: for a given context a NAS COUNT is accepted at most once. A command for a context
// with new counts starts its own; one for the current context must be newer than any accepted.
template <class Rat, class V>
typename V::Bool replayed(const V& v, const State<V>& s, const Event<V>& e) {
  return e.eia != v.word(0) && !new_counts<Rat>(v, s, e) && v.ult(e.count, s.dl_count);
}

template <class Rat, class V>
typename V::Bool capabilities_altered(const V& v, const State<V>& s, const Event<V>& e) {
  // TS 24.301 5.4.3.3: "the received replayed UE security capabilities, the received replayed
  // UE additional security capabilities, if included ... have not been altered compared to the
  // latest values that the UE sent to the network". TS 24.501 5.4.2.3 checks the replayed UE
  // security capabilities only: "The UE shall ignore the Replayed S1 UE security capabilities IE".
  return e.caps != s.sent_caps || (v.lit(Rat::nonces) && e.additional_present &&
                                   (!s.sent_additional_present || e.additional != s.sent_additional));
}

// TS 24.301 5.4.3.3: a replayed nonceUE must equal the latest one the UE sent (EPS only).
template <class Rat, class V>
typename V::Bool nonce_mismatch(const V& v, const Event<V>& e) {
  return v.lit(Rat::nonces) && e.nonce_ue_present && !e.nonce_ue_ok;
}

// 5.4.3.3 / 5.4.2.3: null integrity only with emergency services (or RLOS).
template <class V>
typename V::Bool null_integrity_refused(const V& v, const State<V>& s, const Event<V>& e) {
  return e.eia == v.word(0) && !s.emergency;
}

// The UE implements the ciphering algorithms the standards define, EEA0-3 (TS 33.401 5.1.3.2) /
// NEA0-3 (TS 33.501 5.11.1.1); a command selecting another "cannot be accepted" (5.4.3.5 / 5.4.2.5:
// REJECT #24). (A selected integrity algorithm it lacks fails the integrity check already.)
template <class V>
typename V::Bool unsupported_ciphering(const V& v, const Event<V>& e) {
  return !v.ult(e.eea, v.word(4));
}

// A command every check passes, which 5.4.3.3 / 5.4.2.3 says the UE completes.
template <class Rat, class V>
typename V::Bool acceptable(const V& v, const State<V>& s, const Event<V>& e) {
  return e.kind == v.word(kSmc) && integrity_ok<Rat>(v, s, e) && !replayed<Rat>(v, s, e) &&
         !capabilities_altered<Rat>(v, s, e) && !nonce_mismatch<Rat>(v, e) && !unsupported_ciphering(v, e) &&
         !null_integrity_refused(v, s, e);
}

// 5.4.3.5 / 5.4.2.5: the REJECT is protected with the context in use before the procedure, if any.
template <class V>
Output<V> reject(const V& v, std::uint32_t cause, const State<V>& s) {
  const auto key = v.ite(s.secured, s.key, v.word(kNoKey));
  return {v.word(kReject), v.word(cause), s.ksi,        key, s.eea, s.eia, s.ul_count, s.secured && s.eea != v.word(0),
          v.lit(false)};
}

// 5.4.3.5 / 5.4.2.5: the old context is kept. A command of that context whose NAS-MAC verified
// still moves its downlink NAS COUNT on: "After successful integrity protection validation, the
// receiver shall update its corresponding locally stored NAS COUNT" (4.4.3.3), so that the same
// command replayed is discarded (4.4.3.2) instead of drawing another REJECT.
template <class Rat, class V>
State<V> after_reject(const V& v, const State<V>& s, const Event<V>& e) {
  State<V> n = s;
  n.ul_count = v.ite(s.secured, s.ul_count + v.word(1), s.ul_count);  // 4.4.3.1: sender increments
  const auto verified = e.eia != v.word(0) && !new_counts<Rat>(v, s, e) && mac_ok<Rat>(v, s, e);
  n.dl_count = v.ite(verified && !v.ult(e.count, s.dl_count), e.count + v.word(1), s.dl_count);
  return n;
}

template <class Rat, class V>
Rules<V> rules() {
  using S = State<V>;
  using E = Event<V>;
  constexpr const nas_smc::Clauses& c = Rat::clauses;
  auto silent = [](const V& v, const S&, const E&) { return Output<V>::none(v); };
  auto rejected = [](const V& v, const S& s, const E& e) { return after_reject<Rat>(v, s, e); };
  auto smc = [](const V& v, const E& e) { return e.kind == v.word(kSmc); };
  Rules<V> table{
      // TS 33.401 6.1.1, TS 33.501 6.1.3: AKA leaves a new partial native context; SMC takes it into use.
      {"aka", c.r_aka, nas_smc::aka_completes<V, S, E>, nas_smc::after_aka<V, S, E>, silent},
      {"send_initial_request", c.r_send_initial,
       [](const V& v, const S&, const E& e) { return e.kind == v.word(kSendInitial); },
       [](const V& v, const S& s, const E& e) {
         S n = s;
         n.sent_caps = e.caps;
         n.sent_additional_present = e.additional_present;
         n.sent_additional = e.additional;
         n.emergency = e.emergency;
         n.initial_unprotected = !s.secured;
         // With a context the request goes integrity protected (TS 24.301 4.4.4.1, TS 24.501 4.4.6),
         // and the sender increments its NAS COUNT after each protected message (4.4.3.1).
         n.ul_count = v.ite(s.secured, s.ul_count + v.word(1), s.ul_count);
         return n;
       },
       silent},
      // 4.4.3.2: a NAS COUNT is accepted at most once. Whether a replayed command is answered
      // (5.4.3.5) or dropped the clauses do not say; this model drops it, so an attacker's
      // replays draw no REJECT and advance no uplink NAS COUNT.
      {"discard_replay", c.r_discard_replay,
       [smc](const V& v, const S& s, const E& e) {
         return smc(v, e) && integrity_ok<Rat>(v, s, e) && replayed<Rat>(v, s, e);
       },
       [](const V&, const S& s, const E&) { return s; }, silent},
      // Where several checks fail the standard names no order; integrity comes first here
      // because an altered command cannot carry a valid MAC.
      {"reject_integrity_failure", c.r_reject_integrity,
       [smc](const V& v, const S& s, const E& e) { return smc(v, e) && !integrity_ok<Rat>(v, s, e); }, rejected,
       [](const V& v, const S& s, const E&) { return reject(v, kCauseUnspecified, s); }},
      {"reject_capability_mismatch", c.r_reject_capabilities,
       [smc](const V& v, const S& s, const E& e) { return smc(v, e) && capabilities_altered<Rat>(v, s, e); }, rejected,
       [](const V& v, const S& s, const E&) { return reject(v, kCauseCapabilitiesMismatch, s); }},
  };
  if constexpr (Rat::nonces)
    table.push_back({"reject_nonce_mismatch", c.r_reject_nonce,
                     [smc](const V& v, const S&, const E& e) { return smc(v, e) && nonce_mismatch<Rat>(v, e); },
                     rejected, [](const V& v, const S& s, const E&) { return reject(v, kCauseUnspecified, s); }});
  table.push_back({"reject_unsupported_ciphering", c.r_reject_unsupported,
                   [smc](const V& v, const S&, const E& e) { return smc(v, e) && unsupported_ciphering(v, e); },
                   rejected, [](const V& v, const S& s, const E&) { return reject(v, kCauseUnspecified, s); }});
  table.push_back(
      {"reject_null_integrity_without_emergency", c.r_reject_null_integrity,
       [smc](const V& v, const S& s, const E& e) { return smc(v, e) && null_integrity_refused(v, s, e); }, rejected,
       [](const V& v, const S& s, const E&) { return reject(v, kCauseUnspecified, s); }});
  table.push_back(
      {"accept", c.r_accept, [smc](const V& v, const S&, const E& e) { return smc(v, e); },
       [](const V& v, const S& s, const E& e) {
         S n = s;
         // "the UE shall take the ... security context indicated in the message into use" and
         // reset the uplink NAS COUNT if it is the one created by AKA (5.4.3.3 / 5.4.2.3),
         // or both counts after deriving K'_AMF (5.4.2.3).
         const auto fresh = takes_fresh_context(v, s, e);
         n.secured = v.lit(true);
         n.ksi = e.ksi;
         n.key = commanded_key<Rat>(v, s, e);
         n.eea = e.eea;
         n.eia = e.eia;
         n.fresh = s.fresh && !fresh;
         n.dl_count = e.count + v.word(1);
         // The COMPLETE uses the (reset) count; the sender then increments it (4.4.3.1).
         n.ul_count = v.ite(new_counts<Rat>(v, s, e), v.word(0), s.ul_count) + v.word(1);
         return n;
       },
       // COMPLETE "integrity protected and ciphered with new ... security context"; in 5GS it
       // carries the whole initial request when asked (RINMR) or when that request went out
       // without a valid context (4.4.6).
       [](const V& v, const S& s, const E& e) {
         return Output<V>{v.word(kComplete),
                          v.word(0),
                          e.ksi,
                          commanded_key<Rat>(v, s, e),
                          e.eea,
                          e.eia,
                          v.ite(new_counts<Rat>(v, s, e), v.word(0), s.ul_count),
                          e.eea != v.word(0),
                          v.lit(Rat::initial_message_container) && (e.rinmr || s.initial_unprotected)};
       }});
  return table;
}

template <class Rat, class V>
Monitors<V> monitors() {
  using S = State<V>;
  using E = Event<V>;
  using St = Step<V, S, Output<V>>;
  constexpr const nas_smc::Clauses& c = Rat::clauses;
  auto completes = [](const V& v, const St& st) { return st.output.response == v.word(kComplete); };
  Monitors<V> table{
      {"complete_only_with_unaltered_capabilities", c.m_unaltered_capabilities,
       "the UE completes an SMC only if the replayed capabilities equal the latest it sent",
       [completes](const V& v, const S& s, const E& e, const St& st) {
         return !completes(v, st) || !capabilities_altered<Rat>(v, s, e);
       }},
      {"latest_sent_capabilities_kept", c.m_unaltered_capabilities,
       "what the replayed capabilities are compared with is what the UE sent in its latest initial request",
       [](const V& v, const S& s, const E& e, const St& st) {
         return e.kind != v.word(kSendInitial) ||
                (st.state.sent_caps == e.caps && st.state.sent_additional_present == e.additional_present &&
                 st.state.sent_additional == e.additional &&
                 (!v.lit(Rat::initial_message_container) || st.state.initial_unprotected == !s.secured));
       }},
      {"complete_only_after_integrity_check", c.m_integrity_checked,
       "the UE completes an SMC only if it came with header type 3 and its NAS-MAC verified with the key of "
       "the KSI it names",
       [completes](const V& v, const S& s, const E& e, const St& st) {
         return !completes(v, st) || integrity_ok<Rat>(v, s, e);
       }},
      {"no_replay_accepted", c.m_no_replay, "the UE accepts a downlink NAS COUNT of a context at most once",
       [completes](const V& v, const S& s, const E& e, const St& st) {
         return !completes(v, st) || !replayed<Rat>(v, s, e);
       }},
      {"null_integrity_only_for_emergency", c.m_null_integrity_ue,
       "the UE accepts null integrity only with emergency services (or RLOS)",
       [completes](const V& v, const S& s, const E& e, const St& st) {
         return !completes(v, st) || !null_integrity_refused(v, s, e);
       }},
      {"capability_mismatch_rejected_with_23", c.m_cause_23,
       "an integrity-checked SMC with altered capabilities gets SECURITY MODE REJECT #23",
       [](const V& v, const S& s, const E& e, const St& st) {
         return !(e.kind == v.word(kSmc) && integrity_ok<Rat>(v, s, e) && !replayed<Rat>(v, s, e) &&
                  capabilities_altered<Rat>(v, s, e)) ||
                (st.output.response == v.word(kReject) && st.output.cause == v.word(kCauseCapabilitiesMismatch));
       }},
      {"reject_keeps_context_in_use", c.m_ue_reject_keeps_context,
       "after SECURITY MODE REJECT the UE keeps the security context in use before the procedure",
       [](const V& v, const S& s, const E&, const St& st) {
         return st.output.response != v.word(kReject) ||
                (st.state.secured == s.secured && st.state.ksi == s.ksi && st.state.key == s.key &&
                 st.state.eea == s.eea && st.state.eia == s.eia);
       }},
      {"every_smc_answered", c.m_every_command_answered,
       "every SECURITY MODE COMMAND that is not a replay gets a COMPLETE or a REJECT",
       [](const V& v, const S& s, const E& e, const St& st) {
         return e.kind != v.word(kSmc) || (integrity_ok<Rat>(v, s, e) && replayed<Rat>(v, s, e)) ||
                st.output.response == v.word(kComplete) || st.output.response == v.word(kReject);
       }},
      {"acceptable_smc_completed", c.m_acceptable_completed,
       "an SMC that passes every check of the UE gets a SECURITY MODE COMPLETE with the context it names",
       [](const V& v, const S& s, const E& e, const St& st) {
         return !acceptable<Rat>(v, s, e) ||
                (st.output.response == v.word(kComplete) && st.state.secured && st.state.ksi == e.ksi &&
                 st.state.key == commanded_key<Rat>(v, s, e) && st.state.eia == e.eia && st.state.eea == e.eea);
       }},
  };
  if constexpr (Rat::nonces)
    table.push_back({"complete_only_with_replayed_nonce", c.m_replayed_nonce,
                     "the UE completes an SMC carrying a replayed nonceUE only if it equals the latest nonceUE it sent",
                     [completes](const V& v, const S&, const E& e, const St& st) {
                       return !completes(v, st) || !nonce_mismatch<Rat>(v, e);
                     }});
  if constexpr (Rat::horizontal_derivation)
    table.push_back({"derivation_resets_counts", c.m_derivation_resets_counts,
                     "a COMPLETE to an SMC with K_AMF_change_flag uses K'_AMF derived from the named K_AMF and "
                     "uplink NAS COUNT 0",
                     [completes](const V& v, const S& s, const E& e, const St& st) {
                       return !(completes(v, st) && e.horizontal) ||
                              (st.output.key == nas_smc::derived_key(v, named_key(v, s, e)) &&
                               st.output.count == v.word(0));
                     }});
  if constexpr (Rat::initial_message_container)
    table.push_back({"initial_message_returned", c.m_initial_message_returned,
                     "a COMPLETE carries the whole initial request when the SMC asks for it (RINMR) or when that "
                     "request was sent without a valid context",
                     [completes](const V& v, const S& s, const E& e, const St& st) {
                       return !(completes(v, st) && (e.rinmr || s.initial_unprotected)) || st.output.container;
                     }});
  return table;
}

// Mutants: each check of the UE removed or weakened.
template <class Rat>
std::vector<Mutation> mutations() {
  using K = Mutation::Kind;
  std::vector<Mutation> out{{K::drop_rule, "reject_capability_mismatch"},
                            {K::drop_rule, "reject_integrity_failure"},
                            {K::drop_rule, "discard_replay"},
                            {K::drop_rule, "reject_null_integrity_without_emergency"},
                            {K::force_rule, "reject_integrity_failure"},
                            {K::drop_rule, "accept"},
                            {K::borrow_next, "reject_capability_mismatch", "accept"}};
  if constexpr (Rat::nonces) out.push_back({K::drop_rule, "reject_nonce_mismatch"});
  // A UE that answers COMPLETE but keeps its old context, and one that forgets what it sent.
  out.push_back({K::borrow_next, "accept", "discard_replay"});
  out.push_back({K::drop_rule, "send_initial_request"});
  return out;
}

// One line for a step of a trace; rule names come from the table as `m` mutates it when the
// party is named `party` (see mutate()).
template <class Rat>
std::string describe(const State<Concrete>& s, const Event<Concrete>& e,
                     const Step<Concrete, State<Concrete>, Output<Concrete>>& st, const Mutation* m,
                     std::string_view party = {});

}  // namespace secmode::spec::nas_smc_ue

namespace secmode::spec {

template <class Rat>
struct NasSmcUe : Procedure<NasSmcUe<Rat>> {
  static constexpr std::string_view name = Rat::ue_procedure;
  template <class V> using State = nas_smc_ue::State<V>;
  template <class V> using Event = nas_smc_ue::Event<V>;
  template <class V> using Output = nas_smc_ue::Output<V>;
  template <class V> static auto table() { return nas_smc_ue::rules<Rat, V>(); }
  template <class V> static auto monitors() { return nas_smc_ue::monitors<Rat, V>(); }
  template <class V> static auto initial(const V& v) { return nas_smc_ue::initial(v); }
  static auto mutations() { return nas_smc_ue::mutations<Rat>(); }
  static constexpr auto describe_line = &nas_smc_ue::describe<Rat>;
};

using EpsNasSmcUe = NasSmcUe<nas_smc::Eps>;
using FivegsNasSmcUe = NasSmcUe<nas_smc::Fivegs>;

}  // namespace secmode::spec
