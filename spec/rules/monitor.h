// A safety property as a monitor that watches one transition (P language style): it sees
// the state before, the event, and the step taken, and says whether the step is allowed.
// The same monitor is proved by Z3 over all states and events (model/prove.h), checked in
// property tests, and evaluated by the oracle on users' traces.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>
#include <string_view>

#include "spec/rules/machine.h"

namespace secmode::spec {

template <class V, class State, class Event, class Output>
struct Monitor {
  std::string_view name;
  std::string_view clause;
  std::string_view claim;  // the property in words
  std::function<typename V::Bool(const V&, const State&, const Event&, const Step<V, State, Output>&)> holds;
  // Optional: a state invariant the property needs (what reachable states look like). The
  // proof then shows it holds initially, is preserved by every transition, and implies `holds`.
  typename V::Bool (*invariant)(const V&, const State&) = nullptr;
};

// How a proof's deliberately broken variant is made from the correct rule table.
struct Mutation {
  // drop_rule: the rule is removed (a check an implementation forgot);
  // force_rule: its guard becomes true (a check that always fires);
  // borrow_next: the rule takes `other`'s next state (state changed before validating).
  enum class Kind { drop_rule, force_rule, borrow_next } kind;
  std::string_view rule;  // the rule it applies to
  std::string_view other = {};
};

template <class V, class State, class Event, class Output>
std::vector<Rule<V, State, Event, Output>> mutate(std::vector<Rule<V, State, Event, Output>> rules, const Mutation& m) {
  auto find = [&](std::string_view name) {
    for (auto it = rules.begin(); it != rules.end(); ++it)
      if (it->name == name) return it;
    throw std::logic_error("mutation names no rule: " + std::string(name));
  };
  auto it = find(m.rule);
  switch (m.kind) {
    case Mutation::Kind::drop_rule:
      rules.erase(it);
      break;
    case Mutation::Kind::force_rule:
      it->guard = [](const V& v, const State&, const Event&) { return v.lit(true); };
      break;
    case Mutation::Kind::borrow_next:
      it->next = find(m.other)->next;
      break;
  }
  return rules;
}

}  // namespace secmode::spec
