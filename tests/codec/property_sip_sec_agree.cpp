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

namespace secmode::spec::sip {
namespace {

using test::maybe;
using test::expect_holds;
using test::expect_mutant_fails;

enum class Mutation { none, q_two_decimals, lower_case_extension_values, unpadded_nonce };

// ---- generators ------------------------------------------------------------------------------

const std::string kTokenChars =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~";

std::string token(bool lower_only = false) {
  const std::string chars = lower_only ? "abcdefghijklmnopqrstuvwxyz0123456789-.!%*_+`'~" : kTokenChars;
  const auto n = *rc::gen::inRange<std::size_t>(1, 9);
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += chars[*rc::gen::inRange<std::size_t>(0, chars.size())];
  return out;
}

// Quoted-string content: printable ASCII, '"', '\', tabs, controls, UTF-8.
std::string content() {
  const auto n = *rc::gen::inRange(0, 12);
  std::string out;
  for (int i = 0; i < n; ++i) {
    switch (*rc::gen::inRange(0, 8)) {
      case 0:
        out += *rc::gen::element('"', '\\', '\t', ' ');
        break;
      case 1:
        out += static_cast<char>(*rc::gen::element(0x00, 0x01, 0x1f, 0x7f));
        break;
      case 2:
        out += *rc::gen::element<std::string>("\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x94\x91");
        break;
      default:
        out += static_cast<char>(*rc::gen::inRange(0x21, 0x7f));
    }
  }
  return out;
}

std::string gen_value() {
  switch (*rc::gen::inRange(0, 4)) {
    case 0:
      return lex::quote(content());
    case 1:
      return *rc::gen::element<std::string>("[2001:db8::1]", "[::1]", "[fe80::a:B:c]");
    default:
      return token();
  }
}

SecurityMechanism gen_mechanism() {
  SecurityMechanism m;
  m.name = *rc::gen::weightedOneOf<std::string>(
      {{4, rc::gen::just<std::string>("ipsec-3gpp")},
       {2, rc::gen::element<std::string>("tls", "digest", "ipsec-ike", "ipsec-man")},
       {1, rc::gen::exec([] { return token(true); })}});
  m.q = maybe(rc::gen::inRange<std::uint16_t>(0, 1001));
  m.d_alg = maybe(rc::gen::exec([] { return token(); }));
  m.d_qop = maybe(rc::gen::exec([] { return token(); }));
  if (*rc::gen::inRange(0, 4) == 0) {
    std::string hex;
    for (int i = 0; i < 32; ++i) hex += "0123456789abcdef"[*rc::gen::inRange(0, 16)];
    m.d_ver = hex;
  }
  if (m.name == "ipsec-3gpp") {
    m.alg = maybe(rc::gen::element(IntegrityAlgorithm::hmac_sha_1_96, IntegrityAlgorithm::aes_gmac,
                                   IntegrityAlgorithm::null, IntegrityAlgorithm::hmac_md5_96));
    m.ealg = maybe(rc::gen::element(EncryptionAlgorithm::aes_cbc, EncryptionAlgorithm::aes_gcm,
                                    EncryptionAlgorithm::null, EncryptionAlgorithm::des_ede3_cbc));
    m.prot = maybe(rc::gen::element(IpsecProtocol::esp, IpsecProtocol::ah));
    m.mod = maybe(rc::gen::element(IpsecMode::trans, IpsecMode::tun, IpsecMode::udp_enc_tun));
    m.spi_c = maybe(rc::gen::arbitrary<std::uint32_t>());
    m.spi_s = maybe(rc::gen::arbitrary<std::uint32_t>());
    m.port_c = maybe(rc::gen::arbitrary<std::uint16_t>());
    m.port_s = maybe(rc::gen::arbitrary<std::uint16_t>());
  }
  const auto n = *rc::gen::inRange(0, 4);
  for (int i = 0; i < n; ++i) {
    // Names that are not parameters of this mechanism, and not yet used; "alg" etc. are fine on
    // mechanisms other than ipsec-3gpp.
    const std::string name =
        *rc::gen::oneOf(rc::gen::exec([] { return token(true); }),
                        rc::gen::element<std::string>("alg", "spi", "port1", "maddr"));
    bool taken = name == "q" || name == "d-alg" || name == "d-qop" || name == "d-ver";
    if (m.name == "ipsec-3gpp")
      for (const char* p : {"alg", "prot", "mod", "ealg", "spi-c", "spi-s", "port-c", "port-s"})
        taken = taken || name == p;
    for (const auto& e : m.extensions) taken = taken || e.name == name;
    if (taken) continue;
    m.extensions.push_back({name, maybe(rc::gen::exec(gen_value))});
  }
  return m;
}

SecurityMechanisms gen_mechanisms() {
  SecurityMechanisms ms;
  const auto n = *rc::gen::inRange(1, 4);
  for (int i = 0; i < n; ++i) ms.push_back(gen_mechanism());
  return ms;
}

// ---- a second, sloppy writer: the same value written every way the grammar allows ------------

std::string sws() {
  switch (*rc::gen::inRange(0, 6)) {
    case 0:
      return " ";
    case 1:
      return "\t ";
    case 2:
      return " \r\n ";  // LWS with a fold
    case 3:
      return "\r\n\t";
    default:
      return "";
  }
}

std::string any_case(std::string s) {
  for (char& c : s)
    if (*rc::gen::arbitrary<bool>()) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string zeros(std::string digits, std::size_t max_digits) {
  if (digits.size() < max_digits && *rc::gen::inRange(0, 3) == 0)
    digits.insert(0, *rc::gen::inRange<std::size_t>(1, max_digits - digits.size() + 1), '0');
  return digits;
}

std::string noisy_q(std::uint16_t q) {
  if (q == 1000) return *rc::gen::element<std::string>("1", "1.", "1.0", "1.00", "1.000");
  std::string d{static_cast<char>('0' + q / 100), static_cast<char>('0' + q / 10 % 10),
                static_cast<char>('0' + q % 10)};
  while (!d.empty() && d.back() == '0' && *rc::gen::arbitrary<bool>()) d.pop_back();
  if (d.empty() || (q == 0 && *rc::gen::arbitrary<bool>())) return q == 0 ? "0" : "0." + d;
  return "0." + d;
}

std::string noisy_mechanism(const SecurityMechanism& m) {
  std::vector<std::string> params;
  if (m.q) params.push_back(any_case("q") + sws() + "=" + sws() + noisy_q(*m.q));
  if (m.d_alg) params.push_back(any_case("d-alg") + "=" + sws() + *m.d_alg);
  if (m.d_qop) params.push_back(any_case("d-qop") + sws() + "=" + *m.d_qop);
  if (m.d_ver) params.push_back(any_case("d-ver") + "=" + sws() + "\"" + *m.d_ver + "\"");
  if (m.alg) params.push_back(any_case("alg") + "=" + any_case(to_string(*m.alg)));
  if (m.prot) params.push_back(any_case("prot") + "=" + any_case(to_string(*m.prot)));
  if (m.mod) params.push_back(any_case("mod") + "=" + any_case(to_string(*m.mod)));
  if (m.ealg) params.push_back(any_case("ealg") + "=" + any_case(to_string(*m.ealg)));
  if (m.spi_c) params.push_back(any_case("spi-c") + "=" + zeros(std::to_string(*m.spi_c), 10));
  if (m.spi_s) params.push_back(any_case("spi-s") + "=" + zeros(std::to_string(*m.spi_s), 10));
  if (m.port_c) params.push_back(any_case("port-c") + "=" + zeros(std::to_string(*m.port_c), 5));
  if (m.port_s) params.push_back(any_case("port-s") + "=" + zeros(std::to_string(*m.port_s), 5));
  // Shuffle the typed parameters among themselves; extensions keep their relative order.
  std::vector<std::string> shuffled;
  while (!params.empty()) {
    const auto k = *rc::gen::inRange<std::size_t>(0, params.size());
    shuffled.push_back(params[k]);
    params.erase(params.begin() + static_cast<std::ptrdiff_t>(k));
  }
  params = shuffled;
  std::vector<std::string> ext;
  for (const auto& e : m.extensions)
    ext.push_back(any_case(e.name) + (e.value ? sws() + "=" + sws() + *e.value : ""));
  std::vector<std::string> all;
  std::size_t p = 0, x = 0;
  while (p < params.size() || x < ext.size())
    all.push_back(x >= ext.size() || (p < params.size() && *rc::gen::arbitrary<bool>())
                      ? params[p++]
                      : ext[x++]);
  std::string out = any_case(m.name);
  for (const auto& a : all) out += sws() + ";" + sws() + a;
  return out;
}

// The mechanisms written noisily, split over 1..n header field lines.
std::vector<std::string> noisy_lines(const SecurityMechanisms& ms) {
  std::vector<std::string> lines{sws()};
  for (std::size_t i = 0; i < ms.size(); ++i) {
    if (i > 0) {
      if (*rc::gen::arbitrary<bool>())
        lines.push_back(sws());
      else
        lines.back() += sws() + "," + sws();
    }
    lines.back() += noisy_mechanism(ms[i]);
  }
  for (auto& l : lines)
    if (*rc::gen::inRange(0, 3) == 0) l += *rc::gen::element<std::string>(" ", "\t", " \r\n ");
  return lines;
}

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

// Text built from the grammar's own pieces, so that much of it is nearly valid.
std::string grammar_shaped_text() {
  std::string out;
  const auto n = *rc::gen::inRange(0, 14);
  for (int i = 0; i < n; ++i)
    out += *rc::gen::weightedOneOf<std::string>({
        {4, rc::gen::exec([] { return token(); })},
        {3, rc::gen::element<std::string>(";", ",", "=", "\"", "\\", " ", "\t", "\r\n ", "\r", "[",
                                          "]", ":")},
        {3, rc::gen::element<std::string>("ipsec-3gpp", "q", "alg", "ealg", "prot", "mod", "spi-c",
                                          "port-s", "d-ver", "hmac-sha-1-96", "UDP-enc-tun",
                                          "4294967295", "4294967296", "65536", "0.125", "1.0")},
        {1, rc::gen::container<std::string>(1, rc::gen::arbitrary<char>())},
    });
  return out;
}

// ---- properties: Digest AKAv1 challenge ----------------------------------------------------------

AkaChallenge gen_challenge() {
  AkaChallenge c;
  c.realm = content();
  c.domain = maybe(rc::gen::exec(content));
  c.nonce.rand = *rc::gen::arbitrary<Block>();
  c.nonce.autn = *rc::gen::arbitrary<Block>();
  c.nonce.server_data = *rc::gen::resize(20, rc::gen::arbitrary<Bytes>());
  c.opaque = maybe(rc::gen::exec(content));
  c.stale = maybe(rc::gen::arbitrary<bool>());
  const auto nq = *rc::gen::inRange(0, 3);
  for (int i = 0; i < nq; ++i)
    c.qop.push_back(*rc::gen::oneOf(rc::gen::element<std::string>("auth", "auth-int"),
                                    rc::gen::exec([] { return token(); })));
  const auto np = *rc::gen::inRange(0, 3);
  for (int i = 0; i < np; ++i) {
    const std::string name = *rc::gen::oneOf(rc::gen::element<std::string>("ik", "ck"),
                                             rc::gen::exec([] { return token(true); }));
    bool taken = false;
    for (const char* d : {"realm", "domain", "nonce", "opaque", "stale", "algorithm", "qop"})
      taken = taken || name == d;
    for (const auto& p : c.auth_params) taken = taken || p.name == name;
    if (taken) continue;
    const bool quoted = *rc::gen::arbitrary<bool>();
    c.auth_params.push_back({name, quoted ? content() : token(), quoted});
  }
  return c;
}

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
