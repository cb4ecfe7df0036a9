#include "spec/codec/nas_message_ies.h"

#include <algorithm>
#include <stdexcept>

namespace secmode::spec::nas {

CodecError missing_ie(const char* message, const char* ie, std::size_t offset,
                      const ErrorClauses& clauses) {
  return {message, ie, offset,
          std::string("missing: the message ends here (") + clauses.mandatory + ")"};
}

std::optional<CodecError> read_mandatory_lv(ByteView pdu, std::size_t& offset, bool extended,
                                            std::size_t min, std::size_t max, const char* message,
                                            const char* ie, const char* clause, ByteView& contents,
                                            std::vector<IgnoredIe>& ignored,
                                            const ErrorClauses& clauses) {
  const std::size_t header = extended ? 2 : 1;
  if (pdu.size() <= offset) return missing_ie(message, ie, offset, clauses);
  if (pdu.size() < offset + header)
    return CodecError{message, ie, offset, "truncated: the length field needs 2 octets"};
  const std::size_t length =
      extended ? (std::size_t{pdu[offset]} << 8 | pdu[offset + 1]) : std::size_t{pdu[offset]};
  const std::size_t left = pdu.size() - offset - header;
  if (left < length)
    return CodecError{message, ie, offset,
                      "truncated: length " + std::to_string(length) + " but " +
                          std::to_string(left) + " octets follow"};
  if (length < min)
    return CodecError{message, ie, offset,
                      "bad length " + std::to_string(length) + " (" + std::to_string(min) + ".." +
                          std::to_string(max) + ") (" + clause + ", " + clauses.mandatory + ")"};
  const std::size_t kept = std::min(length, max);
  if (kept < length) beyond_defined_length(ignored, offset, 0, ie, length - kept);
  contents = pdu.subspan(offset + header, kept);
  offset += header + length;
  return std::nullopt;
}

void treat_as_not_present(std::vector<IgnoredIe>& ignored, const FoundIe& ie, const OptionalIe& row,
                          const std::string& why, const ErrorClauses& clauses) {
  ignored.push_back({ie.offset, row.iei, row.name,
                     why + "; treated as not present (" + clauses.syntactically_incorrect + ")"});
}

void beyond_defined_length(std::vector<IgnoredIe>& ignored, std::size_t offset, std::uint8_t iei,
                           const char* ie, std::size_t extra) {
  ignored.push_back(
      {offset, iei, ie,
       std::to_string(extra) + " octets beyond the defined length ignored (TS 24.007 11.4.2)"});
}

Bytes raw_value(const OptionalIe& row, const FoundIe& ie) {
  if (row.format == IeFormat::tv_half) return Bytes{ie.half};
  return Bytes(ie.value.begin(), ie.value.end());
}

void put_optional_ie(Bytes& out, const OptionalIe& row, ByteView value, const char* message) {
  const bool fits = row.format == IeFormat::tv_half
                        ? value.size() == 1 && value[0] <= 0x0f
                        : value.size() >= row.min_length && value.size() <= row.max_length;
  if (!fits)
    throw std::invalid_argument(std::string(message) + ": IE '" + row.name + "' (" +
                                hex_octet(row.iei) + ") cannot hold " +
                                std::to_string(value.size()) + " octets");
  switch (row.format) {
    case IeFormat::tv_half:
      out.push_back(static_cast<std::uint8_t>(row.iei | value[0]));
      break;
    case IeFormat::tv:
      out.push_back(row.iei);
      out.insert(out.end(), value.begin(), value.end());
      break;
    case IeFormat::tlv:
      put_tlv(out, row.iei, value);
      break;
    case IeFormat::tlv_e:
      put_tlv_e(out, row.iei, value);
      break;
  }
}

namespace {

bool is_field(std::span<const std::size_t> fields, std::size_t row) {
  return std::find(fields.begin(), fields.end(), row) != fields.end();
}

}  // namespace

RawIes collect_raw(std::span<const OptionalIe> rows, std::span<const std::size_t> fields,
                   const std::vector<std::optional<FoundIe>>& found) {
  RawIes raw;
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (found[i] && !is_field(fields, i)) raw[rows[i].iei] = raw_value(rows[i], *found[i]);
  return raw;
}

void put_rows(Bytes& out, std::span<const OptionalIe> rows, std::span<const std::size_t> fields,
              std::vector<std::optional<Bytes>> values, const RawIes& raw, const char* message) {
  for (const auto& [iei, value] : raw) {
    const auto at = std::find_if(rows.begin(), rows.end(),
                                 [iei = iei](const OptionalIe& r) { return r.iei == iei; });
    const auto row = static_cast<std::size_t>(at - rows.begin());
    if (at == rows.end() || is_field(fields, row))
      throw std::invalid_argument(std::string(message) + ": other_ies key " + hex_octet(iei) +
                                  " is not a raw row of the message table");
    values[row] = value;
  }
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (values[i]) put_optional_ie(out, rows[i], *values[i], message);
}

}  // namespace secmode::spec::nas
