// Every error class of the EPS NAS security mode codec, and the parts of TS 24.301 clause 7 that
// make a receiver step over an IE instead of failing.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <stdexcept>

#include "spec/codec/nas_eps.h"
#include "tests/codec/checks.h"
#include "tests/support/vectors.h"

namespace secmode::spec::nas {
namespace {

using test::mentions;

using test::hex;

// Cut at every length short of the whole: a prefix ending on an IE boundary of the non-imperative
// part is itself a valid, shorter message; any other prefix fails at the IE it cuts.
TEST(NasEpsErrors, EveryPrefixOfACommandFailsAtTheIeItCuts) {
  const Bytes pdu =
      hex("075d110e"
          "05f0f0c04070"
          "c1"
          "5501020304"
          "4f080011223344556677"
          "370101");
  // Offsets where an IE starts; the mandatory part ends at 10.
  const std::vector<std::size_t> starts{0, 1, 2, 3, 4, 10, 11, 16, 26};
  for (std::size_t n = 0; n < pdu.size(); ++n) {
    const auto d = decode_security_mode_command(ByteView(pdu).first(n));
    const bool boundary = n >= 10 && std::count(starts.begin(), starts.end(), n) == 1;
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
  }
}

TEST(NasEpsErrors, EveryPrefixOfACompleteAndARejectFails) {
  const Bytes complete =
      hex("075e"
          "2309"
          "33658902143254"
          "06f1"
          "790003074171"
          "6602abcd");
  const std::set<std::size_t> boundaries{2, 13, 19};
  for (std::size_t n = 0; n < complete.size(); ++n) {
    const auto d = decode_security_mode_complete(ByteView(complete).first(n));
    EXPECT_EQ(d.ok(), boundaries.count(n) == 1) << n;
    if (!d.ok()) {
      EXPECT_LE(d.error().offset, n);
    }
  }
  const Bytes reject = hex("075f18");
  for (std::size_t n = 0; n < reject.size(); ++n) {
    const auto d = decode_security_mode_reject(ByteView(reject).first(n));
    ASSERT_FALSE(d.ok()) << n;
    EXPECT_EQ(d.error().offset, n);
  }
}

TEST(NasEpsErrors, EveryPrefixOfAProtectedMessageShorterThanSevenOctetsFails) {
  const Bytes pdu =
      hex("37"
          "5a6b7c8d"
          "00"
          "075d020002e0e0");
  for (std::size_t n = 0; n < 7; ++n) {
    const auto d = decode_security_protected(ByteView(pdu).first(n));
    ASSERT_FALSE(d.ok()) << n;
    EXPECT_LE(d.error().offset, n);
  }
  EXPECT_EQ(decode_security_protected(ByteView(pdu).first(5)).error().ie, "Sequence number");
  EXPECT_EQ(decode_security_protected(ByteView(pdu).first(6)).error().ie, "NAS message");
}

// TS 24.301 7.6.3: "only the contents of the information element appearing first shall be
// handled", also when that first copy had a bad length and was treated as not present (7.7.1).
TEST(NasEpsErrors, ABadLengthOptionalIeStillCountsAsTheFirstOccurrence) {
  const auto d = decode_security_mode_command(hex("075d020002e0e0" "4f0100" "4f080011223344556677"));
  ASSERT_TRUE(d.ok()) << d.error().describe();
  EXPECT_FALSE(d.value().hash_mme);
  ASSERT_EQ(d.ignored().size(), 2u);
  EXPECT_EQ(d.ignored()[0].offset, 7u);
  EXPECT_TRUE(mentions(d.ignored()[0].reason, "TS 24.301 7.7.1")) << d.ignored()[0].reason;
  EXPECT_EQ(d.ignored()[1].offset, 10u);
  EXPECT_TRUE(mentions(d.ignored()[1].reason, "TS 24.301 7.6.3")) << d.ignored()[1].reason;
}

TEST(NasEpsErrors, BadLengthOfTheMandatoryCapabilitiesIsAnErrorWithItsPlace) {
  const auto short_caps = decode_security_mode_command(hex("075d020001e0"));
  ASSERT_FALSE(short_caps.ok());
  EXPECT_EQ(short_caps.error().describe(),
            "SECURITY MODE COMMAND, IE 'Replayed UE security capabilities' at offset 4: bad "
            "length 1 (2..5) (TS 24.301 9.9.3.36)");
  EXPECT_FALSE(decode_security_mode_command(hex("075d020000")).ok());
  // 9.9.3.36: "If octet 5 is included, then also octet 6 shall be included".
  const auto odd = decode_security_mode_command(hex("075d020003e0e0c0"));
  ASSERT_FALSE(odd.ok());
  EXPECT_TRUE(mentions(odd.error().reason, "octet 5 without octet 6"));
  // A length past the end of the message.
  const auto over = decode_security_mode_command(hex("075d020004e0e0"));
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().offset, 4u);
  EXPECT_TRUE(mentions(over.error().reason, "truncated"));
}

// TS 24.007 11.4.2: a length greater than defined is not a syntactical error.
TEST(NasEpsErrors, LongerCapabilitiesKeepTheDefinedOctetsAndSayWhatWasIgnored) {
  const auto d = decode_security_mode_command(hex("075d020006e0e0c040709f"));
  ASSERT_TRUE(d.ok()) << d.error().describe();
  EXPECT_EQ(d.value().replayed_ue_security_capabilities.gea, 0x70);
  ASSERT_EQ(d.ignored().size(), 1u);
  EXPECT_EQ(d.ignored()[0].offset, 4u);
  EXPECT_TRUE(mentions(d.ignored()[0].reason, "beyond the defined length"));
}

// TS 24.301 7.7.1: a syntactically incorrect optional IE is treated as not present.
TEST(NasEpsErrors, BadLengthOfEachOptionalIeMakesItNotPresent) {
  struct Case {
    const char* ies;
    const char* name;
  };
  const Case cases[] = {
      {"4f07"
       "00112233445566",
       "HashMME"},
      {"6f03"
       "f00070",
       "Replayed UE additional security capability"},
      {"3700", "UE radio capability ID request"},
  };
  for (const auto& c : cases) {
    const auto d =
        decode_security_mode_command(hex(std::string_view(std::string("075d020002e0e0") + c.ies)));
    ASSERT_TRUE(d.ok()) << c.name << ": " << d.error().describe();
    EXPECT_EQ(d.value(), decode_security_mode_command(hex("075d020002e0e0")).value()) << c.name;
    ASSERT_EQ(d.ignored().size(), 1u) << c.name;
    EXPECT_EQ(d.ignored()[0].ie, c.name);
    EXPECT_EQ(d.ignored()[0].offset, 7u);
    EXPECT_TRUE(mentions(d.ignored()[0].reason, "7.7.1")) << d.ignored()[0].reason;
  }
  const char* complete_cases[] = {
      "2308"
      "336589021432540f",
      "6600"};
  for (const char* ies : complete_cases) {
    const auto d = decode_security_mode_complete(hex(std::string_view(std::string("075e") + ies)));
    ASSERT_TRUE(d.ok()) << ies;
    EXPECT_EQ(d.value(), SecurityModeComplete{}) << ies;
    ASSERT_EQ(d.ignored().size(), 1u) << ies;
    EXPECT_TRUE(mentions(d.ignored()[0].reason, "bad length"));
  }
  // Syntactically incorrect contents: an IMEI (type 010) where the IMEISV belongs.
  const auto imei =
      decode_security_mode_complete(hex("075e"
                                        "2309"
                                        "32658902143254"
                                        "06f1"));
  ASSERT_TRUE(imei.ok());
  EXPECT_FALSE(imei.value().imeisv);
  ASSERT_EQ(imei.ignored().size(), 1u);
  EXPECT_EQ(imei.ignored()[0].iei, 0x23);
  EXPECT_TRUE(mentions(imei.ignored()[0].reason, "not IMEISV"));
}

TEST(NasEpsErrors, LongerOptionalIesKeepTheDefinedOctets) {
  const auto d =
      decode_security_mode_command(hex("075d020002e0e0"
                                       "4f09"
                                       "001122334455667788"
                                       "3702"
                                       "0100"));
  ASSERT_TRUE(d.ok()) << d.error().describe();
  EXPECT_EQ(Bytes(d.value().hash_mme->begin(), d.value().hash_mme->end()), hex("0011223344556677"));
  EXPECT_EQ(d.value().ue_radio_capability_id_request, true);
  EXPECT_EQ(d.ignored().size(), 2u);
}

TEST(NasEpsErrors, OptionalIesRunningPastTheEndAreErrors) {
  const auto tlv =
      decode_security_mode_command(hex("075d020002e0e0"
                                       "4f08"
                                       "0011"));
  ASSERT_FALSE(tlv.ok());
  EXPECT_EQ(tlv.error().ie, "HashMME");
  EXPECT_EQ(tlv.error().offset, 7u);
  const auto tlv_e =
      decode_security_mode_complete(hex("075e"
                                        "790005"
                                        "0741"));
  ASSERT_FALSE(tlv_e.ok());
  EXPECT_EQ(tlv_e.error().ie, "Replayed NAS message container");
  EXPECT_EQ(tlv_e.error().offset, 2u);
  const auto unknown =
      decode_security_mode_reject(hex("075f18"
                                      "2a05"
                                      "00"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().offset, 3u);
}

TEST(NasEpsErrors, ReservedSecurityHeaderTypesAreErrors) {
  for (std::uint8_t t = 6; t <= 11; ++t) {
    const Bytes pdu{static_cast<std::uint8_t>(t << 4 | 7), 1, 2, 3, 4, 0, 0x07};
    const auto d = decode_security_protected(pdu);
    ASSERT_FALSE(d.ok()) << int{t};
    EXPECT_EQ(d.error().ie, "Security header type");
    EXPECT_TRUE(mentions(d.error().reason, "reserved")) << d.error().reason;
  }
  EXPECT_TRUE(mentions(decode_security_protected(hex("07010203040007")).error().reason, "plain"));
  EXPECT_TRUE(
      mentions(decode_security_protected(hex("c7010203040007")).error().reason, "SERVICE REQUEST"));
  EXPECT_TRUE(
      mentions(decode_security_protected(hex("f7010203040007")).error().reason, "SERVICE REQUEST"));
  // A plain message decoder refuses any security header: it must be removed first (9.7).
  const auto protected_inner = decode_security_mode_command(hex("175d020002e0e0"));
  ASSERT_FALSE(protected_inner.ok());
  EXPECT_EQ(protected_inner.error().ie, "Security header type");
}

TEST(NasEpsErrors, WrongProtocolDiscriminatorIsAnError) {
  const auto plain = decode_security_mode_command(hex("025d020002e0e0"));
  ASSERT_FALSE(plain.ok());
  EXPECT_EQ(plain.error().ie, "Protocol discriminator");
  EXPECT_EQ(plain.error().offset, 0u);
  const auto esm = decode_security_protected(hex("32010203040007"));
  ASSERT_FALSE(esm.ok());
  EXPECT_EQ(esm.error().ie, "Protocol discriminator");
}

TEST(NasEpsErrors, WrongMessageTypeIsAnError) {
  const auto d = decode_security_mode_command(hex("075e"));
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().describe(),
            "SECURITY MODE COMMAND, IE 'Message type' at offset 1: message type 0x5e, expected "
            "0x5d (TS 24.301 table 9.8.1)");
  const auto attach = decode_security_mode_message(hex("0741"));
  ASSERT_FALSE(attach.ok());
  EXPECT_EQ(attach.error().offset, 1u);
}

TEST(NasEpsErrors, ReservedKeySetIdentifierNetworkToUeIsAnError) {
  const auto d = decode_security_mode_command(hex("075d020702e0e0"));
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().ie, "NAS key set identifier");
  EXPECT_EQ(d.error().offset, 3u);
}

// TS 24.301 9.9.1 / TS 24.007 11.2.4: unknown IEs are skipped by their format; 7.6.1.
TEST(NasEpsErrors, UnknownOptionalIesAreSkippedByTheirFormat) {
  // 5a 02 aabb: type 4; d1: type 1 (the Rel-19 UE coarse location information request, unknown
  // in the V17.9.0 table); 7a 0001 ff: type 6 (TLV-E); then a known nonceUE.
  const auto d =
      decode_security_mode_command(hex("075d020002e0e0"
                                       "5a02aabb"
                                       "d1"
                                       "7a0001ff"
                                       "5501020304"));
  ASSERT_TRUE(d.ok()) << d.error().describe();
  EXPECT_EQ(d.value().replayed_nonce_ue, 0x01020304u);
  ASSERT_EQ(d.ignored().size(), 3u);
  EXPECT_EQ(d.ignored()[0].offset, 7u);
  EXPECT_EQ(d.ignored()[0].iei, 0x5a);
  EXPECT_EQ(d.ignored()[1].offset, 11u);
  EXPECT_EQ(d.ignored()[2].offset, 12u);
  for (const auto& i : d.ignored()) EXPECT_TRUE(mentions(i.reason, "7.6.1"));
  // The same in a message with no optional IEs at all.
  const auto r =
      decode_security_mode_reject(hex("075f17"
                                      "6701ff"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().emm_cause, 23);
  EXPECT_EQ(r.ignored().size(), 1u);
}

TEST(NasEpsErrors, UnknownComprehensionRequiredIeIsAnError) {
  const auto d =
      decode_security_mode_command(hex("075d020002e0e0"
                                       "0a0100"));
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().offset, 7u);
  EXPECT_TRUE(mentions(d.error().reason, "comprehension required"));
}

TEST(NasEpsErrors, OutOfSequenceAndRepeatedIesAreIgnored) {
  // NonceMME (row 3) before nonceUE (row 2): nonceUE is out of sequence (7.6.2).
  const auto order =
      decode_security_mode_command(hex("075d020002e0e0"
                                       "56a1b2c3d4"
                                       "5501020304"));
  ASSERT_TRUE(order.ok());
  EXPECT_EQ(order.value().nonce_mme, 0xa1b2c3d4u);
  EXPECT_FALSE(order.value().replayed_nonce_ue);
  ASSERT_EQ(order.ignored().size(), 1u);
  EXPECT_EQ(order.ignored()[0].offset, 12u);
  EXPECT_TRUE(mentions(order.ignored()[0].reason, "out of sequence"));
  // Only the first of a repeated IE is handled (7.6.3), type 1 IEs included.
  const auto twice =
      decode_security_mode_command(hex("075d020002e0e0"
                                       "c1"
                                       "c0"
                                       "5501020304"
                                       "5505060708"));
  ASSERT_TRUE(twice.ok());
  EXPECT_EQ(twice.value().imeisv_request, 1);
  EXPECT_EQ(twice.value().replayed_nonce_ue, 0x01020304u);
  ASSERT_EQ(twice.ignored().size(), 2u);
  EXPECT_EQ(twice.ignored()[0].offset, 8u);
  EXPECT_EQ(twice.ignored()[1].offset, 14u);
  for (const auto& i : twice.ignored()) EXPECT_TRUE(mentions(i.reason, "repeated"));
}

TEST(NasEpsErrors, EncodersRefuseValuesTheyCannotEncode) {
  SecurityModeCommand smc;
  smc.replayed_ue_security_capabilities = {0xe0, 0xe0, {}, {}, {}};
  EXPECT_NO_THROW(encode(smc));
  auto bad = smc;
  bad.nas_key_set_identifier.ksi = 7;
  EXPECT_THROW(encode(bad), std::invalid_argument);
  bad = smc;
  bad.selected_nas_security_algorithms.integrity = 8;
  EXPECT_THROW(encode(bad), std::invalid_argument);
  bad = smc;
  bad.replayed_ue_security_capabilities.uea = 0xc0;  // octet 5 without octet 6
  EXPECT_THROW(encode(bad), std::invalid_argument);
  bad = smc;
  bad.replayed_ue_security_capabilities.gea = 0x70;  // octet 7 without octets 5 and 6
  EXPECT_THROW(encode(bad), std::invalid_argument);
  bad = smc;
  bad.imeisv_request = 8;
  EXPECT_THROW(encode(bad), std::invalid_argument);
  EXPECT_THROW(encode(SecurityModeComplete{"123", {}, {}}), std::invalid_argument);
  EXPECT_THROW(encode(SecurityModeComplete{{}, Bytes(65536), {}}), std::invalid_argument);
  EXPECT_THROW(encode(SecurityModeComplete{{}, {}, Bytes{}}), std::invalid_argument);
  EXPECT_THROW(encode(SecurityProtectedMessage{SecurityHeaderType::plain, {}, 0, {0x07}}),
               std::invalid_argument);
  EXPECT_THROW(encode(SecurityProtectedMessage{SecurityHeaderType::integrity_protected, {}, 0, {}}),
               std::invalid_argument);
}

}  // namespace
}  // namespace secmode::spec::nas
