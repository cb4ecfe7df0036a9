// NAS carried inside RRC on SRB1 (what a capture of the air interface shows, without S1AP / NGAP)
// is judged as the same NAS on nas-eps / nas-5gs lines: every example trace moved onto the air
// gets the verdicts it gets as written. Shown on both interfaces, as an eNB relays it, each NAS
// message is judged once (and a replay over the air, as in eps_smc_replay_accepted, stays a replay). A reconfiguration
// whose NAS the reader cannot reach is a note.
#include <nlohmann/json.hpp>
#include <sstream>

#include "spec/hex.h"
#include "tests/cli/air_trace.h"
#include "tests/cli/run.h"

namespace secmode::test {
namespace {

using air::Air;
using air::Example;
using air::on_the_air;
using Octets = std::vector<std::uint8_t>;

struct Checked {
  int status;
  std::vector<nlohmann::json> verdicts;  // without the summary
  std::string err;
};

Checked check(const std::vector<nlohmann::json>& lines, bool keep_steps = true) {
  std::string trace;
  for (const auto& l : lines) trace += l.dump() + "\n";
  const CliRun r = secmode_cli("check --json -", &trace);
  Checked c{r.status, {}, r.err};
  std::istringstream out(r.out);
  for (std::string text; std::getline(out, text);) {
    auto j = nlohmann::json::parse(text);
    if (j.contains("summary")) continue;
    j.erase("trace");
    j.erase("explain");  // names PDCP COUNTs, which moving the NAS onto SRB1 shifts
    if (!keep_steps) j.erase("step");
    c.verdicts.push_back(std::move(j));
  }
  return c;
}

TEST(CliCheckRrcNas, EveryExampleOnTheAirGetsItsVerdicts) {
  std::size_t moved = 0, with_as = 0;
  for (const Example& ex : air::examples()) {
    SCOPED_TRACE(ex.path);
    std::vector<nlohmann::json> air;
    if (!on_the_air(ex, Air::only, air)) {
      // Its K_eNB comes from its AKA alone, which this test does not run.
      EXPECT_NE(ex.path.find("eps_as_smc_complete_ciphered"), std::string::npos);
      continue;
    }
    ++moved;
    with_as += std::any_of(ex.lines.begin(), ex.lines.end(), [](const auto& j) { return j.contains("srb"); });
    const Checked written = check(ex.lines), aired = check(air);
    ASSERT_NE(written.status, 2) << written.err;
    EXPECT_EQ(aired.status, written.status) << aired.err;
    EXPECT_EQ(aired.verdicts, written.verdicts);
    EXPECT_EQ(aired.err, "");
  }
  EXPECT_GE(moved, 12u);
  EXPECT_GE(with_as, 2u);
}

TEST(CliCheckRrcNas, NasOnBothInterfacesIsJudgedOnce) {
  std::size_t moved = 0;
  for (const Example& ex : air::examples()) {
    SCOPED_TRACE(ex.path);
    std::vector<nlohmann::json> both;
    if (!on_the_air(ex, Air::both, both)) continue;
    ++moved;
    const Checked written = check(ex.lines, false), twice = check(both, false);
    EXPECT_EQ(twice.status, written.status) << twice.err;
    EXPECT_EQ(twice.verdicts, written.verdicts);
  }
  EXPECT_GE(moved, 12u);
}

TEST(CliCheckRrcNas, UnreachableNasIsANote) {
  rrc_nas::Before b;
  b.mobility_control = true;
  const Octets attach_accept = spec::from_hex("0742");  // what it is does not matter: it is not read
  const std::vector<nlohmann::json> lines = {
      {{"kind", "context"}, {"rat", "eps"}, {"kasme", std::string(64, '1')}, {"ksi", 0}},
      {{"kind", "pdu"},
       {"dir", "dl"},
       {"proto", "lte-pdcp-srb"},
       {"srb", 1},
       {"hex", spec::to_hex(air::seal(true, {}, {}, 0, impl::engine::Direction::downlink,
                                      rrc_nas::lte_reconfiguration({attach_accept}, b)))}}};
  const Checked c = check(lines);
  EXPECT_EQ(c.status, 0);
  EXPECT_NE(
      c.err.find(
          "step 2: note: RRCConnectionReconfiguration: the NAS it may carry is not read: "
          "rrcConnectionReconfiguration.criticalExtensions.c1.rrcConnectionReconfiguration-r8.mobilityControlInfo"),
      std::string::npos)
      << c.err;
}

}  // namespace
}  // namespace secmode::test
