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
#include "tests/codec/generators_nas.h"
#include "tests/codec/generators_nas_eps.h"
#include "tests/impl/nas_eps_agreement.h"

namespace secmode::test::nas_eps {
namespace {

enum class Mutation { none, wrong_field, wrong_error_offset, wrong_ignored_count };

using namespace nas_eps_gen;
using nas_gen::followed_by;
using nas_gen::noise_valid_or_damaged;

Bytes gen_input() {
  const Bytes b = followed_by(
      *rc::gen::arbitrary<bool>() ? sn::encode(gen_message()) : sn::encode(gen_protected()),
      security_mode_ie_octets());
  return noise_valid_or_damaged(b);
}

// ---- properties ------------------------------------------------------------------------------

RC_GTEST_PROP(ImplNasEpsDifferential, SpecEncodedMessagesDecodeToTheSameFieldsAndOctets, ()) {
  const sn::SecurityModeMessage m = gen_message();
  const Bytes b = sn::encode(m);
  RC_ASSERT(round_trip_problem(m, b, in::decode_security_mode_message(b), kToSpec) ==
            std::string());
  RC_ASSERT(decoders_disagree(b) == std::string());
}

RC_GTEST_PROP(ImplNasEpsDifferential, SpecEncodedProtectedMessagesDecodeToTheSameFields, ()) {
  const sn::SecurityProtectedMessage p = gen_protected();
  const Bytes b = sn::encode(p);
  const auto d = in::decode_security_protected(b);
  RC_ASSERT(round_trip_problem(p, b, d, kToSpec) == std::string());
  RC_ASSERT(d.value.nas_message.data() == b.data() + 6);  // a view into the PDU
  RC_ASSERT(decoders_disagree(b) == std::string());
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
  RC_ASSERT(disagreement(s, i, sink, kToSpec) == std::string());
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
