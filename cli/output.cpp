#include "cli/output.h"

#include <iostream>

namespace secmode::cli {

void print_result(const nlohmann::ordered_json& result, const std::string& primary, bool json) {
  if (json)
    std::cout << result.dump() << '\n';
  else
    std::cout << result.at(primary).get<std::string>() << '\n';
}

}  // namespace secmode::cli
