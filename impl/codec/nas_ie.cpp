#include "impl/codec/nas_ie.h"

namespace secmode::impl::nas::detail {
namespace {

// Octets of the IE at `at` (header included), or 0 when it runs past the end of the PDU.
// `tv_value` is the value size of a TV IE.
std::size_t extent(ByteView pdu, std::size_t at, Format format, std::size_t tv_value) noexcept {
  const std::size_t left = pdu.size() - at;
  std::size_t size = 1;
  if (format == Format::tv) {
    size = 1 + tv_value;
  } else if (format == Format::tlv) {
    if (left < 2) return 0;
    size = 2 + std::size_t{pdu[at + 1]};
  } else if (format == Format::tlv_e) {
    if (left < 3) return 0;
    size = 3 + (std::size_t{pdu[at + 1]} << 8 | pdu[at + 2]);
  }
  return size <= left ? size : 0;
}

constexpr std::size_t header_size(Format format) {
  return format == Format::tlv ? 2 : format == Format::tlv_e ? 3 : 1;
}

// TS 24.301 9.9.1, TS 24.501 9.11.1 and TS 24.007 11.2.4: an IEI unknown in the message is type
// 1 or 2 (one octet) when bit 8 is set; for EPS and 5GS the IEIs 0x70..0x7F are type 6 (two
// length octets); any other is type 4.
constexpr Format unknown_format(std::uint8_t iei) {
  return (iei & 0x80) ? Format::half : (iei & 0xf0) == 0x70 ? Format::tlv_e : Format::tlv;
}

}  // namespace

bool read_lv(ByteView pdu, std::size_t at, std::size_t max, const char* message, const char* ie,
             ByteView& contents, std::size_t& end, Sink& sink, Error& error,
             const Clauses& clauses) noexcept {
  if (pdu.size() <= at) {
    error = {message, ie, at, clauses.missing};
    return false;
  }
  const std::size_t length = pdu[at];
  if (pdu.size() - at - 1 < length) {
    error = {message, ie, at, "truncated: the length runs past the end of the message"};
    return false;
  }
  const std::size_t kept = length < max ? length : max;
  if (kept < length) sink.add(at, 0, ie, kBeyondDefinedLength);
  contents = pdu.subspan(at + 1, kept);
  end = at + 1 + length;
  return true;
}

bool walk(ByteView pdu, std::size_t at, const Table& t, const char* message, std::span<Found> found,
          Sink& sink, Error& error, const Clauses& clauses) noexcept {
  std::uint64_t taken = 0;      // rows handled once already: a later copy is repeated (7.6.3)
  std::size_t in_sequence = 0;  // rows before this one would be out of sequence (7.6.2)
  while (at < pdu.size()) {
    const std::uint8_t iei = pdu[at];
    const int r = t.row_of[iei];
    if (r < 0) {
      // TS 24.007 11.2.4: IEI bits 8..5 = 0000 mean "comprehension required"; clause 7.5.1
      // treats such an unknown IE as a missing mandatory IE, i.e. the message is not decoded.
      if (iei < 0x10) {
        error = {message, "", at, clauses.comprehension_required};
        return false;
      }
      const std::size_t size = extent(pdu, at, unknown_format(iei), 0);
      if (size == 0) {
        error = {message, "", at, "unknown IE runs past the end of the message"};
        return false;
      }
      sink.add(at, iei, "", clauses.unknown);
      at += size;
      continue;
    }
    const Row& row = t.rows[static_cast<std::size_t>(r)];
    const std::size_t size = extent(pdu, at, row.format, row.min);
    if (size == 0) {
      error = {message, row.name, at, "truncated: runs past the end of the message"};
      return false;
    }
    const std::size_t length = size - header_size(row.format);
    const std::uint64_t bit = std::uint64_t{1} << r;
    if (taken & bit) {
      sink.add(at, iei, row.name, clauses.repeated);
    } else if (static_cast<std::size_t>(r) < in_sequence) {
      sink.add(at, iei, row.name, clauses.out_of_sequence);
    } else if (length < row.min) {
      // 7.7.1 treats it as not present, but it did appear first: 7.6.3 ("only the contents of
      // the information element appearing first shall be handled") ignores later copies.
      sink.add(at, iei, row.name, clauses.bad_length);
      taken |= bit;
    } else {
      const std::size_t kept = length < row.max ? length : row.max;
      // TS 24.007 11.4.2: a length above the defined one is not a syntactical error; the
      // octets beyond it are not interpreted.
      if (kept < length)
        sink.add(at, iei, row.name, "octets beyond the defined length ignored (TS 24.007 11.4.2)");
      found[static_cast<std::size_t>(r)] =
          Found{true, at, pdu.subspan(at + header_size(row.format), kept),
                static_cast<std::uint8_t>(iei & 0x0f)};
      taken |= bit;
      in_sequence = static_cast<std::size_t>(r) + 1;
    }
    at += size;
  }
  return true;
}

bool check_emm_octet(std::uint8_t octet, const char* message, Error& error) noexcept {
  if ((octet & 0x0f) != kEmmPd) {
    error = {message, "Protocol discriminator", 0,
             "not EPS mobility management (0111) (TS 24.301 9.2)"};
    return false;
  }
  // Table 9.3.1: 0..5 and 12 are defined, 13..15 read as 12 (NOTE 3), 6..11 are reserved.
  const unsigned type = octet >> 4;
  if (type >= 6 && type <= 11) {
    error = {message, "Security header type", 0, "reserved value (TS 24.301 table 9.3.1)"};
    return false;
  }
  return true;
}

}  // namespace secmode::impl::nas::detail
