#include "impl/engine/eps_nas_protection.h"

#include "impl/crypto/ct.h"
#include "impl/engine/message_security.h"

namespace secmode::impl::engine {

namespace {

constexpr std::size_t kHeaderSize = 6;  // TS 24.301 table 8.2.23.1: header type/PD, MAC (4), SN

bool ciphered(nas::SecurityHeaderType type) {
  return type == nas::SecurityHeaderType::integrity_protected_ciphered ||
         type == nas::SecurityHeaderType::integrity_protected_ciphered_new_context;
}

}  // namespace

codec::Encoded protect(std::span<const std::uint8_t, 32> kasme, std::uint8_t eea, std::uint8_t eia, std::uint32_t count,
                       Direction direction, nas::SecurityHeaderType type, ByteView plain_message,
                       std::span<std::uint8_t> out) noexcept {
  const auto t = static_cast<std::uint8_t>(type);
  if (t < 1 || t > 4) return {0, false, "security header type 1..4 protects a whole NAS message (TS 24.301 9.3.1)"};
  if (out.size() < kHeaderSize + plain_message.size()) return {0, false, "output buffer too small"};
  nas::SecurityProtectedMessage m;
  m.type = type;
  m.sequence_number = static_cast<std::uint8_t>(count & 0xff);
  m.nas_message = plain_message;
  const codec::Encoded e = nas::encode(m, out);
  if (!e.written) return e;
  if (ciphered(type)) {
    const auto body = out.subspan(kHeaderSize, plain_message.size());
    if (const char* fault = message_cipher(kasme, kEpsNas, eea, count, direction, plain_message, body))
      return {0, false, fault};
  }
  std::array<std::uint8_t, 4> mac{};
  if (const char* fault = message_mac(kasme, kEpsNas, eia, count, direction, ByteView(out).subspan(5, e.size - 5), mac))
    return {0, false, fault};
  for (std::size_t i = 0; i < 4; ++i) out[1 + i] = mac[i];
  return e;
}

bool mac_verifies(std::span<const std::uint8_t, 32> kasme, std::uint8_t eia, std::uint32_t count, Direction direction,
                  const nas::SecurityProtectedMessage& message, ByteView pdu) noexcept {
  AlgorithmKeys keys;
  return mac_verifies(keys, kasme, eia, count, direction, message, pdu);
}

bool mac_verifies(AlgorithmKeys& keys, std::span<const std::uint8_t, 32> kasme, std::uint8_t eia, std::uint32_t count,
                  Direction direction, const nas::SecurityProtectedMessage& message, ByteView pdu) noexcept {
  if (pdu.size() < kHeaderSize) return false;
  return crypto::ct::mac_verifies(
      [&](std::span<std::uint8_t, 4> expected) {
        return keys.mac(kasme, kEpsNas, eia, count, direction, pdu.subspan(5), expected);
      },
      message.mac);
}

}  // namespace secmode::impl::engine
