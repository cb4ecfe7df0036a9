// The AS oracle (oracle/as_judge.h) on arbitrary SRB1 traces: the input is one octet (bit 8: NR,
// else LTE), K_eNB / K_gNB (32 octets), then PDCP PDUs, each as one octet (bit 8: uplink; bits
// 7..1: length) and that many octets. Whatever the PDUs hold, the judge either gives verdicts or
// refuses the input as unusable; it never crashes, reads out of bounds or throws anything else.
// Every verdict names its party and clause.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "oracle/as_judge.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 33) return 0;
  secmode::oracle::AsJudge judge((data[0] & 0x80) != 0 ? secmode::oracle::Rat::fivegs : secmode::oracle::Rat::eps);
  std::vector<secmode::oracle::Verdict> verdicts;
  try {
    judge.key(std::span<const std::uint8_t>(data + 1, 32));
    std::size_t at = 33, step = 1;
    while (at < size) {
      const bool uplink = (data[at] & 0x80) != 0;
      const std::size_t n = std::min<std::size_t>(data[at] & 0x7f, size - at - 1);
      ++at;
      judge.pdu(++step, uplink, std::span<const std::uint8_t>(data + at, n), verdicts);
      at += n;
    }
    judge.finish(verdicts);
  } catch (const secmode::oracle::UnusableInput&) {
    return 0;
  }
  for (const auto& v : verdicts)
    if ((v.party != "ue" && v.party != "network") || v.clause.empty() || v.expected.empty()) std::abort();
  return 0;
}
