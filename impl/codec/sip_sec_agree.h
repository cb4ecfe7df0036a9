// Zero-copy codec for the SIP security agreement header fields of RFC 3329 2.2 (Security-Client,
// Security-Server, Security-Verify) with the "ipsec-3gpp" parameters of TS 33.203 Annex H (H.2),
// as IMS AKA uses them (TS 24.229 5.1.1.2, TS 33.203 7). The fast twin of
// spec/codec/sip_sec_agree.h, written apart from it so that the differential tests compare two
// independent readings of the same rules. The grammar, quoted next to the code that reads it:
//
//   security-client = "Security-Client" HCOLON sec-mechanism *(COMMA sec-mechanism)  (RFC 3329 2.2)
//   sec-mechanism   = mechanism-name *(SEMI mech-parameters)
//   mech-parameters = preference / digest-algorithm / digest-qop / digest-verify / extension
//   alg, ealg, prot, mod, spi-c, spi-s, port-c, port-s                              (TS 33.203 H.2)
//
// The same decisions as the spec twin, so that the two agree (each is repeated at the code):
// names and the ipsec-3gpp values ignore case (RFC 3261 7.3.1, RFC 2234 2.3); q, d-alg, d-qop and
// d-ver are read on every mechanism, the TS 33.203 parameters on "ipsec-3gpp" only, anything else
// is an extension kept in order; a recognised parameter with a value outside its definition is an
// error, not an extension; a parameter named twice in one mechanism is an error; spi-c/spi-s are 1
// to 10 digits up to 4294967295, ports 1 to 5 digits up to 65535; SWS (with one folded line) is
// allowed wherever HCOLON, SEMI, COMMA and EQUAL allow it, before the first mechanism and after
// the last one.
//
// Decoders never allocate, never throw, never read outside the text. Values are views into it
// (names and tokens as written, in any case; compare them with lex::iequals), with the lists in
// fixed-capacity arrays: at most kMaxMechanisms mechanisms in all (over every line) and
// kMaxExtensions extension parameters per mechanism. Valid text holding more is reported as
// kTooManyMechanisms / kTooManyExtensions (sip_lex.h), and only when the text is otherwise valid.
//
// Errors (sip_lex.h Error): the canonical header name, the mechanism (by index and, in `ie`, by
// name) or parameter at fault, the character offset in the value, and the reason with its clause:
// the offset of the parameter's name when its value is not allowed (range, value set,
// repetition), otherwise of the first character that does not fit (the length when the value
// ends too soon).
//
// The encoder writes the canonical text: mechanisms separated by ", ", parameters by ";", in the
// order q, d-alg, d-qop, d-ver, alg, prot, mod, ealg, spi-c, spi-s, port-c, port-s, then the
// extensions; names in lower case, q shortest ("0.5"), numbers without leading zeros, a quoted
// extension value with each folded line read as one SP.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "impl/codec/sip_lex.h"

namespace secmode::impl::sip {

constexpr std::size_t kMaxMechanisms = 8;
constexpr std::size_t kMaxExtensions = 8;

enum class SecurityHeader : std::uint8_t { client, server, verify };
// "Security-Client", "Security-Server", "Security-Verify"; no compact forms exist.
std::string_view header_name(SecurityHeader h) noexcept;
std::optional<SecurityHeader> security_header_from_name(std::string_view name) noexcept;

// TS 33.203 H.2 values; hmac_md5_96 and des_ede3_cbc are RFC 3329 Appendix A's, which TS 33.203
// removed but a peer of an older release may still send.
enum class IntegrityAlgorithm : std::uint8_t { hmac_sha_1_96, aes_gmac, null, hmac_md5_96 };
enum class EncryptionAlgorithm : std::uint8_t { aes_cbc, aes_gcm, null, des_ede3_cbc };
enum class IpsecProtocol : std::uint8_t { esp, ah };
enum class IpsecMode : std::uint8_t { trans, tun, udp_enc_tun };  // UDP-enc-tun: TS 33.203 M
std::string_view to_string(IntegrityAlgorithm v) noexcept;
std::string_view to_string(EncryptionAlgorithm v) noexcept;
std::string_view to_string(IpsecProtocol v) noexcept;
std::string_view to_string(IpsecMode v) noexcept;  // "UDP-enc-tun" as TS 33.203 spells it

// generic-param = token [ EQUAL gen-value ]; gen-value = token / host / quoted-string.
struct GenericParam {
  std::string_view name;                  // as written
  std::optional<std::string_view> value;  // as written: a token, "[..]", or the quoted-string
                                          // with its DQUOTEs, quoted-pairs and folds
};

struct SecurityMechanism {
  std::string_view name;  // mechanism-name as written
  // RFC 3329 2.2, on any mechanism.
  std::optional<std::uint16_t> q;          // thousandths, 0..1000
  std::optional<std::string_view> d_alg;   // token
  std::optional<std::string_view> d_qop;   // token
  std::optional<std::string_view> d_ver;   // the 32 LHEX, without the DQUOTEs
  // TS 33.203 H.2, on "ipsec-3gpp" only.
  std::optional<IntegrityAlgorithm> alg;
  std::optional<EncryptionAlgorithm> ealg;
  std::optional<IpsecProtocol> prot;
  std::optional<IpsecMode> mod;
  std::optional<std::uint32_t> spi_c;
  std::optional<std::uint32_t> spi_s;
  std::optional<std::uint16_t> port_c;
  std::optional<std::uint16_t> port_s;
  List<GenericParam, kMaxExtensions> extensions;  // every other parameter, in order
};

using SecurityMechanisms = List<SecurityMechanism, kMaxMechanisms>;

// One header field value (what follows HCOLON). header_name in any case; an unknown name is an
// error whose `header` is that name.
Decoded<SecurityMechanisms> decode_security_header(std::string_view header_name,
                                                   std::string_view value) noexcept;
// Several lines of one field in message order: RFC 3261 7.3.1 makes them one comma-separated
// list. An error gives its line (1-based) in Error::line and its offset within that line. No
// line at all is an error (each field holds at least one mechanism).
Decoded<SecurityMechanisms> decode_security_headers(
    std::string_view header_name, std::span<const std::string_view> values) noexcept;

// The canonical value (above) into `out`. Contract (Encoded::error otherwise): at least one
// mechanism; names are tokens (written in lower case); q <= 1000; d-alg and d-qop tokens, d-ver 32
// LHEX; the TS 33.203 fields only on "ipsec-3gpp"; an extension's name is a token that is not a
// parameter of its mechanism nor repeated (ignoring case), and its value a token, an
// IPv6reference or a whole valid quoted-string.
Encoded encode(std::span<const SecurityMechanism> mechanisms, std::span<char> out) noexcept;

}  // namespace secmode::impl::sip
