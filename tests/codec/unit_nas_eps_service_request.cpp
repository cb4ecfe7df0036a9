// SERVICE REQUEST (TS 24.301 V17.9.0 table 8.2.25.1, 9.9.3.19, 9.9.3.28, table 9.3.1) and the
// EMM PDU dispatch on the security header type: real PDUs, every error class.
#include <gtest/gtest.h>

#include <stdexcept>

#include "spec/codec/nas_eps_emm.h"
#include "spec/codec/nas_eps_service_request.h"
#include "tests/codec/checks.h"
#include "tests/support/vectors.h"

namespace secmode::spec::nas {
namespace {

using test::decoded_clean;
using test::hex;
using test::mentions;

Bytes hex_of(const std::string& s) { return hex(std::string_view(s)); }

// open5gs, tests/unit/nas-message-test.c (github.com/open5gs/open5gs, ogs_nas_eps_message_test8):
// c7: security header for SERVICE REQUEST | PD 7; a8: KSI 5, sequence number 8; 640c: short MAC.
TEST(NasEpsServiceRequest, RealServiceRequestFromOpen5gsTest) {
  const Bytes pdu = hex("c7a8640c");
  const auto m = decoded_clean(decode_service_request(pdu));
  EXPECT_EQ(m, (ServiceRequest{0, 5, 8, {0x64, 0x0c}}));
  EXPECT_EQ(encode(m), pdu);
}

// open5gs, docs/assets/pcapng/testattach.pcapng, S1AP InitialUEMessage NAS-PDU of frames 227,
// 299, 337, 543 and 558 (`tshark -T fields -e s1ap.NAS_PDU`): KSI 0, NAS COUNT 3, 0, 4, 5, 6.
TEST(NasEpsServiceRequest, RealServiceRequestsFromACapture) {
  const std::pair<const char*, ServiceRequest> cases[] = {
      {"c703a3f8", {0, 0, 3, {0xa3, 0xf8}}}, {"c7008fff", {0, 0, 0, {0x8f, 0xff}}},
      {"c704d227", {0, 0, 4, {0xd2, 0x27}}}, {"c705b7dd", {0, 0, 5, {0xb7, 0xdd}}},
      {"c70680f3", {0, 0, 6, {0x80, 0xf3}}},
  };
  for (const auto& [text, expected] : cases) {
    const Bytes pdu = hex_of(text);
    EXPECT_EQ(decoded_clean(decode_service_request(pdu)), expected) << text;
    const auto any = decoded_clean(decode_emm_pdu(pdu));
    ASSERT_TRUE(std::holds_alternative<ServiceRequest>(any)) << text;
    EXPECT_EQ(encode(any), pdu) << text;
  }
}

// Table 9.3.1 NOTE 3: 1101..1111 are read as 1100; bits 6..5 are kept so the PDU re-encodes.
TEST(NasEpsServiceRequest, HeaderTypesThirteenToFifteenAreServiceRequests) {
  for (std::uint8_t type = 12; type <= 15; ++type) {
    const Bytes pdu{static_cast<std::uint8_t>(type << 4 | 0x07), 0xff, 0x12, 0x34};
    const auto m = decoded_clean(decode_service_request(pdu));
    EXPECT_EQ(m.header_extension, type - 12);
    EXPECT_EQ(m.ksi, 7);
    EXPECT_EQ(m.sequence_number, 31);
    EXPECT_EQ(encode(m), pdu);
    EXPECT_TRUE(std::holds_alternative<ServiceRequest>(decoded_clean(decode_emm_pdu(pdu))));
  }
}

TEST(NasEpsServiceRequest, Errors) {
  struct Case {
    const char* pdu;
    const char* ie;
    std::size_t offset;
    const char* reason;
  };
  const Case cases[] = {
      {"", "Protocol discriminator", 0, "7.2"},
      {"c2a8640c", "Protocol discriminator", 0, "9.2"},
      {"97a8640c", "Security header type", 0, "reserved"},
      {"17a8640c", "Security header type", 0, "SERVICE REQUEST"},
      {"07a8640c", "Security header type", 0, "SERVICE REQUEST"},
      {"c7", "KSI and sequence number", 1, "missing"},
      {"c7a8", "Message authentication code (short)", 2, "truncated"},
      {"c7a864", "Message authentication code (short)", 2, "truncated"},
      {"c7a8640c0100", "", 4, "comprehension required"},
      {"c7a8640c5d", "", 4, "past the end"},
  };
  for (const auto& c : cases) {
    const auto d = decode_service_request(hex_of(c.pdu));
    ASSERT_FALSE(d.ok()) << c.pdu;
    EXPECT_EQ(d.error().message, "SERVICE REQUEST") << c.pdu;
    EXPECT_EQ(d.error().ie, c.ie) << c.pdu;
    EXPECT_EQ(d.error().offset, c.offset) << c.pdu;
    EXPECT_TRUE(mentions(d.error().reason, c.reason)) << c.pdu << ": " << d.error().reason;
  }
  // Octets after the short MAC shaped like an unknown IE are skipped (TS 24.301 7.6.1).
  const auto extra = decode_service_request(hex("c7a8640c5d0100"));
  ASSERT_TRUE(extra.ok());
  ASSERT_EQ(extra.ignored().size(), 1u);
  EXPECT_EQ(extra.ignored()[0].offset, 4u);
  EXPECT_TRUE(mentions(extra.ignored()[0].reason, "TS 24.301 7.6.1"));
}

TEST(NasEpsServiceRequest, EncoderContracts) {
  EXPECT_THROW(encode(ServiceRequest{4, 0, 0, {}}), std::invalid_argument);
  EXPECT_THROW(encode(ServiceRequest{0, 8, 0, {}}), std::invalid_argument);
  EXPECT_THROW(encode(ServiceRequest{0, 0, 32, {}}), std::invalid_argument);
}

// decode_emm_pdu: plain messages, security protected ones (not looked into) and the SERVICE
// REQUEST; reserved security header types fail.
TEST(NasEpsServiceRequest, EmmPduDispatchesOnTheSecurityHeaderType) {
  const Bytes plain = hex("075e");  // SECURITY MODE COMPLETE
  const auto p = decoded_clean(decode_emm_pdu(plain));
  ASSERT_TRUE(std::holds_alternative<EmmMessage>(p));
  EXPECT_EQ(encode(p), plain);
  // Hand-built: integrity protected and ciphered (type 2), MAC 01020304, SN 05, 3 octets.
  const Bytes protected_pdu = hex("2701020304050a0b0c");
  const auto q = decoded_clean(decode_emm_pdu(protected_pdu));
  ASSERT_TRUE(std::holds_alternative<SecurityProtectedMessage>(q));
  EXPECT_EQ(std::get<SecurityProtectedMessage>(q).nas_message, hex("0a0b0c"));
  EXPECT_EQ(encode(q), protected_pdu);
  for (std::uint8_t type = 6; type <= 11; ++type) {
    const auto d = decode_emm_pdu(Bytes{static_cast<std::uint8_t>(type << 4 | 7), 0, 0, 0});
    ASSERT_FALSE(d.ok());
    EXPECT_TRUE(mentions(d.error().reason, "reserved"));
  }
  const auto unknown = decode_emm_pdu(hex("0760"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().ie, "Message type");
}

}  // namespace
}  // namespace secmode::spec::nas
