// Spec-twin codec for the Digest AKAv1 challenge of IMS AKA: the WWW-Authenticate (or
// Proxy-Authenticate) header field value of RFC 3261 25.1 with the AKA nonce of RFC 3310.
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

}  // namespace secmode::spec::sip
