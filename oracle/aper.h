// A reader of the aligned variant of PER (ITU-T X.691) as S1AP and NGAP use it, for the few
// fields the oracle reads (ap_nas.h): bit-fields, octet alignment, length determinants, constrained
// whole numbers, and skipping what is not read (open types, protocol extension containers,
// extension additions). Every refusal names the protocol, the message offset and the field.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>

#include "oracle/verdict.h"

namespace secmode::oracle {

class Aper {
 public:
  using Bytes = std::span<const std::uint8_t>;

  // `bytes` starts at offset `base` of the message (for the offsets errors name).
  Aper(Bytes bytes, const char* protocol, std::size_t base = 0) : b_(bytes), protocol_(protocol), base_(base) {}

  [[noreturn]] void fail(std::size_t offset, const std::string& what) const {
    throw UnusableInput(std::string(protocol_) + " offset " + std::to_string(offset) + ": " + what);
  }
  [[noreturn]] void fail(const std::string& what) const { fail(offset(), what); }
  std::size_t offset() const { return base_ + bit_ / 8; }  // of the octet being read
  const char* protocol() const { return protocol_; }
  std::size_t left() const { return b_.size() - std::min(b_.size(), (bit_ + 7) / 8); }  // whole octets

  // `n` (<= 32) bits, most significant first, not aligned.
  std::uint32_t bits(unsigned n, const char* field) {
    std::uint32_t out = 0;
    for (unsigned i = 0; i < n; ++i, ++bit_) {
      if (bit_ / 8 >= b_.size()) fail(std::string("truncated at ") + field);
      out = out << 1 | (b_[bit_ / 8] >> (7 - bit_ % 8) & 1u);
    }
    return out;
  }
  bool bit(const char* field) { return bits(1, field) != 0; }
  void align() { bit_ = (bit_ + 7) / 8 * 8; }
  std::uint8_t octet(const char* field) {
    align();
    return static_cast<std::uint8_t>(bits(8, field));
  }
  std::uint16_t u16(const char* field) {
    align();
    return static_cast<std::uint16_t>(bits(16, field));
  }
  // `n` octets from the next octet boundary.
  Bytes octets(std::size_t n, const char* field) {
    align();
    const std::size_t at = bit_ / 8;
    if (b_.size() - at < n)
      fail(std::string(field) + " of " + std::to_string(n) + " octets exceeds the message (" +
           std::to_string(b_.size() - at) + " left)");
    bit_ += 8 * n;
    return b_.subspan(at, n);
  }
  // An unconstrained length determinant (X.691 11.9.3.6-8), octet-aligned; fragmented lengths
  // (16K and more) are refused.
  std::size_t length(const char* field) {
    align();
    const std::size_t start = offset();
    const std::uint8_t first = octet(field);
    if ((first & 0x80) == 0) return first;
    if ((first & 0xc0) == 0x80) return std::size_t{first & 0x3fu} << 8 | octet(field);
    fail(start, std::string("fragmented length (16K octets or more) of ") + field);
  }
  // A constrained whole number in lb..ub (X.691 11.5.7, aligned variant): a bit-field up to a
  // range of 255, one or two aligned octets up to 64K, else its octet count (a bit-field) and
  // that many aligned octets.
  std::uint64_t whole(std::uint64_t lb, std::uint64_t ub, const char* field) {
    const std::uint64_t range = ub - lb + 1;
    std::uint64_t v = 0;
    if (range <= 255) {
      unsigned n = 0;
      while ((std::uint64_t{1} << n) < range) ++n;
      v = bits(n, field);
    } else if (range == 256) {
      v = octet(field);
    } else if (range <= 65536) {
      v = u16(field);
    } else {
      unsigned max_octets = 0;
      while (max_octets < 8 && (ub - lb) >> (8 * max_octets)) ++max_octets;
      unsigned n = 0;
      while ((1u << n) < max_octets) ++n;
      const std::size_t count = bits(n, field) + 1;
      if (count > max_octets) fail(std::string(field) + " of " + std::to_string(count) + " octets");
      for (std::uint8_t o : octets(count, field)) v = v << 8 | o;
    }
    if (v > ub - lb) fail(std::string(field) + " beyond its range");
    return lb + v;
  }
  // An open type or unconstrained OCTET STRING: its length, then its octets.
  Bytes open(const char* field) { return octets(length(field), field); }
  // ProtocolExtensionContainer ::= SEQUENCE (SIZE (1..65535)) OF SEQUENCE { id, criticality,
  // extensionValue open type }: skipped.
  void skip_extension_container(const char* field) {
    const std::uint64_t count = whole(1, 65535, field);
    for (std::uint64_t i = 0; i < count; ++i) {
      u16(field);
      bits(2, field);  // criticality
      open(field);
    }
  }
  // The extension additions of a SEQUENCE whose extension bit is set (X.691 19.7): a normally
  // small count, a presence bitmap, then each present addition as an open type; skipped.
  void skip_additions(const char* field) {
    if (bit(field)) fail(std::string("more than 64 extension additions in ") + field);
    const std::uint32_t count = bits(6, field) + 1;
    std::uint64_t present = 0;
    for (std::uint32_t i = 0; i < count; ++i) present += bit(field);
    for (std::uint64_t i = 0; i < present; ++i) open(field);
  }

 private:
  Bytes b_;
  const char* protocol_;
  std::size_t base_, bit_ = 0;
};

}  // namespace secmode::oracle
