// What a call on an AS security mode command engine did (as_smc_ue.h, as_smc_ran.h), LTE and NR
// alike. `pdu` is the part of the caller's buffer holding the PDCP PDU the engine sends (empty if
// nothing); `clause` cites the rule that decided; `reason` says why a PDU was not processed or a
// call was refused.
#pragma once

#include <cstdint>

#include "impl/engine/nas_context.h"

namespace secmode::impl::engine {

struct AsUeResult {
  enum class Outcome : std::uint8_t {
    completed,  // SecurityModeComplete in `pdu`: integrity on, ciphering on after it
    failed,     // SecurityModeFailure in `pdu`, unprotected; configuration kept
    sent,       // send: the uplink message in `pdu`
    delivered,  // a downlink message other than a command to answer, for RRC (`pdu` empty)
    discarded,  // not processed: not connected, fails integrity verification, a second command
    refused,    // the call broke its contract (not connected, buffer too small, unknown algorithm)
  };
  Outcome outcome = Outcome::refused;
  ByteView pdu;
  const char* clause = "";
  const char* reason = "";
};

struct AsRanResult {
  enum class Outcome : std::uint8_t {
    sent,       // a SecurityModeCommand, a reconfiguration or another downlink message in `pdu`
    activated,  // a SecurityModeComplete verified: uplink deciphering on
    released,   // SecurityModeFailure: the connection is released
    delivered,  // another uplink message
    discarded,  // not processed: fails integrity verification, unexpected
    refused,    // the call broke its contract or the standard forbids it (no key, unsupported algorithm,
                // a second command, buffer too small)
  };
  Outcome outcome = Outcome::refused;
  ByteView pdu;
  const char* clause = "";
  const char* reason = "";
};

}  // namespace secmode::impl::engine
