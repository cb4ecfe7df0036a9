// Model checking a procedure from its initial state, over the rule table it is written as:
//
// - unbounded proof of a monitor with Z3's Spacer engine over constrained Horn clauses:
//     Reach(init).  Reach(s) -> Reach(step(s, e)).  Reach(s) && !holds(s, e, step(s, e)) -> Err.
//   "Err is unreachable" is proved by Spacer finding an inductive invariant itself, so no
//   strengthening lemma has to be written (and kept in sync with the rules) by hand;
// - bounded model checking to a given depth, which yields the shortest trace to a violation,
//   to a witness step (vacuity) or to a mutant's first broken monitor.
//
// A procedure is given as a tag P (see spec/procedures/): P::State<V>, P::Event<V>,
// P::Output<V>, P::rules<V>(mutation), P::monitors<V>(), P::initial(v), P::witnesses<V>() and
// P::describe(state, event, step, mutation) for readable traces. Every trace found symbolically is replayed
// with the concrete rules and must reach the same target: a disagreement is a bug in secmode
// and is thrown, not reported as a result.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "model/certificate.h"
#include "model/symbolic.h"
#include "spec/rules/concrete.h"
#include "spec/rules/machine.h"
#include "spec/rules/monitor.h"

namespace secmode::model {

template <class P>
struct Types {
  using S = typename P::template State<Symbolic>;
  using E = typename P::template Event<Symbolic>;
  using O = typename P::template Output<Symbolic>;
  using Step = spec::Step<Symbolic, S, O>;
  using Target = std::function<Symbolic::Bool(const Symbolic&, const S&, const E&, const Step&)>;
  using CS = typename P::template State<spec::Concrete>;
  using CE = typename P::template Event<spec::Concrete>;
  using CO = typename P::template Output<spec::Concrete>;
  using CStep = spec::Step<spec::Concrete, CS, CO>;
  using CTarget = std::function<bool(const spec::Concrete&, const CS&, const CE&, const CStep&)>;
};

// A trace from the initial state: one readable line per step, the last one reaching the target.
struct Trace {
  std::vector<std::string> steps;
};

struct BmcResult {
  bool found = false;
  std::size_t depth = 0;  // number of steps of the trace when found
  Trace trace;
};

namespace detail {

inline z3::expr_vector leaves(const auto& record) {
  z3::expr_vector out(z3_context());
  spec::for_each_leaf(record, [&](std::string_view, const z3::expr& x) { out.push_back(x); });
  return out;
}

template <class P>
Trace replay(const std::vector<typename Types<P>::CE>& events, const spec::Mutation* mutation,
             const typename Types<P>::CTarget& target) {
  const spec::Concrete c;
  const auto rules = P::template rules<spec::Concrete>(mutation);
  auto s = P::initial(c);
  Trace t;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto st = spec::step(c, rules, s, events[i]);
    std::string line = P::describe(s, events[i], st, mutation);
    if (!line.empty()) t.steps.push_back(std::to_string(i + 1) + ". " + line);
    if (i + 1 == events.size() && !target(c, s, events[i], st))
      throw std::logic_error(std::string(P::name) + ": a Z3 trace does not replay concretely");
    s = st.state;
  }
  return t;
}

}  // namespace detail

// The shortest trace of at most `depth` steps whose last step satisfies `target`. The
// concrete twin of the target checks the replay.
template <class P>
BmcResult bmc(const spec::Mutation* mutation, const typename Types<P>::Target& target,
              const typename Types<P>::CTarget& concrete_target, std::size_t depth) {
  using T = Types<P>;
  const Symbolic v;
  const auto rules = P::template rules<Symbolic>(mutation);
  z3::solver solver(z3_context());
  typename T::S s = P::initial(v);
  std::vector<typename T::E> events;
  for (std::size_t k = 0; k < depth; ++k) {
    events.push_back(fresh<typename T::E>(std::string("e").append(std::to_string(k)).append(".")));
    const auto st = spec::step(v, rules, s, events.back());
    // The target at depth k + 1 under an assumption, then retired: unlike push / pop, what the
    // solver learnt about the steps stays for the next depth (2.5x faster at depth 20 on
    // concurrent_5g's no_loss_of_service).
    const z3::expr here = z3_context().bool_const(std::string("bmc.target").append(std::to_string(k)).c_str());
    solver.add(z3::implies(here, target(v, s, events.back(), st)));
    z3::expr_vector assumed(z3_context());
    assumed.push_back(here);
    const auto r = solver.check(assumed);
    if (r == z3::sat) {
      const z3::model m = solver.get_model();
      std::vector<typename T::CE> concrete_events;
      for (const auto& e : events) concrete_events.push_back(concrete<typename T::CE>(m, e));
      return {true, k + 1, detail::replay<P>(concrete_events, mutation, concrete_target)};
    }
    if (r == z3::unknown) throw std::runtime_error("z3: unknown in bounded check: " + solver.reason_unknown());
    solver.add(!here);
    // A fresh name per state keeps the formula linear in the depth.
    const auto next = fresh<typename T::S>(std::string("s").append(std::to_string(k + 1)).append("."));
    solver.add(spec::equal(v, next, st.state));
    s = next;
  }
  return {};
}

// The three obligations of certificate.h for an invariant `inv` over the state.
template <class P>
std::vector<Obligation> obligations(const std::function<z3::expr(const Symbolic&, const typename Types<P>::S&)>& inv,
                                    const typename Types<P>::Target& violation) {
  using T = Types<P>;
  const Symbolic v;
  const auto rules = P::template rules<Symbolic>();
  const auto s = fresh<typename T::S>("s.");
  const auto e = fresh<typename T::E>("e.");
  const auto st = spec::step(v, rules, s, e);
  const z3::expr inv_s = inv(v, s);
  return {
      {"initiation", !inv(v, P::initial(v))},
      {"consecution", inv_s && !inv(v, st.state)},
      {"safety", inv_s && violation(v, s, e, st)},
  };
}

// Spacer's invariant `inv_of` is a formula over the state's leaves as variables (variable i is
// leaf i, as in a model's function interpretation).
template <class P>
std::vector<Obligation> obligations(const z3::expr& inv_of, const typename Types<P>::Target& violation) {
  return obligations<P>(
      [&inv_of](const Symbolic&, const typename Types<P>::S& s) {
        z3::expr inv = inv_of;  // substitute() is not const
        return inv.substitute(detail::leaves(s));
      },
      violation);
}

enum class Verdict { proved, violated, unknown };

struct UnboundedResult {
  Verdict verdict = Verdict::unknown;
  std::string detail;  // Spacer's reason when unknown
  // When proved: "" if cvc5 checked Spacer's invariant (certificate.h), else what failed.
  std::string certificate_problem;
};

// Spacer: is a step violating the monitor reachable at any depth? A proof comes with the
// inductive invariant Spacer found, checked by cvc5.
template <class P>
UnboundedResult prove_unbounded(const typename Types<P>::Target& violation,
                                unsigned timeout_ms) {
  using T = Types<P>;
  const Symbolic v;
  auto& ctx = z3_context();
  const auto rules = P::template rules<Symbolic>();
  const auto s = fresh<typename T::S>("s.");
  const auto e = fresh<typename T::E>("e.");
  const z3::expr_vector s_leaves = detail::leaves(s);
  z3::sort_vector domain(ctx);
  for (const auto& x : s_leaves) domain.push_back(x.get_sort());
  z3::func_decl reach = ctx.function("Reach", domain, ctx.bool_sort());
  z3::func_decl err = ctx.function("Err", 0, nullptr, ctx.bool_sort());

  z3::fixedpoint fp(ctx);
  z3::params params(ctx);
  params.set("engine", ctx.str_symbol("spacer"));
  fp.set(params);
  fp.register_relation(reach);
  fp.register_relation(err);

  z3::expr init = reach(detail::leaves(P::initial(v)));
  fp.add_rule(init, ctx.str_symbol("init"));
  z3::expr_vector vars(ctx);  // not a copy of s_leaves: expr_vector copies share storage
  for (const auto& x : s_leaves) vars.push_back(x);
  for (const auto& x : detail::leaves(e)) vars.push_back(x);
  const auto st = spec::step(v, rules, s, e);
  z3::expr step = z3::forall(vars, z3::implies(reach(s_leaves), reach(detail::leaves(st.state))));
  fp.add_rule(step, ctx.str_symbol("step"));
  z3::expr bad = z3::forall(vars, z3::implies(reach(s_leaves) && violation(v, s, e, st), err()));
  fp.add_rule(bad, ctx.str_symbol("bad"));
  z3::expr query = err();
  // Spacer does not honour a timeout parameter everywhere; a watchdog interrupts it.
  std::mutex mutex;
  std::condition_variable done_cv;
  bool done = false;
  std::thread watchdog([&] {
    std::unique_lock lock(mutex);
    if (!done_cv.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] { return done; })) ctx.interrupt();
  });
  z3::check_result r = z3::unknown;
  std::string error;
  try {
    r = fp.query(query);
  } catch (const z3::exception& x) {
    error = x.msg();
  }
  {
    std::lock_guard lock(mutex);
    done = true;
  }
  done_cv.notify_one();
  watchdog.join();
  if (!error.empty()) return {Verdict::unknown, error, {}};
  switch (r) {
    case z3::unsat:
      // The invariant at the fixpoint level (-1), over Reach's arguments as variables.
      return {Verdict::proved, {}, check_with_cvc5(obligations<P>(fp.get_cover_delta(-1, reach), violation))};
    case z3::sat: return {Verdict::violated, {}, {}};
    case z3::unknown: break;
  }
  return {Verdict::unknown, fp.reason_unknown(), {}};
}

// A hand-written strengthening (spec::Monitor::strengthening) proves the monitor when the three
// obligations hold for it: Z3 checks them, then cvc5 as for Spacer's invariants. A strengthening
// that is not inductive, or too weak, leaves the monitor unknown, naming the obligation.
template <class P>
UnboundedResult prove_by_strengthening(
    const typename Types<P>::Target& violation,
    const std::function<z3::expr(const Symbolic&, const typename Types<P>::S&)>& strengthening) {
  const auto checks = obligations<P>(strengthening, violation);
  for (const auto& o : checks) {
    z3::solver solver(z3_context());
    solver.add(o.negation);
    const auto r = solver.check();
    if (r != z3::unsat)
      return {Verdict::unknown,
              std::string("the strengthening fails ") + o.name + (r == z3::sat ? "" : " (z3: unknown)"),
              {}};
  }
  return {Verdict::proved, {}, check_with_cvc5(checks)};
}

}  // namespace secmode::model
