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
#include "tests/codec/generators_sip.h"

namespace secmode::spec::sip {
namespace {

using test::maybe;
using namespace test::sip_gen::credentials;

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
