// Properties of the SIP security agreement codec (RFC 3329, TS 33.203 Annex H) and the Digest
// AKAv1 challenge codec (RFC 3310) over generated values and arbitrary text: decode(encode(m)) ==
// m, canonical text survives encode(decode(s)), every way of writing the same value (case, SWS,
// folds, leading zeros, one line or several) decodes to it, and no text makes a decoder crash,
// read out of bounds (ASan/UBSan builds) or accept what it cannot re-encode. Properties that could
// be vacuous are paired with a mutant encoder that must be caught (STYLE.md 4).
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <cctype>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "spec/codec/sip_digest_aka.h"
#include "spec/codec/sip_sec_agree.h"
#include "tests/codec/checks.h"
#include "tests/codec/generators_sip.h"

namespace secmode::spec::sip {
namespace {

using test::maybe;
using test::expect_holds;
using test::expect_mutant_fails;
using namespace test::sip_gen;

enum class Mutation { none, q_two_decimals, lower_case_extension_values, unpadded_nonce };

// ---- properties: security agreement ------------------------------------------------------------

std::string mutate(std::string text, Mutation mutation) {
  // An encoder that rounds q to hundredths, and one that folds extension values to lower case.
  if (mutation == Mutation::q_two_decimals)
    text = std::regex_replace(text, std::regex(";q=0\\.([0-9][0-9])[0-9]"), ";q=0.$1");
  if (mutation == Mutation::lower_case_extension_values) text = lex::lower(text);
  return text;
}

void mechanisms_round_trip(Mutation mutation) {
  const SecurityMechanisms ms = gen_mechanisms();
  const std::string text = mutate(encode(ms), mutation);
  const auto header = *rc::gen::element<std::string>("Security-Client", "Security-Server",
                                                     "Security-Verify");
  const auto d = decode_security_header(header, text);
  RC_ASSERT(d.ok());
  RC_ASSERT(d.value() == ms);
  RC_ASSERT(encode(d.value()) == text);
}

void noisy_text_decodes_to_the_value() {
  const SecurityMechanisms ms = gen_mechanisms();
  const std::vector<std::string> lines = noisy_lines(ms);
  const std::vector<std::string_view> views(lines.begin(), lines.end());
  const auto d = decode_security_headers(any_case("security-client"), views);
  RC_ASSERT(d.ok());
  RC_ASSERT(d.value() == ms);
}

// Whatever the decoder makes of some text: an error placed inside it, or a value whose canonical
// text decodes to the same value and is its own canonical text.
void check_security_text(const std::string& text) {
  const auto d = decode_security_header("Security-Client", text);
  RC_TAG(d.ok() ? "decoded" : "rejected");
  if (!d.ok()) {
    RC_ASSERT(d.error().offset <= text.size());
    RC_ASSERT(!d.error().reason.empty());
    RC_ASSERT(d.error().message == "Security-Client");
    return;
  }
  const std::string canonical = encode(d.value());
  const auto again = decode_security_header("Security-Client", canonical);
  RC_ASSERT(again.ok());
  RC_ASSERT(again.value() == d.value());
  RC_ASSERT(encode(again.value()) == canonical);
}

// ---- properties: Digest AKAv1 challenge ----------------------------------------------------------

void challenge_round_trip(Mutation mutation) {
  const AkaChallenge c = gen_challenge();
  std::string text = encode(c);
  if (mutation == Mutation::unpadded_nonce)  // an encoder that leaves out base64 padding
    text = std::regex_replace(text, std::regex("(nonce=\"[^\"]*?)=+\""), "$1\"");
  const auto d = decode_aka_challenge("WWW-Authenticate", text);
  RC_ASSERT(d.ok());
  RC_ASSERT(d.value() == c);
  RC_ASSERT(encode(d.value()) == text);
}

}  // namespace

TEST(SipSecAgreeProperty, MechanismsRoundTrip) {
  expect_holds("decode(encode(m)) == m, encode(decode(s)) == s", mechanisms_round_trip);
}
TEST(SipSecAgreeProperty, RoundTripCatchesAnEncoderThatRoundsQ) {
  expect_mutant_fails("decode(encode(m)) == m", mechanisms_round_trip, Mutation::q_two_decimals);
}
TEST(SipSecAgreeProperty, RoundTripCatchesAnEncoderThatFoldsCase) {
  expect_mutant_fails("decode(encode(m)) == m", mechanisms_round_trip,
                      Mutation::lower_case_extension_values);
}

RC_GTEST_PROP(SipSecAgreeProperty, EveryWayOfWritingAValueDecodesToIt, ()) {
  noisy_text_decodes_to_the_value();
}

RC_GTEST_PROP(SipSecAgreeProperty, ArbitraryTextDecodesCleanly, ()) {
  check_security_text(*rc::gen::oneOf(rc::gen::exec(grammar_shaped_text),
                                      rc::gen::arbitrary<std::string>()));
}

RC_GTEST_PROP(SipSecAgreeProperty, DamagedValuesDecodeCleanly, ()) {
  std::string text = encode(gen_mechanisms());
  const auto edits = *rc::gen::inRange(1, 4);
  for (int i = 0; i < edits && !text.empty(); ++i) {
    const auto at = *rc::gen::inRange<std::size_t>(0, text.size());
    const char c = *rc::gen::element(';', ',', '=', '"', ' ', 'x', '9', '\\', '\r');
    switch (*rc::gen::inRange(0, 3)) {
      case 0:
        text[at] = c;
        break;
      case 1:
        text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c);
        break;
      default:
        text.resize(at);
    }
  }
  check_security_text(text);
}

// RFC 3261 7.3.1: several lines are one comma-separated list.
RC_GTEST_PROP(SipSecAgreeProperty, LinesAreTheirConcatenation, ()) {
  const auto a = gen_mechanisms();
  const auto b = gen_mechanisms();
  const std::string ta = encode(a), tb = encode(b);
  const std::vector<std::string_view> lines{ta, tb};
  const auto d = decode_security_headers("Security-Server", lines);
  RC_ASSERT(d.ok());
  SecurityMechanisms both = a;
  both.insert(both.end(), b.begin(), b.end());
  RC_ASSERT(d.value() == both);
  RC_ASSERT(decode_security_header("Security-Server", ta + ", " + tb).value() == both);
}

TEST(SipDigestAkaProperty, ChallengeRoundTrips) {
  expect_holds("AKA challenge decode(encode(c)) == c", challenge_round_trip);
}
TEST(SipDigestAkaProperty, RoundTripCatchesAnEncoderWithoutPadding) {
  expect_mutant_fails("AKA challenge decode(encode(c)) == c", challenge_round_trip,
                      Mutation::unpadded_nonce);
}

// The nonce's base64 agrees with OpenSSL's, an independent encoder, both ways.
RC_GTEST_PROP(SipDigestAkaProperty, NonceBase64AgreesWithOpenSsl, ()) {
  AkaNonce n;
  n.rand = *rc::gen::arbitrary<Block>();
  n.autn = *rc::gen::arbitrary<Block>();
  n.server_data = *rc::gen::resize(40, rc::gen::arbitrary<Bytes>());
  Bytes raw(n.rand.begin(), n.rand.end());
  raw.insert(raw.end(), n.autn.begin(), n.autn.end());
  raw.insert(raw.end(), n.server_data.begin(), n.server_data.end());
  std::string ossl(4 * ((raw.size() + 2) / 3) + 1, '\0');
  const int len = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(ossl.data()), raw.data(),
                                  static_cast<int>(raw.size()));
  ossl.resize(static_cast<std::size_t>(len));
  RC_ASSERT(encode_aka_nonce(n) == ossl);
  const auto d = decode_aka_nonce(ossl);
  RC_ASSERT(d.ok());
  RC_ASSERT(d.value() == n);
}

RC_GTEST_PROP(SipDigestAkaProperty, ArbitraryChallengesDecodeCleanly, ()) {
  std::string text = encode(gen_challenge());
  const auto edits = *rc::gen::inRange(0, 4);
  for (int i = 0; i < edits && !text.empty(); ++i) {
    const auto at = *rc::gen::inRange<std::size_t>(0, text.size());
    const char c = *rc::gen::element(',', '=', '"', ' ', 'A', '+', '\\', '%', '\n');
    if (*rc::gen::arbitrary<bool>())
      text[at] = c;
    else
      text.resize(at);
  }
  const auto d = decode_aka_challenge("WWW-Authenticate", text);
  if (!d.ok()) {
    RC_ASSERT(d.error().offset <= text.size());
    RC_ASSERT(!d.error().ie.empty());
    return;
  }
  const auto again = decode_aka_challenge("WWW-Authenticate", encode(d.value()));
  RC_ASSERT(again.ok());
  RC_ASSERT(again.value() == d.value());
}

}  // namespace secmode::spec::sip
