#include "impl/engine/nas_wire.h"

#include <algorithm>

#include "impl/codec/nas_5gs_mm.h"
#include "impl/codec/nas_eps_emm.h"
#include "impl/engine/initial_request.h"
#include "impl/engine/ue_security_capability.h"

namespace secmode::impl::engine {

namespace {

std::optional<std::array<std::uint8_t, 9>> copied(const std::optional<std::span<const std::uint8_t, 9>>& imeisv) {
  if (!imeisv) return std::nullopt;
  std::array<std::uint8_t, 9> v{};
  std::copy(imeisv->begin(), imeisv->end(), v.begin());
  return v;
}

}  // namespace

std::optional<ReplayedCapabilities> EpsNasWire::read_initial(ByteView plain, const char*& why, std::size_t& offset) {
  const auto d = nas::decode_emm_message(plain);
  if (!d.ok()) {
    why = d.error.reason;
    offset = d.error.offset;
    return std::nullopt;
  }
  const auto request = initial_request(d.value, why);
  if (!request) return std::nullopt;
  ReplayedCapabilities r;
  std::array<std::uint8_t, 4> octets{};
  r.caps_size = replayed_capability_octets(request->ue_network_capability, octets);
  std::copy(octets.begin(), octets.end(), r.caps.begin());
  r.additional = request->additional;
  r.nonce_ue = request->nonce_ue;
  r.emergency = request->emergency_attach;
  return r;
}

codec::Encoded EpsNasWire::encode_command(const CommandFields& c, std::span<std::uint8_t> out) {
  nas::SecurityModeCommand smc;
  smc.selected_nas_security_algorithms = {c.eea, c.eia};
  smc.nas_key_set_identifier = {false, c.ksi};
  smc.replayed_ue_security_capabilities = c.caps;
  smc.replayed_ue_additional_security_capability = c.additional;  // 5.4.3.2: when the UE sent one
  if (c.imeisv_request) smc.imeisv_request = 1;
  return nas::encode(smc, out);
}

std::optional<CompleteFields> EpsNasWire::read_complete(ByteView plain, const char*& why, std::size_t& offset) {
  const auto d = nas::decode_security_mode_complete(plain);
  if (!d.ok()) {
    why = d.error.reason;
    offset = d.error.offset;
    return std::nullopt;
  }
  return CompleteFields{copied(d.value.imeisv), false};
}

const char* EpsNasWire::read_reject(ByteView plain, std::size_t& offset) {
  const auto d = nas::decode_security_mode_reject(plain);
  offset = d.error.offset;
  return d.ok() ? nullptr : d.error.reason;
}

const char* EpsNasWire::read_command(ByteView plain, CommandFields& c, std::size_t& offset) {
  const auto d = nas::decode_security_mode_command(plain);
  if (!d.ok()) {
    offset = d.error.offset;
    return d.error.reason;
  }
  const nas::SecurityModeCommand& smc = d.value;
  c.ksi = smc.nas_key_set_identifier.ksi;
  c.mapped = smc.nas_key_set_identifier.mapped;
  c.eea = smc.selected_nas_security_algorithms.ciphering;
  c.eia = smc.selected_nas_security_algorithms.integrity;
  // TS 24.301 9.9.3.36: compared as the octets the UE network capability gives (ue_security_capability.h).
  std::array<std::uint8_t, 4> octets{};
  const std::size_t n = replayed_capability_octets(smc.replayed_ue_security_capabilities, octets);
  std::copy(octets.begin(), octets.end(), c.caps_storage.begin());
  c.caps = ByteView(c.caps_storage.data(), n);
  c.additional = smc.replayed_ue_additional_security_capability;
  c.nonce_ue = smc.replayed_nonce_ue;
  c.imeisv_request = smc.imeisv_request == std::optional<std::uint8_t>(1);  // TS 24.008 10.5.5.10
  return nullptr;
}

codec::Encoded EpsNasWire::encode_complete(const std::array<std::uint8_t, 9>* imeisv, ByteView,
                                           std::span<std::uint8_t> out) {
  nas::SecurityModeComplete complete;
  if (imeisv) complete.imeisv = std::span<const std::uint8_t, 9>(*imeisv);
  return nas::encode(complete, out);
}

codec::Encoded EpsNasWire::encode_reject(std::uint8_t cause, std::span<std::uint8_t> out) {
  return nas::encode(nas::SecurityModeReject{cause}, out);
}

std::optional<ReplayedCapabilities> FivegsNasWire::read_initial(ByteView plain, const char*& why, std::size_t& offset) {
  const auto d = nas5gs::decode_registration_request(plain);
  if (!d.ok()) {
    why = d.error.reason;
    offset = d.error.offset;
    return std::nullopt;
  }
  ReplayedCapabilities r;
  if (!d.value.ue_security_capability || d.value.ue_security_capability->size() > r.caps.size()) {
    why = "a REGISTRATION REQUEST without UE security capability leaves nothing to replay";
    return std::nullopt;
  }
  const ByteView caps = *d.value.ue_security_capability;
  std::copy(caps.begin(), caps.end(), r.caps.begin());
  r.caps_size = caps.size();
  constexpr std::uint8_t kEmergencyRegistration = 4;  // TS 24.501 9.11.3.7
  r.emergency = d.value.registration_type == kEmergencyRegistration;
  return r;
}

codec::Encoded FivegsNasWire::encode_command(const CommandFields& c, std::span<std::uint8_t> out) {
  nas5gs::SecurityModeCommand smc;
  smc.selected_nas_security_algorithms = {c.eea, c.eia};
  smc.ngksi = {false, c.ksi};
  smc.replayed_ue_security_capabilities = c.caps;
  if (c.imeisv_request) smc.imeisv_request = 1;
  // TS 24.501 5.4.2.2: RINMR when the initial request failed the integrity check; HDP with K'_AMF.
  if (c.horizontal || c.rinmr) smc.additional_5g_security_information = {c.rinmr, c.horizontal};
  return nas5gs::encode(smc, out);
}

std::optional<CompleteFields> FivegsNasWire::read_complete(ByteView plain, const char*& why, std::size_t& offset) {
  const auto d = nas5gs::decode_security_mode_complete(plain);
  if (!d.ok()) {
    why = d.error.reason;
    offset = d.error.offset;
    return std::nullopt;
  }
  return CompleteFields{copied(d.value.imeisv), d.value.nas_message_container.has_value()};
}

const char* FivegsNasWire::read_reject(ByteView plain, std::size_t& offset) {
  const auto d = nas5gs::decode_security_mode_reject(plain);
  offset = d.error.offset;
  return d.ok() ? nullptr : d.error.reason;
}

const char* FivegsNasWire::read_command(ByteView plain, CommandFields& c, std::size_t& offset) {
  const auto d = nas5gs::decode_security_mode_command(plain);
  if (!d.ok()) {
    offset = d.error.offset;
    return d.error.reason;
  }
  const nas5gs::SecurityModeCommand& smc = d.value;
  c.ksi = smc.ngksi.ksi;
  c.mapped = smc.ngksi.mapped;
  c.eea = smc.selected_nas_security_algorithms.ciphering;
  c.eia = smc.selected_nas_security_algorithms.integrity;
  // TS 24.501 5.4.2.3: the replayed UE security capabilities as sent; the S1 ones are ignored.
  c.caps = smc.replayed_ue_security_capabilities;
  c.imeisv_request = smc.imeisv_request == std::optional<std::uint8_t>(1);
  if (const auto& more = smc.additional_5g_security_information) {
    c.horizontal = more->horizontal_derivation_required;
    c.rinmr = more->retransmission_of_initial_nas_message_requested;
  }
  return nullptr;
}

codec::Encoded FivegsNasWire::encode_complete(const std::array<std::uint8_t, 9>* imeisv, ByteView initial,
                                              std::span<std::uint8_t> out) {
  nas5gs::SecurityModeComplete complete;
  if (imeisv) complete.imeisv = std::span<const std::uint8_t, 9>(*imeisv);
  if (!initial.empty()) complete.nas_message_container = initial;
  return nas5gs::encode(complete, out);
}

codec::Encoded FivegsNasWire::encode_reject(std::uint8_t cause, std::span<std::uint8_t> out) {
  return nas5gs::encode(nas5gs::SecurityModeReject{cause}, out);
}

}  // namespace secmode::impl::engine
