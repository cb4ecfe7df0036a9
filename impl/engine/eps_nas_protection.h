// EPS NAS message protection (TS 24.301 4.4.3, 4.4.4, 9.1; TS 33.401 8.1.1, 8.2, Annex A.7, B):
// the sender's protection of a NAS message and the receiver's MAC check, for the context of
// nas_context.h; a receiver deciphers with message_cipher(..., kEpsNas, ...). The engines build on
// this; nothing here allocates, throws, or branches on a key or a MAC.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "impl/codec/nas_eps.h"
#include "impl/engine/message_security.h"

namespace secmode::impl::engine {

// The protected PDU: header type `type` (1..4 of TS 24.301 table 9.3.1), SN = the low octet of
// `count`, the NAS message ciphered with K_NASenc when the type says so (2 and 4), and the NAS-MAC
// over SN || message (9.1, 4.4.3.3) with K_NASint, BEARER 0 (TS 33.401 8.1.1, 8.2). Keys come from
// `kasme` and the algorithms (A.7). Returns the size written, or why nothing was (an unusable
// argument or a short buffer).
codec::Encoded protect(std::span<const std::uint8_t, 32> kasme, std::uint8_t eea, std::uint8_t eia, std::uint32_t count,
                       Direction direction, nas::SecurityHeaderType type, ByteView plain_message,
                       std::span<std::uint8_t> out) noexcept;

// Whether the NAS-MAC of a decoded protected message verifies for K_ASME, algorithm `eia` and
// `count` (4.4.3.3); compared in constant time. EIA0 verifies nothing: its MAC is all zeros
// (TS 33.401 5.1.4.1, B.2), so only a zero MAC passes.
bool mac_verifies(std::span<const std::uint8_t, 32> kasme, std::uint8_t eia, std::uint32_t count, Direction direction,
                  const nas::SecurityProtectedMessage& message, ByteView pdu) noexcept;
// The same with K_NASint from `keys` (message_security.h), for a receiver that checks many.
bool mac_verifies(AlgorithmKeys& keys, std::span<const std::uint8_t, 32> kasme, std::uint8_t eia, std::uint32_t count,
                  Direction direction, const nas::SecurityProtectedMessage& message, ByteView pdu) noexcept;

}  // namespace secmode::impl::engine
