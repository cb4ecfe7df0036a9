// Encoders for TS 24.301 8.2.20-8.2.22 in canonical form: IEs in table order, spare bits zero.
// Each checks the value's contract before writing, so a refused value writes nothing.
#include <variant>

#include "impl/codec/nas_eps.h"
#include "impl/codec/nas_eps_ies.h"
#include "impl/codec/nas_ie.h"

namespace secmode::impl::nas {
namespace {

Encoded refused(const char* why) noexcept { return {0, false, why}; }

void put_tlv(detail::Writer& w, std::uint8_t iei, ByteView contents) noexcept {
  w.put(iei);
  w.put(static_cast<std::uint8_t>(contents.size()));
  w.put(contents);
}

}  // namespace

Encoded encode(const SecurityModeCommand& m, std::span<std::uint8_t> out) noexcept {
  const auto& alg = m.selected_nas_security_algorithms;
  const auto& ksi = m.nas_key_set_identifier;
  const auto caps = m.replayed_ue_security_capabilities;
  if (alg.ciphering > 7 || alg.integrity > 7)
    return refused("NAS security algorithms: each type is 3 bits (TS 24.301 9.9.3.23)");
  if (ksi.ksi > 6)
    return refused("NAS key set identifier: 0..6 network to UE (TS 24.301 9.9.3.21)");
  if (caps.size() > 5 || detail::ue_security_capability_fault(caps.size()))
    return refused("UE security capability: 2, 4 or 5 octets (TS 24.301 9.9.3.36)");
  if (m.imeisv_request && *m.imeisv_request > 7)
    return refused("IMEISV request: the value is 3 bits (TS 24.008 10.5.5.10)");
  detail::Writer w(out);
  w.put(detail::kEmmPd);  // security header type 0: plain
  w.put(detail::kSecurityModeCommand);
  w.put(static_cast<std::uint8_t>(alg.ciphering << 4 | alg.integrity));
  w.put(detail::nibble(ksi));
  w.put(static_cast<std::uint8_t>(caps.size()));
  w.put(caps);
  if (m.imeisv_request) w.put(static_cast<std::uint8_t>(0xc0 | *m.imeisv_request));
  if (m.replayed_nonce_ue) {
    w.put(0x55);
    w.put32(*m.replayed_nonce_ue);
  }
  if (m.nonce_mme) {
    w.put(0x56);
    w.put32(*m.nonce_mme);
  }
  if (m.hash_mme) put_tlv(w, 0x4f, *m.hash_mme);
  if (const auto& c = m.replayed_ue_additional_security_capability) {
    w.put(0x6f);
    w.put(4);
    w.put16(c->ea);
    w.put16(c->ia);
  }
  if (m.ue_radio_capability_id_request) {
    w.put(0x37);
    w.put(1);
    w.put(*m.ue_radio_capability_id_request ? 0x01 : 0x00);
  }
  return w.done();
}

Encoded encode(const SecurityModeComplete& m, std::span<std::uint8_t> out) noexcept {
  if (m.imeisv && detail::imeisv_fault(*m.imeisv))
    return refused("IMEISV: 16 decimal digits as TS 24.008 10.5.1.4 lays them out");
  if (m.replayed_nas_message_container && m.replayed_nas_message_container->size() > 65535)
    return refused("Replayed NAS message container: 0..65535 octets (TS 24.301 9.9.3.51)");
  if (m.ue_radio_capability_id &&
      (m.ue_radio_capability_id->empty() || m.ue_radio_capability_id->size() > 255))
    return refused("UE radio capability ID: 1..255 octets (TS 24.301 9.9.3.60)");
  detail::Writer w(out);
  w.put(detail::kEmmPd);
  w.put(detail::kSecurityModeComplete);
  if (m.imeisv) put_tlv(w, 0x23, *m.imeisv);
  if (const auto& c = m.replayed_nas_message_container) {
    w.put(0x79);
    w.put16(static_cast<std::uint16_t>(c->size()));
    w.put(*c);
  }
  if (m.ue_radio_capability_id) put_tlv(w, 0x66, *m.ue_radio_capability_id);
  return w.done();
}

Encoded encode(const SecurityModeReject& m, std::span<std::uint8_t> out) noexcept {
  detail::Writer w(out);
  w.put(detail::kEmmPd);
  w.put(detail::kSecurityModeReject);
  w.put(m.emm_cause);
  return w.done();
}

Encoded encode(const SecurityModeMessage& m, std::span<std::uint8_t> out) noexcept {
  return std::visit([out](const auto& message) noexcept { return encode(message, out); }, m);
}

}  // namespace secmode::impl::nas
