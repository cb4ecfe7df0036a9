// What the oracle says of one step of a trace (issue 6's report line): the step, whether it
// conforms, which party broke which clause, what the standard expected and what was observed,
// and why, in one sentence.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace secmode::oracle {

struct Verdict {
  std::size_t step = 0;  // the trace item (1 = the first non-blank, non-comment line)
  bool ok = true;
  std::string party;     // "ue" or "network"
  std::string clause;    // e.g. "TS 24.301 5.4.3.5"
  std::string expected;  // e.g. "SECURITY MODE REJECT #23"
  std::string observed;  // e.g. "SECURITY MODE COMPLETE"
  std::string explain;
};

nlohmann::json to_json(const Verdict& v);

// A trace item the oracle cannot judge (a PDU it cannot decode, a key of the wrong size). The
// CLI reports it with the line and exits 2.
struct UnusableInput : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class Rat : std::uint8_t { eps, fivegs };

}  // namespace secmode::oracle
