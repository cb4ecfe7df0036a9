#include "tests/interop/sip_compare.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace secmode::test::interop::sip {
namespace {

using namespace spec::sip;

std::string q_text(std::uint16_t q) {
  if (q == 1000) return "1";
  std::string d = std::to_string(1000 + q).substr(1);
  while (!d.empty() && d.back() == '0') d.pop_back();
  return d.empty() ? "0" : "0." + d;
}

// Wireshark lists a header's mechanisms flat: a sip.sec_mechanism item, then one item per
// parameter (a field for alg, ealg, prot, spi-c, spi-s, port-c, port-s, a "name=value" text item
// for the others), then the next mechanism. Both sides are turned into "name=value" lists.
std::vector<std::pair<std::string, std::vector<std::string>>> wireshark_mechanisms(
    const Node* tree) {
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  if (!tree) return out;
  static const std::pair<const char*, const char*> fields[] = {
      {"sip.sec_mechanism.alg", "alg"},       {"sip.sec_mechanism.ealg", "ealg"},
      {"sip.sec_mechanism.prot", "prot"},     {"sip.sec_mechanism.spi_c", "spi-c"},
      {"sip.sec_mechanism.spi_s", "spi-s"},   {"sip.sec_mechanism.port_c", "port-c"},
      {"sip.sec_mechanism.port_s", "port-s"}, {"sip.sec_mechanism.port1", "port1"},
      {"sip.sec_mechanism.port2", "port2"}};
  for (const auto& n : tree->children) {
    if (n.key == "sip.sec_mechanism") {
      out.push_back({n.value, {}});
      continue;
    }
    std::string param = n.key;  // a text item: the parameter as written
    for (const auto& [field, name] : fields)
      if (n.key == field) param = std::string(name) + "=" + n.value;
    if (out.empty()) out.push_back({kAbsent, {}});
    out.back().second.push_back(param);
  }
  return out;
}

std::vector<std::string> spec_parameters(const SecurityMechanism& m) {
  std::vector<std::string> p;
  if (m.q) p.push_back("q=" + q_text(*m.q));
  if (m.d_alg) p.push_back("d-alg=" + *m.d_alg);
  if (m.d_qop) p.push_back("d-qop=" + *m.d_qop);
  if (m.d_ver) p.push_back("d-ver=\"" + *m.d_ver + "\"");
  if (m.alg) p.push_back(std::string("alg=") + to_string(*m.alg));
  if (m.prot) p.push_back(std::string("prot=") + to_string(*m.prot));
  if (m.mod) p.push_back(std::string("mod=") + to_string(*m.mod));
  if (m.ealg) p.push_back(std::string("ealg=") + to_string(*m.ealg));
  if (m.spi_c) p.push_back("spi-c=" + std::to_string(*m.spi_c));
  if (m.spi_s) p.push_back("spi-s=" + std::to_string(*m.spi_s));
  if (m.port_c) p.push_back("port-c=" + std::to_string(*m.port_c));
  if (m.port_s) p.push_back("port-s=" + std::to_string(*m.port_s));
  for (const auto& e : m.extensions) p.push_back(e.name + (e.value ? "=" + *e.value : ""));
  return p;
}

// Wireshark 4.0 splits a header at every ',' and ';', also inside a quoted-string (see
// known_disagreements.cpp): the offset of the first such separator inside a parameter's quoted
// value.
std::optional<std::size_t> quoted_separator(const std::string& param) {
  const auto quote = param.find('"');
  if (quote == std::string::npos) return std::nullopt;
  const auto sep = param.find_first_of(",;", quote);
  if (sep == std::string::npos) return std::nullopt;
  return sep;
}

}  // namespace

void compare(const Message& msg, const Node& layers, Comparison& c) {
  expert_problems(c, layers);
  const Node* headers = find(&layers, "sip.msg_hdr_tree");
  const std::string name = std::string("sip.") + header_name(msg.header);
  c.field(name + " present", "yes", child(headers, name) ? "yes" : "no");
  const auto ws = wireshark_mechanisms(child(headers, name + "_tree"));
  bool split = false;  // Wireshark's reading of the rest of the header is off
  for (std::size_t i = 0; i < msg.mechanisms.size() && i < ws.size() && !split; ++i) {
    const auto& m = msg.mechanisms[i];
    const auto& shown = ws[i].second;
    const std::string where = name + " mechanism " + std::to_string(i + 1);
    c.field(where + ": sip.sec_mechanism", m.name, ws[i].first);
    auto spec = spec_parameters(m);
    for (const auto& e : m.extensions) {
      if (e.value) continue;
      const bool has = std::find(shown.begin(), shown.end(), e.name) != shown.end();
      c.field(where + ": parameter " + e.name, e.name, has ? e.name : kAbsent,
              "sip-parameter-without-value");
      if (!has) spec.erase(std::find(spec.begin(), spec.end(), e.name));
    }
    for (std::size_t k = 0; k < spec.size() || k < shown.size(); ++k) {
      const std::string what = where + ": parameter " + std::to_string(k + 1);
      const std::string ws_param = k < shown.size() ? shown[k] : kAbsent;
      if (k >= spec.size()) {
        c.field(what, kAbsent, ws_param);
        continue;
      }
      if (const auto sep = quoted_separator(spec[k])) {
        c.field(what, spec[k], ws_param,
                ws_param == spec[k].substr(0, *sep) ? "sip-quoted-string-split" : nullptr);
        split = true;
        break;
      }
      c.field(what, spec[k], ws_param);
    }
  }
  if (!split)
    c.field(name + ": number of mechanisms", std::to_string(msg.mechanisms.size()),
            std::to_string(ws.size()));
}

}  // namespace secmode::test::interop::sip
