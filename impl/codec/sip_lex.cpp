// RFC 3261 25.1 lexical rules, base64 and the bounded writer of the zero-copy SIP codecs.
// Contracts are in the header.
#include "impl/codec/sip_lex.h"

namespace secmode::impl::sip {

const char kTooManyMechanisms[] =
    "over capacity: more mechanisms than kMaxMechanisms (impl/codec/sip_sec_agree.h); the text "
    "is valid (RFC 3329 2.2)";
const char kTooManyExtensions[] =
    "over capacity: more extension parameters in one mechanism than kMaxExtensions "
    "(impl/codec/sip_sec_agree.h); the text is valid (RFC 3329 2.2)";
const char kTooManyAuthParams[] =
    "over capacity: more auth-params than kMaxAuthParams (impl/codec/sip_digest_aka.h); the text "
    "is valid (RFC 3261 25.1)";
const char kTooManyQopValues[] =
    "over capacity: more qop-options values than kMaxQopValues (impl/codec/sip_digest_aka.h); "
    "the text is valid (RFC 3261 25.1)";

const char kTooManyFields[] =
    "over capacity: more header fields than kMaxFields (impl/codec/sip_message.h); the text is valid (RFC 3261 7.3)";

bool is_over_capacity(const Error& e) noexcept {
  return e.reason == kTooManyMechanisms || e.reason == kTooManyExtensions || e.reason == kTooManyAuthParams ||
         e.reason == kTooManyQopValues || e.reason == kTooManyFields;
}

namespace lex {
namespace {

// One bit per octet value: the token characters. Built at compile time from the RFC's list.
constexpr std::array<bool, 256> kToken = [] {
  std::array<bool, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = true;
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = true;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = true;
  for (char c : std::string_view("-.!%*_+`'~")) t[static_cast<unsigned char>(c)] = true;
  return t;
}();

// CRLF followed by a WSP at `at`: the fold of an LWS.
bool fold_at(std::string_view s, std::size_t at) noexcept {
  return at + 2 < s.size() && s[at] == '\r' && s[at + 1] == '\n' && is_wsp(s[at + 2]);
}

// UTF8-NONASCII (RFC 3261 25.1): a lead octet C0-FD announcing 1..5 UTF8-CONT (80-BF). Its
// length at `at`, 0 when none is there.
std::size_t utf8_length(std::string_view s, std::size_t at) noexcept {
  const auto lead = static_cast<unsigned char>(s[at]);
  std::size_t n = 0;
  if (lead >= 0xfc && lead <= 0xfd) n = 6;
  else if (lead >= 0xf8) n = lead <= 0xfb ? 5 : 0;
  else if (lead >= 0xf0) n = 4;
  else if (lead >= 0xe0) n = 3;
  else if (lead >= 0xc0) n = 2;
  if (n == 0 || at + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto c = static_cast<unsigned char>(s[at + k]);
    if ((c & 0xc0) != 0x80) return 0;
  }
  return n;
}

}  // namespace

bool is_token_char(char c) noexcept { return kToken[static_cast<unsigned char>(c)]; }
bool is_token(std::string_view s) noexcept { return !s.empty() && scan_token(s, 0) == s.size(); }
bool is_wsp(char c) noexcept { return c == ' ' || c == '\t'; }
bool is_lhex(char c) noexcept { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }
char to_lower(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
}

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  return true;
}

std::size_t skip_sws(std::string_view s, std::size_t at) noexcept {
  while (at < s.size() && is_wsp(s[at])) ++at;
  if (!fold_at(s, at)) return at;
  at += 2;  // one fold only: LWS = [*WSP CRLF] 1*WSP
  while (at < s.size() && is_wsp(s[at])) ++at;
  return at;
}

std::size_t scan_token(std::string_view s, std::size_t at) noexcept {
  while (at < s.size() && is_token_char(s[at])) ++at;
  return at;
}

// quoted-string = SWS DQUOTE *(qdtext / quoted-pair) DQUOTE
// qdtext        = LWS / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII
// quoted-pair   = "\" (%x00-09 / %x0B-0C / %x0E-7F)
namespace {

// qdtext and quoted-pairs from `i` up to a DQUOTE or the end: where it stopped, or, with `why`
// set, the first character that does not fit in `error_at`.
std::size_t scan_body(std::string_view s, std::size_t i, std::size_t& error_at,
                      const char*& why) noexcept {
  why = nullptr;
  while (i < s.size()) {
    const auto u = static_cast<unsigned char>(s[i]);
    if (u == '"') return i;
    if (u == '\\') {
      if (i + 1 >= s.size()) {
        error_at = s.size();
        why = "a quoted-pair is cut off after '\\' (RFC 3261 25.1)";
        return i;
      }
      const auto e = static_cast<unsigned char>(s[i + 1]);
      if (e == '\r' || e == '\n' || e >= 0x80) {
        error_at = i + 1;
        why = "a quoted-pair cannot escape CR, LF or an octet above 0x7f (RFC 3261 25.1)";
        return i;
      }
      i += 2;
    } else if (u == '\r' || u == '\n') {
      if (!fold_at(s, i)) {
        error_at = i;
        why = "CR or LF inside a quoted-string other than a folded line (CRLF 1*WSP, RFC 3261 "
              "25.1)";
        return i;
      }
      i += 3;
    } else if (u == ' ' || u == '\t' || (u >= 0x21 && u <= 0x7e)) {
      ++i;
    } else if (u >= 0x80) {
      const std::size_t n = utf8_length(s, i);
      if (n == 0) {
        error_at = i;
        why = "this octet does not start a UTF8-NONASCII sequence (RFC 3261 25.1)";
        return i;
      }
      i += n;
    } else {
      error_at = i;
      why = "a control character inside a quoted-string must be a quoted-pair (RFC 3261 25.1)";
      return i;
    }
  }
  return i;
}

}  // namespace

const char* scan_quoted(std::string_view s, std::size_t at, std::size_t& end,
                        std::size_t& error_at) noexcept {
  const char* why = nullptr;
  const std::size_t stop = scan_body(s, at + 1, error_at, why);
  if (why) return why;
  if (stop >= s.size()) {
    error_at = s.size();
    return "the quoted-string has no closing DQUOTE (RFC 3261 25.1)";
  }
  end = stop + 1;
  return nullptr;
}

bool is_quoted_text(std::string_view raw) noexcept {
  std::size_t error_at = 0;
  const char* why = nullptr;
  return scan_body(raw, 0, error_at, why) == raw.size() && why == nullptr;
}

std::size_t scan_ipv6_reference(std::string_view s, std::size_t at) noexcept {
  if (at >= s.size() || s[at] != '[') return 0;
  std::size_t i = at + 1;
  while (i < s.size()) {
    const char c = s[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
          c == ':' || c == '.'))
      break;
    ++i;
  }
  if (i == at + 1 || i >= s.size() || s[i] != ']') return 0;
  return i + 1;
}

bool QuotedReader::next(char& c) noexcept {
  if (has_pending_) {
    has_pending_ = false;
    c = pending_;
    return true;
  }
  if (i_ >= s_.size()) return false;
  const char x = s_[i_];
  if (x == '\\') {
    // A valid text has the escaped character after it.
    if (resolve_) {
      c = s_[i_ + 1];
    } else {
      c = '\\';
      pending_ = s_[i_ + 1];
      has_pending_ = true;
    }
    i_ += 2;
    return true;
  }
  if ((x == ' ' || x == '\t' || x == '\r') && i_ >= plain_until_) {
    // The run of WSP and folds starting here: one SP when it holds a fold, else as written.
    std::size_t j = i_;
    bool folded = false;
    while (j < s_.size()) {
      if (is_wsp(s_[j])) {
        ++j;
      } else if (fold_at(s_, j)) {
        folded = true;
        j += 2;
      } else {
        break;
      }
    }
    if (folded) {
      i_ = j;
      c = ' ';
      return true;
    }
    plain_until_ = j;
  }
  c = x;
  ++i_;
  return true;
}

bool content_equals(std::string_view raw, std::string_view content) noexcept {
  QuotedReader r(raw, true);
  std::size_t k = 0;
  char c = 0;
  while (r.next(c)) {
    if (k >= content.size() || content[k] != c) return false;
    ++k;
  }
  return k == content.size();
}

bool is_plain(std::string_view raw) noexcept {
  for (char c : raw)
    if (c == '\\' || c == '\r') return false;
  return true;
}

std::size_t base64_size(std::size_t octets) noexcept { return (octets + 2) / 3 * 4; }

}  // namespace lex

void Writer::put_decimal(std::uint32_t v) noexcept {
  std::array<char, 10> digits{};
  std::size_t n = 0;
  do {
    digits[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0) put(digits[--n]);
}

void Writer::put_hex8(std::uint32_t v) noexcept {
  for (int shift = 28; shift >= 0; shift -= 4) put("0123456789abcdef"[(v >> shift) & 0xf]);
}

void Writer::put_base64(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b,
                        std::span<const std::uint8_t> c) noexcept {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const std::size_t total = a.size() + b.size() + c.size();
  const auto at = [&](std::size_t i) -> std::uint32_t {
    if (i < a.size()) return a[i];
    i -= a.size();
    if (i < b.size()) return b[i];
    return c[i - b.size()];
  };
  for (std::size_t i = 0; i < total; i += 3) {
    const std::size_t n = total - i < 3 ? total - i : 3;
    const std::uint32_t group = at(i) << 16 | (n > 1 ? at(i + 1) << 8 : 0) | (n > 2 ? at(i + 2) : 0);
    for (std::size_t k = 0; k < 4; ++k)
      put(k <= n ? kAlphabet[(group >> (18 - 6 * k)) & 0x3f] : '=');
  }
}

void Writer::put_requoted(std::string_view raw) noexcept {
  put('"');
  lex::QuotedReader r(raw, true);
  char c = 0;
  while (r.next(c)) {
    const auto u = static_cast<unsigned char>(c);
    // qdtext takes WSP, %x21, %x23-5B, %x5D-7E and UTF-8 as they are; '"', '\' and the other
    // controls need a quoted-pair.
    if (c == '"' || c == '\\' || (u < 0x20 && c != ' ' && c != '\t') || u == 0x7f) put('\\');
    put(c);
  }
  put('"');
}

}  // namespace secmode::impl::sip
