#include "cli/msc.h"

#include <map>
#include <sstream>

#include "impl/codec/nas_5gs.h"
#include "impl/codec/nas_eps.h"

namespace secmode::cli {

namespace {

std::string escaped(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// TS 24.301 table 9.8.1, the EMM messages a security mode trace holds.
std::string emm_name(std::uint8_t type) {
  static const std::map<std::uint8_t, const char*> names{{0x41, "ATTACH REQUEST"},
                                                         {0x42, "ATTACH ACCEPT"},
                                                         {0x43, "ATTACH COMPLETE"},
                                                         {0x44, "ATTACH REJECT"},
                                                         {0x48, "TRACKING AREA UPDATE REQUEST"},
                                                         {0x49, "TRACKING AREA UPDATE ACCEPT"},
                                                         {0x52, "AUTHENTICATION REQUEST"},
                                                         {0x53, "AUTHENTICATION RESPONSE"},
                                                         {0x5c, "AUTHENTICATION FAILURE"},
                                                         {0x5d, "SECURITY MODE COMMAND"},
                                                         {0x5e, "SECURITY MODE COMPLETE"},
                                                         {0x5f, "SECURITY MODE REJECT"},
                                                         {0x60, "EMM STATUS"}};
  const auto it = names.find(type);
  if (it != names.end()) return it->second;
  std::ostringstream s;
  s << "EMM message 0x" << std::hex << int{type};
  return s.str();
}

// TS 24.501 table 9.7.1, the 5GMM messages a security mode trace holds.
std::string fivegmm_name(std::uint8_t type) {
  static const std::map<std::uint8_t, const char*> names{{0x41, "REGISTRATION REQUEST"},
                                                         {0x42, "REGISTRATION ACCEPT"},
                                                         {0x43, "REGISTRATION COMPLETE"},
                                                         {0x44, "REGISTRATION REJECT"},
                                                         {0x4c, "SERVICE REQUEST"},
                                                         {0x56, "AUTHENTICATION REQUEST"},
                                                         {0x57, "AUTHENTICATION RESPONSE"},
                                                         {0x59, "AUTHENTICATION FAILURE"},
                                                         {0x5a, "AUTHENTICATION RESULT"},
                                                         {0x5d, "SECURITY MODE COMMAND"},
                                                         {0x5e, "SECURITY MODE COMPLETE"},
                                                         {0x5f, "SECURITY MODE REJECT"},
                                                         {0x64, "5GMM STATUS"}};
  const auto it = names.find(type);
  if (it != names.end()) return it->second;
  std::ostringstream s;
  s << "5GMM message 0x" << std::hex << int{type};
  return s.str();
}

}  // namespace

std::string nas_5gs_label(std::span<const std::uint8_t> pdu) {
  if (pdu.size() < 3) return "NAS PDU too short";
  const unsigned header = pdu[1] & 0x0f;
  if (header == 0) return fivegmm_name(pdu[2]);
  const auto h = impl::nas5gs::decode_security_protected(pdu);
  if (!h.ok()) return "undecodable NAS PDU";
  const std::string protection =
      " (header type " + std::to_string(header) + ", SN " + std::to_string(h.value.sequence_number) + ")";
  if (header == 2 || header == 4 || h.value.plain_nas_message.size() < 3) return "ciphered NAS message" + protection;
  return fivegmm_name(h.value.plain_nas_message[2]) + protection;
}

std::string nas_eps_label(std::span<const std::uint8_t> pdu) {
  if (pdu.size() < 2) return "NAS PDU too short";
  const unsigned header = pdu[0] >> 4;
  if (header == 0) return emm_name(pdu[1]);
  const auto h = impl::nas::decode_security_protected(pdu);
  if (!h.ok()) return "undecodable NAS PDU";
  const std::string protection =
      " (header type " + std::to_string(header) + ", SN " + std::to_string(h.value.sequence_number) + ")";
  if (header == 2 || header == 4 || h.value.nas_message.size() < 2) return "ciphered NAS message" + protection;
  return emm_name(h.value.nas_message[1]) + protection;
}

std::string msc_svg(const std::string& title, const std::vector<MscArrow>& arrows,
                    const std::vector<oracle::Verdict>& verdicts) {
  constexpr int kUe = 120, kNet = 520, kTop = 70, kRow = 56, kWidth = 1200;
  std::multimap<std::size_t, const oracle::Verdict*> by_step;
  for (const auto& v : verdicts) by_step.emplace(v.step, &v);
  const int height = kTop + static_cast<int>(arrows.size()) * kRow + 40;
  std::ostringstream s;
  s << R"svg(<svg xmlns="http://www.w3.org/2000/svg" width=")svg" << kWidth << R"svg(" height=")svg" << height
    << R"svg(" font-family="monospace" font-size="12">)svg" << '\n'
    << R"svg(<defs><marker id="arrow" markerWidth="10" markerHeight="8" refX="10" refY="4" orient="auto">)svg"
    << R"svg(<path d="M0,0 L10,4 L0,8 z"/></marker></defs>)svg" << '\n'
    << R"svg(<text x="10" y="20" font-size="14">)svg" << escaped(title) << "</text>\n"
    << R"svg(<text x=")svg" << kUe - 10 << R"svg(" y="50">UE</text><text x=")svg" << kNet - 30
    << R"svg(" y="50">network</text>)svg" << '\n'
    << R"svg(<line x1=")svg" << kUe << R"svg(" y1="56" x2=")svg" << kUe << R"svg(" y2=")svg" << height - 10
    << R"svg(" stroke="#888"/>)svg"
    << R"svg(<line x1=")svg" << kNet << R"svg(" y1="56" x2=")svg" << kNet << R"svg(" y2=")svg" << height - 10
    << R"svg(" stroke="#888"/>)svg" << '\n';
  int y = kTop;
  for (const auto& a : arrows) {
    const auto [first, last] = by_step.equal_range(a.step);
    bool bad = false;
    for (auto it = first; it != last; ++it) bad |= !it->second->ok;
    const char* colour = bad ? "#c00" : "#000";
    const int from = a.uplink ? kUe : kNet, to = a.uplink ? kNet : kUe;
    s << R"svg(<line x1=")svg" << from << R"svg(" y1=")svg" << y + 14 << R"svg(" x2=")svg" << to << R"svg(" y2=")svg"
      << y + 14 << R"svg(" stroke=")svg" << colour << R"svg(" marker-end="url(#arrow)"/>)svg"
      << R"svg(<text x=")svg" << kUe + 10 << R"svg(" y=")svg" << y + 8 << R"svg(" fill=")svg" << colour << R"svg(">)svg"
      << a.step << ". " << escaped(a.label) << "</text>\n";
    int line = 0;
    for (auto it = first; it != last; ++it, ++line) {
      const oracle::Verdict& v = *it->second;
      s << R"svg(<text x=")svg" << kNet + 20 << R"svg(" y=")svg" << y + 10 + 14 * line << R"svg(" fill=")svg"
        << (v.ok ? "#060" : "#c00") << R"svg(">)svg" << (v.ok ? "ok " : "VIOLATION ")
        << escaped(v.party + ", " + v.clause) << (v.ok ? "" : escaped(": expected " + v.expected)) << "</text>\n";
    }
    y += kRow;
  }
  s << "</svg>\n";
  return s.str();
}

}  // namespace secmode::cli
