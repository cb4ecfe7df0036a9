// The UE's side of 5GS NAS security mode control over real messages and keys (TS 24.501 5.4.2.3,
// 5.4.2.5, 4.4.3, 4.4.4.2, 4.4.6; TS 33.501 6.7.2, 6.9.3): the production twin of the rule table
// spec/procedures/nas_smc_ue.h (5GS instance), driven in lock-step with it by tests/engine/. The
// 5GS sibling of eps_nas_smc_ue.h: no nonces, K'_AMF when the command asks for it, and the
// initial request returned in the COMPLETE. The message path allocates nothing.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "impl/codec/nas_5gs.h"
#include "impl/engine/fivegs_nas_protection.h"
#include "impl/engine/nas_smc_result.h"

namespace secmode::impl::engine {

class FivegsNasSmcUe {
 public:
  // `imeisv`: the 5GS mobile identity contents holding the IMEISV (TS 24.501 figure 9.11.3.4.2,
  // 9 octets) the UE returns when the command asks for it.
  explicit FivegsNasSmcUe(std::span<const std::uint8_t, 9> imeisv) noexcept;

  // 5G AKA completed (TS 33.501 6.1.3): a new partial native context, K_AMF under ngKSI `ksi`
  // (0..6), taken into use only by a SECURITY MODE COMMAND that names it. False (and nothing kept)
  // for a ksi out of range.
  bool aka(std::span<const std::uint8_t, 32> kamf, std::uint8_t ksi) noexcept;

  // The UE sends a plain REGISTRATION REQUEST: its UE security capability is what a later command
  // must replay (5.4.2.3). With a current context it goes integrity protected, not ciphered; without
  // one it goes in the clear, and a later COMPLETE returns it whole (4.4.6). `emergency_session` says
  // the UE has a PDU session for emergency services (a request says so itself with registration
  // type "emergency registration", 9.11.3.7).
  UeResult send_initial(ByteView plain_request, std::span<std::uint8_t> out, bool emergency_session = false) noexcept;

  // A downlink 5GS NAS PDU. Only a SECURITY MODE COMMAND is handled here; anything else is discarded.
  UeResult receive(ByteView pdu, std::span<std::uint8_t> out) noexcept;

  // What the refinement test's abstraction function reads.
  bool secured() const noexcept { return secured_; }
  const NasContext& current() const noexcept { return current_; }
  bool fresh() const noexcept { return fresh_; }
  const NasContext& fresh_context() const noexcept { return fresh_ctx_; }
  // The UE security capability contents last sent (9.11.3.54, octets 3..: 2 to 8 octets).
  ByteView expected_replay() const noexcept { return {expected_.data(), expected_size_}; }
  bool emergency() const noexcept { return emergency_; }
  bool initial_unprotected() const noexcept { return initial_unprotected_; }
  // The uplink NAS COUNT the latest REGISTRATION REQUEST went with, which K'_AMF is derived from
  // (TS 33.501 6.9.3); 0 for a request sent in the clear.
  std::uint32_t initial_count() const noexcept { return initial_count_; }

 private:
  UeResult on_command(const nas5gs::SecurityProtectedMessage& header, ByteView pdu,
                      std::span<std::uint8_t> out) noexcept;
  UeResult reject(std::uint8_t cause, const char* clause, std::span<std::uint8_t> out) noexcept;

  std::array<std::uint8_t, 9> imeisv_{};
  bool secured_ = false;
  NasContext current_;
  bool fresh_ = false;
  NasContext fresh_ctx_;
  std::array<std::uint8_t, 8> expected_{};
  std::size_t expected_size_ = 0;
  bool emergency_ = false;
  bool initial_unprotected_ = false;
  std::uint32_t initial_count_ = 0;
  std::array<std::uint8_t, 512> initial_{};  // the plain request, for the COMPLETE's NAS message container
  std::size_t initial_size_ = 0;
};

}  // namespace secmode::impl::engine
