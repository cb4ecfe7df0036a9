#include <gtest/gtest.h>

#include "spec/crypto/hmac.h"
#include "spec/crypto/milenage.h"
#include "tests/support/vectors.h"

using namespace secmode;
using secmode::test::hex;

namespace {
template <class C>
std::string hx(const C& c) { return test::to_hex({c.begin(), c.end()}); }
}  // namespace

TEST(HmacVectors, Rfc2202AndRfc4231) {
  std::size_t checked = 0;
  for (const auto& v : test::vectors("hmac")) {
    SCOPED_TRACE(v.at("id").get<std::string>());
    const auto name = v.at("algorithm").get<std::string>();
    const spec::Hash h = name == "HMAC-MD5" ? spec::Hash::md5 : name == "HMAC-SHA-1" ? spec::Hash::sha1 : spec::Hash::sha256;
    auto mac = spec::hmac(h, hex(v["key"]), hex(v["message"]));
    const auto want = v.at("mac").get<std::string>();  // may be truncated (RFC 4231 case 5)
    mac.resize(want.size() / 2);
    EXPECT_EQ(hx(mac), want);
    if (h == spec::Hash::md5) {
      EXPECT_EQ(hx(spec::hmac_md5_96(hex(v["key"]), hex(v["message"]))), want.substr(0, 24));
    }
    if (h == spec::Hash::sha1) {
      EXPECT_EQ(hx(spec::hmac_sha1_96(hex(v["key"]), hex(v["message"]))), want.substr(0, 24));
    }
    ++checked;
  }
  EXPECT_EQ(checked, 16u);
}

TEST(MilenageVectors, Ts35208AllFunctions) {
  std::size_t checked = 0;
  for (const auto& v : test::vectors("milenage")) {
    SCOPED_TRACE(v.at("id").get<std::string>());
    const auto opc = spec::milenage_opc(hex(v["k"]), hex(v["op"]));
    EXPECT_EQ(hx(opc), v.at("opc").get<std::string>());
    const auto o = spec::milenage(hex(v["k"]), opc, hex(v["rand"]), hex(v["sqn"]), hex(v["amf"]));
    EXPECT_EQ(hx(o.mac_a), v.at("f1").get<std::string>());
    EXPECT_EQ(hx(o.mac_s), v.at("f1_star").get<std::string>());
    EXPECT_EQ(hx(o.res), v.at("f2").get<std::string>());
    EXPECT_EQ(hx(o.ck), v.at("f3").get<std::string>());
    EXPECT_EQ(hx(o.ik), v.at("f4").get<std::string>());
    EXPECT_EQ(hx(o.ak), v.at("f5").get<std::string>());
    EXPECT_EQ(hx(o.ak_star), v.at("f5_star").get<std::string>());
    ++checked;
  }
  EXPECT_EQ(checked, 14u);
}
