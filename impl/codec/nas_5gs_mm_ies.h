// Internal to the 5GMM codec (nas_5gs_mm.h): what its message files share. The 5GS mobile
// identity (TS 24.501 9.11.3.4), the ngKSI nibble (9.11.3.32), the mandatory LV and LV-E reader
// with the table's minimum length, and the known optional rows kept raw. Checks used by both
// directions live here, so an encoder refuses exactly what its decoder would not take. The
// clause 7 walk is nas_ie.h's; the header check and the PEI checks are nas_5gs_ies.h's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "impl/codec/nas_5gs_mm.h"
#include "impl/codec/nas_ie.h"

namespace secmode::impl::nas5gs::detail {

using nas::detail::Found;
using nas::detail::Sink;
using nas::detail::Table;
using nas::detail::Writer;

// Why contents are not the 5GS mobile identity a row takes. One diagnosis, two handlings: the
// mandatory identity fails the message (7.5.1), the Additional GUTI is treated as not present
// (7.7.1).
enum class IdentityFault : std::uint8_t {
  none,
  no_identity,    // type 000 where at least 4 octets are (figure 9.11.3.4.6, table 8.2.6.1.1)
  nai_missing,    // SUPI format NAI with no NAI octet (figure 9.11.3.4.4)
  suci_size,      // SUPI format IMSI needs octets 4..11 and one scheme output octet (9.11.3.4.3)
  guti_size,      // 11 octets (figure 9.11.3.4.1)
  plmn_digit,     // MCC or MNC digit not BCD
  s_tmsi_size,    // 7 octets (figure 9.11.3.4.5)
  imeisv_size,    // 9 octets (figure 9.11.3.4.2)
  imeisv_value,   // odd/even, end mark or digit not as figure 9.11.3.4.2 has them
  pei_size,       // IMEI 8, MAC address 7, EUI-64 9 octets
  imei_value,     // odd/even or digit not as figure 9.11.3.4.2 has them
  not_guti,       // the Additional GUTI holds another type (8.2.6.13)
};
// "(syntactically incorrect: TS 24.501 7.5.1)" for the mandatory identity, "treated as not
// present (TS 24.501 7.7.1)" for the Additional GUTI: the clauses the agreement tests compare.
const char* mandatory_reason(IdentityFault f) noexcept;
const char* optional_reason(IdentityFault f) noexcept;

// Contents not empty. On success `used` is the octets the type defines (all of them for a SUCI);
// the caller reports the rest as beyond the defined length (TS 24.007 11.4.2).
IdentityFault decode_mobile_identity(ByteView contents, MobileIdentity& out,
                                     std::size_t& used) noexcept;
// Why `id` breaks its contract (nas_5gs_mm.h), or nullptr; then its contents size and octets.
const char* identity_fault(const MobileIdentity& id) noexcept;
std::size_t identity_size(const MobileIdentity& id) noexcept;
void put_identity(Writer& w, const MobileIdentity& id) noexcept;
constexpr std::size_t kGutiSize = 11;

// TS 24.501 9.11.3.32 in a half octet: TSC in bit 4, the identifier in bits 3..1.
inline NasKeySetIdentifier key_set(std::uint8_t nibble) noexcept {
  return {(nibble & 0x08) != 0, static_cast<std::uint8_t>(nibble & 0x07)};
}
inline std::uint8_t nibble(const NasKeySetIdentifier& k) noexcept {
  return static_cast<std::uint8_t>((k.mapped ? 0x08 : 0x00) | k.ksi);
}

// What an encoder returns for a value that breaks its contract: nothing written.
inline Encoded refused(const char* why) noexcept { return {0, false, why}; }

// A mandatory LV (or, `extended`, LV-E) IE of a 5GMM message, its length octet(s) at `at`, its
// contents min..max octets: `contents` gets at most `max` (the rest goes to the sink, TS 24.007
// 11.4.2) and `end` is just past the IE. Returns false with `error` set when the message ends
// before the IE (7.5.1) or inside it, or the contents are shorter than `min` (`bad_length`,
// which cites the IE's clause and 7.5.1).
bool read_mandatory(ByteView pdu, std::size_t at, bool extended, std::size_t min, std::size_t max,
                    const char* message, const char* ie, const char* bad_length,
                    ByteView& contents, std::size_t& end, Sink& sink, Error& error) noexcept;

// An optional ByteView field of a TLV or TLV-E row: its IE when present.
void put_optional(Writer& w, const nas::detail::Row& row,
                  const std::optional<ByteView>& value) noexcept;

}  // namespace secmode::impl::nas5gs::detail
