// AS security mode command as a system: the UE (as_smc_ue.h) and the eNB/gNB (as_smc_ran.h)
// running their own rule tables, joined by a downlink channel for SecurityModeCommand and an
// uplink one for SecurityModeComplete / SecurityModeFailure that lose, duplicate and reorder
// (channel.h), with an attacker who can write any message into either channel but holds no
// key: what it forges carries key kNoKey, and it can replay only by delivering a kept message
// again, in the same connection or a later one.
//
// Each RRC connection gets a fresh K_eNB / K_gNB identity, which the UE derives from its NAS
// context and the core network gives the eNB/gNB in Initial Context Setup: that the two NAS
// contexts agree is the NAS procedures' claim, not repeated here. Either side may leave the
// connection on its own (release, radio link failure); a new connection starts when both have.
// Other RRC messages stay with the party that sends them: no rule of the receiver reads them.
//
// The monitors are the end-to-end claims of TS 33.401 7.2.4.5 / TS 33.501 6.7.4 and TS 36.331 /
// TS 38.331 5.3.4 that each side takes AS security into use only on the other side's genuine
// message of this connection, and that the two then hold the same key and algorithms: they need
// both parties and the channels (forgeries, replays from an earlier connection), so only the
// composition proves them. Spacer finds no invariant for the last; connection_invariant below
// is one written by hand, which the checker proves inductive (proofs/README.md).
#pragma once

#include <string>
#include <vector>

#include "spec/procedures/as_smc_ran.h"
#include "spec/procedures/as_smc_ue.h"
#include "spec/procedures/channel.h"
#include "spec/procedures/composition.h"

namespace secmode::spec::as_smc_system {

namespace ue = as_smc_ue;
namespace ran = as_smc_ran;

// System actions.
inline constexpr std::uint32_t kConnect = 0;
inline constexpr std::uint32_t kRanContextSetup = 1;
inline constexpr std::uint32_t kRanStartSmc = 2;
inline constexpr std::uint32_t kRanEstablishBearers = 3;
inline constexpr std::uint32_t kRanSendDownlink = 4;
inline constexpr std::uint32_t kRanRelease = 5;
inline constexpr std::uint32_t kUeSendUplink = 6;
inline constexpr std::uint32_t kUeRelease = 7;
inline constexpr std::uint32_t kDeliverDownlink = 8;
inline constexpr std::uint32_t kDeliverUplink = 9;
inline constexpr std::uint32_t kForgeDownlink = 10;
inline constexpr std::uint32_t kForgeUplink = 11;

// Key identities are never reused: connections start while fresh ones remain.
inline constexpr std::uint32_t kKeyLimit = 1u << 24;

// Uplink answers.
inline constexpr std::uint32_t kComplete = 0;
inline constexpr std::uint32_t kFailure = 1;

template <class V>
struct Command {  // SecurityModeCommand on the downlink
  typename V::Bool present;
  typename V::Bool from_ran;  // ghost: sent by the eNB/gNB (else forged)
  typename V::Word key, eea, eia;

  static auto fields() {
    return std::tuple{field("present", &Command::present), field("from_ran", &Command::from_ran),
                      field("key", &Command::key), field("eea", &Command::eea), field("eia", &Command::eia)};
  }
};

template <class V>
struct Answer {  // SecurityModeComplete or SecurityModeFailure on the uplink
  typename V::Bool present;
  typename V::Bool from_ue;  // ghost: sent by the UE (else forged)
  typename V::Word kind;
  typename V::Word key, eia;  // MAC-I: the key and algorithm that computed it (kNoKey: none)
  typename V::Bool ciphered;

  static auto fields() {
    return std::tuple{field("present", &Answer::present), field("from_ue", &Answer::from_ue),
                      field("kind", &Answer::kind),       field("key", &Answer::key),
                      field("eia", &Answer::eia),         field("ciphered", &Answer::ciphered)};
  }
};

template <class V>
struct State {
  ue::State<V> ue;
  ran::State<V> ran;
  Channel<V, Command<V>> dl;
  Channel<V, Answer<V>> ul;
  typename V::Word key;       // K_eNB / K_gNB of the current (or last) connection
  typename V::Word next_key;  // the identity the next connection gets

  static auto fields() {
    return std::tuple{field("ue", &State::ue), field("ran", &State::ran), field("dl", &State::dl),
                      field("ul", &State::ul), field("key", &State::key), field("next_key", &State::next_key)};
  }
};

template <class V>
struct Event {
  typename V::Word action;
  typename V::Word slot;        // the slot delivered or forged, or written by a send
  typename V::Word reply_slot;  // the uplink slot the UE's answer goes to
  typename V::Bool keep;        // deliver without removing: the message can be delivered again
  typename V::Word caps;        // context setup: the UE security capabilities
  typename V::Word eea, eia;    // start: the selection; forged messages: what they carry
  typename V::Word kind;        // forged uplink: kComplete or kFailure
  typename V::Bool ciphered;    // forged uplink

  static auto fields() {
    return std::tuple{
        field("action", &Event::action), field("slot", &Event::slot), field("reply_slot", &Event::reply_slot),
        field("keep", &Event::keep),     field("caps", &Event::caps), field("eea", &Event::eea),
        field("eia", &Event::eia),       field("kind", &Event::kind), field("ciphered", &Event::ciphered)};
  }
};

template <class V>
using Output = PartyOutputs<V, ue::Output<V>, ran::Output<V>>;
template <class V>
using Intent = spec::Intent<V, ue::Event<V>, ran::Event<V>>;

template <class V>
using Rules = std::vector<Rule<V, State<V>, Event<V>, Intent<V>>>;
template <class V>
using Monitors = std::vector<Monitor<V, State<V>, Event<V>, Output<V>>>;

template <class V>
State<V> initial(const V& v) {
  State<V> s;
  s.ue = ue::initial(v);
  s.ran = ran::initial(v);
  const Command<V> no_command{v.lit(false), v.lit(false), v.word(ue::kNoKey), v.word(0), v.word(0)};
  const Answer<V> no_answer{v.lit(false), v.lit(false), v.word(kComplete), v.word(ue::kNoKey), v.word(0), v.lit(false)};
  s.dl = {no_command, no_command};
  s.ul = {no_answer, no_answer};
  s.key = v.word(ue::kNoKey);
  s.next_key = v.word(1);
  return s;
}

template <class V>
ue::Event<V> ue_event(const V& v, std::uint32_t kind, const typename V::Word& key) {
  return {v.word(kind), key, v.word(0), v.word(0)};
}

template <class V>
ue::Event<V> ue_event(const V& v, std::uint32_t kind) {
  return ue_event(v, kind, v.word(ue::kNoKey));
}

template <class V>
ran::Event<V> ran_event(const V& v, std::uint32_t kind) {
  return {v.word(kind), v.word(ran::kNoKey), v.word(0), v.word(0), v.word(0), v.lit(false), v.word(0), v.word(0)};
}

// What each party sees of a message.
template <class V>
ue::Event<V> ue_event_of(const V& v, const Command<V>& c) {
  return {v.word(ue::kSmc), c.key, c.eea, c.eia};
}

template <class V>
ran::Event<V> ran_event_of(const V& v, const Answer<V>& a) {
  ran::Event<V> e = ran_event(v, ran::kComplete);
  e.kind = v.ite(a.kind == v.word(kComplete), v.word(ran::kComplete), v.word(ran::kFailure));
  e.key = a.key;
  e.eia = a.eia;
  e.ciphered = a.ciphered;
  return e;
}

template <class V>
Command<V> command_of(const V& v, const ran::Output<V>& o) {
  return {o.message == v.word(ran::kSmc), v.lit(true), o.key, o.eea, o.eia};
}

template <class V>
Answer<V> answer_of(const V& v, const ue::Output<V>& o) {
  const auto complete = o.message == v.word(ue::kComplete);
  return {
      complete || o.message == v.word(ue::kFailure), v.lit(true), v.ite(complete, v.word(kComplete), v.word(kFailure)),
      v.ite(o.integrity, o.key, v.word(ue::kNoKey)), o.eia,       o.ciphered};
}

// The system's own rules: connections, the parties' own actions, the channels and the
// attacker, each saying which party steps on what. Answers go on the channels in Tables::step.
template <class V>
Rules<V> system_rules() {
  using S = State<V>;
  using E = Event<V>;
  using I = Intent<V>;
  auto is = [](const V& v, const E& e, std::uint32_t a) { return e.action == v.word(a); };
  auto unchanged = [](const V&, const S& s, const E&) { return s; };
  auto nobody = [](const V& v, const S&, const E&) { return I::none(v); };
  // A party's own action, which its table may or may not take in its state.
  auto own = [is, unchanged](std::uint32_t action, const char* name, const char* clause, auto intent) {
    return Rule<V, S, E, I>{name, clause, [is, action](const V& v, const S&, const E& e) { return is(v, e, action); },
                            unchanged, intent};
  };
  return {
      {"connect", "TS 38.331 / 36.331 5.3.3; TS 33.401 7.2.4.5, TS 33.501 6.7.4",
       [is](const V& v, const S& s, const E& e) {
         return is(v, e, kConnect) && !s.ue.connected && !s.ran.connected && v.ult(s.next_key, v.word(kKeyLimit));
       },
       [](const V& v, const S& s, const E&) {
         S n = s;
         n.key = s.next_key;
         n.next_key = s.next_key + v.word(1);
         return n;
       },
       [](const V& v, const S& s, const E&) {
         // No configured priority lists: the RAN's own monitors hold those.
         return I::both(v, ue_event(v, ue::kConnect, s.next_key), ran_event(v, ran::kConnect));
       }},
      own(kRanContextSetup, "ran_context_setup", "TS 33.401 7.2.4.5, TS 33.501 6.7.4",
          [](const V& v, const S& s, const E& e) {
            ran::Event<V> ev = ran_event(v, ran::kContextSetup);
            ev.key = s.key;
            ev.caps = e.caps;
            return I::net_only(v, ev);
          }),
      own(kRanStartSmc, "ran_start_smc", "TS 38.331 / 36.331 5.3.4.2",
          [](const V& v, const S&, const E& e) {
            ran::Event<V> ev = ran_event(v, ran::kStartSmc);
            ev.eea = e.eea;
            ev.eia = e.eia;
            return I::net_only(v, ev);
          }),
      own(kRanEstablishBearers, "ran_establish_bearers", "TS 38.331 / 36.331 5.3.1.1",
          [](const V& v, const S&, const E&) { return I::net_only(v, ran_event(v, ran::kEstablishBearers)); }),
      own(kRanSendDownlink, "ran_send_downlink", "TS 38.331 / 36.331 5.3.1.1",
          [](const V& v, const S&, const E&) { return I::net_only(v, ran_event(v, ran::kSendDownlink)); }),
      own(kRanRelease, "ran_release", "TS 38.331 / 36.331 5.3.8",
          [](const V& v, const S&, const E&) { return I::net_only(v, ran_event(v, ran::kRelease)); }),
      own(kUeSendUplink, "ue_send_uplink", "TS 38.331 / 36.331 5.3.1.1",
          [](const V& v, const S&, const E&) { return I::ue_only(v, ue_event(v, ue::kSendUplink)); }),
      own(kUeRelease, "ue_release", "TS 38.331 / 36.331 5.3.11",
          [](const V& v, const S&, const E&) { return I::ue_only(v, ue_event(v, ue::kRelease)); }),
      {"deliver_downlink", "channel",
       [is](const V& v, const S& s, const E& e) { return is(v, e, kDeliverDownlink) && s.dl.at(v, e.slot).present; },
       [](const V& v, const S& s, const E& e) {
         S n = s;
         n.dl = s.dl.take(v, e.slot, !e.keep);
         return n;
       },
       [](const V& v, const S& s, const E& e) { return I::ue_only(v, ue_event_of(v, s.dl.at(v, e.slot))); }},
      {"deliver_uplink", "channel",
       [is](const V& v, const S& s, const E& e) { return is(v, e, kDeliverUplink) && s.ul.at(v, e.slot).present; },
       [](const V& v, const S& s, const E& e) {
         S n = s;
         n.ul = s.ul.take(v, e.slot, !e.keep);
         return n;
       },
       [](const V& v, const S& s, const E& e) { return I::net_only(v, ran_event_of(v, s.ul.at(v, e.slot))); }},
      // The attacker: anything it writes carries no valid MAC-I.
      {"forge_downlink", "attacker", [is](const V& v, const S&, const E& e) { return is(v, e, kForgeDownlink); },
       [](const V& v, const S& s, const E& e) {
         S n = s;
         n.dl =
             s.dl.put(v, e.slot, v.lit(true), Command<V>{v.lit(true), v.lit(false), v.word(ue::kNoKey), e.eea, e.eia});
         return n;
       },
       nobody},
      {"forge_uplink", "attacker", [is](const V& v, const S&, const E& e) { return is(v, e, kForgeUplink); },
       [](const V& v, const S& s, const E& e) {
         S n = s;
         n.ul = s.ul.put(v, e.slot, v.lit(true),
                         Answer<V>{v.lit(true), v.lit(false),
                                   v.ite(e.kind == v.word(kComplete), v.word(kComplete), v.word(kFailure)),
                                   v.word(ue::kNoKey), e.eia, e.ciphered});
         return n;
       },
       nobody},
  };
}

// The system's rules as the mutation (if any) leaves them: its own and each party's table.
template <class V>
struct Tables {
  Rules<V> system;
  ue::Rules<V> ue;
  ran::Rules<V> ran;

  // The system rule that fires says who acts on what; each party then steps once on its event,
  // the UE's answer goes on the uplink slot the event names, a command the eNB/gNB sends on
  // the downlink one.
  Step<V, State<V>, Output<V>> step(const V& v, const State<V>& s, const Event<V>& e) const {
    const auto sys = spec::step(v, system, s, e);
    const Intent<V>& in = sys.output;
    const auto p = step_parties(v, ue, ran, s.ue, s.ran, in);
    State<V> n = sys.state;
    n.ue = p.ue_state;
    n.ran = p.net_state;
    const auto answer = answer_of(v, p.ue.output);
    n.ul = sys.state.ul.put(v, e.reply_slot, in.ue_acts && answer.present, answer);
    n.dl = sys.state.dl.put(v, e.slot, in.net_acts && p.net.output.message == v.word(ran::kSmc),
                            command_of(v, p.net.output));
    return {n, p.outputs, sys.fired};
  }
};

template <class V>
Tables<V> rules(const Mutation* m = nullptr) {
  return {mutate(system_rules<V>(), m), mutate(ue::rules<V>(), m, "ue"), mutate(ran::rules<V>(), m, "ran")};
}

// What holds of every reachable state, for the agreement of the two sides on the connection's
// AS security, which Spacer finds no invariant for: one SecurityModeCommand per K_eNB / K_gNB and
// the history of the connection behind each message that carries that key. K is the current
// connection's key; keys of earlier connections are below it, and fresh ones above.
template <class V>
typename V::Bool connection_invariant(const V& v, const State<V>& s) {
  const auto& u = s.ue;
  const auto& r = s.ran;
  const auto k = s.key;
  const auto none = v.word(ue::kNoKey);
  const auto keyed = k != none;
  const auto ran_has_key = keyed && r.key == k;
  // A command carrying K is the eNB/gNB's one command of this connection: while it holds K, it
  // has sent it and still selects its algorithms.
  const auto command_ok = [&](const Command<V>& c) {
    return v.ule(c.key, k) &&
           (!(keyed && c.key == k) ||
            (c.from_ran && (!ran_has_key || ((r.pending || r.activated) && c.eea == r.eea && c.eia == r.eia))));
  };
  // An answer carrying K is the UE's SecurityModeComplete of this connection: the UE activated
  // when it sent it, and stays so while connected.
  const auto answer_ok = [&](const Answer<V>& a) {
    return v.ule(a.key, k) &&
           (!(keyed && a.key == k) || (a.from_ue && a.kind == v.word(kComplete) && (!u.connected || u.activated)));
  };
  // The eNB/gNB in the connection before Initial Context Setup: nothing carries K yet.
  const auto before_setup = r.connected && r.key == none;
  return v.ult(k, s.next_key) && v.ule(s.next_key, v.word(kKeyLimit)) &&
         // each party holds the connection's key or none
         (!u.connected || (keyed && u.key == k)) && (u.connected || (u.key == none && !u.activated)) &&
         (r.key == none || (r.key == k && r.connected)) &&
         (r.connected || (r.key == none && !r.pending && !r.activated)) &&
         (!(r.pending || r.activated) || r.key != none) && !(r.pending && r.activated) &&
         // the UE activated on the eNB/gNB's command, and the eNB/gNB only on the UE's COMPLETE
         (!(u.activated && ran_has_key) || ((r.pending || r.activated) && u.eea == r.eea && u.eia == r.eia)) &&
         (!(r.activated && u.connected) || u.activated) &&
         (!before_setup ||
          (!u.activated && s.dl.slot0.key != k && s.dl.slot1.key != k && s.ul.slot0.key != k && s.ul.slot1.key != k)) &&
         command_ok(s.dl.slot0) && command_ok(s.dl.slot1) && answer_ok(s.ul.slot0) && answer_ok(s.ul.slot1);
}

template <class V>
Monitors<V> monitors() {
  using S = State<V>;
  using E = Event<V>;
  using St = Step<V, S, Output<V>>;
  return {
      {"ue_activates_only_on_ran_command", "TS 38.331 / 36.331 5.3.4.3, TS 33.401 7.2.4.5",
       "the UE activates AS security only on a SecurityModeCommand the eNB/gNB sent in this connection",
       [](const V& v, const S& s, const E& e, const St& st) {
         const auto c = s.dl.at(v, e.slot);
         return !(!s.ue.activated && st.state.ue.activated) ||
                (e.action == v.word(kDeliverDownlink) && c.from_ran && c.key == s.key);
       }},
      {"ran_activates_only_on_ue_complete", "TS 33.401 7.2.4.5, TS 33.501 6.7.4",
       "the eNB/gNB considers AS security activated only on a SecurityModeComplete the UE sent in this "
       "connection",
       [](const V& v, const S& s, const E& e, const St& st) {
         const auto a = s.ul.at(v, e.slot);
         return !(!s.ran.activated && st.state.ran.activated) ||
                (e.action == v.word(kDeliverUplink) && a.from_ue && a.kind == v.word(kComplete) && a.key == s.key);
       }},
      {"shared_as_security_while_connected", "TS 33.401 7.2.4.5, TS 33.501 6.7.4; TS 38.331 / 36.331 5.3.4.3",
       "while the eNB/gNB considers AS security activated, a UE still in that connection has it activated with "
       "the same K_eNB/K_gNB and algorithms",
       [](const V&, const S&, const E&, const St& st) {
         const auto& u = st.state.ue;
         const auto& r = st.state.ran;
         return !(r.activated && u.connected && u.key == r.key) || (u.activated && u.eea == r.eea && u.eia == r.eia);
       },
       connection_invariant<V>},
  };
}

// The party checks whose loss breaks an end-to-end claim. The others (answering every command,
// releasing on failure, the priority lists) are killed by the parties' own monitors.
inline std::vector<Mutation> mutations() {
  using K = Mutation::Kind;
  return {{K::drop_rule, "ue.smc_integrity_failure"},
          {K::borrow_next, "ue.smc_integrity_failure", "smc_accept"},
          {K::force_rule, "ue.smc_accept"},
          {K::force_rule, "ran.complete"},
          {K::borrow_next, "ran.failure", "complete"},
          {K::borrow_next, "ran.establish_bearers", "start_smc"}};
}

std::string describe(const State<Concrete>& s, const Event<Concrete>& e,
                     const Step<Concrete, State<Concrete>, Output<Concrete>>& st, const Mutation* m);

}  // namespace secmode::spec::as_smc_system

namespace secmode::spec {

struct AsSmcSystem {
  static constexpr std::string_view name = "as_smc";
  template <class V>
  using State = as_smc_system::State<V>;
  template <class V>
  using Event = as_smc_system::Event<V>;
  template <class V>
  using Output = as_smc_system::Output<V>;
  template <class V>
  static as_smc_system::Tables<V> rules(const Mutation* m = nullptr) {
    return as_smc_system::rules<V>(m);
  }
  template <class V>
  static as_smc_system::Monitors<V> monitors() {
    return as_smc_system::monitors<V>();
  }
  template <class V>
  static State<V> initial(const V& v) {
    return as_smc_system::initial(v);
  }
  static std::vector<Mutation> mutations() { return as_smc_system::mutations(); }
  template <class V>
  static auto witnesses() {
    using St = Step<V, State<V>, Output<V>>;
    std::vector<Witness<V, State<V>, Event<V>, Output<V>>> out;
    add_rule_witnesses(
        out, as_smc_system::system_rules<V>(), "", +[](const St& st) { return st.fired; });
    add_rule_witnesses(
        out, as_smc_system::ue::rules<V>(), "ue.", +[](const St& st) { return st.output.ue_rule; });
    add_rule_witnesses(
        out, as_smc_system::ran::rules<V>(), "ran.", +[](const St& st) { return st.output.net_rule; });
    return out;
  }
  static std::string describe(const State<Concrete>& s, const Event<Concrete>& e,
                              const Step<Concrete, State<Concrete>, Output<Concrete>>& st, const Mutation* m) {
    return as_smc_system::describe(s, e, st, m);
  }
};

}  // namespace secmode::spec
