// The 5GS AUTHENTICATION messages (TS 24.501 V17.9.0 tables 8.2.1.1.1 to 8.2.5.1.1) and the 5GMM
// dispatch (table 9.7.1): real PDUs from public captures and tests, every error class, and what
// clause 7 makes a receiver step over.
#include <gtest/gtest.h>

#include <stdexcept>

#include "spec/codec/nas_5gs_mm.h"
#include "tests/codec/checks.h"
#include "tests/support/vectors.h"

namespace secmode::spec::nas5gs {
namespace {

using test::decoded_clean;
using test::hex;
using test::mentions;

Bytes hex_of(const std::string& s) { return hex(std::string_view(s)); }

template <std::size_t N>
std::array<std::uint8_t, N> array_of(const char* text) {
  const Bytes b = hex(text);
  std::array<std::uint8_t, N> out{};
  EXPECT_EQ(b.size(), N);
  std::copy_n(b.begin(), std::min(N, b.size()), out.begin());
  return out;
}

// Real PDUs: open5gs, docs/assets/pcapng/testregistration.pcapng (github.com/open5gs/open5gs),
// NGAP NAS-PDU of the frame named (`tshark -T fields -e ngap.NAS_PDU`).
const char* const kRequest74 =
    "7e005600020000213527919dcefbc89511fc63a56101118c20104bd76e8d3ebf80006f9c8a54556a89aa";
const char* const kResponse75 = "7e00572d10c1399f835bd6b1606c645f5adf8ad5ab";
const char* const kSynchFailure236 = "7e005915300e7be0e01587822a14c959c5d9313e";
const char* const kMacFailure246 = "7e005914";
const char* const kReject247 = "7e0058";
// pycrate, test/test_mobile.py (github.com/pycrate-org/pycrate), nas_5g_pdu "5GMM Auth Req".
const char* const kPycrateRequest =
    "7e0056000200002198a600000000000098a600000000000020105c717acfe29180001fb3117a0f18c3ab";

// 00: spare | ngKSI 0; 02 0000: ABBA 0000H; 21 + RAND; 20 10 + AUTN (AMF 8000: separation bit).
TEST(Nas5gsAuthentication, RealRequest) {
  const Bytes pdu = hex(kRequest74);
  const auto m = decoded_clean(decode_authentication_request(pdu));
  EXPECT_EQ(m.ngksi, (NasKeySetIdentifier{false, 0}));
  EXPECT_EQ(m.abba, hex("0000"));
  EXPECT_EQ(m.rand, array_of<16>("3527919dcefbc89511fc63a56101118c"));
  EXPECT_EQ(m.autn, array_of<16>("4bd76e8d3ebf80006f9c8a54556a89aa"));
  EXPECT_FALSE(m.eap_message);
  EXPECT_EQ(encode(m), pdu);
  const auto pycrate = decoded_clean(decode_authentication_request(hex(kPycrateRequest)));
  EXPECT_EQ(pycrate.rand, array_of<16>("98a600000000000098a6000000000000"));
  EXPECT_EQ(encode(pycrate), hex(kPycrateRequest));
}

TEST(Nas5gsAuthentication, RealResponseFailuresAndReject) {
  const auto response = decoded_clean(decode_authentication_response(hex(kResponse75)));
  EXPECT_EQ(response.res_star, array_of<16>("c1399f835bd6b1606c645f5adf8ad5ab"));
  EXPECT_FALSE(response.eap_message);
  EXPECT_EQ(encode(response), hex(kResponse75));
  // #21 synch failure with AUTS; #20 MAC failure without (8.2.4.2).
  const auto synch = decoded_clean(decode_authentication_failure(hex(kSynchFailure236)));
  EXPECT_EQ(synch.cause, 21);
  EXPECT_EQ(synch.auts, array_of<14>("7be0e01587822a14c959c5d9313e"));
  EXPECT_EQ(encode(synch), hex(kSynchFailure236));
  const auto mac = decoded_clean(decode_authentication_failure(hex(kMacFailure246)));
  EXPECT_EQ(mac, (AuthenticationFailure{20, std::nullopt}));
  EXPECT_EQ(encode(mac), hex(kMacFailure246));
  const auto reject = decoded_clean(decode_authentication_reject(hex(kReject247)));
  EXPECT_FALSE(reject.eap_message);
  EXPECT_EQ(encode(reject), hex(kReject247));
}

// Hand-built from tables 8.2.1.1.1, 8.2.3.1.1 and 8.2.5.1.1 (no public capture of EAP-AKA' over
// 5GS NAS was found): EAP-Request/AKA'-Challenge header only (code 1, id 7, length 8, type 50,
// subtype 1, 2 reserved octets), EAP-Success (3, 7, 4), EAP-Failure (4, 7, 4).
TEST(Nas5gsAuthentication, EapBasedMessages) {
  const Bytes request = hex("7e0056" "03" "020000" "7800080107000832010000");
  const auto r = decoded_clean(decode_authentication_request(request));
  EXPECT_EQ(r.ngksi, (NasKeySetIdentifier{false, 3}));
  EXPECT_FALSE(r.rand);
  EXPECT_EQ(r.eap_message, hex("0107000832010000"));
  EXPECT_EQ(encode(r), request);
  const Bytes result = hex("7e005a" "0b" "000403070004" "38020000");
  const auto s = decoded_clean(decode_authentication_result(result));
  EXPECT_EQ(s.ngksi, (NasKeySetIdentifier{true, 3}));
  EXPECT_EQ(s.eap_message, hex("03070004"));
  EXPECT_EQ(s.abba, hex("0000"));
  EXPECT_EQ(encode(s), result);
  const Bytes reject = hex("7e0058" "78000404070004");
  EXPECT_EQ(decoded_clean(decode_authentication_reject(reject)).eap_message, hex("04070004"));
  const Bytes response = hex("7e0057" "78000402070004");
  EXPECT_EQ(encode(decoded_clean(decode_authentication_response(response))), response);
}

TEST(Nas5gsAuthentication, MandatoryIeErrors) {
  struct Case {
    const char* pdu;
    const char* message;
    const char* ie;
    std::size_t offset;
    const char* reason;
  };
  const Case cases[] = {
      {"7e0056", "AUTHENTICATION REQUEST", "ngKSI", 3, "missing"},
      {"7e005607", "AUTHENTICATION REQUEST", "ngKSI", 3, "reserved"},
      {"7e005600", "AUTHENTICATION REQUEST", "ABBA", 4, "missing"},
      {"7e00560001aa", "AUTHENTICATION REQUEST", "ABBA", 4, "bad length 1"},
      {"7e0056000300", "AUTHENTICATION REQUEST", "ABBA", 4, "truncated"},
      {"7e005a00", "AUTHENTICATION RESULT", "EAP message", 4, "missing"},
      {"7e005a0000", "AUTHENTICATION RESULT", "EAP message", 4, "length field"},
      {"7e005a000003070004", "AUTHENTICATION RESULT", "EAP message", 4, "bad length 3"},
      {"7e005a0f000403070004", "AUTHENTICATION RESULT", "ngKSI", 3, "reserved"},
      {"7e0059", "AUTHENTICATION FAILURE", "5GMM cause", 3, "missing"},
      {"7e0156", "5GMM message", "Security header type", 1, "9.3"},
      {"2e0056", "5GMM message", "Extended protocol discriminator", 0, "9.2"},
  };
  for (const auto& c : cases) {
    const Bytes pdu = hex_of(c.pdu);
    const auto d = decode_5gmm_message(pdu);
    ASSERT_FALSE(d.ok()) << c.pdu;
    EXPECT_EQ(d.error().message, c.message) << c.pdu;
    EXPECT_EQ(d.error().ie, c.ie) << c.pdu;
    EXPECT_EQ(d.error().offset, c.offset) << c.pdu;
    EXPECT_TRUE(mentions(d.error().reason, c.reason)) << c.pdu << ": " << d.error().reason;
  }
  // A message type of its own decoder's table only.
  EXPECT_FALSE(decode_authentication_response(hex(kRequest74)).ok());
}

TEST(Nas5gsAuthentication, ClauseSevenCasesAreSteppedOver) {
  struct Case {
    std::string pdu;
    std::size_t offset;
    const char* reason;
  };
  const Case cases[] = {
      {"7e0057" "2d0f" "0102030405060708090a0b0c0d0e0f", 3, "TS 24.501 7.7.1"},  // RES* of 15
      {"7e0057" "2d11" "0102030405060708090a0b0c0d0e0f1011", 3, "TS 24.007 11.4.2"},
      {"7e0059" "15" "300d" "0102030405060708090a0b0c0d", 4, "TS 24.501 7.7.1"},  // AUTS of 13
      {"7e0059" "14" "5d0100", 4, "TS 24.501 7.6.1"},
      {"7e0056" "00020000" "2010" "00000000000000000000000000000000"
       "21" "00000000000000000000000000000000",
       25, "TS 24.501 7.6.2"},  // RAND after AUTN
      {"7e0058" "78000404070004" "78000404070004", 10, "TS 24.501 7.6.3"},
      {"7e0058" "780003040700", 3, "TS 24.501 7.7.1"},  // EAP message of 3 octets
  };
  for (const auto& c : cases) {
    const auto d = decode_5gmm_message(hex_of(c.pdu));
    ASSERT_TRUE(d.ok()) << c.pdu << ": " << d.error().describe();
    ASSERT_FALSE(d.ignored().empty()) << c.pdu;
    EXPECT_EQ(d.ignored().front().offset, c.offset) << c.pdu;
    EXPECT_TRUE(mentions(d.ignored().front().reason, c.reason))
        << c.pdu << ": " << d.ignored().front().reason;
  }
}

TEST(Nas5gsAuthentication, EncoderContracts) {
  AuthenticationRequest request;
  EXPECT_NO_THROW(encode(request));
  request.ngksi.ksi = 7;
  EXPECT_THROW(encode(request), std::invalid_argument);
  request = {};
  request.abba = hex("00");
  EXPECT_THROW(encode(request), std::invalid_argument);
  request = {};
  request.eap_message = hex("030000");
  EXPECT_THROW(encode(request), std::invalid_argument);
  AuthenticationResult result;
  EXPECT_NO_THROW(encode(result));
  result.eap_message = Bytes(1501, 0);
  EXPECT_THROW(encode(result), std::invalid_argument);
  result = {};
  result.abba = Bytes(256, 0);
  EXPECT_THROW(encode(result), std::invalid_argument);
  EXPECT_THROW(encode(AuthenticationReject{Bytes(3, 0)}), std::invalid_argument);
}

// Table 9.7.1: the dispatch picks the decoder; a type it does not know fails at octet 3.
TEST(Nas5gsMm, DispatchCoversEveryMessage) {
  const std::pair<const char*, std::size_t> cases[] = {
      {"7e004179000bf2000000000000000000002e02f0f0", 0},
      {kRequest74, 1},
      {kResponse75, 2},
      {"7e005a00000403070004", 3},
      {kSynchFailure236, 4},
      {kReject247, 5},
      {"7e005d020002e0e0", 6},
      {"7e005e", 7},
      {"7e005f18", 8},
  };
  for (const auto& [text, index] : cases) {
    const Bytes pdu = hex_of(text);
    const auto d = decoded_clean(decode_5gmm_message(pdu));
    EXPECT_EQ(d.index(), index) << text;
    EXPECT_EQ(encode(d), pdu) << text;
  }
  const auto unknown = decode_5gmm_message(hex("7e005b01"));  // IDENTITY REQUEST
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().offset, 2u);
  EXPECT_TRUE(mentions(unknown.error().reason, "7.4"));
  const auto short_one = decode_5gmm_message(hex("7e00"));
  ASSERT_FALSE(short_one.ok());
  EXPECT_EQ(short_one.error().ie, "Message type");
  EXPECT_TRUE(mentions(short_one.error().reason, "7.2"));
}

}  // namespace
}  // namespace secmode::spec::nas5gs
