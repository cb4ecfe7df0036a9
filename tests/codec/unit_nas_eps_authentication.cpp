// The EPS authentication messages (TS 24.301 V17.9.0 tables 8.2.5.1-8.2.8.1): real PDUs from
// public captures and tests, then every error class and what clause 7 makes a receiver skip.
#include <gtest/gtest.h>

#include <stdexcept>

#include "spec/codec/nas_eps_authentication.h"
#include "spec/codec/nas_eps_emm.h"
#include "tests/codec/checks.h"
#include "tests/support/vectors.h"

namespace secmode::spec::nas {
namespace {

using test::decoded_clean;
using test::hex;
using test::mentions;

// Real AUTHENTICATION REQUEST captured from a live network, from pycrate's test suite
// (github.com/pycrate-org/pycrate, test/test_mobile.py, nas_pdu_mt "EMM Auth Request"):
// 07 52 | 06: spare, TSC 0, KSI 6 | RAND (16) | 10 + AUTN (16).
TEST(NasEpsAuthentication, RealAuthenticationRequest) {
  const Bytes pdu =
      hex("075206"
          "905ada1e7da557ada1e72650e21ee5e3"
          "10"
          "4bfb73f6b4558000b1903ab88a27237f");
  const auto m = decoded_clean(decode_authentication_request(pdu));
  EXPECT_EQ(m.nas_key_set_identifier_asme, (NasKeySetIdentifier{false, 6}));
  EXPECT_EQ(Bytes(m.rand.begin(), m.rand.end()), hex("905ada1e7da557ada1e72650e21ee5e3"));
  EXPECT_EQ(Bytes(m.autn.begin(), m.autn.end()), hex("4bfb73f6b4558000b1903ab88a27237f"));
  EXPECT_EQ(encode(m), pdu);
}

// Real AUTHENTICATION RESPONSE: pycrate test/test_mobile.py, nas_pdu_mo "EMM Auth Response",
// "17450740e3040753083ec3a476f829b414": an integrity protected PDU (MAC 450740e3, SQN 04)
// around the plain 07 53 | 08 + RES (8).
TEST(NasEpsAuthentication, RealAuthenticationResponseInsideAProtectedPdu) {
  const Bytes outer = hex("17450740e3040753083ec3a476f829b414");
  const auto p = decoded_clean(decode_security_protected(outer));
  EXPECT_EQ(p.type, SecurityHeaderType::integrity_protected);
  const auto m = decoded_clean(decode_authentication_response(p.nas_message));
  EXPECT_EQ(m.res, hex("3ec3a476f829b414"));
  EXPECT_EQ(encode(m), hex("0753083ec3a476f829b414"));
  const auto any = decoded_clean(decode_emm_message(p.nas_message));
  EXPECT_TRUE(std::holds_alternative<AuthenticationResponse>(any));
}

// AUTHENTICATION FAILURE with cause #21 "synch failure" and AUTS, as the Magma MME tests send it
// (github.com/magma/magma, lte/gateway/c/core/oai/test/mme_app_task/test_mme_procedures.cpp,
// nas_msg_auth_resp_synch_fail): 07 5c | 15 | 30 0e + AUTS (14, all zero there).
TEST(NasEpsAuthentication, AuthenticationFailureSynchFailureWithAuts) {
  const Bytes pdu = hex("075c15300e0000000000000000000000000000");
  const auto m = decoded_clean(decode_authentication_failure(pdu));
  EXPECT_EQ(m.emm_cause, 21);
  ASSERT_TRUE(m.auts);
  EXPECT_EQ(Bytes(m.auts->begin(), m.auts->end()), Bytes(14, 0));
  EXPECT_EQ(encode(m), pdu);
  // Hand-built from table 8.2.5.1: cause #20 "MAC failure" carries no parameter.
  const auto mac = decoded_clean(decode_authentication_failure(hex("075c14")));
  EXPECT_EQ(mac, (AuthenticationFailure{20, std::nullopt}));
  EXPECT_EQ(encode(mac), hex("075c14"));
}

// Table 8.2.6.1: the message type is the whole message.
TEST(NasEpsAuthentication, AuthenticationRejectHasNoIes) {
  const auto m = decoded_clean(decode_authentication_reject(hex("0754")));
  EXPECT_EQ(encode(m), hex("0754"));
  const auto skipped = decode_authentication_reject(hex("07546f0400000000"));
  ASSERT_TRUE(skipped.ok());
  ASSERT_EQ(skipped.ignored().size(), 1u);
  EXPECT_EQ(skipped.ignored()[0].offset, 2u);
  EXPECT_TRUE(mentions(skipped.ignored()[0].reason, "7.6.1"));
}

TEST(NasEpsAuthentication, EveryPrefixOfARequestFailsAtTheIeItCuts) {
  const Bytes pdu =
      hex("075200"
          "00112233445566778899aabbccddeeff"
          "10"
          "0123456789abcdef0123456789abcdef");
  for (std::size_t n = 0; n < pdu.size(); ++n) {
    const auto d = decode_authentication_request(ByteView(pdu).first(n));
    ASSERT_FALSE(d.ok()) << n;
    EXPECT_LE(d.error().offset, n);
    const std::size_t expected = n < 2 ? n : n < 3 ? 2 : n < 19 ? 3 : 19;
    EXPECT_EQ(d.error().offset, expected) << n << ": " << d.error().describe();
  }
  EXPECT_EQ(decode_authentication_request(ByteView(pdu).first(10)).error().ie,
            "Authentication parameter RAND");
  EXPECT_TRUE(
      mentions(decode_authentication_request(ByteView(pdu).first(25)).error().reason, "truncated"));
}

TEST(NasEpsAuthentication, EveryPrefixOfAResponseAndAFailureFails) {
  const Bytes response = hex("07530411223344");
  for (std::size_t n = 0; n < response.size(); ++n) {
    const auto d = decode_authentication_response(ByteView(response).first(n));
    ASSERT_FALSE(d.ok()) << n;
    EXPECT_LE(d.error().offset, n);
  }
  const Bytes failure = hex("075c15300e0102030405060708090a0b0c0d0e");
  for (std::size_t n = 0; n < failure.size(); ++n) {
    const auto d = decode_authentication_failure(ByteView(failure).first(n));
    EXPECT_EQ(d.ok(), n == 3) << n;  // the cause alone is a whole message
    if (!d.ok()) {
      EXPECT_LE(d.error().offset, n);
    }
  }
}

TEST(NasEpsAuthentication, BadLengthsOfMandatoryIesAreErrorsWithTheirPlace) {
  // AUTN of 15 octets (TS 24.008 10.5.3.1.1 defines 16).
  const auto autn =
      decode_authentication_request(hex("075200"
                                        "00112233445566778899aabbccddeeff"
                                        "0f"
                                        "0123456789abcdef0123456789abcd"));
  ASSERT_FALSE(autn.ok());
  EXPECT_EQ(autn.error().describe(),
            "AUTHENTICATION REQUEST, IE 'Authentication parameter AUTN' at offset 19: bad length "
            "15 (16..16) (TS 24.008 10.5.3.1.1, TS 24.301 7.5.1)");
  // RES of 3 octets (9.9.3.4: 4..16).
  const auto res =
      decode_authentication_response(hex("0753"
                                         "03112233"));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().offset, 2u);
  EXPECT_TRUE(mentions(res.error().reason, "9.9.3.4"));
  EXPECT_FALSE(decode_authentication_response(hex("075300")).ok());
}

// TS 24.007 11.4.2: octets beyond the defined length are not interpreted.
TEST(NasEpsAuthentication, LongerAutnAndResKeepTheDefinedOctets) {
  const auto autn =
      decode_authentication_request(hex("075200"
                                        "00112233445566778899aabbccddeeff"
                                        "11"
                                        "0123456789abcdef0123456789abcdef"
                                        "ff"));
  ASSERT_TRUE(autn.ok()) << autn.error().describe();
  EXPECT_EQ(autn.value().autn[15], 0xef);
  ASSERT_EQ(autn.ignored().size(), 1u);
  EXPECT_EQ(autn.ignored()[0].offset, 19u);
  const auto res =
      decode_authentication_response(hex("0753"
                                         "11"
                                         "00112233445566778899aabbccddeeff"
                                         "ee"));
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res.value().res.size(), 16u);
  EXPECT_EQ(res.ignored().size(), 1u);
}

TEST(NasEpsAuthentication, ReservedKeySetIdentifierNetworkToUeIsAnError) {
  const auto d =
      decode_authentication_request(hex("075207"
                                        "00112233445566778899aabbccddeeff"
                                        "10"
                                        "0123456789abcdef0123456789abcdef"));
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().ie, "NAS key set identifierASME");
  EXPECT_EQ(d.error().offset, 2u);
  EXPECT_TRUE(mentions(d.error().reason, "reserved"));
}

// The spare half octet (9.9.2.9) is not checked on receipt and written as zero.
TEST(NasEpsAuthentication, SpareHalfOctetIsIgnoredAndWrittenAsZero) {
  const Bytes rest =
      hex("00112233445566778899aabbccddeeff"
          "10"
          "0123456789abcdef0123456789abcdef");
  Bytes pdu = hex("0752f3");
  pdu.insert(pdu.end(), rest.begin(), rest.end());
  const auto m = decoded_clean(decode_authentication_request(pdu));
  EXPECT_EQ(m.nas_key_set_identifier_asme.ksi, 3);
  EXPECT_EQ(encode(m)[2], 0x03);
}

// Table 8.2.5.1: a parameter of a length other than 14 is treated as not present (7.7.1); an
// unknown IE is skipped (7.6.1); a repeated one only taken once (7.6.3).
TEST(NasEpsAuthentication, FailureParameterOfBadLengthUnknownAndRepeatedIes) {
  const auto short_auts =
      decode_authentication_failure(hex("075c15"
                                        "300d"
                                        "0102030405060708090a0b0c0d"));
  ASSERT_TRUE(short_auts.ok());
  EXPECT_FALSE(short_auts.value().auts);
  ASSERT_EQ(short_auts.ignored().size(), 1u);
  EXPECT_TRUE(mentions(short_auts.ignored()[0].reason, "7.7.1"));
  const auto twice =
      decode_authentication_failure(hex("075c15"
                                        "5a0100"
                                        "300e0102030405060708090a0b0c0d0e"
                                        "300e0000000000000000000000000000"));
  ASSERT_TRUE(twice.ok());
  EXPECT_EQ(twice.value().auts->at(0), 0x01);
  ASSERT_EQ(twice.ignored().size(), 2u);
  EXPECT_TRUE(mentions(twice.ignored()[0].reason, "unknown"));
  EXPECT_TRUE(mentions(twice.ignored()[1].reason, "repeated"));
  const auto required =
      decode_authentication_failure(hex("075c15"
                                        "0e0100"));
  ASSERT_FALSE(required.ok());
  EXPECT_TRUE(mentions(required.error().reason, "comprehension required"));
}

TEST(NasEpsAuthentication, WrongHeaderOctetsAreErrors) {
  EXPECT_EQ(decode_authentication_reject(hex("0753")).error().ie, "Message type");
  EXPECT_EQ(decode_authentication_reject(hex("0254")).error().ie, "Protocol discriminator");
  EXPECT_EQ(decode_authentication_reject(hex("1754")).error().ie, "Security header type");
  EXPECT_EQ(decode_authentication_reject(hex("6754")).error().ie, "Security header type");
}

TEST(NasEpsAuthentication, EncodersRefuseValuesTheyCannotEncode) {
  EXPECT_THROW(encode(AuthenticationRequest{{false, 7}, {}, {}}), std::invalid_argument);
  EXPECT_THROW(encode(AuthenticationResponse{Bytes(3)}), std::invalid_argument);
  EXPECT_THROW(encode(AuthenticationResponse{Bytes(17)}), std::invalid_argument);
  EXPECT_NO_THROW(encode(AuthenticationResponse{Bytes(16)}));
}

// The dispatcher: every message type of table 9.8.1 it knows, and the ones it does not.
TEST(NasEpsAuthentication, DecodeEmmMessageDispatchesOnTheMessageType) {
  EXPECT_TRUE(
      std::holds_alternative<AuthenticationReject>(decoded_clean(decode_emm_message(hex("0754")))));
  EXPECT_TRUE(
      std::holds_alternative<SecurityModeReject>(decoded_clean(decode_emm_message(hex("075f18")))));
  const auto status = decode_emm_message(hex("076060"));  // EMM STATUS: not in this codec
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().offset, 1u);
  EXPECT_TRUE(mentions(status.error().reason, "7.4"));
  EXPECT_EQ(decode_emm_message(hex("0260")).error().ie, "Protocol discriminator");
  EXPECT_EQ(decode_emm_message(hex("07")).error().offset, 1u);
  EXPECT_EQ(decode_emm_message({}).error().offset, 0u);
}

}  // namespace
}  // namespace secmode::spec::nas
