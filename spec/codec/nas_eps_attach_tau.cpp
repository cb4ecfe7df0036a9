// TS 24.301 8.2.4 ATTACH REQUEST and 8.2.29 TRACKING AREA UPDATE REQUEST, as plain NAS messages.
#include "spec/codec/nas_eps_attach_tau.h"

#include <array>
#include <span>
#include <stdexcept>

#include "spec/codec/nas_eps_emm_ies.h"
#include "spec/codec/nas_eps_ies.h"
#include "spec/codec/nas_ie.h"
#include "spec/codec/nas_message_ies.h"

namespace secmode::spec::nas {
namespace {

constexpr const char* kAttach = "ATTACH REQUEST";
constexpr const char* kTau = "TRACKING AREA UPDATE REQUEST";
constexpr std::uint8_t kAttachType = 0x41;  // table 9.8.1
constexpr std::uint8_t kTauType = 0x48;

using Rows = std::span<const OptionalIe>;

// The optional rows of table 8.2.4.1 (V17.9.0), in table order; lengths are value octets, the
// table's Length column less IEI and length octets. References in TS 24.301 9.9 unless noted.
// Rows and lengths are copied from the tables of 24301-h90.docx (V17.9.0, as shipped in
// open5gs lib/nas/eps/support/r17.9.0); V17 adds 38 here and 38, 29, 28 to table 8.2.29.1 over
// Rel-16. The rows kept raw in `other_ies` are checked for their table length only: their
// value layouts (TS 24.008 classmarks, codecs, timers, DRX, ...) are not interpreted here.
constexpr std::array<OptionalIe, 27> kAttachIes{{
    {0x19, IeFormat::tv, 3, 3, "Old P-TMSI signature"},              // TV 4, 9.9.3.26
    {0x50, IeFormat::tlv, 11, 11, "Additional GUTI"},                // TLV 13, 9.9.3.12
    {0x52, IeFormat::tv, 5, 5, "Last visited registered TAI"},       // TV 6, 9.9.3.32
    {0x5c, IeFormat::tv, 2, 2, "DRX parameter"},                     // TV 3, 9.9.3.8
    {0x31, IeFormat::tlv, 2, 8, "MS network capability"},            // TLV 4-10, 9.9.3.20
    {0x13, IeFormat::tv, 5, 5, "Old location area identification"},  // TV 6, 9.9.2.2
    {0x90, IeFormat::tv_half, 0, 0, "TMSI status"},                  // TV 1, 9.9.3.31
    {0x11, IeFormat::tlv, 3, 3, "Mobile station classmark 2"},       // TLV 5, 9.9.2.4
    {0x20, IeFormat::tlv, 0, 32, "Mobile station classmark 3"},      // TLV 2-34, 9.9.2.5
    {0x40, IeFormat::tlv, 3, 255, "Supported Codecs"},               // TLV 5-n, 9.9.2.10
    {0xf0, IeFormat::tv_half, 0, 0, "Additional update type"},       // TV 1, 9.9.3.0B
    {0x5d, IeFormat::tlv, 1, 1, "Voice domain preference and UE's usage setting"},  // TLV 3
    {0xd0, IeFormat::tv_half, 0, 0, "Device properties"},                   // TV 1, 9.9.2.0A
    {0xe0, IeFormat::tv_half, 0, 0, "Old GUTI type"},                       // TV 1, 9.9.3.45
    {0xc0, IeFormat::tv_half, 0, 0, "MS network feature support"},          // TV 1, 9.9.3.20A
    {0x10, IeFormat::tlv, 2, 2, "TMSI based NRI container"},                // TLV 4, 9.9.3.24A
    {0x6a, IeFormat::tlv, 1, 1, "T3324 value"},                             // TLV 3, 9.9.3.16A
    {0x5e, IeFormat::tlv, 1, 1, "T3412 extended value"},                    // TLV 3, 9.9.3.16B
    {0x6e, IeFormat::tlv, 1, 1, "Extended DRX parameters"},                 // TLV 3, 9.9.3.46
    {0x6f, IeFormat::tlv, 4, 4, "UE additional security capability"},       // TLV 6, 9.9.3.53
    {0x6d, IeFormat::tlv, 1, 1, "UE status"},                               // TLV 3, 9.9.3.54
    {0x17, IeFormat::tv, 1, 1, "Additional information requested"},         // TV 2, 9.9.3.55
    {0x32, IeFormat::tlv, 1, 13, "N1 UE network capability"},               // TLV 3-15, 9.9.3.57
    {0x34, IeFormat::tlv, 1, 1, "UE radio capability ID availability"},     // TLV 3, 9.9.3.58
    {0x35, IeFormat::tlv, 1, 255, "Requested WUS assistance information"},  // TLV 3-n, 9.9.3.62
    {0x36, IeFormat::tlv, 1, 1, "DRX parameter in NB-S1 mode"},             // TLV 3, 9.9.3.63
    {0x38, IeFormat::tlv, 2, 2, "Requested IMSI offset"},                   // TLV 4, 9.9.3.64
}};
enum AttachRow {
  kAAdditionalGuti = 1,
  kAMsCap = 4,
  kATmsiStatus = 6,
  kAGutiType = 13,
  kAAddSecCap = 19
};
constexpr std::array<std::size_t, 5> kAttachFields{kAAdditionalGuti, kAMsCap, kATmsiStatus,
                                                   kAGutiType, kAAddSecCap};

// Table 8.2.29.1 (V17.9.0). Note the order differs from 8.2.4.1 (E- before D-; 36 after 35 in
// the table although 8.2.29.32 describes 36 first: the table decides).
constexpr std::array<OptionalIe, 35> kTauIes{{
    {0xb0, IeFormat::tv_half, 0, 0, "Non-current native NAS key set identifier"},  // 9.9.3.21
    {0x80, IeFormat::tv_half, 0, 0, "GPRS ciphering key sequence number"},         // 9.9.3.4a
    {0x19, IeFormat::tv, 3, 3, "Old P-TMSI signature"},
    {0x50, IeFormat::tlv, 11, 11, "Additional GUTI"},
    {0x55, IeFormat::tv, 4, 4, "NonceUE"},                  // TV 5, 9.9.3.25
    {0x58, IeFormat::tlv, 2, 13, "UE network capability"},  // TLV 4-15, 9.9.3.34
    {0x52, IeFormat::tv, 5, 5, "Last visited registered TAI"},
    {0x5c, IeFormat::tv, 2, 2, "DRX parameter"},
    {0xa0, IeFormat::tv_half, 0, 0, "UE radio capability information update needed"},  // 9.9.3.35
    {0x57, IeFormat::tlv, 2, 2, "EPS bearer context status"},  // TLV 4, 9.9.2.1
    {0x31, IeFormat::tlv, 2, 8, "MS network capability"},
    {0x13, IeFormat::tv, 5, 5, "Old location area identification"},
    {0x90, IeFormat::tv_half, 0, 0, "TMSI status"},
    {0x11, IeFormat::tlv, 3, 3, "Mobile station classmark 2"},
    {0x20, IeFormat::tlv, 0, 32, "Mobile station classmark 3"},
    {0x40, IeFormat::tlv, 3, 255, "Supported Codecs"},
    {0xf0, IeFormat::tv_half, 0, 0, "Additional update type"},
    {0x5d, IeFormat::tlv, 1, 1, "Voice domain preference and UE's usage setting"},
    {0xe0, IeFormat::tv_half, 0, 0, "Old GUTI type"},
    {0xd0, IeFormat::tv_half, 0, 0, "Device properties"},
    {0xc0, IeFormat::tv_half, 0, 0, "MS network feature support"},
    {0x10, IeFormat::tlv, 2, 2, "TMSI based NRI container"},
    {0x6a, IeFormat::tlv, 1, 1, "T3324 value"},
    {0x5e, IeFormat::tlv, 1, 1, "T3412 extended value"},
    {0x6e, IeFormat::tlv, 1, 1, "Extended DRX parameters"},
    {0x6f, IeFormat::tlv, 4, 4, "UE additional security capability"},
    {0x6d, IeFormat::tlv, 1, 1, "UE status"},
    {0x17, IeFormat::tv, 1, 1, "Additional information requested"},
    {0x32, IeFormat::tlv, 1, 13, "N1 UE network capability"},
    {0x34, IeFormat::tlv, 1, 1, "UE radio capability ID availability"},
    {0x35, IeFormat::tlv, 1, 255, "Requested WUS assistance information"},
    {0x36, IeFormat::tlv, 1, 1, "DRX parameter in NB-S1 mode"},
    {0x38, IeFormat::tlv, 2, 2, "Requested IMSI offset"},
    {0x29, IeFormat::tlv, 1, 1, "UE request type"},     // TLV 3, 9.9.3.65
    {0x28, IeFormat::tlv, 1, 3, "Paging restriction"},  // TLV 3-5, 9.9.3.66
}};
enum TauRow {
  kTNonCurrentKsi = 0,
  kTCksn = 1,
  kTAdditionalGuti = 3,
  kTNonceUe = 4,
  kTUeNetCap = 5,
  kTMsCap = 10,
  kTTmsiStatus = 12,
  kTGutiType = 18,
  kTAddSecCap = 25
};
constexpr std::array<std::size_t, 9> kTauFields{kTNonCurrentKsi, kTCksn,     kTAdditionalGuti,
                                                kTNonceUe,       kTUeNetCap, kTMsCap,
                                                kTTmsiStatus,    kTGutiType, kTAddSecCap};

NasKeySetIdentifier ksi_of(std::uint8_t nibble) {
  return {(nibble & 0x08) != 0, static_cast<std::uint8_t>(nibble & 0x07)};
}
std::uint8_t nibble_of(const NasKeySetIdentifier& k, const char* what) {
  if (k.ksi > 7) throw std::invalid_argument(std::string(what) + ": ksi is 3 bits (9.9.3.21)");
  return static_cast<std::uint8_t>((k.mapped ? 0x08 : 0x00) | k.ksi);
}

// The IEs both messages decode alike (Additional GUTI, MS network capability, TMSI status, old
// GUTI type, UE additional security capability) go through these two.
template <typename M>
void take_common(M& m, Rows rows, const std::vector<std::optional<FoundIe>>& found,
                 std::size_t guti, std::size_t ms_cap, std::size_t tmsi, std::size_t guti_type,
                 std::size_t add_sec, std::vector<IgnoredIe>& ignored) {
  if (const auto& ie = found[guti]) {
    Guti g;
    if (auto why = decode_guti(ie->value, g))
      treat_as_not_present(ignored, *ie, rows[guti], *why, kTs24301Clauses);
    else
      m.additional_guti = g;
  }
  if (const auto& ie = found[ms_cap])
    m.ms_network_capability = Bytes(ie->value.begin(), ie->value.end());
  // TS 24.008 10.5.5.4 and TS 24.301 9.9.3.45: bits 4..2 spare, the flag in bit 1.
  if (const auto& ie = found[tmsi]) m.tmsi_status = (ie->half & 0x01) != 0;
  if (const auto& ie = found[guti_type]) m.old_guti_type_mapped = (ie->half & 0x01) != 0;
  if (const auto& ie = found[add_sec])
    m.ue_additional_security_capability = decode_ue_additional_security_capability(ie->value);
}

template <typename M>
void put_common(const M& m, std::vector<std::optional<Bytes>>& values, std::size_t guti,
                std::size_t ms_cap, std::size_t tmsi, std::size_t guti_type, std::size_t add_sec) {
  if (m.additional_guti) values[guti] = encode_eps_mobile_identity(*m.additional_guti);
  if (m.ms_network_capability) values[ms_cap] = *m.ms_network_capability;
  if (m.tmsi_status) values[tmsi] = Bytes{static_cast<std::uint8_t>(*m.tmsi_status)};
  if (m.old_guti_type_mapped)
    values[guti_type] = Bytes{static_cast<std::uint8_t>(*m.old_guti_type_mapped)};
  if (m.ue_additional_security_capability)
    values[add_sec] =
        encode_ue_additional_security_capability(*m.ue_additional_security_capability);
}

}  // namespace

Decoded<AttachRequest> decode_attach_request(ByteView pdu) {
  if (auto e = check_plain_emm_header(pdu, kAttach, kAttachType)) return *e;
  AttachRequest m;
  // Octet 3, 8.1 b): EPS attach type (9.9.3.11: bit 4 spare, value in bits 3..1) in bits 4..1,
  // NAS key set identifier (9.9.3.21) in bits 8..5.
  if (pdu.size() < 3) return missing_ie(kAttach, "EPS attach type", 2, kTs24301Clauses);
  m.eps_attach_type = pdu[2] & 0x07;
  m.nas_key_set_identifier = ksi_of(static_cast<std::uint8_t>(pdu[2] >> 4));
  if (m.eps_attach_type == 7)
    return CodecError{kAttach, "EPS attach type", 2,
                      "value 111 is reserved (TS 24.301 table 9.9.3.11.1, 7.5.1)"};
  std::vector<IgnoredIe> ignored;
  std::size_t offset = 3;
  ByteView contents;
  // LV 5-12: 4..11 octets of contents.
  const char* identity = "EPS mobile identity";
  if (auto e = read_mandatory_lv(pdu, offset, false, 4, 11, kAttach, identity, "TS 24.301 9.9.3.12",
                                 contents, ignored, kTs24301Clauses))
    return *e;
  if (auto why = decode_eps_mobile_identity(contents, m.eps_mobile_identity))
    return CodecError{kAttach, identity, 3, *why + " (syntactically incorrect: TS 24.301 7.5.1)"};
  // LV 3-14: 2..13 octets.
  if (auto e = read_mandatory_lv(pdu, offset, false, 2, 13, kAttach, "UE network capability",
                                 "TS 24.301 9.9.3.34", contents, ignored, kTs24301Clauses))
    return *e;
  m.ue_network_capability = decode_ue_network_capability(contents);
  // LV-E 5-n: 3..65535 octets; 7.5.2: "No semantical or syntactical diagnosis other than
  // presence and length shall be performed on the ESM message container".
  if (auto e = read_mandatory_lv(pdu, offset, true, 3, 65535, kAttach, "ESM message container",
                                 "TS 24.301 9.9.3.15", contents, ignored, kTs24301Clauses))
    return *e;
  m.esm_message_container.assign(contents.begin(), contents.end());

  std::vector<std::optional<FoundIe>> found;
  if (auto e = read_non_imperative(pdu, offset, kAttachIes, kAttach, found, ignored)) return *e;
  take_common(m, kAttachIes, found, kAAdditionalGuti, kAMsCap, kATmsiStatus, kAGutiType,
              kAAddSecCap, ignored);
  m.other_ies = collect_raw(kAttachIes, kAttachFields, found);
  return {std::move(m), std::move(ignored)};
}

Decoded<TrackingAreaUpdateRequest> decode_tracking_area_update_request(ByteView pdu) {
  if (auto e = check_plain_emm_header(pdu, kTau, kTauType)) return *e;
  TrackingAreaUpdateRequest m;
  // Octet 3: EPS update type (9.9.3.14: "Active" flag in bit 4, value in bits 3..1) in bits
  // 4..1, NAS key set identifier in bits 8..5.
  if (pdu.size() < 3) return missing_ie(kTau, "EPS update type", 2, kTs24301Clauses);
  m.eps_update_type = pdu[2] & 0x07;
  m.active_flag = (pdu[2] & 0x08) != 0;
  m.nas_key_set_identifier = ksi_of(static_cast<std::uint8_t>(pdu[2] >> 4));
  if (m.eps_update_type > 5)
    return CodecError{kTau, "EPS update type", 2,
                      "value " + std::to_string(m.eps_update_type) +
                          " is reserved (TS 24.301 table 9.9.3.14.1, 7.5.1)"};
  std::vector<IgnoredIe> ignored;
  std::size_t offset = 3;
  ByteView contents;
  // LV 12: the 11 octets of a GUTI (figure 9.9.3.12.1).
  if (auto e = read_mandatory_lv(pdu, offset, false, 11, 11, kTau, "Old GUTI", "TS 24.301 9.9.3.12",
                                 contents, ignored, kTs24301Clauses))
    return *e;
  if (auto why = decode_guti(contents, m.old_guti))
    return CodecError{kTau, "Old GUTI", 3, *why + " (syntactically incorrect: TS 24.301 7.5.1)"};

  std::vector<std::optional<FoundIe>> found;
  if (auto e = read_non_imperative(pdu, offset, kTauIes, kTau, found, ignored)) return *e;
  if (const auto& ie = found[kTNonCurrentKsi])
    m.non_current_native_nas_key_set_identifier = ksi_of(ie->half);
  // TS 24.008 10.5.1.2: bit 4 spare, the key sequence in bits 3..1.
  if (const auto& ie = found[kTCksn])
    m.gprs_ciphering_key_sequence_number = static_cast<std::uint8_t>(ie->half & 0x07);
  if (const auto& ie = found[kTNonceUe]) m.nonce_ue = load_be32(ie->value.data());
  if (const auto& ie = found[kTUeNetCap])
    m.ue_network_capability = decode_ue_network_capability(ie->value);
  take_common(m, kTauIes, found, kTAdditionalGuti, kTMsCap, kTTmsiStatus, kTGutiType, kTAddSecCap,
              ignored);
  m.other_ies = collect_raw(kTauIes, kTauFields, found);
  return {std::move(m), std::move(ignored)};
}

Bytes encode(const AttachRequest& m) {
  if (m.eps_attach_type > 6)
    throw std::invalid_argument("EPS attach type: 0..6, 7 is reserved (TS 24.301 9.9.3.11)");
  Bytes out{
      kEmmProtocolDiscriminator, kAttachType,
      static_cast<std::uint8_t>(nibble_of(m.nas_key_set_identifier, "NAS key set identifier") << 4 |
                                m.eps_attach_type)};
  const Bytes identity = encode_eps_mobile_identity(m.eps_mobile_identity);
  out.push_back(static_cast<std::uint8_t>(identity.size()));
  out.insert(out.end(), identity.begin(), identity.end());
  const Bytes caps = encode_ue_network_capability(m.ue_network_capability);
  out.push_back(static_cast<std::uint8_t>(caps.size()));
  out.insert(out.end(), caps.begin(), caps.end());
  const std::size_t esm = m.esm_message_container.size();
  if (esm < 3 || esm > 65535)
    throw std::invalid_argument("ESM message container: 3..65535 octets (TS 24.301 8.2.4.1)");
  out.push_back(static_cast<std::uint8_t>(esm >> 8));
  out.push_back(static_cast<std::uint8_t>(esm));
  out.insert(out.end(), m.esm_message_container.begin(), m.esm_message_container.end());
  std::vector<std::optional<Bytes>> values(kAttachIes.size());
  put_common(m, values, kAAdditionalGuti, kAMsCap, kATmsiStatus, kAGutiType, kAAddSecCap);
  put_rows(out, kAttachIes, kAttachFields, std::move(values), m.other_ies, kAttach);
  return out;
}

Bytes encode(const TrackingAreaUpdateRequest& m) {
  if (m.eps_update_type > 5)
    throw std::invalid_argument("EPS update type: 0..5, 6 and 7 are reserved (TS 24.301 9.9.3.14)");
  Bytes out{
      kEmmProtocolDiscriminator, kTauType,
      static_cast<std::uint8_t>(nibble_of(m.nas_key_set_identifier, "NAS key set identifier") << 4 |
                                (m.active_flag ? 0x08 : 0x00) | m.eps_update_type)};
  const Bytes guti = encode_eps_mobile_identity(m.old_guti);
  out.push_back(static_cast<std::uint8_t>(guti.size()));
  out.insert(out.end(), guti.begin(), guti.end());
  std::vector<std::optional<Bytes>> values(kTauIes.size());
  if (m.non_current_native_nas_key_set_identifier)
    values[kTNonCurrentKsi] = Bytes{nibble_of(*m.non_current_native_nas_key_set_identifier,
                                              "Non-current native NAS key set identifier")};
  if (m.gprs_ciphering_key_sequence_number) {
    if (*m.gprs_ciphering_key_sequence_number > 7)
      throw std::invalid_argument(
          "GPRS ciphering key sequence number: 3 bits (TS 24.008 10.5.1.2)");
    values[kTCksn] = Bytes{*m.gprs_ciphering_key_sequence_number};
  }
  if (m.nonce_ue) {
    values[kTNonceUe] = Bytes(4);
    store_be32(values[kTNonceUe]->data(), *m.nonce_ue);
  }
  if (m.ue_network_capability)
    values[kTUeNetCap] = encode_ue_network_capability(*m.ue_network_capability);
  put_common(m, values, kTAdditionalGuti, kTMsCap, kTTmsiStatus, kTGutiType, kTAddSecCap);
  put_rows(out, kTauIes, kTauFields, std::move(values), m.other_ies, kTau);
  return out;
}

}  // namespace secmode::spec::nas
