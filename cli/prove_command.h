// `secmode prove`: runs every proof of proofs/catalog.h and its mutant.
#pragma once

#include <CLI/CLI.hpp>

namespace secmode::cli {

// Sets `exit_code` to 0 when every proof holds and every mutant is refuted, else 1.
void add_prove_command(CLI::App& app, int& exit_code);

}  // namespace secmode::cli
