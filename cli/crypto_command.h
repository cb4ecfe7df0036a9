// `secmode crypto`: the calculator an engineer uses when a MAC fails.
#pragma once

#include <CLI/CLI.hpp>

namespace secmode::cli {

void add_crypto_command(CLI::App& app);

}  // namespace secmode::cli
