// The LTE UL-DCCH (TS 36.331 SecurityModeComplete, SecurityModeFailure) decoders on arbitrary
// octets, checked as fuzz/rrc_checks.h says.
#include "fuzz/rrc_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace secmode;
  return fuzz::rrc::one_input({data, size}, spec::rrc::lte::decode_ul_dcch, test::rrc::lte_ul_disagreement);
}
