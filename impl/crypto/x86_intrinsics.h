// <immintrin.h> for the kernels built with x86 extensions (impl/CMakeLists.txt). GCC 12's 512-bit
// intrinsics start from _mm512_undefined_epi32(), a self-initialised variable that its own
// -Wuninitialized then reports inside the header (GCC bug 105593): silenced for the header only.
#pragma once

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#if !defined(__clang__)  // a GCC-only warning group
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>
#pragma GCC diagnostic pop
