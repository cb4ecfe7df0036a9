// What every spec-twin decoder (NAS, RRC, SIP) returns: the message, or an error with its place
// (STYLE.md 11), plus the parts of the input it stepped over as the protocol tells a receiver to
// (for NAS, TS 24.301 clause 7).
//
// Decoders never throw on bad input and never read outside it. std::expected would fit but is
// C++23; Decoded<T> is the small stand-in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace secmode::spec {

struct CodecError {
  std::string message;  // "SECURITY MODE COMMAND"
  std::string ie;       // the IE (or header parameter, RRC field) at fault; empty when none
  std::size_t offset;   // octet offset, from the start of the decoded buffer, of the IE at fault
                        // (RRC: bit offset; SIP: character offset in the header value)
  std::string reason;   // what is wrong and the clause that says so

  // "SECURITY MODE COMMAND, IE 'Replayed UE security capabilities' at offset 4: bad length 1
  // (2..5)"
  std::string describe() const;
  bool operator==(const CodecError&) const = default;
};

// An IE the decoder did not take into the message, and why: unknown (TS 24.301 7.6.1), out of
// sequence (7.6.2), repeated (7.6.3), syntactically incorrect optional IE (7.7.1), or octets
// beyond an IE's defined length (TS 24.007 11.4.2). None of these fails the decode.
struct IgnoredIe {
  std::size_t offset;  // of the IEI octet, or of the length octet of an imperative LV IE
  std::uint8_t iei;    // 0 for an imperative IE, which has none
  std::string ie;      // the IE's name when the message knows it
  std::string reason;
  bool operator==(const IgnoredIe&) const = default;
};

template <typename T>
class Decoded {
 public:
  Decoded(T value, std::vector<IgnoredIe> ignored = {})
      : result_(std::move(value)), ignored_(std::move(ignored)) {}
  Decoded(CodecError error) : result_(std::move(error)) {}

  bool ok() const { return result_.index() == 0; }
  explicit operator bool() const { return ok(); }
  // Contract: value() only when ok(), error() only when !ok() (std::bad_variant_access otherwise).
  const T& value() const { return std::get<0>(result_); }
  const CodecError& error() const { return std::get<1>(result_); }
  const std::vector<IgnoredIe>& ignored() const { return ignored_; }

 private:
  std::variant<T, CodecError> result_;
  std::vector<IgnoredIe> ignored_;
};

// `d` with its value held by V, a variant of messages one of which is T: what a decoder that
// dispatches on the message type returns from the decoder it picked.
template <typename V, typename T>
Decoded<V> widen(const Decoded<T>& d) {
  if (!d) return d.error();
  return {V(d.value()), d.ignored()};
}

}  // namespace secmode::spec
