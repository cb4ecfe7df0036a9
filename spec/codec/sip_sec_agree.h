// Spec-twin codec for the SIP security agreement header fields of RFC 3329 (Security-Client,
// Security-Server, Security-Verify) with the "ipsec-3gpp" mechanism of TS 33.203 Annex H, as
// IMS AKA uses them (TS 24.229 5.1.1.2, TS 33.203 7).
//
// RFC 3329 2.2:
//   security-client  = "Security-Client" HCOLON sec-mechanism *(COMMA sec-mechanism)
//   (Security-Server and Security-Verify alike)
//   sec-mechanism    = mechanism-name *(SEMI mech-parameters)
//   mechanism-name   = ( "digest" / "tls" / "ipsec-ike" / "ipsec-man" / token )
//   mech-parameters  = ( preference / digest-algorithm / digest-qop / digest-verify / extension )
//   preference       = "q" EQUAL qvalue
//   qvalue           = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
//   digest-algorithm = "d-alg" EQUAL token
//   digest-qop       = "d-qop" EQUAL token
//   digest-verify    = "d-ver" EQUAL LDQUOT 32LHEX RDQUOT
//   extension        = generic-param
// TS 33.203 H.2 (RFC 3329 Appendix A as 3GPP changed it) for mechanism-name "ipsec-3gpp":
//   alg   = "hmac-sha-1-96" / "aes-gmac" / "null"   (RFC 3329 App. A: "hmac-md5-96", removed)
//   ealg  = "aes-cbc" / "aes-gcm" / "null"          (RFC 3329 App. A: "des-ede3-cbc", removed)
//   prot  = "ah" / "esp";  mod = "trans" / "tun" / "UDP-enc-tun"
//   spi-c, spi-s = spivalue (10DIGIT, 0 to 4294967295);  port-c, port-s = port (1*DIGIT)
//
// What this decoder decides where the texts leave room (each is repeated at the code that does
// it):
// - Case (RFC 3261 7.3.1: header names, parameter names and tokens are case-insensitive; RFC 2234
//   2.3: ABNF literals are too): names and the ipsec-3gpp values are matched ignoring case and
//   kept in their canonical spelling (lower case; "UDP-enc-tun" as TS 33.203 writes it).
//   Extension values are kept exactly as written, because their meaning is not known here.
// - q, d-alg, d-qop and d-ver are recognised on every mechanism (RFC 3329 2.2 does not tie them
//   to one); alg, ealg, prot, mod, spi-c, spi-s, port-c and port-s only on "ipsec-3gpp" (TS
//   33.203 H.2 defines them for that mechanism-name). Anywhere else a parameter is an extension.
// - A recognised name whose value is outside its definition is an error, although the ABNF's
//   extension alternative would also match it ("alg=foo" is a generic-param): reading it as an
//   extension would let a typo or a downgrade change what a mechanism means without notice.
// - Any other parameter, including one of "ipsec-3gpp" that TS 33.203 does not define (e.g. the
//   "spi", "port1", "port2" of RFC 3329 Appendix A), is an extension, kept in order: RFC 3329 2.2
//   allows `extension = generic-param` for every mechanism and TS 33.203 H.2 does not remove it.
// - A parameter named twice in one mechanism is an error: neither text says which value counts.
// - Values of both the old and new ipsec-3gpp sets are accepted (a peer may follow either
//   release); combinations ("null" integrity only with "aes-gcm") and mandatory parameters are
//   procedure rules (TS 33.203 7), not syntax, and are not checked here.
// - spivalue "10DIGIT" is read as 1 to 10 digits: the rule's own comment gives the range "0 to
//   4294967295", and SPIs are written without leading zeros in practice (e.g. "spi-c=23456789").
//   port is 1*DIGIT; more than 5 digits is refused rather than read past 65535.
// - Whitespace: SWS (which may fold lines, RFC 3261 25.1) is allowed wherever HCOLON, SEMI,
//   COMMA, EQUAL, LDQUOT and RDQUOT allow it, including before the first mechanism (HCOLON's)
//   and after the last one: RDQUOT allows it after a d-ver, and the same list should not be
//   read differently because of which parameter happens to come last.
//
// Errors: `message` is the header name ("Security-Client"), `ie` the mechanism name or parameter
// name at fault, `offset` the character offset in the header value: of the parameter's name when
// its value is not allowed (range, value set, repetition), otherwise of the first character that
// does not fit the grammar (the value's length when it ends too soon).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "spec/codec/codec_error.h"
#include "spec/codec/sip_lex.h"

namespace secmode::spec::sip {

enum class SecurityHeader { client, server, verify };

// "Security-Client", "Security-Server", "Security-Verify".
const char* header_name(SecurityHeader h);
// Case-insensitive (RFC 3261 7.3.1); these fields have no compact form.
std::optional<SecurityHeader> security_header_from_name(std::string_view name);

// TS 33.203 H.2 "alg" (integrity). hmac_md5_96 is RFC 3329 Appendix A's, removed by TS 33.203.
enum class IntegrityAlgorithm { hmac_sha_1_96, aes_gmac, null, hmac_md5_96 };
// TS 33.203 H.2 "ealg". des_ede3_cbc is RFC 3329 Appendix A's, removed by TS 33.203.
enum class EncryptionAlgorithm { aes_cbc, aes_gcm, null, des_ede3_cbc };
enum class IpsecProtocol { esp, ah };               // "prot"
enum class IpsecMode { trans, tun, udp_enc_tun };   // "mod"; UDP-enc-tun: TS 33.203 Annex M

// The spelling TS 33.203 H.2 / RFC 3329 Appendix A give each value.
const char* to_string(IntegrityAlgorithm v);
const char* to_string(EncryptionAlgorithm v);
const char* to_string(IpsecProtocol v);
const char* to_string(IpsecMode v);

// generic-param = token [ EQUAL gen-value ];  gen-value = token / host / quoted-string.
struct GenericParam {
  std::string name;                  // token, lower case
  std::optional<std::string> value;  // as written: a token, an IPv6reference "[..]", or a
                                     // quoted-string with its quotes and escapes (a folded line
                                     // inside it reads as one SP, RFC 3261 25.1)
  bool operator==(const GenericParam&) const = default;
};

struct SecurityMechanism {
  std::string name;  // mechanism-name: a token, lower case ("ipsec-3gpp", "tls", "digest", ...)

  // RFC 3329 2.2, on any mechanism.
  std::optional<std::uint16_t> q;      // preference in thousandths: 0..1000 ("q=0.1" is 100)
  std::optional<std::string> d_alg;    // token, as written
  std::optional<std::string> d_qop;    // token, as written
  std::optional<std::string> d_ver;    // 32 lower-case hex digits, without the quotes

  // TS 33.203 H.2, on "ipsec-3gpp" only.
  std::optional<IntegrityAlgorithm> alg;
  std::optional<EncryptionAlgorithm> ealg;
  std::optional<IpsecProtocol> prot;
  std::optional<IpsecMode> mod;
  std::optional<std::uint32_t> spi_c;
  std::optional<std::uint32_t> spi_s;
  std::optional<std::uint16_t> port_c;
  std::optional<std::uint16_t> port_s;

  std::vector<GenericParam> extensions;  // every other parameter, in the order written

  bool operator==(const SecurityMechanism&) const = default;
};

using SecurityMechanisms = std::vector<SecurityMechanism>;

// One header field value (what follows HCOLON), holding one or more comma-separated mechanisms.
// Errors when header_name is not one of the three fields, and as described above.
Decoded<SecurityMechanisms> decode_security_header(std::string_view header_name,
                                                   std::string_view value);

// Several header field lines of the same name, in message order. RFC 3261 7.3.1: they are
// equivalent to one line holding their values comma-separated, in order. An error keeps the
// offset within its own line and says which line (1-based) in `reason`.
Decoded<SecurityMechanisms> decode_security_headers(std::string_view header_name,
                                                    std::span<const std::string_view> values);

// The canonical value: mechanisms separated by ", ", parameters by ";" with no whitespace, in
// the order q, d-alg, d-qop, d-ver, alg, prot, mod, ealg, spi-c, spi-s, port-c, port-s (the
// order of the ABNF alternatives), then the extensions. q is written shortest ("0", "0.5",
// "0.125", "1").
// Contract (std::invalid_argument otherwise): at least one mechanism; names are lower-case
// tokens; q <= 1000; d-alg/d-qop are tokens and d-ver is 32 lower-case hex digits; the
// ipsec-3gpp fields are set only on "ipsec-3gpp"; an extension's name is not a recognised
// parameter of its mechanism nor repeated, and its value is one decode would accept.
std::string encode(std::span<const SecurityMechanism> mechanisms);

}  // namespace secmode::spec::sip
