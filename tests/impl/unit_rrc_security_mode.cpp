// The zero-copy RRC security mode codec on known PDUs (the hand-derived encodings of
// tests/codec/unit_rrc_security_mode.cpp, whose comments spell out every bit), every error class
// with its ASN.1 path and bit offset, octet strings at unaligned offsets, and the encoders'
// buffer and value contracts.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "impl/codec/rrc_security_mode.h"
#include "tests/support/vectors.h"

namespace secmode::impl::rrc {
namespace {

using test::hex;
using Bytes = std::vector<std::uint8_t>;

// The octets of an OctetString, copied out.
Bytes octets(const OctetString& s) {
  Bytes b(s.size());
  EXPECT_EQ(s.copy(b), s.size());
  return b;
}

// Encodes `m` into a buffer of exactly the size the encoder asks for.
template <typename M>
Bytes encoded(const M& m) {
  using nr::encode, lte::encode;
  const Encoded sized = encode(m, std::span<std::uint8_t>{});
  EXPECT_EQ(sized.error, nullptr);
  EXPECT_FALSE(sized.written && sized.size > 0);
  Bytes out(sized.size);
  const Encoded e = encode(m, out);
  EXPECT_TRUE(e.written);
  EXPECT_EQ(e.size, out.size());
  return out;
}

// ---- NR known encodings --------------------------------------------------------------------

TEST(ImplRrcNrKnown, SecurityModeCommands) {
  struct Case {
    const char* pdu;
    std::uint8_t tid;
    nr::CipheringAlgorithm c;
    std::optional<nr::IntegrityProtAlgorithm> i;
  };
  for (const Case& k :
       {Case{"200910", 0, nr::CipheringAlgorithm::nea2, nr::IntegrityProtAlgorithm::nia2},
        Case{"260910", 3, nr::CipheringAlgorithm::nea2, nr::IntegrityProtAlgorithm::nia2},
        Case{"200100", 0, nr::CipheringAlgorithm::nea2, std::nullopt}}) {
    const Bytes pdu = hex(k.pdu);
    const auto d = nr::decode_dl_dcch(pdu);
    ASSERT_TRUE(d.ok()) << k.pdu << ": " << d.error.ie << " " << d.error.reason;
    EXPECT_EQ(d.ignored, 0u);
    const nr::SecurityModeCommand want{k.tid, {k.c, k.i}, std::nullopt, false};
    EXPECT_EQ(d.value, want) << k.pdu;
    EXPECT_EQ(encoded(want), pdu) << k.pdu;
  }
}

// 22c9080d58: transaction 1, nea2, nia1, lateNonCriticalExtension 'AB'H at bit 29 (not
// aligned), nonCriticalExtension present.
TEST(ImplRrcNrKnown, LateNonCriticalExtensionIsAViewAtItsBitOffset) {
  const Bytes pdu = hex("22c9080d58");
  const auto d = nr::decode_dl_dcch(pdu);
  ASSERT_TRUE(d.ok()) << d.error.ie << " " << d.error.reason;
  const auto& late = d.value.late_non_critical_extension;
  ASSERT_TRUE(late.has_value());
  EXPECT_EQ(late->bit_offset(), 29u);
  EXPECT_EQ(late->size(), 1u);
  EXPECT_EQ((*late)[0], 0xab);
  EXPECT_FALSE(late->aligned().has_value());  // bit 29 is not an octet boundary
  EXPECT_EQ(octets(*late), Bytes{0xab});
  EXPECT_TRUE(d.value.non_critical_extension);
  EXPECT_EQ(d.value.algorithms.integrity, nr::IntegrityProtAlgorithm::nia1);
  const Bytes ab{0xab};
  const nr::SecurityModeCommand want{
      1, {nr::CipheringAlgorithm::nea2, nr::IntegrityProtAlgorithm::nia1}, OctetString(ab), true};
  EXPECT_EQ(d.value, want);  // equality compares octets, not where they lie
  EXPECT_EQ(encoded(want), pdu);
  EXPECT_EQ(encoded(d.value), pdu);
}

TEST(ImplRrcNrKnown, SecurityModeCompleteAndFailure) {
  const auto c = nr::decode_ul_dcch(hex("2800"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c.value, nr::UlSecurityModeMessage(nr::SecurityModeComplete{0, std::nullopt, false}));
  const auto f = nr::decode_ul_dcch(hex("3200"));
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f.value, nr::UlSecurityModeMessage(nr::SecurityModeFailure{1, std::nullopt, false}));
  EXPECT_EQ(encoded(c.value), hex("2800"));
  EXPECT_EQ(encoded(f.value), hex("3200"));
  // Complete, transaction 2, lateNonCriticalExtension '0102'H at bit 18, nonCriticalExtension.
  const Bytes pdu = hex("2cc0804080");
  const auto l = nr::decode_ul_dcch(pdu);
  ASSERT_TRUE(l.ok());
  const auto& m = std::get<nr::SecurityModeComplete>(l.value);
  EXPECT_EQ(m.transaction_id, 2);
  ASSERT_TRUE(m.late_non_critical_extension);
  EXPECT_EQ(m.late_non_critical_extension->bit_offset(), 18u);
  EXPECT_EQ(octets(*m.late_non_critical_extension), (Bytes{0x01, 0x02}));
  EXPECT_TRUE(m.non_critical_extension);
  EXPECT_EQ(encoded(l.value), pdu);
}

// 201910080ad0: SecurityAlgorithmConfig with one extension addition, its open type at bit 29.
TEST(ImplRrcNrKnown, UnknownExtensionAdditionIsSteppedOver) {
  std::array<IgnoredIe, 2> sink{};
  const auto d = nr::decode_dl_dcch(hex("201910080ad0"), sink);
  ASSERT_TRUE(d.ok()) << d.error.ie << " " << d.error.reason;
  EXPECT_EQ(d.value, (nr::SecurityModeCommand{
                         0,
                         {nr::CipheringAlgorithm::nea2, nr::IntegrityProtAlgorithm::nia2},
                         std::nullopt,
                         false}));
  ASSERT_EQ(d.ignored, 1u);
  EXPECT_EQ(sink[0].offset, 29u);
  EXPECT_EQ(sink[0].addition, 1u);
  EXPECT_STREQ(sink[0].ie,
               "securityModeCommand.criticalExtensions.securityModeCommand.securityConfigSMC."
               "securityAlgorithmConfig");
  EXPECT_EQ(encoded(d.value), hex("200910"));  // the canonical re-encoding has no addition
  // Without a sink the count is still there.
  EXPECT_EQ(nr::decode_dl_dcch(hex("201910080ad0")).ignored, 1u);
}

// Built from a ByteView, an OctetString is aligned; built over a PDU at bit 3, it is not, and
// both hold the same octets. (Decoded strings are aligned only by chance: the known PDUs above
// put them at bits 18, 29 and 30.)
TEST(ImplRrcOctetString, BuiltFromAViewIsAlignedAndCopies) {
  const Bytes b{1, 2, 3};
  const OctetString s(b);
  ASSERT_TRUE(s.aligned().has_value());
  EXPECT_EQ(s.aligned()->data(), b.data());
  EXPECT_EQ(s.bit_offset(), 0u);
  std::array<std::uint8_t, 2> small{};
  EXPECT_EQ(s.copy(small), 2u);  // copies what fits
  EXPECT_EQ(small, (std::array<std::uint8_t, 2>{1, 2}));
  // The same octets three bits in: 000 00000001 00000010 00000011 00000 = 00 20 40 60
  const Bytes shifted = hex("00204060");
  const OctetString t(shifted, 3, 3);
  EXPECT_EQ(t, s);
  EXPECT_FALSE(t.aligned().has_value());
  EXPECT_EQ(octets(t), b);
}

// ---- LTE known encodings -------------------------------------------------------------------

TEST(ImplRrcLteKnown, SecurityModeCommands) {
  const auto a = lte::decode_dl_dcch(hex("300220"));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(
      a.value,
      (lte::SecurityModeCommand{
          0, {lte::CipheringAlgorithm::eea2, lte::IntegrityProtAlgorithm::eia2}, std::nullopt}));
  const auto b = lte::decode_dl_dcch(hex("360010"));
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(
      b.value,
      (lte::SecurityModeCommand{
          3, {lte::CipheringAlgorithm::eea0, lte::IntegrityProtAlgorithm::eia1}, std::nullopt}));
  // 32233c07fc: eea3, eia3, v8a0 with lateNonCriticalExtension 'FF'H at bit 30 and its own
  // nonCriticalExtension.
  const Bytes pdu = hex("32233c07fc");
  const auto c = lte::decode_dl_dcch(pdu);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c.value.transaction_id, 1);
  EXPECT_EQ(c.value.algorithms.ciphering, lte::CipheringAlgorithm::eea3_v1130);
  EXPECT_EQ(c.value.algorithms.integrity, lte::IntegrityProtAlgorithm::eia3_v1130);
  ASSERT_TRUE(c.value.non_critical_extension);
  const auto& late = c.value.non_critical_extension->late_non_critical_extension;
  ASSERT_TRUE(late);
  EXPECT_EQ(late->bit_offset(), 30u);
  EXPECT_EQ(octets(*late), Bytes{0xff});
  EXPECT_TRUE(c.value.non_critical_extension->non_critical_extension);
  EXPECT_EQ(encoded(a.value), hex("300220"));
  EXPECT_EQ(encoded(b.value), hex("360010"));
  EXPECT_EQ(encoded(c.value), pdu);
}

TEST(ImplRrcLteKnown, SecurityModeCompleteAndFailure) {
  const lte::UlSecurityModeMessage complete = lte::SecurityModeComplete{0, std::nullopt};
  const lte::UlSecurityModeMessage failure = lte::SecurityModeFailure{2, std::nullopt};
  const lte::UlSecurityModeMessage empty_v8a0 =
      lte::SecurityModeComplete{1, lte::NonCriticalExtensionV8a0{}};
  for (const auto& [m, bytes] :
       {std::pair{complete, "2800"}, std::pair{failure, "3400"}, std::pair{empty_v8a0, "2a80"}}) {
    const auto d = lte::decode_ul_dcch(hex(bytes));
    ASSERT_TRUE(d.ok()) << bytes << ": " << d.error.ie << " " << d.error.reason;
    EXPECT_EQ(d.value, m) << bytes;
    EXPECT_EQ(d.ignored, 0u);
    EXPECT_EQ(encoded(m), hex(bytes)) << bytes;
  }
}

// ---- errors ----------------------------------------------------------------------------------

// A failed decode with its message, ASN.1 path and bit offset, and a reason that says `says`
// (the alternative found, or the X.691 clause broken).
template <typename Result>
void expect_error(const Result& d, const char* message, const std::string& ie, std::size_t offset,
                  const std::string& says) {
  ASSERT_FALSE(d.ok());
  EXPECT_STREQ(d.error.message, message);
  EXPECT_EQ(d.error.ie, ie) << d.error.reason;
  EXPECT_EQ(d.error.offset, offset) << d.error.ie << ": " << d.error.reason;
  EXPECT_NE(std::string(d.error.reason).find(says), std::string::npos) << d.error.reason;
  EXPECT_EQ(d.ignored, 0u);
}

constexpr const char* kDl = "DL-DCCH-Message";
constexpr const char* kUl = "UL-DCCH-Message";
constexpr const char* kNrSac =
    "securityModeCommand.criticalExtensions.securityModeCommand.securityConfigSMC."
    "securityAlgorithmConfig";

TEST(ImplRrcErrors, EveryTruncationFailsInsideThePrefix) {
  const auto every_prefix = [](const char* pdu_hex, auto decode, const char* message) {
    const Bytes pdu = hex(pdu_hex);
    ASSERT_TRUE(decode(pdu).ok()) << pdu_hex;
    for (std::size_t n = 0; n < pdu.size(); ++n) {
      const auto d = decode(std::span(pdu).first(n));
      ASSERT_FALSE(d.ok()) << pdu_hex << " cut to " << n;
      EXPECT_LE(d.error.offset, 8 * n) << pdu_hex << " cut to " << n;
      EXPECT_STREQ(d.error.message, message);
      EXPECT_NE(std::string(d.error.ie), "") << pdu_hex << " cut to " << n;
    }
  };
  const auto nr_dl = [](ByteView b) { return nr::decode_dl_dcch(b); };
  const auto lte_dl = [](ByteView b) { return lte::decode_dl_dcch(b); };
  for (const char* p : {"200910", "260910", "200100", "22c9080d58", "201910080ad0"})
    every_prefix(p, nr_dl, kDl);
  for (const char* p : {"2800", "3200", "2cc0804080"}) every_prefix(p, nr::decode_ul_dcch, kUl);
  for (const char* p : {"300220", "360010", "32233c07fc"}) every_prefix(p, lte_dl, kDl);
  for (const char* p : {"2800", "3400", "2a80"}) every_prefix(p, lte::decode_ul_dcch, kUl);
}

TEST(ImplRrcErrors, TruncationOffsets) {
  expect_error(nr::decode_dl_dcch({}), kDl, "message", 0, "the PDU ends");
  // 20: the PDU ends at bit 8, inside the SecurityModeCommand-IEs bit-map (bits 8..9), which
  // fails at its first missing bit.
  expect_error(nr::decode_dl_dcch(hex("20")), kDl,
               "securityModeCommand.criticalExtensions.securityModeCommand", 8, "the PDU ends");
  // 2009: cipheringAlgorithm's extension bit is bit 13; its three index bits, a run from bit 14,
  // run past the PDU's 16 bits, and the run is reported at its first bit.
  expect_error(nr::decode_dl_dcch(hex("2009")), kDl, std::string(kNrSac) + ".cipheringAlgorithm",
               14, "the PDU ends");
}

TEST(ImplRrcErrors, OtherDcchMessagesAreNamed) {
  expect_error(nr::decode_dl_dcch(hex("00")), kDl, "message.c1", 1, "rrcReconfiguration");
  expect_error(lte::decode_dl_dcch(hex("00")), kDl, "message.c1", 1,
               "csfbParametersResponseCDMA2000");
  expect_error(nr::decode_dl_dcch(hex("78")), kDl, "message.c1", 1, "spare1");
  expect_error(nr::decode_ul_dcch(hex("00")), kUl, "message.c1", 1, "measurementReport");
  expect_error(lte::decode_ul_dcch(hex("38")), kUl, "message.c1", 1, "ueCapabilityInformation");
  expect_error(nr::decode_ul_dcch(hex("200910")), kUl, "message.c1", 1, "rrcResumeComplete");
}

TEST(ImplRrcErrors, MessageClassExtensionIsNamed) {
  expect_error(nr::decode_dl_dcch(hex("80")), kDl, "message", 0, "messageClassExtension");
  expect_error(lte::decode_dl_dcch(hex("80")), kDl, "message", 0, "messageClassExtension");
  expect_error(nr::decode_ul_dcch(hex("8c")), kUl, "message.messageClassExtension.c2", 2,
               "ueInformationResponse-r16");
  expect_error(lte::decode_ul_dcch(hex("8c")), kUl, "message.messageClassExtension.c2", 2,
               "scgFailureInformation-r12");
  expect_error(nr::decode_ul_dcch(hex("c0")), kUl, "message.messageClassExtension", 1,
               "messageClassExtensionFuture-r16");
  expect_error(lte::decode_ul_dcch(hex("c0")), kUl, "message.messageClassExtension", 1,
               "messageClassExtensionFuture-r11");
}

TEST(ImplRrcErrors, CriticalExtensionsFutureIsNamed) {
  expect_error(nr::decode_dl_dcch(hex("21")), kDl, "securityModeCommand.criticalExtensions", 7,
               "criticalExtensionsFuture");
  expect_error(nr::decode_ul_dcch(hex("29")), kUl, "securityModeComplete.criticalExtensions", 7,
               "criticalExtensionsFuture");
  expect_error(lte::decode_ul_dcch(hex("31")), kUl, "securityModeFailure.criticalExtensions", 7,
               "criticalExtensionsFuture");
  expect_error(lte::decode_dl_dcch(hex("3100")), kDl, "securityModeCommand.criticalExtensions", 7,
               "criticalExtensionsFuture");
  expect_error(lte::decode_dl_dcch(hex("3040")), kDl, "securityModeCommand.criticalExtensions.c1",
               8, "spare3");
}

TEST(ImplRrcErrors, AlgorithmExtensionValueIsRejected) {
  expect_error(nr::decode_dl_dcch(hex("200400")), kDl, std::string(kNrSac) + ".cipheringAlgorithm",
               13, "X.691 14.3");
  expect_error(lte::decode_dl_dcch(hex("300280")), kDl,
               "securityModeCommand.criticalExtensions.c1.securityModeCommand-r8."
               "securityConfigSMC.securityAlgorithmConfig.integrityProtAlgorithm",
               16, "X.691 14.3");
}

TEST(ImplRrcErrors, PaddingAndTrailingOctetsAreRejected) {
  expect_error(nr::decode_dl_dcch(hex("200911")), kDl, "", 21, "padding bits");
  expect_error(nr::decode_dl_dcch(hex("20091000")), kDl, "", 21, "octets after");
  expect_error(lte::decode_ul_dcch(hex("280000")), kUl, "", 9, "octets after");
}

TEST(ImplRrcErrors, LengthDeterminantsMustBeCanonicalAndFitThePdu) {
  const std::string late =
      "securityModeComplete.criticalExtensions.securityModeComplete.lateNonCriticalExtension";
  expect_error(nr::decode_ul_dcch(hex("28a0006ac0")), kUl, late, 10, "11.9.3.6");  // 1, two octets
  expect_error(nr::decode_ul_dcch(hex("28b0")), kUl, late, 10, "11.9.3.8");        // fragmented
  expect_error(nr::decode_ul_dcch(hex("289fc0")), kUl, late, 18, "17.8");  // 127 octets, 1 there
}

TEST(ImplRrcErrors, ExtensionAdditionBitmaps) {
  // The bit-map marks none present (X.691 19.7): the error is at the bit-map's length, bit 21.
  expect_error(nr::decode_dl_dcch(hex("20191000")), kDl, kNrSac, 21, "X.691 19.7");
  // A normally small length above 64 (X.691 11.9.3.4): 1 (bit 21), then 65 as a length
  // determinant, then nothing: the 65-bit bit-map runs past the PDU, reported at its end (bit 32).
  //   0 0100 00 0 | 00 0 1 1 0010 | 0 0010 1 01 | 000001 00
  expect_error(nr::decode_dl_dcch(hex("20191504")), kDl, kNrSac, 32, "the PDU ends");
  // Length 1 in the long form is not the form 11.9.3.4 gives lengths up to 64: at bit 21.
  //   ... 1 00000001 -> 0 0010 1 00 | 000001 0 0
  expect_error(nr::decode_dl_dcch(hex("20191404")), kDl, kNrSac, 21, "X.691 11.9.3.4");
}

// 65 additions, the last present (a one-octet open type at bit 95): the long form of 11.9.3.4.
//   ... 1 (bit 21) 01000001 (65) 0*64 1 00000001 00000000 0 (padding)
TEST(ImplRrcNrKnown, MoreThan64ExtensionAdditions) {
  std::array<IgnoredIe, 2> sink{};
  const auto d = nr::decode_dl_dcch(hex("2019150400000000000000020200"), sink);
  ASSERT_TRUE(d.ok()) << d.error.ie << " " << d.error.reason;
  ASSERT_EQ(d.ignored, 1u);
  EXPECT_EQ(sink[0].offset, 95u);
  EXPECT_EQ(sink[0].addition, 65u);
}

// ---- encoder contracts -------------------------------------------------------------------------

TEST(ImplRrcEncode, ReportsTheSizeNeededWhenTheBufferIsTooSmall) {
  const nr::SecurityModeCommand m{
      1, {nr::CipheringAlgorithm::nea2, nr::IntegrityProtAlgorithm::nia1}, std::nullopt, true};
  std::array<std::uint8_t, 8> out{};
  for (std::size_t n = 0; n < 3; ++n) {
    const Encoded e = nr::encode(m, std::span(out).first(n));
    EXPECT_FALSE(e.written) << n;
    EXPECT_EQ(e.size, 3u) << n;
    EXPECT_EQ(e.error, nullptr);
  }
  const Encoded e = nr::encode(m, out);
  EXPECT_TRUE(e.written);
  EXPECT_EQ(e.size, 3u);
  // A dirty buffer does not leak into the padding.
  out.fill(0xff);
  ASSERT_TRUE(lte::encode(lte::SecurityModeComplete{0, std::nullopt}, out).written);
  EXPECT_EQ(out[0], 0x28);
  EXPECT_EQ(out[1], 0x00);
}

TEST(ImplRrcEncode, RejectsUnencodableValues) {
  std::array<std::uint8_t, 16> out{};
  nr::SecurityModeCommand smc{4, {}, std::nullopt, false};
  EXPECT_NE(nr::encode(smc, out).error, nullptr);
  smc.transaction_id = 3;
  smc.algorithms.ciphering = static_cast<nr::CipheringAlgorithm>(8);
  EXPECT_NE(nr::encode(smc, out).error, nullptr);
  smc.algorithms.ciphering = nr::CipheringAlgorithm::spare1;
  smc.algorithms.integrity = static_cast<nr::IntegrityProtAlgorithm>(200);
  EXPECT_NE(nr::encode(smc, out).error, nullptr);
  smc.algorithms.integrity = nr::IntegrityProtAlgorithm::spare1;
  EXPECT_EQ(nr::encode(smc, out).error, nullptr);
  const Bytes big(16384), fits(16383);
  Bytes big_out(16400);
  const Encoded e = nr::encode(nr::SecurityModeComplete{0, OctetString(big), false}, big_out);
  EXPECT_NE(e.error, nullptr);
  EXPECT_EQ(e.size, 0u);
  EXPECT_FALSE(e.written);
  EXPECT_TRUE(nr::encode(nr::SecurityModeComplete{0, OctetString(fits), false}, big_out).written);
  EXPECT_NE(nr::encode(nr::SecurityModeFailure{7, std::nullopt, false}, out).error, nullptr);
  lte::SecurityModeCommand lsmc{0, {}, std::nullopt};
  lsmc.algorithms.integrity = static_cast<lte::IntegrityProtAlgorithm>(9);
  EXPECT_NE(lte::encode(lsmc, out).error, nullptr);
  EXPECT_NE(lte::encode(lte::SecurityModeComplete{4, std::nullopt}, out).error, nullptr);
  const Bytes huge(20000);
  EXPECT_NE(lte::encode(lte::SecurityModeFailure{0, lte::NonCriticalExtensionV8a0{OctetString(huge),
                                                                                  false}},
                        big_out)
                .error,
            nullptr);
}

// Lengths from 128 on take the two-octet form (X.691 11.9.3.7).
TEST(ImplRrcEncode, TwoOctetLengthDeterminantRoundTrips) {
  for (const std::size_t n : {127u, 128u, 300u, 16383u}) {
    const Bytes late(n, 0x5a);
    const nr::UlSecurityModeMessage m = nr::SecurityModeFailure{2, OctetString(late), false};
    const Bytes b = encoded(m);
    EXPECT_EQ(b.size(), (10 + (n < 128 ? 8 : 16) + 8 * n + 7) / 8) << n;
    const auto d = nr::decode_ul_dcch(b);
    ASSERT_TRUE(d.ok()) << n << ": " << d.error.ie << " " << d.error.reason;
    EXPECT_EQ(d.value, m) << n;
  }
}

}  // namespace
}  // namespace secmode::impl::rrc
