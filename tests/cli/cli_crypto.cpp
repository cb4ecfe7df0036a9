// `secmode crypto` end to end: the binary, fed from the same vector loader as the library
// tests, and its handling of bad input (one line on stderr naming the argument, exit 2).
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "tests/cli/run.h"
#include "tests/support/vectors.h"

using namespace secmode;
using test::CliRun;
using test::secmode_cli;

namespace {

std::string flags(const nlohmann::json& v, const char* data_field) {
  const auto alg = v.at("algorithm").get<std::string>();
  std::ostringstream s;
  s << "--alg " << alg.back() << " --key " << v.at("key").get<std::string>() << " --count 0x" << std::hex
    << v.at("count").get<std::uint32_t>() << std::dec << " --bearer " << v.at("bearer").get<int>() << " --dir "
    << v.at("direction").get<int>() << " --bits " << v.at("length_bits").get<int>() << " --data "
    << v.at(data_field).get<std::string>();
  return s.str();
}

}  // namespace

TEST(CliCrypto, EeaOnEveryVector) {
  for (const auto& v : test::vectors("eea")) {
    SCOPED_TRACE(v.at("id").get<std::string>());
    const CliRun r = secmode_cli("crypto eea " + flags(v, "plaintext"));
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, v.at("ciphertext").get<std::string>() + "\n");
  }
}

TEST(CliCrypto, EiaOnEveryVectorWithJson) {
  for (const auto& v : test::vectors("eia")) {
    SCOPED_TRACE(v.at("id").get<std::string>());
    const CliRun r = secmode_cli("crypto eia --json " + flags(v, "message"));
    ASSERT_EQ(r.status, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j.at("mac"), v.at("mac"));
    EXPECT_EQ(j.at("count"), v.at("count"));
    EXPECT_EQ(j.at("algorithm"), v.at("algorithm"));
  }
}

// --impl fast runs impl/crypto (128-EEA0..3/EIA0..3 by identity through impl/crypto/eea_eia.h,
// and the KDF) and must give the vectors' answers too.
TEST(CliCrypto, FastPathOnTheVectorsItCovers) {
  std::size_t checked = 0;
  for (const char* kind : {"eea", "eia"})
    for (const auto& v : test::vectors(kind)) {
      const auto alg = v.at("algorithm").get<std::string>();
      SCOPED_TRACE(v.at("id").get<std::string>());
      const bool eea = std::string(kind) == "eea";
      const CliRun r = secmode_cli(std::string("crypto ") + kind + " --impl fast --json " +
                                   flags(v, eea ? "plaintext" : "message"));
      ASSERT_EQ(r.status, 0) << r.err;
      const auto j = nlohmann::json::parse(r.out);
      EXPECT_EQ(j.at("impl"), "fast");
      EXPECT_EQ(j.at(eea ? "output" : "mac"), v.at(eea ? "ciphertext" : "mac"));
      ++checked;
    }
  for (const auto& v : test::vectors("kdf")) {
    if (v.at("key").get<std::string>().size() != 64 || !v.contains("output")) continue;
    SCOPED_TRACE(v.at("id").get<std::string>());
    std::string args = "crypto kdf --impl fast --key " + v.at("key").get<std::string>() + " --fc " + v.at("fc").get<std::string>();
    for (const auto& p : v.at("params")) args += " --p " + p.at("hex").get<std::string>();
    const CliRun r = secmode_cli(args);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, v.at("output").get<std::string>() + "\n");
    ++checked;
  }
  EXPECT_GT(checked, 25u);  // every EEA1..3/EIA1..3 vector and the KDF ones
}

TEST(CliCrypto, MilenageWithOpAndWithOpc) {
  for (const auto& v : test::vectors("milenage")) {
    SCOPED_TRACE(v.at("id").get<std::string>());
    const std::string common = " --rand " + v.at("rand").get<std::string>() + " --sqn " + v.at("sqn").get<std::string>() +
                               " --amf " + v.at("amf").get<std::string>() + " --k " + v.at("k").get<std::string>();
    for (const std::string& op : {" --op " + v.at("op").get<std::string>(), " --opc " + v.at("opc").get<std::string>()}) {
      const CliRun r = secmode_cli("crypto milenage" + common + op);
      ASSERT_EQ(r.status, 0) << r.err;
      const auto j = nlohmann::json::parse(r.out);
      EXPECT_EQ(j.at("opc"), v.at("opc"));
      EXPECT_EQ(j.at("res"), v.at("f2"));
      EXPECT_EQ(j.at("mac_a"), v.at("f1"));
      EXPECT_EQ(j.at("ak_star"), v.at("f5_star"));
    }
  }
}

TEST(CliCrypto, GenericKdfOnEveryVector) {
  for (const auto& v : test::vectors("kdf")) {
    SCOPED_TRACE(v.at("id").get<std::string>());
    std::string args = "crypto kdf --json --key " + v.at("key").get<std::string>() + " --fc " + v.at("fc").get<std::string>();
    for (const auto& p : v.at("params")) args += " --p " + p.at("hex").get<std::string>();
    const CliRun r = secmode_cli(args);
    ASSERT_EQ(r.status, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j.at("s"), v.at("s"));
    if (v.contains("output")) {
      EXPECT_EQ(j.at("output"), v.at("output"));
    }
    if (v.contains("output_128")) {
      EXPECT_EQ(j.at("output_128"), v.at("output_128"));
    }
  }
}

TEST(CliCrypto, NamedDerivationWithPlmnForServingNetworkName) {
  const CliRun r = secmode_cli("crypto derive kseaf --kausf " + std::string(64, '1') + " --snn 90170");
  const CliRun s = secmode_cli("crypto derive kseaf --kausf " + std::string(64, '1') + " --snn 5G:mnc070.mcc901.3gppnetwork.org");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, s.out);
  EXPECT_EQ(r.out.size(), 65u);
}

// Every kind of bad input: exit 2, nothing on stdout, one stderr line naming the argument.
TEST(CliCrypto, BadInputNamesTheArgumentAndExits2) {
  const std::string key = " --key 000102030405060708090a0b0c0d0e0f";
  const std::string ok = " --count 1 --bearer 1 --dir 0";
  const struct { std::string args, named; } cases[] = {
      {"crypto eea --alg 2" + key + ok + " --bits 12 --data abc", "--data"},          // odd hex
      {"crypto eea --alg 2" + key + ok + " --bits 12 --data zz00", "--data"},         // not hex
      {"crypto eea --alg 2 --key 0011" + ok + " --bits 8 --data 00", "--key"},        // short key
      {"crypto eea --alg 2" + key + ok + " --bits 17 --data 0000", "--data"},         // bits beyond data
      {"crypto eea --alg 7" + key + ok + " --bits 8 --data 00", "--alg"},             // unknown algorithm
      {"crypto eia --alg 1" + key + " --count 0x1ffffffff --bearer 1 --dir 0 --bits 8 --data 00", "--count"},
      {"crypto eia --alg 1" + key + " --count 1 --bearer 32 --dir 0 --bits 8 --data 00", "--bearer"},
      {"crypto eia --alg 1" + key + " --count 1 --bearer 1 --dir 2 --bits 8 --data 00", "--dir"},
      {"crypto eia --alg 1" + key + " --count 12ab --bearer 1 --dir 0 --bits 8 --data 00", "--count"},
      {"crypto kdf --key 00 --fc 0102", "--fc"},
      {"crypto derive kenb --kasme 00 --count 1", "--kasme"},
      {"crypto derive kseaf --kausf " + std::string(64, '1') + " --snn 0011", "--snn"},
      {"crypto derive nosuchkey", "nosuchkey"},
      {"crypto derive kenb --kasme " + std::string(64, '0') + " --count 1 --bogus 3", "--bogus"},
      {"crypto derive kenb --kasme " + std::string(64, '0'), "--count"},
      {"crypto milenage --k 00 --op 00 --rand 00 --sqn 00 --amf 00", "--k"},
      {"crypto hmac --alg md5 --key 00 --data 00", "--alg"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.args);
    const CliRun r = secmode_cli(c.args);
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_NE(r.err.find(c.named), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
}
