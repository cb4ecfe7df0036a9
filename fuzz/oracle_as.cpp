// The AS oracle (oracle/as_judge.h) on arbitrary SRB1 traces: the input is one octet (bit 8: NR,
// else LTE), K_eNB / K_gNB (32 octets), then PDCP PDUs, each as one octet (bit 8: uplink; bits
// 7..1: length) and that many octets. Whatever the PDUs hold, the judge either gives verdicts or
// refuses the input as unusable; it never crashes, reads out of bounds or throws anything else.
// Every verdict names its party and clause.
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "fuzz/oracle_input.h"
#include "oracle/as_judge.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 33) return 0;
  secmode::oracle::AsJudge judge((data[0] & 0x80) != 0 ? secmode::oracle::Rat::fivegs : secmode::oracle::Rat::eps);
  std::vector<secmode::oracle::Verdict> verdicts;
  try {
    judge.key(std::span<const std::uint8_t>(data + 1, 32));
    for_each_pdu(data, size, 33, [&](std::size_t step, bool uplink, std::span<const std::uint8_t> pdu) {
      judge.pdu(step, uplink, pdu, verdicts);
    });
    judge.finish(verdicts);
  } catch (const secmode::oracle::UnusableInput&) {
    return 0;
  }
  require_well_formed(verdicts);
  return 0;
}
