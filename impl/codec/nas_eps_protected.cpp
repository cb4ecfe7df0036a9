// TS 24.301 8.2.23 / 9.1 item 2: the security protected NAS message.
#include "impl/codec/nas_eps.h"
#include "impl/codec/nas_ie.h"

namespace secmode::impl::nas {
namespace {

constexpr const char* kProtected = "SECURITY PROTECTED NAS MESSAGE";
constexpr std::size_t kHeaderSize = 6;  // octet 1, MAC (octets 2..5), sequence number (octet 6)

Decoded<SecurityProtectedMessage> failed(const char* ie, std::size_t offset,
                                         const char* reason) noexcept {
  return {{}, {kProtected, ie, offset, reason}, 0};
}

}  // namespace

Decoded<SecurityProtectedMessage> decode_security_protected(ByteView pdu) noexcept {
  if (pdu.empty())
    return failed("Protocol discriminator", 0,
                  "empty: too short for a message type (TS 24.301 7.2)");
  Decoded<SecurityProtectedMessage> d;
  if (!detail::check_emm_octet(pdu[0], kProtected, d.error)) return d;
  const unsigned type = pdu[0] >> 4;
  if (type == 0)
    return failed("Security header type", 0,
                  "plain NAS message, not security protected (TS 24.301 9.3.1)");
  if (type >= 12)
    return failed("Security header type", 0,
                  "the SERVICE REQUEST header, not a security protected NAS message (TS 24.301 "
                  "table 9.3.1, 8.2.25)");
  if (pdu.size() < 5)
    return failed("Message authentication code", 1,
                  "truncated: the header needs 6 octets (TS 24.301 table 8.2.23.1)");
  if (pdu.size() < kHeaderSize)
    return failed("Sequence number", 5,
                  "truncated: the header needs 6 octets (TS 24.301 table 8.2.23.1)");
  // Table 8.2.23.1: the NAS message is "M V 1-n".
  if (pdu.size() == kHeaderSize)
    return failed("NAS message", kHeaderSize,
                  "missing: the NAS message is mandatory, 1-n octets (TS 24.301 table 8.2.23.1)");
  d.value.type = static_cast<SecurityHeaderType>(type);
  for (std::size_t i = 0; i < 4; ++i) d.value.mac[i] = pdu[1 + i];
  d.value.sequence_number = pdu[5];
  d.value.nas_message = pdu.subspan(kHeaderSize);
  return d;
}

Encoded encode(const SecurityProtectedMessage& m, std::span<std::uint8_t> out) noexcept {
  const auto type = static_cast<std::uint8_t>(m.type);
  if (type < 1 || type > 5)
    return {0, false, "security header type must be 1..5 (TS 24.301 table 9.3.1, 9.1)"};
  if (m.nas_message.empty())
    return {0, false, "the NAS message is mandatory, 1-n octets (TS 24.301 table 8.2.23.1)"};
  detail::Writer w(out);
  w.put(static_cast<std::uint8_t>(type << 4 | detail::kEmmPd));
  w.put(m.mac);
  w.put(m.sequence_number);
  w.put(m.nas_message);
  return w.done();
}

}  // namespace secmode::impl::nas
