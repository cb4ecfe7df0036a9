// RFC 3329 2.2 security agreement header fields with the TS 33.203 H.2 "ipsec-3gpp" parameters,
// read in one pass over the caller's text. Decisions are explained in the header.
#include "impl/codec/sip_sec_agree.h"

#include <array>

namespace secmode::impl::sip {
namespace {

using lex::iequals;

constexpr std::string_view kIpsec3gpp = "ipsec-3gpp";

// Every parameter this codec gives a field, in canonical (ABNF alternative) order.
enum class Param : std::uint8_t {
  q, d_alg, d_qop, d_ver,                                      // RFC 3329 2.2
  alg, prot, mod, ealg, spi_c, spi_s, port_c, port_s,          // TS 33.203 H.2
  extension
};
constexpr std::array<std::string_view, 12> kParamNames{
    "q", "d-alg", "d-qop", "d-ver", "alg", "prot", "mod", "ealg", "spi-c", "spi-s", "port-c",
    "port-s"};

// RFC 3329 2.2 gives q, d-alg, d-qop, d-ver to every mechanism; TS 33.203 H.2 the others to
// "ipsec-3gpp" only. Anything else is an extension (RFC 3329 2.2 extension = generic-param).
Param classify(std::string_view mechanism, std::string_view name) noexcept {
  const std::size_t last = iequals(mechanism, kIpsec3gpp) ? kParamNames.size() : 4;
  for (std::size_t k = 0; k < last; ++k)
    if (iequals(name, kParamNames[k])) return static_cast<Param>(k);
  return Param::extension;
}

// Value sets in the spelling of TS 33.203 H.2 (and RFC 3329 Appendix A for the old ones), in the
// order of the enums.
constexpr std::array<std::string_view, 4> kAlg{"hmac-sha-1-96", "aes-gmac", "null",
                                               "hmac-md5-96"};
constexpr std::array<std::string_view, 4> kEalg{"aes-cbc", "aes-gcm", "null", "des-ede3-cbc"};
constexpr std::array<std::string_view, 2> kProt{"esp", "ah"};
constexpr std::array<std::string_view, 3> kMod{"trans", "tun", "UDP-enc-tun"};

template <std::size_t N>
int find_literal(const std::array<std::string_view, N>& set, std::string_view text) noexcept {
  for (std::size_t k = 0; k < N; ++k)
    if (iequals(set[k], text)) return static_cast<int>(k);  // RFC 2234 2.3: literals ignore case
  return -1;
}

// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )  (RFC 3261 25.1), as thousandths.
bool parse_qvalue(std::string_view t, std::uint16_t& q) noexcept {
  if (t.empty() || (t[0] != '0' && t[0] != '1')) return false;
  const bool one = t[0] == '1';
  if (t.size() > 1 && (t[1] != '.' || t.size() > 5)) return false;
  unsigned v = one ? 1000 : 0;
  unsigned scale = 100;
  for (std::size_t k = 2; k < t.size(); ++k, scale /= 10) {
    if (t[k] < '0' || t[k] > '9' || (one && t[k] != '0')) return false;
    v += static_cast<unsigned>(t[k] - '0') * scale;
  }
  q = static_cast<std::uint16_t>(v);
  return true;
}

// 1 to max_digits DIGITs, at most `max`.
bool parse_decimal(std::string_view t, std::size_t max_digits, std::uint32_t max,
                   std::uint32_t& out) noexcept {
  if (t.empty() || t.size() > max_digits) return false;
  std::uint64_t v = 0;
  for (char c : t) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (v > max) return false;
  out = static_cast<std::uint32_t>(v);
  return true;
}

enum class ValueKind : std::uint8_t { none, token, quoted, ipv6 };

// One mech-parameter as met: SEMI is at `semi`; `name` starts at `at`; `end` is after it.
struct RawParam {
  std::size_t at = 0;
  std::string_view name;
  ValueKind kind = ValueKind::none;
  std::string_view value;  // token, "[..]", or the quoted-string with its DQUOTEs
  std::size_t end = 0;
};

// mech-parameters after the ';' at `semi`: token [ EQUAL gen-value ]. On failure returns the
// reason and sets `error_at` and `error_ie` (the mechanism's name when no parameter name was
// read).
const char* lex_param(std::string_view s, std::size_t semi, std::string_view mechanism,
                      RawParam& p, std::size_t& error_at, std::string_view& error_ie) noexcept {
  p.at = lex::skip_sws(s, semi + 1);  // SEMI = SWS ";" SWS
  const std::size_t name_end = lex::scan_token(s, p.at);
  if (name_end == p.at) {
    error_at = p.at;
    error_ie = mechanism;
    return p.at >= s.size()
               ? "missing: a parameter name (token) must follow ';' (RFC 3329 2.2)"
               : "this character cannot start a parameter name (token, RFC 3329 2.2)";
  }
  p.name = s.substr(p.at, name_end - p.at);
  p.kind = ValueKind::none;
  p.end = name_end;
  const std::size_t equal = lex::skip_sws(s, name_end);
  if (equal >= s.size() || s[equal] != '=') return nullptr;
  const std::size_t v = lex::skip_sws(s, equal + 1);  // EQUAL = SWS "=" SWS
  error_ie = p.name;
  if (v >= s.size()) {
    error_at = v;
    return "missing: a value must follow '=' (RFC 3261 25.1)";
  }
  std::size_t end = v;
  if (s[v] == '"') {
    if (const char* why = lex::scan_quoted(s, v, end, error_at)) return why;
    p.kind = ValueKind::quoted;
  } else if (s[v] == '[') {
    end = lex::scan_ipv6_reference(s, v);
    if (end == 0) {
      error_at = v;
      return "the value is not an IPv6reference (\"[\" IPv6address \"]\", RFC 3261 25.1)";
    }
    p.kind = ValueKind::ipv6;
  } else {
    end = lex::scan_token(s, v);
    if (end == v) {
      error_at = v;
      return "this character cannot start a value (token, host or quoted-string; RFC 3261 25.1 "
             "gen-value)";
    }
    p.kind = ValueKind::token;
  }
  p.value = s.substr(v, end - v);
  p.end = end;
  return nullptr;
}

class Reader {
 public:
  // `index` is the count of mechanisms met before this line; `overflow` the first capacity
  // error so far (reason nullptr when none).
  Reader(std::string_view header, std::string_view s, std::size_t line, std::size_t& index,
         SecurityMechanisms& out, Error& overflow) noexcept
      : header_(header), s_(s), line_(line), index_(index), out_(out), overflow_(overflow) {}

  // RFC 3329 2.2: sec-mechanism *(COMMA sec-mechanism), after HCOLON's SWS if the caller left it.
  bool read(Error& error) noexcept {
    std::size_t i = lex::skip_sws(s_, 0);
    SecurityMechanism scratch;
    while (true) {
      const std::size_t end = lex::scan_token(s_, i);
      if (end == i)
        return fail(error, "mechanism-name", i,
                    i >= s_.size()
                        ? "missing: a mechanism-name (token) must come here (RFC 3329 2.2)"
                        : "this character cannot start a mechanism-name (token, RFC 3329 2.2)");
      // Mechanisms past the capacity are read into scratch space: the rest of the text must
      // still be checked, and the capacity error only stands when it is valid.
      SecurityMechanism* slot = out_.grow();
      if (!slot) {
        note_overflow("mechanism-name", i, kTooManyMechanisms);
        scratch = SecurityMechanism{};
      }
      SecurityMechanism& m = slot ? *slot : scratch;
      m.name = s_.substr(i, end - i);
      i = end;
      while (true) {
        const std::size_t semi = lex::skip_sws(s_, i);
        if (semi >= s_.size() || s_[semi] != ';') break;
        if (!parameter(m, end, semi, i, error)) return false;
      }
      const std::size_t next = lex::skip_sws(s_, i);
      if (next >= s_.size()) {
        ++index_;
        return true;
      }
      if (s_[next] != ',')
        return fail(error, m.name, next,
                    "after a mechanism: expected ';', ',' or the end (RFC 3329 2.2)");
      ++index_;
      i = lex::skip_sws(s_, next + 1);  // COMMA = SWS "," SWS
    }
  }

 private:
  bool fail(Error& e, std::string_view ie, std::size_t offset, const char* reason) const noexcept {
    e = Error{header_, ie, index_, line_, offset, reason};
    return false;
  }
  void note_overflow(std::string_view ie, std::size_t offset, const char* reason) noexcept {
    if (overflow_.reason == nullptr) overflow_ = Error{header_, ie, index_, line_, offset, reason};
  }

  // Whether an extension named like `p` came earlier in `m`, whose name ends at `params`.
  bool repeated_extension(const SecurityMechanism& m, std::size_t params,
                          const RawParam& p) const noexcept {
    if (!m.extensions.full()) {
      for (const auto& e : m.extensions)
        if (iequals(e.name, p.name)) return true;
      return false;
    }
    // Some were not stored: read the mechanism's parameters again (they are valid) up to `p`.
    std::size_t i = params;
    while (true) {
      const std::size_t semi = lex::skip_sws(s_, i);
      if (semi >= s_.size() || s_[semi] != ';') return false;
      RawParam q;
      std::size_t unused_at = 0;
      std::string_view unused_ie;
      if (lex_param(s_, semi, m.name, q, unused_at, unused_ie) != nullptr || q.at >= p.at)
        return false;
      if (iequals(q.name, p.name)) return true;
      i = q.end;
    }
  }

  // SEMI mech-parameters from the ';' at `semi`; leaves `i` after it.
  bool parameter(SecurityMechanism& m, std::size_t params, std::size_t semi, std::size_t& i,
                 Error& error) noexcept {
    RawParam p;
    std::size_t error_at = 0;
    std::string_view error_ie;
    if (const char* why = lex_param(s_, semi, m.name, p, error_at, error_ie))
      return fail(error, error_ie, error_at, why);
    i = p.end;
    const Param kind = classify(m.name, p.name);
    // Neither RFC 3329 nor TS 33.203 says which of two values counts: repetition is an error
    // (checked before the value's meaning, on the name as met).
    if (kind == Param::extension ? repeated_extension(m, params, p) : is_set(m, kind))
      return fail(error, p.name, p.at,
                  "this parameter is repeated in its mechanism; neither RFC 3329 nor TS 33.203 "
                  "says which value counts");
    if (kind == Param::extension) {
      const GenericParam g{p.name, p.kind == ValueKind::none ? std::nullopt
                                                              : std::optional(p.value)};
      if (!m.extensions.push_back(g)) note_overflow(m.name, p.at, kTooManyExtensions);
      return true;
    }
    const bool common = kind <= Param::d_ver;
    if (p.kind == ValueKind::none)
      return fail(error, p.name, p.at,
                  common ? "this parameter needs a value (RFC 3329 2.2)"
                         : "this parameter needs a value (TS 33.203 H.2)");
    const char* bad = assign(m, kind, p);
    if (bad) return fail(error, p.name, p.at, bad);
    return true;
  }

  static bool is_set(const SecurityMechanism& m, Param k) noexcept {
    switch (k) {
      case Param::q: return m.q.has_value();
      case Param::d_alg: return m.d_alg.has_value();
      case Param::d_qop: return m.d_qop.has_value();
      case Param::d_ver: return m.d_ver.has_value();
      case Param::alg: return m.alg.has_value();
      case Param::prot: return m.prot.has_value();
      case Param::mod: return m.mod.has_value();
      case Param::ealg: return m.ealg.has_value();
      case Param::spi_c: return m.spi_c.has_value();
      case Param::spi_s: return m.spi_s.has_value();
      case Param::port_c: return m.port_c.has_value();
      case Param::port_s: return m.port_s.has_value();
      case Param::extension: return false;
    }
    return false;
  }

  // Stores a recognised parameter's value, or returns why it is not allowed. Only a token can
  // be a qvalue, a d-alg/d-qop, a value of a TS 33.203 set or a number: a quoted-string or an
  // IPv6reference never is, although the extension alternative would match it (reading such a
  // value as an extension would let a typo or a downgrade pass unnoticed).
  static const char* assign(SecurityMechanism& m, Param k, const RawParam& p) noexcept {
    const bool token = p.kind == ValueKind::token;
    const std::string_view t = p.value;
    std::uint32_t n = 0;
    switch (k) {
      case Param::q: {
        std::uint16_t q = 0;
        if (!token || !parse_qvalue(t, q))
          return "the value is not a qvalue: 0 to 1 with at most three decimals (RFC 3329 2.2)";
        m.q = q;
        return nullptr;
      }
      case Param::d_alg:
      case Param::d_qop:
        if (!token) return "the value is not a token (RFC 3329 2.2)";
        (k == Param::d_alg ? m.d_alg : m.d_qop) = t;
        return nullptr;
      case Param::d_ver:
        // digest-verify = "d-ver" EQUAL LDQUOT 32LHEX RDQUOT
        if (p.kind != ValueKind::quoted || t.size() != 34)
          return "the value is not 32 lower-case hex digits in quotes (RFC 3329 2.2)";
        for (std::size_t j = 1; j < 33; ++j)
          if (!lex::is_lhex(t[j]))
            return "the value is not 32 lower-case hex digits in quotes (RFC 3329 2.2)";
        m.d_ver = t.substr(1, 32);
        return nullptr;
      case Param::alg: {
        const int v = token ? find_literal(kAlg, t) : -1;
        if (v < 0)
          return "the value is not one of hmac-sha-1-96, aes-gmac, null, hmac-md5-96 (TS 33.203 "
                 "H.2)";
        m.alg = static_cast<IntegrityAlgorithm>(v);
        return nullptr;
      }
      case Param::ealg: {
        const int v = token ? find_literal(kEalg, t) : -1;
        if (v < 0)
          return "the value is not one of aes-cbc, aes-gcm, null, des-ede3-cbc (TS 33.203 H.2)";
        m.ealg = static_cast<EncryptionAlgorithm>(v);
        return nullptr;
      }
      case Param::prot: {
        const int v = token ? find_literal(kProt, t) : -1;
        if (v < 0) return "the value is not one of esp, ah (TS 33.203 H.2)";
        m.prot = static_cast<IpsecProtocol>(v);
        return nullptr;
      }
      case Param::mod: {
        const int v = token ? find_literal(kMod, t) : -1;
        if (v < 0) return "the value is not one of trans, tun, UDP-enc-tun (TS 33.203 H.2)";
        m.mod = static_cast<IpsecMode>(v);
        return nullptr;
      }
      case Param::spi_c:
      case Param::spi_s:
        // spivalue = 10DIGIT, "0 to 4294967295": read as 1 to 10 digits (SPIs are written
        // without leading zeros in practice, e.g. spi-c=23456789).
        if (!token || !parse_decimal(t, 10, 0xffffffffu, n))
          return "the value is not a spivalue: 1 to 10 digits, 0 to 4294967295 (TS 33.203 H.2)";
        (k == Param::spi_c ? m.spi_c : m.spi_s) = n;
        return nullptr;
      case Param::port_c:
      case Param::port_s:
        // port = 1*DIGIT, a UDP/TCP port; more than 5 digits is refused rather than read on.
        if (!token || !parse_decimal(t, 5, 65535, n))
          return "the value is not a port: 1 to 5 digits, 0 to 65535 (TS 33.203 H.2)";
        (k == Param::port_c ? m.port_c : m.port_s) = static_cast<std::uint16_t>(n);
        return nullptr;
      case Param::extension:
        break;
    }
    return nullptr;
  }

  std::string_view header_;
  std::string_view s_;
  std::size_t line_;
  std::size_t& index_;
  SecurityMechanisms& out_;
  Error& overflow_;
};

Error not_a_security_header(std::string_view name) noexcept {
  return Error{name, "", 0, 0, 0,
               "not a security agreement header field (Security-Client, Security-Server or "
               "Security-Verify, RFC 3329 2.2)"};
}

// ---- encoding ----------------------------------------------------------------------------------

void put_qvalue(Writer& w, std::uint16_t q) noexcept {
  if (q == 0 || q == 1000) {
    w.put(q == 0 ? '0' : '1');
    return;
  }
  std::array<char, 3> d{static_cast<char>('0' + q / 100), static_cast<char>('0' + q / 10 % 10),
                        static_cast<char>('0' + q % 10)};
  std::size_t n = 3;
  while (d[n - 1] == '0') --n;  // q != 0: some digit is not zero
  w.put("0.");
  w.put(std::string_view(d.data(), n));
}

// A gen-value decode would take: token, IPv6reference, or one whole quoted-string.
bool valid_gen_value(std::string_view v) noexcept {
  if (v.empty()) return false;
  if (v[0] == '[') return lex::scan_ipv6_reference(v, 0) == v.size();
  if (v[0] != '"') return lex::is_token(v);
  std::size_t end = 0, error_at = 0;
  return lex::scan_quoted(v, 0, end, error_at) == nullptr && end == v.size();
}

const char* check(const SecurityMechanism& m) noexcept {
  if (!lex::is_token(m.name)) return "mechanism-name is not a token";
  if (m.q && *m.q > 1000) return "q is 0..1000 thousandths";
  if (m.d_alg && !lex::is_token(*m.d_alg)) return "d-alg is not a token";
  if (m.d_qop && !lex::is_token(*m.d_qop)) return "d-qop is not a token";
  if (m.d_ver) {
    if (m.d_ver->size() != 32) return "d-ver is not 32 lower-case hex digits";
    for (char c : *m.d_ver)
      if (!lex::is_lhex(c)) return "d-ver is not 32 lower-case hex digits";
  }
  const bool ipsec_fields = m.alg || m.prot || m.mod || m.ealg || m.spi_c || m.spi_s ||
                            m.port_c || m.port_s;
  if (ipsec_fields && !iequals(m.name, kIpsec3gpp))
    return "alg, prot, mod, ealg, spi-c, spi-s, port-c and port-s belong to ipsec-3gpp";
  if (m.alg && static_cast<std::size_t>(*m.alg) >= kAlg.size()) return "alg out of range";
  if (m.ealg && static_cast<std::size_t>(*m.ealg) >= kEalg.size()) return "ealg out of range";
  if (m.prot && static_cast<std::size_t>(*m.prot) >= kProt.size()) return "prot out of range";
  if (m.mod && static_cast<std::size_t>(*m.mod) >= kMod.size()) return "mod out of range";
  for (std::size_t k = 0; k < m.extensions.size(); ++k) {
    const GenericParam& e = m.extensions[k];
    if (!lex::is_token(e.name)) return "an extension name is not a token";
    if (classify(m.name, e.name) != Param::extension)
      return "an extension is named like a parameter of its mechanism";
    for (std::size_t j = 0; j < k; ++j)
      if (iequals(m.extensions[j].name, e.name)) return "an extension is repeated";
    if (e.value && !valid_gen_value(*e.value))
      return "an extension value is not a token, IPv6reference or quoted-string";
  }
  return nullptr;
}

void put_param(Writer& w, Param k) noexcept {
  w.put(';');
  w.put(kParamNames[static_cast<std::size_t>(k)]);
  w.put('=');
}

}  // namespace

std::string_view header_name(SecurityHeader h) noexcept {
  switch (h) {
    case SecurityHeader::client: return "Security-Client";
    case SecurityHeader::server: return "Security-Server";
    case SecurityHeader::verify: return "Security-Verify";
  }
  return "";
}

std::optional<SecurityHeader> security_header_from_name(std::string_view name) noexcept {
  for (auto h : {SecurityHeader::client, SecurityHeader::server, SecurityHeader::verify})
    if (iequals(name, header_name(h))) return h;  // RFC 3261 7.3.1: field names ignore case
  return std::nullopt;
}

std::string_view to_string(IntegrityAlgorithm v) noexcept {
  return kAlg[static_cast<std::size_t>(v) % kAlg.size()];
}
std::string_view to_string(EncryptionAlgorithm v) noexcept {
  return kEalg[static_cast<std::size_t>(v) % kEalg.size()];
}
std::string_view to_string(IpsecProtocol v) noexcept {
  return kProt[static_cast<std::size_t>(v) % kProt.size()];
}
std::string_view to_string(IpsecMode v) noexcept {
  return kMod[static_cast<std::size_t>(v) % kMod.size()];
}

namespace {

// `numbered`: errors give their 1-based line (decode_security_headers), else line 0.
Decoded<SecurityMechanisms> decode_lines(std::string_view name,
                                         std::span<const std::string_view> values,
                                         bool numbered) noexcept {
  Decoded<SecurityMechanisms> d;
  const auto h = security_header_from_name(name);
  if (!h) {
    d.error = not_a_security_header(name);
    return d;
  }
  const std::string_view header = header_name(*h);
  if (values.empty()) {
    d.error = Error{header, "", 0, 0, 0,
                    "no header field line: each of these fields holds at least one mechanism "
                    "(RFC 3329 2.2)"};
    return d;
  }
  std::size_t index = 0;
  Error overflow{};
  for (std::size_t line = 0; line < values.size(); ++line) {
    Reader r(header, values[line], numbered ? line + 1 : 0, index, d.value, overflow);
    if (!r.read(d.error)) return d;
  }
  if (overflow.reason != nullptr) d.error = overflow;
  return d;
}

}  // namespace

Decoded<SecurityMechanisms> decode_security_header(std::string_view name,
                                                   std::string_view value) noexcept {
  return decode_lines(name, std::span<const std::string_view>(&value, 1), false);
}

// RFC 3261 7.3.1: several lines of a field are one comma-separated list, in order.
Decoded<SecurityMechanisms> decode_security_headers(
    std::string_view name, std::span<const std::string_view> values) noexcept {
  return decode_lines(name, values, true);
}

Encoded encode(std::span<const SecurityMechanism> mechanisms, std::span<char> out) noexcept {
  if (mechanisms.empty()) return contract_broken("a header field holds at least one mechanism");
  for (const auto& m : mechanisms)
    if (const char* why = check(m)) return contract_broken(why);
  Writer w(out);
  bool first = true;
  for (const auto& m : mechanisms) {
    if (!first) w.put(", ");
    first = false;
    w.put_lower(m.name);
    if (m.q) {
      put_param(w, Param::q);
      put_qvalue(w, *m.q);
    }
    const auto text = [&](Param k, std::string_view v) {
      put_param(w, k);
      w.put(v);
    };
    const auto number = [&](Param k, std::uint32_t v) {
      put_param(w, k);
      w.put_decimal(v);
    };
    if (m.d_alg) text(Param::d_alg, *m.d_alg);
    if (m.d_qop) text(Param::d_qop, *m.d_qop);
    if (m.d_ver) {
      put_param(w, Param::d_ver);
      w.put('"');
      w.put(*m.d_ver);
      w.put('"');
    }
    if (m.alg) text(Param::alg, to_string(*m.alg));
    if (m.prot) text(Param::prot, to_string(*m.prot));
    if (m.mod) text(Param::mod, to_string(*m.mod));
    if (m.ealg) text(Param::ealg, to_string(*m.ealg));
    if (m.spi_c) number(Param::spi_c, *m.spi_c);
    if (m.spi_s) number(Param::spi_s, *m.spi_s);
    if (m.port_c) number(Param::port_c, *m.port_c);
    if (m.port_s) number(Param::port_s, *m.port_s);
    for (const auto& e : m.extensions) {
      w.put(';');
      w.put_lower(e.name);
      if (!e.value) continue;
      w.put('=');
      if ((*e.value)[0] != '"') {
        w.put(*e.value);  // token or IPv6reference as written: their meaning is not ours
        continue;
      }
      // A quoted value as written, except that a folded line reads as one SP (RFC 3261 25.1).
      w.put('"');
      lex::QuotedReader r(e.value->substr(1, e.value->size() - 2), false);
      char c = 0;
      while (r.next(c)) w.put(c);
      w.put('"');
    }
  }
  return w.done();
}

}  // namespace secmode::impl::sip
