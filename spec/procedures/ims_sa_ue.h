// IMS security associations, UE side: TS 24.229 5.1.1.5.1 (a 401 challenge, the temporary set of
// security associations, its change into the newly established set on 200 OK, the deletion of
// the old set), 5.1.1.5.3 (MAC or SQN failure), 5.1.1.2.1 (one registration at a time), and the
// sec-agree rules they apply (RFC 3329 2.3.1 as TS 24.229 states it: Security-Client repeated,
// Security-Verify mirroring Security-Server). TS 24.229 implements TS 33.203 clause 7, whose text
// this project could not obtain; the P-CSCF side (TS 24.229 5.2.2) is not modelled yet.
//
// Abstractions: a set of security associations is an identity, the SPI of the Security-Client
// that proposed it (a fresh one for every new set, 5.1.1.5.3: "new values for spi_uc, spi_us and
// port_uc"); the P-CSCF's Security-Server list is its two most preferred integrity algorithms in
// order (0: none); lifetimes are events (the timer expired) rather than clocks; SIP transactions
// still running on the old set are not modelled (the old set is deleted when its deletion is
// allowed, not when those transactions end).
#pragma once

#include <string>
#include <vector>

#include "spec/rules/concrete.h"
#include "spec/rules/fields.h"
#include "spec/rules/machine.h"
#include "spec/rules/monitor.h"
#include "spec/rules/procedure.h"

namespace secmode::spec::ims_sa_ue {

// Event kinds.
inline constexpr std::uint32_t kSendRegister = 0;  // the UE registers or re-registers (spi: new SA proposal)
inline constexpr std::uint32_t kChallenge = 1;     // 401 (Unauthorized) to the pending REGISTER
inline constexpr std::uint32_t kOk = 2;            // 200 (OK) to the pending REGISTER
inline constexpr std::uint32_t kProtectedByNew = 3;  // a request or response from the P-CSCF over the new set
inline constexpr std::uint32_t kOldExpiry = 4;     // SIP level lifetime of the old set expires
inline constexpr std::uint32_t kTempExpiry = 5;    // reg-await-auth: the temporary set's lifetime expires
inline constexpr std::uint32_t kSaExpiry = 6;      // the established set's lifetime (registration + 30 s) expires

// What the UE sends.
inline constexpr std::uint32_t kNothing = 0;
inline constexpr std::uint32_t kRegister = 1;

// The answer a REGISTER carries to a challenge (Authorization "response" / "auts").
inline constexpr std::uint32_t kNoAnswer = 0;   // not answering a challenge
inline constexpr std::uint32_t kRes = 1;        // RES computed from RAND
inline constexpr std::uint32_t kEmptyResponse = 2;  // MAC failure: empty "response", no "auts"
inline constexpr std::uint32_t kAuts = 3;       // SQN failure: "auts"

inline constexpr std::uint32_t kNoSa = 0;  // no set / unprotected
inline constexpr std::uint32_t kNoAlg = 0;
inline constexpr std::uint32_t kAlgorithms = 4;  // integrity algorithm identities 1..3 (bit i of a mask)

template <class V>
struct State {
  typename V::Bool registered;
  typename V::Bool awaiting;    // a REGISTER waits for its final response (5.1.1.2.1)
  typename V::Word proposed;    // SPI of the Security-Client in that REGISTER
  typename V::Word offered;     // integrity algorithms it offered (mask)
  typename V::Word established, established_alg;  // the set in use, kNoSa if none
  typename V::Word old;         // the previous set, kept until its deletion is allowed
  typename V::Word temporary, temporary_alg;  // the temporary set of this registration
  typename V::Word server_first, server_second;  // ghost: the Security-Server the 401 carried

  static auto fields() {
    return std::tuple{field("registered", &State::registered),      field("awaiting", &State::awaiting),
                      field("proposed", &State::proposed),          field("offered", &State::offered),
                      field("established", &State::established),    field("established_alg", &State::established_alg),
                      field("old", &State::old),                    field("temporary", &State::temporary),
                      field("temporary_alg", &State::temporary_alg), field("server_first", &State::server_first),
                      field("server_second", &State::server_second)};
  }
};

template <class V>
struct Event {
  typename V::Word kind;
  typename V::Word spi;      // kSendRegister, kChallenge (on failure): SPI of a new Security-Client
  typename V::Word offered;  // kSendRegister: algorithms the Security-Client offers (mask)
  typename V::Bool mac_ok, sqn_ok;  // kChallenge: XMAC = MAC; SQN in range (TS 33.203)
  typename V::Bool server_present;  // kChallenge: Security-Server with the parameters SA set-up needs
  typename V::Word server_first, server_second;  // kChallenge: the P-CSCF's list, most preferred first
  typename V::Word sa;       // kChallenge, kOk, kProtectedByNew: the set the message arrived over

  static auto fields() {
    return std::tuple{field("kind", &Event::kind),          field("spi", &Event::spi),
                      field("offered", &Event::offered),    field("mac_ok", &Event::mac_ok),
                      field("sqn_ok", &Event::sqn_ok),      field("server_present", &Event::server_present),
                      field("server_first", &Event::server_first), field("server_second", &Event::server_second),
                      field("sa", &Event::sa)};
  }
};

// The REGISTER the UE sends, its headers and the set protecting it.
template <class V>
struct Output {
  typename V::Word message;      // kNothing, kRegister
  typename V::Word protected_by;  // the set of security associations, kNoSa for none
  typename V::Word client_spi;   // Security-Client
  typename V::Bool verify;       // Security-Verify present ...
  typename V::Word verify_first, verify_second;  // ... and its list
  typename V::Word answer;       // kNoAnswer, kRes, kEmptyResponse, kAuts
  typename V::Word deleted;      // a set deleted in this step, kNoSa if none

  static auto fields() {
    return std::tuple{field("message", &Output::message),      field("protected_by", &Output::protected_by),
                      field("client_spi", &Output::client_spi), field("verify", &Output::verify),
                      field("verify_first", &Output::verify_first), field("verify_second", &Output::verify_second),
                      field("answer", &Output::answer),        field("deleted", &Output::deleted)};
  }
  static Output none(const V& v) {
    return {v.word(kNothing), v.word(kNoSa), v.word(kNoSa), v.lit(false), v.word(kNoAlg), v.word(kNoAlg),
            v.word(kNoAnswer), v.word(kNoSa)};
  }
};

template <class V>
using Rules = std::vector<Rule<V, State<V>, Event<V>, Output<V>>>;
template <class V>
using Monitors = std::vector<Monitor<V, State<V>, Event<V>, Output<V>>>;

template <class V>
State<V> initial(const V& v) {
  return {v.lit(false),   v.lit(false),   v.word(kNoSa),  v.word(0),      v.word(kNoSa), v.word(kNoAlg),
          v.word(kNoSa),  v.word(kNoSa),  v.word(kNoAlg), v.word(kNoAlg), v.word(kNoAlg)};
}

template <class V>
typename V::Bool offers(const V& v, const typename V::Word& mask, const typename V::Word& alg) {
  typename V::Bool any = v.lit(false);
  for (std::uint32_t a = 1; a < kAlgorithms; ++a) any = any || (alg == v.word(a) && (mask & v.word(1u << a)) != v.word(0));
  return any;
}

// 5.1.1.5.1: "the most preferred mechanism and algorithm returned by the P-CSCF and supported by
// the UE": the first of the P-CSCF's list the UE offered, or none.
template <class V>
typename V::Word chosen(const V& v, const State<V>& s, const Event<V>& e) {
  return v.ite(offers(v, s.offered, e.server_first), e.server_first,
               v.ite(offers(v, s.offered, e.server_second), e.server_second, v.word(kNoAlg)));
}

// A SPI the UE may propose: not one of a set it holds (5.1.1.5.3: new values).
template <class V>
typename V::Bool fresh_spi(const V& v, const State<V>& s, const typename V::Word& spi) {
  return spi != v.word(kNoSa) && spi != s.established && spi != s.old && spi != s.temporary && spi != s.proposed;
}

// 5.1.1.5.1: the first message the P-CSCF protects with the newly established set ends the old
// set; a 401 to a re-registration is such a message (it comes back over the set the REGISTER
// used).
template <class V>
typename V::Bool ends_old_set(const V& v, const State<V>& s, const Event<V>& e) {
  return s.old != v.word(kNoSa) && s.established != v.word(kNoSa) && e.sa == s.established;
}

template <class V>
State<V> after_message_over(const V& v, const State<V>& s, const Event<V>& e) {
  State<V> n = s;
  n.old = v.ite(ends_old_set(v, s, e), v.word(kNoSa), s.old);
  return n;
}

template <class V>
Output<V> register_over(const V& v, const State<V>& s, const Event<V>& e, const typename V::Word& sa,
                        const typename V::Word& spi, const typename V::Word& answer) {
  Output<V> o = Output<V>::none(v);
  o.message = v.word(kRegister);
  o.protected_by = sa;
  o.client_spi = spi;
  o.answer = answer;
  o.deleted = v.ite(ends_old_set(v, s, e), s.old, v.word(kNoSa));
  return o;
}

template <class V>
Rules<V> rules() {
  using S = State<V>;
  using E = Event<V>;
  auto silent = [](const V& v, const S&, const E&) { return Output<V>::none(v); };
  // The 401 to the pending REGISTER, over the set that REGISTER used (none for an initial one).
  auto challenge = [](const V& v, const S& s, const E& e) {
    return e.kind == v.word(kChallenge) && s.awaiting && e.sa == s.established;
  };
  // 5.1.1.5.3: a challenge deemed invalid is answered over an existing set, if any, with a new
  // Security-Client and no temporary set.
  // A step that deletes the set held in `which`, and the one that deletes the old set.
  auto deleting = [](typename V::Word S::*which) {
    return [which](const V& v, const S& s, const E&) {
      Output<V> o = Output<V>::none(v);
      o.deleted = s.*which;
      return o;
    };
  };
  auto drop_old = [](const V& v, const S& s, const E&) {
    S n = s;
    n.old = v.word(kNoSa);
    return n;
  };
  auto invalid_challenge_next = [](const V& v, const S& s, const E& e) {
    S n = after_message_over(v, s, e);
    n.proposed = e.spi;
    return n;
  };
  return {
      // 5.1.1.2.1: "the UE shall only initiate a new registration procedure when it has received a
      // final response from the registrar for the ongoing registration, or the previous REGISTER
      // request has timed out"; re-registrations go over the set in use (5.1.1.4.2).
      {"send_register", "TS 24.229 5.1.1.2.1, 5.1.1.2.2, 5.1.1.4.2",
       [](const V& v, const S& s, const E& e) {
         return e.kind == v.word(kSendRegister) && !s.awaiting && fresh_spi(v, s, e.spi) && e.offered != v.word(0);
       },
       [](const V& v, const S& s, const E& e) {
         S n = s;
         n.awaiting = v.lit(true);
         n.proposed = e.spi;
         n.offered = e.offered;
         return n;
       },
       [](const V& v, const S& s, const E& e) {
         Output<V> o = register_over(v, s, e, s.established, e.spi, v.word(kNoAnswer));
         o.deleted = v.word(kNoSa);
         return o;
       }},
      {"challenge_mac_failure", "TS 24.229 5.1.1.5.3",
       [challenge](const V& v, const S& s, const E& e) {
         return challenge(v, s, e) && !e.mac_ok && fresh_spi(v, s, e.spi);
       },
       invalid_challenge_next,
       [](const V& v, const S& s, const E& e) {
         return register_over(v, s, e, s.established, e.spi, v.word(kEmptyResponse));
       }},
      {"challenge_sqn_failure", "TS 24.229 5.1.1.5.3",
       [challenge](const V& v, const S& s, const E& e) {
         return challenge(v, s, e) && !e.sqn_ok && fresh_spi(v, s, e.spi);
       },
       invalid_challenge_next,
       [](const V& v, const S& s, const E& e) { return register_over(v, s, e, s.established, e.spi, v.word(kAuts)); }},
      // 5.1.1.5.1 3): no usable Security-Server: "abandon the authentication procedure and send a
      // new REGISTER request with a new Call-ID" (a new registration attempt, so a new proposal).
      {"challenge_without_security_server", "TS 24.229 5.1.1.5.1",
       [challenge](const V& v, const S& s, const E& e) {
         return challenge(v, s, e) && (!e.server_present || chosen(v, s, e) == v.word(kNoAlg)) &&
                fresh_spi(v, s, e.spi);
       },
       invalid_challenge_next,
       [](const V& v, const S& s, const E& e) {
         return register_over(v, s, e, s.established, e.spi, v.word(kNoAnswer));
       }},
      // 5.1.1.5.1: a valid 401: a temporary set from the proposal and the P-CSCF's most preferred
      // algorithm the UE supports, lifetime reg-await-auth; the answer goes over it, with the same
      // Security-Client and a Security-Verify mirroring Security-Server.
      {"challenge_valid", "TS 24.229 5.1.1.5.1",
       [challenge](const V& v, const S& s, const E& e) {
         return challenge(v, s, e) && e.mac_ok && e.sqn_ok && e.server_present && chosen(v, s, e) != v.word(kNoAlg);
       },
       [](const V& v, const S& s, const E& e) {
         S n = after_message_over(v, s, e);
         n.temporary = s.proposed;
         n.temporary_alg = chosen(v, s, e);
         n.server_first = e.server_first;
         n.server_second = e.server_second;
         return n;
       },
       [](const V& v, const S& s, const E& e) {
         Output<V> o = register_over(v, s, e, s.proposed, s.proposed, v.word(kRes));
         o.verify = v.lit(true);
         o.verify_first = e.server_first;
         o.verify_second = e.server_second;
         return o;
       }},
      // 5.1.1.5.1: 200 OK to the SA-protected REGISTER: "change the temporary set of security
      // associations to a newly established set"; the one in use so far becomes the old set.
      {"ok_over_temporary", "TS 24.229 5.1.1.5.1",
       [](const V& v, const S& s, const E& e) {
         return e.kind == v.word(kOk) && s.awaiting && s.temporary != v.word(kNoSa) && e.sa == s.temporary;
       },
       [](const V& v, const S& s, const E&) {
         S n = s;
         n.registered = v.lit(true);
         n.awaiting = v.lit(false);
         n.old = s.established;
         n.established = s.temporary;
         n.established_alg = s.temporary_alg;
         n.temporary = v.word(kNoSa);
         n.temporary_alg = v.word(kNoAlg);
         return n;
       },
       silent},
      // A re-registration the network did not challenge, answered over the set in use.
      {"ok_without_challenge", "TS 24.229 5.1.1.4.1",
       [](const V& v, const S& s, const E& e) {
         return e.kind == v.word(kOk) && s.awaiting && s.temporary == v.word(kNoSa) &&
                s.established != v.word(kNoSa) && e.sa == s.established;
       },
       [](const V& v, const S& s, const E&) {
         S n = s;
         n.registered = v.lit(true);
         n.awaiting = v.lit(false);
         return n;
       },
       silent},
      // 5.1.1.5.1: "When the first request or response protected with the newly established set
      // of security associations is received from the P-CSCF or when the lifetime of the old set
      // of security associations expires, the UE shall delete the old set".
      {"delete_old_on_first_use_of_new", "TS 24.229 5.1.1.5.1",
       [](const V& v, const S& s, const E& e) {
         return e.kind == v.word(kProtectedByNew) && s.old != v.word(kNoSa) && e.sa == s.established;
       },
       drop_old, deleting(&S::old)},
      {"delete_old_on_expiry", "TS 24.229 5.1.1.5.1",
       [](const V& v, const S& s, const E& e) { return e.kind == v.word(kOldExpiry) && s.old != v.word(kNoSa); },
       drop_old, deleting(&S::old)},
      // 5.1.1.5.1: the temporary set lives for reg-await-auth; 5.1.1.2.1: the REGISTER has then
      // timed out, and a new registration may start.
      {"temporary_expiry", "TS 24.229 5.1.1.5.1, 5.1.1.2.1",
       [](const V& v, const S& s, const E& e) {
         return e.kind == v.word(kTempExpiry) && s.temporary != v.word(kNoSa);
       },
       [](const V& v, const S& s, const E&) {
         S n = s;
         n.temporary = v.word(kNoSa);
         n.temporary_alg = v.word(kNoAlg);
         n.awaiting = v.lit(false);
         return n;
       },
       deleting(&S::temporary)},
      // The established set lives for the registration plus 30 s (5.1.1.5.1): when it expires the
      // registration has too, and the UE has no set toward the P-CSCF. The old set has expired by
      // then: the new set's lifetime was set to "the longest of either the previously existing set
      // of security associations SIP level lifetime, or ..." (5.1.1.5.1).
      {"established_expiry", "TS 24.229 5.1.1.5.1",
       [](const V& v, const S& s, const E& e) {
         return e.kind == v.word(kSaExpiry) && s.established != v.word(kNoSa);
       },
       [](const V& v, const S& s, const E&) {
         S n = s;
         n.registered = v.lit(false);
         n.established = v.word(kNoSa);
         n.established_alg = v.word(kNoAlg);
         n.old = v.word(kNoSa);
         return n;
       },
       deleting(&S::established)},
  };
}

template <class V>
Monitors<V> monitors() {
  using S = State<V>;
  using E = Event<V>;
  using St = Step<V, S, Output<V>>;
  auto creates_temporary = [](const V& v, const S& s, const St& st) {
    return st.state.temporary != v.word(kNoSa) && st.state.temporary != s.temporary;
  };
  auto is_challenge = [](const V& v, const E& e) { return e.kind == v.word(kChallenge); };
  return {
      {"temporary_set_only_on_valid_challenge", "TS 24.229 5.1.1.5.1",
       "a temporary set of security associations is set up only on a 401 whose MAC and SQN check out and whose "
       "Security-Server the UE can use",
       [creates_temporary](const V& v, const S& s, const E& e, const St& st) {
         return !creates_temporary(v, s, st) ||
                (e.kind == v.word(kChallenge) && e.mac_ok && e.sqn_ok && e.server_present);
       }},
      {"failed_challenge_answered_without_temporary_set", "TS 24.229 5.1.1.5.3",
       "a 401 with a wrong MAC or an SQN out of range is answered over an existing set, if any, with a new "
       "Security-Client, an empty response (MAC) or auts (SQN), and no temporary set",
       [is_challenge](const V& v, const S& s, const E& e, const St& st) {
         return !(is_challenge(v, e) && s.awaiting && (!e.mac_ok || !e.sqn_ok) &&
                  st.output.message == v.word(kRegister)) ||
                (st.state.temporary == s.temporary && st.output.protected_by == s.established &&
                 st.output.client_spi != s.proposed &&
                 st.output.answer == v.ite(e.mac_ok, v.word(kAuts), v.word(kEmptyResponse)));
       }},
      {"every_challenge_answered", "TS 24.229 5.1.1.5.1, 5.1.1.5.3",
       "every 401 to the pending REGISTER gets a further REGISTER: the answer over the temporary set, a REGISTER "
       "saying the challenge is invalid, or a new REGISTER when Security-Server is unusable",
       [is_challenge](const V& v, const S& s, const E& e, const St& st) {
         const auto usable = e.mac_ok && e.sqn_ok && e.server_present && chosen(v, s, e) != v.word(kNoAlg);
         return !(is_challenge(v, e) && s.awaiting && e.sa == s.established && (usable || fresh_spi(v, s, e.spi))) ||
                st.output.message == v.word(kRegister);
       }},
      {"temporary_set_lives_reg_await_auth", "TS 24.229 5.1.1.5.1",
       "the temporary set's SIP level lifetime is reg-await-auth: when it expires the set is gone",
       [](const V& v, const S& s, const E& e, const St& st) {
         return !(e.kind == v.word(kTempExpiry) && s.temporary != v.word(kNoSa)) ||
                (st.state.temporary == v.word(kNoSa) && !st.state.awaiting);
       }},
      {"security_verify_mirrors_security_server", "TS 24.229 5.1.1.5.1, RFC 3329 2.3.1",
       "the REGISTER answering a challenge repeats the Security-Client and mirrors the Security-Server it "
       "received in Security-Verify",
       [](const V& v, const S& s, const E& e, const St& st) {
         return !(st.output.answer == v.word(kRes)) ||
                (st.output.verify && st.output.verify_first == e.server_first &&
                 st.output.verify_second == e.server_second && st.output.client_spi == s.proposed &&
                 st.output.protected_by == st.state.temporary);
       }},
      {"algorithm_offered_and_most_preferred", "TS 24.229 5.1.1.5.1",
       "the temporary set uses an algorithm the UE offered: the P-CSCF's most preferred one the UE supports",
       [creates_temporary](const V& v, const S& s, const E& e, const St& st) {
         return !creates_temporary(v, s, st) ||
                (offers(v, s.offered, st.state.temporary_alg) &&
                 (st.state.temporary_alg == e.server_first || !offers(v, s.offered, e.server_first)));
       }},
      {"established_only_from_temporary_on_ok", "TS 24.229 5.1.1.5.1",
       "a new set is taken into use only by a 200 OK to the REGISTER protected with the temporary set",
       [](const V& v, const S& s, const E& e, const St& st) {
         return st.state.established == s.established || st.state.established == v.word(kNoSa) ||
                (e.kind == v.word(kOk) && s.temporary != v.word(kNoSa) && e.sa == s.temporary &&
                 st.state.established == s.temporary);
       }},
      {"old_set_deleted_only_when_allowed", "TS 24.229 5.1.1.5.1",
       "the old set is deleted only when the P-CSCF first uses the new set or the old set's lifetime expires",
       [](const V& v, const S& s, const E& e, const St& st) {
         const auto from_pcscf = e.kind == v.word(kProtectedByNew) || e.kind == v.word(kChallenge);
         // kSaExpiry: the old set's lifetime is no longer than the established set's (5.1.1.5.1).
         return s.old == v.word(kNoSa) || st.state.old == s.old || (from_pcscf && e.sa == s.established) ||
                e.kind == v.word(kOldExpiry) || e.kind == v.word(kSaExpiry);
       }},
      {"registered_with_a_usable_set", "TS 24.229 5.1.1.5.1, 5.1.1.2.1",
       "while registered the UE holds an established set of security associations toward the P-CSCF",
       [](const V& v, const S&, const E&, const St& st) {
         return !st.state.registered || st.state.established != v.word(kNoSa);
       }},
      {"one_registration_pending", "TS 24.229 5.1.1.2.1",
       "a new registration (and its new proposal) starts only when the previous one has its final response or "
       "timed out, so at most one temporary set is pending",
       [](const V& v, const S& s, const E& e, const St& st) {
         return !(e.kind == v.word(kSendRegister) && st.output.message == v.word(kRegister)) || !s.awaiting;
       }},
      {"new_sets_are_new", "TS 24.229 5.1.1.5.3",
       "a set of security associations the UE proposes is never one it already holds",
       [](const V& v, const S& s, const E&, const St& st) {
         return st.output.client_spi == v.word(kNoSa) || st.output.client_spi == s.proposed ||
                (st.output.client_spi != s.established && st.output.client_spi != s.old &&
                 st.output.client_spi != s.temporary);
       }},
  };
}

inline std::vector<Mutation> mutations() {
  using K = Mutation::Kind;
  return {{K::drop_rule, "challenge_mac_failure"},     {K::drop_rule, "challenge_sqn_failure"},
          {K::drop_rule, "challenge_without_security_server"}, {K::force_rule, "challenge_valid"},
          {K::force_rule, "ok_over_temporary"},        {K::force_rule, "delete_old_on_expiry"},
          {K::drop_rule, "temporary_expiry"},          {K::force_rule, "send_register"},
          {K::borrow_next, "challenge_mac_failure", "challenge_valid"}};
}

std::string describe(const State<Concrete>& s, const Event<Concrete>& e,
                     const Step<Concrete, State<Concrete>, Output<Concrete>>& st, const Mutation* m,
                     std::string_view party = {});

}  // namespace secmode::spec::ims_sa_ue

namespace secmode::spec {

struct ImsSaUe : Procedure<ImsSaUe> {
  static constexpr std::string_view name = "ims_sa_ue";
  template <class V> using State = ims_sa_ue::State<V>;
  template <class V> using Event = ims_sa_ue::Event<V>;
  template <class V> using Output = ims_sa_ue::Output<V>;
  template <class V> static auto table() { return ims_sa_ue::rules<V>(); }
  template <class V> static auto monitors() { return ims_sa_ue::monitors<V>(); }
  template <class V> static auto initial(const V& v) { return ims_sa_ue::initial(v); }
  static auto mutations() { return ims_sa_ue::mutations(); }
  static constexpr auto describe_line = &ims_sa_ue::describe;
};

}  // namespace secmode::spec
