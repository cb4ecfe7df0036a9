#include "impl/engine/message_security.h"

#include <array>

#include "impl/crypto/ct.h"
#include "impl/crypto/eea_eia.h"

namespace secmode::impl::engine {

namespace {

// K_NASenc, K_NASint, K_RRCenc or K_RRCint, wiped by the destructor.
struct AlgorithmKey {
  std::array<std::uint8_t, 16> key{};
  const char* fault = nullptr;
  AlgorithmKey(std::span<const std::uint8_t, 32> from, crypto::KeyHierarchy hierarchy, std::uint8_t type,
               std::uint8_t alg) noexcept {
    const crypto::KdfKey k(from);
    fault = crypto::derive_algorithm_key(k, hierarchy, type, alg, key);
  }
  ~AlgorithmKey() { crypto::ct::wipe_object(key); }
  AlgorithmKey(const AlgorithmKey&) = delete;
  AlgorithmKey& operator=(const AlgorithmKey&) = delete;
};

crypto::CountInputs inputs(SecurityProfile profile, std::uint32_t count, Direction direction) {
  return {count & profile.count_mask, profile.bearer, static_cast<std::uint8_t>(direction)};
}

}  // namespace

const char* message_mac(std::span<const std::uint8_t, 32> key, SecurityProfile profile, std::uint8_t eia,
                        std::uint32_t count, Direction direction, ByteView message,
                        std::span<std::uint8_t, 4> mac) noexcept {
  const AlgorithmKey k(key, profile.hierarchy, profile.integrity_type, eia);
  if (k.fault) return k.fault;
  return crypto::eia(eia, k.key, inputs(profile, count, direction), message, message.size() * 8, mac);
}

const char* message_cipher(std::span<const std::uint8_t, 32> key, SecurityProfile profile, std::uint8_t eea,
                           std::uint32_t count, Direction direction, ByteView in,
                           std::span<std::uint8_t> out) noexcept {
  if (out.size() < in.size()) return "output buffer too small";
  const AlgorithmKey k(key, profile.hierarchy, profile.ciphering_type, eea);
  if (k.fault) return k.fault;
  return crypto::eea(eea, k.key, inputs(profile, count, direction), in, in.size() * 8, out);
}

}  // namespace secmode::impl::engine
