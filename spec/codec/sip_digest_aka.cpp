// RFC 3261 25.1 Digest challenge carrying an RFC 3310 AKAv1 nonce. Decisions are explained in
// the header.
#include "spec/codec/sip_digest_aka.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

#include "spec/codec/sip_digest.h"
#include "spec/codec/sip_lex.h"

namespace secmode::spec::sip {
namespace {

using lex::iequals;

constexpr std::string_view kAlgorithm = "AKAv1-MD5";  // RFC 3310 3.1
constexpr std::size_t kRandAutn = 32;                 // RFC 3310 3.2: RAND || AUTN

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

class ChallengeReader {
 public:
  ChallengeReader(const char* header, std::string_view value) : header_(header), s_(value) {}

  std::optional<CodecError> read(AkaChallenge& c) {
    std::vector<digest::Directive> all;
    if (auto e = digest::read_directives(header_, s_, {"the challenge is", "digest-cln"}, all))
      return e;
    return assemble(all, c);
  }

 private:
  CodecError fail(std::string ie, std::size_t offset, std::string reason) const {
    return {header_, std::move(ie), offset, std::move(reason)};
  }

  std::optional<CodecError> assemble(const std::vector<digest::Directive>& all, AkaChallenge& c) {
    const digest::Directive* nonce = nullptr;
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
  std::optional<CodecError> qop_options(const digest::Directive& d, std::vector<std::string>& out) {
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
  const auto d = digest::decode_base64(b64, "nonce", "RFC 3310 3.2 nonce");
  if (!d) return d.error();
  const Bytes& octets = d.value();
  if (octets.size() < kRandAutn)
    return CodecError{"nonce", "nonce", b64.size(),
                      "too short: the nonce holds " + std::to_string(octets.size()) +
                          " octets, RAND and AUTN need 32 (RFC 3310 3.2)"};
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
  return digest::encode_base64(in);
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
  digest::append_auth_params(out, c.auth_params, is_directive, "AKA challenge");
  return out;
}

}  // namespace secmode::spec::sip
