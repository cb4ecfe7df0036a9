// The SIP security agreement decoders (RFC 3329, TS 33.203 Annex H) and the Digest AKAv1
// challenge and credentials decoders (RFC 3310), spec twin and zero-copy, on arbitrary text. The
// whole input is read as a Security-Client value; then its first octet picks a header (the three
// security agreement fields, WWW-Authenticate, Proxy-Authenticate) for the rest, whose NUL octets
// split the security agreement ones into header field lines; a challenge's rest is also read as
// the credentials that answer it (Authorization, Proxy-Authorization) and as a bare nonce.
//
// The spec twin alone: every error lies inside its input; every accepted value re-encodes to
// canonical text that decodes to the same value and is its own canonical text; several lines
// decode to the concatenation of their mechanisms (RFC 3261 7.3.1).
// Against the zero-copy codecs (STYLE.md 8): both agree on accept or reject, on the error's
// header, parameter, offset, line, kind and clause, on every field, and on the canonical text each
// encoder makes of what it decoded; a list over the impl's capacity is the one designed difference
// (tests/impl/sip_agreement.h). The impl's canonical text decodes to the same value again, and the
// impl decoders do not allocate: this executable counts every global operator new, and any call
// during an impl decode aborts.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "spec/codec/sip_digest_aka.h"
#include "spec/codec/sip_sec_agree.h"
#include "tests/impl/sip_agreement.h"

// test_impl's allocation counter, in this target's one translation unit: build.sh builds each
// target from its one file, and an executable may replace operator new only once.
#include "tests/impl/allocation_counter.cpp"

namespace spec_checks {

using namespace secmode::spec;
using namespace secmode::spec::sip;

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

void run(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  check_security("Security-Client", input);
  if (size == 0) return;
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
  return;
}

}  // namespace spec_checks

namespace differential {

namespace ts = secmode::test::sip;
namespace is = secmode::impl::sip;

void require(const std::string& disagreement, const char* what, std::string_view input) {
  if (disagreement.empty()) return;
  std::fprintf(stderr, "%s: %s\ninput (%zu characters): %.*s\n", what, disagreement.c_str(),
               input.size(), static_cast<int>(input.size()), input.data());
  std::abort();
}

// Runs `decode` with the allocation counter watched; aborts when it allocated.
template <typename Decode>
auto without_allocation(Decode decode) {
  const std::size_t before = secmode::test::allocations();
  auto d = decode();
  if (secmode::test::allocations() != before) {
    std::fprintf(stderr, "a zero-copy SIP decoder allocated\n");
    std::abort();
  }
  return d;
}

void security(const char* header, std::string_view value) {
  const std::string_view one[] = {value};
  const auto i = without_allocation([&] { return is::decode_security_header(header, value); });
  require(ts::disagreement(secmode::spec::sip::decode_security_header(header, value), i, one),
          header, value);
  if (!i.ok()) return;
  std::string problem;
  const std::string canonical = ts::impl_encode(std::span<const is::SecurityMechanism>(i.value),
                                                problem);
  require(problem, header, value);
  const auto again = is::decode_security_header(header, canonical);
  std::string again_text;
  if (again.ok())
    again_text = ts::impl_encode(std::span<const is::SecurityMechanism>(again.value), problem);
  if (!again.ok() || again_text != canonical) require("impl round trip failed", header, value);
}

void lines(const char* header, std::string_view rest) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t k = 0; k <= rest.size(); ++k)
    if (k == rest.size() || rest[k] == '\0') {
      parts.push_back(rest.substr(start, k - start));
      start = k + 1;
    }
  const auto i = without_allocation([&] { return is::decode_security_headers(header, parts); });
  require(ts::disagreement(secmode::spec::sip::decode_security_headers(header, parts), i, parts),
          header, rest);
  for (auto part : parts) security(header, part);
}

template <typename SpecDecode, typename ImplDecode>
void digest(const char* header, std::string_view value, SpecDecode spec_decode,
            ImplDecode impl_decode) {
  const auto i = without_allocation([&] { return impl_decode(header, value); });
  require(ts::digest_disagreement(spec_decode(header, value), i, value), header, value);
  if (!i.ok()) return;
  std::string problem;
  const std::string canonical = ts::impl_encode(i.value, problem);
  require(problem, header, value);
  const auto again = impl_decode(header, canonical);
  std::string again_text;
  if (again.ok()) again_text = ts::impl_encode(again.value, problem);
  if (!again.ok() || again_text != canonical) require("impl round trip failed", header, value);
}

void run(const std::uint8_t* data, std::size_t size) {
  namespace ss = secmode::spec::sip;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  security("Security-Client", input);
  if (size == 0) return;
  const std::string_view rest = input.substr(1);
  const auto challenge = [](std::string_view h, std::string_view v) {
    return is::decode_aka_challenge(h, v);
  };
  const auto credentials = [](std::string_view h, std::string_view v) {
    return is::decode_aka_credentials(h, v);
  };
  const auto spec_challenge = [](std::string_view h, std::string_view v) {
    return ss::decode_aka_challenge(h, v);
  };
  const auto spec_credentials = [](std::string_view h, std::string_view v) {
    return ss::decode_aka_credentials(h, v);
  };
  switch (data[0] % 5) {
    case 0:
      lines("Security-Client", rest);
      break;
    case 1:
      lines("Security-Server", rest);
      break;
    case 2:
      lines("Security-Verify", rest);
      break;
    default: {
      const bool www = data[0] % 5 == 3;
      digest(www ? "WWW-Authenticate" : "Proxy-Authenticate", rest, spec_challenge, challenge);
      digest(www ? "Authorization" : "Proxy-Authorization", rest, spec_credentials, credentials);
      without_allocation([&] { return is::decode_aka_nonce(rest); });
      require(ts::nonce_disagreement(rest), "nonce", rest);
    }
  }
  return;
}

}  // namespace differential

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  spec_checks::run(data, size);
  differential::run(data, size);
  return 0;
}
