// Internal to the RRC codec (rrc_security_mode_nr.cpp, _lte.cpp): a bit reader and a bit writer
// over the caller's buffer for the parts of unaligned PER (ITU-T X.691, UNALIGNED) that the
// security mode messages use, and the DCCH pieces NR and LTE share. Nothing here allocates or
// throws. Bit 0 is the most significant bit of octet 0 (X.691 11.1); offsets count bits.
//
// Only the canonical encoding is read: a length or normally small number in a longer form than
// X.691 allows is an error, so that a PDU decoded with nothing stepped over re-encodes to the
// same bits. Whole numbers of at most 32 bits; lengths below 16384 (X.691 11.9.3.8 fragments
// longer ones; a DCCH PDU is at most a 9000-octet PDCP SDU, TS 38.323 / TS 36.323 4.3.1).
//
// Where an error lies is part of the contract the differential tests check against the spec
// twin: a field read as one run of bits (a whole number, a length's 7 or 14 bits) fails at the
// run's first bit; a bit-map (SEQUENCE preamble, extension addition bit-map) fails at its first
// missing bit, which is the end of the PDU; a rule about a whole field (a non-canonical length,
// an extension value) at the field's first bit.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "impl/codec/rrc_security_mode.h"

namespace secmode::impl::rrc::uper {

// The fewest bits that hold 0..range-1 (X.691 11.5.7.1); 0 for a range of 1.
constexpr unsigned bits_for_range(std::uint32_t range) noexcept {
  unsigned n = 0;
  while (n < 32 && (std::uint64_t{1} << n) < range) ++n;
  return n;
}

// X.691 23 (CHOICE) and 14 (ENUMERATED): a root index, or (extension) an extension index.
struct Index {
  std::uint32_t index = 0;
  bool extension = false;
};

// Fills the caller's sink as far as it goes and counts every addition.
class Sink {
 public:
  explicit Sink(std::span<IgnoredIe> slots) noexcept : slots_(slots) {}
  void add(const IgnoredIe& i) noexcept {
    if (count_ < slots_.size()) slots_[count_] = i;
    ++count_;
  }
  std::size_t count() const noexcept { return count_; }

 private:
  std::span<IgnoredIe> slots_;
  std::size_t count_ = 0;
};

// Reads fields in order. A read returns nullopt (false), and records the failure (the first one
// only), when the field runs past the end of the PDU or is not canonical; once failed, every
// read fails, so a decoder may chain reads and look once.
class Reader {
 public:
  Reader(ByteView pdu, const char* message) noexcept : pdu_(pdu), message_(message) {}

  std::size_t offset() const noexcept { return pos_; }
  std::size_t size_bits() const noexcept { return 8 * pdu_.size(); }
  ByteView pdu() const noexcept { return pdu_; }
  bool failed() const noexcept { return error_.message != nullptr; }
  const Error& error() const noexcept { return error_; }
  // Records a failure (the first only); returns false so callers can `return r.fail(...)`.
  bool fail(std::size_t offset, const char* ie, const char* reason) noexcept;

  // n <= 32 bits as one run.
  std::optional<std::uint32_t> bits(const char* ie, unsigned n) noexcept;
  // n <= 32 bits read as a bit-map: when short, fails at the end of the PDU.
  std::optional<std::uint32_t> bitmap(const char* ie, unsigned n) noexcept;
  // X.691 11.5.7.1 (13.2.2 for a constrained INTEGER): the index in bits_for_range(range) bits.
  std::optional<std::uint32_t> whole_number(const char* ie, std::uint32_t range) noexcept;
  // X.691 11.6: 0 and 6 bits below 64, else 1 and a semi-constrained whole number (11.7) of
  // 1..4 octets with no leading zero octet and a value of at least 64.
  std::optional<std::uint32_t> normally_small(const char* ie) noexcept;
  // X.691 11.9.3.6-11.9.3.7, unaligned: 0 and 7 bits below 128, 10 and 14 bits for 128..16383.
  std::optional<std::size_t> length(const char* ie) noexcept;
  // X.691 11.9.3.4: 0 and n-1 in 6 bits for n <= 64, else 1 and n as a length determinant.
  std::optional<std::size_t> normally_small_length(const char* ie) noexcept;
  // n octets from here, as a view; fails at their first bit when the PDU has fewer.
  std::optional<OctetString> octets(const char* ie, std::size_t n) noexcept;
  // X.691 23.6-23.8 and 14.2-14.3 (read alike): [extension bit], then the root index as a whole
  // number, or with the extension bit set, the extension index as a normally small number.
  std::optional<Index> choice(const char* ie, std::uint32_t root, bool extensible) noexcept;
  // X.691 19.7-19.9, after the root components of a SEQUENCE whose extension bit was set: the
  // bit-map's normally small length n-1 (11.9.3.4), the bit-map, and one open type (11.2: length
  // and octets) per present addition, stepped over and added to `sink`. An all-zero bit-map is
  // not canonical (19.7: the extension bit says at least one addition is there).
  bool skip_extension_additions(const char* ie, Sink& sink) noexcept;
  // X.691 11.1 for the outermost value: fewer than 8 bits left, all zero.
  bool end_of_pdu() noexcept;

 private:
  bool need(const char* ie, std::size_t n) noexcept;

  ByteView pdu_;
  const char* message_;
  std::size_t pos_ = 0;
  Error error_{};
};

// Writes bits into the caller's buffer while they fit and counts them all, so that one pass
// gives both the PDU and, when the buffer is too small, the size to retry with.
class Writer {
 public:
  explicit Writer(std::span<std::uint8_t> out) noexcept : out_(out) {}
  void put(std::uint32_t value, unsigned n) noexcept;  // n <= 32, most significant bit first
  void bit(bool b) noexcept { put(b ? 1u : 0u, 1); }
  // X.691 11.9.3.6-11.9.3.7; the caller has checked n < 16384.
  void length(std::size_t n) noexcept;
  void octets(const OctetString& s) noexcept;
  // X.691 11.1: the PDU padded with zero bits to a whole octet.
  Encoded done() const noexcept;

 private:
  std::span<std::uint8_t> out_;
  std::size_t pos_ = 0;  // bits
};

// ---- the DCCH pieces NR and LTE share -------------------------------------------------------

inline constexpr const char* kDl = "DL-DCCH-Message";
inline constexpr const char* kUl = "UL-DCCH-Message";

// Per alternative of a 16-way CHOICE, the reason of the error when it is found: "c1 alternative
// rrcReconfiguration is not decoded here". One static string each, so that the error names it.
using Reasons = std::array<const char*, 16>;
#define SECMODE_RRC_C1(name) "c1 alternative " name " is not decoded here"
#define SECMODE_RRC_C2(name) "messageClassExtension c2 alternative " name " is not decoded here"

// DL-/UL-DCCH-Message ::= SEQUENCE { message ...-MessageType }: no `...`, no OPTIONAL, so no
// preamble (X.691 19); the PDU starts with the MessageType CHOICE { c1 CHOICE {16},
// messageClassExtension }, where UL's messageClassExtension is CHOICE { c2 CHOICE {16},
// messageClassExtensionFuture SEQUENCE {} } and DL's is SEQUENCE {}. No CHOICE here has `...`:
// one bit, then four (X.691 23.6, 11.5.7.1). Returns the c1 index when it is `wanted_a` or
// `wanted_b`; otherwise fails with the reason that names the alternative found. `c2` is null for
// DL; `future` is the reason for UL's messageClassExtensionFuture.
std::optional<std::uint32_t> read_message_type(Reader& r, const Reasons& c1, const Reasons* c2,
                                               const char* future, std::uint32_t wanted_a,
                                               std::uint32_t wanted_b) noexcept;

// RRC-TransactionIdentifier ::= INTEGER (0..3): two bits (X.691 13.2.2).
std::optional<std::uint8_t> read_transaction_id(Reader& r, const char* ie) noexcept;

// criticalExtensions CHOICE { <ies>, criticalExtensionsFuture SEQUENCE {} }: one bit; true for
// the first alternative, else fails with `future` ("criticalExtensionsFuture of ... is not
// decoded here").
bool read_critical_extensions(Reader& r, const char* ie, const char* future) noexcept;

// The algorithm ENUMERATEDs: 8 root values and `...` (X.691 14.2-14.3). No extension value is
// defined, so one found here is an error rather than a guess. Returns the root index.
std::optional<std::uint8_t> read_algorithm(Reader& r, const char* ie) noexcept;

// OCTET STRING with no size constraint: a length determinant and the octets (X.691 17.8).
std::optional<OctetString> read_octet_string(Reader& r, const char* ie) noexcept;

// How every message here starts when written: c1, alternative `c1_index`, the transaction
// identifier, and the first criticalExtensions alternative.
void write_message_start(Writer& w, std::uint32_t c1_index, std::uint8_t transaction_id) noexcept;

// The encode contracts, checked before anything is written: the rule broken, or nullptr.
const char* check_transaction_id(std::uint8_t transaction_id) noexcept;
const char* check_algorithm(std::uint8_t index) noexcept;
const char* check_octet_string(const std::optional<OctetString>& s) noexcept;

// Every decoder ends alike: the padding, then the value or the first failure.
template <typename T>
Decoded<T> finish(Reader& r, const T& value, const Sink* sink) noexcept {
  if (!r.failed()) r.end_of_pdu();
  if (r.failed()) return {{}, r.error(), 0};
  return {value, {}, sink ? sink->count() : 0};
}

}  // namespace secmode::impl::rrc::uper
