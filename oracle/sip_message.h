// The start line and header fields of a SIP message (RFC 3261 7: request-line or status-line,
// then header fields up to the empty line; a line beginning with SP or HT continues the field
// before it, 7.3.1), for the IMS judge. The body is not read. Field names are compared ignoring
// case (7.3.1); no compact forms are expanded (the fields judged here have none).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace secmode::oracle {

struct SipMessage {
  bool request = false;
  std::string method, uri;                                  // requests
  int status = 0;                                           // responses
  std::vector<std::pair<std::string, std::string>> fields;  // name as written, value trimmed, in order

  // Every value of the fields named `name`, in order.
  std::vector<std::string_view> all(std::string_view name) const;
  // The CSeq method ("REGISTER" in "CSeq: 2 REGISTER"), or empty.
  std::string cseq_method() const;
};

// Throws UnusableInput (verdict.h) naming the line (from 1) and what is wrong.
SipMessage read_sip(std::string_view text);

}  // namespace secmode::oracle
