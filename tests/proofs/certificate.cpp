// The cvc5 check of Spacer's invariants (model/certificate.h) rejects what is not a certificate:
// "true" is too weak to imply a monitor that depends on reachability, "false" does not hold
// initially, and Spacer's invariant is accepted.
#include <gtest/gtest.h>

#include "model/check.h"
#include "spec/procedures/nas_smc_network.h"

namespace secmode::model {
namespace {

using P = spec::EpsNasSmcMme;
using T = Types<P>;

// A monitor of the MME's table, as the catalog negates it. at_most_four_retransmissions is one
// that needs an invariant of the reachable states (most monitors hold after any step from any
// state, so that "true" would prove them).
T::Target violation_of(std::string_view name) {
  for (const auto& m : P::monitors<Symbolic>())
    if (m.name == name)
      return [m](const Symbolic& v, const auto& s, const auto& e, const auto& st) { return !m.holds(v, s, e, st); };
  ADD_FAILURE() << "no monitor " << name;
  return {};
}

TEST(Cvc5Certificate, RejectsInvariantsThatProveNothing) {
  const auto violated = violation_of("at_most_four_retransmissions");
  auto& ctx = z3_context();
  const std::string with_true = check_with_cvc5(obligations<P>(ctx.bool_val(true), violated));
  EXPECT_EQ(with_true.rfind("safety: sat", 0), 0u) << with_true;
  const std::string with_false = check_with_cvc5(obligations<P>(ctx.bool_val(false), violated));
  EXPECT_EQ(with_false.rfind("initiation: sat", 0), 0u) << with_false;
}

TEST(Cvc5Certificate, AcceptsSpacersInvariant) {
  const auto violated = violation_of("at_most_four_retransmissions");
  const auto proved = prove_unbounded<P>(violated, 60000);
  ASSERT_EQ(proved.verdict, Verdict::proved) << proved.detail;
  EXPECT_EQ(proved.certificate_problem, "");
}

}  // namespace
}  // namespace secmode::model
