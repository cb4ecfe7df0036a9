// The UE's side of NAS security mode control over real messages and keys, one engine for both
// RATs as the spec's one rule table spec/procedures/nas_smc_ue.h serves both: EPS (TS 24.301
// 5.4.3.3, 5.4.3.5, 4.4.3, 4.4.4.2, 4.4.5; TS 33.401 7.2.4.4) and 5GS (TS 24.501 5.4.2.3, 5.4.2.5,
// 4.4.6; TS 33.501 6.7.2, 6.9.3: K'_AMF on K_AMF_change_flag, the initial request returned in the
// COMPLETE), driven in lock-step with the table by tests/engine/. nas_wire.h says what the RATs
// differ in. Event in (a key from AKA, the initial request the UE sends, a downlink PDU), PDU and
// verdict out. The message path allocates nothing: PDUs go into the caller's buffer.
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
class NasSmcUe {
 public:
  // `imeisv`: the mobile identity contents holding the IMEISV (TS 24.008 10.5.1.4 in EPS, TS 24.501
  // figure 9.11.3.4.2 in 5GS; 9 octets) the UE returns when the command asks for it.
  explicit NasSmcUe(std::span<const std::uint8_t, 9> imeisv) noexcept;

  // AKA completed (TS 33.401 6.1.1, TS 33.501 6.1.3): a new partial native context, K_ASME /
  // K_AMF under KSI `ksi` (0..6), taken into use only by a SECURITY MODE COMMAND that names it.
  // False (and nothing kept) for a ksi out of range.
  bool aka(std::span<const std::uint8_t, 32> key, std::uint8_t ksi) noexcept;

  // The UE sends its initial request, plain: ATTACH or TRACKING AREA UPDATE REQUEST, REGISTRATION
  // REQUEST. What a later command must replay is read from it (5.4.3.3 / 5.4.2.3). With a current
  // context it goes integrity protected, not ciphered (4.4.5 / 4.4.6); without one in the clear
  // (and in 5GS a later COMPLETE returns it whole). `emergency` says the UE has a PDN connection /
  // PDU session for emergency services (an ATTACH or REGISTRATION REQUEST can say so itself).
  UeResult send_initial(ByteView plain_request, std::span<std::uint8_t> out, bool emergency = false) noexcept;

  // A downlink NAS PDU. Only a SECURITY MODE COMMAND is handled here; anything else is discarded.
  UeResult receive(ByteView pdu, std::span<std::uint8_t> out) noexcept;

  // What the refinement test's abstraction function reads.
  bool secured() const noexcept { return secured_; }
  const NasContext& current() const noexcept { return current_; }
  bool fresh() const noexcept { return fresh_; }
  const NasContext& fresh_context() const noexcept { return fresh_ctx_; }
  // The UE security capabilities a command must replay, as compared (EPS: TS 24.301 9.9.3.36
  // octets 3..6 of the UE network capability last sent, spare bit cleared; 5GS: the UE security
  // capability contents last sent).
  ByteView expected_replay() const noexcept { return {sent_.caps.data(), sent_.caps_size}; }
  const std::optional<nas::UeAdditionalSecurityCapability>& sent_additional() const noexcept {
    return sent_.additional;
  }
  const std::optional<std::uint32_t>& sent_nonce_ue() const noexcept { return sent_.nonce_ue; }
  bool emergency() const noexcept { return emergency_; }
  bool initial_unprotected() const noexcept { return initial_unprotected_; }
  // The uplink NAS COUNT the latest initial request went with, which K'_AMF is derived from
  // (TS 33.501 6.9.3); 0 for a request sent in the clear.
  std::uint32_t initial_count() const noexcept { return initial_count_; }

 private:
  template <class Message>
  UeResult on_command(const Message& header, ByteView pdu, std::span<std::uint8_t> out) noexcept;
  UeResult reject(std::uint8_t cause, const char* clause, std::span<std::uint8_t> out) noexcept;

  std::array<std::uint8_t, 9> imeisv_{};
  bool secured_ = false;
  NasContext current_;
  bool fresh_ = false;
  NasContext fresh_ctx_;
  ReplayedCapabilities sent_;
  bool emergency_ = false;
  bool initial_unprotected_ = false;
  std::uint32_t initial_count_ = 0;
  std::array<std::uint8_t, 512> initial_{};  // the plain request, for the COMPLETE's NAS message container
  std::size_t initial_size_ = 0;
};

using EpsNasSmcUe = NasSmcUe<EpsNasWire>;
using FivegsNasSmcUe = NasSmcUe<FivegsNasWire>;

extern template class NasSmcUe<EpsNasWire>;
extern template class NasSmcUe<FivegsNasWire>;

}  // namespace secmode::impl::engine
