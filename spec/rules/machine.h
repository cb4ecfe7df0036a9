// A procedure as a table of named rules (guard, effect, clause) and its one step function.
//
// Semantics: on an event, the first rule in table order whose guard holds fires; its effect
// gives the next state and the observable output. When no rule fires the state is kept and
// the output is Output::none. The step is written as a chain of if-then-else from the last
// rule to the first, so that the same rules make the concrete step (Concrete) and the
// transition relation (Symbolic): T(s, e) = ite(g1, u1, ite(g2, u2, ... (s, none))). The
// concrete step evaluates that chain lazily, as a concrete ite would: first match wins.
#pragma once

#include <functional>
#include <string_view>
#include <type_traits>
#include <vector>

#include "spec/rules/concrete.h"
#include "spec/rules/fields.h"

namespace secmode::spec {

// The index recorded when no rule fires.
inline constexpr std::uint32_t kNoRule = 0xffffffff;

template <class V, class State, class Event, class Output>
struct Rule {
  std::string_view name;
  std::string_view clause;  // e.g. "TS 24.301 5.4.3.5"
  std::function<typename V::Bool(const V&, const State&, const Event&)> guard;
  std::function<State(const V&, const State&, const Event&)> next;
  std::function<Output(const V&, const State&, const Event&)> output;
};

template <class V, class State, class Output>
struct Step {
  State state;
  Output output;
  typename V::Word fired;  // index of the rule that fired, or kNoRule
};

template <class V, class State, class Event, class Output>
Step<V, State, Output> step(const V& v, const std::vector<Rule<V, State, Event, Output>>& rules, const State& s,
                            const Event& e) {
  Step<V, State, Output> result{s, Output::none(v), v.word(kNoRule)};
  if constexpr (std::is_same_v<V, Concrete>) {
    // The same if-then-else chain evaluated the way a concrete `ite` would: the first rule whose
    // guard holds decides, and the rules after it are never looked at. The agreement property
    // (tests/spec/property_agreement.cpp) holds this against the Z3 relation built below.
    for (std::size_t i = 0; i < rules.size(); ++i)
      if (rules[i].guard(v, s, e))
        return {rules[i].next(v, s, e), rules[i].output(v, s, e), static_cast<std::uint32_t>(i)};
    return result;
  }
  for (std::size_t i = rules.size(); i-- > 0;) {
    const auto& r = rules[i];
    const typename V::Bool g = r.guard(v, s, e);
    result = Step<V, State, Output>{select(v, g, r.next(v, s, e), result.state),
                                    select(v, g, r.output(v, s, e), result.output),
                                    v.ite(g, v.word(static_cast<std::uint32_t>(i)), result.fired)};
  }
  return result;
}

// The rules of a composed procedure are several tables (eps_nas_smc_system.h): such rules step
// themselves, and the checker and the tests take them through this same call.
template <class V, class Rules, class State, class Event>
  requires requires(const V& v, const Rules& r, const State& s, const Event& e) { r.step(v, s, e); }
auto step(const V& v, const Rules& rules, const State& s, const Event& e) {
  return rules.step(v, s, e);
}

}  // namespace secmode::spec
