// Checks every codec test family uses: a clean decode, a reason that cites a clause, an optional
// field in a generator, and a property that must hold while its mutant must fail.
#pragma once

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <optional>
#include <string>

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
