// Known byte strings for the 5GS NAS security mode codec, each built by hand from the layouts of
// TS 24.501 V17.9.0 (tables 8.2.25.1.1, 8.2.26.1.1, 8.2.27.1.1, 8.2.28.1.1, figures 9.1.1.1 and
// 9.1.1.2, table 9.3.1, table 9.7.1; IEs 9.11.2.2, 9.11.3.2, 9.11.3.4, 9.11.3.10, 9.11.3.12,
// 9.11.3.32, 9.11.3.34, 9.11.3.54) and the TS 24.301 IEs it refers to (9.9.3.23, 9.9.3.36).
// Every decoded field is asserted and every message must re-encode to the same octets.
#include <gtest/gtest.h>

#include "spec/codec/nas_5gs.h"
#include "tests/codec/checks.h"
#include "tests/support/vectors.h"

namespace secmode::spec::nas5gs {
namespace {

using test::decoded_clean;

using test::hex;

// 7e: EPD 5GMM; 00: spare half octet | security header type 0 (plain); 5d: SECURITY MODE
// COMMAND; 02: 5G-EA0 (0000) | 128-5G-IA2 (0010); 00: spare half octet | TSC 0, ngKSI 0;
// 02 e0 e0: LV, 5G-EA0-2 and 5G-IA0-2.
TEST(Nas5gsKnown, SecurityModeCommandEa0Ia2WithTwoOctetCapabilities) {
  const Bytes pdu = hex("7e005d020002e0e0");
  const auto m = decoded_clean(decode_security_mode_command(pdu));
  EXPECT_EQ(m.selected_nas_security_algorithms, (NasSecurityAlgorithms{0, 2}));
  EXPECT_EQ(m.ngksi, (NasKeySetIdentifier{false, 0}));
  const auto& caps = m.replayed_ue_security_capabilities;
  EXPECT_EQ(caps.ea, 0xe0);
  EXPECT_EQ(caps.ia, 0xe0);
  EXPECT_FALSE(caps.eea);
  EXPECT_FALSE(caps.eia);
  EXPECT_TRUE(caps.octets_7_to_10.empty());
  EXPECT_FALSE(m.imeisv_request);
  EXPECT_FALSE(m.selected_eps_nas_security_algorithms);
  EXPECT_FALSE(m.additional_5g_security_information);
  EXPECT_FALSE(m.eap_message);
  EXPECT_FALSE(m.abba);
  EXPECT_FALSE(m.replayed_s1_ue_security_capabilities);
  EXPECT_EQ(encode(m), pdu);
}

// What an AMF sends after 5G AKA with N26: the security protected header (type 3, integrity
// protected with new 5G NAS security context, NOTE 1 of table 9.3.1), MAC, sequence number 0,
// then the plain command: 22: 128-5G-EA2 / 128-5G-IA2; 01: ngKSI 1, native; 04 f0 f0 f0 f0:
// 5G-EA0-3, 5G-IA0-3, EEA0-3, EIA0-3; e1: IMEISV requested; 57 22: selected EPS NAS security
// algorithms 128-EEA2 / 128-EIA2; 36 01 02: RINMR set, HDP clear; 38 02 0000: ABBA 0000H;
// 19 04 f0 70 c0 40: replayed S1 UE security capabilities EEA0-3, EIA1-3, UEA0-1, UIA1.
TEST(Nas5gsKnown, ProtectedSecurityModeCommandWithImeisvRequestAbbaAndN26Ies) {
  const Bytes plain =
      hex("7e005d2201"
          "04f0f0f0f0"
          "e1"
          "5722"
          "360102"
          "38020000"
          "1904f070c040");
  const Bytes pdu = [&] {
    Bytes b =
        hex("7e03"
            "8b6c3a1f"
            "00");
    b.insert(b.end(), plain.begin(), plain.end());
    return b;
  }();
  const auto p = decoded_clean(decode_security_protected(pdu));
  EXPECT_EQ(p.type, SecurityHeaderType::integrity_protected_new_context);
  EXPECT_EQ(p.mac, (Mac32{0x8b, 0x6c, 0x3a, 0x1f}));
  EXPECT_EQ(p.sequence_number, 0);
  EXPECT_EQ(p.plain_nas_message, plain);
  EXPECT_EQ(encode(p), pdu);

  const auto m = decoded_clean(decode_security_mode_command(p.plain_nas_message));
  EXPECT_EQ(m.selected_nas_security_algorithms, (NasSecurityAlgorithms{2, 2}));
  EXPECT_EQ(m.ngksi, (NasKeySetIdentifier{false, 1}));
  EXPECT_EQ(m.replayed_ue_security_capabilities,
            (UeSecurityCapability{0xf0, 0xf0, 0xf0, 0xf0, {}}));
  EXPECT_EQ(m.imeisv_request, 1);
  EXPECT_EQ(m.selected_eps_nas_security_algorithms, (nas::NasSecurityAlgorithms{2, 2}));
  EXPECT_EQ(m.additional_5g_security_information, (Additional5gSecurityInformation{true, false}));
  EXPECT_FALSE(m.eap_message);
  EXPECT_EQ(m.abba, hex("0000"));
  ASSERT_TRUE(m.replayed_s1_ue_security_capabilities);
  EXPECT_EQ(*m.replayed_s1_ue_security_capabilities,
            (nas::UeSecurityCapability{0xf0, 0x70, 0xc0, 0x40, std::nullopt}));
  EXPECT_EQ(encode(m), plain);
}

// After EAP-AKA': 11: 128-5G-EA1 / 128-5G-IA1; 0d: TSC 1 (mapped), ngKSI 5; 08 + eight octets:
// 5G-EA, 5G-IA, EEA, EIA and the spare octets 7 to 10 the AMF replays as received; 36 01 01: HDP;
// 78 0004 03 2a 0004: EAP-Success (code 3, identifier 42, length 4); 38 03 000102: a longer ABBA.
TEST(Nas5gsKnown, SecurityModeCommandWithEapSuccessAndEightOctetCapabilities) {
  const Bytes pdu =
      hex("7e005d110d"
          "08f0f0f0f001020304"
          "360101"
          "780004"
          "032a0004"
          "3803000102");
  const auto m = decoded_clean(decode_security_mode_command(pdu));
  EXPECT_EQ(m.selected_nas_security_algorithms, (NasSecurityAlgorithms{1, 1}));
  EXPECT_EQ(m.ngksi, (NasKeySetIdentifier{true, 5}));
  EXPECT_EQ(m.replayed_ue_security_capabilities.eea, 0xf0);
  EXPECT_EQ(m.replayed_ue_security_capabilities.eia, 0xf0);
  EXPECT_EQ(m.replayed_ue_security_capabilities.octets_7_to_10, hex("01020304"));
  EXPECT_EQ(m.additional_5g_security_information, (Additional5gSecurityInformation{false, true}));
  EXPECT_EQ(m.eap_message, hex("032a0004"));
  EXPECT_EQ(m.abba, hex("000102"));
  EXPECT_FALSE(m.imeisv_request);
  EXPECT_EQ(encode(m), pdu);
}

// 9.11.3.54 allows 2, 4, 6 and 8 octets of contents (LV 3-9 in table 8.2.25.1.1).
TEST(Nas5gsKnown, EveryLegalLengthOfTheReplayedUeSecurityCapabilities) {
  const std::pair<const char*, UeSecurityCapability> cases[] = {
      {"02e070", {0xe0, 0x70, std::nullopt, std::nullopt, {}}},
      {"04e070f070", {0xe0, 0x70, 0xf0, 0x70, {}}},
      {"06e070f070aabb", {0xe0, 0x70, 0xf0, 0x70, {0xaa, 0xbb}}},
      {"08e070f070aabbccdd", {0xe0, 0x70, 0xf0, 0x70, {0xaa, 0xbb, 0xcc, 0xdd}}},
  };
  for (const auto& [lv, caps] : cases) {
    const Bytes pdu = hex(std::string_view(std::string("7e005d0200") + lv));
    const auto m = decoded_clean(decode_security_mode_command(pdu));
    EXPECT_EQ(m.replayed_ue_security_capabilities, caps) << lv;
    EXPECT_EQ(encode(m), pdu) << lv;
  }
}

// 77 0009 + IMEISV 3569820412345601: octet 4 = digit 1 (3) | even | type 101 = 0x35, digit pairs
// low nibble first, end mark f in the last octet; 71 0004 + a REGISTRATION REQUEST fragment
// (9.11.3.33 asks for the whole initial message when RINMR was set).
TEST(Nas5gsKnown, SecurityModeCompleteWithImeisvAndNasMessageContainer) {
  const Bytes pdu =
      hex("7e005e"
          "770009"
          "35658902143254"
          "06f1"
          "7100047e004179");
  const auto m = decoded_clean(decode_security_mode_complete(pdu));
  EXPECT_EQ(m.imeisv, "3569820412345601");
  EXPECT_EQ(m.nas_message_container, hex("7e004179"));
  EXPECT_FALSE(m.non_imeisv_pei);
  EXPECT_EQ(encode(m), pdu);
}

// 78 + 5GS mobile identity of each PEI that is not an IMEISV (figures 9.11.3.4.2, .7, .8):
// IMEI 490154203237518: 4b = digit 1 (4) | odd | type 011, no end mark; MAC address: 0e = MAURI
// set | type 110; EUI-64: 07 = type 111.
TEST(Nas5gsKnown, SecurityModeCompleteWithEachNonImeisvPei) {
  const std::pair<const char*, NonImeisvPei> cases[] = {
      {"780008"
       "4b09512430325781",
       Imei{"490154203237518"}},
      {"780007"
       "0e001122334455",
       MacAddress{{0x00, 0x11, 0x22, 0x33, 0x44, 0x55}, true}},
      {"780007"
       "06a0b0c0d0e0f0",
       MacAddress{{0xa0, 0xb0, 0xc0, 0xd0, 0xe0, 0xf0}, false}},
      {"780009"
       "070123456789abcdef",
       Eui64{{0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef}}},
  };
  for (const auto& [ie, pei] : cases) {
    const Bytes pdu = hex(std::string_view(std::string("7e005e") + ie));
    const auto m = decoded_clean(decode_security_mode_complete(pdu));
    EXPECT_EQ(m.non_imeisv_pei, pei) << ie;
    EXPECT_FALSE(m.imeisv);
    EXPECT_EQ(encode(m), pdu) << ie;
  }
}

TEST(Nas5gsKnown, EmptySecurityModeComplete) {
  const Bytes pdu = hex("7e005e");
  const auto m = decoded_clean(decode_security_mode_complete(pdu));
  EXPECT_EQ(m, SecurityModeComplete{});
  EXPECT_EQ(encode(m), pdu);
}

// Cause #23 "UE security capabilities mismatch" and #24 "Security mode rejected, unspecified".
TEST(Nas5gsKnown, SecurityModeRejectCauses) {
  for (std::uint8_t cause : {std::uint8_t{23}, std::uint8_t{24}}) {
    const Bytes pdu{0x7e, 0x00, 0x5f, cause};
    const auto m = decoded_clean(decode_security_mode_reject(pdu));
    EXPECT_EQ(m.cause, cause);
    EXPECT_EQ(encode(m), pdu);
  }
}

// 04: integrity protected and ciphered with new 5G NAS security context (NOTE 2, SECURITY MODE
// COMPLETE); the message is ciphered, so it stays opaque octets.
TEST(Nas5gsKnown, ProtectedCipheredCompleteKeepsOpaqueOctets) {
  const Bytes pdu =
      hex("7e04"
          "01020304"
          "2a"
          "c3d4e5");
  const auto p = decoded_clean(decode_security_protected(pdu));
  EXPECT_EQ(p.type, SecurityHeaderType::integrity_protected_ciphered_new_context);
  EXPECT_EQ(p.mac, (Mac32{1, 2, 3, 4}));
  EXPECT_EQ(p.sequence_number, 0x2a);
  EXPECT_EQ(p.plain_nas_message, hex("c3d4e5"));
  EXPECT_EQ(encode(p), pdu);
}

// Table 8.2.28.1.1 NOTE: two octets are enough for a TS 38.509 test mode control message.
TEST(Nas5gsKnown, ProtectedMessageMayCarryATwoOctetTestModeMessage) {
  const Bytes pdu = hex("7e01a1a2a3a4070f80");
  const auto p = decoded_clean(decode_security_protected(pdu));
  EXPECT_EQ(p.type, SecurityHeaderType::integrity_protected);
  EXPECT_EQ(p.sequence_number, 7);
  EXPECT_EQ(p.plain_nas_message, hex("0f80"));
  EXPECT_EQ(encode(p), pdu);
}

TEST(Nas5gsKnown, SecurityHeaderTypesOfTable931) {
  for (int t = 0; t <= 4; ++t) {
    const auto d = decode_security_header_type(Bytes{0x7e, static_cast<std::uint8_t>(t)});
    ASSERT_TRUE(d.ok()) << t;
    EXPECT_EQ(static_cast<int>(d.value()), t);
  }
  // The spare half octet (bits 8..5) is not interpreted.
  const auto spare = decode_security_header_type(hex("7ef2"));
  ASSERT_TRUE(spare.ok());
  EXPECT_EQ(spare.value(), SecurityHeaderType::integrity_protected_ciphered);
}

TEST(Nas5gsKnown, DispatchOnMessageType) {
  const auto command = decode_security_mode_message(hex("7e005d020002e0e0"));
  ASSERT_TRUE(command.ok());
  EXPECT_EQ(std::get<SecurityModeCommand>(command.value()).selected_nas_security_algorithms,
            (NasSecurityAlgorithms{0, 2}));
  const auto complete = decode_security_mode_message(hex("7e005e"));
  ASSERT_TRUE(complete.ok());
  EXPECT_TRUE(std::holds_alternative<SecurityModeComplete>(complete.value()));
  const auto reject = decode_security_mode_message(hex("7e005f18"));
  ASSERT_TRUE(reject.ok());
  EXPECT_EQ(std::get<SecurityModeReject>(reject.value()), SecurityModeReject{24});
  EXPECT_EQ(encode(SecurityModeMessage(SecurityModeReject{24})), hex("7e005f18"));
}

}  // namespace
}  // namespace secmode::spec::nas5gs
