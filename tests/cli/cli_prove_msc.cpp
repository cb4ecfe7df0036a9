// `secmode prove --msc DIR` draws every counterexample as a message sequence chart: each mutant of
// the AS UE table gets its chart, with the parties of its trace as lifelines, the invariant that
// kills it in the title, and the step that breaks it in red.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/cli/run.h"

namespace secmode::test {
namespace {

TEST(CliProveMsc, EachCounterexampleGetsItsChart) {
  const std::string dir = ::testing::TempDir() + "secmode_prove_msc";
  std::filesystem::remove_all(dir);
  const CliRun r = secmode_cli("prove --procedure as_smc_ue --mutants --msc " + dir);
  ASSERT_EQ(r.status, 0) << r.out << r.err;
  std::size_t charts = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    ++charts;
    const std::string svg = slurp(entry.path().string());
    EXPECT_EQ(svg.rfind("<svg", 0), 0u) << entry.path();
    EXPECT_NE(svg.find(">UE</text>"), std::string::npos) << entry.path();
    EXPECT_NE(svg.find("killed by"), std::string::npos) << entry.path();
    EXPECT_NE(svg.find(R"(fill="#c00")"), std::string::npos) << entry.path();  // the breaking step
  }
  EXPECT_EQ(charts, 7u);  // the table's seven mutants (spec/procedures/as_smc_ue.h)
  const std::string killed = slurp(dir + "/as_smc_ue_without_smc_integrity_failure.svg");
  EXPECT_NE(killed.find("complete_only_after_integrity_check"), std::string::npos);
  EXPECT_NE(killed.find(">RAN</text>"), std::string::npos);
  EXPECT_NE(killed.find("SecurityModeComplete"), std::string::npos);
}

}  // namespace
}  // namespace secmode::test
