// The named key derivations of TS 33.401 / TS 33.501 Annex A as the CLI offers them:
// a table, so that --help, argument checking and the calls have one source.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "spec/crypto/bytes.h"

namespace secmode::cli {

struct DerivationInput {
  enum class Kind { hex, uint, text };
  std::string flag;  // without the dashes
  std::string help;
  Kind kind;
  std::uint64_t size_or_max = 0;  // hex: exact byte count (0: any); uint: maximum
  std::string default_value;      // empty: required
};

// Parsed inputs: raw strings by flag, read back through the typed accessors.
class DerivationArgs {
 public:
  explicit DerivationArgs(const std::vector<DerivationInput>& inputs, std::map<std::string, std::string> values)
      : inputs_(inputs), values_(std::move(values)) {}
  spec::Bytes hex(const std::string& flag) const;
  std::uint64_t uint(const std::string& flag) const;
  std::string text(const std::string& flag) const;
  // A serving network name, or one built from a PLMN given instead (TS 33.501 6.1.1.4).
  std::string snn(const std::string& flag) const;

 private:
  const DerivationInput& input(const std::string& flag) const;
  const std::vector<DerivationInput>& inputs_;
  std::map<std::string, std::string> values_;
};

struct Derivation {
  std::string name;
  std::string clause;
  std::string what;
  std::vector<DerivationInput> inputs;
  std::function<spec::Bytes(const DerivationArgs&)> run;
};

const std::vector<Derivation>& derivations();

}  // namespace secmode::cli
