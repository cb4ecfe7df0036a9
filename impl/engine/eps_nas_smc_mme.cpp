#include "impl/engine/eps_nas_smc_mme.h"

#include <algorithm>

#include "impl/codec/nas_eps_emm.h"
#include "impl/engine/initial_request.h"
#include "impl/engine/ue_security_capability.h"

namespace secmode::impl::engine {

namespace {

using Outcome = NetworkResult::Outcome;
using nas::SecurityHeaderType;

constexpr std::uint8_t kCompleteType = 0x5e;  // TS 24.301 table 9.8.1
constexpr std::uint8_t kRejectType = 0x5f;
constexpr std::size_t kHeaderSize = 6;

NetworkResult result(Outcome outcome, const char* clause, const char* reason = "", std::size_t offset = 0) {
  return {outcome, {}, clause, reason, offset};
}

bool ciphered(SecurityHeaderType t) {
  return t == SecurityHeaderType::integrity_protected_ciphered ||
         t == SecurityHeaderType::integrity_protected_ciphered_new_context;
}

// The plain message of a protected PDU under `ctx`, if its NAS-MAC verifies there at the COUNT
// the MME estimates (4.4.3.1, 4.4.4.3); `count` receives that COUNT. A context without a key
// (the null context) verifies only with EIA0, whose MAC it does not check.
std::optional<ByteView> open(const NasContext& ctx, const nas::SecurityProtectedMessage& m, ByteView pdu,
                             std::span<std::uint8_t> plain, std::uint32_t& count) {
  count = estimate_count(ctx.next_rx, m.sequence_number);
  const bool ok = ctx.eia == 0 || (ctx.keyed && mac_verifies(ctx.key, ctx.eia, count, Direction::uplink, m, pdu));
  if (!ok) return std::nullopt;
  if (!ciphered(m.type)) return m.nas_message;
  if (m.nas_message.size() > plain.size() ||
      nas_cipher(ctx.key, kEpsNas, ctx.eea, count, Direction::uplink, m.nas_message, plain) != nullptr)
    return std::nullopt;
  return ByteView(plain.data(), m.nas_message.size());
}

}  // namespace

bool EpsNasSmcMme::aka(std::span<const std::uint8_t, 32> kasme, std::uint8_t ksi) noexcept {
  if (ksi >= kNoKsi) return false;
  fresh_ctx_.from_aka(kasme, ksi);
  fresh_ = true;
  return true;
}

NetworkResult EpsNasSmcMme::receive_initial(ByteView pdu, bool emergency_pdn) noexcept {
  if (pdu.empty()) return result(Outcome::discarded, "TS 24.301 7.2", "empty PDU");
  ByteView plain = pdu;
  bool verified = false;
  std::uint32_t count = 0;
  if ((pdu[0] >> 4) != 0) {
    const auto h = nas::decode_security_protected(pdu);
    if (!h.ok()) return result(Outcome::discarded, "TS 24.301 4.4.4.3", h.error.reason, h.error.offset);
    // 4.4.5: an initial message is integrity protected, never ciphered.
    if (h.value.type != SecurityHeaderType::integrity_protected)
      return result(Outcome::discarded, "TS 24.301 4.4.5", "an initial request is integrity protected, not ciphered");
    plain = h.value.nas_message;
    std::array<std::uint8_t, 1> unused{};
    verified = secured_ && open(current_, h.value, pdu, unused, count).has_value() && count >= current_.next_rx;
  }
  const auto d = nas::decode_emm_message(plain);
  const std::size_t base = plain.data() == pdu.data() ? 0 : kHeaderSize;
  if (!d.ok()) return result(Outcome::discarded, "TS 24.301 7", d.error.reason, base + d.error.offset);
  const char* why = "";
  const auto request = initial_request(d.value, why);
  if (!request) return result(Outcome::discarded, "TS 24.301 5.4.3.2", why);
  // 5.4.3.2: what the UE sent is what the command replays.
  caps_size_ = replayed_capability_octets(request->ue_network_capability, caps_);
  additional_ = request->additional;
  emergency_ = request->emergency_attach || emergency_pdn;
  initial_verified_ = verified;
  request_received_ = true;
  if (verified) current_.next_rx = (count + 1) & kCountMask;  // 4.4.3.2
  if (pending_) {
    // 5.4.3.7 c: the SMC is aborted and the UE-initiated procedure goes on.
    pending_ = false;
    return result(Outcome::aborted, "TS 24.301 5.4.3.7 c");
  }
  return result(Outcome::nothing, "TS 24.301 5.4.3.2");
}

NetworkResult EpsNasSmcMme::start(std::uint8_t ksi, std::uint8_t eea, std::uint8_t eia, std::span<std::uint8_t> out,
                              bool imeisv_request) noexcept {
  if (!request_received_)
    return result(Outcome::refused, "TS 24.301 5.4.3.2", "no initial request yet: no UE capabilities to replay");
  if (pending_) return result(Outcome::refused, "TS 24.301 5.4.3.2", "a security mode control procedure is running");
  if (eea > 7 || eia > 7) return result(Outcome::refused, "TS 24.301 9.9.3.23", "algorithm identities are 3 bits");
  if (eia == 0 && !emergency_)
    return result(Outcome::refused, "TS 24.301 5.4.3.2", "EIA0 only for emergency bearer services");
  const bool takes_fresh = fresh_ && ksi == fresh_ctx_.ksi;
  const bool names_current = !takes_fresh && secured_ && ksi == current_.ksi && !current_.mapped;
  // A current context without a key (the null context) has no K_NASint for a non-null algorithm.
  if (!takes_fresh && !(names_current && current_.keyed) && eia != 0)
    return result(Outcome::refused, "TS 24.301 5.4.3.2", "no EPS security context under that eKSI");
  // The new context: the fresh one with its counts reset, or the current one with its counts,
  // without its key for the null context (5.4.3.2).
  new_ = takes_fresh ? fresh_ctx_ : current_;
  if (eia == 0 && !takes_fresh) {
    crypto::ct::wipe_object(new_.key);
    new_.keyed = false;
  }
  new_.ksi = ksi;
  new_.mapped = false;
  new_.eea = eea;
  new_.eia = eia;
  if (takes_fresh) new_.next_tx = new_.next_rx = 0;

  nas::SecurityModeCommand smc;
  smc.selected_nas_security_algorithms = {eea, eia};
  smc.nas_key_set_identifier = {false, ksi};
  smc.replayed_ue_security_capabilities = ue_capabilities();
  smc.replayed_ue_additional_security_capability = additional_;  // 5.4.3.2: when the UE sent one
  if (imeisv_request) smc.imeisv_request = 1;
  const auto e = nas::encode(smc, command_);
  if (!e.written) return result(Outcome::refused, "TS 24.301 8.2.20", e.error);
  command_size_ = e.size;
  retransmissions_ = 0;
  const NetworkResult r = send_command(out);
  if (r.outcome == Outcome::command_sent) pending_ = true;
  return r;
}

// The command under the new context with its next downlink COUNT (header type 3, 9.3.1), which
// then advances (4.4.3.1).
NetworkResult EpsNasSmcMme::send_command(std::span<std::uint8_t> out) noexcept {
  const auto p =
      protect(new_.key, new_.eea, new_.eia, new_.next_tx, Direction::downlink,
              SecurityHeaderType::integrity_protected_new_context, ByteView(command_.data(), command_size_), out);
  if (!p.written) return result(Outcome::refused, "TS 24.301 9.1", p.error);
  new_.next_tx = (new_.next_tx + 1) & kCountMask;
  return {Outcome::command_sent, ByteView(out.data(), p.size), "TS 24.301 5.4.3.2", "", 0};
}

NetworkResult EpsNasSmcMme::timer_expiry(std::span<std::uint8_t> out) noexcept {
  if (!pending_) return result(Outcome::refused, "TS 24.301 5.4.3.7", "T3460 is not running");
  if (retransmissions_ >= kMaxRetransmissions) {
    pending_ = false;
    return result(Outcome::aborted, "TS 24.301 5.4.3.7 b");
  }
  const NetworkResult r = send_command(out);
  if (r.outcome == Outcome::command_sent) ++retransmissions_;
  return r;
}

NetworkResult EpsNasSmcMme::receive(ByteView pdu) noexcept {
  if (pdu.empty()) return result(Outcome::discarded, "TS 24.301 7.2", "empty PDU");
  std::array<std::uint8_t, 512> buffer{};
  ByteView plain = pdu;
  bool under_new = false;  // verified under the context the running SMC takes into use
  std::uint32_t count = 0;
  if ((pdu[0] >> 4) != 0) {
    const auto h = nas::decode_security_protected(pdu);
    if (!h.ok()) return result(Outcome::discarded, "TS 24.301 4.4.4.3", h.error.reason, h.error.offset);
    // The header type names the context (9.3.1): 3 and 4 the new one the running SMC takes into
    // use, 1 and 2 the current one. (Trying both would not do: a command that changes only the
    // ciphering algorithm leaves both with the same K_NASint, so a MAC verifies under either.)
    std::optional<ByteView> opened;
    const bool names_new = h.value.type == SecurityHeaderType::integrity_protected_new_context ||
                           h.value.type == SecurityHeaderType::integrity_protected_ciphered_new_context;
    if (names_new && pending_) {
      opened = open(new_, h.value, pdu, buffer, count);
      under_new = opened.has_value();
    } else if (!names_new && secured_) {
      opened = open(current_, h.value, pdu, buffer, count);
    }
    // A message that verifies nowhere is discarded, unless it can be read anyway and is one the
    // MME processes without a successful integrity check (4.4.4.3): SECURITY MODE REJECT.
    if (!opened && !ciphered(h.value.type)) opened = h.value.nas_message;
    if (!opened) return result(Outcome::discarded, "TS 24.301 4.4.4.3", "fails the integrity check");
    plain = *opened;
  }
  if (plain.size() < 2) return result(Outcome::discarded, "TS 24.301 7.2", "too short for a message type");
  if (plain[1] == kRejectType) {
    const auto d = nas::decode_security_mode_reject(plain);
    if (!d.ok()) return result(Outcome::discarded, "TS 24.301 7", d.error.reason, d.error.offset);
    if (!pending_) return result(Outcome::nothing, "TS 24.301 5.4.3.5", "no security mode control procedure running");
    // 5.4.3.5: T3460 stops, the procedure that started the SMC is aborted, the old context stays.
    pending_ = false;
    return result(Outcome::aborted, "TS 24.301 5.4.3.5");
  }
  if (plain[1] != kCompleteType || !pending_)
    return result(Outcome::discarded, "TS 24.301 5.4.3.4", "not a SECURITY MODE COMPLETE the MME waits for");
  if (!under_new)
    return result(Outcome::discarded, "TS 24.301 4.4.4.3",
                  "SECURITY MODE COMPLETE not integrity protected with the new context");
  // 4.4.3.2: a COMPLETE whose COUNT was accepted already is dropped (not with null integrity).
  if (new_.eia != 0 && count < new_.next_rx)
    return result(Outcome::discarded, "TS 24.301 4.4.3.2", "replayed SECURITY MODE COMPLETE");
  const auto d = nas::decode_security_mode_complete(plain);
  if (!d.ok()) return result(Outcome::discarded, "TS 24.301 7", d.error.reason, d.error.offset);
  imeisv_.reset();
  if (d.value.imeisv) {
    std::array<std::uint8_t, 9> v{};
    std::copy(d.value.imeisv->begin(), d.value.imeisv->end(), v.begin());
    imeisv_ = v;
  }
  // 5.4.3.4: the new context is in use; the fresh one is consumed if it was the one taken.
  const bool took_fresh = fresh_ && new_.keyed && fresh_ctx_.keyed && new_.key == fresh_ctx_.key;
  current_ = new_;
  current_.next_rx = (count + 1) & kCountMask;
  secured_ = true;
  pending_ = false;
  if (took_fresh) {
    fresh_ = false;
    fresh_ctx_.clear();
  }
  return result(Outcome::completed, "TS 24.301 5.4.3.4");
}

}  // namespace secmode::impl::engine
