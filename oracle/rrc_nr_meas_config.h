// Stepping over an NR MeasConfig (TS 38.331 6.3.2), which an RRCReconfiguration may carry before
// the nonCriticalExtension that holds its dedicatedNAS-MessageList.
#pragma once

#include <string>

#include "spec/codec/rrc_uper.h"

namespace secmode::oracle {

// Reads the root components field by field and steps over the extension additions and the
// extension alternatives (measObjectEUTRA, reportConfigInterRAT, reportCGI, ...) by their
// lengths. False, with the failure in `r`, on a value that is not a MeasConfig.
bool step_over_nr_meas_config(spec::rrc::UperReader& r, const std::string& ie);

}  // namespace secmode::oracle
