// Comparing the spec twin's view of a message with Wireshark's dissection of it, field by field.
// The field checks take the Wireshark subtree (`scope`) the field sits in; a missing subtree
// (nullptr) shows every field in it as absent.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "spec/crypto/bytes.h"
#include "tests/interop/tshark_json.h"

namespace secmode::test::interop {

constexpr const char* kAbsent = "<absent>";

// Collects the comparisons of one family: how many fields agreed, which disagreed, and which
// documented disagreements (known_disagreements.h) were met.
class Comparison {
 public:
  explicit Comparison(std::string family) : family_(std::move(family)) {}

  // The following checks are about packet `frame` (numbered from 1), whose PDU is `pdu`.
  void start(std::size_t frame, spec::ByteView pdu);
  // `known_id`: the documented disagreement this field is allowed to show, when the caller has
  // established that the case applies (the spec value is the one the entry is about).
  void field(const std::string& name, const std::string& spec, const std::string& wireshark,
             const char* known_id = nullptr);
  // A disagreement that is not about one field's value.
  void problem(const std::string& what);

  std::size_t compared() const { return compared_; }
  const std::vector<std::string>& mismatches() const { return mismatches_; }
  const std::map<std::string, std::size_t>& met() const { return met_; }

 private:
  std::string family_;
  std::size_t frame_ = 0;
  std::string pdu_;
  std::size_t compared_ = 0;
  std::vector<std::string> mismatches_;
  std::map<std::string, std::size_t> met_;
};

// A node's value, or kAbsent.
std::string value_of(const Node* n);
// A Wireshark integer ("12", "0x0c") in decimal, or the text itself when it is not one.
std::string number_of(const Node* n);

void number(Comparison& c, const Node* scope, const char* field, std::uint64_t spec,
            const char* known_id = nullptr);
void text(Comparison& c, const Node* scope, const char* field, const std::string& spec);
// Wireshark shows FT_BYTES as "aa:bb:cc".
void bytes(Comparison& c, const Node* scope, const char* field, spec::ByteView spec,
           const char* known_id = nullptr);
// An IE's subtree (its key is Wireshark's label, e.g. "Nonce - NonceMME") is there exactly when
// the spec message has the IE. Returns the subtree when both sides have the IE.
const Node* ie(Comparison& c, const Node* scope, const std::string& label, bool spec_present);
// The direct children of `scope` that are subtrees must be IEs the spec message has: their keys
// start with one of `expected`.
void no_other_ies(Comparison& c, const Node* scope, const std::vector<std::string>& expected);

// Bitmap octets: names[k] is Wireshark's field for bit 8-k (algorithm k); "" is a spare bit.
void bitmap(Comparison& c, const Node* scope, const std::array<const char*, 8>& names,
            std::uint8_t octet);
// The octet is not in the message: none of its fields may be shown.
void absent(Comparison& c, const Node* scope, const std::array<const char*, 8>& names);

// Expert infos of severity warning or error (PI_WARN 0x00400000, PI_ERROR 0x00800000) and
// malformed-packet marks anywhere in a packet are disagreements too: Wireshark read the PDU as
// something other than what the spec twin wrote.
void expert_problems(Comparison& c, const Node& layers);

}  // namespace secmode::test::interop
