// AES-128-CTR with VAES on 512-bit registers (four blocks per instruction): the CTR kernel of
// the avx512 tier. Same contract as aes_x86ni_ctr_xor, same round keys (AesNiKey). CBC-MAC is
// a single dependent chain, so the avx512 tier keeps aes_x86ni for CMAC.
//
// Only aes_vaes.cpp is compiled with -mavx512f -mavx512bw -mvaes (impl/CMakeLists.txt); callers
// must not call it unless the tier is avx512. Valgrind cannot run it (no AVX-512 emulation).
#pragma once

#include <cstddef>
#include <cstdint>

#include "impl/crypto/aes_x86ni.h"

namespace secmode::impl::crypto {

void aes_vaes_ctr_xor(const AesNiKey& key, std::uint8_t ctr[16], const std::uint8_t* in, std::uint8_t* out,
                      std::size_t n) noexcept;

// The same for `bytes` octets, the last block possibly partial (its keystream cut to length), in
// one pass: what 128-EEA2 needs for a message whose length is not a multiple of 16 octets. The
// counter block is not advanced (EEA2 starts each message from its own T1). Returns false, having
// written nothing, when the low 64 bits of the counter would wrap within the call (never from an
// EEA2 T1, whose low half is 0): the caller then takes the AES-NI kernel, whose increment carries.
bool aes_vaes_ctr_xor_bytes(const AesNiKey& key, const std::uint8_t ctr[16], const std::uint8_t* in,
                            std::uint8_t* out, std::size_t bytes) noexcept;

}  // namespace secmode::impl::crypto
