// TS 24.501 8.2.28 / 9.1.1 item 2: the security protected 5GS NAS message, and the first two
// octets every 5GMM message shares.
#include <stdexcept>

#include "spec/codec/nas_5gs.h"
#include "spec/codec/nas_ie.h"

namespace secmode::spec::nas5gs {
namespace {

constexpr const char* kProtected = "SECURITY PROTECTED 5GS NAS MESSAGE";
// Figure 9.1.1.2: EPD (octet 1), security header type (2), MAC (3..6), sequence number (7).
constexpr std::size_t kHeaderSize = 7;
// Table 8.2.28.1.1: the plain 5GS NAS message is "M V 3-n"; its NOTE allows 2 octets for a
// TS 38.509 test mode control message. A ciphered one cannot be told apart, so 2 is the floor.
constexpr std::size_t kMinPlainSize = 2;

bool integrity_only(SecurityHeaderType t) {
  return t == SecurityHeaderType::integrity_protected ||
         t == SecurityHeaderType::integrity_protected_new_context;
}

// 9.9: "The SECURITY PROTECTED 5GS NAS MESSAGE message ... is not plain 5GS NAS messages and
// shall not be included in this IE." Visible only when the message is not ciphered.
bool nests_protected(ByteView plain) {
  return plain.size() >= 2 && plain[0] == kFiveGmmEpd && (plain[1] & 0x0f) != 0;
}

}  // namespace

Decoded<SecurityHeaderType> decode_security_header_type(ByteView pdu) {
  if (pdu.empty())
    return CodecError{"5GMM message", "Extended protocol discriminator", 0,
                      "empty: too short for a message type (TS 24.501 7.2)"};
  if (pdu[0] != kFiveGmmEpd)
    return CodecError{"5GMM message", "Extended protocol discriminator", 0,
                      "extended protocol discriminator " + nas::hex_octet(pdu[0]) +
                          " is not 5GS mobility management (0x7e) (TS 24.501 9.2)"};
  if (pdu.size() < 2)
    return CodecError{"5GMM message", "Security header type", 1,
                      "missing: too short for a message type (TS 24.501 7.2)"};
  // 9.3: "Bits 1 to 4 of the second octet of every 5GMM message contain the Security header type
  // IE"; bits 5 to 8 are the spare half octet (9.5), not interpreted here.
  const std::uint8_t type = pdu[1] & 0x0f;
  if (type <= 4) return static_cast<SecurityHeaderType>(type);
  return CodecError{
      "5GMM message", "Security header type", 1,
      "reserved security header type " + std::to_string(type) + " (TS 24.501 table 9.3.1)"};
}

Decoded<SecurityProtectedMessage> decode_security_protected(ByteView pdu) {
  const auto type = decode_security_header_type(pdu);
  if (!type) {
    CodecError e = type.error();
    e.message = kProtected;
    return e;
  }
  if (type.value() == SecurityHeaderType::plain)
    return CodecError{kProtected, "Security header type", 1,
                      "plain 5GS NAS message, not security protected (TS 24.501 9.3)"};
  if (pdu.size() < kHeaderSize)
    return CodecError{kProtected,
                      pdu.size() < 6 ? "Message authentication code" : "Sequence number",
                      pdu.size() < 6 ? 2u : 6u,
                      "truncated: the header needs 7 octets, the message has " +
                          std::to_string(pdu.size()) + " (TS 24.501 table 8.2.28.1.1)"};
  if (pdu.size() < kHeaderSize + kMinPlainSize)
    return CodecError{kProtected, "Plain 5GS NAS message", kHeaderSize,
                      "missing or too short: " + std::to_string(pdu.size() - kHeaderSize) +
                          " octets, the IE is mandatory with 3-n octets (2 for test mode "
                          "control) (TS 24.501 table 8.2.28.1.1)"};
  const ByteView plain = pdu.subspan(kHeaderSize);
  if (integrity_only(type.value()) && nests_protected(plain))
    return CodecError{kProtected, "Plain 5GS NAS message", kHeaderSize,
                      "is itself a security protected 5GS NAS message (security header type " +
                          std::to_string(plain[1] & 0x0f) + ") (TS 24.501 9.9)"};
  SecurityProtectedMessage m;
  m.type = type.value();
  for (std::size_t i = 0; i < 4; ++i) m.mac[i] = pdu[2 + i];
  m.sequence_number = pdu[6];
  m.plain_nas_message.assign(plain.begin(), plain.end());
  return m;
}

Bytes encode(const SecurityProtectedMessage& m) {
  const auto type = static_cast<std::uint8_t>(m.type);
  if (type < 1 || type > 4)
    throw std::invalid_argument("security protected 5GS NAS message: security header type " +
                                std::to_string(type) + " is not 1..4 (TS 24.501 table 9.3.1)");
  if (m.plain_nas_message.size() < kMinPlainSize)
    throw std::invalid_argument(
        "security protected 5GS NAS message: the plain 5GS NAS message has fewer than 2 octets");
  if (integrity_only(m.type) && nests_protected(m.plain_nas_message))
    throw std::invalid_argument(
        "security protected 5GS NAS message: it cannot carry another one (TS 24.501 9.9)");
  Bytes out;
  out.reserve(kHeaderSize + m.plain_nas_message.size());
  out.push_back(kFiveGmmEpd);
  out.push_back(type);  // spare half octet 0000
  out.insert(out.end(), m.mac.begin(), m.mac.end());
  out.push_back(m.sequence_number);
  out.insert(out.end(), m.plain_nas_message.begin(), m.plain_nas_message.end());
  return out;
}

}  // namespace secmode::spec::nas5gs
