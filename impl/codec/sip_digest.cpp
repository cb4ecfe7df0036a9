// The Digest directive list of RFC 3261 25.1, shared by the zero-copy challenge and credentials
// codecs. Contracts are in the header.
#include "impl/codec/sip_digest.h"

namespace secmode::impl::sip::digest {

std::size_t read_scheme(std::string_view header, std::string_view s, ListNames names,
                        Error& error) noexcept {
  // "Digest" LWS: the auth-scheme (a literal, so any case: RFC 2234 2.3), then at least one WSP.
  const std::size_t at = lex::skip_sws(s, 0);
  const std::size_t end = lex::scan_token(s, at);
  if (!lex::iequals(s.substr(at, end - at), "Digest")) {
    error = Error{header, "auth-scheme", 0, 0, at, names.not_digest};
    return 0;
  }
  const std::size_t first = lex::skip_sws(s, end);
  if (first >= s.size()) {
    error = Error{header, "auth-scheme", 0, 0, end,
                  "missing: directives must follow \"Digest\" (RFC 3261 25.1)"};
    return 0;
  }
  if (first == end) {
    error = Error{header, "auth-scheme", 0, 0, end, "LWS must follow \"Digest\" (RFC 3261 25.1)"};
    return 0;
  }
  return first;
}

// name EQUAL ( token / quoted-string )
bool read_directive(std::string_view header, std::string_view s, ListNames names,
                    std::size_t index, std::size_t& i, Directive& d, Error& error) noexcept {
  const std::size_t name_end = lex::scan_token(s, i);
  if (name_end == i) {
    error = Error{header, names.item, index, 0, i,
                  i >= s.size()
                      ? "missing: a directive must come here (RFC 3261 25.1)"
                      : "this character cannot start a directive name (token, RFC 3261 25.1)"};
    return false;
  }
  d.name = s.substr(i, name_end - i);
  d.at = i;
  const std::size_t equal = lex::skip_sws(s, name_end);
  if (equal >= s.size() || s[equal] != '=') {
    error = Error{header, d.name, index, 0, equal,
                  "'=' and a value must follow the directive name (RFC 3261 25.1)"};
    return false;
  }
  const std::size_t v = lex::skip_sws(s, equal + 1);  // EQUAL = SWS "=" SWS
  if (v < s.size() && s[v] == '"') {
    std::size_t end = 0, error_at = 0;
    if (const char* why = lex::scan_quoted(s, v, end, error_at)) {
      error = Error{header, d.name, index, 0, error_at, why};
      return false;
    }
    d.value = s.substr(v + 1, end - v - 2);
    d.quoted = true;
    i = end;
    return true;
  }
  const std::size_t end = lex::scan_token(s, v);
  if (end == v) {
    error = Error{header, d.name, index, 0, v,
                  v >= s.size()
                      ? "missing: a value must follow '=' (RFC 3261 25.1)"
                      : "this character cannot start a value (token or quoted-string, RFC 3261 "
                        "25.1)"};
    return false;
  }
  d.value = s.substr(v, end - v);
  d.quoted = false;
  i = end;
  return true;
}

bool next_directive(std::string_view header, std::string_view s, const Directive& last,
                    std::size_t index, std::size_t& i, bool& done, Error& error) noexcept {
  const std::size_t next = lex::skip_sws(s, i);
  done = next >= s.size();
  if (done) return false;
  if (s[next] != ',') {
    error = Error{header, last.name, index, 0, next,
                  "after a directive: expected ',' or the end (RFC 3261 25.1)"};
    return false;
  }
  i = lex::skip_sws(s, next + 1);  // COMMA = SWS "," SWS
  return true;
}

bool repeated(std::string_view s, std::size_t first, const Directive& d) noexcept {
  std::size_t i = first;
  Directive e;
  Error unused;
  ListNames names{"", ""};
  while (read_directive("", s, names, 0, i, e, unused) && e.at < d.at) {
    if (lex::iequals(e.name, d.name)) return true;
    bool done = false;
    if (!next_directive("", s, e, 0, i, done, unused)) return false;
  }
  return false;
}

}  // namespace secmode::impl::sip::digest
