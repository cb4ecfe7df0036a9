// 5GS NAS message protection (TS 24.501 4.4.3, 4.4.4, 9.1.1, 9.3; TS 33.501 6.4.3, 6.4.4, A.8, D):
// the sender's protection of a 5GMM message and the receiver's MAC check, for the context of
// nas_context.h over 3GPP access; a receiver deciphers with message_cipher(..., kFivegsNas, ...). The
// twin of eps_nas_protection.h: the same crypto under another header and another FC.
#pragma once

#include <cstdint>
#include <span>

#include "impl/codec/nas_5gs.h"
#include "impl/engine/message_security.h"

namespace secmode::impl::engine {

// The protected PDU: EPD 5GMM, header type `type` (1..4 of TS 24.501 table 9.3.1), the NAS-MAC,
// SN = the low octet of `count`, then the 5GMM message ciphered with K_NASenc when the type says so
// (2 and 4). The NAS-MAC covers SN || message (4.4.3.3). Keys come from K_AMF `kamf` and the
// algorithms (TS 33.501 A.8). Returns the size written, or why nothing was.
codec::Encoded protect(std::span<const std::uint8_t, 32> kamf, std::uint8_t nea, std::uint8_t nia, std::uint32_t count,
                       Direction direction, nas5gs::SecurityHeaderType type, ByteView plain_message,
                       std::span<std::uint8_t> out) noexcept;

// Whether the NAS-MAC of a decoded protected message verifies for K_AMF, algorithm `nia` and
// `count`; compared in constant time. NIA0 verifies nothing: only a zero MAC passes (TS 33.501 D.1).
bool mac_verifies(std::span<const std::uint8_t, 32> kamf, std::uint8_t nia, std::uint32_t count, Direction direction,
                  const nas5gs::SecurityProtectedMessage& message, ByteView pdu) noexcept;
// The same with K_NASint from `keys` (message_security.h), for a receiver that checks many.
bool mac_verifies(AlgorithmKeys& keys, std::span<const std::uint8_t, 32> kamf, std::uint8_t nia, std::uint32_t count,
                  Direction direction, const nas5gs::SecurityProtectedMessage& message, ByteView pdu) noexcept;

}  // namespace secmode::impl::engine
