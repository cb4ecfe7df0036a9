// NAS EPS (TS 24.301) security mode messages compared with Wireshark's nas-eps dissection.
#pragma once

#include <optional>

#include "spec/codec/nas_eps.h"
#include "tests/interop/comparison.h"

namespace secmode::test::interop::eps {

struct Message {
  std::optional<spec::nas::SecurityProtectedMessage> outer;  // absent: a plain NAS message
  // absent: ciphered, Wireshark cannot read it
  std::optional<spec::nas::SecurityModeMessage> plain;
  spec::Bytes pdu;
};

// Compares `m` with Wireshark's layers of one packet.
void compare(const Message& m, const Node& layers, Comparison& c);

}  // namespace secmode::test::interop::eps
