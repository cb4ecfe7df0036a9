// The RFC 3261 25.1 lexical rules shared by the SIP codecs. Contracts are in the header.
#include "spec/codec/sip_lex.h"

#include <stdexcept>
#include <utility>

namespace secmode::spec::sip::lex {
namespace {

bool is_wsp(char c) { return c == ' ' || c == '\t'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// A folded line at `at`: CRLF followed by at least one WSP (the tail of LWS).
bool fold_at(std::string_view s, std::size_t at) {
  return at + 2 < s.size() && s[at] == '\r' && s[at + 1] == '\n' && is_wsp(s[at + 2]);
}

// UTF8-NONASCII = %xC0-DF 1UTF8-CONT / %xE0-EF 2UTF8-CONT / %xF0-F7 3UTF8-CONT
//               / %xF8-Fb 4UTF8-CONT / %xFC-FD 5UTF8-CONT;  UTF8-CONT = %x80-BF.
// Returns the sequence's length at `at`, 0 when there is none.
std::size_t utf8_nonascii(std::string_view s, std::size_t at) {
  const auto lead = static_cast<unsigned char>(s[at]);
  std::size_t cont = 0;
  if (lead >= 0xc0 && lead <= 0xdf) cont = 1;
  else if (lead >= 0xe0 && lead <= 0xef) cont = 2;
  else if (lead >= 0xf0 && lead <= 0xf7) cont = 3;
  else if (lead >= 0xf8 && lead <= 0xfb) cont = 4;
  else if (lead >= 0xfc && lead <= 0xfd) cont = 5;
  else return 0;
  if (s.size() - at <= cont) return 0;
  for (std::size_t k = 1; k <= cont; ++k) {
    const auto c = static_cast<unsigned char>(s[at + k]);
    if (c < 0x80 || c > 0xbf) return 0;
  }
  return cont + 1;
}

}  // namespace

std::string printable(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u >= 0x21 && u <= 0x7e) return std::string("'") + c + "'";
  static constexpr char kHex[] = "0123456789abcdef";
  return std::string("0x") + kHex[u >> 4] + kHex[u & 0xf];
}

bool is_lhex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }

bool is_token_char(char c) {
  if (is_alnum(c)) return true;
  for (char t : std::string_view("-.!%*_+`'~"))
    if (c == t) return true;
  return false;
}

bool is_token(std::string_view s) { return !s.empty() && scan_token(s, 0) == s.size(); }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  return true;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower(c);
  return out;
}

std::size_t skip_sws(std::string_view s, std::size_t at) {
  std::size_t i = at;
  while (i < s.size() && is_wsp(s[i])) ++i;
  if (fold_at(s, i)) {
    i += 2;
    while (i < s.size() && is_wsp(s[i])) ++i;
  }
  return i;
}

std::size_t scan_token(std::string_view s, std::size_t at) {
  std::size_t i = at;
  while (i < s.size() && is_token_char(s[i])) ++i;
  return i;
}

std::optional<QuotedString> scan_quoted_string(std::string_view s, std::size_t at,
                                               std::size_t& error_at, std::string& why) {
  if (at >= s.size() || s[at] != '"') {
    error_at = at;
    why = "expected a quoted-string (RFC 3261 25.1)";
    return std::nullopt;
  }
  QuotedString q{0, {}, "\""};
  // Where the current run of literal WSP began in content and raw: LWS = [*WSP CRLF] 1*WSP, so a
  // fold takes the WSP before its CRLF with it and the whole becomes one SP.
  // (Three plain variables, not an optional pair: GCC 12 misreports the pair as uninitialized.)
  bool in_wsp_run = false;
  std::size_t run_content = 0, run_raw = 0;
  std::size_t i = at + 1;
  while (true) {
    if (i >= s.size()) {
      error_at = s.size();
      why = "the quoted-string has no closing DQUOTE (RFC 3261 25.1)";
      return std::nullopt;
    }
    const char c = s[i];
    const auto u = static_cast<unsigned char>(c);
    if (c == '"') break;
    if (c == '\\') {
      // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
      if (i + 1 >= s.size()) {
        error_at = s.size();
        why = "a quoted-pair is cut off after '\\' (RFC 3261 25.1)";
        return std::nullopt;
      }
      const char e = s[i + 1];
      if (e == '\r' || e == '\n' || static_cast<unsigned char>(e) > 0x7f) {
        error_at = i + 1;
        why = "a quoted-pair cannot escape " + printable(e) + " (RFC 3261 25.1)";
        return std::nullopt;
      }
      q.content += e;
      q.raw += '\\';
      q.raw += e;
      in_wsp_run = false;
      i += 2;
      continue;
    }
    if (c == '\r' || c == '\n') {
      if (!fold_at(s, i)) {
        error_at = i;
        why = "CR or LF inside a quoted-string other than a folded line (CRLF 1*WSP, RFC 3261 "
              "25.1)";
        return std::nullopt;
      }
      if (in_wsp_run) {
        q.content.resize(run_content);
        q.raw.resize(run_raw);
      }
      in_wsp_run = true;
      run_content = q.content.size();
      run_raw = q.raw.size();
      q.content += ' ';
      q.raw += ' ';
      i += 2;
      while (i < s.size() && is_wsp(s[i])) ++i;
      continue;
    }
    // qdtext = LWS / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII
    if (is_wsp(c)) {
      if (!in_wsp_run) {
        in_wsp_run = true;
        run_content = q.content.size();
        run_raw = q.raw.size();
      }
      q.content += c;
      q.raw += c;
      ++i;
      continue;
    }
    in_wsp_run = false;
    if (u >= 0x21 && u <= 0x7e) {
      q.content += c;
      q.raw += c;
      ++i;
      continue;
    }
    const std::size_t n = u >= 0x80 ? utf8_nonascii(s, i) : 0;
    if (n == 0) {
      error_at = i;
      why = u >= 0x80 ? "octet " + printable(c) + " does not start a UTF8-NONASCII sequence (RFC 3261 25.1)"
                      : "control character " + printable(c) +
                            " inside a quoted-string must be a quoted-pair (RFC 3261 25.1)";
      return std::nullopt;
    }
    q.content.append(s.substr(i, n));
    q.raw.append(s.substr(i, n));
    i += n;
  }
  q.raw += '"';
  q.end = i + 1;
  return q;
}

std::string quote(std::string_view content) {
  std::string out = "\"";
  for (std::size_t i = 0; i < content.size();) {
    const char c = content[i];
    const auto u = static_cast<unsigned char>(c);
    if (c == '\r' || c == '\n')
      throw std::invalid_argument("quoted-string: CR and LF cannot be written (RFC 3261 25.1)");
    if (u >= 0x80) {
      const std::size_t n = utf8_nonascii(content, i);
      if (n == 0)
        throw std::invalid_argument("quoted-string: octet " + printable(c) +
                                    " is not part of a UTF8-NONASCII sequence (RFC 3261 25.1)");
      out.append(content.substr(i, n));
      i += n;
      continue;
    }
    if (c == '"' || c == '\\' || (u < 0x20 && !is_wsp(c)) || u == 0x7f) out += '\\';
    out += c;
    ++i;
  }
  return out + '"';
}

}  // namespace secmode::spec::sip::lex
