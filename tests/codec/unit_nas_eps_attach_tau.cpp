// ATTACH REQUEST and TRACKING AREA UPDATE REQUEST (TS 24.301 V17.9.0 tables 8.2.4.1, 8.2.29.1):
// real PDUs from public captures and tests, every error class, and what clause 7 makes a
// receiver step over.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <stdexcept>

#include "spec/codec/nas_eps_attach_tau.h"
#include "spec/codec/nas_eps_emm.h"
#include "tests/codec/checks.h"
#include "tests/support/vectors.h"

namespace secmode::spec::nas {
namespace {

using test::decoded_clean;
using test::hex;
using test::mentions;

Bytes hex_of(const std::string& s) { return hex(std::string_view(s)); }

// open5gs, tests/unit/nas-message-test.c (github.com/open5gs/open5gs, ogs_nas_eps_message_test1).
const char* const kOpen5gsAttach =
    "0741020bf600f110000201030003e605f07000001000050215d011d15200f110"
    "30395c0a003103e5e0349011035758a65d0100e0c1";
// Magma, lte/gateway/c/core/oai/test/mme_app_task/test_mme_app_emm_decode.cpp
// (github.com/magma/magma, TestDecodeAttachRequest2, "NAS message generated from Pixel 4"); the
// test holds the octets after the message type, so 0741 is prepended here.
const char* const kPixel4Attach =
    "07417208395110003009010707f070c0401900800034020cd011d1272d808021"
    "1001000010810600000000830600000000000d00000a00000500001000001100"
    "001a01010023000024005c0a01310465e03e009011035758a6200d601404ef65"
    "233b880092f2000040080402600400021f005d0103c1";
// pycrate, test/test_mobile.py (github.com/pycrate-org/pycrate, nas_pdu_mo "EMM TAU Request").
const char* const kPycrateTau =
    "0748610bf602f8108003c8c2e65e9a5804e060c0405202f810c4c25c0a005702"
    "20003103e5e0341302f810040511035758a65d0100c1";

// 02: KSI 0 (TSC 0) | combined EPS/IMSI attach; 0b f6 00f110 0002 01 030003e6: GUTI MCC 001
// MNC 01, MME group 2, code 1, M-TMSI 0x030003e6; 05 f0 70 00 00 10: UE network capability;
// 0005 + PDN CONNECTIVITY REQUEST; 52 TAI, 5c DRX, 31 MS network capability, 90 TMSI status,
// 11 classmark 2, 5d voice domain preference, e0 old GUTI type native, c1 MS net. feature support.
TEST(NasEpsAttachTau, RealAttachRequestWithGuti) {
  const Bytes pdu = hex(kOpen5gsAttach);
  const auto m = decoded_clean(decode_attach_request(pdu));
  EXPECT_EQ(m.eps_attach_type, 2);
  EXPECT_EQ(m.nas_key_set_identifier, (NasKeySetIdentifier{false, 0}));
  ASSERT_TRUE(std::holds_alternative<Guti>(m.eps_mobile_identity));
  EXPECT_EQ(std::get<Guti>(m.eps_mobile_identity), (Guti{"001", "01", 2, 1, 0x030003e6}));
  EXPECT_EQ(m.ue_network_capability, (UeNetworkCapability{0xf0, 0x70, 0x00, 0x00, {0x10}}));
  EXPECT_EQ(m.esm_message_container, hex("0215d011d1"));
  EXPECT_FALSE(m.additional_guti);
  EXPECT_EQ(m.ms_network_capability, hex("e5e034"));
  EXPECT_EQ(m.tmsi_status, false);
  EXPECT_EQ(m.old_guti_type_mapped, false);
  EXPECT_FALSE(m.ue_additional_security_capability);
  const RawIes raw{{0x52, hex("00f1103039")},
                   {0x5c, hex("0a00")},
                   {0x11, hex("5758a6")},
                   {0x5d, hex("00")},
                   {0xc0, hex("01")}};
  EXPECT_EQ(m.other_ies, raw);
  EXPECT_EQ(encode(m), pdu);
}

// 72: KSI 7 "no key is available" | combined attach; 08 39 51 10 00 30 09 01 07: IMSI (odd, 15
// digits); 07 f0 70 c0 40 19 00 80: UE network capability with UEA/UIA and 3 more octets.
TEST(NasEpsAttachTau, RealAttachRequestWithImsiFromAPhone) {
  const Bytes pdu = hex(kPixel4Attach);
  const auto m = decoded_clean(decode_attach_request(pdu));
  EXPECT_EQ(m.nas_key_set_identifier, (NasKeySetIdentifier{false, 7}));
  EXPECT_EQ(m.eps_mobile_identity, EpsMobileIdentity(Imsi{"315010003901070"}));
  const auto& caps = m.ue_network_capability;
  EXPECT_EQ(caps.eea, 0xf0);
  EXPECT_EQ(caps.eia, 0x70);
  EXPECT_EQ(caps.uea, 0xc0);
  EXPECT_EQ(caps.uia, 0x40);
  EXPECT_EQ(caps.rest, hex("190080"));
  EXPECT_EQ(m.esm_message_container.size(), 0x34u);
  EXPECT_EQ(m.ms_network_capability, hex("65e03e00"));
  EXPECT_EQ(m.tmsi_status, false);
  EXPECT_FALSE(m.old_guti_type_mapped);
  EXPECT_EQ(m.other_ies.size(), 6u);  // 5c, 11, 20, 40, 5d, c0
  EXPECT_EQ(m.other_ies.at(0x20).size(), 13u);
  EXPECT_EQ(encode(m), pdu);
  EXPECT_TRUE(std::holds_alternative<AttachRequest>(decoded_clean(decode_emm_message(pdu))));
}

// pycrate test/test_mobile.py, nas_pdu_mo "EMM Attach Request": integrity protected (MAC
// d2eba20a, SQN 02) around an attach with GUTI 208/01, MME group 0x7500, code 0xe0.
TEST(NasEpsAttachTau, RealProtectedAttachRequest) {
  const Bytes outer =
      hex("17d2eba20a020741020bf602f8107500e0c301732f04e060c04000240202d011"
          "d1271d8080211001000010810600000000830600000000000d00000a00001000"
          "5c0a003103e5e0341302f810040511035758a65d0100c1");
  const auto p = decoded_clean(decode_security_protected(outer));
  const auto m = decoded_clean(decode_attach_request(p.nas_message));
  EXPECT_EQ(std::get<Guti>(m.eps_mobile_identity), (Guti{"208", "01", 0x7500, 0xe0, 0xc301732f}));
  EXPECT_EQ(m.ue_network_capability, (UeNetworkCapability{0xe0, 0x60, 0xc0, 0x40, {}}));
  EXPECT_FALSE(m.tmsi_status);
  EXPECT_EQ(encode(m), p.nas_message);
}

// Hand-built from figure 9.9.3.12.2: an EPS emergency attach (110) with the IMEI 490154203237518
// (TS 23.003 6.2.1 layout): 4b = digit 1 (4) | odd | type 011, then digit pairs low nibble first.
TEST(NasEpsAttachTau, EmergencyAttachWithImei) {
  const Bytes pdu =
      hex("074176"
          "084b09512430325781"
          "02e0e0"
          "0003020100");
  const auto m = decoded_clean(decode_attach_request(pdu));
  EXPECT_EQ(m.eps_attach_type, 6);
  EXPECT_EQ(m.eps_mobile_identity, EpsMobileIdentity(Imei{"490154203237518"}));
  EXPECT_EQ(encode(m), pdu);
}

// 61: KSI 6 | combined TA/LA updating, no active flag; old GUTI 208/01 0x8003 0xc8 0xc2e65e9a;
// 58 04 e060c040: UE network capability; 57 EPS bearer context status kept raw.
TEST(NasEpsAttachTau, RealTrackingAreaUpdateRequest) {
  const Bytes pdu = hex(kPycrateTau);
  const auto m = decoded_clean(decode_tracking_area_update_request(pdu));
  EXPECT_EQ(m.eps_update_type, 1);
  EXPECT_FALSE(m.active_flag);
  EXPECT_EQ(m.nas_key_set_identifier, (NasKeySetIdentifier{false, 6}));
  EXPECT_EQ(m.old_guti, (Guti{"208", "01", 0x8003, 0xc8, 0xc2e65e9a}));
  EXPECT_EQ(m.ue_network_capability, (UeNetworkCapability{0xe0, 0x60, 0xc0, 0x40, {}}));
  EXPECT_EQ(m.ms_network_capability, hex("e5e034"));
  EXPECT_FALSE(m.nonce_ue);
  EXPECT_FALSE(m.non_current_native_nas_key_set_identifier);
  EXPECT_EQ(m.other_ies.at(0x57), hex("2000"));
  EXPECT_EQ(m.other_ies.size(), 7u);  // 52, 5c, 57, 13, 11, 5d, c0
  EXPECT_EQ(encode(m), pdu);
  EXPECT_TRUE(
      std::holds_alternative<TrackingAreaUpdateRequest>(decoded_clean(decode_emm_message(pdu))));
}

// Hand-built from table 8.2.29.1: the IEs of a TAU after inter-system change (5.5.3.2.2):
// 18: KSI 1 | active flag, TA updating; b9: non-current KSI, TSC 1 (mapped), 1; 82: CKSN 2;
// 55 + nonceUE; 58 02 e0e0; 91: valid TMSI available; e1: mapped GUTI; 6f 04 + 5G-EA/IA;
// 29 01 01: UE request type (Rel-17 row, kept raw); 2803 010203: paging restriction.
TEST(NasEpsAttachTau, TrackingAreaUpdateRequestWithEverySecurityIe) {
  const Bytes pdu =
      hex("074818"
          "0bf602f8108003c8c2e65e9a"
          "b9"
          "82"
          "55a1b2c3d4"
          "5802e0e0"
          "91"
          "e1"
          "6f04f0007000"
          "290101"
          "2803010203");
  const auto m = decoded_clean(decode_tracking_area_update_request(pdu));
  EXPECT_EQ(m.eps_update_type, 0);
  EXPECT_TRUE(m.active_flag);
  EXPECT_EQ(m.nas_key_set_identifier, (NasKeySetIdentifier{false, 1}));
  EXPECT_EQ(m.non_current_native_nas_key_set_identifier, (NasKeySetIdentifier{true, 1}));
  EXPECT_EQ(m.gprs_ciphering_key_sequence_number, 2);
  EXPECT_EQ(m.nonce_ue, 0xa1b2c3d4u);
  EXPECT_EQ(m.ue_network_capability, (UeNetworkCapability{0xe0, 0xe0, {}, {}, {}}));
  EXPECT_EQ(m.tmsi_status, true);
  EXPECT_EQ(m.old_guti_type_mapped, true);
  EXPECT_EQ(m.ue_additional_security_capability, (UeAdditionalSecurityCapability{0xf000, 0x7000}));
  EXPECT_EQ(m.other_ies, (RawIes{{0x29, hex("01")}, {0x28, hex("010203")}}));
  EXPECT_EQ(encode(m), pdu);
}

// Mandatory part ends at 28; the non-imperative IEs start at 28, 34, 37, 42, 43, 48, 51, 52.
TEST(NasEpsAttachTau, EveryPrefixOfAnAttachFailsAtTheIeItCuts) {
  const Bytes pdu = hex(kOpen5gsAttach);
  const std::vector<std::size_t> starts{0, 1, 2, 3, 15, 21, 28, 34, 37, 42, 43, 48, 51, 52};
  for (std::size_t n = 0; n < pdu.size(); ++n) {
    const auto d = decode_attach_request(ByteView(pdu).first(n));
    const bool boundary = n >= 28 && std::count(starts.begin(), starts.end(), n) == 1;
    if (boundary) {
      EXPECT_TRUE(d.ok()) << n << ": " << d.error().describe();
      continue;
    }
    ASSERT_FALSE(d.ok()) << "prefix of " << n << " octets decoded";
    std::size_t cut = 0;
    for (std::size_t s : starts)
      if (s <= n) cut = s;
    EXPECT_EQ(d.error().offset, cut) << n << ": " << d.error().describe();
    EXPECT_EQ(d.error().message, "ATTACH REQUEST");
  }
}

TEST(NasEpsAttachTau, EveryPrefixOfATauFailsOrEndsOnABoundary) {
  const Bytes pdu = hex(kPycrateTau);
  const std::set<std::size_t> boundaries{15, 21, 27, 30, 34, 39, 45, 50, 53};
  for (std::size_t n = 0; n < pdu.size(); ++n) {
    const auto d = decode_tracking_area_update_request(ByteView(pdu).first(n));
    EXPECT_EQ(d.ok(), boundaries.count(n) == 1) << n;
    if (!d.ok()) {
      EXPECT_LE(d.error().offset, n);
    }
  }
}

TEST(NasEpsAttachTau, BadLengthsOfMandatoryIesAreErrors) {
  // Identity of 3 octets (LV 5-12), capability of 1 (LV 3-14), container of 2 (LV-E 5-n).
  const auto id =
      decode_attach_request(hex("074171"
                                "03091010"
                                "02e0e0"
                                "0003020100"));
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().ie, "EPS mobile identity");
  EXPECT_EQ(id.error().offset, 3u);
  EXPECT_TRUE(mentions(id.error().reason, "bad length 3"));
  const auto caps =
      decode_attach_request(hex("074171"
                                "080910101032547698"
                                "01e0"
                                "0003020100"));
  ASSERT_FALSE(caps.ok());
  EXPECT_EQ(caps.error().ie, "UE network capability");
  EXPECT_EQ(caps.error().offset, 12u);
  const auto esm =
      decode_attach_request(hex("074171"
                                "080910101032547698"
                                "02e0e0"
                                "00020201"));
  ASSERT_FALSE(esm.ok());
  EXPECT_EQ(esm.error().ie, "ESM message container");
  EXPECT_EQ(esm.error().offset, 15u);
  // Old GUTI of 10 octets (LV 12).
  const auto old =
      decode_tracking_area_update_request(hex("074801"
                                              "0af602f8108003c8c2e65e"));
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.error().ie, "Old GUTI");
}

TEST(NasEpsAttachTau, ReservedAndSyntacticallyIncorrectMandatoryValuesAreErrors) {
  const std::string tail =
      "02e0e0"
      "0003020100";
  struct Case {
    std::string pdu;
    const char* ie;
    const char* reason;
  };
  const Case cases[] = {
      {"074177"
       "080910101032547698" +
           tail,
       "EPS attach type", "reserved"},
      {"074171"
       "080410101032547698" +
           tail,
       "EPS mobile identity", "reserved type of identity"},
      // IMSI: even count without the end mark; a digit over 9.
      {"074171"
       "080110101032547698" +
           tail,
       "EPS mobile identity", "end mark"},
      {"074171"
       "08091010103254a698" +
           tail,
       "EPS mobile identity", "not BCD"},
      // IMEI of 14 digits (even, with the end mark).
      {"074171"
       "0843101010325476f8" +
           tail,
       "EPS mobile identity", "15"},
      // A GUTI whose MCC digit 1 is 0xa.
      {"074171"
       "0bf60af110000201030003e6" +
           tail,
       "EPS mobile identity", "not BCD"},
      {"074171"
       "0af600f1100002010300e6" +
           tail,
       "EPS mobile identity", "11 octets"},
      {"074816"
       "0bf602f8108003c8c2e65e9a",
       "EPS update type", "reserved"},
      {"074817"
       "0bf602f8108003c8c2e65e9a",
       "EPS update type", "reserved"},
      {"074811"
       "0b0902f8108003c8c2e65e9a",
       "Old GUTI", "where a GUTI belongs"},
  };
  for (const auto& c : cases) {
    const auto d = decode_emm_message(hex_of(c.pdu));
    ASSERT_FALSE(d.ok()) << c.pdu;
    EXPECT_EQ(d.error().ie, c.ie) << c.pdu;
    EXPECT_TRUE(mentions(d.error().reason, c.reason)) << d.error().describe();
  }
}

// 7.7.1: an Additional GUTI holding no GUTI, and a UE additional security capability of 3
// octets, are treated as not present; 11.4.2: a longer MS network capability keeps 8 octets.
TEST(NasEpsAttachTau, SyntacticallyIncorrectOptionalIesAreNotPresent) {
  const std::string head =
      "074171"
      "080910101032547698"
      "02e0e0"
      "0003020100";
  const auto d = decode_attach_request(hex_of(head + "500b"
                                                     "0909101010325476f8ffff"
                                                     "310a"
                                                     "00112233445566778899"
                                                     "6f03f00070"));
  ASSERT_TRUE(d.ok()) << d.error().describe();
  EXPECT_FALSE(d.value().additional_guti);
  EXPECT_FALSE(d.value().ue_additional_security_capability);
  EXPECT_EQ(d.value().ms_network_capability, hex("0011223344556677"));
  // The walk reports length problems as it meets them; contents are checked after it.
  ASSERT_EQ(d.ignored().size(), 3u);
  EXPECT_EQ(d.ignored()[0].ie, "MS network capability");
  EXPECT_TRUE(mentions(d.ignored()[0].reason, "11.4.2"));
  EXPECT_EQ(d.ignored()[1].ie, "UE additional security capability");
  EXPECT_TRUE(mentions(d.ignored()[1].reason, "7.7.1"));
  EXPECT_EQ(d.ignored()[2].ie, "Additional GUTI");
  EXPECT_TRUE(mentions(d.ignored()[2].reason, "7.7.1"));
}

// 7.6.1: IEs unknown in the message are skipped by their format, among them 29 (UE request type)
// which table 8.2.29.1 knows but table 8.2.4.1 does not; 7.6.2 out of sequence; 7.6.3 repeated.
TEST(NasEpsAttachTau, UnknownOutOfSequenceAndRepeatedIesAreIgnored) {
  const std::string head =
      "074171"
      "080910101032547698"
      "02e0e0"
      "0003020100";
  const auto d = decode_attach_request(hex_of(head + "290101"
                                                     "c1"
                                                     "5c0a00"
                                                     "91"
                                                     "90"
                                                     "c0"
                                                     "b3"));
  ASSERT_TRUE(d.ok()) << d.error().describe();
  EXPECT_EQ(d.value().other_ies, (RawIes{{0xc0, hex("01")}}));
  EXPECT_FALSE(d.value().tmsi_status);  // 91 comes after C-, out of sequence
  ASSERT_EQ(d.ignored().size(), 6u);
  EXPECT_TRUE(mentions(d.ignored()[0].reason, "unknown"));
  EXPECT_EQ(d.ignored()[0].iei, 0x29);
  EXPECT_TRUE(mentions(d.ignored()[1].reason, "out of sequence"));
  EXPECT_TRUE(mentions(d.ignored()[2].reason, "out of sequence"));
  EXPECT_TRUE(mentions(d.ignored()[3].reason, "out of sequence"));
  EXPECT_TRUE(mentions(d.ignored()[4].reason, "repeated"));
  EXPECT_TRUE(mentions(d.ignored()[5].reason, "unknown"));  // b3: type 1, not in 8.2.4.1
  const auto required = decode_attach_request(hex_of(head + "0a0100"));
  ASSERT_FALSE(required.ok());
  EXPECT_TRUE(mentions(required.error().reason, "comprehension required"));
  const auto past =
      decode_tracking_area_update_request(hex("074801"
                                              "0bf602f8108003c8c2e65e9a"
                                              "5804e060"));
  ASSERT_FALSE(past.ok());
  EXPECT_EQ(past.error().ie, "UE network capability");
  EXPECT_EQ(past.error().offset, 15u);
}

TEST(NasEpsAttachTau, EncodersRefuseValuesTheyCannotEncode) {
  AttachRequest a;
  a.eps_mobile_identity = Imsi{"001010123456789"};
  EXPECT_NO_THROW(encode(a));
  auto bad = a;
  bad.eps_attach_type = 7;
  EXPECT_THROW(encode(bad), std::invalid_argument);
  bad = a;
  bad.nas_key_set_identifier.ksi = 8;
  EXPECT_THROW(encode(bad), std::invalid_argument);
  for (const EpsMobileIdentity& id :
       {EpsMobileIdentity(Imsi{"12345"}), EpsMobileIdentity(Imsi{"1234567890123456"}),
        EpsMobileIdentity(Imsi{"12345a"}), EpsMobileIdentity(Imei{"12345678901234"}),
        EpsMobileIdentity(Guti{"12", "01", 0, 0, 0}),
        EpsMobileIdentity(Guti{"001", "1", 0, 0, 0})}) {
    bad = a;
    bad.eps_mobile_identity = id;
    EXPECT_THROW(encode(bad), std::invalid_argument) << id.index();
  }
  bad = a;
  bad.ue_network_capability.uia = 0x40;  // octet 6 without octet 5
  EXPECT_THROW(encode(bad), std::invalid_argument);
  bad = a;
  bad.ue_network_capability = {0, 0, 0, 0, Bytes(10)};
  EXPECT_THROW(encode(bad), std::invalid_argument);
  bad = a;
  bad.esm_message_container = Bytes(2);
  EXPECT_THROW(encode(bad), std::invalid_argument);
  bad = a;
  bad.ms_network_capability = Bytes(1);
  EXPECT_THROW(encode(bad), std::invalid_argument);
  for (const RawIes& raw :
       {RawIes{{0x50, Bytes(11)}}, RawIes{{0x2a, Bytes(1)}}, RawIes{{0x52, Bytes(4)}},
        RawIes{{0xd0, Bytes{0x10}}}, RawIes{{0x20, Bytes(33)}}}) {
    bad = a;
    bad.other_ies = raw;
    EXPECT_THROW(encode(bad), std::invalid_argument) << int{raw.begin()->first};
  }
  TrackingAreaUpdateRequest t;
  EXPECT_NO_THROW(encode(t));
  auto tbad = t;
  tbad.eps_update_type = 6;
  EXPECT_THROW(encode(tbad), std::invalid_argument);
  tbad = t;
  tbad.gprs_ciphering_key_sequence_number = 8;
  EXPECT_THROW(encode(tbad), std::invalid_argument);
  tbad = t;
  tbad.other_ies = {{0x29, Bytes(1)}};
  EXPECT_NO_THROW(encode(tbad));  // a raw row of 8.2.29.1, unlike 8.2.4.1
}

}  // namespace
}  // namespace secmode::spec::nas
