// The UE's side of EPS NAS security mode control over real messages and keys (TS 24.301 5.4.3.3,
// 5.4.3.5, 4.4.3, 4.4.4.2, 4.4.5; TS 33.401 7.2.4.4): the production twin of the rule table
// spec/procedures/nas_smc_ue.h, which the refinement test (tests/engine/) drives in lock-step
// with it. Event in (a key from AKA, the initial request the UE sends, a downlink PDU), PDU and
// verdict out. The message path allocates nothing: PDUs go into the caller's buffer.
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

class EpsNasSmcUe {
 public:
  // `imeisv`: the mobile identity contents (TS 24.008 10.5.1.4, type 011, 9 octets) the UE returns
  // when the command asks for its IMEISV.
  explicit EpsNasSmcUe(std::span<const std::uint8_t, 9> imeisv) noexcept;

  // EPS AKA completed (TS 33.401 6.1.1): a new partial native context, K_ASME under eKSI `ksi`
  // (0..6), taken into use only by a SECURITY MODE COMMAND that names it. Returns false (and keeps
  // nothing) for a ksi out of range.
  bool aka(std::span<const std::uint8_t, 32> kasme, std::uint8_t ksi) noexcept;

  // The UE sends its initial request, a plain ATTACH REQUEST or TRACKING AREA UPDATE REQUEST: the
  // UE network capability, UE additional security capability, nonceUE and whether it is for
  // emergency bearer services are what a later command must replay (5.4.3.3). With a current
  // context the request goes integrity protected, not ciphered (4.4.5). `emergency_pdn` says a TAU
  // is sent by a UE with a PDN connection for emergency bearer services (an ATTACH says it itself,
  // EPS attach type "EPS emergency attach").
  UeResult send_initial(ByteView plain_request, std::span<std::uint8_t> out, bool emergency_pdn = false) noexcept;

  // A downlink NAS PDU. Only a SECURITY MODE COMMAND is handled here; anything else is discarded.
  UeResult receive(ByteView pdu, std::span<std::uint8_t> out) noexcept;

  // What the refinement test's abstraction function reads.
  bool secured() const noexcept { return secured_; }
  const NasContext& current() const noexcept { return current_; }
  bool fresh() const noexcept { return fresh_; }
  const NasContext& fresh_context() const noexcept { return fresh_ctx_; }
  // The octets a command must replay as UE security capabilities (TS 24.301 9.9.3.36): octets 3..6
  // of the UE network capability last sent (EEA, EIA and, if sent, UEA, UIA), spare bit cleared.
  ByteView expected_replay() const noexcept { return {expected_.data(), expected_size_}; }
  const std::optional<nas::UeAdditionalSecurityCapability>& sent_additional() const noexcept { return additional_; }
  const std::optional<std::uint32_t>& sent_nonce_ue() const noexcept { return nonce_ue_; }
  bool emergency() const noexcept { return emergency_; }

 private:
  UeResult on_command(const nas::SecurityProtectedMessage& header, ByteView pdu, std::span<std::uint8_t> out) noexcept;
  UeResult reject(std::uint8_t cause, const char* clause, std::span<std::uint8_t> out) noexcept;

  std::array<std::uint8_t, 9> imeisv_{};
  bool secured_ = false;
  NasContext current_;
  bool fresh_ = false;
  NasContext fresh_ctx_;
  std::array<std::uint8_t, 4> expected_{};
  std::size_t expected_size_ = 0;
  std::optional<nas::UeAdditionalSecurityCapability> additional_;
  std::optional<std::uint32_t> nonce_ue_;
  bool emergency_ = false;
};

}  // namespace secmode::impl::engine
