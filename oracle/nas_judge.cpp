#include "oracle/eps_nas_judge.h"

#include <algorithm>

#include "impl/codec/nas_eps.h"
#include "impl/codec/nas_eps_emm.h"
#include "impl/crypto/ct.h"
#include "impl/engine/eps_nas_protection.h"
#include "impl/engine/initial_request.h"
#include "impl/engine/ue_security_capability.h"
#include "spec/hex.h"

namespace secmode::oracle {

namespace {

namespace ue = spec::nas_smc_ue;
namespace net = spec::nas_smc_network;
using impl::engine::Direction;
using spec::Concrete;

// The rule tables, built once: a table is a vector of std::functions, and building it cost more
// than the step it serves.
const auto& ue_rules() {
  static const auto rules = spec::EpsNasSmcUe::rules<Concrete>();
  return rules;
}
const auto& mme_rules() {
  static const auto rules = spec::EpsNasSmcMme::rules<Concrete>();
  return rules;
}

constexpr std::uint8_t kSmcType = 0x5d;  // TS 24.301 table 9.8.1
constexpr std::uint8_t kCompleteType = 0x5e;
constexpr std::uint8_t kRejectType = 0x5f;

std::vector<std::uint8_t> normalized(ByteView capability) {
  std::array<std::uint8_t, 4> o{};
  const std::size_t n = impl::engine::replayed_capability_octets(capability, o);
  return {o.begin(), o.begin() + static_cast<std::ptrdiff_t>(n)};
}

std::string response(std::uint32_t kind, std::uint32_t cause) {
  if (kind == ue::kComplete) return "SECURITY MODE COMPLETE";
  if (kind == ue::kReject) return "SECURITY MODE REJECT #" + std::to_string(cause);
  return "no answer";
}

// The plain message of a protected PDU if it verifies (unless EIA0) and deciphers under the
// given key and algorithms at `count`.
std::optional<std::vector<std::uint8_t>> open(ByteView kasme, std::uint32_t eea, std::uint32_t eia, std::uint32_t count,
                                              ByteView pdu) {
  const auto h = impl::nas::decode_security_protected(pdu);
  if (!h.ok() || kasme.size() != 32) return std::nullopt;
  const std::span<const std::uint8_t, 32> k(kasme.data(), 32);
  if (eia != 0 &&
      !impl::engine::mac_verifies(k, static_cast<std::uint8_t>(eia), count, Direction::uplink, h.value, pdu))
    return std::nullopt;
  const auto t = static_cast<std::uint8_t>(h.value.type);
  std::vector<std::uint8_t> plain(h.value.nas_message.begin(), h.value.nas_message.end());
  if (t == 2 || t == 4) {
    if (impl::engine::nas_cipher(k, impl::engine::kEpsNas, static_cast<std::uint8_t>(eea), count, Direction::uplink, h.value.nas_message,
                               plain) != nullptr)
      return std::nullopt;
  }
  return plain;
}

bool mac_ok(ByteView kasme, std::uint32_t eia, std::uint32_t count, Direction dir, ByteView pdu) {
  const auto h = impl::nas::decode_security_protected(pdu);
  if (!h.ok() || kasme.size() != 32) return false;
  return impl::engine::mac_verifies(std::span<const std::uint8_t, 32>(kasme.data(), 32), static_cast<std::uint8_t>(eia),
                                    count, dir, h.value, pdu);
}

}  // namespace

std::uint32_t EpsNasJudge::key_id(ByteView k) {
  if (std::all_of(k.begin(), k.end(), [](std::uint8_t x) { return x == 0; })) return ue::kNoKey;
  for (std::size_t i = 0; i < keys_.size(); ++i)
    if (std::equal(k.begin(), k.end(), keys_[i].begin(), keys_[i].end())) return static_cast<std::uint32_t>(i + 1);
  std::array<std::uint8_t, 32> a{};
  std::copy(k.begin(), k.end(), a.begin());
  keys_.push_back(a);
  return static_cast<std::uint32_t>(keys_.size());
}

ByteView EpsNasJudge::kasme(std::uint32_t id) const {
  static const std::array<std::uint8_t, 32> none{};
  if (id == 0 || id > keys_.size()) return none;
  return keys_[id - 1];
}

std::uint32_t EpsNasJudge::caps_id(ByteView n) {
  if (n.empty()) return 0;
  const std::vector<std::uint8_t> key(n.begin(), n.end());
  return caps_.emplace(key, static_cast<std::uint32_t>(caps_.size() + 1)).first->second;
}

void EpsNasJudge::emit(std::vector<Verdict>& out, Verdict v) const {
  if ((v.party == "ue" && judge_ue_) || (v.party == "network" && judge_network_)) out.push_back(std::move(v));
}

void EpsNasJudge::context(ByteView k, std::uint8_t ksi) {
  if (k.size() != 32) throw UnusableInput("kasme: K_ASME is 32 octets (TS 33.401 A.2)");
  if (ksi > 6) throw UnusableInput("ksi: an eKSI from AKA is 0..6 (TS 24.301 9.9.3.21)");
  ue::Event<Concrete> e{};
  e.kind = ue::kAka;
  e.ksi = ksi;
  e.key = key_id(k);
  const Concrete v;
  ue_ = spec::step(v, ue_rules(), ue_, e).state;
  net::Event<Concrete> n{};
  n.kind = net::kAka;
  n.ksi = ksi;
  n.key = e.key;
  mme_ = spec::step(v, mme_rules(), mme_, n).state;
}

void EpsNasJudge::pdu(std::size_t step, bool uplink_pdu, ByteView pdu, std::vector<Verdict>& out) {
  if (pdu.empty()) throw UnusableInput("hex: an empty NAS PDU");
  if (uplink_pdu)
    uplink(step, pdu, out);
  else
    downlink(step, pdu, out);
}

void EpsNasJudge::finish(std::vector<Verdict>& out) { no_answers(out); }

// ---- uplink: the UE's initial requests and its answers to commands ------------------------

void EpsNasJudge::uplink(std::size_t step, ByteView pdu, std::vector<Verdict>& out) {
  const std::uint8_t header = pdu[0] >> 4;
  std::vector<std::uint8_t> plain(pdu.begin(), pdu.end());
  if (header != 0) {
    const auto h = impl::nas::decode_security_protected(pdu);
    if (!h.ok())
      throw UnusableInput(std::string("NAS PDU: ") + h.error.reason + " at octet " + std::to_string(h.error.offset));
    plain.assign(h.value.nas_message.begin(), h.value.nas_message.end());
  }
  // An answer to a command waiting for one: COMPLETE or REJECT. A ciphered message is read under
  // the context the answer would use; one that reads as another message is not an answer, and
  // one that cannot be read there is judged as the answer.
  if (!expecting_.empty()) {
    const bool ciphered = header == 2 || header == 4;
    if (ciphered) {
      std::uint32_t count = 0;
      const auto read = answer_plain(answered(), pdu, count);
      if (read) plain = *read;
      if (!read || is_answer(plain)) {
        answer(step, pdu, out);
        return;
      }
    } else if (is_answer(plain)) {
      answer(step, pdu, out);
      return;
    }
  }
  const auto d = impl::nas::decode_emm_message(plain);
  if (!d.ok()) return;  // another message: not one security mode control is about
  const char* why = "";
  const auto request = impl::engine::initial_request(d.value, why);
  if (!request) return;  // another message: not one security mode control is about
  const ByteView capability = request->ue_network_capability;
  const auto& additional = request->additional;
  const bool emergency = request->emergency_attach;
  no_answers(out);  // a UE that sends a new request has answered all it will
  const Concrete v;
  ue::Event<Concrete> e{};
  e.kind = ue::kSendInitial;
  sent_caps_ = normalized(capability);
  e.caps = caps_id(sent_caps_);
  e.additional_present = additional.has_value();
  e.additional = additional ? (std::uint32_t{additional->ea} << 16 | additional->ia) : 0;
  e.emergency = emergency;
  ue_ = spec::step(v, ue_rules(), ue_, e).state;
  sent_nonce_ = request->nonce_ue;
  // The MME: an integrity-checked request's COUNT is accepted (4.4.3.2, 4.4.4.3).
  net::Event<Concrete> n{};
  n.kind = net::kReceiveInitial;
  n.caps = e.caps;
  n.emergency = emergency;
  if (header == 1 && mme_.secured) {
    n.count = impl::engine::estimate_count(mme_.ul_count, pdu.size() > 5 ? pdu[5] : 0);
    n.verified = (mme_.eia == 0 || mac_ok(kasme(mme_.key), mme_.eia, n.count, Direction::uplink, pdu)) &&
                 n.count >= mme_.ul_count;
  }
  mme_ = spec::step(v, mme_rules(), mme_, n).state;
}

// The UE's answer to the command it was expected to answer.
void EpsNasJudge::answer(std::size_t step, ByteView pdu, std::vector<Verdict>& out) {
  // The answer belongs to the oldest command that requires one; the older ones that require none
  // were rightly left unanswered. If none requires one, it answers the oldest, where silence was due.
  const auto due = first_due();
  if (due != expecting_.end()) {
    for (auto it = expecting_.cbegin(); it != due; ++it) silent(*it, out);
    expecting_.erase(expecting_.cbegin(), due);
  }
  const Expectation x = expecting_.front();
  expecting_.pop_front();
  const std::uint8_t header = pdu[0] >> 4;
  Verdict v{step, true, "ue", x.clause, response(x.output.response, x.output.cause), "", ""};
  std::uint32_t count = 0;
  const auto plain = answer_plain(x, pdu, count);
  std::uint32_t observed = ue::kNone, cause = 0;
  if (plain && plain->size() >= 2 && (*plain)[1] == kCompleteType) observed = ue::kComplete;
  if (plain && plain->size() >= 3 && (*plain)[1] == kRejectType) {
    observed = ue::kReject;
    cause = (*plain)[2];
  }
  v.observed = plain ? response(observed, cause) : "an uplink message that fails the integrity check";
  if (observed != x.output.response || (observed == ue::kReject && cause != x.output.cause)) {
    v.ok = false;
    v.explain = "to the command of step " + std::to_string(x.step) + ": " + x.why + " (rule " + x.rule + ")";
  } else if (observed == ue::kComplete && header != 4) {
    v.ok = false;
    v.clause = "TS 24.301 5.4.3.3, 9.3.1";
    v.explain =
        "SECURITY MODE COMPLETE goes integrity protected and ciphered with the new context (header type 4), "
        "not with header type " +
        std::to_string(header);
  } else if (header != 0 && count != x.output.count) {
    v.ok = false;
    v.clause = "TS 24.301 4.4.3.1";
    v.explain = "uplink NAS COUNT " + std::to_string(count) + " where " + std::to_string(x.output.count) + " was due";
  } else if (observed == ue::kComplete && x.imeisv_requested &&
             !impl::nas::decode_security_mode_complete(*plain).value.imeisv) {
    v.ok = false;
    v.clause = "TS 24.301 5.4.3.3";
    v.explain = "the command of step " + std::to_string(x.step) +
                " requested the IMEISV, and the SECURITY MODE COMPLETE does not carry it";
  } else if (observed == ue::kReject && x.secured_before && header == 0) {
    v.ok = false;
    v.clause = "TS 24.301 5.4.3.5, 4.4.4.2";
    v.explain = "a UE with a security context in use sends the REJECT protected with it, not plain";
  } else {
    v.explain = x.why + " (rule " + x.rule + ")";
  }
  emit(out, v);
  if (!plain) return;
  // The MME's side of the answer: a COMPLETE counts if it opens under the context the running
  // command takes into use (4.4.4.3).
  if (observed == ue::kNone) return;
  net::Event<Concrete> n{};
  n.kind = observed == ue::kComplete ? net::kComplete : net::kReject;
  n.key = ~0u;
  if (observed == ue::kComplete && header >= 3 && mme_.pending) {
    const std::uint32_t c = impl::engine::estimate_count(mme_.new_ul_count, pdu.size() > 5 ? pdu[5] : 0);
    if (open(kasme(mme_.new_key), mme_.new_eea, mme_.new_eia, c, pdu)) {
      n.key = mme_.new_key;
      n.eea = mme_.new_eea;
      n.eia = mme_.new_eia;
      n.count = c;
    }
  }
  mme_ = spec::step(Concrete{}, mme_rules(), mme_, n).state;
}

std::deque<EpsNasJudge::Expectation>::const_iterator EpsNasJudge::first_due() const {
  return std::find_if(expecting_.begin(), expecting_.end(),
                      [](const Expectation& e) { return e.output.response != ue::kNone; });
}

const EpsNasJudge::Expectation& EpsNasJudge::answered() const {
  const auto due = first_due();
  return due != expecting_.end() ? *due : expecting_.front();
}

EpsNasJudge::~EpsNasJudge() {
  for (auto& k : keys_) impl::crypto::ct::wipe_object(k);
}

// What the UE sent in answer to `x`, read under the context its header names (9.3.1): the new one
// for types 3 and 4, the one in use before the command for 1 and 2; `count` is the COUNT read.
std::optional<std::vector<std::uint8_t>> EpsNasJudge::answer_plain(const Expectation& x, ByteView pdu,
                                                                   std::uint32_t& count) const {
  const std::uint8_t header = pdu[0] >> 4;
  if (header == 0) return std::vector<std::uint8_t>(pdu.begin(), pdu.end());
  const Protection& p = header >= 3 ? x.complete : x.reject;
  count = impl::engine::estimate_count(p.count, pdu.size() > 5 ? pdu[5] : 0);
  return open(kasme(p.key), p.eea, p.eia, count, pdu);
}

bool EpsNasJudge::is_answer(ByteView plain) {
  return plain.size() >= 2 && (plain[1] == kCompleteType || plain[1] == kRejectType);
}

void EpsNasJudge::silent(const Expectation& x, std::vector<Verdict>& out) const {
  Verdict v{
      x.step, x.output.response == ue::kNone, "ue", x.clause, response(x.output.response, x.output.cause), "no answer",
      ""};
  v.explain = v.ok ? x.why + " (rule " + x.rule + ")" : x.why + " (rule " + x.rule + "), and the UE never answered";
  emit(out, v);
}

void EpsNasJudge::no_answers(std::vector<Verdict>& out) {
  for (const Expectation& x : expecting_) silent(x, out);
  expecting_.clear();
}

// ---- downlink: the network's commands ------------------------------------------------------

void EpsNasJudge::downlink(std::size_t step, ByteView pdu, std::vector<Verdict>& out) {
  Command c;
  c.header = pdu[0] >> 4;
  ByteView inner = pdu;
  if (c.header != 0) {
    const auto h = impl::nas::decode_security_protected(pdu);
    if (!h.ok())
      throw UnusableInput(std::string("NAS PDU: ") + h.error.reason + " at octet " + std::to_string(h.error.offset));
    if (c.header == 2 || c.header == 4) return;  // ciphered: not a command this oracle reads yet
    inner = h.value.nas_message;
    c.sn = h.value.sequence_number;
  }
  if (inner.size() < 2 || inner[1] != kSmcType) return;  // not a SECURITY MODE COMMAND
  const auto d = impl::nas::decode_security_mode_command(inner);
  if (!d.ok())
    throw UnusableInput(std::string("SECURITY MODE COMMAND: ") + d.error.ie + ": " + d.error.reason + " at octet " +
                        std::to_string(d.error.offset + (c.header ? 6 : 0)));
  const auto& smc = d.value;
  c.ksi = smc.nas_key_set_identifier.ksi;
  c.mapped = smc.nas_key_set_identifier.mapped;
  c.eea = smc.selected_nas_security_algorithms.ciphering;
  c.eia = smc.selected_nas_security_algorithms.integrity;
  c.imeisv_request = smc.imeisv_request == std::optional<std::uint8_t>(1);
  c.replayed = normalized(smc.replayed_ue_security_capabilities);
  if (smc.replayed_ue_additional_security_capability)
    c.additional = std::uint32_t{smc.replayed_ue_additional_security_capability->ea} << 16 |
                   smc.replayed_ue_additional_security_capability->ia;
  c.nonce_ue = smc.replayed_nonce_ue;
  c.plain.assign(inner.begin(), inner.end());
  command_network(step, pdu, c, out);
  if (c.header == 0) {
    // 4.4.4.2: a command without integrity protection is not processed at all.
    Expectation x;
    x.step = step;
    x.output = ue::Output<Concrete>::none(Concrete{});
    x.clause = "TS 24.301 4.4.4.2";
    x.rule = "none";
    x.why = "a command without integrity protection is not processed";
    expecting_.push_back(x);
    return;
  }
  command_ue(step, pdu, c);
}

void EpsNasJudge::command_ue(std::size_t step, ByteView pdu, const Command& c) {
  const Concrete v;
  ue::Event<Concrete> e{};
  e.kind = ue::kSmc;
  e.ksi = c.ksi + (c.mapped ? 8u : 0u);
  e.eea = c.eea;
  e.eia = c.eia;
  const bool takes_fresh = ue_.fresh && e.ksi == ue_.fresh_ksi;
  const bool names_current = !takes_fresh && ue_.secured && e.ksi == ue_.ksi;
  e.count = takes_fresh ? c.sn : impl::engine::estimate_count(names_current ? ue_.dl_count : 0, c.sn);
  const std::uint32_t named = takes_fresh ? ue_.fresh_key : names_current ? ue_.key : ue::kNoKey;
  e.key = named != ue::kNoKey && mac_ok(kasme(named), c.eia, e.count, Direction::downlink, pdu) ? named : ue::kNoKey;
  e.caps = caps_id(c.replayed);
  e.additional_present = c.additional.has_value();
  e.additional = c.additional.value_or(0);
  e.nonce_ue_present = c.nonce_ue.has_value();
  e.nonce_ue_ok = c.nonce_ue && sent_nonce_ && *c.nonce_ue == *sent_nonce_;
  e.new_context_header = c.header == 3;
  const auto& rules = ue_rules();
  const auto st = spec::step(v, rules, ue_, e);
  Expectation x;
  x.step = step;
  x.output = st.output;
  x.clause = std::string(rules[st.fired].clause);
  x.rule = std::string(rules[st.fired].name);
  x.secured_before = ue_.secured;
  x.imeisv_requested = c.imeisv_request;
  const std::uint32_t commanded = c.eia == 0 && !takes_fresh ? ue::kNoKey : named;
  x.complete = {commanded, c.eea, c.eia, takes_fresh ? 0u : ue_.ul_count};
  x.reject = {ue_.secured ? ue_.key : ue::kNoKey, ue_.eea, ue_.eia, ue_.ul_count};
  if (x.rule == "reject_capability_mismatch")
    x.why = c.replayed != sent_caps_
                ? "the replayed UE security capabilities " + spec::to_hex(c.replayed) + " differ from the " +
                      spec::to_hex(sent_caps_) + " the UE sent in its latest request"
                : "the replayed UE additional security capabilities differ from what the UE sent";
  else if (x.rule == "reject_integrity_failure")
    x.why = c.header != 3 ? "the command came with security header type " + std::to_string(c.header) + ", not 3"
            : named == ue::kNoKey
                ? "the UE holds no EPS security context under the eKSI the command names"
                : "its NAS-MAC does not verify with the named context at downlink COUNT " + std::to_string(e.count);
  else if (x.rule == "reject_nonce_mismatch")
    x.why = "the replayed nonceUE is not the one the UE sent";
  else if (x.rule == "reject_null_integrity_without_emergency")
    x.why = "it selects EIA0 and the UE is not establishing emergency bearer services";
  else if (x.rule == "discard_replay")
    x.why = "downlink NAS COUNT " + std::to_string(e.count) + " was accepted already";
  else if (x.rule == "accept")
    x.why = "every check of 5.4.3.3 passes";
  expecting_.push_back(x);
  ue_ = st.state;
}

void EpsNasJudge::command_network(std::size_t step, ByteView pdu, const Command& c, std::vector<Verdict>& out) {
  const Concrete v;
  const auto& rules = mme_rules();
  net::Event<Concrete> n{};
  const bool retransmission = mme_.pending;
  n.kind = retransmission ? net::kTimerExpiry : net::kStart;
  n.ksi = c.ksi;
  n.eea = c.eea;
  n.eia = c.eia;
  const auto before = mme_;
  const auto st = spec::step(v, rules, mme_, n);
  Verdict verdict{step,
                  true,
                  "network",
                  "",
                  "",
                  "SECURITY MODE COMMAND eKSI " + std::to_string(c.ksi) + " EEA" + std::to_string(c.eea) + "/EIA" +
                      std::to_string(c.eia),
                  ""};
  if (st.output.action != net::kSendSmc) {
    verdict.ok = false;
    verdict.expected = "no SECURITY MODE COMMAND";
    if (retransmission) {
      verdict.clause = "TS 24.301 5.4.3.7 b";
      verdict.explain = "T3460 expired for the fifth time: the procedure is aborted, not retransmitted again";
    } else {
      verdict.clause = "TS 24.301 5.4.3.2";
      verdict.explain = !before.request_received ? "no initial request has brought the UE's capabilities to replay"
                        : c.eia == 0 && !before.emergency
                            ? "null integrity (EIA0) is for emergency bearer services only"
                            : "the network holds no EPS security context under eKSI " + std::to_string(c.ksi);
    }
    emit(out, verdict);
    mme_ = st.state;
    return;
  }
  const auto& o = st.output;
  verdict.clause = std::string(rules[st.fired].clause);
  verdict.expected = "SECURITY MODE COMMAND eKSI " + std::to_string(o.ksi) + " EEA" + std::to_string(o.eea) + "/EIA" +
                     std::to_string(o.eia) + ", integrity protected with the new context, downlink COUNT " +
                     std::to_string(o.count);
  std::string wrong;
  if (retransmission && c.plain != last_command_)
    wrong = "a retransmission repeats the command (5.4.3.7 b), this one differs from the first";
  else if (c.header != 3)
    wrong = "security header type " + std::to_string(c.header) +
            ", where a command is integrity protected with the new EPS security context (type 3, 9.3.1)";
  else if (caps_id(c.replayed) != o.replayed_caps)
    wrong = "replayed UE security capabilities " + spec::to_hex(c.replayed) + " differ from the " +
            spec::to_hex(sent_caps_) + " the UE sent";
  else if (c.sn != (o.count & 0xff))
    wrong = "NAS sequence number " + std::to_string(c.sn) + " where downlink NAS COUNT " + std::to_string(o.count) +
            " was due (4.4.3.1)";
  else if (o.eia != 0 && !mac_ok(kasme(o.key), o.eia, o.count, Direction::downlink, pdu))
    wrong =
        "the NAS-MAC is not the one K_NASint of the named context gives at downlink COUNT " + std::to_string(o.count);
  if (!wrong.empty()) {
    verdict.ok = false;
    verdict.explain = wrong;
  } else {
    verdict.explain = retransmission ? "a retransmission on T3460 expiry, with the next COUNT" : "as 5.4.3.2 requires";
  }
  emit(out, verdict);
  if (!retransmission) last_command_ = c.plain;
  mme_ = st.state;
}

}  // namespace secmode::oracle
