// Spec-twin codec for Digest AKAv1 as IMS AKA uses it: the challenge (WWW-Authenticate or
// Proxy-Authenticate) with the AKA nonce of RFC 3310, and the credentials that answer it
// (Authorization or Proxy-Authorization, below). The directive list both share is in sip_digest.h.
//
// RFC 3310 sections cited here (checked against its table of contents): 3.1 Algorithm Directive,
// 3.2 Creating a Challenge, 3.3 Client Authentication, 3.4 Synchronization Failure.
//
// RFC 3261 25.1:
//   challenge   = ("Digest" LWS digest-cln *(COMMA digest-cln)) / other-challenge
//   digest-cln  = realm / domain / nonce / opaque / stale / algorithm / qop-options / auth-param
//   realm = "realm" EQUAL quoted-string;  nonce = "nonce" EQUAL quoted-string
//   domain = "domain" EQUAL LDQUOT URI *( 1*SP URI ) RDQUOT;  opaque = "opaque" EQUAL quoted-string
//   stale = "stale" EQUAL ( "true" / "false" )
//   algorithm = "algorithm" EQUAL ( "MD5" / "MD5-sess" / token )
//   qop-options = "qop" EQUAL LDQUOT qop-value *("," qop-value) RDQUOT
//   auth-param = auth-param-name EQUAL ( token / quoted-string )
// RFC 3310 3.1: algorithm "AKAv1-MD5"; 3.2: the nonce is the base64 encoding of RAND (16 octets),
// AUTN (16 octets) and optional server specific data, in that order.
//
// Decisions (as in sip_sec_agree.h): names are matched ignoring case and kept in lower case;
// a repeated directive is an error; a directive whose value is outside its definition is an
// error; unknown auth-params (e.g. the "ik" and "ck" an S-CSCF adds for the P-CSCF, TS 24.229) are
// kept in order. Only algorithm=AKAv1-MD5 is accepted and it must be present: without it RFC
// 2617 3.2.1 means MD5, which carries no AKA nonce. realm and nonce are required (RFC 2617
// 3.2.1). qop values are kept as written, because the client echoes them into its response digest
// (RFC 2617 3.2.2.1). The nonce's base64 must be canonical (padding present, pad bits zero, RFC
// 4648 3.5 lets a decoder insist), so that a decoded challenge encodes back to the same text.
//
// Errors: `message` is the header name, `ie` the directive at fault ("nonce"), `offset` the
// character offset in the header value, as in sip_sec_agree.h; a missing directive is placed
// at the end of the value.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spec/codec/codec_error.h"
#include "spec/crypto/bytes.h"

namespace secmode::spec::sip {

// RFC 3310 3.2.
struct AkaNonce {
  Block rand{};
  Block autn{};        // SQN xor AK || AMF || MAC (TS 33.102 6.3.2)
  Bytes server_data;   // may be empty
  bool operator==(const AkaNonce&) const = default;
};

// The nonce directive's content (base64, without quotes). Errors name message "nonce": not
// base64 (with the offending character's position), not canonical, or shorter than 32 octets.
Decoded<AkaNonce> decode_aka_nonce(std::string_view base64);
std::string encode_aka_nonce(const AkaNonce& nonce);  // canonical base64 with padding

// auth-param; `value` is the token as written or the quoted-string's content.
struct AuthParam {
  std::string name;  // lower case
  std::string value;
  bool quoted = false;
  bool operator==(const AuthParam&) const = default;
};

struct AkaChallenge {
  std::string realm;                   // content of the quoted-string
  std::optional<std::string> domain;   // content: space-separated URIs
  AkaNonce nonce;
  std::optional<std::string> opaque;   // content
  std::optional<bool> stale;
  std::vector<std::string> qop;        // qop-options in order, as written; empty when absent
  std::vector<AuthParam> auth_params;  // every other directive, in order
  bool operator==(const AkaChallenge&) const = default;
};

// header_name is "WWW-Authenticate" or "Proxy-Authenticate" (any case).
Decoded<AkaChallenge> decode_aka_challenge(std::string_view header_name, std::string_view value);

// Canonical: `Digest ` then directives separated by ", " in the order of the digest-cln
// alternatives (realm, domain, nonce, opaque, stale, algorithm=AKAv1-MD5, qop), then the
// auth-params. Contract (std::invalid_argument): quoted contents have no CR/LF and valid UTF-8;
// qop values are tokens; auth-param names are lower-case tokens, neither repeated nor a digest-cln
// name; a token auth-param value is a token.
std::string encode(const AkaChallenge& challenge);

// ---- Credentials: Authorization / Proxy-Authorization -------------------------------------------
//
// RFC 3261 25.1:
//   credentials     = ("Digest" LWS digest-response) / other-response
//   digest-response = dig-resp *(COMMA dig-resp)
//   dig-resp        = username / realm / nonce / digest-uri / dresponse / algorithm / cnonce
//                     / opaque / message-qop / nonce-count / auth-param
//   username    = "username" EQUAL username-value;  username-value = quoted-string
//   digest-uri  = "uri" EQUAL LDQUOT digest-uri-value RDQUOT;  digest-uri-value = request-uri
//   message-qop = "qop" EQUAL qop-value;  qop-value = "auth" / "auth-int" / token
//   cnonce      = "cnonce" EQUAL cnonce-value;  cnonce-value = nonce-value (a quoted-string)
//   nonce-count = "nc" EQUAL nc-value;  nc-value = 8LHEX
//   dresponse   = "response" EQUAL request-digest;  request-digest = LDQUOT 32LHEX RDQUOT
// RFC 2617 3.2.2 writes the same list as 1#( username | realm | nonce | ... | response
//   | [ algorithm ] | [cnonce] | [opaque] | [message-qop] | [nonce-count] | [auth-param] ).
// RFC 3310 3.4 adds, as an auth-param:  auts = "auts" EQUAL auts-param;
//   auts-value = <base64 encoding of AUTS>.
// TS 24.229 7.2A.2 adds, as an auth-param (the P-CSCF inserts it towards the S-CSCF):
//   integrity-protected = "integrity-protected" EQUAL ( "yes" / "no" / "tls-pending" / "tls-yes"
//                         / "ip-assoc-pending" / "ip-assoc-yes" / "auth-done" )
//
// Decisions, beyond those of the challenge above (each is repeated at the code that does it):
// - username, realm, nonce, uri and response are required: RFC 2617 3.2.2 does not bracket them.
//   algorithm=AKAv1-MD5 is required as in the challenge, for the same reason, except with an
//   empty nonce: then no digest was computed and MD5 versus AKA does not arise (the encoder
//   always writes it).
// - nonce and response may be empty quoted-strings: in the initial REGISTER the UE sends
//   nonce="" and response="" because it has no challenge yet (TS 24.229 5.1.1.2.1). Otherwise
//   nonce is an AKA nonce (the client returns the challenge's, RFC 2617 3.2.2) and response is
//   exactly 32 lower-case hex digits (LHEX is lower case only, RFC 3261 25.1).
// - nc is exactly 8 lower-case hex digits, unquoted; qop, algorithm and integrity-protected are
//   unquoted tokens; username, realm, uri, cnonce and opaque are quoted-strings.
// - uri is kept as written and checked only as visible ASCII without DQUOTE or '\' (what a
//   Request-URI can hold), not against the whole request-uri rule.
// - auts must be a quoted-string: base64 uses '/' and '=', which a token cannot hold (RFC 3261
//   25.1 token). The right-hand side of RFC 3310's auts-param was not in the text available here;
//   a quoted-string is what the auth-param it is an instance of allows for such a value. Its
//   base64 must be canonical and decode to exactly 14 octets: AUTS = Conc(SQN_MS) (6 octets) ||
//   MAC-S (8 octets), the TS 33.102 re-synchronisation token, which RFC 3310 3.4 carries and
//   TS 33.203 6.1.2 uses on synchronisation failure.
// - integrity-protected values are literals, so matched ignoring case (RFC 2234 2.3) and kept in
//   TS 24.229's spelling.
// - Rules that tie directives together (cnonce and nc with qop, RFC 2617 3.2.2; auts only on
//   synchronisation failure) are procedure, not syntax, and are not checked here.

// TS 24.229 7.2A.2 "integrity-protected".
enum class IntegrityProtected { yes, no, tls_pending, tls_yes, ip_assoc_pending, ip_assoc_yes,
                                auth_done };
const char* to_string(IntegrityProtected v);  // TS 24.229's spelling ("tls-pending")

using Auts = std::array<std::uint8_t, 14>;  // Conc(SQN_MS) || MAC-S (TS 33.102)

struct AkaCredentials {
  std::string username;                // content of the quoted-string (private user identity)
  std::string realm;                   // content
  std::optional<AkaNonce> nonce;       // nullopt: nonce="" (initial REGISTER)
  std::string uri;                     // digest-uri-value, as written between the quotes
  std::optional<std::string> response; // 32 lower-case hex digits; nullopt: response=""
  std::optional<std::string> cnonce;   // content
  std::optional<std::string> opaque;   // content
  std::optional<std::string> qop;      // message-qop token, as written
  std::optional<std::uint32_t> nc;     // nonce-count
  std::optional<Auts> auts;
  std::optional<IntegrityProtected> integrity_protected;
  std::vector<AuthParam> auth_params;  // every other directive, in order
  bool operator==(const AkaCredentials&) const = default;
};

// header_name is "Authorization" or "Proxy-Authorization" (any case). Errors: `message` is the
// header name, `ie` the directive at fault, `offset` as for the challenge; an auts or nonce
// whose base64 is wrong is placed at the directive and its reason gives the position inside.
Decoded<AkaCredentials> decode_aka_credentials(std::string_view header_name,
                                               std::string_view value);

// Canonical: `Digest ` then directives separated by ", " in the order of the dig-resp
// alternatives (username, realm, nonce, uri, response, algorithm=AKAv1-MD5, cnonce, opaque, qop,
// nc), then auts, integrity-protected and the other auth-params; nc as 8 lower-case hex digits.
// Contract (std::invalid_argument): quoted contents have no CR/LF and valid UTF-8; uri is
// non-empty visible ASCII without DQUOTE or '\'; response is 32 lower-case hex digits; qop is a
// token; auth-params as for the challenge, and none is named like a dig-resp, "auts" or
// "integrity-protected".
std::string encode(const AkaCredentials& credentials);

}  // namespace secmode::spec::sip
