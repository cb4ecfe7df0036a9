#include "impl/engine/message_security.h"

#include <algorithm>
#include <array>

#include "impl/crypto/ct.h"
#include "impl/crypto/eea_eia.h"

namespace secmode::impl::engine {

namespace {

crypto::CountInputs inputs(SecurityProfile profile, std::uint32_t count, Direction direction) {
  return {count & profile.count_mask, profile.bearer, static_cast<std::uint8_t>(direction)};
}

}  // namespace

AlgorithmKeys::~AlgorithmKeys() {
  for (Entry& e : entries_)
    if (e.key) {
      e.key.reset();  // the algorithm's key object wipes itself
      crypto::ct::wipe_object(e.parent);
    }
}

const crypto::EeaEiaKey* AlgorithmKeys::get(std::span<const std::uint8_t, 32> parent, crypto::KeyHierarchy hierarchy,
                                            std::uint8_t type, std::uint8_t alg, const char*& fault) noexcept {
  // The entry used last first: a receiver checks message after message under one context.
  const auto matches = [&](const Entry& e) {
    return e.key && e.key->alg() == alg && e.hierarchy == hierarchy && e.type == type &&
           crypto::ct::equal_bytes(e.parent.data(), parent.data(), parent.size());
  };
  if (matches(entries_[last_])) return &*entries_[last_].key;
  for (std::size_t i = 0; i < kEntries; ++i)
    if (matches(entries_[i])) {
      last_ = i;
      return &*entries_[i].key;
    }
  std::array<std::uint8_t, 16> derived{};
  const crypto::KdfKey k(parent);
  fault = crypto::derive_algorithm_key(k, hierarchy, type, alg, derived);
  if (fault) {
    crypto::ct::wipe_object(derived);
    return nullptr;
  }
  last_ = next_;
  Entry& e = entries_[next_];
  next_ = (next_ + 1) % kEntries;
  e.key.emplace(alg, derived);
  crypto::ct::wipe_object(derived);
  std::copy(parent.begin(), parent.end(), e.parent.begin());
  e.hierarchy = hierarchy;
  e.type = type;
  return &*e.key;
}

const char* AlgorithmKeys::mac(std::span<const std::uint8_t, 32> key, SecurityProfile profile, std::uint8_t eia,
                               std::uint32_t count, Direction direction, ByteView message,
                               std::span<std::uint8_t, 4> mac) noexcept {
  const char* fault = nullptr;
  const auto* k = get(key, profile.hierarchy, profile.integrity_type, eia, fault);
  if (!k) return fault;
  return crypto::eia(*k, inputs(profile, count, direction), message, message.size() * 8, mac);
}

const char* AlgorithmKeys::cipher(std::span<const std::uint8_t, 32> key, SecurityProfile profile, std::uint8_t eea,
                                  std::uint32_t count, Direction direction, ByteView in,
                                  std::span<std::uint8_t> out) noexcept {
  if (out.size() < in.size()) return "output buffer too small";
  const char* fault = nullptr;
  const auto* k = get(key, profile.hierarchy, profile.ciphering_type, eea, fault);
  if (!k) return fault;
  return crypto::eea(*k, inputs(profile, count, direction), in, in.size() * 8, out);
}

const char* message_mac(std::span<const std::uint8_t, 32> key, SecurityProfile profile, std::uint8_t eia,
                        std::uint32_t count, Direction direction, ByteView message,
                        std::span<std::uint8_t, 4> mac) noexcept {
  AlgorithmKeys keys;
  return keys.mac(key, profile, eia, count, direction, message, mac);
}

const char* message_cipher(std::span<const std::uint8_t, 32> key, SecurityProfile profile, std::uint8_t eea,
                           std::uint32_t count, Direction direction, ByteView in,
                           std::span<std::uint8_t> out) noexcept {
  AlgorithmKeys keys;
  return keys.cipher(key, profile, eea, count, direction, in, out);
}

}  // namespace secmode::impl::engine
