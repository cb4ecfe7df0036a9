// Known answers and differential properties for the IMS engines' AKA crypto of impl/crypto/:
// MILENAGE on the 14 TS 35.208 test sets and against the spec twin on random inputs; MD5 on the
// RFC 1321 A.5 test suite and against the spec twin (OpenSSL) on random lengths, including the
// padding edges 55, 56, 63, 64 octets.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "impl/crypto/md5.h"
#include "impl/crypto/milenage.h"
#include "spec/crypto/hmac.h"
#include "spec/crypto/milenage.h"
#include "spec/hex.h"
#include "tests/support/vectors.h"

namespace secmode::impl::crypto {
namespace {

using Bytes = std::vector<std::uint8_t>;

template <std::size_t N>
std::span<const std::uint8_t, N> fixed(const Bytes& b) {
  return std::span<const std::uint8_t, N>(b.data(), N);
}

std::string md5_hex(const Bytes& data) {
  Md5 md5;
  md5.update(data);
  std::array<std::uint8_t, 16> d{};
  md5.finish(d);
  const auto h = to_lhex(d);
  return std::string(h.begin(), h.end());
}

TEST(MilenageImpl, Ts35208TestSets) {
  std::size_t checked = 0;
  for (const auto& v : test::vectors("milenage")) {
    SCOPED_TRACE(v.at("id").get<std::string>());
    const Bytes k = test::hex(v["k"]), opc = test::hex(v["opc"]), rand = test::hex(v["rand"]),
                sqn = test::hex(v["sqn"]), amf = test::hex(v["amf"]);
    Milenage o;
    milenage(fixed<16>(k), fixed<16>(opc), fixed<16>(rand), fixed<6>(sqn), fixed<2>(amf), o);
    EXPECT_EQ(spec::to_hex(o.mac_a), v.at("f1").get<std::string>());
    EXPECT_EQ(spec::to_hex(o.mac_s), v.at("f1_star").get<std::string>());
    EXPECT_EQ(spec::to_hex(o.res), v.at("f2").get<std::string>());
    EXPECT_EQ(spec::to_hex(o.ck), v.at("f3").get<std::string>());
    EXPECT_EQ(spec::to_hex(o.ik), v.at("f4").get<std::string>());
    EXPECT_EQ(spec::to_hex(o.ak), v.at("f5").get<std::string>());
    EXPECT_EQ(spec::to_hex(o.ak_star), v.at("f5_star").get<std::string>());
    ++checked;
  }
  EXPECT_EQ(checked, 14u);
}

RC_GTEST_PROP(MilenageImpl, AgreesWithTheSpecTwin, ()) {
  const auto octets = [](std::size_t n) { return *rc::gen::container<Bytes>(n, rc::gen::arbitrary<std::uint8_t>()); };
  const Bytes k = octets(16), opc = octets(16), rand = octets(16), sqn = octets(6), amf = octets(2);
  Milenage o;
  milenage(fixed<16>(k), fixed<16>(opc), fixed<16>(rand), fixed<6>(sqn), fixed<2>(amf), o);
  const auto s = spec::milenage(k, opc, rand, sqn, amf);
  RC_ASSERT(o.mac_a == s.mac_a);
  RC_ASSERT(o.mac_s == s.mac_s);
  RC_ASSERT(o.res == s.res);
  RC_ASSERT(o.ck == s.ck);
  RC_ASSERT(o.ik == s.ik);
  RC_ASSERT(o.ak == s.ak);
  RC_ASSERT(o.ak_star == s.ak_star);
}

TEST(Md5Impl, Rfc1321TestSuite) {
  const std::vector<std::pair<std::string, std::string>> suite{
      {"", "d41d8cd98f00b204e9800998ecf8427e"},
      {"a", "0cc175b9c0f1b6a831c399e269772661"},
      {"abc", "900150983cd24fb0d6963f7d28e17f72"},
      {"message digest", "f96b697d7cb7938d525a2f31aaf161d0"},
      {"abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"},
      {"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"},
      {"12345678901234567890123456789012345678901234567890123456789012345678901234567890",
       "57edf4a22be3c955ac49da2e2107b67a"}};
  for (const auto& [text, digest] : suite) EXPECT_EQ(md5_hex(Bytes(text.begin(), text.end())), digest) << text;
}

RC_GTEST_PROP(Md5Impl, AgreesWithTheSpecTwin, ()) {
  const auto size = *rc::gen::oneOf(rc::gen::element<std::size_t>(55, 56, 63, 64, 119, 120, 128),
                                    rc::gen::inRange<std::size_t>(0, 300));
  const Bytes data = *rc::gen::container<Bytes>(size, rc::gen::arbitrary<std::uint8_t>());
  RC_ASSERT(md5_hex(data) == spec::to_hex(spec::digest(spec::Hash::md5, data)));
}

TEST(Md5Impl, UpdatesInPiecesEqualOneUpdate) {
  const std::string text = "Digest AKA computes the response over text that holds RES, in pieces";
  for (std::size_t cut = 0; cut <= text.size(); ++cut) {
    Md5 md5;
    md5.update(std::string_view(text).substr(0, cut));
    md5.update(std::string_view(text).substr(cut));
    std::array<std::uint8_t, 16> d{};
    md5.finish(d);
    const auto h = to_lhex(d);
    EXPECT_EQ(std::string(h.begin(), h.end()), md5_hex(Bytes(text.begin(), text.end()))) << cut;
  }
}

}  // namespace
}  // namespace secmode::impl::crypto
