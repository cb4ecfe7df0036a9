#include "proofs/catalog.h"

#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string_view>

#include "model/check.h"
#include "spec/procedures/as_smc_ran.h"
#include "spec/procedures/as_smc_system.h"
#include "spec/procedures/as_smc_ue.h"
#include "spec/procedures/concurrent_5g.h"
#include "spec/procedures/ims_sa_ue.h"
#include "spec/procedures/nas_smc_network.h"
#include "spec/procedures/nas_smc_ue.h"

namespace secmode::proofs {
namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// How deep an invariant is model-checked: kDepth, except the one whose bounded check grows too
// fast to reach it in the suite's time, which a hand-written strengthening proves instead (as_smc
// agreement: 15 s to depth 12, 48 s to depth 14, then about 2.5x per two steps; proofs/README.md).
std::size_t bounded_depth(std::string_view procedure, std::string_view invariant) {
  if (procedure == "as_smc" && invariant == "shared_as_security_while_connected") return 12;
  return kDepth;
}

template <class P>
void add_procedure(std::vector<Check>& out) {
  using T = model::Types<P>;
  const std::string proc(P::name);
  const auto monitors = P::template monitors<model::Symbolic>();
  const auto concrete_monitors = P::template monitors<spec::Concrete>();

  for (std::size_t i = 0; i < monitors.size(); ++i) {
    const auto& m = monitors[i];
    out.push_back({Check::Kind::invariant, proc, std::string(m.name), std::string(m.clause), std::string(m.claim),
                   [proc, m, cm = concrete_monitors[i]] {
                     const auto t0 = std::chrono::steady_clock::now();
                     Outcome o;
                     const typename T::Target violated = [m](const model::Symbolic& v, const auto& s, const auto& e,
                                                             const auto& st) { return !m.holds(v, s, e, st); };
                     const typename T::CTarget concrete_violated = [cm](const spec::Concrete& c, const auto& s,
                                                                        const auto& e, const auto& st) {
                       return !cm.holds(c, s, e, st);
                     };
                     const std::size_t depth = bounded_depth(proc, m.name);
                     const auto bounded = model::bmc<P>(nullptr, violated, concrete_violated, depth);
                     const double bmc_seconds = seconds_since(t0);
                     // Spacer finds the inductive invariant, unless the monitor brings one written by hand.
                     const bool by_hand = static_cast<bool>(m.strengthening);
                     const char* engine = by_hand ? "strengthening" : "spacer";
                     const auto unbounded = by_hand ? model::prove_by_strengthening<P>(violated, m.strengthening)
                                                    : model::prove_unbounded<P>(violated, kSpacerTimeoutMs);
                     o.ok = !bounded.found && unbounded.verdict == model::Verdict::proved &&
                            unbounded.certificate_problem.empty();
                     char split[64];
                     std::snprintf(split, sizeof split, " (%s %.2f s, bmc %.2f s)", engine,
                                   seconds_since(t0) - bmc_seconds, bmc_seconds);
                     o.method = std::string(engine) + " (unbounded) + bmc " + std::to_string(depth) + split;
                     const char* verdict = unbounded.verdict == model::Verdict::proved     ? "proved"
                                           : unbounded.verdict == model::Verdict::violated ? "violated"
                                                                                           : "unknown";
                     const std::string certificate =
                         unbounded.verdict != model::Verdict::proved ? ""
                         : unbounded.certificate_problem.empty()
                             ? ", invariant checked by cvc5"
                             : ", invariant NOT checked by cvc5 (" + unbounded.certificate_problem + ")";
                     const std::string how =
                         std::string(by_hand ? "hand-written strengthening, checked by z3" : "spacer") + certificate;
                     o.summary = proc + " invariant " + std::string(m.name) + ": " + verdict + " (" + how + "), " +
                                 (bounded.found ? std::string("violated at depth ") + std::to_string(bounded.depth)
                                                : "no violation to depth " + std::to_string(depth)) +
                                 (unbounded.detail.empty() ? "" : " [" + unbounded.detail + "]");
                     o.trace = bounded.trace.steps;
                     o.seconds = seconds_since(t0);
                     return o;
                   }});
  }

  const auto witnesses = P::template witnesses<model::Symbolic>();
  const auto concrete_witnesses = P::template witnesses<spec::Concrete>();
  for (std::size_t i = 0; i < witnesses.size(); ++i) {
    const auto& w = witnesses[i];
    out.push_back({Check::Kind::witness, proc, w.name, {}, std::string("rule ") + w.name + " fires in some reachable step",
                   [proc, w, cw = concrete_witnesses[i]] {
                     const auto t0 = std::chrono::steady_clock::now();
                     Outcome o;
                     const auto r = model::bmc<P>(nullptr, w.reached, cw.reached, kDepth);
                     o.ok = r.found;
                     o.method = std::string("bmc ") + std::to_string(kDepth);
                     o.summary = proc + " witness " + w.name + ": " +
                                 (r.found ? std::string("reached at depth ") + std::to_string(r.depth)
                                          : "NOT reached to depth " + std::to_string(kDepth));
                     o.trace = r.trace.steps;
                     o.seconds = seconds_since(t0);
                     return o;
                   }});
  }

  for (const auto& mutation : P::mutations()) {
    out.push_back({Check::Kind::mutant, proc, mutation.describe(), {}, std::string("some invariant fails ") + mutation.describe(),
                   [proc, mutation, monitors, concrete_monitors] {
                     const auto t0 = std::chrono::steady_clock::now();
                     Outcome o;
                     const typename T::Target any_violated = [monitors](const model::Symbolic& v, const auto& s,
                                                                        const auto& e, const auto& st) {
                       model::Symbolic::Bool any = v.lit(false);
                       for (const auto& m : monitors) any = any || !m.holds(v, s, e, st);
                       return any;
                     };
                     const typename T::CTarget concrete_any =
                         [concrete_monitors](const spec::Concrete& c, const auto& s, const auto& e, const auto& st) {
                           for (const auto& m : concrete_monitors)
                             if (!m.holds(c, s, e, st)) return true;
                           return false;
                         };
                     const auto any = model::bmc<P>(&mutation, any_violated, concrete_any, kDepth);
                     // Which invariant kills the mutant is a fact, not a choice of Z3's model (which
                     // varies with the context's history): the first monitor, in table order, that some
                     // trace of the shortest depth violates.
                     std::string killer;
                     model::BmcResult r;
                     for (std::size_t i = 0; any.found && killer.empty() && i < monitors.size(); ++i) {
                       const typename T::Target one = [m = monitors[i]](const model::Symbolic& v, const auto& s,
                                                                        const auto& e, const auto& st) {
                         return !m.holds(v, s, e, st);
                       };
                       const typename T::CTarget concrete_one =
                           [cm = concrete_monitors[i]](const spec::Concrete& c, const auto& s, const auto& e,
                                                       const auto& st) { return !cm.holds(c, s, e, st); };
                       r = model::bmc<P>(&mutation, one, concrete_one, any.depth);
                       if (r.found) killer = monitors[i].name;
                     }
                     if (any.found && killer.empty())
                       throw std::logic_error(proc + ": a mutant's violation names no monitor at its depth");
                     o.ok = any.found;
                     o.method = std::string("bmc ") + std::to_string(kDepth);
                     o.summary = proc + " mutant \"" + mutation.describe() + "\": " +
                                 (any.found ? "killed by " + killer + " at depth " + std::to_string(any.depth)
                                            : "SURVIVED to depth " + std::to_string(kDepth));
                     o.trace = r.trace.steps;
                     o.seconds = seconds_since(t0);
                     return o;
                   }});
  }
}

}  // namespace

const char* kind_name(Check::Kind k) {
  switch (k) {
    case Check::Kind::invariant: return "invariant";
    case Check::Kind::witness: return "witness";
    case Check::Kind::mutant: return "mutant";
  }
  return "?";
}

const std::vector<Check>& catalog() {
  static const std::vector<Check> all = [] {
    std::vector<Check> out;
    // The slowest first (bounded model checking to depth 30 of no_loss_of_service, then of the
    // composed AS system): ctest on a fresh clone starts tests in this order
    // (tests/CMakeLists.txt), so they run beside the rest.
    add_procedure<spec::Concurrent5g>(out);
    add_procedure<spec::AsSmcSystem>(out);
    add_procedure<spec::EpsNasSmcUe>(out);
    add_procedure<spec::EpsNasSmcMme>(out);
    add_procedure<spec::FivegsNasSmcUe>(out);
    add_procedure<spec::FivegsNasSmcAmf>(out);
    add_procedure<spec::AsSmcUe>(out);
    add_procedure<spec::AsSmcRan>(out);
    add_procedure<spec::ImsSaUe>(out);
    return out;
  }();
  return all;
}

}  // namespace secmode::proofs
