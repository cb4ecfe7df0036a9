// The `secmode gen` suite of IMS registration, the UE under test (TS 24.229 5.1.1.2, 5.1.1.4,
// 5.1.1.5 with RFC 3329 and RFC 3310): the P-CSCF's messages as stimuli and the REGISTER requests
// the UE engine (impl/engine/ims_ue.h) answers with, as `sip` lines with the ESP SPI of each.
#pragma once

#include <vector>

#include "cli/gen_trace.h"

namespace secmode::cli {

std::vector<Trace> ims_ue_suite();

}  // namespace secmode::cli
