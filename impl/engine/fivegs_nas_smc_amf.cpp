#include "impl/engine/fivegs_nas_smc_amf.h"

#include <algorithm>

#include "impl/codec/nas_5gs_mm.h"
#include "impl/crypto/kdf.h"

namespace secmode::impl::engine {

namespace {

using Outcome = NetworkResult::Outcome;
using nas5gs::SecurityHeaderType;

constexpr std::uint8_t kCompleteType = 0x5e;  // TS 24.501 table 9.7.1
constexpr std::uint8_t kRejectType = 0x5f;
constexpr std::uint8_t kEmergencyRegistration = 4;  // 9.11.3.7
constexpr std::size_t kHeaderSize = 7;

NetworkResult result(Outcome outcome, const char* clause, const char* reason = "", std::size_t offset = 0) {
  return {outcome, {}, clause, reason, offset};
}

bool ciphered(SecurityHeaderType t) {
  return t == SecurityHeaderType::integrity_protected_ciphered ||
         t == SecurityHeaderType::integrity_protected_ciphered_new_context;
}

// The plain message of a protected PDU under `ctx`, if its NAS-MAC verifies there at the COUNT
// the AMF estimates (4.4.3.1, 4.4.4.3); `count` receives that COUNT. A context without a key
// (the null context) verifies only with NIA0, whose MAC it does not check.
std::optional<ByteView> open(const NasContext& ctx, const nas5gs::SecurityProtectedMessage& m, ByteView pdu,
                             std::span<std::uint8_t> plain, std::uint32_t& count) {
  count = estimate_count(ctx.next_rx, m.sequence_number);
  const bool ok = ctx.eia == 0 || (ctx.keyed && mac_verifies(ctx.key, ctx.eia, count, Direction::uplink, m, pdu));
  if (!ok) return std::nullopt;
  if (!ciphered(m.type)) return m.plain_nas_message;
  if (m.plain_nas_message.size() > plain.size() ||
      nas_cipher(ctx.key, kFivegsNas, ctx.eea, count, Direction::uplink, m.plain_nas_message, plain) != nullptr)
    return std::nullopt;
  return ByteView(plain.data(), m.plain_nas_message.size());
}

}  // namespace

bool FivegsNasSmcAmf::aka(std::span<const std::uint8_t, 32> kamf, std::uint8_t ksi) noexcept {
  if (ksi >= kNoKsi) return false;
  fresh_ctx_.from_aka(kamf, ksi);
  fresh_ = true;
  return true;
}

NetworkResult FivegsNasSmcAmf::receive_initial(ByteView pdu, bool emergency_session) noexcept {
  if (pdu.size() < 2) return result(Outcome::discarded, "TS 24.501 7.2", "shorter than a 5GMM header");
  ByteView plain = pdu;
  bool verified = false;
  std::uint32_t count = 0;
  if ((pdu[1] & 0x0f) != 0) {
    const auto h = nas5gs::decode_security_protected(pdu);
    if (!h.ok()) return result(Outcome::discarded, "TS 24.501 4.4.4.3", h.error.reason, h.error.offset);
    if (h.value.type != SecurityHeaderType::integrity_protected)
      return result(Outcome::discarded, "TS 24.501 4.4.6", "an initial request is integrity protected, not ciphered");
    plain = h.value.plain_nas_message;
    std::array<std::uint8_t, 1> unused{};
    verified = secured_ && open(current_, h.value, pdu, unused, count).has_value() && count >= current_.next_rx;
    count = estimate_count(current_.next_rx, h.value.sequence_number);  // also where nothing verifies
  }
  const auto d = nas5gs::decode_registration_request(plain);
  const std::size_t base = plain.data() == pdu.data() ? 0 : kHeaderSize;
  if (!d.ok()) return result(Outcome::discarded, "TS 24.501 7", d.error.reason, base + d.error.offset);
  if (!d.value.ue_security_capability || d.value.ue_security_capability->size() > caps_.size())
    return result(Outcome::discarded, "TS 24.501 5.4.2.2",
                  "a REGISTRATION REQUEST without UE security capability leaves nothing to replay");
  // 5.4.2.2: what the UE sent is what the command replays.
  caps_size_ = d.value.ue_security_capability->size();
  std::copy(d.value.ue_security_capability->begin(), d.value.ue_security_capability->end(), caps_.begin());
  emergency_ = d.value.registration_type == kEmergencyRegistration || emergency_session;
  initial_verified_ = verified;
  initial_count_ = count;
  request_received_ = true;
  if (verified) current_.next_rx = (count + 1) & kCountMask;  // 4.4.3.2
  if (pending_) {
    // 5.4.2.7 c: the SMC is aborted and the UE-initiated procedure goes on.
    pending_ = false;
    return result(Outcome::aborted, "TS 24.501 5.4.2.7 c");
  }
  return result(Outcome::nothing, "TS 24.501 5.4.2.2");
}

NetworkResult FivegsNasSmcAmf::start(std::uint8_t ksi, std::uint8_t nea, std::uint8_t nia, std::span<std::uint8_t> out,
                                     bool imeisv_request, bool horizontal) noexcept {
  if (!request_received_)
    return result(Outcome::refused, "TS 24.501 5.4.2.2", "no initial request yet: no UE capabilities to replay");
  if (pending_) return result(Outcome::refused, "TS 24.501 5.4.2.2", "a security mode control procedure is running");
  if (nea > 7 || nia > 7) return result(Outcome::refused, "TS 24.501 9.11.3.34", "no such 5G-EA or 5G-IA");
  if (nia == 0 && !emergency_)
    return result(Outcome::refused, "TS 24.501 5.4.2.2", "5G-IA0 only for emergency services");
  const bool takes_fresh = fresh_ && ksi == fresh_ctx_.ksi;
  const bool names_current = !takes_fresh && secured_ && ksi == current_.ksi && !current_.mapped;
  // A current context without a key (the null context) has no K_NASint for a non-null algorithm.
  if (!takes_fresh && !(names_current && current_.keyed) && nia != 0)
    return result(Outcome::refused, "TS 24.501 5.4.2.2", "no 5G NAS security context under that ngKSI");
  // The new context: the fresh one, K'_AMF from the current one (TS 33.501 6.9.3), or the current
  // one with its counts; without its key for the null context. Counts restart from zero for a
  // fresh context and for K'_AMF (5.4.2.2, TS 33.501 6.7.2).
  const bool derived = horizontal && names_current && current_.keyed;
  new_ = takes_fresh ? fresh_ctx_ : current_;
  if (derived) {
    const crypto::KdfKey k(current_.key);
    if (const char* fault = crypto::derive_kamf_prime(k, 0, initial_count_, new_.key))
      return result(Outcome::refused, "TS 33.501 A.13", fault);
  } else if (nia == 0 && !takes_fresh) {
    crypto::ct::wipe_object(new_.key);
    new_.keyed = false;
  }
  new_.ksi = ksi;
  new_.mapped = false;
  new_.eea = nea;
  new_.eia = nia;
  if (takes_fresh || derived) new_.next_tx = new_.next_rx = 0;
  new_derived_ = derived;

  nas5gs::SecurityModeCommand smc;
  smc.selected_nas_security_algorithms = {nea, nia};
  smc.ngksi = {false, ksi};
  smc.replayed_ue_security_capabilities = ue_capabilities();
  if (imeisv_request) smc.imeisv_request = 1;
  // 5.4.2.2: RINMR when the initial request failed the integrity check; HDP with K'_AMF.
  if (derived || !initial_verified_) smc.additional_5g_security_information = {!initial_verified_, derived};
  const auto e = nas5gs::encode(smc, command_);
  if (!e.written) return result(Outcome::refused, "TS 24.501 8.2.25", e.error);
  command_size_ = e.size;
  retransmissions_ = 0;
  const NetworkResult r = send_command(out);
  if (r.outcome == Outcome::command_sent) pending_ = true;
  return r;
}

// The command under the new context with its next downlink COUNT (header type 3, 9.3), which then
// advances (4.4.3.1).
NetworkResult FivegsNasSmcAmf::send_command(std::span<std::uint8_t> out) noexcept {
  const auto p =
      protect(new_.key, new_.eea, new_.eia, new_.next_tx, Direction::downlink,
              SecurityHeaderType::integrity_protected_new_context, ByteView(command_.data(), command_size_), out);
  if (!p.written) return result(Outcome::refused, "TS 24.501 9.1.1", p.error);
  new_.next_tx = (new_.next_tx + 1) & kCountMask;
  return {Outcome::command_sent, ByteView(out.data(), p.size), "TS 24.501 5.4.2.2", "", 0};
}

NetworkResult FivegsNasSmcAmf::timer_expiry(std::span<std::uint8_t> out) noexcept {
  if (!pending_) return result(Outcome::refused, "TS 24.501 5.4.2.7", "T3560 is not running");
  if (retransmissions_ >= kMaxRetransmissions) {
    pending_ = false;
    return result(Outcome::aborted, "TS 24.501 5.4.2.7 b");
  }
  const NetworkResult r = send_command(out);
  if (r.outcome == Outcome::command_sent) ++retransmissions_;
  return r;
}

NetworkResult FivegsNasSmcAmf::receive(ByteView pdu) noexcept {
  if (pdu.size() < 2) return result(Outcome::discarded, "TS 24.501 7.2", "shorter than a 5GMM header");
  std::array<std::uint8_t, 1024> buffer{};
  ByteView plain = pdu;
  bool under_new = false;  // verified under the context the running SMC takes into use
  std::uint32_t count = 0;
  if ((pdu[1] & 0x0f) != 0) {
    const auto h = nas5gs::decode_security_protected(pdu);
    if (!h.ok()) return result(Outcome::discarded, "TS 24.501 4.4.4.3", h.error.reason, h.error.offset);
    // The header type names the context (9.3): 3 and 4 the new one, 1 and 2 the current one (see
    // EpsNasSmcMme::receive for why both cannot be tried).
    std::optional<ByteView> opened;
    const bool names_new = h.value.type == SecurityHeaderType::integrity_protected_new_context ||
                           h.value.type == SecurityHeaderType::integrity_protected_ciphered_new_context;
    if (names_new && pending_) {
      opened = open(new_, h.value, pdu, buffer, count);
      under_new = opened.has_value();
    } else if (!names_new && secured_) {
      opened = open(current_, h.value, pdu, buffer, count);
    }
    // 4.4.4.3: SECURITY MODE REJECT is processed even when it fails the integrity check.
    if (!opened && !ciphered(h.value.type)) opened = h.value.plain_nas_message;
    if (!opened) return result(Outcome::discarded, "TS 24.501 4.4.4.3", "fails the integrity check");
    plain = *opened;
  }
  if (plain.size() < 3) return result(Outcome::discarded, "TS 24.501 7.2", "too short for a message type");
  if (plain[2] == kRejectType) {
    const auto d = nas5gs::decode_security_mode_reject(plain);
    if (!d.ok()) return result(Outcome::discarded, "TS 24.501 7", d.error.reason, d.error.offset);
    if (!pending_) return result(Outcome::nothing, "TS 24.501 5.4.2.5", "no security mode control procedure running");
    // 5.4.2.5: T3560 stops, the procedure that started the SMC is aborted, the old context stays.
    pending_ = false;
    return result(Outcome::aborted, "TS 24.501 5.4.2.5");
  }
  if (plain[2] != kCompleteType || !pending_)
    return result(Outcome::discarded, "TS 24.501 5.4.2.4", "not a SECURITY MODE COMPLETE the AMF waits for");
  if (!under_new)
    return result(Outcome::discarded, "TS 24.501 4.4.4.3",
                  "SECURITY MODE COMPLETE not integrity protected with the new context");
  // 4.4.3.2: a COMPLETE whose COUNT was accepted already is dropped (not with null integrity).
  if (new_.eia != 0 && count < new_.next_rx)
    return result(Outcome::discarded, "TS 24.501 4.4.3.2", "replayed SECURITY MODE COMPLETE");
  const auto d = nas5gs::decode_security_mode_complete(plain);
  if (!d.ok()) return result(Outcome::discarded, "TS 24.501 7", d.error.reason, d.error.offset);
  imeisv_.reset();
  if (d.value.imeisv) {
    std::array<std::uint8_t, 9> v{};
    std::copy(d.value.imeisv->begin(), d.value.imeisv->end(), v.begin());
    imeisv_ = v;
  }
  initial_message_returned_ = d.value.nas_message_container.has_value();
  // 5.4.2.4: the new context is in use; the fresh one is consumed if it was the one taken.
  const bool took_fresh = fresh_ && new_.keyed && fresh_ctx_.keyed && new_.key == fresh_ctx_.key;
  current_ = new_;
  current_.next_rx = (count + 1) & kCountMask;
  secured_ = true;
  pending_ = false;
  if (took_fresh) {
    fresh_ = false;
    fresh_ctx_.clear();
  }
  return result(Outcome::completed, "TS 24.501 5.4.2.4");
}

}  // namespace secmode::impl::engine
