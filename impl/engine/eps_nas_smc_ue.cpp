#include "impl/engine/eps_nas_smc_ue.h"

#include <algorithm>

#include "impl/codec/nas_eps_emm.h"
#include "impl/engine/initial_request.h"
#include "impl/engine/ue_security_capability.h"

namespace secmode::impl::engine {

namespace {

using Outcome = UeResult::Outcome;
using nas::SecurityHeaderType;

constexpr std::uint8_t kSmcType = 0x5d;                  // TS 24.301 table 9.8.1
constexpr std::uint8_t kImeisvRequested = 1;             // TS 24.008 10.5.5.10
constexpr std::uint8_t kCauseCapabilitiesMismatch = 23;  // TS 24.301 9.9.3.9
constexpr std::uint8_t kCauseUnspecified = 24;
constexpr std::size_t kHeaderSize = 6;

UeResult discarded(const char* clause, const char* reason, std::size_t offset = 0) {
  return {Outcome::discarded, 0, {}, clause, reason, offset};
}

UeResult refused(const char* reason, std::size_t offset = 0) { return {Outcome::refused, 0, {}, "", reason, offset}; }

}  // namespace

EpsNasSmcUe::EpsNasSmcUe(std::span<const std::uint8_t, 9> imeisv) noexcept {
  std::copy(imeisv.begin(), imeisv.end(), imeisv_.begin());
}

bool EpsNasSmcUe::aka(std::span<const std::uint8_t, 32> kasme, std::uint8_t ksi) noexcept {
  if (ksi >= kNoKsi) return false;
  fresh_ctx_.from_aka(kasme, ksi);
  fresh_ = true;
  return true;
}

UeResult EpsNasSmcUe::send_initial(ByteView plain_request, std::span<std::uint8_t> out, bool emergency_pdn) noexcept {
  const auto d = nas::decode_emm_message(plain_request);
  if (!d.ok()) return refused(d.error.reason, d.error.offset);
  const char* why = "";
  const auto request = initial_request(d.value, why);
  if (!request) return refused(why);
  UeResult r{Outcome::sent, 0, {}, "TS 24.301 4.4.5", "", 0};
  if (secured_) {
    // 4.4.5: integrity protected with the current context, not ciphered; 4.4.3.1: count advances.
    const auto e = protect(current_.key, current_.eea, current_.eia, current_.next_tx, Direction::uplink,
                           SecurityHeaderType::integrity_protected, plain_request, out);
    if (!e.written) return refused(e.error);
    current_.next_tx = (current_.next_tx + 1) & kCountMask;
    r.pdu = ByteView(out.data(), e.size);
  } else {
    if (out.size() < plain_request.size()) return refused("output buffer too small");
    std::copy(plain_request.begin(), plain_request.end(), out.begin());
    r.pdu = ByteView(out.data(), plain_request.size());
  }
  expected_size_ = replayed_capability_octets(request->ue_network_capability, expected_);
  additional_ = request->additional;
  nonce_ue_ = request->nonce_ue;
  emergency_ = request->emergency_attach || emergency_pdn;
  return r;
}

UeResult EpsNasSmcUe::receive(ByteView pdu, std::span<std::uint8_t> out) noexcept {
  if (pdu.empty()) return discarded("TS 24.301 7.2", "empty PDU");
  if ((pdu[0] >> 4) == 0)
    // 4.4.4.2: a SECURITY MODE COMMAND is not among the messages processed without integrity protection.
    return discarded("TS 24.301 4.4.4.2", "not integrity protected");
  const auto h = nas::decode_security_protected(pdu);
  if (!h.ok()) return discarded("TS 24.301 4.4.4.2", h.error.reason, h.error.offset);
  return on_command(h.value, pdu, out);
}

UeResult EpsNasSmcUe::on_command(const nas::SecurityProtectedMessage& header, ByteView pdu,
                                 std::span<std::uint8_t> out) noexcept {
  std::array<std::uint8_t, 512> plain{};
  ByteView inner = header.nas_message;
  switch (header.type) {
    case SecurityHeaderType::integrity_protected_new_context:
    case SecurityHeaderType::integrity_protected:
      break;
    case SecurityHeaderType::integrity_protected_ciphered: {
      // Readable only under the current context, and only when its MAC verifies there (4.4.4.2).
      const std::uint32_t count = estimate_count(current_.next_rx, header.sequence_number);
      if (inner.size() > plain.size())
        return discarded("TS 24.301 5.4.3.3", "longer than any SECURITY MODE COMMAND", kHeaderSize);
      if (!secured_ || !mac_verifies(current_.key, current_.eia, count, Direction::downlink, header, pdu))
        return discarded("TS 24.301 4.4.4.2", "ciphered message that fails the integrity check");
      if (const char* fault = nas_cipher(current_.key, kEpsNas, current_.eea, count, Direction::downlink, inner, plain))
        return discarded("TS 24.301 4.4.4.2", fault);
      inner = ByteView(plain.data(), inner.size());
      break;
    }
    default:
      return discarded("TS 24.301 9.3.1", "ciphered with a new context the UE cannot name before deciphering");
  }
  if (inner.size() < 2 || inner[1] != kSmcType)
    return discarded("TS 24.301 5.4.3.3", "not a SECURITY MODE COMMAND", kHeaderSize + 1);
  const auto d = nas::decode_security_mode_command(inner);
  if (!d.ok()) return discarded("TS 24.301 7", d.error.reason, kHeaderSize + d.error.offset);
  const nas::SecurityModeCommand& smc = d.value;

  // The context the command names (5.4.3.3): the one from the latest AKA, the current one, or
  // none; a mapped context (TSC 1) is none of this UE's native contexts.
  const std::uint8_t ksi = smc.nas_key_set_identifier.ksi;
  const bool native = !smc.nas_key_set_identifier.mapped;
  const bool takes_fresh = native && fresh_ && ksi == fresh_ctx_.ksi;
  const bool names_current = !takes_fresh && secured_ && ksi == current_.ksi && native != current_.mapped;
  const std::uint8_t eea = smc.selected_nas_security_algorithms.ciphering;
  const std::uint8_t eia = smc.selected_nas_security_algorithms.integrity;
  const bool null_integrity = eia == 0;

  // 4.4.3.1: the fresh context's counts start at 0 with this command; the current one continues.
  const std::uint32_t count = takes_fresh
                                  ? header.sequence_number
                                  : estimate_count(names_current ? current_.next_rx : 0, header.sequence_number);
  // The SMC is integrity protected "with new EPS security context" (header type 3, 9.3.1) and its
  // NAS-MAC computed with the keys of the context it names (4.4.4.2); with EIA0 nothing verifies.
  const bool header_ok = header.type == SecurityHeaderType::integrity_protected_new_context;
  const NasContext& named = takes_fresh ? fresh_ctx_ : current_;
  const bool mac_ok = null_integrity || ((takes_fresh || names_current) && named.keyed &&
                                         mac_verifies(named.key, eia, count, Direction::downlink, header, pdu));
  // 4.4.3.2: a count of the current context is accepted once; the fresh context has none yet.
  const bool replay = header_ok && mac_ok && !null_integrity && !takes_fresh && count < current_.next_rx;
  if (replay) return discarded("TS 24.301 4.4.3.2", "replayed SECURITY MODE COMMAND");
  if (!header_ok || !mac_ok)
    return reject(kCauseUnspecified, header_ok ? "TS 24.301 5.4.3.5, 4.4.4.2" : "TS 24.301 5.4.3.5, 9.3.1", out);

  std::array<std::uint8_t, 4> replayed{};
  const std::size_t replayed_size = replayed_capability_octets(smc.replayed_ue_security_capabilities, replayed);
  const bool additional_altered =
      smc.replayed_ue_additional_security_capability &&
      (!additional_ || smc.replayed_ue_additional_security_capability->ea != additional_->ea ||
       smc.replayed_ue_additional_security_capability->ia != additional_->ia);
  if (replayed_size != expected_size_ ||
      !std::equal(expected_.begin(), expected_.begin() + expected_size_, replayed.begin()) || additional_altered)
    return reject(kCauseCapabilitiesMismatch, "TS 24.301 5.4.3.5, 5.4.3.3", out);
  if (smc.replayed_nonce_ue && (!nonce_ue_ || *smc.replayed_nonce_ue != *nonce_ue_))
    return reject(kCauseUnspecified, "TS 24.301 5.4.3.5, 5.4.3.3 (nonceUE)", out);
  // 5.4.3.5: a ciphering algorithm this UE does not implement (EEA0-3, TS 33.401 5.1.3.2).
  if (eea > 3) return reject(kCauseUnspecified, "TS 24.301 5.4.3.5, TS 33.401 5.1.3.2", out);
  if (null_integrity && !emergency_) return reject(kCauseUnspecified, "TS 24.301 5.4.3.5, 5.4.3.3 (EIA0)", out);

  // Accepted (5.4.3.3): the named context, or with EIA0 outside a fresh one the null context,
  // goes into use; the fresh one's uplink count starts at 0, and the COMPLETE is integrity
  // protected and ciphered with it.
  NasContext next = named;
  if (null_integrity && !takes_fresh) {
    crypto::ct::wipe_object(next.key);
    next.keyed = false;
  }
  next.ksi = ksi;
  next.mapped = !native;
  next.eea = eea;
  next.eia = eia;
  next.next_tx = takes_fresh ? 0 : current_.next_tx;
  next.next_rx = (count + 1) & kCountMask;
  nas::SecurityModeComplete complete;
  if (smc.imeisv_request && *smc.imeisv_request == kImeisvRequested)
    complete.imeisv = std::span<const std::uint8_t, 9>(imeisv_);
  std::array<std::uint8_t, 32> body{};
  const auto e = nas::encode(complete, body);
  if (!e.written) return refused(e.error);
  const auto p =
      protect(next.key, eea, eia, next.next_tx, Direction::uplink,
              SecurityHeaderType::integrity_protected_ciphered_new_context, ByteView(body.data(), e.size), out);
  if (!p.written) return refused(p.error);
  next.next_tx = (next.next_tx + 1) & kCountMask;
  current_ = next;
  secured_ = true;
  if (takes_fresh) {
    fresh_ = false;
    fresh_ctx_.clear();
  }
  return {Outcome::completed, 0, ByteView(out.data(), p.size), "TS 24.301 5.4.3.3", "", 0};
}

// 5.4.3.5: the REJECT goes with the context in use before the command, if any, which is kept.
UeResult EpsNasSmcUe::reject(std::uint8_t cause, const char* clause, std::span<std::uint8_t> out) noexcept {
  std::array<std::uint8_t, 3> body{};
  const auto e = nas::encode(nas::SecurityModeReject{cause}, body);
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
