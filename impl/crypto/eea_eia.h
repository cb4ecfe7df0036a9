// The fast 128-EEA/EIA algorithms by identity (TS 33.401 5.1.3.2, 5.1.4.2; the same functions
// are 128-NEA/NIA, TS 33.501 Annex D): the twin of spec/crypto/eea_eia.h, and the one place an
// algorithm identity picks its kernel. The key object is made per call, at active_tier(): for
// callers that hold a key across messages, the per-algorithm headers (eea1_eia1.h, ...) keep it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "impl/crypto/count_inputs.h"

namespace secmode::impl::crypto {

// Ciphers (or deciphers) the first `bits` bits of `data` into bytes_for(bits) octets of `out`,
// trailing unused bits cleared; algorithm 0 (EEA0) copies. Returns nullptr, or why the arguments
// break the contract of count_inputs.h (or the identity is not 0..3), writing nothing then.
const char* eea(std::uint8_t alg, std::span<const std::uint8_t, 16> key, const CountInputs& in,
                std::span<const std::uint8_t> data, std::size_t bits, std::span<std::uint8_t> out) noexcept;

// The 32-bit MAC of the first `bits` bits of `message`; algorithm 0 (EIA0) gives 32 zero bits.
// Same error contract; on error `mac` is not written.
const char* eia(std::uint8_t alg, std::span<const std::uint8_t, 16> key, const CountInputs& in,
                std::span<const std::uint8_t> message, std::size_t bits, std::span<std::uint8_t, 4> mac) noexcept;

}  // namespace secmode::impl::crypto
