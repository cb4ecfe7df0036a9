// NAS carried inside RRC on SRB1 (what a capture of the air interface shows, without S1AP / NGAP)
// is judged as the same NAS on nas-eps / nas-5gs lines: every example trace moved onto the air
// gets the verdicts it gets as written. Shown on both interfaces, as an eNB relays it, each NAS
// message is judged once (and a replay over the air, as in eps_smc_replay_accepted, stays a replay). A reconfiguration
// whose NAS the reader cannot reach is a note.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "impl/engine/pdcp_srb.h"
#include "spec/hex.h"
#include "tests/cli/run.h"
#include "tests/oracle/rrc_nas_writer.h"

namespace secmode::test {
namespace {

using impl::engine::Direction;
using impl::engine::PdcpSecurity;
using Octets = std::vector<std::uint8_t>;

struct Example {
  std::string path;
  std::vector<nlohmann::json> lines;  // comments dropped
  bool eps = true;
};

std::vector<Example> examples() {
  std::vector<Example> out;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(SECMODE_EXAMPLES) + "/traces")) {
    Example ex{entry.path().string(), {}, true};
    std::istringstream in(slurp(ex.path));
    bool ims = false;
    for (std::string text; std::getline(in, text);)
      if (!text.empty() && text[0] != '#') {
        ex.lines.push_back(nlohmann::json::parse(text));
        const auto& j = ex.lines.back();
        ims = ims || j["kind"] == "sip";
        if (j["kind"] == "context") ex.eps = j["rat"] == "eps";
      }
    if (!ims) out.push_back(std::move(ex));
  }
  std::sort(out.begin(), out.end(), [](const Example& a, const Example& b) { return a.path < b.path; });
  return out;
}

const impl::engine::PdcpFormat& format(bool eps) { return eps ? impl::engine::kLtePdcpSrb : impl::engine::kNrPdcpSrb; }

Octets seal(bool eps, const std::array<std::uint8_t, 32>& key, const PdcpSecurity& s, std::uint32_t count, Direction d,
            const Octets& message) {
  Octets out(message.size() + 16);
  std::size_t size = 0;
  const auto profile =
      impl::engine::rrc_profile(eps ? impl::crypto::KeyHierarchy::eps : impl::crypto::KeyHierarchy::fivegs, 1);
  EXPECT_EQ(impl::engine::pdcp_protect(format(eps), key, profile, s, count, d, message, out, size), nullptr);
  out.resize(size);
  return out;
}

// The example's SRB1 PDU at `count` again at `to`: under the protection its MAC-I verifies with
// (integrity and ciphering, integrity alone, or none with an all-zero MAC-I). False when it
// verifies under none: a PDU with a broken MAC-I cannot be moved faithfully.
bool reseal(bool eps, const std::array<std::uint8_t, 32>& key, const Octets& pdu, std::uint32_t count, std::uint32_t to,
            Direction d, Octets& out) {
  const auto profile =
      impl::engine::rrc_profile(eps ? impl::crypto::KeyHierarchy::eps : impl::crypto::KeyHierarchy::fivegs, 1);
  std::vector<PdcpSecurity> tries;
  for (std::uint8_t eia = 1; eia < 4; ++eia) {
    for (std::uint8_t eea = 0; eea < 4; ++eea) tries.push_back({true, true, eia, eea});
    tries.push_back({true, false, eia, 0});
  }
  for (const PdcpSecurity& s : tries) {
    Octets message(pdu.size());
    std::size_t size = 0;
    bool mac_ok = false;
    if (impl::engine::pdcp_open(format(eps), key, profile, s, count, d, pdu, message, size, mac_ok) == nullptr &&
        mac_ok) {
      message.resize(size);
      out = seal(eps, key, s, to, d, message);
      return true;
    }
  }
  if (!std::all_of(pdu.end() - 4, pdu.end(), [](std::uint8_t b) { return b == 0; })) return false;
  out = seal(eps, key, {}, to, d,
             Octets(pdu.begin() + static_cast<std::ptrdiff_t>(format(eps).header_size), pdu.end() - 4));
  return true;
}

// How the NAS of a nas-* line travels over the air: the first uplink message in the setup
// complete, the others in information transfers.
Octets carrier(bool eps, bool uplink, bool first_uplink, const Octets& nas) {
  if (eps)
    return uplink && first_uplink ? rrc_nas::lte_setup_complete(nas) : rrc_nas::lte_information_transfer(uplink, nas);
  return uplink && first_uplink ? rrc_nas::nr_setup_complete(nas) : rrc_nas::nr_information_transfer(uplink, nas);
}

enum class Air { only, both };  // the NAS over the air alone, or over the air and on its nas-* line

// The example with its NAS moved into SRB1 PDUs (unprotected: before AS security, as the examples'
// NAS all is), the SRB1 PDUs after them moved up to the COUNTs that follows. False when a PDU of
// the example cannot be moved.
bool on_the_air(const Example& ex, Air air, std::vector<nlohmann::json>& out) {
  std::array<std::uint8_t, 32> key{};
  for (const auto& j : ex.lines)
    if (j["kind"] == "context_setup") {
      const Octets k = spec::from_hex(j["security_key"].get<std::string>());
      std::copy(k.begin(), k.end(), key.begin());
    }
  std::uint32_t next[2] = {0, 0}, shift[2] = {0, 0};  // [uplink]
  bool first_uplink = true;
  const char* proto = ex.eps ? "lte-pdcp-srb" : "nr-pdcp-srb";
  for (const auto& j : ex.lines) {
    const bool pdu = j["kind"] == "pdu";
    const bool uplink = pdu && j["dir"] == "ul";
    if (pdu && j["proto"].get<std::string>().rfind("nas-", 0) == 0) {
      const Octets nas = spec::from_hex(j["hex"].get<std::string>());
      const Octets message = carrier(ex.eps, uplink, first_uplink, nas);
      first_uplink = first_uplink && !uplink;
      nlohmann::json srb = {{"kind", "pdu"}, {"dir", j["dir"]}, {"proto", proto}, {"srb", 1}};
      srb["hex"] = spec::to_hex(
          seal(ex.eps, key, {}, next[uplink]++, uplink ? Direction::uplink : Direction::downlink, message));
      ++shift[uplink];
      if (air == Air::both && !uplink) out.push_back(j);
      out.push_back(srb);
      if (air == Air::both && uplink) out.push_back(j);
    } else if (pdu && j["proto"] == proto && j["srb"] == 1) {
      // The example's own SRB1 PDUs: COUNT from 0 in order (the examples' SNs do not wrap).
      const std::uint32_t count = next[uplink] - shift[uplink];
      Octets moved;
      if (!reseal(ex.eps, key, spec::from_hex(j["hex"].get<std::string>()), count, next[uplink],
                  uplink ? Direction::uplink : Direction::downlink, moved))
        return false;
      ++next[uplink];
      auto k = j;
      k["hex"] = spec::to_hex(moved);
      out.push_back(k);
    } else if (pdu && j.contains("srb")) {
      return false;  // SRB2: not moved
    } else {
      out.push_back(j);
    }
  }
  return true;
}

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
  for (const Example& ex : examples()) {
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
  EXPECT_GE(moved, 11u);
  EXPECT_GE(with_as, 2u);
}

TEST(CliCheckRrcNas, NasOnBothInterfacesIsJudgedOnce) {
  std::size_t moved = 0;
  for (const Example& ex : examples()) {
    SCOPED_TRACE(ex.path);
    std::vector<nlohmann::json> both;
    if (!on_the_air(ex, Air::both, both)) continue;
    ++moved;
    const Checked written = check(ex.lines, false), twice = check(both, false);
    EXPECT_EQ(twice.status, written.status) << twice.err;
    EXPECT_EQ(twice.verdicts, written.verdicts);
  }
  EXPECT_GE(moved, 11u);
}

TEST(CliCheckRrcNas, UnreachableNasIsANote) {
  rrc_nas::Before b;
  b.meas_config = true;
  const Octets attach_accept = spec::from_hex("0742");  // what it is does not matter: it is not read
  const std::vector<nlohmann::json> lines = {
      {{"kind", "context"}, {"rat", "eps"}, {"kasme", std::string(64, '1')}, {"ksi", 0}},
      {{"kind", "pdu"},
       {"dir", "dl"},
       {"proto", "lte-pdcp-srb"},
       {"srb", 1},
       {"hex",
        spec::to_hex(seal(true, {}, {}, 0, Direction::downlink, rrc_nas::lte_reconfiguration({attach_accept}, b)))}}};
  const Checked c = check(lines);
  EXPECT_EQ(c.status, 0);
  EXPECT_NE(c.err.find("step 2: note: RRCConnectionReconfiguration: the NAS it may carry is not read: "
                       "rrcConnectionReconfiguration.criticalExtensions.c1.rrcConnectionReconfiguration-r8.measConfig"),
            std::string::npos)
      << c.err;
}

}  // namespace
}  // namespace secmode::test
