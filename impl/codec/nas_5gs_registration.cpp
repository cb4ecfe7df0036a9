// TS 24.501 8.2.6 REGISTRATION REQUEST as a plain 5GS NAS message (9.1.1 item 1): one pass over
// the PDU, views into it, a canonical encoder.
#include <array>

#include "impl/codec/nas_5gs_ies.h"
#include "impl/codec/nas_5gs_mm.h"
#include "impl/codec/nas_5gs_mm_ies.h"
#include "impl/codec/nas_eps_emm_ies.h"  // nas::detail::field_rows, put_row
#include "impl/codec/nas_ie.h"

namespace secmode::impl::nas5gs {
namespace {

using nas::detail::failed;
using nas::detail::Format;
using nas::detail::Found;
using nas::detail::kTs24501Clauses;
using nas::detail::Row;

constexpr const char* kRequest = "REGISTRATION REQUEST";
constexpr const char* kIdentity = "5GS mobile identity";

// Optional rows of table 8.2.6.1.1 (V17.9.0) in table order. Lengths count value octets: a TV
// row its value, a TLV or TLV-E row its contents (the Length column less IEI and length octets).
// Clauses are of TS 24.501 9.11 unless noted; the rows kept raw are checked for length only.
constexpr std::array<Row, 39> kRows{{
    {0xc0, Format::half, 0, 0, "Non-current native NAS key set identifier"},  // TV 1, 3.32
    {0x10, Format::tlv, 1, 13, "5GMM capability"},                           // TLV 3-15, 3.1
    {0x2e, Format::tlv, 2, 8, "UE security capability"},                     // TLV 4-10, 3.54
    {0x2f, Format::tlv, 2, 72, "Requested NSSAI"},                           // TLV 4-74, 3.37
    {0x52, Format::tv, 6, 6, "Last visited registered TAI"},                 // TV 7, 3.8
    {0x17, Format::tlv, 2, 13, "S1 UE network capability"},                  // TLV 4-15, 3.48
    {0x40, Format::tlv, 2, 32, "Uplink data status"},                        // TLV 4-34, 3.57
    {0x50, Format::tlv, 2, 32, "PDU session status"},                        // TLV 4-34, 3.44
    {0xb0, Format::half, 0, 0, "MICO indication"},                           // TV 1, 3.31
    {0x2b, Format::tlv, 1, 1, "UE status"},                                  // TLV 3, 3.56
    {0x77, Format::tlv_e, 11, 11, "Additional GUTI"},                        // TLV-E 14, 3.4
    {0x25, Format::tlv, 2, 32, "Allowed PDU session status"},                // TLV 4-34, 3.13
    {0x18, Format::tlv, 1, 1, "UE's usage setting"},                         // TLV 3, 3.55
    {0x51, Format::tlv, 1, 1, "Requested DRX parameters"},                   // TLV 3, 3.2A
    {0x70, Format::tlv_e, 1, 65535, "EPS NAS message container"},            // TLV-E 4-n, 3.24
    {0x74, Format::tlv_e, 0, 808, "LADN indication"},                        // TLV-E 3-811, 3.29
    {0x80, Format::half, 0, 0, "Payload container type"},                    // TV 1, 3.40
    {0x7b, Format::tlv_e, 1, 65535, "Payload container"},                    // TLV-E 4-65538, 3.39
    {0x90, Format::half, 0, 0, "Network slicing indication"},                // TV 1, 3.36
    {0x53, Format::tlv, 1, 1, "5GS update type"},                            // TLV 3, 3.9A
    {0x41, Format::tlv, 3, 3, "Mobile station classmark 2"},                 // TLV 5, 3.31C
    {0x42, Format::tlv, 3, 255, "Supported codecs"},                         // TLV 5-n, 3.51A
    {0x71, Format::tlv_e, 1, 65535, "NAS message container"},                // TLV-E 4-n, 3.33
    {0x60, Format::tlv, 2, 2, "EPS bearer context status"},                  // TLV 4, 3.23A
    {0x6e, Format::tlv, 1, 2, "Requested extended DRX parameters"},          // TLV 3-4, 3.26A
    {0x6a, Format::tlv, 1, 1, "T3324 value"},                                // TLV 3, 2.5
    {0x67, Format::tlv, 1, 255, "UE radio capability ID"},                   // TLV 3-n, 3.68
    {0x35, Format::tlv, 1, 40, "Requested mapped NSSAI"},                    // TLV 3-42, 3.31B
    {0x48, Format::tlv, 1, 1, "Additional information requested"},           // TLV 3, 3.12A
    {0x1a, Format::tlv, 1, 255, "Requested WUS assistance information"},     // TLV 3-n, 3.71
    {0xa0, Format::half, 0, 0, "N5GC indication"},                           // TV 1, 3.72
    {0x30, Format::tlv, 1, 1, "Requested NB-N1 mode DRX parameters"},        // TLV 3, 3.73
    {0x29, Format::tlv, 1, 1, "UE request type"},                            // TLV 3, 3.76
    {0x28, Format::tlv, 1, 33, "Paging restriction"},                        // TLV 3-35, 3.77
    {0x72, Format::tlv_e, 3, 65535, "Service-level-AA container"},           // TLV-E 6-n, 2.10
    {0x32, Format::tlv, 6, 6, "NID"},                                        // TLV 8, 3.79
    {0x16, Format::tlv, 3, 3, "MS determined PLMN with disaster condition"},  // TLV 5, 3.85
    {0x2a, Format::tlv, 1, 255, "Requested PEIPS assistance information"},   // TLV 3-n, 3.80
    {0x3b, Format::tlv, 1, 1, "Requested T3512 value"},                      // TLV 3, 2.5
}};
enum RowNumber : std::size_t {
  kNonCurrentKsi = 0,
  kCapability = 1,
  kUeSecurityCapability = 2,
  kS1NetworkCapability = 5,
  kAdditionalGuti = 10,
  kContainer = 22,
};
constexpr std::uint64_t kFields = nas::detail::field_rows(std::array<std::size_t, 6>{
    kNonCurrentKsi, kCapability, kUeSecurityCapability, kS1NetworkCapability, kAdditionalGuti,
    kContainer});
constexpr nas::detail::Table kTable = nas::detail::table(kRows);

bool fits(const std::optional<ByteView>& v, std::size_t min, std::size_t max) noexcept {
  return !v || (v->size() >= min && v->size() <= max);
}

}  // namespace

Decoded<RegistrationRequest> decode_registration_request(ByteView pdu,
                                                         std::span<IgnoredIe> sink) noexcept {
  using M = RegistrationRequest;
  Decoded<M> d;
  if (!detail::check_header(pdu, kRequest, detail::kRegistrationRequest, d.error)) return d;
  M& m = d.value;
  // Octet 4: 5GS registration type (9.11.3.7: FOR in bit 4, the value in bits 3..1) in bits 4..1
  // and ngKSI in bits 8..5.
  if (pdu.size() < 4)
    return nas::detail::missing<M>(kRequest, "5GS registration type", 3, kTs24501Clauses);
  m.registration_type = pdu[3] & 0x07;
  m.follow_on_request = (pdu[3] & 0x08) != 0;
  m.ngksi = detail::key_set(static_cast<std::uint8_t>(pdu[3] >> 4));
  detail::Sink ignored(sink);
  // 5GS mobile identity, LV-E 6-n: 4..65535 octets of contents.
  ByteView c;
  std::size_t end = 0;
  if (!detail::read_mandatory(pdu, 4, true, 4, 65535, kRequest, kIdentity,
                              "bad length (4..65535) (TS 24.501 9.11.3.4, TS 24.501 7.5.1)", c,
                              end, ignored, d.error))
    return d;
  std::size_t used = 0;
  auto fault = detail::decode_mobile_identity(c, m.mobile_identity, used);
  if (fault == detail::IdentityFault::none && std::holds_alternative<NoIdentity>(m.mobile_identity))
    fault = detail::IdentityFault::no_identity;
  if (fault != detail::IdentityFault::none)
    return failed<M>(kRequest, kIdentity, 4, detail::mandatory_reason(fault));
  if (used < c.size()) ignored.add(4, 0, kIdentity, nas::detail::kBeyondDefinedLength);

  std::array<Found, kRows.size()> found{};
  if (!nas::detail::walk(pdu, end, kTable, kRequest, found, ignored, d.error, kTs24501Clauses))
    return d;
  if (found[kNonCurrentKsi].present)
    m.non_current_native_ngksi = detail::key_set(found[kNonCurrentKsi].half);
  if (found[kCapability].present) m.five_gmm_capability = found[kCapability].value;
  // 7.7.1: syntactically incorrect optional contents are treated as not present; the IE still
  // counts as taken for 7.6.3. Noted after whatever the walk stepped over, in table order.
  if (const Found& f = found[kUeSecurityCapability]; f.present) {
    if (!detail::ue_security_capability_fault(f.value.size()))
      m.ue_security_capability = f.value;
    else
      ignored.add(f.offset, kRows[kUeSecurityCapability].iei, kRows[kUeSecurityCapability].name,
                  "octet 5, 7 or 9 without the octet after it (TS 24.501 9.11.3.54); treated as "
                  "not present (TS 24.501 7.7.1)");
  }
  // 9.11.3.48 -> TS 24.301 9.9.3.34: every value of 2..13 octets is valid.
  if (found[kS1NetworkCapability].present)
    m.s1_ue_network_capability = found[kS1NetworkCapability].value;
  if (const Found& f = found[kAdditionalGuti]; f.present) {
    MobileIdentity id;
    std::size_t n = 0;
    auto why = detail::decode_mobile_identity(f.value, id, n);
    if (why == detail::IdentityFault::none && !std::holds_alternative<FiveGGuti>(id))
      why = detail::IdentityFault::not_guti;
    if (why == detail::IdentityFault::none)
      m.additional_guti = std::get<FiveGGuti>(id);
    else
      ignored.add(f.offset, kRows[kAdditionalGuti].iei, kRows[kAdditionalGuti].name,
                  detail::optional_reason(why));
  }
  if (found[kContainer].present) m.nas_message_container = found[kContainer].value;
  nas::detail::keep_raw(kTable, kFields, found, m.other_ies);
  d.ignored = ignored.count();
  return d;
}

Encoded encode(const RegistrationRequest& m, std::span<std::uint8_t> out) noexcept {
  if (m.registration_type > 7)
    return detail::refused("5GS registration type: 3 bits (TS 24.501 9.11.3.7)");
  if (m.ngksi.ksi > 7 || (m.non_current_native_ngksi && m.non_current_native_ngksi->ksi > 7))
    return detail::refused("ngKSI: 3 bits (TS 24.501 9.11.3.32)");
  if (const char* fault = detail::identity_fault(m.mobile_identity)) return detail::refused(fault);
  if (!fits(m.five_gmm_capability, 1, 13))
    return detail::refused("5GMM capability: 1..13 octets (TS 24.501 9.11.3.1)");
  if (const auto& c = m.ue_security_capability;
      c && (c->size() > 8 || detail::ue_security_capability_fault(c->size())))
    return detail::refused("UE security capability: 2, 4, 6 or 8 octets (TS 24.501 9.11.3.54)");
  if (!fits(m.s1_ue_network_capability, 2, 13))
    return detail::refused("S1 UE network capability: 2..13 octets (TS 24.501 9.11.3.48)");
  if (m.additional_guti && detail::identity_fault(*m.additional_guti))
    return detail::refused(detail::identity_fault(*m.additional_guti));
  if (!fits(m.nas_message_container, 1, 65535))
    return detail::refused("NAS message container: 1..65535 octets (TS 24.501 9.11.3.33)");
  if (const char* fault = nas::detail::raw_ies_fault(kTable, kFields, m.other_ies, nas::detail::kTs24501Clauses))
    return detail::refused(fault);
  detail::Writer w(out);
  w.put(kFiveGmmEpd);
  w.put(static_cast<std::uint8_t>(SecurityHeaderType::plain));
  w.put(detail::kRegistrationRequest);
  w.put(static_cast<std::uint8_t>(detail::nibble(m.ngksi) << 4 |
                                  (m.follow_on_request ? 0x08 : 0x00) | m.registration_type));
  w.put16(static_cast<std::uint16_t>(detail::identity_size(m.mobile_identity)));
  detail::put_identity(w, m.mobile_identity);
  for (std::size_t r = 0; r < kRows.size(); ++r) {
    const Row& row = kRows[r];
    switch (r) {
      case kNonCurrentKsi:
        if (const auto& k = m.non_current_native_ngksi)
          nas::detail::put_row(w, row, detail::nibble(*k), {});
        break;
      case kCapability:
        detail::put_optional(w, row, m.five_gmm_capability);
        break;
      case kUeSecurityCapability:
        detail::put_optional(w, row, m.ue_security_capability);
        break;
      case kS1NetworkCapability:
        detail::put_optional(w, row, m.s1_ue_network_capability);
        break;
      case kAdditionalGuti:
        if (m.additional_guti) {
          w.put(row.iei);
          w.put16(detail::kGutiSize);
          detail::put_identity(w, *m.additional_guti);
        }
        break;
      case kContainer:
        detail::put_optional(w, row, m.nas_message_container);
        break;
      default:
        nas::detail::put_raw(w, row, m.other_ies);
    }
  }
  return w.done();
}

}  // namespace secmode::impl::nas5gs
