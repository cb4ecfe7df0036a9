// Reflection for the state, event and output records of a procedure: each record lists its
// fields once (name and member pointer), and the generic operations here, field-wise
// if-then-else and equality, work on any record in any value domain.
#pragma once

#include <string_view>
#include <tuple>
#include <type_traits>

namespace secmode::spec {

template <class Record, class T>
struct Field {
  std::string_view name;
  T Record::*member;
};

template <class Record, class T>
Field<Record, T> field(std::string_view name, T Record::*member) {
  return {name, member};
}

// Calls f(name, a.field, b.field) for every field of two records of the same type; either
// may be const.
template <class A, class B, class F>
void zip_fields(A& a, B& b, F&& f) {
  static_assert(std::is_same_v<std::remove_cv_t<A>, std::remove_cv_t<B>>);
  std::apply([&](const auto&... field) { (f(field.name, a.*(field.member), b.*(field.member)), ...); },
             std::remove_cv_t<A>::fields());
}

// Calls f(name, r.field) for every field; r may be const.
template <class Record, class F>
void for_each_field(Record& r, F&& f) {
  std::apply([&](const auto&... field) { (f(field.name, r.*(field.member)), ...); },
             std::remove_cv_t<Record>::fields());
}

// Field-wise c ? a : b.
template <class V, class Record>
Record select(const V& v, const typename V::Bool& c, const Record& a, const Record& b) {
  Record out = b;
  zip_fields(out, a, [&](std::string_view, auto& o, const auto& x) { o = v.ite(c, x, o); });
  return out;
}

// Conjunction of field-wise equalities.
template <class V, class Record>
typename V::Bool equal(const V& v, const Record& a, const Record& b) {
  typename V::Bool all = v.lit(true);
  zip_fields(a, b, [&](std::string_view, const auto& x, const auto& y) { all = all && x == y; });
  return all;
}

}  // namespace secmode::spec
