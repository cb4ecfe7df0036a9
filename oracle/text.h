// The words of a verdict built in one allocation: the parts' sizes are summed first and numbers
// written with std::to_chars. A verdict's texts are the oracle's output, and building them with
// chains of operator+ (a temporary string per +) cost more than judging the message did
// (bench/bench_oracle.cpp).
#pragma once

#include <charconv>
#include <concepts>
#include <cstddef>
#include <string>
#include <string_view>

namespace secmode::oracle {

namespace text_detail {

template <class T>
concept Number = std::integral<T> && !std::same_as<T, bool> && !std::same_as<T, char>;

constexpr std::size_t kDigits = 20;  // the longest 64-bit number, with a sign

template <class T>
std::size_t bound(const T& part) {
  if constexpr (Number<T>)
    return kDigits;
  else
    return std::string_view(part).size();
}

template <class T>
void append(std::string& out, const T& part) {
  if constexpr (Number<T>) {
    char digits[kDigits];
    const auto end = std::to_chars(digits, digits + kDigits, part).ptr;
    out.append(digits, end);
  } else {
    out.append(std::string_view(part));
  }
}

}  // namespace text_detail

// The parts (strings, string views, C strings, integers in decimal) one after the other.
template <class... Parts>
std::string cat(const Parts&... parts) {
  std::string out;
  out.reserve((text_detail::bound(parts) + ... + 0));
  (text_detail::append(out, parts), ...);
  return out;
}

}  // namespace secmode::oracle
