#include "impl/engine/eps_nas_protection.h"

#include "impl/crypto/eea_eia.h"
#include "impl/crypto/kdf.h"

namespace secmode::impl::engine {

namespace {

constexpr std::size_t kHeaderSize = 6;  // TS 24.301 table 8.2.23.1: header type/PD, MAC (4), SN
constexpr std::uint8_t kNasEnc = 0x01;  // TS 33.401 Table A.7-1
constexpr std::uint8_t kNasInt = 0x02;

// K_NASenc or K_NASint (TS 33.401 A.7), wiped by the destructor.
struct AlgorithmKey {
  std::array<std::uint8_t, 16> key{};
  const char* fault = nullptr;
  AlgorithmKey(std::span<const std::uint8_t, 32> kasme, std::uint8_t type, std::uint8_t alg) noexcept {
    const crypto::KdfKey k(kasme);
    fault = crypto::derive_algorithm_key(k, type, alg, key);
  }
  ~AlgorithmKey() { crypto::ct::wipe_object(key); }
  AlgorithmKey(const AlgorithmKey&) = delete;
  AlgorithmKey& operator=(const AlgorithmKey&) = delete;
};

crypto::CountInputs inputs(std::uint32_t count, Direction direction) {
  return {count & kCountMask, 0, static_cast<std::uint8_t>(direction)};  // BEARER 0: TS 33.401 8.1.1
}

// The MAC of SN || message (the PDU from its sixth octet on).
const char* nas_mac(std::span<const std::uint8_t, 32> kasme, std::uint8_t eia, std::uint32_t count, Direction direction,
                    ByteView from_sn, std::span<std::uint8_t, 4> mac) noexcept {
  const AlgorithmKey k(kasme, kNasInt, eia);
  if (k.fault) return k.fault;
  return crypto::eia(eia, k.key, inputs(count, direction), from_sn, from_sn.size() * 8, mac);
}

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
    const AlgorithmKey k(kasme, kNasEnc, eea);
    if (k.fault) return {0, false, k.fault};
    const auto body = out.subspan(kHeaderSize, plain_message.size());
    if (const char* fault =
            crypto::eea(eea, k.key, inputs(count, direction), plain_message, plain_message.size() * 8, body))
      return {0, false, fault};
  }
  std::array<std::uint8_t, 4> mac{};
  if (const char* fault = nas_mac(kasme, eia, count, direction, ByteView(out).subspan(5, e.size - 5), mac))
    return {0, false, fault};
  for (std::size_t i = 0; i < 4; ++i) out[1 + i] = mac[i];
  return e;
}

bool mac_verifies(std::span<const std::uint8_t, 32> kasme, std::uint8_t eia, std::uint32_t count, Direction direction,
                  const nas::SecurityProtectedMessage& message, ByteView pdu) noexcept {
  if (pdu.size() < kHeaderSize) return false;
  return crypto::ct::mac_verifies(
      [&](std::span<std::uint8_t, 4> expected) {
        return nas_mac(kasme, eia, count, direction, pdu.subspan(5), expected);
      },
      message.mac);
}

const char* decipher(std::span<const std::uint8_t, 32> kasme, std::uint8_t eea, std::uint32_t count,
                     Direction direction, ByteView ciphered_message, std::span<std::uint8_t> out) noexcept {
  if (out.size() < ciphered_message.size()) return "output buffer too small";
  const AlgorithmKey k(kasme, kNasEnc, eea);
  if (k.fault) return k.fault;
  return crypto::eea(eea, k.key, inputs(count, direction), ciphered_message, ciphered_message.size() * 8, out);
}

}  // namespace secmode::impl::engine
