// RFC 3261 25.1 Digest challenge carrying an RFC 3310 AKAv1 nonce, and what the credentials codec
// (sip_digest_aka_credentials.cpp) shares with it. Decisions are explained in the header.
#include "impl/codec/sip_digest_aka.h"

#include "impl/codec/sip_digest.h"

namespace secmode::impl::sip {
namespace {

using lex::iequals;

constexpr std::size_t kRandAutn = 32;  // RFC 3310 3.2: RAND (16) || AUTN (16)

// A reader over plain text, for a nonce given without its quoted-string.
struct PlainReader {
  std::string_view s;
  std::size_t i = 0;
  bool next(char& c) noexcept {
    if (i >= s.size()) return false;
    c = s[i++];
    return true;
  }
};

template <typename Reader>
std::size_t count(Reader r) noexcept {
  std::size_t n = 0;
  char c = 0;
  while (r.next(c)) ++n;
  return n;
}

// RFC 3310 3.2: nonce = base64(RAND || AUTN || server data). `error_at` within the content.
template <typename Reader>
const char* decode_nonce(Reader r, std::size_t size, AkaNonce& n, std::size_t& error_at) noexcept {
  std::size_t octets = 0;
  const auto e = lex::decode_base64(r, size, octets, error_at, [&](std::size_t k, std::uint8_t v) {
    if (k < 16) n.rand[k] = v;
    else if (k < kRandAutn) n.autn[k - 16] = v;
  });
  switch (e) {
    case lex::Base64Error::length:
      return "the nonce's base64 length is not a multiple of 4 (RFC 4648 4; RFC 3310 3.2 nonce)";
    case lex::Base64Error::character:
      return "a character of the nonce is not base64 (RFC 4648 4)";
    case lex::Base64Error::pad_bits:
      return "pad bits of the last base64 character are not zero: not the canonical encoding "
             "(RFC 4648 3.5)";
    case lex::Base64Error::none:
      break;
  }
  if (octets < kRandAutn) {
    error_at = size;
    return "too short: the nonce holds fewer than the 32 octets RAND and AUTN need (RFC 3310 3.2)";
  }
  n.server_data_size = octets - kRandAutn;
  return nullptr;
}

// The digest-cln names of RFC 3261 25.1.
bool is_challenge_directive(std::string_view name) noexcept {
  for (std::string_view d : {"realm", "domain", "nonce", "opaque", "stale", "algorithm", "qop"})
    if (iequals(name, d)) return true;
  return false;
}

class ChallengeReader {
 public:
  ChallengeReader(std::string_view header, std::string_view s, AkaChallenge& c) noexcept
      : header_(header), s_(s), c_(c) {}

  bool read(Error& error) noexcept {
    const digest::ListNames names{
        "the challenge is not \"Digest\" (RFC 3261 25.1; RFC 3310 uses Digest)", "digest-cln"};
    if (!digest::read_directives(header_, s_, names, error,
                                 [&](const digest::Directive& d, std::size_t k) {
                                   return directive(d, k, error);
                                 }))
      return false;
    // RFC 2617 3.2.1: realm and nonce are required; RFC 3310 3.1: the algorithm says AKA.
    if (!realm_) return fail(error, "realm", 0, s_.size(),
                             "missing: realm is required (RFC 2617 3.2.1)");
    if (!nonce_) return fail(error, "nonce", 0, s_.size(),
                             "missing: nonce is required (RFC 2617 3.2.1)");
    if (!algorithm_)
      return fail(error, "algorithm", 0, s_.size(),
                  "missing: without algorithm=AKAv1-MD5 the challenge means MD5 (RFC 2617 3.2.1), "
                  "not AKA (RFC 3310 3.1)");
    if (const char* why = digest_detail::decode_quoted_nonce(c_.nonce.text, c_.nonce))
      return fail(error, nonce_->name, nonce_index_, nonce_->at, why);
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
    if (iequals(d.name, "realm")) {
      if (!d.quoted) return bad("realm is a quoted-string (RFC 3261 25.1 realm-value)");
      c_.realm = Quoted{d.value};
      realm_ = true;
    } else if (iequals(d.name, "domain")) {
      if (!d.quoted) return bad("domain is a quoted-string (RFC 3261 25.1 domain)");
      c_.domain = Quoted{d.value};
    } else if (iequals(d.name, "nonce")) {
      if (!d.quoted) return bad("nonce is a quoted-string (RFC 3261 25.1 nonce-value)");
      c_.nonce.text = Quoted{d.value};  // decoded once the required directives are known
      nonce_ = d;
      nonce_index_ = k;
    } else if (iequals(d.name, "opaque")) {
      if (!d.quoted) return bad("opaque is a quoted-string (RFC 3261 25.1 opaque)");
      c_.opaque = Quoted{d.value};
    } else if (iequals(d.name, "stale")) {
      // stale = "stale" EQUAL ( "true" / "false" ): literals, so any case (RFC 2234 2.3)
      const bool t = iequals(d.value, "true");
      if (d.quoted || (!t && !iequals(d.value, "false")))
        return bad("stale is true or false, unquoted (RFC 3261 25.1)");
      c_.stale = t;
    } else if (iequals(d.name, "algorithm")) {
      if (d.quoted || !iequals(d.value, digest_detail::kAkaV1Md5))
        return bad("the algorithm is not AKAv1-MD5, unquoted (RFC 3310 3.1; RFC 3261 25.1 "
                   "algorithm)");
      algorithm_ = true;
    } else if (iequals(d.name, "qop")) {
      return qop_options(d, k, error);
    } else if (!c_.auth_params.push_back({d.name, d.value, d.quoted}) && !overflow_.reason) {
      overflow_ = Error{header_, d.name, k, 0, d.at, kTooManyAuthParams};
    }
    return true;
  }

  // qop-options = "qop" EQUAL LDQUOT qop-value *("," qop-value) RDQUOT: tokens and bare commas,
  // so no quoted-pairs or folds either.
  bool qop_options(const digest::Directive& d, std::size_t k, Error& error) noexcept {
    if (!d.quoted || !lex::is_plain(d.value))
      return fail(error, d.name, k, d.at,
                  "qop-options is a quoted list of tokens separated by ',' (RFC 3261 25.1)");
    std::size_t start = 0;
    while (true) {
      std::size_t comma = d.value.find(',', start);
      const bool last = comma == std::string_view::npos;
      if (last) comma = d.value.size();
      const std::string_view item = d.value.substr(start, comma - start);
      if (!lex::is_token(item))
        return fail(error, d.name, k, d.at,
                    "a qop value is not a token; qop-options is qop-value *(\",\" qop-value) with "
                    "no whitespace (RFC 3261 25.1)");
      if (!c_.qop.push_back(item) && !overflow_.reason)
        overflow_ = Error{header_, d.name, k, 0, d.at, kTooManyQopValues};
      if (last) return true;
      start = comma + 1;
    }
  }

  std::string_view header_;
  std::string_view s_;
  AkaChallenge& c_;
  bool realm_ = false;
  bool algorithm_ = false;
  std::optional<digest::Directive> nonce_;
  std::size_t nonce_index_ = 0;
  Error overflow_{};
};

}  // namespace

namespace digest_detail {

const char* decode_quoted_nonce(Quoted text, AkaNonce& n) noexcept {
  std::size_t error_at = 0;
  n.text = text;
  return decode_nonce(lex::QuotedReader(text.raw, true),
                      count(lex::QuotedReader(text.raw, true)), n, error_at);
}

void put_auth_params(Writer& w, std::span<const AuthParam> params) noexcept {
  for (const auto& p : params) {
    w.put(", ");
    w.put_lower(p.name);
    w.put('=');
    if (p.quoted)
      w.put_requoted(p.value);
    else
      w.put(p.value);
  }
}

const char* check_auth_params(std::span<const AuthParam> params,
                              bool (*is_directive)(std::string_view)) noexcept {
  for (std::size_t k = 0; k < params.size(); ++k) {
    const AuthParam& p = params[k];
    if (!lex::is_token(p.name)) return "an auth-param name is not a token";
    if (is_directive(p.name)) return "an auth-param is named like a directive";
    for (std::size_t j = 0; j < k; ++j)
      if (iequals(params[j].name, p.name)) return "an auth-param is repeated";
    if (p.quoted ? !lex::is_quoted_text(p.value) : !lex::is_token(p.value))
      return "an auth-param value is not a token or a valid quoted-string text";
  }
  return nullptr;
}

}  // namespace digest_detail

Decoded<AkaNonce> decode_aka_nonce(std::string_view base64) noexcept {
  Decoded<AkaNonce> d;
  std::size_t error_at = 0;
  d.value.text = Quoted{base64};
  if (const char* why = decode_nonce(PlainReader{base64}, base64.size(), d.value, error_at))
    d.error = Error{"nonce", "nonce", 0, 0, error_at, why};
  return d;
}

std::size_t copy_server_data(const AkaNonce& nonce, std::span<std::uint8_t> out) noexcept {
  const std::size_t want = nonce.server_data_size < out.size() ? nonce.server_data_size : out.size();
  lex::QuotedReader r(nonce.text.raw, true);
  std::size_t octets = 0, error_at = 0;
  lex::decode_base64(r, count(lex::QuotedReader(nonce.text.raw, true)), octets, error_at,
                     [&](std::size_t k, std::uint8_t v) {
                       if (k >= kRandAutn && k - kRandAutn < want) out[k - kRandAutn] = v;
                     });
  return want;
}

Encoded encode_aka_nonce(std::span<const std::uint8_t, 16> rand,
                         std::span<const std::uint8_t, 16> autn,
                         std::span<const std::uint8_t> server_data, std::span<char> out) noexcept {
  Writer w(out);
  w.put_base64(rand, autn, server_data);
  return w.done();
}

Decoded<AkaChallenge> decode_aka_challenge(std::string_view header_name,
                                           std::string_view value) noexcept {
  Decoded<AkaChallenge> d;
  std::string_view header;
  if (iequals(header_name, "WWW-Authenticate")) header = "WWW-Authenticate";
  if (iequals(header_name, "Proxy-Authenticate")) header = "Proxy-Authenticate";
  if (header.empty()) {
    d.error = Error{header_name, "", 0, 0, 0,
                    "not a challenge header field (WWW-Authenticate or Proxy-Authenticate, RFC "
                    "3261 20.44, 20.27)"};
    return d;
  }
  ChallengeReader(header, value, d.value).read(d.error);
  return d;
}

Encoded encode(const AkaChallenge& c, std::span<char> out) noexcept {
  AkaNonce check_nonce;
  if (!lex::is_quoted_text(c.realm.raw) || (c.domain && !lex::is_quoted_text(c.domain->raw)) ||
      (c.opaque && !lex::is_quoted_text(c.opaque->raw)) || !lex::is_quoted_text(c.nonce.text.raw))
    return contract_broken("a quoted value is not a valid quoted-string text");
  if (digest_detail::decode_quoted_nonce(c.nonce.text, check_nonce))
    return contract_broken("the nonce is not canonical base64 of RAND, AUTN and server data");
  for (auto v : c.qop)
    if (!lex::is_token(v)) return contract_broken("a qop value is not a token");
  if (const char* why = digest_detail::check_auth_params(c.auth_params, is_challenge_directive))
    return contract_broken(why);
  Writer w(out);
  w.put("Digest realm=");
  w.put_requoted(c.realm.raw);
  if (c.domain) {
    w.put(", domain=");
    w.put_requoted(c.domain->raw);
  }
  w.put(", nonce=");
  w.put_requoted(c.nonce.text.raw);  // base64 needs no escapes: this is its canonical text
  if (c.opaque) {
    w.put(", opaque=");
    w.put_requoted(c.opaque->raw);
  }
  if (c.stale) w.put(*c.stale ? ", stale=true" : ", stale=false");
  w.put(", algorithm=");
  w.put(digest_detail::kAkaV1Md5);
  if (!c.qop.empty()) {
    w.put(", qop=\"");
    for (std::size_t k = 0; k < c.qop.size(); ++k) {
      if (k > 0) w.put(',');
      w.put(c.qop[k]);
    }
    w.put('"');
  }
  digest_detail::put_auth_params(w, c.auth_params);
  return w.done();
}

}  // namespace secmode::impl::sip
