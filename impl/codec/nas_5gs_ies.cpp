// Value checks of the TS 24.501 9.11 IEs the security mode messages carry, and the digits of the
// identities they hold.
#include "impl/codec/nas_5gs_ies.h"

#include <variant>

namespace secmode::impl::nas5gs {
namespace {

// Figure 9.11.3.4.2: the first contents octet holds identity digit 1 (bits 8..5), odd/even
// (bit 4, 1 = odd) and the type of identity (bits 3..1); each later octet holds digits p (bits
// 4..1) and p+1 (bits 8..5). So digit i (from 0) is in octet (i + 1) / 2, high nibble when i is
// even. With an even number of digits, bits 8..5 of the last octet are the end mark 1111.
constexpr std::uint8_t digit(ByteView c, std::size_t i) {
  const std::uint8_t octet = c[(i + 1) / 2];
  return static_cast<std::uint8_t>(i % 2 == 0 ? octet >> 4 : octet & 0x0f);
}

bool decimal(ByteView c, std::size_t count) {
  bool all = true;
  for (std::size_t i = 0; i < count; ++i) all = all && digit(c, i) <= 9;
  return all;
}

void spell(ByteView c, std::span<char> out) {
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<char>('0' + digit(c, i));
}

}  // namespace

namespace detail {

bool check_plain_header(ByteView pdu, const char* message, Error& error) noexcept {
  if (pdu.size() < kPlainHeaderSize) {
    static constexpr const char* kAt[] = {"Extended protocol discriminator",
                                          "Security header type", "Message type"};
    error = {message, kAt[pdu.size()], pdu.size(),
             "too short to contain a complete message type (TS 24.501 7.2)"};
    return false;
  }
  const auto type = header_type(pdu, message, error);
  if (!type) return false;
  // 9.3: a 5GMM message that is not security protected is sent plain, with type 0000.
  if (*type != SecurityHeaderType::plain) {
    error = {message, "Security header type", 1,
             "security protected: the header must be removed first, a plain 5GS NAS message has "
             "security header type 0 (TS 24.501 9.3, 9.9)"};
    return false;
  }
  return true;
}

bool check_header(ByteView pdu, const char* message, std::uint8_t type, Error& error) noexcept {
  if (!check_plain_header(pdu, message, error)) return false;
  if (pdu[2] != type) {
    error = {message, "Message type", 2, "not this message (TS 24.501 table 9.7.1)"};
    return false;
  }
  return true;
}

void put_pei_contents(nas::detail::Writer& w, const NonImeisvPei& pei) noexcept {
  if (const auto* imei = std::get_if<Imei>(&pei)) {
    w.put(imei->identity);
  } else if (const auto* mac = std::get_if<MacAddress>(&pei)) {
    // Figure 9.11.3.4.7: octet 4 bits 8..5 spare, MAURI in bit 4.
    w.put(static_cast<std::uint8_t>((mac->not_usable_as_equipment_identifier ? 0x08 : 0x00) |
                                    kTypeMacAddress));
    w.put(mac->address);
  } else {
    w.put(kTypeEui64);  // figure 9.11.3.4.8: bits 8..4 spare
    w.put(std::get<Eui64>(pei).value);
  }
}

const char* ue_security_capability_fault(std::size_t size) noexcept {
  // 9.11.3.54: "a minimum length of 4 octets and a maximum length of 10 octets" (IEI and length
  // included); "If octet 5 is included, then also octet 6 shall be included"; likewise octets 7
  // and 8, 9 and 10.
  if (size < 2) return "bad length (2..8) (TS 24.501 9.11.3.54)";
  if (size % 2 == 1)
    return "octet 5, 7 or 9 without the octet after it (TS 24.501 9.11.3.54)";
  return nullptr;
}

// The checks in the order the spec twin makes them; only the reason depends on the order.
const char* imeisv_fault(std::span<const std::uint8_t, 9> c) noexcept {
  if ((c[0] & 0x07) != kTypeImeisv)
    return "type of identity is not IMEISV (TS 24.501 table 9.11.3.4.1); treated as not present "
           "(TS 24.501 7.7.1)";
  if (c[0] & 0x08)
    return "odd/even indication says odd, an IMEISV has 16 digits (TS 24.501 table 9.11.3.4.1); "
           "treated as not present (TS 24.501 7.7.1)";
  if ((c[8] & 0xf0) != 0xf0)
    return "last octet lacks the end mark 1111 (TS 24.501 table 9.11.3.4.1); treated as not "
           "present (TS 24.501 7.7.1)";
  if (!decimal(c, 16))
    return "IMEISV digit is not BCD 0..9 (TS 24.501 table 9.11.3.4.1); treated as not present "
           "(TS 24.501 7.7.1)";
  return nullptr;
}

const char* imei_fault(std::span<const std::uint8_t, 8> c) noexcept {
  if ((c[0] & 0x07) != kTypeImei)
    return "type of identity is not IMEI (TS 24.501 table 9.11.3.4.1); treated as not present "
           "(TS 24.501 7.7.1)";
  // 15 digits: odd, and no end mark (the last octet holds digits 14 and 15).
  if (!(c[0] & 0x08))
    return "odd/even indication says even, an IMEI has 15 digits (TS 24.501 table 9.11.3.4.1); "
           "treated as not present (TS 24.501 7.7.1)";
  if (!decimal(c, 15))
    return "IMEI digit is not BCD 0..9 (TS 24.501 table 9.11.3.4.1); treated as not present (TS "
           "24.501 7.7.1)";
  return nullptr;
}

std::optional<NonImeisvPei> non_imeisv_pei(ByteView c, std::size_t& used,
                                           const char*& fault) noexcept {
  // 8.2.26.4 sends this IE when "the IMEISV is not available but MAC address is available" (5G-RG,
  // W-AGF) or "EUI-64 is available"; the IMEI is the remaining PEI that is not an IMEISV. The
  // walk has checked there are at least 4 octets (table 8.2.26.1.1: TLV-E 7-n).
  const std::uint8_t type = c[0] & 0x07;
  // Octets of each type: figure 9.11.3.4.2 (IMEI, 15 digits), 9.11.3.4.7 (MAC address: octet 4
  // and six octets), 9.11.3.4.8 (EUI-64: octet 4 and eight octets).
  const std::size_t needed =
      type == kTypeImei ? 8 : type == kTypeMacAddress ? 7 : type == kTypeEui64 ? 9 : 0;
  if (needed == 0) {
    fault =
        "type of identity is not a PEI other than the IMEISV (IMEI, MAC address or EUI-64) (TS "
        "24.501 8.2.26.4, table 9.11.3.4.1); treated as not present (TS 24.501 7.7.1)";
    return std::nullopt;
  }
  if (c.size() < needed) {
    fault = "bad length for this type of identity (TS 24.501 9.11.3.4); treated as not present "
            "(TS 24.501 7.7.1)";
    return std::nullopt;
  }
  used = needed;
  if (type == kTypeImei) {
    const auto identity = c.first<8>();
    if ((fault = imei_fault(identity))) return std::nullopt;
    return Imei{identity};
  }
  // MAC address: octet 4 bits 8..5 spare, MAURI in bit 4. EUI-64: bits 8..4 spare.
  if (type == kTypeMacAddress) return MacAddress{c.subspan<1, 6>(), (c[0] & 0x08) != 0};
  return Eui64{c.subspan<1, 8>()};
}

}  // namespace detail

void imeisv_digits(std::span<const std::uint8_t, 9> imeisv, std::span<char, 16> out) noexcept {
  spell(imeisv, out);
}

void imei_digits(std::span<const std::uint8_t, 8> imei, std::span<char, 15> out) noexcept {
  spell(imei, out);
}

}  // namespace secmode::impl::nas5gs
