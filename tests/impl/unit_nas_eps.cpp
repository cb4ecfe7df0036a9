// Known byte strings for the zero-copy EPS NAS codec (the hand-built PDUs of
// tests/codec/unit_nas_eps_known.cpp, TS 24.301 V17.9.0), each error class with its IE and
// offset, the TS 24.301 clause 7 cases it steps over, and the encoders' retry contract.
#include <gtest/gtest.h>

#include <array>
#include <string>

#include "impl/codec/nas_eps.h"
#include "tests/impl/checks.h"
#include "tests/support/vectors.h"

namespace secmode::impl::nas {
namespace {

using Bytes = std::vector<std::uint8_t>;
using test::decoded_clean;
using test::encoded;
using test::expect_error;
using test::expect_retry_contract;
using test::hex;

Bytes to_bytes(ByteView v) { return Bytes(v.begin(), v.end()); }

// ---- known PDUs ------------------------------------------------------------------------------

TEST(ImplNasEpsKnown, SecurityModeCommandEea0Eia2WithTwoOctetCapabilities) {
  const Bytes pdu = hex("075d020002e0e0");
  const auto m = decoded_clean(decode_security_mode_command(pdu));
  EXPECT_EQ(m.selected_nas_security_algorithms.ciphering, 0);
  EXPECT_EQ(m.selected_nas_security_algorithms.integrity, 2);
  EXPECT_FALSE(m.nas_key_set_identifier.mapped);
  EXPECT_EQ(m.nas_key_set_identifier.ksi, 0);
  EXPECT_EQ(to_bytes(m.replayed_ue_security_capabilities), hex("e0e0"));
  EXPECT_EQ(m.replayed_ue_security_capabilities.data(), pdu.data() + 5) << "a view, not a copy";
  EXPECT_FALSE(m.imeisv_request || m.replayed_nonce_ue || m.nonce_mme || m.hash_mme ||
               m.replayed_ue_additional_security_capability || m.ue_radio_capability_id_request);
  EXPECT_EQ(encoded(m), pdu);
}

TEST(ImplNasEpsKnown, SecurityModeCommandWithFourOctetCapabilitiesImeisvRequestAndNonces) {
  const Bytes pdu =
      hex("075d2201"
          "04f070c040"
          "c1"
          "5501020304"
          "56a1b2c3d4");
  const auto m = decoded_clean(decode_security_mode_command(pdu));
  EXPECT_EQ(m.selected_nas_security_algorithms.ciphering, 2);
  EXPECT_EQ(m.selected_nas_security_algorithms.integrity, 2);
  EXPECT_EQ(m.nas_key_set_identifier.ksi, 1);
  EXPECT_EQ(to_bytes(m.replayed_ue_security_capabilities), hex("f070c040"));
  EXPECT_EQ(m.imeisv_request, 1);
  EXPECT_EQ(m.replayed_nonce_ue, 0x01020304u);
  EXPECT_EQ(m.nonce_mme, 0xa1b2c3d4u);
  EXPECT_FALSE(m.hash_mme);
  EXPECT_EQ(encoded(m), pdu);
}

TEST(ImplNasEpsKnown, SecurityModeCommandWithFiveOctetCapabilitiesHashAndAdditionalCapability) {
  const Bytes pdu =
      hex("075d110e"
          "05f0f0c04070"
          "4f080011223344556677"
          "6f04f0007000"
          "370101");
  const auto m = decoded_clean(decode_security_mode_command(pdu));
  EXPECT_EQ(m.selected_nas_security_algorithms.ciphering, 1);
  EXPECT_EQ(m.selected_nas_security_algorithms.integrity, 1);
  EXPECT_TRUE(m.nas_key_set_identifier.mapped);
  EXPECT_EQ(m.nas_key_set_identifier.ksi, 6);
  EXPECT_EQ(to_bytes(m.replayed_ue_security_capabilities), hex("f0f0c04070"));
  ASSERT_TRUE(m.hash_mme);
  EXPECT_EQ(to_bytes(*m.hash_mme), hex("0011223344556677"));
  ASSERT_TRUE(m.replayed_ue_additional_security_capability);
  EXPECT_EQ(m.replayed_ue_additional_security_capability->ea, 0xf000);
  EXPECT_EQ(m.replayed_ue_additional_security_capability->ia, 0x7000);
  EXPECT_EQ(m.ue_radio_capability_id_request, true);
  EXPECT_FALSE(m.imeisv_request);
  EXPECT_EQ(encoded(m), pdu);
}

TEST(ImplNasEpsKnown, SecurityModeCompleteWithImeisvReplayedContainerAndRadioCapabilityId) {
  const Bytes pdu =
      hex("075e"
          "2309"
          "3365890214325406f1"
          "790003074171"
          "6602abcd");
  const auto m = decoded_clean(decode_security_mode_complete(pdu));
  ASSERT_TRUE(m.imeisv);
  std::array<char, 16> digits{};
  imeisv_digits(*m.imeisv, digits);
  EXPECT_EQ(std::string(digits.begin(), digits.end()), "3569820412345601");
  EXPECT_EQ(to_bytes(*m.replayed_nas_message_container), hex("074171"));
  EXPECT_EQ(to_bytes(*m.ue_radio_capability_id), hex("abcd"));
  EXPECT_EQ(encoded(m), pdu);
}

TEST(ImplNasEpsKnown, EmptySecurityModeCompleteAndEmptyContainer) {
  const auto m = decoded_clean(decode_security_mode_complete(hex("075e")));
  EXPECT_FALSE(m.imeisv || m.replayed_nas_message_container || m.ue_radio_capability_id);
  EXPECT_EQ(encoded(m), hex("075e"));
  // 9.9.3.51: a replayed container of 0 octets is present, not absent.
  const auto empty = decoded_clean(decode_security_mode_complete(hex("075e790000")));
  ASSERT_TRUE(empty.replayed_nas_message_container);
  EXPECT_TRUE(empty.replayed_nas_message_container->empty());
  EXPECT_EQ(encoded(empty), hex("075e790000"));
}

TEST(ImplNasEpsKnown, SecurityModeRejectCauses) {
  for (std::uint8_t cause : {std::uint8_t{23}, std::uint8_t{24}}) {
    const Bytes pdu{0x07, 0x5f, cause};
    EXPECT_EQ(decoded_clean(decode_security_mode_reject(pdu)).emm_cause, cause);
    EXPECT_EQ(encoded(SecurityModeReject{cause}), pdu);
  }
}

TEST(ImplNasEpsKnown, SecurityProtectedSecurityModeCommand) {
  const Bytes pdu =
      hex("37"
          "5a6b7c8d"
          "00"
          "075d020002e0e0");
  const auto p = decoded_clean(decode_security_protected(pdu));
  EXPECT_EQ(p.type, SecurityHeaderType::integrity_protected_new_context);
  EXPECT_EQ(p.mac, (std::array<std::uint8_t, 4>{0x5a, 0x6b, 0x7c, 0x8d}));
  EXPECT_EQ(p.sequence_number, 0);
  EXPECT_EQ(p.nas_message.data(), pdu.data() + 6);
  EXPECT_EQ(encoded(p), pdu);
  const auto inner = decoded_clean(decode_security_mode_message(p.nas_message));
  ASSERT_TRUE(std::holds_alternative<SecurityModeCommand>(inner));
  EXPECT_EQ(std::get<SecurityModeCommand>(inner).selected_nas_security_algorithms.integrity, 2);
}

TEST(ImplNasEpsKnown, SecurityProtectedCipheredCompleteKeepsOpaqueOctets) {
  const Bytes pdu =
      hex("47"
          "01020304"
          "2a"
          "c3");
  const auto p = decoded_clean(decode_security_protected(pdu));
  EXPECT_EQ(p.type, SecurityHeaderType::integrity_protected_ciphered_new_context);
  EXPECT_EQ(p.sequence_number, 0x2a);
  EXPECT_EQ(to_bytes(p.nas_message), hex("c3"));
  EXPECT_EQ(encoded(p), pdu);
}

TEST(ImplNasEpsKnown, DispatchOnMessageType) {
  EXPECT_TRUE(std::holds_alternative<SecurityModeCommand>(
      decoded_clean(decode_security_mode_message(hex("075d020002e0e0")))));
  EXPECT_TRUE(std::holds_alternative<SecurityModeComplete>(
      decoded_clean(decode_security_mode_message(hex("075e")))));
  const auto reject = decoded_clean(decode_security_mode_message(hex("075f18")));
  EXPECT_EQ(std::get<SecurityModeReject>(reject).emm_cause, 24);
  EXPECT_EQ(encoded(SecurityModeMessage(SecurityModeReject{24})), hex("075f18"));
}

// ---- errors: message, IE and offset ------------------------------------------------------------

TEST(ImplNasEpsErrors, EveryPrefixOfACommandFailsAtTheIeItCuts) {
  const Bytes pdu =
      hex("075d110e"
          "05f0f0c04070"
          "c1"
          "5501020304"
          "4f080011223344556677"
          "370101");
  const std::array<std::size_t, 9> starts{0, 1, 2, 3, 4, 10, 11, 16, 26};
  const std::array<const char*, 9> names{"Protocol discriminator",
                                         "Message type",
                                         "Selected NAS security algorithms",
                                         "NAS key set identifier",
                                         "Replayed UE security capabilities",
                                         "IMEISV request",
                                         "Replayed nonceUE",
                                         "HashMME",
                                         "UE radio capability ID request"};
  for (std::size_t n = 0; n < pdu.size(); ++n) {
    const auto d = decode_security_mode_command(ByteView(pdu).first(n));
    std::size_t cut = 0;
    while (cut + 1 < starts.size() && starts[cut + 1] <= n) ++cut;
    if (n >= 10 && starts[cut] == n) {
      EXPECT_TRUE(d.ok()) << n;
      continue;
    }
    SCOPED_TRACE(n);
    // Below two octets 7.2 speaks first and the offset is where the message ends.
    expect_error(d, "SECURITY MODE COMMAND", names[cut], n < 2 ? n : starts[cut]);
  }
}

TEST(ImplNasEpsErrors, EveryPrefixOfACompleteARejectAndAProtectedMessageFails) {
  const Bytes complete =
      hex("075e"
          "2309"
          "3365890214325406f1"
          "790003074171"
          "6602abcd");
  for (std::size_t n = 0; n < complete.size(); ++n)
    EXPECT_EQ(decode_security_mode_complete(ByteView(complete).first(n)).ok(),
              n == 2 || n == 13 || n == 19)
        << n;
  expect_error(decode_security_mode_complete(ByteView(complete).first(16)),
               "SECURITY MODE COMPLETE", "Replayed NAS message container", 13);
  const Bytes reject = hex("075f18");
  expect_error(decode_security_mode_reject(ByteView(reject).first(2)), "SECURITY MODE REJECT",
               "EMM cause", 2);
  const Bytes protected_pdu =
      hex("37"
          "5a6b7c8d"
          "00"
          "07");
  const char* protected_names[] = {"Protocol discriminator",
                                   "Message authentication code",
                                   "Message authentication code",
                                   "Message authentication code",
                                   "Message authentication code",
                                   "Sequence number",
                                   "NAS message"};
  const std::size_t protected_offsets[] = {0, 1, 1, 1, 1, 5, 6};
  for (std::size_t n = 0; n < 7; ++n) {
    SCOPED_TRACE(n);
    expect_error(decode_security_protected(ByteView(protected_pdu).first(n)),
                 "SECURITY PROTECTED NAS MESSAGE", protected_names[n], protected_offsets[n]);
  }
}

TEST(ImplNasEpsErrors, MandatoryCapabilitiesOfABadLengthAreErrors) {
  for (const char* pdu : {"075d020001e0", "075d020000", "075d020003e0e0c0", "075d020004e0e0"})
    expect_error(decode_security_mode_command(hex(pdu)), "SECURITY MODE COMMAND",
                 "Replayed UE security capabilities", 4);
}

TEST(ImplNasEpsErrors, HeaderErrors) {
  const char* kProtected = "SECURITY PROTECTED NAS MESSAGE";
  for (std::uint8_t t = 6; t <= 11; ++t)
    expect_error(
        decode_security_protected(Bytes{static_cast<std::uint8_t>(t << 4 | 7), 1, 2, 3, 4, 0, 7}),
        kProtected, "Security header type", 0);
  for (const char* plain_or_service_request :
       {"07010203040007", "c7010203040007", "f7010203040007"})
    expect_error(decode_security_protected(hex(plain_or_service_request)), kProtected,
                 "Security header type", 0);
  expect_error(decode_security_protected(hex("32010203040007")), kProtected,
               "Protocol discriminator", 0);
  expect_error(decode_security_mode_command(hex("175d020002e0e0")), "SECURITY MODE COMMAND",
               "Security header type", 0);
  expect_error(decode_security_mode_command(hex("025d020002e0e0")), "SECURITY MODE COMMAND",
               "Protocol discriminator", 0);
  expect_error(decode_security_mode_command(hex("075e")), "SECURITY MODE COMMAND", "Message type",
               1);
  expect_error(decode_security_mode_message(hex("0741")), "EMM message", "Message type", 1);
  expect_error(decode_security_mode_message(hex("07")), "EMM message", "Message type", 1);
  expect_error(decode_security_mode_message({}), "EMM message", "Protocol discriminator", 0);
  // TS 24.301 9.9.3.21: KSI 111 is reserved network to UE.
  expect_error(decode_security_mode_command(hex("075d020702e0e0")), "SECURITY MODE COMMAND",
               "NAS key set identifier", 3);
}

TEST(ImplNasEpsErrors, IesRunningPastTheEndAndComprehensionRequiredIesAreErrors) {
  expect_error(decode_security_mode_command(hex("075d020002e0e0"
                                                "4f08"
                                                "0011")),
               "SECURITY MODE COMMAND", "HashMME", 7);
  expect_error(decode_security_mode_complete(hex("075e"
                                                 "790005"
                                                 "0741")),
               "SECURITY MODE COMPLETE", "Replayed NAS message container", 2);
  expect_error(decode_security_mode_reject(hex("075f18"
                                               "2a05"
                                               "00")),
               "SECURITY MODE REJECT", "", 3);
  // TS 24.007 11.2.4 / TS 24.301 7.5.1.
  expect_error(decode_security_mode_command(hex("075d020002e0e0"
                                                "0a0100")),
               "SECURITY MODE COMMAND", "", 7);
}

// ---- TS 24.301 clause 7: what is stepped over, with its place ---------------------------------

TEST(ImplNasEpsIgnored, UnknownOutOfSequenceRepeatedAndBadLengthIes) {
  struct Case {
    const char* pdu;
    std::vector<std::size_t> offsets;
    std::vector<std::string> names;
  };
  const Case cases[] = {
      // 7.6.1: type 4, type 1 and type 6 unknown IEs, then a known nonceUE.
      {"075d020002e0e0"
       "5a02aabb"
       "d1"
       "7a0001ff"
       "5501020304",
       {7, 11, 12},
       {"", "", ""}},
      // 7.6.2: nonceUE after NonceMME.
      {"075d020002e0e0"
       "56a1b2c3d4"
       "5501020304",
       {12},
       {"Replayed nonceUE"}},
      // 7.6.3: a second IMEISV request and a second nonceUE.
      {"075d020002e0e0"
       "c1"
       "c0"
       "5501020304"
       "5505060708",
       {8, 14},
       {"IMEISV request", "Replayed nonceUE"}},
      // 7.7.1: optional IEs of a bad length.
      {"075d020002e0e0"
       "4f0700112233445566",
       {7},
       {"HashMME"}},
      {"075d020002e0e0"
       "6f03f00070",
       {7},
       {"Replayed UE additional security capability"}},
      {"075d020002e0e0"
       "3700",
       {7},
       {"UE radio capability ID request"}},
      // TS 24.007 11.4.2: longer than defined, the extra octets ignored, the IE kept.
      {"075d020006e0e0c040709f", {4}, {"Replayed UE security capabilities"}},
      {"075d020002e0e0"
       "4f09001122334455667788"
       "37020100",
       {7, 18},
       {"HashMME", "UE radio capability ID request"}},
      {"075e"
       "2308336589021432540f",
       {2},
       {"IMEISV"}},
      {"075e"
       "6600",
       {2},
       {"UE radio capability ID"}},
      // An IMEI (type 010) where the IMEISV belongs: syntactically incorrect contents (7.7.1).
      {"075e"
       "2309"
       "3265890214325406f1",
       {2},
       {"IMEISV"}},
      {"075f17"
       "6701ff",
       {3},
       {""}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.pdu);
    std::array<IgnoredIe, 8> sink{};
    const auto d = decode_security_mode_message(hex(c.pdu), sink);
    ASSERT_TRUE(d.ok()) << d.error.message << " " << d.error.ie << " " << d.error.offset;
    ASSERT_EQ(d.ignored, c.offsets.size());
    for (std::size_t k = 0; k < c.offsets.size(); ++k) {
      EXPECT_EQ(sink[k].offset, c.offsets[k]);
      EXPECT_EQ(sink[k].ie, c.names[k]);
      EXPECT_NE(std::string(sink[k].reason).find("TS 24."), std::string::npos) << sink[k].reason;
    }
  }
}

TEST(ImplNasEpsIgnored, ASmallSinkKeepsTheFirstAndCountsAll) {
  const Bytes pdu =
      hex("075f17"
          "a1"
          "b2"
          "c3"
          "d4"
          "e5");
  std::array<IgnoredIe, 2> sink{};
  const auto d = decode_security_mode_reject(pdu, sink);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d.ignored, 5u);
  EXPECT_EQ(sink[0].offset, 3u);
  EXPECT_EQ(sink[1].offset, 4u);
  EXPECT_EQ(sink[1].iei, 0xb2);
  EXPECT_EQ(decode_security_mode_reject(pdu).ignored, 5u) << "no sink at all still counts";
}

// ---- encoders ----------------------------------------------------------------------------------

TEST(ImplNasEpsEncode, ABufferTooSmallReportsTheSizeToRetryWith) {
  const Bytes pdu =
      hex("075d110e"
          "05f0f0c04070"
          "4f080011223344556677"
          "6f04f0007000"
          "370101");
  const auto m = decoded_clean(decode_security_mode_command(pdu));
  expect_retry_contract(m, pdu);
  const Bytes protected_pdu =
      hex("47"
          "01020304"
          "2a"
          "c3");
  Bytes short_buffer(5);
  const Encoded p = encode(decoded_clean(decode_security_protected(protected_pdu)), short_buffer);
  EXPECT_FALSE(p.written);
  EXPECT_EQ(p.size, 7u);
}

TEST(ImplNasEpsEncode, ValuesBreakingTheirContractAreRefused) {
  const Bytes caps = hex("e0e0c0");
  std::array<std::uint8_t, 64> out{};
  SecurityModeCommand smc;
  smc.replayed_ue_security_capabilities = ByteView(caps).first(2);
  EXPECT_TRUE(encode(smc, out).written);
  auto refused = [&](const auto& m) {
    const Encoded e = encode(m, out);
    return e.error != nullptr && !e.written && e.size == 0;
  };
  auto bad = smc;
  bad.nas_key_set_identifier.ksi = 7;
  EXPECT_TRUE(refused(bad));
  bad = smc;
  bad.selected_nas_security_algorithms.integrity = 8;
  EXPECT_TRUE(refused(bad));
  bad = smc;
  bad.replayed_ue_security_capabilities = caps;  // octet 5 without octet 6
  EXPECT_TRUE(refused(bad));
  bad = smc;
  bad.replayed_ue_security_capabilities = ByteView(caps).first(1);
  EXPECT_TRUE(refused(bad));
  bad = smc;
  bad.imeisv_request = 8;
  EXPECT_TRUE(refused(bad));
  const Bytes imei = hex("3265890214325406f1");
  EXPECT_TRUE(
      refused(SecurityModeComplete{std::span<const std::uint8_t, 9>(imei.data(), 9), {}, {}}));
  const Bytes big(65536);
  EXPECT_TRUE(refused(SecurityModeComplete{{}, ByteView(big), {}}));
  EXPECT_TRUE(refused(SecurityModeComplete{{}, {}, ByteView{}}));
  EXPECT_TRUE(refused(SecurityModeComplete{{}, {}, ByteView(big).first(256)}));
  EXPECT_TRUE(refused(SecurityProtectedMessage{SecurityHeaderType::plain, {}, 0, ByteView(caps)}));
  EXPECT_TRUE(
      refused(SecurityProtectedMessage{SecurityHeaderType::integrity_protected, {}, 0, {}}));
}

}  // namespace
}  // namespace secmode::impl::nas
