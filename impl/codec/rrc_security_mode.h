// Zero-copy codec for the RRC security mode messages as whole DCCH PDUs in unaligned PER (ITU-T
// X.691, UNALIGNED): NR (TS 38.331) DL-DCCH SecurityModeCommand and UL-DCCH SecurityModeComplete
// / SecurityModeFailure, and their LTE (TS 36.331) equivalents. The fast twin of
// spec/codec/rrc_security_mode.h, written apart from it so that the differential tests compare
// two independent readings of the same ASN.1; the productions are quoted in
// rrc_security_mode_nr.cpp and rrc_security_mode_lte.cpp next to the code that reads them.
//
// Decoders take one whole PDU, never allocate, never throw, never read outside it. Errors carry
// static strings: the message ("DL-DCCH-Message"), the ASN.1 path of the field at fault (the spec
// twin's path, e.g. "securityModeCommand.criticalExtensions") and its BIT offset from the first
// bit of the PDU (X.691 11.1: bit 0 is the most significant bit of octet 0). Only canonical UPER
// is accepted (see rrc_uper.h). Extension additions of SecurityConfigSMC and (NR)
// SecurityAlgorithmConfig are stepped over (X.691 19.9) and reported as IgnoredIe.
//
// Encoders write canonical UPER, zero-padded to a whole octet (X.691 11.1), with no extension
// additions, into a caller buffer.
//
// The result types are those of the zero-copy NAS codecs (impl/codec/result.h), read the RRC
// way: Error::offset counts BITS from the first bit of the PDU, and an alternative this codec
// does not decode is named in Error::reason ("c1 alternative rrcReconfiguration is not decoded
// here": one static string per alternative). The ignored-addition record is RRC's own (below).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <variant>

#include "impl/codec/result.h"

namespace secmode::impl::rrc {

using codec::ByteView;
using codec::Decoded;  // `ignored` counts extension additions stepped over
using codec::Encoded;
using codec::Error;

// An extension addition stepped over as a receiver that does not know it (X.691 19.9). Not
// codec::IgnoredIe: an addition has a number, not an IEI (and a bit-map may number past 255).
// The spec twin names it "<ie> extension addition <addition>"; here the number is a field, so
// that the name stays a static string.
struct IgnoredIe {
  std::size_t offset = 0;    // bit offset of its open type (X.691 11.2): the length determinant
  std::size_t addition = 0;  // 1 = the first extension addition of `ie`
  const char* ie = "";       // the extensible SEQUENCE, e.g. "...securityConfigSMC"
  const char* reason = "";
};

// An OCTET STRING of a decoded PDU. In UPER its octets start wherever the field before them
// ended (X.691 17.8: no alignment in the UNALIGNED variant), so in general they are NOT octet
// aligned in the buffer and cannot be a span of it. Rejected alternative: copying them into the
// value, which would need storage of the decoder's own. So this is a view of `size()` octets that
// start at bit `bit_offset()` of the PDU: read them one by one with operator[], copy them out
// with copy(), or take them as a plain span with aligned() when they do happen to be aligned.
// It lives as long as the PDU. Built from a ByteView, it is an ordinary aligned view (for
// encoding). Equality compares the octets, not where they lie.
class OctetString {
 public:
  constexpr OctetString() = default;
  constexpr explicit OctetString(ByteView octets) noexcept
      : data_(octets.data()), size_(octets.size()) {}
  // `size` octets starting at bit `bit_offset` of `pdu`, which must hold them all.
  OctetString(ByteView pdu, std::size_t bit_offset, std::size_t size) noexcept
      : data_(pdu.data() + bit_offset / 8),
        size_(size),
        bit_offset_(bit_offset),
        shift_(static_cast<unsigned>(bit_offset % 8)) {}

  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  // From the first bit of the decoded PDU (0 for a string built from a ByteView).
  std::size_t bit_offset() const noexcept { return bit_offset_; }
  // Octet i < size(). With a shift, its last bits are in the next buffer octet, which exists
  // because the whole string lies inside the PDU.
  std::uint8_t operator[](std::size_t i) const noexcept {
    if (shift_ == 0) return data_[i];
    return static_cast<std::uint8_t>((data_[i] << shift_) | (data_[i + 1] >> (8 - shift_)));
  }
  // Copies the first min(size(), out.size()) octets into `out`; returns how many.
  std::size_t copy(std::span<std::uint8_t> out) const noexcept;
  // The octets as a span of the PDU when they start on an octet boundary, else nullopt.
  std::optional<ByteView> aligned() const noexcept {
    if (shift_ != 0) return std::nullopt;
    return ByteView(data_, size_);
  }
  bool operator==(const OctetString& other) const noexcept;

 private:
  const std::uint8_t* data_ = nullptr;  // the octet holding the first bit
  std::size_t size_ = 0;
  std::size_t bit_offset_ = 0;
  unsigned shift_ = 0;  // bit_offset_ % 8
};

namespace nr {

// TS 38.331 CipheringAlgorithm and IntegrityProtAlgorithm: the root values in order (X.691 14
// encodes the index). Spares are decoded as they are; their meaning is not the codec's.
enum class CipheringAlgorithm : std::uint8_t {
  nea0,
  nea1,
  nea2,
  nea3,
  spare4,
  spare3,
  spare2,
  spare1
};
enum class IntegrityProtAlgorithm : std::uint8_t {
  nia0,
  nia1,
  nia2,
  nia3,
  spare4,
  spare3,
  spare2,
  spare1
};

// TS 38.331 SecurityAlgorithmConfig; integrityProtAlgorithm is OPTIONAL, Need R.
struct SecurityAlgorithmConfig {
  CipheringAlgorithm ciphering = CipheringAlgorithm::nea0;
  std::optional<IntegrityProtAlgorithm> integrity;
  bool operator==(const SecurityAlgorithmConfig&) const = default;
};

// Encode contract (all messages): transaction_id 0..3, algorithms among their 8 root values,
// lateNonCriticalExtension below 16384 octets (the fragmented length is not written).
struct SecurityModeCommand {
  std::uint8_t transaction_id = 0;  // RRC-TransactionIdentifier
  SecurityAlgorithmConfig algorithms;
  std::optional<OctetString> late_non_critical_extension;
  bool non_critical_extension = false;  // SEQUENCE {} OPTIONAL: present or not
  bool operator==(const SecurityModeCommand&) const = default;
};

// SecurityModeComplete-IEs and SecurityModeFailure-IEs have the same two OPTIONAL fields.
struct SecurityModeComplete {
  std::uint8_t transaction_id = 0;
  std::optional<OctetString> late_non_critical_extension;
  bool non_critical_extension = false;
  bool operator==(const SecurityModeComplete&) const = default;
};
struct SecurityModeFailure {
  std::uint8_t transaction_id = 0;
  std::optional<OctetString> late_non_critical_extension;
  bool non_critical_extension = false;
  bool operator==(const SecurityModeFailure&) const = default;
};
using UlSecurityModeMessage = std::variant<SecurityModeComplete, SecurityModeFailure>;

// A DL-DCCH-Message carrying c1.securityModeCommand.
Decoded<SecurityModeCommand> decode_dl_dcch(ByteView pdu, std::span<IgnoredIe> sink = {}) noexcept;
// An UL-DCCH-Message carrying c1.securityModeComplete or c1.securityModeFailure. Nothing is ever
// stepped over: neither message has an extensible SEQUENCE, so `ignored` is always 0.
Decoded<UlSecurityModeMessage> decode_ul_dcch(ByteView pdu) noexcept;

Encoded encode(const SecurityModeCommand& m, std::span<std::uint8_t> out) noexcept;   // DL-DCCH
Encoded encode(const SecurityModeComplete& m, std::span<std::uint8_t> out) noexcept;  // UL-DCCH
Encoded encode(const SecurityModeFailure& m, std::span<std::uint8_t> out) noexcept;
Encoded encode(const UlSecurityModeMessage& m, std::span<std::uint8_t> out) noexcept;

}  // namespace nr

namespace lte {

// TS 36.331 CipheringAlgorithm-r12 and the ENUMERATED of SecurityAlgorithmConfig's
// integrityProtAlgorithm (both mandatory in LTE).
enum class CipheringAlgorithm : std::uint8_t {
  eea0,
  eea1,
  eea2,
  eea3_v1130,
  spare4,
  spare3,
  spare2,
  spare1
};
enum class IntegrityProtAlgorithm : std::uint8_t {
  eia0_v920,
  eia1,
  eia2,
  eia3_v1130,
  spare4,
  spare3,
  spare2,
  spare1
};

struct SecurityAlgorithmConfig {
  CipheringAlgorithm ciphering = CipheringAlgorithm::eea0;
  IntegrityProtAlgorithm integrity = IntegrityProtAlgorithm::eia0_v920;
  bool operator==(const SecurityAlgorithmConfig&) const = default;
};

// SecurityModeCommand-v8a0-IEs, SecurityModeComplete-v8a0-IEs and SecurityModeFailure-v8a0-IEs
// are the same SEQUENCE.
struct NonCriticalExtensionV8a0 {
  std::optional<OctetString> late_non_critical_extension;  // OCTET STRING OPTIONAL
  bool non_critical_extension = false;                     // SEQUENCE {} OPTIONAL
  bool operator==(const NonCriticalExtensionV8a0&) const = default;
};

// Encode contract as for NR.
struct SecurityModeCommand {  // criticalExtensions c1.securityModeCommand-r8
  std::uint8_t transaction_id = 0;
  SecurityAlgorithmConfig algorithms;
  std::optional<NonCriticalExtensionV8a0> non_critical_extension;
  bool operator==(const SecurityModeCommand&) const = default;
};
struct SecurityModeComplete {  // criticalExtensions securityModeComplete-r8
  std::uint8_t transaction_id = 0;
  std::optional<NonCriticalExtensionV8a0> non_critical_extension;
  bool operator==(const SecurityModeComplete&) const = default;
};
struct SecurityModeFailure {  // criticalExtensions securityModeFailure-r8
  std::uint8_t transaction_id = 0;
  std::optional<NonCriticalExtensionV8a0> non_critical_extension;
  bool operator==(const SecurityModeFailure&) const = default;
};
using UlSecurityModeMessage = std::variant<SecurityModeComplete, SecurityModeFailure>;

Decoded<SecurityModeCommand> decode_dl_dcch(ByteView pdu, std::span<IgnoredIe> sink = {}) noexcept;
Decoded<UlSecurityModeMessage> decode_ul_dcch(ByteView pdu) noexcept;  // ignored: always 0

Encoded encode(const SecurityModeCommand& m, std::span<std::uint8_t> out) noexcept;
Encoded encode(const SecurityModeComplete& m, std::span<std::uint8_t> out) noexcept;
Encoded encode(const SecurityModeFailure& m, std::span<std::uint8_t> out) noexcept;
Encoded encode(const UlSecurityModeMessage& m, std::span<std::uint8_t> out) noexcept;

}  // namespace lte

}  // namespace secmode::impl::rrc
