// AS security mode command, UE side, LTE and NR: TS 36.331 / TS 38.331 5.3.4 (initial AS
// security activation), 5.3.1.1 (what is protected when), 5.3.11 (keys discarded on leaving
// RRC_CONNECTED), TS 33.401 7.2.4.5 and TS 33.501 6.7.4 (when integrity and ciphering start).
//
// The two RATs follow the same rules at this level: the UE derives K_eNB (LTE) or K_gNB (NR)
// and K_RRCint, verifies the command, starts integrity protection at once and ciphering only
// after the COMPLETE is sent. What differs (key names, K_UPint derived always in NR and only
// for a relay node in LTE, algorithm names EEA/EIA vs NEA/NIA) is below this model's level.
//
// Crypto is abstract as in the NAS procedures: `key` is the identity of the K_eNB/K_gNB the UE
// derives from its current NAS security context, and a message names the key that protected it.
#pragma once

#include <string>
#include <vector>

#include "spec/rules/concrete.h"
#include "spec/rules/fields.h"
#include "spec/rules/machine.h"
#include "spec/rules/monitor.h"
#include "spec/rules/procedure.h"

namespace secmode::spec::as_smc_ue {

// Event kinds.
inline constexpr std::uint32_t kConnect = 0;     // RRC connection established (SRB1); key: the K_eNB/K_gNB
                                                 // the UE will derive from its current NAS context
inline constexpr std::uint32_t kSmc = 1;         // SecurityModeCommand received on SRB1
inline constexpr std::uint32_t kSendUplink = 2;  // the UE has an RRC or NAS message to send on SRB1/SRB2
inline constexpr std::uint32_t kRelease = 3;     // the UE leaves RRC_CONNECTED

// What the UE sends.
inline constexpr std::uint32_t kNothing = 0;
inline constexpr std::uint32_t kComplete = 1;  // SecurityModeComplete
inline constexpr std::uint32_t kFailure = 2;   // SecurityModeFailure
inline constexpr std::uint32_t kUplink = 3;    // any other uplink message

inline constexpr std::uint32_t kNoKey = 0;

template <class V>
struct State {
  typename V::Bool connected;  // RRC_CONNECTED
  typename V::Word key;        // K_eNB / K_gNB of this connection
  typename V::Bool activated;  // "consider AS security to be activated" (5.3.4.3)
  typename V::Word eea, eia;   // AS algorithms in use once activated
  typename V::Bool integrity;  // lower layers apply SRB integrity protection
  typename V::Bool ciphering;  // lower layers apply SRB (and UP) ciphering

  static auto fields() {
    return std::tuple{field("connected", &State::connected), field("key", &State::key),
                      field("activated", &State::activated), field("eea", &State::eea), field("eia", &State::eia),
                      field("integrity", &State::integrity), field("ciphering", &State::ciphering)};
  }
};

template <class V>
struct Event {
  typename V::Word kind;
  typename V::Word key;       // kConnect: the key of the connection; kSmc: the key that computed MAC-I
  typename V::Word eea, eia;  // kSmc: cipheringAlgorithm, integrityProtAlgorithm

  static auto fields() {
    return std::tuple{field("kind", &Event::kind), field("key", &Event::key), field("eea", &Event::eea),
                      field("eia", &Event::eia)};
  }
};

// The message the UE submits to lower layers and the protection they apply to it.
template <class V>
struct Output {
  typename V::Word message;
  typename V::Bool integrity;  // MAC-I computed with K_RRCint of `key` and `eia`
  typename V::Bool ciphered;   // ciphered with K_RRCenc of `key` and `eea`
  typename V::Word key, eea, eia;

  static auto fields() {
    return std::tuple{field("message", &Output::message), field("integrity", &Output::integrity),
                      field("ciphered", &Output::ciphered), field("key", &Output::key), field("eea", &Output::eea),
                      field("eia", &Output::eia)};
  }
  static Output none(const V& v) {
    return {v.word(kNothing), v.lit(false), v.lit(false), v.word(kNoKey), v.word(0), v.word(0)};
  }
};

template <class V>
using Rules = std::vector<Rule<V, State<V>, Event<V>, Output<V>>>;
template <class V>
using Monitors = std::vector<Monitor<V, State<V>, Event<V>, Output<V>>>;

template <class V>
State<V> initial(const V& v) {
  return {v.lit(false), v.word(kNoKey), v.lit(false), v.word(0), v.word(0), v.lit(false), v.lit(false)};
}

// 5.3.4.3: the command passes the integrity check when its MAC-I was computed with K_RRCint of
// the key the UE derives; an attacker without that key cannot produce one.
template <class V>
typename V::Bool mac_ok(const V& v, const State<V>& s, const Event<V>& e) {
  return e.key == s.key && e.key != v.word(kNoKey);
}

// A command the procedure answers: in RRC_CONNECTED and before AS security is activated.
template <class V>
typename V::Bool answers_smc(const V& v, const State<V>& s, const Event<V>& e) {
  return e.kind == v.word(kSmc) && s.connected && !s.activated;
}

// The UE's keys and security configuration, compared between two states.
template <class V>
typename V::Bool same_security(const State<V>& a, const State<V>& b) {
  return a.key == b.key && a.activated == b.activated && a.eea == b.eea && a.eia == b.eia &&
         a.integrity == b.integrity && a.ciphering == b.ciphering;
}

template <class V>
Rules<V> rules() {
  using S = State<V>;
  using E = Event<V>;
  auto silent = [](const V& v, const S&, const E&) { return Output<V>::none(v); };
  return {
      {"connect", "TS 38.331 / 36.331 5.3.3, 5.3.1.1",
       [](const V& v, const S& s, const E& e) { return e.kind == v.word(kConnect) && !s.connected; },
       [](const V& v, const S&, const E& e) {
         S n = initial(v);
         n.connected = v.lit(true);
         n.key = e.key;
         return n;
       },
       silent},
      // 5.3.4.3 "else": keep the configuration used before the command, i.e. neither integrity
      // protection nor ciphering, and send the failure unprotected (TS 33.401 7.2.4.5, TS 33.501 6.7.4).
      {"smc_integrity_failure", "TS 38.331 / 36.331 5.3.4.3",
       [](const V& v, const S& s, const E& e) { return answers_smc(v, s, e) && !mac_ok(v, s, e); },
       [](const V&, const S& s, const E&) { return s; },
       [](const V& v, const S&, const E&) {
         Output<V> o = Output<V>::none(v);
         o.message = v.word(kFailure);
         return o;
       }},
      // 5.3.4.3: integrity protection applies immediately, to the COMPLETE too; ciphering only
      // after the procedure completes, so the COMPLETE is not ciphered (5.3.1.1).
      {"smc_accept", "TS 38.331 / 36.331 5.3.4.3, TS 33.401 7.2.4.5, TS 33.501 6.7.4",
       [](const V& v, const S& s, const E& e) { return answers_smc(v, s, e); },
       [](const V& v, const S& s, const E& e) {
         S n = s;
         n.activated = v.lit(true);
         n.eea = e.eea;
         n.eia = e.eia;
         n.integrity = v.lit(true);
         n.ciphering = v.lit(true);  // from the next message on: the COMPLETE has been submitted
         return n;
       },
       [](const V& v, const S& s, const E& e) {
         return Output<V>{v.word(kComplete), v.lit(true), v.lit(false), s.key, e.eea, e.eia};
       }},
      {"send_uplink", "TS 38.331 / 36.331 5.3.1.1",
       [](const V& v, const S& s, const E& e) { return e.kind == v.word(kSendUplink) && s.connected; },
       [](const V&, const S& s, const E&) { return s; },
       [](const V& v, const S& s, const E&) {
         return Output<V>{v.word(kUplink), s.integrity, s.ciphering, s.key, s.eea, s.eia};
       }},
      // 5.3.11: on leaving RRC_CONNECTED the UE discards K_eNB/K_gNB and the keys derived from it.
      {"release", "TS 38.331 / 36.331 5.3.11",
       [](const V& v, const S& s, const E& e) { return e.kind == v.word(kRelease) && s.connected; },
       [](const V& v, const S&, const E&) { return initial(v); }, silent},
  };
}

template <class V>
Monitors<V> monitors() {
  using S = State<V>;
  using E = Event<V>;
  using St = Step<V, S, Output<V>>;
  auto sends = [](const V& v, const St& st, std::uint32_t message) { return st.output.message == v.word(message); };
  return {
      {"complete_only_after_integrity_check", "TS 38.331 / 36.331 5.3.4.3",
       "the UE sends SecurityModeComplete only for a command whose MAC-I verifies with its own K_RRCint",
       [sends](const V& v, const S& s, const E& e, const St& st) {
         return !sends(v, st, kComplete) || (e.kind == v.word(kSmc) && mac_ok(v, s, e));
       }},
      {"security_starts_only_on_verified_command", "TS 38.331 / 36.331 5.3.4.3, TS 33.401 7.2.4.5",
       "the UE activates AS security, integrity protection or ciphering only on a command that verifies",
       [](const V& v, const S& s, const E& e, const St& st) {
         const auto starts = (st.state.activated && !s.activated) || (st.state.integrity && !s.integrity) ||
                             (st.state.ciphering && !s.ciphering);
         return !starts || (e.kind == v.word(kSmc) && mac_ok(v, s, e));
       }},
      {"every_smc_answered", "TS 38.331 / 36.331 5.3.4.3",
       "a command received before activation is answered: COMPLETE if it verifies, FAILURE if not",
       [sends](const V& v, const S& s, const E& e, const St& st) {
         return !answers_smc(v, s, e) || v.ite(mac_ok(v, s, e), sends(v, st, kComplete), sends(v, st, kFailure));
       }},
      {"complete_integrity_protected_not_ciphered", "TS 38.331 / 36.331 5.3.1.1, 5.3.4.3; TS 33.501 6.7.4",
       "SecurityModeComplete is integrity protected with the commanded algorithm and the connection's key, "
       "and not ciphered",
       [sends](const V& v, const S& s, const E& e, const St& st) {
         return !sends(v, st, kComplete) ||
                (st.output.integrity && !st.output.ciphered && st.output.key == s.key && st.output.eia == e.eia);
       }},
      {"failure_unprotected_configuration_kept", "TS 38.331 / 36.331 5.3.4.3; TS 33.401 7.2.4.5",
       "SecurityModeFailure is sent unprotected and the UE keeps the configuration it had before the command",
       [sends](const V& v, const S& s, const E&, const St& st) {
         return !sends(v, st, kFailure) ||
                (!st.output.integrity && !st.output.ciphered && same_security(s, st.state));
       }},
      {"no_ciphering_without_integrity", "TS 38.331 / 36.331 5.3.1.1",
       "the UE never ciphers without integrity protection, in its configuration or in a message",
       [](const V&, const S&, const E&, const St& st) {
         return (!st.state.ciphering || st.state.integrity) && (!st.output.ciphered || st.output.integrity);
       }},
      {"uplink_protected_after_activation", "TS 33.401 7.2.4.5, TS 33.501 6.7.4",
       "once AS security is activated every uplink message is integrity protected and ciphered with the "
       "connection's key and algorithms",
       [sends](const V& v, const S& s, const E&, const St& st) {
         return !(sends(v, st, kUplink) && s.activated) ||
                (st.output.integrity && st.output.ciphered && st.output.key == s.key && st.output.eea == s.eea &&
                 st.output.eia == s.eia);
       }},
      {"activated_once_per_connection", "TS 38.331 / 36.331 5.3.4.1, TS 33.401 7.2.4.5",
       "AS security is activated once per RRC connection: after that only leaving RRC_CONNECTED changes its "
       "key or algorithms",
       [](const V& v, const S& s, const E& e, const St& st) {
         return !s.activated || e.kind == v.word(kRelease) || same_security(s, st.state);
       }},
      {"release_discards_keys", "TS 38.331 / 36.331 5.3.11",
       "on leaving RRC_CONNECTED the UE holds no AS key and applies no AS security",
       [](const V& v, const S&, const E& e, const St& st) {
         return e.kind != v.word(kRelease) || (!st.state.connected && !st.state.activated &&
                                               st.state.key == v.word(kNoKey) && !st.state.integrity &&
                                               !st.state.ciphering);
       }},
  };
}

// Mutants: each check of the UE removed or weakened, and the failure path taking the success path's state.
inline std::vector<Mutation> mutations() {
  using K = Mutation::Kind;
  return {{K::drop_rule, "smc_integrity_failure"}, {K::force_rule, "smc_integrity_failure"},
          {K::drop_rule, "smc_accept"},            {K::force_rule, "smc_accept"},
          {K::borrow_next, "smc_integrity_failure", "smc_accept"},
          {K::borrow_next, "send_uplink", "smc_accept"},
          {K::drop_rule, "release"}};
}

// One line for a step of a trace; rule names come from the table as `m` mutates it when the
// party is named `party` (see mutate()).
std::string describe(const State<Concrete>& s, const Event<Concrete>& e,
                     const Step<Concrete, State<Concrete>, Output<Concrete>>& st, const Mutation* m,
                     std::string_view party = {});

}  // namespace secmode::spec::as_smc_ue

namespace secmode::spec {

struct AsSmcUe : Procedure<AsSmcUe> {
  static constexpr std::string_view name = "as_smc_ue";
  template <class V> using State = as_smc_ue::State<V>;
  template <class V> using Event = as_smc_ue::Event<V>;
  template <class V> using Output = as_smc_ue::Output<V>;
  template <class V> static auto table() { return as_smc_ue::rules<V>(); }
  template <class V> static auto monitors() { return as_smc_ue::monitors<V>(); }
  template <class V> static auto initial(const V& v) { return as_smc_ue::initial(v); }
  static auto mutations() { return as_smc_ue::mutations(); }
  static constexpr auto describe_line = &as_smc_ue::describe;
};

}  // namespace secmode::spec
