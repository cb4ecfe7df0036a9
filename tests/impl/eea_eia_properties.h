// The RapidCheck properties every fast EEA/EIA pair shares, written once for EEA1/EIA1, EEA2/EIA2
// and EEA3/EIA3: each tier against the spec twin (spec/crypto/eea_eia.h) on a random case, and a
// wrong MAC refused. Agreement of every tier with the spec twin is agreement of every pair of tiers.
#pragma once

#include <rapidcheck.h>

#include <array>
#include <cstddef>
#include <cstdint>

#include "tests/impl/crypto_cases.h"
#include "tests/support/vectors.h"

namespace secmode::impl::crypto::cases {

// Under the mutant, one generator-chosen bit of the last tier's output is flipped: the property
// must then fail, which shows the comparison can.
inline void apply_flip(Mutation m, std::size_t tier_index, std::size_t tiers, Bytes& out) {
  if (m != Mutation::flip_output_bit || tier_index + 1 != tiers || out.empty()) return;
  const auto bit = *rc::gen::inRange<std::size_t>(0, 8 * out.size());
  out[bit / 8] ^= static_cast<std::uint8_t>(0x80 >> (bit % 8));
}

// Ciphering on every tier, out of place and in place, gives the spec twin's output.
template <class Key, auto cipher>
void eea_matches_spec_on_every_tier(spec::Eea alg, const Case& c, Mutation m) {
  const Bytes want = spec::eea(alg, c.key, spec_inputs(c.in), c.data, c.bits);
  const auto tiers = machine_tiers();
  for (std::size_t i = 0; i < tiers.size(); ++i) {
    const Key key(key16(c.key), tiers[i]);
    Bytes out(c.data.size());
    RC_ASSERT(cipher(key, c.in, c.data, c.bits, out) == nullptr);
    Bytes in_place = c.data;
    RC_ASSERT(cipher(key, c.in, in_place, c.bits, in_place) == nullptr);
    RC_ASSERT(in_place == out);
    apply_flip(m, i, tiers.size(), out);
    RC_ASSERT(test::to_hex(out) == test::to_hex(want));
  }
}

// The MAC on every tier is the spec twin's and verifies.
template <class Key, auto mac_of, auto verify>
void eia_matches_spec_on_every_tier(spec::Eia alg, const Case& c, Mutation m) {
  const spec::Mac32 want = spec::eia(alg, c.key, spec_inputs(c.in), c.data, c.bits);
  const auto tiers = machine_tiers();
  for (std::size_t i = 0; i < tiers.size(); ++i) {
    const Key key(key16(c.key), tiers[i]);
    std::array<std::uint8_t, 4> mac{};
    RC_ASSERT(mac_of(key, c.in, c.data, c.bits, mac) == nullptr);
    RC_ASSERT(verify(key, c.in, c.data, c.bits, mac));
    Bytes got(mac.begin(), mac.end());
    apply_flip(m, i, tiers.size(), got);
    RC_ASSERT(test::to_hex(got) == test::to_hex(Bytes(want.begin(), want.end())));
  }
}

// The right MAC with one bit flipped is refused on every tier.
template <class Key, auto verify>
void eia_verify_refuses_on_every_tier(spec::Eia alg, const Case& c) {
  const spec::Mac32 want = spec::eia(alg, c.key, spec_inputs(c.in), c.data, c.bits);
  std::array<std::uint8_t, 4> bad{want[0], want[1], want[2], want[3]};
  const auto bit = *rc::gen::inRange(0, 32);
  bad[bit / 8] ^= static_cast<std::uint8_t>(0x80 >> (bit % 8));
  for (const Tier tier : machine_tiers()) RC_ASSERT(!verify(Key(key16(c.key), tier), c.in, c.data, c.bits, bad));
}

}  // namespace secmode::impl::crypto::cases
