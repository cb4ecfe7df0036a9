// TS 24.301 8.2.23 / 9.1 item 2: the security protected NAS message.
#include <stdexcept>

#include "spec/codec/nas_eps.h"

namespace secmode::spec::nas {
namespace {

constexpr const char* kProtected = "SECURITY PROTECTED NAS MESSAGE";
constexpr std::size_t kHeaderSize = 6;  // octet 1, MAC (octets 2..5), sequence number (octet 6)

}  // namespace

Decoded<SecurityHeaderType> decode_security_header_type(ByteView pdu) {
  if (pdu.empty())
    return CodecError{"EMM message", "Protocol discriminator", 0,
                      "empty: too short for a message type (TS 24.301 7.2)"};
  const std::uint8_t pd = pdu[0] & 0x0f;
  const std::uint8_t type = pdu[0] >> 4;
  if (pd != kEmmProtocolDiscriminator)
    return CodecError{"EMM message", "Protocol discriminator", 0,
                      "protocol discriminator " + std::to_string(pd) +
                          " is not EPS mobility management (7) (TS 24.301 9.2)"};
  // Table 9.3.1: 0..5 and 12 are defined; "1101 to 1111 ... If received they shall be
  // interpreted as '1100'"; "All other values are reserved."
  if (type <= 5 || type == 12) return static_cast<SecurityHeaderType>(type);
  if (type > 12) return SecurityHeaderType::service_request;
  return CodecError{
      "EMM message", "Security header type", 0,
      "reserved security header type " + std::to_string(type) + " (TS 24.301 table 9.3.1)"};
}

Decoded<SecurityProtectedMessage> decode_security_protected(ByteView pdu) {
  const auto type = decode_security_header_type(pdu);
  if (!type) {
    CodecError e = type.error();
    e.message = kProtected;
    return e;
  }
  if (type.value() == SecurityHeaderType::plain)
    return CodecError{kProtected, "Security header type", 0,
                      "plain NAS message, not security protected (TS 24.301 9.3.1)"};
  if (type.value() == SecurityHeaderType::service_request)
    return CodecError{kProtected, "Security header type", 0,
                      "security header for the SERVICE REQUEST message, not a security "
                      "protected NAS message (TS 24.301 table 9.3.1, 8.2.25)"};
  if (pdu.size() < kHeaderSize)
    return CodecError{kProtected,
                      pdu.size() < 5 ? "Message authentication code" : "Sequence number",
                      pdu.size() < 5 ? 1u : 5u,
                      "truncated: the header needs 6 octets, the message has " +
                          std::to_string(pdu.size()) + " (TS 24.301 table 8.2.23.1)"};
  // Table 8.2.23.1: the NAS message is "M V 1-n".
  if (pdu.size() == kHeaderSize)
    return CodecError{kProtected, "NAS message", kHeaderSize,
                      "missing: the NAS message is mandatory, 1-n octets (TS 24.301 table "
                      "8.2.23.1)"};
  SecurityProtectedMessage m;
  m.type = type.value();
  for (std::size_t i = 0; i < 4; ++i) m.mac[i] = pdu[1 + i];
  m.sequence_number = pdu[5];
  m.nas_message.assign(pdu.begin() + kHeaderSize, pdu.end());
  return m;
}

Bytes encode(const SecurityProtectedMessage& m) {
  const auto type = static_cast<std::uint8_t>(m.type);
  if (type < 1 || type > 5)
    throw std::invalid_argument("security protected NAS message: security header type " +
                                std::to_string(type) + " is not 1..5");
  if (m.nas_message.empty())
    throw std::invalid_argument("security protected NAS message: empty NAS message");
  Bytes out;
  out.reserve(kHeaderSize + m.nas_message.size());
  out.push_back(static_cast<std::uint8_t>(type << 4 | kEmmProtocolDiscriminator));
  out.insert(out.end(), m.mac.begin(), m.mac.end());
  out.push_back(m.sequence_number);
  out.insert(out.end(), m.nas_message.begin(), m.nas_message.end());
  return out;
}

}  // namespace secmode::spec::nas
