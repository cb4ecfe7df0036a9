#include "impl/engine/nas_smc_network.h"

#include <algorithm>

#include "impl/crypto/kdf.h"
#include "impl/engine/eps_nas_protection.h"
#include "impl/engine/fivegs_nas_protection.h"

namespace secmode::impl::engine {

namespace {

using Outcome = NetworkResult::Outcome;

constexpr std::uint8_t kCompleteType = 0x5e;  // TS 24.301 table 9.8.1, TS 24.501 table 9.7.1
constexpr std::uint8_t kRejectType = 0x5f;

NetworkResult result(Outcome outcome, const char* clause, const char* reason = "", std::size_t offset = 0) {
  return {outcome, {}, clause, reason, offset};
}

// Header types 2 and 4: integrity protected and ciphered (with the new context).
bool ciphered(std::uint8_t type) { return type == 2 || type == 4; }

// The plain message of a protected PDU under `ctx`, if its NAS-MAC verifies there at the COUNT
// the network estimates (4.4.3.1, 4.4.4.3); `count` receives that COUNT. A context without a key
// (the null context) verifies only with null integrity, whose MAC it does not check.
template <class Wire, class Message>
std::optional<ByteView> open(const NasContext& ctx, const Message& m, ByteView pdu, std::span<std::uint8_t> plain,
                             std::uint32_t& count) {
  count = estimate_count(ctx.next_rx, m.sequence_number);
  const bool ok = ctx.eia == 0 || (ctx.keyed && mac_verifies(ctx.key, ctx.eia, count, Direction::uplink, m, pdu));
  if (!ok) return std::nullopt;
  const ByteView body = Wire::body(m);
  if (!ciphered(static_cast<std::uint8_t>(m.type))) return body;
  if (body.size() > plain.size() ||
      message_cipher(ctx.key, Wire::profile, ctx.eea, count, Direction::uplink, body, plain) != nullptr)
    return std::nullopt;
  return ByteView(plain.data(), body.size());
}

}  // namespace

template <class Wire>
bool NasSmcNetwork<Wire>::aka(std::span<const std::uint8_t, 32> key, std::uint8_t ksi) noexcept {
  if (ksi >= kNoKsi) return false;
  fresh_ctx_.from_aka(key, ksi);
  fresh_ = true;
  return true;
}

template <class Wire>
NetworkResult NasSmcNetwork<Wire>::receive_initial(ByteView pdu, bool emergency) noexcept {
  if (pdu.size() < Wire::type_offset + 1) return result(Outcome::discarded, Wire::c_header, "too short for a header");
  ByteView plain = pdu;
  bool verified = false;
  std::uint32_t count = 0;
  if (Wire::header_type(pdu) != 0) {
    const auto h = Wire::decode_protected(pdu);
    if (!h.ok()) return result(Outcome::discarded, Wire::c_integrity, h.error.reason, h.error.offset);
    // 4.4.5 / 4.4.6: an initial message is integrity protected, not ciphered.
    if (h.value.type != Wire::HeaderType::integrity_protected)
      return result(Outcome::discarded, Wire::c_initial_protection,
                    "an initial request is integrity protected, not ciphered");
    plain = Wire::body(h.value);
    std::array<std::uint8_t, 1> unused{};
    verified = secured_ && open<Wire>(current_, h.value, pdu, unused, count).has_value() && count >= current_.next_rx;
    count = estimate_count(current_.next_rx, h.value.sequence_number);  // also where nothing verifies
  }
  const char* why = "";
  std::size_t offset = 0;
  const auto request = Wire::read_initial(plain, why, offset);
  const std::size_t base = plain.data() == pdu.data() ? 0 : Wire::header_size;
  if (!request) return result(Outcome::discarded, Wire::c_start, why, base + offset);
  // 5.4.3.2 / 5.4.2.2: what the UE sent is what the command replays.
  request_ = *request;
  emergency_ = request->emergency || emergency;
  initial_verified_ = verified;
  initial_count_ = count;
  request_received_ = true;
  if (verified) current_.next_rx = (count + 1) & kCountMask;  // 4.4.3.2
  if (pending_) {
    // 5.4.3.7 c / 5.4.2.7 c: the SMC is aborted and the UE-initiated procedure goes on.
    pending_ = false;
    return result(Outcome::aborted, Wire::c_collision);
  }
  return result(Outcome::nothing, Wire::c_start);
}

template <class Wire>
NetworkResult NasSmcNetwork<Wire>::start(std::uint8_t ksi, std::uint8_t eea, std::uint8_t eia,
                                         std::span<std::uint8_t> out, bool imeisv_request, bool horizontal) noexcept {
  if (!request_received_)
    return result(Outcome::refused, Wire::c_start, "no initial request yet: no UE capabilities to replay");
  if (pending_) return result(Outcome::refused, Wire::c_start, "a security mode control procedure is running");
  if (eea > 7 || eia > 7) return result(Outcome::refused, Wire::c_algorithms, "algorithm identities are 3 bits");
  if (eia == 0 && !emergency_) return result(Outcome::refused, Wire::c_start, Wire::null_integrity_refused);
  const bool takes_fresh = fresh_ && ksi == fresh_ctx_.ksi;
  const bool names_current = !takes_fresh && secured_ && ksi == current_.ksi && !current_.mapped;
  // A current context without a key (the null context) has no K_NASint for a non-null algorithm.
  if (!takes_fresh && !(names_current && current_.keyed) && eia != 0)
    return result(Outcome::refused, Wire::c_start, Wire::no_context);
  // The new context: the fresh one, K'_AMF from the current one (TS 33.501 6.9.3), or the current
  // one with its counts; without its key for the null context. Counts restart from zero for a
  // fresh context and for K'_AMF (5.4.3.2 / 5.4.2.2, TS 33.501 6.7.2).
  const bool derived = Wire::horizontal_derivation && horizontal && names_current && current_.keyed;
  new_ = takes_fresh ? fresh_ctx_ : current_;
  if (derived) {
    const crypto::KdfKey k(current_.key);
    if (const char* fault = crypto::derive_kamf_prime(k, 0, initial_count_, new_.key))
      return result(Outcome::refused, "TS 33.501 A.13", fault);
  } else if (eia == 0 && !takes_fresh) {
    crypto::ct::wipe_object(new_.key);
    new_.keyed = false;
  }
  new_.ksi = ksi;
  new_.mapped = false;
  new_.eea = eea;
  new_.eia = eia;
  if (takes_fresh || derived) new_.next_tx = new_.next_rx = 0;
  new_derived_ = derived;

  CommandFields c;
  c.ksi = ksi;
  c.eea = eea;
  c.eia = eia;
  c.caps = ue_capabilities();
  c.additional = request_.additional;
  c.imeisv_request = imeisv_request;
  c.horizontal = derived;
  c.rinmr = Wire::initial_message_container && !initial_verified_;
  const auto e = Wire::encode_command(c, command_);
  if (!e.written) return result(Outcome::refused, Wire::c_encode, e.error);
  command_size_ = e.size;
  retransmissions_ = 0;
  const NetworkResult r = send_command(out);
  if (r.outcome == Outcome::command_sent) pending_ = true;
  return r;
}

// The command under the new context with its next downlink COUNT (header type 3), which then
// advances (4.4.3.1).
template <class Wire>
NetworkResult NasSmcNetwork<Wire>::send_command(std::span<std::uint8_t> out) noexcept {
  const auto p =
      protect(new_.key, new_.eea, new_.eia, new_.next_tx, Direction::downlink,
              Wire::HeaderType::integrity_protected_new_context, ByteView(command_.data(), command_size_), out);
  if (!p.written) return result(Outcome::refused, Wire::c_protect, p.error);
  new_.next_tx = (new_.next_tx + 1) & kCountMask;
  return {Outcome::command_sent, ByteView(out.data(), p.size), Wire::c_start, "", 0};
}

template <class Wire>
NetworkResult NasSmcNetwork<Wire>::timer_expiry(std::span<std::uint8_t> out) noexcept {
  if (!pending_) return result(Outcome::refused, Wire::c_timer, "the timer is not running");
  if (retransmissions_ >= kMaxRetransmissions) {
    pending_ = false;
    return result(Outcome::aborted, Wire::c_abort);
  }
  const NetworkResult r = send_command(out);
  if (r.outcome == Outcome::command_sent) ++retransmissions_;
  return r;
}

template <class Wire>
NetworkResult NasSmcNetwork<Wire>::receive(ByteView pdu) noexcept {
  if (pdu.size() < Wire::type_offset + 1) return result(Outcome::discarded, Wire::c_header, "too short for a header");
  std::array<std::uint8_t, 1024> buffer{};
  ByteView plain = pdu;
  bool under_new = false;  // verified under the context the running SMC takes into use
  std::uint32_t count = 0;
  const std::uint8_t type = Wire::header_type(pdu);
  if (type != 0) {
    const auto h = Wire::decode_protected(pdu);
    if (!h.ok()) return result(Outcome::discarded, Wire::c_integrity, h.error.reason, h.error.offset);
    // The header type names the context (TS 24.301 9.3.1, TS 24.501 9.3): 3 and 4 the new one the
    // running SMC takes into use, 1 and 2 the current one. (Trying both would not do: a command
    // that changes only the ciphering algorithm leaves both with the same K_NASint, so a MAC
    // verifies under either.)
    std::optional<ByteView> opened;
    const bool names_new = type == 3 || type == 4;
    if (names_new && pending_) {
      opened = open<Wire>(new_, h.value, pdu, buffer, count);
      under_new = opened.has_value();
    } else if (!names_new && secured_) {
      opened = open<Wire>(current_, h.value, pdu, buffer, count);
    }
    // A message that verifies nowhere is discarded, unless it can be read anyway and is one the
    // network processes without a successful integrity check (4.4.4.3): SECURITY MODE REJECT.
    if (!opened && !ciphered(type)) opened = Wire::body(h.value);
    if (!opened) return result(Outcome::discarded, Wire::c_integrity, "fails the integrity check");
    plain = *opened;
  }
  const std::size_t t = Wire::type_offset;
  if (plain.size() <= t) return result(Outcome::discarded, Wire::c_header, "too short for a message type");
  std::size_t offset = 0;
  if (plain[t] == kRejectType) {
    if (const char* why = Wire::read_reject(plain, offset))
      return result(Outcome::discarded, Wire::c_syntax, why, offset);
    if (!pending_) return result(Outcome::nothing, Wire::c_reject, "no security mode control procedure running");
    // 5.4.3.5 / 5.4.2.5: the timer stops, the procedure that started the SMC is aborted, the old
    // context stays.
    pending_ = false;
    return result(Outcome::aborted, Wire::c_reject);
  }
  if (plain[t] != kCompleteType || !pending_)
    return result(Outcome::discarded, Wire::c_complete, "not a SECURITY MODE COMPLETE the network waits for");
  if (!under_new)
    return result(Outcome::discarded, Wire::c_integrity,
                  "SECURITY MODE COMPLETE not integrity protected with the new context");
  // 4.4.3.2: a COMPLETE whose COUNT was accepted already is dropped (not with null integrity).
  if (new_.eia != 0 && count < new_.next_rx)
    return result(Outcome::discarded, Wire::c_replay, "replayed SECURITY MODE COMPLETE");
  const char* why = "";
  const auto complete = Wire::read_complete(plain, why, offset);
  if (!complete) return result(Outcome::discarded, Wire::c_syntax, why, offset);
  complete_ = *complete;
  // 5.4.3.4 / 5.4.2.4: the new context is in use; the fresh one is consumed if it was the one taken.
  const bool took_fresh = fresh_ && new_.keyed && fresh_ctx_.keyed && new_.key == fresh_ctx_.key;
  current_ = new_;
  current_.next_rx = (count + 1) & kCountMask;
  secured_ = true;
  pending_ = false;
  if (took_fresh) {
    fresh_ = false;
    fresh_ctx_.clear();
  }
  return result(Outcome::completed, Wire::c_complete);
}

template class NasSmcNetwork<EpsNasWire>;
template class NasSmcNetwork<FivegsNasWire>;

}  // namespace secmode::impl::engine
