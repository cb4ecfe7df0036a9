// Properties of the Digest AKAv1 credentials codec (Authorization / Proxy-Authorization): over
// generated credentials decode(encode(c)) == c and the canonical text survives encode(decode(s));
// damaged text decodes cleanly (an error inside the text naming a directive, or a value that
// re-encodes). The round trip is paired with a mutant encoder that must be caught (STYLE.md 4).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <cctype>
#include <optional>
#include <string>

#include "spec/codec/sip_digest_aka.h"
#include "tests/codec/checks.h"

namespace secmode::spec::sip {
namespace {

using test::maybe;

std::string from(const std::string& chars, int min, int max) {
  const auto n = *rc::gen::inRange(min, max + 1);
  std::string out;
  for (int i = 0; i < n; ++i) out += chars[*rc::gen::inRange<std::size_t>(0, chars.size())];
  return out;
}

std::string token() {
  return from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~", 1, 8);
}

// Quoted-string content: visible ASCII (with '"' and '\'), SP, HTAB, a control, UTF-8.
std::string content() {
  std::string out;
  const auto n = *rc::gen::inRange(0, 10);
  for (int i = 0; i < n; ++i) {
    switch (*rc::gen::inRange(0, 6)) {
      case 0:
        out += *rc::gen::element<std::string>("\"", "\\", " ", "\t", std::string(1, '\x01'));
        break;
      case 1:
        out += *rc::gen::element<std::string>("\xc3\xa9", "\xe2\x82\xac");
        break;
      default:
        out += static_cast<char>(*rc::gen::inRange(0x21, 0x7f));
    }
  }
  return out;
}

AkaCredentials gen_credentials() {
  AkaCredentials c;
  c.username = content();
  c.realm = content();
  if (*rc::gen::arbitrary<bool>()) {
    AkaNonce n;
    n.rand = *rc::gen::arbitrary<Block>();
    n.autn = *rc::gen::arbitrary<Block>();
    n.server_data = *rc::gen::resize(10, rc::gen::arbitrary<Bytes>());
    c.nonce = n;
  }
  c.uri = from("abcdefghijklmnopqrstuvwxyz0123456789:@.;=?&%+-_~/[]", 1, 20);
  c.response = maybe(rc::gen::exec([] { return from("0123456789abcdef", 32, 32); }));
  c.cnonce = maybe(rc::gen::exec(content));
  c.opaque = maybe(rc::gen::exec(content));
  c.qop = maybe(rc::gen::oneOf(rc::gen::element<std::string>("auth", "auth-int"),
                               rc::gen::exec(token)));
  c.nc = maybe(rc::gen::arbitrary<std::uint32_t>());
  c.auts = maybe(rc::gen::arbitrary<Auts>());
  c.integrity_protected = maybe(rc::gen::element(
      IntegrityProtected::yes, IntegrityProtected::no, IntegrityProtected::tls_pending,
      IntegrityProtected::tls_yes, IntegrityProtected::ip_assoc_pending,
      IntegrityProtected::ip_assoc_yes, IntegrityProtected::auth_done));
  const auto np = *rc::gen::inRange(0, 3);
  for (int i = 0; i < np; ++i) {
    std::string name = from("abcdefghijklmnopqrstuvwxyz-", 1, 6);
    bool taken = false;
    for (const char* d : {"username", "realm", "nonce", "uri", "response", "algorithm", "cnonce",
                          "opaque", "qop", "nc", "auts", "integrity-protected"})
      taken = taken || name == d;
    for (const auto& p : c.auth_params) taken = taken || p.name == name;
    if (taken) continue;
    const bool quoted = *rc::gen::arbitrary<bool>();
    c.auth_params.push_back({name, quoted ? content() : token(), quoted});
  }
  return c;
}

enum class Mutation { none, upper_case_response };

void credentials_round_trip(Mutation mutation) {
  const AkaCredentials c = gen_credentials();
  std::string text = encode(c);
  if (mutation == Mutation::upper_case_response) {  // an encoder printing the digest with %X
    const auto at = text.find("response=\"");
    for (std::size_t i = at + 10; text[i] != '"'; ++i)
      text[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[i])));
  }
  const auto d = decode_aka_credentials("Authorization", text);
  RC_ASSERT(d.ok());
  RC_ASSERT(d.value() == c);
  RC_ASSERT(encode(d.value()) == text);
}

}  // namespace

TEST(SipDigestAkaCredentialsProperty, CredentialsRoundTrip) {
  EXPECT_TRUE(rc::check("AKA credentials decode(encode(c)) == c",
                        [] { credentials_round_trip(Mutation::none); }));
}
TEST(SipDigestAkaCredentialsProperty, RoundTripCatchesAnUpperCaseResponse) {
  EXPECT_FALSE(rc::check("AKA credentials decode(encode(c)) == c [mutant]",
                         [] { credentials_round_trip(Mutation::upper_case_response); }))
      << "the property cannot fail";
}

RC_GTEST_PROP(SipDigestAkaCredentialsProperty, DamagedCredentialsDecodeCleanly, ()) {
  std::string text = encode(gen_credentials());
  const auto edits = *rc::gen::inRange(0, 4);
  for (int i = 0; i < edits && !text.empty(); ++i) {
    const auto at = *rc::gen::inRange<std::size_t>(0, text.size());
    const char c = *rc::gen::element(',', '=', '"', ' ', 'A', 'f', '+', '\\', '\n');
    if (*rc::gen::arbitrary<bool>())
      text[at] = c;
    else
      text.resize(at);
  }
  const auto d = decode_aka_credentials("Proxy-Authorization", text);
  if (!d.ok()) {
    RC_ASSERT(d.error().offset <= text.size());
    RC_ASSERT(!d.error().ie.empty());
    return;
  }
  const std::string canonical = encode(d.value());
  const auto again = decode_aka_credentials("Proxy-Authorization", canonical);
  RC_ASSERT(again.ok());
  RC_ASSERT(again.value() == d.value());
  RC_ASSERT(encode(again.value()) == canonical);
}

}  // namespace secmode::spec::sip
