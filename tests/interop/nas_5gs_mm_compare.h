// NAS 5GS (TS 24.501) mobility management messages other than security mode control (REGISTRATION
// REQUEST, the AUTHENTICATION messages) compared with Wireshark's nas-5gs dissection.
#pragma once

#include <optional>
#include <variant>

#include "spec/codec/nas_5gs_mm.h"
#include "tests/interop/comparison.h"

namespace secmode::test::interop::fivegs {

using MobilityMessage =
    std::variant<spec::nas5gs::RegistrationRequest, spec::nas5gs::AuthenticationRequest,
                 spec::nas5gs::AuthenticationResponse, spec::nas5gs::AuthenticationResult,
                 spec::nas5gs::AuthenticationFailure, spec::nas5gs::AuthenticationReject>;

struct MobilityPdu {
  // Absent: the plain message alone. Present: an integrity protected PDU whose plain NAS message is
  // `plain`.
  std::optional<spec::nas5gs::SecurityProtectedMessage> outer;
  MobilityMessage plain;
  spec::Bytes pdu;
};

// Compares `m` with Wireshark's layers of one packet.
void compare(const MobilityPdu& m, const Node& layers, Comparison& c);

}  // namespace secmode::test::interop::fivegs
