#include "impl/engine/nas_security.h"

#include <array>

#include "impl/crypto/ct.h"
#include "impl/crypto/eea_eia.h"

namespace secmode::impl::engine {

namespace {

constexpr std::uint8_t kNasEnc = 0x01;  // TS 33.401 Table A.7-1, TS 33.501 Table A.8-1
constexpr std::uint8_t kNasInt = 0x02;

// K_NASenc or K_NASint, wiped by the destructor.
struct AlgorithmKey {
  std::array<std::uint8_t, 16> key{};
  const char* fault = nullptr;
  AlgorithmKey(std::span<const std::uint8_t, 32> nas_key, crypto::KeyHierarchy hierarchy, std::uint8_t type,
               std::uint8_t alg) noexcept {
    const crypto::KdfKey k(nas_key);
    fault = crypto::derive_algorithm_key(k, hierarchy, type, alg, key);
  }
  ~AlgorithmKey() { crypto::ct::wipe_object(key); }
  AlgorithmKey(const AlgorithmKey&) = delete;
  AlgorithmKey& operator=(const AlgorithmKey&) = delete;
};

crypto::CountInputs inputs(NasProfile profile, std::uint32_t count, Direction direction) {
  return {count & kCountMask, profile.bearer, static_cast<std::uint8_t>(direction)};
}

}  // namespace

const char* nas_mac(std::span<const std::uint8_t, 32> key, NasProfile profile, std::uint8_t eia, std::uint32_t count,
                    Direction direction, ByteView from_sn, std::span<std::uint8_t, 4> mac) noexcept {
  const AlgorithmKey k(key, profile.hierarchy, kNasInt, eia);
  if (k.fault) return k.fault;
  return crypto::eia(eia, k.key, inputs(profile, count, direction), from_sn, from_sn.size() * 8, mac);
}

const char* nas_cipher(std::span<const std::uint8_t, 32> key, NasProfile profile, std::uint8_t eea,
                       std::uint32_t count, Direction direction, ByteView in, std::span<std::uint8_t> out) noexcept {
  if (out.size() < in.size()) return "output buffer too small";
  const AlgorithmKey k(key, profile.hierarchy, kNasEnc, eea);
  if (k.fault) return k.fault;
  return crypto::eea(eea, k.key, inputs(profile, count, direction), in, in.size() * 8, out);
}

}  // namespace secmode::impl::engine
