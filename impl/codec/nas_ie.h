// Internal to the EPS and 5GS NAS codecs: the IE formats of TS 24.007 11.2, the clause 7 walk
// over the non-imperative part of a message (TS 24.301 and TS 24.501 number clause 7 alike), the
// ignored-IE sink, the mandatory LV reader, the failed results both codecs return, and the octet
// writer.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "impl/codec/nas_eps.h"

namespace secmode::impl::nas::detail {

// TS 24.007 11.2.1.1: type 1 (half-octet IEI and value), 3 (TV), 4 (TLV), 6 (TLV-E).
enum class Format : std::uint8_t { half, tv, tlv, tlv_e };

// One optional row of a message table of TS 24.301 or TS 24.501 clause 8. Lengths count value octets only: the
// fixed value of a TV IE, the contents range of a TLV or TLV-E IE.
struct Row {
  std::uint8_t iei;  // half: the IEI nibble in bits 8..5, e.g. 0xC0 for "C-"
  Format format;
  std::uint16_t min;
  std::uint16_t max;
  const char* name;
};

// A message's rows in table order and, per IEI octet, the row it selects (-1: unknown to the
// message), so the walk costs one load per IE rather than a scan of the table.
struct Table {
  std::span<const Row> rows;
  std::array<std::int8_t, 256> row_of;
};

template <std::size_t N>
constexpr Table table(const std::array<Row, N>& rows) {
  static_assert(N <= 64, "the walk keeps the rows it took in a 64-bit mask");
  Table t{rows, {}};
  t.row_of.fill(-1);
  for (std::size_t r = 0; r < N; ++r)
    for (unsigned octet = 0; octet < 256; ++octet)
      if (rows[r].format == Format::half ? (octet & 0xf0) == rows[r].iei : octet == rows[r].iei)
        t.row_of[octet] = static_cast<std::int8_t>(r);
  return t;
}

// An optional IE the walk took: where its IEI is, its value cut to the row's maximum, and for a
// type 1 IE the value in bits 4..1 of the IEI octet.
struct Found {
  bool present = false;
  std::size_t offset = 0;
  ByteView value;
  std::uint8_t half = 0;
};

// Fills the caller's sink as far as it goes and counts every IE.
class Sink {
 public:
  explicit Sink(std::span<IgnoredIe> slots) noexcept : slots_(slots) {}
  void add(std::size_t offset, std::uint8_t iei, const char* ie, const char* reason) noexcept {
    if (count_ < slots_.size()) slots_[count_] = IgnoredIe{offset, iei, ie, reason};
    ++count_;
  }
  std::size_t count() const noexcept { return count_; }

 private:
  std::span<IgnoredIe> slots_;
  std::size_t count_ = 0;
};

// What the walk reports for each case of clause 7 it meets, citing the protocol whose message it
// reads. Whole static strings, one set per protocol, so that errors and ignored IEs never
// allocate and every clause reference is spelled out where a grep finds it.
struct Clauses {
  const char* comprehension_required;  // 7.5.1: an unknown IE with IEI bits 8..5 = 0000
  const char* unknown;                 // 7.6.1: an IEI unknown in the message, skipped
  const char* out_of_sequence;         // 7.6.2
  const char* repeated;                // 7.6.3: only the first occurrence is handled
  const char* bad_length;              // 7.7.1: an optional IE too short, treated as not present
  const char* missing;                 // 7.5.1: the message ends before a mandatory IE
  const char* not_a_raw_row;           // an encoder's other_ies names no raw row of the table
  const char* raw_misfit;              // an encoder's other_ies value does not fit its row
};

inline constexpr Clauses kTs24301Clauses{
    "unknown IE encoded as comprehension required (TS 24.007 11.2.4, TS 24.301 7.5.1)",
    "unknown IE skipped (TS 24.301 7.6.1)",
    "out of sequence IE ignored (TS 24.301 7.6.2)",
    "repeated IE ignored (TS 24.301 7.6.3)",
    "bad length: syntactically incorrect, treated as not present (TS 24.301 7.7.1)",
    "missing: the message ends here (TS 24.301 7.5.1)",
    "other_ies: an IEI that is not a raw row of the message table (TS 24.301 8.2)",
    "other_ies: a value that does not fit its row's length (TS 24.301 8.2)",
};

inline constexpr Clauses kTs24501Clauses{
    "unknown IE encoded as comprehension required (TS 24.007 11.2.4, TS 24.501 7.5.1)",
    "unknown IE skipped (TS 24.501 7.6.1)",
    "out of sequence IE ignored (TS 24.501 7.6.2)",
    "repeated IE ignored (TS 24.501 7.6.3)",
    "bad length: syntactically incorrect, treated as not present (TS 24.501 7.7.1)",
    "missing: the message ends here (TS 24.501 7.5.1)",
    "other_ies: an IEI that is not a raw row of the message table (TS 24.501 8.2)",
    "other_ies: a value that does not fit its row's length (TS 24.501 8.2)",
};

// Walks pdu[at..] as the non-imperative part of `message`: found[r] receives row r of `t` when
// it was present and taken (found.size() == t.rows.size()); every IE stepped over goes to the
// sink, with the reason `clauses` gives. Returns false, with `error` set, when an IE runs past
// the end of the message or an unknown IE is encoded as comprehension required.
bool walk(ByteView pdu, std::size_t at, const Table& t, const char* message, std::span<Found> found,
          Sink& sink, Error& error, const Clauses& clauses = kTs24301Clauses) noexcept;

// TS 24.007 11.4.2: why the octets of an IE past its defined length are stepped over.
inline constexpr const char* kBeyondDefinedLength =
    "octets beyond the defined length ignored (TS 24.007 11.4.2)";

// A mandatory LV IE whose length octet is at `at`: `contents` gets at most `max` octets, the rest
// goes to the sink (11.4.2), and `end` is the offset just past the IE. Returns false, with
// `error` set, when the message ends before the IE (`clauses.missing`) or inside it.
bool read_lv(ByteView pdu, std::size_t at, std::size_t max, const char* message, const char* ie,
             ByteView& contents, std::size_t& end, Sink& sink, Error& error,
             const Clauses& clauses) noexcept;

template <typename T>
Decoded<T> failed(const char* message, const char* ie, std::size_t offset,
                  const char* reason) noexcept {
  return {{}, {message, ie, offset, reason}, 0};
}

template <typename T>
Decoded<T> missing(const char* message, const char* ie, std::size_t offset,
                   const Clauses& clauses) noexcept {
  return failed<T>(message, ie, offset, clauses.missing);
}

// `d` with its value held by V, a variant of messages one of which is T: what a decoder that
// dispatches on the message type returns from the decoder it picked.
template <typename V, typename T>
Decoded<V> widen(const Decoded<T>& d) noexcept {
  return {V(d.value), d.error, d.ignored};
}

// Writes octets while they fit and counts them all, so one pass gives both the message and,
// when the buffer is too small, the size to retry with.
class Writer {
 public:
  explicit Writer(std::span<std::uint8_t> out) noexcept : out_(out) {}
  void put(std::uint8_t octet) noexcept {
    if (size_ < out_.size()) out_[size_] = octet;
    ++size_;
  }
  void put(ByteView octets) noexcept {
    if (size_ <= out_.size() && octets.size() <= out_.size() - size_)
      std::copy(octets.begin(), octets.end(), out_.begin() + static_cast<std::ptrdiff_t>(size_));
    size_ += octets.size();
  }
  void put16(std::uint16_t v) noexcept {
    put(static_cast<std::uint8_t>(v >> 8));
    put(static_cast<std::uint8_t>(v));
  }
  void put32(std::uint32_t v) noexcept {
    put16(static_cast<std::uint16_t>(v >> 16));
    put16(static_cast<std::uint16_t>(v));
  }
  Encoded done() const noexcept { return {size_, size_ <= out_.size(), nullptr}; }

 private:
  std::span<std::uint8_t> out_;
  std::size_t size_ = 0;
};

// Octet 1 of any EMM message (TS 24.301 9.2, 9.3.1): the protocol discriminator must be EMM and
// the security header type not reserved. Returns false, with `error` set, otherwise.
bool check_emm_octet(std::uint8_t octet, const char* message, Error& error) noexcept;

constexpr std::uint8_t kEmmPd = 0x7;  // TS 24.007 11.2.3.1.1

}  // namespace secmode::impl::nas::detail
