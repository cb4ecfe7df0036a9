// The zero-copy RRC security mode codec against its spec twin (STYLE.md 6, 8): spec-encoded
// messages decode to the same fields and re-encode to the same octets; PDUs with extension
// additions are stepped over alike; and on arbitrary octets (noise, valid PDUs, damaged PDUs:
// bits flipped, octets inserted, cuts) both decoders agree on accept/reject, the error's path
// and bit offset, the fields, and the additions stepped over. Mutants show the comparison can
// fail (STYLE.md 4).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <string>

#include "tests/codec/checks.h"
#include "tests/codec/generators_rrc.h"
#include "tests/impl/rrc_agreement.h"

namespace secmode::test::rrc {
namespace {

using namespace rrc_gen;

enum class Mutation {
  none,
  wrong_field,
  wrong_error_path,
  wrong_error_offset,
  wrong_ignored_count
};

// 0: NR DL-DCCH, 1: NR UL-DCCH, 2: LTE DL-DCCH, 3: LTE UL-DCCH.
enum Kind { kNrDl, kNrUl, kLteDl, kLteUl };

// A valid PDU of `kind`, now and then (DL) with extension additions from a later version.
Bytes valid(int kind) {
  using sr::nr::encode, sr::lte::encode;
  const bool additions = *rc::gen::inRange(0, 3) == 0;
  switch (kind) {
    case kNrDl: {
      const auto m = gen_nr_command();
      if (!additions) return encode(m);
      const bool in_algorithms = *rc::gen::arbitrary<bool>();
      return nr_command_with_additions(m, in_algorithms,
                                       !in_algorithms || *rc::gen::arbitrary<bool>())
          .first;
    }
    case kNrUl:
      return encode(gen_nr_ul());
    case kLteDl: {
      const auto m = gen_lte_command();
      return additions ? lte_command_with_additions(m).first : encode(m);
    }
    default:
      return encode(gen_lte_ul());
  }
}

Bytes gen_input(int kind) {
  switch (*rc::gen::weightedElement<int>({{1, 0}, {2, 1}, {4, 2}})) {
    case 0:
      RC_TAG("noise");
      return *rc::gen::container<Bytes>(*rc::gen::inRange(0, 12),
                                        rc::gen::arbitrary<std::uint8_t>());
    case 1:
      RC_TAG("valid");
      return valid(kind);
    default:
      RC_TAG("damaged");
      return damage(valid(kind));
  }
}

// ---- properties ------------------------------------------------------------------------------

template <typename M, typename ImplDecode>
void same_fields_and_octets(const M& m, ImplDecode decode) {
  const Bytes b = spec_encode(m);
  const auto d = decode(b);
  RC_ASSERT(d.ok());
  RC_ASSERT(d.ignored == 0u);
  RC_ASSERT(to_spec(d.value) == m);
  RC_ASSERT(views_problem(d.value, b) == std::string());
  std::string problem;
  RC_ASSERT(impl_encode(d.value, problem) == b);
  RC_ASSERT(problem.empty());
  RC_ASSERT(decoders_disagree(b) == std::string());
}

RC_GTEST_PROP(ImplRrcDifferential, SpecEncodedMessagesDecodeToTheSameFieldsAndOctets, ()) {
  same_fields_and_octets(gen_nr_command(), [](ByteView b) { return ir::nr::decode_dl_dcch(b); });
  same_fields_and_octets(gen_nr_ul(), ir::nr::decode_ul_dcch);
  same_fields_and_octets(gen_lte_command(), [](ByteView b) { return ir::lte::decode_dl_dcch(b); });
  same_fields_and_octets(gen_lte_ul(), ir::lte::decode_ul_dcch);
}

RC_GTEST_PROP(ImplRrcDifferential, ExtensionAdditionsAreSteppedOverAlike, ()) {
  const bool in_algorithms = *rc::gen::arbitrary<bool>();
  const auto [nr_pdu, nr_open_types] = nr_command_with_additions(
      gen_nr_command(), in_algorithms, !in_algorithms || *rc::gen::arbitrary<bool>());
  const auto [lte_pdu, lte_open_types] = lte_command_with_additions(gen_lte_command());
  std::array<ir::IgnoredIe, kSinkSize> sink{};
  const auto n = ir::nr::decode_dl_dcch(nr_pdu, sink);
  RC_ASSERT(n.ok());
  RC_ASSERT(n.ignored == nr_open_types.size());
  for (std::size_t k = 0; k < n.ignored && k < sink.size(); ++k)
    RC_ASSERT(sink[k].offset == nr_open_types[k]);
  const auto l = ir::lte::decode_dl_dcch(lte_pdu, sink);
  RC_ASSERT(l.ok());
  RC_ASSERT(l.ignored == lte_open_types.size());
  for (std::size_t k = 0; k < l.ignored && k < sink.size(); ++k)
    RC_ASSERT(sink[k].offset == lte_open_types[k]);
  RC_ASSERT(decoders_disagree(nr_pdu) == std::string());
  RC_ASSERT(decoders_disagree(lte_pdu) == std::string());
}

RC_GTEST_PROP(ImplRrcDifferential, EveryDecoderAgreesOnArbitraryOctets, ()) {
  const Bytes b = gen_input(*rc::gen::inRange(0, 4));
  RC_ASSERT(decoders_disagree(b) == std::string());
}

// A sink of the size the caller chose: a short one loses detail, never the count.
RC_GTEST_PROP(ImplRrcDifferential, AShortSinkKeepsTheCount, ()) {
  const auto [pdu, open_types] = nr_command_with_additions(gen_nr_command(), true, true);
  std::array<ir::IgnoredIe, 1> one{};
  const auto d = ir::nr::decode_dl_dcch(pdu, one);
  RC_ASSERT(d.ok());
  RC_ASSERT(d.ignored == open_types.size());
  RC_ASSERT(one[0].offset == open_types[0]);
}

// ---- the comparison itself, with the impl side made wrong on purpose ---------------------------

template <typename I>
void mutate(ir::Decoded<I>& i, Mutation mutation) {
  if (mutation == Mutation::wrong_field && i.ok()) {
    if constexpr (requires { i.value.transaction_id; })
      i.value.transaction_id ^= 1;
    else
      std::visit([](auto& v) { v.transaction_id ^= 1; }, i.value);
  }
  if (mutation == Mutation::wrong_error_path && !i.ok()) i.error.ie = *i.error.ie ? "" : "message";
  if (mutation == Mutation::wrong_error_offset && !i.ok()) ++i.error.offset;
  if (mutation == Mutation::wrong_ignored_count && i.ok()) ++i.ignored;
}

template <typename SpecDecode, typename ImplDecode>
void pair_agrees(const Bytes& b, SpecDecode spec_decode, ImplDecode impl_decode,
                 Mutation mutation) {
  std::array<ir::IgnoredIe, kSinkSize> sink{};
  const auto s = spec_decode(b);
  auto i = impl_decode(b, sink);
  mutate(i, mutation);
  RC_ASSERT(disagreement(b, s, i, sink) == std::string());
}

void decoders_agree(Mutation mutation) {
  const int kind = *rc::gen::inRange(0, 4);
  const Bytes b = gen_input(kind);
  using Sink = std::span<ir::IgnoredIe>;
  switch (kind) {
    case kNrDl:
      return pair_agrees(
          b, sr::nr::decode_dl_dcch,
          [](ByteView p, Sink s) { return ir::nr::decode_dl_dcch(p, s); }, mutation);
    case kNrUl:
      return pair_agrees(
          b, sr::nr::decode_ul_dcch, [](ByteView p, Sink) { return ir::nr::decode_ul_dcch(p); },
          mutation);
    case kLteDl:
      return pair_agrees(
          b, sr::lte::decode_dl_dcch,
          [](ByteView p, Sink s) { return ir::lte::decode_dl_dcch(p, s); }, mutation);
    default:
      return pair_agrees(
          b, sr::lte::decode_ul_dcch, [](ByteView p, Sink) { return ir::lte::decode_ul_dcch(p); },
          mutation);
  }
}

TEST(ImplRrcDifferential, DecodersAgree) {
  expect_holds("spec and impl RRC decoders agree", decoders_agree);
}
TEST(ImplRrcDifferential, AWrongFieldIsCaught) {
  expect_mutant_fails("spec and impl RRC decoders agree", decoders_agree, Mutation::wrong_field);
}
TEST(ImplRrcDifferential, AWrongErrorPathIsCaught) {
  expect_mutant_fails("spec and impl RRC decoders agree", decoders_agree,
                      Mutation::wrong_error_path);
}
TEST(ImplRrcDifferential, AWrongErrorOffsetIsCaught) {
  expect_mutant_fails("spec and impl RRC decoders agree", decoders_agree,
                      Mutation::wrong_error_offset);
}
TEST(ImplRrcDifferential, AWrongIgnoredCountIsCaught) {
  expect_mutant_fails("spec and impl RRC decoders agree", decoders_agree,
                      Mutation::wrong_ignored_count);
}

}  // namespace
}  // namespace secmode::test::rrc
