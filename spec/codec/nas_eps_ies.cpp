#include "spec/codec/nas_eps_ies.h"

#include <stdexcept>

namespace secmode::spec::nas {
namespace {

constexpr std::uint8_t kIdentityTypeImeisv = 3;  // TS 24.008 table 10.5.4, type of identity 011
constexpr std::size_t kImeisvDigits = 16;        // TS 23.003 6.2.2: TAC 8, SNR 6, SVN 2

}  // namespace

std::optional<std::string> decode_ue_security_capability(ByteView contents,
                                                         UeSecurityCapability& out) {
  // 9.9.3.36: "a minimum length of 4 octets and a maximum length of 7 octets" (IEI and length
  // included), and "If octet 5 is included, then also octet 6 shall be included".
  if (contents.size() < 2)
    return "bad length " + std::to_string(contents.size()) + " (2..5) (TS 24.301 9.9.3.36)";
  if (contents.size() == 3) return std::string("octet 5 without octet 6 (TS 24.301 9.9.3.36)");
  out = UeSecurityCapability{contents[0], contents[1], std::nullopt, std::nullopt, std::nullopt};
  if (contents.size() >= 4) {
    out.uea = contents[2];
    out.uia = contents[3];
  }
  if (contents.size() >= 5) out.gea = contents[4];
  return std::nullopt;
}

Bytes encode_ue_security_capability(const UeSecurityCapability& c) {
  if (c.uea.has_value() != c.uia.has_value() || (c.gea && !c.uea))
    throw std::invalid_argument(
        "UE security capability: octets 5 and 6 go together and octet 7 needs them (TS 24.301 "
        "9.9.3.36)");
  Bytes out{c.eea, c.eia};
  if (c.uea) {
    out.push_back(*c.uea);
    out.push_back(*c.uia);
  }
  if (c.gea) out.push_back(*c.gea);
  return out;
}

UeAdditionalSecurityCapability decode_ue_additional_security_capability(ByteView contents) {
  return {static_cast<std::uint16_t>(contents[0] << 8 | contents[1]),
          static_cast<std::uint16_t>(contents[2] << 8 | contents[3])};
}

Bytes encode_ue_additional_security_capability(const UeAdditionalSecurityCapability& c) {
  return {static_cast<std::uint8_t>(c.ea >> 8), static_cast<std::uint8_t>(c.ea),
          static_cast<std::uint8_t>(c.ia >> 8), static_cast<std::uint8_t>(c.ia)};
}

// TS 24.008 10.5.1.4: octet 3 holds identity digit 1 (bits 8..5), the odd/even indicator
// (bit 4, 0 = even) and the type of identity (bits 3..1); each later octet holds two digits,
// the lower-numbered one in bits 4..1; with an even number of digits bits 8..5 of the last
// octet are the end mark 1111. An IMEISV therefore takes 9 octets.
std::optional<std::string> decode_imeisv(ByteView contents, std::string& out) {
  const std::uint8_t type = contents[0] & 0x07;
  if (type != kIdentityTypeImeisv)
    return "type of identity " + std::to_string(type) + " is not IMEISV (TS 24.008 10.5.1.4)";
  if (contents[0] & 0x08)
    return std::string("odd/even indicator says odd; an IMEISV has 16 digits (TS 24.008 10.5.1.4)");
  if ((contents[8] & 0xf0) != 0xf0)
    return std::string("last octet lacks the end mark 1111 (TS 24.008 10.5.1.4)");
  std::string digits;
  digits.push_back(static_cast<char>('0' + (contents[0] >> 4)));
  for (std::size_t i = 1; i < 9; ++i) {
    digits.push_back(static_cast<char>('0' + (contents[i] & 0x0f)));
    if (i < 8) digits.push_back(static_cast<char>('0' + (contents[i] >> 4)));
  }
  for (char d : digits)
    if (d > '9') return std::string("IMEISV digit is not decimal (TS 24.008 10.5.1.4)");
  out = digits;
  return std::nullopt;
}

Bytes encode_imeisv(const std::string& digits) {
  bool decimal = digits.size() == kImeisvDigits;
  for (char d : digits) decimal = decimal && d >= '0' && d <= '9';
  if (!decimal)
    throw std::invalid_argument("IMEISV: expected 16 decimal digits, got '" + digits + "'");
  auto digit = [&](std::size_t i) { return static_cast<std::uint8_t>(digits[i] - '0'); };
  Bytes out;
  out.push_back(static_cast<std::uint8_t>(digit(0) << 4 | kIdentityTypeImeisv));
  for (std::size_t i = 1; i < kImeisvDigits; i += 2)
    out.push_back(
        static_cast<std::uint8_t>((i + 1 < kImeisvDigits ? digit(i + 1) << 4 : 0xf0) | digit(i)));
  return out;
}

}  // namespace secmode::spec::nas
