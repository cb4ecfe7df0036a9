// <immintrin.h> for the kernels built with x86 extensions (impl/CMakeLists.txt), and the one way
// those kernels clear the vector registers they leave secrets in. GCC 12's 512-bit intrinsics
// start from _mm512_undefined_epi32(), a self-initialised variable that its own -Wuninitialized
// then reports inside the header (GCC bug 105593): silenced for the header only.
#pragma once

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#if !defined(__clang__)  // a GCC-only warning group
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>
#pragma GCC diagnostic pop

namespace secmode::impl::crypto {
// In an unnamed namespace: the body depends on the file's target flags, and one inline function
// with external linkage would let the linker keep either body for every file (an AVX-512 body in
// an avx2-tier file would fault on a CPU without AVX-512).
namespace {

// Zeroes every vector register a kernel compiled with these flags can use: VZEROALL clears
// xmm/ymm/zmm 0-15 whole, and an AVX-512 build may also have used zmm16-31. A kernel whose
// round keys, state and keystream stay in registers calls this on exit instead of keeping them
// in stack arrays to wipe (ct::wipe): the stores and the wipe of eleven round-key copies cost
// more than a short message's AES rounds. Only for code that runs on the avx2 tier or above
// (VZEROALL needs AVX); the clobbers tell the compiler nothing survives in these registers.
inline void clear_vector_registers() noexcept {
#if defined(__AVX512F__)
  __asm__ __volatile__(
      "vzeroall\n\t"
      "vpxord %%xmm16, %%xmm16, %%xmm16\n\tvpxord %%xmm17, %%xmm17, %%xmm17\n\t"
      "vpxord %%xmm18, %%xmm18, %%xmm18\n\tvpxord %%xmm19, %%xmm19, %%xmm19\n\t"
      "vpxord %%xmm20, %%xmm20, %%xmm20\n\tvpxord %%xmm21, %%xmm21, %%xmm21\n\t"
      "vpxord %%xmm22, %%xmm22, %%xmm22\n\tvpxord %%xmm23, %%xmm23, %%xmm23\n\t"
      "vpxord %%xmm24, %%xmm24, %%xmm24\n\tvpxord %%xmm25, %%xmm25, %%xmm25\n\t"
      "vpxord %%xmm26, %%xmm26, %%xmm26\n\tvpxord %%xmm27, %%xmm27, %%xmm27\n\t"
      "vpxord %%xmm28, %%xmm28, %%xmm28\n\tvpxord %%xmm29, %%xmm29, %%xmm29\n\t"
      "vpxord %%xmm30, %%xmm30, %%xmm30\n\tvpxord %%xmm31, %%xmm31, %%xmm31"
      :
      :
      : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10",
        "xmm11", "xmm12", "xmm13", "xmm14", "xmm15", "xmm16", "xmm17", "xmm18", "xmm19", "xmm20",
        "xmm21", "xmm22", "xmm23", "xmm24", "xmm25", "xmm26", "xmm27", "xmm28", "xmm29", "xmm30",
        "xmm31");
#else
  __asm__ __volatile__("vzeroall"
                       :
                       :
                       : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8",
                         "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
#endif
}

}  // namespace
}  // namespace secmode::impl::crypto
