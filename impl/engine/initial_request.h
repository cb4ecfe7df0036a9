// What a SECURITY MODE COMMAND replays from the UE's initial request (TS 24.301 5.4.3.2, 5.4.3.3):
// read once here for the UE engine, the MME engine and the oracle.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "impl/codec/nas_eps_emm.h"

namespace secmode::impl::engine {

struct InitialRequest {
  std::span<const std::uint8_t> ue_network_capability;            // 9.9.3.34
  std::optional<nas::UeAdditionalSecurityCapability> additional;  // 9.9.3.53
  std::optional<std::uint32_t> nonce_ue;                          // TAU only (9.9.3.25)
  bool emergency_attach = false;                                  // EPS attach type "EPS emergency attach" (9.9.3.11)
};

// The parts of a decoded ATTACH REQUEST or TRACKING AREA UPDATE REQUEST, or why there are none
// (another message; a TAU REQUEST without UE network capability leaves nothing to check a replay
// against) in `why`.
inline std::optional<InitialRequest> initial_request(const nas::EmmMessage& m, const char*& why) {
  constexpr std::uint8_t kEmergencyAttach = 6;
  if (const auto* attach = std::get_if<nas::AttachRequest>(&m))
    return InitialRequest{attach->ue_network_capability, attach->ue_additional_security_capability, std::nullopt,
                          attach->eps_attach_type == kEmergencyAttach};
  if (const auto* tau = std::get_if<nas::TrackingAreaUpdateRequest>(&m)) {
    if (tau->ue_network_capability)
      return InitialRequest{*tau->ue_network_capability, tau->ue_additional_security_capability, tau->nonce_ue, false};
    why = "a TAU REQUEST without UE network capability leaves nothing to check a replay against";
    return std::nullopt;
  }
  why = "not an initial request: ATTACH REQUEST or TRACKING AREA UPDATE REQUEST";
  return std::nullopt;
}

}  // namespace secmode::impl::engine
