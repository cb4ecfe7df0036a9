// Reflection for the state, event and output records of a procedure: each record lists its
// fields once (name and member pointer), and the generic operations here, field-wise
// if-then-else and equality, work on any record in any value domain.
//
// A field may itself be a record (a composed system holds its parties' states), so the
// operations walk the leaves, named by their dotted path ("ue.ksi").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

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

template <class T>
concept IsRecord = requires { std::remove_cv_t<T>::fields(); };

// Calls f(path, a_leaf, b_leaf) for every leaf of two records of the same shape: the same
// template instantiated in two value domains, or the same type; either may be const. With
// kNamed false, f(a_leaf, b_leaf) and no paths: select() and equal() run on every rule of every
// concrete step, where building the paths cost more than the step itself.
template <bool kNamed = true, class A, class B, class F>
void zip_leaves(A& a, B& b, F&& f, const std::string& prefix = {}) {
  const auto fa = std::remove_cv_t<A>::fields();
  const auto fb = std::remove_cv_t<B>::fields();
  constexpr std::size_t n = std::tuple_size_v<decltype(fa)>;
  static_assert(n == std::tuple_size_v<decltype(fb)>, "records of different shapes");
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    auto one = [&](const auto& field_a, const auto& field_b) {
      auto& x = a.*(field_a.member);
      auto& y = b.*(field_b.member);
      if constexpr (!kNamed) {
        if constexpr (IsRecord<std::remove_reference_t<decltype(x)>>)
          zip_leaves<false>(x, y, f);
        else
          f(x, y);
      } else {
        const std::string path = prefix + std::string(field_a.name);
        if constexpr (IsRecord<std::remove_reference_t<decltype(x)>>)
          zip_leaves(x, y, f, path + ".");
        else
          f(std::string_view(path), x, y);
      }
    };
    (one(std::get<I>(fa), std::get<I>(fb)), ...);
  }(std::make_index_sequence<n>{});
}

// Calls f(path, leaf) for every leaf; r may be const.
template <class R, class F>
void for_each_leaf(R& r, F&& f) {
  zip_leaves(r, r, [&](std::string_view path, auto& x, auto&) { f(path, x); });
}

// Field-wise c ? a : b.
template <class V, class R>
R select(const V& v, const typename V::Bool& c, const R& a, const R& b) {
  R out = b;
  zip_leaves<false>(out, a, [&](auto& o, const auto& x) { o = v.ite(c, x, o); });
  return out;
}

// Conjunction of field-wise equalities.
template <class V, class R>
typename V::Bool equal(const V& v, const R& a, const R& b) {
  typename V::Bool all = v.lit(true);
  zip_leaves<false>(a, b, [&](const auto& x, const auto& y) { all = all && x == y; });
  return all;
}

}  // namespace secmode::spec
