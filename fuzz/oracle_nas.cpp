// The NAS oracle (oracle/nas_judge.h, with oracle/aka_judge.h) on arbitrary traces: the input is
// one octet (bit 8: 5GS, else EPS; bit 7: the keys come from AKA; bits 6..1: the eKSI / ngKSI),
// then 32 octets: K_ASME / K_AMF, or K and OPc of the subscriber (PLMN 00101, and in 5GS a SUPI),
// then PDUs, each as one octet (bit 8: uplink; bits 7..1: length) and that many octets. Whatever
// the PDUs hold, the judge either gives verdicts or refuses the input as unusable; it never
// crashes, reads out of bounds or throws anything else. Every verdict names its party and clause.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "fuzz/oracle_input.h"
#include "oracle/nas_judge.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 33) return 0;
  secmode::oracle::NasJudge judge((data[0] & 0x80) != 0 ? secmode::oracle::Rat::fivegs : secmode::oracle::Rat::eps);
  std::vector<secmode::oracle::Verdict> verdicts;
  try {
    if ((data[0] & 0x40) != 0) {
      secmode::oracle::Subscription s;
      std::copy(data + 1, data + 17, s.k.begin());
      std::copy(data + 17, data + 33, s.opc.begin());
      s.plmn = "00101";
      s.supi = "imsi-001010123456789";
      judge.subscription(std::move(s));
    } else {
      judge.context(std::span<const std::uint8_t>(data + 1, 32), data[0] & 0x3f);
    }
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
