// The concurrency judge (oracle/concurrency_judge.h) names each of TS 33.501 6.9.5.1 rules 1-5
// when the trace has the AMF start what the rule defers, and finds nothing wrong when the same
// procedures run one after the other.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "oracle/concurrency_judge.h"

namespace secmode::oracle {
namespace {

// The verdicts of a sequence: "auth", "smc", "complete", or "<event> <phase>".
std::vector<Verdict> run(const std::vector<std::string>& steps) {
  ConcurrencyJudge j;
  std::vector<Verdict> out;
  std::size_t step = 0;
  for (const std::string& s : steps) {
    ++step;
    if (s == "auth") {
      j.authentication();
    } else if (s == "smc") {
      j.smc_started(step, out);
    } else if (s == "complete") {
      j.smc_completed();
    } else {
      const auto space = s.find(' ');
      j.event(step, s.substr(0, space), s.substr(space + 1), out);
    }
  }
  return out;
}

const Verdict* violation(const std::vector<Verdict>& v) {
  for (const Verdict& x : v)
    if (!x.ok) return &x;
  return nullptr;
}

TEST(ConcurrencyJudge, EachRuleIsNamedWhenBroken) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {{"auth", "smc", "n2_key_change start"}, "TS 33.501 6.9.5.1 rule 1"},
      {{"auth", "n2_key_change start", "smc"}, "TS 33.501 6.9.5.1 rule 2"},
      {{"auth", "smc", "handover start"}, "TS 33.501 6.9.5.1 rule 3"},
      {{"n2_key_change start", "handover start"}, "TS 33.501 6.9.5.1 rule 4"},
      {{"auth", "handover start", "smc"}, "TS 33.501 6.9.5.1 rule 5"},
  };
  for (const auto& [steps, clause] : cases) {
    const auto v = run(steps);
    const Verdict* bad = violation(v);
    ASSERT_NE(bad, nullptr) << clause;
    EXPECT_EQ(bad->clause, clause);
    EXPECT_EQ(bad->party, "network");
    EXPECT_EQ(bad->step, steps.size());
  }
}

TEST(ConcurrencyJudge, OneAfterTheOtherConforms) {
  const auto v = run({"auth", "smc", "complete", "n2_key_change start", "n2_key_change complete", "handover start",
                      "handover complete", "auth", "smc", "complete"});
  EXPECT_EQ(violation(v), nullptr);
  EXPECT_EQ(v.size(), 3u);  // each start judged ok, the first command before any event aside
  // A procedure started against the rules is not looked for when it completes.
  EXPECT_NO_THROW(run({"auth", "smc", "n2_key_change start", "complete", "n2_key_change complete"}));
}

TEST(ConcurrencyJudge, UnusableEvents) {
  EXPECT_THROW(run({"n2_key_change complete"}), UnusableInput);
  EXPECT_THROW(run({"path_switch start"}), UnusableInput);
  EXPECT_THROW(run({"handover begin"}), UnusableInput);
}

}  // namespace
}  // namespace secmode::oracle
