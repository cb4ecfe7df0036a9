// Properties of the RRC security mode UPER codec (NR and LTE) over generated messages and
// damaged PDUs: decode(encode(m)) == m; canonical bytes survive encode(decode(b)) == b; no input
// makes a decoder crash, read out of bounds (ASan/UBSan builds), or accept what it cannot
// re-encode. The round trip is paired with mutants that must fail (STYLE.md 4).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "spec/codec/rrc_security_mode.h"
#include "spec/codec/rrc_uper.h"
#include "tests/codec/checks.h"
#include "tests/codec/generators_rrc.h"

namespace secmode::spec::rrc {
namespace {

using test::expect_holds;
using test::expect_mutant_fails;
using namespace test::rrc_gen;

// none: the codec as it is. drop_last_octet: the encoded PDU loses its last octet.
// flip_transaction_id: a plausible encoder bug, the low bit of rrc-TransactionIdentifier
// (bit 6 of every PDU here) written inverted.
enum class Mutation { none, drop_last_octet, flip_transaction_id };

Bytes mutate(Bytes b, Mutation mutation) {
  if (mutation == Mutation::drop_last_octet) b.pop_back();
  if (mutation == Mutation::flip_transaction_id) b[0] ^= 0x02;
  return b;
}

// decode(encode(m)) == m with nothing ignored, for each of the four decoders.
template <typename M, typename Decode>
void round_trip(const M& m, Decode decode, Mutation mutation) {
  const Bytes b = mutate(encode(m), mutation);
  const auto d = decode(b);
  RC_ASSERT(d.ok());
  RC_ASSERT(d.ignored().empty());
  RC_ASSERT(d.value() == m);
}

// All four decoders in every case, so that none is starved by the generator's size ramp.
void messages_round_trip(Mutation mutation) {
  round_trip(gen_nr_command(), nr::decode_dl_dcch, mutation);
  round_trip(gen_nr_ul(), nr::decode_ul_dcch, mutation);
  round_trip(gen_lte_command(), lte::decode_dl_dcch, mutation);
  round_trip(gen_lte_ul(), lte::decode_ul_dcch, mutation);
}

// Whatever a decoder makes of some octets: an error inside them whose reason gives the bit
// offset, or a value that re-encodes to the very same octets when nothing was stepped over (the
// reader accepts canonical UPER only), and otherwise to octets that decode to the same value.
template <typename Decode>
void check_decoding(const Bytes& b, Decode decode) {
  const auto d = decode(b);
  if (!d.ok()) {
    RC_TAG("rejected");
    RC_ASSERT(d.error().offset <= 8 * b.size());
    RC_ASSERT(d.error().reason.find("bit offset") != std::string::npos);
    return;
  }
  for (const auto& i : d.ignored()) RC_ASSERT(i.offset < 8 * b.size());
  const Bytes canonical = [&] {
    using nr::encode, lte::encode;
    return encode(d.value());
  }();
  if (d.ignored().empty()) {
    RC_TAG("decoded, canonical");
    RC_ASSERT(canonical == b);
  } else {
    RC_TAG("decoded, additions skipped");
    const auto again = decode(canonical);
    RC_ASSERT(again.ok());
    RC_ASSERT(again.ignored().empty());
    RC_ASSERT(again.value() == d.value());
  }
}

}  // namespace

RC_GTEST_PROP(RrcProperty, UnknownExtensionAdditionsAreSteppedOver, ()) {
  const auto m = gen_nr_command();
  const bool in_algorithms = *rc::gen::arbitrary<bool>();
  const bool in_smc = !in_algorithms || *rc::gen::arbitrary<bool>();
  const auto [pdu, open_types] = nr_command_with_additions(m, in_algorithms, in_smc);
  const auto d = nr::decode_dl_dcch(pdu);
  RC_ASSERT(d.ok());
  RC_ASSERT(d.value() == m);
  RC_ASSERT(d.ignored().size() == open_types.size());
  for (std::size_t i = 0; i < open_types.size(); ++i)
    RC_ASSERT(d.ignored()[i].offset == open_types[i]);
  RC_ASSERT(nr::decode_dl_dcch(nr::encode(m)).ignored().empty());
  check_decoding(pdu, nr::decode_dl_dcch);  // the "additions skipped" branch
}

TEST(RrcProperty, SecurityModeMessagesRoundTrip) {
  expect_holds("RRC decode(encode(m)) == m", messages_round_trip);
}
TEST(RrcProperty, RoundTripCatchesATruncatingEncoder) {
  expect_mutant_fails("RRC decode(encode(m)) == m", messages_round_trip, Mutation::drop_last_octet);
}
TEST(RrcProperty, RoundTripCatchesAnEncoderFlippingTheTransactionId) {
  expect_mutant_fails("RRC decode(encode(m)) == m", messages_round_trip,
                      Mutation::flip_transaction_id);
}

RC_GTEST_PROP(RrcProperty, CanonicalPdusSurviveEncodeOfDecode, ()) {
  using nr::encode, lte::encode;
  check_decoding(encode(gen_nr_command()), nr::decode_dl_dcch);
  check_decoding(encode(gen_nr_ul()), nr::decode_ul_dcch);
  check_decoding(encode(gen_lte_command()), lte::decode_dl_dcch);
  check_decoding(encode(gen_lte_ul()), lte::decode_ul_dcch);
}

RC_GTEST_PROP(RrcProperty, DamagedPdusDecodeCleanly, ()) {
  using nr::encode, lte::encode;
  check_decoding(damage(encode(gen_nr_command())), nr::decode_dl_dcch);
  check_decoding(damage(encode(gen_nr_ul())), nr::decode_ul_dcch);
  check_decoding(damage(encode(gen_lte_command())), lte::decode_dl_dcch);
  check_decoding(damage(encode(gen_lte_ul())), lte::decode_ul_dcch);
}

RC_GTEST_PROP(RrcProperty, ArbitraryOctetsDecodeCleanly, ()) {
  const auto b = *rc::gen::container<Bytes>(rc::gen::arbitrary<std::uint8_t>());
  check_decoding(b, nr::decode_dl_dcch);
  check_decoding(b, nr::decode_ul_dcch);
  check_decoding(b, lte::decode_dl_dcch);
  check_decoding(b, lte::decode_ul_dcch);
}

}  // namespace secmode::spec::rrc
