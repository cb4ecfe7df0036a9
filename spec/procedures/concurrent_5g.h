// Concurrent security procedures in 5GS: TS 33.501 6.9.5.1, rules 1-5 ("Rules related to AS
// and NAS security context synchronization"), over AMF, serving gNB and UE.
//
// One machine holds the three parties' keys and the messages in flight between them; each event
// is one party acting or one message being delivered, in any interleaving. The procedures:
//   - NAS SMC taking a new K_AMF (from primary authentication) into use (TS 33.501 6.7.2);
//   - an N2 procedure with a new K_gNB (NGAP UE Context Modification), which the gNB takes into
//     use and the UE follows through an RRC reconfiguration with key change;
//   - inter-AMF (or inter-RAT) handover, where the target side derives K_gNB from the K_AMF the
//     source AMF transfers, and the UE from the K_AMF it holds.
// A K_gNB is abstracted as (the K_AMF it derives from, a derivation number the network assigns
// and the UE learns from the message that changes it). Rules 1-5 are rows of their own that make
// the AMF wait, so each is a mutant when dropped. The top-level invariant is no loss of service:
// whenever nothing is in flight, UE, gNB and AMF agree on K_AMF and K_gNB.
//
// Channels here are reliable (loss is the NAS and AS procedures' own concern, see their parties);
// the gNB answers the N2 procedure, and the handover completes, once the UE has acted on the RRC
// message, so the AMF never sees a key change finished that the UE has not made.
#pragma once

#include <string>
#include <vector>

#include "spec/rules/concrete.h"
#include "spec/rules/fields.h"
#include "spec/rules/machine.h"
#include "spec/rules/monitor.h"
#include "spec/rules/procedure.h"

namespace secmode::spec::concurrent_5g {

// Event kinds: an AMF decision, or the delivery of the message in flight of that kind.
inline constexpr std::uint32_t kAuthentication = 0;  // primary authentication: new K_AMF `key`, not yet in use
inline constexpr std::uint32_t kStartSmc = 1;        // AMF wants to take the new K_AMF into use
inline constexpr std::uint32_t kUeSmc = 2;           // SECURITY MODE COMMAND reaches the UE
inline constexpr std::uint32_t kAmfComplete = 3;     // SECURITY MODE COMPLETE reaches the AMF
inline constexpr std::uint32_t kStartN2 = 4;         // AMF wants a new K_gNB (UE Context Modification)
inline constexpr std::uint32_t kGnbN2 = 5;           // the request reaches the gNB
inline constexpr std::uint32_t kUeKeyChange = 6;     // RRC reconfiguration with key change reaches the UE
inline constexpr std::uint32_t kAmfN2Done = 7;       // the N2 response reaches the AMF
inline constexpr std::uint32_t kHandoverRequired = 8;  // the gNB asks for inter-AMF / inter-RAT handover
inline constexpr std::uint32_t kUeHandover = 9;        // the handover command reaches the UE
inline constexpr std::uint32_t kHandoverDone = 10;     // the UE has arrived at the target

// What happens (for traces).
inline constexpr std::uint32_t kNothing = 0;
inline constexpr std::uint32_t kSent = 1;    // a message was sent or a key taken into use
inline constexpr std::uint32_t kWaits = 2;   // the AMF defers the request (rules 1-5)

inline constexpr std::uint32_t kNoKey = 0;

template <class V>
struct KgNb {
  typename V::Word base;  // the K_AMF it derives from
  typename V::Word n;     // derivation number
  static auto fields() { return std::tuple{field("base", &KgNb::base), field("n", &KgNb::n)}; }
};

template <class V>
struct State {
  // AMF
  typename V::Word amf_kamf;   // current K_AMF
  typename V::Word fresh;      // K_AMF from the latest authentication, not yet in use (kNoKey: none)
  typename V::Bool smc, n2, ho;  // procedures ongoing at the AMF
  typename V::Word count;      // K_gNB derivations so far
  // gNB (after a handover: the target gNB)
  KgNb<V> gnb;
  // UE
  typename V::Word ue_kamf;
  KgNb<V> ue;
  // Messages in flight, with what they carry.
  typename V::Bool smc_msg, complete_msg, n2_msg, key_change_msg, n2_done_msg, ho_msg, ho_done_msg;
  typename V::Word smc_key;  // the K_AMF the SECURITY MODE COMMAND takes into use
  KgNb<V> n2_key;            // the K_gNB the N2 request carries
  typename V::Word key_change_n, ho_n;  // derivation numbers the key change and the handover command carry

  static auto fields() {
    return std::tuple{field("amf_kamf", &State::amf_kamf), field("fresh", &State::fresh), field("smc", &State::smc),
                      field("n2", &State::n2), field("ho", &State::ho), field("count", &State::count),
                      field("gnb", &State::gnb), field("ue_kamf", &State::ue_kamf), field("ue", &State::ue),
                      field("smc_msg", &State::smc_msg), field("complete_msg", &State::complete_msg),
                      field("n2_msg", &State::n2_msg), field("key_change_msg", &State::key_change_msg),
                      field("n2_done_msg", &State::n2_done_msg), field("ho_msg", &State::ho_msg),
                      field("ho_done_msg", &State::ho_done_msg), field("smc_key", &State::smc_key),
                      field("n2_key", &State::n2_key), field("key_change_n", &State::key_change_n),
                      field("ho_n", &State::ho_n)};
  }
};

template <class V>
struct Event {
  typename V::Word kind;
  typename V::Word key;  // kAuthentication: the new K_AMF
  static auto fields() { return std::tuple{field("kind", &Event::kind), field("key", &Event::key)}; }
};

template <class V>
struct Output {
  typename V::Word action;
  static auto fields() { return std::tuple{field("action", &Output::action)}; }
  static Output none(const V& v) { return {v.word(kNothing)}; }
};

template <class V>
using Rules = std::vector<Rule<V, State<V>, Event<V>, Output<V>>>;
template <class V>
using Monitors = std::vector<Monitor<V, State<V>, Event<V>, Output<V>>>;

inline constexpr std::uint32_t kInitialKey = 1;  // registered: K_AMF 1 in use, K_gNB (1, 0) on both sides

template <class V>
State<V> initial(const V& v) {
  const KgNb<V> k{v.word(kInitialKey), v.word(0)};
  const auto f = v.lit(false);
  return {v.word(kInitialKey), v.word(kNoKey), f, f, f, v.word(0), k, v.word(kInitialKey), k,
          f, f, f, f, f, f, f, v.word(kNoKey), k, v.word(0), v.word(0)};
}

template <class V>
typename V::Bool in_flight(const State<V>& s) {
  return s.smc_msg || s.complete_msg || s.n2_msg || s.key_change_msg || s.n2_done_msg || s.ho_msg || s.ho_done_msg;
}

template <class V>
typename V::Bool quiescent(const State<V>& s) {
  return !s.smc && !s.n2 && !s.ho && !in_flight(s);
}

template <class V>
typename V::Bool same_kgnb(const KgNb<V>& a, const KgNb<V>& b) {
  return a.base == b.base && a.n == b.n;
}

template <class V>
Rules<V> rules() {
  using S = State<V>;
  using E = Event<V>;
  auto is = [](const V& v, const E& e, std::uint32_t kind) { return e.kind == v.word(kind); };
  auto act = [](const V& v, const S&, const E&) { return Output<V>{v.word(kSent)}; };
  auto wait = [](const V& v, const S&, const E&) { return Output<V>{v.word(kWaits)}; };
  auto keep = [](const V&, const S& s, const E&) { return s; };
  return {
      {"authentication", "TS 33.501 6.1.3",
       [is](const V& v, const S& s, const E& e) {
         return is(v, e, kAuthentication) && !s.smc && e.key != v.word(kNoKey) && e.key != s.amf_kamf;
       },
       [](const V&, const S& s, const E& e) {
         S n = s;
         n.fresh = e.key;
         return n;
       },
       act},
      {"rule2_no_smc_during_n2_key_change", "TS 33.501 6.9.5.1 rule 2",
       [is](const V& v, const S& s, const E& e) { return is(v, e, kStartSmc) && s.n2; }, keep, wait},
      {"rule5_no_downlink_nas_during_handover", "TS 33.501 6.9.5.1 rule 5",
       [is](const V& v, const S& s, const E& e) { return is(v, e, kStartSmc) && s.ho; }, keep, wait},
      {"start_smc", "TS 33.501 6.7.2",
       [is](const V& v, const S& s, const E& e) {
         return is(v, e, kStartSmc) && !s.smc && s.fresh != v.word(kNoKey);
       },
       [](const V& v, const S& s, const E&) {
         S n = s;
         n.smc = v.lit(true);
         n.smc_msg = v.lit(true);
         n.smc_key = s.fresh;
         return n;
       },
       act},
      {"ue_takes_new_kamf", "TS 33.501 6.7.2, TS 24.501 5.4.2.3",
       [is](const V& v, const S& s, const E& e) { return is(v, e, kUeSmc) && s.smc_msg; },
       [](const V& v, const S& s, const E&) {
         S n = s;
         n.smc_msg = v.lit(false);
         n.ue_kamf = s.smc_key;
         n.complete_msg = v.lit(true);
         return n;
       },
       act},
      {"amf_takes_new_kamf", "TS 33.501 6.7.2, TS 24.501 5.4.2.4",
       [is](const V& v, const S& s, const E& e) { return is(v, e, kAmfComplete) && s.complete_msg; },
       [](const V& v, const S& s, const E&) {
         S n = s;
         n.complete_msg = v.lit(false);
         n.smc = v.lit(false);
         n.amf_kamf = s.smc_key;
         n.fresh = v.word(kNoKey);
         return n;
       },
       act},
      {"rule1_no_new_kgnb_during_smc", "TS 33.501 6.9.5.1 rule 1",
       [is](const V& v, const S& s, const E& e) { return is(v, e, kStartN2) && s.smc; }, keep, wait},
      // TS 33.501 6.9.4.4: the new K_gNB derives from the AMF's current K_AMF and goes to the gNB
      // in an NGAP UE CONTEXT MODIFICATION REQUEST. Not one of rules 1-5, a modelling choice: a
      // UE being handed over is no longer the source gNB's to re-key.
      {"start_n2_key_change", "TS 33.501 6.9.4.4, 6.9.2.2",
       [is](const V& v, const S& s, const E& e) { return is(v, e, kStartN2) && !s.n2 && !s.ho; },
       [](const V& v, const S& s, const E&) {
         S n = s;
         n.n2 = v.lit(true);
         n.count = s.count + v.word(1);
         n.n2_msg = v.lit(true);
         n.n2_key = KgNb<V>{s.amf_kamf, s.count + v.word(1)};
         return n;
       },
       act},
      {"gnb_takes_new_kgnb", "TS 33.501 6.9.4.4",
       [is](const V& v, const S& s, const E& e) { return is(v, e, kGnbN2) && s.n2_msg; },
       [](const V& v, const S& s, const E&) {
         S n = s;
         n.n2_msg = v.lit(false);
         n.gnb = s.n2_key;
         n.key_change_msg = v.lit(true);
         n.key_change_n = s.n2_key.n;
         return n;
       },
       act},
      // TS 33.501 6.9.4.4: the UE derives the new K_gNB "using the KAMF from the current 5G NAS
      // security context".
      {"ue_takes_new_kgnb", "TS 33.501 6.9.4.4, A.9",
       [is](const V& v, const S& s, const E& e) { return is(v, e, kUeKeyChange) && s.key_change_msg; },
       [](const V& v, const S& s, const E&) {
         S n = s;
         n.key_change_msg = v.lit(false);
         n.ue = KgNb<V>{s.ue_kamf, s.key_change_n};
         n.n2_done_msg = v.lit(true);
         return n;
       },
       act},
      {"amf_n2_done", "TS 33.501 6.9.4.4",
       [is](const V& v, const S& s, const E& e) { return is(v, e, kAmfN2Done) && s.n2_done_msg; },
       [](const V& v, const S& s, const E&) {
         S n = s;
         n.n2_done_msg = v.lit(false);
         n.n2 = v.lit(false);
         return n;
       },
       act},
      {"rule3_no_handover_during_smc", "TS 33.501 6.9.5.1 rule 3",
       [is](const V& v, const S& s, const E& e) { return is(v, e, kHandoverRequired) && s.smc; }, keep, wait},
      {"rule4_no_handover_during_n2_key_change", "TS 33.501 6.9.5.1 rule 4",
       [is](const V& v, const S& s, const E& e) { return is(v, e, kHandoverRequired) && s.n2; }, keep, wait},
      // The source AMF transfers its current K_AMF; the target side derives the target gNB's key.
      {"start_handover", "TS 33.501 6.9.2.3.3",
       [is](const V& v, const S& s, const E& e) { return is(v, e, kHandoverRequired) && !s.ho; },
       [](const V& v, const S& s, const E&) {
         S n = s;
         n.ho = v.lit(true);
         n.count = s.count + v.word(1);
         n.gnb = KgNb<V>{s.amf_kamf, s.count + v.word(1)};
         n.ho_msg = v.lit(true);
         n.ho_n = s.count + v.word(1);
         return n;
       },
       act},
      {"ue_hands_over", "TS 33.501 6.9.2.3.3",
       [is](const V& v, const S& s, const E& e) { return is(v, e, kUeHandover) && s.ho_msg; },
       [](const V& v, const S& s, const E&) {
         S n = s;
         n.ho_msg = v.lit(false);
         n.ue = KgNb<V>{s.ue_kamf, s.ho_n};
         n.ho_done_msg = v.lit(true);
         return n;
       },
       act},
      {"handover_done", "TS 33.501 6.9.2.3.3",
       [is](const V& v, const S& s, const E& e) { return is(v, e, kHandoverDone) && s.ho_done_msg; },
       [](const V& v, const S& s, const E&) {
         S n = s;
         n.ho_done_msg = v.lit(false);
         n.ho = v.lit(false);
         return n;
       },
       act},
  };
}

template <class V>
Monitors<V> monitors() {
  using S = State<V>;
  using E = Event<V>;
  using St = Step<V, S, Output<V>>;
  auto starts = [](const V&, const typename V::Bool& before, const typename V::Bool& after) { return after && !before; };
  return {
      {"no_loss_of_service", "TS 33.501 6.9.5.1",
       "whenever no procedure is in flight, UE and AMF hold the same K_AMF and UE and gNB the same K_gNB",
       [](const V&, const S&, const E&, const St& st) {
         return !quiescent(st.state) || (st.state.ue_kamf == st.state.amf_kamf && same_kgnb(st.state.ue, st.state.gnb));
       }},
      {"no_new_kgnb_during_smc", "TS 33.501 6.9.5.1 rule 1",
       "the AMF starts no N2 procedure with a new key while a NAS SMC is ongoing",
       [starts](const V& v, const S& s, const E&, const St& st) { return !starts(v, s.n2, st.state.n2) || !s.smc; }},
      {"no_smc_during_new_kgnb", "TS 33.501 6.9.5.1 rule 2",
       "the AMF starts no NAS SMC while an N2 procedure with a new key is ongoing",
       [starts](const V& v, const S& s, const E&, const St& st) { return !starts(v, s.smc, st.state.smc) || !s.n2; }},
      {"no_handover_during_smc", "TS 33.501 6.9.5.1 rule 3",
       "the AMF initiates no inter-AMF or inter-RAT handover before a NAS SMC taking a new K_AMF into use completes",
       [starts](const V& v, const S& s, const E&, const St& st) { return !starts(v, s.ho, st.state.ho) || !s.smc; }},
      {"no_handover_during_new_kgnb", "TS 33.501 6.9.5.1 rule 4",
       "the AMF initiates no inter-AMF handover before a UE Context Modification with a new K_gNB completes",
       [starts](const V& v, const S& s, const E&, const St& st) { return !starts(v, s.ho, st.state.ho) || !s.n2; }},
      {"no_downlink_nas_during_handover", "TS 33.501 6.9.5.1 rule 5",
       "once the source AMF has initiated the handover it sends no downlink NAS message (here: no SMC)",
       [starts](const V& v, const S& s, const E&, const St& st) { return !starts(v, s.smc, st.state.smc) || !s.ho; }},
  };
}

// Mutants: each of rules 1-5 dropped.
inline std::vector<Mutation> mutations() {
  using K = Mutation::Kind;
  return {{K::drop_rule, "rule1_no_new_kgnb_during_smc"},
          {K::drop_rule, "rule2_no_smc_during_n2_key_change"},
          {K::drop_rule, "rule3_no_handover_during_smc"},
          {K::drop_rule, "rule4_no_handover_during_n2_key_change"},
          {K::drop_rule, "rule5_no_downlink_nas_during_handover"}};
}

std::string describe(const State<Concrete>& s, const Event<Concrete>& e,
                     const Step<Concrete, State<Concrete>, Output<Concrete>>& st, const Mutation* m,
                     std::string_view party = {});

}  // namespace secmode::spec::concurrent_5g

namespace secmode::spec {

struct Concurrent5g : Procedure<Concurrent5g> {
  static constexpr std::string_view name = "concurrent_5g";
  template <class V> using State = concurrent_5g::State<V>;
  template <class V> using Event = concurrent_5g::Event<V>;
  template <class V> using Output = concurrent_5g::Output<V>;
  template <class V> static auto table() { return concurrent_5g::rules<V>(); }
  template <class V> static auto monitors() { return concurrent_5g::monitors<V>(); }
  template <class V> static auto initial(const V& v) { return concurrent_5g::initial(v); }
  static auto mutations() { return concurrent_5g::mutations(); }
  static constexpr auto describe_line = &concurrent_5g::describe;
};

}  // namespace secmode::spec
