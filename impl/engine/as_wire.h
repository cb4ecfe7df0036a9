// What LTE and NR differ in for the AS security mode command (TS 36.331 / TS 38.331 5.3.4): the
// PDCP format of SRB1 (pdcp_srb.h), the key hierarchy K_RRCint / K_RRCenc come from (TS 33.401
// A.7 from K_eNB, TS 33.501 A.8 from K_gNB), and the RRC codecs (impl/codec/rrc_security_mode.h).
// The AS engines (as_smc_ue.h, as_smc_ran.h) are templates over one of the two traits below.
#pragma once

#include <cstdint>
#include <span>

#include "impl/codec/result.h"
#include "impl/engine/pdcp_srb.h"

namespace secmode::impl::engine {

// A SecurityModeCommand's fields the procedure looks at; algorithm identities are the indexes of
// the RRC enumerations (eea0 / nea0 = 0, ...; 4..7 the spares).
struct AsCommand {
  std::uint8_t transaction_id = 0;
  std::uint8_t eea = 0, eia = 0;
  bool integrity_present = true;  // NR: integrityProtAlgorithm is OPTIONAL
};

// An uplink DCCH message as the AS SMC sees it.
struct AsUplink {
  enum class Kind : std::uint8_t { complete, failure, other } kind = Kind::other;
  std::uint8_t transaction_id = 0;
};

struct LteAsWire {
  static constexpr PdcpFormat pdcp = kLtePdcpSrb;
  static constexpr SecurityProfile srb1 = rrc_profile(crypto::KeyHierarchy::eps, 1);
  static constexpr const char* clause_ue = "TS 36.331 5.3.4.3";
  static constexpr const char* clause_network = "TS 36.331 5.3.4.2";
  // A DL-DCCH SecurityModeCommand; false when the message is not one (or cannot be read).
  static bool read_command(ByteView rrc, AsCommand& out) noexcept;
  static AsUplink read_uplink(ByteView rrc) noexcept;
  static codec::Encoded encode_command(const AsCommand& c, std::span<std::uint8_t> out) noexcept;
  static codec::Encoded encode_complete(std::uint8_t transaction_id, std::span<std::uint8_t> out) noexcept;
  static codec::Encoded encode_failure(std::uint8_t transaction_id, std::span<std::uint8_t> out) noexcept;
};

struct NrAsWire {
  static constexpr PdcpFormat pdcp = kNrPdcpSrb;
  static constexpr SecurityProfile srb1 = rrc_profile(crypto::KeyHierarchy::fivegs, 1);
  static constexpr const char* clause_ue = "TS 38.331 5.3.4.3";
  static constexpr const char* clause_network = "TS 38.331 5.3.4.2";
  static bool read_command(ByteView rrc, AsCommand& out) noexcept;
  static AsUplink read_uplink(ByteView rrc) noexcept;
  static codec::Encoded encode_command(const AsCommand& c, std::span<std::uint8_t> out) noexcept;
  static codec::Encoded encode_complete(std::uint8_t transaction_id, std::span<std::uint8_t> out) noexcept;
  static codec::Encoded encode_failure(std::uint8_t transaction_id, std::span<std::uint8_t> out) noexcept;
};

}  // namespace secmode::impl::engine
