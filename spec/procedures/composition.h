// What a composed system of a UE and a network party (eps_nas_smc_system.h: the MME;
// as_smc_system.h: the eNB/gNB) says of its parties in each step.
//
// The system's own rules (channels, attacker, the parties' own actions) give as their output an
// Intent: whether each party steps, and on which event. The events then reach the parties as one
// if-then-else over those rules, and each party's table is stepped once per system step, not
// once per system rule that involves it: instantiated in every such rule, the tables made the
// Z3 relation of the EPS system several times larger, and bounded model checking of it too slow
// to reach depth 7 in 13 minutes.
#pragma once

#include "spec/rules/fields.h"
#include "spec/rules/machine.h"

namespace secmode::spec {

template <class V, class UeEvent, class NetEvent>
struct Intent {
  typename V::Bool ue_acts;
  UeEvent ue;
  typename V::Bool net_acts;
  NetEvent net;

  static auto fields() {
    return std::tuple{field("ue_acts", &Intent::ue_acts), field("ue", &Intent::ue),
                      field("net_acts", &Intent::net_acts), field("net", &Intent::net)};
  }
  // Nobody acts; the events of a party that does not act are never looked at.
  static Intent none(const V& v) {
    Intent i{};
    i.ue_acts = v.lit(false);
    i.net_acts = v.lit(false);
    return i;
  }
  static Intent ue_only(const V& v, const UeEvent& e) {
    Intent i = none(v);
    i.ue_acts = v.lit(true);
    i.ue = e;
    return i;
  }
  static Intent net_only(const V& v, const NetEvent& e) {
    Intent i = none(v);
    i.net_acts = v.lit(true);
    i.net = e;
    return i;
  }
  static Intent both(const V& v, const UeEvent& u, const NetEvent& n) { return {v.lit(true), u, v.lit(true), n}; }
};

// A system step's output: the rule each party's table fired (kNoRule if it did not step) and
// what it output.
template <class V, class UeOutput, class NetOutput>
struct PartyOutputs {
  typename V::Word ue_rule, net_rule;
  UeOutput ue;
  NetOutput net;

  static auto fields() {
    return std::tuple{field("ue_rule", &PartyOutputs::ue_rule), field("net_rule", &PartyOutputs::net_rule),
                      field("ue", &PartyOutputs::ue), field("net", &PartyOutputs::net)};
  }
};

// Both parties' tables stepped once on the events of an Intent. A party that does not act keeps
// its state (`ue_state`, `net_state`) and shows kNoRule and no output (`outputs`); `ue` and `net`
// are the steps as taken, which the system reads only where that party acts.
template <class UeStep, class NetStep, class UeState, class NetState, class Outputs>
struct PartySteps {
  UeStep ue;
  NetStep net;
  UeState ue_state;
  NetState net_state;
  Outputs outputs;
};

template <class V, class UeRules, class NetRules, class UeState, class NetState, class UeEvent, class NetEvent>
auto step_parties(const V& v, const UeRules& ue_rules, const NetRules& net_rules, const UeState& ue,
                  const NetState& net, const Intent<V, UeEvent, NetEvent>& in) {
  const auto u = step(v, ue_rules, ue, in.ue);
  const auto n = step(v, net_rules, net, in.net);
  using UeOutput = decltype(u.output);
  using NetOutput = decltype(n.output);
  using Outputs = PartyOutputs<V, UeOutput, NetOutput>;
  const Outputs o{v.ite(in.ue_acts, u.fired, v.word(kNoRule)), v.ite(in.net_acts, n.fired, v.word(kNoRule)),
                  select(v, in.ue_acts, u.output, UeOutput::none(v)),
                  select(v, in.net_acts, n.output, NetOutput::none(v))};
  return PartySteps<decltype(u), decltype(n), UeState, NetState, Outputs>{u, n, select(v, in.ue_acts, u.state, ue),
                                                                          select(v, in.net_acts, n.state, net), o};
}

}  // namespace secmode::spec
