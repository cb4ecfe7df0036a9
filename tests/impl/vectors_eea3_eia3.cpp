// Known answers for the constant-time ZUC, 128-EEA3 and 128-EIA3 of impl/crypto/ (STYLE.md 6), run
// on every tier this machine has: the official TS 35.223 (EEA3 & EIA3 Document 3) vectors of
// eea.json / eia.json (algorithm 3) and zuc.json (keystream), through the one loader; and each
// tier's S-box pass against the spec twin's S0 / S1 tables (TS 35.222 3.4.1) for all 256 inputs
// in every octet position.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "impl/crypto/eea3_eia3.h"
#include "impl/crypto/zuc.h"
#include "impl/crypto/zuc_sbox.h"
#include "spec/crypto/zuc.h"
#include "tests/impl/eea_eia_vectors.h"
#include "tests/support/vectors.h"

namespace secmode::impl::crypto {
namespace {

using namespace cases;

using test::hex;

TEST(Eea3Vectors, EveryVectorOnEveryTier) { eea_vectors_on_every_tier<Eea3Eia3Key, &eea3>("128-EEA3", 3); }

// The vectors through eea3_batch, repeated so that the 16-lane kernel (avx512 tier) gets a full
// batch and a partial one with lanes of different lengths, mixed with keys of the other tiers.
TEST(Eea3Vectors, EveryVectorInBatches) {
  const auto vectors = test::vectors_where("eea", "algorithm", "128-EEA3");
  ASSERT_EQ(vectors.size(), 3u);
  std::vector<Bytes> keys, pts, cts, outs(20 * vectors.size());
  std::vector<std::unique_ptr<Eea3Eia3Key>> k;
  std::vector<Eea3Job> jobs;
  const auto tiers = machine_tiers();
  for (std::size_t i = 0; i < outs.size(); ++i) {
    const auto& v = vectors[i % vectors.size()];
    keys.push_back(hex(v["key"]));
    pts.push_back(hex(v["plaintext"]));
    cts.push_back(hex(v["ciphertext"]));
    k.push_back(std::make_unique<Eea3Eia3Key>(key16(keys.back()), i % 7 == 3 ? tiers.front() : tiers.back()));
    outs[i].assign(cts.back().size(), 0xee);
  }
  for (std::size_t i = 0; i < outs.size(); ++i) {
    const auto& v = vectors[i % vectors.size()];
    jobs.push_back({k[i].get(), inputs(v), pts[i], v.at("length_bits").get<std::size_t>(), outs[i], "not run"});
  }
  jobs.push_back({nullptr, {}, {}, 0, {}, nullptr});       // refused: no key
  jobs.push_back({k[0].get(), {0, 32, 0}, {}, 0, {}, nullptr});  // refused: BEARER
  eea3_batch(jobs);
  for (std::size_t i = 0; i < outs.size(); ++i) {
    SCOPED_TRACE("job " + std::to_string(i));
    EXPECT_EQ(jobs[i].error, nullptr);
    EXPECT_EQ(test::to_hex(outs[i]), test::to_hex(cts[i]));
  }
  EXPECT_NE(jobs[outs.size()].error, nullptr);
  EXPECT_NE(jobs[outs.size() + 1].error, nullptr);
}

// The 16-lane kernel lane by lane against the one-message avx512 kernel (STYLE.md 6): distinct
// keys, IVs and lengths per lane (0 to 700 octets, so lanes stop at different rounds, and one
// empty lane that must not be written).
TEST(ZucX16, EveryLaneMatchesTheOneLaneKernel) {
  if (detected_tier() < Tier::avx512) GTEST_SKIP() << "no avx512 tier on this CPU";
  std::array<ZucKeyCells, 16> cells;
  std::array<std::array<std::uint8_t, 16>, 16> ivs;
  std::array<Bytes, 16> in, out, want;
  const ZucKeyCells* keys[16];
  const std::uint8_t* ivp[16];
  const std::uint8_t* inp[16];
  std::uint8_t* outp[16];
  std::size_t n[16];
  for (int lane = 0; lane < 16; ++lane) {
    std::array<std::uint8_t, 16> key{};
    for (int i = 0; i < 16; ++i) {
      key[i] = static_cast<std::uint8_t>(lane * 31 + i * 7 + 1);
      ivs[lane][i] = static_cast<std::uint8_t>(lane * 13 + i * 5 + 3);
    }
    zuc_key_cells(cells[lane], key.data());
    n[lane] = lane == 5 ? 0 : static_cast<std::size_t>(lane * 43 + 3);
    in[lane].resize(n[lane] + 1);
    for (std::size_t i = 0; i < in[lane].size(); ++i) in[lane][i] = static_cast<std::uint8_t>(i * 11 + lane);
    out[lane].assign(n[lane] + 1, 0xee);  // one octet past the end must stay untouched
    want[lane] = out[lane];
    zuc_avx512_xor(cells[lane], ivs[lane].data(), in[lane].data(), want[lane].data(), n[lane]);
    keys[lane] = &cells[lane];
    ivp[lane] = ivs[lane].data();
    inp[lane] = in[lane].data();
    outp[lane] = out[lane].data();
  }
  zuc_avx512_x16_xor(keys, ivp, inp, outp, n);
  for (int lane = 0; lane < 16; ++lane) EXPECT_EQ(test::to_hex(out[lane]), test::to_hex(want[lane])) << "lane " << lane;
}

// The 16-lane MAC kernel lane by lane against the one-message avx512 kernel: lengths 0 to
// about 6000 bits per lane (so lanes finish in different chunks), non-octet and word edges.
TEST(ZucX16, EveryLaneMacMatchesTheOneLaneKernel) {
  if (detected_tier() < Tier::avx512) GTEST_SKIP() << "no avx512 tier on this CPU";
  std::array<ZucKeyCells, 16> cells;
  std::array<std::array<std::uint8_t, 16>, 16> ivs;
  std::array<Bytes, 16> msgs;
  const ZucKeyCells* keys[16];
  const std::uint8_t* ivp[16];
  const std::uint8_t* msgp[16];
  std::size_t bits[16];
  std::uint32_t mac[16];
  const std::size_t lengths[16] = {0, 1, 31, 32, 33, 511, 512, 513, 1000, 2047, 2048, 2049, 4095, 5000, 6001, 90};
  for (int lane = 0; lane < 16; ++lane) {
    std::array<std::uint8_t, 16> key{};
    for (int i = 0; i < 16; ++i) {
      key[i] = static_cast<std::uint8_t>(lane * 29 + i * 3 + 7);
      ivs[lane][i] = static_cast<std::uint8_t>(lane * 17 + i * 9 + 1);
    }
    zuc_key_cells(cells[lane], key.data());
    bits[lane] = lengths[lane];
    msgs[lane].resize(bytes_for(bits[lane]));
    for (std::size_t i = 0; i < msgs[lane].size(); ++i) msgs[lane][i] = static_cast<std::uint8_t>(i * 53 + lane);
    keys[lane] = &cells[lane];
    ivp[lane] = ivs[lane].data();
    msgp[lane] = msgs[lane].data();
  }
  zuc_avx512_x16_mac(keys, ivp, msgp, bits, mac);
  for (int lane = 0; lane < 16; ++lane)
    EXPECT_EQ(mac[lane], zuc_avx512_mac(cells[lane], ivs[lane].data(), msgs[lane].data(), bits[lane]))
        << "lane " << lane << ", " << bits[lane] << " bits";
}

TEST(Eia3Vectors, EveryVectorOnEveryTier) {
  eia_vectors_on_every_tier<Eea3Eia3Key, &eia3, &eia3_verify>("128-EIA3", 3);
}

using KeystreamFn = void (*)(const ZucKeyCells&, const std::uint8_t*, std::uint32_t*, std::size_t);
KeystreamFn keystream_kernel(Tier t) {
  switch (t) {
    case Tier::portable: return zuc_portable_keystream;
    case Tier::avx2: return zuc_avx2_keystream;
    case Tier::avx512: return zuc_avx512_keystream;
  }
  return nullptr;
}

TEST(ZucVectors, KeystreamOnEveryTier) {
  const auto& vectors = test::vectors("zuc");
  ASSERT_EQ(vectors.size(), 3u);
  for (const Tier tier : machine_tiers()) {
    for (const auto& v : vectors) {
      SCOPED_TRACE(std::string(tier_name(tier)) + " " + v.at("id").get<std::string>());
      const Bytes key = hex(v["key"]), iv = hex(v["iv"]);
      ZucKeyCells cells;
      zuc_key_cells(cells, key.data());
      for (const auto& o : v.at("outputs")) {
        const auto offset = o.at("word_offset").get<std::size_t>();
        const Bytes want = hex(o["words"]);
        std::vector<std::uint32_t> z(offset + want.size() / 4);
        keystream_kernel(tier)(cells, iv.data(), z.data(), z.size());
        Bytes got;
        for (std::size_t i = offset; i < z.size(); ++i)
          for (int b = 3; b >= 0; --b) got.push_back(static_cast<std::uint8_t>(z[i] >> (8 * b)));
        EXPECT_EQ(test::to_hex(got), test::to_hex(want));
      }
    }
  }
}

// The spec twin's S0 and S1 (TS 35.222 3.4.1), whole.
std::array<std::uint8_t, 256> spec_table(std::uint8_t (*box)(std::uint8_t)) {
  std::array<std::uint8_t, 256> t{};
  for (int x = 0; x < 256; ++x) t[static_cast<std::size_t>(x)] = box(static_cast<std::uint8_t>(x));
  return t;
}

using SboxFn = std::uint64_t (*)(std::uint64_t);
SboxFn sbox_kernel(Tier t) {
  switch (t) {
    case Tier::portable: return detail::zuc_portable_sbox;
    case Tier::avx2: return detail::zuc_avx2_sbox;
    case Tier::avx512: return detail::zuc_avx512_sbox;
  }
  return nullptr;
}

// The S-box passes of a tier: the one-message kernel's, and on avx512 the 16-lane kernel's too.
std::vector<std::pair<std::string, SboxFn>> sbox_kernels(Tier t) {
  std::vector<std::pair<std::string, SboxFn>> out = {{std::string(tier_name(t)), sbox_kernel(t)}};
  if (t == Tier::avx512) out.emplace_back("avx512 x16", detail::zuc_avx512_x16_sbox);
  return out;
}

TEST(ZucSbox, EveryKernelMatchesSpecTablesForAll256InputsInEveryOctet) {
  const auto s0 = spec_table(spec::zuc_s0), s1 = spec_table(spec::zuc_s1);
  for (const Tier tier : machine_tiers()) for (const auto& [name, kernel] : sbox_kernels(tier)) {
    SCOPED_TRACE(name);
    // Octet j of the two words gets x + 37 j, so every octet position sees all 256 inputs next
    // to different neighbours; S0 applies to the odd octets, S1 to the even ones.
    for (int x = 0; x < 256; ++x) {
      std::uint64_t in = 0, want = 0;
      for (int j = 0; j < 8; ++j) {
        const auto b = static_cast<std::uint8_t>(x + 37 * j);
        in |= std::uint64_t{b} << (8 * j);
        want |= std::uint64_t{j % 2 == 1 ? s0[b] : s1[b]} << (8 * j);
      }
      ASSERT_EQ(kernel(in), want) << "input octets from " << x;
    }
  }
}

TEST(ZucSbox, CompileTimeRestatementMatchesSpecTables) {
  const auto s0 = spec_table(spec::zuc_s0), s1 = spec_table(spec::zuc_s1);
  for (int x = 0; x < 256; ++x) {
    EXPECT_EQ(zuc_sbox::s0(static_cast<std::uint8_t>(x)), s0[x]) << x;
    EXPECT_EQ(zuc_sbox::s1(static_cast<std::uint8_t>(x)), s1[x]) << x;
  }
}

TEST(Eea3Eia3Contract, RefusesBadArgumentsWithoutWriting) {
  refuses_bad_arguments_without_writing<Eea3Eia3Key, &eea3, &eia3, &eia3_verify>();
}

TEST(Eea3Eia3Key, TierIsNeverAboveTheCpu) { tier_is_never_above_the_cpu<Eea3Eia3Key>(); }

}  // namespace
}  // namespace secmode::impl::crypto
