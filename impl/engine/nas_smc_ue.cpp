#include "impl/engine/nas_smc_ue.h"

#include <algorithm>

#include "impl/crypto/kdf.h"
#include "impl/engine/eps_nas_protection.h"
#include "impl/engine/fivegs_nas_protection.h"

namespace secmode::impl::engine {

namespace {

using Outcome = UeResult::Outcome;

constexpr std::uint8_t kSmcType = 0x5d;                  // TS 24.301 table 9.8.1, TS 24.501 table 9.7.1
constexpr std::uint8_t kCauseCapabilitiesMismatch = 23;  // TS 24.301 9.9.3.9, TS 24.501 9.11.3.2
constexpr std::uint8_t kCauseUnspecified = 24;

UeResult discarded(const char* clause, const char* reason, std::size_t offset = 0) {
  return {Outcome::discarded, 0, {}, clause, reason, offset};
}

UeResult refused(const char* reason, std::size_t offset = 0) { return {Outcome::refused, 0, {}, "", reason, offset}; }

}  // namespace

template <class Wire>
NasSmcUe<Wire>::NasSmcUe(std::span<const std::uint8_t, 9> imeisv) noexcept {
  std::copy(imeisv.begin(), imeisv.end(), imeisv_.begin());
}

template <class Wire>
bool NasSmcUe<Wire>::aka(std::span<const std::uint8_t, 32> key, std::uint8_t ksi) noexcept {
  if (ksi >= kNoKsi) return false;
  fresh_ctx_.from_aka(key, ksi);
  fresh_ = true;
  return true;
}

template <class Wire>
UeResult NasSmcUe<Wire>::send_initial(ByteView plain_request, std::span<std::uint8_t> out, bool emergency) noexcept {
  const char* why = "";
  std::size_t offset = 0;
  const auto request = Wire::read_initial(plain_request, why, offset);
  if (!request) return refused(why, offset);
  if (plain_request.size() > initial_.size()) return refused("an initial request longer than 512 octets");
  UeResult r{Outcome::sent, 0, {}, Wire::c_initial_protection, "", 0};
  if (secured_) {
    // Integrity protected with the current context, not ciphered; 4.4.3.1: the count advances.
    const auto e = protect(current_.key, current_.eea, current_.eia, current_.next_tx, Direction::uplink,
                           Wire::HeaderType::integrity_protected, plain_request, out);
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
  sent_ = *request;
  emergency_ = request->emergency || emergency;
  initial_unprotected_ = !secured_;
  std::copy(plain_request.begin(), plain_request.end(), initial_.begin());
  initial_size_ = plain_request.size();
  return r;
}

template <class Wire>
UeResult NasSmcUe<Wire>::receive(ByteView pdu, std::span<std::uint8_t> out) noexcept {
  if (pdu.size() < Wire::type_offset + 1) return discarded(Wire::c_header, "too short for a header");
  if (Wire::header_type(pdu) == 0)
    // 4.4.4.2: a SECURITY MODE COMMAND is not among the messages processed without integrity protection.
    return discarded(Wire::c_ue_integrity, "not integrity protected");
  const auto h = Wire::decode_protected(pdu);
  if (!h.ok()) return discarded(Wire::c_ue_integrity, h.error.reason, h.error.offset);
  return on_command(h.value, pdu, out);
}

template <class Wire>
template <class Message>
UeResult NasSmcUe<Wire>::on_command(const Message& header, ByteView pdu, std::span<std::uint8_t> out) noexcept {
  std::array<std::uint8_t, 512> plain{};
  ByteView inner = Wire::body(header);
  switch (static_cast<std::uint8_t>(header.type)) {
    case 1:  // integrity protected
    case 3:  // integrity protected with new security context
      break;
    case 2: {
      // Integrity protected and ciphered: readable only under the current context, and only when
      // its MAC verifies there (4.4.4.2).
      const std::uint32_t count = estimate_count(current_.next_rx, header.sequence_number);
      if (inner.size() > plain.size())
        return discarded(Wire::c_accept, "longer than any SECURITY MODE COMMAND", Wire::header_size);
      if (!secured_ || !mac_verifies(current_.key, current_.eia, count, Direction::downlink, header, pdu))
        return discarded(Wire::c_ue_integrity, "ciphered message that fails the integrity check");
      if (const char* fault =
              message_cipher(current_.key, Wire::profile, current_.eea, count, Direction::downlink, inner, plain))
        return discarded(Wire::c_ue_integrity, fault);
      inner = ByteView(plain.data(), inner.size());
      break;
    }
    default:
      return discarded(Wire::c_header_types, "ciphered with a new context the UE cannot name before deciphering");
  }
  if (inner.size() <= Wire::type_offset || inner[Wire::type_offset] != kSmcType)
    return discarded(Wire::c_accept, "not a SECURITY MODE COMMAND", Wire::header_size + Wire::type_offset);
  CommandFields smc;
  std::size_t offset = 0;
  if (const char* why = Wire::read_command(inner, smc, offset))
    return discarded(Wire::c_syntax, why, Wire::header_size + offset);

  // The context the command names (5.4.3.3 / 5.4.2.3): the one from the latest AKA, the current
  // one, or none; a mapped context is none of this UE's native contexts.
  const bool native = !smc.mapped;
  const bool takes_fresh = native && fresh_ && smc.ksi == fresh_ctx_.ksi;
  const bool names_current = !takes_fresh && secured_ && smc.ksi == current_.ksi && native != current_.mapped;
  const bool null_integrity = smc.eia == 0;
  const bool horizontal = Wire::horizontal_derivation && smc.horizontal;
  const NasContext& named = takes_fresh ? fresh_ctx_ : current_;
  const bool holds_key = (takes_fresh || names_current) && named.keyed;

  // TS 33.501 6.9.3: with K_AMF_change_flag the UE derives K'_AMF from the named K_AMF and the
  // uplink NAS COUNT of its REGISTRATION REQUEST before checking the MAC, and both NAS COUNTs
  // start from zero (TS 24.501 5.4.2.3); as do a fresh context's (4.4.3.1).
  NasContext next = named;
  if (horizontal && holds_key) {
    const crypto::KdfKey k(named.key);
    if (const char* fault = crypto::derive_kamf_prime(k, 0, initial_count_, next.key)) return refused(fault);
  }
  const bool new_counts = takes_fresh || horizontal;
  const std::uint32_t count = new_counts ? header.sequence_number
                                         : estimate_count(names_current ? current_.next_rx : 0, header.sequence_number);
  // The command is integrity protected "with new ... security context" (header type 3) and MACed
  // with the keys of the context it names (4.4.4.2); with null integrity nothing verifies.
  const bool header_ok = header.type == Wire::HeaderType::integrity_protected_new_context;
  const bool mac_ok =
      null_integrity || (holds_key && mac_verifies(next.key, smc.eia, count, Direction::downlink, header, pdu));
  // 4.4.3.2: a count of the current context is accepted once; new counts have none accepted yet.
  const bool replay = header_ok && mac_ok && !null_integrity && !new_counts && count < current_.next_rx;
  if (replay) return discarded(Wire::c_replay, "replayed SECURITY MODE COMMAND");
  // 4.4.3.3: a count of the current context whose NAS-MAC verified is taken even when the command
  // is then rejected, so that its replay is discarded rather than answered again.
  const bool verified = mac_ok && !null_integrity && !new_counts && count >= current_.next_rx;
  const auto rejecting = [&](std::uint8_t cause, const char* clause) {
    if (verified) current_.next_rx = (count + 1) & kCountMask;
    return reject(cause, clause, out);
  };
  if (!header_ok || !mac_ok)
    return rejecting(kCauseUnspecified, header_ok ? Wire::c_reject_integrity : Wire::c_reject_header);

  // 5.4.3.3 / 5.4.2.3: the replayed capabilities as sent (EPS: and the additional ones, if
  // replayed), and the replayed nonceUE as sent.
  const bool caps_altered =
      smc.caps.size() != sent_.caps_size || !std::equal(smc.caps.begin(), smc.caps.end(), sent_.caps.begin());
  const bool additional_altered = smc.additional && (!sent_.additional || smc.additional->ea != sent_.additional->ea ||
                                                     smc.additional->ia != sent_.additional->ia);
  if (caps_altered || additional_altered) return rejecting(kCauseCapabilitiesMismatch, Wire::c_reject_capabilities);
  if (smc.nonce_ue && (!sent_.nonce_ue || *smc.nonce_ue != *sent_.nonce_ue))
    return rejecting(kCauseUnspecified, Wire::c_reject_nonce);
  // A ciphering algorithm this UE does not implement (EEA0-3 / NEA0-3).
  if (smc.eea > 3) return rejecting(kCauseUnspecified, Wire::c_reject_unsupported);
  if (null_integrity && !emergency_) return rejecting(kCauseUnspecified, Wire::c_reject_null_integrity);

  // Accepted: the named context, or K'_AMF from it, goes into use; with null integrity the null
  // context, unless the command names the fresh one or asks for a K'_AMF (there is none to derive
  // from a context the UE does not hold).
  if (horizontal ? !holds_key : null_integrity && !takes_fresh) {
    crypto::ct::wipe_object(next.key);
    next.keyed = false;
  }
  next.ksi = smc.ksi;
  next.mapped = !native;
  next.eea = smc.eea;
  next.eia = smc.eia;
  next.next_tx = new_counts ? 0 : current_.next_tx;
  next.next_rx = (count + 1) & kCountMask;
  // The COMPLETE carries the IMEISV when asked, and (5GS, 4.4.6) the whole initial request when
  // the command asks for it again (RINMR) or it went in the clear.
  const bool returns_initial = Wire::initial_message_container && (smc.rinmr || initial_unprotected_);
  std::array<std::uint8_t, 600> body{};
  const auto e = Wire::encode_complete(smc.imeisv_request ? &imeisv_ : nullptr,
                                       returns_initial ? ByteView(initial_.data(), initial_size_) : ByteView(), body);
  if (!e.written) return refused(e.error);
  const auto p =
      protect(next.key, smc.eea, smc.eia, next.next_tx, Direction::uplink,
              Wire::HeaderType::integrity_protected_ciphered_new_context, ByteView(body.data(), e.size), out);
  if (!p.written) return refused(p.error);
  next.next_tx = (next.next_tx + 1) & kCountMask;
  current_ = next;
  secured_ = true;
  if (takes_fresh) {
    fresh_ = false;
    fresh_ctx_.clear();
  }
  return {Outcome::completed, 0, ByteView(out.data(), p.size), Wire::c_accept, "", 0};
}

// 5.4.3.5 / 5.4.2.5: the REJECT goes with the context in use before the command, if any, which is kept.
template <class Wire>
UeResult NasSmcUe<Wire>::reject(std::uint8_t cause, const char* clause, std::span<std::uint8_t> out) noexcept {
  std::array<std::uint8_t, 4> body{};
  const auto e = Wire::encode_reject(cause, body);
  if (!e.written) return refused(e.error);
  const ByteView message(body.data(), e.size);
  std::size_t size = 0;
  if (secured_) {
    const auto p = protect(current_.key, current_.eea, current_.eia, current_.next_tx, Direction::uplink,
                           Wire::HeaderType::integrity_protected_ciphered, message, out);
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

template class NasSmcUe<EpsNasWire>;
template class NasSmcUe<FivegsNasWire>;

}  // namespace secmode::impl::engine
