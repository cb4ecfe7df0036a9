// Checks every codec test family uses: a clean decode, a reason that cites a clause, an optional
// field in a generator, what a decoder may make of arbitrary octets, and a property that must
// hold while its mutant must fail.
#pragma once

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "spec/codec/codec_error.h"

namespace secmode::test {

inline bool mentions(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The value of a decode that must succeed with nothing stepped over (T{} after a failed check).
template <typename T>
T decoded_clean(const spec::Decoded<T>& d) {
  EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().describe());
  EXPECT_TRUE(d.ignored().empty());
  return d.ok() ? d.value() : T{};
}

// `decode` takes `b`, the encoding of `m` (unless a mutant changed it), back to `m` with nothing
// ignored, and `m` encodes to `b` again.
template <typename M, typename Decode>
void check_round_trip(const M& m, const std::vector<std::uint8_t>& b, Decode decode) {
  const auto d = decode(b);
  RC_ASSERT(d.ok());
  RC_ASSERT(d.ignored().empty());
  RC_ASSERT(d.value() == m);
  RC_ASSERT(encode(d.value()) == b);
}

// Whatever `decode` makes of `b`: an error placed inside it, or a value whose canonical encoding
// decodes to the same value with nothing ignored and, when nothing was ignored, is no longer
// than `b`.
template <typename Decode>
void check_decoding(const std::vector<std::uint8_t>& b, Decode decode) {
  const auto d = decode(b);
  RC_TAG(d.ok() ? (d.ignored().empty() ? "decoded" : "decoded, IEs ignored") : "rejected");
  if (!d.ok()) {
    RC_ASSERT(d.error().offset <= b.size());
    RC_ASSERT(!d.error().reason.empty());
    return;
  }
  for (const auto& i : d.ignored()) RC_ASSERT(i.offset < b.size());
  const auto canonical = encode(d.value());
  const auto again = decode(canonical);
  RC_ASSERT(again.ok());
  RC_ASSERT(again.ignored().empty());
  RC_ASSERT(again.value() == d.value());
  if (d.ignored().empty()) RC_ASSERT(canonical.size() <= b.size());
}

template <typename T>
std::optional<T> maybe(const rc::Gen<T>& gen) {
  if (*rc::gen::arbitrary<bool>()) return *gen;
  return std::nullopt;
}

// `property` takes the family's Mutation enum, whose `none` is the codec as written.
template <typename Mutation>
void expect_holds(const char* name, void (*property)(Mutation)) {
  EXPECT_TRUE(rc::check(name, [property] { property(Mutation::none); })) << name;
}
template <typename Mutation>
void expect_mutant_fails(const char* name, void (*property)(Mutation), Mutation mutant) {
  EXPECT_FALSE(rc::check(std::string(name) + " [mutant]", [=] { property(mutant); }))
      << "the property cannot fail: " << name;
}

}  // namespace secmode::test
