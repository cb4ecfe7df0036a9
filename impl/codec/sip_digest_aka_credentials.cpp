// RFC 3261 25.1 Digest credentials (Authorization, Proxy-Authorization) answering an RFC 3310
// AKAv1 challenge, with the RFC 3310 3.4 auts and TS 24.229 7.2A.2 integrity-protected
// auth-params. Decisions are explained in sip_digest_aka.h.
//
//   dig-resp    = username / realm / nonce / digest-uri / dresponse / algorithm / cnonce
//                 / opaque / message-qop / nonce-count / auth-param
//   digest-uri  = "uri" EQUAL LDQUOT digest-uri-value RDQUOT
//   dresponse   = "response" EQUAL request-digest;  request-digest = LDQUOT 32LHEX RDQUOT
//   message-qop = "qop" EQUAL qop-value;  nonce-count = "nc" EQUAL nc-value;  nc-value = 8LHEX
#include <array>

#include "impl/codec/sip_digest.h"
#include "impl/codec/sip_digest_aka.h"

namespace secmode::impl::sip {
namespace {

using lex::iequals;

// The dig-resp names in canonical order, then the auth-params this codec gives fields.
enum class Name : std::uint8_t {
  username, realm, nonce, uri, response, algorithm, cnonce, opaque, qop, nc, auts,
  integrity_protected, other
};
constexpr std::array<std::string_view, 12> kNames{
    "username", "realm", "nonce", "uri", "response", "algorithm", "cnonce", "opaque", "qop", "nc",
    "auts", "integrity-protected"};

Name classify(std::string_view name) noexcept {
  for (std::size_t k = 0; k < kNames.size(); ++k)
    if (iequals(name, kNames[k])) return static_cast<Name>(k);
  return Name::other;
}
bool is_credentials_directive(std::string_view name) noexcept {
  return classify(name) != Name::other;
}

constexpr std::array<std::string_view, 7> kIntegrityProtected{
    "yes", "no", "tls-pending", "tls-yes", "ip-assoc-pending", "ip-assoc-yes", "auth-done"};

bool is_lhex_run(std::string_view s, std::size_t n) noexcept {
  if (s.size() != n) return false;
  for (char c : s)
    if (!lex::is_lhex(c)) return false;
  return true;
}

// digest-uri-value as checked here: visible ASCII without DQUOTE or '\' (a Request-URI's
// characters), not the whole request-uri rule.
bool is_uri_text(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (char c : s)
    if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') return false;
  return true;
}

class CredentialsReader {
 public:
  CredentialsReader(std::string_view header, std::string_view s, AkaCredentials& c) noexcept
      : header_(header), s_(s), c_(c) {}

  bool read(Error& error) noexcept {
    const digest::ListNames names{
        "the credentials are not \"Digest\" (RFC 3261 25.1; RFC 3310 uses Digest)", "dig-resp"};
    if (!digest::read_directives(header_, s_, names, error,
                                 [&](const digest::Directive& d, std::size_t k) {
                                   return directive(d, k, error);
                                 }))
      return false;
    // RFC 2617 3.2.2 brackets none of these, so each is required.
    static constexpr std::array<const char*, 5> kMissing{
        "missing: username is required (RFC 2617 3.2.2)",
        "missing: realm is required (RFC 2617 3.2.2)",
        "missing: nonce is required (RFC 2617 3.2.2)", "missing: uri is required (RFC 2617 3.2.2)",
        "missing: response is required (RFC 2617 3.2.2)"};
    for (std::size_t k = 0; k < kMissing.size(); ++k)
      if (!(seen_ & (1u << k)))
        return fail(error, kNames[k], 0, s_.size(), kMissing[k]);
    // RFC 3310 3.1; with nonce="" nothing was computed, so MD5 versus AKA does not arise.
    if (!(seen_ & (1u << static_cast<unsigned>(Name::algorithm))) && c_.nonce)
      return fail(error, "algorithm", 0, s_.size(),
                  "missing: without algorithm=AKAv1-MD5 the credentials mean MD5 (RFC 2617 "
                  "3.2.2), not AKA (RFC 3310 3.1)");
    if (overflow_.reason) {
      error = overflow_;
      return false;
    }
    return true;
  }

 private:
  bool fail(Error& e, std::string_view ie, std::size_t item, std::size_t at,
            const char* reason) const noexcept {
    e = Error{header_, ie, item, 0, at, reason};
    return false;
  }

  bool directive(const digest::Directive& d, std::size_t k, Error& error) noexcept {
    const auto bad = [&](const char* reason) { return fail(error, d.name, k, d.at, reason); };
    const Name n = classify(d.name);
    if (n != Name::other) seen_ |= 1u << static_cast<unsigned>(n);
    // LDQUOT ... RDQUOT around a fixed-format value: no quoted-pairs or folds inside.
    const bool plain_quoted = d.quoted && lex::is_plain(d.value);
    switch (n) {
      case Name::username:
        if (!d.quoted) return bad("username is a quoted-string (RFC 3261 25.1 username-value)");
        c_.username = Quoted{d.value};
        return true;
      case Name::realm:
        if (!d.quoted) return bad("realm is a quoted-string (RFC 3261 25.1 realm-value)");
        c_.realm = Quoted{d.value};
        return true;
      case Name::cnonce:
        if (!d.quoted) return bad("cnonce is a quoted-string (RFC 3261 25.1 cnonce-value)");
        c_.cnonce = Quoted{d.value};
        return true;
      case Name::opaque:
        if (!d.quoted) return bad("opaque is a quoted-string (RFC 3261 25.1 opaque)");
        c_.opaque = Quoted{d.value};
        return true;
      case Name::nonce: {
        if (!d.quoted) return bad("nonce is a quoted-string (RFC 3261 25.1 nonce-value)");
        // nonce="": the initial REGISTER (TS 24.229 5.1.1.2.1). Its content is empty exactly
        // when its text is (a quoted-pair or a fold always yields a character).
        if (d.value.empty()) return true;
        AkaNonce nonce;
        if (const char* why = digest_detail::decode_quoted_nonce(Quoted{d.value}, nonce))
          return bad(why);
        c_.nonce = nonce;
        return true;
      }
      case Name::uri:
        if (!plain_quoted || !is_uri_text(d.value))
          return bad("uri is a Request-URI in quotes: visible characters, no DQUOTE, '\\' or "
                     "whitespace (RFC 3261 25.1 digest-uri)");
        c_.uri = d.value;
        return true;
      case Name::response:
        // request-digest = LDQUOT 32LHEX RDQUOT; "" only in the initial REGISTER (TS 24.229)
        if (!plain_quoted || (!d.value.empty() && !is_lhex_run(d.value, 32)))
          return bad("the response is not 32 lower-case hex digits in quotes (RFC 3261 25.1 "
                     "request-digest)");
        if (!d.value.empty()) c_.response = d.value;
        return true;
      case Name::algorithm:
        if (d.quoted || !iequals(d.value, digest_detail::kAkaV1Md5))
          return bad("the algorithm is not AKAv1-MD5, unquoted (RFC 3310 3.1; RFC 3261 25.1 "
                     "algorithm)");
        return true;
      case Name::qop:
        // message-qop is one token, unlike the challenge's quoted list
        if (d.quoted) return bad("qop is one unquoted token here (RFC 3261 25.1 message-qop)");
        c_.qop = d.value;
        return true;
      case Name::nc: {
        if (d.quoted || !is_lhex_run(d.value, 8))
          return bad("nc is not 8 lower-case hex digits, unquoted (RFC 3261 25.1 nc-value)");
        std::uint32_t v = 0;
        for (char c : d.value)
          v = v << 4 | static_cast<std::uint32_t>(c <= '9' ? c - '0' : c - 'a' + 10);
        c_.nc = v;
        return true;
      }
      case Name::auts:
        return auts(d, k, error);
      case Name::integrity_protected:
        // literals, so any case (RFC 2234 2.3)
        for (std::size_t v = 0; v < kIntegrityProtected.size() && !d.quoted; ++v)
          if (iequals(d.value, kIntegrityProtected[v])) {
            c_.integrity_protected = static_cast<IntegrityProtected>(v);
            return true;
          }
        return bad("integrity-protected is not one of yes, no, tls-pending, tls-yes, "
                   "ip-assoc-pending, ip-assoc-yes, auth-done, unquoted (TS 24.229 7.2A.2)");
      case Name::other:
        if (!c_.auth_params.push_back({d.name, d.value, d.quoted}) && !overflow_.reason)
          overflow_ = Error{header_, d.name, k, 0, d.at, kTooManyAuthParams};
        return true;
    }
    return true;
  }

  // RFC 3310 3.4: auts carries AUTS = Conc(SQN_MS) || MAC-S (TS 33.102), 14 octets, in base64,
  // which a token cannot hold ('/', '='): a quoted-string.
  bool auts(const digest::Directive& d, std::size_t k, Error& error) noexcept {
    const auto bad = [&](const char* reason) { return fail(error, d.name, k, d.at, reason); };
    if (!d.quoted)
      return bad("auts is a quoted-string: base64 does not fit a token (RFC 3310 3.4)");
    lex::QuotedReader sizer(d.value, true);
    std::size_t size = 0;
    char c = 0;
    while (sizer.next(c)) ++size;
    Auts a{};
    std::size_t octets = 0, error_at = 0;
    const auto e = lex::decode_base64(lex::QuotedReader(d.value, true), size, octets, error_at,
                                      [&](std::size_t i, std::uint8_t v) {
                                        if (i < a.size()) a[i] = v;
                                      });
    switch (e) {
      case lex::Base64Error::length:
        return bad("the auts base64 length is not a multiple of 4 (RFC 4648 4; RFC 3310 3.4 auts)");
      case lex::Base64Error::character:
        return bad("a character of the auts is not base64 (RFC 4648 4)");
      case lex::Base64Error::pad_bits:
        return bad("pad bits of the last base64 character are not zero: not the canonical "
                   "encoding (RFC 4648 3.5)");
      case lex::Base64Error::none:
        break;
    }
    if (octets != a.size())
      return bad("the auts does not hold 14 octets; AUTS is 14: Conc(SQN_MS) and MAC-S (RFC 3310 "
                 "3.4, TS 33.102)");
    c_.auts = a;
    return true;
  }

  std::string_view header_;
  std::string_view s_;
  AkaCredentials& c_;
  unsigned seen_ = 0;  // bit per Name
  Error overflow_{};
};

}  // namespace

std::string_view to_string(IntegrityProtected v) noexcept {
  return kIntegrityProtected[static_cast<std::size_t>(v) % kIntegrityProtected.size()];
}

Decoded<AkaCredentials> decode_aka_credentials(std::string_view header_name,
                                               std::string_view value) noexcept {
  Decoded<AkaCredentials> d;
  std::string_view header;
  if (iequals(header_name, "Authorization")) header = "Authorization";
  if (iequals(header_name, "Proxy-Authorization")) header = "Proxy-Authorization";
  if (header.empty()) {
    d.error = Error{header_name, "", 0, 0, 0,
                    "not a credentials header field (Authorization or Proxy-Authorization, RFC "
                    "3261 20.7, 20.28)"};
    return d;
  }
  CredentialsReader(header, value, d.value).read(d.error);
  return d;
}

Encoded encode(const AkaCredentials& c, std::span<char> out) noexcept {
  for (const Quoted* q : {&c.username, &c.realm})
    if (!lex::is_quoted_text(q->raw)) return contract_broken("a quoted value is not valid");
  for (const auto* q : {&c.cnonce, &c.opaque})
    if (*q && !lex::is_quoted_text((*q)->raw)) return contract_broken("a quoted value is not valid");
  AkaNonce check_nonce;
  if (c.nonce && (!lex::is_quoted_text(c.nonce->text.raw) ||
                  digest_detail::decode_quoted_nonce(c.nonce->text, check_nonce)))
    return contract_broken("the nonce is not canonical base64 of RAND, AUTN and server data");
  if (!is_uri_text(c.uri)) return contract_broken("uri is not visible ASCII without DQUOTE or '\\'");
  if (c.response && !is_lhex_run(*c.response, 32))
    return contract_broken("response is not 32 lower-case hex digits");
  if (c.qop && !lex::is_token(*c.qop)) return contract_broken("qop is not a token");
  if (c.integrity_protected &&
      static_cast<std::size_t>(*c.integrity_protected) >= kIntegrityProtected.size())
    return contract_broken("integrity-protected out of range");
  if (const char* why = digest_detail::check_auth_params(c.auth_params, is_credentials_directive))
    return contract_broken(why);
  Writer w(out);
  w.put("Digest username=");
  w.put_requoted(c.username.raw);
  w.put(", realm=");
  w.put_requoted(c.realm.raw);
  w.put(", nonce=");
  w.put_requoted(c.nonce ? c.nonce->text.raw : std::string_view());
  w.put(", uri=\"");
  w.put(c.uri);
  w.put("\", response=\"");
  w.put(c.response.value_or(std::string_view()));
  w.put("\", algorithm=");
  w.put(digest_detail::kAkaV1Md5);
  if (c.cnonce) {
    w.put(", cnonce=");
    w.put_requoted(c.cnonce->raw);
  }
  if (c.opaque) {
    w.put(", opaque=");
    w.put_requoted(c.opaque->raw);
  }
  if (c.qop) {
    w.put(", qop=");
    w.put(*c.qop);
  }
  if (c.nc) {
    w.put(", nc=");
    w.put_hex8(*c.nc);
  }
  if (c.auts) {
    w.put(", auts=\"");
    w.put_base64(*c.auts);
    w.put('"');
  }
  if (c.integrity_protected) {
    w.put(", integrity-protected=");
    w.put(to_string(*c.integrity_protected));
  }
  digest_detail::put_auth_params(w, c.auth_params);
  return w.done();
}

}  // namespace secmode::impl::sip
