// Every check `secmode prove` runs, for every procedure:
// - invariant: a monitor proved from the initial state for every reachable step (Spacer, an
//   unbounded proof) and bounded-model-checked to kDepth steps (which would give the trace);
// - witness: a rule that must fire in some reachable step (vacuity);
// - mutant: a deliberately broken rule table on which some invariant must fail, with the
//   shortest counterexample printed as a message sequence (s2n-tls "negative proofs").
// A check's `summary` is one stable line; proofs/expected.txt holds the expected lines, so a
// change to spec/ that changes any result fails the proof tests until it is reviewed.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace secmode::proofs {

inline constexpr std::size_t kDepth = 30;  // bounded model checking depth
inline constexpr unsigned kSpacerTimeoutMs = 120000;

struct Outcome {
  bool ok = false;              // invariant proved, witness reached, mutant killed
  std::string summary;          // the stable line compared with proofs/expected.txt
  std::string method;           // how, e.g. "spacer + bmc 30"
  std::vector<std::string> trace;  // counterexample or witness, one line per step
  double seconds = 0;
};

struct Check {
  enum class Kind { invariant, witness, mutant } kind;
  std::string procedure;
  std::string name;    // monitor, rule, or mutant description
  std::string clause;
  std::string claim;
  std::function<Outcome()> run;
};

const std::vector<Check>& catalog();

const char* kind_name(Check::Kind k);

}  // namespace secmode::proofs
