// AES-128 encryption (FIPS-197), portable, constant time: bitsliced over 64-bit words, four
// blocks per pass, no table lookups and no secret-dependent branches (STYLE.md 9). The kernel of
// the `portable` tier; aes_x86ni.h is the same contract with AES-NI.
//
// Bitsliced layout (chosen here so that ShiftRows and MixColumns are shifts within a 16-bit
// lane): word k of a state holds bit k (k = 0 least significant) of each of the 64 state bytes
// of four blocks. Byte (row r, column c) of block b (FIPS-197 3.4: input byte r + 4c) sits at
// bit 16b + 4r + c. So each block is a 16-bit lane, each row a 4-bit nibble of that lane.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace secmode::impl::crypto {

// The expanded key, each round key bitsliced and repeated in all four lanes. Key material:
// the owner wipes it (Eea2Eia2Key's destructor does).
struct AesCt64Key {
  std::array<std::array<std::uint64_t, 8>, 11> round{};  // FIPS-197 5.2, Nr = 10
};

// FIPS-197 5.2 KeyExpansion of a 16-octet key.
void aes_ct64_expand(AesCt64Key& out, const std::uint8_t key[16]) noexcept;

// Encrypts `n` blocks (16 octets each) from in to out (which may be the same buffer).
void aes_ct64_encrypt(const AesCt64Key& key, const std::uint8_t* in, std::uint8_t* out,
                      std::size_t n) noexcept;

// CTR mode over `n` whole blocks: out = in XOR E(ctr), E(ctr + 1), ... with the 128-bit
// big-endian counter `ctr` incremented mod 2^128 (SP 800-38A 6.5, TS 33.401 B.1.3) and left
// at the next unused value. in and out may be the same buffer.
void aes_ct64_ctr_xor(const AesCt64Key& key, std::uint8_t ctr[16], const std::uint8_t* in,
                      std::uint8_t* out, std::size_t n) noexcept;

// CBC-MAC chaining over `n` whole blocks: state = E(state XOR block) for each block in turn
// (the body of CMAC, SP 800-38B 6.2 step 6).
void aes_ct64_cbc_mac(const AesCt64Key& key, std::uint8_t state[16], const std::uint8_t* in,
                      std::size_t n) noexcept;

namespace detail {
// The AES S-box applied to every byte position of a bitsliced state (exposed for the
// exhaustive test against FIPS-197 5.1.1).
void aes_ct64_sbox(std::uint64_t q[8]) noexcept;
}  // namespace detail

}  // namespace secmode::impl::crypto
