// Known byte strings for the zero-copy 5GMM codec (impl/codec/nas_5gs_mm.h): the real PDUs of
// tests/codec/unit_nas_5gs_registration.cpp and unit_nas_5gs_authentication.cpp (open5gs
// testregistration.pcapng, pycrate) and their hand-built companions, decoded by the zero-copy
// decoders field by field and compared with the spec twin; each error class with its IE, offset
// and clause; the clause 7 cases it steps over; the encoders' contracts and retry contract.
#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "impl/codec/nas_5gs_mm.h"
#include "tests/impl/checks.h"
#include "tests/impl/nas_5gs_mm_agreement.h"
#include "tests/support/vectors.h"

namespace secmode::impl::nas5gs {
namespace {

using Bytes = std::vector<std::uint8_t>;
using test::decoded_clean;
using test::encoded;
using test::expect_error;
using test::expect_retry_contract;
using test::hex;
using test::mentions;
using test::nas_5gs::mm_decoders_disagree;

Bytes to_bytes(ByteView v) { return Bytes(v.begin(), v.end()); }
Bytes hex_of(const std::string& s) { return hex(std::string_view(s)); }
template <std::size_t N>
Bytes to_bytes(std::optional<std::span<const std::uint8_t, N>> v) {
  return v ? Bytes(v->begin(), v->end()) : Bytes{};
}

// The same PDUs as the spec twin's unit tests (sources cited there).
const char* const kFrame59 = "7e004179000bf2000000000000000000002e02f0f01707f0f0c040018030";
const char* const kFrame221 =
    "7e004179000d0109f107f0ff000000002031901001032e02f0f01707f0f0c040018030";
const char* const kFrame141 =
    "7e01f8d9d52f037e00410a000bf209f107020040c7004bb31001032e02f0f02f0201015209f107000001"
    "1707f0f0c0400180301801017100337e00410a000bf209f107020040c7004bb31001032e02f0f02f0201"
    "015209f1070000011707f0f0c04001803040022000180101";
const char* const kPycrateRegistration = "7e004179000d0100f1100000000022222222222e02e0e0";
const char* const kRequest74 =
    "7e005600020000213527919dcefbc89511fc63a56101118c20104bd76e8d3ebf80006f9c8a54556a89aa";
const char* const kResponse75 = "7e00572d10c1399f835bd6b1606c645f5adf8ad5ab";
const char* const kSynchFailure236 = "7e005915300e7be0e01587822a14c959c5d9313e";
const char* const kMacFailure246 = "7e005914";
const char* const kReject247 = "7e0058";
const char* const kPycrateAuthenticationRequest =
    "7e0056000200002198a600000000000098a600000000000020105c717acfe29180001fb3117a0f18c3ab";

// Every real PDU: both codecs agree on every decoder, and the impl re-encodes it unchanged.
TEST(ImplNas5gmm, EveryRealPduAgreesWithTheSpecAndReencodes) {
  for (const char* h : {kFrame59, kFrame221, kPycrateRegistration, kRequest74, kResponse75,
                        kSynchFailure236, kMacFailure246, kReject247,
                        kPycrateAuthenticationRequest}) {
    const Bytes pdu = hex(h);
    EXPECT_EQ(mm_decoders_disagree(pdu), "") << h;
    const auto m = decoded_clean(decode_5gmm_message(pdu));
    EXPECT_EQ(encoded(m), pdu) << h;
    expect_retry_contract(m, pdu);
  }
}

TEST(ImplNas5gmm, RealRegistrationWithGuti) {
  const Bytes pdu = hex(kFrame59);
  const auto m = decoded_clean(decode_registration_request(pdu));
  EXPECT_EQ(m.registration_type, 1);
  EXPECT_TRUE(m.follow_on_request);
  EXPECT_FALSE(m.ngksi.mapped);
  EXPECT_EQ(m.ngksi.ksi, 7);
  const auto* g = std::get_if<FiveGGuti>(&m.mobile_identity);
  ASSERT_NE(g, nullptr);
  // MCC 000, MNC 000: octet 6 high nibble 0 is a third MNC digit.
  EXPECT_EQ(g->mcc, (std::array<std::uint8_t, 3>{0, 0, 0}));
  EXPECT_EQ(g->mnc_digits, 3);
  EXPECT_EQ(g->amf_region_id, 0);
  EXPECT_EQ(g->five_g_tmsi, 0u);
  ASSERT_TRUE(m.ue_security_capability);
  EXPECT_EQ(to_bytes(*m.ue_security_capability), hex("f0f0"));
  EXPECT_EQ(m.ue_security_capability->data(), pdu.data() + 19);  // a view into the PDU
  ASSERT_TRUE(m.s1_ue_network_capability);
  EXPECT_EQ(to_bytes(*m.s1_ue_network_capability), hex("f0f0c040018030"));
  EXPECT_FALSE(m.five_gmm_capability);
  EXPECT_FALSE(m.non_current_native_ngksi);
  EXPECT_FALSE(m.nas_message_container);
  EXPECT_FALSE(m.additional_guti);
  EXPECT_EQ(m.other_ies.size, 0u);
  EXPECT_EQ(encoded(m), pdu);
  // The spec reads the same fields.
  EXPECT_TRUE(test::nas_5gs::to_spec(m) ==
              spec::nas5gs::decode_registration_request(pdu).value());
}

// SUCI, SUPI format IMSI, MCC 901 MNC 70, routing indicator "0", null scheme, MSIN 0000021309.
TEST(ImplNas5gmm, RealRegistrationWithNullSchemeSuci) {
  const Bytes pdu = hex(kFrame221);
  const auto m = decoded_clean(decode_registration_request(pdu));
  const auto* s = std::get_if<SuciImsi>(&m.mobile_identity);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->supi_format, 0);
  EXPECT_EQ(s->plmn, (std::array<std::uint8_t, 3>{0x09, 0xf1, 0x07}));
  EXPECT_EQ(s->routing_indicator, (std::array<std::uint8_t, 2>{0xf0, 0xff}));
  EXPECT_EQ(s->protection_scheme_id, 0);
  EXPECT_EQ(s->home_network_public_key_id, 0);
  EXPECT_EQ(to_bytes(s->scheme_output), hex("0000203190"));
  EXPECT_EQ(s->scheme_output.data(), pdu.data() + 14);
  std::array<char, 20> msin{};
  const std::size_t n = null_scheme_msin(*s, msin);
  EXPECT_EQ(std::string(msin.data(), n), "0000021309");
  ASSERT_TRUE(m.five_gmm_capability);
  EXPECT_EQ(to_bytes(*m.five_gmm_capability), hex("03"));  // S1 mode, HO attach
  EXPECT_EQ(encoded(m), pdu);
  EXPECT_TRUE(
      std::holds_alternative<RegistrationRequest>(decoded_clean(decode_5gmm_message(pdu))));
}

// Integrity protected registration whose NAS message container holds the plain REGISTRATION
// REQUEST again (5.5.1.3.2, 4.4.6).
TEST(ImplNas5gmm, RealProtectedRegistrationWithNasMessageContainer) {
  const Bytes outer = hex(kFrame141);
  const auto p = decoded_clean(decode_security_protected(outer));
  EXPECT_EQ(p.type, SecurityHeaderType::integrity_protected);
  const auto m = decoded_clean(decode_registration_request(p.plain_nas_message));
  EXPECT_EQ(m.registration_type, 2);
  EXPECT_TRUE(m.follow_on_request);
  EXPECT_EQ(m.ngksi.ksi, 0);
  const auto& g = std::get<FiveGGuti>(m.mobile_identity);
  EXPECT_EQ(g.mcc, (std::array<std::uint8_t, 3>{9, 0, 1}));
  EXPECT_EQ(g.mnc_digits, 2);
  EXPECT_EQ(g.mnc[0], 7);
  EXPECT_EQ(g.mnc[1], 0);
  EXPECT_EQ(g.amf_region_id, 2);
  EXPECT_EQ(g.amf_set_id, 1);
  EXPECT_EQ(g.amf_pointer, 0);
  EXPECT_EQ(g.five_g_tmsi, 0xc7004bb3u);
  ASSERT_EQ(m.other_ies.size, 3u);  // 2f requested NSSAI, 52 last visited TAI, 18 usage setting
  EXPECT_EQ(m.other_ies.ies[0].iei, 0x2f);
  EXPECT_EQ(to_bytes(m.other_ies.ies[0].value), hex("0101"));
  EXPECT_EQ(m.other_ies.ies[1].iei, 0x52);
  EXPECT_EQ(to_bytes(m.other_ies.ies[1].value), hex("09f107000001"));
  EXPECT_EQ(m.other_ies.ies[2].iei, 0x18);
  ASSERT_TRUE(m.nas_message_container);
  EXPECT_EQ(m.nas_message_container->size(), 0x33u);
  EXPECT_EQ(encoded(m), to_bytes(p.plain_nas_message));
  EXPECT_EQ(mm_decoders_disagree(p.plain_nas_message), "");
  const auto inner = decoded_clean(decode_registration_request(*m.nas_message_container));
  ASSERT_EQ(inner.other_ies.size, 4u);
  EXPECT_EQ(inner.other_ies.ies[2].iei, 0x40);  // uplink data status, table order
  EXPECT_EQ(to_bytes(inner.other_ies.ies[2].value), hex("2000"));
  EXPECT_EQ(encoded(inner), to_bytes(*m.nas_message_container));
  EXPECT_EQ(mm_decoders_disagree(*m.nas_message_container), "");
}

TEST(ImplNas5gmm, PycrateRegistration) {
  const Bytes pdu = hex(kPycrateRegistration);
  const auto m = decoded_clean(decode_registration_request(pdu));
  const auto& s = std::get<SuciImsi>(m.mobile_identity);
  EXPECT_EQ(s.routing_indicator, (std::array<std::uint8_t, 2>{0x00, 0x00}));
  std::array<char, 20> msin{};
  EXPECT_EQ(std::string(msin.data(), null_scheme_msin(s, msin)), "2222222222");
  EXPECT_EQ(to_bytes(*m.ue_security_capability), hex("e0e0"));
  EXPECT_EQ(encoded(m), pdu);
}

// Every type of identity a REGISTRATION REQUEST can carry, each agreeing with the spec and
// re-encoding to itself.
TEST(ImplNas5gmm, EveryTypeOfIdentity) {
  const char* const contents[] = {
      "0102f83965f7010701020304", "4102f839f0ff000012", "11614062",
      "f202f8398001ff12345678",   "4b09512430325781",   "f4007fff000000",
      "f401dfff000000",           "4509512430325781f9", "0e0a0b0c0d0e0f",
      "070102030405060708"};
  const std::size_t index[] = {1, 1, 2, 3, 4, 5, 5, 6, 7, 8};
  for (std::size_t k = 0; k < std::size(contents); ++k) {
    const std::string c = contents[k];
    const std::size_t n = c.size() / 2;
    const Bytes pdu = hex_of("7e00410100" + std::string(1, "0123456789abcdef"[n >> 4]) +
                             std::string(1, "0123456789abcdef"[n & 0xf]) + c);
    const auto m = decoded_clean(decode_registration_request(pdu));
    EXPECT_EQ(m.mobile_identity.index(), index[k]) << c;
    EXPECT_EQ(encoded(m), pdu) << c;
    EXPECT_EQ(mm_decoders_disagree(pdu), "") << c;
  }
  // Field by field: AMF Set ID 1 and AMF Pointer 63 share octets 5 and 6 (figure 9.11.3.4.5).
  const auto t = decoded_clean(decode_registration_request(hex("7e0041010007f4007fff000000")));
  const auto& tmsi = std::get<FiveGSTmsi>(t.mobile_identity);
  EXPECT_EQ(tmsi.amf_set_id, 1);
  EXPECT_EQ(tmsi.amf_pointer, 0x3f);
  EXPECT_EQ(tmsi.five_g_tmsi, 0xff000000u);
  const Bytes mac_pdu = hex("7e00410100070e0a0b0c0d0e0f");
  const auto mac = decoded_clean(decode_registration_request(mac_pdu));
  const auto& address = std::get<MacAddress>(mac.mobile_identity);
  EXPECT_TRUE(address.not_usable_as_equipment_identifier);
  EXPECT_EQ(address.address.data(), mac_pdu.data() + 7);
}

TEST(ImplNas5gmm, RegistrationHeaderAndMandatoryIeErrors) {
  struct Case {
    const char* pdu;
    const char* ie;
    std::size_t offset;
    const char* clause;
  };
  const Case cases[] = {
      {"7f004179000bf200000000000000000000", "Extended protocol discriminator", 0, "9.2"},
      {"7e014179000bf200000000000000000000", "Security header type", 1, "9.3"},
      {"7e094179000bf200000000000000000000", "Security header type", 1, "table 9.3.1"},
      {"7e0042", "Message type", 2, "table 9.7.1"},
      {"7e0041", "5GS registration type", 3, "7.5.1"},
      {"7e004179", "5GS mobile identity", 4, "7.5.1"},
      {"7e00417900", "5GS mobile identity", 4, "2 octets"},
      {"7e0041790001", "5GS mobile identity", 4, "truncated"},
      {"7e004179000100", "5GS mobile identity", 4, "7.5.1"},
      {"7e004179000400000000", "5GS mobile identity", 4, "No identity"},
      {"7e004179000af2000000000000000000", "5GS mobile identity", 4, "5G-GUTI"},
      {"7e0041790008010000000000000000", "5GS mobile identity", 4, "9.11.3.4.3"},
      {"7e0041790006f40000000000", "5GS mobile identity", 4, "5G-S-TMSI"},
      {"7e004179000bf20a000000000000000000", "5GS mobile identity", 4, "BCD"},
      {"7e00417900094d09512430325781f9", "5GS mobile identity", 4, "IMEISV"},
      {"7e0041790008430951243032578f", "5GS mobile identity", 4, "IMEI"},
  };
  for (const auto& c : cases) {
    const Bytes pdu = hex(c.pdu);
    const auto d = decode_registration_request(pdu);
    expect_error(d, "REGISTRATION REQUEST", c.ie, c.offset, c.clause);
    EXPECT_EQ(mm_decoders_disagree(pdu), "") << c.pdu;
  }
}

TEST(ImplNas5gmm, RegistrationClauseSevenCasesAreSteppedOver) {
  const std::string head = "7e004179000bf200000000000000000000";
  struct Case {
    std::string tail;
    std::size_t offset;
    const char* clause;
  };
  const Case cases[] = {
      {"6f0400000000", 17, "TS 24.501 7.6.1"},
      {"2e02e0e0" "1001ff", 21, "TS 24.501 7.6.2"},
      {"2e02e0e0" "2e02f0f0", 21, "TS 24.501 7.6.3"},
      {"2e01e0", 17, "TS 24.501 7.7.1"},
      {"2e03e0e0e0", 17, "TS 24.501 7.7.1"},
      {"2e0ae0e0e0e0e0e0e0e0e0e0", 17, "TS 24.007 11.4.2"},
      {"77000bf100000000000000000000", 17, "TS 24.501 7.7.1"},
      {"77000bf20a000000000000000000", 17, "TS 24.501 7.7.1"},
  };
  for (const auto& c : cases) {
    const Bytes pdu = hex_of(head + c.tail);
    std::array<IgnoredIe, 4> sink{};
    const auto d = decode_registration_request(pdu, sink);
    ASSERT_TRUE(d.ok()) << c.tail << ": " << d.error.reason;
    ASSERT_GE(d.ignored, 1u) << c.tail;
    EXPECT_EQ(sink[0].offset, c.offset) << c.tail;
    EXPECT_TRUE(mentions(sink[0].reason, c.clause)) << c.tail << ": " << sink[0].reason;
    EXPECT_EQ(mm_decoders_disagree(pdu), "") << c.tail;
  }
  expect_error(decode_registration_request(hex_of(head + "52000000")), "REGISTRATION REQUEST",
               "Last visited registered TAI", 17);
  expect_error(decode_registration_request(hex_of(head + "0f0100")), "REGISTRATION REQUEST", "",
               17, "TS 24.501 7.5.1");
  const Bytes longer = hex("7e004179000cf200000000000000000000ab");
  std::array<IgnoredIe, 2> sink{};
  const auto d = decode_registration_request(longer, sink);
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d.ignored, 1u);
  EXPECT_TRUE(mentions(sink[0].reason, "TS 24.007 11.4.2"));
  EXPECT_EQ(mm_decoders_disagree(longer), "");
}

// All 33 raw rows of table 8.2.6.1.1: the raw list keeps them all.
TEST(ImplNas5gmm, EveryOtherRowIsKnownAndKeptRaw) {
  const Bytes pdu =
      hex("7e004101000bf200000000000000000000"
          "2f020101" "52000000000000" "40020000" "50020000" "b1" "2b0100" "25020000" "180100"
          "510100" "700001aa" "740000" "81" "7b000100" "91" "530100" "4103000000" "4203000000"
          "60020000" "6e0100" "6a0100" "670100" "350100" "480100" "1a0100" "a1" "300100"
          "290100" "280100" "7200030000" "00" "3206000000000000" "1603000000" "2a0100"
          "3b0100");
  const auto m = decoded_clean(decode_registration_request(pdu));
  EXPECT_EQ(m.other_ies.size, 33u);
  EXPECT_EQ(encoded(m), pdu);
  EXPECT_EQ(mm_decoders_disagree(pdu), "");
}

TEST(ImplNas5gmm, RegistrationEncoderContracts) {
  const Bytes output = hex("1234567890");
  RegistrationRequest m;
  m.mobile_identity = SuciImsi{0, {0x00, 0xf1, 0x10}, {0xf0, 0xff}, 0, 0, output};
  EXPECT_EQ(encoded(m), hex("7e004171000d0100f110f0ff00001234567890"));
  std::array<std::uint8_t, 64> out{};
  const auto refused = [&](const RegistrationRequest& r) {
    const Encoded e = encode(r, out);
    return !e.written && e.size == 0 && e.error != nullptr;
  };
  auto bad = m;
  bad.registration_type = 8;
  EXPECT_TRUE(refused(bad));
  bad = m;
  bad.mobile_identity = NoIdentity{};
  EXPECT_TRUE(refused(bad));
  bad.mobile_identity = FiveGGuti{{0, 0, 1}, {0, 1, 0}, 2, 0, 0x400, 0, 0};
  EXPECT_TRUE(refused(bad));
  const Bytes abc = hex("616263");
  bad.mobile_identity = SuciNai{0, abc};
  EXPECT_TRUE(refused(bad));
  bad.mobile_identity = SuciNai{1, ByteView(abc).first(2)};  // the row needs 4 octets
  EXPECT_TRUE(refused(bad));
  bad.mobile_identity = SuciNai{1, abc};
  EXPECT_FALSE(refused(bad));
  bad = m;
  const Bytes fourteen(14, 0);
  bad.five_gmm_capability = ByteView(fourteen);
  EXPECT_TRUE(refused(bad));
  bad = m;
  bad.ue_security_capability = ByteView(fourteen).first(3);
  EXPECT_TRUE(refused(bad));
  bad = m;
  bad.other_ies.add({0x10, 0, ByteView(fourteen).first(1)});  // a field row
  EXPECT_TRUE(refused(bad));
  bad = m;
  bad.other_ies.add({0x6f, 0, ByteView(fourteen).first(4)});  // not a row of 8.2.6.1.1
  EXPECT_TRUE(refused(bad));
  bad = m;
  bad.other_ies.add({0x3b, 0, ByteView(fourteen).first(1)});
  bad.other_ies.add({0x3b, 0, ByteView(fourteen).first(1)});  // twice
  EXPECT_TRUE(refused(bad));
}

TEST(ImplNas5gmm, RealAuthenticationRequest) {
  const Bytes pdu = hex(kRequest74);
  const auto m = decoded_clean(decode_authentication_request(pdu));
  EXPECT_FALSE(m.ngksi.mapped);
  EXPECT_EQ(m.ngksi.ksi, 0);
  EXPECT_EQ(to_bytes(m.abba), hex("0000"));
  EXPECT_EQ(to_bytes(m.rand), hex("3527919dcefbc89511fc63a56101118c"));
  EXPECT_EQ(m.rand->data(), pdu.data() + 8);
  EXPECT_EQ(to_bytes(m.autn), hex("4bd76e8d3ebf80006f9c8a54556a89aa"));
  EXPECT_FALSE(m.eap_message);
  EXPECT_EQ(encoded(m), pdu);
  const Bytes pycrate_pdu = hex(kPycrateAuthenticationRequest);  // decoded values are views
  const auto pycrate = decoded_clean(decode_authentication_request(pycrate_pdu));
  EXPECT_EQ(to_bytes(pycrate.rand), hex("98a600000000000098a6000000000000"));
  EXPECT_EQ(encoded(pycrate), pycrate_pdu);
}

TEST(ImplNas5gmm, RealAuthenticationResponseFailuresAndReject) {
  const Bytes response_pdu = hex(kResponse75), synch_pdu = hex(kSynchFailure236);
  const auto response = decoded_clean(decode_authentication_response(response_pdu));
  EXPECT_EQ(to_bytes(response.res_star), hex("c1399f835bd6b1606c645f5adf8ad5ab"));
  EXPECT_FALSE(response.eap_message);
  const auto synch = decoded_clean(decode_authentication_failure(synch_pdu));
  EXPECT_EQ(synch.cause, 21);
  EXPECT_EQ(to_bytes(synch.auts), hex("7be0e01587822a14c959c5d9313e"));
  const auto mac = decoded_clean(decode_authentication_failure(hex(kMacFailure246)));
  EXPECT_EQ(mac.cause, 20);
  EXPECT_FALSE(mac.auts);
  EXPECT_FALSE(decoded_clean(decode_authentication_reject(hex(kReject247))).eap_message);
}

TEST(ImplNas5gmm, EapBasedAuthenticationMessages) {
  const Bytes request = hex("7e0056" "03" "020000" "7800080107000832010000");
  const auto r = decoded_clean(decode_authentication_request(request));
  EXPECT_EQ(r.ngksi.ksi, 3);
  EXPECT_FALSE(r.rand);
  EXPECT_EQ(to_bytes(*r.eap_message), hex("0107000832010000"));
  EXPECT_EQ(encoded(r), request);
  const Bytes result = hex("7e005a" "0b" "000403070004" "38020000");
  const auto s = decoded_clean(decode_authentication_result(result));
  EXPECT_TRUE(s.ngksi.mapped);
  EXPECT_EQ(s.ngksi.ksi, 3);
  EXPECT_EQ(to_bytes(s.eap_message), hex("03070004"));
  EXPECT_EQ(to_bytes(*s.abba), hex("0000"));
  EXPECT_EQ(encoded(s), result);
  expect_retry_contract(s, result);
  const Bytes reject = hex("7e0058" "78000404070004");
  EXPECT_EQ(to_bytes(*decoded_clean(decode_authentication_reject(reject)).eap_message),
            hex("04070004"));
  const Bytes response = hex("7e0057" "78000402070004");
  EXPECT_EQ(encoded(decoded_clean(decode_authentication_response(response))), response);
  for (const Bytes* b : {&request, &result, &reject, &response})
    EXPECT_EQ(mm_decoders_disagree(*b), "");
}

TEST(ImplNas5gmm, AuthenticationErrors) {
  struct Case {
    const char* pdu;
    const char* message;
    const char* ie;
    std::size_t offset;
    const char* clause;
  };
  const Case cases[] = {
      {"7e0056", "AUTHENTICATION REQUEST", "ngKSI", 3, "7.5.1"},
      {"7e005607020000", "AUTHENTICATION REQUEST", "ngKSI", 3, "table 9.11.3.32.1"},
      {"7e005600", "AUTHENTICATION REQUEST", "ABBA", 4, "7.5.1"},
      {"7e00560001aa", "AUTHENTICATION REQUEST", "ABBA", 4, "9.11.3.10"},
      {"7e0056000300", "AUTHENTICATION REQUEST", "ABBA", 4, "truncated"},
      {"7e0056000200002100", "AUTHENTICATION REQUEST", "Authentication parameter RAND", 7, ""},
      {"7e005a00", "AUTHENTICATION RESULT", "EAP message", 4, "7.5.1"},
      {"7e005a0000", "AUTHENTICATION RESULT", "EAP message", 4, "2 octets"},
      {"7e005a000003030000", "AUTHENTICATION RESULT", "EAP message", 4, "9.11.2.2"},
      {"7e0059", "AUTHENTICATION FAILURE", "5GMM cause", 3, "7.5.1"},
      {"7e0059150f", "AUTHENTICATION FAILURE", "", 4, "7.5.1"},
      {"7e01570000000000", "AUTHENTICATION RESPONSE", "Security header type", 1, "9.3"},
  };
  for (const auto& c : cases) {
    const Bytes pdu = hex(c.pdu);
    const auto d = decode_5gmm_message(pdu);
    if (pdu.size() > 1 && (pdu[1] & 0x0f) != 0) {
      expect_error(decode_authentication_response(pdu), c.message, c.ie, c.offset, c.clause);
      expect_error(d, "5GMM message", c.ie, c.offset, c.clause);
    } else {
      expect_error(d, c.message, c.ie, c.offset, c.clause);
    }
    EXPECT_EQ(mm_decoders_disagree(pdu), "") << c.pdu;
  }
  // An unknown message type, and a header too short for one.
  expect_error(decode_5gmm_message(hex("7e005b01")), "5GMM message", "Message type", 2,
               "table 9.7.1");
  expect_error(decode_5gmm_message(hex("7e00")), "5GMM message", "Message type", 2, "7.2");
  // An EAP message beyond 1500 octets is cut to 1500 (TS 24.007 11.4.2).
  Bytes big = hex("7e005a00" "05dd");
  big.resize(big.size() + 1501, 0x03);
  std::array<IgnoredIe, 2> sink{};
  const auto cut = decode_authentication_result(big, sink);
  ASSERT_TRUE(cut.ok());
  EXPECT_EQ(cut.value.eap_message.size(), 1500u);
  ASSERT_EQ(cut.ignored, 1u);
  EXPECT_TRUE(mentions(sink[0].reason, "TS 24.007 11.4.2"));
  EXPECT_EQ(mm_decoders_disagree(big), "");
}

TEST(ImplNas5gmm, AuthenticationEncoderContracts) {
  const Bytes two = hex("0000");
  const Bytes three = hex("000000");
  std::array<std::uint8_t, 64> out{};
  const auto refused = [&](const auto& m) {
    const Encoded e = encode(m, out);
    return !e.written && e.size == 0 && e.error != nullptr;
  };
  AuthenticationRequest request{{false, 0}, two, {}, {}, {}};
  EXPECT_FALSE(refused(request));
  request.ngksi.ksi = 7;
  EXPECT_TRUE(refused(request));
  request = {{false, 0}, ByteView(two).first(1), {}, {}, {}};
  EXPECT_TRUE(refused(request));
  request = {{false, 0}, two, {}, {}, ByteView(three)};
  EXPECT_TRUE(refused(request));
  EXPECT_TRUE(refused(AuthenticationResult{{false, 6}, three, {}}));
  const Bytes success = hex("03000004");
  EXPECT_FALSE(refused(AuthenticationResult{{false, 6}, success, {}}));
  EXPECT_TRUE(refused(AuthenticationReject{ByteView(three)}));
  EXPECT_TRUE(refused(AuthenticationResponse{{}, ByteView(three)}));
  EXPECT_FALSE(refused(AuthenticationFailure{21, {}}));
}

}  // namespace
}  // namespace secmode::impl::nas5gs
