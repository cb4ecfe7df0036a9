#include "impl/codec/sip_message.h"

namespace secmode::impl::sip {

namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// Blanks, and the line ends of folded lines that hold nothing else; a CR alone inside a line is
// text, as the oracle's reader keeps it.
std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (lex::is_wsp(s.front()) || s.front() == '\n' || (s.size() > 1 && s.substr(0, 2) == "\r\n")))
    s.remove_prefix(1);
  while (!s.empty() && (lex::is_wsp(s.back()) || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

// One line of the head: [begin, end) without its line ending; `next` after it.
struct Line {
  std::size_t begin = 0, end = 0, next = 0;
};

Line line_at(std::string_view text, std::size_t at) noexcept {
  const std::size_t lf = text.find('\n', at);
  Line l{at, lf == std::string_view::npos ? text.size() : lf, lf == std::string_view::npos ? text.size() : lf + 1};
  if (l.end > l.begin && text[l.end - 1] == '\r') --l.end;
  return l;
}

Decoded<SipHead> fail(std::string_view header, std::size_t line, std::size_t offset, const char* reason) noexcept {
  Decoded<SipHead> d;
  d.error = {header, "", 0, line, offset, reason};
  return d;
}

// Request-Line = Method SP Request-URI SP SIP-Version (7.1); Status-Line = SIP-Version SP
// Status-Code SP Reason-Phrase (7.2). Only SIP/2.0 is read.
const char* start_line(std::string_view s, SipHead& h, std::size_t& error_at) noexcept {
  constexpr std::string_view kVersion = "SIP/2.0";
  if (s.substr(0, kVersion.size() + 1) == "SIP/2.0 ") {
    const std::string_view code = s.substr(kVersion.size() + 1, 3);
    error_at = kVersion.size() + 1;
    if (code.size() != 3 || !is_digit(code[0]) || !is_digit(code[1]) || !is_digit(code[2]))
      return "a status-line has a three-digit Status-Code (RFC 3261 7.2)";
    if (code[0] == '0') return "a Status-Code is 100 to 699 (RFC 3261 7.2, 21)";
    error_at += 3;
    if (s.size() <= error_at || s[error_at] != ' ') return "SP follows the Status-Code (RFC 3261 7.2)";
    h.status = static_cast<std::uint16_t>((code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0'));
    h.reason = s.substr(error_at + 1);
    return nullptr;
  }
  const std::size_t a = s.find(' '), b = s.rfind(' ');
  error_at = 0;
  if (a == std::string_view::npos || a == b || s.substr(b + 1) != kVersion)
    return "neither a Request-Line (Method SP Request-URI SP SIP/2.0) nor a Status-Line (RFC 3261 7.1, 7.2)";
  if (!lex::is_token(s.substr(0, a))) return "the Method is not a token (RFC 3261 25.1)";
  error_at = a + 1;
  if (a + 1 == b) return "the Request-URI is empty (RFC 3261 7.1)";
  h.request = true;
  h.method = s.substr(0, a);
  h.uri = s.substr(a + 1, b - a - 1);
  return nullptr;
}

}  // namespace

std::optional<std::string_view> SipHead::first(std::string_view name) const noexcept {
  for (const auto& f : fields)
    if (lex::iequals(f.name, name)) return f.value;
  return std::nullopt;
}

std::size_t SipHead::all(std::string_view name, std::span<std::string_view> out) const noexcept {
  std::size_t n = 0;
  for (const auto& f : fields)
    if (lex::iequals(f.name, name)) {
      if (n < out.size()) out[n] = f.value;
      ++n;
    }
  return n;
}

Decoded<SipHead> decode_sip_head(std::string_view text) noexcept {
  Decoded<SipHead> d;
  SipHead& h = d.value;
  Line l = line_at(text, 0);
  std::size_t error_at = 0;
  if (const char* why = start_line(text.substr(l.begin, l.end - l.begin), h, error_at))
    return fail("start-line", 1, error_at, why);
  bool over = false;
  std::size_t line = 1, over_line = 0;
  // The field being read: its name, where its value starts, and where its last line ends.
  std::string_view name;
  std::size_t value_begin = 0, value_end = 0;
  const auto close = [&]() noexcept {
    if (name.empty()) return;
    const SipField f{name, trim(text.substr(value_begin, value_end - value_begin))};
    if (!h.fields.push_back(f) && !over) {
      over = true;
      over_line = line;
    }
  };
  for (std::size_t at = l.next; at < text.size();) {
    l = line_at(text, at);
    ++line;
    const std::string_view s = text.substr(l.begin, l.end - l.begin);
    if (s.empty()) break;  // the body follows
    if (lex::is_wsp(s.front())) {
      // 7.3.1: a continuation of the field before it.
      if (name.empty())
        return fail("header-field", line, 0, "a continuation line before any header field (RFC 3261 7.3.1)");
      value_end = l.end;
      at = l.next;
      continue;
    }
    close();
    const std::size_t colon = s.find(':');
    if (colon == std::string_view::npos)
      return fail("header-field", line, s.size(), "a header field without HCOLON (RFC 3261 7.3)");
    name = s.substr(0, colon);  // HCOLON = *( SP / HTAB ) ":" SWS (RFC 3261 25.1)
    while (!name.empty() && lex::is_wsp(name.back())) name.remove_suffix(1);
    if (!lex::is_token(name)) return fail(name, line, 0, "the header field name is not a token (RFC 3261 25.1)");
    value_begin = l.begin + colon + 1;
    value_end = l.end;
    at = l.next;
  }
  close();
  if (over) return fail("start-line", over_line, 0, kTooManyFields);
  return d;
}

std::optional<CSeq> decode_cseq(std::string_view value) noexcept {
  CSeq c;
  std::size_t i = 0;
  std::uint64_t n = 0;
  while (i < value.size() && is_digit(value[i]) && i < 11) n = n * 10 + static_cast<std::uint64_t>(value[i++] - '0');
  if (i == 0 || n >= 0x80000000u) return std::nullopt;
  const std::size_t method = lex::skip_sws(value, i);
  if (method == i) return std::nullopt;
  c.number = static_cast<std::uint32_t>(n);
  c.method = trim(value.substr(method));
  if (!lex::is_token(c.method)) return std::nullopt;
  return c;
}

}  // namespace secmode::impl::sip
