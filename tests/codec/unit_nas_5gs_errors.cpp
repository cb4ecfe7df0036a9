// Every error class of the 5GS NAS security mode codec, and the parts of TS 24.501 clause 7 that
// make a receiver step over an IE instead of failing.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <stdexcept>

#include "spec/codec/nas_5gs.h"
#include "tests/codec/checks.h"
#include "tests/support/vectors.h"

namespace secmode::spec::nas5gs {
namespace {

using test::mentions;

using test::hex;

Bytes cat(const char* a, const char* b) { return hex(std::string_view(std::string(a) + b)); }

constexpr const char* kBaseCommand = "7e005d020002e0e0";  // 8 octets; optional IEs start at 8

// Cut at every length short of the whole: a prefix ending on an IE boundary of the non-imperative
// part is itself a valid, shorter message; any other prefix fails at the IE it cuts.
TEST(Nas5gsErrors, EveryPrefixOfACommandFailsAtTheIeItCuts) {
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
  // Offsets where an IE starts; the mandatory part ends at 14.
  const std::vector<std::size_t> starts{0, 1, 2, 3, 4, 5, 14, 15, 17, 20, 27, 31};
  for (std::size_t n = 0; n < pdu.size(); ++n) {
    const auto d = decode_security_mode_command(ByteView(pdu).first(n));
    const bool boundary = n >= 14 && std::count(starts.begin(), starts.end(), n) == 1;
    if (boundary) {
      EXPECT_TRUE(d.ok()) << n << ": " << d.error().describe();
      continue;
    }
    ASSERT_FALSE(d.ok()) << "prefix of " << n << " octets decoded";
    std::size_t cut = 0;
    for (std::size_t s : starts)
      if (s <= n) cut = s;
    EXPECT_EQ(d.error().offset, cut) << n << ": " << d.error().describe();
    EXPECT_LE(d.error().offset, n);
    EXPECT_EQ(d.error().message, "SECURITY MODE COMMAND");
    EXPECT_FALSE(d.error().ie.empty()) << n;
  }
}

TEST(Nas5gsErrors, EveryPrefixOfACompleteAndARejectFails) {
  const Bytes complete =
      hex("7e005e"
          "77000935658902143254"
          "06f1"
          "7100047e004179"
          "7800070e001122334455");
  ASSERT_TRUE(decode_security_mode_complete(complete).ok());
  const std::set<std::size_t> boundaries{3, 15, 22};
  const std::vector<std::size_t> starts{0, 1, 2, 3, 15, 22};
  for (std::size_t n = 0; n < complete.size(); ++n) {
    const auto d = decode_security_mode_complete(ByteView(complete).first(n));
    ASSERT_EQ(d.ok(), boundaries.count(n) == 1) << n;
    if (!d.ok()) {
      std::size_t cut = 0;
      for (std::size_t s : starts)
        if (s <= n) cut = s;
      EXPECT_EQ(d.error().offset, cut) << n << ": " << d.error().describe();
    }
  }
  const Bytes reject = hex("7e005f18");
  const char* ies[] = {"Extended protocol discriminator", "Security header type", "Message type",
                       "5GMM cause"};
  for (std::size_t n = 0; n < reject.size(); ++n) {
    const auto d = decode_security_mode_reject(ByteView(reject).first(n));
    ASSERT_FALSE(d.ok()) << n;
    EXPECT_EQ(d.error().offset, n);
    EXPECT_EQ(d.error().ie, ies[n]);
  }
}

TEST(Nas5gsErrors, EveryPrefixOfAProtectedMessageShorterThanNineOctetsFails) {
  const Bytes pdu =
      hex("7e03"
          "5a6b7c8d"
          "00"
          "7e005d020002e0e0");
  const char* ies[] = {"Extended protocol discriminator",
                       "Security header type",
                       "Message authentication code",
                       "Message authentication code",
                       "Message authentication code",
                       "Message authentication code",
                       "Sequence number",
                       "Plain 5GS NAS message",
                       "Plain 5GS NAS message"};
  const std::size_t offsets[] = {0, 1, 2, 2, 2, 2, 6, 7, 7};
  for (std::size_t n = 0; n < 9; ++n) {
    const auto d = decode_security_protected(ByteView(pdu).first(n));
    ASSERT_FALSE(d.ok()) << n;
    EXPECT_EQ(d.error().message, "SECURITY PROTECTED 5GS NAS MESSAGE");
    EXPECT_EQ(d.error().ie, ies[n]) << n;
    EXPECT_EQ(d.error().offset, offsets[n]) << n;
  }
  EXPECT_TRUE(decode_security_protected(ByteView(pdu).first(9)).ok());
}

TEST(Nas5gsErrors, BadLengthOfTheMandatoryCapabilitiesIsAnErrorWithItsPlace) {
  const auto short_caps = decode_security_mode_command(hex("7e005d020001e0"));
  ASSERT_FALSE(short_caps.ok());
  EXPECT_EQ(short_caps.error().describe(),
            "SECURITY MODE COMMAND, IE 'Replayed UE security capabilities' at offset 5: bad "
            "length 1 (2..8) (TS 24.501 9.11.3.54)");
  const auto empty = decode_security_mode_command(hex("7e005d020000"));
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().offset, 5u);
  // 9.11.3.54: octets 5 and 6, 7 and 8, 9 and 10 come in pairs.
  const std::pair<const char*, const char*> odd[] = {
      {"03e0e0f0", "octet 5 without octet 6"},
      {"05e0e0f0f0aa", "octet 7 without octet 8"},
      {"07e0e0f0f0aabbcc", "octet 9 without octet 10"},
  };
  for (const auto& [lv, why] : odd) {
    const auto d = decode_security_mode_command(cat("7e005d0200", lv));
    ASSERT_FALSE(d.ok()) << lv;
    EXPECT_EQ(d.error().ie, "Replayed UE security capabilities");
    EXPECT_EQ(d.error().offset, 5u);
    EXPECT_TRUE(mentions(d.error().reason, why)) << d.error().reason;
  }
  // A length past the end of the message.
  const auto over = decode_security_mode_command(hex("7e005d020004e0e0"));
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().offset, 5u);
  EXPECT_TRUE(mentions(over.error().reason, "truncated"));
}

// TS 24.007 11.4.2: a length greater than defined is not a syntactical error.
TEST(Nas5gsErrors, LongerCapabilitiesKeepTheDefinedOctetsAndSayWhatWasIgnored) {
  const auto d = decode_security_mode_command(hex("7e005d02000ae0e0f0f0aabbccdd1122"));
  ASSERT_TRUE(d.ok()) << d.error().describe();
  EXPECT_EQ(d.value().replayed_ue_security_capabilities.octets_7_to_10, hex("aabbccdd"));
  ASSERT_EQ(d.ignored().size(), 1u);
  EXPECT_EQ(d.ignored()[0].offset, 5u);
  EXPECT_EQ(d.ignored()[0].ie, "Replayed UE security capabilities");
  EXPECT_TRUE(mentions(d.ignored()[0].reason, "2 octets beyond the defined length"));
}

// TS 24.501 7.7.1: a syntactically incorrect optional IE is treated as not present.
TEST(Nas5gsErrors, SyntacticallyIncorrectOptionalIesOfACommandAreNotPresent) {
  const std::pair<const char*, const char*> cases[] = {
      {"3600", "Additional 5G security information"},
      {"78000303aa00", "EAP message"},
      {"380100", "ABBA"},
      {"1901f0", "Replayed S1 UE security capabilities"},
      {"1903f070c0", "Replayed S1 UE security capabilities"},  // octet 5 without octet 6
  };
  const auto base = decode_security_mode_command(hex(kBaseCommand));
  ASSERT_TRUE(base.ok());
  for (const auto& [ie, name] : cases) {
    const auto d = decode_security_mode_command(cat(kBaseCommand, ie));
    ASSERT_TRUE(d.ok()) << name << ": " << d.error().describe();
    EXPECT_EQ(d.value(), base.value()) << name;
    ASSERT_EQ(d.ignored().size(), 1u) << name;
    EXPECT_EQ(d.ignored()[0].ie, name);
    EXPECT_EQ(d.ignored()[0].offset, 8u);
    EXPECT_TRUE(mentions(d.ignored()[0].reason, "TS 24.501 7.7.1")) << d.ignored()[0].reason;
  }
}

TEST(Nas5gsErrors, SyntacticallyIncorrectOptionalIesOfACompleteAreNotPresent) {
  const std::pair<const char*, const char*> cases[] = {
      {"770008"
       "3565890214325406",
       "bad length 8"},
      {"710000", "bad length 0"},
      {"770009"
       "3365890214325406f1",
       "is not IMEISV"},  // type 011 (IMEI)
      {"770009"
       "3d65890214325406f1",
       "odd/even"},  // odd indication
      {"770009"
       "35658902143254060f",
       "end mark"},  // no 1111 in the last octet
      {"770009"
       "3565890214325a06f1",
       "not BCD"},  // digit 1010
      {"780004"
       "01020304",
       "not a PEI other than the IMEISV"},  // SUCI
      {"780009"
       "35658902143254"
       "06f1",
       "not a PEI other than the IMEISV"},  // IMEISV
      {"780006"
       "0e0011223344",
       "bad length 6"},  // MAC address needs 7
      {"780008"
       "43095124303257f1",
       "odd/even"},  // IMEI with even digits
  };
  for (const auto& [ie, why] : cases) {
    const auto d = decode_security_mode_complete(cat("7e005e", ie));
    ASSERT_TRUE(d.ok()) << ie << ": " << d.error().describe();
    EXPECT_EQ(d.value(), SecurityModeComplete{}) << ie;
    ASSERT_EQ(d.ignored().size(), 1u) << ie;
    EXPECT_EQ(d.ignored()[0].offset, 3u);
    EXPECT_TRUE(mentions(d.ignored()[0].reason, why)) << d.ignored()[0].reason;
    EXPECT_TRUE(mentions(d.ignored()[0].reason, "TS 24.501 7.7.1")) << d.ignored()[0].reason;
  }
}

TEST(Nas5gsErrors, LongerOptionalIesKeepTheDefinedOctets) {
  const auto command = decode_security_mode_command(cat(kBaseCommand, "36020103"));
  ASSERT_TRUE(command.ok()) << command.error().describe();
  EXPECT_EQ(command.value().additional_5g_security_information,
            (Additional5gSecurityInformation{false, true}));
  ASSERT_EQ(command.ignored().size(), 1u);
  EXPECT_EQ(command.ignored()[0].offset, 8u);

  const auto imeisv =
      decode_security_mode_complete(hex("7e005e77000a35658902143254"
                                        "06f1ff"));
  ASSERT_TRUE(imeisv.ok());
  EXPECT_EQ(imeisv.value().imeisv, "3569820412345601");
  ASSERT_EQ(imeisv.ignored().size(), 1u);
  EXPECT_TRUE(mentions(imeisv.ignored()[0].reason, "1 octets beyond"));

  const auto mac = decode_security_mode_complete(hex("7e005e7800080e00112233445599"));
  ASSERT_TRUE(mac.ok());
  EXPECT_EQ(mac.value().non_imeisv_pei,
            (NonImeisvPei{MacAddress{{0x00, 0x11, 0x22, 0x33, 0x44, 0x55}, true}}));
  ASSERT_EQ(mac.ignored().size(), 1u);
  EXPECT_EQ(mac.ignored()[0].ie, "non-IMEISV PEI");
  EXPECT_TRUE(mentions(mac.ignored()[0].reason, "1 octets beyond"));
}

TEST(Nas5gsErrors, OptionalIesRunningPastTheEndAreErrors) {
  const auto tlv = decode_security_mode_command(cat(kBaseCommand, "380200"));
  ASSERT_FALSE(tlv.ok());
  EXPECT_EQ(tlv.error().ie, "ABBA");
  EXPECT_EQ(tlv.error().offset, 8u);
  const auto tv = decode_security_mode_command(cat(kBaseCommand, "57"));
  ASSERT_FALSE(tv.ok());
  EXPECT_EQ(tv.error().ie, "Selected EPS NAS security algorithms");
  const auto tlv_e = decode_security_mode_complete(hex("7e005e7100057e00"));
  ASSERT_FALSE(tlv_e.ok());
  EXPECT_EQ(tlv_e.error().ie, "NAS message container");
  EXPECT_EQ(tlv_e.error().offset, 3u);
  const auto unknown =
      decode_security_mode_reject(hex("7e005f18"
                                      "2a0500"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().offset, 4u);
  EXPECT_TRUE(mentions(unknown.error().reason, "unknown IE 0x2a"));
}

TEST(Nas5gsErrors, ReservedAndWrongSecurityHeaderTypesAreErrors) {
  for (std::uint8_t t = 5; t <= 15; ++t) {
    const Bytes pdu{0x7e, t, 1, 2, 3, 4, 0, 0x7e, 0x00, 0x5e};
    const auto d = decode_security_protected(pdu);
    ASSERT_FALSE(d.ok()) << int{t};
    EXPECT_EQ(d.error().ie, "Security header type");
    EXPECT_EQ(d.error().offset, 1u);
    EXPECT_TRUE(mentions(d.error().reason, "reserved")) << d.error().reason;
    const auto plain = decode_security_mode_complete(Bytes{0x7e, t, 0x5e});
    ASSERT_FALSE(plain.ok());
    EXPECT_TRUE(mentions(plain.error().reason, "reserved"));
  }
  const auto unprotected =
      decode_security_protected(hex("7e00"
                                    "01020304"
                                    "00"
                                    "7e005e"));
  ASSERT_FALSE(unprotected.ok());
  EXPECT_TRUE(mentions(unprotected.error().reason, "plain"));
  // A plain message decoder refuses any security header: it must be removed first (9.9).
  const auto protected_inner = decode_security_mode_command(hex("7e025d020002e0e0"));
  ASSERT_FALSE(protected_inner.ok());
  EXPECT_EQ(protected_inner.error().ie, "Security header type");
  EXPECT_EQ(protected_inner.error().offset, 1u);
}

TEST(Nas5gsErrors, ProtectedMessageInsideAReadableProtectedMessageIsAnError) {
  const Bytes inner = hex("7e0301020304007e005d020002e0e0");
  Bytes pdu = hex("7e01a1a2a3a400");
  pdu.insert(pdu.end(), inner.begin(), inner.end());
  const auto d = decode_security_protected(pdu);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().ie, "Plain 5GS NAS message");
  EXPECT_EQ(d.error().offset, 7u);
  EXPECT_TRUE(mentions(d.error().reason, "TS 24.501 9.9"));
  // Ciphered (type 2), the same octets are opaque and accepted.
  pdu[1] = 0x02;
  const auto ciphered = decode_security_protected(pdu);
  ASSERT_TRUE(ciphered.ok());
  EXPECT_EQ(ciphered.value().plain_nas_message, inner);
}

TEST(Nas5gsErrors, WrongExtendedProtocolDiscriminatorIsAnError) {
  const char* cases[] = {"2e005d020002e0e0",  // 5GS session management
                         "075d020002e0e0"};   // an EPS EMM message
  for (const char* c : cases) {
    const auto d = decode_security_mode_command(hex(c));
    ASSERT_FALSE(d.ok()) << c;
    EXPECT_EQ(d.error().ie, "Extended protocol discriminator");
    EXPECT_EQ(d.error().offset, 0u);
  }
  const auto p =
      decode_security_protected(hex("2e01"
                                    "01020304"
                                    "00"
                                    "7e005e"));
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().ie, "Extended protocol discriminator");
  EXPECT_TRUE(mentions(p.error().reason, "0x2e"));
}

TEST(Nas5gsErrors, WrongMessageTypeIsAnError) {
  const auto d = decode_security_mode_command(hex("7e005e"));
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().describe(),
            "SECURITY MODE COMMAND, IE 'Message type' at offset 2: message type 0x5e, expected "
            "0x5d (TS 24.501 table 9.7.1)");
  const auto registration = decode_security_mode_message(hex("7e0041"));
  ASSERT_FALSE(registration.ok());
  EXPECT_EQ(registration.error().ie, "Message type");
  EXPECT_EQ(registration.error().offset, 2u);
  const auto short_pdu = decode_security_mode_message(hex("7e00"));
  ASSERT_FALSE(short_pdu.ok());
  EXPECT_EQ(short_pdu.error().offset, 2u);
  EXPECT_TRUE(mentions(short_pdu.error().reason, "7.2"));
}

TEST(Nas5gsErrors, ReservedNgKsiNetworkToUeIsAnError) {
  for (const char* c : {"7e005d020702e0e0", "7e005d020f02e0e0"}) {
    const auto d = decode_security_mode_command(hex(c));
    ASSERT_FALSE(d.ok()) << c;
    EXPECT_EQ(d.error().ie, "ngKSI");
    EXPECT_EQ(d.error().offset, 4u);
  }
}

// Spare bits are sent as zero and not interpreted: the header's and ngKSI's spare half octets
// (9.3, 9.5), bits 8 and 4 of the EPS algorithms (TS 24.301 9.9.3.23), bits 8..3 of the
// additional 5G security information (9.11.3.12), bit 4 of the IMEISV request.
TEST(Nas5gsErrors, SpareBitsAreNotInterpreted) {
  const auto clean = decode_security_mode_command(cat(kBaseCommand, "e15722360101"));
  const auto noisy =
      decode_security_mode_command(hex("7ef05d02f002e0e0"
                                       "e9"
                                       "57aa"
                                       "3601fd"));
  ASSERT_TRUE(clean.ok());
  ASSERT_TRUE(noisy.ok()) << noisy.error().describe();
  EXPECT_EQ(noisy.value(), clean.value());
  EXPECT_TRUE(noisy.ignored().empty());
  EXPECT_EQ(encode(noisy.value()), cat(kBaseCommand, "e15722360101"));
}

// TS 24.501 9.11.1 / TS 24.007 11.2.4: unknown IEs are skipped by their format (7.6.1).
TEST(Nas5gsErrors, UnknownOptionalIesAreSkippedByTheirFormat) {
  // 5a 02 aabb: type 4; d1: type 1; 7a 0001 ff: type 6 (TLV-E); then a known ABBA.
  const auto d = decode_security_mode_command(cat(kBaseCommand,
                                                  "5a02aabb"
                                                  "d1"
                                                  "7a0001ff"
                                                  "38020000"));
  ASSERT_TRUE(d.ok()) << d.error().describe();
  EXPECT_EQ(d.value().abba, hex("0000"));
  ASSERT_EQ(d.ignored().size(), 3u);
  EXPECT_EQ(d.ignored()[0].offset, 8u);
  EXPECT_EQ(d.ignored()[0].iei, 0x5a);
  EXPECT_EQ(d.ignored()[1].offset, 12u);
  EXPECT_EQ(d.ignored()[2].offset, 13u);
  for (const auto& i : d.ignored()) EXPECT_TRUE(mentions(i.reason, "TS 24.501 7.6.1"));
  const auto r =
      decode_security_mode_reject(hex("7e005f17"
                                      "6701ff"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().cause, 23);
  EXPECT_EQ(r.ignored().size(), 1u);
}

TEST(Nas5gsErrors, UnknownComprehensionRequiredIeIsAnError) {
  const auto d = decode_security_mode_command(cat(kBaseCommand, "0a0100"));
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().offset, 8u);
  EXPECT_TRUE(mentions(d.error().reason, "comprehension required"));
  EXPECT_TRUE(mentions(d.error().reason, "TS 24.501 7.5.1"));
}

TEST(Nas5gsErrors, OutOfSequenceAndRepeatedIesAreIgnored) {
  // ABBA (row 5) before the EPS algorithms (row 2): the latter is out of sequence (7.6.2).
  const auto order = decode_security_mode_command(cat(kBaseCommand,
                                                      "38020000"
                                                      "5722"));
  ASSERT_TRUE(order.ok());
  EXPECT_EQ(order.value().abba, hex("0000"));
  EXPECT_FALSE(order.value().selected_eps_nas_security_algorithms);
  ASSERT_EQ(order.ignored().size(), 1u);
  EXPECT_EQ(order.ignored()[0].offset, 12u);
  EXPECT_TRUE(mentions(order.ignored()[0].reason, "TS 24.501 7.6.2"));
  // Only the first of a repeated IE is handled (7.6.3), type 1 IEs included.
  const auto twice = decode_security_mode_command(cat(kBaseCommand,
                                                      "e1"
                                                      "e0"
                                                      "5722"
                                                      "5711"));
  ASSERT_TRUE(twice.ok());
  EXPECT_EQ(twice.value().imeisv_request, 1);
  EXPECT_EQ(twice.value().selected_eps_nas_security_algorithms, (nas::NasSecurityAlgorithms{2, 2}));
  ASSERT_EQ(twice.ignored().size(), 2u);
  EXPECT_EQ(twice.ignored()[0].offset, 9u);
  EXPECT_EQ(twice.ignored()[1].offset, 12u);
  for (const auto& i : twice.ignored()) EXPECT_TRUE(mentions(i.reason, "TS 24.501 7.6.3"));
}

TEST(Nas5gsErrors, EncodersRefuseValuesTheyCannotEncode) {
  SecurityModeCommand smc;
  smc.replayed_ue_security_capabilities = {0xe0, 0xe0, std::nullopt, std::nullopt, {}};
  EXPECT_EQ(encode(smc), hex("7e005d000002e0e0"));
  auto bad = smc;
  bad.ngksi.ksi = 7;
  EXPECT_THROW(encode(bad), std::invalid_argument);
  bad = smc;
  bad.selected_nas_security_algorithms.integrity = 16;
  EXPECT_THROW(encode(bad), std::invalid_argument);
  bad = smc;
  bad.replayed_ue_security_capabilities.eea = 0xf0;  // octet 5 without octet 6
  EXPECT_THROW(encode(bad), std::invalid_argument);
  for (std::size_t n : {1u, 3u, 6u}) {  // octets 7 to 10 come in pairs, at most two
    bad = smc;
    bad.replayed_ue_security_capabilities.eea = 0xf0;
    bad.replayed_ue_security_capabilities.eia = 0xf0;
    bad.replayed_ue_security_capabilities.octets_7_to_10 = Bytes(n);
    EXPECT_THROW(encode(bad), std::invalid_argument) << n;
  }
  bad = smc;
  bad.replayed_ue_security_capabilities.octets_7_to_10 = Bytes(2);  // without octets 5 and 6
  EXPECT_THROW(encode(bad), std::invalid_argument);
  bad = smc;
  bad.imeisv_request = 8;
  EXPECT_THROW(encode(bad), std::invalid_argument);
  bad = smc;
  bad.selected_eps_nas_security_algorithms = nas::NasSecurityAlgorithms{8, 0};
  EXPECT_THROW(encode(bad), std::invalid_argument);
  for (std::size_t n : {0u, 3u, 1501u}) {
    bad = smc;
    bad.eap_message = Bytes(n);
    EXPECT_THROW(encode(bad), std::invalid_argument) << n;
  }
  for (std::size_t n : {0u, 1u, 256u}) {
    bad = smc;
    bad.abba = Bytes(n);
    EXPECT_THROW(encode(bad), std::invalid_argument) << n;
  }
  bad = smc;
  bad.replayed_s1_ue_security_capabilities =
      nas::UeSecurityCapability{0xf0, 0xf0, 0xc0, std::nullopt, std::nullopt};
  EXPECT_THROW(encode(bad), std::invalid_argument);

  EXPECT_THROW(encode(SecurityModeComplete{"123", {}, {}}), std::invalid_argument);
  EXPECT_THROW(encode(SecurityModeComplete{"356982041234560x", {}, {}}), std::invalid_argument);
  EXPECT_THROW(encode(SecurityModeComplete{{}, Bytes{}, {}}), std::invalid_argument);
  EXPECT_THROW(encode(SecurityModeComplete{{}, Bytes(65536), {}}), std::invalid_argument);
  EXPECT_THROW(encode(SecurityModeComplete{{}, {}, NonImeisvPei{Imei{"49015420323751"}}}),
               std::invalid_argument);

  EXPECT_THROW(encode(SecurityProtectedMessage{SecurityHeaderType::plain, {}, 0, hex("7e005e")}),
               std::invalid_argument);
  EXPECT_THROW(
      encode(SecurityProtectedMessage{static_cast<SecurityHeaderType>(5), {}, 0, hex("7e005e")}),
      std::invalid_argument);
  EXPECT_THROW(
      encode(SecurityProtectedMessage{SecurityHeaderType::integrity_protected, {}, 0, {0x7e}}),
      std::invalid_argument);
  EXPECT_THROW(encode(SecurityProtectedMessage{
                   SecurityHeaderType::integrity_protected, {}, 0, hex("7e0301020304007e005e")}),
               std::invalid_argument);
}

}  // namespace
}  // namespace secmode::spec::nas5gs
