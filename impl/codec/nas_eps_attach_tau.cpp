// TS 24.301 8.2.4 ATTACH REQUEST and 8.2.29 TRACKING AREA UPDATE REQUEST as plain NAS messages
// (9.1 item 1): one pass over the PDU, views into it, canonical encoders.
#include <array>

#include "impl/codec/nas_eps_emm.h"
#include "impl/codec/nas_eps_emm_ies.h"
#include "impl/codec/nas_eps_ies.h"
#include "impl/codec/nas_ie.h"

namespace secmode::impl::nas {
namespace {

using detail::failed;
using detail::Format;
using detail::Found;
using detail::kTs24301Clauses;
using detail::Row;

constexpr const char* kAttach = "ATTACH REQUEST";
constexpr const char* kTau = "TRACKING AREA UPDATE REQUEST";
constexpr const char* kIdentity = "EPS mobile identity";
constexpr const char* kUeNetworkCapability = "UE network capability";

// Optional rows of table 8.2.4.1 (V17.9.0) in table order. Lengths count value octets: a TV row
// its value, a TLV row its contents (the table's Length less IEI and length octets). Clause
// numbers are of TS 24.301 9.9 unless noted; the rows kept raw are checked for length only.
constexpr std::array<Row, 27> kAttachRows{{
    {0x19, Format::tv, 3, 3, "Old P-TMSI signature"},                   // TV 4, 9.9.3.26
    {0x50, Format::tlv, 11, 11, "Additional GUTI"},                     // TLV 13, 9.9.3.12
    {0x52, Format::tv, 5, 5, "Last visited registered TAI"},            // TV 6, 9.9.3.32
    {0x5c, Format::tv, 2, 2, "DRX parameter"},                          // TV 3, 9.9.3.8
    {0x31, Format::tlv, 2, 8, "MS network capability"},                 // TLV 4-10, 9.9.3.20
    {0x13, Format::tv, 5, 5, "Old location area identification"},     // TV 6, 9.9.2.2
    {0x90, Format::half, 0, 0, "TMSI status"},                          // TV 1, 9.9.3.31
    {0x11, Format::tlv, 3, 3, "Mobile station classmark 2"},            // TLV 5, 9.9.2.4
    {0x20, Format::tlv, 0, 32, "Mobile station classmark 3"},           // TLV 2-34, 9.9.2.5
    {0x40, Format::tlv, 3, 255, "Supported Codecs"},                    // TLV 5-n, 9.9.2.10
    {0xf0, Format::half, 0, 0, "Additional update type"},               // TV 1, 9.9.3.0B
    {0x5d, Format::tlv, 1, 1, "Voice domain preference and UE's usage setting"},  // 9.9.3.44
    {0xd0, Format::half, 0, 0, "Device properties"},                    // TV 1, 9.9.2.0A
    {0xe0, Format::half, 0, 0, "Old GUTI type"},                        // TV 1, 9.9.3.45
    {0xc0, Format::half, 0, 0, "MS network feature support"},           // TV 1, 9.9.3.20A
    {0x10, Format::tlv, 2, 2, "TMSI based NRI container"},              // TLV 4, 9.9.3.24A
    {0x6a, Format::tlv, 1, 1, "T3324 value"},                           // TLV 3, 9.9.3.16A
    {0x5e, Format::tlv, 1, 1, "T3412 extended value"},                  // TLV 3, 9.9.3.16B
    {0x6e, Format::tlv, 1, 1, "Extended DRX parameters"},               // TLV 3, 9.9.3.46
    {0x6f, Format::tlv, 4, 4, "UE additional security capability"},     // TLV 6, 9.9.3.53
    {0x6d, Format::tlv, 1, 1, "UE status"},                             // TLV 3, 9.9.3.54
    {0x17, Format::tv, 1, 1, "Additional information requested"},       // TV 2, 9.9.3.55
    {0x32, Format::tlv, 1, 13, "N1 UE network capability"},             // TLV 3-15, 9.9.3.57
    {0x34, Format::tlv, 1, 1, "UE radio capability ID availability"},   // TLV 3, 9.9.3.58
    {0x35, Format::tlv, 1, 255, "Requested WUS assistance information"},  // TLV 3-n, 9.9.3.62
    {0x36, Format::tlv, 1, 1, "DRX parameter in NB-S1 mode"},           // TLV 3, 9.9.3.63
    {0x38, Format::tlv, 2, 2, "Requested IMSI offset"},                 // TLV 4, 9.9.3.64
}};
enum AttachRow : std::size_t {
  kAAdditionalGuti = 1,
  kAMsNetworkCapability = 4,
  kATmsiStatus = 6,
  kAOldGutiType = 13,
  kAAdditionalSecurityCapability = 19,
};
constexpr std::uint64_t kAttachFields =
    detail::field_rows(std::array<std::size_t, 5>{kAAdditionalGuti, kAMsNetworkCapability,
                                                  kATmsiStatus, kAOldGutiType,
                                                  kAAdditionalSecurityCapability});

// Optional rows of table 8.2.29.1 (V17.9.0). The order is not that of 8.2.4.1: E- comes before
// D-, and the table, not the order of the 8.2.29.x subclauses, decides.
constexpr std::array<Row, 35> kTauRows{{
    {0xb0, Format::half, 0, 0, "Non-current native NAS key set identifier"},  // TV 1, 9.9.3.21
    {0x80, Format::half, 0, 0, "GPRS ciphering key sequence number"},         // TV 1, 9.9.3.4a
    {0x19, Format::tv, 3, 3, "Old P-TMSI signature"},
    {0x50, Format::tlv, 11, 11, "Additional GUTI"},
    {0x55, Format::tv, 4, 4, "NonceUE"},                   // TV 5, 9.9.3.25
    {0x58, Format::tlv, 2, 13, "UE network capability"},   // TLV 4-15, 9.9.3.34
    {0x52, Format::tv, 5, 5, "Last visited registered TAI"},
    {0x5c, Format::tv, 2, 2, "DRX parameter"},
    {0xa0, Format::half, 0, 0, "UE radio capability information update needed"},  // 9.9.3.35
    {0x57, Format::tlv, 2, 2, "EPS bearer context status"},  // TLV 4, 9.9.2.1
    {0x31, Format::tlv, 2, 8, "MS network capability"},
    {0x13, Format::tv, 5, 5, "Old location area identification"},
    {0x90, Format::half, 0, 0, "TMSI status"},
    {0x11, Format::tlv, 3, 3, "Mobile station classmark 2"},
    {0x20, Format::tlv, 0, 32, "Mobile station classmark 3"},
    {0x40, Format::tlv, 3, 255, "Supported Codecs"},
    {0xf0, Format::half, 0, 0, "Additional update type"},
    {0x5d, Format::tlv, 1, 1, "Voice domain preference and UE's usage setting"},
    {0xe0, Format::half, 0, 0, "Old GUTI type"},
    {0xd0, Format::half, 0, 0, "Device properties"},
    {0xc0, Format::half, 0, 0, "MS network feature support"},
    {0x10, Format::tlv, 2, 2, "TMSI based NRI container"},
    {0x6a, Format::tlv, 1, 1, "T3324 value"},
    {0x5e, Format::tlv, 1, 1, "T3412 extended value"},
    {0x6e, Format::tlv, 1, 1, "Extended DRX parameters"},
    {0x6f, Format::tlv, 4, 4, "UE additional security capability"},
    {0x6d, Format::tlv, 1, 1, "UE status"},
    {0x17, Format::tv, 1, 1, "Additional information requested"},
    {0x32, Format::tlv, 1, 13, "N1 UE network capability"},
    {0x34, Format::tlv, 1, 1, "UE radio capability ID availability"},
    {0x35, Format::tlv, 1, 255, "Requested WUS assistance information"},
    {0x36, Format::tlv, 1, 1, "DRX parameter in NB-S1 mode"},
    {0x38, Format::tlv, 2, 2, "Requested IMSI offset"},
    {0x29, Format::tlv, 1, 1, "UE request type"},     // TLV 3, 9.9.3.65
    {0x28, Format::tlv, 1, 3, "Paging restriction"},  // TLV 3-5, 9.9.3.66
}};
enum TauRow : std::size_t {
  kTNonCurrentKsi = 0,
  kTCksn = 1,
  kTAdditionalGuti = 3,
  kTNonceUe = 4,
  kTUeNetworkCapability = 5,
  kTMsNetworkCapability = 10,
  kTTmsiStatus = 12,
  kTOldGutiType = 18,
  kTAdditionalSecurityCapability = 25,
};
constexpr std::uint64_t kTauFields = detail::field_rows(std::array<std::size_t, 9>{
    kTNonCurrentKsi, kTCksn, kTAdditionalGuti, kTNonceUe, kTUeNetworkCapability,
    kTMsNetworkCapability, kTTmsiStatus, kTOldGutiType, kTAdditionalSecurityCapability});

constexpr detail::Table kAttachTable = detail::table(kAttachRows);
constexpr detail::Table kTauTable = detail::table(kTauRows);

// The optional IEs both messages decode into the same fields, from the rows the walk took.
// A syntactically incorrect Additional GUTI is treated as not present (7.7.1), noted after
// whatever the walk stepped over.
template <typename M>
void take_shared(M& m, std::span<const Found> found, std::span<const Row> rows,
                 std::size_t guti, std::size_t ms_cap, std::size_t tmsi, std::size_t guti_type,
                 std::size_t add_sec, detail::Sink& ignored) noexcept {
  if (const Found& f = found[guti]; f.present) {
    Guti g;
    const detail::IdentityFault fault = detail::decode_guti(f.value, g);
    if (fault == detail::IdentityFault::none)
      m.additional_guti = g;
    else
      ignored.add(f.offset, rows[guti].iei, rows[guti].name, detail::optional_reason(fault));
  }
  if (found[ms_cap].present) m.ms_network_capability = found[ms_cap].value;
  // TS 24.008 10.5.5.4 (TMSI status) and 9.9.3.45 (old GUTI type): bits 3..2 spare, bit 1 the
  // flag (bit 4 is spare too).
  if (found[tmsi].present) m.tmsi_status = (found[tmsi].half & 0x01) != 0;
  if (found[guti_type].present) m.old_guti_type_mapped = (found[guti_type].half & 0x01) != 0;
  if (const Found& f = found[add_sec]; f.present)
    m.ue_additional_security_capability = {detail::be16(f.value), detail::be16(f.value.subspan(2))};
}

// The encoder's side of take_shared: the field of `row` when it is one of those, and whether it
// was. Type 1 flags are written as 000x, the canonical spare bits.
template <typename M>
bool put_shared(detail::Writer& w, const Row& row, const M& m) noexcept {
  switch (row.iei) {
    case 0x50:
      if (m.additional_guti) {
        w.put(row.iei);
        w.put(static_cast<std::uint8_t>(detail::kGutiSize));
        detail::put_guti(w, *m.additional_guti);
      }
      return true;
    case 0x31:
      if (m.ms_network_capability) detail::put_row(w, row, 0, *m.ms_network_capability);
      return true;
    case 0x90:
      if (m.tmsi_status) detail::put_row(w, row, *m.tmsi_status ? 1 : 0, {});
      return true;
    case 0xe0:
      if (m.old_guti_type_mapped) detail::put_row(w, row, *m.old_guti_type_mapped ? 1 : 0, {});
      return true;
    case 0x6f:
      if (const auto& c = m.ue_additional_security_capability) {
        w.put(row.iei);
        w.put(4);
        w.put16(c->ea);
        w.put16(c->ia);
      }
      return true;
    default:
      return false;
  }
}

// The contracts of the shared fields.
template <typename M>
const char* shared_fault(const M& m) noexcept {
  if (m.additional_guti && !detail::guti_fits(*m.additional_guti))
    return "Additional GUTI: MCC of 3 and MNC of 2 or 3 decimal digits (TS 24.301 9.9.3.12)";
  if (m.ms_network_capability &&
      (m.ms_network_capability->size() < 2 || m.ms_network_capability->size() > 8))
    return "MS network capability: 2..8 octets (TS 24.301 table 8.2.4.1, TS 24.008 10.5.5.12)";
  return nullptr;
}

bool ue_network_capability_fits(ByteView c) noexcept { return c.size() >= 2 && c.size() <= 13; }

}  // namespace

Decoded<AttachRequest> decode_attach_request(ByteView pdu, std::span<IgnoredIe> sink) noexcept {
  Decoded<AttachRequest> d;
  if (!detail::check_plain_header(pdu, kAttach, detail::kAttachRequest, d.error)) return d;
  AttachRequest& m = d.value;
  // Octet 3, 8.1 b): EPS attach type (9.9.3.11: bit 4 spare, the value in bits 3..1) in bits
  // 4..1 and the NAS key set identifier (9.9.3.21) in bits 8..5.
  if (pdu.size() < 3)
    return detail::missing<AttachRequest>(kAttach, "EPS attach type", 2, kTs24301Clauses);
  m.eps_attach_type = pdu[2] & 0x07;
  m.nas_key_set_identifier = detail::key_set(static_cast<std::uint8_t>(pdu[2] >> 4));
  if (m.eps_attach_type == 7)
    return failed<AttachRequest>(kAttach, "EPS attach type", 2,
                                 "value 111 is reserved (TS 24.301 table 9.9.3.11.1, 7.5.1)");
  detail::Sink ignored(sink);
  ByteView c;
  std::size_t end = 0;
  // EPS mobile identity, LV 5-12: 4..11 octets of contents.
  if (!detail::read_mandatory(pdu, 3, false, 4, 11, kAttach, kIdentity,
                              "bad length (4..11) (TS 24.301 9.9.3.12, TS 24.301 7.5.1)", c, end,
                              ignored, d.error))
    return d;
  if (const auto f = detail::decode_identity(c, m.eps_mobile_identity);
      f != detail::IdentityFault::none)
    return failed<AttachRequest>(kAttach, kIdentity, 3, detail::mandatory_reason(f));
  // UE network capability, LV 3-14: 2..13 octets, every value valid (9.9.3.34).
  if (!detail::read_mandatory(pdu, end, false, 2, 13, kAttach, kUeNetworkCapability,
                              "bad length (2..13) (TS 24.301 9.9.3.34, TS 24.301 7.5.1)", c, end,
                              ignored, d.error))
    return d;
  m.ue_network_capability = c;
  // ESM message container, LV-E 5-n: 3..65535 octets, not looked into beyond presence and
  // length (7.5.2).
  if (!detail::read_mandatory(pdu, end, true, 3, 65535, kAttach, "ESM message container",
                              "bad length (3..65535) (TS 24.301 9.9.3.15, TS 24.301 7.5.1)", c,
                              end, ignored, d.error))
    return d;
  m.esm_message_container = c;

  std::array<Found, kAttachRows.size()> found{};
  if (!detail::walk(pdu, end, kAttachTable, kAttach, found, ignored, d.error)) return d;
  take_shared(m, found, kAttachRows, kAAdditionalGuti, kAMsNetworkCapability, kATmsiStatus,
              kAOldGutiType, kAAdditionalSecurityCapability, ignored);
  detail::keep_raw(kAttachTable, kAttachFields, found, m.other_ies);
  d.ignored = ignored.count();
  return d;
}

Decoded<TrackingAreaUpdateRequest> decode_tracking_area_update_request(
    ByteView pdu, std::span<IgnoredIe> sink) noexcept {
  using T = TrackingAreaUpdateRequest;
  Decoded<T> d;
  if (!detail::check_plain_header(pdu, kTau, detail::kTrackingAreaUpdateRequest, d.error))
    return d;
  T& m = d.value;
  // Octet 3: EPS update type (9.9.3.14: "Active" flag in bit 4, the value in bits 3..1) and the
  // NAS key set identifier in bits 8..5.
  if (pdu.size() < 3) return detail::missing<T>(kTau, "EPS update type", 2, kTs24301Clauses);
  m.eps_update_type = pdu[2] & 0x07;
  m.active_flag = (pdu[2] & 0x08) != 0;
  m.nas_key_set_identifier = detail::key_set(static_cast<std::uint8_t>(pdu[2] >> 4));
  if (m.eps_update_type >= 6)
    return failed<T>(kTau, "EPS update type", 2,
                     "values 110 and 111 are reserved (TS 24.301 table 9.9.3.14.1, 7.5.1)");
  detail::Sink ignored(sink);
  ByteView c;
  std::size_t end = 0;
  // Old GUTI, LV 12: an EPS mobile identity holding a GUTI, 11 octets.
  if (!detail::read_mandatory(pdu, 3, false, 11, 11, kTau, "Old GUTI",
                              "bad length (11) (TS 24.301 9.9.3.12, TS 24.301 7.5.1)", c, end,
                              ignored, d.error))
    return d;
  if (const auto f = detail::decode_guti(c, m.old_guti); f != detail::IdentityFault::none)
    return failed<T>(kTau, "Old GUTI", 3, detail::mandatory_reason(f));

  std::array<Found, kTauRows.size()> found{};
  if (!detail::walk(pdu, end, kTauTable, kTau, found, ignored, d.error)) return d;
  if (found[kTNonCurrentKsi].present)
    m.non_current_native_nas_key_set_identifier = detail::key_set(found[kTNonCurrentKsi].half);
  // TS 24.008 10.5.1.2: bit 4 spare, the key sequence in bits 3..1.
  if (found[kTCksn].present)
    m.gprs_ciphering_key_sequence_number = static_cast<std::uint8_t>(found[kTCksn].half & 0x07);
  if (found[kTNonceUe].present) m.nonce_ue = detail::be32(found[kTNonceUe].value);
  if (found[kTUeNetworkCapability].present)
    m.ue_network_capability = found[kTUeNetworkCapability].value;
  take_shared(m, found, kTauRows, kTAdditionalGuti, kTMsNetworkCapability, kTTmsiStatus,
              kTOldGutiType, kTAdditionalSecurityCapability, ignored);
  detail::keep_raw(kTauTable, kTauFields, found, m.other_ies);
  d.ignored = ignored.count();
  return d;
}

Encoded encode(const AttachRequest& m, std::span<std::uint8_t> out) noexcept {
  if (m.eps_attach_type > 6)
    return detail::refused("EPS attach type: 0..6, 7 is reserved (TS 24.301 9.9.3.11)");
  if (m.nas_key_set_identifier.ksi > 7)
    return detail::refused("NAS key set identifier: 3 bits (TS 24.301 9.9.3.21)");
  if (!detail::identity_fits(m.eps_mobile_identity))
    return detail::refused(
        "EPS mobile identity: an IMSI of 6..15 digits, an IMEI of 15, or a GUTI with a 3-digit "
        "MCC and a 2- or 3-digit MNC (TS 24.301 9.9.3.12)");
  if (!ue_network_capability_fits(m.ue_network_capability))
    return detail::refused("UE network capability: 2..13 octets (TS 24.301 9.9.3.34)");
  const std::size_t esm = m.esm_message_container.size();
  if (esm < 3 || esm > 65535)
    return detail::refused("ESM message container: 3..65535 octets (TS 24.301 table 8.2.4.1)");
  if (const char* fault = shared_fault(m)) return detail::refused(fault);
  if (const char* fault = detail::raw_ies_fault(kAttachTable, kAttachFields, m.other_ies))
    return detail::refused(fault);
  detail::Writer w(out);
  w.put(detail::kEmmPd);  // security header type 0: plain
  w.put(detail::kAttachRequest);
  w.put(static_cast<std::uint8_t>(detail::nibble(m.nas_key_set_identifier) << 4 |
                                  m.eps_attach_type));
  w.put(static_cast<std::uint8_t>(detail::identity_size(m.eps_mobile_identity)));
  detail::put_identity(w, m.eps_mobile_identity);
  w.put(static_cast<std::uint8_t>(m.ue_network_capability.size()));
  w.put(m.ue_network_capability);
  w.put16(static_cast<std::uint16_t>(esm));
  w.put(m.esm_message_container);
  for (const Row& row : kAttachRows)
    if (!put_shared(w, row, m)) detail::put_raw(w, row, m.other_ies);
  return w.done();
}

Encoded encode(const TrackingAreaUpdateRequest& m, std::span<std::uint8_t> out) noexcept {
  if (m.eps_update_type > 5)
    return detail::refused("EPS update type: 0..5, 6 and 7 are reserved (TS 24.301 9.9.3.14)");
  if (m.nas_key_set_identifier.ksi > 7 ||
      (m.non_current_native_nas_key_set_identifier &&
       m.non_current_native_nas_key_set_identifier->ksi > 7))
    return detail::refused("NAS key set identifier: 3 bits (TS 24.301 9.9.3.21)");
  if (m.gprs_ciphering_key_sequence_number && *m.gprs_ciphering_key_sequence_number > 7)
    return detail::refused("GPRS ciphering key sequence number: 3 bits (TS 24.008 10.5.1.2)");
  if (!detail::guti_fits(m.old_guti))
    return detail::refused("Old GUTI: MCC of 3 and MNC of 2 or 3 decimal digits (TS 24.301 "
                           "9.9.3.12)");
  if (m.ue_network_capability && !ue_network_capability_fits(*m.ue_network_capability))
    return detail::refused("UE network capability: 2..13 octets (TS 24.301 9.9.3.34)");
  if (const char* fault = shared_fault(m)) return detail::refused(fault);
  if (const char* fault = detail::raw_ies_fault(kTauTable, kTauFields, m.other_ies))
    return detail::refused(fault);
  detail::Writer w(out);
  w.put(detail::kEmmPd);
  w.put(detail::kTrackingAreaUpdateRequest);
  w.put(static_cast<std::uint8_t>(detail::nibble(m.nas_key_set_identifier) << 4 |
                                  (m.active_flag ? 0x08 : 0x00) | m.eps_update_type));
  w.put(static_cast<std::uint8_t>(detail::kGutiSize));
  detail::put_guti(w, m.old_guti);
  for (std::size_t r = 0; r < kTauRows.size(); ++r) {
    const Row& row = kTauRows[r];
    if (put_shared(w, row, m)) continue;
    switch (r) {
      case kTNonCurrentKsi:
        if (const auto& k = m.non_current_native_nas_key_set_identifier)
          detail::put_row(w, row, detail::nibble(*k), {});
        break;
      case kTCksn:
        if (m.gprs_ciphering_key_sequence_number)
          detail::put_row(w, row, *m.gprs_ciphering_key_sequence_number, {});
        break;
      case kTNonceUe:
        if (m.nonce_ue) {
          w.put(row.iei);
          w.put32(*m.nonce_ue);
        }
        break;
      case kTUeNetworkCapability:
        if (m.ue_network_capability) detail::put_row(w, row, 0, *m.ue_network_capability);
        break;
      default:
        detail::put_raw(w, row, m.other_ies);
    }
  }
  return w.done();
}

}  // namespace secmode::impl::nas
