// The pieces of the unaligned PER (ITU-T X.691, UNALIGNED variant) that the RRC security mode
// messages of TS 38.331 and TS 36.331 need, as a bit reader and a bit writer. Bit 0 of a PDU is
// the most significant bit of its first octet (X.691 11.1); offsets are in bits from there.
//
// Not a general PER codec: no alignment (UPER has none), whole numbers of at most 32 bits, and
// lengths below 16384 (X.691 11.9: longer ones are fragmented; no DCCH PDU is that long, since
// PDCP SDUs are at most 9000 octets, TS 38.323 4.3.1 / TS 36.323 4.3.1).
//
// Only the canonical encoding is read: a length or normally small number written in a longer
// form than X.691 allows ("shall") is an error, so that whatever decodes with nothing skipped
// re-encodes to the same bits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "spec/crypto/bytes.h"

namespace secmode::spec::rrc {

// Where a read failed: the first bit of the field at fault, its ASN.1 path, what is wrong.
struct UperFailure {
  std::size_t offset;
  std::string ie;
  std::string reason;
};

// X.691 23 (CHOICE) and 14 (ENUMERATED): an index in the root, or (extension == true) an index
// among the extension alternatives or values.
struct UperIndex {
  std::uint32_t index;
  bool extension;
};

// X.691 19.1-19.3: the extension bit, if the type has `...`, and the presence bit-map of its
// OPTIONAL root components, in their order.
struct UperPreamble {
  bool extension;
  std::vector<bool> present;
};

// An extension addition stepped over (X.691 19.9): its number (1 = first addition) and the bit
// offset of its open type (X.691 11.2).
struct UperSkipped {
  std::size_t addition;
  std::size_t offset;
};

// Reads fields in order. Each read returns nullopt, and records the failure (the first one only),
// when the field runs past the end of the PDU or is not canonical; once failed, every read fails.
class UperReader {
 public:
  explicit UperReader(ByteView pdu) : pdu_(pdu) {}

  std::size_t offset() const { return pos_; }
  const std::optional<UperFailure>& failure() const { return failure_; }
  // Records a failure found by the caller (e.g. an alternative it does not decode).
  void fail(std::size_t offset, const std::string& ie, const std::string& reason);

  std::optional<std::uint32_t> bits(const std::string& ie, unsigned n);  // n <= 32
  // X.691 11.5.7.1 (13.2.2 for INTEGER (lb..ub)): n - lb in the fewest bits that hold range - 1;
  // no bits at all for a range of 1. A value >= range is an error.
  std::optional<std::uint32_t> whole_number(const std::string& ie, std::uint32_t range);
  // X.691 11.6: 0 and 6 bits below 64, else 1 and a semi-constrained whole number (11.7).
  std::optional<std::uint32_t> normally_small(const std::string& ie);
  // X.691 11.9.3.6-11.9.3.7 without alignment: 0 and 7 bits below 128, 10 and 14 bits below
  // 16384. The fragmented form (11.9.3.8) is an error here.
  std::optional<std::size_t> length(const std::string& ie);
  // X.691 11.9.3.4: 0 and n-1 in 6 bits for n <= 64, else 1 and n as a length determinant.
  std::optional<std::size_t> normally_small_length(const std::string& ie);
  std::optional<Bytes> octets(const std::string& ie, std::size_t n);

  // X.691 23.6-23.8: [extension bit] then the root index in whole_number(root), or, with the
  // extension bit set, the extension index as a normally small number.
  std::optional<UperIndex> choice(const std::string& ie, std::uint32_t root, bool extensible);
  // X.691 14.2-14.3: the same scheme for the enumeration index.
  std::optional<UperIndex> enumerated(const std::string& ie, std::uint32_t root, bool extensible);
  // X.691 19.1-19.3. An empty SEQUENCE {} (no `...`, no OPTIONAL) takes no bits at all.
  std::optional<UperPreamble> preamble(const std::string& ie, bool extensible,
                                       std::size_t optionals);
  // X.691 19.7-19.9, read after the root components when the extension bit was set: the
  // normally small length of the addition bit-map, the bit-map, and one open type (11.2: length
  // and octets) per present addition, which is stepped over as a receiver that knows none of
  // the additions does. A set extension bit with an all-zero bit-map is not canonical (19.7).
  std::optional<std::vector<UperSkipped>> skip_extension_additions(const std::string& ie);

  // X.691 11.1 for the outermost value: what is left must be fewer than 8 bits, all zero.
  bool end_of_pdu(const std::string& message);

 private:
  bool need(const std::string& ie, std::size_t n);

  ByteView pdu_;
  std::size_t pos_ = 0;
  std::optional<UperFailure> failure_;
};

// Writes fields in order; the mirror of UperReader. Throws std::invalid_argument for a value
// that the field cannot hold.
class UperWriter {
 public:
  void bits(std::uint32_t value, unsigned n);
  void bit(bool b) { bits(b ? 1 : 0, 1); }
  void whole_number(std::uint32_t value, std::uint32_t range, const char* ie);
  void normally_small(std::uint32_t value);
  void length(std::size_t n, const char* ie);
  void octets(const Bytes& b);
  void choice(std::uint32_t index, std::uint32_t root, bool extensible, const char* ie);
  void enumerated(std::uint32_t index, std::uint32_t root, bool extensible, const char* ie);
  void preamble(bool extensible, const std::vector<bool>& present);
  // X.691 11.1: pads with zero bits to a whole octet.
  Bytes finish() &&;

 private:
  Bytes out_;
  std::size_t pos_ = 0;
};

}  // namespace secmode::spec::rrc
