// EPS NAS security mode control as a system: the UE (nas_smc_ue.h) and the MME
// (nas_smc_network.h) running their own rule tables, joined by a downlink and an uplink
// channel that lose, duplicate and reorder (channel.h), with an attacker who can write any
// message into either channel but holds no key: what it forges carries key kNoKey, and it can
// replay only by delivering a kept message again. EPS AKA is one atomic step that gives both
// parties the same new K_ASME (a fresh identity); its own messages are out of scope here.
//
// The system's monitors are the end-to-end claims of TS 33.401 7.2.4.4 and TS 24.301 5.4.3:
// they need both parties and the channels, so only the composition can prove them. Ghost
// fields (never read by a rule) record history the claims talk about.
#pragma once

#include <string>
#include <vector>

#include "spec/procedures/channel.h"
#include "spec/procedures/composition.h"
#include "spec/procedures/nas_smc_network.h"
#include "spec/procedures/nas_smc_ue.h"

namespace secmode::spec::eps_nas_smc_system {

namespace ue = nas_smc_ue;
namespace mme = nas_smc_network;
using Rat = nas_smc::Eps;

// System actions.
inline constexpr std::uint32_t kAka = 0;
inline constexpr std::uint32_t kUeSendInitial = 1;
inline constexpr std::uint32_t kMmeStart = 2;
inline constexpr std::uint32_t kMmeTimer = 3;
inline constexpr std::uint32_t kDeliverDownlink = 4;
inline constexpr std::uint32_t kDeliverUplink = 5;
inline constexpr std::uint32_t kForgeDownlink = 6;
inline constexpr std::uint32_t kForgeUplink = 7;

// Key identities are never reused: AKA happens while fresh ones remain.
inline constexpr std::uint32_t kKeyLimit = 1u << 24;

// Uplink message kinds.
inline constexpr std::uint32_t kInitialRequest = 0;
inline constexpr std::uint32_t kComplete = 1;
inline constexpr std::uint32_t kReject = 2;

template <class V>
struct Command {  // SECURITY MODE COMMAND on the downlink
  typename V::Bool present;
  typename V::Bool from_mme;  // ghost: sent by the MME (else forged)
  typename V::Word ksi, key, eea, eia, count, caps;

  static auto fields() {
    return std::tuple{field("present", &Command::present), field("from_mme", &Command::from_mme),
                      field("ksi", &Command::ksi), field("key", &Command::key), field("eea", &Command::eea),
                      field("eia", &Command::eia), field("count", &Command::count), field("caps", &Command::caps)};
  }
};

template <class V>
struct Uplink {  // ATTACH / TAU REQUEST, SECURITY MODE COMPLETE or REJECT
  typename V::Bool present;
  typename V::Word kind;
  typename V::Word caps;  // request: the capabilities; COMPLETE: ghost, the UE's last sent ones
  typename V::Bool emergency;
  typename V::Word key, eea, eia, count;  // protection

  static auto fields() {
    return std::tuple{field("present", &Uplink::present), field("kind", &Uplink::kind), field("caps", &Uplink::caps),
                      field("emergency", &Uplink::emergency), field("key", &Uplink::key), field("eea", &Uplink::eea),
                      field("eia", &Uplink::eia), field("count", &Uplink::count)};
  }
};

// The latest (key, COUNT) pair some party used or accepted; pairs must only grow.
template <class V>
struct CountMark {
  typename V::Bool any;
  typename V::Word key, count;

  static auto fields() {
    return std::tuple{field("any", &CountMark::any), field("key", &CountMark::key), field("count", &CountMark::count)};
  }
  typename V::Bool before(const V& v, const typename V::Word& k, const typename V::Word& c) const {
    return !any || v.ult(key, k) || (key == k && v.ult(count, c));
  }
  CountMark after(const V& v, const typename V::Bool& when, const typename V::Word& k, const typename V::Word& c) const {
    return {any || when, v.ite(when, k, key), v.ite(when, c, count)};
  }
};

template <class V>
struct State {
  ue::State<V> ue;
  mme::State<V> mme;
  Channel<V, Command<V>> dl;
  Channel<V, Uplink<V>> ul;
  typename V::Word next_key;    // the identity the next AKA creates
  CountMark<V> ul_ciphered;     // ghost: latest uplink (K_ASME, COUNT) used for ciphering
  CountMark<V> ue_accepted;     // ghost: latest downlink (K_ASME, COUNT) the UE accepted
  CountMark<V> mme_accepted;    // ghost: latest uplink (K_ASME, COUNT) the MME accepted

  static auto fields() {
    return std::tuple{field("ue", &State::ue), field("mme", &State::mme), field("dl", &State::dl),
                      field("ul", &State::ul), field("next_key", &State::next_key),
                      field("ul_ciphered", &State::ul_ciphered), field("ue_accepted", &State::ue_accepted),
                      field("mme_accepted", &State::mme_accepted)};
  }
};

template <class V>
struct Event {
  typename V::Word action;
  typename V::Word slot;      // the slot delivered, dropped, forged, or written by a send
  typename V::Word reply_slot;  // the uplink slot the UE's answer goes to
  typename V::Bool keep;      // deliver without removing: the message can be delivered again
  // AKA: ksi; start: ksi, eea, eia; forged messages: all of them.
  typename V::Word kind, ksi, eea, eia, count, caps;
  typename V::Bool emergency;

  static auto fields() {
    return std::tuple{field("action", &Event::action), field("slot", &Event::slot),
                      field("reply_slot", &Event::reply_slot), field("keep", &Event::keep), field("kind", &Event::kind),
                      field("ksi", &Event::ksi), field("eea", &Event::eea), field("eia", &Event::eia),
                      field("count", &Event::count), field("caps", &Event::caps), field("emergency", &Event::emergency)};
  }
};

template <class V>
using Output = PartyOutputs<V, ue::Output<V>, mme::Output<V>>;
// What a system rule asks of the parties (composition.h).
template <class V>
using Intent = spec::Intent<V, ue::Event<V>, mme::Event<V>>;

template <class V>
using Rules = std::vector<Rule<V, State<V>, Event<V>, Intent<V>>>;
template <class V>
using Monitors = std::vector<Monitor<V, State<V>, Event<V>, Output<V>>>;

template <class V>
State<V> initial(const V& v) {
  State<V> s;
  s.ue = ue::initial(v);
  s.mme = mme::initial(v);
  Command<V> no_command{v.lit(false), v.lit(false), v.word(0), v.word(0), v.word(0), v.word(0), v.word(0), v.word(0)};
  Uplink<V> no_uplink{v.lit(false), v.word(0), v.word(0), v.lit(false), v.word(0), v.word(0), v.word(0), v.word(0)};
  s.dl = {no_command, no_command};
  s.ul = {no_uplink, no_uplink};
  s.next_key = v.word(1);
  const CountMark<V> none{v.lit(false), v.word(0), v.word(0)};
  s.ul_ciphered = s.ue_accepted = s.mme_accepted = none;
  return s;
}

// What each party sees of a message.
template <class V>
ue::Event<V> ue_event(const V& v, const Command<V>& c) {
  return {v.word(ue::kSmc), c.ksi, c.key, c.eea, c.eia, c.count, c.caps, v.lit(false), v.word(0), v.lit(false),
          v.lit(false), v.lit(false), v.lit(false), v.lit(false), v.lit(true)};
}

// An initial request passes the MME's integrity check (4.4.4.3, with 4.4.3.2) when the MME's
// current context protects it with a COUNT not yet accepted.
template <class V>
mme::Event<V> mme_event(const V& v, const mme::State<V>& m, const Uplink<V>& u) {
  const auto kind = v.ite(u.kind == v.word(kInitialRequest), v.word(mme::kReceiveInitial),
                          v.ite(u.kind == v.word(kComplete), v.word(mme::kComplete), v.word(mme::kReject)));
  const auto verified = m.secured && u.key != v.word(mme::kNoKey) && u.key == m.key && u.eia == m.eia &&
                        !v.ult(u.count, m.ul_count);
  return {kind, v.word(0), u.key, u.eea, u.eia, u.count, u.caps, u.emergency, verified, v.lit(false)};
}

// An event the MME raises itself (start, T3460 expiry) from the system event.
template <class V>
mme::Event<V> mme_own_event(const V& v, std::uint32_t kind, const Event<V>& e) {
  return {v.word(kind), e.ksi, v.word(0), e.eea, e.eia, v.word(0), v.word(0), v.lit(false), v.lit(true), v.lit(false)};
}

template <class V>
Command<V> command_of(const V& v, const mme::Output<V>& o) {
  return {o.action == v.word(mme::kSendSmc), v.lit(true), o.ksi, o.key, o.eea, o.eia, o.count, o.replayed_caps};
}

template <class V>
Uplink<V> answer_of(const V& v, const ue::Output<V>& o, const ue::State<V>& before) {
  const auto kind = v.ite(o.response == v.word(ue::kComplete), v.word(kComplete), v.word(kReject));
  return {o.response != v.word(ue::kNone), kind, before.sent_caps, v.lit(false), o.key, o.eea, o.eia, o.count};
}

// The system's own rules: what the channels and the attacker do, and which party steps on
// what. The parties' answers are put on the channels by Tables::step.
template <class V>
Rules<V> system_rules() {
  using S = State<V>;
  using E = Event<V>;
  using I = Intent<V>;
  auto is = [](const V& v, const E& e, std::uint32_t a) { return e.action == v.word(a); };
  auto unchanged = [](const V&, const S& s, const E&) { return s; };
  auto nobody = [](const V& v, const S&, const E&) { return I::none(v); };
  return {
      {"aka", "TS 33.401 6.1.1 (abstracted)",
       [is](const V& v, const S& s, const E& e) {
         return is(v, e, kAka) && v.ult(e.ksi, v.word(ue::kNoKsi)) && v.ult(s.next_key, v.word(kKeyLimit));
       },
       [](const V& v, const S& s, const E&) {
         S n = s;
         n.next_key = s.next_key + v.word(1);
         return n;
       },
       [](const V& v, const S& s, const E& e) {
         return I::both(v,
                        ue::Event<V>{v.word(ue::kAka), e.ksi, s.next_key, v.word(0), v.word(0), v.word(0), v.word(0),
                                     v.lit(false), v.word(0), v.lit(false), v.lit(false), v.lit(false), v.lit(false),
                                     v.lit(false), v.lit(false)},
                        mme::Event<V>{v.word(mme::kAka), e.ksi, s.next_key, v.word(0), v.word(0), v.word(0), v.word(0),
                                      v.lit(false), v.lit(true), v.lit(false)});
       }},
      {"ue_send_initial", "TS 24.301 5.5.1.2.2",
       [is](const V& v, const S&, const E& e) { return is(v, e, kUeSendInitial); },
       [](const V& v, const S& s, const E& e) {
         S n = s;
         n.ul = s.ul.put(v, e.slot, v.lit(true),
                         // Protected with the UE's current context, if any (TS 24.301 4.4.5).
                         Uplink<V>{v.lit(true), v.word(kInitialRequest), e.caps, e.emergency,
                                   v.ite(s.ue.secured, s.ue.key, v.word(ue::kNoKey)), s.ue.eea, s.ue.eia,
                                   s.ue.ul_count});
         return n;
       },
       [](const V& v, const S&, const E& e) {
         return I::ue_only(v, ue::Event<V>{v.word(ue::kSendInitial), v.word(0), v.word(0), v.word(0), v.word(0),
                                           v.word(0), e.caps, v.lit(false), v.word(0), v.lit(false), v.lit(false),
                                           e.emergency, v.lit(false), v.lit(false), v.lit(false)});
       }},
      {"mme_start", "TS 24.301 5.4.3.2", [is](const V& v, const S&, const E& e) { return is(v, e, kMmeStart); },
       unchanged, [](const V& v, const S&, const E& e) { return I::net_only(v, mme_own_event(v, mme::kStart, e)); }},
      {"mme_timer", "TS 24.301 5.4.3.7 b", [is](const V& v, const S&, const E& e) { return is(v, e, kMmeTimer); },
       unchanged,
       [](const V& v, const S&, const E& e) { return I::net_only(v, mme_own_event(v, mme::kTimerExpiry, e)); }},
      {"deliver_downlink", "channel",
       [is](const V& v, const S& s, const E& e) { return is(v, e, kDeliverDownlink) && s.dl.at(v, e.slot).present; },
       [](const V& v, const S& s, const E& e) {
         S n = s;
         n.dl = s.dl.take(v, e.slot, !e.keep);
         return n;
       },
       [](const V& v, const S& s, const E& e) { return I::ue_only(v, ue_event(v, s.dl.at(v, e.slot))); }},
      {"deliver_uplink", "channel",
       [is](const V& v, const S& s, const E& e) { return is(v, e, kDeliverUplink) && s.ul.at(v, e.slot).present; },
       [](const V& v, const S& s, const E& e) {
         S n = s;
         n.ul = s.ul.take(v, e.slot, !e.keep);
         return n;
       },
       [](const V& v, const S& s, const E& e) { return I::net_only(v, mme_event(v, s.mme, s.ul.at(v, e.slot))); }},
      // The attacker: anything it writes carries no valid key.
      {"forge_downlink", "attacker", [is](const V& v, const S&, const E& e) { return is(v, e, kForgeDownlink); },
       [](const V& v, const S& s, const E& e) {
         S n = s;
         n.dl = s.dl.put(v, e.slot, v.lit(true),
                         Command<V>{v.lit(true), v.lit(false), e.ksi, v.word(ue::kNoKey), e.eea, e.eia, e.count, e.caps});
         return n;
       },
       nobody},
      {"forge_uplink", "attacker", [is](const V& v, const S&, const E& e) { return is(v, e, kForgeUplink); },
       [](const V& v, const S& s, const E& e) {
         S n = s;
         n.ul = s.ul.put(v, e.slot, v.lit(true),
                         Uplink<V>{v.lit(true), e.kind, e.caps, e.emergency, v.word(ue::kNoKey), e.eea, e.eia, e.count});
         return n;
       },
       nobody},
  };
}

// The system's rules as the mutation (if any) leaves them: its own and each party's table.
// spec::step takes them through step() below.
template <class V>
struct Tables {
  Rules<V> system;
  ue::Rules<V> ue;
  mme::Rules<V> mme;

  // The system rule that fires says who acts on what; each party then steps once on its event
  // (a party that does not act keeps its state and shows kNoRule), the UE's answer goes on the
  // uplink slot the event names, and a command the MME sends on the downlink one.
  Step<V, State<V>, Output<V>> step(const V& v, const State<V>& s, const Event<V>& e) const {
    const auto sys = spec::step(v, system, s, e);
    const Intent<V>& in = sys.output;
    const auto p = step_parties(v, ue, mme, s.ue, s.mme, in);
    const auto& u = p.ue;
    const auto& m = p.net;
    State<V> n = sys.state;
    n.ue = p.ue_state;
    n.mme = p.net_state;
    n.ul = sys.state.ul.put(v, e.reply_slot, in.ue_acts && u.output.response != v.word(ue::kNone),
                            answer_of(v, u.output, s.ue));
    n.dl =
        sys.state.dl.put(v, e.slot, in.net_acts && m.output.action == v.word(mme::kSendSmc), command_of(v, m.output));
    n.ul_ciphered = s.ul_ciphered.after(v, in.ue_acts && u.output.ciphered && u.output.key != v.word(ue::kNoKey),
                                        u.output.key, u.output.count);
    n.ue_accepted = s.ue_accepted.after(
        v, in.ue_acts && u.output.response == v.word(ue::kComplete) && in.ue.eia != v.word(0), in.ue.key, in.ue.count);
    const auto took = in.net_acts && in.net.kind == v.word(mme::kComplete) && s.mme.pending && !m.state.pending;
    n.mme_accepted = s.mme_accepted.after(v, took && s.mme.new_eia != v.word(0), in.net.key, in.net.count);
    return {n, p.outputs, sys.fired};
  }
};

template <class V>
Tables<V> rules(const Mutation* m = nullptr) {
  return {mutate(system_rules<V>(), m), mutate(ue::rules<Rat, V>(), m, "ue"), mutate(mme::rules<Rat, V>(), m, "mme")};
}

template <class V>
Monitors<V> monitors() {
  using S = State<V>;
  using E = Event<V>;
  using St = Step<V, S, Output<V>>;
  // The MME took a context into use in this step.
  auto mme_takes = [](const V&, const S& s, const St& st) {
    const auto& a = s.mme;
    const auto& b = st.state.mme;
    return a.secured != b.secured || a.ksi != b.ksi || a.key != b.key || a.eea != b.eea || a.eia != b.eia;
  };
  return {
      {"shared_context_after_complete", "TS 33.401 7.2.4.4, TS 24.301 5.4.3.4",
       "whenever the MME takes a context into use, the UE has that same context (K_ASME, eKSI, algorithms) in use",
       [mme_takes](const V& v, const S& s, const E&, const St& st) {
         const auto& u = st.state.ue;
         const auto& m = st.state.mme;
         // With EIA0 nothing is authenticated (4.4.4.1 allows it for emergency services only).
         return !mme_takes(v, s, st) || m.eia == v.word(0) ||
                (u.secured && u.ksi == m.ksi && u.key == m.key && u.eea == m.eea && u.eia == m.eia);
       }},
      {"bidding_down_prevented", "TS 33.401 7.2.4.4, TS 24.301 5.4.3.3",
       "a context the MME takes into use with integrity was agreed on the capabilities the UE really sent",
       [mme_takes](const V& v, const S& s, const E& e, const St& st) {
         const auto m = s.ul.at(v, e.slot);
         return !(mme_takes(v, s, st) && st.state.mme.eia != v.word(0)) ||
                (e.action == v.word(kDeliverUplink) && m.caps == s.mme.ue_caps);
       }},
      {"ue_accepts_only_network_commands", "TS 24.301 4.4.4.2, 5.4.3.3",
       "the UE accepts only commands the MME sent, except EIA0 ones during emergency services",
       [](const V& v, const S& s, const E& e, const St& st) {
         const auto c = s.dl.at(v, e.slot);
         return st.output.ue.response != v.word(ue::kComplete) || c.from_mme || (c.eia == v.word(0) && s.ue.emergency);
       }},
      {"no_downlink_count_accepted_twice", "TS 24.301 4.4.3.2",
       "the UE accepts each (K_ASME, downlink NAS COUNT) at most once, in increasing order",
       [](const V& v, const S& s, const E& e, const St& st) {
         const auto c = s.dl.at(v, e.slot);
         return !(st.output.ue.response == v.word(ue::kComplete) && c.eia != v.word(0)) ||
                s.ue_accepted.before(v, c.key, c.count);
       }},
      {"no_uplink_count_accepted_twice", "TS 24.301 4.4.3.2",
       "the MME accepts each (K_ASME, uplink NAS COUNT) at most once, in increasing order",
       [](const V& v, const S& s, const E& e, const St& st) {
         const auto m = s.ul.at(v, e.slot);
         const auto took = e.action == v.word(kDeliverUplink) && m.kind == v.word(kComplete) && s.mme.pending &&
                           !st.state.mme.pending && s.mme.new_eia != v.word(0);
         return !took || s.mme_accepted.before(v, m.key, m.count);
       }},
      {"no_uplink_keystream_reuse", "TS 33.401 B.1.2, TS 24.301 4.4.3.1",
       "no (K_ASME, uplink NAS COUNT) is ever used twice for ciphering",
       [](const V& v, const S& s, const E&, const St& st) {
         const auto& o = st.output.ue;
         return !(o.ciphered && o.key != v.word(ue::kNoKey)) || s.ul_ciphered.before(v, o.key, o.count);
       }},
  };
}

// The party checks whose loss breaks an end-to-end claim. The others (answering every
// command, the T3460 count, EIA0 at the MME) protect liveness or a party-level claim and are
// killed by the parties' own monitors; proofs/README.md says which.
inline std::vector<Mutation> mutations() {
  using K = Mutation::Kind;
  return {{K::drop_rule, "ue.reject_capability_mismatch"}, {K::drop_rule, "ue.reject_integrity_failure"},
          {K::drop_rule, "ue.discard_replay"},             {K::drop_rule, "ue.reject_null_integrity_without_emergency"},
          {K::force_rule, "mme.complete"},                 {K::drop_rule, "mme.discard_replayed_complete"},
          {K::borrow_next, "mme.reject", "complete"}};
}

std::string describe(const State<Concrete>& s, const Event<Concrete>& e,
                     const Step<Concrete, State<Concrete>, Output<Concrete>>& st, const Mutation* m);

}  // namespace secmode::spec::eps_nas_smc_system

namespace secmode::spec {

struct EpsNasSmcSystem {
  static constexpr std::string_view name = "eps_nas_smc";
  template <class V> using State = eps_nas_smc_system::State<V>;
  template <class V> using Event = eps_nas_smc_system::Event<V>;
  template <class V> using Output = eps_nas_smc_system::Output<V>;
  template <class V> static eps_nas_smc_system::Tables<V> rules(const Mutation* m = nullptr) {
    return eps_nas_smc_system::rules<V>(m);
  }
  template <class V> static eps_nas_smc_system::Monitors<V> monitors() { return eps_nas_smc_system::monitors<V>(); }
  template <class V> static State<V> initial(const V& v) { return eps_nas_smc_system::initial(v); }
  static std::vector<Mutation> mutations() { return eps_nas_smc_system::mutations(); }
  template <class V> static auto witnesses() {
    using St = Step<V, State<V>, Output<V>>;
    std::vector<Witness<V, State<V>, Event<V>, Output<V>>> out;
    add_rule_witnesses(out, eps_nas_smc_system::system_rules<V>(), "", +[](const St& st) { return st.fired; });
    namespace sys = eps_nas_smc_system;
    add_rule_witnesses(out, sys::ue::rules<sys::Rat, V>(), "ue.", +[](const St& st) { return st.output.ue_rule; });
    add_rule_witnesses(
        out, sys::mme::rules<sys::Rat, V>(), "mme.", +[](const St& st) { return st.output.net_rule; });
    return out;
  }
  static std::string describe(const State<Concrete>& s, const Event<Concrete>& e,
                              const Step<Concrete, State<Concrete>, Output<Concrete>>& st, const Mutation* m) {
    return eps_nas_smc_system::describe(s, e, st, m);
  }
};

}  // namespace secmode::spec
