// An IMS registration and re-registration as the UE and the P-CSCF exchange them (TS 24.229
// 5.1.1.2, 5.1.1.4, 5.1.1.5; RFC 3329 sec-agree with ipsec-3gpp, RFC 3310 Digest AKA), as trace
// lines for the IMS judge, with a switch per fault a UE can make. The subscriber is TS 35.208 test
// set 1; each challenge's AUTN is computed with MILENAGE for a fresh SQN, so the judge checks
// real MACs and a real Digest response.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "spec/codec/sip_digest_aka.h"
#include "spec/codec/sip_sec_agree.h"
#include "spec/crypto/hmac.h"
#include "spec/crypto/milenage.h"
#include "spec/hex.h"

namespace secmode::test {

struct ImsFaults {
  bool verify_drops_preferred = false;   // Security-Verify leaves out the P-CSCF's preferred mechanism
  bool answer_unprotected = false;       // the answer to the first challenge goes without ESP
  bool reuse_spi_after_bad_mac = false;  // after a 401 with a forged MAC, the old spi-c again
  bool wrong_res = false;                // the Digest response from a wrong RES
  bool forged_mac_answered = false;      // a 401 with a forged MAC answered with the RES digest
  bool second_challenge_unanswered = false;
};

class ImsExchange {
 public:
  static constexpr const char* kContext =
      R"({"kind":"context","rat":"ims","k":"465b5ce8b199b49faa5f0a2ee238a6bc","opc":"cd63cb71954a9f4e48a5994e37a02baf"})";

  // The whole trace: context, initial registration, re-registration, a NOTIFY over the new set.
  // With `forged_first` the first 401 carries an AUTN whose MAC is wrong (the UE must answer it
  // with an empty response over no set and new SPIs, then gets a good 401).
  std::vector<std::string> lines(const ImsFaults& f, bool forged_first = false) {
    std::vector<std::string> out{kContext};
    // Initial registration: set 1111 (UE spi-c 1111 / spi-s 2222, P-CSCF 3333 / 4444).
    std::uint32_t uc = 1111, us = 2222;
    out.push_back(sip(true, 0, register_(uc, us, {}, "", 1)));
    if (forged_first || f.forged_mac_answered || f.reuse_spi_after_bad_mac) {
      const Challenge bad = challenge(true);
      out.push_back(sip(false, 0, unauthorized(bad, 3333, 4444, 1)));
      if (f.forged_mac_answered) {
        out.push_back(sip(true, 4444, register_(uc, us, server(3333, 4444, false), answer(bad, false), 2)));
        return out;
      }
      if (!f.reuse_spi_after_bad_mac) uc = 1112, us = 2223;
      out.push_back(sip(true, 0, register_(uc, us, {}, empty_answer(bad), 2)));
    }
    const Challenge first = challenge(false);
    out.push_back(sip(false, 0, unauthorized(first, 3333, 4444, 2)));
    out.push_back(sip(true, f.answer_unprotected ? 0 : 4444,
                      register_(uc, us, server(3333, 4444, f.verify_drops_preferred), answer(first, f.wrong_res), 3)));
    out.push_back(sip(false, uc, ok(3)));
    // Re-registration over the set in use, proposing set 5555 (SA11/SA12 in TS 33.203's naming).
    out.push_back(sip(true, 4444, register_(5555, 6666, {}, "", 4)));
    const Challenge second = challenge(false);
    out.push_back(sip(false, uc, unauthorized(second, 7777, 8888, 4)));
    if (f.second_challenge_unanswered) return out;
    out.push_back(sip(true, 8888, register_(5555, 6666, server(7777, 8888, false), answer(second, false), 5)));
    out.push_back(sip(false, 5555, ok(5)));
    // The first request from the P-CSCF over the new set: the old set (1111) may now go.
    out.push_back(
        sip(false, 6666, "NOTIFY sip:001010000000001@10.0.0.2:5064 SIP/2.0\r\nCSeq: 1 NOTIFY\r\nEvent: reg\r\n\r\n"));
    return out;
  }

 private:
  struct Challenge {
    std::array<std::uint8_t, 16> rand;
    spec::sip::AkaNonce nonce;
    std::array<std::uint8_t, 8> res;
  };
  std::uint64_t sqn_ = 0xff9bb4d0b607;
  std::uint8_t rand_seed_ = 0x23;
  const std::string realm_ = "ims.mnc001.mcc001.3gppnetwork.org";
  const std::string user_ = "001010000000001@ims.mnc001.mcc001.3gppnetwork.org";
  const std::string uri_ = "sip:ims.mnc001.mcc001.3gppnetwork.org";

  static std::string sip(bool uplink, std::uint32_t spi, const std::string& text) {
    nlohmann::json j{{"kind", "sip"}, {"dir", uplink ? "ul" : "dl"}, {"text", text}};
    if (spi)
      j["protected_by"] = spi;
    else
      j["protected_by"] = "none";
    return j.dump();
  }

  Challenge challenge(bool forge) {
    Challenge c{};
    for (std::size_t i = 0; i < 16; ++i) c.rand[i] = static_cast<std::uint8_t>(rand_seed_ + 17 * i);
    ++rand_seed_;
    const auto k = spec::from_hex("465b5ce8b199b49faa5f0a2ee238a6bc");
    const auto opc = spec::from_hex("cd63cb71954a9f4e48a5994e37a02baf");
    std::array<std::uint8_t, 6> sqn{};
    for (int i = 0; i < 6; ++i) sqn[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(sqn_ >> (8 * (5 - i)));
    sqn_ += 32;
    const std::array<std::uint8_t, 2> amf{0x80, 0x00};
    const auto m = spec::milenage(k, opc, c.rand, sqn, amf);
    c.nonce.rand = c.rand;
    for (std::size_t i = 0; i < 6; ++i) c.nonce.autn[i] = sqn[i] ^ m.ak[i];
    c.nonce.autn[6] = amf[0];
    c.nonce.autn[7] = amf[1];
    for (std::size_t i = 0; i < 8; ++i) c.nonce.autn[8 + i] = m.mac_a[i] ^ (forge && i == 0 ? 1 : 0);
    c.res = m.res;
    return c;
  }

  static spec::sip::SecurityMechanism mech(std::optional<std::uint16_t> q, spec::sip::EncryptionAlgorithm ealg,
                                           std::uint32_t spi_c, std::uint32_t spi_s, std::uint16_t port_c,
                                           std::uint16_t port_s) {
    spec::sip::SecurityMechanism m;
    m.name = "ipsec-3gpp";
    m.q = q;
    m.alg = spec::sip::IntegrityAlgorithm::hmac_sha_1_96;
    m.ealg = ealg;
    m.prot = spec::sip::IpsecProtocol::esp;
    m.mod = spec::sip::IpsecMode::trans;
    m.spi_c = spi_c;
    m.spi_s = spi_s;
    m.port_c = port_c;
    m.port_s = port_s;
    return m;
  }

  static spec::sip::SecurityMechanisms server(std::uint32_t spi_c, std::uint32_t spi_s, bool drop_preferred) {
    spec::sip::SecurityMechanisms s{mech(500, spec::sip::EncryptionAlgorithm::aes_cbc, spi_c, spi_s, 5066, 5068),
                                    mech(100, spec::sip::EncryptionAlgorithm::null, spi_c, spi_s, 5066, 5068)};
    if (drop_preferred) s.erase(s.begin());
    return s;
  }

  std::string register_(std::uint32_t uc, std::uint32_t us, const spec::sip::SecurityMechanisms& verify,
                        const std::string& authorization, int cseq) const {
    const spec::sip::SecurityMechanisms client{mech({}, spec::sip::EncryptionAlgorithm::aes_cbc, uc, us, 5062, 5064),
                                               mech({}, spec::sip::EncryptionAlgorithm::null, uc, us, 5062, 5064)};
    std::string t = "REGISTER " + uri_ + " SIP/2.0\r\nCSeq: " + std::to_string(cseq) + " REGISTER\r\n";
    t += "Authorization: " +
         (authorization.empty() ? "Digest username=\"" + user_ + "\", realm=\"" + realm_ + "\", nonce=\"\", uri=\"" +
                                      uri_ + "\", response=\"\""
                                : authorization) +
         "\r\n";
    t += "Security-Client: " + spec::sip::encode(client) + "\r\n";
    if (!verify.empty()) t += "Security-Verify: " + spec::sip::encode(verify) + "\r\n";
    return t + "Require: sec-agree\r\nProxy-Require: sec-agree\r\n\r\n";
  }

  std::string unauthorized(const Challenge& c, std::uint32_t spi_c, std::uint32_t spi_s, int cseq) const {
    spec::sip::AkaChallenge ch;
    ch.realm = realm_;
    ch.nonce = c.nonce;
    ch.qop = {"auth"};
    return "SIP/2.0 401 Unauthorized\r\nCSeq: " + std::to_string(cseq) +
           " REGISTER\r\nWWW-Authenticate: " + spec::sip::encode(ch) +
           "\r\nSecurity-Server: " + spec::sip::encode(server(spi_c, spi_s, false)) + "\r\n\r\n";
  }

  static std::string ok(int cseq) { return "SIP/2.0 200 OK\r\nCSeq: " + std::to_string(cseq) + " REGISTER\r\n\r\n"; }

  // RFC 2617 3.2.2 with RFC 3310 3.3 (RES as the password), qop=auth.
  std::string answer(const Challenge& c, bool wrong_res) const {
    spec::sip::AkaCredentials a;
    a.username = user_;
    a.realm = realm_;
    a.nonce = c.nonce;
    a.uri = uri_;
    a.qop = "auth";
    a.nc = 1;
    a.cnonce = "0a4f113b";
    auto res = c.res;
    if (wrong_res) res[0] ^= 1;
    const auto md5 = [](const std::string& s) {
      return spec::to_hex(spec::digest(spec::Hash::md5, {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()}));
    };
    std::string a1 = user_ + ":" + realm_ + ":";
    a1.append(reinterpret_cast<const char*>(res.data()), res.size());
    const std::string ha1 = md5(a1), ha2 = md5("REGISTER:" + uri_);
    a.response = md5(ha1 + ":" + spec::sip::encode_aka_nonce(c.nonce) + ":00000001:0a4f113b:auth:" + ha2);
    return spec::sip::encode(a);
  }

  // RFC 3310 3.3 / TS 24.229 5.1.1.5.3: a challenge whose MAC fails is answered with an empty response.
  std::string empty_answer(const Challenge& c) const {
    spec::sip::AkaCredentials a;
    a.username = user_;
    a.realm = realm_;
    a.nonce = c.nonce;
    a.uri = uri_;
    return spec::sip::encode(a);
  }
};

}  // namespace secmode::test
