// RFC 3261 25.1 Digest challenge carrying an RFC 3310 AKAv1 nonce. Decisions are explained in
// the header.
#include "spec/codec/sip_digest_aka.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

#include "spec/codec/sip_sec_agree.h"

namespace secmode::spec::sip {
namespace {

using lex::iequals;

constexpr std::string_view kAlgorithm = "AKAv1-MD5";  // RFC 3310 3.1
constexpr std::size_t kRandAutn = 32;                 // RFC 3310 3.2: RAND || AUTN

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// The digest-cln names of RFC 3261 25.1, in the order of the alternatives.
constexpr std::array<std::string_view, 7> kDirectives{"realm",  "domain",    "nonce", "opaque",
                                                      "stale",  "algorithm", "qop"};

bool is_directive(std::string_view name) {
  for (auto d : kDirectives)
    if (d == name) return true;
  return false;
}

const char* authenticate_header(std::string_view name) {
  if (iequals(name, "WWW-Authenticate")) return "WWW-Authenticate";
  if (iequals(name, "Proxy-Authenticate")) return "Proxy-Authenticate";
  return nullptr;
}

// One digest-cln as met: name, its offset, and its value.
struct Directive {
  std::string name;  // lower case
  std::size_t at;
  std::string value;  // token as written, or quoted-string content
  bool quoted;
  std::string raw;    // as written (quoted-string with quotes)
};

class ChallengeReader {
 public:
  ChallengeReader(const char* header, std::string_view value) : header_(header), s_(value) {}

  std::optional<CodecError> read(AkaChallenge& c) {
    // "Digest" LWS: the scheme (a case-insensitive literal), then at least one WSP.
    std::size_t i = lex::skip_sws(s_, 0);
    const std::size_t scheme_end = lex::scan_token(s_, i);
    if (!iequals(s_.substr(i, scheme_end - i), "Digest"))
      return fail("auth-scheme", i,
                  "the challenge is not \"Digest\" (RFC 3261 25.1; RFC 3310 uses Digest)");
    const std::size_t first = lex::skip_sws(s_, scheme_end);
    if (first == scheme_end || first >= s_.size())
      return fail("auth-scheme", scheme_end,
                  first >= s_.size() ? "missing: directives must follow \"Digest\" (RFC 3261 25.1)"
                                     : "LWS must follow \"Digest\" (RFC 3261 25.1)");
    std::vector<Directive> all;
    i = first;
    while (true) {
      Directive d;
      if (auto e = read_directive(i, d)) return e;
      for (const auto& seen : all)
        if (seen.name == d.name)
          return fail(d.name, d.at,
                      "directive '" + d.name + "' repeated; RFC 3261 and RFC 2617 do not say "
                      "which value counts");
      all.push_back(std::move(d));
      const std::size_t next = lex::skip_sws(s_, i);
      if (next >= s_.size()) break;
      if (s_[next] != ',')
        return fail(all.back().name, next,
                    "character " + shown(next) +
                        " after a directive: expected ',' or the end (RFC 3261 25.1)");
      i = lex::skip_sws(s_, next + 1);  // COMMA
    }
    return assemble(all, c);
  }

 private:
  CodecError fail(std::string ie, std::size_t offset, std::string reason) const {
    return {header_, std::move(ie), offset, std::move(reason)};
  }
  std::string shown(std::size_t at) const {
    const char c = s_[at];
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x21 && u <= 0x7e) return std::string("'") + c + "'";
    return "octet " + std::to_string(u);
  }

  // name EQUAL ( token / quoted-string ), from `i`; leaves `i` after it.
  std::optional<CodecError> read_directive(std::size_t& i, Directive& d) {
    const std::size_t name_end = lex::scan_token(s_, i);
    if (name_end == i)
      return fail("digest-cln", i,
                  i >= s_.size() ? "missing: a directive must come here (RFC 3261 25.1)"
                                 : "character " + shown(i) +
                                       " cannot start a directive name (token, RFC 3261 25.1)");
    d.name = lex::lower(s_.substr(i, name_end - i));
    d.at = i;
    const std::size_t equal = lex::skip_sws(s_, name_end);
    if (equal >= s_.size() || s_[equal] != '=')
      return fail(d.name, equal, "'=' and a value must follow '" + d.name + "' (RFC 3261 25.1)");
    const std::size_t v = lex::skip_sws(s_, equal + 1);
    if (v < s_.size() && s_[v] == '"') {
      std::size_t error_at = 0;
      std::string why;
      const auto q = lex::scan_quoted_string(s_, v, error_at, why);
      if (!q) return fail(d.name, error_at, why);
      d.value = q->content;
      d.raw = q->raw;
      d.quoted = true;
      i = q->end;
      return std::nullopt;
    }
    const std::size_t end = lex::scan_token(s_, v);
    if (end == v)
      return fail(d.name, v,
                  v >= s_.size() ? "missing: a value must follow '=' (RFC 3261 25.1)"
                                 : "character " + shown(v) +
                                       " cannot start a value (token or quoted-string, RFC 3261 "
                                       "25.1)");
    d.value = std::string(s_.substr(v, end - v));
    d.raw = d.value;
    d.quoted = false;
    i = end;
    return std::nullopt;
  }

  std::optional<CodecError> assemble(const std::vector<Directive>& all, AkaChallenge& c) {
    const Directive* nonce = nullptr;
    bool realm = false;
    bool algorithm = false;
    for (const auto& d : all) {
      const auto want_quoted = [&](const char* clause) -> std::optional<CodecError> {
        if (d.quoted) return std::nullopt;
        return fail(d.name, d.at, d.name + " is a quoted-string (" + clause + ")");
      };
      if (d.name == "realm") {
        if (auto e = want_quoted("RFC 3261 25.1 realm-value")) return e;
        c.realm = d.value;
        realm = true;
      } else if (d.name == "domain") {
        if (auto e = want_quoted("RFC 3261 25.1 domain")) return e;
        c.domain = d.value;
      } else if (d.name == "nonce") {
        if (auto e = want_quoted("RFC 3261 25.1 nonce-value")) return e;
        nonce = &d;
      } else if (d.name == "opaque") {
        if (auto e = want_quoted("RFC 3261 25.1 opaque")) return e;
        c.opaque = d.value;
      } else if (d.name == "stale") {
        // stale = "stale" EQUAL ( "true" / "false" ): literals, so case-insensitive (RFC 2234 2.3)
        if (d.quoted || (!iequals(d.value, "true") && !iequals(d.value, "false")))
          return fail(d.name, d.at, "stale is true or false, unquoted (RFC 3261 25.1)");
        c.stale = iequals(d.value, "true");
      } else if (d.name == "algorithm") {
        if (d.quoted || !iequals(d.value, kAlgorithm))
          return fail(d.name, d.at,
                      "algorithm " + d.raw +
                          " is not AKAv1-MD5, unquoted (RFC 3310 3.1; RFC 3261 25.1 algorithm)");
        algorithm = true;
      } else if (d.name == "qop") {
        if (auto e = qop_options(d, c.qop)) return e;
      } else {
        c.auth_params.push_back({d.name, d.value, d.quoted});
      }
    }
    // RFC 2617 3.2.1: realm and nonce are required; RFC 3310 3.1: the algorithm says AKA.
    if (!realm) return fail("realm", s_.size(), "missing: realm is required (RFC 2617 3.2.1)");
    if (!nonce) return fail("nonce", s_.size(), "missing: nonce is required (RFC 2617 3.2.1)");
    if (!algorithm)
      return fail("algorithm", s_.size(),
                  "missing: without algorithm=AKAv1-MD5 the challenge means MD5 (RFC 2617 3.2.1), "
                  "not AKA (RFC 3310 3.1)");
    const auto n = decode_aka_nonce(nonce->value);
    if (!n) return fail("nonce", nonce->at, n.error().reason);
    c.nonce = n.value();
    return std::nullopt;
  }

  // LDQUOT qop-value *("," qop-value) RDQUOT: tokens separated by bare commas.
  std::optional<CodecError> qop_options(const Directive& d, std::vector<std::string>& out) {
    if (!d.quoted || d.raw.size() != d.value.size() + 2)  // no quoted-pairs or folds either
      return fail(d.name, d.at,
                  "qop-options is a quoted list of tokens separated by ',' (RFC 3261 25.1)");
    std::size_t start = 0;
    while (true) {
      const std::size_t comma = d.value.find(',', start);
      const std::string item = d.value.substr(start, comma == std::string::npos ? std::string::npos
                                                                                : comma - start);
      if (!lex::is_token(item))
        return fail(d.name, d.at,
                    "qop value '" + item + "' is not a token; qop-options is qop-value *(\",\" "
                    "qop-value) with no whitespace (RFC 3261 25.1)");
      out.push_back(item);
      if (comma == std::string::npos) return std::nullopt;
      start = comma + 1;
    }
  }

  const char* header_;
  std::string_view s_;
};

void require(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument("AKA challenge: " + what);
}

}  // namespace

Decoded<AkaNonce> decode_aka_nonce(std::string_view b64) {
  const auto fail = [&](std::size_t at, std::string reason) {
    return CodecError{"nonce", "nonce", at, std::move(reason)};
  };
  // RFC 4648 4: groups of 4 characters, each 6 bits; "=" pads the last group.
  if (b64.size() % 4 != 0)
    return fail(b64.size(),
                "base64 length " + std::to_string(b64.size()) +
                    " is not a multiple of 4 (RFC 4648 4; RFC 3310 3.2 nonce)");
  std::size_t pad = 0;
  while (pad < 2 && pad < b64.size() && b64[b64.size() - 1 - pad] == '=') ++pad;
  Bytes octets;
  std::uint32_t bits = 0;
  int nbits = 0;
  for (std::size_t i = 0; i < b64.size() - pad; ++i) {
    const int v = base64_value(b64[i]);
    if (v < 0)
      return fail(i, "character '" + std::string(1, b64[i]) + "' at position " +
                         std::to_string(i) + " of the nonce is not base64 (RFC 4648 4)");
    bits = (bits << 6 | static_cast<std::uint32_t>(v)) & 0xffffu;
    nbits += 6;
    if (nbits >= 8) {
      nbits -= 8;
      octets.push_back(static_cast<std::uint8_t>(bits >> nbits));
    }
  }
  if (nbits > 0 && (bits & ((1u << nbits) - 1)) != 0)
    return fail(b64.size() - pad - 1,
                "pad bits of the last base64 character are not zero: not the canonical encoding "
                "(RFC 4648 3.5)");
  if (octets.size() < kRandAutn)
    return fail(b64.size(),
                "too short: the nonce holds " + std::to_string(octets.size()) +
                    " octets, RAND and AUTN need 32 (RFC 3310 3.2)");
  AkaNonce n;
  std::copy(octets.begin(), octets.begin() + 16, n.rand.begin());
  std::copy(octets.begin() + 16, octets.begin() + 32, n.autn.begin());
  n.server_data.assign(octets.begin() + 32, octets.end());
  return n;
}

std::string encode_aka_nonce(const AkaNonce& nonce) {
  Bytes in(nonce.rand.begin(), nonce.rand.end());
  in.insert(in.end(), nonce.autn.begin(), nonce.autn.end());
  in.insert(in.end(), nonce.server_data.begin(), nonce.server_data.end());
  std::string out;
  for (std::size_t i = 0; i < in.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, in.size() - i);
    std::uint32_t group = std::uint32_t{in[i]} << 16;
    if (n > 1) group |= std::uint32_t{in[i + 1]} << 8;
    if (n > 2) group |= in[i + 2];
    for (std::size_t k = 0; k < 4; ++k)
      out += k <= n ? kBase64[group >> (18 - 6 * k) & 0x3f] : '=';
  }
  return out;
}

Decoded<AkaChallenge> decode_aka_challenge(std::string_view header_name_text,
                                           std::string_view value) {
  const char* header = authenticate_header(header_name_text);
  if (!header)
    return CodecError{std::string(header_name_text), "", 0,
                      "not a challenge header field (WWW-Authenticate or Proxy-Authenticate, RFC "
                      "3261 20.44, 20.27)"};
  AkaChallenge c;
  if (auto e = ChallengeReader(header, value).read(c)) return *e;
  return c;
}

std::string encode(const AkaChallenge& c) {
  std::string out = "Digest realm=" + lex::quote(c.realm);
  if (c.domain) out += ", domain=" + lex::quote(*c.domain);
  out += ", nonce=\"" + encode_aka_nonce(c.nonce) + "\"";
  if (c.opaque) out += ", opaque=" + lex::quote(*c.opaque);
  if (c.stale) out += std::string(", stale=") + (*c.stale ? "true" : "false");
  out += ", algorithm=";
  out += kAlgorithm;
  if (!c.qop.empty()) {
    std::string list;
    for (const auto& v : c.qop) {
      require(lex::is_token(v), "qop value '" + v + "' is not a token");
      list += (list.empty() ? "" : ",") + v;
    }
    out += ", qop=\"" + list + "\"";
  }
  for (std::size_t k = 0; k < c.auth_params.size(); ++k) {
    const auto& p = c.auth_params[k];
    require(lex::is_token(p.name) && lex::lower(p.name) == p.name,
            "auth-param name '" + p.name + "' is not a lower-case token");
    require(!is_directive(p.name), "'" + p.name + "' is a digest-cln, not an auth-param");
    for (std::size_t j = 0; j < k; ++j)
      require(c.auth_params[j].name != p.name, "auth-param '" + p.name + "' repeated");
    require(p.quoted || lex::is_token(p.value), "auth-param '" + p.name + "' value is not a token");
    out += ", " + p.name + "=" + (p.quoted ? lex::quote(p.value) : p.value);
  }
  return out;
}

}  // namespace secmode::spec::sip
