// What the tests of the fast crypto (tests/impl/*eea*, *kdf*) share: the tiers this machine runs,
// a 16-octet key view, and a random EEA/EIA case whose bit lengths each algorithm's test draws
// from its own generator (the block and word edges differ per kernel).
#pragma once

#include <rapidcheck.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "impl/crypto/count_inputs.h"
#include "impl/crypto/cpu.h"
#include "spec/crypto/eea_eia.h"

namespace secmode::impl::crypto::cases {

using Bytes = std::vector<std::uint8_t>;

// The one bit a mutant property flips in one tier's output, to show the comparison can fail.
enum class Mutation { none, flip_output_bit };

// Every tier the CPU supports (a key made for a tier above detected_tier() would be lowered).
inline std::vector<Tier> machine_tiers() {
  std::vector<Tier> out;
  for (const Tier t : {Tier::portable, Tier::avx2, Tier::avx512})
    if (t <= detected_tier()) out.push_back(t);
  return out;
}

inline std::span<const std::uint8_t, 16> key16(const Bytes& k) { return std::span<const std::uint8_t, 16>(k.data(), 16); }

inline spec::CountInputs spec_inputs(const CountInputs& in) { return {in.count, in.bearer, in.direction}; }

struct Case {
  Bytes key;
  CountInputs in;
  Bytes data;
  std::size_t bits;
};

// Random KEY, COUNT, BEARER, DIRECTION, a length from `bits`, and random octets with the trailing
// unused bits included: the code must ignore them.
inline Case gen_case(const rc::Gen<std::size_t>& bits) {
  Case c;
  c.key = *rc::gen::container<Bytes>(16, rc::gen::arbitrary<std::uint8_t>());
  c.in.count = *rc::gen::arbitrary<std::uint32_t>();
  c.in.bearer = *rc::gen::inRange<std::uint8_t>(0, 32);
  c.in.direction = *rc::gen::inRange<std::uint8_t>(0, 2);
  c.bits = *bits;
  c.data = *rc::gen::container<Bytes>(bytes_for(c.bits), rc::gen::arbitrary<std::uint8_t>());
  return c;
}

}  // namespace secmode::impl::crypto::cases
