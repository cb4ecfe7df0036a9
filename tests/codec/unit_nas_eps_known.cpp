// Known byte strings for the EPS NAS security mode codec, each built by hand from the layouts of
// TS 24.301 V17.9.0 (tables 8.2.20.1, 8.2.21.1, 8.2.22.1, 8.2.23.1, figure 9.1.2; IEs 9.9.3.9,
// 9.9.3.21, 9.9.3.23, 9.9.3.25, 9.9.3.36, 9.9.3.50, 9.9.3.53, 9.9.3.59) and TS 24.008 10.5.1.4.
// Every decoded field is asserted and every message must re-encode to the same octets.
#include <gtest/gtest.h>

#include "spec/codec/nas_eps.h"
#include "tests/codec/checks.h"
#include "tests/support/vectors.h"

namespace secmode::spec::nas {
namespace {

using test::decoded_clean;

using test::hex;

// 07: security header type 0 | PD 7; 5d: SECURITY MODE COMMAND; 02: spare, EEA0 (000), spare,
// 128-EIA2 (010); 00: spare half octet | TSC 0, KSI 0; 02 e0 e0: LV, EEA0-2 and EIA0-2.
TEST(NasEpsKnown, SecurityModeCommandEea0Eia2WithTwoOctetCapabilities) {
  const Bytes pdu = hex("075d020002e0e0");
  const auto m = decoded_clean(decode_security_mode_command(pdu));
  EXPECT_EQ(m.selected_nas_security_algorithms.ciphering, 0);
  EXPECT_EQ(m.selected_nas_security_algorithms.integrity, 2);
  EXPECT_FALSE(m.nas_key_set_identifier.mapped);
  EXPECT_EQ(m.nas_key_set_identifier.ksi, 0);
  EXPECT_EQ(m.replayed_ue_security_capabilities.eea, 0xe0);
  EXPECT_EQ(m.replayed_ue_security_capabilities.eia, 0xe0);
  EXPECT_FALSE(m.replayed_ue_security_capabilities.uea);
  EXPECT_FALSE(m.replayed_ue_security_capabilities.uia);
  EXPECT_FALSE(m.replayed_ue_security_capabilities.gea);
  EXPECT_FALSE(m.imeisv_request);
  EXPECT_FALSE(m.replayed_nonce_ue);
  EXPECT_FALSE(m.nonce_mme);
  EXPECT_FALSE(m.hash_mme);
  EXPECT_FALSE(m.replayed_ue_additional_security_capability);
  EXPECT_FALSE(m.ue_radio_capability_id_request);
  EXPECT_EQ(encode(m), pdu);
}

// 22: 128-EEA2 / 128-EIA2; 01: KSI 1; 04 f0 70 c0 40: EEA0-3, EIA1-3, UEA0-1, UIA1;
// c1: IMEISV requested; 55 + nonceUE; 56 + nonceMME.
TEST(NasEpsKnown, SecurityModeCommandWithFourOctetCapabilitiesImeisvRequestAndNonces) {
  const Bytes pdu =
      hex("075d2201"
          "04f070c040"
          "c1"
          "5501020304"
          "56a1b2c3d4");
  const auto m = decoded_clean(decode_security_mode_command(pdu));
  EXPECT_EQ(m.selected_nas_security_algorithms, (NasSecurityAlgorithms{2, 2}));
  EXPECT_EQ(m.nas_key_set_identifier, (NasKeySetIdentifier{false, 1}));
  const auto& caps = m.replayed_ue_security_capabilities;
  EXPECT_EQ(caps.eea, 0xf0);
  EXPECT_EQ(caps.eia, 0x70);
  EXPECT_EQ(caps.uea, 0xc0);
  EXPECT_EQ(caps.uia, 0x40);
  EXPECT_FALSE(caps.gea);
  EXPECT_EQ(m.imeisv_request, 1);
  EXPECT_EQ(m.replayed_nonce_ue, 0x01020304u);
  EXPECT_EQ(m.nonce_mme, 0xa1b2c3d4u);
  EXPECT_FALSE(m.hash_mme);
  EXPECT_EQ(encode(m), pdu);
}

// 11: 128-EEA1 / 128-EIA1; 0e: TSC 1 (mapped), KSI 6; 05 f0 f0 c0 40 70: five octets, GEA1-3;
// 4f 08 + HashMME; 6f 04 f000 7000: 5G-EA0-3, 5G-IA1-3; 37 01 01: UE radio capability ID requested.
TEST(NasEpsKnown, SecurityModeCommandWithFiveOctetCapabilitiesHashAndAdditionalCapability) {
  const Bytes pdu =
      hex("075d110e"
          "05f0f0c04070"
          "4f080011223344556677"
          "6f04f0007000"
          "370101");
  const auto m = decoded_clean(decode_security_mode_command(pdu));
  EXPECT_EQ(m.selected_nas_security_algorithms, (NasSecurityAlgorithms{1, 1}));
  EXPECT_EQ(m.nas_key_set_identifier, (NasKeySetIdentifier{true, 6}));
  EXPECT_EQ(m.replayed_ue_security_capabilities.gea, 0x70);
  ASSERT_TRUE(m.hash_mme);
  EXPECT_EQ(Bytes(m.hash_mme->begin(), m.hash_mme->end()), hex("0011223344556677"));
  EXPECT_EQ(m.replayed_ue_additional_security_capability,
            (UeAdditionalSecurityCapability{0xf000, 0x7000}));
  EXPECT_EQ(m.ue_radio_capability_id_request, true);
  EXPECT_FALSE(m.imeisv_request);
  EXPECT_EQ(encode(m), pdu);
}

// 23 09 + IMEISV 3569820412345601: octet 3 = digit 1 (3) | even | type 011 = 0x33, then digit
// pairs low nibble first, end mark f in the last octet; 79 0003 + a replayed ATTACH REQUEST
// fragment; 66 02 + UE radio capability ID.
TEST(NasEpsKnown, SecurityModeCompleteWithImeisvReplayedContainerAndRadioCapabilityId) {
  const Bytes pdu =
      hex("075e"
          "2309"
          "33658902143254"
          "06f1"
          "790003074171"
          "6602abcd");
  const auto m = decoded_clean(decode_security_mode_complete(pdu));
  EXPECT_EQ(m.imeisv, "3569820412345601");
  EXPECT_EQ(m.replayed_nas_message_container, hex("074171"));
  EXPECT_EQ(m.ue_radio_capability_id, hex("abcd"));
  EXPECT_EQ(encode(m), pdu);
}

TEST(NasEpsKnown, EmptySecurityModeComplete) {
  const Bytes pdu = hex("075e");
  const auto m = decoded_clean(decode_security_mode_complete(pdu));
  EXPECT_EQ(m, SecurityModeComplete{});
  EXPECT_EQ(encode(m), pdu);
}

// Cause #23 "UE security capabilities mismatch" and #24 "security mode rejected, unspecified".
TEST(NasEpsKnown, SecurityModeRejectCauses) {
  for (std::uint8_t cause : {std::uint8_t{23}, std::uint8_t{24}}) {
    const Bytes pdu{0x07, 0x5f, cause};
    const auto m = decoded_clean(decode_security_mode_reject(pdu));
    EXPECT_EQ(m.emm_cause, cause);
    EXPECT_EQ(encode(m), pdu);
  }
}

// Figure 9.1.2: 37 = security header type 3 (integrity protected with new EPS security context,
// the SECURITY MODE COMMAND codepoint) | PD 7, MAC, sequence number 0, then the plain message.
TEST(NasEpsKnown, SecurityProtectedSecurityModeCommand) {
  const Bytes pdu =
      hex("37"
          "5a6b7c8d"
          "00"
          "075d020002e0e0");
  const auto p = decoded_clean(decode_security_protected(pdu));
  EXPECT_EQ(p.type, SecurityHeaderType::integrity_protected_new_context);
  EXPECT_EQ(p.mac, (Mac32{0x5a, 0x6b, 0x7c, 0x8d}));
  EXPECT_EQ(p.sequence_number, 0);
  EXPECT_EQ(p.nas_message, hex("075d020002e0e0"));
  EXPECT_EQ(encode(p), pdu);
  const auto inner = decoded_clean(decode_security_mode_message(p.nas_message));
  ASSERT_TRUE(std::holds_alternative<SecurityModeCommand>(inner));
  EXPECT_EQ(std::get<SecurityModeCommand>(inner).selected_nas_security_algorithms.integrity, 2);
}

// 47: type 4 (integrity protected and ciphered with new EPS security context, the SECURITY
// MODE COMPLETE codepoint); the NAS message is ciphered, so it stays opaque octets.
TEST(NasEpsKnown, SecurityProtectedCipheredCompleteKeepsOpaqueOctets) {
  const Bytes pdu =
      hex("47"
          "01020304"
          "2a"
          "c3");
  const auto p = decoded_clean(decode_security_protected(pdu));
  EXPECT_EQ(p.type, SecurityHeaderType::integrity_protected_ciphered_new_context);
  EXPECT_EQ(p.sequence_number, 0x2a);
  EXPECT_EQ(p.nas_message, hex("c3"));
  EXPECT_EQ(encode(p), pdu);
}

TEST(NasEpsKnown, SecurityHeaderTypesOfTable931) {
  for (int t : {0, 1, 2, 3, 4, 5, 12}) {
    const auto d = decode_security_header_type(Bytes{static_cast<std::uint8_t>(t << 4 | 7)});
    ASSERT_TRUE(d.ok()) << t;
    EXPECT_EQ(static_cast<int>(d.value()), t);
  }
  // NOTE 3: 1101 to 1111 "shall be interpreted as '1100'".
  for (int t : {13, 14, 15}) {
    const auto d = decode_security_header_type(Bytes{static_cast<std::uint8_t>(t << 4 | 7)});
    ASSERT_TRUE(d.ok()) << t;
    EXPECT_EQ(d.value(), SecurityHeaderType::service_request);
  }
}

TEST(NasEpsKnown, DispatchOnMessageType) {
  EXPECT_TRUE(std::holds_alternative<SecurityModeCommand>(
      decode_security_mode_message(hex("075d020002e0e0")).value()));
  EXPECT_TRUE(std::holds_alternative<SecurityModeComplete>(
      decode_security_mode_message(hex("075e")).value()));
  EXPECT_EQ(std::get<SecurityModeReject>(decode_security_mode_message(hex("075f18")).value()),
            SecurityModeReject{24});
  EXPECT_EQ(encode(SecurityModeMessage(SecurityModeReject{24})), hex("075f18"));
}

}  // namespace
}  // namespace secmode::spec::nas
