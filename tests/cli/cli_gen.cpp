// `secmode gen` as a user runs it: every procedure and role gives a suite whose traces all pass
// `secmode check`, and each trace pins the answer it is about: without the UE's answer (or with an
// answer where none is due), or with the network's first PDU altered, the trace is a violation.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/cli/run.h"

namespace secmode::test {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}
std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

// The traces `secmode gen` writes for a procedure and role into a fresh `dir`, in name order;
// none (and a failure) when gen does not exit 0.
std::vector<std::string> generated(const std::string& procedure, const std::string& role, const std::string& dir) {
  std::filesystem::remove_all(dir);
  const CliRun g = secmode_cli("gen --procedure " + procedure + " --role " + role + " " + dir);
  EXPECT_EQ(g.status, 0) << procedure << " " << role << "\n" << g.out << g.err;
  std::vector<std::string> paths;
  if (g.status != 0) return paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) paths.push_back(entry.path().string());
  std::sort(paths.begin(), paths.end());
  return paths;
}

TEST(CliGen, EverySuiteTracePassesCheckAndPinsItsAnswer) {
  const std::string dir = ::testing::TempDir() + "secmode_gen";
  std::size_t traces = 0, pinned = 0;
  for (const char* procedure : {"eps_nas_smc", "5gs_nas_smc", "lte_as_smc", "nr_as_smc"})
    for (const char* role : {"ue", "network"}) {
      std::size_t here = 0;
      for (const std::string& path : generated(procedure, role, dir + "/" + procedure + "_" + role)) {
        ++here;
        const CliRun c = secmode_cli("check " + path);
        EXPECT_EQ(c.status, 0) << path << "\n" << c.out << c.err;
        std::vector<std::string> lines = lines_of(slurp(path));
        std::vector<std::string> altered = lines;
        bool made = false;
        if (std::string(role) == "ue") {
          for (std::size_t i = 0; i + 1 < lines.size() && !made; ++i) {
            if (lines[i].rfind("# the answer: none", 0) == 0 &&
                std::string(procedure).find("nas") != std::string::npos) {
              // An answer where none is due: a plain SECURITY MODE REJECT #24.
              const bool eps = std::string(procedure) == "eps_nas_smc";
              altered.insert(altered.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                             std::string(R"({"kind":"pdu","dir":"ul","proto":")") + (eps ? "nas-eps" : "nas-5gs") +
                                 R"(","hex":")" + (eps ? "075f18" : "7e005f18") + "\"}");
              made = true;
            } else if (lines[i].rfind("# the answer: ", 0) == 0 && lines[i + 1].rfind("{", 0) == 0) {
              altered.erase(altered.begin() + static_cast<std::ptrdiff_t>(i) + 1);  // the answer, gone
              made = true;
            }
          }
        } else {
          for (auto& l : altered)
            if (!made && l.find(R"("dir":"dl")") != std::string::npos) {
              const auto end = l.rfind('"');
              l[end - 1] = l[end - 1] == '0' ? '1' : '0';  // the last hex digit: a MAC (NAS) or MAC-I (PDCP) bit
              made = true;
            }
        }
        if (!made) continue;
        ++pinned;
        const std::string text = joined(altered);
        const CliRun bad = secmode_cli("check -", &text);
        EXPECT_EQ(bad.status, 1) << path << " altered still conforms:\n" << text << bad.out << bad.err;
      }
      EXPECT_GT(here, 0u) << procedure << " " << role;
      traces += here;
    }
  EXPECT_GE(traces, 40u);
  EXPECT_GE(pinned, traces - 4);  // AS traces whose answer is none are not altered
}

// The IMS suite (the UE under test): every trace passes, and without the UE's last REGISTER the
// challenge before it is unanswered: a violation.
TEST(CliGen, ImsSuitePassesCheckAndPinsTheUesLastRegister) {
  const std::string dir = ::testing::TempDir() + "secmode_gen_ims";
  std::size_t traces = 0;
  for (const std::string& path : generated("ims_registration", "ue", dir)) {
    ++traces;
    const CliRun c = secmode_cli("check --json " + path);
    EXPECT_EQ(c.status, 0) << path << "\n" << c.out << c.err;
    EXPECT_NE(c.out.find(R"("verdict":"ok")"), std::string::npos) << path;
    std::vector<std::string> lines = lines_of(slurp(path));
    std::size_t last = lines.size();
    for (std::size_t i = 0; i < lines.size(); ++i)
      if (lines[i].find(R"("dir":"ul")") != std::string::npos) last = i;
    ASSERT_LT(last, lines.size()) << path;
    ASSERT_NE(lines[last].find("Authorization: Digest"), std::string::npos);
    lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(last));
    const std::string text = joined(lines);
    const CliRun bad = secmode_cli("check -", &text);
    EXPECT_EQ(bad.status, 1) << path << " without its last REGISTER still conforms:\n" << bad.out << bad.err;
  }
  EXPECT_EQ(traces, 7u);
  // The P-CSCF's side has no suite yet: refused, not an empty directory.
  EXPECT_EQ(secmode_cli("gen --procedure ims_registration --role network " + dir + "_network").status, 2);
}

// The AMF's suite for TS 33.501 6.9.5.1: every trace passes, and with the second procedure
// started right after the first one's start (before it completed) it is the violation of its rule.
TEST(CliGen, ConcurrencySuitePassesCheckAndPinsItsRule) {
  const std::string dir = ::testing::TempDir() + "secmode_gen_concurrency";
  std::size_t traces = 0;
  for (const std::string& path : generated("5gs_concurrency", "network", dir)) {
    ++traces;
    const CliRun c = secmode_cli("check " + path);
    EXPECT_EQ(c.status, 0) << path << "\n" << c.out << c.err;
    std::vector<std::string> lines = lines_of(slurp(path));
    std::size_t first = lines.size(), second = lines.size();
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
      if (lines[i].rfind("# first: ", 0) == 0) first = i + 1;
      if (lines[i].rfind("# then, once that completed: ", 0) == 0) second = i + 1;
    }
    ASSERT_LT(second, lines.size()) << path;
    ASSERT_LT(first, second) << path;
    const std::string moved = lines[second];
    lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(second));
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(first) + 1, moved);
    const std::string text = joined(lines);
    const CliRun bad = secmode_cli("check --json -", &text);
    EXPECT_EQ(bad.status, 1) << path << " with the second procedure started early still conforms:\n" << text << bad.out;
    const std::string rule =
        std::filesystem::path(path).filename().string().substr(std::string("5gs_concurrency_network_").size(), 5);
    EXPECT_NE(bad.out.find("TS 33.501 6.9.5.1 rule " + rule.substr(4, 1)), std::string::npos) << path << bad.out;
  }
  EXPECT_EQ(traces, 5u);
  EXPECT_EQ(secmode_cli("gen --procedure 5gs_concurrency --role ue " + dir + "_ue").status, 2);
}

TEST(CliGen, RefusesUnknownProceduresAndRoles) {
  EXPECT_NE(secmode_cli("gen --procedure ims --role ue /tmp/x").status, 0);
  EXPECT_NE(secmode_cli("gen --procedure eps_nas_smc --role mme /tmp/x").status, 0);
}

}  // namespace
}  // namespace secmode::test
