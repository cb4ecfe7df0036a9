// Strict reading of the JSON that `secmode encode` takes: every member is read with its type and
// range checked, and a member nobody reads is an error, so a misspelt field name is reported
// instead of silently encoding a default. Errors are EncodeError naming the JSON path.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "cli/json/codecs.h"
#include "spec/crypto/bytes.h"

namespace secmode::cli {

class JsonIn {
 public:
  // `path` names `j` in errors, e.g. "replayed_ue_security_capabilities".
  JsonIn(const nlohmann::json& j, std::string path);

  bool has(const char* key) const;
  std::uint64_t uint(const char* key, std::uint64_t max);
  bool boolean(const char* key);
  std::string string(const char* key);
  // Hex digits, `min`..`max` octets.
  spec::Bytes hex(const char* key, std::size_t min, std::size_t max);
  JsonIn object(const char* key);
  // The elements of an array member, each as a JsonIn.
  std::vector<JsonIn> array(const char* key);
  const nlohmann::json& raw() const { return j_; }
  const std::string& path() const { return path_; }

  template <class T>
  std::optional<T> optional(const char* key, T (JsonIn::*read)(const char*)) {
    if (!has(key)) return std::nullopt;
    return (this->*read)(key);
  }

  // Marks `key` as read without looking at it (output-only members such as ignored_ies).
  void skip(const char* key) { read_.insert(key); }
  // Throws if a member was never read.
  void done() const;
  [[noreturn]] void fail(const std::string& key, const std::string& what) const;

 private:
  const nlohmann::json& at(const char* key);
  const nlohmann::json& j_;
  std::string path_;
  std::set<std::string> read_;
};

}  // namespace secmode::cli
