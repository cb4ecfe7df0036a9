// AES-128 encryption (FIPS-197) with the x86 AES-NI instructions: the kernel of the avx2 and
// avx512 tiers, the same contract as aes_ct64.h. AESENC does SubBytes, ShiftRows, MixColumns and
// AddRoundKey in hardware with data-independent timing, so there is nothing to look up.
//
// Only aes_x86ni.cpp is compiled with -maes -msse4.1 (impl/CMakeLists.txt); callers must not
// call these unless active_tier() (or the tier a key was made for) is avx2 or above.
#pragma once

#include <cstddef>
#include <cstdint>

namespace secmode::impl::crypto {

// The 11 round keys, 16 octets each, as AESENC takes them. Key material: the owner wipes it.
struct AesNiKey {
  alignas(16) std::uint8_t round[11][16];
};

// FIPS-197 5.2 KeyExpansion (AESKEYGENASSIST).
void aes_x86ni_expand(AesNiKey& out, const std::uint8_t key[16]) noexcept;

// Encrypts `n` blocks from in to out (which may be the same buffer).
void aes_x86ni_encrypt(const AesNiKey& key, const std::uint8_t* in, std::uint8_t* out, std::size_t n) noexcept;

// CTR over `n` whole blocks with the 128-bit big-endian counter `ctr` (incremented mod 2^128
// and left at the next unused value); eight blocks in flight. in and out may be the same.
void aes_x86ni_ctr_xor(const AesNiKey& key, std::uint8_t ctr[16], const std::uint8_t* in, std::uint8_t* out,
                       std::size_t n) noexcept;

// CBC-MAC chaining over `n` whole blocks: state = E(state XOR block).
void aes_x86ni_cbc_mac(const AesNiKey& key, std::uint8_t state[16], const std::uint8_t* in, std::size_t n) noexcept;

}  // namespace secmode::impl::crypto
