// `secmode gen --procedure NAME --role ue|network DIR`: writes a conformance suite derived from the
// spec (issue 6): for each check the procedure makes of the party under test, a trace with the
// stimulus and the answer a conforming implementation gives, in the trace format of `secmode check`,
// which every written trace passes (the generator checks each before it writes it).
#pragma once

#include <CLI/CLI.hpp>

namespace secmode::cli {

void add_gen_command(CLI::App& app, int& exit_code);

}  // namespace secmode::cli
