// EPS NAS security mode control, UE side: TS 24.301 5.4.3.3 (accepted by the UE), 5.4.3.5
// (not accepted), 4.4.4.2 (integrity checking in the UE) and 4.4.4.1 (EIA0).
//
// Crypto is abstracted: the event carries the outcome of the integrity check (computed by
// the oracle with real keys) and of the nonce comparison; what this machine decides is what
// the standard says the UE must do with those outcomes.
#pragma once

#include <vector>

#include "spec/rules/fields.h"
#include "spec/rules/machine.h"
#include "spec/rules/monitor.h"

namespace secmode::spec::eps_nas_smc_ue {

// Event kinds.
inline constexpr std::uint32_t kSendInitial = 0;  // UE sends ATTACH / TAU REQUEST with its capabilities
inline constexpr std::uint32_t kSmc = 1;          // SECURITY MODE COMMAND received

// Responses.
inline constexpr std::uint32_t kNone = 0;
inline constexpr std::uint32_t kComplete = 1;  // SECURITY MODE COMPLETE
inline constexpr std::uint32_t kReject = 2;    // SECURITY MODE REJECT

// EMM causes, TS 24.301 9.9.3.9.
inline constexpr std::uint32_t kCauseCapabilitiesMismatch = 23;
inline constexpr std::uint32_t kCauseUnspecified = 24;

inline constexpr std::uint32_t kNoKsi = 7;  // TS 24.301 9.9.3.21: "no key is available"

template <class V>
struct State {
  typename V::Bool secured;   // secure exchange of NAS messages established (4.4.4.2)
  typename V::Word ksi;       // eKSI of the current EPS security context, kNoKsi if none
  typename V::Word eea, eia;  // its NAS algorithms
  typename V::Word ul_count;  // uplink NAS COUNT of the current context
  typename V::Word sent_caps; // UE security capability as last sent (EEA|EIA|UEA|UIA octets)
  typename V::Bool sent_additional_present;
  typename V::Word sent_additional;  // UE additional security capability (5G algorithms) as last sent
  typename V::Bool emergency;        // PDN connection for emergency bearer services or RLOS (5.4.3.3)

  static auto fields() {
    return std::tuple{field("secured", &State::secured), field("ksi", &State::ksi), field("eea", &State::eea),
                      field("eia", &State::eia), field("ul_count", &State::ul_count),
                      field("sent_caps", &State::sent_caps),
                      field("sent_additional_present", &State::sent_additional_present),
                      field("sent_additional", &State::sent_additional), field("emergency", &State::emergency)};
  }
};

template <class V>
struct Event {
  typename V::Word kind;
  typename V::Word ksi;            // SMC: eKSI
  typename V::Word eea, eia;       // SMC: selected NAS algorithms
  typename V::Bool mac_ok;         // SMC: NAS-MAC verified with the context the eKSI names
  typename V::Word caps;           // SMC: replayed capabilities; kSendInitial: capabilities sent
  typename V::Bool additional_present;
  typename V::Word additional;     // replayed / sent UE additional security capability
  typename V::Bool nonce_ue_present;
  typename V::Bool nonce_ue_ok;    // replayed nonceUE equals the latest one the UE sent
  typename V::Bool emergency;      // kSendInitial: the request is for emergency bearer services

  static auto fields() {
    return std::tuple{field("kind", &Event::kind), field("ksi", &Event::ksi), field("eea", &Event::eea),
                      field("eia", &Event::eia), field("mac_ok", &Event::mac_ok), field("caps", &Event::caps),
                      field("additional_present", &Event::additional_present),
                      field("additional", &Event::additional), field("nonce_ue_present", &Event::nonce_ue_present),
                      field("nonce_ue_ok", &Event::nonce_ue_ok), field("emergency", &Event::emergency)};
  }
};

template <class V>
struct Output {
  typename V::Word response;  // kNone, kComplete, kReject
  typename V::Word cause;     // EMM cause of a REJECT, else 0
  typename V::Bool new_context;  // protected with the new context (else: the one in use before, if any)
  typename V::Bool ciphered;

  static auto fields() {
    return std::tuple{field("response", &Output::response), field("cause", &Output::cause),
                      field("new_context", &Output::new_context), field("ciphered", &Output::ciphered)};
  }
  static Output none(const V& v) { return {v.word(kNone), v.word(0), v.lit(false), v.lit(false)}; }
};

template <class V>
using Rules = std::vector<Rule<V, State<V>, Event<V>, Output<V>>>;
template <class V>
using Monitors = std::vector<Monitor<V, State<V>, Event<V>, Output<V>>>;

template <class V>
State<V> initial(const V& v) {
  return {v.lit(false), v.word(kNoKsi), v.word(0), v.word(0), v.word(0), v.word(0), v.lit(false), v.word(0), v.lit(false)};
}

template <class V>
typename V::Bool capabilities_altered(const V&, const State<V>& s, const Event<V>& e) {
  // 5.4.3.3: "the received replayed UE security capabilities, the received replayed UE
  // additional security capabilities, if included ... have not been altered compared to the
  // latest values that the UE sent to the network".
  return e.caps != s.sent_caps ||
         (e.additional_present && (!s.sent_additional_present || e.additional != s.sent_additional));
}

template <class V>
Output<V> reject(const V& v, std::uint32_t cause, const State<V>& s) {
  // 5.4.3.5: the REJECT is protected with the context in use before the procedure, if any.
  return {v.word(kReject), v.word(cause), v.lit(false), s.secured && s.eea != v.word(0)};
}

template <class V>
Rules<V> rules() {
  using S = State<V>;
  using E = Event<V>;
  auto keep = [](const V&, const S& s, const E&) { return s; };  // 5.4.3.5: old context kept
  auto silent = [](const V& v, const S&, const E&) { return Output<V>::none(v); };
  return {
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
      // Where several checks fail the standard names no order; integrity comes first here
      // because an altered command cannot carry a valid MAC.
      {"reject_integrity_failure", "TS 24.301 4.4.4.2, 5.4.3.5 (#24)",
       [](const V& v, const S&, const E& e) { return e.kind == v.word(kSmc) && !e.mac_ok; }, keep,
       [](const V& v, const S& s, const E&) { return reject(v, kCauseUnspecified, s); }},
      {"reject_capability_mismatch", "TS 24.301 5.4.3.3, 5.4.3.5 (#23)",
       [](const V& v, const S& s, const E& e) { return e.kind == v.word(kSmc) && capabilities_altered(v, s, e); },
       keep, [](const V& v, const S& s, const E&) { return reject(v, kCauseCapabilitiesMismatch, s); }},
      {"reject_nonce_mismatch", "TS 24.301 5.4.3.3, 5.4.3.5 (#24)",
       [](const V& v, const S&, const E& e) { return e.kind == v.word(kSmc) && e.nonce_ue_present && !e.nonce_ue_ok; },
       keep, [](const V& v, const S& s, const E&) { return reject(v, kCauseUnspecified, s); }},
      {"reject_eia0_without_emergency", "TS 24.301 5.4.3.3, 4.4.4.1 (#24)",
       [](const V& v, const S& s, const E& e) { return e.kind == v.word(kSmc) && e.eia == v.word(0) && !s.emergency; },
       keep, [](const V& v, const S& s, const E&) { return reject(v, kCauseUnspecified, s); }},
      {"accept", "TS 24.301 5.4.3.3",
       [](const V& v, const S&, const E& e) { return e.kind == v.word(kSmc); },
       [](const V& v, const S& s, const E& e) {
         S n = s;
         // "the UE shall take the EPS security context indicated in the message into use" and
         // reset the uplink NAS COUNT when that context is a new one.
         const typename V::Bool new_context = !s.secured || e.ksi != s.ksi;
         n.secured = v.lit(true);
         n.ksi = e.ksi;
         n.eea = e.eea;
         n.eia = e.eia;
         n.ul_count = v.ite(new_context, v.word(0), s.ul_count);
         return n;
       },
       // COMPLETE "integrity protected and ciphered with new EPS security context".
       [](const V& v, const S&, const E&) { return Output<V>{v.word(kComplete), v.word(0), v.lit(true), v.lit(true)}; }},
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
       "the UE completes an SMC only if its NAS-MAC verified",
       [completes](const V& v, const S&, const E& e, const St& st) { return !completes(v, st) || e.mac_ok; }},
      {"eia0_only_for_emergency", "TS 24.301 5.4.3.3, 4.4.4.1",
       "the UE accepts EIA0 only with emergency bearer services or RLOS",
       [completes](const V& v, const S& s, const E& e, const St& st) {
         return !completes(v, st) || e.eia != v.word(0) || s.emergency;
       }},
      {"capability_mismatch_rejected_with_23", "TS 24.301 5.4.3.5",
       "an integrity-checked SMC with altered capabilities gets SECURITY MODE REJECT #23",
       [](const V& v, const S& s, const E& e, const St& st) {
         return !(e.kind == v.word(kSmc) && e.mac_ok && capabilities_altered(v, s, e)) ||
                (st.output.response == v.word(kReject) && st.output.cause == v.word(kCauseCapabilitiesMismatch));
       }},
      {"reject_keeps_context_in_use", "TS 24.301 5.4.3.5",
       "after SECURITY MODE REJECT the UE keeps the EPS security context in use before the procedure",
       [](const V& v, const S& s, const E&, const St& st) {
         return st.output.response != v.word(kReject) ||
                (st.state.secured == s.secured && st.state.ksi == s.ksi && st.state.eea == s.eea &&
                 st.state.eia == s.eia && st.state.ul_count == s.ul_count);
       }},
      {"every_smc_answered", "TS 24.301 5.4.3.3, 5.4.3.5",
       "every SECURITY MODE COMMAND gets a COMPLETE or a REJECT",
       [](const V& v, const S&, const E& e, const St& st) {
         return e.kind != v.word(kSmc) || st.output.response == v.word(kComplete) ||
                st.output.response == v.word(kReject);
       }},
  };
}

}  // namespace secmode::spec::eps_nas_smc_ue
