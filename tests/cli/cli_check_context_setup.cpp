// The S1AP / NGAP Initial Context Setup in a trace ({"kind":"context_setup"}): the core's key and
// capabilities are judged against what the UE derives and sent (TS 33.401 A.3, 7.2.4.2.1), the
// eNB's algorithm choice against them (TS 33.401 7.2.4.2.1, TS 36.331 5.3.4.2), and the AS judge
// takes its key from it when NAS cannot give one. (SRB1 traffic before any key, both ways, is in
// tests/oracle/property_oracle_as.cpp.)
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/cli/run.h"

namespace secmode::test {
namespace {

const std::string kExample = std::string(SECMODE_EXAMPLES) + "/traces/eps_attach_aka_nas_as_smc.jsonl";

// The example's trace lines (comments dropped), as JSON.
std::vector<nlohmann::json> example_lines() {
  std::vector<nlohmann::json> lines;
  std::istringstream in(slurp(kExample));
  std::string text;
  while (std::getline(in, text))
    if (!text.empty() && text[0] != '#') lines.push_back(nlohmann::json::parse(text));
  return lines;
}

std::size_t index_of_kind(const std::vector<nlohmann::json>& lines, const std::string& kind) {
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (lines[i]["kind"] == kind) return i;
  ADD_FAILURE() << "no " << kind << " line";
  return 0;
}

struct Checked {
  int status;
  std::vector<nlohmann::json> verdicts;  // without the summary
  std::string err;
};

Checked check(const std::vector<nlohmann::json>& lines) {
  std::string trace;
  for (const auto& l : lines) trace += l.dump() + "\n";
  const CliRun r = secmode_cli("check --json -", &trace);
  Checked c{r.status, {}, r.err};
  std::istringstream out(r.out);
  std::string text;
  while (std::getline(out, text)) {
    auto j = nlohmann::json::parse(text);
    if (!j.contains("summary")) c.verdicts.push_back(std::move(j));
  }
  return c;
}

std::vector<nlohmann::json> at_step(const Checked& c, std::size_t step) {
  std::vector<nlohmann::json> out;
  for (const auto& v : c.verdicts)
    if (v["step"] == step) out.push_back(v);
  return out;
}

// The two verdicts on an Initial Context Setup: the key's, then the capabilities'.
void expect_context_setup(const std::vector<nlohmann::json>& said, const char* key, const char* caps,
                          const char* observed_caps) {
  ASSERT_EQ(said.size(), 2u);
  EXPECT_EQ(said[0]["clause"], "TS 33.401 A.3");
  EXPECT_EQ(said[0]["verdict"], key);
  EXPECT_EQ(said[1]["clause"], "TS 33.401 7.2.4.2.1");
  EXPECT_EQ(said[1]["verdict"], caps);
  EXPECT_EQ(said[1]["observed"], observed_caps);
}

TEST(CliCheckContextSetup, TheCoresKeyAndCapabilitiesAreJudged) {
  const auto lines = example_lines();
  const std::size_t ics = index_of_kind(lines, "context_setup");
  const Checked ok = check(lines);
  ASSERT_EQ(ok.status, 0) << ok.err;
  expect_context_setup(at_step(ok, ics + 1), "ok", "ok", "EEA 1,2,3, EIA 1,2,3");

  // Another key: the MME's fault, at the Initial Context Setup. The eNB's messages are still read
  // with the key the UE derives, which the trace's eNB used.
  auto wrong_key = lines;
  std::string key = wrong_key[ics]["security_key"];
  key[0] = key[0] == '0' ? '1' : '0';
  wrong_key[ics]["security_key"] = key;
  const Checked k = check(wrong_key);
  EXPECT_EQ(k.status, 1) << k.err;
  std::size_t violations = 0;
  for (const auto& v : k.verdicts) violations += v["verdict"] == "violation";
  EXPECT_EQ(violations, 1u);
  const auto on_key = at_step(k, ics + 1);
  expect_context_setup(on_key, "violation", "ok", "EEA 1,2,3, EIA 1,2,3");
  if (!on_key.empty()) {
    EXPECT_EQ(on_key[0]["observed"], "another key");
  }

  // Capabilities without EEA2 and EIA2: the MME bids the UE down, and the eNB that still selects
  // EEA2/EIA2 picks algorithms the capabilities it was given do not hold.
  auto fewer = lines;
  fewer[ics]["encryption_algorithms"] = "a000";
  fewer[ics]["integrity_algorithms"] = "a000";
  const Checked f = check(fewer);
  EXPECT_EQ(f.status, 1) << f.err;
  expect_context_setup(at_step(f, ics + 1), "ok", "violation", "EEA 1,3, EIA 1,3");
  const auto smc = at_step(f, ics + 2);
  ASSERT_FALSE(smc.empty());
  EXPECT_EQ(smc[0]["party"], "network");
  EXPECT_EQ(smc[0]["verdict"], "violation");
  EXPECT_EQ(smc[0]["clause"], "TS 33.401 7.2.4.2.1");
  EXPECT_EQ(smc[0]["explain"],
            "the algorithms are not among the UE security capabilities of the Initial Context Setup");

  // Bits beyond algorithm 7 are neither NAS's nor the model's: not judged.
  auto reserved = lines;
  reserved[ics]["encryption_algorithms"] = "e001";
  EXPECT_EQ(check(reserved).status, 0);
}

// Without NAS to derive K_eNB from, the AS judge takes the Initial Context Setup's key: the
// example's AS part alone, after a context that gives no key, is judged as in the whole trace.
TEST(CliCheckContextSetup, TheAsKeyComesFromTheContextSetupWithoutNas) {
  const auto lines = example_lines();
  const Checked whole = check(lines);
  ASSERT_EQ(whole.status, 0) << whole.err;
  std::vector<nlohmann::json> as_only{lines[0]};  // K and OPc, no AKA to run
  std::size_t first_as = 0;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (lines[i]["kind"] == "context_setup") first_as = i;
  ASSERT_GT(first_as, 0u);
  for (std::size_t i = first_as; i < lines.size(); ++i) as_only.push_back(lines[i]);
  const Checked part = check(as_only);
  ASSERT_EQ(part.status, 0) << part.err;
  std::size_t as_verdicts = 0;
  for (const auto& v : whole.verdicts) as_verdicts += v["step"].get<std::size_t>() > first_as + 1;
  EXPECT_EQ(part.verdicts.size(), as_verdicts);  // the Initial Context Setup itself: nothing to compare
  // The same verdicts, steps shifted (explanations name steps too).
  const std::size_t shift = first_as - 1;
  for (auto v : part.verdicts) {
    bool found = false;
    v.erase("explain");
    for (auto w : whole.verdicts)
      if (w["step"] == v["step"].get<std::size_t>() + shift) {
        w["step"] = v["step"];
        w.erase("explain");
        found = found || w == v;
      }
    EXPECT_TRUE(found) << v.dump();
  }
  // Without it, the command has no key to be checked with.
  as_only.erase(as_only.begin() + 1);
  const Checked none = check(as_only);
  EXPECT_EQ(none.status, 2);
  EXPECT_NE(none.err.find("a SecurityModeCommand without K_eNB"), std::string::npos) << none.err;
}

// The eNB's configured priority lists, when the context gives them (TS 33.401 7.2.4.2.1): the
// example's eNB selects EEA2/EIA2 from capabilities EEA 1-3 and EIA 1-3.
TEST(CliCheckContextSetup, TheEnbChoosesByItsConfiguredPriority) {
  const auto lines = example_lines();
  const std::size_t ics = index_of_kind(lines, "context_setup");
  const auto with = [&](const nlohmann::json& priority) {
    auto trace = lines;
    trace[0]["as_algorithm_priority"] = priority;
    return check(trace);
  };
  const auto smc_verdict = [&](const Checked& c) {
    const auto v = at_step(c, ics + 2);
    return v.empty() ? nlohmann::json{} : v[0];
  };
  // EEA2 and EIA2 first, or behind algorithms the UE lacks: the choice conforms.
  for (const auto& ok : {nlohmann::json{{"ciphering", {2, 1}}, {"integrity", {2, 3, 1}}},
                         nlohmann::json{{"ciphering", {5, 2, 3}}, {"integrity", {7, 2}}}}) {
    const Checked c = with(ok);
    EXPECT_EQ(c.status, 0) << ok.dump() << c.err;
    EXPECT_EQ(smc_verdict(c)["verdict"], "ok");
  }
  // EEA3 ranks above EEA2 and the UE supports it: the eNB should have chosen EEA3.
  const Checked c = with({{"ciphering", {3, 2}}, {"integrity", {2}}});
  EXPECT_EQ(c.status, 1) << c.err;
  std::size_t violations = 0;
  for (const auto& v : c.verdicts) violations += v["verdict"] == "violation";
  EXPECT_EQ(violations, 1u);
  const auto v = smc_verdict(c);
  EXPECT_EQ(v["party"], "network");
  EXPECT_EQ(v["verdict"], "violation");
  EXPECT_EQ(v["clause"], "TS 33.401 7.2.4.2.1");
  EXPECT_EQ(v["expected"], "EEA3/EIA2, the configured lists' highest priority the UE supports");
  EXPECT_EQ(v["observed"], "SecurityModeCommand EEA2/EIA2");
  // The integrity list alike.
  EXPECT_EQ(smc_verdict(with({{"ciphering", nlohmann::json::array()}, {"integrity", {1, 2}}}))["expected"],
            "EEA2/EIA1, the configured lists' highest priority the UE supports");
  // A list of which the UE supports nothing leaves no command to send.
  EXPECT_EQ(smc_verdict(with({{"ciphering", {5, 6}}, {"integrity", {2}}}))["expected"],
            "no SecurityModeCommand: no algorithm of the configured lists is supported");
  // Unusable lists.
  for (const auto& [bad, reason] :
       {std::pair{nlohmann::json{{"ciphering", {2}}}, "as_algorithm_priority: give \"ciphering\" and"},
        std::pair{nlohmann::json{{"ciphering", {8}}, {"integrity", {2}}}, "ciphering: algorithm identities are 0..7"},
        std::pair{nlohmann::json{{"ciphering", {1, 2, 3, 0, 1, 2, 3, 0, 1}}, {"integrity", {2}}},
                  "ciphering: at most 8 algorithms"}}) {
    const Checked u = with(bad);
    EXPECT_EQ(u.status, 2) << bad.dump();
    EXPECT_NE(u.err.find(reason), std::string::npos) << u.err;
  }
}

TEST(CliCheckContextSetup, UnusableLinesExitTwo) {
  const auto lines = example_lines();
  const std::size_t ics = index_of_kind(lines, "context_setup");
  const auto fails = [&](std::vector<nlohmann::json> trace, const std::string& reason) {
    const Checked c = check(trace);
    EXPECT_EQ(c.status, 2);
    EXPECT_NE(c.err.find(reason), std::string::npos) << c.err;
  };
  auto short_key = lines;
  short_key[ics]["security_key"] = "00";
  fails(short_key, ": security_key: SecurityKey is 256 bits");
  auto long_map = lines;
  long_map[ics]["integrity_algorithms"] = "e00000";
  fails(long_map, ": integrity_algorithms: a BIT STRING of 16 bits");
  auto missing = lines;
  missing[ics].erase("encryption_algorithms");
  fails(missing, "missing string field \"encryption_algorithms\"");
  fails({lines[ics]}, "-:1: a context_setup line before the context");
}

}  // namespace
}  // namespace secmode::test
