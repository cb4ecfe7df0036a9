// The trace reader of `secmode check` and `secmode gen`: JSON Lines (blank lines and # comments
// ignored) of context, pdu and event lines, fed in order to the oracle's judges (NAS with AKA, AS
// from SRB1 PDUs, 5GS concurrent procedures), and each step's label for the message sequence chart.
// Apart from the command line so that libFuzzer can drive it (fuzz/check_trace.cpp).
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <vector>

#include "cli/msc.h"
#include "oracle/verdict.h"

namespace secmode::cli {

// What the oracle could not look into (e.g. NAS inside an RRC message it does not decode): not a
// verdict, but a gap in what the verdicts cover.
struct JudgeNote {
  std::size_t step;
  std::string text;
};

struct Judged {
  std::vector<oracle::Verdict> verdicts;
  std::vector<MscArrow> arrows;
  std::vector<JudgeNote> notes;
};

// A trace line the oracle cannot use: where and why.
struct BadLine {
  std::string file;
  std::size_t line;
  std::string reason;
};

// Judges one trace; returns its verdicts and what its chart shows, or throws BadLine. The first
// context line (or, without one, the first PDU's proto) fixes the RAT; every line after must agree.
Judged judge_trace(const std::string& name, std::istream& in);

// True when the trace is usable and every step conforms; otherwise `why` names the first violation
// or the unusable line.
bool trace_conforms(const std::string& name, std::istream& in, std::string& why);

}  // namespace secmode::cli
