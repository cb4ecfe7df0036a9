// The fast 128-EEA/EIA algorithms by identity (TS 33.401 5.1.3.2, 5.1.4.2; the same functions
// are 128-NEA/NIA, TS 33.501 Annex D): the twin of spec/crypto/eea_eia.h, and the one place an
// algorithm identity picks its kernel. By identity, the key object is made per call, at
// active_tier(); a caller that holds a key across messages keeps an EeaEiaKey.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <variant>

#include "impl/crypto/count_inputs.h"
#include "impl/crypto/eea1_eia1.h"
#include "impl/crypto/eea2_eia2.h"
#include "impl/crypto/eea3_eia3.h"

namespace secmode::impl::crypto {

// A KEY prepared once for algorithm `alg` (1: SNOW 3G, 2: AES, 3: ZUC; 0 and others hold nothing),
// for a caller that ciphers or checks many messages under it. Wiped when dropped (by the
// algorithm's key object).
class EeaEiaKey {
 public:
  EeaEiaKey(std::uint8_t alg, std::span<const std::uint8_t, 16> key) noexcept;
  EeaEiaKey(const EeaEiaKey&) = delete;
  EeaEiaKey& operator=(const EeaEiaKey&) = delete;
  std::uint8_t alg() const noexcept { return alg_; }

 private:
  friend const char* eea(const EeaEiaKey&, const CountInputs&, std::span<const std::uint8_t>, std::size_t,
                         std::span<std::uint8_t>) noexcept;
  friend const char* eia(const EeaEiaKey&, const CountInputs&, std::span<const std::uint8_t>, std::size_t,
                         std::span<std::uint8_t, 4>) noexcept;
  std::uint8_t alg_;
  std::variant<std::monostate, Eea1Eia1Key, Eea2Eia2Key, Eea3Eia3Key> key_;
};

// As eea / eia below, with the key prepared beforehand (the algorithm is the key's).
const char* eea(const EeaEiaKey& key, const CountInputs& in, std::span<const std::uint8_t> data, std::size_t bits,
                std::span<std::uint8_t> out) noexcept;
const char* eia(const EeaEiaKey& key, const CountInputs& in, std::span<const std::uint8_t> message, std::size_t bits,
                std::span<std::uint8_t, 4> mac) noexcept;

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
