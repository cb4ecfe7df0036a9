// The AMF's side of 5GS NAS security mode control over real messages and keys (TS 24.501 5.4.2.2,
// 5.4.2.4, 5.4.2.5, 5.4.2.7, 4.4.3, 4.4.4.3; TS 33.501 6.7.2, 6.9.3): the production twin of the
// rule table spec/procedures/nas_smc_network.h (5GS instance), refined against it in lock-step by
// tests/engine/. The 5GS sibling of eps_nas_smc_mme.h: K'_AMF on request (K_AMF_change_flag), and
// RINMR when the initial request failed the integrity check. The message path allocates nothing.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "impl/codec/nas_5gs.h"
#include "impl/engine/fivegs_nas_protection.h"
#include "impl/engine/nas_smc_result.h"

namespace secmode::impl::engine {

class FivegsNasSmcAmf {
 public:
  static constexpr unsigned kMaxRetransmissions = 4;  // 5.4.2.7 b: "repeated four times"

  // 5G AKA completed: a new partial native context, K_AMF under ngKSI `ksi` (0..6).
  bool aka(std::span<const std::uint8_t, 32> kamf, std::uint8_t ksi) noexcept;

  // A REGISTRATION REQUEST, plain or integrity protected with the current context. Its UE security
  // capability is what later commands replay; it is processed even when it fails the integrity
  // check (4.4.4.3), but only a verified one's COUNT is accepted, and the next command then asks
  // for the request again (RINMR, 5.4.2.2). It aborts a running SMC (5.4.2.7 c).
  // `emergency_session` says the UE has a PDU session for emergency services.
  NetworkResult receive_initial(ByteView pdu, bool emergency_session = false) noexcept;

  // Starts a security mode control procedure naming ngKSI `ksi` with the given algorithms
  // (5.4.2.2): the context from the latest AKA, the current one, or with NIA0 the null context
  // (emergency services without a shared context only). `horizontal` asks for K'_AMF from the
  // current K_AMF (TS 33.501 6.9.3); it applies only to the current context.
  NetworkResult start(std::uint8_t ksi, std::uint8_t nea, std::uint8_t nia, std::span<std::uint8_t> out,
                      bool imeisv_request = false, bool horizontal = false) noexcept;

  // T3560 expired: the command again with the next COUNT, four times; at the fifth, abort (5.4.2.7 b).
  NetworkResult timer_expiry(std::span<std::uint8_t> out) noexcept;

  // An uplink PDU: SECURITY MODE COMPLETE or REJECT.
  NetworkResult receive(ByteView pdu) noexcept;

  // What the refinement test's abstraction function reads.
  bool secured() const noexcept { return secured_; }
  const NasContext& current() const noexcept { return current_; }
  bool pending() const noexcept { return pending_; }
  unsigned retransmissions() const noexcept { return retransmissions_; }
  const NasContext& new_context() const noexcept { return new_; }
  bool new_derived() const noexcept { return new_derived_; }
  bool fresh() const noexcept { return fresh_; }
  const NasContext& fresh_context() const noexcept { return fresh_ctx_; }
  ByteView ue_capabilities() const noexcept { return {caps_.data(), caps_size_}; }
  bool emergency() const noexcept { return emergency_; }
  bool initial_verified() const noexcept { return initial_verified_; }
  bool request_received() const noexcept { return request_received_; }
  // The uplink NAS COUNT of the latest REGISTRATION REQUEST as estimated on receipt (0 for one in
  // the clear): what K'_AMF is derived from (TS 33.501 6.9.3).
  std::uint32_t initial_count() const noexcept { return initial_count_; }
  // The IMEISV of the latest verified COMPLETE, when it carried one (figure 9.11.3.4.2 contents).
  const std::optional<std::array<std::uint8_t, 9>>& imeisv() const noexcept { return imeisv_; }
  // Whether the latest verified COMPLETE returned the initial request (NAS message container).
  bool initial_message_returned() const noexcept { return initial_message_returned_; }

 private:
  NetworkResult send_command(std::span<std::uint8_t> out) noexcept;

  bool secured_ = false;
  NasContext current_;
  bool pending_ = false;
  unsigned retransmissions_ = 0;
  NasContext new_;
  bool new_derived_ = false;
  std::array<std::uint8_t, 64> command_{};  // the plain SECURITY MODE COMMAND, re-protected on each send
  std::size_t command_size_ = 0;
  bool fresh_ = false;
  NasContext fresh_ctx_;
  std::array<std::uint8_t, 8> caps_{};
  std::size_t caps_size_ = 0;
  bool emergency_ = false;
  bool initial_verified_ = true;
  bool request_received_ = false;
  std::uint32_t initial_count_ = 0;
  std::optional<std::array<std::uint8_t, 9>> imeisv_;
  bool initial_message_returned_ = false;
};

}  // namespace secmode::impl::engine
