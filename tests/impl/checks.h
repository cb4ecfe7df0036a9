// Checks the unit tests of the zero-copy NAS codecs (EPS and 5GS) share: a clean decode, an error
// with its place and clause, an encoding, and the retry contract of impl::codec::Encoded.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "impl/codec/result.h"
#include "tests/codec/checks.h"

namespace secmode::test {

// The value of a decode that must succeed with nothing stepped over.
template <typename T>
T decoded_clean(const impl::codec::Decoded<T>& d) {
  EXPECT_TRUE(d.ok()) << d.error.message << ", IE '" << d.error.ie << "' at " << d.error.offset
                      << ": " << d.error.reason;
  EXPECT_EQ(d.ignored, 0u);
  return d.value;
}

// The encoding of `m`, which must fit 2048 octets.
template <typename T>
std::vector<std::uint8_t> encoded(const T& m) {
  std::vector<std::uint8_t> out(2048);
  const impl::codec::Encoded e = encode(m, out);
  EXPECT_TRUE(e.written) << (e.error ? e.error : "buffer too small");
  out.resize(e.size);
  return out;
}

// A failed decode with its message, IE and offset, and a reason that cites `clause`.
template <typename T>
void expect_error(const impl::codec::Decoded<T>& d, const char* message, const char* ie,
                  std::size_t offset, const char* clause = "") {
  ASSERT_FALSE(d.ok());
  EXPECT_STREQ(d.error.message, message);
  EXPECT_STREQ(d.error.ie, ie);
  EXPECT_EQ(d.error.offset, offset);
  EXPECT_STRNE(d.error.reason, "");
  EXPECT_TRUE(mentions(d.error.reason, clause)) << d.error.reason;
  EXPECT_EQ(d.ignored, 0u);
}

// `m` encodes to `pdu`: every buffer shorter than it is refused with its size to retry with, a
// buffer of that size takes it, and a roomier one gets nothing written past it.
template <typename T>
void expect_retry_contract(const T& m, const std::vector<std::uint8_t>& pdu) {
  using Bytes = std::vector<std::uint8_t>;
  for (std::size_t n = 0; n < pdu.size(); ++n) {
    Bytes small(n, 0xaa);
    const impl::codec::Encoded e = encode(m, small);
    EXPECT_FALSE(e.written) << n;
    EXPECT_EQ(e.error, nullptr);
    EXPECT_EQ(e.size, pdu.size()) << n;
  }
  Bytes retry(encode(m, std::span<std::uint8_t>{}).size);
  EXPECT_TRUE(encode(m, retry).written);
  EXPECT_EQ(retry, pdu);
  Bytes roomy(pdu.size() + 3, 0xaa);
  const impl::codec::Encoded e = encode(m, roomy);
  ASSERT_TRUE(e.written);
  EXPECT_EQ(Bytes(roomy.begin(), roomy.begin() + static_cast<std::ptrdiff_t>(e.size)), pdu);
  EXPECT_EQ(roomy.back(), 0xaa) << "nothing written past the message";
}

}  // namespace secmode::test
