#include "tests/support/vectors.h"

#include <fstream>
#include <map>
#include <mutex>
#include <stdexcept>

#include "spec/hex.h"

namespace secmode::test {

const nlohmann::json& vectors(std::string_view family) {
  static std::map<std::string, nlohmann::json, std::less<>> cache;
  static std::mutex mu;
  std::lock_guard lock(mu);
  if (auto it = cache.find(family); it != cache.end()) return it->second;
  const std::string path = std::string(SECMODE_VECTOR_DIR) + "/" + std::string(family) + ".json";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  nlohmann::json doc = nlohmann::json::parse(in);
  const auto& v = doc.at("vectors");
  if (!v.is_array() || v.empty() || doc.at("count").get<std::size_t>() != v.size())
    throw std::runtime_error(path + ": \"count\" does not match the vectors present");
  return cache.emplace(std::string(family), v).first->second;
}

std::vector<nlohmann::json> vectors_where(std::string_view family, std::string_view field,
                                          std::string_view value) {
  std::vector<nlohmann::json> out;
  for (const auto& v : vectors(family))
    if (v.contains(field) && v.at(std::string(field)).get<std::string>() == value) out.push_back(v);
  if (out.empty())
    throw std::runtime_error(std::string(family) + ": no vector with " + std::string(field) + " = " +
                             std::string(value));
  return out;
}

std::vector<std::uint8_t> hex(std::string_view s) { return spec::from_hex(s); }
std::vector<std::uint8_t> hex(const nlohmann::json& v) { return spec::from_hex(v.get<std::string>()); }
std::string to_hex(const std::vector<std::uint8_t>& b) { return spec::to_hex(b); }

}  // namespace secmode::test
