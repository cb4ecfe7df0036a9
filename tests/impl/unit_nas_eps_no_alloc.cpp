// Decoding allocates nothing: each decoder runs on every message kind, on PDUs whose IEs are
// stepped over and on PDUs it rejects, with the executable's allocation counter watched. The EPS
// and 5GS NAS codecs and the RRC codec.
#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "impl/codec/nas_5gs.h"
#include "impl/codec/nas_5gs_mm.h"
#include "impl/codec/nas_eps.h"
#include "impl/codec/nas_eps_emm.h"
#include "impl/codec/rrc_security_mode.h"
#include "tests/impl/allocation_counter.h"
#include "tests/support/vectors.h"

namespace secmode::impl::nas {
namespace {

using test::hex;

TEST(ImplNasEpsNoAlloc, TheCounterCounts) {
  const std::size_t before = test::allocations();
  std::vector<int> v(3);
  EXPECT_GT(test::allocations(), before);
  auto* p = new std::array<std::uint8_t, 64>();
  EXPECT_GT(test::allocations(), before + 1);
  delete p;
}

TEST(ImplNasEpsNoAlloc, DecodingAllocatesNothing) {
  // Accepted (plain, with ignored IEs, longer than defined, bad contents) and rejected PDUs.
  const std::vector<std::vector<std::uint8_t>> pdus{
      hex("075d110e05f0f0c040704f0800112233445566776f04f0007000370101"),
      hex("075d2201"
          "04f070c040"
          "c1"
          "5501020304"
          "56a1b2c3d4"),
      hex("075d020006e0e0c040709f"
          "5a02aabb"
          "d1"
          "7a0001ff"
          "56a1b2c3d4"
          "5501020304"
          "c1c0"),
      hex("075e"
          "2309"
          "3365890214325406f1"
          "790003074171"
          "6602abcd"),
      hex("075e"
          "2309"
          "3265890214325406f1"
          "2308336589021432540f"
          "6600"),
      hex("075f18"),
      hex("075f17"
          "6701ff"
          "a1"),
      hex("37"
          "5a6b7c8d"
          "00"
          "075d020002e0e0"),
      hex("47"
          "01020304"
          "2a"
          "c3"),
      hex("075d020002e0e0"
          "0a0100"),
      hex("075d020002e0e0"
          "4f08"
          "0011"),
      hex("075e"
          "790005"
          "0741"),
      hex("075d020003e0e0c0"),
      hex("075d020702e0e0"),
      hex("c7010203040007"),
      hex("0741"),
      {},
  };
  std::array<IgnoredIe, 4> sink{};
  std::array<char, 16> digits{};
  std::size_t accepted = 0, ignored = 0, rejected = 0;
  const std::size_t before = test::allocations();
  for (const auto& pdu : pdus) {
    const auto p = decode_security_protected(pdu);
    const auto m = decode_security_mode_message(pdu, sink);
    const auto c = decode_security_mode_command(pdu, sink);
    const auto k = decode_security_mode_complete(pdu, sink);
    const auto r = decode_security_mode_reject(pdu, sink);
    if (m.ok()) {
      ++accepted;
      ignored += m.ignored;
      if (const auto* complete = std::get_if<SecurityModeComplete>(&m.value))
        if (complete->imeisv) imeisv_digits(*complete->imeisv, digits);
    } else {
      ++rejected;
    }
    accepted += p.ok() + c.ok() + k.ok() + r.ok();
  }
  EXPECT_EQ(test::allocations(), before);
  EXPECT_GE(accepted, 9u);
  EXPECT_GE(ignored, 10u);
  EXPECT_GE(rejected, 8u);
}

TEST(ImplNasEpsNoAlloc, EncodingIntoACallerBufferAllocatesNothing) {
  const auto pdu =
      hex("075e"
          "2309"
          "3365890214325406f1"
          "790003074171"
          "6602abcd");
  std::array<std::uint8_t, 64> out{};
  const std::size_t before = test::allocations();
  const auto d = decode_security_mode_message(pdu);
  const Encoded e = encode(d.value, out);
  const Encoded too_small = encode(d.value, std::span(out).first(3));
  EXPECT_EQ(test::allocations(), before);
  EXPECT_TRUE(e.written);
  EXPECT_FALSE(too_small.written);
  EXPECT_EQ(e.size, pdu.size());
}

// The EMM decoders beyond security mode control (nas_eps_emm.h), through the PDU entry and each
// message decoder: accepted PDUs of every kind (identities of every type, raw IEs, a TLV-E
// container, IEs stepped over, an Additional GUTI treated as not present) and rejected ones;
// then every accepted value is encoded into a caller buffer, and into one too small.
TEST(ImplNasEpsNoAlloc, EmmDecodingAndEncodingAllocateNothing) {
  const std::vector<std::vector<std::uint8_t>> pdus{
      hex("0741020bf600f110000201030003e605f07000001000050215d011d15200f110"
          "30395c0a003103e5e0349011035758a65d0100e0c1"),
      hex("074171080910101032547698"
          "02e0e0"
          "0003020100"
          "500b0909101010325476f8ffff"
          "310a00112233445566778899"
          "6f03f00070"
          "290101"),
      hex("074176084b0951243032578102e0e00003020100"),
      hex("0748180bf602f8108003c8c2e65e9ab98255a1b2c3d45802e0e091e16f04f0007000"
          "2901012803010203"
          "2803040506"),
      hex("075206905ada1e7da557ada1e72650e21ee5e3104bfb73f6b4558000b1903ab88a27237f"),
      hex("0753083ec3a476f829b414"),
      hex("075c15300e0000000000000000000000000000"),
      hex("07546f0400000000"),
      hex("c7a8640c5d0100"),
      hex("17450740e3040753083ec3a476f829b414"),
      hex("075d020002e0e0"),
      hex("074177080910101032547698"),
      hex("0741710af600f1100002010300e602e0e00003020100"),
      hex("0748170bf602f8108003c8c2e65e9a"),
      hex("075207"),
      hex("c7a8"),
      hex("0760"),
      hex("97000000"),
      {},
  };
  std::array<IgnoredIe, 4> sink{};
  std::array<char, 15> digits{};
  std::array<std::uint8_t, 256> out{};
  std::size_t accepted = 0, ignored = 0, rejected = 0, written = 0;
  const std::size_t before = test::allocations();
  for (const auto& pdu : pdus) {
    const auto d = decode_emm_pdu(pdu, sink);
    const auto m = decode_emm_message(pdu, sink);
    const auto a = decode_attach_request(pdu, sink);
    const auto t = decode_tracking_area_update_request(pdu, sink);
    const auto q = decode_authentication_request(pdu, sink);
    const auto r = decode_authentication_response(pdu, sink);
    const auto f = decode_authentication_failure(pdu, sink);
    const auto j = decode_authentication_reject(pdu, sink);
    const auto s = decode_service_request(pdu, sink);
    if (d.ok()) {
      ++accepted;
      ignored += d.ignored;
      written += encode(d.value, out).written;
      written += encode(d.value, std::span(out).first(1)).written;  // too small: 0
    } else {
      ++rejected;
    }
    if (a.ok()) {
      if (const auto* imsi = std::get_if<Imsi>(&a.value.eps_mobile_identity))
        identity_digits(imsi->identity, digits);
      if (const auto* imei = std::get_if<Imei>(&a.value.eps_mobile_identity))
        identity_digits(imei->identity, digits);
    }
    accepted += m.ok() + a.ok() + t.ok() + q.ok() + r.ok() + f.ok() + j.ok() + s.ok();
  }
  EXPECT_EQ(test::allocations(), before);
  EXPECT_GE(accepted, 20u);
  EXPECT_GE(ignored, 7u);
  EXPECT_EQ(rejected, 8u);
  EXPECT_EQ(written, 11u);  // every accepted PDU once, and never into a 1-octet buffer
}

}  // namespace
}  // namespace secmode::impl::nas

namespace secmode::impl::nas5gs {
namespace {

using test::hex;

TEST(ImplNas5gsNoAlloc, DecodingAllocatesNothing) {
  // Accepted (plain, protected, with ignored IEs, longer than defined, bad contents, every PEI)
  // and rejected PDUs.
  const std::vector<std::vector<std::uint8_t>> pdus{
      hex("7e005d110d08f0f0f0f001020304e15722360101780004032a0004380200001902f070"),
      hex("7e005d02000ae0e0f0f0aabbccdd1122"
          "5a02aabb"
          "d1"
          "7a0001ff"
          "38020000"
          "5722"
          "e1e0"
          "1903f070c0"),
      hex("7e005e"
          "7700093565890214325406f1"
          "7100047e004179"
          "7800070e001122334455"),
      hex("7e005e"
          "7700093365890214325406f1"
          "77000a3565890214325406f1ff"
          "7800084b09512430325781"),
      hex("7e005e780009070123456789abcdef"),
      hex("7e005e78000843095124303257f1"),
      hex("7e005f18"),
      hex("7e005f17"
          "6701ff"
          "a1"),
      hex("7e03"
          "8b6c3a1f"
          "00"
          "7e005d020002e0e0"),
      hex("7e04"
          "01020304"
          "2a"
          "c3d4e5"),
      hex("7e01a1a2a3a4007e0301020304007e005d020002e0e0"),
      hex("7e005d020002e0e0"
          "0a0100"),
      hex("7e005d020002e0e0"
          "380200"),
      hex("7e005e"
          "7100057e00"),
      hex("7e005d020003e0e0f0"),
      hex("7e005d020702e0e0"),
      hex("7e0a5e"),
      hex("2e005d"),
      hex("7e0041"),
      {},
  };
  std::array<IgnoredIe, 4> sink{};
  std::array<char, 16> imeisv{};
  std::array<char, 15> imei{};
  std::size_t accepted = 0, ignored = 0, rejected = 0;
  const std::size_t before = test::allocations();
  for (const auto& pdu : pdus) {
    const auto h = decode_security_header_type(pdu);
    const auto p = decode_security_protected(pdu);
    const auto m = nas5gs::decode_security_mode_message(pdu, sink);
    const auto c = nas5gs::decode_security_mode_command(pdu, sink);
    const auto k = nas5gs::decode_security_mode_complete(pdu, sink);
    const auto r = nas5gs::decode_security_mode_reject(pdu, sink);
    if (m.ok()) {
      ++accepted;
      ignored += m.ignored;
      if (const auto* complete = std::get_if<SecurityModeComplete>(&m.value)) {
        if (complete->imeisv) imeisv_digits(*complete->imeisv, imeisv);
        if (complete->non_imeisv_pei)
          if (const auto* i = std::get_if<Imei>(&*complete->non_imeisv_pei))
            imei_digits(i->identity, imei);
      }
    } else {
      ++rejected;
    }
    accepted += h.ok() + p.ok() + c.ok() + k.ok() + r.ok();
  }
  EXPECT_EQ(test::allocations(), before);
  EXPECT_GE(accepted, 10u);
  EXPECT_GE(ignored, 12u);
  EXPECT_GE(rejected, 10u);
}

TEST(ImplNas5gsNoAlloc, EncodingIntoACallerBufferAllocatesNothing) {
  const auto pdu =
      hex("7e005e"
          "7700093565890214325406f1"
          "7100047e004179"
          "7800084b09512430325781");
  const auto protected_pdu = hex("7e01a1a2a3a407" "7e005f18");
  std::array<std::uint8_t, 64> out{};
  const std::size_t before = test::allocations();
  const auto d = nas5gs::decode_security_mode_message(pdu);
  const Encoded e = encode(d.value, out);
  const Encoded too_small = encode(d.value, std::span(out).first(3));
  const Encoded p = encode(decode_security_protected(protected_pdu).value, out);
  EXPECT_EQ(test::allocations(), before);
  EXPECT_TRUE(e.written);
  EXPECT_FALSE(too_small.written);
  EXPECT_EQ(e.size, pdu.size());
  EXPECT_TRUE(p.written);
  EXPECT_EQ(p.size, protected_pdu.size());
}

// REGISTRATION REQUEST (every type of identity, raw rows, clause 7 cases), the AUTHENTICATION
// messages and the 5GMM dispatch: decoded by every decoder, re-encoded, and refused when cut.
TEST(ImplNas5gsNoAlloc, FiveGmmDecodingAndEncodingAllocateNothing) {
  const std::vector<std::vector<std::uint8_t>> pdus{
      hex("7e004179000bf2000000000000000000002e02f0f01707f0f0c040018030"),
      hex("7e004179000d0109f107f0ff000000002031901001032e02f0f01707f0f0c040018030"),
      hex("7e00410a000bf209f107020040c7004bb31001032e02f0f02f0201015209f107000001"
          "1707f0f0c0400180301801017100037e0057"),
      hex("7e00410100041161406277000bf209f107020040c7004bb3c9"),
      hex("7e00410100084b0951243032578177000bf100000000000000000000"),
      hex("7e0041010007f4007fff0000002e03e0e0e06f0400000000"),
      hex("7e00410100094509512430325781f9"),
      hex("7e00410100070e0a0b0c0d0e0f"),
      hex("7e00410100090701020304050607082e0ae0e0e0e0e0e0e0e0e0e0"),
      hex("7e005600020000213527919dcefbc89511fc63a56101118c20104bd76e8d3ebf80006f9c8a54556a89aa"),
      hex("7e00572d10c1399f835bd6b1606c645f5adf8ad5ab"),
      hex("7e005915300e7be0e01587822a14c959c5d9313e"),
      hex("7e0058" "78000404070004"),
      hex("7e005a" "0b" "000403070004" "38020000"),
      hex("7e005d0000020000e1"),
      hex("7e004179000400000000"),
      hex("7e005607020000"),
      hex("7e005a0000"),
      hex("7e005b01"),
      hex("7e01"),
      {},
  };
  std::array<IgnoredIe, 4> sink{};
  std::array<char, 20> msin{};
  std::array<std::uint8_t, 256> out{};
  std::size_t accepted = 0, ignored = 0, rejected = 0, written = 0;
  const std::size_t before = test::allocations();
  for (const auto& pdu : pdus) {
    const auto d = decode_5gmm_message(pdu, sink);
    const auto g = decode_registration_request(pdu, sink);
    const auto q = decode_authentication_request(pdu, sink);
    const auto r = decode_authentication_response(pdu, sink);
    const auto t = decode_authentication_result(pdu, sink);
    const auto f = decode_authentication_failure(pdu, sink);
    const auto j = decode_authentication_reject(pdu, sink);
    if (d.ok()) {
      ++accepted;
      ignored += d.ignored;
      written += encode(d.value, out).written;
      written += encode(d.value, std::span(out).first(2)).written;  // too small: 0
    } else {
      ++rejected;
    }
    if (g.ok())
      if (const auto* s = std::get_if<SuciImsi>(&g.value.mobile_identity))
        null_scheme_msin(*s, msin);
    accepted += g.ok() + q.ok() + r.ok() + t.ok() + f.ok() + j.ok();
  }
  EXPECT_EQ(test::allocations(), before);
  // Each accepted PDU by the dispatch and by its own decoder, the SECURITY MODE COMMAND by the
  // dispatch only.
  EXPECT_EQ(accepted, 2u * 14u + 1u);
  // C- after 77 (7.6.2), a SUCI as Additional GUTI and 3 octets of UE security capability
  // (7.7.1), 6F unknown (7.6.1), 10 octets of UE security capability (TS 24.007 11.4.2).
  EXPECT_EQ(ignored, 5u);
  EXPECT_EQ(rejected, 6u);
  EXPECT_EQ(written, 15u);  // every accepted PDU once, and never into a 2-octet buffer
}

}  // namespace
}  // namespace secmode::impl::nas5gs

namespace secmode::impl::rrc {
namespace {

using test::hex;

TEST(ImplRrcNoAlloc, DecodingAndEncodingAllocateNothing) {
  // Accepted (NR and LTE, octet strings at unaligned offsets, two-octet lengths, extension
  // additions stepped over) and rejected PDUs (other messages, truncations, non-canonical
  // lengths, an empty addition bit-map, padding), each given to all four decoders.
  const std::vector<std::vector<std::uint8_t>> pdus{
      hex("200910"),       hex("200100"),     hex("22c9080d58"), hex("201910080ad0"),
      hex("2800"),         hex("3200"),       hex("2cc0804080"), hex("300220"),
      hex("32233c07fc"),   hex("3400"),       hex("2a80"),       hex("00"),
      hex("8c"),           hex("c0"),         hex("21"),         hex("3040"),
      hex("200400"),       hex("200911"),     hex("20091000"),   hex("28a0006ac0"),
      hex("28b0"),         hex("289fc0"),     hex("20191000"),   hex("2019140500"),
      {},
  };
  // A Complete with a 300-octet lateNonCriticalExtension (two-octet length), made by the encoder
  // before the counter is read.
  const std::vector<std::uint8_t> octets(300, 0x5a);
  std::vector<std::uint8_t> long_late(400);
  long_late.resize(
      nr::encode(nr::SecurityModeComplete{2, OctetString(octets), false}, long_late).size);
  std::array<IgnoredIe, 2> sink{};
  std::array<std::uint8_t, 512> out{};
  std::array<std::uint8_t, 16> copied{};
  std::size_t accepted = 0, ignored = 0, rejected = 0, written = 0;
  const std::size_t before = test::allocations();
  for (const auto& pdu : pdus) {
    const auto a = nr::decode_dl_dcch(pdu, sink);
    const auto b = nr::decode_ul_dcch(pdu);
    const auto c = lte::decode_dl_dcch(pdu, sink);
    const auto d = lte::decode_ul_dcch(pdu);
    accepted += a.ok() + b.ok() + c.ok() + d.ok();
    rejected += !a.ok() + !b.ok() + !c.ok() + !d.ok();
    ignored += a.ignored + c.ignored;
    if (a.ok()) {
      if (a.value.late_non_critical_extension) a.value.late_non_critical_extension->copy(copied);
      written += encode(a.value, out).written;
    }
    if (b.ok()) written += encode(b.value, out).written;
    if (c.ok()) written += encode(c.value, out).written;
    if (d.ok()) written += encode(d.value, std::span(out).first(1)).written;  // too small
  }
  const auto l = nr::decode_ul_dcch(long_late);
  const Encoded e = l.ok() ? encode(l.value, out) : Encoded{};
  EXPECT_EQ(test::allocations(), before);
  EXPECT_TRUE(l.ok()) << l.error.ie << ": " << l.error.reason;
  EXPECT_TRUE(e.written);
  EXPECT_EQ(e.size, long_late.size());
  EXPECT_GE(accepted, 11u);
  EXPECT_GE(ignored, 1u);
  EXPECT_GE(rejected, 80u);
  EXPECT_GE(written, 8u);
}

}  // namespace
}  // namespace secmode::impl::rrc
