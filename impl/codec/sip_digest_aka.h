// Zero-copy codec for Digest AKAv1 as IMS AKA uses it: the challenge (WWW-Authenticate,
// Proxy-Authenticate) carrying the RFC 3310 3.2 nonce, base64(RAND || AUTN || server data), and
// the credentials that answer it (Authorization, Proxy-Authorization) with the RFC 3310 3.4 auts
// and TS 24.229 7.2A.2 integrity-protected auth-params. The fast twin of
// spec/codec/sip_digest_aka.h, written apart from it; the grammar (RFC 3261 25.1) is quoted there
// and at the code here.
//
// The same decisions as the spec twin (each is repeated at the code): names ignore case; a
// directive named twice is an error; a known directive whose value is outside its definition is
// an error; other directives are auth-params kept in order. algorithm=AKAv1-MD5 is required
// (without it RFC 2617 means MD5), except in credentials with nonce="" (the initial REGISTER,
// TS 24.229 5.1.1.2.1, where response="" too); realm and nonce are required in a challenge,
// username, realm, nonce, uri and response in credentials (RFC 2617 3.2.1, 3.2.2). base64 must be
// canonical (RFC 4648 3.5). The nonce holds at least RAND and AUTN (32 octets), auts exactly
// AUTS (14 octets, TS 33.102). nc is 8 LHEX unquoted; response 32 LHEX in quotes; uri visible
// ASCII without DQUOTE or '\'; qop-options a quoted comma list of tokens without whitespace.
//
// Decoders never allocate, never throw, never read outside the text. Quoted values are the text
// between the DQUOTEs as written (Quoted; lex::QuotedReader reads their content); the nonce's
// RAND and AUTN are decoded in place and its server data is read on demand. Lists hold at most
// kMaxAuthParams auth-params and kMaxQopValues qop-options values; valid text with more is
// reported as kTooManyAuthParams / kTooManyQopValues (sip_lex.h), only when otherwise valid.
//
// Errors (sip_lex.h Error): the canonical header name, the directive at fault (its index in
// `item`), its offset (of the directive's name when its value is not allowed, of the first
// character that does not fit otherwise, the value's length when a directive is missing), and
// the reason with its clause.
//
// Encoders write the canonical text: "Digest ", then the directives in the order of the RFC 3261
// alternatives, separated by ", ", then the auth-params; quoted contents re-quoted canonically.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "impl/codec/sip_lex.h"

namespace secmode::impl::sip {

constexpr std::size_t kMaxAuthParams = 8;
constexpr std::size_t kMaxQopValues = 8;

// RFC 3310 3.2.
struct AkaNonce {
  std::array<std::uint8_t, 16> rand{};
  std::array<std::uint8_t, 16> autn{};  // SQN xor AK || AMF || MAC (TS 33.102 6.3.2)
  Quoted text;                          // the whole nonce: canonical base64 (RFC 4648 4)
  std::size_t server_data_size = 0;     // octets after RAND and AUTN
};

// The nonce's content, base64 (e.g. a quoted nonce with its quoted-pairs resolved). Errors have
// header and ie "nonce" and the offset within `base64`, as the spec twin's.
Decoded<AkaNonce> decode_aka_nonce(std::string_view base64) noexcept;
// Copies the first min(server_data_size, out.size()) octets of server data; returns how many.
std::size_t copy_server_data(const AkaNonce& nonce, std::span<std::uint8_t> out) noexcept;
// The canonical base64 of RAND || AUTN || server data: the text an AkaNonce to encode points at.
Encoded encode_aka_nonce(std::span<const std::uint8_t, 16> rand,
                         std::span<const std::uint8_t, 16> autn,
                         std::span<const std::uint8_t> server_data, std::span<char> out) noexcept;

// auth-param = name EQUAL ( token / quoted-string )
struct AuthParam {
  std::string_view name;   // as written
  std::string_view value;  // the token, or the quoted-string's text between its DQUOTEs
  bool quoted = false;
};

struct AkaChallenge {
  Quoted realm;
  std::optional<Quoted> domain;
  AkaNonce nonce;
  std::optional<Quoted> opaque;
  std::optional<bool> stale;
  List<std::string_view, kMaxQopValues> qop;  // qop-options values as written; empty: absent
  List<AuthParam, kMaxAuthParams> auth_params;  // every other directive, in order
};

// header_name is "WWW-Authenticate" or "Proxy-Authenticate" (any case).
Decoded<AkaChallenge> decode_aka_challenge(std::string_view header_name,
                                           std::string_view value) noexcept;
// Order: realm, domain, nonce, opaque, stale, algorithm=AKAv1-MD5, qop, auth-params. Contract:
// quoted texts valid, the nonce text canonical base64 of at least 32 octets, qop values tokens,
// auth-param names tokens neither repeated nor a digest-cln name, token values tokens.
Encoded encode(const AkaChallenge& challenge, std::span<char> out) noexcept;

// TS 24.229 7.2A.2.
enum class IntegrityProtected : std::uint8_t {
  yes, no, tls_pending, tls_yes, ip_assoc_pending, ip_assoc_yes, auth_done
};
std::string_view to_string(IntegrityProtected v) noexcept;  // "tls-pending", ...

using Auts = std::array<std::uint8_t, 14>;  // Conc(SQN_MS) || MAC-S (TS 33.102)

struct AkaCredentials {
  Quoted username;
  Quoted realm;
  std::optional<AkaNonce> nonce;          // nullopt: nonce="" (initial REGISTER)
  std::string_view uri;                   // digest-uri-value between the quotes
  std::optional<std::string_view> response;  // 32 LHEX; nullopt: response=""
  std::optional<Quoted> cnonce;
  std::optional<Quoted> opaque;
  std::optional<std::string_view> qop;    // message-qop token
  std::optional<std::uint32_t> nc;
  std::optional<Auts> auts;
  std::optional<IntegrityProtected> integrity_protected;
  List<AuthParam, kMaxAuthParams> auth_params;
};

// header_name is "Authorization" or "Proxy-Authorization" (any case).
Decoded<AkaCredentials> decode_aka_credentials(std::string_view header_name,
                                               std::string_view value) noexcept;
// Order: username, realm, nonce, uri, response, algorithm=AKAv1-MD5, cnonce, opaque, qop, nc,
// auts, integrity-protected, auth-params. Contract as for the challenge, and: uri non-empty
// visible ASCII without DQUOTE or '\'; response 32 LHEX; qop a token; no auth-param named like a
// dig-resp, "auts" or "integrity-protected".
Encoded encode(const AkaCredentials& credentials, std::span<char> out) noexcept;

namespace digest_detail {
// What the challenge and credentials codecs share (sip_digest_aka.cpp).
constexpr std::string_view kAkaV1Md5 = "AKAv1-MD5";  // RFC 3310 3.1
// Decodes a quoted nonce's content into `n`; on failure returns the reason (offset: the
// directive's, set by the caller).
const char* decode_quoted_nonce(Quoted text, AkaNonce& n) noexcept;
// Writes ", name=value" for each auth-param (quoted contents re-quoted).
void put_auth_params(Writer& w, std::span<const AuthParam> params) noexcept;
// The contract of an auth-param list; `is_directive` names the codec's own directives.
const char* check_auth_params(std::span<const AuthParam> params,
                              bool (*is_directive)(std::string_view)) noexcept;
}  // namespace digest_detail

}  // namespace secmode::impl::sip
