// EPS NAS message protection (TS 24.301 4.4.3, 4.4.4, 9.1; TS 33.401 8.1.1, 8.2, Annex A.7, B):
// the NAS security context both endpoints keep, the sender's protection of a NAS message and the
// receiver's COUNT estimate, MAC check and deciphering. The engines build on this; nothing here
// allocates, throws, or branches on a key or a MAC.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "impl/codec/nas_eps.h"
#include "impl/crypto/ct.h"

namespace secmode::impl::engine {

using ByteView = std::span<const std::uint8_t>;

inline constexpr std::uint8_t kNoKsi = 7;  // TS 24.301 9.9.3.21: "no key is available"

// TS 33.401 B.1.1 / B.2.1: DIRECTION 0 for uplink, 1 for downlink.
enum class Direction : std::uint8_t { uplink = 0, downlink = 1 };

// An EPS NAS security context (TS 24.301 4.4.2.1): K_ASME under eKSI, the selected algorithms and
// the two NAS COUNTs, held as the 24-bit values of 4.4.3.1 (overflow counter || sequence number).
// Counts are named by role, so the same record serves the UE (sends uplink) and the MME (sends
// downlink). K_ASME is wiped when the context is dropped or overwritten by clear().
struct EpsNasContext {
  std::array<std::uint8_t, 32> kasme{};
  bool keyed = false;  // false for the null context of EIA0 (4.4.4.1), which has no K_ASME to verify with
  std::uint8_t ksi = kNoKsi;
  bool mapped = false;  // the eKSI's type of security context flag (9.9.3.21): a mapped context
  std::uint8_t eea = 0, eia = 0;
  std::uint32_t next_tx = 0;  // NAS COUNT of the next message this end sends
  std::uint32_t next_rx = 0;  // lowest NAS COUNT of the other end not yet accepted (4.4.3.2)

  EpsNasContext() = default;
  EpsNasContext(const EpsNasContext&) = default;
  EpsNasContext& operator=(const EpsNasContext&) = default;
  ~EpsNasContext() { clear(); }
  // The partial native context EPS AKA leaves (TS 33.401 6.1.1): K_ASME under eKSI `ksi`, no
  // algorithms yet, counts from 0.
  void from_aka(std::span<const std::uint8_t, 32> key, std::uint8_t key_ksi) noexcept {
    clear();
    for (std::size_t i = 0; i < kasme.size(); ++i) kasme[i] = key[i];
    keyed = true;
    ksi = key_ksi;
  }
  void clear() noexcept {
    crypto::ct::wipe_object(kasme);
    keyed = false;
    ksi = kNoKsi;
    mapped = false;
    eea = eia = 0;
    next_tx = next_rx = 0;
  }
};

// TS 24.301 4.4.3.1: a NAS COUNT is 24 bits; the sender increments it after each message.
inline constexpr std::uint32_t kCountMask = 0xffffff;

// The receiver's NAS COUNT for a received sequence number (TS 24.301 4.4.3.1, TS 33.401 8.1.1:
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

// The protected PDU: header type `type` (1..4 of TS 24.301 table 9.3.1), SN = the low octet of
// `count`, the NAS message ciphered with K_NASenc when the type says so (2 and 4), and the NAS-MAC
// over SN || message (9.1, 4.4.3.3) with K_NASint, BEARER 0 (TS 33.401 8.1.1, 8.2). Keys come from
// `kasme` and the algorithms (A.7). Returns the size written, or why nothing was (an unusable
// argument or a short buffer).
codec::Encoded protect(std::span<const std::uint8_t, 32> kasme, std::uint8_t eea, std::uint8_t eia, std::uint32_t count,
                       Direction direction, nas::SecurityHeaderType type, ByteView plain_message,
                       std::span<std::uint8_t> out) noexcept;

// Whether the NAS-MAC of a decoded protected message verifies for K_ASME, algorithm `eia` and
// `count` (4.4.3.3); compared in constant time. EIA0 verifies nothing: its MAC is all zeros
// (TS 33.401 5.1.4.1, B.2), so only a zero MAC passes.
bool mac_verifies(std::span<const std::uint8_t, 32> kasme, std::uint8_t eia, std::uint32_t count, Direction direction,
                  const nas::SecurityProtectedMessage& message, ByteView pdu) noexcept;

// Deciphers the NAS message of a protected PDU into `out` (EEA0 copies). Returns nullptr, or why not.
const char* decipher(std::span<const std::uint8_t, 32> kasme, std::uint8_t eea, std::uint32_t count,
                     Direction direction, ByteView ciphered, std::span<std::uint8_t> out) noexcept;

}  // namespace secmode::impl::engine
