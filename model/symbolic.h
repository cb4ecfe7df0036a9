// The symbolic value domain: the same rule templates as spec/rules/concrete.h, instantiated
// over Z3 terms. A rule evaluated in this domain yields its guard and effect as formulas.
#pragma once

#include <z3++.h>

#include <cstdint>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include "spec/rules/fields.h"

namespace secmode::model {

// One Z3 context for the process: terms from different contexts cannot be mixed, and the
// records below must be default-constructible (a term needs its context to exist).
z3::context& z3_context();

// Distinct types for Boolean and word terms, so that generic code can tell which sort a
// field has; both are plain z3::expr otherwise.
struct BoolTerm : z3::expr {
  BoolTerm() : z3::expr(z3_context().bool_val(false)) {}
  BoolTerm(const z3::expr& e) : z3::expr(e) {}  // NOLINT: implicit, like the concrete bool
};
struct WordTerm : z3::expr {
  WordTerm() : z3::expr(z3_context().bv_val(0, 32)) {}
  WordTerm(const z3::expr& e) : z3::expr(e) {}  // NOLINT
};

struct Symbolic {
  using Bool = BoolTerm;
  using Word = WordTerm;

  Bool lit(bool b) const { return z3_context().bool_val(b); }
  Word word(std::uint32_t x) const { return z3_context().bv_val(x, 32); }
  Bool ule(const Word& a, const Word& b) const { return z3::ule(a, b); }
  Bool ult(const Word& a, const Word& b) const { return z3::ult(a, b); }
  template <class T>
  T ite(const Bool& c, const T& a, const T& b) const { return z3::ite(c, a, b); }
};

// A record whose every field is a fresh Z3 constant named prefix + field name.
template <class Record>
Record fresh(const std::string& prefix) {
  Record r;
  spec::for_each_field(r, [&](std::string_view name, auto& field) {
    const std::string id = prefix + std::string(name);
    if constexpr (std::is_same_v<std::decay_t<decltype(field)>, BoolTerm>)
      field = z3_context().bool_const(id.c_str());
    else
      field = z3_context().bv_const(id.c_str(), 32);
  });
  return r;
}

// Converts a concrete record into the same record of Z3 literals.
template <class SymRecord, class ConcreteRecord>
SymRecord literal(const ConcreteRecord& c) {
  SymRecord r;
  const auto sym_fields = SymRecord::fields();
  const auto con_fields = ConcreteRecord::fields();
  constexpr std::size_t n = std::tuple_size_v<decltype(sym_fields)>;
  static_assert(n == std::tuple_size_v<decltype(con_fields)>);
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    auto convert = [](const auto& value) {
      if constexpr (std::is_same_v<std::decay_t<decltype(value)>, bool>)
        return z3::expr(z3_context().bool_val(value));
      else
        return z3::expr(z3_context().bv_val(static_cast<std::uint64_t>(value), 32));
    };
    ((r.*(std::get<I>(sym_fields).member) = convert(c.*(std::get<I>(con_fields).member))), ...);
  }(std::make_index_sequence<n>{});
  return r;
}

}  // namespace secmode::model
