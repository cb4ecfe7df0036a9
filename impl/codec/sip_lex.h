// What the zero-copy SIP codecs (sip_sec_agree.h, sip_digest_aka.h) share: their result and
// error types, a fixed-capacity list, the RFC 3261 25.1 lexical rules (tokens, SWS with one
// folded line, quoted-strings), the canonical reading of a quoted-string's text, base64 (RFC 4648
// 4) and a bounded text writer. The fast twin of spec/codec/sip_lex.h, written apart from it.
//
// Nothing here allocates or throws, and nothing reads outside the text it is given.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "impl/codec/result.h"

namespace secmode::impl::sip {

using codec::Encoded;  // size in characters; `error` names a broken encoder contract

// Where decoding stopped (STYLE.md 11). Unlike codec::Error, the parameter or directive at fault
// is a view into the caller's text (its name as written, so in any case), because SIP names are
// open-ended; the grammar's own names ("mechanism-name", "auth-scheme") are static.
struct Error {
  std::string_view header;  // canonical field name ("Security-Client"), or the caller's name when
                            // it is not a field this codec decodes
  std::string_view ie;      // mechanism, parameter or directive at fault; "" when none
  std::size_t item = 0;     // sec-agree: the mechanism's index (0-based, across all lines);
                            // Digest: the directive's index
  std::size_t line = 0;     // 1-based header field line (decode_security_headers); 0: one value
  std::size_t offset = 0;   // character offset in that value (line)
  const char* reason = nullptr;  // static; what is wrong and the clause (last parentheses)
};

template <typename T>
struct Decoded {
  T value{};      // meaningful when ok()
  Error error{};  // meaningful when !ok()
  bool ok() const noexcept { return error.reason == nullptr; }
};

// Over capacity: the text is valid but holds more items than a fixed-capacity list below. It is
// reported only for text the decoder otherwise accepts (decoding goes on to the end without
// storing), so it never hides a syntax error, at the first item that did not fit.
extern const char kTooManyMechanisms[];
extern const char kTooManyExtensions[];
extern const char kTooManyAuthParams[];
extern const char kTooManyQopValues[];
extern const char kTooManyFields[];  // sip_message.h
bool is_over_capacity(const Error& e) noexcept;

// A list of at most N items held in place.
template <typename T, std::size_t N>
class List {
 public:
  static constexpr std::size_t capacity() noexcept { return N; }
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  bool full() const noexcept { return size_ == N; }
  const T& operator[](std::size_t i) const noexcept { return items_[i]; }
  T& operator[](std::size_t i) noexcept { return items_[i]; }
  const T* begin() const noexcept { return items_.data(); }
  const T* end() const noexcept { return items_.data() + size_; }
  // False (and nothing stored) when full.
  bool push_back(const T& v) noexcept {
    if (size_ == N) return false;
    items_[size_++] = v;
    return true;
  }
  // The next slot, reset and counted, or nullptr when full.
  T* grow() noexcept {
    if (size_ == N) return nullptr;
    items_[size_] = T{};
    return &items_[size_++];
  }
  void clear() noexcept { size_ = 0; }
  operator std::span<const T>() const noexcept { return {items_.data(), size_}; }

 private:
  std::array<T, N> items_{};
  std::size_t size_ = 0;
};

// A quoted-string's text between its DQUOTEs exactly as written: quoted-pairs and folded lines
// kept. Decoders only produce valid ones; an encoder checks one it is given.
struct Quoted {
  std::string_view raw;
};

namespace lex {

// RFC 3261 25.1 token characters: alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" /
// "'" / "~".
bool is_token_char(char c) noexcept;
bool is_token(std::string_view s) noexcept;
bool is_wsp(char c) noexcept;
bool is_lhex(char c) noexcept;  // LHEX = DIGIT / %x61-66
bool iequals(std::string_view a, std::string_view b) noexcept;  // ASCII case-insensitive
char to_lower(char c) noexcept;

// SWS = [LWS]; LWS = [*WSP CRLF] 1*WSP: the offset after it (== at when there is none).
std::size_t skip_sws(std::string_view s, std::size_t at) noexcept;
std::size_t scan_token(std::string_view s, std::size_t at) noexcept;

// quoted-string from the DQUOTE at `at` (which the caller has seen). Returns nullptr and sets
// `end` after the closing DQUOTE, or returns the reason and sets `error_at` to the first
// character that does not fit (s.size() when the text ends first).
const char* scan_quoted(std::string_view s, std::size_t at, std::size_t& end,
                        std::size_t& error_at) noexcept;
// IPv6reference = "[" IPv6address "]", checked as hex digits, ':' and '.' between brackets:
// the end, or 0 when there is none.
std::size_t scan_ipv6_reference(std::string_view s, std::size_t at) noexcept;

// The characters a valid quoted-string text (Quoted::raw) stands for, one at a time. Each maximal
// run of WSP and folded lines that holds a fold reads as one SP (RFC 3261 25.1: LWS is
// [*WSP CRLF] 1*WSP, read as SP); other WSP stays. With `resolve_pairs`, "\x" reads as x (the
// content); without, quoted-pairs are kept as written (the canonical raw text).
class QuotedReader {
 public:
  QuotedReader(std::string_view raw, bool resolve_pairs) noexcept
      : s_(raw), resolve_(resolve_pairs) {}
  bool next(char& c) noexcept;

 private:
  std::string_view s_;
  bool resolve_;
  std::size_t i_ = 0;
  std::size_t plain_until_ = 0;  // WSP before this offset is a run without a fold
  char pending_ = 0;             // the escaped character of a kept quoted-pair
  bool has_pending_ = false;
};

// Content equality and size of a valid quoted text.
bool content_equals(std::string_view raw, std::string_view content) noexcept;
// True when the text has no quoted-pair and no folded line: its content is itself.
bool is_plain(std::string_view raw) noexcept;

// ---- base64 (RFC 4648 4), canonical only (padding present, pad bits zero: RFC 4648 3.5) ------

enum class Base64Error { none, length, character, pad_bits };
// Decodes what `reader` yields (`size` characters; a QuotedReader's content), calling
// out(index, octet) for each octet; returns the count in `octets`.
// `error_at` is the position of a character error, of the last data character for pad bits.
template <typename Reader, typename Out>
Base64Error decode_base64(Reader reader, std::size_t size, std::size_t& octets,
                          std::size_t& error_at, Out out) noexcept;
std::size_t base64_size(std::size_t octets) noexcept;
// Whether `raw` is a whole valid quoted-string text (what may stand between two DQUOTEs).
bool is_quoted_text(std::string_view raw) noexcept;

}  // namespace lex

// Writes text into a caller buffer, counting what does not fit (the Encoded retry contract).
class Writer {
 public:
  explicit Writer(std::span<char> out) noexcept : out_(out) {}
  void put(char c) noexcept {
    if (n_ < out_.size()) out_[n_] = c;
    ++n_;
  }
  void put(std::string_view s) noexcept {
    for (char c : s) put(c);
  }
  void put_lower(std::string_view s) noexcept {
    for (char c : s) put(lex::to_lower(c));
  }
  void put_decimal(std::uint32_t v) noexcept;
  void put_hex8(std::uint32_t v) noexcept;  // 8 lower-case hex digits
  void put_base64(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b = {},
                  std::span<const std::uint8_t> c = {}) noexcept;  // of a || b || c
  // DQUOTE, the content of `raw` re-quoted canonically (only '"', '\' and controls other than
  // HTAB escaped), DQUOTE.
  void put_requoted(std::string_view raw) noexcept;
  std::size_t size() const noexcept { return n_; }
  Encoded done() const noexcept { return {n_, n_ <= out_.size(), nullptr}; }

 private:
  std::span<char> out_;
  std::size_t n_ = 0;
};

inline Encoded contract_broken(const char* rule) noexcept { return {0, false, rule}; }

// ---- template definitions ----------------------------------------------------------------------

namespace lex {

inline int base64_value(char c) noexcept {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

template <typename Reader, typename Out>
Base64Error decode_base64(Reader reader, std::size_t size, std::size_t& octets,
                          std::size_t& error_at, Out out) noexcept {
  octets = 0;
  error_at = size;
  if (size % 4 != 0) return Base64Error::length;
  std::uint32_t acc = 0;  // the bits not yet output (fewer than 8)
  unsigned bits = 0;
  const auto take = [&](char ch) -> bool {
    const int v = base64_value(ch);
    if (v < 0) return false;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out(octets++, static_cast<std::uint8_t>(acc >> bits));
      acc &= (1u << bits) - 1u;
    }
    return true;
  };
  // The reader is one-pass: hold back the last two characters until the end says whether they
  // are padding ('=' at most twice, at the very end).
  std::array<char, 2> held{};
  std::size_t nheld = 0;
  char c = 0;
  std::size_t i = 0;
  while (reader.next(c)) {
    ++i;
    if (nheld < 2) {
      held[nheld++] = c;
      continue;
    }
    if (!take(held[0])) {
      error_at = i - 3;
      return Base64Error::character;
    }
    held[0] = held[1];
    held[1] = c;
  }
  std::size_t pad = 0;
  if (nheld >= 1 && held[nheld - 1] == '=') pad = (nheld == 2 && held[0] == '=') ? 2 : 1;
  for (std::size_t k = 0; k < nheld - pad; ++k)
    if (!take(held[k])) {
      error_at = size - nheld + k;
      return Base64Error::character;
    }
  // RFC 4648 3.5: the bits the last character carries beyond the octets must be zero.
  if (acc != 0) {
    error_at = size - pad - 1;
    return Base64Error::pad_bits;
  }
  return Base64Error::none;
}

}  // namespace lex
}  // namespace secmode::impl::sip
