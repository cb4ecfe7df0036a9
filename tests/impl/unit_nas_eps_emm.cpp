// Known byte strings for the zero-copy EMM codec (impl/codec/nas_eps_emm.h): the real PDUs of
// tests/codec/unit_nas_eps_attach_tau.cpp, unit_nas_eps_authentication.cpp and
// unit_nas_eps_service_request.cpp (open5gs, Magma, pycrate, an open5gs capture) and their
// hand-built companions, decoded by the zero-copy decoders field by field and compared with the
// spec twin; each error class with its IE, offset and clause; the clause 7 cases it steps over;
// the encoders' contracts and retry contract.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "impl/codec/nas_eps_emm.h"
#include "tests/impl/checks.h"
#include "tests/impl/nas_eps_emm_agreement.h"
#include "tests/support/vectors.h"

namespace secmode::impl::nas {
namespace {

using Bytes = std::vector<std::uint8_t>;
using test::decoded_clean;
using test::encoded;
using test::expect_error;
using test::expect_retry_contract;
using test::hex;
using test::mentions;

Bytes to_bytes(ByteView v) { return Bytes(v.begin(), v.end()); }
Bytes hex_of(const std::string& s) { return hex(std::string_view(s)); }
std::string digits(ByteView identity) { return test::nas_eps::identity_string(identity); }

// The same PDUs as the spec twin's unit tests (sources cited there).
const char* const kOpen5gsAttach =
    "0741020bf600f110000201030003e605f07000001000050215d011d15200f110"
    "30395c0a003103e5e0349011035758a65d0100e0c1";
const char* const kPixel4Attach =
    "07417208395110003009010707f070c0401900800034020cd011d1272d808021"
    "1001000010810600000000830600000000000d00000a00000500001000001100"
    "001a01010023000024005c0a01310465e03e009011035758a6200d601404ef65"
    "233b880092f2000040080402600400021f005d0103c1";
const char* const kPycrateProtectedAttach =
    "17d2eba20a020741020bf602f8107500e0c301732f04e060c04000240202d011"
    "d1271d8080211001000010810600000000830600000000000d00000a00001000"
    "5c0a003103e5e0341302f810040511035758a65d0100c1";
const char* const kEmergencyAttachWithImei = "074176084b0951243032578102e0e00003020100";
const char* const kPycrateTau =
    "0748610bf602f8108003c8c2e65e9a5804e060c0405202f810c4c25c0a005702"
    "20003103e5e0341302f810040511035758a65d0100c1";
const char* const kTauWithEverySecurityIe =
    "0748180bf602f8108003c8c2e65e9ab98255a1b2c3d45802e0e091e16f04f0007000"
    "2901012803010203";
const char* const kPycrateAuthenticationRequest =
    "075206905ada1e7da557ada1e72650e21ee5e3104bfb73f6b4558000b1903ab88a27237f";
const char* const kPycrateProtectedAuthenticationResponse = "17450740e3040753083ec3a476f829b414";
const char* const kMagmaSynchFailure = "075c15300e0000000000000000000000000000";
const char* const kOpen5gsServiceRequest = "c7a8640c";
const char* const kCapturedServiceRequests[] = {"c703a3f8", "c7008fff", "c704d227", "c705b7dd",
                                                "c70680f3"};

// Every known PDU (and the plain message inside a protected one) decodes cleanly through
// decode_emm_pdu, as the spec twin decodes it, and re-encodes to itself.
TEST(ImplNasEpsEmmKnown, EveryKnownPduDecodesAsTheSpecTwinDoesAndReencodes) {
  std::vector<std::string> pdus{kOpen5gsAttach,
                                kPixel4Attach,
                                kPycrateProtectedAttach,
                                kEmergencyAttachWithImei,
                                kPycrateTau,
                                kTauWithEverySecurityIe,
                                kPycrateAuthenticationRequest,
                                kPycrateProtectedAuthenticationResponse,
                                kMagmaSynchFailure,
                                "075c14",
                                "0754",
                                kOpen5gsServiceRequest,
                                "d7ff1234",
                                "e7ff1234",
                                "f7ff1234"};
  pdus.insert(pdus.end(), std::begin(kCapturedServiceRequests), std::end(kCapturedServiceRequests));
  for (const auto& text : pdus) {
    const Bytes pdu = hex_of(text);
    EXPECT_EQ(test::nas_eps::emm_decoders_disagree(pdu), "") << text;
    const auto d = decoded_clean(decode_emm_pdu(pdu));
    EXPECT_EQ(encoded(d), pdu) << text;
    expect_retry_contract(d, pdu);
    if (const auto* p = std::get_if<SecurityProtectedMessage>(&d)) {
      EXPECT_EQ(test::nas_eps::emm_decoders_disagree(p->nas_message), "") << text;
      const auto inner = decoded_clean(decode_emm_message(p->nas_message));
      EXPECT_EQ(encoded(inner), to_bytes(p->nas_message)) << text;
    }
  }
}

TEST(ImplNasEpsEmmKnown, RealAttachRequestWithGuti) {
  const Bytes pdu = hex(kOpen5gsAttach);
  const auto m = decoded_clean(decode_attach_request(pdu));
  EXPECT_EQ(m.eps_attach_type, 2);
  EXPECT_FALSE(m.nas_key_set_identifier.mapped);
  EXPECT_EQ(m.nas_key_set_identifier.ksi, 0);
  ASSERT_TRUE(std::holds_alternative<Guti>(m.eps_mobile_identity));
  const Guti& g = std::get<Guti>(m.eps_mobile_identity);
  EXPECT_EQ(g.mcc, (std::array<std::uint8_t, 3>{0, 0, 1}));
  EXPECT_EQ(g.mnc_digits, 2);
  EXPECT_EQ(g.mnc[0], 0);
  EXPECT_EQ(g.mnc[1], 1);
  EXPECT_EQ(g.mme_group_id, 2);
  EXPECT_EQ(g.mme_code, 1);
  EXPECT_EQ(g.m_tmsi, 0x030003e6u);
  EXPECT_EQ(to_bytes(m.ue_network_capability), hex("f070000010"));
  EXPECT_EQ(to_bytes(m.esm_message_container), hex("0215d011d1"));
  EXPECT_EQ(m.esm_message_container.data(), pdu.data() + 23) << "a view, not a copy";
  EXPECT_FALSE(m.additional_guti);
  ASSERT_TRUE(m.ms_network_capability);
  EXPECT_EQ(to_bytes(*m.ms_network_capability), hex("e5e034"));
  EXPECT_EQ(m.tmsi_status, false);
  EXPECT_EQ(m.old_guti_type_mapped, false);
  EXPECT_FALSE(m.ue_additional_security_capability);
  // 52 TAI, 5c DRX, 11 classmark 2, 5d voice domain preference, c1 MS network feature support:
  // kept raw, in table order.
  ASSERT_EQ(m.other_ies.size, 5u);
  const std::uint8_t ieis[] = {0x52, 0x5c, 0x11, 0x5d, 0xc0};
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(m.other_ies.ies[i].iei, ieis[i]) << i;
  EXPECT_EQ(to_bytes(m.other_ies.ies[0].value), hex("00f1103039"));
  EXPECT_EQ(to_bytes(m.other_ies.ies[2].value), hex("5758a6"));
  EXPECT_EQ(m.other_ies.ies[4].half, 1);
  EXPECT_EQ(encoded(m), pdu);
}

TEST(ImplNasEpsEmmKnown, RealAttachRequestWithImsiFromAPhone) {
  const Bytes pdu = hex(kPixel4Attach);
  const auto m = decoded_clean(decode_attach_request(pdu));
  EXPECT_EQ(m.nas_key_set_identifier.ksi, 7);
  ASSERT_TRUE(std::holds_alternative<Imsi>(m.eps_mobile_identity));
  EXPECT_EQ(digits(std::get<Imsi>(m.eps_mobile_identity).identity), "315010003901070");
  EXPECT_EQ(to_bytes(m.ue_network_capability), hex("f070c040190080"));
  EXPECT_EQ(m.esm_message_container.size(), 0x34u);
  EXPECT_EQ(to_bytes(*m.ms_network_capability), hex("65e03e00"));
  EXPECT_EQ(m.other_ies.size, 6u);  // 5c, 11, 20, 40, 5d, c0
  EXPECT_EQ(m.other_ies.ies[2].iei, 0x20);
  EXPECT_EQ(m.other_ies.ies[2].value.size(), 13u);
  EXPECT_EQ(encoded(m), pdu);
}

TEST(ImplNasEpsEmmKnown, RealProtectedAttachRequestAndAnEmergencyAttachWithImei) {
  const Bytes outer = hex(kPycrateProtectedAttach);
  const auto p = decoded_clean(decode_emm_pdu(outer));
  ASSERT_TRUE(std::holds_alternative<SecurityProtectedMessage>(p));
  const auto m =
      decoded_clean(decode_attach_request(std::get<SecurityProtectedMessage>(p).nas_message));
  const Guti& g = std::get<Guti>(m.eps_mobile_identity);
  EXPECT_EQ(g.mcc, (std::array<std::uint8_t, 3>{2, 0, 8}));
  EXPECT_EQ(g.mme_group_id, 0x7500);
  EXPECT_EQ(g.mme_code, 0xe0);
  EXPECT_EQ(g.m_tmsi, 0xc301732fu);

  const Bytes emergency = hex(kEmergencyAttachWithImei);
  const auto e = decoded_clean(decode_attach_request(emergency));
  EXPECT_EQ(e.eps_attach_type, 6);
  ASSERT_TRUE(std::holds_alternative<Imei>(e.eps_mobile_identity));
  EXPECT_EQ(digits(std::get<Imei>(e.eps_mobile_identity).identity), "490154203237518");
  EXPECT_EQ(encoded(e), emergency);
}

TEST(ImplNasEpsEmmKnown, RealTrackingAreaUpdateRequests) {
  const Bytes pdu = hex(kPycrateTau);
  const auto m = decoded_clean(decode_tracking_area_update_request(pdu));
  EXPECT_EQ(m.eps_update_type, 1);
  EXPECT_FALSE(m.active_flag);
  EXPECT_EQ(m.nas_key_set_identifier.ksi, 6);
  EXPECT_EQ(m.old_guti.mme_group_id, 0x8003);
  EXPECT_EQ(m.old_guti.m_tmsi, 0xc2e65e9au);
  EXPECT_EQ(to_bytes(*m.ue_network_capability), hex("e060c040"));
  EXPECT_FALSE(m.nonce_ue || m.non_current_native_nas_key_set_identifier);
  EXPECT_EQ(m.other_ies.size, 7u);  // 52, 5c, 57, 13, 11, 5d, c0
  EXPECT_EQ(m.other_ies.ies[2].iei, 0x57);
  EXPECT_EQ(to_bytes(m.other_ies.ies[2].value), hex("2000"));
  EXPECT_EQ(encoded(m), pdu);

  const Bytes every = hex(kTauWithEverySecurityIe);
  const auto t = decoded_clean(decode_tracking_area_update_request(every));
  EXPECT_EQ(t.eps_update_type, 0);
  EXPECT_TRUE(t.active_flag);
  EXPECT_EQ(t.nas_key_set_identifier.ksi, 1);
  ASSERT_TRUE(t.non_current_native_nas_key_set_identifier);
  EXPECT_TRUE(t.non_current_native_nas_key_set_identifier->mapped);
  EXPECT_EQ(t.non_current_native_nas_key_set_identifier->ksi, 1);
  EXPECT_EQ(t.gprs_ciphering_key_sequence_number, 2);
  EXPECT_EQ(t.nonce_ue, 0xa1b2c3d4u);
  EXPECT_EQ(to_bytes(*t.ue_network_capability), hex("e0e0"));
  EXPECT_EQ(t.tmsi_status, true);
  EXPECT_EQ(t.old_guti_type_mapped, true);
  ASSERT_TRUE(t.ue_additional_security_capability);
  EXPECT_EQ(t.ue_additional_security_capability->ea, 0xf000);
  EXPECT_EQ(t.ue_additional_security_capability->ia, 0x7000);
  ASSERT_EQ(t.other_ies.size, 2u);
  EXPECT_EQ(t.other_ies.ies[0].iei, 0x29);
  EXPECT_EQ(to_bytes(t.other_ies.ies[1].value), hex("010203"));
  EXPECT_EQ(encoded(t), every);
}

TEST(ImplNasEpsEmmKnown, RealAuthenticationMessages) {
  const Bytes request = hex(kPycrateAuthenticationRequest);
  const auto r = decoded_clean(decode_authentication_request(request));
  EXPECT_FALSE(r.nas_key_set_identifier_asme.mapped);
  EXPECT_EQ(r.nas_key_set_identifier_asme.ksi, 6);
  EXPECT_EQ(to_bytes(r.rand), hex("905ada1e7da557ada1e72650e21ee5e3"));
  EXPECT_EQ(r.rand.data(), request.data() + 3) << "a view, not a copy";
  EXPECT_EQ(to_bytes(r.autn), hex("4bfb73f6b4558000b1903ab88a27237f"));
  EXPECT_EQ(encoded(r), request);

  const Bytes outer = hex(kPycrateProtectedAuthenticationResponse);
  const auto p = decoded_clean(decode_security_protected(outer));
  const auto s = decoded_clean(decode_authentication_response(p.nas_message));
  EXPECT_EQ(to_bytes(s.res), hex("3ec3a476f829b414"));
  EXPECT_EQ(encoded(s), hex("0753083ec3a476f829b414"));

  const Bytes synch = hex(kMagmaSynchFailure);
  const auto f = decoded_clean(decode_authentication_failure(synch));
  EXPECT_EQ(f.emm_cause, 21);
  ASSERT_TRUE(f.auts);
  EXPECT_EQ(to_bytes(*f.auts), Bytes(14, 0));
  EXPECT_EQ(encoded(f), synch);
  const auto mac = decoded_clean(decode_authentication_failure(hex("075c14")));
  EXPECT_EQ(mac.emm_cause, 20);
  EXPECT_FALSE(mac.auts);

  EXPECT_EQ(encoded(decoded_clean(decode_authentication_reject(hex("0754")))), hex("0754"));
  std::array<IgnoredIe, 2> sink{};
  const auto skipped = decode_authentication_reject(hex("07546f0400000000"), sink);
  ASSERT_TRUE(skipped.ok());
  ASSERT_EQ(skipped.ignored, 1u);
  EXPECT_EQ(sink[0].offset, 2u);
  EXPECT_TRUE(mentions(sink[0].reason, "7.6.1"));
}

TEST(ImplNasEpsEmmKnown, RealServiceRequests) {
  const auto m = decoded_clean(decode_service_request(hex(kOpen5gsServiceRequest)));
  EXPECT_EQ(m.header_extension, 0);
  EXPECT_EQ(m.ksi, 5);
  EXPECT_EQ(m.sequence_number, 8);
  EXPECT_EQ(m.short_mac, (std::array<std::uint8_t, 2>{0x64, 0x0c}));
  const std::uint8_t counts[] = {3, 0, 4, 5, 6};
  for (std::size_t i = 0; i < 5; ++i) {
    const Bytes pdu = hex(kCapturedServiceRequests[i]);
    const auto any = decoded_clean(decode_emm_pdu(pdu));
    ASSERT_TRUE(std::holds_alternative<ServiceRequest>(any));
    EXPECT_EQ(std::get<ServiceRequest>(any).sequence_number, counts[i]);
    EXPECT_EQ(std::get<ServiceRequest>(any).ksi, 0);
  }
  // Table 9.3.1 NOTE 3: 1101..1111 are read as 1100, bits 6..5 kept.
  for (std::uint8_t type = 12; type <= 15; ++type) {
    const Bytes pdu{static_cast<std::uint8_t>(type << 4 | 0x07), 0xff, 0x12, 0x34};
    const auto s = decoded_clean(decode_service_request(pdu));
    EXPECT_EQ(s.header_extension, type - 12);
    EXPECT_EQ(s.ksi, 7);
    EXPECT_EQ(s.sequence_number, 31);
    EXPECT_EQ(encoded(s), pdu);
  }
}

// ---- errors ----------------------------------------------------------------------------------

// Mandatory part ends at 28; the non-imperative IEs start at 28, 34, 37, 42, 43, 48, 51, 52.
TEST(ImplNasEpsEmmErrors, EveryPrefixOfAnAttachFailsAtTheIeItCuts) {
  const Bytes pdu = hex(kOpen5gsAttach);
  const std::vector<std::size_t> starts{0, 1, 2, 3, 15, 21, 28, 34, 37, 42, 43, 48, 51, 52};
  for (std::size_t n = 0; n < pdu.size(); ++n) {
    const auto d = decode_attach_request(ByteView(pdu).first(n));
    if (n >= 28 && std::count(starts.begin(), starts.end(), n) == 1) {
      EXPECT_TRUE(d.ok()) << n << ": " << d.error.reason;
      continue;
    }
    ASSERT_FALSE(d.ok()) << "prefix of " << n << " octets decoded";
    std::size_t cut = 0;
    for (std::size_t s : starts)
      if (s <= n) cut = s;
    EXPECT_EQ(d.error.offset, cut) << n << ": " << d.error.reason;
    EXPECT_STREQ(d.error.message, "ATTACH REQUEST");
  }
}

TEST(ImplNasEpsEmmErrors, EveryPrefixOfARequestFailsAtTheIeItCuts) {
  const Bytes pdu = hex(kPycrateAuthenticationRequest);
  for (std::size_t n = 0; n < pdu.size(); ++n) {
    const auto d = decode_authentication_request(ByteView(pdu).first(n));
    ASSERT_FALSE(d.ok()) << n;
    const std::size_t expected = n < 2 ? n : n < 3 ? 2 : n < 19 ? 3 : 19;
    EXPECT_EQ(d.error.offset, expected) << n << ": " << d.error.reason;
  }
}

TEST(ImplNasEpsEmmErrors, MandatoryIesOfABadLengthOrValueAreErrorsWithTheirPlace) {
  const std::string tail = "02e0e00003020100";
  expect_error(decode_attach_request(hex_of("07417103091010" + tail)), "ATTACH REQUEST",
               "EPS mobile identity", 3, "TS 24.301 9.9.3.12, TS 24.301 7.5.1");
  expect_error(decode_attach_request(hex("074171080910101032547698" "01e0" "0003020100")),
               "ATTACH REQUEST", "UE network capability", 12, "9.9.3.34");
  expect_error(decode_attach_request(hex("074171080910101032547698" "02e0e0" "00020201")),
               "ATTACH REQUEST", "ESM message container", 15, "9.9.3.15");
  expect_error(decode_attach_request(hex("074171080910101032547698" "02e0e0" "00")),
               "ATTACH REQUEST", "ESM message container", 15, "");
  expect_error(decode_tracking_area_update_request(hex("0748010af602f8108003c8c2e65e")),
               "TRACKING AREA UPDATE REQUEST", "Old GUTI", 3, "9.9.3.12");
  struct Case {
    std::string pdu;
    const char* ie;
    const char* clause;
  };
  const Case cases[] = {
      {"074177080910101032547698" + tail, "EPS attach type", "9.9.3.11.1"},
      {"074171080410101032547698" + tail, "EPS mobile identity", "7.5.1"},  // reserved type
      {"074171080110101032547698" + tail, "EPS mobile identity", "7.5.1"},  // no end mark
      {"07417108091010103254a698" + tail, "EPS mobile identity", "7.5.1"},  // not BCD
      {"0741710843101010325476f8" + tail, "EPS mobile identity", "7.5.1"},  // IMEI, 14 digits
      {"0741710bf60af110000201030003e6" + tail, "EPS mobile identity", "7.5.1"},  // MCC 0xa
      {"0741710af600f1100002010300e6" + tail, "EPS mobile identity", "7.5.1"},  // 10 octets
      {"0748160bf602f8108003c8c2e65e9a", "EPS update type", "9.9.3.14.1"},
      {"0748170bf602f8108003c8c2e65e9a", "EPS update type", "9.9.3.14.1"},
      {"0748110b0902f8108003c8c2e65e9a", "Old GUTI", "7.5.1"},
  };
  for (const auto& c : cases) {
    const Bytes pdu = hex_of(c.pdu);
    const auto d = decode_emm_message(pdu);
    ASSERT_FALSE(d.ok()) << c.pdu;
    EXPECT_STREQ(d.error.ie, c.ie) << c.pdu;
    EXPECT_TRUE(mentions(d.error.reason, c.clause)) << d.error.reason;
    EXPECT_EQ(test::nas_eps::emm_decoders_disagree(pdu), "") << c.pdu;
  }
  expect_error(decode_authentication_request(hex("075207")), "AUTHENTICATION REQUEST",
               "NAS key set identifierASME", 2, "9.9.3.21");
  expect_error(decode_authentication_response(hex("075303112233")), "AUTHENTICATION RESPONSE",
               "Authentication response parameter", 2, "9.9.3.4");
  expect_error(decode_authentication_failure(hex("075c")), "AUTHENTICATION FAILURE", "EMM cause",
               2, "7.5.1");
}

TEST(ImplNasEpsEmmErrors, ServiceRequestAndPduHeaderErrors) {
  struct Case {
    const char* pdu;
    const char* ie;
    std::size_t offset;
    const char* clause;
  };
  const Case cases[] = {
      {"", "Protocol discriminator", 0, "7.2"},
      {"c2a8640c", "Protocol discriminator", 0, "9.2"},
      {"97a8640c", "Security header type", 0, "table 9.3.1"},
      {"17a8640c", "Security header type", 0, "table 9.3.1"},
      {"07a8640c", "Security header type", 0, "table 9.3.1"},
      {"c7", "KSI and sequence number", 1, "7.5.1"},
      {"c7a8", "Message authentication code (short)", 2, "7.5.1"},
      {"c7a864", "Message authentication code (short)", 2, "7.5.1"},
      {"c7a8640c0100", "", 4, "comprehension required"},
      {"c7a8640c5d", "", 4, "past the end"},
  };
  for (const auto& c : cases)
    expect_error(decode_service_request(hex_of(c.pdu)), "SERVICE REQUEST", c.ie, c.offset,
                 c.clause);
  for (std::uint8_t type = 6; type <= 11; ++type)
    expect_error(decode_emm_pdu(Bytes{static_cast<std::uint8_t>(type << 4 | 7), 0, 0, 0}),
                 "EMM message", "Security header type", 0, "table 9.3.1");
  expect_error(decode_emm_pdu(hex("0760")), "EMM message", "Message type", 1, "7.4");
  expect_error(decode_emm_message(hex("07")), "EMM message", "Message type", 1, "7.2");
  expect_error(decode_emm_message(hex("1741")), "ATTACH REQUEST", "Security header type", 0,
               "9.3.1, 9.7");
}

// ---- clause 7 ---------------------------------------------------------------------------------

// 7.7.1: an Additional GUTI holding no GUTI and a 3-octet UE additional security capability are
// treated as not present; 11.4.2: a longer MS network capability keeps its first 8 octets. The
// walk's notes come first, the GUTI's after it.
TEST(ImplNasEpsEmmIgnored, SyntacticallyIncorrectOptionalIesAreNotPresent) {
  const Bytes pdu = hex(
      "074171080910101032547698" "02e0e0" "0003020100"
      "500b0909101010325476f8ffff" "310a00112233445566778899" "6f03f00070");
  std::array<IgnoredIe, 4> sink{};
  const auto d = decode_attach_request(pdu, sink);
  ASSERT_TRUE(d.ok()) << d.error.reason;
  EXPECT_FALSE(d.value.additional_guti);
  EXPECT_FALSE(d.value.ue_additional_security_capability);
  EXPECT_EQ(to_bytes(*d.value.ms_network_capability), hex("0011223344556677"));
  ASSERT_EQ(d.ignored, 3u);
  EXPECT_STREQ(sink[0].ie, "MS network capability");
  EXPECT_TRUE(mentions(sink[0].reason, "11.4.2"));
  EXPECT_STREQ(sink[1].ie, "UE additional security capability");
  EXPECT_TRUE(mentions(sink[1].reason, "7.7.1"));
  EXPECT_STREQ(sink[2].ie, "Additional GUTI");
  EXPECT_EQ(sink[2].offset, 20u);
  EXPECT_TRUE(mentions(sink[2].reason, "7.7.1"));
  EXPECT_EQ(test::nas_eps::emm_decoders_disagree(pdu), "");
}

// 7.6.1: 29 is unknown in table 8.2.4.1 (it is a row of 8.2.29.1), b3 too; 7.6.2 out of sequence;
// 7.6.3 repeated. TAU's 35 rows are more than 32: a row past the 32nd is tracked too.
TEST(ImplNasEpsEmmIgnored, UnknownOutOfSequenceAndRepeatedIesAreIgnored) {
  const Bytes pdu = hex("074171080910101032547698" "02e0e0" "0003020100"
                        "290101" "c1" "5c0a00" "91" "90" "c0" "b3");
  std::array<IgnoredIe, 8> sink{};
  const auto d = decode_attach_request(pdu, sink);
  ASSERT_TRUE(d.ok()) << d.error.reason;
  ASSERT_EQ(d.value.other_ies.size, 1u);
  EXPECT_EQ(d.value.other_ies.ies[0].iei, 0xc0);
  EXPECT_FALSE(d.value.tmsi_status);
  ASSERT_EQ(d.ignored, 6u);
  EXPECT_TRUE(mentions(sink[0].reason, "7.6.1"));
  EXPECT_TRUE(mentions(sink[1].reason, "7.6.2"));
  EXPECT_TRUE(mentions(sink[4].reason, "7.6.3"));
  EXPECT_TRUE(mentions(sink[5].reason, "7.6.1"));
  EXPECT_EQ(test::nas_eps::emm_decoders_disagree(pdu), "");

  const Bytes tau = hex("074801" "0bf602f8108003c8c2e65e9a" "2803010203" "2803040506" "290101");
  const auto t = decode_tracking_area_update_request(tau, sink);
  ASSERT_TRUE(t.ok()) << t.error.reason;
  ASSERT_EQ(t.ignored, 2u);
  EXPECT_TRUE(mentions(sink[0].reason, "7.6.3"));  // row 35 repeated
  EXPECT_TRUE(mentions(sink[1].reason, "7.6.2"));  // row 34 after row 35
  EXPECT_EQ(test::nas_eps::emm_decoders_disagree(tau), "");

  expect_error(decode_attach_request(hex("074171080910101032547698" "02e0e0" "0003020100"
                                         "0a0100")),
               "ATTACH REQUEST", "", 20, "comprehension required");
}

// ---- encoders ---------------------------------------------------------------------------------

TEST(ImplNasEpsEmmEncode, ValuesBreakingTheirContractAreRefused) {
  const Bytes pdu = hex(kEmergencyAttachWithImei);
  const AttachRequest a = decoded_clean(decode_attach_request(pdu));
  const auto refused = [](const auto& m) {
    std::array<std::uint8_t, 512> out{};
    const Encoded e = encode(m, out);
    return !e.written && e.size == 0 && e.error != nullptr;
  };
  EXPECT_FALSE(refused(a));
  auto bad = a;
  bad.eps_attach_type = 7;
  EXPECT_TRUE(refused(bad));
  bad = a;
  bad.nas_key_set_identifier.ksi = 8;
  EXPECT_TRUE(refused(bad));
  const Bytes short_imsi = hex("091010");         // 5 digits
  const Bytes not_bcd = hex("0910101032547a98");  // a digit 0xa
  const Bytes guti_bytes = hex("f602f8108003c8c2e65e9a");
  Guti big_mcc;
  big_mcc.mcc[0] = 10;
  Guti one_digit_mnc;
  one_digit_mnc.mnc_digits = 1;
  for (const EpsMobileIdentity& id :
       {EpsMobileIdentity(Imsi{short_imsi}), EpsMobileIdentity(Imsi{not_bcd}),
        EpsMobileIdentity(Imsi{guti_bytes}), EpsMobileIdentity(big_mcc),
        EpsMobileIdentity(one_digit_mnc)}) {
    bad = a;
    bad.eps_mobile_identity = id;
    EXPECT_TRUE(refused(bad)) << id.index();
  }
  const Bytes fourteen(14), two(2), one(1), thirty_three(33);
  bad = a;
  bad.ue_network_capability = ByteView(fourteen);
  EXPECT_TRUE(refused(bad));
  bad = a;
  bad.esm_message_container = ByteView(two);
  EXPECT_TRUE(refused(bad));
  bad = a;
  bad.ms_network_capability = ByteView(one);
  EXPECT_TRUE(refused(bad));
  const Bytes eleven(11), four(4);
  for (const RawIe& raw : {RawIe{0x50, 0, eleven}, RawIe{0x2a, 0, one}, RawIe{0x52, 0, four},
                           RawIe{0xd0, 0x10, {}}, RawIe{0xd1, 0, {}},
                           RawIe{0x20, 0, thirty_three}}) {
    bad = a;
    bad.other_ies = {};
    bad.other_ies.add(raw);
    EXPECT_TRUE(refused(bad)) << int{raw.iei};
  }
  bad = a;
  bad.other_ies = {};
  bad.other_ies.add({0xd0, 1, {}});
  EXPECT_FALSE(refused(bad));
  bad.other_ies.add({0xd0, 2, {}});
  EXPECT_TRUE(refused(bad)) << "an IEI held twice";

  TrackingAreaUpdateRequest t;
  EXPECT_FALSE(refused(t));
  auto tbad = t;
  tbad.eps_update_type = 6;
  EXPECT_TRUE(refused(tbad));
  tbad = t;
  tbad.gprs_ciphering_key_sequence_number = 8;
  EXPECT_TRUE(refused(tbad));
  tbad = t;
  tbad.other_ies.add({0x29, 0, one});
  EXPECT_FALSE(refused(tbad)) << "a raw row of 8.2.29.1, unlike 8.2.4.1";

  const Bytes sixteen(16), fifteen(15), three(3), seventeen(17);
  EXPECT_FALSE(refused(AuthenticationRequest{{false, 6}, sixteen, sixteen}));
  EXPECT_TRUE(refused(AuthenticationRequest{{false, 7}, sixteen, sixteen}));
  EXPECT_TRUE(refused(AuthenticationRequest{{false, 0}, fifteen, sixteen}));
  EXPECT_TRUE(refused(AuthenticationResponse{three}));
  EXPECT_TRUE(refused(AuthenticationResponse{seventeen}));
  EXPECT_TRUE(refused(ServiceRequest{4, 0, 0, {}}));
  EXPECT_TRUE(refused(ServiceRequest{0, 8, 0, {}}));
  EXPECT_TRUE(refused(ServiceRequest{0, 0, 32, {}}));
}

// Raw IEs listed out of table order are written in table order, fields interleaved where their
// rows are.
TEST(ImplNasEpsEmmEncode, RawIesAreWrittenInTableOrder) {
  const Bytes pdu = hex(kOpen5gsAttach);
  AttachRequest m = decoded_clean(decode_attach_request(pdu));
  std::reverse(m.other_ies.ies.begin(),
               m.other_ies.ies.begin() + static_cast<std::ptrdiff_t>(m.other_ies.size));
  EXPECT_EQ(encoded(m), pdu);
  expect_retry_contract(m, pdu);
}

}  // namespace
}  // namespace secmode::impl::nas
