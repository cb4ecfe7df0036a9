// RFC 3261 25.1 Digest credentials (Authorization, Proxy-Authorization) answering an RFC 3310
// AKAv1 challenge, with the RFC 3310 3.4 auts and TS 24.229 7.2A.2 integrity-protected
// auth-params. Decisions are explained in sip_digest_aka.h.
#include <algorithm>
#include <array>
#include <cstdio>
#include <stdexcept>
#include <utility>

#include "spec/codec/sip_digest.h"
#include "spec/codec/sip_digest_aka.h"
#include "spec/codec/sip_lex.h"

namespace secmode::spec::sip {
namespace {

using lex::iequals;

constexpr std::string_view kAlgorithm = "AKAv1-MD5";  // RFC 3310 3.1

// The dig-resp names of RFC 3261 25.1, in the order of the alternatives, then the auth-params
// this codec knows (RFC 3310 3.4, TS 24.229 7.2A.2).
constexpr std::array<std::string_view, 12> kDirectives{
    "username", "realm", "nonce", "uri", "response", "algorithm", "cnonce",
    "opaque",   "qop",   "nc",    "auts", "integrity-protected"};

bool is_directive(std::string_view name) {
  return std::find(kDirectives.begin(), kDirectives.end(), name) != kDirectives.end();
}

constexpr std::array<std::pair<IntegrityProtected, const char*>, 7> kIntegrityProtected{{
    {IntegrityProtected::yes, "yes"},
    {IntegrityProtected::no, "no"},
    {IntegrityProtected::tls_pending, "tls-pending"},
    {IntegrityProtected::tls_yes, "tls-yes"},
    {IntegrityProtected::ip_assoc_pending, "ip-assoc-pending"},
    {IntegrityProtected::ip_assoc_yes, "ip-assoc-yes"},
    {IntegrityProtected::auth_done, "auth-done"},
}};

const char* authorization_header(std::string_view name) {
  if (iequals(name, "Authorization")) return "Authorization";
  if (iequals(name, "Proxy-Authorization")) return "Proxy-Authorization";
  return nullptr;
}

// n LHEX exactly (LHEX = DIGIT / %x61-66, RFC 3261 25.1).
bool is_lhex_run(std::string_view s, std::size_t n) {
  return s.size() == n && std::all_of(s.begin(), s.end(), lex::is_lhex);
}

// digest-uri-value as checked here: visible ASCII without DQUOTE or '\' (see the header).
bool is_uri_text(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return c >= 0x21 && c <= 0x7e && c != '"' && c != '\\';
  });
}

class CredentialsReader {
 public:
  CredentialsReader(const char* header, std::string_view value) : header_(header), s_(value) {}

  std::optional<CodecError> read(AkaCredentials& c) {
    std::vector<digest::Directive> all;
    if (auto e = digest::read_directives(header_, s_, {"the credentials are", "dig-resp"}, all))
      return e;
    for (const auto& d : all)
      if (auto e = apply(d, c)) return e;
    // RFC 2617 3.2.2 brackets none of these, so each is required; RFC 3310 3.1 for algorithm.
    for (const char* name : {"username", "realm", "nonce", "uri", "response"})
      if (!seen(all, name))
        return fail(name, s_.size(),
                    std::string("missing: ") + name + " is required (RFC 2617 3.2.2)");
    if (!seen(all, "algorithm") && c.nonce)  // nonce="": nothing was computed (see the header)
      return fail("algorithm", s_.size(),
                  "missing: without algorithm=AKAv1-MD5 the credentials mean MD5 (RFC 2617 "
                  "3.2.2), not AKA (RFC 3310 3.1)");
    return std::nullopt;
  }

 private:
  CodecError fail(std::string ie, std::size_t offset, std::string reason) const {
    return {header_, std::move(ie), offset, std::move(reason)};
  }
  static bool seen(const std::vector<digest::Directive>& all, std::string_view name) {
    return std::any_of(all.begin(), all.end(), [&](const auto& d) { return d.name == name; });
  }

  std::optional<CodecError> apply(const digest::Directive& d, AkaCredentials& c) {
    const auto bad = [&](const std::string& why) { return fail(d.name, d.at, why); };
    // LDQUOT ... RDQUOT around a fixed-format value: no quoted-pairs or folds inside.
    const bool plain_quoted = d.quoted && d.raw.size() == d.value.size() + 2;
    if (d.name == "username" || d.name == "realm" || d.name == "cnonce" || d.name == "opaque") {
      if (!d.quoted)
        return bad(d.name + " is a quoted-string (RFC 3261 25.1 " + d.name +
                   (d.name == "opaque" ? "" : "-value") + ")");
      if (d.name == "username") c.username = d.value;
      if (d.name == "realm") c.realm = d.value;
      if (d.name == "cnonce") c.cnonce = d.value;
      if (d.name == "opaque") c.opaque = d.value;
    } else if (d.name == "nonce") {
      if (!d.quoted) return bad("nonce is a quoted-string (RFC 3261 25.1 nonce-value)");
      if (d.value.empty()) return std::nullopt;  // nonce="": initial REGISTER, TS 24.229 5.1.1.2.1
      const auto n = decode_aka_nonce(d.value);
      if (!n) return bad(n.error().reason);
      c.nonce = n.value();
    } else if (d.name == "uri") {
      // digest-uri = "uri" EQUAL LDQUOT digest-uri-value RDQUOT
      if (!plain_quoted || !is_uri_text(d.value))
        return bad("uri is a Request-URI in quotes: visible characters, no DQUOTE, '\\' or "
                   "whitespace (RFC 3261 25.1 digest-uri)");
      c.uri = d.value;
    } else if (d.name == "response") {
      // request-digest = LDQUOT 32LHEX RDQUOT; "" only in the initial REGISTER (TS 24.229)
      if (!plain_quoted || (!d.value.empty() && !is_lhex_run(d.value, 32)))
        return bad("response " + d.raw +
                   " is not 32 lower-case hex digits in quotes (RFC 3261 25.1 request-digest)");
      if (!d.value.empty()) c.response = d.value;
    } else if (d.name == "algorithm") {
      if (d.quoted || !iequals(d.value, kAlgorithm))
        return bad("algorithm " + d.raw +
                   " is not AKAv1-MD5, unquoted (RFC 3310 3.1; RFC 3261 25.1 algorithm)");
    } else if (d.name == "qop") {
      // message-qop = "qop" EQUAL qop-value: one token, unlike the challenge's quoted list
      if (d.quoted) return bad("qop is one unquoted token here (RFC 3261 25.1 message-qop)");
      c.qop = d.value;
    } else if (d.name == "nc") {
      // nc-value = 8LHEX
      if (d.quoted || !is_lhex_run(d.value, 8))
        return bad("nc " + d.raw +
                   " is not 8 lower-case hex digits, unquoted (RFC 3261 25.1 nc-value)");
      c.nc = static_cast<std::uint32_t>(std::stoul(d.value, nullptr, 16));
    } else if (d.name == "auts") {
      if (!d.quoted)
        return bad("auts is a quoted-string: base64 does not fit a token (RFC 3310 3.4)");
      const auto b = digest::decode_base64(d.value, "auts", "RFC 3310 3.4 auts");
      if (!b) return bad(b.error().reason);
      if (b.value().size() != Auts{}.size())
        return bad("auts holds " + std::to_string(b.value().size()) +
                   " octets; AUTS is 14: Conc(SQN_MS) and MAC-S (RFC 3310 3.4, TS 33.102)");
      Auts a{};
      std::copy(b.value().begin(), b.value().end(), a.begin());
      c.auts = a;
    } else if (d.name == "integrity-protected") {
      // literals, so case-insensitive (RFC 2234 2.3); kept in TS 24.229's spelling
      const auto* hit = std::find_if(kIntegrityProtected.begin(), kIntegrityProtected.end(),
                                     [&](const auto& e) { return iequals(d.value, e.second); });
      if (d.quoted || hit == kIntegrityProtected.end())
        return bad("integrity-protected " + d.raw +
                   " is not one of yes, no, tls-pending, tls-yes, ip-assoc-pending, "
                   "ip-assoc-yes, auth-done, unquoted (TS 24.229 7.2A.2)");
      c.integrity_protected = hit->first;
    } else {
      c.auth_params.push_back({d.name, d.value, d.quoted});
    }
    return std::nullopt;
  }

  const char* header_;
  std::string_view s_;
};

void require(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument("AKA credentials: " + what);
}

}  // namespace

const char* to_string(IntegrityProtected v) {
  for (const auto& [value, text] : kIntegrityProtected)
    if (value == v) return text;
  throw std::invalid_argument("IntegrityProtected out of range");
}

Decoded<AkaCredentials> decode_aka_credentials(std::string_view header_name_text,
                                               std::string_view value) {
  const char* header = authorization_header(header_name_text);
  if (!header)
    return CodecError{std::string(header_name_text), "", 0,
                      "not a credentials header field (Authorization or Proxy-Authorization, RFC "
                      "3261 20.7, 20.28)"};
  AkaCredentials c;
  if (auto e = CredentialsReader(header, value).read(c)) return *e;
  return c;
}

std::string encode(const AkaCredentials& c) {
  require(is_uri_text(c.uri), "uri '" + c.uri + "' is not visible ASCII without DQUOTE or '\\'");
  std::string out = "Digest username=" + lex::quote(c.username);
  out += ", realm=" + lex::quote(c.realm);
  out += ", nonce=\"" + (c.nonce ? encode_aka_nonce(*c.nonce) : std::string()) + "\"";
  out += ", uri=\"" + c.uri + "\"";
  if (c.response)
    require(is_lhex_run(*c.response, 32), "response is 32 lower-case hex digits");
  out += ", response=\"" + c.response.value_or("") + "\"";
  out += ", algorithm=";
  out += kAlgorithm;
  if (c.cnonce) out += ", cnonce=" + lex::quote(*c.cnonce);
  if (c.opaque) out += ", opaque=" + lex::quote(*c.opaque);
  if (c.qop) {
    require(lex::is_token(*c.qop), "qop '" + *c.qop + "' is not a token");
    out += ", qop=" + *c.qop;
  }
  if (c.nc) {
    char hex[9];
    std::snprintf(hex, sizeof hex, "%08x", static_cast<unsigned>(*c.nc));
    out += ", nc=";
    out += hex;
  }
  if (c.auts) out += ", auts=\"" + digest::encode_base64(*c.auts) + "\"";
  if (c.integrity_protected)
    out += std::string(", integrity-protected=") + to_string(*c.integrity_protected);
  digest::append_auth_params(out, c.auth_params, is_directive, "AKA credentials");
  return out;
}

}  // namespace secmode::spec::sip
