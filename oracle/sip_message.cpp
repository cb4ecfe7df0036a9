#include "oracle/sip_message.h"

#include "oracle/verdict.h"
#include "spec/codec/sip_lex.h"

namespace secmode::oracle {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

[[noreturn]] void fail(std::size_t line, const std::string& what) {
  throw UnusableInput("SIP message line " + std::to_string(line) + ": " + what);
}

}  // namespace

std::vector<std::string_view> SipMessage::all(std::string_view name) const {
  std::vector<std::string_view> out;
  for (const auto& [n, v] : fields)
    if (spec::sip::lex::iequals(n, name)) out.push_back(v);
  return out;
}

std::string SipMessage::cseq_method() const {
  const auto cseq = all("CSeq");
  if (cseq.empty()) return {};
  const std::string_view v = cseq.front();
  const auto space = v.find_first_of(" \t");
  return space == std::string_view::npos ? std::string() : std::string(trim(v.substr(space)));
}

SipMessage read_sip(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::size_t at = 0; at <= text.size();) {
    const auto end = text.find('\n', at);
    const std::string_view line = text.substr(at, end == std::string_view::npos ? text.size() - at : end - at);
    lines.push_back(line.empty() || line.back() != '\r' ? line : line.substr(0, line.size() - 1));
    if (end == std::string_view::npos) break;
    at = end + 1;
  }
  SipMessage m;
  const std::string_view start = lines.empty() ? std::string_view() : lines[0];
  if (start.substr(0, 8) == "SIP/2.0 ") {
    const std::string_view code = start.substr(8, 3);
    if (code.size() != 3 || code.find_first_not_of("0123456789") != std::string_view::npos)
      fail(1, "a status-line has a three-digit status code (RFC 3261 7.2)");
    if (code[0] == '0') fail(1, "a status code is 100 to 699 (RFC 3261 7.2, 21)");
    if (start.size() < 12 || start[11] != ' ') fail(1, "SP follows the status code (RFC 3261 7.2)");
    m.status = std::stoi(std::string(code));
  } else {
    const auto a = start.find(' '), b = start.rfind(' ');
    if (a == std::string_view::npos || a == b || start.substr(b + 1) != "SIP/2.0")
      fail(1, "neither a request-line (Method SP Request-URI SP SIP/2.0) nor a status-line (RFC 3261 7.1, 7.2)");
    m.request = true;
    m.method = std::string(start.substr(0, a));
    m.uri = std::string(start.substr(a + 1, b - a - 1));
    if (!spec::sip::lex::is_token(m.method)) fail(1, "the method is not a token");
    if (m.uri.empty()) fail(1, "the Request-URI is empty (RFC 3261 7.1)");
  }
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    if (line.empty()) break;  // the body follows
    if (line.front() == ' ' || line.front() == '\t') {
      if (m.fields.empty()) fail(i + 1, "a continuation line before any header field");
      auto& value = m.fields.back().second;
      value += ' ';
      value += trim(line);
      continue;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) fail(i + 1, "a header field without ':'");
    // HCOLON = *( SP / HTAB ) ":" SWS (RFC 3261 25.1): only blanks between the name and the colon.
    std::string_view name = line.substr(0, colon);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
    if (!spec::sip::lex::is_token(name)) fail(i + 1, "the header field name is not a token");
    m.fields.emplace_back(std::string(name), std::string(trim(line.substr(colon + 1))));
  }
  return m;
}

}  // namespace secmode::oracle
