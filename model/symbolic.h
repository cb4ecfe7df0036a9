// The symbolic value domain: the same rule templates as spec/rules/concrete.h, instantiated
// over Z3 terms. A rule evaluated in this domain yields its guard and effect as formulas.
#pragma once

#include <z3++.h>

#include <cstdint>
#include <string>
#include <type_traits>

#include "spec/rules/fields.h"

namespace secmode::model {

// One Z3 context for the process: terms from different contexts cannot be mixed, and the
// records below must be default-constructible (a term needs its context to exist).
z3::context& z3_context();

// Distinct types for Boolean and word terms, so that generic code can tell which sort a
// field has; both are plain z3::expr otherwise.
// z3::expr converts implicitly to a (non-null) Z3_ast pointer, so `term ? a : b` or `if (term)`
// would compile and always take the first branch; the deleted conversion makes them errors.
struct BoolTerm : z3::expr {
  BoolTerm() : z3::expr(z3_context().bool_val(false)) {}
  BoolTerm(const z3::expr& e) : z3::expr(e) {}  // NOLINT: implicit, like the concrete bool
  explicit operator bool() const = delete;  // use Symbolic::ite
};
struct WordTerm : z3::expr {
  WordTerm() : z3::expr(z3_context().bv_val(0, 32)) {}
  WordTerm(const z3::expr& e) : z3::expr(e) {}  // NOLINT
  explicit operator bool() const = delete;
};

struct Symbolic {
  using Bool = BoolTerm;
  using Word = WordTerm;

  Bool lit(bool b) const { return z3_context().bool_val(b); }
  Word word(std::uint32_t x) const { return z3_context().bv_val(x, 32); }
  Bool ule(const Word& a, const Word& b) const { return z3::ule(a, b); }
  Bool ult(const Word& a, const Word& b) const { return z3::ult(a, b); }
  // Arithmetic on terms yields plain z3::expr; the result keeps the sort of a typed operand.
  template <class A, class B>
  auto ite(const Bool& c, const A& a, const B& b) const {
    if constexpr (std::is_same_v<A, Bool> || std::is_same_v<B, Bool>)
      return Bool(z3::ite(c, a, b));
    else if constexpr (std::is_same_v<A, Word> || std::is_same_v<B, Word>)
      return Word(z3::ite(c, a, b));
    else
      return z3::ite(c, a, b);
  }
};

// A record whose every leaf is a fresh Z3 constant named prefix + its path.
template <class Record>
Record fresh(const std::string& prefix) {
  Record r;
  spec::for_each_leaf(r, [&](std::string_view path, auto& leaf) {
    const std::string id = prefix + std::string(path);
    if constexpr (std::is_same_v<std::decay_t<decltype(leaf)>, BoolTerm>)
      leaf = z3_context().bool_const(id.c_str());
    else
      leaf = z3_context().bv_const(id.c_str(), 32);
  });
  return r;
}

// Converts a concrete record into the same record of Z3 literals.
template <class SymRecord, class ConcreteRecord>
SymRecord literal(const ConcreteRecord& c) {
  SymRecord r;
  spec::zip_leaves(r, c, [](std::string_view, auto& term, const auto& value) {
    if constexpr (std::is_same_v<std::decay_t<decltype(value)>, bool>)
      term = z3_context().bool_val(value);
    else
      term = z3_context().bv_val(static_cast<std::uint64_t>(value), 32);
  });
  return r;
}

// The concrete record a Z3 model assigns to a symbolic one (unconstrained leaves: 0/false).
template <class ConcreteRecord, class SymRecord>
ConcreteRecord concrete(const z3::model& m, const SymRecord& sym) {
  ConcreteRecord r{};
  spec::zip_leaves(r, sym, [&](std::string_view, auto& value, const z3::expr& term) {
    const z3::expr x = m.eval(term, true);
    if constexpr (std::is_same_v<std::decay_t<decltype(value)>, bool>)
      value = x.is_true();
    else
      value = static_cast<std::uint32_t>(x.get_numeral_uint64());
  });
  return r;
}

}  // namespace secmode::model
