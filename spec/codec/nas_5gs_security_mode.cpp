// TS 24.501 8.2.25 SECURITY MODE COMMAND, 8.2.26 SECURITY MODE COMPLETE, 8.2.27 SECURITY MODE
// REJECT, as plain 5GS NAS messages (9.1.1 item 1).
#include <array>
#include <stdexcept>
#include <utility>

#include "spec/codec/nas_5gs.h"
#include "spec/codec/nas_5gs_ies.h"
#include "spec/codec/nas_5gs_mm_ies.h"
#include "spec/codec/nas_eps_ies.h"
#include "spec/codec/nas_ie.h"

namespace secmode::spec::nas5gs {
namespace {

using nas::FoundIe;
using nas::hex_octet;
using nas::IeFormat;
using nas::OptionalIe;

constexpr const char* kCommand = "SECURITY MODE COMMAND";
constexpr const char* kComplete = "SECURITY MODE COMPLETE";
constexpr const char* kReject = "SECURITY MODE REJECT";

// TS 24.501 table 9.7.1.
constexpr std::uint8_t kCommandType = 0x5d;
constexpr std::uint8_t kCompleteType = 0x5e;
constexpr std::uint8_t kRejectType = 0x5f;

// TS 24.501 9.11.3.54 contents: "a maximum length of 10 octets" less IEI and length octets.
constexpr std::size_t kUeSecurityCapabilityMax = 8;

// The optional rows of tables 8.2.25.1.1 and 8.2.26.1.1 (V17.9.0), in table order; lengths are
// value octets, the table's Length column less IEI and length octets.
constexpr std::array<OptionalIe, 6> kCommandIes{{
    {0xe0, IeFormat::tv_half, 0, 0, "IMEISV request"},                    // TV 1
    {0x57, IeFormat::tv, 1, 1, "Selected EPS NAS security algorithms"},   // TV 2
    {0x36, IeFormat::tlv, 1, 1, "Additional 5G security information"},    // TLV 3
    {0x78, IeFormat::tlv_e, 4, 1500, "EAP message"},                      // TLV-E 7-1503
    {0x38, IeFormat::tlv, 2, 255, "ABBA"},                                // TLV 4-n
    {0x19, IeFormat::tlv, 2, 5, "Replayed S1 UE security capabilities"},  // TLV 4-7
}};
enum CommandRow { kImeisvRequest, kEpsAlgorithms, kAdditionalInfo, kEap, kAbba, kS1Capabilities };

constexpr std::array<OptionalIe, 3> kCompleteIes{{
    {0x77, IeFormat::tlv_e, 9, 9, "IMEISV"},                     // TLV-E 12
    {0x71, IeFormat::tlv_e, 1, 65535, "NAS message container"},  // TLV-E 4-n
    {0x78, IeFormat::tlv_e, 4, 65535, "non-IMEISV PEI"},         // TLV-E 7-n
}};
enum CompleteRow { kImeisv, kContainer, kPei };

}  // namespace

Decoded<SecurityModeCommand> decode_security_mode_command(ByteView pdu) {
  if (auto e = check_plain_5gmm_header(pdu, kCommand, kCommandType)) return *e;
  SecurityModeCommand m;
  // Octet 4, 9.11.3.34: ciphering in bits 8..5, integrity in bits 4..1.
  if (pdu.size() < 4)
    return missing_ie(kCommand, "Selected NAS security algorithms", 3, kTs24501Clauses);
  m.selected_nas_security_algorithms = {static_cast<std::uint8_t>(pdu[3] >> 4),
                                        static_cast<std::uint8_t>(pdu[3] & 0x0f)};
  // Octet 5: ngKSI (9.11.3.32) in bits 4..1, then the spare half octet, "placed in bits 5 to 8"
  // (9.5).
  if (pdu.size() < 5) return missing_ie(kCommand, "ngKSI", 4, kTs24501Clauses);
  m.ngksi = {(pdu[4] & 0x08) != 0, static_cast<std::uint8_t>(pdu[4] & 0x07)};
  if (m.ngksi.ksi == 7)
    return CodecError{kCommand, "ngKSI", 4,
                      "value 111 is reserved in the network to UE direction (TS 24.501 "
                      "table 9.11.3.32.1)"};
  // Octets 6.., LV 3-9: length octet, then 2..8 octets of UE security capability contents.
  const char* caps = "Replayed UE security capabilities";
  std::vector<IgnoredIe> ignored;
  std::size_t offset = 5;
  ByteView contents;
  if (auto e = read_mandatory_lv(pdu, offset, false, 0, kUeSecurityCapabilityMax, kCommand, caps,
                                 "TS 24.501 9.11.3.54", contents, ignored, kTs24501Clauses))
    return *e;
  // A syntactically incorrect mandatory IE fails the message (TS 24.501 7.5.1).
  if (auto why = decode_ue_security_capability(contents, m.replayed_ue_security_capabilities))
    return CodecError{kCommand, caps, 5, *why};

  std::vector<std::optional<FoundIe>> found;
  if (auto e = read_non_imperative(pdu, offset, kCommandIes, kCommand, found, ignored,
                                   kTs24501Clauses))
    return *e;
  // 9.11.3.28 -> TS 24.008 10.5.5.10: bit 4 spare, the IMEISV request value in bits 3..1.
  if (const auto& ie = found[kImeisvRequest])
    m.imeisv_request = static_cast<std::uint8_t>(ie->half & 0x07);
  // 9.11.3.25 -> TS 24.301 9.9.3.23: bit 8 spare, EEA in bits 7..5, bit 4 spare, EIA in 3..1.
  if (const auto& ie = found[kEpsAlgorithms])
    m.selected_eps_nas_security_algorithms =
        nas::NasSecurityAlgorithms{static_cast<std::uint8_t>(ie->value[0] >> 4 & 0x07),
                                   static_cast<std::uint8_t>(ie->value[0] & 0x07)};
  // 9.11.3.12: bits 8..3 spare, RINMR bit 2, HDP bit 1.
  if (const auto& ie = found[kAdditionalInfo])
    m.additional_5g_security_information =
        Additional5gSecurityInformation{(ie->value[0] & 0x02) != 0, (ie->value[0] & 0x01) != 0};
  if (const auto& ie = found[kEap]) m.eap_message = Bytes(ie->value.begin(), ie->value.end());
  // 9.11.3.10: the contents are passed on as received (NOTE 1, NOTE 2).
  if (const auto& ie = found[kAbba]) m.abba = Bytes(ie->value.begin(), ie->value.end());
  if (const auto& ie = found[kS1Capabilities]) {
    nas::UeSecurityCapability s1;
    if (auto why = nas::decode_ue_security_capability(ie->value, s1))
      treat_as_not_present(ignored, *ie, kCommandIes[kS1Capabilities], *why, kTs24501Clauses);
    else
      m.replayed_s1_ue_security_capabilities = s1;
  }
  return {std::move(m), std::move(ignored)};
}

Decoded<SecurityModeComplete> decode_security_mode_complete(ByteView pdu) {
  if (auto e = check_plain_5gmm_header(pdu, kComplete, kCompleteType)) return *e;
  SecurityModeComplete m;
  std::vector<IgnoredIe> ignored;
  std::vector<std::optional<FoundIe>> found;
  if (auto e = read_non_imperative(pdu, kPlainHeaderSize, kCompleteIes, kComplete, found, ignored,
                                   kTs24501Clauses))
    return *e;
  if (const auto& ie = found[kImeisv]) {
    std::string digits;
    if (auto why = decode_imeisv(ie->value, digits))
      treat_as_not_present(ignored, *ie, kCompleteIes[kImeisv], *why, kTs24501Clauses);
    else
      m.imeisv = digits;
  }
  if (const auto& ie = found[kContainer])
    m.nas_message_container = Bytes(ie->value.begin(), ie->value.end());
  if (const auto& ie = found[kPei]) {
    NonImeisvPei pei;
    std::size_t used = 0;
    if (auto why = decode_non_imeisv_pei(ie->value, pei, used)) {
      treat_as_not_present(ignored, *ie, kCompleteIes[kPei], *why, kTs24501Clauses);
    } else {
      m.non_imeisv_pei = pei;
      if (used < ie->value.size())
        beyond_defined_length(ignored, ie->offset, kCompleteIes[kPei].iei, kCompleteIes[kPei].name,
               ie->value.size() - used);
    }
  }
  return {std::move(m), std::move(ignored)};
}

Decoded<SecurityModeReject> decode_security_mode_reject(ByteView pdu) {
  if (auto e = check_plain_5gmm_header(pdu, kReject, kRejectType)) return *e;
  if (pdu.size() < 4) return missing_ie(kReject, "5GMM cause", 3, kTs24501Clauses);
  std::vector<IgnoredIe> ignored;
  std::vector<std::optional<FoundIe>> found;
  // Table 8.2.27.1.1 has no optional IEs: anything after the cause is unknown to the message.
  if (auto e = read_non_imperative(pdu, 4, {}, kReject, found, ignored, kTs24501Clauses)) return *e;
  return {SecurityModeReject{pdu[3]}, std::move(ignored)};
}

Decoded<SecurityModeMessage> decode_security_mode_message(ByteView pdu) {
  // check_plain_5gmm_header is given octet 3 itself so it only checks octets 1 and 2 here.
  if (auto e = check_plain_5gmm_header(pdu, "5GMM message", pdu.size() >= 3 ? pdu[2] : 0))
    return *e;
  using V = SecurityModeMessage;
  if (pdu[2] == kCommandType) return widen<V>(decode_security_mode_command(pdu));
  if (pdu[2] == kCompleteType) return widen<V>(decode_security_mode_complete(pdu));
  if (pdu[2] == kRejectType) return widen<V>(decode_security_mode_reject(pdu));
  return CodecError{"5GMM message", "Message type", 2,
                    "message type " + hex_octet(pdu[2]) +
                        " is not a security mode message (0x5d..0x5f, TS 24.501 table 9.7.1)"};
}

Bytes encode(const SecurityModeCommand& m) {
  const auto& alg = m.selected_nas_security_algorithms;
  if (alg.ciphering > 15 || alg.integrity > 15)
    throw std::invalid_argument(
        "NAS security algorithms: each type is 4 bits (TS 24.501 9.11.3.34)");
  if (m.ngksi.ksi > 6)
    throw std::invalid_argument("ngKSI: 0..6 network to UE (TS 24.501 9.11.3.32)");
  if (m.imeisv_request && *m.imeisv_request > 7)
    throw std::invalid_argument("IMEISV request: the value is 3 bits (TS 24.008 10.5.5.10)");
  if (const auto& eps = m.selected_eps_nas_security_algorithms;
      eps && (eps->ciphering > 7 || eps->integrity > 7))
    throw std::invalid_argument(
        "Selected EPS NAS security algorithms: each type is 3 bits (TS 24.301 9.9.3.23)");
  if (m.eap_message && (m.eap_message->size() < 4 || m.eap_message->size() > 1500))
    throw std::invalid_argument("EAP message: 4..1500 octets (TS 24.501 9.11.2.2)");
  if (m.abba && (m.abba->size() < 2 || m.abba->size() > 255))
    throw std::invalid_argument("ABBA: 2..255 octets (TS 24.501 9.11.3.10)");

  Bytes out{kFiveGmmEpd, static_cast<std::uint8_t>(SecurityHeaderType::plain), kCommandType,
            static_cast<std::uint8_t>(alg.ciphering << 4 | alg.integrity),
            static_cast<std::uint8_t>((m.ngksi.mapped ? 0x08 : 0x00) | m.ngksi.ksi)};
  const Bytes caps = encode_ue_security_capability(m.replayed_ue_security_capabilities);
  out.push_back(static_cast<std::uint8_t>(caps.size()));
  out.insert(out.end(), caps.begin(), caps.end());
  if (m.imeisv_request) out.push_back(static_cast<std::uint8_t>(0xe0 | *m.imeisv_request));
  if (const auto& eps = m.selected_eps_nas_security_algorithms) {
    out.push_back(0x57);
    out.push_back(static_cast<std::uint8_t>(eps->ciphering << 4 | eps->integrity));
  }
  if (const auto& info = m.additional_5g_security_information)
    nas::put_tlv(out, 0x36,
                 Bytes{static_cast<std::uint8_t>(
                     (info->retransmission_of_initial_nas_message_requested ? 0x02 : 0x00) |
                     (info->horizontal_derivation_required ? 0x01 : 0x00))});
  if (m.eap_message) nas::put_tlv_e(out, 0x78, *m.eap_message);
  if (m.abba) nas::put_tlv(out, 0x38, *m.abba);
  if (m.replayed_s1_ue_security_capabilities)
    nas::put_tlv(out, 0x19,
                 nas::encode_ue_security_capability(*m.replayed_s1_ue_security_capabilities));
  return out;
}

Bytes encode(const SecurityModeComplete& m) {
  Bytes out{kFiveGmmEpd, static_cast<std::uint8_t>(SecurityHeaderType::plain), kCompleteType};
  if (m.imeisv) nas::put_tlv_e(out, 0x77, encode_imeisv(*m.imeisv));
  if (m.nas_message_container) {
    const std::size_t n = m.nas_message_container->size();
    if (n < 1 || n > 65535)
      throw std::invalid_argument("NAS message container: 1..65535 octets (TS 24.501 9.11.3.33)");
    nas::put_tlv_e(out, 0x71, *m.nas_message_container);
  }
  if (m.non_imeisv_pei) nas::put_tlv_e(out, 0x78, encode_non_imeisv_pei(*m.non_imeisv_pei));
  return out;
}

Bytes encode(const SecurityModeReject& m) {
  return {kFiveGmmEpd, static_cast<std::uint8_t>(SecurityHeaderType::plain), kRejectType, m.cause};
}

Bytes encode(const SecurityModeMessage& m) {
  return std::visit([](const auto& message) { return encode(message); }, m);
}

}  // namespace secmode::spec::nas5gs
