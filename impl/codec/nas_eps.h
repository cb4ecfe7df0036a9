// Zero-copy codec for the EPS NAS security mode messages of TS 24.301 (V17.9.0 tables): the
// security protected NAS message header (8.2.23, 9.1, 9.3.1) and SECURITY MODE COMMAND,
// COMPLETE and REJECT (8.2.20-8.2.22). The fast twin of spec/codec/nas_eps.h, written apart from
// it so that the differential tests compare two independent readings of the same clauses.
//
// Decoders take one whole PDU, never allocate, never throw, never read outside it, and report
// offsets from its first octet. Decoded values are views into that PDU: they live as long as it.
// Encoders write the canonical form (IEs in table order, spare bits zero) into a caller buffer.
//
// The other EMM messages (ATTACH, TAU, AUTHENTICATION, SERVICE REQUEST) and the entries that
// tell every EMM PDU apart are in nas_eps_emm.h.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <variant>

#include "impl/codec/result.h"

namespace secmode::impl::nas {

// The result types are those of impl/codec/result.h; IgnoredIe reasons cite TS 24.301 clause 7.
using codec::ByteView;
using codec::Decoded;
using codec::Encoded;
using codec::Error;
using codec::IgnoredIe;

// TS 24.301 table 9.3.1 (13..15 decode as 12, NOTE 3).
enum class SecurityHeaderType : std::uint8_t {
  plain = 0,
  integrity_protected = 1,
  integrity_protected_ciphered = 2,
  integrity_protected_new_context = 3,
  integrity_protected_ciphered_new_context = 4,
  integrity_protected_partially_ciphered = 5,
  service_request = 12,
};

// TS 24.301 8.2.23. Encode contract: type 1..5, nas_message not empty.
struct SecurityProtectedMessage {
  SecurityHeaderType type = SecurityHeaderType::integrity_protected;
  std::array<std::uint8_t, 4> mac{};
  std::uint8_t sequence_number = 0;
  ByteView nas_message;  // plain (9.7), or ciphered when `type` says so
};

// TS 24.301 9.9.3.23, 3 bits each.
struct NasSecurityAlgorithms {
  std::uint8_t ciphering = 0;
  std::uint8_t integrity = 0;
};

// TS 24.301 9.9.3.21; ksi 0..6 (7 is reserved network to UE).
struct NasKeySetIdentifier {
  bool mapped = false;
  std::uint8_t ksi = 0;
};

// TS 24.301 9.9.3.53: 5G-EA0..15 and 5G-IA0..15, the top bit of each word = algorithm 0.
struct UeAdditionalSecurityCapability {
  std::uint16_t ea = 0;
  std::uint16_t ia = 0;
};

// TS 24.301 table 8.2.20.1.
struct SecurityModeCommand {
  NasSecurityAlgorithms selected_nas_security_algorithms;
  NasKeySetIdentifier nas_key_set_identifier;
  // TS 24.301 9.9.3.36 octets 3..: EEA, EIA[, UEA, UIA[, GEA]] bitmaps, so 2, 4 or 5 octets.
  ByteView replayed_ue_security_capabilities;
  std::optional<std::uint8_t> imeisv_request;                // C-, TS 24.008 10.5.5.10: 3 bits
  std::optional<std::uint32_t> replayed_nonce_ue;            // 55, 9.9.3.25
  std::optional<std::uint32_t> nonce_mme;                    // 56, 9.9.3.25
  std::optional<std::span<const std::uint8_t, 8>> hash_mme;  // 4F, 9.9.3.50
  std::optional<UeAdditionalSecurityCapability> replayed_ue_additional_security_capability;  // 6F
  std::optional<bool> ue_radio_capability_id_request;  // 37, 9.9.3.59 URCIDR
};

// TS 24.301 table 8.2.21.1.
struct SecurityModeComplete {
  // 23: the 9 octets of a mobile identity holding an IMEISV (TS 24.008 10.5.1.4), BCD digits;
  // imeisv_digits() spells them out. The encoder checks them as the decoder does.
  std::optional<std::span<const std::uint8_t, 9>> imeisv;
  std::optional<ByteView> replayed_nas_message_container;  // 79, 9.9.3.51: 0..65535 octets
  std::optional<ByteView> ue_radio_capability_id;          // 66, 9.9.3.60: 1..255 octets
};

// TS 24.301 table 8.2.22.1.
struct SecurityModeReject {
  std::uint8_t emm_cause = 0;
};

using SecurityModeMessage =
    std::variant<SecurityModeCommand, SecurityModeComplete, SecurityModeReject>;

Decoded<SecurityProtectedMessage> decode_security_protected(ByteView pdu) noexcept;
// Plain NAS messages (security header type 0).
Decoded<SecurityModeCommand> decode_security_mode_command(ByteView pdu,
                                                          std::span<IgnoredIe> sink = {}) noexcept;
Decoded<SecurityModeComplete> decode_security_mode_complete(
    ByteView pdu, std::span<IgnoredIe> sink = {}) noexcept;
Decoded<SecurityModeReject> decode_security_mode_reject(ByteView pdu,
                                                        std::span<IgnoredIe> sink = {}) noexcept;
// Dispatches on the message type octet (TS 24.301 table 9.8.1: 0x5d, 0x5e, 0x5f).
Decoded<SecurityModeMessage> decode_security_mode_message(ByteView pdu,
                                                          std::span<IgnoredIe> sink = {}) noexcept;

// The 16 IMEISV digits of a decoded (hence checked) IMEISV, as '0'..'9', no terminator.
void imeisv_digits(std::span<const std::uint8_t, 9> imeisv, std::span<char, 16> out) noexcept;

Encoded encode(const SecurityProtectedMessage& m, std::span<std::uint8_t> out) noexcept;
Encoded encode(const SecurityModeCommand& m, std::span<std::uint8_t> out) noexcept;
Encoded encode(const SecurityModeComplete& m, std::span<std::uint8_t> out) noexcept;
Encoded encode(const SecurityModeReject& m, std::span<std::uint8_t> out) noexcept;
Encoded encode(const SecurityModeMessage& m, std::span<std::uint8_t> out) noexcept;

}  // namespace secmode::impl::nas
