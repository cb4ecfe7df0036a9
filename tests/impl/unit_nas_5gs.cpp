// Known byte strings for the zero-copy 5GS NAS codec (the hand-built PDUs of
// tests/codec/unit_nas_5gs_known.cpp, TS 24.501 V17.9.0), each error class with its IE and
// offset, the TS 24.501 clause 7 cases it steps over, and the encoders' retry contract.
#include <gtest/gtest.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "impl/codec/nas_5gs.h"
#include "tests/impl/checks.h"
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

Bytes to_bytes(ByteView v) { return Bytes(v.begin(), v.end()); }
Bytes cat(const char* a, const char* b) { return hex(std::string_view(std::string(a) + b)); }

constexpr const char* kCommand = "SECURITY MODE COMMAND";
constexpr const char* kComplete = "SECURITY MODE COMPLETE";
constexpr const char* kProtected = "SECURITY PROTECTED 5GS NAS MESSAGE";
constexpr const char* kBaseCommand = "7e005d020002e0e0";  // optional IEs start at offset 8

// ---- known PDUs ------------------------------------------------------------------------------

TEST(ImplNas5gsKnown, SecurityModeCommandEa0Ia2WithTwoOctetCapabilities) {
  const Bytes pdu = hex("7e005d020002e0e0");
  const auto m = decoded_clean(decode_security_mode_command(pdu));
  EXPECT_EQ(m.selected_nas_security_algorithms.ciphering, 0);
  EXPECT_EQ(m.selected_nas_security_algorithms.integrity, 2);
  EXPECT_FALSE(m.ngksi.mapped);
  EXPECT_EQ(m.ngksi.ksi, 0);
  EXPECT_EQ(to_bytes(m.replayed_ue_security_capabilities), hex("e0e0"));
  EXPECT_EQ(m.replayed_ue_security_capabilities.data(), pdu.data() + 6) << "a view, not a copy";
  EXPECT_FALSE(m.imeisv_request || m.selected_eps_nas_security_algorithms ||
               m.additional_5g_security_information || m.eap_message || m.abba ||
               m.replayed_s1_ue_security_capabilities);
  EXPECT_EQ(encoded(m), pdu);
}

TEST(ImplNas5gsKnown, ProtectedSecurityModeCommandWithImeisvRequestAbbaAndN26Ies) {
  const Bytes plain =
      hex("7e005d2201"
          "04f0f0f0f0"
          "e1"
          "5722"
          "360102"
          "38020000"
          "1904f070c040");
  Bytes pdu =
      hex("7e03"
          "8b6c3a1f"
          "00");
  pdu.insert(pdu.end(), plain.begin(), plain.end());
  const auto p = decoded_clean(decode_security_protected(pdu));
  EXPECT_EQ(p.type, SecurityHeaderType::integrity_protected_new_context);
  EXPECT_EQ(p.mac, (std::array<std::uint8_t, 4>{0x8b, 0x6c, 0x3a, 0x1f}));
  EXPECT_EQ(p.sequence_number, 0);
  EXPECT_EQ(p.plain_nas_message.data(), pdu.data() + 7);
  EXPECT_EQ(to_bytes(p.plain_nas_message), plain);
  EXPECT_EQ(encoded(p), pdu);

  const auto m = decoded_clean(decode_security_mode_command(p.plain_nas_message));
  EXPECT_EQ(m.selected_nas_security_algorithms.ciphering, 2);
  EXPECT_EQ(m.selected_nas_security_algorithms.integrity, 2);
  EXPECT_EQ(m.ngksi.ksi, 1);
  EXPECT_EQ(to_bytes(m.replayed_ue_security_capabilities), hex("f0f0f0f0"));
  EXPECT_EQ(m.imeisv_request, 1);
  ASSERT_TRUE(m.selected_eps_nas_security_algorithms);
  EXPECT_EQ(m.selected_eps_nas_security_algorithms->ciphering, 2);
  EXPECT_EQ(m.selected_eps_nas_security_algorithms->integrity, 2);
  ASSERT_TRUE(m.additional_5g_security_information);
  EXPECT_TRUE(m.additional_5g_security_information->retransmission_of_initial_nas_message_requested);
  EXPECT_FALSE(m.additional_5g_security_information->horizontal_derivation_required);
  EXPECT_FALSE(m.eap_message);
  EXPECT_EQ(to_bytes(*m.abba), hex("0000"));
  EXPECT_EQ(to_bytes(*m.replayed_s1_ue_security_capabilities), hex("f070c040"));
  EXPECT_EQ(encoded(m), plain);
}

TEST(ImplNas5gsKnown, SecurityModeCommandWithEapSuccessAndEightOctetCapabilities) {
  const Bytes pdu =
      hex("7e005d110d"
          "08f0f0f0f001020304"
          "360101"
          "780004"
          "032a0004"
          "3803000102");
  const auto m = decoded_clean(decode_security_mode_command(pdu));
  EXPECT_EQ(m.selected_nas_security_algorithms.ciphering, 1);
  EXPECT_EQ(m.selected_nas_security_algorithms.integrity, 1);
  EXPECT_TRUE(m.ngksi.mapped);
  EXPECT_EQ(m.ngksi.ksi, 5);
  EXPECT_EQ(to_bytes(m.replayed_ue_security_capabilities), hex("f0f0f0f001020304"));
  ASSERT_TRUE(m.additional_5g_security_information);
  EXPECT_TRUE(m.additional_5g_security_information->horizontal_derivation_required);
  EXPECT_EQ(to_bytes(*m.eap_message), hex("032a0004"));
  EXPECT_EQ(m.eap_message->data(), pdu.data() + 20);
  EXPECT_EQ(to_bytes(*m.abba), hex("000102"));
  EXPECT_FALSE(m.imeisv_request);
  EXPECT_EQ(encoded(m), pdu);
}

TEST(ImplNas5gsKnown, EveryLegalLengthOfTheReplayedUeSecurityCapabilities) {
  for (const char* lv : {"02e070", "04e070f070", "06e070f070aabb", "08e070f070aabbccdd"}) {
    const Bytes pdu = cat("7e005d0200", lv);
    const auto m = decoded_clean(decode_security_mode_command(pdu));
    EXPECT_EQ(to_bytes(m.replayed_ue_security_capabilities), Bytes(pdu.begin() + 6, pdu.end()));
    EXPECT_EQ(encoded(m), pdu) << lv;
  }
}

TEST(ImplNas5gsKnown, SecurityModeCompleteWithImeisvAndNasMessageContainer) {
  const Bytes pdu =
      hex("7e005e"
          "770009"
          "35658902143254"
          "06f1"
          "7100047e004179");
  const auto m = decoded_clean(decode_security_mode_complete(pdu));
  ASSERT_TRUE(m.imeisv);
  EXPECT_EQ(m.imeisv->data(), pdu.data() + 6);
  std::array<char, 16> digits{};
  imeisv_digits(*m.imeisv, digits);
  EXPECT_EQ(std::string(digits.begin(), digits.end()), "3569820412345601");
  EXPECT_EQ(to_bytes(*m.nas_message_container), hex("7e004179"));
  EXPECT_FALSE(m.non_imeisv_pei);
  EXPECT_EQ(encoded(m), pdu);
}

TEST(ImplNas5gsKnown, SecurityModeCompleteWithEachNonImeisvPei) {
  {
    const Bytes pdu = hex("7e005e780008" "4b09512430325781");
    const auto m = decoded_clean(decode_security_mode_complete(pdu));
    ASSERT_TRUE(m.non_imeisv_pei);
    const auto& imei = std::get<Imei>(*m.non_imeisv_pei);
    std::array<char, 15> digits{};
    imei_digits(imei.identity, digits);
    EXPECT_EQ(std::string(digits.begin(), digits.end()), "490154203237518");
    EXPECT_EQ(encoded(m), pdu);
  }
  const std::pair<const char*, bool> macs[] = {{"0e001122334455", true}, {"06a0b0c0d0e0f0", false}};
  for (const auto& [ie, mauri] : macs) {
    const Bytes pdu = cat("7e005e780007", ie);
    const auto m = decoded_clean(decode_security_mode_complete(pdu));
    const auto& mac = std::get<MacAddress>(*m.non_imeisv_pei);
    EXPECT_EQ(mac.not_usable_as_equipment_identifier, mauri);
    EXPECT_EQ(to_bytes(mac.address), Bytes(pdu.begin() + 7, pdu.end()));
    EXPECT_EQ(encoded(m), pdu) << ie;
  }
  const Bytes pdu = hex("7e005e780009" "070123456789abcdef");
  const auto m = decoded_clean(decode_security_mode_complete(pdu));
  EXPECT_EQ(to_bytes(std::get<Eui64>(*m.non_imeisv_pei).value), hex("0123456789abcdef"));
  EXPECT_EQ(encoded(m), pdu);
}

TEST(ImplNas5gsKnown, EmptyCompleteRejectCausesAndDispatch) {
  const auto empty = decoded_clean(decode_security_mode_complete(hex("7e005e")));
  EXPECT_FALSE(empty.imeisv || empty.nas_message_container || empty.non_imeisv_pei);
  EXPECT_EQ(encoded(empty), hex("7e005e"));
  for (std::uint8_t cause : {std::uint8_t{23}, std::uint8_t{24}}) {
    const Bytes pdu{0x7e, 0x00, 0x5f, cause};
    EXPECT_EQ(decoded_clean(decode_security_mode_reject(pdu)).cause, cause);
    EXPECT_EQ(encoded(SecurityModeReject{cause}), pdu);
  }
  EXPECT_TRUE(std::holds_alternative<SecurityModeCommand>(
      decoded_clean(decode_security_mode_message(hex(kBaseCommand)))));
  EXPECT_TRUE(std::holds_alternative<SecurityModeComplete>(
      decoded_clean(decode_security_mode_message(hex("7e005e")))));
  const auto reject = decoded_clean(decode_security_mode_message(hex("7e005f18")));
  EXPECT_EQ(std::get<SecurityModeReject>(reject).cause, 24);
  EXPECT_EQ(encoded(SecurityModeMessage(SecurityModeReject{24})), hex("7e005f18"));
}

TEST(ImplNas5gsKnown, ProtectedCipheredAndTestModeMessagesStayOpaque) {
  const Bytes ciphered = hex("7e04" "01020304" "2a" "c3d4e5");
  const auto p = decoded_clean(decode_security_protected(ciphered));
  EXPECT_EQ(p.type, SecurityHeaderType::integrity_protected_ciphered_new_context);
  EXPECT_EQ(p.sequence_number, 0x2a);
  EXPECT_EQ(to_bytes(p.plain_nas_message), hex("c3d4e5"));
  EXPECT_EQ(encoded(p), ciphered);
  // Table 8.2.28.1.1 NOTE: two octets for a TS 38.509 test mode control message.
  const Bytes test_mode = hex("7e01a1a2a3a4070f80");
  const auto t = decoded_clean(decode_security_protected(test_mode));
  EXPECT_EQ(t.sequence_number, 7);
  EXPECT_EQ(to_bytes(t.plain_nas_message), hex("0f80"));
  EXPECT_EQ(encoded(t), test_mode);
}

TEST(ImplNas5gsKnown, SecurityHeaderTypesOfTable931) {
  for (std::uint8_t t = 0; t <= 4; ++t)
    EXPECT_EQ(static_cast<std::uint8_t>(decoded_clean(decode_security_header_type(
                  Bytes{0x7e, t}))),
              t);
  EXPECT_EQ(decoded_clean(decode_security_header_type(hex("7ef2"))),
            SecurityHeaderType::integrity_protected_ciphered)
      << "the spare half octet is not interpreted";
  expect_error(decode_security_header_type({}), "5GMM message", "Extended protocol discriminator",
               0, "TS 24.501 7.2");
  expect_error(decode_security_header_type(hex("7e")), "5GMM message", "Security header type", 1,
               "TS 24.501 7.2");
  expect_error(decode_security_header_type(hex("7e05")), "5GMM message", "Security header type",
               1, "table 9.3.1");
}

// Spare bits are not interpreted and encode as zero (9.3, 9.5, TS 24.301 9.9.3.23, 9.11.3.12,
// TS 24.008 10.5.5.10).
TEST(ImplNas5gsKnown, SpareBitsAreNotInterpreted) {
  const Bytes pdu = hex(
      "7ef05d02f002e0e0"
      "e9"
      "57aa"
      "3601fd");
  const auto noisy = decoded_clean(decode_security_mode_command(pdu));  // views into pdu
  EXPECT_EQ(encoded(noisy), cat(kBaseCommand, "e15722360101"));
}

// ---- errors: message, IE and offset ------------------------------------------------------------

TEST(ImplNas5gsErrors, EveryPrefixOfACommandFailsAtTheIeItCuts) {
  const Bytes pdu =
      hex("7e005d110d"
          "08f0f0f0f001020304"
          "e1"
          "5722"
          "360101"
          "780004032a0004"
          "38020000"
          "1902f070");
  ASSERT_TRUE(decode_security_mode_command(pdu).ok());
  const std::array<std::size_t, 12> starts{0, 1, 2, 3, 4, 5, 14, 15, 17, 20, 27, 31};
  const std::array<const char*, 12> names{"Extended protocol discriminator",
                                          "Security header type",
                                          "Message type",
                                          "Selected NAS security algorithms",
                                          "ngKSI",
                                          "Replayed UE security capabilities",
                                          "IMEISV request",
                                          "Selected EPS NAS security algorithms",
                                          "Additional 5G security information",
                                          "EAP message",
                                          "ABBA",
                                          "Replayed S1 UE security capabilities"};
  for (std::size_t n = 0; n < pdu.size(); ++n) {
    SCOPED_TRACE(n);
    const auto d = decode_security_mode_command(ByteView(pdu).first(n));
    std::size_t cut = 0;
    while (cut + 1 < starts.size() && starts[cut + 1] <= n) ++cut;
    if (n >= 14 && starts[cut] == n) {
      EXPECT_TRUE(d.ok());
      continue;
    }
    expect_error(d, kCommand, names[cut], starts[cut]);
  }
}

TEST(ImplNas5gsErrors, EveryPrefixOfACompleteARejectAndAProtectedMessageFails) {
  const Bytes complete =
      hex("7e005e"
          "77000935658902143254"
          "06f1"
          "7100047e004179"
          "7800070e001122334455");
  for (std::size_t n = 0; n < complete.size(); ++n)
    EXPECT_EQ(decode_security_mode_complete(ByteView(complete).first(n)).ok(),
              n == 3 || n == 15 || n == 22)
        << n;
  expect_error(decode_security_mode_complete(ByteView(complete).first(18)), kComplete,
               "NAS message container", 15);
  const Bytes reject = hex("7e005f18");
  const char* reject_ies[] = {"Extended protocol discriminator", "Security header type",
                              "Message type", "5GMM cause"};
  for (std::size_t n = 0; n < reject.size(); ++n)
    expect_error(decode_security_mode_reject(ByteView(reject).first(n)), "SECURITY MODE REJECT",
                 reject_ies[n], n);
  const Bytes protected_pdu = hex("7e03" "5a6b7c8d" "00" "7e005d020002e0e0");
  const char* ies[] = {"Extended protocol discriminator", "Security header type",
                       "Message authentication code",     "Message authentication code",
                       "Message authentication code",     "Message authentication code",
                       "Sequence number",                 "Plain 5GS NAS message",
                       "Plain 5GS NAS message"};
  const std::size_t offsets[] = {0, 1, 2, 2, 2, 2, 6, 7, 7};
  for (std::size_t n = 0; n < 9; ++n) {
    SCOPED_TRACE(n);
    expect_error(decode_security_protected(ByteView(protected_pdu).first(n)), kProtected, ies[n],
                 offsets[n]);
  }
  EXPECT_TRUE(decode_security_protected(ByteView(protected_pdu).first(9)).ok());
}

TEST(ImplNas5gsErrors, MandatoryCapabilitiesOfABadLengthAreErrors) {
  for (const char* pdu : {"7e005d020001e0", "7e005d020000", "7e005d020003e0e0f0",
                          "7e005d020005e0e0f0f0aa", "7e005d020007e0e0f0f0aabbcc"})
    expect_error(decode_security_mode_command(hex(pdu)), kCommand,
                 "Replayed UE security capabilities", 5, "TS 24.501 9.11.3.54");
  expect_error(decode_security_mode_command(hex("7e005d020004e0e0")), kCommand,
               "Replayed UE security capabilities", 5, "truncated");
}

TEST(ImplNas5gsErrors, HeaderErrors) {
  for (std::uint8_t t = 5; t <= 15; ++t) {
    expect_error(decode_security_protected(Bytes{0x7e, t, 1, 2, 3, 4, 0, 0x7e, 0x00, 0x5e}),
                 kProtected, "Security header type", 1, "TS 24.501 table 9.3.1");
    expect_error(decode_security_mode_complete(Bytes{0x7e, t, 0x5e}), kComplete,
                 "Security header type", 1, "TS 24.501 table 9.3.1");
  }
  expect_error(decode_security_protected(hex("7e00" "01020304" "00" "7e005e")), kProtected,
               "Security header type", 1, "TS 24.501 9.3");
  // A plain message decoder refuses any security header: it must be removed first (9.9).
  expect_error(decode_security_mode_command(hex("7e025d020002e0e0")), kCommand,
               "Security header type", 1, "TS 24.501 9.3, 9.9");
  for (const char* other_epd : {"2e005d020002e0e0", "075d020002e0e0"})
    expect_error(decode_security_mode_command(hex(other_epd)), kCommand,
                 "Extended protocol discriminator", 0, "TS 24.501 9.2");
  expect_error(decode_security_protected(hex("2e01" "01020304" "00" "7e005e")), kProtected,
               "Extended protocol discriminator", 0, "TS 24.501 9.2");
  expect_error(decode_security_mode_command(hex("7e005e")), kCommand, "Message type", 2,
               "TS 24.501 table 9.7.1");
  expect_error(decode_security_mode_message(hex("7e0041")), "5GMM message", "Message type", 2,
               "TS 24.501 table 9.7.1");
  expect_error(decode_security_mode_message(hex("7e00")), "5GMM message", "Message type", 2,
               "TS 24.501 7.2");
  expect_error(decode_security_mode_message({}), "5GMM message",
               "Extended protocol discriminator", 0, "TS 24.501 7.2");
  // Table 9.11.3.32.1: ngKSI 111 is reserved network to UE, whatever TSC says.
  for (const char* c : {"7e005d020702e0e0", "7e005d020f02e0e0"})
    expect_error(decode_security_mode_command(hex(c)), kCommand, "ngKSI", 4,
                 "TS 24.501 table 9.11.3.32.1");
}

TEST(ImplNas5gsErrors, ProtectedMessageInsideAReadableProtectedMessageIsAnError) {
  Bytes pdu = hex("7e01a1a2a3a400" "7e0301020304007e005d020002e0e0");
  expect_error(decode_security_protected(pdu), kProtected, "Plain 5GS NAS message", 7,
               "TS 24.501 9.9");
  pdu[1] = 0x02;  // ciphered: the same octets are opaque and accepted
  EXPECT_TRUE(decode_security_protected(pdu).ok());
}

TEST(ImplNas5gsErrors, IesRunningPastTheEndAndComprehensionRequiredIesAreErrors) {
  expect_error(decode_security_mode_command(cat(kBaseCommand, "380200")), kCommand, "ABBA", 8,
               "truncated");
  expect_error(decode_security_mode_command(cat(kBaseCommand, "57")), kCommand,
               "Selected EPS NAS security algorithms", 8, "truncated");
  expect_error(decode_security_mode_complete(hex("7e005e7100057e00")), kComplete,
               "NAS message container", 3, "truncated");
  expect_error(decode_security_mode_reject(hex("7e005f18" "2a0500")), "SECURITY MODE REJECT", "",
               4, "past the end");
  // TS 24.007 11.2.4 / TS 24.501 7.5.1.
  expect_error(decode_security_mode_command(cat(kBaseCommand, "0a0100")), kCommand, "", 8,
               "TS 24.501 7.5.1");
}

// ---- TS 24.501 clause 7: what is stepped over, with its place ---------------------------------

TEST(ImplNas5gsIgnored, UnknownOutOfSequenceRepeatedBadLengthAndBadContents) {
  struct Case {
    Bytes pdu;
    std::vector<std::size_t> offsets;
    std::vector<std::string> names;
    std::vector<std::string> clauses;
  };
  const Case cases[] = {
      // 7.6.1: type 4, type 1 and type 6 unknown IEs, then a known ABBA.
      {cat(kBaseCommand, "5a02aabb" "d1" "7a0001ff" "38020000"),
       {8, 12, 13},
       {"", "", ""},
       {"TS 24.501 7.6.1", "TS 24.501 7.6.1", "TS 24.501 7.6.1"}},
      // 7.6.2: the EPS algorithms after ABBA.
      {cat(kBaseCommand, "38020000" "5722"), {12}, {"Selected EPS NAS security algorithms"},
       {"TS 24.501 7.6.2"}},
      // 7.6.3: a second IMEISV request, a second EPS algorithms.
      {cat(kBaseCommand, "e1" "e0" "5722" "5711"),
       {9, 12},
       {"IMEISV request", "Selected EPS NAS security algorithms"},
       {"TS 24.501 7.6.3", "TS 24.501 7.6.3"}},
      // 7.7.1: optional IEs of a bad length, and S1 capabilities with octet 5 but not octet 6.
      {cat(kBaseCommand, "3600"), {8}, {"Additional 5G security information"}, {"7.7.1"}},
      {cat(kBaseCommand, "78000303aa00"), {8}, {"EAP message"}, {"7.7.1"}},
      {cat(kBaseCommand, "380100"), {8}, {"ABBA"}, {"7.7.1"}},
      {cat(kBaseCommand, "1901f0"), {8}, {"Replayed S1 UE security capabilities"}, {"7.7.1"}},
      {cat(kBaseCommand, "1903f070c0"), {8}, {"Replayed S1 UE security capabilities"}, {"7.7.1"}},
      // TS 24.007 11.4.2: longer than defined, the extra octets ignored, the IE kept.
      {hex("7e005d02000ae0e0f0f0aabbccdd1122"), {5}, {"Replayed UE security capabilities"},
       {"TS 24.007 11.4.2"}},
      {cat(kBaseCommand, "36020103"), {8}, {"Additional 5G security information"},
       {"TS 24.007 11.4.2"}},
      {hex("7e005e77000a3565890214325406f1ff"), {3}, {"IMEISV"}, {"TS 24.007 11.4.2"}},
      {hex("7e005e7800080e00112233445599"), {3}, {"non-IMEISV PEI"}, {"TS 24.007 11.4.2"}},
      // 7.7.1 on the complete: lengths, and identities that are not what the IE holds.
      {hex("7e005e7700083565890214325406"), {3}, {"IMEISV"}, {"7.7.1"}},
      {hex("7e005e710000"), {3}, {"NAS message container"}, {"7.7.1"}},
      {hex("7e005e7700093365890214325406f1"), {3}, {"IMEISV"}, {"7.7.1"}},   // IMEI type
      {hex("7e005e7700093d65890214325406f1"), {3}, {"IMEISV"}, {"7.7.1"}},   // odd
      {hex("7e005e77000935658902143254060f"), {3}, {"IMEISV"}, {"7.7.1"}},   // no end mark
      {hex("7e005e7700093565890214325a06f1"), {3}, {"IMEISV"}, {"7.7.1"}},   // digit 1010
      {hex("7e005e78000401020304"), {3}, {"non-IMEISV PEI"}, {"7.7.1"}},     // SUCI
      {hex("7e005e7800093565890214325406f1"), {3}, {"non-IMEISV PEI"}, {"7.7.1"}},  // IMEISV
      {hex("7e005e7800060e0011223344"), {3}, {"non-IMEISV PEI"}, {"7.7.1"}},  // MAC needs 7
      {hex("7e005e78000843095124303257f1"), {3}, {"non-IMEISV PEI"}, {"7.7.1"}},  // even IMEI
      {hex("7e005f17" "6701ff"), {4}, {""}, {"TS 24.501 7.6.1"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(::testing::PrintToString(c.pdu));
    std::array<IgnoredIe, 8> sink{};
    const auto d = decode_security_mode_message(c.pdu, sink);
    ASSERT_TRUE(d.ok()) << d.error.message << " " << d.error.ie << " " << d.error.offset;
    ASSERT_EQ(d.ignored, c.offsets.size());
    for (std::size_t k = 0; k < c.offsets.size(); ++k) {
      EXPECT_EQ(sink[k].offset, c.offsets[k]);
      EXPECT_STREQ(sink[k].ie, c.names[k].c_str());
      EXPECT_TRUE(mentions(sink[k].reason, c.clauses[k].c_str())) << sink[k].reason;
    }
  }
}

// TS 24.501 7.6.3: "only the contents of the information element appearing first shall be
// handled" - also when that first one had a bad length and was treated as not present (7.7.1):
// a later copy is ignored as repeated. Bad contents (IMEISV) count as the first occurrence too.
TEST(ImplNas5gsIgnored, ABadLengthIeCountsAsTheFirstOccurrence) {
  std::array<IgnoredIe, 4> sink{};
  const Bytes pdu = cat(kBaseCommand, "380100" "38020102");
  const auto d = decode_security_mode_command(pdu, sink);
  ASSERT_TRUE(d.ok());
  EXPECT_FALSE(d.value.abba);
  ASSERT_EQ(d.ignored, 2u);
  EXPECT_TRUE(mentions(sink[0].reason, "TS 24.501 7.7.1")) << sink[0].reason;
  EXPECT_TRUE(mentions(sink[1].reason, "TS 24.501 7.6.3")) << sink[1].reason;
  const auto bad_contents = decode_security_mode_complete(
      hex("7e005e" "7700093365890214325406f1" "7700093565890214325406f1"), sink);
  ASSERT_TRUE(bad_contents.ok());
  EXPECT_FALSE(bad_contents.value.imeisv);
  ASSERT_EQ(bad_contents.ignored, 2u);
  EXPECT_TRUE(mentions(sink[0].reason, "TS 24.501 7.6.3")) << "the second copy, during the walk";
  EXPECT_TRUE(mentions(sink[1].reason, "TS 24.501 7.7.1")) << "the first, once its contents fail";
}

TEST(ImplNas5gsIgnored, ASmallSinkKeepsTheFirstAndCountsAll) {
  const Bytes pdu = hex("7e005f17" "a1" "b2" "c3" "d4" "e5");
  std::array<IgnoredIe, 2> sink{};
  const auto d = decode_security_mode_reject(pdu, sink);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d.ignored, 5u);
  EXPECT_EQ(sink[0].offset, 4u);
  EXPECT_EQ(sink[1].offset, 5u);
  EXPECT_EQ(sink[1].iei, 0xb2);
  EXPECT_EQ(decode_security_mode_reject(pdu).ignored, 5u) << "no sink at all still counts";
}

// ---- encoders ----------------------------------------------------------------------------------

TEST(ImplNas5gsEncode, ABufferTooSmallReportsTheSizeToRetryWith) {
  const Bytes pdu = hex("7e005d110d" "08f0f0f0f001020304" "360101" "780004032a0004" "3803000102");
  const auto m = decoded_clean(decode_security_mode_command(pdu));
  expect_retry_contract(m, pdu);
  const Bytes complete = hex("7e005e" "770009" "3565890214325406f1" "780007" "0e001122334455");
  const auto c = decoded_clean(decode_security_mode_complete(complete));
  Bytes short_complete(complete.size() - 1);
  EXPECT_FALSE(encode(c, short_complete).written);
  EXPECT_EQ(encode(c, short_complete).size, complete.size());
  const Bytes protected_pdu = hex("7e04" "01020304" "2a" "c3d4");
  Bytes short_buffer(5);
  const Encoded p = encode(decoded_clean(decode_security_protected(protected_pdu)), short_buffer);
  EXPECT_FALSE(p.written);
  EXPECT_EQ(p.size, 9u);
}

TEST(ImplNas5gsEncode, ValuesBreakingTheirContractAreRefused) {
  const Bytes caps = hex("e0e0f0f0aabbccdd11");
  std::array<std::uint8_t, 64> out{};
  auto refused = [&](const auto& m) {
    const Encoded e = encode(m, out);
    return e.error != nullptr && !e.written && e.size == 0;
  };
  SecurityModeCommand smc;
  smc.replayed_ue_security_capabilities = ByteView(caps).first(2);
  EXPECT_TRUE(encode(smc, out).written);
  auto bad = smc;
  bad.ngksi.ksi = 7;
  EXPECT_TRUE(refused(bad));
  bad = smc;
  bad.selected_nas_security_algorithms.integrity = 16;
  EXPECT_TRUE(refused(bad));
  for (std::size_t n : {0u, 1u, 3u, 5u, 7u, 9u}) {
    bad = smc;
    bad.replayed_ue_security_capabilities = ByteView(caps).first(n);
    EXPECT_TRUE(refused(bad)) << n;
  }
  bad = smc;
  bad.imeisv_request = 8;
  EXPECT_TRUE(refused(bad));
  bad = smc;
  bad.selected_eps_nas_security_algorithms = nas::NasSecurityAlgorithms{8, 0};
  EXPECT_TRUE(refused(bad));
  const Bytes big(65536);
  for (std::size_t n : {0u, 3u, 1501u}) {
    bad = smc;
    bad.eap_message = ByteView(big).first(n);
    EXPECT_TRUE(refused(bad)) << n;
  }
  for (std::size_t n : {0u, 1u, 256u}) {
    bad = smc;
    bad.abba = ByteView(big).first(n);
    EXPECT_TRUE(refused(bad)) << n;
  }
  for (std::size_t n : {0u, 1u, 3u, 6u}) {
    bad = smc;
    bad.replayed_s1_ue_security_capabilities = ByteView(caps).first(n);
    EXPECT_TRUE(refused(bad)) << n;
  }
  const Bytes imei = hex("4b09512430325781");
  const Bytes imeisv = hex("3565890214325406f1");
  EXPECT_TRUE(refused(
      SecurityModeComplete{std::span<const std::uint8_t, 9>(imei.data(), 9), {}, {}}));
  EXPECT_TRUE(refused(SecurityModeComplete{{}, ByteView{}, {}}));
  EXPECT_TRUE(refused(SecurityModeComplete{{}, ByteView(big), {}}));
  EXPECT_TRUE(refused(SecurityModeComplete{
      {}, {}, NonImeisvPei{Imei{std::span<const std::uint8_t, 8>(imeisv.data(), 8)}}}));
  EXPECT_TRUE(encode(SecurityModeComplete{{}, {}, NonImeisvPei{Imei{
                                               std::span<const std::uint8_t, 8>(imei.data(), 8)}}},
                     out)
                  .written);
  EXPECT_TRUE(
      refused(SecurityProtectedMessage{SecurityHeaderType::plain, {}, 0, ByteView(imeisv)}));
  EXPECT_TRUE(refused(
      SecurityProtectedMessage{static_cast<SecurityHeaderType>(5), {}, 0, ByteView(imeisv)}));
  EXPECT_TRUE(refused(SecurityProtectedMessage{SecurityHeaderType::integrity_protected, {}, 0,
                                               ByteView(imeisv).first(1)}));
  const Bytes nested = hex("7e0301020304007e005e");
  EXPECT_TRUE(refused(
      SecurityProtectedMessage{SecurityHeaderType::integrity_protected, {}, 0, ByteView(nested)}));
  EXPECT_TRUE(encode(SecurityProtectedMessage{SecurityHeaderType::integrity_protected_ciphered, {},
                                              0, ByteView(nested)},
                     out)
                  .written);
}

}  // namespace
}  // namespace secmode::impl::nas5gs
