// The MME's side of EPS NAS security mode control over real messages and keys (TS 24.301 5.4.3.2,
// 5.4.3.4, 5.4.3.5, 5.4.3.7, 4.4.3, 4.4.4.3; TS 33.401 7.2.4.4): the production twin of the rule
// table spec/procedures/nas_smc_network.h (EPS instance), refined against it in lock-step by
// tests/engine/. Events in (a key from AKA, an initial request, the decision to start, T3460
// expiry, an uplink PDU), PDU and verdict out; the message path allocates nothing.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "impl/codec/nas_eps.h"
#include "impl/engine/eps_nas_protection.h"
#include "impl/engine/nas_smc_result.h"

namespace secmode::impl::engine {

class EpsNasSmcMme {
 public:
  static constexpr unsigned kMaxRetransmissions = 4;  // 5.4.3.7 b: "repeated four times"

  // EPS AKA completed: a new partial native context under eKSI `ksi` (0..6).
  bool aka(std::span<const std::uint8_t, 32> kasme, std::uint8_t ksi) noexcept;

  // An ATTACH REQUEST or TRACKING AREA UPDATE REQUEST, plain or integrity protected with the current
  // context. Its capabilities are what later commands replay; it is processed even when it fails the
  // integrity check (4.4.4.3), but only a verified one's COUNT is accepted. It aborts a running SMC
  // (5.4.3.7 c). `emergency_pdn` says a TAU comes from a UE with a PDN connection for emergency
  // bearer services.
  NetworkResult receive_initial(ByteView pdu, bool emergency_pdn = false) noexcept;

  // Starts a security mode control procedure naming eKSI `ksi` with the given algorithms (5.4.3.2):
  // the context from the latest AKA, the current one (to change algorithms), or with EIA0 the null
  // context (emergency bearer services without a shared context only).
  NetworkResult start(std::uint8_t ksi, std::uint8_t eea, std::uint8_t eia, std::span<std::uint8_t> out,
                      bool imeisv_request = false) noexcept;

  // T3460 expired: the command again with the next COUNT, four times; at the fifth, abort (5.4.3.7 b).
  NetworkResult timer_expiry(std::span<std::uint8_t> out) noexcept;

  // An uplink PDU: SECURITY MODE COMPLETE or REJECT.
  NetworkResult receive(ByteView pdu) noexcept;

  // What the refinement test's abstraction function reads.
  bool secured() const noexcept { return secured_; }
  const NasContext& current() const noexcept { return current_; }
  bool pending() const noexcept { return pending_; }
  unsigned retransmissions() const noexcept { return retransmissions_; }
  const NasContext& new_context() const noexcept { return new_; }
  bool fresh() const noexcept { return fresh_; }
  const NasContext& fresh_context() const noexcept { return fresh_ctx_; }
  ByteView ue_capabilities() const noexcept { return {caps_.data(), caps_size_}; }
  bool emergency() const noexcept { return emergency_; }
  bool initial_verified() const noexcept { return initial_verified_; }
  bool request_received() const noexcept { return request_received_; }
  // The IMEISV of the latest verified COMPLETE, when it carried one (TS 24.008 10.5.1.4 contents).
  const std::optional<std::array<std::uint8_t, 9>>& imeisv() const noexcept { return imeisv_; }

 private:
  NetworkResult send_command(std::span<std::uint8_t> out) noexcept;

  bool secured_ = false;
  NasContext current_;
  bool pending_ = false;
  unsigned retransmissions_ = 0;
  NasContext new_;
  std::array<std::uint8_t, 64> command_{};  // the plain SECURITY MODE COMMAND, re-protected on each send
  std::size_t command_size_ = 0;
  bool fresh_ = false;
  NasContext fresh_ctx_;
  std::array<std::uint8_t, 4> caps_{};
  std::size_t caps_size_ = 0;
  std::optional<nas::UeAdditionalSecurityCapability> additional_;
  bool emergency_ = false;
  bool initial_verified_ = true;
  bool request_received_ = false;
  std::optional<std::array<std::uint8_t, 9>> imeisv_;
};

}  // namespace secmode::impl::engine
