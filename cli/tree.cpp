#include "cli/tree.h"

#include <map>
#include <sstream>

#include "cli/names.h"

namespace secmode::cli {

namespace {

// "selected_nas_security_algorithms" -> "Selected NAS security algorithms".
std::string label(const std::string& key) {
  static const std::map<std::string, std::string> upper{
      {"nas", "NAS"},   {"ue", "UE"},     {"ksi", "KSI"},   {"ngksi", "ngKSI"}, {"eea", "EEA"},   {"eia", "EIA"},
      {"uea", "UEA"},   {"uia", "UIA"},   {"gea", "GEA"},   {"ea", "EA"},       {"ia", "IA"},     {"imeisv", "IMEISV"},
      {"imei", "IMEI"}, {"emm", "EMM"},   {"5gmm", "5GMM"}, {"rand", "RAND"},   {"autn", "AUTN"}, {"res", "RES"},
      {"guti", "GUTI"}, {"tmsi", "TMSI"}, {"mme", "MME"},   {"mcc", "MCC"},     {"mnc", "MNC"},   {"esm", "ESM"},
      {"eps", "EPS"},   {"gprs", "GPRS"}, {"ms", "MS"},     {"5g", "5G"},       {"abba", "ABBA"}, {"eap", "EAP"},
      {"pei", "PEI"},   {"s1", "S1"},     {"id", "ID"},     {"mac", "MAC"},     {"iei", "IEI"},   {"ie", "IE"},
      {"asme", "ASME"}, {"m", "M"},       {"tsc", "TSC"},   {"rinmr", "RINMR"}, {"spi", "SPI"},   {"rrc", "RRC"},
      {"ealg", "ealg"}, {"alg", "alg"},   {"sip", "SIP"},   {"eui", "EUI"},
      {"5gs", "5GS"},   {"supi", "SUPI"}, {"suci", "SUCI"}, {"plmn", "PLMN"},   {"imsi", "IMSI"}, {"amf", "AMF"},
      {"nai", "NAI"},   {"auts", "AUTS"}};
  std::string out;
  std::size_t start = 0;
  while (start <= key.size()) {
    const auto end = std::min(key.find('_', start), key.size());
    const std::string word = key.substr(start, end - start);
    const auto it = upper.find(word);
    if (!out.empty()) out += ' ';
    if (it != upper.end()) {
      out += it->second;
    } else {
      out += word;
      if (out.size() == word.size() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
    }
    start = end + 1;
  }
  return out;
}

// The algorithms a capability octet (bit 8 = algorithm 0) or 16-bit word lists.
std::string supported(const char* family, std::uint32_t bits, unsigned width) {
  std::string out;
  for (unsigned i = 0; i < width; ++i)
    if (bits & (1u << (width - 1 - i))) out.append(out.empty() ? "" : ", ").append(algorithm_name(family, i));
  return out.empty() ? "none" : out;
}

std::string hex(std::uint32_t v, int digits) {
  std::ostringstream s;
  s << "0x" << std::hex;
  s.width(digits);
  s.fill('0');
  s << v;
  return s.str();
}

std::string annotate(Family family, const std::string& parent, const std::string& key, std::uint32_t v) {
  const bool fivegs = family == Family::nas_5gs && parent != "selected_eps_nas_security_algorithms" &&
                      parent != "replayed_s1_ue_security_capabilities";
  if (key == "security_header_type") return std::to_string(v) + " (" + security_header_type_name(v) + ")";
  if (key == "protocol_discriminator") return v == 7 ? "7 (EPS mobility management)" : std::to_string(v);
  if (key == "extended_protocol_discriminator") return v == 0x7e ? "0x7e (5GS mobility management)" : hex(v, 2);
  if (key == "message_type") {
    const auto n = family == Family::nas_5gs ? fivegmm_message_name(v) : emm_message_name(v);
    return hex(v, 2) + (n.empty() ? "" : " " + n);
  }
  if (key == "type_of_ciphering_algorithm") return algorithm_name(fivegs ? "5G-EA" : "EEA", v);
  if (key == "type_of_integrity_protection_algorithm") return algorithm_name(fivegs ? "5G-IA" : "EIA", v);
  if (key == "emm_cause") return std::string("#").append(std::to_string(v)).append(" ").append(emm_cause_name(v));
  if (key == "5gmm_cause")
    return std::string("#").append(std::to_string(v)).append(" ").append(fivegmm_cause_name(v));
  if (key == "ciphering_algorithm" || key == "integrity_prot_algorithm") {
    const bool nr = family == Family::rrc_nr;
    const bool ciphering = key == "ciphering_algorithm";
    return v > 3 ? std::to_string(v) + " (spare)"
                 : algorithm_name(ciphering ? (nr ? "NEA" : "EEA") : (nr ? "NIA" : "EIA"), v);
  }
  if (key == "type_of_security_context_flag") return v ? "mapped" : "native";
  if (key == "nas_key_set_identifier" && v == 7) return "no key is available";
  if (key == "eea" || key == "eia" || key == "uea" || key == "uia" || key == "gea") {
    std::string f = key;
    for (auto& c : f) c = static_cast<char>(c - 'a' + 'A');
    return hex(v, 2) + ": " + supported(f.c_str(), v, 8);
  }
  if (key == "5g_ea" || key == "5g_ia") {
    // Octets 3 and 4 of the 5GS UE security capability; two octets each in the EPS UE
    // additional security capability (TS 24.301 9.9.3.53).
    const unsigned width = parent.find("additional") != std::string::npos ? 16 : 8;
    return hex(v, width / 4) + ": " + supported(key == "5g_ea" ? "5G-EA" : "5G-IA", v, width);
  }
  return std::to_string(v);
}

void render(std::ostringstream& out, const nlohmann::ordered_json& j, Family family, const std::string& parent,
            int depth) {
  const std::string indent(2 * depth, ' ');
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string key = j.is_array() ? "" : it.key();
    const auto& v = it.value();
    const std::string name = j.is_array() ? "-" : label(key) + ":";
    if (v.is_object() || v.is_array()) {
      out << indent << name << '\n';
      render(out, v, family, j.is_array() ? parent : key, depth + 1);
    } else if (v.is_number_integer() && v.get<std::int64_t>() >= 0) {
      out << indent << name << ' ' << annotate(family, parent, key, v.get<std::uint32_t>()) << '\n';
    } else if (v.is_string()) {
      out << indent << name << ' ' << v.get<std::string>() << '\n';
    } else {
      out << indent << name << ' ' << v.dump() << '\n';
    }
  }
}

}  // namespace

std::string render_tree(const nlohmann::ordered_json& decoded, Family family) {
  std::ostringstream out;
  render(out, decoded, family, "", 0);
  return out.str();
}

}  // namespace secmode::cli
