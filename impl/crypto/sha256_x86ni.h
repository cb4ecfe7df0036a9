// The SHA-256 compression function (FIPS 180-4 6.2.2) with the x86 SHA extensions
// (SHA256RNDS2, SHA256MSG1, SHA256MSG2): the kernel of the avx2 and avx512 tiers of the KDF
// (kdf.h), the same contract as sha256_portable.h. The instructions compute the rounds and the
// message schedule in hardware with data-independent timing; K is indexed by round only.
//
// Only sha256_x86ni.cpp is compiled with -msha -msse4.1 (impl/CMakeLists.txt); callers must not
// call this unless active_tier() (or the tier a key was made for) is avx2 or above, which
// cpu.cpp grants only on CPUs with SHA-NI.
#pragma once

#include <cstddef>
#include <cstdint>

namespace secmode::impl::crypto {

// Runs the compression function over `n` consecutive 64-octet blocks (state: H0..H7).
void sha256_x86ni_compress(std::uint32_t state[8], const std::uint8_t* blocks, std::size_t n) noexcept;

// One block into each of two independent states, interleaved (the same as two calls of
// sha256_x86ni_compress with n = 1, in about the time of one): the ipad and opad blocks of HMAC.
void sha256_x86ni_compress_x2(std::uint32_t state_a[8], const std::uint8_t block_a[64], std::uint32_t state_b[8],
                              const std::uint8_t block_b[64]) noexcept;

}  // namespace secmode::impl::crypto
