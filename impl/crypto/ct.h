// Constant-time helpers: the only place secret-dependent choices are made (STYLE.md 9).
//
// The rules every function here keeps, and every caller relies on:
//  1. No branch and no memory index depends on a secret argument. Choices are masks: a word
//     that is all ones (true) or all zeros (false), combined with AND, OR, XOR.
//  2. Masks are made from the top bit of a word computed by arithmetic, never by comparison
//     operators: `a == b` on a secret may compile to a branch (or to setcc, which is fine,
//     but nothing promises it).
//  3. A mask that the optimizer could prove is 0 or ~0 might let it re-introduce a branch
//     (e.g. turn select() into `if`). value_barrier() hides the value from the optimizer; it
//     costs nothing at run time (an empty asm that "may change" a register).
//  4. Lengths, counts and pointers are public: only the contents of keys, data and MACs are
//     secret. Loops may therefore run over lengths.
// The valgrind check (tests/ct/ct_aes.cpp) proves rules 1-4 held for the code that uses these.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>

namespace secmode::impl::crypto::ct {

// Returns x unchanged, but the compiler can no longer reason about its value (rule 3).
inline std::uint64_t value_barrier(std::uint64_t x) noexcept {
  __asm__("" : "+r"(x));
  return x;
}

// All ones if the low bit of `bit` is 1, else zero. `bit` must be 0 or 1.
inline std::uint64_t mask_from_bit(std::uint64_t bit) noexcept { return 0 - value_barrier(bit & 1); }

// All ones if x is zero, else zero: x | -x has its top bit set exactly when x != 0.
inline std::uint64_t is_zero(std::uint64_t x) noexcept {
  return mask_from_bit(((x | (0 - x)) >> 63) ^ 1);
}

// All ones if a == b, else zero.
inline std::uint64_t equal(std::uint64_t a, std::uint64_t b) noexcept { return is_zero(a ^ b); }

// `a` where mask is all ones, `b` where it is zero (bitwise, so partial masks blend bits).
inline std::uint64_t select(std::uint64_t mask, std::uint64_t a, std::uint64_t b) noexcept {
  return b ^ (value_barrier(mask) & (a ^ b));
}

// 1 if the n octets at a and b are equal, else 0; reads all n octets whatever they hold.
// The MAC compare (128-EIA2 verification): an early exit would tell an attacker how many
// leading octets of a forged MAC were right.
inline bool equal_bytes(const void* a, const void* b, std::size_t n) noexcept {
  const auto* x = static_cast<const std::uint8_t*>(a);
  const auto* y = static_cast<const std::uint8_t*>(b);
  std::uint64_t diff = 0;
  for (std::size_t i = 0; i < n; ++i) diff |= static_cast<std::uint64_t>(x[i] ^ y[i]);
  // The result leaves as a bool: the caller branches on it, which is fine because whether a
  // MAC verified is public (the receiver discards the message either way).
  return static_cast<bool>(is_zero(diff) & 1);
}

// Overwrites n octets at p with zeros in a way the optimizer may not drop (a plain memset of
// memory that is never read again is a dead store). The asm tells the compiler that p's
// memory is read afterwards. Rejected: a volatile loop (byte at a time, slower) and
// explicit_bzero (glibc-only, and the asm makes the intent visible here).
inline void wipe(void* p, std::size_t n) noexcept {
  if (n == 0) return;  // n is public (rule 4)
  std::memset(p, 0, n);
  __asm__ __volatile__("" : : "r"(p) : "memory");
}

// Wipes an object in place (arrays, PODs of key material).
template <typename T>
inline void wipe_object(T& object) noexcept {
  wipe(&object, sizeof object);
}

// MAC verification: `compute(expected)` writes the 4-octet MAC the message should carry and returns
// nullptr, or an argument fault (then false). The comparison is in constant time and the computed
// MAC is wiped, so nothing about it survives the call but the verdict.
template <typename Compute>
inline bool mac_verifies(Compute compute, std::span<const std::uint8_t, 4> mac) noexcept {
  std::array<std::uint8_t, 4> expected{};
  if (compute(std::span<std::uint8_t, 4>(expected)) != nullptr) return false;
  const bool ok = equal_bytes(expected.data(), mac.data(), 4);
  wipe_object(expected);
  return ok;
}

}  // namespace secmode::impl::crypto::ct
