// The zero-copy 5GS NAS codec against its spec twin (STYLE.md 6, 8): spec-encoded messages decode
// to the same fields and re-encode to the same octets, and on arbitrary octets (noise, valid PDUs
// with IE-shaped tails, damaged PDUs, protected PDUs around them) both decoders agree on
// accept/reject, the error's place and clause, the fields, and the ignored IEs. Mutants show the
// comparison can fail (STYLE.md 4).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <string>

#include "tests/codec/checks.h"
#include "tests/impl/nas_5gs_agreement.h"

namespace secmode::test::nas_5gs {
namespace {

enum class Mutation {
  none,
  wrong_field,
  wrong_error_offset,
  wrong_error_clause,
  wrong_ignored_count,
  wrong_ignored_offset,
};

rc::Gen<std::uint8_t> octet() { return rc::gen::arbitrary<std::uint8_t>(); }
rc::Gen<std::uint8_t> three_bits() { return rc::gen::inRange<std::uint8_t>(0, 8); }
rc::Gen<std::uint8_t> four_bits() { return rc::gen::inRange<std::uint8_t>(0, 16); }

Bytes octets(std::size_t min, std::size_t max) {
  return *rc::gen::container<Bytes>(*rc::gen::inRange(min, max + 1), octet());
}

std::string digits(std::size_t n) {
  return *rc::gen::container<std::string>(n, rc::gen::inRange('0', ':'));
}

// Now and then the upper end of a length range.
std::size_t up_to(std::size_t usual, std::size_t max) {
  return *rc::gen::inRange(0, 10) == 0 ? max : usual;
}

// ---- generators: every value the spec encoders accept ------------------------------------------

s5::SecurityModeCommand gen_command() {
  s5::SecurityModeCommand m;
  m.selected_nas_security_algorithms = {*four_bits(), *four_bits()};
  m.ngksi = {*rc::gen::arbitrary<bool>(), *rc::gen::inRange<std::uint8_t>(0, 7)};
  auto& caps = m.replayed_ue_security_capabilities;
  caps = {*octet(), *octet(), std::nullopt, std::nullopt, {}};
  const int extra = *rc::gen::element(0, 2, 4, 6);  // 9.11.3.54: 2, 4, 6 or 8 octets
  if (extra >= 2) caps.eea = *octet(), caps.eia = *octet();
  if (extra >= 4) caps.octets_7_to_10 = octets(extra - 2, extra - 2);
  m.imeisv_request = maybe(three_bits());
  if (*rc::gen::arbitrary<bool>())
    m.selected_eps_nas_security_algorithms =
        sn::NasSecurityAlgorithms{*three_bits(), *three_bits()};
  if (*rc::gen::arbitrary<bool>())
    m.additional_5g_security_information = s5::Additional5gSecurityInformation{
        *rc::gen::arbitrary<bool>(), *rc::gen::arbitrary<bool>()};
  if (*rc::gen::arbitrary<bool>()) m.eap_message = octets(4, up_to(40, 1500));
  if (*rc::gen::arbitrary<bool>()) m.abba = octets(2, up_to(8, 255));
  if (*rc::gen::arbitrary<bool>()) {
    sn::UeSecurityCapability s1{*octet(), *octet(), std::nullopt, std::nullopt, std::nullopt};
    const int size = *rc::gen::element(2, 4, 5);  // TS 24.301 9.9.3.36
    if (size >= 4) s1.uea = *octet(), s1.uia = *octet();
    if (size == 5) s1.gea = *octet();
    m.replayed_s1_ue_security_capabilities = s1;
  }
  return m;
}

s5::NonImeisvPei gen_pei() {
  switch (*rc::gen::element(0, 1, 2)) {
    case 0:
      return s5::Imei{digits(15)};
    case 1:
      return s5::MacAddress{*rc::gen::arbitrary<std::array<std::uint8_t, 6>>(),
                            *rc::gen::arbitrary<bool>()};
    default:
      return s5::Eui64{*rc::gen::arbitrary<std::array<std::uint8_t, 8>>()};
  }
}

s5::SecurityModeComplete gen_complete() {
  s5::SecurityModeComplete m;
  if (*rc::gen::arbitrary<bool>()) m.imeisv = digits(16);
  if (*rc::gen::arbitrary<bool>()) m.nas_message_container = octets(1, up_to(40, 2000));
  if (*rc::gen::arbitrary<bool>()) m.non_imeisv_pei = gen_pei();
  return m;
}

s5::SecurityModeMessage gen_message() {
  switch (*rc::gen::element(0, 1, 2)) {  // element, unlike inRange, ignores the size
    case 0:
      return gen_command();
    case 1:
      return gen_complete();
    default:
      return s5::SecurityModeReject{*octet()};
  }
}

s5::SecurityProtectedMessage gen_protected() {
  s5::SecurityProtectedMessage p;
  p.type = static_cast<s5::SecurityHeaderType>(*rc::gen::inRange<std::uint8_t>(1, 5));
  p.mac = *rc::gen::arbitrary<std::array<std::uint8_t, 4>>();
  p.sequence_number = *octet();
  p.plain_nas_message = *rc::gen::arbitrary<bool>() ? s5::encode(gen_message()) : octets(2, 40);
  // 9.9: a readable (integrity only) message cannot carry another protected one.
  const bool readable = p.type == s5::SecurityHeaderType::integrity_protected ||
                        p.type == s5::SecurityHeaderType::integrity_protected_new_context;
  if (readable && p.plain_nas_message[0] == s5::kFiveGmmEpd) p.plain_nas_message[1] &= 0xf0;
  return p;
}

// An identity's contents (after the TLV-E header) of a type that may or may not fit the IE.
Bytes identity_contents() {
  switch (*rc::gen::element(0, 1, 2)) {
    case 0: {
      const Bytes ie = s5::encode(s5::SecurityModeComplete{digits(16), {}, {}});
      return Bytes(ie.begin() + 6, ie.end());  // after 7e 00 5e 77 00 09
    }
    case 1: {
      const Bytes ie = s5::encode(s5::SecurityModeComplete{{}, {}, gen_pei()});
      return Bytes(ie.begin() + 6, ie.end());  // after 7e 00 5e 78 00 len
    }
    default: {
      Bytes b = octets(1, 12);
      b[0] = *rc::gen::element<std::uint8_t>(0x01, 0x03, 0x05, 0x06, 0x07, 0x0b, 0x0d, 0x35);
      return b;
    }
  }
}

// IEs of both messages' tables and unknown IEs of every format (TS 24.007 11.2.4), with
// lengths right, short, long and past the end: what clause 7 of TS 24.501 is about.
Bytes ie_shaped_octets() {
  Bytes out;
  for (int n = *rc::gen::inRange(0, 5); n > 0; --n) {
    const std::uint8_t iei = *rc::gen::weightedOneOf<std::uint8_t>(
        {{4, rc::gen::element<std::uint8_t>(0xe1, 0x57, 0x36, 0x78, 0x38, 0x19, 0x77, 0x71)},
         {1, rc::gen::element<std::uint8_t>(0x0a, 0x5a, 0x7a, 0xd1, 0x67, 0x23, 0x79)},
         {1, octet()}});
    out.push_back(iei);
    if (iei & 0x80) continue;
    if (iei == 0x57) {
      out.push_back(*octet());
      continue;
    }
    Bytes value = (iei == 0x77 || iei == 0x78) && *rc::gen::arbitrary<bool>()
                      ? identity_contents()
                      : octets(0, 12);
    const std::size_t length =
        value.size() + *rc::gen::weightedElement<std::size_t>({{12, 0}, {1, 1}, {1, 255}});
    if ((iei & 0xf0) == 0x70) out.push_back(static_cast<std::uint8_t>(length >> 8));
    out.push_back(static_cast<std::uint8_t>(length));
    out.insert(out.end(), value.begin(), value.end());
  }
  return out;
}

// A PDU after 1..3 edits: an octet replaced, a bit flipped, an octet inserted or removed, a cut.
Bytes damaged(Bytes b) {
  for (int n = *rc::gen::inRange(1, 4); n > 0 && !b.empty(); --n) {
    // Anywhere in the PDU from the first test on: inRange alone favours the front at small sizes.
    const auto at = *rc::gen::resize(100, rc::gen::inRange<std::size_t>(0, b.size()));
    const auto where = b.begin() + static_cast<std::ptrdiff_t>(at);
    switch (*rc::gen::element(0, 1, 2, 3, 4)) {
      case 0:
        b[at] = *octet();
        break;
      case 1:
        b[at] ^= static_cast<std::uint8_t>(1u << *rc::gen::inRange(0, 8));
        break;
      case 2:
        b.insert(where, *octet());
        break;
      case 3:
        b.erase(where);
        break;
      default:
        b.resize(at);
    }
  }
  return b;
}

Bytes gen_input() {
  Bytes b = s5::encode(gen_message());
  const Bytes tail = ie_shaped_octets();
  b.insert(b.end(), tail.begin(), tail.end());
  if (*rc::gen::element(0, 1, 2) == 0) {  // inside a protected PDU, readable or not
    s5::SecurityProtectedMessage p = gen_protected();
    p.plain_nas_message = b;
    const bool readable = p.type == s5::SecurityHeaderType::integrity_protected ||
                          p.type == s5::SecurityHeaderType::integrity_protected_new_context;
    if (readable) p.plain_nas_message[1] &= 0xf0;
    b = s5::encode(p);
  }
  switch (*rc::gen::weightedElement<int>({{1, 0}, {2, 1}, {2, 2}})) {
    case 0:
      RC_TAG("noise");
      return octets(0, 48);
    case 1:
      RC_TAG("valid with IE-shaped tail");
      return b;
    default:
      RC_TAG("damaged");
      return damaged(b);
  }
}

// ---- properties ------------------------------------------------------------------------------

RC_GTEST_PROP(ImplNas5gsDifferential, SpecEncodedMessagesDecodeToTheSameFieldsAndOctets, ()) {
  const s5::SecurityModeMessage m = gen_message();
  const Bytes b = s5::encode(m);
  std::array<i5::IgnoredIe, kSinkSize> sink{};
  const auto d = i5::decode_security_mode_message(b, sink);
  RC_ASSERT(d.ok());
  RC_ASSERT(d.ignored == 0u);
  RC_ASSERT(to_spec(d.value) == m);
  std::string problem;
  RC_ASSERT(impl_encode(d.value, problem) == b);
  RC_ASSERT(problem.empty());
  RC_ASSERT(decoders_disagree(b) == std::string());
}

RC_GTEST_PROP(ImplNas5gsDifferential, SpecEncodedProtectedMessagesDecodeToTheSameFields, ()) {
  const s5::SecurityProtectedMessage p = gen_protected();
  const Bytes b = s5::encode(p);
  const auto d = i5::decode_security_protected(b);
  RC_ASSERT(d.ok());
  RC_ASSERT(to_spec(d.value) == p);
  RC_ASSERT(d.value.plain_nas_message.data() == b.data() + 7);  // a view into the PDU
  std::string problem;
  RC_ASSERT(impl_encode(d.value, problem) == b);
  RC_ASSERT(problem.empty());
  RC_ASSERT(decoders_disagree(b) == std::string());
}

RC_GTEST_PROP(ImplNas5gsDifferential, EveryDecoderAgreesOnArbitraryOctets, ()) {
  const Bytes b = gen_input();
  RC_ASSERT(decoders_disagree(b) == std::string());
  // The message inside a protected PDU, as a receiver would decode it next.
  const auto p = i5::decode_security_protected(b);
  if (p.ok()) RC_ASSERT(decoders_disagree(p.value.plain_nas_message) == std::string());
}

// The comparison itself, with the impl's side made wrong on purpose by `mutation`.
void decoders_agree(Mutation mutation) {
  Bytes b = gen_input();
  if (const auto p = s5::decode_security_protected(b); p.ok()) b = p.value().plain_nas_message;
  std::array<i5::IgnoredIe, kSinkSize> sink{};
  const auto s = s5::decode_security_mode_message(b);
  auto i = i5::decode_security_mode_message(b, sink);
  static const std::uint8_t kAbba[] = {0x00, 0x00};
  if (mutation == Mutation::wrong_field && i.ok()) {
    if (auto* c = std::get_if<i5::SecurityModeCommand>(&i.value))
      c->abba = c->abba ? std::nullopt : std::optional<i5::ByteView>(kAbba);
    if (auto* c = std::get_if<i5::SecurityModeComplete>(&i.value))
      c->nas_message_container =
          c->nas_message_container ? std::nullopt : std::optional<i5::ByteView>(kAbba);
    if (auto* r = std::get_if<i5::SecurityModeReject>(&i.value)) r->cause ^= 1;
  }
  if (mutation == Mutation::wrong_error_offset && !i.ok()) ++i.error.offset;
  if (mutation == Mutation::wrong_error_clause && !i.ok())
    i.error.reason = "missing (TS 24.301 7.5.1)";  // the EPS clause where TS 24.501's belongs
  if (mutation == Mutation::wrong_ignored_count && i.ok()) ++i.ignored;
  if (mutation == Mutation::wrong_ignored_offset && i.ok() && i.ignored > 0) ++sink[0].offset;
  RC_ASSERT(disagreement(s, i, sink) == std::string());
}

TEST(ImplNas5gsDifferential, DecodersAgree) {
  expect_holds("spec and impl 5GS decoders agree", decoders_agree);
}
TEST(ImplNas5gsDifferential, AWrongFieldIsCaught) {
  expect_mutant_fails("spec and impl 5GS decoders agree", decoders_agree, Mutation::wrong_field);
}
TEST(ImplNas5gsDifferential, AWrongErrorOffsetIsCaught) {
  expect_mutant_fails("spec and impl 5GS decoders agree", decoders_agree,
                      Mutation::wrong_error_offset);
}
TEST(ImplNas5gsDifferential, AWrongErrorClauseIsCaught) {
  expect_mutant_fails("spec and impl 5GS decoders agree", decoders_agree,
                      Mutation::wrong_error_clause);
}
TEST(ImplNas5gsDifferential, AWrongIgnoredCountIsCaught) {
  expect_mutant_fails("spec and impl 5GS decoders agree", decoders_agree,
                      Mutation::wrong_ignored_count);
}
TEST(ImplNas5gsDifferential, AWrongIgnoredOffsetIsCaught) {
  expect_mutant_fails("spec and impl 5GS decoders agree", decoders_agree,
                      Mutation::wrong_ignored_offset);
}

}  // namespace
}  // namespace secmode::test::nas_5gs
