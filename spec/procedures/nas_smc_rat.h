// What EPS and 5GS NAS security mode control differ in. TS 24.501 5.4.2 was written from
// TS 24.301 5.4.3 and keeps its shape: the same checks in the UE (integrity, replayed
// capabilities, null integrity only for emergency), the same answers (#23, #24), the same
// retransmission timer (T3460 / T3560, four times). So each party has one rule table
// (nas_smc_ue.h, nas_smc_network.h) instantiated per RAT with these traits, which say which
// optional rules the RAT has and which clause of its own standard each rule encodes.
#pragma once

#include <cstdint>
#include <string_view>

namespace secmode::spec::nas_smc {

// The clause each rule (r_) and monitor (m_) cites, in the RAT's own standard; empty for the
// rules and monitors a RAT does not have.
struct Clauses {
  // UE rules.
  std::string_view r_aka{}, r_send_initial{}, r_discard_replay{}, r_reject_integrity{},
      r_reject_capabilities{}, r_reject_nonce{}, r_reject_unsupported{}, r_reject_null_integrity{}, r_accept{};
  // UE monitors.
  std::string_view m_unaltered_capabilities{}, m_integrity_checked{}, m_no_replay{},
      m_null_integrity_ue{}, m_cause_23{}, m_ue_reject_keeps_context{}, m_replayed_nonce{},
      m_every_command_answered{}, m_acceptable_completed{}, m_derivation_resets_counts{},
      m_initial_message_returned{};
  // Network rules.
  std::string_view r_net_aka{}, r_receive_initial{}, r_start{}, r_retransmit{}, r_abort{},
      r_discard_replayed_complete{}, r_complete{}, r_reject{};
  // Network monitors.
  std::string_view m_capabilities_recorded{}, m_null_integrity_network{}, m_at_most_four{},
      m_abort_on_fifth{}, m_context_from_complete{}, m_no_replayed_complete{},
      m_network_reject_keeps_context{}, m_count_advances{}, m_retransmission_requested{},
      m_derivation_in_command{};
};

struct Eps {
  static constexpr std::string_view ue_procedure = "eps_nas_smc_ue";
  static constexpr std::string_view network_procedure = "eps_nas_smc_mme";
  static constexpr const char* network = "MME";
  static constexpr const char* ksi = "eKSI";
  static constexpr const char* ciphering = "EEA";
  static constexpr const char* integrity = "EIA";
  static constexpr const char* initial_request = "ATTACH/TAU REQUEST";
  static constexpr const char* aka = "EPS AKA";
  static constexpr const char* key = "K_ASME";
  static constexpr const char* timer = "T3460";
  // TS 24.301 5.4.3.3: replayed nonceUE for mapped contexts. No horizontal derivation, and the
  // initial message is not returned in the COMPLETE the way TS 24.501 4.4.6 asks.
  static constexpr bool nonces = true;
  static constexpr bool horizontal_derivation = false;
  static constexpr bool initial_message_container = false;
  static constexpr Clauses clauses{
      .r_aka = "TS 24.301 5.4.2.3, TS 33.401 6.1.1",
      .r_send_initial = "TS 24.301 5.5.1.2.2, 5.5.3.2.2",
      .r_discard_replay = "TS 24.301 4.4.3.2",
      .r_reject_integrity = "TS 24.301 4.4.4.2, 5.4.3.5 (#24)",
      .r_reject_capabilities = "TS 24.301 5.4.3.3, 5.4.3.5 (#23)",
      .r_reject_nonce = "TS 24.301 5.4.3.3, 5.4.3.5 (#24)",
      .r_reject_unsupported = "TS 24.301 5.4.3.5 (#24), TS 33.401 5.1.3.2",
      .r_reject_null_integrity = "TS 24.301 5.4.3.3, 5.4.3.5 (#24)",
      .r_accept = "TS 24.301 5.4.3.3, 4.4.3.1",
      .m_unaltered_capabilities = "TS 24.301 5.4.3.3",
      .m_integrity_checked = "TS 24.301 4.4.4.2, 5.4.3.3",
      .m_no_replay = "TS 24.301 4.4.3.2",
      .m_null_integrity_ue = "TS 24.301 5.4.3.3, 4.4.4.1",
      .m_cause_23 = "TS 24.301 5.4.3.5",
      .m_ue_reject_keeps_context = "TS 24.301 5.4.3.5",
      .m_replayed_nonce = "TS 24.301 5.4.3.3",
      .m_every_command_answered = "TS 24.301 5.4.3.3, 5.4.3.5",
      .m_acceptable_completed = "TS 24.301 5.4.3.3",
      .r_net_aka = "TS 24.301 5.4.2.1, TS 33.401 6.1.1",
      .r_receive_initial = "TS 24.301 5.5.1.2.4, 5.5.3.2.4, 5.4.3.7 c",
      .r_start = "TS 24.301 5.4.3.2",
      .r_retransmit = "TS 24.301 5.4.3.7 b, 4.4.3.1",
      .r_abort = "TS 24.301 5.4.3.7 b (fifth expiry)",
      .r_discard_replayed_complete = "TS 24.301 4.4.3.2",
      .r_complete = "TS 24.301 5.4.3.4",
      .r_reject = "TS 24.301 5.4.3.5",
      .m_capabilities_recorded = "TS 24.301 5.4.3.2",
      .m_null_integrity_network = "TS 24.301 5.4.3.2, 4.4.4.1",
      .m_at_most_four = "TS 24.301 5.4.3.7 b",
      .m_abort_on_fifth = "TS 24.301 5.4.3.7 b",
      .m_context_from_complete = "TS 24.301 5.4.3.4, 4.4.4.3",
      .m_no_replayed_complete = "TS 24.301 4.4.3.2",
      .m_network_reject_keeps_context = "TS 24.301 5.4.3.5",
      .m_count_advances = "TS 24.301 4.4.3.1, 5.4.3.2",
  };
};

struct Fivegs {
  static constexpr std::string_view ue_procedure = "5gs_nas_smc_ue";
  static constexpr std::string_view network_procedure = "5gs_nas_smc_amf";
  static constexpr const char* network = "AMF";
  static constexpr const char* ksi = "ngKSI";
  static constexpr const char* ciphering = "5G-EA";
  static constexpr const char* integrity = "5G-IA";
  static constexpr const char* initial_request = "REGISTRATION/SERVICE REQUEST";
  static constexpr const char* aka = "5G AKA";
  static constexpr const char* key = "K_AMF";
  static constexpr const char* timer = "T3560";
  // TS 24.501 5.4.2.3: "The UE shall ignore the Replayed S1 UE security capabilities IE"; no
  // nonces; K_AMF horizontal derivation (TS 33.501 6.7.2, A.13) and the initial NAS message
  // returned in the COMPLETE (TS 24.501 4.4.6, 5.4.2.3).
  static constexpr bool nonces = false;
  static constexpr bool horizontal_derivation = true;
  static constexpr bool initial_message_container = true;
  static constexpr Clauses clauses{
      .r_aka = "TS 24.501 5.4.1.3, TS 33.501 6.1.3.2",
      .r_send_initial = "TS 24.501 5.5.1.2.2, 5.5.1.3.2, 5.6.1.2",
      .r_discard_replay = "TS 24.501 4.4.3.2",
      .r_reject_integrity = "TS 24.501 4.4.4.2, 5.4.2.5 (#24)",
      .r_reject_capabilities = "TS 24.501 5.4.2.3, 5.4.2.5 (#23)",
      .r_reject_unsupported = "TS 24.501 5.4.2.5 (#24), TS 33.501 5.11.1.1",
      .r_reject_null_integrity = "TS 24.501 5.4.2.3, 4.4.4.1 (#24)",
      .r_accept = "TS 24.501 5.4.2.3, 4.4.3.1, TS 33.501 6.7.2",
      .m_unaltered_capabilities = "TS 24.501 5.4.2.3",
      .m_integrity_checked = "TS 24.501 4.4.4.2, 5.4.2.3",
      .m_no_replay = "TS 24.501 4.4.3.2",
      .m_null_integrity_ue = "TS 24.501 5.4.2.3, 4.4.4.1",
      .m_cause_23 = "TS 24.501 5.4.2.5",
      .m_ue_reject_keeps_context = "TS 24.501 5.4.2.5",
      .m_every_command_answered = "TS 24.501 5.4.2.3, 5.4.2.5",
      .m_acceptable_completed = "TS 24.501 5.4.2.3",
      .m_derivation_resets_counts = "TS 24.501 5.4.2.3, TS 33.501 6.7.2 (2a)",
      .m_initial_message_returned = "TS 24.501 5.4.2.3, 4.4.6",
      .r_net_aka = "TS 24.501 5.4.1.3.4, TS 33.501 6.1.3.2",
      .r_receive_initial = "TS 24.501 5.5.1.2.3, 5.5.1.3.3, 5.4.2.7 c",
      .r_start = "TS 24.501 5.4.2.2",
      .r_retransmit = "TS 24.501 5.4.2.7 b, 4.4.3.1",
      .r_abort = "TS 24.501 5.4.2.7 b (fifth expiry)",
      .r_discard_replayed_complete = "TS 24.501 4.4.3.2",
      .r_complete = "TS 24.501 5.4.2.4, TS 33.501 6.7.2 (2b)",
      .r_reject = "TS 24.501 5.4.2.5",
      .m_capabilities_recorded = "TS 24.501 5.4.2.2",
      .m_null_integrity_network = "TS 24.501 5.4.2.2, 4.4.4.1",
      .m_at_most_four = "TS 24.501 5.4.2.7 b",
      .m_abort_on_fifth = "TS 24.501 5.4.2.7 b",
      .m_context_from_complete = "TS 24.501 5.4.2.4, 4.4.4.3",
      .m_no_replayed_complete = "TS 24.501 4.4.3.2",
      .m_network_reject_keeps_context = "TS 24.501 5.4.2.5",
      .m_count_advances = "TS 24.501 4.4.3.1, 5.4.2.2",
      .m_retransmission_requested = "TS 24.501 5.4.2.2",
      .m_derivation_in_command = "TS 24.501 5.4.2.2, TS 33.501 6.7.2 (1b, 2b)",
  };
};

// What both parties do with AKA the same way (their state records share these fields): AKA
// leaves a new partial native context under a KSI (TS 33.401 6.1.1, TS 33.501 6.1.3), which an
// SMC naming that KSI takes into use (TS 24.301 5.4.3.3, TS 24.501 5.4.2.3 a).
inline constexpr std::uint32_t kAkaEvent = 0;  // both parties' event kind for "AKA completed"
inline constexpr std::uint32_t kNoKsi = 7;     // 3 bits; 7 is "no key is available"

template <class V, class S, class E>
typename V::Bool takes_fresh_context(const V&, const S& s, const E& e) {
  return s.fresh && e.ksi == s.fresh_ksi;
}

template <class V, class S, class E>
typename V::Bool aka_completes(const V& v, const S&, const E& e) {
  return e.kind == v.word(kAkaEvent) && e.key != v.word(0) && v.ult(e.ksi, v.word(kNoKsi));
}

template <class V, class S, class E>
S after_aka(const V& v, const S& s, const E& e) {
  S n = s;
  n.fresh = v.lit(true);
  n.fresh_ksi = e.ksi;
  n.fresh_key = e.key;
  return n;
}

// TS 33.501 A.13: K'_AMF = KDF(K_AMF, COUNT) in mobility registration update, with the uplink
// NAS COUNT of the REGISTRATION REQUEST. Keys are identities here, so the derived key is a new
// identity fixed by the old one (that COUNT is fixed once the request is sent); deriving from
// "no key" gives no key, so an attacker who holds none gains none by asking for a derivation.
inline constexpr std::uint32_t kDerivationStep = 1u << 20;

template <class V>
typename V::Word derived_key(const V& v, const typename V::Word& key) {
  return v.ite(key == v.word(0), v.word(0), key + v.word(kDerivationStep));
}

}  // namespace secmode::spec::nas_smc
