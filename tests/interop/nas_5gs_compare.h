// NAS 5GS (TS 24.501) security mode messages compared with Wireshark's nas-5gs dissection.
#pragma once

#include <optional>

#include "spec/codec/nas_5gs.h"
#include "tests/interop/comparison.h"

namespace secmode::test::interop::fivegs {

struct Message {
  std::optional<spec::nas5gs::SecurityProtectedMessage> outer;  // absent: a plain NAS message
  std::optional<spec::nas5gs::SecurityModeMessage> plain;       // absent: ciphered
  spec::Bytes pdu;
};

// Compares `m` with Wireshark's layers of one packet.
void compare(const Message& m, const Node& layers, Comparison& c);

}  // namespace secmode::test::interop::fivegs
