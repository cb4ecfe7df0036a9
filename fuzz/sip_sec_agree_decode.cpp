// The SIP security agreement spec decoder (RFC 3329, TS 33.203 Annex H) and the Digest AKAv1
// challenge and credentials decoders (RFC 3310) on arbitrary text. The whole input is read as a
// Security-Client value; then its first octet picks a header (the three security agreement fields,
// WWW-Authenticate, Proxy-Authenticate) for the rest, whose NUL octets split the security
// agreement ones into header field lines; a challenge's rest is also read as the credentials that
// answer it (Authorization, Proxy-Authorization), so one corpus serves both. Every error lies inside its input; every accepted value re-encodes to canonical text
// that decodes to the same value and is its own canonical text; several lines decode to the
// concatenation of their mechanisms (RFC 3261 7.3.1).
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "spec/codec/sip_digest_aka.h"
#include "spec/codec/sip_sec_agree.h"

using namespace secmode::spec;
using namespace secmode::spec::sip;

namespace {

void check_security(const char* header, std::string_view value) {
  const auto d = decode_security_header(header, value);
  if (!d.ok()) {
    if (d.error().offset > value.size() || d.error().reason.empty()) std::abort();
    return;
  }
  if (d.value().empty()) std::abort();
  const std::string canonical = encode(d.value());
  const auto again = decode_security_header(header, canonical);
  if (!again.ok() || !(again.value() == d.value()) || encode(again.value()) != canonical)
    std::abort();
}

void check_lines(const char* header, std::string_view rest) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= rest.size(); ++i)
    if (i == rest.size() || rest[i] == '\0') {
      lines.push_back(rest.substr(start, i - start));
      start = i + 1;
    }
  const auto all = decode_security_headers(header, lines);
  SecurityMechanisms joined;
  bool every_line_ok = true;
  for (auto line : lines) {
    check_security(header, line);
    const auto d = decode_security_header(header, line);
    if (!d.ok()) {
      every_line_ok = false;
      continue;
    }
    joined.insert(joined.end(), d.value().begin(), d.value().end());
  }
  if (all.ok() != every_line_ok) std::abort();
  if (all.ok() && !(all.value() == joined)) std::abort();
}

void check_challenge(const char* header, std::string_view value) {
  const auto d = decode_aka_challenge(header, value);
  if (!d.ok()) {
    if (d.error().offset > value.size() || d.error().ie.empty()) std::abort();
    return;
  }
  const std::string canonical = encode(d.value());
  const auto again = decode_aka_challenge(header, canonical);
  if (!again.ok() || !(again.value() == d.value()) || encode(again.value()) != canonical)
    std::abort();
}

void check_credentials(const char* header, std::string_view value) {
  const auto d = decode_aka_credentials(header, value);
  if (!d.ok()) {
    if (d.error().offset > value.size() || d.error().ie.empty()) std::abort();
    return;
  }
  const std::string canonical = encode(d.value());
  const auto again = decode_aka_credentials(header, canonical);
  if (!again.ok() || !(again.value() == d.value()) || encode(again.value()) != canonical)
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  check_security("Security-Client", input);
  if (size == 0) return 0;
  const std::string_view rest = input.substr(1);
  switch (data[0] % 5) {
    case 0:
      check_lines("Security-Client", rest);
      break;
    case 1:
      check_lines("Security-Server", rest);
      break;
    case 2:
      check_lines("Security-Verify", rest);
      break;
    case 3:
      check_challenge("WWW-Authenticate", rest);
      check_credentials("Authorization", rest);
      break;
    default:
      check_challenge("Proxy-Authenticate", rest);
      check_credentials("Proxy-Authorization", rest);
  }
  return 0;
}
