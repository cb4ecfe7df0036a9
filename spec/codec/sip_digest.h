// What the Digest challenge (WWW-/Proxy-Authenticate) and credentials (Authorization,
// Proxy-Authorization) codecs of sip_digest_aka.h share, so that each rule is written once: the
// directive list both are written as, base64 as RFC 3310 carries the AKA values in it, and the
// auth-param rules of the encoders.
//
// RFC 3261 25.1:
//   challenge   = ("Digest" LWS digest-cln *(COMMA digest-cln)) / other-challenge
//   credentials = ("Digest" LWS digest-response) / other-response
//   digest-response = dig-resp *(COMMA dig-resp)
//   auth-param  = auth-param-name EQUAL ( token / quoted-string )
// Every digest-cln and dig-resp has the shape name EQUAL ( token / quoted-string ), so the list is
// read generically and each codec then checks each directive against its own rule.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spec/codec/codec_error.h"
#include "spec/codec/sip_digest_aka.h"
#include "spec/crypto/bytes.h"

namespace secmode::spec::sip::digest {

// One directive as met: name, its offset, and its value.
struct Directive {
  std::string name;  // lower case
  std::size_t at;
  std::string value;  // token as written, or quoted-string content
  bool quoted;
  std::string raw;    // as written (quoted-string with quotes)
};

// What the list is called in errors: `subject` in "<subject> not "Digest"" ("the challenge is")
// and `item` as the ie of an error that has no directive name yet ("digest-cln", "dig-resp").
struct ListNames {
  const char* subject;
  const char* item;
};

// Reads `"Digest" LWS directive *(COMMA directive)` from `value`; a directive named twice is an
// error (neither RFC 3261 nor RFC 2617 says which value counts). Errors carry `header` as message
// and the offsets described in sip_sec_agree.h.
std::optional<CodecError> read_directives(const char* header, std::string_view value,
                                          ListNames names, std::vector<Directive>& out);

// Canonical base64 (RFC 4648 4, padding present and pad bits zero, RFC 4648 3.5 lets a decoder
// insist). Errors have message and ie `what`, the offset within `b64`, and cite `clause` for the
// length rule.
Decoded<Bytes> decode_base64(std::string_view b64, const char* what, const char* clause);
std::string encode_base64(ByteView octets);

// ", name=value" for each auth-param. Contract (std::invalid_argument, prefixed with `what`):
// names are lower-case tokens, neither repeated nor `is_directive`; token values are tokens;
// quoted contents have no CR/LF and valid UTF-8.
void append_auth_params(std::string& out, const std::vector<AuthParam>& params,
                        bool (*is_directive)(std::string_view), const char* what);

}  // namespace secmode::spec::sip::digest
