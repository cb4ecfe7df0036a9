// ESP for IMS (impl/engine/ims_esp.h) and the SHA-1 / HMAC-SHA-1 under it (impl/crypto/sha1.h):
// SHA-1 and HMAC-SHA-1 against the spec twin (OpenSSL) and RFC 2202; each packet a UE's set
// seals is the one the test builds from RFC 4303 with the spec twin's HMAC-SHA-1-96 / HMAC-MD5-96
// over the ESP keys the test expands itself (TS 33.203 Annex I), and the P-CSCF's set opens it;
// a flipped bit, a replay, a number below the window, an unknown SPI and bad padding are refused,
// and numbers out of order inside the window are taken once each.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <vector>

#include "impl/crypto/sha1.h"
#include "impl/engine/ims_esp.h"
#include "spec/crypto/hmac.h"
#include "spec/hex.h"
#include "tests/support/vectors.h"

namespace secmode::impl::engine {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes sha1(const Bytes& data) {
  crypto::Sha1 h;
  h.update(data);
  Bytes d(20);
  h.finish(std::span<std::uint8_t, 20>(d.data(), 20));
  return d;
}

Bytes hmac_sha1(const Bytes& key, const Bytes& data) {
  const crypto::HmacSha1 h(key);
  const std::array<std::span<const std::uint8_t>, 1> parts{data};
  Bytes d(20);
  h.mac(parts, std::span<std::uint8_t, 20>(d.data(), 20));
  return d;
}

TEST(Sha1Impl, Fips180ExampleAndRfc2202Vectors) {
  EXPECT_EQ(spec::to_hex(sha1({'a', 'b', 'c'})), "a9993e364706816aba3e25717850c26c9cd0d89d");
  std::size_t checked = 0;
  for (const auto& v : test::vectors("hmac")) {
    if (v.at("algorithm") != "HMAC-SHA-1") continue;
    SCOPED_TRACE(v.at("id").get<std::string>());
    EXPECT_EQ(spec::to_hex(hmac_sha1(test::hex(v["key"]), test::hex(v["message"]))), v.at("mac").get<std::string>());
    ++checked;
  }
  EXPECT_EQ(checked, 5u);
}

RC_GTEST_PROP(Sha1Impl, AgreesWithTheSpecTwin, ()) {
  const auto data =
      *rc::gen::container<Bytes>(*rc::gen::inRange<std::size_t>(0, 300), rc::gen::arbitrary<std::uint8_t>());
  const auto key =
      *rc::gen::container<Bytes>(*rc::gen::inRange<std::size_t>(0, 100), rc::gen::arbitrary<std::uint8_t>());
  RC_ASSERT(sha1(data) == spec::digest(spec::Hash::sha1, data));
  RC_ASSERT(hmac_sha1(key, data) == spec::hmac(spec::Hash::sha1, key, data));
}

// The two ends of one set: the UE's (local = the UE) and the P-CSCF's.
struct Ends {
  EspMechanism mechanism;
  std::array<std::uint8_t, 16> ik{}, ck{};
  ImsSaDatabase ue, pcscf;
  SaSet ue_set, pcscf_set;
  explicit Ends(EspMechanism m) : mechanism(m) {
    for (std::size_t i = 0; i < 16; ++i) {
      ik[i] = static_cast<std::uint8_t>(0x10 + i);
      ck[i] = static_cast<std::uint8_t>(0xa0 + i);
    }
    const SecParams u{1000, 1001, 5000, 5001}, p{9000, 9001, 7000, 7001};
    for (auto [set, local, remote, db] : {std::tuple{&ue_set, u, p, &ue}, std::tuple{&pcscf_set, p, u, &pcscf}}) {
      set->id = 1000;
      set->role = SaRole::established;
      set->mechanism = m;
      set->sas = sas_between(local, remote);
      expand_esp_keys(m, ik, ck, set->keys);
      EXPECT_TRUE(db->add(*set));
    }
  }
  // TS 33.203 Annex I as the test reads it: IK_ESP = IK_IM, with 32 zero bits for SHA-1.
  Bytes ik_esp() const {
    Bytes k(ik.begin(), ik.end());
    if (mechanism.alg == sip::IntegrityAlgorithm::hmac_sha_1_96) k.resize(20, 0);
    return k;
  }
  // RFC 4303 2 as the test reads it.
  Bytes expected(std::uint32_t spi, std::uint32_t seq, std::uint8_t next, const Bytes& payload) const {
    Bytes p(8 + payload.size());
    for (int i = 0; i < 4; ++i) {
      p[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(spi >> (24 - 8 * i));
      p[static_cast<std::size_t>(4 + i)] = static_cast<std::uint8_t>(seq >> (24 - 8 * i));
    }
    std::copy(payload.begin(), payload.end(), p.begin() + 8);
    std::uint8_t pad = 0;
    while ((payload.size() + pad + 2) % 4 != 0) p.push_back(++pad);
    p.push_back(pad);
    p.push_back(next);
    const Bytes icv = mechanism.alg == sip::IntegrityAlgorithm::hmac_sha_1_96 ? spec::hmac_sha1_96(ik_esp(), p)
                                                                              : spec::hmac_md5_96(ik_esp(), p);
    p.insert(p.end(), icv.begin(), icv.end());
    return p;
  }
};

Bytes seal(SaSet& set, std::size_t sa, const Bytes& payload) {
  Bytes out(payload.size() + 32);
  const EspSealed s = esp_seal(set, sa, 17, payload, out);
  RC_ASSERT(s.error == nullptr);
  out.resize(s.size);
  return out;
}

RC_GTEST_PROP(ImsEsp, SealedPacketsAreRfc4303AndOpenAtThePeer, ()) {
  const bool sha = *rc::gen::arbitrary<bool>();
  Ends e({sha ? sip::IntegrityAlgorithm::hmac_sha_1_96 : sip::IntegrityAlgorithm::hmac_md5_96,
          *rc::gen::arbitrary<bool>() ? std::optional(sip::EncryptionAlgorithm::null) : std::nullopt});
  const int packets = *rc::gen::inRange(1, 6);
  for (int i = 0; i < packets; ++i) {
    const auto payload =
        *rc::gen::container<Bytes>(*rc::gen::inRange<std::size_t>(0, 200), rc::gen::arbitrary<std::uint8_t>());
    const std::size_t sa = *rc::gen::element<std::size_t>(2, 3);  // from the UE's client or server port
    SaSet& set = *e.ue.find(1000);
    const Bytes packet = seal(set, sa, payload);
    RC_ASSERT(packet == e.expected(set.sas[sa].spi, set.sas[sa].sequence, 17, payload));
    const EspOpened o = esp_open(e.pcscf, packet);
    RC_ASSERT(o.error == nullptr);
    RC_ASSERT(Bytes(o.payload.begin(), o.payload.end()) == payload);
    RC_ASSERT(o.next_header == 17);
    RC_ASSERT(esp_open(e.pcscf, packet).error != nullptr);  // once only
  }
}

RC_GTEST_PROP(ImsEsp, AnyFlippedBitIsRefused, ()) {
  Ends e({sip::IntegrityAlgorithm::hmac_sha_1_96, std::nullopt});
  const auto payload =
      *rc::gen::container<Bytes>(*rc::gen::inRange<std::size_t>(1, 100), rc::gen::arbitrary<std::uint8_t>());
  Bytes packet = seal(*e.ue.find(1000), 2, payload);
  const std::size_t bit = *rc::gen::inRange<std::size_t>(0, packet.size() * 8);
  packet[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
  RC_ASSERT(esp_open(e.pcscf, packet).error != nullptr);
}

TEST(ImsEsp, TheReplayWindowTakesEachNumberOnce) {
  Ends e({sip::IntegrityAlgorithm::hmac_sha_1_96, std::nullopt});
  std::vector<Bytes> sent;
  for (int i = 0; i < 70; ++i) sent.push_back(seal(*e.ue.find(1000), 2, Bytes{static_cast<std::uint8_t>(i)}));
  // 2, then 1 (inside the window), then 70, then 5 (still inside: 70 - 5 < 64), then 3 (below it).
  EXPECT_EQ(esp_open(e.pcscf, sent[1]).error, nullptr);
  EXPECT_EQ(esp_open(e.pcscf, sent[0]).error, nullptr);
  EXPECT_NE(esp_open(e.pcscf, sent[0]).error, nullptr);
  EXPECT_EQ(esp_open(e.pcscf, sent[69]).error, nullptr);
  EXPECT_EQ(esp_open(e.pcscf, sent[10]).error, nullptr);
  const char* old = esp_open(e.pcscf, sent[2]).error;
  ASSERT_NE(old, nullptr);
  EXPECT_NE(std::string(old).find("below the replay window"), std::string::npos);
  EXPECT_NE(std::string(esp_open(e.pcscf, sent[10]).error).find("replayed"), std::string::npos);
}

TEST(ImsEsp, WhatItDoesNotTakeIsNamed) {
  Ends e({sip::IntegrityAlgorithm::hmac_sha_1_96, std::nullopt});
  Bytes packet = seal(*e.ue.find(1000), 2, {1, 2, 3});
  Bytes unknown = packet;
  unknown[3] ^= 0x40;
  EXPECT_NE(std::string(esp_open(e.pcscf, unknown).error).find("SPI"), std::string::npos);
  EXPECT_NE(std::string(esp_open(e.pcscf, Bytes(packet.begin(), packet.begin() + 10)).error).find("shorter"),
            std::string::npos);
  // Padding that is not 1, 2, 3 under a valid ICV: resealed by hand with the ESP key.
  Bytes bad = e.expected(9001, 1, 17, {1, 2, 3});  // three octets, so padding 1, 2, 3
  bad.resize(bad.size() - kEspIcvSize);
  bad[bad.size() - 3] ^= 0x01;  // the last padding octet
  const Bytes icv = spec::hmac_sha1_96(e.ik_esp(), bad);
  bad.insert(bad.end(), icv.begin(), icv.end());
  EXPECT_NE(std::string(esp_open(e.pcscf, bad).error).find("padding"), std::string::npos);
  // A set whose mechanism encrypts is not this path's.
  Ends gcm({sip::IntegrityAlgorithm::aes_gmac, sip::EncryptionAlgorithm::aes_gcm});
  Bytes out(64);
  EXPECT_NE(esp_seal(*gcm.ue.find(1000), 2, 17, Bytes{1}, out).error, nullptr);
  EXPECT_NE(esp_seal(*e.ue.find(1000), 0, 17, Bytes{1}, out).error, nullptr);  // an inbound SA
}

}  // namespace
}  // namespace secmode::impl::engine
