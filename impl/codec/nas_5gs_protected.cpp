// TS 24.501 8.2.28 / 9.1.1 item 2: the security protected 5GS NAS message, and the first two
// octets every 5GMM message shares (9.2, 9.3).
#include "impl/codec/nas_5gs.h"
#include "impl/codec/nas_5gs_ies.h"
#include "impl/codec/nas_ie.h"

namespace secmode::impl::nas5gs {
namespace {

constexpr const char* kProtected = "SECURITY PROTECTED 5GS NAS MESSAGE";
// Figure 9.1.1.2: EPD (octet 1), security header type (2), MAC (3..6), sequence number (7).
constexpr std::size_t kHeaderSize = 7;
// Table 8.2.28.1.1: the plain 5GS NAS message is "M V 3-n"; its NOTE allows 2 octets for a
// TS 38.509 test mode control message. A ciphered one cannot be told apart, so 2 is the floor.
constexpr std::size_t kMinPlainSize = 2;

bool integrity_only(SecurityHeaderType t) noexcept {
  return t == SecurityHeaderType::integrity_protected ||
         t == SecurityHeaderType::integrity_protected_new_context;
}

// 9.9: "The SECURITY PROTECTED 5GS NAS MESSAGE message ... is not plain 5GS NAS messages and
// shall not be included in this IE." Visible only when the message is not ciphered.
bool nests_protected(ByteView plain) noexcept {
  return plain.size() >= 2 && plain[0] == kFiveGmmEpd && (plain[1] & 0x0f) != 0;
}

Decoded<SecurityProtectedMessage> failed(const char* ie, std::size_t offset,
                                         const char* reason) noexcept {
  return {{}, {kProtected, ie, offset, reason}, 0};
}

}  // namespace

namespace detail {

std::optional<SecurityHeaderType> header_type(ByteView pdu, const char* message,
                                              Error& error) noexcept {
  if (pdu[0] != kFiveGmmEpd) {
    error = {message, "Extended protocol discriminator", 0,
             "not 5GS mobility management (0x7e) (TS 24.501 9.2)"};
    return std::nullopt;
  }
  if (pdu.size() < 2) {
    error = {message, "Security header type", 1,
             "missing: too short for a message type (TS 24.501 7.2)"};
    return std::nullopt;
  }
  // 9.3: "Bits 1 to 4 of the second octet of every 5GMM message contain the Security header type
  // IE"; bits 5 to 8 are the spare half octet (9.5), not interpreted.
  const unsigned type = pdu[1] & 0x0f;
  if (type > 4) {
    error = {message, "Security header type", 1, "reserved value (TS 24.501 table 9.3.1)"};
    return std::nullopt;
  }
  return static_cast<SecurityHeaderType>(type);
}

}  // namespace detail

Decoded<SecurityHeaderType> decode_security_header_type(ByteView pdu) noexcept {
  Decoded<SecurityHeaderType> d;
  if (pdu.empty()) {
    d.error = {"5GMM message", "Extended protocol discriminator", 0,
               "empty: too short for a message type (TS 24.501 7.2)"};
    return d;
  }
  if (const auto type = detail::header_type(pdu, "5GMM message", d.error)) d.value = *type;
  return d;
}

Decoded<SecurityProtectedMessage> decode_security_protected(ByteView pdu) noexcept {
  if (pdu.empty())
    return failed("Extended protocol discriminator", 0,
                  "empty: too short for a message type (TS 24.501 7.2)");
  Decoded<SecurityProtectedMessage> d;
  const auto type = detail::header_type(pdu, kProtected, d.error);
  if (!type) return d;
  if (*type == SecurityHeaderType::plain)
    return failed("Security header type", 1,
                  "plain 5GS NAS message, not security protected (TS 24.501 9.3)");
  if (pdu.size() < 6)
    return failed("Message authentication code", 2,
                  "truncated: the header needs 7 octets (TS 24.501 table 8.2.28.1.1)");
  if (pdu.size() < kHeaderSize)
    return failed("Sequence number", 6,
                  "truncated: the header needs 7 octets (TS 24.501 table 8.2.28.1.1)");
  if (pdu.size() < kHeaderSize + kMinPlainSize)
    return failed("Plain 5GS NAS message", kHeaderSize,
                  "missing or too short: the IE is mandatory with 3-n octets (2 for test mode "
                  "control) (TS 24.501 table 8.2.28.1.1)");
  const ByteView plain = pdu.subspan(kHeaderSize);
  if (integrity_only(*type) && nests_protected(plain))
    return failed("Plain 5GS NAS message", kHeaderSize,
                  "is itself a security protected 5GS NAS message (TS 24.501 9.9)");
  d.value.type = *type;
  for (std::size_t i = 0; i < 4; ++i) d.value.mac[i] = pdu[2 + i];
  d.value.sequence_number = pdu[6];
  d.value.plain_nas_message = plain;
  return d;
}

Encoded encode(const SecurityProtectedMessage& m, std::span<std::uint8_t> out) noexcept {
  const auto type = static_cast<std::uint8_t>(m.type);
  if (type < 1 || type > 4)
    return {0, false, "security header type must be 1..4 (TS 24.501 table 9.3.1)"};
  if (m.plain_nas_message.size() < kMinPlainSize)
    return {0, false,
            "the plain 5GS NAS message is mandatory, 3-n octets or 2 for test mode control (TS "
            "24.501 table 8.2.28.1.1)"};
  if (integrity_only(m.type) && nests_protected(m.plain_nas_message))
    return {0, false, "a readable plain 5GS NAS message cannot itself be protected (TS 24.501 9.9)"};
  nas::detail::Writer w(out);
  w.put(kFiveGmmEpd);
  w.put(type);  // spare half octet 0000 (9.5)
  w.put(m.mac);
  w.put(m.sequence_number);
  w.put(m.plain_nas_message);
  return w.done();
}

}  // namespace secmode::impl::nas5gs
