#include "impl/engine/fivegs_nas_protection.h"

#include <array>

#include "impl/crypto/ct.h"

namespace secmode::impl::engine {

namespace {

// TS 24.501 table 8.2.28.1.1: EPD, security header type, MAC (4), SN; the SN is octet 7.
constexpr std::size_t kHeaderSize = 7;
constexpr std::size_t kSnOffset = 6;

bool ciphered(nas5gs::SecurityHeaderType type) {
  return type == nas5gs::SecurityHeaderType::integrity_protected_ciphered ||
         type == nas5gs::SecurityHeaderType::integrity_protected_ciphered_new_context;
}

}  // namespace

codec::Encoded protect(std::span<const std::uint8_t, 32> kamf, std::uint8_t nea, std::uint8_t nia, std::uint32_t count,
                       Direction direction, nas5gs::SecurityHeaderType type, ByteView plain_message,
                       std::span<std::uint8_t> out) noexcept {
  const auto t = static_cast<std::uint8_t>(type);
  if (t < 1 || t > 4) return {0, false, "security header type 1..4 protects a whole 5GMM message (TS 24.501 9.3)"};
  if (out.size() < kHeaderSize + plain_message.size()) return {0, false, "output buffer too small"};
  nas5gs::SecurityProtectedMessage m;
  m.type = type;
  m.sequence_number = static_cast<std::uint8_t>(count & 0xff);
  m.plain_nas_message = plain_message;
  const codec::Encoded e = nas5gs::encode(m, out);
  if (!e.written) return e;
  if (ciphered(type)) {
    const auto body = out.subspan(kHeaderSize, plain_message.size());
    if (const char* fault = message_cipher(kamf, kFivegsNas, nea, count, direction, plain_message, body))
      return {0, false, fault};
  }
  std::array<std::uint8_t, 4> mac{};
  if (const char* fault = message_mac(kamf, kFivegsNas, nia, count, direction,
                                      ByteView(out).subspan(kSnOffset, e.size - kSnOffset), mac))
    return {0, false, fault};
  for (std::size_t i = 0; i < 4; ++i) out[2 + i] = mac[i];
  return e;
}

bool mac_verifies(std::span<const std::uint8_t, 32> kamf, std::uint8_t nia, std::uint32_t count, Direction direction,
                  const nas5gs::SecurityProtectedMessage& message, ByteView pdu) noexcept {
  AlgorithmKeys keys;
  return mac_verifies(keys, kamf, nia, count, direction, message, pdu);
}

bool mac_verifies(AlgorithmKeys& keys, std::span<const std::uint8_t, 32> kamf, std::uint8_t nia, std::uint32_t count,
                  Direction direction, const nas5gs::SecurityProtectedMessage& message, ByteView pdu) noexcept {
  if (pdu.size() < kHeaderSize) return false;
  return crypto::ct::mac_verifies(
      [&](std::span<std::uint8_t, 4> expected) {
        return keys.mac(kamf, kFivegsNas, nia, count, direction, pdu.subspan(kSnOffset), expected);
      },
      message.mac);
}

}  // namespace secmode::impl::engine
