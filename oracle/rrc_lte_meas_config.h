// Stepping over an LTE MeasConfig (TS 36.331 6.3.5), which an RRCConnectionReconfiguration may
// carry before its dedicatedInfoNASList: as an eNB that configures measurements sends the
// reconfiguration with the ATTACH ACCEPT.
#pragma once

#include <string>

#include "spec/codec/rrc_uper.h"

namespace secmode::oracle {

// Reads the root components field by field and steps over the extension additions and the
// extension alternatives by their lengths. False, with the failure in `r`, on a value that is
// not a MeasConfig.
bool step_over_lte_meas_config(spec::rrc::UperReader& r, const std::string& ie);

}  // namespace secmode::oracle
