// Known texts, every error class with its place, truncations and encoder contracts of the Digest
// AKAv1 credentials codec (Authorization / Proxy-Authorization; RFC 3261 25.1, RFC 2617 3.2.2,
// RFC 3310 3.4, TS 24.229 7.2A.2).
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "spec/codec/sip_digest_aka.h"
#include "tests/codec/checks.h"

namespace secmode::spec::sip {
namespace {

using test::mentions;

// The nonce of TS 35.208 set 1 (unit_sip_sec_agree.cpp derives it from MILENAGE).
constexpr const char* kNonce = "I1U8vpY3qJ0hiuZNrke/NVXzKLQ1d7m5Sp/6w1Tfr7M=";
constexpr const char* kResponse = "6629fae49393a05397450978507c4ef1";
// AUTS octets 00 01 .. 0d; the base64 was computed independently (Python's base64 module).
constexpr const char* kAuts = "AAECAwQFBgcICQoLDA0=";

// Required directives of an answer to a challenge, in canonical order.
std::string base() {
  return std::string("Digest username=\"user1_private@home1.net\", realm=\"home1.net\", nonce=\"") +
         kNonce + "\", uri=\"sip:home1.net\", response=\"" + kResponse + "\", algorithm=AKAv1-MD5";
}

// A REGISTER answering a challenge, as the P-CSCF forwards it (TS 24.229 adds
// integrity-protected), with qop, nc, cnonce and opaque of RFC 2617 3.2.2.
TEST(SipDigestAkaCredentials, AnswerToAChallengeIsCanonical) {
  const std::string value = base() +
                            ", cnonce=\"0a4f113b\", opaque=\"5ccc069c403ebaf9\", qop=auth, "
                            "nc=0000001f, integrity-protected=ip-assoc-pending";
  const auto d = decode_aka_credentials("Authorization", value);
  ASSERT_TRUE(d.ok()) << d.error().describe();
  const AkaCredentials& c = d.value();
  EXPECT_EQ(c.username, "user1_private@home1.net");
  EXPECT_EQ(c.realm, "home1.net");
  ASSERT_TRUE(c.nonce);
  EXPECT_EQ(encode_aka_nonce(*c.nonce), kNonce);
  EXPECT_EQ(c.uri, "sip:home1.net");
  EXPECT_EQ(c.response, kResponse);
  EXPECT_EQ(c.cnonce, "0a4f113b");
  EXPECT_EQ(c.opaque, "5ccc069c403ebaf9");
  EXPECT_EQ(c.qop, "auth");
  EXPECT_EQ(c.nc, 0x1fu);
  EXPECT_FALSE(c.auts);
  EXPECT_EQ(c.integrity_protected, IntegrityProtected::ip_assoc_pending);
  EXPECT_TRUE(c.auth_params.empty());
  EXPECT_EQ(encode(c), value);
}

// The initial REGISTER: no challenge yet, so nonce and response are empty (TS 24.229 5.1.1.2.1)
// and there is no algorithm; the canonical form adds it.
TEST(SipDigestAkaCredentials, InitialRegisterWithEmptyNonceAndResponse) {
  const std::string value =
      "Digest username=\"user1_private@home1.net\", realm=\"home1.net\", nonce=\"\", "
      "uri=\"sip:home1.net\", response=\"\"";
  const auto d = decode_aka_credentials("Authorization", value);
  ASSERT_TRUE(d.ok()) << d.error().describe();
  EXPECT_FALSE(d.value().nonce);
  EXPECT_FALSE(d.value().response);
  EXPECT_EQ(encode(d.value()), value + ", algorithm=AKAv1-MD5");
  const auto again = decode_aka_credentials("Authorization", encode(d.value()));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value(), d.value());
}

// Synchronisation failure (RFC 3310 3.4): auts carries AUTS. Names, scheme, algorithm and
// integrity-protected in any case, SWS around '=' and ',', a folded line, an unknown auth-param.
TEST(SipDigestAkaCredentials, SynchronisationFailureWithAutsAndNonCanonicalSpelling) {
  const std::string value = std::string("digest  USERNAME = \"u\",Realm=\"r\" ,\r\n NONCE=\"") +
                            kNonce + "\", Uri=\"sip:r\", RESPONSE=\"" + kResponse +
                            "\", Algorithm=akav1-md5, AUTS=\"" + kAuts +
                            "\", Integrity-Protected=YES, x-ext=\"v w\", nc=ffffffff";
  const auto d = decode_aka_credentials("proxy-authorization", value);
  ASSERT_TRUE(d.ok()) << d.error().describe();
  const AkaCredentials& c = d.value();
  ASSERT_TRUE(c.auts);
  for (std::size_t i = 0; i < c.auts->size(); ++i) EXPECT_EQ((*c.auts)[i], i);
  EXPECT_EQ(c.integrity_protected, IntegrityProtected::yes);
  EXPECT_EQ(c.nc, 0xffffffffu);
  EXPECT_EQ(c.auth_params, (std::vector<AuthParam>{{"x-ext", "v w", true}}));
  const std::string canonical = std::string("Digest username=\"u\", realm=\"r\", nonce=\"") +
                                kNonce + "\", uri=\"sip:r\", response=\"" + kResponse +
                                "\", algorithm=AKAv1-MD5, nc=ffffffff, auts=\"" + kAuts +
                                "\", integrity-protected=yes, x-ext=\"v w\"";
  EXPECT_EQ(encode(c), canonical);
}

TEST(SipDigestAkaCredentials, EveryIntegrityProtectedValue) {
  for (auto v : {IntegrityProtected::yes, IntegrityProtected::no, IntegrityProtected::tls_pending,
                 IntegrityProtected::tls_yes, IntegrityProtected::ip_assoc_pending,
                 IntegrityProtected::ip_assoc_yes, IntegrityProtected::auth_done}) {
    const auto d = decode_aka_credentials(
        "Authorization", base() + ", integrity-protected=" + to_string(v));
    ASSERT_TRUE(d.ok()) << to_string(v) << ": " << d.error().describe();
    EXPECT_EQ(d.value().integrity_protected, v);
  }
}

// Each error names the directive and its offset: the directive's name when its value is wrong,
// the first character that does not fit otherwise, the end of the value when one is missing.
TEST(SipDigestAkaCredentials, EveryErrorHasItsDirectiveAndOffset) {
  struct Case {
    std::string value;
    const char* ie;
    std::string at;  // the offset is where this text starts in value; "" means value.size()
    const char* reason;
  };
  const std::string b = base();
  const std::string n = std::string("nonce=\"") + kNonce + "\"";
  const std::string r = std::string("response=\"") + kResponse + "\"";
  const std::string tail = std::string(", uri=\"sip:r\", ") + r + ", algorithm=AKAv1-MD5";
  const auto replace = [&](const std::string& from, const std::string& to) {
    std::string v = b;
    v.replace(v.find(from), from.size(), to);
    return v;
  };
  const Case cases[] = {
      // scheme and list syntax
      {"Basic dXNlcjpwYXNz", "auth-scheme", "Basic", "the credentials are not \"Digest\""},
      {"Digest", "auth-scheme", "", "missing: directives"},
      {"Digest username", "username", "", "'=' and a value"},
      {"Digest username=", "username", "", "missing: a value"},
      {b + ",", "dig-resp", "", "missing: a directive"},
      {b + ", =x", "dig-resp", "=x", "cannot start a directive name"},
      {b + " nc=00000001", "algorithm", "nc=00000001", "expected ',' or the end"},
      {b + ", x=\"a", "x", "", "no closing DQUOTE"},
      // repetition
      {b + ", nc=00000001, nc=00000002", "nc", "nc=00000002", "repeated"},
      {b + ", realm=\"s\"", "realm", "realm=\"s\"", "repeated"},
      // required directives
      {"Digest realm=\"r\", " + n + tail, "username", "", "username is required"},
      {"Digest username=\"u\", " + n + tail, "realm", "", "realm is required"},
      {"Digest username=\"u\", realm=\"r\"" + tail, "nonce", "", "nonce is required"},
      {replace(", uri=\"sip:home1.net\"", ""), "uri", "", "uri is required"},
      {replace(", " + r, ""), "response", "", "response is required"},
      {replace(", algorithm=AKAv1-MD5", ""), "algorithm", "", "mean MD5"},
      // values
      {replace("username=\"user1_private@home1.net\"", "username=u"), "username", "username=",
       "quoted-string"},
      {replace("realm=\"home1.net\"", "realm=r"), "realm", "realm=", "quoted-string"},
      {replace(n, "nonce=n"), "nonce", "nonce=", "quoted-string"},
      {replace(n, "nonce=\"AAAA\""), "nonce", "nonce=", "RAND and AUTN need 32"},
      {replace("uri=\"sip:home1.net\"", "uri=\"sip:a b\""), "uri", "uri=", "Request-URI"},
      {replace("uri=\"sip:home1.net\"", "uri=\"\""), "uri", "uri=", "Request-URI"},
      {replace("uri=\"sip:home1.net\"", "uri=sip"), "uri", "uri=", "Request-URI"},
      {replace(r, "response=\"6629fae49393a05397450978507c4ef\""), "response", "response=",
       "32 lower-case hex"},
      {replace(r, "response=\"6629fae49393a05397450978507c4ef10\""), "response", "response=",
       "32 lower-case hex"},
      {replace(r, "response=\"6629FAE49393A05397450978507C4EF1\""), "response", "response=",
       "32 lower-case hex"},
      {replace(r, std::string("response=") + kResponse), "response", "response=", "in quotes"},
      {replace("algorithm=AKAv1-MD5", "algorithm=MD5"), "algorithm", "algorithm=",
       "not AKAv1-MD5"},
      {replace("algorithm=AKAv1-MD5", "algorithm=\"AKAv1-MD5\""), "algorithm", "algorithm=",
       "unquoted"},
      {b + ", cnonce=abc", "cnonce", "cnonce=", "quoted-string"},
      {b + ", opaque=abc", "opaque", "opaque=", "quoted-string"},
      {b + ", qop=\"auth\"", "qop", "qop=", "one unquoted token"},
      {b + ", nc=0000001", "nc", "nc=", "8 lower-case hex"},
      {b + ", nc=000000001", "nc", "nc=", "8 lower-case hex"},
      {b + ", nc=0000000A", "nc", "nc=", "8 lower-case hex"},
      {b + ", nc=\"00000001\"", "nc", "nc=", "unquoted"},
      {b + ", auts=AAECAwQFBgcICQoLDA0", "auts", "auts=", "quoted-string"},
      {b + ", auts=\"AAECAwQFBgcICQoLDA==\"", "auts", "auts=", "auts holds 13 octets"},
      {b + ", auts=\"AAECAwQFBgcICQoLDA0O\"", "auts", "auts=", "auts holds 15 octets"},
      {b + ", auts=\"\"", "auts", "auts=", "auts holds 0 octets"},
      {b + ", auts=\"AAE*AwQFBgcICQoLDA0=\"", "auts", "auts=",
       "character '*' at position 3 of the auts"},
      {b + ", auts=\"AAECAwQFBgcICQoLDA0\"", "auts", "auts=", "not a multiple of 4"},
      {b + ", auts=\"AAECAwQFBgcICQoLDA1=\"", "auts", "auts=", "pad bits"},
      {b + ", integrity-protected=maybe", "integrity-protected", "integrity-protected=",
       "not one of"},
      {b + ", integrity-protected=\"yes\"", "integrity-protected", "integrity-protected=",
       "unquoted"},
  };
  for (const auto& c : cases) {
    const auto d = decode_aka_credentials("Authorization", c.value);
    ASSERT_FALSE(d.ok()) << "decoded: " << c.value;
    const std::size_t at = c.at.empty() ? c.value.size() : c.value.rfind(c.at);
    ASSERT_NE(at, std::string::npos) << c.at;
    EXPECT_EQ(d.error().message, "Authorization");
    EXPECT_EQ(d.error().ie, c.ie) << c.value << ": " << d.error().describe();
    EXPECT_EQ(d.error().offset, at) << c.value << ": " << d.error().describe();
    EXPECT_TRUE(mentions(d.error().reason, c.reason)) << c.value << ": " << d.error().reason;
  }
  const auto wrong = decode_aka_credentials("WWW-Authenticate", b);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().message, "WWW-Authenticate");
  EXPECT_TRUE(mentions(wrong.error().reason, "not a credentials header field"));
}

// Every prefix either fails inside itself, naming a directive, or is itself complete: cut just
// before ", " of an optional directive, or inside qop's token ("qop=au" is qop "au").
TEST(SipDigestAkaCredentials, EveryTruncationFailsInsideIt) {
  const std::string value = base() + ", cnonce=\"c\", qop=auth, nc=00000001, auts=\"" + kAuts +
                            "\", integrity-protected=no";
  ASSERT_TRUE(decode_aka_credentials("Authorization", value).ok());
  const std::size_t qop = value.find("qop=auth") + 4;
  for (std::size_t n = 0; n < value.size(); ++n) {
    const auto d = decode_aka_credentials("Authorization", std::string_view(value).substr(0, n));
    if (d.ok()) {
      EXPECT_TRUE(value[n] == ',' || (n > qop && n < qop + 4)) << n;
      continue;
    }
    EXPECT_LE(d.error().offset, n) << n;
    EXPECT_FALSE(d.error().ie.empty()) << n;
  }
}

TEST(SipDigestAkaCredentials, EncoderContracts) {
  const auto d = decode_aka_credentials("Authorization", base());
  ASSERT_TRUE(d.ok()) << d.error().describe();
  const AkaCredentials good = d.value();
  EXPECT_EQ(encode(good), base());
  const auto throws = [&](auto change) {
    AkaCredentials c = good;
    change(c);
    EXPECT_THROW(encode(c), std::invalid_argument);
  };
  throws([](AkaCredentials& c) { c.uri = "sip:a b"; });
  throws([](AkaCredentials& c) { c.uri = ""; });
  throws([](AkaCredentials& c) { c.response = "6629fae4"; });
  throws([](AkaCredentials& c) { c.response = "6629FAE49393A05397450978507C4EF1"; });
  throws([](AkaCredentials& c) { c.qop = "auth int"; });
  throws([](AkaCredentials& c) { c.realm = "a\r\nb"; });
  throws([](AkaCredentials& c) { c.auth_params = {{"auts", "x", true}}; });
  throws([](AkaCredentials& c) { c.auth_params = {{"nc", "00000001", false}}; });
  throws([](AkaCredentials& c) { c.auth_params = {{"x", "a b", false}}; });
  throws([](AkaCredentials& c) { c.auth_params = {{"x", "1", false}, {"x", "2", false}}; });
  EXPECT_THROW(to_string(static_cast<IntegrityProtected>(99)), std::invalid_argument);
}

}  // namespace
}  // namespace secmode::spec::sip
