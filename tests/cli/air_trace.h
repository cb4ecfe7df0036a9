// The example traces moved onto the air: the NAS of their nas-* lines carried in RRC on SRB1 (as a
// capture of the air interface shows it), alone or beside the nas-* lines (as a capture of both
// interfaces shows what the eNB relays). Shared by the trace and the capture tests.
#pragma once

#include <algorithm>
#include <array>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "impl/engine/pdcp_srb.h"
#include "spec/hex.h"
#include "tests/cli/run.h"
#include "tests/oracle/rrc_nas_writer.h"

namespace secmode::test::air {

using impl::engine::Direction;
using impl::engine::PdcpSecurity;
using Octets = std::vector<std::uint8_t>;

struct Example {
  std::string path;
  std::vector<nlohmann::json> lines;  // comments dropped
  bool eps = true;
};

inline std::vector<Example> examples() {
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

inline const impl::engine::PdcpFormat& format(bool eps) {
  return eps ? impl::engine::kLtePdcpSrb : impl::engine::kNrPdcpSrb;
}

inline Octets seal(bool eps, const std::array<std::uint8_t, 32>& key, const PdcpSecurity& s, std::uint32_t count,
                   Direction d, const Octets& message) {
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
inline bool reseal(bool eps, const std::array<std::uint8_t, 32>& key, const Octets& pdu, std::uint32_t count,
                   std::uint32_t to, Direction d, Octets& out) {
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
inline Octets carrier(bool eps, bool uplink, bool first_uplink, const Octets& nas) {
  if (eps)
    return uplink && first_uplink ? rrc_nas::lte_setup_complete(nas) : rrc_nas::lte_information_transfer(uplink, nas);
  return uplink && first_uplink ? rrc_nas::nr_setup_complete(nas) : rrc_nas::nr_information_transfer(uplink, nas);
}

enum class Air { only, both };  // the NAS over the air alone, or over the air and on its nas-* line

// The example with its NAS moved into SRB1 PDUs (unprotected: before AS security, as the examples'
// NAS all is), the SRB1 PDUs after them moved up to the COUNTs that follows. False when a PDU of
// the example cannot be moved.
inline bool on_the_air(const Example& ex, Air air, std::vector<nlohmann::json>& out) {
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

}  // namespace secmode::test::air
