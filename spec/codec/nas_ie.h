// The information element formats of TS 24.007 11.2 as TS 24.301 and TS 24.501 use them, and the
// walk over the non-imperative part of a message (the T, TV, TLV and TLV-E IEs after V and LV).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "spec/codec/codec_error.h"
#include "spec/crypto/bytes.h"

namespace secmode::spec::nas {

// TS 24.007 11.2.1.1: type 1 (TV, IEI in bits 8..5, value in bits 4..1), type 3 (TV, fixed
// value length), type 4 (TLV, one length octet), type 6 (TLV-E, two length octets).
enum class IeFormat { tv_half, tv, tlv, tlv_e };

// One row of the optional part of a message table in TS 24.301 clause 8. Lengths count value
// octets only: the fixed value of a TV IE, the contents range of a TLV or TLV-E IE (the table's
// "Length" column minus the IEI and length octets).
struct OptionalIe {
  std::uint8_t iei;  // tv_half: the IEI nibble in bits 8..5, e.g. 0xC0 for "C-"
  IeFormat format;
  std::size_t min_length;
  std::size_t max_length;
  const char* name;
};

// Where a protocol's clause 7 ("Handling of unknown, unforeseen, and erroneous protocol data")
// says what a receiver does with each case the walk meets; quoted in the reasons it reports.
// TS 24.301 and TS 24.501 number these clauses alike.
struct ErrorClauses {
  const char* comprehension_required;   // unknown IE encoded as comprehension required
  const char* unknown;                  // IEI unknown in the message: skipped
  const char* out_of_sequence;          // out of sequence IE: ignored
  const char* repeated;                 // repeated IE: only the first is handled
  const char* syntactically_incorrect;  // optional IE of a bad length: treated as not present
  const char* mandatory;                // mandatory IE missing or of a bad length: an error
};

inline constexpr ErrorClauses kTs24301Clauses{"TS 24.301 7.5.1", "TS 24.301 7.6.1",
                                              "TS 24.301 7.6.2", "TS 24.301 7.6.3",
                                              "TS 24.301 7.7.1", "TS 24.301 7.5.1"};

// Known optional IEs not decoded into fields: IEI -> value. Type 1 (TV, half octet) rows are
// keyed by their IEI nibble (0xD0 for "D-") and hold one octet, the value in bits 4..1; type 3
// rows hold the fixed value; type 4 and 6 rows hold the contents. Contract: every key is such a
// row of the message's table and every value fits the row's length.
using RawIes = std::map<std::uint8_t, Bytes>;

struct FoundIe {
  std::size_t offset;  // of the IEI octet
  std::uint8_t half;   // tv_half: bits 4..1 of the IEI octet
  ByteView value;      // tv: the value; tlv, tlv_e: the contents, cut to max_length
};

// Walks pdu[offset..] as the non-imperative part of `message` whose known optional IEs are
// `table` (in table order). On return found[i] holds table[i] when it was present and taken.
// Every IE stepped over is appended to `ignored` with its reason. Returns an error when an IE
// runs past the end of the message or an unknown IE is "comprehension required". `clauses` names
// the protocol whose clause 7 the reasons cite (TS 24.301 unless told otherwise).
std::optional<CodecError> read_non_imperative(ByteView pdu, std::size_t offset,
                                              std::span<const OptionalIe> table,
                                              const char* message,
                                              std::vector<std::optional<FoundIe>>& found,
                                              std::vector<IgnoredIe>& ignored,
                                              const ErrorClauses& clauses = kTs24301Clauses);

// Append a type 4 (TLV) or type 6 (TLV-E) IE. Contract: contents fit the length field (255 or
// 65535 octets); the encoders check this before calling.
void put_tlv(Bytes& out, std::uint8_t iei, ByteView contents);
void put_tlv_e(Bytes& out, std::uint8_t iei, ByteView contents);

std::string hex_octet(std::uint8_t v);  // "0x5d"

}  // namespace secmode::spec::nas
