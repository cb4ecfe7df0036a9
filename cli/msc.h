// A message sequence chart as SVG (`secmode check --msc`): the UE and the network as lifelines,
// one arrow per PDU of the trace in order, each labelled with the message, and the verdicts of
// that step beside it (violations in red, with their clause).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "oracle/verdict.h"

namespace secmode::cli {

struct MscArrow {
  std::size_t step = 0;
  bool uplink = false;
  std::string label;
};

std::string msc_svg(const std::string& title, const std::vector<MscArrow>& arrows,
                    const std::vector<oracle::Verdict>& verdicts);

// The chart of a counterexample of `secmode prove` (a mutant's killing trace, a failed invariant):
// each line of the trace as the spec's describe() writes it ("N. A -> B: message -> B -> A:
// answer [rule]", or "A: event -> ..."), parties as lifelines in order of appearance, local events
// as notes on their lifeline, and the last step, where the invariant breaks, in red.
std::string counterexample_svg(const std::string& title, const std::string& claim,
                               const std::vector<std::string>& trace);

// What a NAS-EPS or NAS-5GS PDU is, in a few words: the message (when readable) and its security
// header.
std::string nas_eps_label(std::span<const std::uint8_t> pdu);
std::string nas_5gs_label(std::span<const std::uint8_t> pdu);

}  // namespace secmode::cli
