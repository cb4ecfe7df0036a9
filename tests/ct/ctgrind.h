// What the constant-time programs of tests/ct/ share (the "ctgrind" technique, STYLE.md 9):
// marking secrets undefined for valgrind's memcheck, declassifying results before they are
// looked at, and counting failed expectations.
#pragma once

#include <valgrind/memcheck.h>

#include <cstdio>

namespace secmode::test::ctgrind {

template <typename T>
void secret(T& object) {
  VALGRIND_MAKE_MEM_UNDEFINED(&object, sizeof object);
}
template <typename T>
void declassify(T& object) {
  VALGRIND_MAKE_MEM_DEFINED(&object, sizeof object);
}

inline int failures = 0;
inline void expect(bool ok, const char* what) {
  if (!ok) {
    std::printf("FAIL: %s\n", what);
    ++failures;
  }
}

}  // namespace secmode::test::ctgrind
