// Internal to the EMM (TS 24.301) and 5GMM (TS 24.501) spec-twin codecs: what both do alike with
// the IEs of a plain message once its header is checked. The mandatory LV / LV-E reader, the
// errors and ignored-IE notes of clause 7 (the two protocols number it alike; `clauses` says
// which one a reason quotes), and the optional part of a message table whose rows are either
// decoded into struct fields or kept raw.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "spec/codec/nas_ie.h"

namespace secmode::spec::nas {

// Mandatory IE `ie` of `message` missing at `offset`: the message ends there (clause 7.5.1).
CodecError missing_ie(const char* message, const char* ie, std::size_t offset,
                      const ErrorClauses& clauses);

// A mandatory LV (`extended` false) or LV-E IE at `offset`: on success `contents` holds at most
// `max` octets (the rest is noted in `ignored`, TS 24.007 11.4.2) and `offset` moves past the
// IE. Errors: the message ends before or inside the IE, or the contents are shorter than `min`
// (`clause` names the IE's definition, `clauses.mandatory` the handling).
std::optional<CodecError> read_mandatory_lv(ByteView pdu, std::size_t& offset, bool extended,
                                            std::size_t min, std::size_t max, const char* message,
                                            const char* ie, const char* clause, ByteView& contents,
                                            std::vector<IgnoredIe>& ignored,
                                            const ErrorClauses& clauses);

// Clause 7.7.1: a syntactically incorrect optional IE is treated as not present.
void treat_as_not_present(std::vector<IgnoredIe>& ignored, const FoundIe& ie, const OptionalIe& row,
                          const std::string& why, const ErrorClauses& clauses);
// TS 24.007 11.4.2: octets beyond an IE's defined length are not interpreted.
void beyond_defined_length(std::vector<IgnoredIe>& ignored, std::size_t offset, std::uint8_t iei,
                           const char* ie, std::size_t extra);

// The value a decoder keeps of a found optional IE: the value nibble as one octet for type 1,
// the value or contents otherwise.
Bytes raw_value(const OptionalIe& row, const FoundIe& ie);
// Appends the IE of `row` holding `value` (as raw_value returns it). Throws
// std::invalid_argument, naming `message`, when `value` does not fit the row.
void put_optional_ie(Bytes& out, const OptionalIe& row, ByteView value, const char* message);

// The optional part of a message whose table is `rows`: `fields` are the rows decoded into
// struct fields; every other found row is kept raw. put_rows writes the optional part in table
// order from `values` (field rows) and `raw` (the others); it throws std::invalid_argument when
// a raw key is not a raw row of the table or a value does not fit its row.
RawIes collect_raw(std::span<const OptionalIe> rows, std::span<const std::size_t> fields,
                   const std::vector<std::optional<FoundIe>>& found);
void put_rows(Bytes& out, std::span<const OptionalIe> rows, std::span<const std::size_t> fields,
              std::vector<std::optional<Bytes>> values, const RawIes& raw, const char* message);

}  // namespace secmode::spec::nas
