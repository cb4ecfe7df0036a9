// TS 24.501 8.2.6 REGISTRATION REQUEST, as a plain 5GS NAS message (9.1.1 item 1).
#include "spec/codec/nas_5gs_registration.h"

#include <array>
#include <stdexcept>

#include "spec/codec/nas_5gs_ies.h"
#include "spec/codec/nas_5gs_mm_ies.h"
#include "spec/codec/nas_eps_emm_ies.h"
#include "spec/codec/nas_ie.h"

namespace secmode::spec::nas5gs {
namespace {

using nas::IeFormat;
using nas::OptionalIe;

constexpr const char* kRequest = "REGISTRATION REQUEST";
constexpr std::uint8_t kRequestType = 0x41;  // table 9.7.1

// The optional rows of table 8.2.6.1.1 (V17.9.0), in table order, copied from 24501-h90.docx
// (as shipped in open5gs lib/nas/5gs/support/r17.9.0); lengths are value octets, the table's
// Length column less IEI and length octets. The rows kept raw in `other_ies` are checked for
// their table length only: their value layouts (NSSAI, TAI, DRX, timers, containers, ...) are
// not interpreted here.
constexpr std::array<OptionalIe, 39> kRequestIes{{
    {0xc0, IeFormat::tv_half, 0, 0, "Non-current native NAS key set identifier"},  // 9.11.3.32
    {0x10, IeFormat::tlv, 1, 13, "5GMM capability"},                  // TLV 3-15, 9.11.3.1
    {0x2e, IeFormat::tlv, 2, 8, "UE security capability"},            // TLV 4-10, 9.11.3.54
    {0x2f, IeFormat::tlv, 2, 72, "Requested NSSAI"},                  // TLV 4-74, 9.11.3.37
    {0x52, IeFormat::tv, 6, 6, "Last visited registered TAI"},        // TV 7, 9.11.3.8
    {0x17, IeFormat::tlv, 2, 13, "S1 UE network capability"},         // TLV 4-15, 9.11.3.48
    {0x40, IeFormat::tlv, 2, 32, "Uplink data status"},               // TLV 4-34, 9.11.3.57
    {0x50, IeFormat::tlv, 2, 32, "PDU session status"},               // TLV 4-34, 9.11.3.44
    {0xb0, IeFormat::tv_half, 0, 0, "MICO indication"},               // TV 1, 9.11.3.31
    {0x2b, IeFormat::tlv, 1, 1, "UE status"},                         // TLV 3, 9.11.3.56
    {0x77, IeFormat::tlv_e, 11, 11, "Additional GUTI"},               // TLV-E 14, 9.11.3.4
    {0x25, IeFormat::tlv, 2, 32, "Allowed PDU session status"},       // TLV 4-34, 9.11.3.13
    {0x18, IeFormat::tlv, 1, 1, "UE's usage setting"},                // TLV 3, 9.11.3.55
    {0x51, IeFormat::tlv, 1, 1, "Requested DRX parameters"},          // TLV 3, 9.11.3.2A
    {0x70, IeFormat::tlv_e, 1, 65535, "EPS NAS message container"},   // TLV-E 4-n, 9.11.3.24
    {0x74, IeFormat::tlv_e, 0, 808, "LADN indication"},               // TLV-E 3-811, 9.11.3.29
    {0x80, IeFormat::tv_half, 0, 0, "Payload container type"},        // TV 1, 9.11.3.40
    {0x7b, IeFormat::tlv_e, 1, 65535, "Payload container"},           // TLV-E 4-65538, 9.11.3.39
    {0x90, IeFormat::tv_half, 0, 0, "Network slicing indication"},    // TV 1, 9.11.3.36
    {0x53, IeFormat::tlv, 1, 1, "5GS update type"},                   // TLV 3, 9.11.3.9A
    {0x41, IeFormat::tlv, 3, 3, "Mobile station classmark 2"},        // TLV 5, 9.11.3.31C
    {0x42, IeFormat::tlv, 3, 255, "Supported codecs"},                // TLV 5-n, 9.11.3.51A
    {0x71, IeFormat::tlv_e, 1, 65535, "NAS message container"},       // TLV-E 4-n, 9.11.3.33
    {0x60, IeFormat::tlv, 2, 2, "EPS bearer context status"},         // TLV 4, 9.11.3.23A
    {0x6e, IeFormat::tlv, 1, 2, "Requested extended DRX parameters"}, // TLV 3-4, 9.11.3.26A
    {0x6a, IeFormat::tlv, 1, 1, "T3324 value"},                       // TLV 3, 9.11.2.5
    {0x67, IeFormat::tlv, 1, 255, "UE radio capability ID"},          // TLV 3-n, 9.11.3.68
    {0x35, IeFormat::tlv, 1, 40, "Requested mapped NSSAI"},           // TLV 3-42, 9.11.3.31B
    {0x48, IeFormat::tlv, 1, 1, "Additional information requested"},  // TLV 3, 9.11.3.12A
    {0x1a, IeFormat::tlv, 1, 255, "Requested WUS assistance information"},  // TLV 3-n, 9.11.3.71
    {0xa0, IeFormat::tv_half, 0, 0, "N5GC indication"},                   // TV 1, 9.11.3.72
    {0x30, IeFormat::tlv, 1, 1, "Requested NB-N1 mode DRX parameters"},  // TLV 3, 9.11.3.73
    {0x29, IeFormat::tlv, 1, 1, "UE request type"},                      // TLV 3, 9.11.3.76
    {0x28, IeFormat::tlv, 1, 33, "Paging restriction"},                  // TLV 3-35, 9.11.3.77
    {0x72, IeFormat::tlv_e, 3, 65535, "Service-level-AA container"},     // TLV-E 6-n, 9.11.2.10
    {0x32, IeFormat::tlv, 6, 6, "NID"},                                  // TLV 8, 9.11.3.79
    {0x16, IeFormat::tlv, 3, 3, "MS determined PLMN with disaster condition"},  // TLV 5, 9.11.3.85
    {0x2a, IeFormat::tlv, 1, 255, "Requested PEIPS assistance information"},   // TLV 3-n, 9.11.3.80
    {0x3b, IeFormat::tlv, 1, 1, "Requested T3512 value"},                // TLV 3, 9.11.2.5
}};
enum RequestRow {
  kNonCurrentKsi = 0,
  kCapability = 1,
  kUeSecurityCapability = 2,
  kS1NetworkCapability = 5,
  kAdditionalGuti = 10,
  kContainer = 22
};
constexpr std::array<std::size_t, 6> kRequestFields{kNonCurrentKsi,        kCapability,
                                                    kUeSecurityCapability, kS1NetworkCapability,
                                                    kAdditionalGuti,       kContainer};

NasKeySetIdentifier ksi_of(std::uint8_t nibble) {
  return {(nibble & 0x08) != 0, static_cast<std::uint8_t>(nibble & 0x07)};
}
std::uint8_t nibble_of(const NasKeySetIdentifier& k, const char* what) {
  if (k.ksi > 7)
    throw std::invalid_argument(std::string(what) + ": ngKSI is 3 bits (TS 24.501 9.11.3.32)");
  return static_cast<std::uint8_t>((k.mapped ? 0x08 : 0x00) | k.ksi);
}

}  // namespace

Decoded<RegistrationRequest> decode_registration_request(ByteView pdu) {
  if (auto e = check_plain_5gmm_header(pdu, kRequest, kRequestType)) return *e;
  RegistrationRequest m;
  // Octet 4: 5GS registration type (9.11.3.7: FOR in bit 4, value in bits 3..1) in bits 4..1,
  // ngKSI in bits 8..5.
  if (pdu.size() < 4) return missing_ie(kRequest, "5GS registration type", 3, kTs24501Clauses);
  m.registration_type = pdu[3] & 0x07;
  m.follow_on_request = (pdu[3] & 0x08) != 0;
  m.ngksi = ksi_of(static_cast<std::uint8_t>(pdu[3] >> 4));
  std::vector<IgnoredIe> ignored;
  std::size_t offset = 4;
  ByteView contents;
  // LV-E 6-n: at least 4 octets of contents (so "No identity", one octet, does not fit here).
  const char* identity = "5GS mobile identity";
  if (auto e = read_mandatory_lv(pdu, offset, true, 4, 65535, kRequest, identity,
                                 "TS 24.501 9.11.3.4", contents, ignored, kTs24501Clauses))
    return *e;
  std::size_t used = 0;
  auto bad_identity = decode_mobile_identity(contents, m.mobile_identity, used);
  if (!bad_identity && std::holds_alternative<NoIdentity>(m.mobile_identity))
    bad_identity = "type of identity 'No identity', whose contents are 1 octet, in a row of at least 4 "
                   "(TS 24.501 figure 9.11.3.4.6, table 8.2.6.1.1)";
  if (bad_identity)
    return CodecError{kRequest, identity, 4, *bad_identity + " (syntactically incorrect: TS 24.501 7.5.1)"};
  if (used < contents.size()) beyond_defined_length(ignored, 4, 0, identity, contents.size() - used);

  std::vector<std::optional<nas::FoundIe>> found;
  if (auto e = nas::read_non_imperative(pdu, offset, kRequestIes, kRequest, found, ignored,
                                        kTs24501Clauses))
    return *e;
  if (const auto& ie = found[kNonCurrentKsi]) m.non_current_native_ngksi = ksi_of(ie->half);
  if (const auto& ie = found[kCapability])
    m.five_gmm_capability = FiveGmmCapability{Bytes(ie->value.begin(), ie->value.end())};
  if (const auto& ie = found[kUeSecurityCapability]) {
    UeSecurityCapability c;
    if (auto why = decode_ue_security_capability(ie->value, c))
      treat_as_not_present(ignored, *ie, kRequestIes[kUeSecurityCapability], *why, kTs24501Clauses);
    else
      m.ue_security_capability = c;
  }
  if (const auto& ie = found[kS1NetworkCapability])
    m.s1_ue_network_capability = nas::decode_ue_network_capability(ie->value);
  if (const auto& ie = found[kAdditionalGuti]) {
    MobileIdentity id;
    std::size_t n = 0;
    auto why = decode_mobile_identity(ie->value, id, n);
    if (!why && !std::holds_alternative<FiveGGuti>(id))
      why = "type of identity is not 5G-GUTI (TS 24.501 8.2.6.13)";
    if (why)
      treat_as_not_present(ignored, *ie, kRequestIes[kAdditionalGuti], *why, kTs24501Clauses);
    else
      m.additional_guti = std::get<FiveGGuti>(id);
  }
  if (const auto& ie = found[kContainer])
    m.nas_message_container = Bytes(ie->value.begin(), ie->value.end());
  m.other_ies = collect_raw(kRequestIes, kRequestFields, found);
  return {std::move(m), std::move(ignored)};
}

Bytes encode(const RegistrationRequest& m) {
  if (m.registration_type > 7)
    throw std::invalid_argument("5GS registration type: 3 bits (TS 24.501 9.11.3.7)");
  Bytes out{kFiveGmmEpd, static_cast<std::uint8_t>(SecurityHeaderType::plain), kRequestType,
            static_cast<std::uint8_t>(nibble_of(m.ngksi, "ngKSI") << 4 |
                                      (m.follow_on_request ? 0x08 : 0x00) | m.registration_type)};
  const Bytes identity = encode_mobile_identity(m.mobile_identity);
  if (identity.size() < 4)
    throw std::invalid_argument(
        "REGISTRATION REQUEST: 5GS mobile identity is LV-E 6-n, at least 4 octets of contents "
        "('No identity' and an NAI of fewer than 3 octets do not fit)");
  out.push_back(static_cast<std::uint8_t>(identity.size() >> 8));
  out.push_back(static_cast<std::uint8_t>(identity.size()));
  out.insert(out.end(), identity.begin(), identity.end());

  std::vector<std::optional<Bytes>> values(kRequestIes.size());
  if (m.non_current_native_ngksi)
    values[kNonCurrentKsi] =
        Bytes{nibble_of(*m.non_current_native_ngksi, "Non-current native NAS key set identifier")};
  if (m.five_gmm_capability) values[kCapability] = m.five_gmm_capability->octets;
  if (m.ue_security_capability)
    values[kUeSecurityCapability] = encode_ue_security_capability(*m.ue_security_capability);
  if (m.s1_ue_network_capability)
    values[kS1NetworkCapability] = nas::encode_ue_network_capability(*m.s1_ue_network_capability);
  if (m.additional_guti) values[kAdditionalGuti] = encode_mobile_identity(*m.additional_guti);
  if (m.nas_message_container) values[kContainer] = *m.nas_message_container;
  // put_rows checks every value against its row (5GMM capability 1..13, container 1..65535, ...).
  put_rows(out, kRequestIes, kRequestFields, std::move(values), m.other_ies, kRequest);
  return out;
}

}  // namespace secmode::spec::nas5gs
