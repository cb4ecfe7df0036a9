// REGISTRATION REQUEST (TS 24.501 V17.9.0 table 8.2.6.1.1) and the 5GS mobile identity
// (9.11.3.4): real PDUs from public captures and tests, every error class, and what clause 7 makes
// a receiver step over.
#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include "spec/codec/nas_5gs_mm.h"
#include "spec/codec/nas_5gs_registration.h"
#include "tests/codec/checks.h"
#include "tests/support/vectors.h"

namespace secmode::spec::nas5gs {
namespace {

using test::decoded_clean;
using test::hex;
using test::mentions;

Bytes hex_of(const std::string& s) { return hex(std::string_view(s)); }

// Real PDUs: open5gs, docs/assets/pcapng/testregistration.pcapng (github.com/open5gs/open5gs),
// the NGAP NAS-PDU of the frame named, extracted with `tshark -T fields -e ngap.NAS_PDU`.
// Frame 59, InitialUEMessage: initial registration with an all-zero 5G-GUTI.
const char* const kFrame59 =
    "7e004179000bf2000000000000000000002e02f0f01707f0f0c040018030";
// Frame 221, InitialUEMessage: initial registration with a null-scheme SUCI and 5GMM capability.
const char* const kFrame221 =
    "7e004179000d0109f107f0ff000000002031901001032e02f0f01707f0f0c040018030";
// Frame 141, InitialUEMessage: an integrity protected (type 1) mobility registration update whose
// NAS message container holds the whole plain REGISTRATION REQUEST (5.5.1.3.2, 4.4.6).
const char* const kFrame141 =
    "7e01f8d9d52f037e00410a000bf209f107020040c7004bb31001032e02f0f02f0201015209f107000001"
    "1707f0f0c0400180301801017100337e00410a000bf209f107020040c7004bb31001032e02f0f02f0201"
    "015209f1070000011707f0f0c04001803040022000180101";
// pycrate, test/test_mobile.py (github.com/pycrate-org/pycrate), nas_5g_pdu "5GMM Reg Req".
const char* const kPycrate = "7e004179000d0100f1100000000022222222222e02e0e0";

// 79: ngKSI 7 (no key), FOR, initial registration; 000b f2 + 10 zero octets: 5G-GUTI
// MCC 000 MNC 000 (octet 6 high nibble 0: a 3-digit MNC); 2e 02 f0f0: 5G-EA0-3, 5G-IA0-3;
// 17 07 f0f0c040018030: S1 UE network capability.
TEST(Nas5gsRegistration, RealRequestWithGuti) {
  const Bytes pdu = hex(kFrame59);
  const auto m = decoded_clean(decode_registration_request(pdu));
  EXPECT_EQ(m.registration_type, 1);
  EXPECT_TRUE(m.follow_on_request);
  EXPECT_EQ(m.ngksi, (NasKeySetIdentifier{false, 7}));
  EXPECT_EQ(m.mobile_identity, MobileIdentity(FiveGGuti{"000", "000", 0, 0, 0, 0}));
  EXPECT_EQ(m.ue_security_capability, (UeSecurityCapability{0xf0, 0xf0, {}, {}, {}}));
  EXPECT_EQ(m.s1_ue_network_capability,
            (nas::UeNetworkCapability{0xf0, 0xf0, 0xc0, 0x40, hex("018030")}));
  EXPECT_FALSE(m.five_gmm_capability);
  EXPECT_FALSE(m.non_current_native_ngksi);
  EXPECT_FALSE(m.nas_message_container);
  EXPECT_TRUE(m.other_ies.empty());
  EXPECT_EQ(encode(m), pdu);
}

// 0d 01 09f107 f0ff 00 00 0000203190: SUCI, SUPI format IMSI, MCC 901 MNC 70, routing indicator
// "0" (f0 ff), null scheme, PKI 0, MSIN 0000021309; the capture's SBI request names
// imsi-901700000021309. 10 01 03: 5GMM capability, S1 mode and HO attach.
TEST(Nas5gsRegistration, RealRequestWithNullSchemeSuci) {
  const Bytes pdu = hex(kFrame221);
  const auto m = decoded_clean(decode_registration_request(pdu));
  ASSERT_TRUE(std::holds_alternative<SuciImsi>(m.mobile_identity));
  const auto& suci = std::get<SuciImsi>(m.mobile_identity);
  EXPECT_EQ(suci.supi_format, 0);
  EXPECT_EQ(suci.plmn, (std::array<std::uint8_t, 3>{0x09, 0xf1, 0x07}));
  EXPECT_EQ(suci.routing_indicator, (std::array<std::uint8_t, 2>{0xf0, 0xff}));
  EXPECT_EQ(suci.protection_scheme_id, 0);
  EXPECT_EQ(suci.home_network_public_key_id, 0);
  EXPECT_EQ(suci.scheme_output, hex("0000203190"));
  EXPECT_EQ(null_scheme_imsi(suci), (NullSchemeImsi{"901", "70", "0", "0000021309"}));
  ASSERT_TRUE(m.five_gmm_capability);
  EXPECT_EQ(m.five_gmm_capability->octets, hex("03"));
  EXPECT_TRUE(m.five_gmm_capability->s1_mode());
  EXPECT_EQ(encode(m), pdu);
  EXPECT_TRUE(
      std::holds_alternative<RegistrationRequest>(decoded_clean(decode_5gmm_message(pdu))));
}

// 0a: ngKSI 0, FOR, mobility registration updating; 5G-GUTI 901/70, AMF region 2, set 1, pointer
// 0, 5G-TMSI c7004bb3; 2f requested NSSAI, 52 last visited TAI, 18 UE's usage setting kept raw;
// 71 0033: the container, itself a REGISTRATION REQUEST that adds 40 (uplink data status).
TEST(Nas5gsRegistration, RealProtectedRequestWithNasMessageContainer) {
  const auto p = decoded_clean(decode_security_protected(hex(kFrame141)));
  EXPECT_EQ(p.type, SecurityHeaderType::integrity_protected);
  const auto m = decoded_clean(decode_registration_request(p.plain_nas_message));
  EXPECT_EQ(m.registration_type, 2);
  EXPECT_TRUE(m.follow_on_request);
  EXPECT_EQ(m.ngksi, (NasKeySetIdentifier{false, 0}));
  const FiveGGuti guti{"901", "70", 2, 1, 0, 0xc7004bb3};
  EXPECT_EQ(m.mobile_identity, MobileIdentity(guti));
  EXPECT_EQ(m.other_ies,
            (RawIes{{0x2f, hex("0101")}, {0x52, hex("09f107000001")}, {0x18, hex("01")}}));
  ASSERT_TRUE(m.nas_message_container);
  EXPECT_EQ(m.nas_message_container->size(), 0x33u);
  EXPECT_EQ(encode(m), p.plain_nas_message);
  const auto inner = decoded_clean(decode_registration_request(*m.nas_message_container));
  EXPECT_EQ(inner.mobile_identity, MobileIdentity(guti));
  EXPECT_EQ(inner.other_ies.at(0x40), hex("2000"));
  EXPECT_EQ(encode(inner), *m.nas_message_container);
}

// pycrate: routing indicator 0000 (00 00), MSIN 2222222222; 2e 02 e0e0.
TEST(Nas5gsRegistration, PycrateRequest) {
  const Bytes pdu = hex(kPycrate);
  const auto m = decoded_clean(decode_registration_request(pdu));
  const auto& suci = std::get<SuciImsi>(m.mobile_identity);
  EXPECT_EQ(null_scheme_imsi(suci), (NullSchemeImsi{"001", "01", "0000", "2222222222"}));
  EXPECT_EQ(m.ue_security_capability, (UeSecurityCapability{0xe0, 0xe0, {}, {}, {}}));
  EXPECT_EQ(encode(m), pdu);
}

// Hand-built from figures 9.11.3.4.1..8: every type of identity a REGISTRATION REQUEST can carry
// (all but "No identity"), each re-encoding to itself.
TEST(Nas5gsRegistration, EveryTypeOfIdentity) {
  struct Case {
    const char* contents;
    MobileIdentity id;
  };
  const Case cases[] = {
      // SUCI, ECIES profile A (0001), PKI 7, RI 567 (NOTE 2 of table 9.11.3.4.1: 65 f7).
      {"0102f83965f7010701020304", SuciImsi{0, {0x02, 0xf8, 0x39}, {0x65, 0xf7}, 1, 7,
                                            hex("01020304")}},
      // SUCI, SUPI format 100: "interpreted as IMSI", kept.
      {"4102f839f0ff000012", SuciImsi{4, {0x02, 0xf8, 0x39}, {0xf0, 0xff}, 0, 0, hex("12")}},
      // SUCI, network specific identifier: NAI "a@b".
      {"11614062", SuciNai{1, hex("614062")}},
      {"f202f8398001ff12345678", FiveGGuti{"208", "93", 0x80, 0x7, 0x3f, 0x12345678}},
      {"4b09512430325781", Imei{"490154203237518"}},
      {"f4007fff000000", FiveGSTmsi{1, 0x3f, 0xff000000}},
      {"f401dfff000000", FiveGSTmsi{7, 0x1f, 0xff000000}},
      {"4509512430325781f9", Imeisv{"4901542032375189"}},
      {"0e0a0b0c0d0e0f", MacAddress{{0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f}, true}},
      {"070102030405060708", Eui64{{1, 2, 3, 4, 5, 6, 7, 8}}},
  };
  for (const auto& c : cases) {
    const std::string contents = c.contents;
    const std::size_t n = contents.size() / 2;
    const Bytes pdu = hex_of("7e00410100" + std::string(1, "0123456789abcdef"[n >> 4]) +
                             std::string(1, "0123456789abcdef"[n & 0xf]) + contents);
    const auto d = decode_registration_request(pdu);
    ASSERT_TRUE(d.ok()) << contents << ": " << d.error().describe();
    EXPECT_TRUE(d.ignored().empty()) << contents;
    EXPECT_EQ(d.value().mobile_identity, c.id) << contents;
    EXPECT_EQ(encode(d.value()), pdu) << contents;
  }
}

TEST(Nas5gsRegistration, NullSchemeDigitsNeedTheNullSchemeAndBcd) {
  SuciImsi s;
  EXPECT_EQ(null_scheme_imsi(s), (NullSchemeImsi{"001", "01", "0", "1234567890"}));
  s.scheme_output = hex("2143f5");  // odd MSIN: end mark in bits 8..5 of the last octet
  EXPECT_EQ(null_scheme_imsi(s)->msin, "12345");
  s.scheme_output = hex("f321");  // end mark before the last octet
  EXPECT_FALSE(null_scheme_imsi(s));
  s.scheme_output = hex("2143");
  s.protection_scheme_id = 1;  // ECIES profile A: the output is not digits
  EXPECT_FALSE(null_scheme_imsi(s));
  s.protection_scheme_id = 0;
  s.routing_indicator = {0x5f, 0xff};  // a filler before a digit
  EXPECT_FALSE(null_scheme_imsi(s));
  s.routing_indicator = {0x21, 0x43};
  EXPECT_EQ(null_scheme_imsi(s)->routing_indicator, "1234");
}

// Mandatory part ends at 19 (frame 221); the non-imperative IEs start at 19, 22, 26.
TEST(Nas5gsRegistration, EveryPrefixFailsAtTheIeItCutsOrEndsOnABoundary) {
  const Bytes pdu = hex(kFrame221);
  const std::set<std::size_t> boundaries{19, 22, 26};
  for (std::size_t n = 0; n < pdu.size(); ++n) {
    const auto d = decode_registration_request(ByteView(pdu).first(n));
    EXPECT_EQ(d.ok(), boundaries.count(n) == 1) << n;
    if (d.ok()) continue;
    EXPECT_EQ(d.error().message, "REGISTRATION REQUEST");
    const std::size_t cut = n < 3 ? n : n < 4 ? 3 : n < 19 ? 4 : n < 22 ? 19 : n < 26 ? 22 : 26;
    EXPECT_EQ(d.error().offset, cut) << n << ": " << d.error().describe();
  }
}

TEST(Nas5gsRegistration, HeaderAndMandatoryIeErrors) {
  struct Case {
    const char* pdu;
    const char* ie;
    std::size_t offset;
    const char* reason;
  };
  const Case cases[] = {
      {"7f004179000bf200000000000000000000", "Extended protocol discriminator", 0, "9.2"},
      {"7e014179000bf200000000000000000000", "Security header type", 1, "9.3"},
      {"7e094179000bf200000000000000000000", "Security header type", 1, "reserved"},
      {"7e0042", "Message type", 2, "table 9.7.1"},
      {"7e0041", "5GS registration type", 3, "missing"},
      {"7e004179", "5GS mobile identity", 4, "missing"},
      {"7e00417900", "5GS mobile identity", 4, "length field"},
      {"7e0041790001", "5GS mobile identity", 4, "truncated"},
      // "No identity" has one octet of contents: the row is LV-E 6-n.
      {"7e004179000100", "5GS mobile identity", 4, "bad length 1"},
      {"7e004179000400000000", "5GS mobile identity", 4, "No identity"},
      // A 5G-GUTI of 10 octets; a SUCI without scheme output; a 5G-S-TMSI of 6.
      {"7e004179000af2000000000000000000", "5GS mobile identity", 4, "5G-GUTI"},
      {"7e0041790008010000000000000000", "5GS mobile identity", 4, "scheme output"},
      {"7e0041790006f40000000000", "5GS mobile identity", 4, "5G-S-TMSI"},
      // MCC digit a; an IMEISV with the odd indication; an IMEI without its 15th digit.
      {"7e004179000bf20a000000000000000000", "5GS mobile identity", 4, "BCD"},
      {"7e00417900094d09512430325781f9", "5GS mobile identity", 4, "odd/even"},
      {"7e0041790008430951243032578f", "5GS mobile identity", 4, "odd/even"},
  };
  for (const auto& c : cases) {
    const auto d = decode_registration_request(hex_of(c.pdu));
    ASSERT_FALSE(d.ok()) << c.pdu;
    EXPECT_EQ(d.error().ie, c.ie) << c.pdu;
    EXPECT_EQ(d.error().offset, c.offset) << c.pdu;
    EXPECT_TRUE(mentions(d.error().reason, c.reason)) << c.pdu << ": " << d.error().reason;
  }
}

TEST(Nas5gsRegistration, ClauseSevenCasesAreSteppedOver) {
  const std::string head = "7e004179000bf200000000000000000000";
  struct Case {
    std::string tail;
    std::size_t offset;
    const char* reason;
  };
  const Case cases[] = {
      {"6f0400000000", 17, "TS 24.501 7.6.1"},  // EPS-only UE additional security capability
      {"2e02e0e0" "1001ff", 21, "TS 24.501 7.6.2"},  // 10 after 2E: out of sequence
      {"2e02e0e0" "2e02f0f0", 21, "TS 24.501 7.6.3"},
      {"2e01e0", 17, "TS 24.501 7.7.1"},      // UE security capability of 1 octet
      {"2e03e0e0e0", 17, "TS 24.501 7.7.1"},  // 3 octets: octet 5 without octet 6
      {"2e0ae0e0e0e0e0e0e0e0e0e0", 17, "TS 24.007 11.4.2"},  // 10 octets: 2 beyond the 8
      {"77000bf100000000000000000000", 17, "not 5G-GUTI"},      // Additional GUTI, a SUCI
  };
  for (const auto& c : cases) {
    const auto d = decode_registration_request(hex_of(head + c.tail));
    ASSERT_TRUE(d.ok()) << c.tail << ": " << d.error().describe();
    ASSERT_FALSE(d.ignored().empty()) << c.tail;
    EXPECT_EQ(d.ignored().front().offset, c.offset) << c.tail;
    EXPECT_TRUE(mentions(d.ignored().front().reason, c.reason))
        << c.tail << ": " << d.ignored().front().reason;
  }
  // A TV IE cut short and an unknown comprehension-required IE fail the message.
  const auto cut = decode_registration_request(hex_of(head + "52000000"));
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.error().ie, "Last visited registered TAI");
  const auto required = decode_registration_request(hex_of(head + "0f0100"));
  ASSERT_FALSE(required.ok());
  EXPECT_TRUE(mentions(required.error().reason, "TS 24.501 7.5.1"));
  // Octets after a 5G-GUTI's 11 are beyond its defined length.
  const auto longer = decode_registration_request(hex("7e004179000cf200000000000000000000ab"));
  ASSERT_TRUE(longer.ok());
  ASSERT_EQ(longer.ignored().size(), 1u);
  EXPECT_TRUE(mentions(longer.ignored()[0].reason, "TS 24.007 11.4.2"));
}

TEST(Nas5gsRegistration, EveryOtherRowIsKnownAndKeptRaw) {
  // One IE of each raw row, in table order, with its shortest length.
  const Bytes pdu =
      hex("7e004101000bf200000000000000000000"
          "2f020101" "52000000000000" "40020000" "50020000" "b1" "2b0100" "25020000" "180100"
          "510100" "700001aa" "740000" "81" "7b000100" "91" "530100" "4103000000" "4203000000"
          "60020000" "6e0100" "6a0100" "670100" "350100" "480100" "1a0100" "a1" "300100"
          "290100" "280100" "7200030000" "00" "3206000000000000" "1603000000" "2a0100"
          "3b0100");
  const auto m = decoded_clean(decode_registration_request(pdu));
  EXPECT_EQ(m.other_ies.size(), 33u);
  EXPECT_EQ(encode(m), pdu);
}

TEST(Nas5gsRegistration, EncoderContracts) {
  RegistrationRequest m;
  EXPECT_NO_THROW(encode(m));
  auto bad = m;
  bad.registration_type = 8;
  EXPECT_THROW(encode(bad), std::invalid_argument);
  bad = m;
  bad.mobile_identity = NoIdentity{};
  EXPECT_THROW(encode(bad), std::invalid_argument);
  bad = m;
  bad.mobile_identity = FiveGGuti{"001", "01", 0, 0x400, 0, 0};
  EXPECT_THROW(encode(bad), std::invalid_argument);
  bad = m;
  bad.mobile_identity = SuciNai{0, hex("616263")};
  EXPECT_THROW(encode(bad), std::invalid_argument);
  bad.mobile_identity = SuciNai{1, hex("6162")};  // 3 octets of contents: the row needs 4
  EXPECT_THROW(encode(bad), std::invalid_argument);
  bad = m;
  bad.five_gmm_capability = FiveGmmCapability{Bytes(14, 0)};
  EXPECT_THROW(encode(bad), std::invalid_argument);
  bad = m;
  bad.other_ies[0x10] = hex("01");  // a field row
  EXPECT_THROW(encode(bad), std::invalid_argument);
  bad = m;
  bad.other_ies[0x6f] = hex("00000000");  // not a row of table 8.2.6.1.1
  EXPECT_THROW(encode(bad), std::invalid_argument);
}

}  // namespace
}  // namespace secmode::spec::nas5gs
