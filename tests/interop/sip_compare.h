// SIP security agreement headers (RFC 3329, TS 33.203 Annex H) compared with Wireshark's sip
// dissection.
#pragma once

#include "spec/codec/sip_sec_agree.h"
#include "tests/interop/comparison.h"
#include "tests/interop/run_family.h"

namespace secmode::test::interop::sip {

// A REGISTER or 401 response carrying one Security-Client, -Server or -Verify header.
struct Message {
  spec::sip::SecurityHeader header;
  spec::sip::SecurityMechanisms mechanisms;
  Packet packet;
};

// Compares the header of `msg` with Wireshark's layers of one packet.
void compare(const Message& msg, const Node& layers, Comparison& c);

}  // namespace secmode::test::interop::sip
