// The readable tree `secmode decode` prints without --json: one line per field, IE names in
// words, numbers with their meaning (algorithm and cause names, the algorithms a capability
// octet lists).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace secmode::cli {

enum class Family { nas_eps, nas_5gs, rrc_nr, rrc_lte, sip };

std::string render_tree(const nlohmann::ordered_json& decoded, Family family);

}  // namespace secmode::cli
