// The multi-buffer and UMTS entry points of impl/crypto/eea1_eia1.h (STYLE.md 6):
//  - eea1_batch / eia1_batch job by job against the spec twin (lane by lane for the 16-lane kernel
//    of the avx512 tier): up to 40 jobs, each with its own key on a random tier of this machine,
//    COUNT, BEARER, DIRECTION and length (0 to ~20000 bits, non-multiples of 8, junk trailing
//    bits), with the occasional job without a key or with bad arguments, which must get an error
//    and leave its output alone; a mutant flips one bit of one job and must be caught;
//  - uia2_f9 with a random 32-bit FRESH against spec::uia2_f9 on every tier (with a mutant), and
//    uea2_f8 against spec::uea2_f8;
//  - the TS 35.217 UEA2 / UIA2 test sets of tests/vectors/snow3g.json (UIA2 sets 1, 2, 3 and 5,
//    whose FRESH is not BEARER << 27; the file has no set 4) on every tier;
//  - S1 and S2 of the 16-lane kernel with 16 different words in the lanes (a lane-mixing bug, such
//    as AESENC's ShiftRows left in, is invisible when every lane holds the same word).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "impl/crypto/eea1_eia1.h"
#include "impl/crypto/snow3g.h"
#include "spec/crypto/eea_eia.h"
#include "spec/crypto/uea2_uia2.h"
#include "tests/impl/crypto_cases.h"
#include "tests/support/vectors.h"

namespace secmode::impl::crypto {
namespace {

using namespace cases;

// Mostly short messages (the batch's intended use: signalling), with the word, 16-word and 64-bit
// block edges, and sometimes up to ~20000 bits so one batch holds lanes of very different lengths.
rc::Gen<std::size_t> gen_bits() {
  return rc::gen::weightedOneOf<std::size_t>({
      {6, rc::gen::inRange<std::size_t>(0, 3001)},
      {2, rc::gen::inRange<std::size_t>(0, 20001)},
      {2, rc::gen::element<std::size_t>(0, 1, 7, 8, 9, 31, 32, 33, 63, 64, 65, 511, 512, 513, 1023, 1024, 1025, 2047,
                                        2048, 2049)},
  });
}

// What a job is besides a good one: no key, or an argument eea1/eia1 refuses (BEARER >= 32).
enum class JobKind { good, no_key, bad_bearer };
JobKind gen_kind() {
  return *rc::gen::weightedElement<JobKind>({{30, JobKind::good}, {1, JobKind::no_key}, {1, JobKind::bad_bearer}});
}

// Mostly the machine's best tier (so that avx512 jobs fill lanes), some jobs on the others.
Tier gen_tier(const std::vector<Tier>& tiers) {
  return tiers[*rc::gen::weightedElement<std::size_t>({{1, 0}, {1, tiers.size() / 2}, {6, tiers.size() - 1}})];
}

void flip(Bytes& b) {
  const auto bit = *rc::gen::inRange<std::size_t>(0, 8 * b.size());
  b[bit / 8] ^= static_cast<std::uint8_t>(0x80 >> (bit % 8));
}

void eea1_batch_property(Mutation m) {
  const auto tiers = machine_tiers();
  const auto count = *rc::gen::inRange<std::size_t>(0, 41);
  std::vector<Case> cases;
  std::vector<JobKind> kinds;
  std::vector<std::unique_ptr<Eea1Eia1Key>> keys;
  std::vector<Bytes> outs(count);
  std::vector<Eea1Job> jobs;
  for (std::size_t i = 0; i < count; ++i) {
    cases.push_back(gen_case(gen_bits()));
    kinds.push_back(gen_kind());
    keys.push_back(std::make_unique<Eea1Eia1Key>(key16(cases[i].key), gen_tier(tiers)));
    if (kinds[i] == JobKind::bad_bearer) cases[i].in.bearer = 32;
  }
  for (std::size_t i = 0; i < count; ++i) {
    outs[i].assign(cases[i].data.size(), 0xee);
    jobs.push_back({kinds[i] == JobKind::no_key ? nullptr : keys[i].get(), cases[i].in, cases[i].data, cases[i].bits,
                    outs[i], "not run"});
  }
  eea1_batch(jobs);
  const auto victim = count == 0 ? 0 : *rc::gen::inRange<std::size_t>(0, count);
  for (std::size_t i = 0; i < count; ++i) {
    const Case& c = cases[i];
    if (kinds[i] != JobKind::good) {  // an error, and nothing written
      RC_ASSERT(jobs[i].error != nullptr);
      RC_ASSERT(outs[i] == Bytes(c.data.size(), 0xee));
      continue;
    }
    RC_ASSERT(jobs[i].error == nullptr);
    Bytes got = outs[i];
    if (m == Mutation::flip_output_bit && i == victim && !got.empty()) flip(got);
    RC_ASSERT(test::to_hex(got) == test::to_hex(spec::eea(spec::Eea::eea1, c.key, spec_inputs(c.in), c.data, c.bits)));
  }
  RC_CLASSIFY(count >= 16, "at least one full 16-lane batch");
}

void eia1_batch_property(Mutation m) {
  const auto tiers = machine_tiers();
  const auto count = *rc::gen::inRange<std::size_t>(0, 41);
  std::vector<Case> cases;
  std::vector<JobKind> kinds;
  std::vector<std::unique_ptr<Eea1Eia1Key>> keys;
  std::vector<Eia1Job> jobs;
  for (std::size_t i = 0; i < count; ++i) {
    cases.push_back(gen_case(gen_bits()));
    kinds.push_back(gen_kind());
    keys.push_back(std::make_unique<Eea1Eia1Key>(key16(cases[i].key), gen_tier(tiers)));
    if (kinds[i] == JobKind::bad_bearer) cases[i].in.bearer = 32;
  }
  for (std::size_t i = 0; i < count; ++i)
    jobs.push_back({kinds[i] == JobKind::no_key ? nullptr : keys[i].get(), cases[i].in, cases[i].data, cases[i].bits,
                    {9, 9, 9, 9}, "not run"});
  eia1_batch(jobs);
  const auto victim = count == 0 ? 0 : *rc::gen::inRange<std::size_t>(0, count);
  for (std::size_t i = 0; i < count; ++i) {
    const Case& c = cases[i];
    if (kinds[i] != JobKind::good) {
      RC_ASSERT(jobs[i].error != nullptr);
      RC_ASSERT(jobs[i].mac == (std::array<std::uint8_t, 4>{9, 9, 9, 9}));
      continue;
    }
    RC_ASSERT(jobs[i].error == nullptr);
    Bytes got(jobs[i].mac.begin(), jobs[i].mac.end());
    if (m == Mutation::flip_output_bit && i == victim) flip(got);
    const spec::Mac32 want = spec::eia(spec::Eia::eia1, c.key, spec_inputs(c.in), c.data, c.bits);
    RC_ASSERT(test::to_hex(got) == test::to_hex(Bytes(want.begin(), want.end())));
  }
  RC_CLASSIFY(count >= 16, "at least one full 16-lane batch");
}

// uia2_f9 with any FRESH (TS 35.215 4.4) against the spec twin on every tier; eia1 is the same
// function at FRESH = BEARER << 27 (TS 33.401 B.2.2), checked on the same key.
void uia2_property(Mutation m) {
  const Case c = gen_case(gen_bits());
  const auto fresh = *rc::gen::arbitrary<std::uint32_t>();
  const spec::Mac32 want = spec::uia2_f9(c.key, c.in.count, fresh, c.in.direction, c.data, c.bits);
  const auto tiers = machine_tiers();
  for (std::size_t i = 0; i < tiers.size(); ++i) {
    const Eea1Eia1Key key(key16(c.key), tiers[i]);
    std::array<std::uint8_t, 4> mac{};
    RC_ASSERT(uia2_f9(key, c.in.count, fresh, c.in.direction, c.data, c.bits, mac) == nullptr);
    Bytes got(mac.begin(), mac.end());
    if (m == Mutation::flip_output_bit && i + 1 == tiers.size()) flip(got);
    RC_ASSERT(test::to_hex(got) == test::to_hex(Bytes(want.begin(), want.end())));
    std::array<std::uint8_t, 4> as_f9{}, as_eia1{};
    RC_ASSERT(uia2_f9(key, c.in.count, std::uint32_t{c.in.bearer} << 27, c.in.direction, c.data, c.bits, as_f9) == nullptr);
    RC_ASSERT(eia1(key, c.in, c.data, c.bits, as_eia1) == nullptr);
    RC_ASSERT(as_f9 == as_eia1);
  }
}

RC_GTEST_PROP(Eea1ImplProperty, BatchMatchesSpecJobByJob, ()) { eea1_batch_property(Mutation::none); }
TEST(Eea1ImplProperty, MutantFlippedBitOfOneBatchJobIsCaught) {
  ASSERT_FALSE(rc::check("impl 128-EEA1 batch, one job's bit flipped", [] { eea1_batch_property(Mutation::flip_output_bit); }));
}

RC_GTEST_PROP(Eia1ImplProperty, BatchMatchesSpecJobByJob, ()) { eia1_batch_property(Mutation::none); }
TEST(Eia1ImplProperty, MutantFlippedBitOfOneBatchJobIsCaught) {
  ASSERT_FALSE(rc::check("impl 128-EIA1 batch, one job's bit flipped", [] { eia1_batch_property(Mutation::flip_output_bit); }));
}

RC_GTEST_PROP(Uia2ImplProperty, F9WithRandomFreshMatchesSpecOnEveryTier, ()) { uia2_property(Mutation::none); }
TEST(Uia2ImplProperty, MutantFlippedBitOfOneTierIsCaught) {
  ASSERT_FALSE(rc::check("impl UIA2 f9, one tier's bit flipped", [] { uia2_property(Mutation::flip_output_bit); }));
}

RC_GTEST_PROP(Uea2ImplProperty, F8MatchesSpecOnEveryTier, ()) {
  const Case c = gen_case(gen_bits());
  const Bytes want = spec::uea2_f8(c.key, c.in.count, c.in.bearer, c.in.direction, c.data, c.bits);
  for (const Tier tier : machine_tiers()) {
    const Eea1Eia1Key key(key16(c.key), tier);
    Bytes out(c.data.size(), 0xee);
    RC_ASSERT(uea2_f8(key, c.in.count, c.in.bearer, c.in.direction, c.data, c.bits, out) == nullptr);
    RC_ASSERT(test::to_hex(out) == test::to_hex(want));
  }
}

// ---- TS 35.217 test sets --------------------------------------------------------------------------

TEST(Uia2Vectors, EveryF9SetWithItsFreshOnEveryTier) {
  std::size_t checked = 0, fresh_not_bearer = 0;
  for (const auto& v : test::vectors("snow3g")) {
    if (v.at("type") != "uia2_f9") continue;
    const Bytes key = test::hex(v.at("key")), msg = test::hex(v.at("message"));
    const auto count = v.at("count").get<std::uint32_t>(), fresh = v.at("fresh").get<std::uint32_t>();
    const auto dir = v.at("direction").get<std::uint8_t>();
    const auto bits = v.at("length_bits").get<std::size_t>();
    fresh_not_bearer += (fresh & 0x07ffffffu) != 0;  // not of the form BEARER << 27
    for (const Tier tier : machine_tiers()) {
      SCOPED_TRACE(std::string(tier_name(tier)) + " " + v.at("id").get<std::string>());
      const Eea1Eia1Key k(key16(key), tier);
      std::array<std::uint8_t, 4> mac{};
      ASSERT_EQ(uia2_f9(k, count, fresh, dir, msg, bits, mac), nullptr);
      EXPECT_EQ(test::to_hex(Bytes(mac.begin(), mac.end())), v.at("mac").get<std::string>());
    }
    ++checked;
  }
  EXPECT_EQ(checked, 4u);  // TS 35.217 UIA2 sets 1, 2, 3, 5 (set 4 is not in the vector file)
  EXPECT_EQ(fresh_not_bearer, checked);
}

TEST(Uea2Vectors, EveryF8SetOnEveryTier) {
  std::size_t checked = 0;
  for (const auto& v : test::vectors("snow3g")) {
    if (v.at("type") != "uea2_f8") continue;
    const Bytes key = test::hex(v.at("key")), pt = test::hex(v.at("plaintext")), ct = test::hex(v.at("ciphertext"));
    const auto count = v.at("count").get<std::uint32_t>();
    const auto bearer = v.at("bearer").get<std::uint8_t>(), dir = v.at("direction").get<std::uint8_t>();
    const auto bits = v.at("length_bits").get<std::size_t>();
    for (const Tier tier : machine_tiers()) {
      SCOPED_TRACE(std::string(tier_name(tier)) + " " + v.at("id").get<std::string>());
      const Eea1Eia1Key k(key16(key), tier);
      Bytes out(ct.size(), 0xee);
      ASSERT_EQ(uea2_f8(k, count, bearer, dir, pt, bits, out), nullptr);
      EXPECT_EQ(test::to_hex(out), test::to_hex(ct));
    }
    ++checked;
  }
  EXPECT_EQ(checked, 3u);
}

TEST(Uia2Contract, RefusesBadArgumentsWithoutWriting) {
  const Bytes key(16, 0x11), data(4, 0xaa);
  for (const Tier tier : machine_tiers()) {
    const Eea1Eia1Key k(key16(key), tier);
    std::array<std::uint8_t, 4> mac{9, 9, 9, 9};
    EXPECT_NE(uia2_f9(k, 0, 0xffffffffu, 2, data, 32, mac), nullptr);
    EXPECT_NE(uia2_f9(k, 0, 0, 0, data, 33, mac), nullptr);
    EXPECT_EQ(mac, (std::array<std::uint8_t, 4>{9, 9, 9, 9}));
    EXPECT_EQ(uia2_f9(k, 0, 0xffffffffu, 1, {}, 0, mac), nullptr);  // the length block alone
  }
}

TEST(Eea1Eia1Batch, EmptyBatchAndAllBadJobsAreFine) {
  eea1_batch({});
  eia1_batch({});
  const Bytes key(16, 0x33), data(8, 0x44);
  const Eea1Eia1Key k(key16(key), Tier::avx512);
  Bytes out(4, 0xee);
  std::array<Eea1Job, 3> jobs = {Eea1Job{nullptr, {}, data, 64, out, nullptr},
                                 Eea1Job{&k, {0, 0, 2}, data, 64, out, nullptr},
                                 Eea1Job{&k, {0, 0, 0}, data, 64, std::span<std::uint8_t>(out).first(4), nullptr}};
  eea1_batch(jobs);
  for (const auto& j : jobs) EXPECT_NE(j.error, nullptr);
  EXPECT_EQ(out, Bytes(4, 0xee));
}

// ---- the 16-lane kernel's S-boxes ----------------------------------------------------------------

// TS 35.216 3.3.1 / 3.3.2 through the one-word kernels of the same tier (themselves checked for
// all inputs against the specification text in property_eea1_eia1.cpp), here with a different
// word in each of the 16 lanes: every octet value in every position of every lane.
TEST(Snow3gKernels, X16SboxesMatchTheOneWordKernelsWithDifferentLanes) {
  if (detected_tier() < Tier::avx512) GTEST_SKIP() << "no avx512 tier on this CPU";
  for (int pos = 0; pos < 4; ++pos)
    for (int v = 0; v < 256; ++v) {
      std::uint32_t w[16], s1[16], s2[16];
      for (int lane = 0; lane < 16; ++lane) {
        const auto octet = static_cast<std::uint32_t>((v + 17 * lane) & 0xff);
        const std::uint32_t fill = static_cast<std::uint32_t>((v * 0x9e + 0x37 + 101 * lane) & 0xff) * 0x01010101u;
        w[lane] = ((fill ^ (0x01020304u * static_cast<std::uint32_t>(lane))) & ~(0xffu << (8 * pos))) | octet << (8 * pos);
      }
      detail::snow3g_avx512_x16_sboxes(w, s1, s2);
      for (int lane = 0; lane < 16; ++lane) {
        ASSERT_EQ(s1[lane], detail::snow3g_avx512_s1(w[lane])) << "lane " << lane << " S1 of " << std::hex << w[lane];
        ASSERT_EQ(s2[lane], detail::snow3g_avx512_s2(w[lane])) << "lane " << lane << " S2 of " << std::hex << w[lane];
      }
    }
}

}  // namespace
}  // namespace secmode::impl::crypto
