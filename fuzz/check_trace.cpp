// The trace reader of `secmode check` (cli/trace_judge.h) on arbitrary text: whatever the lines
// hold (JSON or not, any kinds, keys, protos, hex, events, in any order), it either judges the
// trace or names the unusable line; it never crashes, reads out of bounds or throws anything else.
// Every verdict names its party and clause, and every line the chart draws is a step of the trace.
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "cli/trace_judge.h"
#include "fuzz/oracle_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  try {
    const secmode::cli::Judged j = secmode::cli::judge_trace("fuzz", in);
    require_well_formed(j.verdicts);
    for (const auto& a : j.arrows)
      if (a.step == 0 || a.label.empty()) std::abort();
  } catch (const secmode::cli::BadLine& b) {
    if (b.reason.empty()) std::abort();
  }
  return 0;
}
