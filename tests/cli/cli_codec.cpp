// `secmode decode` / `secmode encode` end to end: the readable tree names algorithms and causes,
// --json uses the field names of the spec's message tables, every family survives decode then
// encode through stdin, and bad input gets one line with its place and exit status 2.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "tests/cli/run.h"

using secmode::test::CliRun;
using secmode::test::secmode_cli;

namespace {

bool mentions(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// 128-EEA2/128-EIA2, KSI 1, capabilities EEA0-3 EIA1-3 UEA0-1 UIA1, IMEISV requested, nonceUE
// 01020304, nonceMME a1b2c3d4 (TS 24.301 table 8.2.20.1).
const char* kCommand = "075d220104f070c040c1550102030456a1b2c3d4";

}  // namespace

TEST(CliDecode, TreeNamesAlgorithmsCapabilitiesAndCauses) {
  const CliRun r = secmode_cli(std::string("decode --proto nas-eps ") + kCommand);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(mentions(r.out, "Message type: 0x5d SECURITY MODE COMMAND")) << r.out;
  EXPECT_TRUE(mentions(r.out, "Type of integrity protection algorithm: 128-EIA2")) << r.out;
  EXPECT_TRUE(mentions(r.out, "EIA: 0x70: 128-EIA1, 128-EIA2, 128-EIA3")) << r.out;
  EXPECT_TRUE(mentions(r.out, "Replayed nonce UE: 01020304")) << r.out;

  const CliRun reject = secmode_cli("decode --proto nas-eps 075f17");
  EXPECT_TRUE(mentions(reject.out, "EMM cause: #23 UE security capabilities mismatch")) << reject.out;
  const CliRun reject5g = secmode_cli("decode --proto nas-5gs 7e005f18");
  EXPECT_TRUE(mentions(reject5g.out, "5GMM cause: #24 Security mode rejected, unspecified")) << reject5g.out;
  const CliRun registration =
      secmode_cli("decode --proto nas-5gs 7e004179000d0109f107f0ff000000002031901001032e02f0f01707f0f0c040018030");
  EXPECT_TRUE(mentions(registration.out, "Message type: 0x41 REGISTRATION REQUEST")) << registration.out;
  EXPECT_TRUE(mentions(registration.out, "Null scheme IMSI: 901700000021309")) << registration.out;
  const CliRun rrc = secmode_cli("decode --proto nr-rrc-dl-dcch 200910");
  EXPECT_TRUE(mentions(rrc.out, "Ciphering algorithm: 128-NEA2")) << rrc.out;
}

TEST(CliDecode, JsonUsesTheSpecTablesNames) {
  const CliRun r = secmode_cli(std::string("decode --proto nas-eps --json ") + kCommand);
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("message_type"), 0x5d);
  EXPECT_EQ(j.at("selected_nas_security_algorithms").at("type_of_ciphering_algorithm"), 2);
  EXPECT_EQ(j.at("selected_nas_security_algorithms").at("type_of_integrity_protection_algorithm"), 2);
  EXPECT_EQ(j.at("nas_key_set_identifier").at("nas_key_set_identifier"), 1);
  const auto& caps = j.at("replayed_ue_security_capabilities");
  EXPECT_EQ(caps.at("eea"), 0xf0);
  EXPECT_EQ(caps.at("eia"), 0x70);
  EXPECT_EQ(caps.at("uea"), 0xc0);
  EXPECT_EQ(caps.at("uia"), 0x40);
  EXPECT_FALSE(caps.contains("gea"));
  EXPECT_EQ(j.at("imeisv_request"), 1);
  EXPECT_EQ(j.at("replayed_nonce_ue"), "01020304");
  EXPECT_EQ(j.at("nonce_mme"), "a1b2c3d4");
}

// TS 24.301 9.1: integrity protected (type 1) keeps the NAS message readable; ciphered (type 2)
// does not.
TEST(CliDecode, JsonOfSecurityProtectedPdus) {
  const CliRun r = secmode_cli("decode --proto nas-eps --json 17aabbccdd05075f18");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("security_header_type"), 1);
  EXPECT_EQ(j.at("message_authentication_code"), "aabbccdd");
  EXPECT_EQ(j.at("sequence_number"), 5);
  EXPECT_EQ(j.at("nas_message").at("message_type"), 0x5f);
  EXPECT_EQ(j.at("nas_message").at("emm_cause"), 24);

  const CliRun c = secmode_cli("decode --proto nas-eps --json 27aabbccdd060102");
  ASSERT_EQ(c.status, 0) << c.err;
  EXPECT_EQ(nlohmann::json::parse(c.out).at("ciphered_nas_message"), "0102");
}

// Every family: decode --json then encode gives the octets back (one PDU per line on stdin).
TEST(CliCodec, EveryFamilyRoundTripsThroughStdin) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases{
      {"nas-eps",
       {kCommand, "075e2309" "3365890214325406f1" "6602abcd", "075f17", "c7a8640c", "17aabbccdd05075f18", "27aabbccdd060102",
        "0752002a1b2c3d4e5f60718293a4b5c6d7e8f910" "0102030405060708090a0b0c0d0e0f10"}},
      {"nas-5gs",
       {"7e005d020002e0e0", "7e005f18",
        // open5gs testregistration.pcapng frames 221 (REGISTRATION REQUEST, null-scheme SUCI), 75
        // (AUTHENTICATION RESPONSE), 236 (AUTHENTICATION FAILURE, synch failure with AUTS).
        "7e004179000d0109f107f0ff000000002031901001032e02f0f01707f0f0c040018030",
        "7e00572d10c1399f835bd6b1606c645f5adf8ad5ab", "7e005915300e7be0e01587822a14c959c5d9313e", "7e0058"}},
      {"nr-rrc-dl-dcch", {"200910", "22c9080d58"}},
      {"nr-rrc-ul-dcch", {"2800", "3200"}},
      {"lte-rrc-dl-dcch", {"300220", "32233c07fc"}},
      {"sip",
       {"Security-Client: ipsec-3gpp;q=0.5;alg=hmac-sha-1-96;ealg=aes-cbc;spi-c=23456789;spi-s=12345678;"
        "port-c=2468;port-s=1357"}},
  };
  for (const auto& [proto, pdus] : cases) {
    SCOPED_TRACE(proto);
    std::string input;
    for (const auto& p : pdus) input += p + "\n";
    const CliRun d = secmode_cli("decode --proto " + proto + " --json -", &input);
    ASSERT_EQ(d.status, 0) << d.err;
    ASSERT_EQ(lines(d.out).size(), pdus.size());
    const CliRun e = secmode_cli("encode --proto " + proto + " -", &d.out);
    ASSERT_EQ(e.status, 0) << e.err;
    EXPECT_EQ(lines(e.out), pdus);
  }
}

TEST(CliCodec, BadInputNamesThePlaceAndExitsTwo) {
  // TS 24.301 9.9.3.36: the capability IE says 5 octets, 4 follow.
  const CliRun truncated = secmode_cli("decode --proto nas-eps 075d010005f0f0c040");
  EXPECT_EQ(truncated.status, 2);
  EXPECT_TRUE(mentions(truncated.err, "IE 'Replayed UE security capabilities' at offset 4")) << truncated.err;

  const CliRun not_hex = secmode_cli("decode --proto nas-eps 075z");
  EXPECT_EQ(not_hex.status, 2);
  EXPECT_TRUE(mentions(not_hex.err, "not hex at character 3")) << not_hex.err;

  const CliRun proto = secmode_cli("decode --proto nas-4g 0700");
  EXPECT_EQ(proto.status, 2);
  EXPECT_TRUE(mentions(proto.err, "nas-eps")) << proto.err;

  // A misspelt field is an error, not a default.
  const CliRun field = secmode_cli(
      "encode --proto nas-eps '{\"protocol_discriminator\":7,\"security_header_type\":0,\"message_type\":95,"
      "\"emm_cuase\":23}'");
  EXPECT_EQ(field.status, 2);
  EXPECT_TRUE(mentions(field.err, "emm_cause: missing") || mentions(field.err, "emm_cuase: unknown field"))
      << field.err;

  const CliRun range = secmode_cli(
      "encode --proto nas-eps '{\"protocol_discriminator\":7,\"security_header_type\":0,\"message_type\":95,"
      "\"emm_cause\":256}'");
  EXPECT_EQ(range.status, 2);
  EXPECT_TRUE(mentions(range.err, "emm_cause: 256 out of range (0..255)")) << range.err;
}

// With several PDUs, a bad one is reported with its line and the others are still decoded.
TEST(CliCodec, OneBadLineDoesNotLoseTheOthers) {
  const std::string input = "075f17\n075d01\n\n075f18\n";
  const CliRun r = secmode_cli("decode --proto nas-eps --json -", &input);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(lines(r.out).size(), 2u) << r.out;
  EXPECT_TRUE(mentions(r.err, "line 2: ")) << r.err;
}
