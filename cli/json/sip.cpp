// SIP security headers in JSON: Security-Client / -Server / -Verify (RFC 3329 2.2, TS 33.203
// H.2), WWW-Authenticate / Proxy-Authenticate with a Digest AKAv1 challenge and Authorization /
// Proxy-Authorization credentials (RFC 3310, TS 24.229 7.2A.2). Parameter names keep their
// spelling with "-" as "_" (spi-c -> spi_c); q is in thousandths as the codec holds it.
#include <array>

#include "cli/json/codecs.h"
#include "cli/json/reader.h"
#include "spec/codec/sip_digest_aka.h"
#include "spec/codec/sip_sec_agree.h"
#include "spec/hex.h"

namespace secmode::cli {

using nlohmann::ordered_json;
using namespace spec::sip;

namespace {

// Reads back an enum by the spelling to_string gives it.
template <class E, std::size_t N>
E enum_value(JsonIn& in, const char* key, const std::array<E, N>& values) {
  const auto s = in.string(key);
  std::string list;
  for (const auto v : values) {
    if (s == to_string(v)) return v;
    list += (list.empty() ? "" : ", ") + std::string(to_string(v));
  }
  in.fail(key, "\"" + s + "\", expected one of " + list);
}

constexpr std::array kIntegrity{IntegrityAlgorithm::hmac_sha_1_96, IntegrityAlgorithm::aes_gmac, IntegrityAlgorithm::null,
                                IntegrityAlgorithm::hmac_md5_96};
constexpr std::array kEncryption{EncryptionAlgorithm::aes_cbc, EncryptionAlgorithm::aes_gcm, EncryptionAlgorithm::null,
                                 EncryptionAlgorithm::des_ede3_cbc};
constexpr std::array kProtocol{IpsecProtocol::esp, IpsecProtocol::ah};
constexpr std::array kMode{IpsecMode::trans, IpsecMode::tun, IpsecMode::udp_enc_tun};
constexpr std::array kIntegrityProtected{IntegrityProtected::yes,          IntegrityProtected::no,
                                         IntegrityProtected::tls_pending,  IntegrityProtected::tls_yes,
                                         IntegrityProtected::ip_assoc_pending, IntegrityProtected::ip_assoc_yes,
                                         IntegrityProtected::auth_done};

ordered_json mechanism_json(const SecurityMechanism& m) {
  ordered_json j{{"mechanism_name", m.name}};
  if (m.q) j["q"] = *m.q;
  if (m.d_alg) j["d_alg"] = *m.d_alg;
  if (m.d_qop) j["d_qop"] = *m.d_qop;
  if (m.d_ver) j["d_ver"] = *m.d_ver;
  if (m.alg) j["alg"] = to_string(*m.alg);
  if (m.prot) j["prot"] = to_string(*m.prot);
  if (m.mod) j["mod"] = to_string(*m.mod);
  if (m.ealg) j["ealg"] = to_string(*m.ealg);
  if (m.spi_c) j["spi_c"] = *m.spi_c;
  if (m.spi_s) j["spi_s"] = *m.spi_s;
  if (m.port_c) j["port_c"] = *m.port_c;
  if (m.port_s) j["port_s"] = *m.port_s;
  if (!m.extensions.empty()) {
    auto a = ordered_json::array();
    for (const auto& p : m.extensions) {
      ordered_json e{{"name", p.name}};
      if (p.value) e["value"] = *p.value;
      a.push_back(e);
    }
    j["extensions"] = a;
  }
  return j;
}

SecurityMechanism read_mechanism(JsonIn in) {
  SecurityMechanism m;
  m.name = in.string("mechanism_name");
  if (in.has("q")) m.q = static_cast<std::uint16_t>(in.uint("q", 1000));
  if (in.has("d_alg")) m.d_alg = in.string("d_alg");
  if (in.has("d_qop")) m.d_qop = in.string("d_qop");
  if (in.has("d_ver")) m.d_ver = in.string("d_ver");
  if (in.has("alg")) m.alg = enum_value(in, "alg", kIntegrity);
  if (in.has("prot")) m.prot = enum_value(in, "prot", kProtocol);
  if (in.has("mod")) m.mod = enum_value(in, "mod", kMode);
  if (in.has("ealg")) m.ealg = enum_value(in, "ealg", kEncryption);
  if (in.has("spi_c")) m.spi_c = static_cast<std::uint32_t>(in.uint("spi_c", 0xffffffff));
  if (in.has("spi_s")) m.spi_s = static_cast<std::uint32_t>(in.uint("spi_s", 0xffffffff));
  if (in.has("port_c")) m.port_c = static_cast<std::uint16_t>(in.uint("port_c", 0xffff));
  if (in.has("port_s")) m.port_s = static_cast<std::uint16_t>(in.uint("port_s", 0xffff));
  if (in.has("extensions"))
    for (auto e : in.array("extensions")) {
      GenericParam p{e.string("name"), std::nullopt};
      if (e.has("value")) p.value = e.string("value");
      e.done();
      m.extensions.push_back(p);
    }
  in.done();
  return m;
}

ordered_json nonce_json(const AkaNonce& n) {
  return {{"rand", spec::to_hex(n.rand)}, {"autn", spec::to_hex(n.autn)}, {"server_data", spec::to_hex(n.server_data)}};
}

AkaNonce read_nonce(JsonIn in) {
  AkaNonce n;
  const auto rand = in.hex("rand", 16, 16);
  const auto autn = in.hex("autn", 16, 16);
  std::copy(rand.begin(), rand.end(), n.rand.begin());
  std::copy(autn.begin(), autn.end(), n.autn.begin());
  n.server_data = in.hex("server_data", 0, 4096);
  in.done();
  return n;
}

ordered_json params_json(const std::vector<AuthParam>& params) {
  auto a = ordered_json::array();
  for (const auto& p : params) a.push_back({{"name", p.name}, {"value", p.value}, {"quoted", p.quoted}});
  return a;
}

std::vector<AuthParam> read_params(JsonIn& in) {
  std::vector<AuthParam> out;
  if (!in.has("auth_params")) return out;
  for (auto p : in.array("auth_params")) {
    out.push_back({p.string("name"), p.string("value"), p.boolean("quoted")});
    p.done();
  }
  return out;
}

template <class T>
void put(ordered_json& j, const char* key, const std::optional<T>& v) {
  if (v) j[key] = *v;
}

std::optional<std::string> opt_string(JsonIn& in, const char* key) {
  if (!in.has(key)) return std::nullopt;
  return in.string(key);
}

// "Name: value" -> (Name, value) with the value's surrounding whitespace removed.
std::pair<std::string, std::string> split_header(std::string_view line) {
  const auto colon = line.find(':');
  if (colon == std::string_view::npos)
    throw DecodeFailure{{"SIP header", "", 0, "no ':' after the header name (RFC 3261 7.3.1)"}};
  auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return std::string(s);
  };
  return {trim(line.substr(0, colon)), trim(line.substr(colon + 1))};
}

bool same(std::string_view a, std::string_view b) {  // RFC 3261 7.3.1: names ignore case
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

}  // namespace

ordered_json decode_sip_json(std::string_view header_line) {
  const auto [name, value] = split_header(header_line);
  if (const auto which = security_header_from_name(name)) {
    const auto d = decode_security_header(name, value);
    if (!d) throw DecodeFailure{d.error()};
    auto mechanisms = ordered_json::array();
    for (const auto& m : d.value()) mechanisms.push_back(mechanism_json(m));
    return {{"header", header_name(*which)}, {"mechanisms", mechanisms}};
  }
  if (same(name, "WWW-Authenticate") || same(name, "Proxy-Authenticate")) {
    const auto d = decode_aka_challenge(name, value);
    if (!d) throw DecodeFailure{d.error()};
    const auto& c = d.value();
    ordered_json j{{"header", same(name, "WWW-Authenticate") ? "WWW-Authenticate" : "Proxy-Authenticate"},
                   {"realm", c.realm}};
    put(j, "domain", c.domain);
    j["nonce"] = nonce_json(c.nonce);
    put(j, "opaque", c.opaque);
    put(j, "stale", c.stale);
    if (!c.qop.empty()) j["qop"] = c.qop;
    if (!c.auth_params.empty()) j["auth_params"] = params_json(c.auth_params);
    return j;
  }
  if (same(name, "Authorization") || same(name, "Proxy-Authorization")) {
    const auto d = decode_aka_credentials(name, value);
    if (!d) throw DecodeFailure{d.error()};
    const auto& c = d.value();
    ordered_json j{{"header", same(name, "Authorization") ? "Authorization" : "Proxy-Authorization"},
                   {"username", c.username},
                   {"realm", c.realm}};
    if (c.nonce) j["nonce"] = nonce_json(*c.nonce);
    j["uri"] = c.uri;
    put(j, "response", c.response);
    put(j, "cnonce", c.cnonce);
    put(j, "opaque", c.opaque);
    put(j, "qop", c.qop);
    put(j, "nc", c.nc);
    if (c.auts) j["auts"] = spec::to_hex(*c.auts);
    if (c.integrity_protected) j["integrity_protected"] = to_string(*c.integrity_protected);
    if (!c.auth_params.empty()) j["auth_params"] = params_json(c.auth_params);
    return j;
  }
  throw DecodeFailure{{"SIP header", name, 0,
                       "not a header this codec decodes (Security-Client, Security-Server, Security-Verify, "
                       "WWW-Authenticate, Proxy-Authenticate, Authorization, Proxy-Authorization)"}};
}

std::string encode_sip_json(const nlohmann::json& j) {
  JsonIn in(j, "");
  const auto name = in.string("header");
  std::string value;
  if (security_header_from_name(name)) {
    SecurityMechanisms ms;
    for (auto m : in.array("mechanisms")) ms.push_back(read_mechanism(m));
    value = encode(ms);
  } else if (same(name, "WWW-Authenticate") || same(name, "Proxy-Authenticate")) {
    AkaChallenge c;
    c.realm = in.string("realm");
    c.domain = opt_string(in, "domain");
    c.nonce = read_nonce(in.object("nonce"));
    c.opaque = opt_string(in, "opaque");
    if (in.has("stale")) c.stale = in.boolean("stale");
    if (in.has("qop"))
      for (const auto& q : in.raw().at("qop")) {
        if (!q.is_string()) in.fail("qop", "expected an array of strings");
        c.qop.push_back(q.get<std::string>());
      }
    in.skip("qop");
    c.auth_params = read_params(in);
    value = encode(c);
  } else if (same(name, "Authorization") || same(name, "Proxy-Authorization")) {
    AkaCredentials c;
    c.username = in.string("username");
    c.realm = in.string("realm");
    if (in.has("nonce")) c.nonce = read_nonce(in.object("nonce"));
    c.uri = in.string("uri");
    c.response = opt_string(in, "response");
    c.cnonce = opt_string(in, "cnonce");
    c.opaque = opt_string(in, "opaque");
    c.qop = opt_string(in, "qop");
    if (in.has("nc")) c.nc = static_cast<std::uint32_t>(in.uint("nc", 0xffffffff));
    if (in.has("auts")) {
      const auto a = in.hex("auts", 14, 14);
      c.auts.emplace();
      std::copy(a.begin(), a.end(), c.auts->begin());
    }
    if (in.has("integrity_protected")) c.integrity_protected = enum_value(in, "integrity_protected", kIntegrityProtected);
    c.auth_params = read_params(in);
    value = encode(c);
  } else {
    in.fail("header", "\"" + name + "\" is not a header this codec encodes");
  }
  in.done();
  return name + ": " + value;
}

}  // namespace secmode::cli
