// The one-source claim, as a check: the transition relation built from a rule table,
// evaluated at a concrete state and event, admits exactly the concrete successor; and a
// monitor's formula, evaluated at a concrete step, has the concrete monitor's value.
#pragma once

#include "model/symbolic.h"
#include "spec/rules/concrete.h"
#include "spec/rules/machine.h"
#include "spec/rules/monitor.h"

namespace secmode::model {

// The transition relation of procedure P (its rules as `mutation` leaves them) at a concrete
// (s, e) admits exactly `next` and `out`: the relation holds for them, and no other successor
// satisfies it.
template <class P, class CState, class CEvent, class COutput>
bool relation_admits_exactly(const spec::Mutation* mutation, const CState& s, const CEvent& e, const CState& next,
                             const COutput& out) {
  using State = typename P::template State<Symbolic>;
  using Event = typename P::template Event<Symbolic>;
  using Output = typename P::template Output<Symbolic>;
  const Symbolic v;
  const auto st = spec::step(v, P::template rules<Symbolic>(mutation), literal<State>(s), literal<Event>(e));
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

// The monitor's formula at the concrete step s, e -> st simplifies to `concrete_value`, the
// concrete monitor's verdict there. (A C++ branch on a term would make them differ.)
template <class State, class Event, class Output, class CState, class CEvent, class COutput>
bool monitor_agrees(const spec::Monitor<Symbolic, State, Event, Output>& m, bool concrete_value, const CState& s,
                    const CEvent& e, const spec::Step<spec::Concrete, CState, COutput>& st) {
  const Symbolic v;
  const spec::Step<Symbolic, State, Output> at{literal<State>(st.state), literal<Output>(st.output), v.word(st.fired)};
  const z3::expr value = m.holds(v, literal<State>(s), literal<Event>(e), at).simplify();
  return concrete_value ? value.is_true() : value.is_false();
}

}  // namespace secmode::model
