#include "spec/codec/nas_eps_emm_ies.h"

#include <algorithm>
#include <stdexcept>

namespace secmode::spec::nas {
namespace {

// TS 24.301 table 9.9.3.12.1, type of identity.
constexpr std::uint8_t kImsi = 1;
constexpr std::uint8_t kImei = 3;
constexpr std::uint8_t kGuti = 6;
constexpr std::size_t kGutiContents = 11;   // octets 3..13 of figure 9.9.3.12.1
constexpr std::size_t kMaxImsiDigits = 15;  // TS 23.003 2.2
constexpr std::size_t kImeiDigits = 15;     // TS 23.003 6.2.1

bool decimal(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Figure 9.9.3.12.2 (and TS 24.008 10.5.1.4): digit 1 in bits 8..5 of octet 3, then two digits
// an octet, the lower-numbered in bits 4..1; an even count ends with the end mark 1111.
std::optional<std::string> decode_digits(ByteView contents, std::string& out) {
  const bool odd = (contents[0] & 0x08) != 0;
  std::string digits(1, static_cast<char>('0' + (contents[0] >> 4)));
  for (std::size_t i = 1; i < contents.size(); ++i) {
    digits.push_back(static_cast<char>('0' + (contents[i] & 0x0f)));
    digits.push_back(static_cast<char>('0' + (contents[i] >> 4)));
  }
  // The last character is the high nibble of the last octet: a digit when the count is odd,
  // the end mark otherwise.
  if (!odd) {
    if (contents.size() < 2 || digits.back() != '0' + 0x0f)
      return std::string("even number of digits without the end mark 1111 (TS 24.301 9.9.3.12)");
    digits.pop_back();
  }
  if (!decimal(digits)) return std::string("identity digit is not BCD (TS 24.301 9.9.3.12)");
  out = digits;
  return std::nullopt;
}

Bytes encode_digits(const std::string& digits, std::uint8_t type) {
  const bool odd = digits.size() % 2 == 1;
  auto digit = [&](std::size_t i) { return static_cast<std::uint8_t>(digits[i] - '0'); };
  Bytes out{static_cast<std::uint8_t>(digit(0) << 4 | (odd ? 0x08 : 0x00) | type)};
  for (std::size_t i = 1; i < digits.size(); i += 2)
    out.push_back(
        static_cast<std::uint8_t>((i + 1 < digits.size() ? digit(i + 1) << 4 : 0xf0) | digit(i)));
  return out;
}

}  // namespace

std::optional<CodecError> check_plain_emm_header(ByteView pdu, const char* message,
                                                 std::uint8_t type) {
  // TS 24.301 7.2 comes first in the order of precedence of 7.1.
  if (pdu.size() < 2)
    return CodecError{message, pdu.empty() ? "Protocol discriminator" : "Message type", pdu.size(),
                      "too short to contain a complete message type (TS 24.301 7.2)"};
  const auto header = decode_security_header_type(pdu);
  if (!header) {
    CodecError e = header.error();
    e.message = message;
    return e;
  }
  if (header.value() != SecurityHeaderType::plain)
    return CodecError{message, "Security header type", 0,
                      "security header type " + std::to_string(pdu[0] >> 4) +
                          " in a plain NAS message; a protected one needs its header removed "
                          "first (TS 24.301 9.3.1, 9.7)"};
  if (pdu[1] != type)
    return CodecError{message, "Message type", 1,
                      "message type " + hex_octet(pdu[1]) + ", expected " + hex_octet(type) +
                          " (TS 24.301 table 9.8.1)"};
  return std::nullopt;
}

std::optional<std::string> decode_guti(ByteView contents, Guti& out) {
  if ((contents[0] & 0x07) != kGuti)
    return "type of identity " + std::to_string(contents[0] & 0x07) +
           " where a GUTI belongs (TS 24.301 9.9.3.12)";
  if (contents.size() != kGutiContents)
    return "a GUTI takes 11 octets of contents, not " + std::to_string(contents.size()) +
           " (TS 24.301 figure 9.9.3.12.1)";
  // Octets 4..6: MCC digit 2 | digit 1, MNC digit 3 | MCC digit 3, MNC digit 2 | digit 1.
  const auto nib = [](std::uint8_t v) { return static_cast<char>('0' + v); };
  std::string mcc{nib(contents[1] & 0x0f), nib(contents[1] >> 4), nib(contents[2] & 0x0f)};
  std::string mnc{nib(contents[3] & 0x0f), nib(contents[3] >> 4)};
  if ((contents[2] >> 4) != 0x0f) mnc.push_back(nib(contents[2] >> 4));
  if (!decimal(mcc) || !decimal(mnc))
    return std::string("MCC or MNC digit is not BCD (TS 24.301 table 9.9.3.12.1)");
  out.mcc = mcc;
  out.mnc = mnc;
  out.mme_group_id = static_cast<std::uint16_t>(contents[4] << 8 | contents[5]);
  out.mme_code = contents[6];
  out.m_tmsi = load_be32(contents.data() + 7);
  return std::nullopt;
}

std::optional<std::string> decode_eps_mobile_identity(ByteView contents, EpsMobileIdentity& out) {
  const std::uint8_t type = contents[0] & 0x07;
  if (type == kGuti) {
    Guti guti;
    if (auto why = decode_guti(contents, guti)) return why;
    out = guti;
    return std::nullopt;
  }
  if (type != kImsi && type != kImei)
    return "reserved type of identity " + std::to_string(type) + " (TS 24.301 table 9.9.3.12.1)";
  std::string digits;
  if (auto why = decode_digits(contents, digits)) return why;
  if (type == kImsi) {
    if (digits.size() > kMaxImsiDigits)
      return "IMSI of " + std::to_string(digits.size()) + " digits; at most 15 (TS 23.003 2.2)";
    out = Imsi{digits};
  } else {
    if (digits.size() != kImeiDigits)
      return "IMEI of " + std::to_string(digits.size()) + " digits; it has 15 (TS 23.003 6.2.1)";
    out = Imei{digits};
  }
  return std::nullopt;
}

Bytes encode_eps_mobile_identity(const EpsMobileIdentity& id) {
  if (const auto* imsi = std::get_if<Imsi>(&id)) {
    if (imsi->digits.size() < 6 || imsi->digits.size() > kMaxImsiDigits || !decimal(imsi->digits))
      throw std::invalid_argument("IMSI: expected 6..15 decimal digits, got '" + imsi->digits +
                                  "'");
    return encode_digits(imsi->digits, kImsi);
  }
  if (const auto* imei = std::get_if<Imei>(&id)) {
    if (imei->digits.size() != kImeiDigits || !decimal(imei->digits))
      throw std::invalid_argument("IMEI: expected 15 decimal digits, got '" + imei->digits + "'");
    return encode_digits(imei->digits, kImei);
  }
  const Guti& g = std::get<Guti>(id);
  if (g.mcc.size() != 3 || g.mnc.size() < 2 || g.mnc.size() > 3 || !decimal(g.mcc) ||
      !decimal(g.mnc))
    throw std::invalid_argument("GUTI: MCC of 3 and MNC of 2 or 3 decimal digits, got '" + g.mcc +
                                "' '" + g.mnc + "'");
  auto d = [](char c) { return static_cast<std::uint8_t>(c - '0'); };
  Bytes out{static_cast<std::uint8_t>(0xf0 | kGuti),
            static_cast<std::uint8_t>(d(g.mcc[1]) << 4 | d(g.mcc[0])),
            static_cast<std::uint8_t>((g.mnc.size() == 3 ? d(g.mnc[2]) : 0x0f) << 4 | d(g.mcc[2])),
            static_cast<std::uint8_t>(d(g.mnc[1]) << 4 | d(g.mnc[0])),
            static_cast<std::uint8_t>(g.mme_group_id >> 8),
            static_cast<std::uint8_t>(g.mme_group_id),
            g.mme_code};
  out.resize(kGutiContents);
  store_be32(out.data() + 7, g.m_tmsi);
  return out;
}

UeNetworkCapability decode_ue_network_capability(ByteView contents) {
  UeNetworkCapability c;
  c.eea = contents[0];
  c.eia = contents[1];
  if (contents.size() > 2) c.uea = contents[2];
  if (contents.size() > 3) c.uia = contents[3];
  if (contents.size() > 4) c.rest.assign(contents.begin() + 4, contents.end());
  return c;
}

Bytes encode_ue_network_capability(const UeNetworkCapability& c) {
  if ((c.uia && !c.uea) || (!c.rest.empty() && !c.uia) || c.rest.size() > 9)
    throw std::invalid_argument(
        "UE network capability: octets are positional (octet 6 needs 5, 7.. need 6) and there "
        "are at most 13 (TS 24.301 9.9.3.34)");
  Bytes out{c.eea, c.eia};
  if (c.uea) out.push_back(*c.uea);
  if (c.uia) out.push_back(*c.uia);
  out.insert(out.end(), c.rest.begin(), c.rest.end());
  return out;
}

}  // namespace secmode::spec::nas
