// `secmode decode` and `secmode encode`: any PDU of the supported families to a readable tree or
// JSON, and that JSON back to octets.
#pragma once

#include <CLI/CLI.hpp>

namespace secmode::cli {

void add_codec_commands(CLI::App& app, int& exit_code);

}  // namespace secmode::cli
