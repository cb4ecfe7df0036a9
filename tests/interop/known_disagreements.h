// Where Wireshark and the spec disagree, the spec wins. Each entry names the field, the clause
// and what the text says; a check that meets such a case counts it under the entry's id instead
// of failing (Comparison::field). An entry that no message meets is reported (not failed: a later
// Wireshark may have fixed it).
#pragma once

#include <span>
#include <string_view>

namespace secmode::test::interop {

struct KnownDisagreement {
  const char* family;  // the run_family() name whose checks may meet it
  const char* id;
  const char* clause;
  const char* what;
};

// Every documented disagreement (the table is in known_disagreements.cpp).
std::span<const KnownDisagreement> known_disagreements();

// The entry with this id; throws std::logic_error when there is none.
const KnownDisagreement& known(std::string_view id);

}  // namespace secmode::test::interop
