// The network's side of the AS security mode command (eNB in LTE, gNB in NR) over real PDCP PDUs
// and keys: TS 36.331 / TS 38.331 5.3.4.2, 5.3.1.1; TS 33.401 7.2.4.2.1, 7.2.4.5; TS 33.501
// 6.7.3.0, 6.7.4. Driven in lock-step with spec/procedures/as_smc_ran.h by tests/engine/. The
// command goes integrity protected and not ciphered, downlink ciphering starts after it, uplink
// deciphering after a SecurityModeComplete that verifies; a SecurityModeFailure releases the
// connection. Nothing is allocated on the message path.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "impl/engine/as_smc_result.h"
#include "impl/engine/as_wire.h"

namespace secmode::impl::engine {

template <class Wire>
class AsSmcRan {
 public:
  AsSmcRan() noexcept = default;
  ~AsSmcRan();  // wipes the key
  AsSmcRan(const AsSmcRan&) = delete;
  AsSmcRan& operator=(const AsSmcRan&) = delete;

  // The configured priority lists (TS 33.401 7.2.4.2.1, TS 33.501 6.7.3.0), highest priority
  // first, at most 8 algorithms of 0..7 each (false otherwise), for the connections established
  // after the call; empty lists leave the choice among the UE's capabilities to the caller.
  bool priority(std::span<const std::uint8_t> ciphering, std::span<const std::uint8_t> integrity) noexcept;
  // The algorithms the lists choose from the UE's capabilities: of each list, the first the UE
  // supports (kNoAlgorithm when none; with an empty list, the caller's choice stands).
  static constexpr std::uint8_t kNoAlgorithm = 8;
  std::uint8_t preferred_ciphering() const noexcept { return preferred(connection_ciphering_, 0); }
  std::uint8_t preferred_integrity() const noexcept { return preferred(connection_integrity_, 8); }
  // RRC connection established (SRB1 only). False when already connected.
  bool connect() noexcept;
  // Initial Context Setup (TS 36.413 / TS 38.413): K_eNB / K_gNB and the UE security capabilities,
  // bit i for EEA / NEA i and bit 8 + i for EIA / NIA i. False when not connected, when a key is
  // already in place (the AS SMC activates an initial key only, TS 33.401 7.2.4.5), or for the
  // all-zero key.
  bool context_setup(std::span<const std::uint8_t, 32> key, std::uint16_t capabilities) noexcept;
  // Starts the SMC with the algorithms selected (TS 33.401 7.2.4.2.1, TS 33.501 6.7.3.0: from the
  // UE's capabilities, by the configured priority): refused when the UE does not support them, when
  // a configured list ranks another supported algorithm higher, without a key, or once the command
  // has gone, AS security is active or SRB2 / DRBs exist (5.3.4.2).
  AsRanResult start(std::uint8_t eea, std::uint8_t eia, std::span<std::uint8_t> out) noexcept;
  // An uplink PDCP PDU of SRB1.
  AsRanResult receive(ByteView pdu) noexcept;
  // The reconfiguration adding SRB2 and DRBs, allowed once the command has gone (5.3.1.1).
  AsRanResult establish_bearers(ByteView rrc, std::span<std::uint8_t> out) noexcept;
  // Another downlink RRC message on SRB1.
  AsRanResult send(ByteView rrc, std::span<std::uint8_t> out) noexcept;
  // The connection is released. False when not connected.
  bool release() noexcept;

  bool connected() const noexcept { return connected_; }
  bool keyed() const noexcept { return keyed_; }
  std::span<const std::uint8_t, 32> key() const noexcept { return key_; }
  std::uint16_t capabilities() const noexcept { return capabilities_; }
  bool pending() const noexcept { return pending_; }
  bool activated() const noexcept { return activated_; }
  bool bearers() const noexcept { return bearers_; }
  const PdcpSecurity& downlink() const noexcept { return downlink_; }
  const PdcpSecurity& uplink() const noexcept { return uplink_; }
  std::uint32_t tx_count() const noexcept { return tx_next_; }
  std::uint32_t rx_count() const noexcept { return rx_next_; }

 private:
  struct Order {
    std::array<std::uint8_t, 8> algorithms{};
    std::uint8_t size = 0;
  };
  std::uint8_t preferred(const Order& order, unsigned shift) const noexcept;
  void reset() noexcept;
  AsRanResult protect(ByteView rrc, std::span<std::uint8_t> out, const char* clause) noexcept;

  std::array<std::uint8_t, 32> key_{};
  bool connected_ = false, keyed_ = false, pending_ = false, activated_ = false, bearers_ = false;
  std::uint16_t capabilities_ = 0;
  Order ciphering_, integrity_;                        // configured
  Order connection_ciphering_, connection_integrity_;  // in force for this connection
  PdcpSecurity downlink_{}, uplink_{};
  std::uint8_t transaction_id_ = 0;
  std::uint32_t tx_next_ = 0, rx_next_ = 0;
  std::array<std::uint8_t, kMaxSrbPdu> scratch_{};
};

using LteAsSmcEnb = AsSmcRan<LteAsWire>;
using NrAsSmcGnb = AsSmcRan<NrAsWire>;

}  // namespace secmode::impl::engine
