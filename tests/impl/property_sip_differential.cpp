// The zero-copy SIP codecs against their spec twins (STYLE.md 6, 8): spec-encoded values decode to
// the same fields and re-encode to the same text; the same values written every way the grammar
// allows, over one line or several, decode alike; and on arbitrary text (noise, text built from
// the grammar's pieces, damaged valid text) both decoders agree on accept/reject, the error's
// header, parameter, offset, line, kind and clause, the fields, and the canonical text. Lists over
// the impl's capacity are the one designed difference (sip_agreement.h). Mutants show that the
// comparison can fail (STYLE.md 4).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "tests/codec/checks.h"
#include "tests/codec/generators_sip.h"
#include "tests/impl/sip_agreement.h"

namespace secmode::test::sip {
namespace {

using namespace sip_gen;

// ---- inputs --------------------------------------------------------------------------------------

std::string damage(std::string text) {
  const auto edits = *rc::gen::inRange(1, 4);
  for (int k = 0; k < edits && !text.empty(); ++k) {
    const auto at = *rc::gen::inRange<std::size_t>(0, text.size());
    const char c = *rc::gen::element(';', ',', '=', '"', ' ', 'x', '9', '\\', '\r', '\n', 'A',
                                     '+', '[', '\t');
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
  return text;
}

std::string security_text() {
  switch (*rc::gen::inRange(0, 5)) {
    case 0:
      RC_TAG("noise");
      return *rc::gen::arbitrary<std::string>();
    case 1:
      RC_TAG("grammar-shaped");
      return grammar_shaped_text();
    case 2:
      RC_TAG("valid");
      return ss::encode(gen_mechanisms());
    default:
      RC_TAG("damaged");
      return damage(ss::encode(gen_mechanisms()));
  }
}

const char* any_header() {
  return *rc::gen::element("Security-Client", "security-server", "SECURITY-VERIFY");
}

// ---- properties ----------------------------------------------------------------------------------

RC_GTEST_PROP(ImplSipDifferential, SpecEncodedMechanismsDecodeToTheSameFieldsAndText, ()) {
  const ss::SecurityMechanisms ms = gen_mechanisms();
  const std::string text = ss::encode(ms);
  const auto d = is::decode_security_header("Security-Server", text);
  RC_ASSERT(d.ok());
  RC_ASSERT(to_spec(d.value) == ms);
  std::string problem;
  RC_ASSERT(impl_encode(d.value, problem) == text);  // impl text == spec text: both ways
  RC_ASSERT(problem.empty());
  RC_ASSERT(security_disagreement("Security-Server", text) == std::string());
}

RC_GTEST_PROP(ImplSipDifferential, EveryWayOfWritingAValueDecodesAlike, ()) {
  const ss::SecurityMechanisms ms = gen_mechanisms();
  const std::vector<std::string> lines = noisy_lines(ms);
  const std::vector<std::string_view> views(lines.begin(), lines.end());
  RC_ASSERT(security_lines_disagreement(any_header(), views) == std::string());
  const auto d = is::decode_security_headers("Security-Client", views);
  RC_ASSERT(d.ok());
  RC_ASSERT(to_spec(d.value) == ms);
}

RC_GTEST_PROP(ImplSipDifferential, SecurityDecodersAgreeOnArbitraryText, ()) {
  const std::string text = security_text();
  RC_ASSERT(security_disagreement(any_header(), text) == std::string());
}

RC_GTEST_PROP(ImplSipDifferential, SecurityDecodersAgreeOnSeveralDamagedLines, ()) {
  std::vector<std::string> lines;
  const auto n = *rc::gen::inRange(0, 4);
  for (int k = 0; k < n; ++k) lines.push_back(security_text());
  const std::vector<std::string_view> views(lines.begin(), lines.end());
  RC_ASSERT(security_lines_disagreement(any_header(), views) == std::string());
}

// Lists past the capacity: valid text gets the capacity error at the first item that does not
// fit; text that is also wrong after that point gets the same error from both.
RC_GTEST_PROP(ImplSipDifferential, OverCapacityIsReportedOnlyForValidText, ()) {
  ss::SecurityMechanisms ms;
  const auto n = *rc::gen::inRange<std::size_t>(1, is::kMaxMechanisms + 4);
  for (std::size_t k = 0; k < n; ++k) ms.push_back(gen_mechanism());
  if (*rc::gen::arbitrary<bool>()) {
    auto& m = ms[*rc::gen::inRange<std::size_t>(0, ms.size())];
    m.extensions.clear();
    const auto x = *rc::gen::inRange<std::size_t>(is::kMaxExtensions - 1, is::kMaxExtensions + 4);
    for (std::size_t k = 0; k < x; ++k)
      m.extensions.push_back({std::string("x").append(std::to_string(k)), std::nullopt});
  }
  std::string text = ss::encode(ms);
  if (*rc::gen::arbitrary<bool>()) text += *rc::gen::element<std::string>(";x0;x0", ", @", ";q=2");
  RC_TAG(ss::decode_security_header("Security-Client", text).ok() ? "valid" : "invalid");
  RC_ASSERT(security_disagreement("Security-Client", text) == std::string());
}

// ---- Digest AKAv1 -----------------------------------------------------------------------------

std::string digest_text(const std::string& valid) {
  switch (*rc::gen::inRange(0, 6)) {
    case 0:
      RC_TAG("noise");
      return *rc::gen::arbitrary<std::string>();
    case 1:
      RC_TAG("valid");
      return valid;
    default:
      RC_TAG("damaged");
      return damage(valid);
  }
}

RC_GTEST_PROP(ImplSipDifferential, SpecEncodedChallengesDecodeToTheSameFieldsAndText, ()) {
  const ss::AkaChallenge c = gen_challenge();
  const std::string text = ss::encode(c);
  const auto d = is::decode_aka_challenge("WWW-Authenticate", text);
  RC_ASSERT(d.ok());
  RC_ASSERT(to_spec(d.value) == c);
  std::string problem;
  RC_ASSERT(impl_encode(d.value, problem) == text);
  RC_ASSERT(problem.empty());
}

RC_GTEST_PROP(ImplSipDifferential, SpecEncodedCredentialsDecodeToTheSameFieldsAndText, ()) {
  const ss::AkaCredentials c = sip_gen::credentials::gen_credentials();
  const std::string text = ss::encode(c);
  const auto d = is::decode_aka_credentials("Proxy-Authorization", text);
  RC_ASSERT(d.ok());
  RC_ASSERT(to_spec(d.value) == c);
  std::string problem;
  RC_ASSERT(impl_encode(d.value, problem) == text);
  RC_ASSERT(problem.empty());
}

RC_GTEST_PROP(ImplSipDifferential, ChallengeDecodersAgreeOnArbitraryText, ()) {
  const std::string text = digest_text(ss::encode(gen_challenge()));
  const char* header = *rc::gen::element("WWW-Authenticate", "proxy-authenticate");
  RC_ASSERT(challenge_disagreement(header, text) == std::string());
}

RC_GTEST_PROP(ImplSipDifferential, CredentialsDecodersAgreeOnArbitraryText, ()) {
  const std::string text = digest_text(ss::encode(sip_gen::credentials::gen_credentials()));
  const char* header = *rc::gen::element("Authorization", "PROXY-AUTHORIZATION");
  RC_ASSERT(credentials_disagreement(header, text) == std::string());
}

RC_GTEST_PROP(ImplSipDifferential, NonceDecodersAgree, ()) {
  ss::AkaNonce n;
  n.rand = *rc::gen::arbitrary<spec::Block>();
  n.autn = *rc::gen::arbitrary<spec::Block>();
  n.server_data = *rc::gen::resize(20, rc::gen::arbitrary<spec::Bytes>());
  const std::string text = *rc::gen::arbitrary<bool>() ? ss::encode_aka_nonce(n)
                                                       : digest_text(ss::encode_aka_nonce(n));
  RC_ASSERT(nonce_disagreement(text) == std::string());
}

RC_GTEST_PROP(ImplSipDifferential, AuthParamsOverCapacityAreReportedOnlyForValidText, ()) {
  ss::AkaCredentials c = sip_gen::credentials::gen_credentials();
  c.auth_params.clear();
  const auto n = *rc::gen::inRange<std::size_t>(is::kMaxAuthParams - 1, is::kMaxAuthParams + 3);
  for (std::size_t k = 0; k < n; ++k)
    c.auth_params.push_back({std::string("x").append(std::to_string(k)), "v", false});
  std::string text = ss::encode(c);
  if (*rc::gen::arbitrary<bool>()) text += *rc::gen::element<std::string>(", x0=1", ", nc=1", ",");
  RC_ASSERT(credentials_disagreement("Authorization", text) == std::string());
}

// ---- the comparison itself, with the impl side made wrong on purpose ---------------------------

enum class Mutation { none, wrong_field, wrong_error_offset, wrong_error_ie, wrong_reason };

void security_decoders_agree(Mutation mutation) {
  const std::string text = security_text();
  const std::string_view one[] = {text};
  const auto s = ss::decode_security_header("Security-Client", text);
  auto i = is::decode_security_header("Security-Client", text);
  if (mutation == Mutation::wrong_field && i.ok())
    i.value[0].q = i.value[0].q ? std::nullopt : std::optional<std::uint16_t>(1);
  if (mutation == Mutation::wrong_error_offset && !i.ok()) ++i.error.offset;
  if (mutation == Mutation::wrong_error_ie && !i.ok()) i.error.ie = "x-wrong";
  if (mutation == Mutation::wrong_reason && !i.ok())
    i.error.reason = "this parameter needs a value (RFC 3329 2.2)";
  RC_ASSERT(disagreement(s, i, one) == std::string());
}

TEST(ImplSipDifferential, SecurityDecodersAgree) {
  expect_holds("spec and impl security agreement decoders agree", security_decoders_agree);
}
TEST(ImplSipDifferential, AWrongFieldIsCaught) {
  expect_mutant_fails("spec and impl security agreement decoders agree", security_decoders_agree,
                      Mutation::wrong_field);
}
TEST(ImplSipDifferential, AWrongErrorOffsetIsCaught) {
  expect_mutant_fails("spec and impl security agreement decoders agree", security_decoders_agree,
                      Mutation::wrong_error_offset);
}
TEST(ImplSipDifferential, AWrongErrorParameterIsCaught) {
  expect_mutant_fails("spec and impl security agreement decoders agree", security_decoders_agree,
                      Mutation::wrong_error_ie);
}
void challenge_decoders_agree(Mutation mutation) {
  const std::string text = digest_text(ss::encode(gen_challenge()));
  const auto s = ss::decode_aka_challenge("WWW-Authenticate", text);
  auto i = is::decode_aka_challenge("WWW-Authenticate", text);
  if (mutation == Mutation::wrong_field && i.ok()) i.value.nonce.rand[0] ^= 1;
  if (mutation == Mutation::wrong_error_offset && !i.ok()) ++i.error.offset;
  RC_ASSERT(digest_disagreement(s, i, text) == std::string());
}

TEST(ImplSipDifferential, ChallengeDecodersAgree) {
  expect_holds("spec and impl challenge decoders agree", challenge_decoders_agree);
}
TEST(ImplSipDifferential, AWrongNonceIsCaught) {
  expect_mutant_fails("spec and impl challenge decoders agree", challenge_decoders_agree,
                      Mutation::wrong_field);
}
TEST(ImplSipDifferential, AWrongChallengeErrorOffsetIsCaught) {
  expect_mutant_fails("spec and impl challenge decoders agree", challenge_decoders_agree,
                      Mutation::wrong_error_offset);
}
TEST(ImplSipDifferential, AWrongReasonIsCaught) {
  expect_mutant_fails("spec and impl security agreement decoders agree", security_decoders_agree,
                      Mutation::wrong_reason);
}

}  // namespace
}  // namespace secmode::test::sip
