// `secmode check TRACE... [--json]` or `secmode check --pcap CAPTURE --context FILE`: the conformance
// oracle over JSON Lines traces or S1AP / NGAP captures (issues 6 and 7).
#pragma once

#include <CLI/CLI.hpp>

namespace secmode::cli {

// Sets `exit_code` to 0 when every judged step conforms, 1 when some step violates a clause,
// 2 when a trace is unusable (the line and the reason on stderr).
void add_check_command(CLI::App& app, int& exit_code);

}  // namespace secmode::cli
