// The NAS security context both endpoints keep and the receiver's NAS COUNT estimate, the same in
// EPS (TS 24.301 4.4.2.1, 4.4.3.1) and 5GS (TS 24.501 4.4.2.1, 4.4.3.1): a 256-bit key (K_ASME or
// K_AMF) under a 3-bit key set identifier, the selected algorithms and two 24-bit NAS COUNTs.
// eps_nas_protection.h and fivegs_nas_protection.h protect messages with it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "impl/crypto/ct.h"

namespace secmode::impl::engine {

using ByteView = std::span<const std::uint8_t>;

inline constexpr std::uint8_t kNoKsi = 7;  // TS 24.301 9.9.3.21, TS 24.501 9.11.3.32: "no key is available"

// TS 33.401 B.1.1 / B.2.1, TS 33.501 D.2.1 / D.3.1: DIRECTION 0 for uplink, 1 for downlink.
enum class Direction : std::uint8_t { uplink = 0, downlink = 1 };

// An EPS or 5G NAS security context: K_ASME under eKSI or K_AMF under ngKSI, the selected
// algorithms and the two NAS COUNTs, held as the 24-bit values of 4.4.3.1 (overflow counter ||
// sequence number). Counts are named by role, so the same record serves the UE (sends uplink) and
// the network (sends downlink). The key is wiped when the context is dropped or cleared.
struct NasContext {
  std::array<std::uint8_t, 32> key{};
  bool keyed = false;  // false for the null context of EIA0 / NIA0 (4.4.4.1): no key to verify with
  std::uint8_t ksi = kNoKsi;
  bool mapped = false;  // the KSI's type of security context flag (TSC): a mapped context
  std::uint8_t eea = 0, eia = 0;
  std::uint32_t next_tx = 0;  // NAS COUNT of the next message this end sends
  std::uint32_t next_rx = 0;  // lowest NAS COUNT of the other end not yet accepted (4.4.3.2)

  NasContext() = default;
  NasContext(const NasContext&) = default;
  NasContext& operator=(const NasContext&) = default;
  ~NasContext() { clear(); }
  // The partial native context AKA leaves (TS 33.401 6.1.1, TS 33.501 6.1.3): the key under
  // KSI `key_ksi`, no algorithms yet, counts from 0.
  void from_aka(std::span<const std::uint8_t, 32> new_key, std::uint8_t key_ksi) noexcept {
    clear();
    for (std::size_t i = 0; i < key.size(); ++i) key[i] = new_key[i];
    keyed = true;
    ksi = key_ksi;
  }
  void clear() noexcept {
    crypto::ct::wipe_object(key);
    keyed = false;
    ksi = kNoKsi;
    mapped = false;
    eea = eia = 0;
    next_tx = next_rx = 0;
  }
};

// TS 24.301 / TS 24.501 4.4.3.1: a NAS COUNT is 24 bits; the sender increments it after each message.
inline constexpr std::uint32_t kCountMask = 0xffffff;

// The receiver's NAS COUNT for a received sequence number (TS 24.301 / TS 24.501 4.4.3.1:
// COUNT = overflow || SN, the overflow incremented each time SN wraps). Our reading: the smallest
// COUNT with that SN that is not below the last accepted one (next_rx - 1), so the last accepted
// message estimates to its own COUNT (and is then recognised as a replay, 4.4.3.2) and an older
// one to a COUNT one overflow later, whose MAC cannot verify.
constexpr std::uint32_t estimate_count(std::uint32_t next_rx, std::uint8_t sn) {
  const std::uint32_t last = next_rx == 0 ? 0 : (next_rx - 1) & kCountMask;
  std::uint32_t count = (last & ~std::uint32_t{0xff}) | sn;
  if (sn < (last & 0xff)) count += 0x100;
  return count & kCountMask;
}

}  // namespace secmode::impl::engine
