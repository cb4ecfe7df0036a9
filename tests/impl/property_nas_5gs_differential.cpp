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
#include "tests/codec/generators_nas.h"
#include "tests/codec/generators_nas_5gs.h"
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

using namespace nas_5gs_gen;
using nas_gen::followed_by;
using nas_gen::noise_valid_or_damaged;

Bytes gen_input() {
  Bytes b = followed_by(s5::encode(gen_message()), security_mode_ie_octets());
  if (*rc::gen::element(0, 1, 2) == 0) {  // inside a protected PDU, readable or not
    s5::SecurityProtectedMessage p = gen_protected();
    p.plain_nas_message = b;
    if (readable(p.type)) p.plain_nas_message[1] &= 0xf0;
    b = s5::encode(p);
  }
  return noise_valid_or_damaged(b);
}

// ---- properties ------------------------------------------------------------------------------

RC_GTEST_PROP(ImplNas5gsDifferential, SpecEncodedMessagesDecodeToTheSameFieldsAndOctets, ()) {
  const s5::SecurityModeMessage m = gen_message();
  const Bytes b = s5::encode(m);
  RC_ASSERT(round_trip_problem(m, b, i5::decode_security_mode_message(b), kToSpec) ==
            std::string());
  RC_ASSERT(decoders_disagree(b) == std::string());
}

RC_GTEST_PROP(ImplNas5gsDifferential, SpecEncodedProtectedMessagesDecodeToTheSameFields, ()) {
  const s5::SecurityProtectedMessage p = gen_protected();
  const Bytes b = s5::encode(p);
  const auto d = i5::decode_security_protected(b);
  RC_ASSERT(round_trip_problem(p, b, d, kToSpec) == std::string());
  RC_ASSERT(d.value.plain_nas_message.data() == b.data() + 7);  // a view into the PDU
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
  RC_ASSERT(disagreement(s, i, sink, kToSpec) == std::string());
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
