// NAS EPS (TS 24.301) mobility management messages other than security mode control (ATTACH and
// TRACKING AREA UPDATE REQUEST, the AUTHENTICATION messages, SERVICE REQUEST) compared with
// Wireshark's nas-eps dissection.
#pragma once

#include <optional>
#include <variant>

#include "spec/codec/nas_eps_emm.h"
#include "tests/interop/comparison.h"

namespace secmode::test::interop::eps {

using MobilityMessage =
    std::variant<spec::nas::AttachRequest, spec::nas::TrackingAreaUpdateRequest,
                 spec::nas::AuthenticationRequest, spec::nas::AuthenticationResponse,
                 spec::nas::AuthenticationFailure, spec::nas::AuthenticationReject,
                 spec::nas::ServiceRequest>;

struct MobilityPdu {
  // Absent: the plain message alone. Present: an integrity protected PDU whose NAS message is
  // `plain` (never a SERVICE REQUEST, which has its own header, TS 24.301 8.2.25).
  std::optional<spec::nas::SecurityProtectedMessage> outer;
  MobilityMessage plain;
  spec::Bytes pdu;
};

// Compares `m` with Wireshark's layers of one packet.
void compare(const MobilityPdu& m, const Node& layers, Comparison& c);

}  // namespace secmode::test::interop::eps
