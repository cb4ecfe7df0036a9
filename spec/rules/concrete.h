// The concrete value domain of the rule tables: the one the oracle and the tests execute.
//
// Every procedure of spec/procedures/ is written once, as templates over a value domain V
// that supplies V::Bool and V::Word plus literals and the few operations whose spelling
// differs between plain C++ and Z3 (unsigned comparison, if-then-else). Instantiated with
// Concrete it runs; instantiated with model/symbolic.h's Symbolic it becomes Z3 terms.
// Rules use only &&, ||, !, ==, !=, &, |, + and these members, never `if`: a branch cannot
// be turned into a term, an ite can.
#pragma once

#include <cstdint>

namespace secmode::spec {

struct Concrete {
  using Bool = bool;
  using Word = std::uint32_t;  // every non-Boolean state variable is a 32-bit word

  Bool lit(bool b) const { return b; }
  Word word(std::uint32_t x) const { return x; }
  Bool ule(Word a, Word b) const { return a <= b; }
  Bool ult(Word a, Word b) const { return a < b; }
  template <class T>
  T ite(Bool c, const T& a, const T& b) const { return c ? a : b; }
};

}  // namespace secmode::spec
