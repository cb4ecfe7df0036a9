// The zero-copy EPS NAS codec against its spec twin (STYLE.md 6, 8): spec-encoded messages decode
// to the same fields and re-encode to the same octets, and on arbitrary octets (noise, valid PDUs
// with IE-shaped tails, damaged PDUs) both decoders agree on accept/reject, the error's place,
// the fields, and the ignored IEs. Mutants show the comparison can fail (STYLE.md 4).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <string>

#include "tests/codec/checks.h"
#include "tests/codec/generators_nas_eps.h"
#include "tests/impl/nas_eps_agreement.h"

namespace secmode::test::nas_eps {
namespace {

enum class Mutation { none, wrong_field, wrong_error_offset, wrong_ignored_count };

using namespace nas_eps_gen;

// IEs of both messages' tables and unknown IEs of every format (TS 24.007 11.2.4), with
// lengths right, short, long and past the end: what clause 7 of TS 24.301 is about.
Bytes ie_shaped_octets() {
  Bytes out;
  for (int n = *rc::gen::inRange(0, 5); n > 0; --n) {
    const std::uint8_t iei = *rc::gen::weightedOneOf<std::uint8_t>(
        {{4, rc::gen::element<std::uint8_t>(0xc1, 0x55, 0x56, 0x4f, 0x6f, 0x37, 0x23, 0x79, 0x66)},
         {1, rc::gen::element<std::uint8_t>(0x0a, 0x5a, 0x7a, 0xd1, 0x67)},
         {1, octet()}});
    out.push_back(iei);
    if (iei & 0x80) continue;
    Bytes value = octets(0, 12);
    if (iei == 0x23 && *rc::gen::arbitrary<bool>()) {  // a well-formed IMEISV now and then
      const Bytes ie = sn::encode(sn::SecurityModeComplete{
          *rc::gen::container<std::string>(16, rc::gen::inRange('0', ':')), {}, {}});
      value.assign(ie.begin() + 4, ie.end());  // after 07 5e 23 09
    }
    if (iei == 0x55 || iei == 0x56) {
      value.resize(4);
    } else {
      const std::size_t length =
          value.size() + *rc::gen::weightedElement<std::size_t>({{12, 0}, {1, 1}, {1, 255}});
      if ((iei & 0xf0) == 0x70) out.push_back(static_cast<std::uint8_t>(length >> 8));
      out.push_back(static_cast<std::uint8_t>(length));
    }
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
  Bytes b = *rc::gen::arbitrary<bool>() ? sn::encode(gen_message()) : sn::encode(gen_protected());
  const Bytes tail = ie_shaped_octets();
  b.insert(b.end(), tail.begin(), tail.end());
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

RC_GTEST_PROP(ImplNasEpsDifferential, SpecEncodedMessagesDecodeToTheSameFieldsAndOctets, ()) {
  const sn::SecurityModeMessage m = gen_message();
  const Bytes b = sn::encode(m);
  std::array<in::IgnoredIe, kSinkSize> sink{};
  const auto d = in::decode_security_mode_message(b, sink);
  RC_ASSERT(d.ok());
  RC_ASSERT(d.ignored == 0u);
  RC_ASSERT(to_spec(d.value) == m);
  std::string problem;
  RC_ASSERT(impl_encode(d.value, problem) == b);
  RC_ASSERT(problem.empty());
  RC_ASSERT(decoders_disagree(b).empty());
}

RC_GTEST_PROP(ImplNasEpsDifferential, SpecEncodedProtectedMessagesDecodeToTheSameFields, ()) {
  const sn::SecurityProtectedMessage p = gen_protected();
  const Bytes b = sn::encode(p);
  const auto d = in::decode_security_protected(b);
  RC_ASSERT(d.ok());
  RC_ASSERT(to_spec(d.value) == p);
  RC_ASSERT(d.value.nas_message.data() == b.data() + 6);  // a view into the PDU
  std::string problem;
  RC_ASSERT(impl_encode(d.value, problem) == b);
  RC_ASSERT(problem.empty());
  RC_ASSERT(decoders_disagree(b).empty());
}

RC_GTEST_PROP(ImplNasEpsDifferential, EveryDecoderAgreesOnArbitraryOctets, ()) {
  const Bytes b = gen_input();
  RC_ASSERT(decoders_disagree(b) == std::string());
}

// The comparison itself, with one side made wrong on purpose by `mutation`.
void decoders_agree(Mutation mutation) {
  const Bytes b = gen_input();
  std::array<in::IgnoredIe, kSinkSize> sink{};
  const auto s = sn::decode_security_mode_message(b);
  auto i = in::decode_security_mode_message(b, sink);
  static const std::uint8_t kId[] = {0x01};
  if (mutation == Mutation::wrong_field && i.ok()) {
    if (auto* c = std::get_if<in::SecurityModeCommand>(&i.value))
      c->selected_nas_security_algorithms.integrity ^= 1;
    if (auto* c = std::get_if<in::SecurityModeComplete>(&i.value))
      c->ue_radio_capability_id =
          c->ue_radio_capability_id ? std::nullopt : std::optional<in::ByteView>(kId);
    if (auto* r = std::get_if<in::SecurityModeReject>(&i.value)) r->emm_cause ^= 1;
  }
  if (mutation == Mutation::wrong_error_offset && !i.ok()) ++i.error.offset;
  if (mutation == Mutation::wrong_ignored_count && i.ok()) ++i.ignored;
  RC_ASSERT(disagreement(s, i, sink) == std::string());
}

TEST(ImplNasEpsDifferential, DecodersAgree) {
  expect_holds("spec and impl decoders agree", decoders_agree);
}
TEST(ImplNasEpsDifferential, AWrongFieldIsCaught) {
  expect_mutant_fails("spec and impl decoders agree", decoders_agree, Mutation::wrong_field);
}
TEST(ImplNasEpsDifferential, AWrongErrorOffsetIsCaught) {
  expect_mutant_fails("spec and impl decoders agree", decoders_agree, Mutation::wrong_error_offset);
}
TEST(ImplNasEpsDifferential, AWrongIgnoredCountIsCaught) {
  expect_mutant_fails("spec and impl decoders agree", decoders_agree,
                      Mutation::wrong_ignored_count);
}

}  // namespace
}  // namespace secmode::test::nas_eps
