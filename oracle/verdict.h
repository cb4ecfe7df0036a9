// What the oracle says of one step of a trace (issue 6's report line): the step, whether it
// conforms, which party broke which clause, what the standard expected and what was observed,
// and why, in one sentence.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
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

}  // namespace secmode::oracle
