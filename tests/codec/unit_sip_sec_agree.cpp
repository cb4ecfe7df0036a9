// Known texts, every error class with its place, truncations and case rules of the SIP security
// agreement codec (RFC 3329, TS 33.203 Annex H) and of the Digest AKAv1 challenge (RFC 3310).
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "spec/codec/sip_digest_aka.h"
#include "spec/codec/sip_sec_agree.h"
#include "spec/crypto/milenage.h"
#include "tests/codec/checks.h"
#include "tests/support/vectors.h"

namespace secmode::spec::sip {
namespace {

using test::mentions;

SecurityMechanisms decode_ok(std::string_view value, std::string_view header = "Security-Client") {
  const auto d = decode_security_header(header, value);
  EXPECT_TRUE(d.ok()) << value << ": " << (d.ok() ? "" : d.error().describe());
  return d.ok() ? d.value() : SecurityMechanisms{};
}

// ---- Security-Client / Security-Server / Security-Verify -------------------------------------

// RFC 3329 3.2's example: a client lists its mechanisms on separate lines, the server answers with
// one line per mechanism, q-values telling its preference; RFC 3261 7.3.1 makes lines and commas
// equivalent.
TEST(SipSecAgree, Rfc3329ExampleLinesAndCommasAreEquivalent) {
  const std::vector<std::string_view> client{"tls", "digest"};
  const auto c = decode_security_headers("Security-Client", client);
  ASSERT_TRUE(c.ok()) << c.error().describe();
  ASSERT_EQ(c.value().size(), 2u);
  EXPECT_EQ(c.value()[0].name, "tls");
  EXPECT_EQ(c.value()[1].name, "digest");
  EXPECT_FALSE(c.value()[0].q);

  const std::vector<std::string_view> server{"ipsec-ike;q=0.1", "tls;q=0.2"};
  const auto s = decode_security_headers("Security-Server", server);
  ASSERT_TRUE(s.ok()) << s.error().describe();
  ASSERT_EQ(s.value().size(), 2u);
  EXPECT_EQ(s.value()[0].name, "ipsec-ike");
  EXPECT_EQ(s.value()[0].q, 100);
  EXPECT_EQ(s.value()[1].q, 200);
  EXPECT_EQ(s.value(), decode_ok("ipsec-ike;q=0.1, tls;q=0.2", "Security-Server"));
  EXPECT_EQ(encode(s.value()), "ipsec-ike;q=0.1, tls;q=0.2");
  // Security-Verify echoes Security-Server (RFC 3329 2.3.1).
  const auto v = decode_security_headers("Security-Verify", server);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v.value(), s.value());
}

// An initial REGISTER's Security-Client offering two ipsec-3gpp mechanisms with preferences, in
// the style of the TS 33.203 7.2 / TS 24.229 examples (SPIs of 8 digits, "; " separators).
TEST(SipSecAgree, InitialRegisterWithTwoIpsecMechanisms) {
  const std::string value =
      "ipsec-3gpp; q=0.5; alg=hmac-sha-1-96; ealg=aes-cbc; spi-c=23456789; spi-s=12345678; "
      "port-c=2468; port-s=1357, "
      "ipsec-3gpp; q=0.9; alg=aes-gmac; prot=esp; mod=trans; ealg=null; spi-c=23456789; "
      "spi-s=12345678; port-c=2468; port-s=1357";
  const auto m = decode_ok(value);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].name, "ipsec-3gpp");
  EXPECT_EQ(m[0].q, 500);
  EXPECT_EQ(m[0].alg, IntegrityAlgorithm::hmac_sha_1_96);
  EXPECT_EQ(m[0].ealg, EncryptionAlgorithm::aes_cbc);
  EXPECT_FALSE(m[0].prot);
  EXPECT_FALSE(m[0].mod);
  EXPECT_EQ(m[0].spi_c, 23456789u);
  EXPECT_EQ(m[0].spi_s, 12345678u);
  EXPECT_EQ(m[0].port_c, 2468);
  EXPECT_EQ(m[0].port_s, 1357);
  EXPECT_TRUE(m[0].extensions.empty());
  EXPECT_EQ(m[1].q, 900);
  EXPECT_EQ(m[1].alg, IntegrityAlgorithm::aes_gmac);
  EXPECT_EQ(m[1].prot, IpsecProtocol::esp);
  EXPECT_EQ(m[1].mod, IpsecMode::trans);
  EXPECT_EQ(m[1].ealg, EncryptionAlgorithm::null);
  const std::string canonical =
      "ipsec-3gpp;q=0.5;alg=hmac-sha-1-96;ealg=aes-cbc;spi-c=23456789;spi-s=12345678;"
      "port-c=2468;port-s=1357, "
      "ipsec-3gpp;q=0.9;alg=aes-gmac;prot=esp;mod=trans;ealg=null;spi-c=23456789;"
      "spi-s=12345678;port-c=2468;port-s=1357";
  EXPECT_EQ(encode(m), canonical);
  EXPECT_EQ(decode_ok(canonical), m);
}

TEST(SipSecAgree, NumbersAtTheirBounds) {
  const auto m = decode_ok(
      "ipsec-3gpp;spi-c=4294967295;spi-s=0;port-c=65535;port-s=0,ipsec-3gpp;spi-c=0000000001");
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].spi_c, 4294967295u);
  EXPECT_EQ(m[0].spi_s, 0u);
  EXPECT_EQ(m[0].port_c, 65535);
  EXPECT_EQ(m[0].port_s, 0);
  EXPECT_EQ(m[1].spi_c, 1u);  // 10DIGIT with leading zeros; written back without them
  EXPECT_EQ(encode(m), "ipsec-3gpp;spi-c=4294967295;spi-s=0;port-c=65535;port-s=0, "
                       "ipsec-3gpp;spi-c=1");
}

TEST(SipSecAgree, EveryIpsecValueDecodesFromItsSpelling) {
  for (auto v : {IntegrityAlgorithm::hmac_sha_1_96, IntegrityAlgorithm::aes_gmac,
                 IntegrityAlgorithm::null, IntegrityAlgorithm::hmac_md5_96})
    EXPECT_EQ(decode_ok(std::string("ipsec-3gpp;alg=") + to_string(v))[0].alg, v);
  for (auto v : {EncryptionAlgorithm::aes_cbc, EncryptionAlgorithm::aes_gcm,
                 EncryptionAlgorithm::null, EncryptionAlgorithm::des_ede3_cbc})
    EXPECT_EQ(decode_ok(std::string("ipsec-3gpp;ealg=") + to_string(v))[0].ealg, v);
  for (auto v : {IpsecProtocol::esp, IpsecProtocol::ah})
    EXPECT_EQ(decode_ok(std::string("ipsec-3gpp;prot=") + to_string(v))[0].prot, v);
  for (auto v : {IpsecMode::trans, IpsecMode::tun, IpsecMode::udp_enc_tun})
    EXPECT_EQ(decode_ok(std::string("ipsec-3gpp;mod=") + to_string(v))[0].mod, v);
  EXPECT_STREQ(to_string(IpsecMode::udp_enc_tun), "UDP-enc-tun");  // TS 33.203 H.2 spelling
  EXPECT_STREQ(to_string(IntegrityAlgorithm::hmac_sha_1_96), "hmac-sha-1-96");
  EXPECT_STREQ(to_string(EncryptionAlgorithm::des_ede3_cbc), "des-ede3-cbc");
}

// RFC 3261 7.3.1: header names, parameter names and tokens ignore case; RFC 2234 2.3: so do the
// ABNF literals. Extension values keep their case: their meaning is unknown here.
TEST(SipSecAgree, CaseRules) {
  const auto m = decode_ok("IPSEC-3GPP;ALG=HMAC-SHA-1-96;Mod=udp-ENC-tun;Prot=ESP;SPI-C=7;"
                           "X-Vendor=MixedCase;Q=1",
                           "sEcUrItY-cLiEnT");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].name, "ipsec-3gpp");
  EXPECT_EQ(m[0].alg, IntegrityAlgorithm::hmac_sha_1_96);
  EXPECT_EQ(m[0].mod, IpsecMode::udp_enc_tun);
  EXPECT_EQ(m[0].prot, IpsecProtocol::esp);
  EXPECT_EQ(m[0].spi_c, 7u);
  EXPECT_EQ(m[0].q, 1000);
  ASSERT_EQ(m[0].extensions.size(), 1u);
  EXPECT_EQ(m[0].extensions[0], (GenericParam{"x-vendor", "MixedCase"}));
  EXPECT_EQ(encode(m),
            "ipsec-3gpp;q=1;alg=hmac-sha-1-96;prot=esp;mod=UDP-enc-tun;spi-c=7;x-vendor=MixedCase");
  // Repetition is found across spellings, and errors carry the canonical header name.
  const auto twice = decode_security_header("security-verify", "tls;Q=0.1;q=0.2");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().message, "Security-Verify");
  EXPECT_EQ(twice.error().ie, "q");
  EXPECT_EQ(twice.error().offset, 10u);
  EXPECT_TRUE(security_header_from_name("SECURITY-SERVER") == SecurityHeader::server);
  EXPECT_FALSE(security_header_from_name("Security-Clients"));
}

// SWS (with folding) wherever HCOLON, SEMI, COMMA and EQUAL allow it (RFC 3261 25.1).
TEST(SipSecAgree, WhitespaceAndFoldedLines) {
  const auto m = decode_ok(" \t tls ; q = 0.5 ,\r\n ipsec-3gpp\t;\r\n\tspi-c=\r\n 5 ;x= \"a\r\n  b\"  ");
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].q, 500);
  EXPECT_EQ(m[1].spi_c, 5u);
  ASSERT_EQ(m[1].extensions.size(), 1u);
  EXPECT_EQ(m[1].extensions[0].value, "\"a b\"");  // a fold with its WSP reads as one SP
  EXPECT_EQ(encode(m), "tls;q=0.5, ipsec-3gpp;spi-c=5;x=\"a b\"");
  // CRLF not followed by WSP is not LWS; neither is a second fold in one LWS.
  const auto bare = decode_security_header("Security-Client", "tls\r\n;q=1");
  ASSERT_FALSE(bare.ok());
  EXPECT_EQ(bare.error().offset, 3u);
  EXPECT_FALSE(decode_security_header("Security-Client", "tls;x=\"a\rb\"").ok());
}

TEST(SipSecAgree, DigestParametersOfRfc3329) {
  const auto m = decode_ok(
      "digest;d-alg=md5;d-qop=auth-int;d-ver=\"0123456789abcdef0123456789abcdef\";q=0.125");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].d_alg, "md5");
  EXPECT_EQ(m[0].d_qop, "auth-int");
  EXPECT_EQ(m[0].d_ver, "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(m[0].q, 125);
  EXPECT_EQ(encode(m), "digest;q=0.125;d-alg=md5;d-qop=auth-int;"
                       "d-ver=\"0123456789abcdef0123456789abcdef\"");
  // 32LHEX: lower case only, exactly 32, quoted.
  for (const char* bad : {"d-ver=\"0123456789ABCDEF0123456789abcdef\"",
                          "d-ver=\"0123456789abcdef0123456789abcde\"",
                          "d-ver=0123456789abcdef0123456789abcdef", "d-alg=\"md5\"",
                          "d-ver=[0123456789abcdef0123456789abcdef]"}) {
    const auto d = decode_security_header("Security-Server", std::string("digest;") + bad);
    ASSERT_FALSE(d.ok()) << bad;
    EXPECT_EQ(d.error().offset, 7u) << bad;
    EXPECT_TRUE(mentions(d.error().reason, "RFC 3329 2.2")) << d.error().reason;
  }
}

// RFC 3329 2.2 extension = generic-param, on any mechanism; the ipsec-3gpp names are typed only
// on ipsec-3gpp; RFC 3329 Appendix A's spi/port1/port2 are extensions to TS 33.203.
TEST(SipSecAgree, ExtensionsAreKeptInOrder) {
  const auto m = decode_ok("tls;alg=foo;spi-c=x;toto, ipsec-3gpp;spi=1;port1=2;port2=3;"
                           "maddr=[2001:db8::1];tag=\"q\\\"x\"");
  ASSERT_EQ(m.size(), 2u);
  EXPECT_FALSE(m[0].alg);
  const std::vector<GenericParam> tls{{"alg", "foo"}, {"spi-c", "x"}, {"toto", std::nullopt}};
  EXPECT_EQ(m[0].extensions, tls);
  const std::vector<GenericParam> ipsec{{"spi", "1"},
                                        {"port1", "2"},
                                        {"port2", "3"},
                                        {"maddr", "[2001:db8::1]"},
                                        {"tag", "\"q\\\"x\""}};
  EXPECT_EQ(m[1].extensions, ipsec);
  EXPECT_EQ(encode(m), "tls;alg=foo;spi-c=x;toto, ipsec-3gpp;spi=1;port1=2;port2=3;"
                       "maddr=[2001:db8::1];tag=\"q\\\"x\"");
}

TEST(SipSecAgree, QvalueGrammar) {
  const std::pair<const char*, int> good[] = {{"0", 0},        {"0.", 0},     {"0.5", 500},
                                              {"0.05", 50},    {"0.123", 123}, {"1", 1000},
                                              {"1.", 1000},    {"1.000", 1000}, {"0.000", 0}};
  for (const auto& [text, thousandths] : good)
    EXPECT_EQ(decode_ok(std::string("tls;q=") + text)[0].q, thousandths) << text;
  for (const char* text : {"1.5", "0.1234", "2", ".5", "01", "1.001", "-0", "\"0.5\"", "0,5"}) {
    const auto d = decode_security_header("Security-Client", std::string("tls;q=") + text);
    if (std::string(text) == "0,5") {  // a comma ends the mechanism: "5" is then a mechanism
      ASSERT_TRUE(d.ok());
      EXPECT_EQ(d.value().size(), 2u);
      continue;
    }
    ASSERT_FALSE(d.ok()) << text;
    EXPECT_EQ(d.error().ie, "q");
    EXPECT_EQ(d.error().offset, 4u);
    EXPECT_TRUE(mentions(d.error().reason, "qvalue")) << d.error().reason;
  }
}

// Every error class: which parameter (or mechanism) and where.
TEST(SipSecAgree, EveryErrorHasItsParameterAndOffset) {
  struct Case {
    const char* value;
    const char* ie;
    std::size_t offset;
    const char* reason;
  };
  const Case cases[] = {
      {"", "mechanism-name", 0, "missing"},
      {"  ", "mechanism-name", 2, "missing"},
      {",tls", "mechanism-name", 0, "cannot start a mechanism-name"},
      {"tls,", "mechanism-name", 4, "missing"},
      {"tls, ,ipsec-ike", "mechanism-name", 5, "cannot start"},
      {"@tls", "mechanism-name", 0, "'@'"},
      {"tls;", "tls", 4, "parameter name"},
      {"tls;=1", "tls", 4, "cannot start a parameter name"},
      {"tls x", "tls", 4, "expected ';', ',' or the end"},
      {"tls;q=0.5\"", "tls", 9, "expected ';', ',' or the end"},
      {"tls;q", "q", 4, "needs a value"},
      {"tls;q=", "q", 6, "missing: a value"},
      {"tls;q=2", "q", 4, "qvalue"},
      {"tls;q=0.5;q=0.5", "q", 10, "repeated"},
      {"tls;x;x=1", "x", 6, "repeated"},
      {"tls;x=@", "x", 6, "cannot start a value"},
      {"tls;x=\"abc", "x", 10, "no closing DQUOTE"},
      {"tls;x=\"a\\", "x", 9, "cut off"},
      {"tls;x=\"a\x01\"", "x", 8, "control character"},
      {"tls;x=\"\xff\"", "x", 7, "UTF8-NONASCII"},
      {"tls;x=[::1", "x", 6, "IPv6reference"},
      {"ipsec-3gpp;alg", "alg", 11, "needs a value (TS 33.203 H.2)"},
      {"ipsec-3gpp;alg=hmac-sha-256", "alg", 11, "hmac-sha-1-96, aes-gmac, null, hmac-md5-96"},
      {"ipsec-3gpp;ealg=\"aes-cbc\"", "ealg", 11, "TS 33.203 H.2"},
      {"ipsec-3gpp;prot=udp", "prot", 11, "esp, ah"},
      {"ipsec-3gpp;mod=transport", "mod", 11, "trans, tun, UDP-enc-tun"},
      {"ipsec-3gpp;spi-c=4294967296", "spi-c", 11, "0 to 4294967295"},
      {"ipsec-3gpp;spi-s=00000000001", "spi-s", 11, "1 to 10 digits"},
      {"ipsec-3gpp;spi-c=12a", "spi-c", 11, "spivalue"},
      {"ipsec-3gpp;port-s=65536", "port-s", 11, "0 to 65535"},
      {"ipsec-3gpp;port-c=-1", "port-c", 11, "port"},
      {"ipsec-3gpp;ALG=null;alg=null", "alg", 20, "repeated"},
      {"tls, ipsec-3gpp;spi-c=1;port-c=1;spi-c=2", "spi-c", 33, "repeated"},
  };
  for (const auto& c : cases) {
    const auto d = decode_security_header("Security-Client", c.value);
    ASSERT_FALSE(d.ok()) << "decoded: " << c.value;
    EXPECT_EQ(d.error().message, "Security-Client") << c.value;
    EXPECT_EQ(d.error().ie, c.ie) << c.value << ": " << d.error().describe();
    EXPECT_EQ(d.error().offset, c.offset) << c.value << ": " << d.error().describe();
    EXPECT_TRUE(mentions(d.error().reason, c.reason)) << c.value << ": " << d.error().reason;
  }
  const auto spi = decode_security_header("Security-Server", "ipsec-3gpp;spi-c=4294967296");
  EXPECT_EQ(spi.error().describe(),
            "Security-Server, IE 'spi-c' at offset 11: spi-c value 4294967296 is not a spivalue: "
            "1 to 10 digits, 0 to 4294967295 (TS 33.203 H.2)");
  const auto name = decode_security_header("Security-Foo", "tls");
  ASSERT_FALSE(name.ok());
  EXPECT_EQ(name.error().message, "Security-Foo");
  EXPECT_EQ(name.error().ie, "");
  EXPECT_EQ(name.error().offset, 0u);
}

TEST(SipSecAgree, SeveralLinesSayWhichLineFailed) {
  const std::vector<std::string_view> lines{"ipsec-3gpp;alg=hmac-sha-1-96", "tls;q=7"};
  const auto d = decode_security_headers("Security-Client", lines);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().ie, "q");
  EXPECT_EQ(d.error().offset, 4u);
  EXPECT_TRUE(mentions(d.error().reason, "[header field line 2 of 2]")) << d.error().reason;
  EXPECT_FALSE(decode_security_headers("Security-Client", std::span<const std::string_view>{}).ok());
  const std::vector<std::string_view> one{"tls"};
  EXPECT_EQ(decode_security_headers("Security-Bogus", one).error().message, "Security-Bogus");
}

// Every prefix of a canonical value either ends on a boundary (and is itself a valid, shorter
// value) or fails at or before its end; a cut after ';' or '=' names what is missing there.
TEST(SipSecAgree, EveryTruncationFailsInsideTheInputOrIsAShorterValue) {
  const std::string full =
      "ipsec-3gpp;q=0.5;alg=hmac-sha-1-96;prot=esp;mod=trans;ealg=aes-cbc;spi-c=1111;"
      "spi-s=2222;port-c=5062;port-s=5064;x=\"y\", tls";
  ASSERT_TRUE(decode_security_header("Security-Client", full).ok());
  std::size_t failures = 0;
  for (std::size_t n = 0; n < full.size(); ++n) {
    const std::string_view prefix = std::string_view(full).substr(0, n);
    const auto d = decode_security_header("Security-Client", prefix);
    if (d.ok()) {
      EXPECT_EQ(decode_ok(encode(d.value())), d.value()) << prefix;
      continue;
    }
    ++failures;
    EXPECT_LE(d.error().offset, n) << prefix;
    EXPECT_FALSE(d.error().ie.empty()) << prefix;
    if (n > 0 && full[n - 1] == ';') {
      EXPECT_EQ(d.error().ie, "ipsec-3gpp") << prefix;
      EXPECT_EQ(d.error().offset, n) << prefix;
    }
    if (n > 0 && full[n - 1] == '=') {
      EXPECT_EQ(d.error().offset, n) << prefix;
      EXPECT_TRUE(mentions(d.error().reason, "missing")) << prefix;
    }
  }
  // The cuts inside "hmac-sha-1-96", "esp", ... and after every ';', '=', ',' and '"'.
  EXPECT_GE(failures, 40u);
}

TEST(SipSecAgree, EncoderContracts) {
  EXPECT_THROW(encode(SecurityMechanisms{}), std::invalid_argument);
  const auto with = [](const char* name, auto edit) {
    SecurityMechanism m;
    m.name = name;
    edit(m);
    return SecurityMechanisms{m};
  };
  const auto none = [](SecurityMechanism&) {};
  EXPECT_THROW(encode(with("TLS", none)), std::invalid_argument);
  EXPECT_THROW(encode(with("t s", none)), std::invalid_argument);
  EXPECT_THROW(encode(with("tls", [](auto& m) { m.spi_c = 1; })), std::invalid_argument);
  EXPECT_THROW(encode(with("tls", [](auto& m) { m.q = 1001; })), std::invalid_argument);
  EXPECT_THROW(encode(with("tls", [](auto& m) { m.d_ver = "ABCDEF"; })), std::invalid_argument);
  EXPECT_THROW(encode(with("tls", [](auto& m) { m.d_alg = "a b"; })), std::invalid_argument);
  EXPECT_THROW(encode(with("ipsec-3gpp", [](auto& m) { m.extensions = {{"alg", "x"}}; })),
               std::invalid_argument);
  EXPECT_THROW(encode(with("tls", [](auto& m) { m.extensions = {{"q", "1"}}; })),
               std::invalid_argument);
  EXPECT_THROW(encode(with("tls", [](auto& m) { m.extensions = {{"X", "1"}}; })),
               std::invalid_argument);
  EXPECT_THROW(encode(with("tls", [](auto& m) { m.extensions = {{"x", "1"}, {"x", "2"}}; })),
               std::invalid_argument);
  for (std::string bad : {"a b", "", "\"open", "\"a\r\n b\"", "[zz]", "\"a\"b"})
    EXPECT_THROW(encode(with("tls", [&](auto& m) { m.extensions = {{"x", bad}}; })),
                 std::invalid_argument)
        << bad;
  // Not an ipsec-3gpp parameter on tls: an extension like any other.
  EXPECT_EQ(encode(with("tls", [](auto& m) { m.extensions = {{"alg", "x"}}; })), "tls;alg=x");
}

TEST(SipLex, QuotedStringsRoundTrip) {
  for (const std::string& content :
       {std::string(""), std::string("plain"), std::string("a\"b\\c"), std::string("tab\there"),
        std::string("ctl\x01\x7f", 5), std::string("nul\0x", 5), std::string("utf8 \xc3\xa9\xe2\x82\xac")}) {
    const std::string q = lex::quote(content);
    std::size_t error_at = 0;
    std::string why;
    const auto back = lex::scan_quoted_string(q, 0, error_at, why);
    ASSERT_TRUE(back) << why;
    EXPECT_EQ(back->content, content);
    EXPECT_EQ(back->raw, q);
    EXPECT_EQ(back->end, q.size());
  }
  EXPECT_THROW(lex::quote("a\r\nb"), std::invalid_argument);
  EXPECT_THROW(lex::quote("\xc3"), std::invalid_argument);
}

// ---- Digest AKAv1 challenge (RFC 3310) ----------------------------------------------------------

// RAND and AUTN of TS 35.208 test set 1: AUTN = SQN xor AK || AMF || MAC-A (TS 33.102 6.3.2),
// computed here with the spec MILENAGE; the base64 was computed independently.
struct Set1 {
  Block rand{};
  Block autn{};
};
Set1 set1() {
  const auto v = test::vectors_where("milenage", "id", "MILENAGE/TS35.208/set-1").at(0);
  const Bytes k = test::hex(v["k"]), opc = test::hex(v["opc"]), rand = test::hex(v["rand"]),
              sqn = test::hex(v["sqn"]), amf = test::hex(v["amf"]);
  const auto out = milenage(k, opc, rand, sqn, amf);
  Set1 s;
  std::copy(rand.begin(), rand.end(), s.rand.begin());
  for (std::size_t i = 0; i < 6; ++i) s.autn[i] = sqn[i] ^ out.ak[i];
  s.autn[6] = amf[0];
  s.autn[7] = amf[1];
  std::copy(out.mac_a.begin(), out.mac_a.end(), s.autn.begin() + 8);
  return s;
}
constexpr const char* kSet1Nonce = "I1U8vpY3qJ0hiuZNrke/NVXzKLQ1d7m5Sp/6w1Tfr7M=";

TEST(SipDigestAka, ChallengeWithTs35208Set1Nonce) {
  const Set1 s = set1();
  const std::string value = std::string("Digest realm=\"ims.mnc001.mcc001.3gppnetwork.org\", "
                                        "nonce=\"") +
                            kSet1Nonce + "\", algorithm=AKAv1-MD5, qop=\"auth,auth-int\"";
  const auto d = decode_aka_challenge("WWW-Authenticate", value);
  ASSERT_TRUE(d.ok()) << d.error().describe();
  const AkaChallenge& c = d.value();
  EXPECT_EQ(c.realm, "ims.mnc001.mcc001.3gppnetwork.org");
  EXPECT_EQ(c.nonce.rand, s.rand);
  EXPECT_EQ(c.nonce.autn, s.autn);
  EXPECT_EQ(test::to_hex(Bytes(c.nonce.autn.begin(), c.nonce.autn.end())),
            "55f328b43577b9b94a9ffac354dfafb3");
  EXPECT_TRUE(c.nonce.server_data.empty());
  EXPECT_EQ(c.qop, (std::vector<std::string>{"auth", "auth-int"}));
  EXPECT_EQ(encode(c), value);
  EXPECT_EQ(encode_aka_nonce({s.rand, s.autn, {}}), kSet1Nonce);
}

TEST(SipDigestAka, ServerDataAuthParamsAndCanonicalForm) {
  const Set1 s = set1();
  // The nonce carries 3 octets of server data; ik/ck are TS 24.229's S-CSCF to P-CSCF params.
  const std::string value =
      "digest  NONCE=\"I1U8vpY3qJ0hiuZNrke/NVXzKLQ1d7m5Sp/6w1Tfr7MBAgM=\",ik=\"00112233\" ,"
      "Realm=\"r\\\"1\",Algorithm=akav1-md5, stale=FALSE, opaque=\"op\", ck=tok, domain=\"sip:a "
      "sip:b\"";
  const auto d = decode_aka_challenge("proxy-authenticate", value);
  ASSERT_TRUE(d.ok()) << d.error().describe();
  const AkaChallenge& c = d.value();
  EXPECT_EQ(c.nonce.rand, s.rand);
  EXPECT_EQ(c.nonce.server_data, (Bytes{1, 2, 3}));
  EXPECT_EQ(c.realm, "r\"1");
  EXPECT_EQ(c.stale, false);
  EXPECT_EQ(c.opaque, "op");
  EXPECT_EQ(c.domain, "sip:a sip:b");
  EXPECT_TRUE(c.qop.empty());
  const std::vector<AuthParam> params{{"ik", "00112233", true}, {"ck", "tok", false}};
  EXPECT_EQ(c.auth_params, params);
  const std::string canonical =
      "Digest realm=\"r\\\"1\", domain=\"sip:a sip:b\", "
      "nonce=\"I1U8vpY3qJ0hiuZNrke/NVXzKLQ1d7m5Sp/6w1Tfr7MBAgM=\", opaque=\"op\", stale=false, "
      "algorithm=AKAv1-MD5, ik=\"00112233\", ck=tok";
  EXPECT_EQ(encode(c), canonical);
  const auto again = decode_aka_challenge("Proxy-Authenticate", canonical);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value(), c);
}

TEST(SipDigestAka, NonceErrors) {
  struct Case {
    std::string nonce;
    std::size_t at;
    const char* reason;
  };
  const std::string good = kSet1Nonce;
  const Case cases[] = {
      {good.substr(0, 40), 40, "too short: the nonce holds 30 octets"},  // cut at a group
      {"AAAA", 4, "too short: the nonce holds 3 octets, RAND and AUTN need 32 (RFC 3310 3.2)"},
      {"", 0, "too short"},
      {good.substr(0, 43), 43, "not a multiple of 4"},
      {"I1U8vp%3" + good.substr(8), 6, "character '%' at position 6"},
      {good.substr(0, 42) + "N=", 42, "pad bits"},  // 'N' leaves non-zero bits before '='
      {"=" + good.substr(1), 0, "not base64"},
  };
  for (const auto& c : cases) {
    const auto d = decode_aka_nonce(c.nonce);
    ASSERT_FALSE(d.ok()) << c.nonce;
    EXPECT_EQ(d.error().offset, c.at) << c.nonce << ": " << d.error().reason;
    EXPECT_TRUE(mentions(d.error().reason, c.reason)) << c.nonce << ": " << d.error().reason;
  }
  // In a challenge the error is placed at the nonce directive and keeps the reason.
  const std::string value = "Digest realm=\"r\", nonce=\"AAAA\", algorithm=AKAv1-MD5";
  const auto d = decode_aka_challenge("WWW-Authenticate", value);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().message, "WWW-Authenticate");
  EXPECT_EQ(d.error().ie, "nonce");
  EXPECT_EQ(d.error().offset, 18u);
  EXPECT_TRUE(mentions(d.error().reason, "RAND and AUTN need 32"));
}

TEST(SipDigestAka, ChallengeErrors) {
  const std::string n = std::string("nonce=\"") + kSet1Nonce + "\"";
  struct Case {
    std::string value;
    const char* ie;
    std::size_t offset;
    const char* reason;
  };
  const std::string tail = ", algorithm=AKAv1-MD5";
  const Case cases[] = {
      {"Basic realm=\"r\"", "auth-scheme", 0, "not \"Digest\""},
      {"Digest", "auth-scheme", 6, "missing"},
      {"Digest,realm=\"r\"", "auth-scheme", 6, "LWS must follow"},
      {"Digest realm=\"r\", " + n, "algorithm", 70, "means MD5"},
      {"Digest " + n + tail, "realm", 80, "realm is required"},
      {"Digest realm=\"r\"" + tail, "nonce", 37, "nonce is required"},
      {"Digest realm=\"r\", " + n + ", algorithm=MD5", "algorithm", 72, "not AKAv1-MD5"},
      {"Digest realm=\"r\", " + n + ", algorithm=\"AKAv1-MD5\"", "algorithm", 72, "unquoted"},
      {"Digest realm=\"r\", realm=\"s\"", "realm", 18, "repeated"},
      {"Digest realm=r, " + n + tail, "realm", 7, "quoted-string"},
      {"Digest realm=\"r\", " + n + tail + ", qop=\"auth, auth-int\"", "qop", 93, "not a token"},
      {"Digest realm=\"r\", " + n + tail + ", qop=auth", "qop", 93, "quoted list"},
      {"Digest realm=\"r\", " + n + tail + ", stale=maybe", "stale", 93, "true or false"},
      {"Digest realm=\"r\" " + n, "realm", 17, "expected ',' or the end"},
      {"Digest realm", "realm", 12, "'=' and a value"},
      {"Digest realm=", "realm", 13, "missing: a value"},
      {"Digest realm=\"r", "realm", 15, "no closing DQUOTE"},
      {"Digest realm=\"r\",", "digest-cln", 17, "missing"},
      {"Digest realm=\"r\", x=1, x=2", "x", 23, "repeated"},
  };
  for (const auto& c : cases) {
    const auto d = decode_aka_challenge("WWW-Authenticate", c.value);
    ASSERT_FALSE(d.ok()) << "decoded: " << c.value;
    EXPECT_EQ(d.error().ie, c.ie) << c.value << ": " << d.error().describe();
    EXPECT_EQ(d.error().offset, c.offset) << c.value << ": " << d.error().describe();
    EXPECT_TRUE(mentions(d.error().reason, c.reason)) << c.value << ": " << d.error().reason;
  }
  EXPECT_EQ(decode_aka_challenge("Authorization", "Digest").error().message, "Authorization");
}

TEST(SipDigestAka, EveryTruncationOfAChallengeFailsInsideIt) {
  const std::string value = std::string("Digest realm=\"r\", nonce=\"") + kSet1Nonce +
                            "\", algorithm=AKAv1-MD5, qop=\"auth\", opaque=\"o\"";
  ASSERT_TRUE(decode_aka_challenge("WWW-Authenticate", value).ok());
  for (std::size_t n = 0; n < value.size(); ++n) {
    const auto d = decode_aka_challenge("WWW-Authenticate", std::string_view(value).substr(0, n));
    // Cut just before ", opaque" or ", qop" the value is complete and shorter.
    if (d.ok()) {
      EXPECT_TRUE(value[n] == ',') << n;
      continue;
    }
    EXPECT_LE(d.error().offset, n) << n;
    EXPECT_FALSE(d.error().ie.empty()) << n;
  }
}

TEST(SipDigestAka, EncoderContracts) {
  AkaChallenge c;
  c.realm = "a\r\nb";
  EXPECT_THROW(encode(c), std::invalid_argument);
  c.realm = "r";
  c.qop = {"auth int"};
  EXPECT_THROW(encode(c), std::invalid_argument);
  c.qop = {};
  c.auth_params = {{"nonce", "x", false}};
  EXPECT_THROW(encode(c), std::invalid_argument);
  c.auth_params = {{"ik", "not a token", false}};
  EXPECT_THROW(encode(c), std::invalid_argument);
  c.auth_params = {{"ik", "quoted is fine", true}};
  EXPECT_NO_THROW(encode(c));
}

}  // namespace
}  // namespace secmode::spec::sip
