// `secmode check TRACE... [--json]`: the conformance oracle over JSON Lines traces (issue 6).
#pragma once

#include <CLI/CLI.hpp>
#include <istream>
#include <string>

namespace secmode::cli {

// Sets `exit_code` to 0 when every judged step conforms, 1 when some step violates a clause,
// 2 when a trace is unusable (the line and the reason on stderr).
void add_check_command(CLI::App& app, int& exit_code);

// Judges one trace as `secmode check` does: true when it is usable and every step conforms;
// otherwise `why` names the first violation or the unusable line.
bool trace_conforms(const std::string& name, std::istream& in, std::string& why);

}  // namespace secmode::cli
