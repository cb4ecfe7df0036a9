// Every proof of the catalog holds, and every proof's mutant is refuted with a counterexample.
#include <gtest/gtest.h>

#include "proofs/catalog.h"

class ProofCatalog : public ::testing::TestWithParam<std::size_t> {};

TEST_P(ProofCatalog, HoldsAndItsMutantFails) {
  const auto& p = secmode::proofs::catalog().at(GetParam());
  SCOPED_TRACE(p.procedure + "/" + p.monitor + " (" + p.clause + ")");
  const auto real = p.prove();
  EXPECT_TRUE(real.holds) << real.counterexample;
  const auto mutant = p.prove_mutant();
  EXPECT_FALSE(mutant.holds) << "mutant (" << p.mutant << ") was not refuted";
  EXPECT_FALSE(mutant.counterexample.empty());
}

namespace {
std::string proof_name(const ::testing::TestParamInfo<std::size_t>& param) {
  const auto& p = secmode::proofs::catalog().at(param.param);
  return p.procedure + "_" + p.monitor;
}
}  // namespace

INSTANTIATE_TEST_SUITE_P(All, ProofCatalog, ::testing::Range<std::size_t>(0, secmode::proofs::catalog().size()),
                         proof_name);

TEST(ProofCatalogShape, EveryProcedureHasProofs) { EXPECT_GE(secmode::proofs::catalog().size(), 6u); }
