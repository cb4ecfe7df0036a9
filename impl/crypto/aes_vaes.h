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

}  // namespace secmode::impl::crypto
