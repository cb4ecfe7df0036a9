// Differential properties: the SNOW 3G / ZUC spec twins against Intel ipsec-mb 1.3, on
// random keys, COUNT, BEARER, DIRECTION, FRESH and bit lengths (0..~20000, biased towards
// short lengths and lengths that are not whole bytes).
//
// "A property that cannot fail is a defect": every property takes a Mutation. With
// Mutation::flip_one_spec_bit it flips one bit of the spec twin's output (the bit chosen by
// the generator), and a companion test asserts that rc::check then FAILS.
//
// ipsec-mb 1.3 behaviour these properties rely on (checked by them, not assumed):
// * IMB_SNOW3G_F8_1_BUFFER_BIT(len, offset): len and offset are in bits and the offset
//   applies to src and dst alike; the keystream starts at its own bit 0. It writes past
//   the last bit: the unused low bits of the last byte, and one whole byte after it, so
//   dst needs slack and only bits [offset, offset + len) are compared. With an offset that
//   is not a whole byte and len <= 8 its output is wrong (pinned by a test below).
// * IMB_SNOW3G_F8_1_BUFFER takes a length in BYTES (its header comment says bits).
// * IMB_ZUC_EEA3_1_BUFFER works on bytes only (1.3 has no bit-length EEA3), so it is run on
//   bytes_for(bits) bytes and cut to `bits`: LENGTH only selects how much keystream is used.
// * IMB_SNOW3G_F9_1_BUFFER and IMB_ZUC_EIA3_1_BUFFER take bits; both refuse LENGTH = 0
//   (IMB_ERR_AUTH_LEN, tag left untouched), which TS 35.215 / EEA3-EIA3 Document 1 exclude
//   too (LENGTH >= 1), so the MAC properties start at 1 bit. The EIA3 tag (a uint32_t*) and
//   the f9 tag hold the MAC bytes in transmission order.
#include <gtest/gtest.h>
#include <intel-ipsec-mb.h>
#include <rapidcheck.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "spec/crypto/bytes.h"
#include "spec/crypto/eea3_eia3.h"
#include "spec/crypto/snow3g.h"
#include "spec/crypto/uea2_uia2.h"
#include "spec/crypto/zuc.h"

namespace {

using secmode::spec::bytes_for;
using secmode::spec::Bytes;
using secmode::spec::Mac32;
using secmode::spec::truncate_bits;

enum class Mutation { none, flip_one_spec_bit };

constexpr std::size_t kSlack = 16;  // bytes of junk after every ipsec-mb buffer

// One ipsec-mb manager for the whole run, on the best instruction set of this machine.
IMB_MGR& ipsec_mb() {
  struct Owner {
    IMB_MGR* mgr = alloc_mb_mgr(0);
    Owner() {
      if (mgr == nullptr) throw std::runtime_error("alloc_mb_mgr failed");
      init_mb_mgr_auto(mgr, nullptr);
      if (imb_get_errno(mgr) != 0) throw std::runtime_error(imb_get_strerror(imb_get_errno(mgr)));
    }
    ~Owner() { free_mb_mgr(mgr); }
  };
  static Owner owner;
  return *owner.mgr;
}

// --- generators -------------------------------------------------------------------------

rc::Gen<std::size_t> gen_bits(std::size_t min_bits) {
  using rc::gen::inRange;
  auto not_whole_bytes = rc::gen::map(
      rc::gen::pair(inRange<std::size_t>(0, 2500), inRange<std::size_t>(1, 8)),
      [](const std::pair<std::size_t, std::size_t>& p) { return 8 * p.first + p.second; });
  auto any = rc::gen::weightedOneOf<std::size_t>({
      {3, inRange<std::size_t>(0, 80)},  // short, word and block edges included
      {3, not_whole_bytes},              // LENGTH = 1..7 mod 8, up to 19999
      {2, inRange<std::size_t>(0, 20001)},
      {1, rc::gen::elementOf(std::vector<std::size_t>{0, 1, 7, 8, 31, 32, 33, 63, 64, 65, 127, 128,
                                                      129, 20000})},
  });
  return rc::gen::map(any, [min_bits](std::size_t b) { return std::max(b, min_bits); });
}

struct Inputs {
  Bytes key;
  std::uint32_t count = 0, fresh = 0;
  std::uint8_t bearer = 0, direction = 0;
  std::size_t bits = 0;
  Bytes data;  // bytes_for(bits) bytes; the unused trailing bits are random, not zero
};

Inputs draw_inputs(std::size_t min_bits) {
  Inputs in;
  in.key = *rc::gen::container<Bytes>(16, rc::gen::arbitrary<std::uint8_t>());
  in.count = *rc::gen::arbitrary<std::uint32_t>();
  in.fresh = *rc::gen::arbitrary<std::uint32_t>();
  in.bearer = *rc::gen::inRange<std::uint8_t>(0, 32);
  in.direction = *rc::gen::inRange<std::uint8_t>(0, 2);
  in.bits = *gen_bits(min_bits);
  in.data = *rc::gen::container<Bytes>(bytes_for(in.bits), rc::gen::arbitrary<std::uint8_t>());
  RC_CLASSIFY(in.bits % 8 != 0, "not whole bytes");
  RC_CLASSIFY(in.bits < 80, "under 80 bits");
  RC_CLASSIFY(in.bits > 10000, "over 10000 bits");
  return in;
}

Bytes with_slack(const Bytes& b) {
  Bytes out = b;
  const Bytes junk = *rc::gen::container<Bytes>(kSlack, rc::gen::arbitrary<std::uint8_t>());
  out.insert(out.end(), junk.begin(), junk.end());
  return out;
}

// --- mutation and bit helpers -----------------------------------------------------------

void flip_bit(std::uint8_t* p, std::size_t i) { p[i / 8] ^= static_cast<std::uint8_t>(0x80u >> (i % 8)); }

void mutate(Bytes& spec_out, std::size_t bits, Mutation m) {
  if (m == Mutation::none || bits == 0) return;  // (nothing to flip in an empty output)
  flip_bit(spec_out.data(), *rc::gen::inRange<std::size_t>(0, bits));
}
void mutate(Mac32& spec_mac, Mutation m) {
  if (m == Mutation::none) return;
  flip_bit(spec_mac.data(), *rc::gen::inRange<std::size_t>(0, 32));
}

// Bits [from, from + n) of `b` (MSB-first), packed from bit 0, trailing bits zero.
Bytes bit_slice(const Bytes& b, std::size_t from, std::size_t n) {
  Bytes out(bytes_for(n), 0);
  for (std::size_t i = 0; i < n; ++i)
    if ((b[(from + i) / 8] >> (7 - (from + i) % 8)) & 1) flip_bit(out.data(), i);
  return out;
}

// --- SNOW 3G ----------------------------------------------------------------------------

snow3g_key_schedule_t snow3g_schedule(const Bytes& key) {
  snow3g_key_schedule_t ks{};
  RC_ASSERT(IMB_SNOW3G_INIT_KEY_SCHED(&ipsec_mb(), key.data(), &ks) == 0);
  return ks;
}

void snow3g_f8_matches_ipsec_mb(Mutation m) {
  const Inputs in = draw_inputs(0);
  Bytes spec = secmode::spec::uea2_f8(in.key, in.count, in.bearer, in.direction, in.data, in.bits);
  mutate(spec, in.bits, m);

  const auto ks = snow3g_schedule(in.key);
  std::array<std::uint8_t, 16> iv{};
  RC_ASSERT(snow3g_f8_iv_gen(in.count, in.bearer, in.direction, iv.data()) == 0);
  const Bytes src = with_slack(in.data);
  Bytes dst(src.size(), 0);
  IMB_SNOW3G_F8_1_BUFFER_BIT(&ipsec_mb(), &ks, iv.data(), src.data(), dst.data(),
                             static_cast<std::uint32_t>(in.bits), 0);
  RC_ASSERT(truncate_bits(dst, in.bits) == spec);
}

// The same at a random bit offset into src/dst: the spec twin sees the shifted bit string.
// ipsec-mb 1.3 gets LENGTH <= 8 wrong at offsets that are not whole bytes (see
// F8BitApiShortLengthAtBitOffsetIsWrong below), so those lengths are not drawn there.
void snow3g_f8_at_offset_matches_ipsec_mb(Mutation m) {
  const auto offset = *rc::gen::inRange<std::size_t>(0, 64);
  const Inputs in = draw_inputs(offset % 8 == 0 ? 0 : 9);
  const Bytes src = *rc::gen::container<Bytes>(bytes_for(offset + in.bits) + kSlack,
                                               rc::gen::arbitrary<std::uint8_t>());
  Bytes spec = secmode::spec::uea2_f8(in.key, in.count, in.bearer, in.direction,
                                      bit_slice(src, offset, in.bits), in.bits);
  mutate(spec, in.bits, m);

  const auto ks = snow3g_schedule(in.key);
  std::array<std::uint8_t, 16> iv{};
  RC_ASSERT(snow3g_f8_iv_gen(in.count, in.bearer, in.direction, iv.data()) == 0);
  const Bytes before = *rc::gen::container<Bytes>(src.size(), rc::gen::arbitrary<std::uint8_t>());
  Bytes dst = before;
  IMB_SNOW3G_F8_1_BUFFER_BIT(&ipsec_mb(), &ks, iv.data(), src.data(), dst.data(),
                             static_cast<std::uint32_t>(in.bits), static_cast<std::uint32_t>(offset));
  RC_ASSERT(bit_slice(dst, offset, in.bits) == spec);
  RC_ASSERT(bit_slice(dst, 0, offset) == bit_slice(before, 0, offset));  // head untouched
}

void snow3g_f9_matches_ipsec_mb(Mutation m) {
  const Inputs in = draw_inputs(1);
  Mac32 spec = secmode::spec::uia2_f9(in.key, in.count, in.fresh, in.direction, in.data, in.bits);
  mutate(spec, m);

  const auto ks = snow3g_schedule(in.key);
  std::array<std::uint8_t, 16> iv{};
  RC_ASSERT(snow3g_f9_iv_gen(in.count, in.fresh, in.direction, iv.data()) == 0);
  const Bytes src = with_slack(in.data);
  Mac32 tag{};
  IMB_SNOW3G_F9_1_BUFFER(&ipsec_mb(), &ks, iv.data(), src.data(), in.bits, tag.data());
  RC_ASSERT(tag == spec);
}

// --- ZUC --------------------------------------------------------------------------------

void zuc_eea3_matches_ipsec_mb(Mutation m) {
  const Inputs in = draw_inputs(0);
  Bytes spec = secmode::spec::eea3(in.key, in.count, in.bearer, in.direction, in.data, in.bits);
  mutate(spec, in.bits, m);

  std::array<std::uint8_t, 16> iv{};
  RC_ASSERT(zuc_eea3_iv_gen(in.count, in.bearer, in.direction, iv.data()) == 0);
  const Bytes src = with_slack(in.data);
  Bytes dst(src.size(), 0);
  if (in.bits > 0)  // a zero-byte job is refused (IMB_ERR_CIPH_LEN); nothing to compare
    IMB_ZUC_EEA3_1_BUFFER(&ipsec_mb(), in.key.data(), iv.data(), src.data(), dst.data(),
                          static_cast<std::uint32_t>(bytes_for(in.bits)));
  RC_ASSERT(truncate_bits(dst, in.bits) == spec);
}

void zuc_eia3_matches_ipsec_mb(Mutation m) {
  const Inputs in = draw_inputs(1);
  Mac32 spec = secmode::spec::eia3(in.key, in.count, in.bearer, in.direction, in.data, in.bits);
  mutate(spec, m);

  std::array<std::uint8_t, 16> iv{};
  RC_ASSERT(zuc_eia3_iv_gen(in.count, in.bearer, in.direction, iv.data()) == 0);
  const Bytes src = with_slack(in.data);
  std::uint32_t tag_word = 0;
  IMB_ZUC_EIA3_1_BUFFER(&ipsec_mb(), in.key.data(), iv.data(), src.data(),
                        static_cast<std::uint32_t>(in.bits), &tag_word);
  Mac32 tag{};
  std::memcpy(tag.data(), &tag_word, tag.size());
  RC_ASSERT(tag == spec);
}

// --- the generator classes against the ciphers built on them ----------------------------
// The keystream classes, fed the IV of TS 35.215 3.4 / EEA3-EIA3 Document 1 3.3 (stated
// again here, independently of uea2_uia2.cpp / eea3_eia3.cpp), must give the 128-EEA1 /
// 128-EEA3 ciphertext of an all-zero plaintext.

template <typename Next>
Bytes keystream_bytes(std::size_t bits, Next next) {
  Bytes ks(bytes_for(bits) + 3, 0);
  for (std::size_t i = 0; i < bytes_for(bits); i += 4) secmode::spec::store_be32(&ks[i], next());
  return truncate_bits(ks, bits);
}

void snow3g_keystream_is_eea1_of_zeros(Mutation m) {
  const Inputs in = draw_inputs(0);
  std::array<std::uint32_t, 4> k{};  // k3 = CK[0..31], ..., k0 = CK[96..127]
  for (int i = 0; i < 4; ++i) k[3 - i] = secmode::spec::load_be32(&in.key[4 * i]);
  const std::uint32_t bd = std::uint32_t{in.bearer} << 27 | std::uint32_t{in.direction} << 26;
  secmode::spec::Snow3g snow(k, {bd, in.count, bd, in.count});
  Bytes ks = keystream_bytes(in.bits, [&] { return snow.next(); });
  mutate(ks, in.bits, m);
  const Bytes zeros(bytes_for(in.bits), 0);
  RC_ASSERT(ks == secmode::spec::uea2_f8(in.key, in.count, in.bearer, in.direction, zeros, in.bits));
}

void zuc_keystream_is_eea3_of_zeros(Mutation m) {
  const Inputs in = draw_inputs(0);
  Bytes iv(16, 0);
  secmode::spec::store_be32(iv.data(), in.count);
  iv[4] = static_cast<std::uint8_t>(in.bearer << 3 | in.direction << 2);
  std::copy(iv.begin(), iv.begin() + 8, iv.begin() + 8);
  secmode::spec::Zuc zuc(in.key, iv);
  Bytes ks = keystream_bytes(in.bits, [&] { return zuc.next(); });
  mutate(ks, in.bits, m);
  const Bytes zeros(bytes_for(in.bits), 0);
  RC_ASSERT(ks == secmode::spec::eea3(in.key, in.count, in.bearer, in.direction, zeros, in.bits));
}

// Each property holds as written, and fails once the spec output is mutated.
void expect_holds(const char* name, void (*property)(Mutation)) {
  EXPECT_TRUE(rc::check(name, [property] { property(Mutation::none); })) << name;
}
void expect_mutant_fails(const char* name, void (*property)(Mutation)) {
  ASSERT_FALSE(rc::check(std::string(name) + " [mutant: one spec bit flipped]",
                         [property] { property(Mutation::flip_one_spec_bit); }))
      << "the property cannot fail: " << name;
}

}  // namespace

TEST(Snow3gIpsecMb, F8BitApiMatchesSpec) {
  expect_holds("SNOW 3G f8 = ipsec-mb F8_1_BUFFER_BIT", snow3g_f8_matches_ipsec_mb);
}
TEST(Snow3gIpsecMb, F8BitApiMutantIsCaught) {
  expect_mutant_fails("SNOW 3G f8 = ipsec-mb F8_1_BUFFER_BIT", snow3g_f8_matches_ipsec_mb);
}
TEST(Snow3gIpsecMb, F8BitApiAtOffsetMatchesSpec) {
  expect_holds("SNOW 3G f8 = ipsec-mb F8_1_BUFFER_BIT at a bit offset",
                                snow3g_f8_at_offset_matches_ipsec_mb);
}
TEST(Snow3gIpsecMb, F8BitApiAtOffsetMutantIsCaught) {
  expect_mutant_fails("SNOW 3G f8 = ipsec-mb F8_1_BUFFER_BIT at a bit offset",
                      snow3g_f8_at_offset_matches_ipsec_mb);
}
// Pins the ipsec-mb 1.3 defect that the offset property steps around: with a bit offset
// that is not a whole byte and LENGTH <= 8, IMB_SNOW3G_F8_1_BUFFER_BIT loses the bits past
// the first byte boundary (seen on the SSE, AVX2 and AVX-512 code paths alike). When this
// test starts failing, the library has been fixed: drop the exclusion above.
TEST(Snow3gIpsecMb, F8BitApiShortLengthAtBitOffsetIsWrong) {
  const Bytes key(16, 0), zeros(16, 0);
  const auto ks = [&] {
    snow3g_key_schedule_t s{};
    EXPECT_EQ(IMB_SNOW3G_INIT_KEY_SCHED(&ipsec_mb(), key.data(), &s), 0);
    return s;
  }();
  std::array<std::uint8_t, 16> iv{};
  ASSERT_EQ(snow3g_f8_iv_gen(0, 0, 0, iv.data()), 0);
  std::size_t wrong = 0;
  for (std::size_t offset = 1; offset < 8; ++offset) {
    for (std::size_t bits = 1; bits <= 8; ++bits) {
      Bytes dst(zeros.size(), 0);
      IMB_SNOW3G_F8_1_BUFFER_BIT(&ipsec_mb(), &ks, iv.data(), zeros.data(), dst.data(),
                                 static_cast<std::uint32_t>(bits), static_cast<std::uint32_t>(offset));
      const Bytes spec = secmode::spec::uea2_f8(key, 0, 0, 0, Bytes(1, 0), bits);
      if (bit_slice(dst, offset, bits) != spec) ++wrong;
    }
    // The same offsets from 9 bits on are right (the property covers them at random).
    Bytes dst(zeros.size(), 0);
    IMB_SNOW3G_F8_1_BUFFER_BIT(&ipsec_mb(), &ks, iv.data(), zeros.data(), dst.data(), 9,
                               static_cast<std::uint32_t>(offset));
    EXPECT_EQ(bit_slice(dst, offset, 9), secmode::spec::uea2_f8(key, 0, 0, 0, Bytes(2, 0), 9));
  }
  EXPECT_GT(wrong, 0u) << "ipsec-mb now handles short lengths at bit offsets";
}
TEST(Snow3gIpsecMb, F9MatchesSpec) {
  expect_holds("SNOW 3G f9 = ipsec-mb F9_1_BUFFER", snow3g_f9_matches_ipsec_mb);
}
TEST(Snow3gIpsecMb, F9MutantIsCaught) {
  expect_mutant_fails("SNOW 3G f9 = ipsec-mb F9_1_BUFFER", snow3g_f9_matches_ipsec_mb);
}
TEST(ZucIpsecMb, Eea3MatchesSpec) {
  expect_holds("128-EEA3 = ipsec-mb ZUC_EEA3_1_BUFFER", zuc_eea3_matches_ipsec_mb);
}
TEST(ZucIpsecMb, Eea3MutantIsCaught) {
  expect_mutant_fails("128-EEA3 = ipsec-mb ZUC_EEA3_1_BUFFER", zuc_eea3_matches_ipsec_mb);
}
TEST(ZucIpsecMb, Eia3MatchesSpec) {
  expect_holds("128-EIA3 = ipsec-mb ZUC_EIA3_1_BUFFER", zuc_eia3_matches_ipsec_mb);
}
TEST(ZucIpsecMb, Eia3MutantIsCaught) {
  expect_mutant_fails("128-EIA3 = ipsec-mb ZUC_EIA3_1_BUFFER", zuc_eia3_matches_ipsec_mb);
}
TEST(Snow3gZucSpecConsistency, Snow3gKeystreamIsEea1OfZeros) {
  expect_holds("Snow3g keystream = 128-EEA1(0)", snow3g_keystream_is_eea1_of_zeros);
}
TEST(Snow3gZucSpecConsistency, Snow3gKeystreamMutantIsCaught) {
  expect_mutant_fails("Snow3g keystream = 128-EEA1(0)", snow3g_keystream_is_eea1_of_zeros);
}
TEST(Snow3gZucSpecConsistency, ZucKeystreamIsEea3OfZeros) {
  expect_holds("Zuc keystream = 128-EEA3(0)", zuc_keystream_is_eea3_of_zeros);
}
TEST(Snow3gZucSpecConsistency, ZucKeystreamMutantIsCaught) {
  expect_mutant_fails("Zuc keystream = 128-EEA3(0)", zuc_keystream_is_eea3_of_zeros);
}
