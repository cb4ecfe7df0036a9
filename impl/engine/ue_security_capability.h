// The UE security capability a SECURITY MODE COMMAND replays (TS 24.301 9.9.3.36), as both ends
// derive it from the UE network capability of the initial request (9.9.3.34): the EEA and EIA
// octets, then the UEA and UIA octets when the UE sent them. Bit 8 of the UIA octet is UCS2 in the
// UE network capability and spare in the replay, so it is cleared. The GEA octet (from the MS
// network capability, TS 24.008 10.5.5.12) is not derived: a replay's fifth octet is not compared.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace secmode::impl::engine {

inline std::size_t replayed_capability_octets(std::span<const std::uint8_t> capability,
                                              std::span<std::uint8_t, 4> out) noexcept {
  const std::size_t n = std::min<std::size_t>(capability.size(), 4);
  std::copy_n(capability.begin(), n, out.begin());
  if (n == 4) out[3] &= 0x7f;
  return n;
}

}  // namespace secmode::impl::engine
