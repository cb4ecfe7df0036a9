// Decoders for TS 24.301 8.2.20 SECURITY MODE COMMAND, 8.2.21 SECURITY MODE COMPLETE and 8.2.22
// SECURITY MODE REJECT as plain NAS messages (9.1 item 1): one pass, views into the PDU.
#include <array>

#include "impl/codec/nas_eps.h"
#include "impl/codec/nas_eps_ies.h"
#include "impl/codec/nas_ie.h"

namespace secmode::impl::nas {
namespace {

using detail::Format;
using detail::Found;
using detail::Row;

constexpr const char* kCommand = "SECURITY MODE COMMAND";
constexpr const char* kComplete = "SECURITY MODE COMPLETE";
constexpr const char* kReject = "SECURITY MODE REJECT";
constexpr const char* kCapabilities = "Replayed UE security capabilities";

// The optional rows of tables 8.2.20.1 and 8.2.21.1 (V17.9.0) in table order. Later releases
// append IEs (V19: D- and 67); a V17 receiver skips them as unknown (7.6.1), and so do we.
constexpr std::array<Row, 6> kCommandRows{{
    {0xc0, Format::half, 0, 0, "IMEISV request"},                             // TV 1
    {0x55, Format::tv, 4, 4, "Replayed nonceUE"},                             // TV 5
    {0x56, Format::tv, 4, 4, "NonceMME"},                                     // TV 5
    {0x4f, Format::tlv, 8, 8, "HashMME"},                                     // TLV 10
    {0x6f, Format::tlv, 4, 4, "Replayed UE additional security capability"},  // TLV 6
    {0x37, Format::tlv, 1, 1, "UE radio capability ID request"},              // TLV 3
}};
enum CommandRow {
  kImeisvRequest,
  kNonceUe,
  kNonceMme,
  kHashMme,
  kAdditionalCapability,
  kIdRequest
};
constexpr std::array<Row, 3> kCompleteRows{{
    {0x23, Format::tlv, 9, 9, "IMEISV"},                                // TLV 11
    {0x79, Format::tlv_e, 0, 65535, "Replayed NAS message container"},  // TLV-E 3-n
    {0x66, Format::tlv, 1, 255, "UE radio capability ID"},              // TLV 3-n
}};
enum CompleteRow { kImeisv, kContainer, kRadioCapabilityId };
constexpr std::array<Row, 0> kNoRows{};  // table 8.2.22.1 has no optional IEs
constexpr detail::Table kCommandTable = detail::table(kCommandRows);
constexpr detail::Table kCompleteTable = detail::table(kCompleteRows);
constexpr detail::Table kRejectTable = detail::table(kNoRows);

using detail::be16;
using detail::be32;
using detail::check_plain_header;
using detail::failed;
using detail::kTs24301Clauses;
using detail::missing;

}  // namespace

Decoded<SecurityModeCommand> decode_security_mode_command(ByteView pdu,
                                                          std::span<IgnoredIe> sink) noexcept {
  Decoded<SecurityModeCommand> d;
  if (!check_plain_header(pdu, kCommand, detail::kSecurityModeCommand, d.error)) return d;
  SecurityModeCommand& m = d.value;
  // Octet 3, 9.9.3.23: bit 8 spare, ciphering bits 7..5, bit 4 spare, integrity bits 3..1.
  if (pdu.size() < 3)
    return missing<SecurityModeCommand>(kCommand, "Selected NAS security algorithms", 2,
                                        kTs24301Clauses);
  m.selected_nas_security_algorithms = {static_cast<std::uint8_t>(pdu[2] >> 4 & 0x07),
                                        static_cast<std::uint8_t>(pdu[2] & 0x07)};
  // Octet 4, 8.1 b): NAS key set identifier (9.9.3.21) in bits 4..1, spare half octet above.
  if (pdu.size() < 4)
    return missing<SecurityModeCommand>(kCommand, "NAS key set identifier", 3, kTs24301Clauses);
  m.nas_key_set_identifier = detail::key_set(pdu[3] & 0x0f);
  if (m.nas_key_set_identifier.ksi == 7)
    return failed<SecurityModeCommand>(
        kCommand, "NAS key set identifier", 3,
        "value 111 is reserved in the network to UE direction (TS 24.301 9.9.3.21)");
  // Octets 5.., LV: the length octet, then the capability octets, cut to 5 (TS 24.007 11.4.2).
  detail::Sink ignored(sink);
  ByteView caps;
  std::size_t end = 0;
  if (!detail::read_lv(pdu, 4, 5, kCommand, kCapabilities, caps, end, ignored, d.error,
                       kTs24301Clauses))
    return d;
  if (const char* fault = detail::ue_security_capability_fault(caps.size()))
    return failed<SecurityModeCommand>(kCommand, kCapabilities, 4, fault);
  m.replayed_ue_security_capabilities = caps;

  std::array<Found, kCommandRows.size()> found{};
  if (!detail::walk(pdu, end, kCommandTable, kCommand, found, ignored, d.error)) return d;
  // TS 24.008 10.5.5.10: bit 4 spare, the IMEISV request value in bits 3..1.
  if (found[kImeisvRequest].present)
    m.imeisv_request = static_cast<std::uint8_t>(found[kImeisvRequest].half & 0x07);
  if (found[kNonceUe].present) m.replayed_nonce_ue = be32(found[kNonceUe].value);
  if (found[kNonceMme].present) m.nonce_mme = be32(found[kNonceMme].value);
  if (found[kHashMme].present) m.hash_mme = found[kHashMme].value.first<8>();
  if (const Found& f = found[kAdditionalCapability]; f.present)
    m.replayed_ue_additional_security_capability = {be16(f.value), be16(f.value.subspan(2))};
  // 9.9.3.59: bits 8..2 spare, URCIDR in bit 1.
  if (found[kIdRequest].present)
    m.ue_radio_capability_id_request = (found[kIdRequest].value[0] & 0x01) != 0;
  d.ignored = ignored.count();
  return d;
}

Decoded<SecurityModeComplete> decode_security_mode_complete(ByteView pdu,
                                                            std::span<IgnoredIe> sink) noexcept {
  Decoded<SecurityModeComplete> d;
  if (!check_plain_header(pdu, kComplete, detail::kSecurityModeComplete, d.error)) return d;
  detail::Sink ignored(sink);
  std::array<Found, kCompleteRows.size()> found{};
  if (!detail::walk(pdu, 2, kCompleteTable, kComplete, found, ignored, d.error)) return d;
  SecurityModeComplete& m = d.value;
  if (const Found& f = found[kImeisv]; f.present) {
    const auto imeisv = f.value.first<9>();
    // TS 24.301 7.7.1: syntactically incorrect contents make the optional IE not present. The
    // IE still counts as the first occurrence for 7.6.3, so a later copy stays ignored.
    if (const char* fault = detail::imeisv_fault(imeisv))
      ignored.add(f.offset, kCompleteRows[kImeisv].iei, kCompleteRows[kImeisv].name, fault);
    else
      m.imeisv = imeisv;
  }
  if (found[kContainer].present) m.replayed_nas_message_container = found[kContainer].value;
  if (found[kRadioCapabilityId].present) m.ue_radio_capability_id = found[kRadioCapabilityId].value;
  d.ignored = ignored.count();
  return d;
}

Decoded<SecurityModeReject> decode_security_mode_reject(ByteView pdu,
                                                        std::span<IgnoredIe> sink) noexcept {
  Decoded<SecurityModeReject> d;
  if (!check_plain_header(pdu, kReject, detail::kSecurityModeReject, d.error)) return d;
  if (pdu.size() < 3) return missing<SecurityModeReject>(kReject, "EMM cause", 2, kTs24301Clauses);
  d.value.emm_cause = pdu[2];  // 9.9.3.9: any value; unknown causes are the receiver's business
  detail::Sink ignored(sink);
  if (!detail::walk(pdu, 3, kRejectTable, kReject, {}, ignored, d.error)) return d;
  d.ignored = ignored.count();
  return d;
}

Decoded<SecurityModeMessage> decode_security_mode_message(ByteView pdu,
                                                          std::span<IgnoredIe> sink) noexcept {
  using V = SecurityModeMessage;
  if (pdu.size() < 2)
    return failed<SecurityModeMessage>(
        "EMM message", pdu.empty() ? "Protocol discriminator" : "Message type", pdu.size(),
        "too short to contain a complete message type (TS 24.301 7.2)");
  switch (pdu[1]) {
    case detail::kSecurityModeCommand:
      return detail::widen<V>(decode_security_mode_command(pdu, sink));
    case detail::kSecurityModeComplete:
      return detail::widen<V>(decode_security_mode_complete(pdu, sink));
    case detail::kSecurityModeReject:
      return detail::widen<V>(decode_security_mode_reject(pdu, sink));
    default:
      return failed<SecurityModeMessage>(
          "EMM message", "Message type", 1,
          "not a security mode message (0x5d..0x5f, TS 24.301 table 9.8.1)");
  }
}

}  // namespace secmode::impl::nas
