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

namespace secmode::spec::rrc {
namespace {

using test::expect_holds;
using test::expect_mutant_fails;

// none: the codec as it is. drop_last_octet: the encoded PDU loses its last octet.
// flip_transaction_id: a plausible encoder bug, the low bit of rrc-TransactionIdentifier
// (bit 6 of every PDU here) written inverted.
enum class Mutation { none, drop_last_octet, flip_transaction_id };

std::uint8_t transaction_id() { return *rc::gen::inRange<std::uint8_t>(0, 4); }

template <typename E>
E root_value() {
  return static_cast<E>(*rc::gen::inRange<std::uint8_t>(0, 8));
}

std::optional<Bytes> maybe_octets() {
  if (!*rc::gen::arbitrary<bool>()) return std::nullopt;
  // Now and then past 127 octets, for the two-octet length determinant.
  const std::size_t n =
      *rc::gen::inRange(0, 10) == 0 ? *rc::gen::inRange(128, 400) : *rc::gen::inRange(0, 20);
  return *rc::gen::container<Bytes>(n, rc::gen::arbitrary<std::uint8_t>());
}

nr::SecurityModeCommand gen_nr_command() {
  nr::SecurityModeCommand m;
  m.transaction_id = transaction_id();
  m.algorithms.ciphering = root_value<nr::CipheringAlgorithm>();
  if (*rc::gen::arbitrary<bool>())
    m.algorithms.integrity = root_value<nr::IntegrityProtAlgorithm>();
  m.late_non_critical_extension = maybe_octets();
  m.non_critical_extension = *rc::gen::arbitrary<bool>();
  return m;
}

template <typename M>
M gen_nr_response() {
  return M{transaction_id(), maybe_octets(), *rc::gen::arbitrary<bool>()};
}

nr::UlSecurityModeMessage gen_nr_ul() {
  if (*rc::gen::arbitrary<bool>()) return gen_nr_response<nr::SecurityModeComplete>();
  return gen_nr_response<nr::SecurityModeFailure>();
}

std::optional<lte::NonCriticalExtensionV8a0> gen_v8a0() {
  if (!*rc::gen::arbitrary<bool>()) return std::nullopt;
  return lte::NonCriticalExtensionV8a0{maybe_octets(), *rc::gen::arbitrary<bool>()};
}

lte::SecurityModeCommand gen_lte_command() {
  return lte::SecurityModeCommand{
      transaction_id(),
      {root_value<lte::CipheringAlgorithm>(), root_value<lte::IntegrityProtAlgorithm>()},
      gen_v8a0()};
}

lte::UlSecurityModeMessage gen_lte_ul() {
  if (*rc::gen::arbitrary<bool>()) return lte::SecurityModeComplete{transaction_id(), gen_v8a0()};
  return lte::SecurityModeFailure{transaction_id(), gen_v8a0()};
}

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

// An encoded message with a few bits flipped, octets cut or octets inserted.
Bytes damage(Bytes b) {
  const auto edits = *rc::gen::inRange(1, 4);
  for (int i = 0; i < edits && !b.empty(); ++i) {
    const auto at = *rc::gen::inRange<std::size_t>(0, b.size());
    switch (*rc::gen::inRange(0, 3)) {
      case 0:
        b[at] ^= static_cast<std::uint8_t>(1u << *rc::gen::inRange(0, 8));
        break;
      case 1:
        b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), *rc::gen::arbitrary<std::uint8_t>());
        break;
      default:
        b.resize(at);
    }
  }
  return b;
}

// An NR security mode command as a later version might send it: SecurityAlgorithmConfig and
// SecurityConfigSMC each with `count` extension additions (X.691 19.7-19.9) of which `present`
// ones are there, as open types of random octets. Returns the PDU and the bit offsets of the open
// types, in order.
std::pair<Bytes, std::vector<std::size_t>> nr_command_with_additions(
    const nr::SecurityModeCommand& m, bool in_algorithms, bool in_smc) {
  UperWriter w;
  std::vector<std::size_t> open_types;
  std::size_t bits = 0;
  const auto put = [&](std::uint32_t v, unsigned n) {
    w.bits(v, n);
    bits += n;
  };
  const auto additions = [&] {
    const auto count = *rc::gen::inRange<std::uint32_t>(1, 6);
    std::vector<bool> present(count);
    for (auto&& p : present) p = *rc::gen::arbitrary<bool>();
    present[*rc::gen::inRange<std::uint32_t>(0, count)] = true;  // at least one (19.7)
    put(count - 1, 7);                                           // normally small n-1 (11.9.3.4)
    for (const bool p : present) put(p ? 1 : 0, 1);
    for (const bool p : present) {
      if (!p) continue;
      open_types.push_back(bits);
      const auto n = *rc::gen::inRange<std::uint32_t>(1, 5);
      put(n, 8);  // length determinant below 128 (11.9.3.6)
      for (std::uint32_t i = 0; i < n; ++i) put(*rc::gen::arbitrary<std::uint8_t>(), 8);
    }
  };
  put(0, 1);  // c1
  put(4, 4);  // securityModeCommand
  put(m.transaction_id, 2);
  put(0, 1);  // criticalExtensions: securityModeCommand
  put(m.late_non_critical_extension ? 1 : 0, 1);
  put(m.non_critical_extension ? 1 : 0, 1);
  put(in_smc ? 1 : 0, 1);         // SecurityConfigSMC extension bit
  put(in_algorithms ? 1 : 0, 1);  // SecurityAlgorithmConfig extension bit
  put(m.algorithms.integrity ? 1 : 0, 1);
  put(static_cast<std::uint32_t>(m.algorithms.ciphering), 4);  // extension bit 0 + 3 bits
  if (m.algorithms.integrity) put(static_cast<std::uint32_t>(*m.algorithms.integrity), 4);
  if (in_algorithms) additions();
  if (in_smc) additions();
  if (m.late_non_critical_extension) {
    const auto& late = *m.late_non_critical_extension;
    if (late.size() < 128)
      put(static_cast<std::uint32_t>(late.size()), 8);
    else
      put(static_cast<std::uint32_t>(0x8000 | late.size()), 16);
    for (const auto o : late) put(o, 8);
  }
  return {std::move(w).finish(), open_types};
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
