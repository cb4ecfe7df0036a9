// The UE radio capability ID IE (TS 24.501 9.11.3.68; TS 24.301 9.9.3.60 refers to it) compared
// with Wireshark, which reads its hexadecimal digits as BCD (known disagreement
// "ue-radio-capability-id-hex").
#pragma once

#include "spec/crypto/bytes.h"
#include "tests/interop/comparison.h"

namespace secmode::test::interop {

// Compares the IE's contents `id` with nas_5gs.mm.ue_radio_cap_id in the IE subtree `scope`.
void radio_capability_id(Comparison& c, const Node* scope, spec::ByteView id);

}  // namespace secmode::test::interop
