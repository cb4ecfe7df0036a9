// Proofs over a procedure's rule table: a monitor holds on every transition from every
// state on every event (Z3: the negation is unsatisfiable), and the concrete step agrees
// with the transition relation (used by the agreement property test).
#pragma once

#include <sstream>
#include <string>

#include "model/symbolic.h"
#include "spec/rules/machine.h"
#include "spec/rules/monitor.h"

namespace secmode::model {

struct ProofResult {
  bool holds = false;
  std::string counterexample;  // "field=value ..." of the state and event, when !holds
};

// Renders the fields of `r` in `m` as "prefix.name=value".
template <class Record>
std::string render(const z3::model& m, const Record& r, const std::string& prefix) {
  std::ostringstream out;
  spec::for_each_field(r, [&](std::string_view name, const z3::expr& term) {
    out << prefix << name << '=' << m.eval(term, true) << ' ';
  });
  return out.str();
}

// For all s and e: monitor(s, e, step(rules, s, e)). With a monitor invariant I: I(initial),
// and for all s and e: I(s) implies I(s') and the monitor.
template <class State, class Event, class Output>
ProofResult prove(const std::vector<spec::Rule<Symbolic, State, Event, Output>>& rules,
                  const spec::Monitor<Symbolic, State, Event, Output>& monitor, const State& initial) {
  const Symbolic v;
  ProofResult r;
  if (monitor.invariant) {
    z3::solver base(z3_context());
    base.add(!monitor.invariant(v, initial));
    if (base.check() != z3::unsat) {
      r.counterexample = "the invariant does not hold in the initial state";
      return r;
    }
  }
  const State s = fresh<State>("s.");
  const Event e = fresh<Event>("e.");
  const auto st = spec::step(v, rules, s, e);
  z3::solver solver(z3_context());
  if (monitor.invariant) {
    solver.add(monitor.invariant(v, s));
    solver.add(!(monitor.invariant(v, st.state) && monitor.holds(v, s, e, st)));
  } else {
    solver.add(!monitor.holds(v, s, e, st));
  }
  switch (solver.check()) {
    case z3::unsat:
      r.holds = true;
      break;
    case z3::sat: {
      const z3::model m = solver.get_model();
      r.counterexample = render(m, s, "s.") + render(m, e, "e.") + "fired=" + m.eval(st.fired, true).to_string();
      break;
    }
    case z3::unknown:
      r.counterexample = "z3: unknown (" + solver.reason_unknown() + ")";
      break;
  }
  return r;
}

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
