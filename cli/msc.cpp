#include "cli/msc.h"

#include <algorithm>
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

// The opening of a chart: its size, the arrow head, the title.
void svg_head(std::ostringstream& s, int width, int height, const std::string& title) {
  s << R"svg(<svg xmlns="http://www.w3.org/2000/svg" width=")svg" << width << R"svg(" height=")svg" << height
    << R"svg(" font-family="monospace" font-size="12">)svg" << '\n'
    << R"svg(<defs><marker id="arrow" markerWidth="10" markerHeight="8" refX="10" refY="4" orient="auto">)svg"
    << R"svg(<path d="M0,0 L10,4 L0,8 z"/></marker></defs>)svg" << '\n'
    << R"svg(<text x="10" y="20" font-size="14">)svg" << escaped(title) << "</text>\n";
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
  svg_head(s, kWidth, height, title);
  s << R"svg(<text x=")svg" << kUe - 10 << R"svg(" y="50">UE</text><text x=")svg" << kNet - 30
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

namespace {

// One thing a counterexample step shows: a message from one party to another, or an event at one.
struct Shown {
  std::string from, to;  // `to` empty: an event at `from`
  std::string text;
};

// The party a describe() fragment starts with ("UE", "RAN", "P-CSCF", "MME"): its first word.
std::string party_of(const std::string& fragment) {
  const auto end = fragment.find_first_of(" :");
  return fragment.substr(0, end);
}
bool is_party(const std::string& token) {
  return !token.empty() && token.find_first_of(" :") == std::string::npos && token.size() <= 12;
}

// "A -> B: message -> B -> A: answer [rule]" as the messages and events it shows, and the rule.
std::vector<Shown> parse_step(std::string line, std::string& rule) {
  const auto dot = line.find(". ");
  if (dot != std::string::npos && dot < 5) line = line.substr(dot + 2);
  const auto open = line.rfind(" [");
  if (open != std::string::npos && line.back() == ']') {
    rule = line.substr(open + 2, line.size() - open - 3);
    line = line.substr(0, open);
  }
  std::vector<std::string> tokens;
  for (std::size_t at = 0;;) {
    const auto next = line.find(" -> ", at);
    tokens.push_back(line.substr(at, next == std::string::npos ? std::string::npos : next - at));
    if (next == std::string::npos) break;
    at = next + 4;
  }
  std::vector<Shown> shown;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    if (is_party(t) && i + 1 < tokens.size()) {  // "A -> B...: text"
      const std::string& rest = tokens[i + 1];
      const auto colon = rest.find(": ");
      shown.push_back({t, party_of(rest), colon == std::string::npos ? rest : rest.substr(colon + 2)});
      ++i;
    } else if (const auto colon = t.find(": "); colon != std::string::npos && is_party(party_of(t))) {
      shown.push_back({party_of(t), "", t.substr(colon + 2)});
    }  // "nothing sent" and the like show nothing
  }
  return shown;
}

}  // namespace

std::string counterexample_svg(const std::string& title, const std::string& claim,
                               const std::vector<std::string>& trace) {
  std::vector<std::vector<Shown>> steps;
  std::vector<std::string> rules, parties;
  for (const std::string& line : trace) {
    std::string rule;
    steps.push_back(parse_step(line, rule));
    rules.push_back(rule);
    for (const Shown& s : steps.back())
      for (const std::string& p : {s.from, s.to})
        if (!p.empty() && std::find(parties.begin(), parties.end(), p) == parties.end()) parties.push_back(p);
  }
  constexpr int kLeft = 100, kGap = 360, kTop = 90, kRow = 40;
  const auto x = [&](const std::string& p) {
    return kLeft + kGap * static_cast<int>(std::find(parties.begin(), parties.end(), p) - parties.begin());
  };
  int rows = 0;
  for (const auto& st : steps) rows += std::max<int>(1, static_cast<int>(st.size()));
  const int width = kLeft + kGap * static_cast<int>(std::max<std::size_t>(parties.size(), 2)) + 300;
  const int height = kTop + rows * kRow + 40;
  std::ostringstream s;
  svg_head(s, width, height, title);
  s << R"svg(<text x="10" y="40" fill="#c00">)svg" << escaped(claim) << "</text>\n";
  for (const std::string& p : parties)
    s << R"svg(<text x=")svg" << x(p) - 20 << R"svg(" y="70">)svg" << escaped(p) << R"svg(</text><line x1=")svg" << x(p)
      << R"svg(" y1="76" x2=")svg" << x(p) << R"svg(" y2=")svg" << height - 10 << R"svg(" stroke="#888"/>)svg" << '\n';
  int y = kTop;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const char* colour = i + 1 == steps.size() ? "#c00" : "#000";
    const std::string step = std::to_string(i + 1) + ". ";
    if (steps[i].empty()) {
      s << R"svg(<text x="10" y=")svg" << y + 12 << R"svg(" fill=")svg" << colour << R"svg(">)svg" << step
        << escaped("[" + rules[i] + "]") << "</text>\n";
      y += kRow;
    }
    for (const Shown& sh : steps[i]) {
      if (sh.to.empty()) {
        s << R"svg(<rect x=")svg" << x(sh.from) - 6 << R"svg(" y=")svg" << y
          << R"svg(" width="12" height="20" fill=")svg" << colour << R"svg("/><text x=")svg" << x(sh.from) + 12
          << R"svg(" y=")svg" << y + 14 << R"svg(" fill=")svg" << colour << R"svg(">)svg" << step
          << escaped(sh.text + " [" + rules[i] + "]") << "</text>\n";
      } else {
        const int a = x(sh.from), b = x(sh.to);
        s << R"svg(<line x1=")svg" << a << R"svg(" y1=")svg" << y + 18 << R"svg(" x2=")svg" << b << R"svg(" y2=")svg"
          << y + 18 << R"svg(" stroke=")svg" << colour << R"svg(" marker-end="url(#arrow)"/><text x=")svg"
          << std::min(a, b) + 8 << R"svg(" y=")svg" << y + 12 << R"svg(" fill=")svg" << colour << R"svg(">)svg" << step
          << escaped(sh.text + " [" + rules[i] + "]") << "</text>\n";
      }
      y += kRow;
    }
  }
  s << "</svg>\n";
  return s.str();
}

}  // namespace secmode::cli
