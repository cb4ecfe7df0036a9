// RFC 3329 2.2 security agreement header fields with the TS 33.203 H.2 "ipsec-3gpp" parameters.
// Decisions are explained in the header; the RFC 3261 25.1 lexical rules are in sip_lex.*.
#include "spec/codec/sip_sec_agree.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

namespace secmode::spec::sip {
namespace {

using lex::iequals;

constexpr std::string_view kIpsec3gpp = "ipsec-3gpp";

// The value sets, each in the spelling its specification gives.
constexpr std::array<std::pair<IntegrityAlgorithm, const char*>, 4> kAlg{{
    {IntegrityAlgorithm::hmac_sha_1_96, "hmac-sha-1-96"},
    {IntegrityAlgorithm::aes_gmac, "aes-gmac"},
    {IntegrityAlgorithm::null, "null"},
    {IntegrityAlgorithm::hmac_md5_96, "hmac-md5-96"},
}};
constexpr std::array<std::pair<EncryptionAlgorithm, const char*>, 4> kEalg{{
    {EncryptionAlgorithm::aes_cbc, "aes-cbc"},
    {EncryptionAlgorithm::aes_gcm, "aes-gcm"},
    {EncryptionAlgorithm::null, "null"},
    {EncryptionAlgorithm::des_ede3_cbc, "des-ede3-cbc"},
}};
constexpr std::array<std::pair<IpsecProtocol, const char*>, 2> kProt{{
    {IpsecProtocol::esp, "esp"},
    {IpsecProtocol::ah, "ah"},
}};
constexpr std::array<std::pair<IpsecMode, const char*>, 3> kMod{{
    {IpsecMode::trans, "trans"},
    {IpsecMode::tun, "tun"},
    {IpsecMode::udp_enc_tun, "UDP-enc-tun"},
}};

template <typename E, std::size_t N>
const char* spelling(const std::array<std::pair<E, const char*>, N>& table, E v) {
  for (const auto& [value, text] : table)
    if (value == v) return text;
  throw std::invalid_argument("security mechanism: enum value out of range");
}

template <typename E, std::size_t N>
std::optional<E> lookup(const std::array<std::pair<E, const char*>, N>& table,
                        std::string_view text) {
  for (const auto& [value, name] : table)
    if (iequals(text, name)) return value;  // RFC 2234 2.3: ABNF literals ignore case
  return std::nullopt;
}

template <typename E, std::size_t N>
std::string choices(const std::array<std::pair<E, const char*>, N>& table) {
  std::string out;
  for (const auto& [value, name] : table) out.append(out.empty() ? "" : ", ").append(name);
  return out;
}

// Parameters RFC 3329 2.2 defines for every mechanism, and those TS 33.203 H.2 defines for
// "ipsec-3gpp".
constexpr std::array<std::string_view, 4> kCommonParams{"q", "d-alg", "d-qop", "d-ver"};
constexpr std::array<std::string_view, 8> kIpsecParams{"alg",   "prot",  "mod",    "ealg",
                                                       "spi-c", "spi-s", "port-c", "port-s"};

bool recognised(std::string_view mechanism, std::string_view param) {
  for (auto p : kCommonParams)
    if (p == param) return true;
  if (mechanism != kIpsec3gpp) return false;
  for (auto p : kIpsecParams)
    if (p == param) return true;
  return false;
}

bool is_d_ver(std::string_view hex) {
  if (hex.size() != 32) return false;
  for (char c : hex)
    if (!lex::is_lhex(c)) return false;
  return true;
}

// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )  (RFC 3261 25.1), in thousandths.
std::optional<std::uint16_t> parse_qvalue(std::string_view t) {
  if (t.empty() || (t[0] != '0' && t[0] != '1')) return std::nullopt;
  if (t.size() == 1) return static_cast<std::uint16_t>(t[0] == '1' ? 1000 : 0);
  if (t[1] != '.' || t.size() > 5) return std::nullopt;
  std::uint16_t thousandths = 0;
  std::uint16_t scale = 100;
  for (char c : t.substr(2)) {
    if (c < '0' || c > '9' || (t[0] == '1' && c != '0')) return std::nullopt;
    thousandths = static_cast<std::uint16_t>(thousandths + (c - '0') * scale);
    scale /= 10;
  }
  return static_cast<std::uint16_t>(t[0] == '1' ? 1000 : thousandths);
}

std::string format_qvalue(std::uint16_t q) {
  if (q == 0) return "0";
  if (q == 1000) return "1";
  std::string digits{static_cast<char>('0' + q / 100), static_cast<char>('0' + q / 10 % 10),
                     static_cast<char>('0' + q % 10)};
  while (digits.back() == '0') digits.pop_back();
  return "0." + digits;
}

// 1*DIGIT (at most max_digits of them) whose value is at most `max`.
std::optional<std::uint32_t> parse_number(std::string_view t, std::size_t max_digits,
                                          std::uint32_t max) {
  if (t.empty() || t.size() > max_digits) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : t) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
    if (v > max) return std::nullopt;
  }
  return static_cast<std::uint32_t>(v);
}

// IPv6reference = "[" IPv6address "]" (RFC 3261 25.1), checked as hex digits, ':' and '.' between
// brackets rather than the whole IPv6address rule. Returns the end, or npos.
std::size_t scan_ipv6_reference(std::string_view s, std::size_t at) {
  if (at >= s.size() || s[at] != '[') return std::string_view::npos;
  std::size_t i = at + 1;
  while (i < s.size() && (lex::is_lhex(s[i]) || (s[i] >= 'A' && s[i] <= 'F') || s[i] == ':' ||
                           s[i] == '.'))
    ++i;
  if (i == at + 1 || i >= s.size() || s[i] != ']') return std::string_view::npos;
  return i + 1;
}

// A parameter's value as the decoder met it.
struct RawValue {
  std::string text;  // token or IPv6reference as written; quoted-string raw (with its quotes)
  bool plain;        // a token (not quoted, not an IPv6reference)
};

class SecurityHeaderReader {
 public:
  SecurityHeaderReader(const char* header, std::string_view value)
      : header_(header), s_(value) {}

  std::optional<CodecError> read(SecurityMechanisms& out) {
    std::size_t i = lex::skip_sws(s_, 0);  // HCOLON's SWS, if the caller left it
    while (true) {
      SecurityMechanism m;
      const std::size_t end = lex::scan_token(s_, i);
      if (end == i)
        return fail("mechanism-name", i,
                    i >= s_.size() ? "missing: a mechanism-name (token) must come here (RFC 3329 2.2)"
                                   : "character " + shown(i) +
                                         " cannot start a mechanism-name (token, RFC 3329 2.2)");
      m.name = lex::lower(s_.substr(i, end - i));  // RFC 3261 7.3.1: tokens are case-insensitive
      i = end;
      std::vector<std::string> seen;
      while (true) {
        const std::size_t semi = lex::skip_sws(s_, i);
        if (semi >= s_.size() || s_[semi] != ';') break;
        if (auto e = read_parameter(m, seen, semi, i)) return e;
      }
      out.push_back(std::move(m));
      const std::size_t next = lex::skip_sws(s_, i);
      if (next >= s_.size()) return std::nullopt;
      if (s_[next] != ',')
        return fail(out.back().name, next,
                    "character " + shown(next) + " after mechanism '" + out.back().name +
                        "': expected ';', ',' or the end (RFC 3329 2.2)");
      i = lex::skip_sws(s_, next + 1);  // COMMA = SWS "," SWS
    }
  }

 private:
  CodecError fail(std::string ie, std::size_t offset, std::string reason) const {
    return {header_, std::move(ie), offset, std::move(reason)};
  }
  std::string shown(std::size_t at) const { return lex::printable(s_[at]); }

  // SEMI mech-parameters, from the ';' at `semi`; leaves `i` after the parameter.
  std::optional<CodecError> read_parameter(SecurityMechanism& m, std::vector<std::string>& seen,
                                           std::size_t semi, std::size_t& i) {
    const std::size_t at = lex::skip_sws(s_, semi + 1);
    const std::size_t name_end = lex::scan_token(s_, at);
    if (name_end == at)
      return fail(m.name, at,
                  at >= s_.size() ? "missing: a parameter name (token) must follow ';' (RFC 3329 2.2)"
                                  : "character " + shown(at) +
                                        " cannot start a parameter name (token, RFC 3329 2.2)");
    const std::string name = lex::lower(s_.substr(at, name_end - at));
    i = name_end;
    std::optional<RawValue> value;
    const std::size_t equal = lex::skip_sws(s_, name_end);
    if (equal < s_.size() && s_[equal] == '=') {
      const std::size_t v = lex::skip_sws(s_, equal + 1);  // EQUAL = SWS "=" SWS
      if (v >= s_.size()) return fail(name, v, "missing: a value must follow '=' (RFC 3261 25.1)");
      if (s_[v] == '"') {
        std::size_t error_at = 0;
        std::string why;
        const auto q = lex::scan_quoted_string(s_, v, error_at, why);
        if (!q) return fail(name, error_at, why);
        value = RawValue{q->raw, false};
        i = q->end;
      } else if (s_[v] == '[') {
        const std::size_t end = scan_ipv6_reference(s_, v);
        if (end == std::string_view::npos)
          return fail(name, v, "not an IPv6reference (\"[\" IPv6address \"]\", RFC 3261 25.1)");
        value = RawValue{std::string(s_.substr(v, end - v)), false};
        i = end;
      } else {
        const std::size_t end = lex::scan_token(s_, v);
        if (end == v)
          return fail(name, v,
                      "character " + shown(v) +
                          " cannot start a value (token, host or quoted-string; RFC 3261 25.1 "
                          "gen-value)");
        value = RawValue{std::string(s_.substr(v, end - v)), true};
        i = end;
      }
    }
    for (const auto& n : seen)
      if (n == name)
        return fail(name, at,
                    "parameter '" + name + "' repeated in mechanism '" + m.name +
                        "'; neither RFC 3329 nor TS 33.203 says which value counts");
    seen.push_back(name);
    return apply(m, name, at, value);
  }

  // Stores one parameter; `at` is the offset of its name.
  std::optional<CodecError> apply(SecurityMechanism& m, const std::string& name, std::size_t at,
                                  const std::optional<RawValue>& value) {
    if (!recognised(m.name, name)) {
      m.extensions.push_back({name, value ? std::optional(value->text) : std::nullopt});
      return std::nullopt;
    }
    const bool common = std::find(kCommonParams.begin(), kCommonParams.end(), name) !=
                        kCommonParams.end();
    const char* clause = common ? "RFC 3329 2.2" : "TS 33.203 H.2";
    if (!value) return fail(name, at, "'" + name + "' needs a value (" + clause + ")");
    const std::string& t = value->text;
    const auto bad = [&](const std::string& expected) {
      return fail(name, at, name + " value " + t + " is not " + expected + " (" + clause + ")");
    };
    const auto token_value = [&]() { return value->plain ? std::optional(t) : std::nullopt; };
    if (name == "q") {
      const auto q = value->plain ? parse_qvalue(t) : std::nullopt;
      if (!q) return bad("a qvalue: 0 to 1 with at most three decimals (RFC 3261 25.1 qvalue)");
      m.q = *q;
    } else if (name == "d-alg" || name == "d-qop") {
      if (!value->plain) return bad("a token");
      (name == "d-alg" ? m.d_alg : m.d_qop) = t;
    } else if (name == "d-ver") {
      // LDQUOT 32LHEX RDQUOT: exactly 32 lower-case hex digits between the quotes.
      // (not an IPv6reference "[" 32LHEX "]", which is not plain either)
      if (value->plain || t[0] != '"' || t.size() != 34 ||
          !is_d_ver(std::string_view(t).substr(1, 32)))
        return bad("32 lower-case hex digits in quotes (LDQUOT 32LHEX RDQUOT)");
      m.d_ver = t.substr(1, 32);
    } else if (name == "alg" || name == "ealg" || name == "prot" || name == "mod") {
      const auto tok = token_value();
      bool ok = false;
      if (name == "alg") ok = tok && (m.alg = lookup(kAlg, *tok));
      if (name == "ealg") ok = tok && (m.ealg = lookup(kEalg, *tok));
      if (name == "prot") ok = tok && (m.prot = lookup(kProt, *tok));
      if (name == "mod") ok = tok && (m.mod = lookup(kMod, *tok));
      if (!ok) {
        const std::string set = name == "alg"    ? choices(kAlg)
                                : name == "ealg" ? choices(kEalg)
                                : name == "prot" ? choices(kProt)
                                                 : choices(kMod);
        return bad("one of " + set);
      }
    } else if (name == "spi-c" || name == "spi-s") {
      // spivalue = 10DIGIT; 0 to 4294967295 (read as 1 to 10 digits, see the header)
      const auto v = value->plain ? parse_number(t, 10, 0xffffffffu) : std::nullopt;
      if (!v) return bad("a spivalue: 1 to 10 digits, 0 to 4294967295");
      (name == "spi-c" ? m.spi_c : m.spi_s) = *v;
    } else {
      // port = 1*DIGIT, a UDP/TCP port: 0 to 65535. Leading zeros beyond 5 digits are not read.
      const auto v = value->plain ? parse_number(t, 5, 65535) : std::nullopt;
      if (!v) return bad("a port: 1 to 5 digits, 0 to 65535");
      (name == "port-c" ? m.port_c : m.port_s) = static_cast<std::uint16_t>(*v);
    }
    return std::nullopt;
  }

  const char* header_;
  std::string_view s_;
};

void require(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument("security mechanism: " + what);
}

// A value decode would take as gen-value and give back unchanged.
bool valid_gen_value(std::string_view v) {
  if (v.empty()) return false;
  if (v[0] == '[') return scan_ipv6_reference(v, 0) == v.size();
  if (v[0] != '"') return lex::is_token(v);
  std::size_t error_at = 0;
  std::string why;
  const auto q = lex::scan_quoted_string(v, 0, error_at, why);
  return q && q->end == v.size() && q->raw == v;  // raw == v: no CR/LF, folds already SP
}

CodecError not_security_header(std::string_view name) {
  return {std::string(name), "", 0,
          "not a security agreement header field (Security-Client, Security-Server or "
          "Security-Verify, RFC 3329 2.2)"};
}

}  // namespace

const char* header_name(SecurityHeader h) {
  switch (h) {
    case SecurityHeader::client:
      return "Security-Client";
    case SecurityHeader::server:
      return "Security-Server";
    case SecurityHeader::verify:
      return "Security-Verify";
  }
  throw std::invalid_argument("SecurityHeader out of range");
}

std::optional<SecurityHeader> security_header_from_name(std::string_view name) {
  for (auto h : {SecurityHeader::client, SecurityHeader::server, SecurityHeader::verify})
    if (iequals(name, header_name(h))) return h;
  return std::nullopt;
}

const char* to_string(IntegrityAlgorithm v) { return spelling(kAlg, v); }
const char* to_string(EncryptionAlgorithm v) { return spelling(kEalg, v); }
const char* to_string(IpsecProtocol v) { return spelling(kProt, v); }
const char* to_string(IpsecMode v) { return spelling(kMod, v); }

Decoded<SecurityMechanisms> decode_security_header(std::string_view header_name_text,
                                                   std::string_view value) {
  const auto h = security_header_from_name(header_name_text);
  if (!h) return not_security_header(header_name_text);
  SecurityMechanisms out;
  if (auto e = SecurityHeaderReader(header_name(*h), value).read(out)) return *e;
  return out;
}

Decoded<SecurityMechanisms> decode_security_headers(std::string_view header_name_text,
                                                    std::span<const std::string_view> values) {
  const auto h = security_header_from_name(header_name_text);
  if (!h) return not_security_header(header_name_text);
  if (values.empty())
    return CodecError{header_name(*h), "", 0,
                      "no header field line: each of these fields holds at least one mechanism "
                      "(RFC 3329 2.2)"};
  SecurityMechanisms out;
  for (std::size_t line = 0; line < values.size(); ++line) {
    const auto d = decode_security_header(header_name_text, values[line]);
    if (!d.ok()) {
      CodecError e = d.error();
      e.reason += " [header field line " + std::to_string(line + 1) + " of " +
                  std::to_string(values.size()) + "]";
      return e;
    }
    out.insert(out.end(), d.value().begin(), d.value().end());
  }
  return out;
}

std::string encode(std::span<const SecurityMechanism> mechanisms) {
  require(!mechanisms.empty(), "a header field holds at least one mechanism (RFC 3329 2.2)");
  std::string out;
  for (const auto& m : mechanisms) {
    require(lex::is_token(m.name) && lex::lower(m.name) == m.name,
            "mechanism-name '" + m.name + "' is not a lower-case token");
    if (!out.empty()) out += ", ";
    out += m.name;
    if (m.q) {
      require(*m.q <= 1000, "q is 0..1000 thousandths");
      out += ";q=" + format_qvalue(*m.q);
    }
    if (m.d_alg) {
      require(lex::is_token(*m.d_alg), "d-alg is a token");
      out += ";d-alg=" + *m.d_alg;
    }
    if (m.d_qop) {
      require(lex::is_token(*m.d_qop), "d-qop is a token");
      out += ";d-qop=" + *m.d_qop;
    }
    if (m.d_ver) {
      require(is_d_ver(*m.d_ver), "d-ver is 32 lower-case hex digits");
      out += ";d-ver=\"" + *m.d_ver + "\"";
    }
    const bool ipsec = m.alg || m.prot || m.mod || m.ealg || m.spi_c || m.spi_s || m.port_c ||
                       m.port_s;
    require(!ipsec || m.name == kIpsec3gpp,
            "alg, prot, mod, ealg, spi-c, spi-s, port-c and port-s belong to ipsec-3gpp");
    if (m.alg) out += std::string(";alg=") + to_string(*m.alg);
    if (m.prot) out += std::string(";prot=") + to_string(*m.prot);
    if (m.mod) out += std::string(";mod=") + to_string(*m.mod);
    if (m.ealg) out += std::string(";ealg=") + to_string(*m.ealg);
    if (m.spi_c) out += ";spi-c=" + std::to_string(*m.spi_c);
    if (m.spi_s) out += ";spi-s=" + std::to_string(*m.spi_s);
    if (m.port_c) out += ";port-c=" + std::to_string(*m.port_c);
    if (m.port_s) out += ";port-s=" + std::to_string(*m.port_s);
    for (std::size_t k = 0; k < m.extensions.size(); ++k) {
      const auto& p = m.extensions[k];
      require(lex::is_token(p.name) && lex::lower(p.name) == p.name,
              "extension name '" + p.name + "' is not a lower-case token");
      require(!recognised(m.name, p.name),
              "'" + p.name + "' is a parameter of " + m.name + ", not an extension");
      for (std::size_t j = 0; j < k; ++j)
        require(m.extensions[j].name != p.name, "extension '" + p.name + "' repeated");
      out += ";" + p.name;
      if (p.value) {
        require(valid_gen_value(*p.value),
                "extension '" + p.name + "' value is not a token, IPv6reference or quoted-string");
        out += "=" + *p.value;
      }
    }
  }
  return out;
}

}  // namespace secmode::spec::sip
