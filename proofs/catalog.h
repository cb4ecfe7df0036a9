// Every proof secmode runs: a monitor of a procedure proved over its rule table, and the
// deliberately broken variant of that table (the mutant) on which the same proof must fail,
// so that a proof that passes for a vacuous reason is caught (s2n-tls "negative proofs").
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "model/prove.h"

namespace secmode::proofs {

struct Proof {
  std::string procedure;
  std::string monitor;
  std::string clause;
  std::string claim;
  std::string mutant;  // what the broken table does
  std::function<model::ProofResult()> prove;
  std::function<model::ProofResult()> prove_mutant;  // must not hold
};

const std::vector<Proof>& catalog();

// One procedure's part of the catalog: each monitor paired with its mutation.
template <class State, class Event, class Output>
void add_proofs(std::vector<Proof>& out, const std::string& procedure,
                const std::vector<spec::Rule<model::Symbolic, State, Event, Output>>& rules,
                const std::vector<spec::Monitor<model::Symbolic, State, Event, Output>>& monitors, const State& initial,
                const std::vector<std::pair<std::string, spec::Mutation>>& mutations) {
  for (const auto& m : monitors) {
    const spec::Mutation* mutation = nullptr;
    for (const auto& [name, mu] : mutations)
      if (name == m.name) mutation = &mu;
    if (mutation == nullptr) throw std::logic_error("proof without a mutant: " + std::string(m.name));
    const auto mutated = spec::mutate(rules, *mutation);
    const char* kinds[] = {"drops rule", "always fires rule", "gives rule"};
    std::string what = std::string(kinds[static_cast<int>(mutation->kind)]) + " " + std::string(mutation->rule);
    if (mutation->kind == spec::Mutation::Kind::borrow_next) what += " the next state of " + std::string(mutation->other);
    out.push_back({procedure, std::string(m.name), std::string(m.clause), std::string(m.claim), what,
                   [rules, m, initial] { return model::prove(rules, m, initial); },
                   [mutated, m, initial] { return model::prove(mutated, m, initial); }});
  }
}

}  // namespace secmode::proofs
