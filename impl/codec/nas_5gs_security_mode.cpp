// Decoders for TS 24.501 8.2.25 SECURITY MODE COMMAND, 8.2.26 SECURITY MODE COMPLETE and 8.2.27
// SECURITY MODE REJECT as plain 5GS NAS messages (9.1.1 item 1): one pass, views into the PDU.
#include <array>

#include "impl/codec/nas_5gs.h"
#include "impl/codec/nas_5gs_ies.h"
#include "impl/codec/nas_eps_ies.h"
#include "impl/codec/nas_ie.h"

namespace secmode::impl::nas5gs {
namespace {

using nas::detail::failed;
using nas::detail::Format;
using nas::detail::Found;
using nas::detail::kTs24501Clauses;
using nas::detail::missing;
using nas::detail::Row;

constexpr const char* kCommand = "SECURITY MODE COMMAND";
constexpr const char* kComplete = "SECURITY MODE COMPLETE";
constexpr const char* kReject = "SECURITY MODE REJECT";
constexpr const char* kCapabilities = "Replayed UE security capabilities";

using detail::kPlainHeaderSize;
// 9.11.3.54 contents: "a maximum length of 10 octets" less the IEI and length octets.
constexpr std::size_t kCapabilitiesMax = 8;

// The optional rows of tables 8.2.25.1.1 and 8.2.26.1.1 (V17.9.0) in table order; lengths are
// value octets, the table's Length column less IEI and length octets.
constexpr std::array<Row, 6> kCommandRows{{
    {0xe0, Format::half, 0, 0, "IMEISV request"},                    // TV 1
    {0x57, Format::tv, 1, 1, "Selected EPS NAS security algorithms"},   // TV 2
    {0x36, Format::tlv, 1, 1, "Additional 5G security information"},    // TLV 3
    {0x78, Format::tlv_e, 4, 1500, "EAP message"},                      // TLV-E 7-1503
    {0x38, Format::tlv, 2, 255, "ABBA"},                                // TLV 4-n
    {0x19, Format::tlv, 2, 5, "Replayed S1 UE security capabilities"},  // TLV 4-7
}};
enum CommandRow { kImeisvRequest, kEpsAlgorithms, kAdditionalInfo, kEap, kAbba, kS1Capabilities };
constexpr std::array<Row, 3> kCompleteRows{{
    {0x77, Format::tlv_e, 9, 9, "IMEISV"},                     // TLV-E 12
    {0x71, Format::tlv_e, 1, 65535, "NAS message container"},  // TLV-E 4-n
    {0x78, Format::tlv_e, 4, 65535, "non-IMEISV PEI"},         // TLV-E 7-n
}};
enum CompleteRow { kImeisv, kContainer, kPei };
constexpr std::array<Row, 0> kNoRows{};  // table 8.2.27.1.1 has no optional IEs
constexpr nas::detail::Table kCommandTable = nas::detail::table(kCommandRows);
constexpr nas::detail::Table kCompleteTable = nas::detail::table(kCompleteRows);
constexpr nas::detail::Table kRejectTable = nas::detail::table(kNoRows);

}  // namespace

Decoded<SecurityModeCommand> decode_security_mode_command(ByteView pdu,
                                                          std::span<IgnoredIe> sink) noexcept {
  Decoded<SecurityModeCommand> d;
  if (!detail::check_header(pdu, kCommand, detail::kSecurityModeCommand, d.error)) return d;
  SecurityModeCommand& m = d.value;
  // Octet 4, 9.11.3.34: ciphering in bits 8..5, integrity in bits 4..1.
  if (pdu.size() < 4)
    return missing<SecurityModeCommand>(kCommand, "Selected NAS security algorithms", 3,
                                        kTs24501Clauses);
  m.selected_nas_security_algorithms = {static_cast<std::uint8_t>(pdu[3] >> 4),
                                        static_cast<std::uint8_t>(pdu[3] & 0x0f)};
  // Octet 5: ngKSI (9.11.3.32) in bits 4..1, the spare half octet in bits 8..5 (9.5).
  if (pdu.size() < 5) return missing<SecurityModeCommand>(kCommand, "ngKSI", 4, kTs24501Clauses);
  m.ngksi = {(pdu[4] & 0x08) != 0, static_cast<std::uint8_t>(pdu[4] & 0x07)};
  if (m.ngksi.ksi == 7)
    return failed<SecurityModeCommand>(
        kCommand, "ngKSI", 4,
        "value 111 is reserved in the network to UE direction (TS 24.501 table 9.11.3.32.1)");
  // Octets 6.., LV 3-9: the length octet, then the capability octets, cut to 8 (11.4.2).
  nas::detail::Sink ignored(sink);
  ByteView caps;
  std::size_t end = 0;
  if (!nas::detail::read_lv(pdu, 5, kCapabilitiesMax, kCommand, kCapabilities, caps, end, ignored,
                            d.error, kTs24501Clauses))
    return d;
  // A syntactically incorrect mandatory IE fails the message (TS 24.501 7.5.1).
  if (const char* fault = detail::ue_security_capability_fault(caps.size()))
    return failed<SecurityModeCommand>(kCommand, kCapabilities, 5, fault);
  m.replayed_ue_security_capabilities = caps;

  std::array<Found, kCommandRows.size()> found{};
  if (!nas::detail::walk(pdu, end, kCommandTable, kCommand, found, ignored, d.error,
                         kTs24501Clauses))
    return d;
  // 9.11.3.28 -> TS 24.008 10.5.5.10: bit 4 spare, the IMEISV request value in bits 3..1.
  if (found[kImeisvRequest].present)
    m.imeisv_request = static_cast<std::uint8_t>(found[kImeisvRequest].half & 0x07);
  // 9.11.3.25 -> TS 24.301 9.9.3.23: bit 8 spare, EEA in bits 7..5, bit 4 spare, EIA in 3..1.
  if (const Found& f = found[kEpsAlgorithms]; f.present)
    m.selected_eps_nas_security_algorithms = nas::NasSecurityAlgorithms{
        static_cast<std::uint8_t>(f.value[0] >> 4 & 0x07),
        static_cast<std::uint8_t>(f.value[0] & 0x07)};
  // 9.11.3.12: bits 8..3 spare, RINMR bit 2, HDP bit 1.
  if (const Found& f = found[kAdditionalInfo]; f.present)
    m.additional_5g_security_information =
        Additional5gSecurityInformation{(f.value[0] & 0x02) != 0, (f.value[0] & 0x01) != 0};
  if (found[kEap].present) m.eap_message = found[kEap].value;
  // 9.11.3.10: the contents are passed on as received (NOTE 1, NOTE 2).
  if (found[kAbba].present) m.abba = found[kAbba].value;
  if (const Found& f = found[kS1Capabilities]; f.present) {
    // TS 24.301 9.9.3.36, contents already cut to 5 by the walk. TS 24.501 7.7.1: syntactically
    // incorrect contents make the optional IE not present; it still counts as taken (7.6.3).
    // The walk took 2..5 octets, so the one fault left is 3 octets.
    if (nas::detail::ue_security_capability_fault(f.value.size()))
      ignored.add(f.offset, kCommandRows[kS1Capabilities].iei, kCommandRows[kS1Capabilities].name,
                  "octet 5 without octet 6 (TS 24.301 9.9.3.36); treated as not present (TS "
                  "24.501 7.7.1)");
    else
      m.replayed_s1_ue_security_capabilities = f.value;
  }
  d.ignored = ignored.count();
  return d;
}

Decoded<SecurityModeComplete> decode_security_mode_complete(ByteView pdu,
                                                            std::span<IgnoredIe> sink) noexcept {
  Decoded<SecurityModeComplete> d;
  if (!detail::check_header(pdu, kComplete, detail::kSecurityModeComplete, d.error)) return d;
  nas::detail::Sink ignored(sink);
  std::array<Found, kCompleteRows.size()> found{};
  if (!nas::detail::walk(pdu, kPlainHeaderSize, kCompleteTable, kComplete, found, ignored, d.error,
                         kTs24501Clauses))
    return d;
  SecurityModeComplete& m = d.value;
  // TS 24.501 7.7.1: syntactically incorrect contents make an optional IE not present. The IE
  // still counts as the first occurrence for 7.6.3, so a later copy stays ignored.
  if (const Found& f = found[kImeisv]; f.present) {
    const auto imeisv = f.value.first<9>();
    if (const char* fault = detail::imeisv_fault(imeisv))
      ignored.add(f.offset, kCompleteRows[kImeisv].iei, kCompleteRows[kImeisv].name, fault);
    else
      m.imeisv = imeisv;
  }
  if (found[kContainer].present) m.nas_message_container = found[kContainer].value;
  if (const Found& f = found[kPei]; f.present) {
    std::size_t used = 0;
    const char* fault = nullptr;
    const Row& row = kCompleteRows[kPei];
    if (auto pei = detail::non_imeisv_pei(f.value, used, fault)) {
      m.non_imeisv_pei = *pei;
      if (used < f.value.size())
        ignored.add(f.offset, row.iei, row.name, nas::detail::kBeyondDefinedLength);
    } else {
      ignored.add(f.offset, row.iei, row.name, fault);
    }
  }
  d.ignored = ignored.count();
  return d;
}

Decoded<SecurityModeReject> decode_security_mode_reject(ByteView pdu,
                                                        std::span<IgnoredIe> sink) noexcept {
  Decoded<SecurityModeReject> d;
  if (!detail::check_header(pdu, kReject, detail::kSecurityModeReject, d.error)) return d;
  if (pdu.size() < 4) return missing<SecurityModeReject>(kReject, "5GMM cause", 3, kTs24501Clauses);
  d.value.cause = pdu[3];  // 9.11.3.2: any value; table 9.11.3.2.1 maps unknown ones to #111
  nas::detail::Sink ignored(sink);
  // Anything after the cause is unknown to the message.
  if (!nas::detail::walk(pdu, 4, kRejectTable, kReject, {}, ignored, d.error, kTs24501Clauses))
    return d;
  d.ignored = ignored.count();
  return d;
}

Decoded<SecurityModeMessage> decode_security_mode_message(ByteView pdu,
                                                          std::span<IgnoredIe> sink) noexcept {
  using V = SecurityModeMessage;
  Decoded<SecurityModeMessage> d;
  if (!detail::check_plain_header(pdu, "5GMM message", d.error)) return d;
  switch (pdu[2]) {
    case detail::kSecurityModeCommand:
      return nas::detail::widen<V>(decode_security_mode_command(pdu, sink));
    case detail::kSecurityModeComplete:
      return nas::detail::widen<V>(decode_security_mode_complete(pdu, sink));
    case detail::kSecurityModeReject:
      return nas::detail::widen<V>(decode_security_mode_reject(pdu, sink));
    default:
      return failed<SecurityModeMessage>(
          "5GMM message", "Message type", 2,
          "not a security mode message (0x5d..0x5f, TS 24.501 table 9.7.1)");
  }
}

}  // namespace secmode::impl::nas5gs
