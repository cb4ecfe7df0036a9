#include "impl/engine/fivegs_nas_smc_ue.h"

#include <algorithm>

#include "impl/codec/nas_5gs_mm.h"
#include "impl/crypto/kdf.h"

namespace secmode::impl::engine {

namespace {

using Outcome = UeResult::Outcome;
using nas5gs::SecurityHeaderType;

constexpr std::uint8_t kSmcType = 0x5d;                  // TS 24.501 table 9.7.1
constexpr std::uint8_t kImeisvRequested = 1;             // TS 24.008 10.5.5.10 via 9.11.3.28
constexpr std::uint8_t kCauseCapabilitiesMismatch = 23;  // TS 24.501 9.11.3.2
constexpr std::uint8_t kCauseUnspecified = 24;
constexpr std::uint8_t kEmergencyRegistration = 4;  // 9.11.3.7: "emergency registration"
constexpr std::size_t kHeaderSize = 7;

UeResult discarded(const char* clause, const char* reason, std::size_t offset = 0) {
  return {Outcome::discarded, 0, {}, clause, reason, offset};
}

UeResult refused(const char* reason, std::size_t offset = 0) { return {Outcome::refused, 0, {}, "", reason, offset}; }

}  // namespace

FivegsNasSmcUe::FivegsNasSmcUe(std::span<const std::uint8_t, 9> imeisv) noexcept {
  std::copy(imeisv.begin(), imeisv.end(), imeisv_.begin());
}

bool FivegsNasSmcUe::aka(std::span<const std::uint8_t, 32> kamf, std::uint8_t ksi) noexcept {
  if (ksi >= kNoKsi) return false;
  fresh_ctx_.from_aka(kamf, ksi);
  fresh_ = true;
  return true;
}

UeResult FivegsNasSmcUe::send_initial(ByteView plain_request, std::span<std::uint8_t> out,
                                      bool emergency_session) noexcept {
  const auto d = nas5gs::decode_registration_request(plain_request);
  if (!d.ok()) return refused(d.error.reason, d.error.offset);
  if (!d.value.ue_security_capability)
    return refused("a REGISTRATION REQUEST without UE security capability leaves nothing to check a replay against");
  if (plain_request.size() > initial_.size()) return refused("REGISTRATION REQUEST longer than 512 octets");
  const ByteView capability = *d.value.ue_security_capability;
  if (capability.size() > expected_.size()) return refused("UE security capability longer than 8 octets (9.11.3.54)");
  UeResult r{Outcome::sent, 0, {}, "TS 24.501 4.4.6", "", 0};
  if (secured_) {
    // Integrity protected with the current context, not ciphered; 4.4.3.1: the count advances.
    const auto e = protect(current_.key, current_.eea, current_.eia, current_.next_tx, Direction::uplink,
                           SecurityHeaderType::integrity_protected, plain_request, out);
    if (!e.written) return refused(e.error);
    initial_count_ = current_.next_tx;
    current_.next_tx = (current_.next_tx + 1) & kCountMask;
    r.pdu = ByteView(out.data(), e.size);
  } else {
    if (out.size() < plain_request.size()) return refused("output buffer too small");
    std::copy(plain_request.begin(), plain_request.end(), out.begin());
    initial_count_ = 0;
    r.pdu = ByteView(out.data(), plain_request.size());
  }
  expected_size_ = capability.size();
  std::copy(capability.begin(), capability.end(), expected_.begin());
  emergency_ = d.value.registration_type == kEmergencyRegistration || emergency_session;
  initial_unprotected_ = !secured_;
  std::copy(plain_request.begin(), plain_request.end(), initial_.begin());
  initial_size_ = plain_request.size();
  return r;
}

UeResult FivegsNasSmcUe::receive(ByteView pdu, std::span<std::uint8_t> out) noexcept {
  if (pdu.size() < 2) return discarded("TS 24.501 7.2", "shorter than a 5GMM header");
  if (pdu[0] != nas5gs::kFiveGmmEpd) return discarded("TS 24.501 7.2", "not a 5GMM message");
  if ((pdu[1] & 0x0f) == 0)
    // 4.4.4.2: a SECURITY MODE COMMAND is not among the messages processed without integrity protection.
    return discarded("TS 24.501 4.4.4.2", "not integrity protected", 1);
  const auto h = nas5gs::decode_security_protected(pdu);
  if (!h.ok()) return discarded("TS 24.501 4.4.4.2", h.error.reason, h.error.offset);
  return on_command(h.value, pdu, out);
}

UeResult FivegsNasSmcUe::on_command(const nas5gs::SecurityProtectedMessage& header, ByteView pdu,
                                    std::span<std::uint8_t> out) noexcept {
  std::array<std::uint8_t, 512> plain{};
  ByteView inner = header.plain_nas_message;
  switch (header.type) {
    case SecurityHeaderType::integrity_protected_new_context:
    case SecurityHeaderType::integrity_protected:
      break;
    case SecurityHeaderType::integrity_protected_ciphered: {
      // Readable only under the current context, and only when its MAC verifies there (4.4.4.2).
      const std::uint32_t count = estimate_count(current_.next_rx, header.sequence_number);
      if (inner.size() > plain.size())
        return discarded("TS 24.501 5.4.2.3", "longer than any SECURITY MODE COMMAND", kHeaderSize);
      if (!secured_ || !mac_verifies(current_.key, current_.eia, count, Direction::downlink, header, pdu))
        return discarded("TS 24.501 4.4.4.2", "ciphered message that fails the integrity check");
      if (const char* fault =
              nas_cipher(current_.key, kFivegsNas, current_.eea, count, Direction::downlink, inner, plain))
        return discarded("TS 24.501 4.4.4.2", fault);
      inner = ByteView(plain.data(), inner.size());
      break;
    }
    default:
      return discarded("TS 24.501 9.3", "ciphered with a new context the UE cannot name before deciphering");
  }
  if (inner.size() < 3 || inner[2] != kSmcType)
    return discarded("TS 24.501 5.4.2.3", "not a SECURITY MODE COMMAND", kHeaderSize + 2);
  const auto d = nas5gs::decode_security_mode_command(inner);
  if (!d.ok()) return discarded("TS 24.501 7", d.error.reason, kHeaderSize + d.error.offset);
  const nas5gs::SecurityModeCommand& smc = d.value;

  // The context the command names (5.4.2.3): the one from the latest AKA, the current one, or none.
  const std::uint8_t ksi = smc.ngksi.ksi;
  const bool native = !smc.ngksi.mapped;
  const bool takes_fresh = native && fresh_ && ksi == fresh_ctx_.ksi;
  const bool names_current = !takes_fresh && secured_ && ksi == current_.ksi && native != current_.mapped;
  const std::uint8_t nea = smc.selected_nas_security_algorithms.ciphering;
  const std::uint8_t nia = smc.selected_nas_security_algorithms.integrity;
  const bool null_integrity = nia == 0;
  const auto& additional = smc.additional_5g_security_information;
  const bool horizontal = additional && additional->horizontal_derivation_required;
  const bool rinmr = additional && additional->retransmission_of_initial_nas_message_requested;
  const NasContext& named = takes_fresh ? fresh_ctx_ : current_;
  const bool holds_key = (takes_fresh || names_current) && named.keyed;

  // TS 33.501 6.9.3: with K_AMF_change_flag the UE derives K'_AMF from the named K_AMF and the
  // uplink NAS COUNT of its REGISTRATION REQUEST before checking the MAC, and both NAS COUNTs
  // start from zero (TS 24.501 5.4.2.3).
  NasContext next = named;
  if (horizontal && holds_key) {
    const crypto::KdfKey k(named.key);
    if (const char* fault = crypto::derive_kamf_prime(k, 0, initial_count_, next.key)) return refused(fault);
  }
  const bool new_counts = takes_fresh || horizontal;
  const std::uint32_t count = new_counts ? header.sequence_number
                                         : estimate_count(names_current ? current_.next_rx : 0, header.sequence_number);
  // Integrity protected "with new 5G NAS security context" (header type 3, 9.3) and MACed with the
  // keys of the context it names (4.4.4.2); with NIA0 nothing verifies.
  const bool header_ok = header.type == SecurityHeaderType::integrity_protected_new_context;
  const bool mac_ok =
      null_integrity || (holds_key && mac_verifies(next.key, nia, count, Direction::downlink, header, pdu));
  // 4.4.3.2: a count of the current context is accepted once; new counts have none accepted yet.
  const bool replay = header_ok && mac_ok && !null_integrity && !new_counts && count < current_.next_rx;
  if (replay) return discarded("TS 24.501 4.4.3.2", "replayed SECURITY MODE COMMAND");
  if (!header_ok || !mac_ok)
    return reject(kCauseUnspecified, header_ok ? "TS 24.501 5.4.2.5, 4.4.4.2" : "TS 24.501 5.4.2.5, 9.3", out);
  // 5.4.2.3: the replayed UE security capabilities exactly as sent; the replayed S1 ones are ignored.
  const ByteView replayed = smc.replayed_ue_security_capabilities;
  if (replayed.size() != expected_size_ || !std::equal(replayed.begin(), replayed.end(), expected_.begin()))
    return reject(kCauseCapabilitiesMismatch, "TS 24.501 5.4.2.5, 5.4.2.3", out);
  // 5.4.2.5: a ciphering algorithm this UE does not implement (NEA0-3, TS 33.501 5.11.1.1).
  if (nea > 3) return reject(kCauseUnspecified, "TS 24.501 5.4.2.5, TS 33.501 5.11.1.1", out);
  if (null_integrity && !emergency_) return reject(kCauseUnspecified, "TS 24.501 5.4.2.5, 5.4.2.3 (NIA0)", out);

  // Accepted (5.4.2.3): the named context, or K'_AMF from it, goes into use; with NIA0 the null
  // context, unless the command names the fresh one or asks for a K'_AMF (there is none to derive
  // from a context the UE does not hold).
  if (horizontal ? !holds_key : null_integrity && !takes_fresh) {
    crypto::ct::wipe_object(next.key);
    next.keyed = false;
  }
  next.ksi = ksi;
  next.mapped = !native;
  next.eea = nea;
  next.eia = nia;
  next.next_tx = new_counts ? 0 : current_.next_tx;
  next.next_rx = (count + 1) & kCountMask;
  nas5gs::SecurityModeComplete complete;
  if (smc.imeisv_request && *smc.imeisv_request == kImeisvRequested)
    complete.imeisv = std::span<const std::uint8_t, 9>(imeisv_);
  // 5.4.2.3, 4.4.6: the whole initial request when asked (RINMR) or when it went in the clear.
  if (rinmr || initial_unprotected_) complete.nas_message_container = ByteView(initial_.data(), initial_size_);
  std::array<std::uint8_t, 600> body{};
  const auto e = nas5gs::encode(complete, body);
  if (!e.written) return refused(e.error);
  const auto p =
      protect(next.key, nea, nia, next.next_tx, Direction::uplink,
              SecurityHeaderType::integrity_protected_ciphered_new_context, ByteView(body.data(), e.size), out);
  if (!p.written) return refused(p.error);
  next.next_tx = (next.next_tx + 1) & kCountMask;
  current_ = next;
  secured_ = true;
  if (takes_fresh) {
    fresh_ = false;
    fresh_ctx_.clear();
  }
  return {Outcome::completed, 0, ByteView(out.data(), p.size), "TS 24.501 5.4.2.3", "", 0};
}

// 5.4.2.5: the REJECT goes with the context in use before the command, if any, which is kept.
UeResult FivegsNasSmcUe::reject(std::uint8_t cause, const char* clause, std::span<std::uint8_t> out) noexcept {
  std::array<std::uint8_t, 4> body{};
  const auto e = nas5gs::encode(nas5gs::SecurityModeReject{cause}, body);
  if (!e.written) return refused(e.error);
  const ByteView message(body.data(), e.size);
  std::size_t size = 0;
  if (secured_) {
    const auto p = protect(current_.key, current_.eea, current_.eia, current_.next_tx, Direction::uplink,
                           SecurityHeaderType::integrity_protected_ciphered, message, out);
    if (!p.written) return refused(p.error);
    current_.next_tx = (current_.next_tx + 1) & kCountMask;
    size = p.size;
  } else {
    if (out.size() < message.size()) return refused("output buffer too small");
    std::copy(message.begin(), message.end(), out.begin());
    size = message.size();
  }
  return {Outcome::rejected, cause, ByteView(out.data(), size), clause, "", 0};
}

}  // namespace secmode::impl::engine
