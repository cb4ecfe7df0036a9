// The RFC 3261 25.1 lexical rules the SIP codecs (sip_sec_agree.h, sip_digest_aka.h) are written
// in: tokens, linear whitespace with folded lines, quoted-strings. Offsets are character offsets
// in a header field value, as the codecs report them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace secmode::spec::sip::lex {

bool is_token_char(char c);  // alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"
bool is_token(std::string_view s);
bool iequals(std::string_view a, std::string_view b);  // ASCII case-insensitive
std::string lower(std::string_view s);
bool is_lhex(char c);  // LHEX = DIGIT / %x61-66 (lower-case hex only)
// A character as error messages show it: 'c' when visible ASCII, otherwise 0xNN.
std::string printable(char c);

// SWS = [LWS];  LWS = [*WSP CRLF] 1*WSP. Returns the offset after it (== at when there is none).
std::size_t skip_sws(std::string_view s, std::size_t at);
// The end of the token starting at `at` (== at when there is none).
std::size_t scan_token(std::string_view s, std::size_t at);

// quoted-string = SWS DQUOTE *(qdtext / quoted-pair ) DQUOTE, starting at the DQUOTE.
struct QuotedString {
  std::size_t end;      // after the closing DQUOTE
  std::string content;  // quoted-pairs resolved, each folded line read as one SP
  std::string raw;      // DQUOTE, the text with escapes kept (folds read as SP), DQUOTE
};
// On failure `error_at` is the offset of the first character that does not fit (s.size() when
// the closing DQUOTE is missing) and `why` says what is wrong.
std::optional<QuotedString> scan_quoted_string(std::string_view s, std::size_t at,
                                               std::size_t& error_at, std::string& why);
// DQUOTE content DQUOTE, escaping '"' and '\' and the controls quoted-pair allows. Contract
// (std::invalid_argument): no CR or LF, and non-ASCII octets form UTF8-NONASCII sequences.
std::string quote(std::string_view content);

}  // namespace secmode::spec::sip::lex
