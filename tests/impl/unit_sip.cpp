// The known headers of tests/codec/unit_sip_sec_agree.cpp and unit_sip_digest_aka.cpp through the
// zero-copy SIP codecs (impl/codec/sip_sec_agree.h, sip_digest_aka.h): fields, views into the
// text, canonical encodings, every error class with its parameter and offset, lines, truncations,
// capacity, and the encoders' size-retry and contracts.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "impl/codec/sip_digest_aka.h"
#include "impl/codec/sip_sec_agree.h"

namespace secmode::impl::sip {
namespace {

bool mentions(const char* text, std::string_view part) {
  return text != nullptr && std::string_view(text).find(part) != std::string_view::npos;
}

template <typename T>
std::string encoded(const T& value) {
  const Encoded sized = encode(value, std::span<char>{});
  EXPECT_EQ(sized.error, nullptr) << (sized.error ? sized.error : "");
  EXPECT_FALSE(sized.written && sized.size > 0);
  std::string out(sized.size, '\0');
  const Encoded e = encode(value, out);
  EXPECT_TRUE(e.written);
  EXPECT_EQ(e.size, out.size());
  return out;
}

SecurityMechanisms decode_ok(std::string_view value, std::string_view header = "Security-Client") {
  const auto d = decode_security_header(header, value);
  EXPECT_TRUE(d.ok()) << value << ": " << (d.ok() ? "" : d.error.reason);
  return d.value;
}

// ---- Security-Client / Security-Server / Security-Verify ---------------------------------------

TEST(ImplSipSecAgree, Rfc3329ExampleLinesAndCommasAreEquivalent) {
  const std::vector<std::string_view> client{"tls", "digest"};
  const auto c = decode_security_headers("Security-Client", client);
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(c.value.size(), 2u);
  EXPECT_EQ(c.value[0].name, "tls");
  EXPECT_EQ(c.value[1].name, "digest");
  EXPECT_EQ(c.value[1].name.data(), client[1].data());  // a view, not a copy
  const std::vector<std::string_view> server{"ipsec-ike;q=0.1", "tls;q=0.2"};
  const auto s = decode_security_headers("Security-Server", server);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s.value.size(), 2u);
  EXPECT_EQ(s.value[0].q, 100);
  EXPECT_EQ(s.value[1].q, 200);
  EXPECT_EQ(encoded(std::span<const SecurityMechanism>(s.value)), "ipsec-ike;q=0.1, tls;q=0.2");
  EXPECT_EQ(encoded(std::span<const SecurityMechanism>(
                decode_ok("ipsec-ike;q=0.1, tls;q=0.2", "Security-Verify"))),
            "ipsec-ike;q=0.1, tls;q=0.2");
}

TEST(ImplSipSecAgree, InitialRegisterWithTwoIpsecMechanisms) {
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
  EXPECT_EQ(m[0].spi_c, 23456789u);
  EXPECT_EQ(m[0].spi_s, 12345678u);
  EXPECT_EQ(m[0].port_c, 2468);
  EXPECT_EQ(m[0].port_s, 1357);
  EXPECT_TRUE(m[0].extensions.empty());
  EXPECT_EQ(m[1].alg, IntegrityAlgorithm::aes_gmac);
  EXPECT_EQ(m[1].prot, IpsecProtocol::esp);
  EXPECT_EQ(m[1].mod, IpsecMode::trans);
  EXPECT_EQ(m[1].ealg, EncryptionAlgorithm::null);
  const std::string canonical =
      "ipsec-3gpp;q=0.5;alg=hmac-sha-1-96;ealg=aes-cbc;spi-c=23456789;spi-s=12345678;"
      "port-c=2468;port-s=1357, "
      "ipsec-3gpp;q=0.9;alg=aes-gmac;prot=esp;mod=trans;ealg=null;spi-c=23456789;"
      "spi-s=12345678;port-c=2468;port-s=1357";
  EXPECT_EQ(encoded(std::span<const SecurityMechanism>(m)), canonical);
}

TEST(ImplSipSecAgree, NumbersAtTheirBoundsAndEveryIpsecValue) {
  const auto m = decode_ok(
      "ipsec-3gpp;spi-c=4294967295;spi-s=0;port-c=65535;port-s=0,ipsec-3gpp;spi-c=0000000001");
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].spi_c, 4294967295u);
  EXPECT_EQ(m[0].port_c, 65535);
  EXPECT_EQ(m[1].spi_c, 1u);
  EXPECT_EQ(encoded(std::span<const SecurityMechanism>(m)),
            "ipsec-3gpp;spi-c=4294967295;spi-s=0;port-c=65535;port-s=0, ipsec-3gpp;spi-c=1");
  for (auto v : {IntegrityAlgorithm::hmac_sha_1_96, IntegrityAlgorithm::aes_gmac,
                 IntegrityAlgorithm::null, IntegrityAlgorithm::hmac_md5_96})
    EXPECT_EQ(decode_ok(std::string("ipsec-3gpp;alg=").append(to_string(v)))[0].alg, v);
  for (auto v : {EncryptionAlgorithm::aes_cbc, EncryptionAlgorithm::aes_gcm,
                 EncryptionAlgorithm::null, EncryptionAlgorithm::des_ede3_cbc})
    EXPECT_EQ(decode_ok(std::string("ipsec-3gpp;ealg=").append(to_string(v)))[0].ealg, v);
  for (auto v : {IpsecProtocol::esp, IpsecProtocol::ah})
    EXPECT_EQ(decode_ok(std::string("ipsec-3gpp;prot=").append(to_string(v)))[0].prot, v);
  for (auto v : {IpsecMode::trans, IpsecMode::tun, IpsecMode::udp_enc_tun})
    EXPECT_EQ(decode_ok(std::string("ipsec-3gpp;mod=").append(to_string(v)))[0].mod, v);
  EXPECT_EQ(to_string(IpsecMode::udp_enc_tun), "UDP-enc-tun");
}

TEST(ImplSipSecAgree, CaseRulesWhitespaceAndFolds) {
  const auto m = decode_ok("IPSEC-3GPP;ALG=HMAC-SHA-1-96;Mod=udp-ENC-tun;Prot=ESP;SPI-C=7;"
                           "X-Vendor=MixedCase;Q=1",
                           "sEcUrItY-cLiEnT");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].name, "IPSEC-3GPP");  // as written; the encoder writes it in lower case
  EXPECT_EQ(m[0].mod, IpsecMode::udp_enc_tun);
  EXPECT_EQ(m[0].q, 1000);
  ASSERT_EQ(m[0].extensions.size(), 1u);
  EXPECT_EQ(m[0].extensions[0].value, "MixedCase");
  EXPECT_EQ(encoded(std::span<const SecurityMechanism>(m)),
            "ipsec-3gpp;q=1;alg=hmac-sha-1-96;prot=esp;mod=UDP-enc-tun;spi-c=7;x-vendor=MixedCase");
  const auto twice = decode_security_header("security-verify", "tls;Q=0.1;q=0.2");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error.header, "Security-Verify");
  EXPECT_EQ(twice.error.ie, "q");
  EXPECT_EQ(twice.error.offset, 10u);
  EXPECT_TRUE(mentions(twice.error.reason, "repeated"));

  const auto w =
      decode_ok(" \t tls ; q = 0.5 ,\r\n ipsec-3gpp\t;\r\n\tspi-c=\r\n 5 ;x= \"a\r\n  b\"  ");
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[1].spi_c, 5u);
  EXPECT_EQ(w[1].extensions[0].value, "\"a\r\n  b\"");  // as written
  EXPECT_EQ(encoded(std::span<const SecurityMechanism>(w)),
            "tls;q=0.5, ipsec-3gpp;spi-c=5;x=\"a b\"");  // a fold reads as one SP
  const auto bare = decode_security_header("Security-Client", "tls\r\n;q=1");
  ASSERT_FALSE(bare.ok());
  EXPECT_EQ(bare.error.offset, 3u);
}

TEST(ImplSipSecAgree, DigestParametersExtensionsAndQvalues) {
  const auto m = decode_ok(
      "digest;d-alg=md5;d-qop=auth-int;d-ver=\"0123456789abcdef0123456789abcdef\";q=0.125");
  EXPECT_EQ(m[0].d_ver, "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(encoded(std::span<const SecurityMechanism>(m)),
            "digest;q=0.125;d-alg=md5;d-qop=auth-int;d-ver=\"0123456789abcdef0123456789abcdef\"");
  const auto e = decode_ok("tls;alg=foo;spi-c=x;toto, ipsec-3gpp;spi=1;port1=2;port2=3;"
                           "maddr=[2001:db8::1];tag=\"q\\\"x\"");
  ASSERT_EQ(e[0].extensions.size(), 3u);
  EXPECT_FALSE(e[0].alg);
  EXPECT_FALSE(e[0].extensions[2].value);
  ASSERT_EQ(e[1].extensions.size(), 5u);
  EXPECT_EQ(e[1].extensions[3].value, "[2001:db8::1]");
  EXPECT_EQ(encoded(std::span<const SecurityMechanism>(e)),
            "tls;alg=foo;spi-c=x;toto, ipsec-3gpp;spi=1;port1=2;port2=3;"
            "maddr=[2001:db8::1];tag=\"q\\\"x\"");
  const std::pair<const char*, int> good[] = {{"0", 0},     {"0.", 0},     {"0.5", 500},
                                              {"0.05", 50}, {"0.123", 123}, {"1", 1000},
                                              {"1.", 1000}, {"1.000", 1000}};
  for (const auto& [text, thousandths] : good)
    EXPECT_EQ(decode_ok(std::string("tls;q=") + text)[0].q, thousandths) << text;
  for (const char* text : {"1.5", "0.1234", "2", ".5", "01", "1.001", "-0", "\"0.5\""}) {
    const auto d = decode_security_header("Security-Client", std::string("tls;q=") + text);
    ASSERT_FALSE(d.ok()) << text;
    EXPECT_EQ(d.error.offset, 4u);
    EXPECT_TRUE(mentions(d.error.reason, "qvalue")) << text;
  }
}

TEST(ImplSipSecAgree, EveryErrorHasItsParameterAndOffset) {
  struct Case {
    const char* value;
    const char* ie;
    std::size_t item;
    std::size_t offset;
    const char* reason;
  };
  const Case cases[] = {
      {"", "mechanism-name", 0, 0, "missing"},
      {"  ", "mechanism-name", 0, 2, "missing"},
      {",tls", "mechanism-name", 0, 0, "cannot start a mechanism-name"},
      {"tls,", "mechanism-name", 1, 4, "missing"},
      {"tls, ,ipsec-ike", "mechanism-name", 1, 5, "cannot start"},
      {"tls;", "tls", 0, 4, "parameter name"},
      {"tls;=1", "tls", 0, 4, "cannot start a parameter name"},
      {"tls x", "tls", 0, 4, "expected ';', ',' or the end"},
      {"tls;q", "q", 0, 4, "needs a value"},
      {"tls;q=", "q", 0, 6, "missing: a value"},
      {"tls;q=0.5;q=0.5", "q", 0, 10, "repeated"},
      {"tls;x;X=1", "X", 0, 6, "repeated"},
      {"tls;x=@", "x", 0, 6, "cannot start a value"},
      {"tls;x=\"abc", "x", 0, 10, "no closing DQUOTE"},
      {"tls;x=\"a\\", "x", 0, 9, "cut off"},
      {"tls;x=\"a\x01\"", "x", 0, 8, "control character"},
      {"tls;x=\"\xff\"", "x", 0, 7, "UTF8-NONASCII"},
      {"tls;x=[::1", "x", 0, 6, "IPv6reference"},
      {"ipsec-3gpp;alg", "alg", 0, 11, "needs a value (TS 33.203 H.2)"},
      {"ipsec-3gpp;alg=hmac-sha-256", "alg", 0, 11, "hmac-sha-1-96, aes-gmac, null, hmac-md5-96"},
      {"ipsec-3gpp;ealg=\"aes-cbc\"", "ealg", 0, 11, "TS 33.203 H.2"},
      {"ipsec-3gpp;prot=udp", "prot", 0, 11, "esp, ah"},
      {"ipsec-3gpp;mod=transport", "mod", 0, 11, "trans, tun, UDP-enc-tun"},
      {"ipsec-3gpp;spi-c=4294967296", "spi-c", 0, 11, "0 to 4294967295"},
      {"ipsec-3gpp;spi-s=00000000001", "spi-s", 0, 11, "1 to 10 digits"},
      {"ipsec-3gpp;port-s=65536", "port-s", 0, 11, "0 to 65535"},
      {"ipsec-3gpp;ALG=null;alg=null", "alg", 0, 20, "repeated"},
      {"tls, ipsec-3gpp;spi-c=1;port-c=1;spi-c=2", "spi-c", 1, 33, "repeated"},
      {"digest;d-ver=\"0123456789ABCDEF0123456789abcdef\"", "d-ver", 0, 7, "RFC 3329 2.2"},
      {"digest;d-ver=[0123456789abcdef0123456789abcdef]", "d-ver", 0, 7, "in quotes"},
  };
  for (const auto& c : cases) {
    const auto d = decode_security_header("Security-Client", c.value);
    ASSERT_FALSE(d.ok()) << "decoded: " << c.value;
    EXPECT_EQ(d.error.header, "Security-Client") << c.value;
    EXPECT_EQ(d.error.ie, c.ie) << c.value;
    EXPECT_EQ(d.error.item, c.item) << c.value;
    EXPECT_EQ(d.error.line, 0u) << c.value;
    EXPECT_EQ(d.error.offset, c.offset) << c.value << ": " << d.error.reason;
    EXPECT_TRUE(mentions(d.error.reason, c.reason)) << c.value << ": " << d.error.reason;
  }
  const auto name = decode_security_header("Security-Foo", "tls");
  ASSERT_FALSE(name.ok());
  EXPECT_EQ(name.error.header, "Security-Foo");
  EXPECT_EQ(name.error.ie, "");
}

TEST(ImplSipSecAgree, SeveralLinesSayWhichLineFailed) {
  const std::vector<std::string_view> lines{"ipsec-3gpp;alg=hmac-sha-1-96", "tls;q=7"};
  const auto d = decode_security_headers("Security-Client", lines);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error.ie, "q");
  EXPECT_EQ(d.error.item, 1u);
  EXPECT_EQ(d.error.line, 2u);
  EXPECT_EQ(d.error.offset, 4u);
  EXPECT_FALSE(decode_security_headers("Security-Client", {}).ok());
}

TEST(ImplSipSecAgree, EveryTruncationFailsInsideTheInputOrIsAShorterValue) {
  const std::string full =
      "ipsec-3gpp;q=0.5;alg=hmac-sha-1-96;prot=esp;mod=trans;ealg=aes-cbc;spi-c=1111;"
      "spi-s=2222;port-c=5062;port-s=5064;x=\"y\", tls";
  ASSERT_TRUE(decode_security_header("Security-Client", full).ok());
  std::size_t failures = 0;
  for (std::size_t n = 0; n < full.size(); ++n) {
    const auto d = decode_security_header("Security-Client", std::string_view(full).substr(0, n));
    if (d.ok()) continue;
    ++failures;
    EXPECT_LE(d.error.offset, n);
    EXPECT_FALSE(d.error.ie.empty());
  }
  EXPECT_GE(failures, 40u);
}

// kMaxMechanisms and kMaxExtensions: valid text past them gets its own error at the first item
// that does not fit; text that is also wrong later gets that error instead.
TEST(ImplSipSecAgree, CapacityErrorsOnlyForValidText) {
  std::string nine = "tls";
  for (std::size_t k = 1; k <= kMaxMechanisms; ++k) nine += ", tls";
  const auto d = decode_security_header("Security-Client", nine);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error.reason, kTooManyMechanisms);
  EXPECT_TRUE(is_over_capacity(d.error));
  EXPECT_EQ(d.error.item, kMaxMechanisms);
  EXPECT_EQ(d.error.offset, 5 * kMaxMechanisms);
  const auto bad = decode_security_header("Security-Client", nine + ";q=2");
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(mentions(bad.error.reason, "qvalue"));
  std::string params = "tls";
  for (std::size_t k = 0; k <= kMaxExtensions; ++k) params.append(";p").append(std::to_string(k));
  const auto e = decode_security_header("Security-Client", params);
  EXPECT_EQ(e.error.reason, kTooManyExtensions);
  EXPECT_EQ(e.error.ie, "tls");
  EXPECT_EQ(e.error.offset, params.rfind(';') + 1);
  const auto again = decode_security_header("Security-Client", params + ";p0");
  EXPECT_TRUE(mentions(again.error.reason, "repeated"));  // found past the capacity too
  EXPECT_EQ(again.error.offset, params.size() + 1);
  std::string eight = "tls";
  for (std::size_t k = 1; k < kMaxMechanisms; ++k) eight += ", tls";
  EXPECT_TRUE(decode_security_header("Security-Client", eight).ok());
}

TEST(ImplSipSecAgree, EncoderSizesAndContracts) {
  const auto decoded = decode_ok("tls;q=0.5");
  const std::span<const SecurityMechanism> ms(decoded);
  std::array<char, 8> small{};
  const Encoded e = encode(ms, small);
  EXPECT_FALSE(e.written);
  EXPECT_EQ(e.size, 9u);
  EXPECT_EQ(e.error, nullptr);
  EXPECT_NE(encode(std::span<const SecurityMechanism>{}, small).error, nullptr);
  const auto broken = [](auto edit) {
    SecurityMechanism one{};
    one.name = "tls";
    edit(one);
    std::array<char, 64> out{};
    return encode(std::span<const SecurityMechanism>(&one, 1), out).error != nullptr;
  };
  EXPECT_TRUE(broken([](SecurityMechanism& m) { m.name = "t s"; }));
  EXPECT_TRUE(broken([](SecurityMechanism& m) { m.spi_c = 1; }));
  EXPECT_TRUE(broken([](SecurityMechanism& m) { m.q = 1001; }));
  EXPECT_TRUE(broken([](SecurityMechanism& m) { m.d_ver = "ABCDEF"; }));
  EXPECT_TRUE(broken([](SecurityMechanism& m) { m.extensions.push_back({"q", "1"}); }));
  EXPECT_TRUE(broken([](SecurityMechanism& m) {
    m.extensions.push_back({"x", "1"});
    m.extensions.push_back({"X", "2"});
  }));
  for (std::string_view bad : {"a b", "", "\"open", "\"a\rb\"", "[zz]", "\"a\"b"})
    EXPECT_TRUE(broken([&](SecurityMechanism& m) { m.extensions.push_back({"x", bad}); })) << bad;
  EXPECT_FALSE(broken([](SecurityMechanism& m) { m.extensions.push_back({"alg", "x"}); }));
}

// ---- Digest AKAv1 ---------------------------------------------------------------------------------

// TS 35.208 set 1: RAND, and AUTN = SQN xor AK || AMF || MAC-A (spec tests derive it).
constexpr const char* kSet1Nonce = "I1U8vpY3qJ0hiuZNrke/NVXzKLQ1d7m5Sp/6w1Tfr7M=";
constexpr std::array<std::uint8_t, 16> kSet1Rand{0x23, 0x55, 0x3c, 0xbe, 0x96, 0x37, 0xa8, 0x9d,
                                                 0x21, 0x8a, 0xe6, 0x4d, 0xae, 0x47, 0xbf, 0x35};
constexpr std::array<std::uint8_t, 16> kSet1Autn{0x55, 0xf3, 0x28, 0xb4, 0x35, 0x77, 0xb9, 0xb9,
                                                 0x4a, 0x9f, 0xfa, 0xc3, 0x54, 0xdf, 0xaf, 0xb3};

TEST(ImplSipDigestAka, ChallengeWithTs35208Set1Nonce) {
  const std::string value = std::string("Digest realm=\"ims.mnc001.mcc001.3gppnetwork.org\", "
                                        "nonce=\"") +
                            kSet1Nonce + "\", algorithm=AKAv1-MD5, qop=\"auth,auth-int\"";
  const auto d = decode_aka_challenge("WWW-Authenticate", value);
  ASSERT_TRUE(d.ok()) << d.error.reason;
  EXPECT_EQ(d.value.realm.raw, "ims.mnc001.mcc001.3gppnetwork.org");
  EXPECT_EQ(d.value.nonce.rand, kSet1Rand);
  EXPECT_EQ(d.value.nonce.autn, kSet1Autn);
  EXPECT_EQ(d.value.nonce.server_data_size, 0u);
  ASSERT_EQ(d.value.qop.size(), 2u);
  EXPECT_EQ(d.value.qop[1], "auth-int");
  EXPECT_EQ(encoded(d.value), value);
  std::array<char, 44> b64{};
  EXPECT_TRUE(encode_aka_nonce(kSet1Rand, kSet1Autn, {}, b64).written);
  EXPECT_EQ(std::string_view(b64.data(), b64.size()), kSet1Nonce);
}

TEST(ImplSipDigestAka, ServerDataAuthParamsAndCanonicalForm) {
  const std::string value =
      "digest  NONCE=\"I1U8vpY3qJ0hiuZNrke/NVXzKLQ1d7m5Sp/6w1Tfr7MBAgM=\",ik=\"00112233\" ,"
      "Realm=\"r\\\"1\",Algorithm=akav1-md5, stale=FALSE, opaque=\"op\", ck=tok, domain=\"sip:a "
      "sip:b\"";
  const auto d = decode_aka_challenge("proxy-authenticate", value);
  ASSERT_TRUE(d.ok()) << d.error.reason;
  const AkaChallenge& c = d.value;
  EXPECT_EQ(c.nonce.rand, kSet1Rand);
  ASSERT_EQ(c.nonce.server_data_size, 3u);
  std::array<std::uint8_t, 3> sd{};
  EXPECT_EQ(copy_server_data(c.nonce, sd), 3u);
  EXPECT_EQ(sd, (std::array<std::uint8_t, 3>{1, 2, 3}));
  EXPECT_EQ(c.realm.raw, "r\\\"1");
  EXPECT_TRUE(lex::content_equals(c.realm.raw, "r\"1"));
  EXPECT_EQ(c.stale, false);
  ASSERT_EQ(c.auth_params.size(), 2u);
  EXPECT_EQ(c.auth_params[0].name, "ik");
  EXPECT_TRUE(c.auth_params[0].quoted);
  EXPECT_EQ(c.auth_params[1].value, "tok");
  EXPECT_EQ(encoded(c),
            "Digest realm=\"r\\\"1\", domain=\"sip:a sip:b\", "
            "nonce=\"I1U8vpY3qJ0hiuZNrke/NVXzKLQ1d7m5Sp/6w1Tfr7MBAgM=\", opaque=\"op\", "
            "stale=false, algorithm=AKAv1-MD5, ik=\"00112233\", ck=tok");
}

TEST(ImplSipDigestAka, NonceErrors) {
  const std::string good = kSet1Nonce;
  const std::pair<std::string, std::size_t> cases[] = {
      {good.substr(0, 40), 40}, {"AAAA", 4}, {"", 0}, {good.substr(0, 43), 43},
      {std::string("I1U8vp%3").append(good.substr(8)), 6}, {good.substr(0, 42) + "N=", 42}, {std::string("=").append(good.substr(1)), 0},
  };
  for (const auto& [nonce, at] : cases) {
    const auto d = decode_aka_nonce(nonce);
    ASSERT_FALSE(d.ok()) << nonce;
    EXPECT_EQ(d.error.offset, at) << nonce << ": " << d.error.reason;
  }
  const auto d = decode_aka_challenge("WWW-Authenticate",
                                      "Digest realm=\"r\", nonce=\"AAAA\", algorithm=AKAv1-MD5");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error.ie, "nonce");
  EXPECT_EQ(d.error.offset, 18u);
  EXPECT_TRUE(mentions(d.error.reason, "RAND and AUTN need"));
}

TEST(ImplSipDigestAka, ChallengeErrors) {
  const std::string n = std::string("nonce=\"") + kSet1Nonce + "\"";
  const std::string tail = ", algorithm=AKAv1-MD5";
  struct Case {
    std::string value;
    const char* ie;
    std::size_t offset;
    const char* reason;
  };
  const Case cases[] = {
      {"Basic realm=\"r\"", "auth-scheme", 0, "not \"Digest\""},
      {"Digest", "auth-scheme", 6, "missing"},
      {"Digest,realm=\"r\"", "auth-scheme", 6, "LWS must follow"},
      {"Digest realm=\"r\", " + n, "algorithm", 70, "means MD5"},
      {"Digest " + n + tail, "realm", 80, "realm is required"},
      {"Digest realm=\"r\"" + tail, "nonce", 37, "nonce is required"},
      {"Digest realm=\"r\", " + n + ", algorithm=MD5", "algorithm", 72, "not AKAv1-MD5"},
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
      {"Digest realm=\"r\", x=1, X=2", "X", 23, "repeated"},
  };
  for (const auto& c : cases) {
    const auto d = decode_aka_challenge("WWW-Authenticate", c.value);
    ASSERT_FALSE(d.ok()) << "decoded: " << c.value;
    EXPECT_EQ(d.error.header, "WWW-Authenticate");
    EXPECT_EQ(d.error.ie, c.ie) << c.value;
    EXPECT_EQ(d.error.offset, c.offset) << c.value << ": " << d.error.reason;
    EXPECT_TRUE(mentions(d.error.reason, c.reason)) << c.value << ": " << d.error.reason;
  }
  EXPECT_EQ(decode_aka_challenge("Authorization", "Digest").error.header, "Authorization");
}

constexpr const char* kResponse = "6629fae49393a05397450978507c4ef1";
constexpr const char* kAuts = "AAECAwQFBgcICQoLDA0=";

std::string base() {
  return std::string("Digest username=\"user1_private@home1.net\", realm=\"home1.net\", nonce=\"") +
         kSet1Nonce + "\", uri=\"sip:home1.net\", response=\"" + kResponse +
         "\", algorithm=AKAv1-MD5";
}

TEST(ImplSipDigestAka, CredentialsAnsweringAChallengeAreCanonical) {
  const std::string value = base() +
                            ", cnonce=\"0a4f113b\", opaque=\"5ccc069c403ebaf9\", qop=auth, "
                            "nc=0000001f, integrity-protected=ip-assoc-pending";
  const auto d = decode_aka_credentials("Authorization", value);
  ASSERT_TRUE(d.ok()) << d.error.reason;
  const AkaCredentials& c = d.value;
  EXPECT_EQ(c.username.raw, "user1_private@home1.net");
  ASSERT_TRUE(c.nonce);
  EXPECT_EQ(c.nonce->autn, kSet1Autn);
  EXPECT_EQ(c.uri, "sip:home1.net");
  EXPECT_EQ(c.response, kResponse);
  EXPECT_EQ(c.qop, "auth");
  EXPECT_EQ(c.nc, 0x1fu);
  EXPECT_EQ(c.integrity_protected, IntegrityProtected::ip_assoc_pending);
  EXPECT_EQ(encoded(c), value);
}

TEST(ImplSipDigestAka, InitialRegisterAndSynchronisationFailure) {
  const std::string initial =
      "Digest username=\"user1_private@home1.net\", realm=\"home1.net\", nonce=\"\", "
      "uri=\"sip:home1.net\", response=\"\"";
  const auto i = decode_aka_credentials("Authorization", initial);
  ASSERT_TRUE(i.ok()) << i.error.reason;
  EXPECT_FALSE(i.value.nonce);
  EXPECT_FALSE(i.value.response);
  EXPECT_EQ(encoded(i.value), initial + ", algorithm=AKAv1-MD5");

  const std::string value = std::string("digest  USERNAME = \"u\",Realm=\"r\" ,\r\n NONCE=\"") +
                            kSet1Nonce + "\", Uri=\"sip:r\", RESPONSE=\"" + kResponse +
                            "\", Algorithm=akav1-md5, AUTS=\"" + kAuts +
                            "\", Integrity-Protected=YES, x-ext=\"v w\", nc=ffffffff";
  const auto d = decode_aka_credentials("proxy-authorization", value);
  ASSERT_TRUE(d.ok()) << d.error.reason;
  ASSERT_TRUE(d.value.auts);
  for (std::size_t k = 0; k < d.value.auts->size(); ++k) EXPECT_EQ((*d.value.auts)[k], k);
  EXPECT_EQ(d.value.integrity_protected, IntegrityProtected::yes);
  EXPECT_EQ(d.value.nc, 0xffffffffu);
  EXPECT_EQ(encoded(d.value),
            std::string("Digest username=\"u\", realm=\"r\", nonce=\"") + kSet1Nonce +
                "\", uri=\"sip:r\", response=\"" + kResponse +
                "\", algorithm=AKAv1-MD5, nc=ffffffff, auts=\"" + kAuts +
                "\", integrity-protected=yes, x-ext=\"v w\"");
}

TEST(ImplSipDigestAka, CredentialsErrors) {
  const std::string b = base();
  struct Case {
    std::string value;
    const char* ie;
    std::string at;  // where the offset points; "" means the end
    const char* reason;
  };
  const Case cases[] = {
      {"Basic dXNlcjpwYXNz", "auth-scheme", "Basic", "the credentials are not \"Digest\""},
      {b + ",", "dig-resp", "", "missing: a directive"},
      {b + ", nc=00000001, nc=00000002", "nc", "nc=00000002", "repeated"},
      {"Digest realm=\"r\", uri=\"sip:r\", response=\"\", nonce=\"\"", "username", "",
       "username is required"},
      {b + ", cnonce=abc", "cnonce", "cnonce=", "quoted-string"},
      {b + ", qop=\"auth\"", "qop", "qop=", "one unquoted token"},
      {b + ", nc=0000000A", "nc", "nc=", "8 lower-case hex"},
      {b + ", auts=\"AAECAwQFBgcICQoLDA==\"", "auts", "auts=", "14"},
      {b + ", auts=\"AAE*AwQFBgcICQoLDA0=\"", "auts", "auts=", "not base64"},
      {b + ", auts=\"AAECAwQFBgcICQoLDA1=\"", "auts", "auts=", "pad bits"},
      {b + ", integrity-protected=maybe", "integrity-protected", "integrity-protected=",
       "not one of"},
  };
  for (const auto& c : cases) {
    const auto d = decode_aka_credentials("Authorization", c.value);
    ASSERT_FALSE(d.ok()) << "decoded: " << c.value;
    const std::size_t at = c.at.empty() ? c.value.size() : c.value.rfind(c.at);
    EXPECT_EQ(d.error.ie, c.ie) << c.value;
    EXPECT_EQ(d.error.offset, at) << c.value << ": " << d.error.reason;
    EXPECT_TRUE(mentions(d.error.reason, c.reason)) << c.value << ": " << d.error.reason;
  }
  std::string many = b;
  for (std::size_t k = 0; k <= kMaxAuthParams; ++k) many.append(", p").append(std::to_string(k)).append("=1");
  const auto d = decode_aka_credentials("Authorization", many);
  EXPECT_EQ(d.error.reason, kTooManyAuthParams);
  EXPECT_EQ(d.error.offset, many.rfind(", p") + 2);
}

TEST(ImplSipDigestAka, EncoderContracts) {
  const std::string text = base();  // the decoded views point into it
  const auto d = decode_aka_credentials("Authorization", text);
  ASSERT_TRUE(d.ok());
  std::array<char, 512> out{};
  const auto broken = [&](auto edit) {
    AkaCredentials c = d.value;
    edit(c);
    return encode(c, out).error != nullptr;
  };
  EXPECT_FALSE(broken([](AkaCredentials&) {}));
  EXPECT_TRUE(broken([](AkaCredentials& c) { c.uri = "sip:a b"; }));
  EXPECT_TRUE(broken([](AkaCredentials& c) { c.response = "6629fae4"; }));
  EXPECT_TRUE(broken([](AkaCredentials& c) { c.qop = "auth int"; }));
  EXPECT_TRUE(broken([](AkaCredentials& c) { c.realm.raw = "a\r\nb"; }));
  EXPECT_TRUE(broken([](AkaCredentials& c) { c.auth_params.push_back({"auts", "x", true}); }));
  EXPECT_TRUE(broken([](AkaCredentials& c) { c.auth_params.push_back({"x", "a b", false}); }));
  EXPECT_TRUE(broken([](AkaCredentials& c) { c.nonce->text.raw = "AAAA"; }));
}

}  // namespace
}  // namespace secmode::impl::sip
