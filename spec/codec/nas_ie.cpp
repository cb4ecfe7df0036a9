#include "spec/codec/nas_ie.h"

#include <algorithm>

namespace secmode::spec::nas {
namespace {

// Octets the IE at `offset` occupies, or nullopt when its header or value runs past the end.
// `value_length` is the fixed value size of a TV IE and unused otherwise.
std::optional<std::size_t> extent(ByteView pdu, std::size_t offset, IeFormat format,
                                  std::size_t value_length) {
  const std::size_t left = pdu.size() - offset;
  std::size_t size = 1;
  switch (format) {
    case IeFormat::tv_half:
      break;
    case IeFormat::tv:
      size = 1 + value_length;
      break;
    case IeFormat::tlv:
      if (left < 2) return std::nullopt;
      size = 2 + std::size_t{pdu[offset + 1]};
      break;
    case IeFormat::tlv_e:
      if (left < 3) return std::nullopt;
      size = 3 + (std::size_t{pdu[offset + 1]} << 8 | pdu[offset + 2]);
      break;
  }
  if (size > left) return std::nullopt;
  return size;
}

std::size_t header_size(IeFormat format) {
  return format == IeFormat::tlv ? 2 : format == IeFormat::tlv_e ? 3 : 1;
}

std::optional<std::size_t> lookup(std::span<const OptionalIe> table, std::uint8_t octet) {
  for (std::size_t i = 0; i < table.size(); ++i) {
    const bool half = table[i].format == IeFormat::tv_half;
    if (half ? (octet & 0xf0) == table[i].iei : octet == table[i].iei) return i;
  }
  return std::nullopt;
}

// TS 24.301 9.9.1: "If this octet does not correspond to an IEI known in the message, the
// receiver shall determine whether this IE is of type 1 or 2 (i.e. it is an information element
// of one octet length) or an IE of type 4 (i.e. that the next octet is the length indicator
// indicating the length of the remaining of the information element) (see 3GPP TS 24.007)."
// TS 24.007 11.2.4: bit 8 set marks a type 1 or 2 IE; for the EPS and 5GS protocols IEIs
// 0x70..0x7F are type 6 (TLV-E, two length octets); every other IEI is type 4.
IeFormat unknown_format(std::uint8_t iei) {
  if (iei & 0x80) return IeFormat::tv_half;
  if ((iei & 0xf0) == 0x70) return IeFormat::tlv_e;
  return IeFormat::tlv;
}

}  // namespace

std::string hex_octet(std::uint8_t v) {
  static const char* digits = "0123456789abcdef";
  return std::string("0x") + digits[v >> 4] + digits[v & 0xf];
}

std::optional<CodecError> read_non_imperative(ByteView pdu, std::size_t offset,
                                              std::span<const OptionalIe> table,
                                              const char* message,
                                              std::vector<std::optional<FoundIe>>& found,
                                              std::vector<IgnoredIe>& ignored,
                                              const ErrorClauses& clauses) {
  found.assign(table.size(), std::nullopt);
  std::vector<bool> appeared(table.size(), false);  // a row met once already, taken or not (7.6.3)
  std::size_t in_sequence = 0;  // table rows before this one would be out of sequence
  while (offset < pdu.size()) {
    const std::uint8_t iei = pdu[offset];
    const auto row = lookup(table, iei);
    if (!row) {
      // TS 24.007 11.2.4: an IEI with bits 8..5 = 0000 is "comprehension required"; TS 24.301
      // 7.5.1 handles such an unknown IE like a missing mandatory IE.
      if ((iei & 0xf0) == 0)
        return CodecError{message, "", offset,
                          "unknown IE " + hex_octet(iei) +
                              " encoded as comprehension required (TS 24.007 11.2.4, " +
                              clauses.comprehension_required + ")"};
      const auto size = extent(pdu, offset, unknown_format(iei), 0);
      if (!size)
        return CodecError{message, "", offset,
                          "unknown IE " + hex_octet(iei) + " runs past the end of the message"};
      ignored.push_back(
          {offset, iei, "", std::string("unknown IE skipped (") + clauses.unknown + ")"});
      offset += *size;
      continue;
    }
    const OptionalIe& ie = table[*row];
    const auto size = extent(pdu, offset, ie.format, ie.min_length);
    if (!size)
      return CodecError{message, ie.name, offset, "truncated: runs past the end of the message"};
    const std::size_t length = *size - header_size(ie.format);
    if (appeared[*row]) {
      // Clause 7.6.3: only the first occurrence of a repeated IE is handled, even when that one
      // was treated as not present (7.7.1): it still appeared first.
      ignored.push_back(
          {offset, iei, ie.name, std::string("repeated IE ignored (") + clauses.repeated + ")"});
    } else if (*row < in_sequence) {
      // Clause 7.6.2: out of sequence IEs not encoded as comprehension required are ignored.
      ignored.push_back(
          {offset, iei, ie.name,
           std::string("out of sequence IE ignored (") + clauses.out_of_sequence + ")"});
    } else if (length < ie.min_length) {
      // Clause 7.7: a syntactically incorrect optional IE is treated as not present.
      appeared[*row] = true;
      ignored.push_back({offset, iei, ie.name,
                         "bad length " + std::to_string(length) + " (" +
                             std::to_string(ie.min_length) + ".." + std::to_string(ie.max_length) +
                             "): treated as not present (" + clauses.syntactically_incorrect +
                             ")"});
    } else {
      const std::size_t kept = std::min(length, ie.max_length);
      if (kept < length)
        // TS 24.007 11.4.2: a length greater than defined is not a syntactical error; the
        // octets beyond the defined length are not interpreted.
        ignored.push_back({offset, iei, ie.name,
                           std::to_string(length - kept) +
                               " octets beyond the defined length ignored (TS 24.007 11.4.2)"});
      found[*row] = FoundIe{offset, static_cast<std::uint8_t>(iei & 0x0f),
                            pdu.subspan(offset + header_size(ie.format), kept)};
      appeared[*row] = true;
      in_sequence = *row + 1;
    }
    offset += *size;
  }
  return std::nullopt;
}

void put_tlv(Bytes& out, std::uint8_t iei, ByteView contents) {
  out.push_back(iei);
  out.push_back(static_cast<std::uint8_t>(contents.size()));
  out.insert(out.end(), contents.begin(), contents.end());
}

void put_tlv_e(Bytes& out, std::uint8_t iei, ByteView contents) {
  out.push_back(iei);
  out.push_back(static_cast<std::uint8_t>(contents.size() >> 8));
  out.push_back(static_cast<std::uint8_t>(contents.size()));
  out.insert(out.end(), contents.begin(), contents.end());
}

}  // namespace secmode::spec::nas
