// Every check of the catalog gives its expected result: invariants proved, witnesses reached,
// mutants killed, and each result line equal to the one reviewed into proofs/expected.txt.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "proofs/catalog.h"

namespace {

std::set<std::string> expected_lines() {
  std::ifstream in(SECMODE_PROOFS_EXPECTED);
  std::set<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') lines.insert(line);
  return lines;
}

}  // namespace

class ProofCatalog : public ::testing::TestWithParam<std::size_t> {};

TEST_P(ProofCatalog, GivesItsExpectedResult) {
  const auto& check = secmode::proofs::catalog().at(GetParam());
  const auto r = check.run();
  std::string trace;
  for (const auto& line : r.trace) trace += "\n  " + line;
  EXPECT_TRUE(r.ok) << r.summary << trace;
  EXPECT_EQ(expected_lines().count(r.summary), 1u)
      << "not in proofs/expected.txt (review, then update it with `secmode prove --mutants --summary`): " << r.summary;
  if (check.kind == secmode::proofs::Check::Kind::mutant) {
    EXPECT_FALSE(r.trace.empty()) << "a kill needs a counterexample";
  }
}

namespace {
std::string check_name(const ::testing::TestParamInfo<std::size_t>& param) {
  const auto& c = secmode::proofs::catalog().at(param.param);
  std::string name = c.procedure + "_" + secmode::proofs::kind_name(c.kind) + "_" + std::to_string(param.param) + "_" + c.name;
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}
}  // namespace

INSTANTIATE_TEST_SUITE_P(All, ProofCatalog, ::testing::Range<std::size_t>(0, secmode::proofs::catalog().size()),
                         check_name);

// No stale expectation: every line of proofs/expected.txt belongs to a check of the catalog.
TEST(ProofExpectations, OneLinePerCheck) { EXPECT_EQ(expected_lines().size(), secmode::proofs::catalog().size()); }
