// TS 24.301 8.2.20 SECURITY MODE COMMAND, 8.2.21 SECURITY MODE COMPLETE, 8.2.22 SECURITY MODE
// REJECT, as plain NAS messages (9.1 item 1).
#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

#include "spec/codec/nas_eps.h"
#include "spec/codec/nas_eps_emm_ies.h"
#include "spec/codec/nas_eps_ies.h"
#include "spec/codec/nas_ie.h"
#include "spec/codec/nas_message_ies.h"

namespace secmode::spec::nas {
namespace {

constexpr const char* kCommand = "SECURITY MODE COMMAND";
constexpr const char* kComplete = "SECURITY MODE COMPLETE";
constexpr const char* kReject = "SECURITY MODE REJECT";

// TS 24.301 table 9.8.1.
constexpr std::uint8_t kCommandType = 0x5d;
constexpr std::uint8_t kCompleteType = 0x5e;
constexpr std::uint8_t kRejectType = 0x5f;

// The optional rows of tables 8.2.20.1 and 8.2.21.1 (V17.9.0), in table order; lengths are
// value octets, the table's Length column less IEI and length octets. V19 appends D- (UE coarse
// location information request) and 67 (UE coarse location information); this decoder skips
// them as unknown IEs, as a V17 receiver does.
constexpr std::array<OptionalIe, 6> kCommandIes{{
    {0xc0, IeFormat::tv_half, 0, 0, "IMEISV request"},                          // TV 1
    {0x55, IeFormat::tv, 4, 4, "Replayed nonceUE"},                             // TV 5
    {0x56, IeFormat::tv, 4, 4, "NonceMME"},                                     // TV 5
    {0x4f, IeFormat::tlv, 8, 8, "HashMME"},                                     // TLV 10
    {0x6f, IeFormat::tlv, 4, 4, "Replayed UE additional security capability"},  // TLV 6
    {0x37, IeFormat::tlv, 1, 1, "UE radio capability ID request"},              // TLV 3
}};
enum CommandRow {
  kImeisvRequest,
  kNonceUe,
  kNonceMme,
  kHashMme,
  kAdditionalCapability,
  kRadioIdRequest
};

constexpr std::array<OptionalIe, 3> kCompleteIes{{
    {0x23, IeFormat::tlv, 9, 9, "IMEISV"},                                // TLV 11
    {0x79, IeFormat::tlv_e, 0, 65535, "Replayed NAS message container"},  // TLV-E 3-n
    {0x66, IeFormat::tlv, 1, 255, "UE radio capability ID"},              // TLV 3-n
}};
enum CompleteRow { kImeisv, kReplayedContainer, kRadioId };

}  // namespace

Decoded<SecurityModeCommand> decode_security_mode_command(ByteView pdu) {
  if (auto e = check_plain_emm_header(pdu, kCommand, kCommandType)) return *e;
  SecurityModeCommand m;
  // Octet 3, 9.9.3.23: bit 8 spare, ciphering in bits 7..5, bit 4 spare, integrity in bits 3..1.
  if (pdu.size() < 3)
    return missing_ie(kCommand, "Selected NAS security algorithms", 2, kTs24301Clauses);
  m.selected_nas_security_algorithms = {static_cast<std::uint8_t>(pdu[2] >> 4 & 0x07),
                                        static_cast<std::uint8_t>(pdu[2] & 0x07)};
  // Octet 4, 8.1 b): the first half-octet IE (NAS key set identifier, 9.9.3.21) takes bits 4..1,
  // the spare half octet (9.9.2.9) bits 8..5.
  if (pdu.size() < 4) return missing_ie(kCommand, "NAS key set identifier", 3, kTs24301Clauses);
  m.nas_key_set_identifier = {(pdu[3] & 0x08) != 0, static_cast<std::uint8_t>(pdu[3] & 0x07)};
  if (m.nas_key_set_identifier.ksi == 7)
    return CodecError{kCommand, "NAS key set identifier", 3,
                      "value 111 is reserved in the network to UE direction (TS 24.301 9.9.3.21)"};
  // Octets 5.., LV: length octet, then 2..5 octets of UE security capability contents.
  const char* caps = "Replayed UE security capabilities";
  std::vector<IgnoredIe> ignored;
  std::size_t offset = 4;
  ByteView contents;
  if (auto e = read_mandatory_lv(pdu, offset, false, 0, 5, kCommand, caps, "TS 24.301 9.9.3.36",
                                 contents, ignored, kTs24301Clauses))
    return *e;
  if (auto why = decode_ue_security_capability(contents, m.replayed_ue_security_capabilities))
    return CodecError{kCommand, caps, 4, *why};

  std::vector<std::optional<FoundIe>> found;
  if (auto e = read_non_imperative(pdu, offset, kCommandIes, kCommand, found, ignored))
    return *e;
  // TS 24.008 10.5.5.10: bit 4 spare, the IMEISV request value in bits 3..1.
  if (const auto& ie = found[kImeisvRequest])
    m.imeisv_request = static_cast<std::uint8_t>(ie->half & 0x07);
  if (const auto& ie = found[kNonceUe]) m.replayed_nonce_ue = load_be32(ie->value.data());
  if (const auto& ie = found[kNonceMme]) m.nonce_mme = load_be32(ie->value.data());
  if (const auto& ie = found[kHashMme]) {
    m.hash_mme.emplace();
    std::copy(ie->value.begin(), ie->value.end(), m.hash_mme->begin());
  }
  if (const auto& ie = found[kAdditionalCapability])
    m.replayed_ue_additional_security_capability =
        decode_ue_additional_security_capability(ie->value);
  if (const auto& ie = found[kRadioIdRequest])
    m.ue_radio_capability_id_request = (ie->value[0] & 0x01) != 0;  // 9.9.3.59: bits 8..2 spare
  return {std::move(m), std::move(ignored)};
}

Decoded<SecurityModeComplete> decode_security_mode_complete(ByteView pdu) {
  if (auto e = check_plain_emm_header(pdu, kComplete, kCompleteType)) return *e;
  SecurityModeComplete m;
  std::vector<IgnoredIe> ignored;
  std::vector<std::optional<FoundIe>> found;
  if (auto e = read_non_imperative(pdu, 2, kCompleteIes, kComplete, found, ignored)) return *e;
  if (const auto& ie = found[kImeisv]) {
    std::string digits;
    if (auto why = decode_imeisv(ie->value, digits))
      treat_as_not_present(ignored, *ie, kCompleteIes[kImeisv], *why, kTs24301Clauses);
    else
      m.imeisv = digits;
  }
  if (const auto& ie = found[kReplayedContainer])
    m.replayed_nas_message_container = Bytes(ie->value.begin(), ie->value.end());
  if (const auto& ie = found[kRadioId])
    m.ue_radio_capability_id = Bytes(ie->value.begin(), ie->value.end());
  return {std::move(m), std::move(ignored)};
}

Decoded<SecurityModeReject> decode_security_mode_reject(ByteView pdu) {
  if (auto e = check_plain_emm_header(pdu, kReject, kRejectType)) return *e;
  if (pdu.size() < 3) return missing_ie(kReject, "EMM cause", 2, kTs24301Clauses);
  std::vector<IgnoredIe> ignored;
  std::vector<std::optional<FoundIe>> found;
  // Table 8.2.22.1 has no optional IEs: anything after the cause is unknown to the message.
  if (auto e = read_non_imperative(pdu, 3, {}, kReject, found, ignored)) return *e;
  return {SecurityModeReject{pdu[2]}, std::move(ignored)};
}

Decoded<SecurityModeMessage> decode_security_mode_message(ByteView pdu) {
  using V = SecurityModeMessage;
  if (pdu.size() >= 2 && pdu[1] == kCommandType) return widen<V>(decode_security_mode_command(pdu));
  if (pdu.size() >= 2 && pdu[1] == kCompleteType)
    return widen<V>(decode_security_mode_complete(pdu));
  if (pdu.size() >= 2 && pdu[1] == kRejectType) return widen<V>(decode_security_mode_reject(pdu));
  if (pdu.size() < 2)
    return CodecError{"EMM message", pdu.empty() ? "Protocol discriminator" : "Message type",
                      pdu.size(), "too short to contain a complete message type (TS 24.301 7.2)"};
  return CodecError{"EMM message", "Message type", 1,
                    "message type " + hex_octet(pdu[1]) +
                        " is not a security mode message (0x5d..0x5f, TS 24.301 table 9.8.1)"};
}

Bytes encode(const SecurityModeCommand& m) {
  const auto& alg = m.selected_nas_security_algorithms;
  const auto& ksi = m.nas_key_set_identifier;
  if (alg.ciphering > 7 || alg.integrity > 7)
    throw std::invalid_argument(
        "NAS security algorithms: each type is 3 bits (TS 24.301 9.9.3.23)");
  if (ksi.ksi > 6)
    throw std::invalid_argument("NAS key set identifier: 0..6 network to UE (TS 24.301 9.9.3.21)");
  if (m.imeisv_request && *m.imeisv_request > 7)
    throw std::invalid_argument("IMEISV request: the value is 3 bits (TS 24.008 10.5.5.10)");
  Bytes out{kEmmProtocolDiscriminator, kCommandType,
            static_cast<std::uint8_t>(alg.ciphering << 4 | alg.integrity),
            static_cast<std::uint8_t>((ksi.mapped ? 0x08 : 0x00) | ksi.ksi)};
  const Bytes caps = encode_ue_security_capability(m.replayed_ue_security_capabilities);
  out.push_back(static_cast<std::uint8_t>(caps.size()));
  out.insert(out.end(), caps.begin(), caps.end());
  if (m.imeisv_request) out.push_back(static_cast<std::uint8_t>(0xc0 | *m.imeisv_request));
  for (const auto& [iei, nonce] : {std::pair{std::uint8_t{0x55}, m.replayed_nonce_ue},
                                   std::pair{std::uint8_t{0x56}, m.nonce_mme}})
    if (nonce) {
      out.push_back(iei);
      out.resize(out.size() + 4);
      store_be32(out.data() + out.size() - 4, *nonce);
    }
  if (m.hash_mme) put_tlv(out, 0x4f, *m.hash_mme);
  if (m.replayed_ue_additional_security_capability)
    put_tlv(
        out, 0x6f,
        encode_ue_additional_security_capability(*m.replayed_ue_additional_security_capability));
  if (m.ue_radio_capability_id_request)
    put_tlv(out, 0x37, Bytes{static_cast<std::uint8_t>(*m.ue_radio_capability_id_request)});
  return out;
}

Bytes encode(const SecurityModeComplete& m) {
  Bytes out{kEmmProtocolDiscriminator, kCompleteType};
  if (m.imeisv) put_tlv(out, 0x23, encode_imeisv(*m.imeisv));
  if (m.replayed_nas_message_container) {
    if (m.replayed_nas_message_container->size() > 65535)
      throw std::invalid_argument("Replayed NAS message container: over 65535 octets");
    put_tlv_e(out, 0x79, *m.replayed_nas_message_container);
  }
  if (m.ue_radio_capability_id) {
    const std::size_t n = m.ue_radio_capability_id->size();
    if (n < 1 || n > 255) throw std::invalid_argument("UE radio capability ID: 1..255 octets");
    put_tlv(out, 0x66, *m.ue_radio_capability_id);
  }
  return out;
}

Bytes encode(const SecurityModeReject& m) {
  return {kEmmProtocolDiscriminator, kRejectType, m.emm_cause};
}

Bytes encode(const SecurityModeMessage& m) {
  return std::visit([](const auto& message) { return encode(message); }, m);
}

}  // namespace secmode::spec::nas
