// The UE's side of the AS security mode command over real PDCP PDUs and keys, LTE and NR (TS
// 36.331 / TS 38.331 5.3.4.3, 5.3.1.1, 5.3.11; TS 33.401 7.2.4.5; TS 33.501 6.7.4), driven in
// lock-step with the rule table spec/procedures/as_smc_ue.h by tests/engine/. The UE verifies the
// command's MAC-I with K_RRCint of the commanded algorithm, starts integrity protection at once,
// sends SecurityModeComplete integrity protected and not ciphered, then starts ciphering; a
// command that fails the check gets SecurityModeFailure, unprotected, and the UE keeps its
// configuration. as_wire.h says what LTE and NR differ in. Nothing is allocated on the message
// path: PDUs go into the caller's buffer.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "impl/engine/as_smc_result.h"
#include "impl/engine/as_wire.h"

namespace secmode::impl::engine {

template <class Wire>
class AsSmcUe {
 public:
  AsSmcUe() noexcept = default;
  ~AsSmcUe();  // wipes the key
  AsSmcUe(const AsSmcUe&) = delete;
  AsSmcUe& operator=(const AsSmcUe&) = delete;

  // RRC connection established (SRB1), with the K_eNB / K_gNB the UE derives from its current NAS
  // security context (TS 33.401 A.3, TS 33.501 A.9). False when already connected.
  bool connect(std::span<const std::uint8_t, 32> key) noexcept;
  // A downlink PDCP PDU of SRB1.
  AsUeResult receive(ByteView pdu, std::span<std::uint8_t> out) noexcept;
  // An uplink RRC message (or one carrying NAS) on SRB1, protected as the UE's configuration says.
  AsUeResult send(ByteView rrc, std::span<std::uint8_t> out) noexcept;
  // The UE leaves RRC_CONNECTED and discards the AS keys (5.3.11). False when not connected.
  bool release() noexcept;

  bool connected() const noexcept { return connected_; }
  bool activated() const noexcept { return activated_; }
  const PdcpSecurity& security() const noexcept { return security_; }
  std::span<const std::uint8_t, 32> key() const noexcept { return key_; }
  std::uint32_t tx_count() const noexcept { return tx_next_; }
  std::uint32_t rx_count() const noexcept { return rx_next_; }

 private:
  void reset() noexcept;

  std::array<std::uint8_t, 32> key_{};
  bool connected_ = false, activated_ = false;
  PdcpSecurity security_{};
  std::uint32_t tx_next_ = 0, rx_next_ = 0;  // COUNTs of the next uplink PDU and the next expected downlink one
  std::array<std::uint8_t, kMaxSrbPdu> scratch_{};
};

using LteAsSmcUe = AsSmcUe<LteAsWire>;
using NrAsSmcUe = AsSmcUe<NrAsWire>;

}  // namespace secmode::impl::engine
