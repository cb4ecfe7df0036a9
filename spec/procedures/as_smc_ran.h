// AS security mode command, network side (eNB in LTE, gNB in NR): TS 36.331 / TS 38.331 5.3.4
// (initial AS security activation) and 5.3.1.1 (SRB2 and DRBs, release on failure), TS 33.401
// 7.2.4.5 and TS 33.501 6.7.4 (when the eNB/gNB starts downlink ciphering and uplink
// deciphering), TS 33.401 7.2.4.2.1 and TS 33.501 6.7.3.0 (algorithms from the UE's
// capabilities). As on the UE side (as_smc_ue.h) the two RATs share these rules.
//
// The UE security capabilities arrive with K_eNB/K_gNB in the S1AP / NGAP Initial Context Setup;
// the model encodes them as one word: bit i for ciphering algorithm i, bit 8 + i for integrity
// algorithm i (i = 0..7). The null algorithms' policy is the NAS procedures' concern and is not
// repeated here.
//
// TS 33.401 7.2.4.2.1 / TS 33.501 6.7.3.0: each eNB / gNB is configured with a list of ciphering
// and one of integrity algorithms, ordered by the operator's priority, and chooses the algorithm of
// highest priority that is also among the UE security capabilities. A list is one word of eight
// 4-bit slots, slot 0 the highest priority: 0 an empty slot, a + 1 algorithm a. A word of 0 (no
// list: what the eNB / gNB is configured with is not known) lets it choose any algorithm the UE
// supports.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "spec/rules/concrete.h"
#include "spec/rules/fields.h"
#include "spec/rules/machine.h"
#include "spec/rules/monitor.h"
#include "spec/rules/procedure.h"

namespace secmode::spec::as_smc_ran {

// Event kinds.
inline constexpr std::uint32_t kConnect = 0;           // RRC connection established (SRB1 only)
inline constexpr std::uint32_t kContextSetup = 1;      // Initial Context Setup: K_eNB/K_gNB and UE capabilities
inline constexpr std::uint32_t kStartSmc = 2;          // the eNB/gNB selects algorithms and starts the SMC
inline constexpr std::uint32_t kComplete = 3;          // SecurityModeComplete received
inline constexpr std::uint32_t kFailure = 4;           // SecurityModeFailure received
inline constexpr std::uint32_t kEstablishBearers = 5;  // RRC reconfiguration adding SRB2 and DRBs
inline constexpr std::uint32_t kSendDownlink = 6;      // any other downlink message on SRB1/SRB2
inline constexpr std::uint32_t kRelease = 7;           // the connection is released

// What the eNB/gNB sends or does.
inline constexpr std::uint32_t kNothing = 0;
inline constexpr std::uint32_t kSmc = 1;              // SecurityModeCommand
inline constexpr std::uint32_t kReconfiguration = 2;  // RRC(Connection)Reconfiguration adding SRB2/DRBs
inline constexpr std::uint32_t kDownlink = 3;
inline constexpr std::uint32_t kReleased = 4;  // the RRC connection is released

inline constexpr std::uint32_t kNoKey = 0;
inline constexpr std::uint32_t kIntegrityCapabilityShift = 8;
inline constexpr std::uint32_t kAnyOrder = 0;     // no configured priority list
inline constexpr std::uint32_t kNoAlgorithm = 8;  // what a list whose algorithms the UE all lacks picks

template <class V>
struct State {
  typename V::Bool connected;
  typename V::Word key;   // K_eNB / K_gNB from Initial Context Setup
  typename V::Word caps;  // UE security capabilities, encoded as above
  typename V::Bool pending;    // SecurityModeCommand sent, no answer yet
  typename V::Bool activated;  // verified SecurityModeComplete received
  typename V::Word eea, eia;   // the algorithms selected
  typename V::Bool integrity;       // RRC integrity protection (downlink) and verification (uplink)
  typename V::Bool dl_ciphering;    // RRC downlink ciphering
  typename V::Bool ul_deciphering;  // RRC uplink deciphering
  typename V::Bool bearers;         // SRB2 and DRBs established
  typename V::Word eea_order, eia_order;  // the configured priority lists, encoded as above

  static auto fields() {
    return std::tuple{field("connected", &State::connected),
                      field("key", &State::key),
                      field("caps", &State::caps),
                      field("pending", &State::pending),
                      field("activated", &State::activated),
                      field("eea", &State::eea),
                      field("eia", &State::eia),
                      field("integrity", &State::integrity),
                      field("dl_ciphering", &State::dl_ciphering),
                      field("ul_deciphering", &State::ul_deciphering),
                      field("bearers", &State::bearers),
                      field("eea_order", &State::eea_order),
                      field("eia_order", &State::eia_order)};
  }
};

template <class V>
struct Event {
  typename V::Word kind;
  typename V::Word key;       // kContextSetup: the key; kComplete: the key that computed MAC-I
  typename V::Word caps;      // kContextSetup
  typename V::Word eea, eia;  // kStartSmc: the selection; kComplete: the integrity algorithm of its MAC-I
  typename V::Bool ciphered;  // kComplete: the message was ciphered
  typename V::Word eea_order, eia_order;  // kConnect: the eNB / gNB's configured priority lists

  static auto fields() {
    return std::tuple{field("kind", &Event::kind),
                      field("key", &Event::key),
                      field("caps", &Event::caps),
                      field("eea", &Event::eea),
                      field("eia", &Event::eia),
                      field("ciphered", &Event::ciphered),
                      field("eea_order", &Event::eea_order),
                      field("eia_order", &Event::eia_order)};
  }
};

template <class V>
struct Output {
  typename V::Word message;
  typename V::Bool integrity, ciphered;
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
  return {v.lit(false), v.word(kNoKey), v.word(0),    v.lit(false), v.lit(false),      v.word(0),        v.word(0),
          v.lit(false), v.lit(false),   v.lit(false), v.lit(false), v.word(kAnyOrder), v.word(kAnyOrder)};
}

// Whether algorithm `alg` (0..7) has its bit set in `caps` at `shift`; any other value is not
// an algorithm identity (3 bits in S1AP/NGAP and RRC).
template <class V>
typename V::Bool supports(const V& v, const typename V::Word& caps, const typename V::Word& alg, std::uint32_t shift) {
  typename V::Bool any = v.lit(false);
  for (std::uint32_t i = 0; i < 8; ++i) any = any || (alg == v.word(i) && (caps & v.word(1u << (shift + i))) != v.word(0));
  return any;
}

// A configured list, highest priority first (at most 8 algorithm identities of 0..7, which the caller
// checks), as the word above.
inline std::uint32_t order_word(std::span<const std::uint8_t> list) {
  std::uint32_t word = kAnyOrder;
  for (std::size_t slot = 0; slot < list.size() && slot < 8; ++slot)
    word |= static_cast<std::uint32_t>((list[slot] & 7u) + 1u) << (4 * slot);
  return word;
}

// TS 33.401 7.2.4.2.1 / TS 33.501 6.7.3.0: the algorithm a priority list (encoded as above) chooses
// from `caps`: that of its highest-priority slot which the UE supports; kNoAlgorithm when none.
template <class V>
typename V::Word preferred(const V& v, const typename V::Word& order, const typename V::Word& caps,
                           std::uint32_t shift) {
  typename V::Word pick = v.word(kNoAlgorithm);
  for (std::uint32_t slot = 8; slot-- > 0;)  // the last slot first: a higher one overrides it
    for (std::uint32_t a = 0; a < 8; ++a)
      pick = v.ite((order & v.word(0xfu << (4 * slot))) == v.word((a + 1) << (4 * slot)) &&
                       (caps & v.word(1u << (shift + a))) != v.word(0),
                   v.word(a), pick);
  return pick;
}

// The selection of a SecurityModeCommand follows the configured lists, when there are any.
template <class V>
typename V::Bool by_priority(const V& v, const State<V>& s, const typename V::Word& eea, const typename V::Word& eia) {
  return (s.eea_order == v.word(kAnyOrder) || eea == preferred(v, s.eea_order, s.caps, 0)) &&
         (s.eia_order == v.word(kAnyOrder) || eia == preferred(v, s.eia_order, s.caps, kIntegrityCapabilityShift));
}

// TS 33.401 7.2.4.5 / TS 33.501 6.7.4: the COMPLETE verifies with K_RRCint of the connection's
// key and the selected algorithm; uplink deciphering has not started, so a ciphered one does not.
template <class V>
typename V::Bool complete_verifies(const V& v, const State<V>& s, const Event<V>& e) {
  return e.key == s.key && e.key != v.word(kNoKey) && e.eia == s.eia && !e.ciphered;
}

template <class V>
Output<V> protected_message(const V& v, const State<V>& s, std::uint32_t message) {
  return {v.word(message), s.integrity, s.dl_ciphering, s.key, s.eea, s.eia};
}

template <class V>
Rules<V> rules() {
  using S = State<V>;
  using E = Event<V>;
  auto silent = [](const V& v, const S&, const E&) { return Output<V>::none(v); };
  auto released = [](const V& v, const S&, const E&) {
    Output<V> o = Output<V>::none(v);
    o.message = v.word(kReleased);
    return o;
  };
  return {
      {"connect", "TS 38.331 / 36.331 5.3.3, 5.3.1.1",
       [](const V& v, const S& s, const E& e) { return e.kind == v.word(kConnect) && !s.connected; },
       [](const V& v, const S&, const E& e) {
         S n = initial(v);
         n.connected = v.lit(true);
         n.eea_order = e.eea_order;
         n.eia_order = e.eia_order;
         return n;
       },
       silent},
      // TS 33.401 7.2.4.5: the AS SMC is used only during an initial context setup, to activate
      // an initial K_eNB.
      {"context_setup", "TS 33.401 7.2.4.5, TS 33.501 6.7.4",
       [](const V& v, const S& s, const E& e) {
         return e.kind == v.word(kContextSetup) && s.connected && s.key == v.word(kNoKey) && e.key != v.word(kNoKey);
       },
       [](const V&, const S& s, const E& e) {
         S n = s;
         n.key = e.key;
         n.caps = e.caps;
         return n;
       },
       silent},
      // 5.3.4.2: only while SRB1 alone is established. The command is integrity protected and not
      // ciphered; downlink ciphering starts after it is sent (TS 33.401 7.2.4.5, TS 33.501 6.7.4).
      {"start_smc", "TS 38.331 / 36.331 5.3.4.2, TS 33.401 7.2.4.2.1, 7.2.4.5, TS 33.501 6.7.3.0, 6.7.4",
       [](const V& v, const S& s, const E& e) {
         return e.kind == v.word(kStartSmc) && s.connected && s.key != v.word(kNoKey) && !s.pending && !s.activated &&
                !s.bearers && supports(v, s.caps, e.eea, 0) && supports(v, s.caps, e.eia, kIntegrityCapabilityShift) &&
                by_priority(v, s, e.eea, e.eia);
       },
       [](const V& v, const S& s, const E& e) {
         S n = s;
         n.pending = v.lit(true);
         n.eea = e.eea;
         n.eia = e.eia;
         n.integrity = v.lit(true);
         n.dl_ciphering = v.lit(true);
         return n;
       },
       [](const V& v, const S& s, const E& e) {
         return Output<V>{v.word(kSmc), v.lit(true), v.lit(false), s.key, e.eea, e.eia};
       }},
      {"complete", "TS 33.401 7.2.4.5, TS 33.501 6.7.4",
       [](const V& v, const S& s, const E& e) {
         return e.kind == v.word(kComplete) && s.pending && complete_verifies(v, s, e);
       },
       [](const V& v, const S& s, const E&) {
         S n = s;
         n.pending = v.lit(false);
         n.activated = v.lit(true);
         n.ul_deciphering = v.lit(true);
         return n;
       },
       silent},
      // 5.3.1.1: "the network should release the RRC connection if the initial AS security
      // activation ... fails".
      {"failure", "TS 38.331 / 36.331 5.3.1.1",
       [](const V& v, const S& s, const E& e) { return e.kind == v.word(kFailure) && s.pending; },
       [](const V& v, const S&, const E&) { return initial(v); }, released},
      // 5.3.1.1: SRB2 and DRBs may be set up once the command is sent, before its confirmation,
      // always with integrity protection and ciphering.
      {"establish_bearers", "TS 38.331 / 36.331 5.3.1.1",
       [](const V& v, const S& s, const E& e) {
         return e.kind == v.word(kEstablishBearers) && s.connected && (s.pending || s.activated) && !s.bearers;
       },
       [](const V& v, const S& s, const E&) {
         S n = s;
         n.bearers = v.lit(true);
         return n;
       },
       [](const V& v, const S& s, const E&) { return protected_message(v, s, kReconfiguration); }},
      {"send_downlink", "TS 38.331 / 36.331 5.3.1.1",
       [](const V& v, const S& s, const E& e) { return e.kind == v.word(kSendDownlink) && s.connected; },
       [](const V&, const S& s, const E&) { return s; },
       [](const V& v, const S& s, const E&) { return protected_message(v, s, kDownlink); }},
      {"release", "TS 38.331 / 36.331 5.3.8, 5.3.11",
       [](const V& v, const S& s, const E& e) { return e.kind == v.word(kRelease) && s.connected; },
       [](const V& v, const S&, const E&) { return initial(v); }, released},
  };
}

template <class V>
Monitors<V> monitors() {
  using S = State<V>;
  using E = Event<V>;
  using St = Step<V, S, Output<V>>;
  auto sends = [](const V& v, const St& st, std::uint32_t message) { return st.output.message == v.word(message); };
  return {
      {"smc_integrity_protected_not_ciphered", "TS 33.401 7.2.4.5, TS 33.501 6.7.4",
       "SecurityModeCommand is integrity protected with the connection's key and not ciphered",
       [sends](const V& v, const S& s, const E&, const St& st) {
         return !sends(v, st, kSmc) || (st.output.integrity && !st.output.ciphered && st.output.key == s.key);
       }},
      {"one_smc_per_connection", "TS 38.331 / 36.331 5.3.4.2, TS 33.401 7.2.4.5",
       "a SecurityModeCommand is sent once per connection, after the initial context setup and while only "
       "SRB1 is established",
       [sends](const V& v, const S& s, const E&, const St& st) {
         return !sends(v, st, kSmc) ||
                (s.key != v.word(kNoKey) && !s.pending && !s.activated && !s.bearers);
       }},
      {"algorithms_from_ue_capabilities", "TS 33.401 7.2.4.2.1, TS 33.501 6.7.3.0",
       "the algorithms a SecurityModeCommand selects are among the UE's security capabilities",
       [sends](const V& v, const S& s, const E&, const St& st) {
         return !sends(v, st, kSmc) || (supports(v, s.caps, st.output.eea, 0) &&
                                        supports(v, s.caps, st.output.eia, kIntegrityCapabilityShift));
       }},
      {"algorithms_by_priority", "TS 33.401 7.2.4.2.1, TS 33.501 6.7.3.0",
       "the algorithms a SecurityModeCommand selects are those of highest priority in the eNB/gNB's configured "
       "lists that the UE supports",
       [sends](const V& v, const S& s, const E&, const St& st) {
         return !sends(v, st, kSmc) || by_priority(v, s, st.output.eea, st.output.eia);
       }},
      {"activation_only_on_verified_complete", "TS 33.401 7.2.4.5, TS 33.501 6.7.4",
       "uplink deciphering starts, and AS security counts as activated, only on a SecurityModeComplete "
       "that verifies and was not ciphered",
       [](const V& v, const S& s, const E& e, const St& st) {
         const auto starts = (st.state.activated && !s.activated) || (st.state.ul_deciphering && !s.ul_deciphering);
         return !starts || (e.kind == v.word(kComplete) && s.pending && complete_verifies(v, s, e));
       }},
      {"no_ciphering_without_integrity", "TS 38.331 / 36.331 5.3.1.1",
       "the eNB/gNB never ciphers without integrity protection, in its configuration or in a message",
       [](const V&, const S&, const E&, const St& st) {
         return (!st.state.dl_ciphering || st.state.integrity) && (!st.state.ul_deciphering || st.state.integrity) &&
                (!st.output.ciphered || st.output.integrity);
       }},
      {"bearers_only_after_smc_and_protected", "TS 38.331 / 36.331 5.3.1.1",
       "SRB2 and DRBs are set up only after the SecurityModeCommand was sent, by a message both integrity "
       "protected and ciphered",
       [sends](const V& v, const S& s, const E&, const St& st) {
         return (!st.state.bearers || st.state.pending || st.state.activated) &&
                (!sends(v, st, kReconfiguration) ||
                 ((s.pending || s.activated) && st.output.integrity && st.output.ciphered));
       }},
      {"downlink_protected_after_smc", "TS 33.401 7.2.4.5, TS 33.501 6.7.4",
       "after the SecurityModeCommand is sent every downlink message is integrity protected and ciphered",
       [sends](const V& v, const S& s, const E&, const St& st) {
         return !(sends(v, st, kDownlink) && (s.pending || s.activated)) ||
                (st.output.integrity && st.output.ciphered && st.output.key == s.key);
       }},
      {"release_on_failure", "TS 38.331 / 36.331 5.3.1.1",
       "a SecurityModeFailure makes the eNB/gNB release the connection and drop its AS keys",
       [sends](const V& v, const S& s, const E& e, const St& st) {
         return !(e.kind == v.word(kFailure) && s.pending) ||
                (sends(v, st, kReleased) && !st.state.connected && st.state.key == v.word(kNoKey));
       }},
      {"release_discards_keys", "TS 38.331 / 36.331 5.3.8, 5.3.11",
       "after a release the eNB/gNB holds no AS key for the UE and applies no AS security",
       [](const V& v, const S&, const E& e, const St& st) {
         return e.kind != v.word(kRelease) || (!st.state.connected && st.state.key == v.word(kNoKey) &&
                                               !st.state.integrity && !st.state.dl_ciphering &&
                                               !st.state.ul_deciphering);
       }},
  };
}

inline std::vector<Mutation> mutations() {
  using K = Mutation::Kind;
  return {{K::force_rule, "start_smc"},        {K::force_rule, "complete"},
          {K::drop_rule, "failure"},           {K::borrow_next, "failure", "complete"},
          {K::force_rule, "establish_bearers"}, {K::drop_rule, "release"},
          {K::borrow_next, "start_smc", "establish_bearers"}};
}

std::string describe(const State<Concrete>& s, const Event<Concrete>& e,
                     const Step<Concrete, State<Concrete>, Output<Concrete>>& st, const Mutation* m,
                     std::string_view party = {});

}  // namespace secmode::spec::as_smc_ran

namespace secmode::spec {

struct AsSmcRan : Procedure<AsSmcRan> {
  static constexpr std::string_view name = "as_smc_ran";
  template <class V> using State = as_smc_ran::State<V>;
  template <class V> using Event = as_smc_ran::Event<V>;
  template <class V> using Output = as_smc_ran::Output<V>;
  template <class V> static auto table() { return as_smc_ran::rules<V>(); }
  template <class V> static auto monitors() { return as_smc_ran::monitors<V>(); }
  template <class V> static auto initial(const V& v) { return as_smc_ran::initial(v); }
  static auto mutations() { return as_smc_ran::mutations(); }
  static constexpr auto describe_line = &as_smc_ran::describe;
};

}  // namespace secmode::spec
