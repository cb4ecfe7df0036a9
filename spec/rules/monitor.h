// A safety property as a monitor that watches one transition (P language style): it sees
// the state before, the event, and the step taken, and says whether the step is allowed.
// The same monitor is proved by Z3 over every reachable state (model/check.h), checked in
// property tests, and evaluated by the oracle on users' traces.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "spec/rules/machine.h"

namespace secmode::spec {

template <class V, class State, class Event, class Output>
struct Monitor {
  std::string_view name;
  std::string_view clause;
  std::string_view claim;  // the property in words
  std::function<typename V::Bool(const V&, const State&, const Event&, const Step<V, State, Output>&)> holds;
  // For a monitor Spacer proves no invariant for: an inductive invariant over the state, written
  // by hand, that implies it. The checker proves it one (model/check.h), so a wrong one fails the
  // proof; it cannot make one pass.
  std::function<typename V::Bool(const V&, const State&)> strengthening{};
};

// A deliberately broken variant of a rule table: what an implementation gets wrong.
struct Mutation {
  // drop_rule: the rule is removed (a check an implementation forgot);
  // force_rule: its guard becomes true (a check that always fires);
  // borrow_next: the rule takes `other`'s next state (state changed before validating).
  enum class Kind { drop_rule, force_rule, borrow_next } kind;
  std::string rule;  // "rule" in the procedure's own table, or "party.rule" in a party's table
  std::string other = {};

  std::string describe() const {
    switch (kind) {
      case Kind::drop_rule: return "without " + rule;
      case Kind::force_rule: return rule + " always fires";
      case Kind::borrow_next: return rule + " takes the next state of " + other;
    }
    return rule;
  }
};

// Applies `m` to `rules` if it names a rule of `party` ("" for the procedure's own table);
// otherwise returns the table unchanged.
template <class V, class State, class Event, class Output>
std::vector<Rule<V, State, Event, Output>> mutate(std::vector<Rule<V, State, Event, Output>> rules, const Mutation* m,
                                                  std::string_view party = {}) {
  if (m == nullptr) return rules;
  const auto dot = m->rule.find('.');
  const std::string_view target_party = dot == std::string::npos ? std::string_view{} : std::string_view(m->rule).substr(0, dot);
  if (target_party != party) return rules;
  const std::string_view local = dot == std::string::npos ? std::string_view(m->rule) : std::string_view(m->rule).substr(dot + 1);
  auto find = [&](std::string_view name) {
    for (auto it = rules.begin(); it != rules.end(); ++it)
      if (it->name == name) return it;
    throw std::logic_error("mutation names no rule: " + std::string(name));
  };
  auto it = find(local);
  switch (m->kind) {
    case Mutation::Kind::drop_rule:
      rules.erase(it);
      break;
    case Mutation::Kind::force_rule:
      it->guard = [](const V& v, const State&, const Event&) { return v.lit(true); };
      break;
    case Mutation::Kind::borrow_next:
      it->next = find(m->other)->next;
      break;
  }
  return rules;
}

// The name of the rule a concrete step fired, in the table as `m` mutates it for `party`, or
// "no rule": what a trace line shows in brackets.
template <class R>
std::string fired_rule_name(std::vector<R> rules, std::uint32_t fired, const Mutation* m, std::string_view party) {
  if (fired == kNoRule) return "no rule";
  return std::string(mutate(std::move(rules), m, party).at(fired).name);
}

}  // namespace secmode::spec

namespace secmode::spec {

// A vacuity target: a step the procedure must be able to take from its initial state (each
// rule fires somewhere), so that no proof holds only because a rule can never fire.
template <class V, class State, class Event, class Output>
struct Witness {
  std::string name;
  std::function<typename V::Bool(const V&, const State&, const Event&, const Step<V, State, Output>&)> reached;
};

// One witness per rule of a table: "rule i fires", where `fired` picks the index to compare
// (the step's own, or a party's index the procedure reports in its output).
template <class V, class State, class Event, class Output, class R>
void add_rule_witnesses(std::vector<Witness<V, State, Event, Output>>& out, const std::vector<R>& rules,
                        const std::string& prefix,
                        typename V::Word (*fired)(const Step<V, State, Output>&)) {
  for (std::size_t i = 0; i < rules.size(); ++i)
    out.push_back({prefix + std::string(rules[i].name),
                   [fired, i](const V& v, const State&, const Event&, const Step<V, State, Output>& st) {
                     return fired(st) == v.word(static_cast<std::uint32_t>(i));
                   }});
}

}  // namespace secmode::spec
