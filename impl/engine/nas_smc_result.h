// What a call on a NAS security mode control engine did, on the UE's side and the network's
// (MME or AMF), the same for EPS (TS 24.301 5.4.3) and 5GS (TS 24.501 5.4.2). `pdu` is the part of
// the caller's buffer holding what the engine sends (empty if nothing); `clause` cites the rule
// that decided; `reason` and `offset` say why a PDU was not processed or a call was refused.
#pragma once

#include <cstddef>
#include <cstdint>

#include "impl/engine/nas_context.h"

namespace secmode::impl::engine {

struct UeResult {
  enum class Outcome : std::uint8_t {
    sent,       // send_initial: the request went out (`pdu`)
    completed,  // SECURITY MODE COMPLETE in `pdu`
    rejected,   // SECURITY MODE REJECT #cause in `pdu`
    discarded,  // the PDU was not processed (replay, not integrity protected, not an SMC, malformed)
    refused,    // the call broke its contract (malformed initial request, buffer too small)
  };
  Outcome outcome = Outcome::refused;
  std::uint8_t cause = 0;
  ByteView pdu;
  const char* clause = "";
  const char* reason = "";
  std::size_t offset = 0;
};

struct NetworkResult {
  enum class Outcome : std::uint8_t {
    nothing,       // processed; nothing to send (an initial request recorded, a REJECT with no SMC running)
    command_sent,  // a SECURITY MODE COMMAND, first or retransmitted, in `pdu`
    aborted,       // the SMC (and the procedure that started it) is aborted: timer, REJECT, collision
    completed,     // a SECURITY MODE COMPLETE verified: the new context is in use
    discarded,     // the PDU was not processed (fails the integrity check, a replay, malformed, unexpected)
    refused,       // the call broke its contract or the standard forbids it (no such context, null
                   // integrity without emergency)
  };
  Outcome outcome = Outcome::refused;
  ByteView pdu;
  const char* clause = "";
  const char* reason = "";
  std::size_t offset = 0;
};

}  // namespace secmode::impl::engine
