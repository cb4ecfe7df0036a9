// One result printed as a hex line, or as a JSON object with --json.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace secmode::cli {

// Prints `result[primary]` alone when !json, else the whole object.
void print_result(const nlohmann::ordered_json& result, const std::string& primary, bool json);

}  // namespace secmode::cli
