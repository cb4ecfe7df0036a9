// Internal to the EMM codec (nas_eps_emm.h): what its message files share. The EPS mobile
// identity and GUTI (TS 24.301 9.9.3.12), the NAS key set identifier nibble (9.9.3.21), the
// mandatory LV and LV-E reader with the table's minimum length, and the known optional rows kept
// raw. Checks used by both directions live here, so an encoder refuses exactly what its decoder
// would not take. The clause 7 walk itself is nas_ie.h's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "impl/codec/nas_eps_emm.h"
#include "impl/codec/nas_ie.h"

namespace secmode::impl::nas::detail {

// Why contents are not the EPS mobile identity a message takes. One diagnosis, two handlings:
// a mandatory IE fails the message (7.5.1), an optional one is treated as not present (7.7.1).
enum class IdentityFault : std::uint8_t {
  none,
  not_guti,       // a GUTI belongs here (Old GUTI, Additional GUTI)
  guti_size,      // a GUTI has 11 octets of contents (figure 9.9.3.12.1)
  plmn_digit,     // MCC or MNC digit not BCD (table 9.9.3.12.1)
  reserved_type,  // type of identity other than IMSI, IMEI, GUTI
  no_end_mark,    // even number of digits without 1111 in bits 8..5 of the last octet
  not_bcd,        // an identity digit above 9
  imsi_digits,    // more than 15 digits (TS 23.003 2.2)
  imei_digits,    // not 15 digits (TS 23.003 6.2.1)
};
// The reasons, with the clause the agreement tests compare: "(syntactically incorrect: TS
// 24.301 7.5.1)" for a mandatory IE, "treated as not present (TS 24.301 7.7.1)" for an optional.
const char* mandatory_reason(IdentityFault f) noexcept;
const char* optional_reason(IdentityFault f) noexcept;

IdentityFault decode_guti(ByteView contents, Guti& out) noexcept;
IdentityFault decode_identity(ByteView contents, EpsMobileIdentity& out) noexcept;
// Encode contracts: a GUTI's digits and MNC length fit; an IMSI or IMEI the decoder would take
// from an LV of 4..11 octets.
bool guti_fits(const Guti& g) noexcept;
bool identity_fits(const EpsMobileIdentity& id) noexcept;
constexpr std::size_t kGutiSize = 11;  // contents octets 3..13 of figure 9.9.3.12.1
std::size_t identity_size(const EpsMobileIdentity& id) noexcept;
void put_guti(Writer& w, const Guti& g) noexcept;  // the 11 contents octets, canonical
void put_identity(Writer& w, const EpsMobileIdentity& id) noexcept;

// What an encoder returns for a value that breaks its contract: nothing written.
inline Encoded refused(const char* why) noexcept { return {0, false, why}; }

// A mandatory LV (or, `extended`, LV-E) IE of an EMM message, its length octet(s) at `at`, its
// contents min..max octets (the table's Length less the length octets): `contents` gets at most
// `max` (the rest goes to the sink, TS 24.007 11.4.2) and `end` is just past the IE. Returns
// false with `error` set when the message ends before the IE (7.5.1) or inside it, or the
// contents are shorter than `min` (`bad_length`, which cites the IE's clause and 7.5.1).
bool read_mandatory(ByteView pdu, std::size_t at, bool extended, std::size_t min, std::size_t max,
                    const char* message, const char* ie, const char* bad_length,
                    ByteView& contents, std::size_t& end, Sink& sink, Error& error) noexcept;

// The rows of `t` decoded into fields, as a mask of row numbers.
template <std::size_t N>
constexpr std::uint64_t field_rows(const std::array<std::size_t, N>& rows) {
  std::uint64_t mask = 0;
  for (const std::size_t r : rows) mask |= std::uint64_t{1} << r;
  return mask;
}

// The rows of `t` the walk found (`found`) that are not `fields`, into `raw` in table order.
void keep_raw(const Table& t, std::uint64_t fields, std::span<const Found> found,
              RawIes& raw) noexcept;
// Why `raw` breaks the RawIes contract for table `t` with `fields`, or nullptr.
const char* raw_ies_fault(const Table& t, std::uint64_t fields, const RawIes& raw,
                          const Clauses& clauses = kTs24301Clauses) noexcept;
// The IE of `row` holding `half` (type 1) or `value` (the others), which fit it.
void put_row(Writer& w, const Row& row, std::uint8_t half, ByteView value) noexcept;
// The IE of raw `row` when `raw` holds it.
void put_raw(Writer& w, const Row& row, const RawIes& raw) noexcept;

}  // namespace secmode::impl::nas::detail
