// The network's side of NAS security mode control over real messages and keys, one engine for
// both RATs: the MME (EPS: TS 24.301 5.4.3.2, 5.4.3.4, 5.4.3.5, 5.4.3.7, 4.4.3, 4.4.4.3; TS 33.401
// 7.2.4.4) and the AMF (5GS: TS 24.501 5.4.2.2-5.4.2.7; TS 33.501 6.7.2, 6.9.3), as the spec's one
// rule table spec/procedures/nas_smc_network.h serves both, and refined against it in lock-step by
// tests/engine/. nas_wire.h says what the RATs differ in. Events in (a key from AKA, an initial
// request, the decision to start, timer expiry, an uplink PDU), PDU and verdict out; the message
// path allocates nothing.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "impl/engine/nas_context.h"
#include "impl/engine/nas_smc_result.h"
#include "impl/engine/nas_wire.h"

namespace secmode::impl::engine {

template <class Wire>
class NasSmcNetwork {
 public:
  static constexpr unsigned kMaxRetransmissions = 4;  // 5.4.3.7 b / 5.4.2.7 b: "repeated four times"

  // AKA completed: a new partial native context, K_ASME / K_AMF under KSI `ksi` (0..6).
  bool aka(std::span<const std::uint8_t, 32> key, std::uint8_t ksi) noexcept;

  // An initial request (ATTACH / TAU REQUEST, REGISTRATION REQUEST), plain or integrity protected
  // with the current context. Its capabilities are what later commands replay; it is processed
  // even when it fails the integrity check (4.4.4.3), but only a verified one's COUNT is accepted
  // (and in 5GS the next command then asks for the request again, RINMR). It aborts a running SMC
  // (5.4.3.7 c / 5.4.2.7 c). `emergency` says the UE has a PDN connection / PDU session for
  // emergency services (an ATTACH or REGISTRATION REQUEST can say so itself).
  NetworkResult receive_initial(ByteView pdu, bool emergency = false) noexcept;

  // Starts a security mode control procedure naming KSI `ksi` with the given algorithms
  // (5.4.3.2 / 5.4.2.2): the context from the latest AKA, the current one, or with null integrity
  // the null context (emergency services without a shared context only). `horizontal` (5GS) asks
  // for K'_AMF from the current K_AMF (TS 33.501 6.9.3); it applies only to the current context.
  NetworkResult start(std::uint8_t ksi, std::uint8_t eea, std::uint8_t eia, std::span<std::uint8_t> out,
                      bool imeisv_request = false, bool horizontal = false) noexcept;

  // T3460 / T3560 expired: the command again with the next COUNT, four times; at the fifth, abort.
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
  ByteView ue_capabilities() const noexcept { return {request_.caps.data(), request_.caps_size}; }
  bool emergency() const noexcept { return emergency_; }
  bool initial_verified() const noexcept { return initial_verified_; }
  bool request_received() const noexcept { return request_received_; }
  // The uplink NAS COUNT of the latest initial request as estimated on receipt (0 for one in the
  // clear): what K'_AMF is derived from (TS 33.501 6.9.3).
  std::uint32_t initial_count() const noexcept { return initial_count_; }
  // The IMEISV of the latest verified COMPLETE, when it carried one (the mobile identity contents).
  const std::optional<std::array<std::uint8_t, 9>>& imeisv() const noexcept { return complete_.imeisv; }
  // 5GS: whether the latest verified COMPLETE returned the initial request (NAS message container).
  bool initial_message_returned() const noexcept { return complete_.initial_message; }

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
  ReplayedCapabilities request_;
  bool emergency_ = false;
  bool initial_verified_ = true;
  bool request_received_ = false;
  std::uint32_t initial_count_ = 0;
  CompleteFields complete_;
};

using EpsNasSmcMme = NasSmcNetwork<EpsNasWire>;
using FivegsNasSmcAmf = NasSmcNetwork<FivegsNasWire>;

extern template class NasSmcNetwork<EpsNasWire>;
extern template class NasSmcNetwork<FivegsNasWire>;

}  // namespace secmode::impl::engine
