// The generic key derivation function of TS 33.220 Annex B.2, used by every key hierarchy
// derivation of TS 33.401 Annex A and TS 33.501 Annex A.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>

#include "spec/crypto/bytes.h"

namespace secmode::spec {

// S = FC || P0 || L0 || P1 || L1 || ... (TS 33.220 B.2.0), each Li the length of Pi in
// octets as a 2-octet big-endian number.
Bytes kdf_input(std::uint8_t fc, std::span<const Bytes> params);

// TS 33.220 B.2.0: derived key = HMAC-SHA-256(Key, S).
Key256 kdf(ByteView key, std::uint8_t fc, std::span<const Bytes> params);
Key256 kdf(ByteView key, std::uint8_t fc, std::initializer_list<Bytes> params);

// A non-negative integer parameter: big-endian in `octets` octets (TS 33.220 B.2.1.3).
Bytes kdf_uint(std::uint64_t value, std::size_t octets);

// A character-string parameter (TS 33.220 B.2.1.2: UTF-8; the strings used here are ASCII).
Bytes kdf_string(std::string_view s);

// The 128 least significant bits (the last 16 octets) of a KDF output, which TS 33.401 A.7,
// TS 33.501 A.4 and A.8 take as a 128-bit key or RES*.
Key128 kdf_low_128(const Key256& k);

}  // namespace secmode::spec
