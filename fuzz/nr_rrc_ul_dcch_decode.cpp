// The NR UL-DCCH (TS 38.331 SecurityModeComplete, SecurityModeFailure) decoders on arbitrary
// octets, checked as fuzz/rrc_checks.h says.
#include "fuzz/rrc_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace secmode;
  return fuzz::rrc::one_input({data, size}, spec::rrc::nr::decode_ul_dcch, test::rrc::nr_ul_disagreement);
}
