#include "spec/codec/nas_5gs_ies.h"

#include <stdexcept>

namespace secmode::spec::nas5gs {
namespace {

// TS 24.501 table 9.11.3.4.1, type of identity (octet 4, bits 3..1).
constexpr std::uint8_t kTypeImei = 3;
constexpr std::uint8_t kTypeImeisv = 5;
constexpr std::uint8_t kTypeMacAddress = 6;
constexpr std::uint8_t kTypeEui64 = 7;

constexpr std::size_t kImeiDigits = 15;    // TS 23.003 6.2.1: TAC 8, SNR 6, check/spare digit 1
constexpr std::size_t kImeisvDigits = 16;  // TS 23.003 6.2.2: TAC 8, SNR 6, SVN 2

constexpr std::size_t digit_octets(std::size_t digits) { return 1 + digits / 2; }

std::string type_name(std::uint8_t type) { return type == kTypeImei ? "IMEI" : "IMEISV"; }

// TS 24.501 9.11.3.4, figure 9.11.3.4.2: octet 4 holds identity digit 1 (bits 8..5), the
// odd/even indication (bit 4, 1 = odd) and the type of identity; each later octet holds digits
// p (bits 4..1) and p+1 (bits 8..5). "If the number of identity digits is even then bits 5 to 8
// of the last octet shall be filled with an end mark coded as '1111'." Digits are BCD.
// `contents` holds exactly digit_octets(count) octets.
std::optional<std::string> decode_digits(ByteView contents, std::uint8_t type, std::size_t count,
                                         std::string& out) {
  const std::uint8_t got = contents[0] & 0x07;
  if (got != type)
    return "type of identity " + std::to_string(got) + " is not " + type_name(type) +
           " (TS 24.501 table 9.11.3.4.1)";
  const bool odd = (contents[0] & 0x08) != 0;
  if (odd != (count % 2 == 1))
    return "odd/even indication says " + std::string(odd ? "odd" : "even") + "; an " +
           type_name(type) + " has " + std::to_string(count) +
           " digits (TS 24.501 table 9.11.3.4.1)";
  std::string digits;
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint8_t octet = contents[(i + 1) / 2];
    digits.push_back(static_cast<char>('0' + ((i % 2 == 0) ? octet >> 4 : octet & 0x0f)));
  }
  if (count % 2 == 0 && (contents[count / 2] & 0xf0) != 0xf0)
    return std::string("last octet lacks the end mark 1111 (TS 24.501 table 9.11.3.4.1)");
  for (char d : digits)
    if (d > '9') return type_name(type) + " digit is not BCD 0..9 (TS 24.501 table 9.11.3.4.1)";
  out = digits;
  return std::nullopt;
}

Bytes encode_digits(const std::string& digits, std::uint8_t type, std::size_t count) {
  bool decimal = digits.size() == count;
  for (char d : digits) decimal = decimal && d >= '0' && d <= '9';
  if (!decimal)
    throw std::invalid_argument(type_name(type) + ": expected " + std::to_string(count) +
                                " decimal digits, got '" + digits + "'");
  auto digit = [&](std::size_t i) { return static_cast<std::uint8_t>(digits[i] - '0'); };
  Bytes out;
  out.push_back(static_cast<std::uint8_t>(digit(0) << 4 | (count % 2 ? 0x08 : 0x00) | type));
  for (std::size_t i = 1; i < count; i += 2)
    out.push_back(static_cast<std::uint8_t>((i + 1 < count ? digit(i + 1) << 4 : 0xf0) | digit(i)));
  return out;
}

}  // namespace

std::optional<std::string> decode_ue_security_capability(ByteView contents,
                                                         UeSecurityCapability& out) {
  // 9.11.3.54: "a minimum length of 4 octets and a maximum length of 10 octets" (IEI and length
  // included). "If octet 5 is included, then also octet 6 shall be included." "If the network
  // includes octet 7, then it shall include also octet 8. If the network includes octet 9, then
  // it shall include also octet 10."
  if (contents.size() < 2)
    return "bad length " + std::to_string(contents.size()) + " (2..8) (TS 24.501 9.11.3.54)";
  if (contents.size() % 2 == 1) {
    const std::size_t octet = contents.size() + 2;  // contents start at octet 3
    return "octet " + std::to_string(octet) + " without octet " + std::to_string(octet + 1) +
           " (TS 24.501 9.11.3.54)";
  }
  out = UeSecurityCapability{contents[0], contents[1], std::nullopt, std::nullopt, {}};
  if (contents.size() >= 4) {
    out.eea = contents[2];
    out.eia = contents[3];
  }
  // Octets 7 to 10 are spare, but "If the AMF receives any of the octets 7 to 10, it shall store
  // the octets as received and include them when sending the UE security capability information
  // element to the UE": kept as received.
  if (contents.size() > 4) out.octets_7_to_10.assign(contents.begin() + 4, contents.end());
  return std::nullopt;
}

Bytes encode_ue_security_capability(const UeSecurityCapability& c) {
  const std::size_t spare = c.octets_7_to_10.size();
  if (c.eea.has_value() != c.eia.has_value())
    throw std::invalid_argument(
        "UE security capability: octets 5 and 6 go together (TS 24.501 9.11.3.54)");
  if (spare != 0 && spare != 2 && spare != 4)
    throw std::invalid_argument(
        "UE security capability: octets 7 to 10 come in pairs, 0, 2 or 4 of them (TS 24.501 "
        "9.11.3.54)");
  if (spare != 0 && !c.eea)
    throw std::invalid_argument(
        "UE security capability: octets 7 to 10 need octets 5 and 6 (TS 24.501 9.11.3.54)");
  Bytes out{c.ea, c.ia};
  if (c.eea) {
    out.push_back(*c.eea);
    out.push_back(*c.eia);
  }
  out.insert(out.end(), c.octets_7_to_10.begin(), c.octets_7_to_10.end());
  return out;
}

std::optional<std::string> decode_imeisv(ByteView contents, std::string& out) {
  return decode_digits(contents, kTypeImeisv, kImeisvDigits, out);
}

Bytes encode_imeisv(const std::string& digits) {
  return encode_digits(digits, kTypeImeisv, kImeisvDigits);
}

std::optional<std::string> decode_non_imeisv_pei(ByteView contents, NonImeisvPei& out,
                                                 std::size_t& used) {
  // 8.2.26.4 sends this IE when "the IMEISV is not available but MAC address is available" (5G-RG,
  // W-AGF) or "EUI-64 is available" (UE); the IMEI is the remaining PEI that is not an IMEISV.
  const std::uint8_t type = contents[0] & 0x07;
  std::size_t needed = 0;
  switch (type) {
    case kTypeImei:
      needed = digit_octets(kImeiDigits);
      break;
    case kTypeMacAddress:
      needed = 7;  // figure 9.11.3.4.7: octet 4, MAC address in octets 5 to 10
      break;
    case kTypeEui64:
      needed = 9;  // figure 9.11.3.4.8: octet 4, EUI-64 in octets 5 to 12
      break;
    default:
      return "type of identity " + std::to_string(type) +
             " is not a PEI other than the IMEISV (IMEI, MAC address or EUI-64) (TS 24.501 "
             "8.2.26.4, table 9.11.3.4.1)";
  }
  if (contents.size() < needed)
    return "bad length " + std::to_string(contents.size()) + " for this type of identity (" +
           std::to_string(needed) + ") (TS 24.501 9.11.3.4)";
  used = needed;
  if (type == kTypeImei) {
    Imei imei;
    if (auto why = decode_digits(contents.first(needed), kTypeImei, kImeiDigits, imei.digits))
      return why;
    out = imei;
  } else if (type == kTypeMacAddress) {
    // Octet 4: bits 8..5 spare, MAURI in bit 4.
    MacAddress mac;
    mac.not_usable_as_equipment_identifier = (contents[0] & 0x08) != 0;
    for (std::size_t i = 0; i < mac.address.size(); ++i) mac.address[i] = contents[1 + i];
    out = mac;
  } else {
    // Octet 4: bits 8..4 spare.
    Eui64 eui;
    for (std::size_t i = 0; i < eui.value.size(); ++i) eui.value[i] = contents[1 + i];
    out = eui;
  }
  return std::nullopt;
}

Bytes encode_non_imeisv_pei(const NonImeisvPei& pei) {
  if (const auto* imei = std::get_if<Imei>(&pei))
    return encode_digits(imei->digits, kTypeImei, kImeiDigits);
  if (const auto* mac = std::get_if<MacAddress>(&pei)) {
    Bytes out{static_cast<std::uint8_t>((mac->not_usable_as_equipment_identifier ? 0x08 : 0x00) |
                                        kTypeMacAddress)};
    out.insert(out.end(), mac->address.begin(), mac->address.end());
    return out;
  }
  const auto& eui = std::get<Eui64>(pei);
  Bytes out{kTypeEui64};
  out.insert(out.end(), eui.value.begin(), eui.value.end());
  return out;
}

}  // namespace secmode::spec::nas5gs
