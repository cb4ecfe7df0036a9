// Encoders for TS 24.501 8.2.25-8.2.27 in canonical form: IEs in table order, spare bits zero.
// Each checks the value's contract before writing, so a refused value writes nothing.
#include <variant>

#include "impl/codec/nas_5gs.h"
#include "impl/codec/nas_5gs_ies.h"
#include "impl/codec/nas_eps_ies.h"
#include "impl/codec/nas_ie.h"

namespace secmode::impl::nas5gs {
namespace {

using nas::detail::Writer;

Encoded refused(const char* why) noexcept { return {0, false, why}; }

void put_tlv(Writer& w, std::uint8_t iei, ByteView contents) noexcept {
  w.put(iei);
  w.put(static_cast<std::uint8_t>(contents.size()));
  w.put(contents);
}

void put_tlv_e(Writer& w, std::uint8_t iei, ByteView contents) noexcept {
  w.put(iei);
  w.put16(static_cast<std::uint16_t>(contents.size()));
  w.put(contents);
}

// The 5GS mobile identity IE holding `pei`: 9.11.3.4 sizes its contents by the type.
void put_pei(Writer& w, const NonImeisvPei& pei) noexcept {
  w.put(0x78);
  w.put16(std::holds_alternative<Imei>(pei) ? 8 : std::holds_alternative<MacAddress>(pei) ? 7 : 9);
  detail::put_pei_contents(w, pei);
}

}  // namespace

Encoded encode(const SecurityModeCommand& m, std::span<std::uint8_t> out) noexcept {
  const auto& alg = m.selected_nas_security_algorithms;
  const auto caps = m.replayed_ue_security_capabilities;
  if (alg.ciphering > 15 || alg.integrity > 15)
    return refused("NAS security algorithms: each type is 4 bits (TS 24.501 9.11.3.34)");
  if (m.ngksi.ksi > 6) return refused("ngKSI: 0..6 network to UE (TS 24.501 9.11.3.32)");
  if (caps.size() > 8 || detail::ue_security_capability_fault(caps.size()))
    return refused("UE security capability: 2, 4, 6 or 8 octets (TS 24.501 9.11.3.54)");
  if (m.imeisv_request && *m.imeisv_request > 7)
    return refused("IMEISV request: the value is 3 bits (TS 24.008 10.5.5.10)");
  if (const auto& eps = m.selected_eps_nas_security_algorithms;
      eps && (eps->ciphering > 7 || eps->integrity > 7))
    return refused(
        "Selected EPS NAS security algorithms: each type is 3 bits (TS 24.301 9.9.3.23)");
  if (m.eap_message && (m.eap_message->size() < 4 || m.eap_message->size() > 1500))
    return refused("EAP message: 4..1500 octets (TS 24.501 9.11.2.2)");
  if (m.abba && (m.abba->size() < 2 || m.abba->size() > 255))
    return refused("ABBA: 2..255 octets (TS 24.501 9.11.3.10)");
  if (const auto& s1 = m.replayed_s1_ue_security_capabilities;
      s1 && (s1->size() > 5 || nas::detail::ue_security_capability_fault(s1->size())))
    return refused("S1 UE security capability: 2, 4 or 5 octets (TS 24.301 9.9.3.36)");
  Writer w(out);
  w.put(kFiveGmmEpd);
  w.put(static_cast<std::uint8_t>(SecurityHeaderType::plain));
  w.put(detail::kSecurityModeCommand);
  w.put(static_cast<std::uint8_t>(alg.ciphering << 4 | alg.integrity));
  w.put(static_cast<std::uint8_t>((m.ngksi.mapped ? 0x08 : 0x00) | m.ngksi.ksi));
  w.put(static_cast<std::uint8_t>(caps.size()));
  w.put(caps);
  if (m.imeisv_request) w.put(static_cast<std::uint8_t>(0xe0 | *m.imeisv_request));
  if (const auto& eps = m.selected_eps_nas_security_algorithms) {
    w.put(0x57);
    w.put(static_cast<std::uint8_t>(eps->ciphering << 4 | eps->integrity));
  }
  if (const auto& info = m.additional_5g_security_information) {
    w.put(0x36);
    w.put(1);
    w.put(static_cast<std::uint8_t>(
        (info->retransmission_of_initial_nas_message_requested ? 0x02 : 0x00) |
        (info->horizontal_derivation_required ? 0x01 : 0x00)));
  }
  if (m.eap_message) put_tlv_e(w, 0x78, *m.eap_message);
  if (m.abba) put_tlv(w, 0x38, *m.abba);
  if (m.replayed_s1_ue_security_capabilities)
    put_tlv(w, 0x19, *m.replayed_s1_ue_security_capabilities);
  return w.done();
}

Encoded encode(const SecurityModeComplete& m, std::span<std::uint8_t> out) noexcept {
  if (m.imeisv && detail::imeisv_fault(*m.imeisv))
    return refused("IMEISV: 16 decimal digits as TS 24.501 9.11.3.4 lays them out");
  if (m.nas_message_container &&
      (m.nas_message_container->empty() || m.nas_message_container->size() > 65535))
    return refused("NAS message container: 1..65535 octets (TS 24.501 9.11.3.33)");
  if (const auto* imei = m.non_imeisv_pei ? std::get_if<Imei>(&*m.non_imeisv_pei) : nullptr;
      imei && detail::imei_fault(imei->identity))
    return refused("IMEI: 15 decimal digits as TS 24.501 9.11.3.4 lays them out");
  Writer w(out);
  w.put(kFiveGmmEpd);
  w.put(static_cast<std::uint8_t>(SecurityHeaderType::plain));
  w.put(detail::kSecurityModeComplete);
  if (m.imeisv) put_tlv_e(w, 0x77, *m.imeisv);
  if (m.nas_message_container) put_tlv_e(w, 0x71, *m.nas_message_container);
  if (m.non_imeisv_pei) put_pei(w, *m.non_imeisv_pei);
  return w.done();
}

Encoded encode(const SecurityModeReject& m, std::span<std::uint8_t> out) noexcept {
  Writer w(out);
  w.put(kFiveGmmEpd);
  w.put(static_cast<std::uint8_t>(SecurityHeaderType::plain));
  w.put(detail::kSecurityModeReject);
  w.put(m.cause);
  return w.done();
}

Encoded encode(const SecurityModeMessage& m, std::span<std::uint8_t> out) noexcept {
  return std::visit([out](const auto& message) noexcept { return encode(message, out); }, m);
}

}  // namespace secmode::impl::nas5gs
