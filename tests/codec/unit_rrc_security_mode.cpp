// Known UPER encodings of the RRC security mode messages (NR TS 38.331, LTE TS 36.331), derived
// by hand from X.691 with the bit layout written out (bit 0 = MSB of the first octet; "|" marks
// octet boundaries), and every error class of the RRC spec-twin codec.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "spec/codec/rrc_security_mode.h"
#include "tests/codec/checks.h"
#include "tests/support/vectors.h"

namespace secmode::spec::rrc {
namespace {

using test::mentions;

using test::hex;

// ---- NR known encodings --------------------------------------------------------------------

// DL-DCCH-Message, securityModeCommand, rrc-TransactionIdentifier 0, nea2, nia2:
//   0        message CHOICE (no `...`, 2 alternatives): c1                        X.691 23.6
//   0100     c1 CHOICE (16 alternatives): securityModeCommand = index 4
//   00       rrc-TransactionIdentifier INTEGER (0..3): 0                          13.2.2
//   0        criticalExtensions: securityModeCommand
//   | 00     SecurityModeCommand-IEs bit-map: no lateNonCriticalExtension, no nCE   19.2
//   0        SecurityConfigSMC extension bit                                      19.1
//   0 1      SecurityAlgorithmConfig extension bit; integrityProtAlgorithm present
//   0 010    cipheringAlgorithm: root value (extension bit 0), nea2 = index 2    14.2
//   0 010    integrityProtAlgorithm: nia2
//   000      padding to a whole octet                                             11.1
// 00100000 | 00001001 | 00010000 = 20 09 10
TEST(RrcNrKnown, SecurityModeCommandNea2Nia2Transaction0) {
  const nr::SecurityModeCommand m{
      0, {nr::CipheringAlgorithm::nea2, nr::IntegrityProtAlgorithm::nia2}, std::nullopt, false};
  EXPECT_EQ(nr::encode(m), hex("200910"));
  const auto d = nr::decode_dl_dcch(hex("200910"));
  ASSERT_TRUE(d.ok()) << d.error().describe();
  EXPECT_EQ(d.value(), m);
  EXPECT_TRUE(d.ignored().empty());
}

// The same with transaction identifier 3: bits 5..6 become 11: 00100110 = 26.
TEST(RrcNrKnown, SecurityModeCommandTransaction3) {
  const nr::SecurityModeCommand m{
      3, {nr::CipheringAlgorithm::nea2, nr::IntegrityProtAlgorithm::nia2}, std::nullopt, false};
  EXPECT_EQ(nr::encode(m), hex("260910"));
  const auto d = nr::decode_dl_dcch(hex("260910"));
  ASSERT_TRUE(d.ok()) << d.error().describe();
  EXPECT_EQ(d.value().transaction_id, 3);
  EXPECT_EQ(d.value(), m);
}

// integrityProtAlgorithm absent (Need R): its presence bit is 0 and its four bits go:
//   0 0100 00 0 | 00 0 0 0 0010 | 0 + padding = 20 01 00
TEST(RrcNrKnown, SecurityModeCommandWithoutIntegrityProtAlgorithm) {
  const nr::SecurityModeCommand m{
      0, {nr::CipheringAlgorithm::nea2, std::nullopt}, std::nullopt, false};
  EXPECT_EQ(nr::encode(m), hex("200100"));
  const auto d = nr::decode_dl_dcch(hex("200100"));
  ASSERT_TRUE(d.ok()) << d.error().describe();
  EXPECT_FALSE(d.value().algorithms.integrity.has_value());
  EXPECT_EQ(d.value(), m);
}

// Transaction 1, nea2, nia1, lateNonCriticalExtension = 'AB'H, nonCriticalExtension present:
//   0 0100 01 0 | 11 (bit-map) 0 0 1 (integrity present) 0 01 | 0 (end of nea2) 0 001 (nia1)
//   000 | 00001 (length 00000001, X.691 11.9.3.6) 101 | 01011 (the octet 10101011) 000 padding
//   00100010 | 11001001 | 00001000 | 00001101 | 01011000 = 22 c9 08 0d 58
TEST(RrcNrKnown, SecurityModeCommandWithBothNonCriticalExtensions) {
  const nr::SecurityModeCommand m{
      1, {nr::CipheringAlgorithm::nea2, nr::IntegrityProtAlgorithm::nia1}, Bytes{0xab}, true};
  EXPECT_EQ(nr::encode(m), hex("22c9080d58"));
  const auto d = nr::decode_dl_dcch(hex("22c9080d58"));
  ASSERT_TRUE(d.ok()) << d.error().describe();
  EXPECT_EQ(d.value(), m);
}

// UL-DCCH-Message: 0 (c1), 0101 (securityModeComplete = 5), 00 (transaction 0),
// 0 (criticalExtensions: securityModeComplete) | 00 (bit-map), 000000 padding = 28 00.
// securityModeFailure is c1 index 6, transaction 1: 0 0110 01 0 | 00 + padding = 32 00.
TEST(RrcNrKnown, SecurityModeCompleteAndFailure) {
  const nr::UlSecurityModeMessage complete = nr::SecurityModeComplete{0, std::nullopt, false};
  const nr::UlSecurityModeMessage failure = nr::SecurityModeFailure{1, std::nullopt, false};
  EXPECT_EQ(nr::encode(complete), hex("2800"));
  EXPECT_EQ(nr::encode(failure), hex("3200"));
  const auto c = nr::decode_ul_dcch(hex("2800"));
  ASSERT_TRUE(c.ok()) << c.error().describe();
  EXPECT_EQ(c.value(), complete);
  const auto f = nr::decode_ul_dcch(hex("3200"));
  ASSERT_TRUE(f.ok()) << f.error().describe();
  EXPECT_EQ(f.value(), failure);
}

// Complete, transaction 2, lateNonCriticalExtension '0102'H, nonCriticalExtension present:
//   0 0101 10 0 | 1 1 00000010 (length 2) 00000001 00000010 + 000000 padding
//   00101100 | 11000000 | 10000000 | 01000000 | 10000000 = 2c c0 80 40 80
TEST(RrcNrKnown, SecurityModeCompleteWithLateNonCriticalExtension) {
  const nr::UlSecurityModeMessage m = nr::SecurityModeComplete{2, Bytes{0x01, 0x02}, true};
  EXPECT_EQ(nr::encode(m), hex("2cc0804080"));
  const auto d = nr::decode_ul_dcch(hex("2cc0804080"));
  ASSERT_TRUE(d.ok()) << d.error().describe();
  EXPECT_EQ(d.value(), m);
}

// A SecurityAlgorithmConfig from a later version with one extension addition (an INTEGER
// (0..255) OPTIONAL set to 0x5a) is decoded as if it were not there:
//   0 0100 00 0 | 00 0 1 1 0010 | 0 0010 (extension bit set at bit 11)
//   0000000 (normally small n-1 = 0: one addition, X.691 19.8)  1 (bit-map: present)
//   00000001 (open type length, at bit 29)  01011010 (the addition)  000 padding
//   00100000 | 00011001 | 00010000 | 00001000 | 00001010 | 11010000 = 20 19 10 08 0a d0
TEST(RrcNrKnown, UnknownExtensionAdditionIsSteppedOver) {
  const auto d = nr::decode_dl_dcch(hex("201910080ad0"));
  ASSERT_TRUE(d.ok()) << d.error().describe();
  EXPECT_EQ(d.value(), (nr::SecurityModeCommand{
                           0,
                           {nr::CipheringAlgorithm::nea2, nr::IntegrityProtAlgorithm::nia2},
                           std::nullopt,
                           false}));
  ASSERT_EQ(d.ignored().size(), 1u);
  EXPECT_EQ(d.ignored()[0].offset, 29u);
  EXPECT_TRUE(mentions(d.ignored()[0].ie, "securityAlgorithmConfig extension addition 1"))
      << d.ignored()[0].ie;
  // The canonical re-encoding has no addition.
  EXPECT_EQ(nr::encode(d.value()), hex("200910"));
}

// ---- LTE known encodings -------------------------------------------------------------------

// DL-DCCH-Message, securityModeCommand (c1 index 6), transaction 0, eea2, eia2:
//   0 0110 00 0 (criticalExtensions: c1) | 00 (c1: securityModeCommand-r8, 4 alternatives)
//   0 (r8-IEs bit-map: no nonCriticalExtension)  0 (SecurityConfigSMC extension bit)
//   (SecurityAlgorithmConfig: no `...`, no OPTIONAL, so no preamble)
//   0 010 (eea2)  0 | 010 (eia2)  00000 padding
//   00110000 | 00000010 | 00100000 = 30 02 20
TEST(RrcLteKnown, SecurityModeCommandEea2Eia2) {
  const lte::SecurityModeCommand m{
      0, {lte::CipheringAlgorithm::eea2, lte::IntegrityProtAlgorithm::eia2}, std::nullopt};
  EXPECT_EQ(lte::encode(m), hex("300220"));
  const auto d = lte::decode_dl_dcch(hex("300220"));
  ASSERT_TRUE(d.ok()) << d.error().describe();
  EXPECT_EQ(d.value(), m);
}

// Transaction 3, eea0, eia1: 0 0110 11 0 | 00 0 0 0000 | 0001 0000 = 36 00 10
TEST(RrcLteKnown, SecurityModeCommandEea0Eia1Transaction3) {
  const lte::SecurityModeCommand m{
      3, {lte::CipheringAlgorithm::eea0, lte::IntegrityProtAlgorithm::eia1}, std::nullopt};
  EXPECT_EQ(lte::encode(m), hex("360010"));
  const auto d = lte::decode_dl_dcch(hex("360010"));
  ASSERT_TRUE(d.ok()) << d.error().describe();
  EXPECT_EQ(d.value(), m);
}

// Transaction 1, eea3, eia3, nonCriticalExtension (v8a0) with lateNonCriticalExtension 'FF'H
// and its own nonCriticalExtension:
//   0 0110 01 0 | 00 (c1) 1 (r8 bit-map) 0 (SMC extension bit) 0 011 (eea3) |
//   0 011 (eia3) 1 1 (v8a0 bit-map) 00 | 000001 (length 00000001) 11 | 111111 (octet FF) 00
//   00110010 | 00100011 | 00111100 | 00000111 | 11111100 = 32 23 3c 07 fc
TEST(RrcLteKnown, SecurityModeCommandWithV8a0Extension) {
  const lte::SecurityModeCommand m{
      1,
      {lte::CipheringAlgorithm::eea3_v1130, lte::IntegrityProtAlgorithm::eia3_v1130},
      lte::NonCriticalExtensionV8a0{Bytes{0xff}, true}};
  EXPECT_EQ(lte::encode(m), hex("32233c07fc"));
  const auto d = lte::decode_dl_dcch(hex("32233c07fc"));
  ASSERT_TRUE(d.ok()) << d.error().describe();
  EXPECT_EQ(d.value(), m);
}

// UL-DCCH: complete (c1 index 5), transaction 0: 0 0101 00 0 | 0 (r8 bit-map) = 28 00.
// Failure (index 6), transaction 2: 0 0110 10 0 | 0 = 34 00. Complete, transaction 1, with an
// empty v8a0: 0 0101 01 0 | 1 00 (v8a0 bit-map) = 2a 80.
TEST(RrcLteKnown, SecurityModeCompleteAndFailure) {
  const lte::UlSecurityModeMessage complete = lte::SecurityModeComplete{0, std::nullopt};
  const lte::UlSecurityModeMessage failure = lte::SecurityModeFailure{2, std::nullopt};
  const lte::UlSecurityModeMessage empty_v8a0 =
      lte::SecurityModeComplete{1, lte::NonCriticalExtensionV8a0{}};
  for (const auto& [m, bytes] :
       {std::pair{complete, "2800"}, std::pair{failure, "3400"}, std::pair{empty_v8a0, "2a80"}}) {
    EXPECT_EQ(lte::encode(m), hex(bytes)) << bytes;
    const auto d = lte::decode_ul_dcch(hex(bytes));
    ASSERT_TRUE(d.ok()) << bytes << ": " << d.error().describe();
    EXPECT_EQ(d.value(), m) << bytes;
  }
}

// ---- truncation ----------------------------------------------------------------------------

// Every octet of these PDUs carries message bits, so every shorter prefix must fail, at a bit
// offset inside the prefix, with "bit offset" in its reason.
template <typename Decode>
void every_prefix_fails(const char* pdu_hex, Decode decode, const char* message) {
  const Bytes pdu = hex(pdu_hex);
  ASSERT_TRUE(decode(pdu).ok()) << pdu_hex;
  for (std::size_t n = 0; n < pdu.size(); ++n) {
    const auto d = decode(ByteView(pdu).first(n));
    ASSERT_FALSE(d.ok()) << pdu_hex << " cut to " << n << " octets decoded";
    EXPECT_LE(d.error().offset, 8 * n) << d.error().describe();
    EXPECT_EQ(d.error().message, message);
    EXPECT_FALSE(d.error().ie.empty()) << d.error().describe();
    EXPECT_TRUE(mentions(d.error().reason, "bit offset")) << d.error().describe();
  }
}

TEST(RrcErrors, EveryTruncationFailsWithABitOffset) {
  for (const char* p : {"200910", "260910", "200100", "22c9080d58", "201910080ad0"})
    every_prefix_fails(p, nr::decode_dl_dcch, "DL-DCCH-Message");
  for (const char* p : {"2800", "3200", "2cc0804080"})
    every_prefix_fails(p, nr::decode_ul_dcch, "UL-DCCH-Message");
  for (const char* p : {"300220", "360010", "32233c07fc"})
    every_prefix_fails(p, lte::decode_dl_dcch, "DL-DCCH-Message");
  for (const char* p : {"2800", "3400", "2a80"})
    every_prefix_fails(p, lte::decode_ul_dcch, "UL-DCCH-Message");
}

TEST(RrcErrors, EmptyPduFailsAtBitZero) {
  const auto d = nr::decode_dl_dcch(ByteView{});
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().offset, 0u);
  EXPECT_EQ(d.error().ie, "message");
}

// ---- alternatives that are not decoded -----------------------------------------------------

template <typename Result>
void expect_error(const Result& d, const std::string& ie, std::size_t offset,
                  const std::string& says) {
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().ie, ie) << d.error().describe();
  EXPECT_EQ(d.error().offset, offset) << d.error().describe();
  EXPECT_TRUE(mentions(d.error().reason, says)) << d.error().describe();
  EXPECT_TRUE(mentions(d.error().reason, "bit offset")) << d.error().describe();
}

TEST(RrcErrors, OtherDcchMessagesAreNamed) {
  // 0 0000: c1 alternative 0.
  expect_error(nr::decode_dl_dcch(hex("00")), "message.c1", 1,
               "c1 alternative rrcReconfiguration is not decoded here");
  expect_error(lte::decode_dl_dcch(hex("00")), "message.c1", 1,
               "c1 alternative csfbParametersResponseCDMA2000 is not decoded here");
  // 0 1111: c1 alternative 15.
  expect_error(nr::decode_dl_dcch(hex("78")), "message.c1", 1, "c1 alternative spare1");
  expect_error(nr::decode_ul_dcch(hex("00")), "message.c1", 1,
               "c1 alternative measurementReport is not decoded here");
  expect_error(lte::decode_ul_dcch(hex("38")), "message.c1", 1,  // 0 0111: index 7
               "c1 alternative ueCapabilityInformation is not decoded here");
  // A security mode command on the UL-DCCH is a different c1 alternative there (index 4).
  expect_error(nr::decode_ul_dcch(hex("200910")), "message.c1", 1,
               "c1 alternative rrcResumeComplete");
}

TEST(RrcErrors, MessageClassExtensionIsNamed) {
  // 1: messageClassExtension (DL: SEQUENCE {}).
  expect_error(nr::decode_dl_dcch(hex("80")), "message", 0,
               "alternative messageClassExtension is not decoded here");
  expect_error(lte::decode_dl_dcch(hex("80")), "message", 0, "messageClassExtension");
  // 1 0 0011: UL messageClassExtension c2, index 3.
  expect_error(nr::decode_ul_dcch(hex("8c")), "message.messageClassExtension.c2", 2,
               "c2 alternative ueInformationResponse-r16 is not decoded here");
  expect_error(lte::decode_ul_dcch(hex("8c")), "message.messageClassExtension.c2", 2,
               "c2 alternative scgFailureInformation-r12 is not decoded here");
  // 1 1: messageClassExtensionFuture.
  expect_error(nr::decode_ul_dcch(hex("c0")), "message.messageClassExtension", 1,
               "messageClassExtensionFuture-r16");
  expect_error(lte::decode_ul_dcch(hex("c0")), "message.messageClassExtension", 1,
               "messageClassExtensionFuture-r11");
}

TEST(RrcErrors, CriticalExtensionsFutureIsNamed) {
  // 0 0100 00 1: criticalExtensionsFuture at bit 7.
  expect_error(nr::decode_dl_dcch(hex("21")), "securityModeCommand.criticalExtensions", 7,
               "criticalExtensionsFuture");
  // 0 0101 00 1 and 0 0110 00 1.
  expect_error(nr::decode_ul_dcch(hex("29")), "securityModeComplete.criticalExtensions", 7,
               "criticalExtensionsFuture");
  expect_error(lte::decode_ul_dcch(hex("31")), "securityModeFailure.criticalExtensions", 7,
               "criticalExtensionsFuture");
  expect_error(lte::decode_dl_dcch(hex("3100")), "securityModeCommand.criticalExtensions", 7,
               "criticalExtensionsFuture");
  // LTE command: criticalExtensions c1 (bit 7 = 0), then 01 = spare3 at bit 8.
  expect_error(lte::decode_dl_dcch(hex("3040")), "securityModeCommand.criticalExtensions.c1", 8,
               "c1 alternative spare3 is not decoded here");
}

TEST(RrcErrors, AlgorithmExtensionValueIsRejected) {
  // 0 0100 00 0 | 00 0 0 0 (integrity absent) 1 (cipheringAlgorithm extension bit, bit 13)
  // 0000000 (normally small 0) + padding = 20 04 00.
  expect_error(nr::decode_dl_dcch(hex("200400")),
               "securityModeCommand.criticalExtensions.securityModeCommand.securityConfigSMC."
               "securityAlgorithmConfig.cipheringAlgorithm",
               13, "extension value 0");
  // LTE: 0 0110 00 0 | 00 0 0 0 010 (eea2) | 1 (integrityProtAlgorithm extension bit, bit 16)
  // 0000000 = 30 02 80.
  expect_error(lte::decode_dl_dcch(hex("300280")),
               "securityModeCommand.criticalExtensions.c1.securityModeCommand-r8."
               "securityConfigSMC.securityAlgorithmConfig.integrityProtAlgorithm",
               16, "extension value 0");
}

TEST(RrcErrors, PaddingAndTrailingOctetsAreRejected) {
  // 200910 ends its message at bit 21; the padding 001 is not zero.
  expect_error(nr::decode_dl_dcch(hex("200911")), "", 21, "padding bits");
  expect_error(nr::decode_dl_dcch(hex("20091000")), "", 21, "1 more octet");
  expect_error(lte::decode_ul_dcch(hex("280000")), "", 9, "1 more octet");  // ends at bit 9
}

TEST(RrcErrors, LengthDeterminantsMustBeCanonicalAndFitThePdu) {
  const std::string late =
      "securityModeComplete.criticalExtensions.securityModeComplete.lateNonCriticalExtension";
  // 0 0101 00 0 | 1 0, then the length 1 in two octets (10 00000000000001, bit 10), then 'AB'H:
  // 00101000 | 10100000 | 00000000 | 01101010 | 11000000
  expect_error(nr::decode_ul_dcch(hex("28a0006ac0")), late, 10, "written in two octets");
  // 11 at bit 10: the fragmented form.
  expect_error(nr::decode_ul_dcch(hex("28b0")), late, 10, "fragmented");
  // Length 127 (0 1111111 at bit 10) with one octet of PDU left after it.
  expect_error(nr::decode_ul_dcch(hex("289fc0")), late, 18, "127-octet field");
}

// 65 additions, the last present (a one-octet open type at bit 95): a normally small length above
// 64 is a 1 bit and the length as a length determinant (X.691 11.9.3.4).
//   ... 1 (bit 21) 01000001 (65) 0*64 1 00000001 00000000 0 (padding)
TEST(RrcNrKnown, MoreThan64ExtensionAdditions) {
  const auto d = nr::decode_dl_dcch(hex("2019150400000000000000020200"));
  ASSERT_TRUE(d.ok()) << d.error().describe();
  ASSERT_EQ(d.ignored().size(), 1u);
  EXPECT_EQ(d.ignored()[0].offset, 95u);
  EXPECT_TRUE(mentions(d.ignored()[0].ie, "securityAlgorithmConfig extension addition 65"))
      << d.ignored()[0].ie;
  // Length 1 in that form is not canonical: lengths up to 64 take the short form.
  expect_error(nr::decode_dl_dcch(hex("20191404")),
               "securityModeCommand.criticalExtensions.securityModeCommand.securityConfigSMC."
               "securityAlgorithmConfig",
               21, "X.691 11.9.3.4");
}

TEST(RrcErrors, EmptyExtensionAdditionBitmapIsRejected) {
  // 200910 with SecurityAlgorithmConfig's extension bit set (bit 11) and a one-bit addition
  // bit-map of 0: 0 0100 00 0 | 00 0 1 1 0010 | 0 0010 000 | 0000 0 000 = 20 19 10 00.
  expect_error(nr::decode_dl_dcch(hex("20191000")),
               "securityModeCommand.criticalExtensions.securityModeCommand.securityConfigSMC."
               "securityAlgorithmConfig",
               21, "marks none present");
}

// ---- encoder contracts ---------------------------------------------------------------------

TEST(RrcErrors, EncodersRejectUnencodableValues) {
  nr::SecurityModeCommand smc{4, {}, std::nullopt, false};
  EXPECT_THROW(nr::encode(smc), std::invalid_argument);  // transaction identifier 0..3
  smc.transaction_id = 3;
  smc.algorithms.ciphering = static_cast<nr::CipheringAlgorithm>(8);
  EXPECT_THROW(nr::encode(smc), std::invalid_argument);
  smc.algorithms.ciphering = nr::CipheringAlgorithm::spare1;
  smc.algorithms.integrity = static_cast<nr::IntegrityProtAlgorithm>(200);
  EXPECT_THROW(nr::encode(smc), std::invalid_argument);
  smc.algorithms.integrity = nr::IntegrityProtAlgorithm::spare1;
  EXPECT_NO_THROW(nr::encode(smc));
  EXPECT_THROW(nr::encode(nr::SecurityModeComplete{0, Bytes(16384), false}), std::invalid_argument);
  EXPECT_NO_THROW(nr::encode(nr::SecurityModeComplete{0, Bytes(16383), false}));
  EXPECT_THROW(nr::encode(nr::SecurityModeFailure{7, std::nullopt, false}), std::invalid_argument);
  lte::SecurityModeCommand lsmc{0, {}, std::nullopt};
  lsmc.algorithms.integrity = static_cast<lte::IntegrityProtAlgorithm>(9);
  EXPECT_THROW(lte::encode(lsmc), std::invalid_argument);
  EXPECT_THROW(lte::encode(lte::SecurityModeComplete{4, std::nullopt}), std::invalid_argument);
  EXPECT_THROW(
      lte::encode(lte::SecurityModeFailure{0, lte::NonCriticalExtensionV8a0{Bytes(20000), false}}),
      std::invalid_argument);
}

// Lengths from 128 on take the two-octet form (X.691 11.9.3.7): 10 0000001 0000000 for 128.
TEST(RrcNrKnown, TwoOctetLengthDeterminantRoundTrips) {
  for (const std::size_t n : {127u, 128u, 300u, 16383u}) {
    const nr::UlSecurityModeMessage m = nr::SecurityModeFailure{2, Bytes(n, 0x5a), false};
    const Bytes b = nr::encode(m);
    EXPECT_EQ(b.size(), (10 + (n < 128 ? 8 : 16) + 8 * n + 7) / 8) << n;
    const auto d = nr::decode_ul_dcch(b);
    ASSERT_TRUE(d.ok()) << n << ": " << d.error().describe();
    EXPECT_EQ(d.value(), m) << n;
  }
}

}  // namespace
}  // namespace secmode::spec::rrc
