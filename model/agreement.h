// The one-source claim, as a check: the transition relation built from a rule table,
// evaluated at a concrete state and event, admits exactly the concrete successor.
#pragma once

#include "model/symbolic.h"
#include "spec/rules/machine.h"

namespace secmode::model {

// The transition relation at a concrete (s, e) admits exactly `next` and `out`: the
// relation holds for them, and no other successor satisfies it.
template <class State, class Event, class Output, class CState, class CEvent, class COutput>
bool relation_admits_exactly(const std::vector<spec::Rule<Symbolic, State, Event, Output>>& rules, const CState& s,
                             const CEvent& e, const CState& next, const COutput& out) {
  const Symbolic v;
  const auto st = spec::step(v, rules, literal<State>(s), literal<Event>(e));
  const State succ = fresh<State>("n.");
  const Output o = fresh<Output>("o.");
  const z3::expr relation = spec::equal(v, succ, st.state) && spec::equal(v, o, st.output);
  const z3::expr expected = spec::equal(v, succ, literal<State>(next)) && spec::equal(v, o, literal<Output>(out));
  z3::solver admits(z3_context());
  admits.add(relation && expected);
  z3::solver other(z3_context());
  other.add(relation && !expected);
  return admits.check() == z3::sat && other.check() == z3::unsat;
}

}  // namespace secmode::model
