// Zero-copy codec for the 5GS NAS security mode messages of TS 24.501 (V17.9.0 tables): the
// security protected 5GS NAS message (8.2.28, 9.1.1, 9.3) and SECURITY MODE COMMAND, COMPLETE and
// REJECT (8.2.25-8.2.27) with every IE of their tables. The fast twin of spec/codec/nas_5gs.h,
// written apart from it so that the differential tests compare two independent readings.
//
// Decoders take one whole PDU, never allocate, never throw, never read outside it, and report
// offsets from its first octet. Decoded values are views into that PDU: they live as long as it.
// Encoders write the canonical form (IEs in table order, spare bits zero) into a caller buffer.
// Values the tables leave unassigned but that fit their field (a 4-bit algorithm identity 8..15,
// an IMEISV request value other than 000 and 001, any 5GMM cause) are decoded and encoded as they
// are: what a receiver does with them is the procedure's business (clause 5), not the codec's.
//
// The result types are those of impl/codec/result.h; IgnoredIe reasons cite TS 24.501 clause 7,
// which numbers its cases as TS 24.301 does.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <variant>

#include "impl/codec/nas_eps.h"  // nas::NasSecurityAlgorithms
#include "impl/codec/result.h"

namespace secmode::impl::nas5gs {

using codec::ByteView;
using codec::Decoded;
using codec::Encoded;
using codec::Error;
using codec::IgnoredIe;

// TS 24.007 11.2.3.1.1A (EPD) and TS 24.501 9.2: octet 1 of every 5GMM message, and of every
// security protected 5GS NAS message.
constexpr std::uint8_t kFiveGmmEpd = 0x7e;

// TS 24.501 table 9.3.1, bits 4..1 of octet 2. "All other values are reserved."
enum class SecurityHeaderType : std::uint8_t {
  plain = 0,
  integrity_protected = 1,
  integrity_protected_ciphered = 2,
  integrity_protected_new_context = 3,           // SECURITY MODE COMMAND only (NOTE 1)
  integrity_protected_ciphered_new_context = 4,  // SECURITY MODE COMPLETE only (NOTE 2)
};

// TS 24.501 table 8.2.28.1.1. Encode contract: type 1..4; plain_nas_message has at least 2
// octets and, with type 1 or 3, is not itself a security protected 5GS NAS message (9.9).
struct SecurityProtectedMessage {
  SecurityHeaderType type = SecurityHeaderType::integrity_protected;
  std::array<std::uint8_t, 4> mac{};
  std::uint8_t sequence_number = 0;
  // 3-n octets, or 2 for a TS 38.509 test mode control message (table NOTE); ciphered when
  // `type` says so.
  ByteView plain_nas_message;
};

// TS 24.501 9.11.3.34: 5G-EA and 5G-IA identities, 4 bits each.
struct NasSecurityAlgorithms {
  std::uint8_t ciphering = 0;
  std::uint8_t integrity = 0;
};

// TS 24.501 9.11.3.32: TSC (false: native, true: mapped) and the 3-bit ngKSI, 0..6 network to UE.
struct NasKeySetIdentifier {
  bool mapped = false;
  std::uint8_t ksi = 0;
};

// TS 24.501 9.11.3.12, octet 3: RINMR (bit 2) and HDP (bit 1).
struct Additional5gSecurityInformation {
  bool retransmission_of_initial_nas_message_requested = false;  // RINMR
  bool horizontal_derivation_required = false;                   // HDP
};

// TS 24.501 table 8.2.25.1.1.
struct SecurityModeCommand {
  NasSecurityAlgorithms selected_nas_security_algorithms;
  NasKeySetIdentifier ngksi;
  // TS 24.501 9.11.3.54 octets 3..: 5G-EA, 5G-IA[, EEA, EIA[, spare octets 7, 8[, 9, 10]]]
  // bitmaps, so 2, 4, 6 or 8 octets. The spare octets are kept: an AMF replays them as received.
  ByteView replayed_ue_security_capabilities;
  std::optional<std::uint8_t> imeisv_request;  // E-, 9.11.3.28 -> TS 24.008 10.5.5.10: 3 bits
  // 57, 9.11.3.25 -> TS 24.301 9.9.3.23: 3-bit EEA and EIA identities.
  std::optional<nas::NasSecurityAlgorithms> selected_eps_nas_security_algorithms;
  std::optional<Additional5gSecurityInformation> additional_5g_security_information;  // 36
  std::optional<ByteView> eap_message;  // 78, 9.11.2.2: 4..1500 octets
  std::optional<ByteView> abba;         // 38, 9.11.3.10: 2..255 octets
  // 19, 9.11.3.48A -> TS 24.301 9.9.3.36 octets 3..: 2, 4 or 5 octets.
  std::optional<ByteView> replayed_s1_ue_security_capabilities;
};

// The PEIs a 5GS mobile identity (9.11.3.4) carries other than the IMEISV, as views into the PDU.
struct Imei {
  // Figure 9.11.3.4.2, octets 4..11: digit 1, odd/even = odd, type 011, then 14 BCD digits.
  // imei_digits() spells them out. The encoder checks them as the decoder does.
  std::span<const std::uint8_t, 8> identity;
};
struct MacAddress {
  std::span<const std::uint8_t, 6> address;          // figure 9.11.3.4.7, octets 5..10
  bool not_usable_as_equipment_identifier = false;  // MAURI, octet 4 bit 4
};
struct Eui64 {
  std::span<const std::uint8_t, 8> value;  // figure 9.11.3.4.8, octets 5..12
};
using NonImeisvPei = std::variant<Imei, MacAddress, Eui64>;

// TS 24.501 table 8.2.26.1.1.
struct SecurityModeComplete {
  // 77: the 9 octets of a 5GS mobile identity holding an IMEISV (figure 9.11.3.4.2: digit 1,
  // even, type 101, then BCD digits and the end mark 1111); imeisv_digits() spells them out.
  std::optional<std::span<const std::uint8_t, 9>> imeisv;
  std::optional<ByteView> nas_message_container;  // 71, 9.11.3.33: 1..65535 octets
  std::optional<NonImeisvPei> non_imeisv_pei;     // 78, 5GS mobile identity
};

// TS 24.501 table 8.2.27.1.1; 5GMM cause 9.11.3.2, kept as received.
struct SecurityModeReject {
  std::uint8_t cause = 0;
};

using SecurityModeMessage =
    std::variant<SecurityModeCommand, SecurityModeComplete, SecurityModeReject>;

// Octets 1 and 2 of any 5GMM message: the EPD must be 5GMM and the security header type not
// reserved (the spare half octet, bits 8..5 of octet 2, is not interpreted).
Decoded<SecurityHeaderType> decode_security_header_type(ByteView pdu) noexcept;
// Errors: EPD not 5GMM, security header type plain or reserved, fewer than 9 octets, a readable
// (type 1 or 3) plain 5GS NAS message that is itself security protected (9.9).
Decoded<SecurityProtectedMessage> decode_security_protected(ByteView pdu) noexcept;
// Plain 5GS NAS messages (security header type 0), e.g. the plain_nas_message of an integrity
// protected PDU.
Decoded<SecurityModeCommand> decode_security_mode_command(ByteView pdu,
                                                          std::span<IgnoredIe> sink = {}) noexcept;
Decoded<SecurityModeComplete> decode_security_mode_complete(
    ByteView pdu, std::span<IgnoredIe> sink = {}) noexcept;
Decoded<SecurityModeReject> decode_security_mode_reject(ByteView pdu,
                                                        std::span<IgnoredIe> sink = {}) noexcept;
// Dispatches on the message type, octet 3 (TS 24.501 table 9.7.1: 0x5d, 0x5e, 0x5f).
Decoded<SecurityModeMessage> decode_security_mode_message(ByteView pdu,
                                                          std::span<IgnoredIe> sink = {}) noexcept;

// The digits of a decoded (hence checked) identity, as '0'..'9', no terminator.
void imeisv_digits(std::span<const std::uint8_t, 9> imeisv, std::span<char, 16> out) noexcept;
void imei_digits(std::span<const std::uint8_t, 8> imei, std::span<char, 15> out) noexcept;

// Encode contracts: 4-bit and 3-bit fields fit; ngKSI not 7 (reserved network to UE); the UE
// security capability octets as in 9.11.3.54 and the S1 ones as in TS 24.301 9.9.3.36 (above);
// EAP message, ABBA and container sizes as noted; an IMEISV or IMEI the decoder would take.
Encoded encode(const SecurityProtectedMessage& m, std::span<std::uint8_t> out) noexcept;
Encoded encode(const SecurityModeCommand& m, std::span<std::uint8_t> out) noexcept;
Encoded encode(const SecurityModeComplete& m, std::span<std::uint8_t> out) noexcept;
Encoded encode(const SecurityModeReject& m, std::span<std::uint8_t> out) noexcept;
Encoded encode(const SecurityModeMessage& m, std::span<std::uint8_t> out) noexcept;

}  // namespace secmode::impl::nas5gs
