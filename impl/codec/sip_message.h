// Zero-copy reader of a SIP message's head (RFC 3261 7): the request-line or status-line, then
// the header fields up to the empty line that ends them, for the IMS engines. The body is not
// read. A field's value is a view into the text, leading and trailing whitespace trimmed, with
// folded continuation lines (7.3.1: a line beginning with SP or HT continues the field) kept as
// written, which the sec-agree and Digest decoders read as LWS. Lines end in CRLF or a bare LF
// (tolerated on input, as the oracle's reader does, oracle/sip_message.h); the head may end with
// the text when no empty line follows. No compact forms are expanded: the fields the engines read
// (CSeq, WWW-Authenticate, Security-Server, Expires) have none.
//
// Nothing here allocates, throws or reads outside the text. Errors (sip_lex.h Error): `header`
// is "start-line", "header-field" (a line that is no field) or the field's name as written, `line` the 1-based line,
// `offset` the character in that line, and the reason with its clause.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "impl/codec/sip_lex.h"

namespace secmode::impl::sip {

constexpr std::size_t kMaxFields = 48;  // over it: kTooManyFields (sip_lex.h)

struct SipField {
  std::string_view name;   // as written (a token)
  std::string_view value;  // trimmed; folded lines as written
};

struct SipHead {
  bool request = false;
  std::string_view method, uri;  // request-line (7.1)
  std::uint16_t status = 0;      // status-line (7.2)
  std::string_view reason;
  List<SipField, kMaxFields> fields;

  // The first value of the field named `name` (ignoring case), or nullopt.
  std::optional<std::string_view> first(std::string_view name) const noexcept;
  // How many fields are named `name`; their values go into `out` up to its size.
  std::size_t all(std::string_view name, std::span<std::string_view> out) const noexcept;
};

Decoded<SipHead> decode_sip_head(std::string_view text) noexcept;

// CSeq = "CSeq" HCOLON 1*DIGIT LWS Method (RFC 3261 20.16; the number below 2^31, 8.1.1.5).
struct CSeq {
  std::uint32_t number = 0;
  std::string_view method;
};
std::optional<CSeq> decode_cseq(std::string_view value) noexcept;

}  // namespace secmode::impl::sip
