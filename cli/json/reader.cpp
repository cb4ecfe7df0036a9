#include "cli/json/reader.h"

#include "spec/hex.h"

namespace secmode::cli {

JsonIn::JsonIn(const nlohmann::json& j, std::string path) : j_(j), path_(std::move(path)) {
  if (!j_.is_object()) throw EncodeError("encode: " + (path_.empty() ? std::string("input") : path_) + ": expected an object");
}

bool JsonIn::has(const char* key) const { return j_.contains(key); }

void JsonIn::fail(const std::string& key, const std::string& what) const {
  throw EncodeError("encode: " + (path_.empty() ? key : path_ + "." + key) + ": " + what);
}

const nlohmann::json& JsonIn::at(const char* key) {
  if (!j_.contains(key)) fail(key, "missing");
  read_.insert(key);
  return j_.at(key);
}

std::uint64_t JsonIn::uint(const char* key, std::uint64_t max) {
  const auto& v = at(key);
  if (!v.is_number_unsigned()) fail(key, "expected an unsigned integer");
  const auto x = v.get<std::uint64_t>();
  if (x > max) fail(key, std::to_string(x) + " out of range (0.." + std::to_string(max) + ")");
  return x;
}

bool JsonIn::boolean(const char* key) {
  const auto& v = at(key);
  if (!v.is_boolean()) fail(key, "expected true or false");
  return v.get<bool>();
}

std::string JsonIn::string(const char* key) {
  const auto& v = at(key);
  if (!v.is_string()) fail(key, "expected a string");
  return v.get<std::string>();
}

spec::Bytes JsonIn::hex(const char* key, std::size_t min, std::size_t max) {
  const auto& v = at(key);
  if (!v.is_string()) fail(key, "expected a hex string");
  spec::Bytes out;
  if (const auto e = spec::parse_hex(v.get<std::string>(), out)) fail(key, "not hex at character " + std::to_string(e->offset) + ": " + e->reason);
  if (out.size() < min || out.size() > max)
    fail(key, std::to_string(out.size()) + " octets, expected " + std::to_string(min) + ".." + std::to_string(max));
  return out;
}

JsonIn JsonIn::object(const char* key) {
  const auto& v = at(key);
  if (!v.is_object()) fail(key, "expected an object");
  return JsonIn(v, path_.empty() ? key : path_ + "." + key);
}

std::vector<JsonIn> JsonIn::array(const char* key) {
  const auto& v = at(key);
  if (!v.is_array()) fail(key, "expected an array");
  std::vector<JsonIn> out;
  for (std::size_t i = 0; i < v.size(); ++i)
    out.emplace_back(v[i], (path_.empty() ? std::string(key) : path_ + "." + key) + "[" + std::to_string(i) + "]");
  return out;
}

void JsonIn::done() const {
  for (auto it = j_.begin(); it != j_.end(); ++it)
    if (!read_.count(it.key())) fail(it.key(), "unknown field");
}

}  // namespace secmode::cli
