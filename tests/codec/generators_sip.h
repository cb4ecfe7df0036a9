// RapidCheck generators of the SIP security agreement header fields (RFC 3329, TS 33.203 Annex H)
// and of Digest AKAv1 challenges and credentials (RFC 3310): every value the spec-twin encoders
// accept (the contracts in spec/codec/sip_sec_agree.h and sip_digest_aka.h), the same value written
// every way the grammar allows, and text shaped like the grammar. Shared by the codec properties
// (tests/codec/property_sip_*.cpp) and the spec/impl differential tests (tests/impl/).
#pragma once

#include <rapidcheck.h>

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "spec/codec/sip_digest_aka.h"
#include "spec/codec/sip_lex.h"
#include "spec/codec/sip_sec_agree.h"
#include "tests/codec/checks.h"

namespace secmode::test::sip_gen {

using namespace secmode::spec;
using namespace secmode::spec::sip;
using test::maybe;

// ---- generators ------------------------------------------------------------------------------

inline const std::string kTokenChars =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~";

inline std::string token(bool lower_only = false) {
  const std::string chars = lower_only ? "abcdefghijklmnopqrstuvwxyz0123456789-.!%*_+`'~" : kTokenChars;
  const auto n = *rc::gen::inRange<std::size_t>(1, 9);
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += chars[*rc::gen::inRange<std::size_t>(0, chars.size())];
  return out;
}

// Quoted-string content: printable ASCII, '"', '\', tabs, controls, UTF-8.
inline std::string content() {
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

inline std::string gen_value() {
  switch (*rc::gen::inRange(0, 4)) {
    case 0:
      return lex::quote(content());
    case 1:
      return *rc::gen::element<std::string>("[2001:db8::1]", "[::1]", "[fe80::a:B:c]");
    default:
      return token();
  }
}

inline SecurityMechanism gen_mechanism() {
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

inline SecurityMechanisms gen_mechanisms() {
  SecurityMechanisms ms;
  const auto n = *rc::gen::inRange(1, 4);
  for (int i = 0; i < n; ++i) ms.push_back(gen_mechanism());
  return ms;
}

// ---- a second, sloppy writer: the same value written every way the grammar allows ------------

inline std::string sws() {
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

inline std::string any_case(std::string s) {
  for (char& c : s)
    if (*rc::gen::arbitrary<bool>()) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

inline std::string zeros(std::string digits, std::size_t max_digits) {
  if (digits.size() < max_digits && *rc::gen::inRange(0, 3) == 0)
    digits.insert(0, *rc::gen::inRange<std::size_t>(1, max_digits - digits.size() + 1), '0');
  return digits;
}

inline std::string noisy_q(std::uint16_t q) {
  if (q == 1000) return *rc::gen::element<std::string>("1", "1.", "1.0", "1.00", "1.000");
  std::string d{static_cast<char>('0' + q / 100), static_cast<char>('0' + q / 10 % 10),
                static_cast<char>('0' + q % 10)};
  while (!d.empty() && d.back() == '0' && *rc::gen::arbitrary<bool>()) d.pop_back();
  if (d.empty() || (q == 0 && *rc::gen::arbitrary<bool>())) return q == 0 ? "0" : "0." + d;
  return "0." + d;
}

inline std::string noisy_mechanism(const SecurityMechanism& m) {
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
inline std::vector<std::string> noisy_lines(const SecurityMechanisms& ms) {
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

// Text built from the grammar's own pieces, so that much of it is nearly valid.
inline std::string grammar_shaped_text() {
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

// ---- Digest AKAv1 challenge ---------------------------------------------------------------------

inline AkaChallenge gen_challenge() {
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

// ---- Digest AKAv1 credentials: their own token and content generators -----------------------

namespace credentials {

inline std::string from(const std::string& chars, int min, int max) {
  const auto n = *rc::gen::inRange(min, max + 1);
  std::string out;
  for (int i = 0; i < n; ++i) out += chars[*rc::gen::inRange<std::size_t>(0, chars.size())];
  return out;
}

inline std::string token() {
  return from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~", 1, 8);
}

// Quoted-string content: visible ASCII (with '"' and '\'), SP, HTAB, a control, UTF-8.
inline std::string content() {
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

inline AkaCredentials gen_credentials() {
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

}  // namespace credentials

}  // namespace secmode::test::sip_gen
