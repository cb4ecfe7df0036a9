#include "oracle/nas_judge.h"

#include <algorithm>

#include "impl/codec/nas_5gs.h"
#include "impl/codec/nas_eps.h"
#include "impl/crypto/ct.h"
#include "impl/crypto/kdf.h"
#include "impl/engine/eps_nas_protection.h"
#include "impl/engine/fivegs_nas_protection.h"
#include "impl/engine/nas_wire.h"
#include "oracle/text.h"
#include "spec/crypto/keys_5gs.h"
#include "spec/crypto/keys_eps.h"
#include "spec/hex.h"

namespace secmode::oracle {

namespace {

namespace ue = spec::nas_smc_ue;
namespace net = spec::nas_smc_network;
using impl::engine::Direction;
using spec::Concrete;

// The rule tables, built once: a table is a vector of std::functions, and building it cost more
// than the step it serves.
const auto& ue_rules(Rat rat) {
  static const auto eps = spec::EpsNasSmcUe::rules<Concrete>();
  static const auto fivegs = spec::FivegsNasSmcUe::rules<Concrete>();
  return rat == Rat::eps ? eps : fivegs;
}
const auto& network_rules(Rat rat) {
  static const auto eps = spec::EpsNasSmcMme::rules<Concrete>();
  static const auto fivegs = spec::FivegsNasSmcAmf::rules<Concrete>();
  return rat == Rat::eps ? eps : fivegs;
}

// Where the two RATs' NAS PDUs differ (TS 24.301 9.1, 9.3.1; TS 24.501 9.1.1, 9.3), and the
// words and clauses of their verdicts.
struct Wire {
  std::size_t sn_offset;    // of the sequence number in a protected PDU
  std::size_t type_offset;  // of the message type in a plain message
  std::string_view standard;  // "TS 24.301"
  std::string_view accept;    // the UE's checks and answer
  std::string_view reject;    // REJECT
  std::string_view start;     // the network starts the procedure
  std::string_view timer;     // retransmission and abort clause
  std::string_view header;    // security header types
  std::string_view timer_name;
  std::string_view ksi;
  std::string_view eea;
  std::string_view eia;
  std::string_view context;      // "EPS security context"
  std::string_view unprotected;  // the clause for a command without integrity protection
};
constexpr Wire kEps{5,
                    1,
                    "TS 24.301",
                    "5.4.3.3",
                    "5.4.3.5",
                    "5.4.3.2",
                    "5.4.3.7 b",
                    "9.3.1",
                    "T3460",
                    "eKSI",
                    "EEA",
                    "EIA",
                    "EPS security context",
                    "TS 24.301 4.4.4.2"};
constexpr Wire kFivegs{6,
                       2,
                       "TS 24.501",
                       "5.4.2.3",
                       "5.4.2.5",
                       "5.4.2.2",
                       "5.4.2.7 b",
                       "9.3",
                       "T3560",
                       "ngKSI",
                       "5G-EA",
                       "5G-IA",
                       "5G NAS security context",
                       "TS 24.501 4.4.4.2"};
const Wire& wire(Rat rat) { return rat == Rat::eps ? kEps : kFivegs; }
std::string clause(Rat rat, std::string_view number) { return cat(wire(rat).standard, " ", number); }

std::uint8_t header_type(Rat rat, ByteView pdu) {
  if (rat == Rat::eps) return pdu[0] >> 4;
  return pdu.size() >= 2 ? pdu[1] & 0x0f : 0;
}
std::uint8_t sequence_number(Rat rat, ByteView pdu) {
  const std::size_t at = wire(rat).sn_offset;
  return pdu.size() > at ? pdu[at] : 0;
}

constexpr std::uint8_t kSmcType = 0x5d;  // TS 24.301 table 9.8.1, TS 24.501 table 9.7.1
constexpr std::uint8_t kCompleteType = 0x5e;
constexpr std::uint8_t kRejectType = 0x5f;

std::string response(std::uint32_t kind, std::uint32_t cause) {
  if (kind == ue::kComplete) return "SECURITY MODE COMPLETE";
  if (kind == ue::kReject) return cat("SECURITY MODE REJECT #", cause);
  return "no answer";
}

// What a SECURITY MODE COMMAND must replay, from an initial request, read as the engines read it
// (nas_wire.h), or nothing when the message is not one.
std::optional<impl::engine::ReplayedCapabilities> initial_request(Rat rat, ByteView plain) {
  const char* why = "";
  std::size_t offset = 0;
  return rat == Rat::eps ? impl::engine::EpsNasWire::read_initial(plain, why, offset)
                         : impl::engine::FivegsNasWire::read_initial(plain, why, offset);
}

std::optional<std::uint32_t> packed(const std::optional<impl::nas::UeAdditionalSecurityCapability>& a) {
  if (!a) return std::nullopt;
  return std::uint32_t{a->ea} << 16 | a->ia;
}

}  // namespace

const NasJudge::Header& NasJudge::decoded(ByteView pdu) const {
  Header& h = header_;
  if (!h.decoded || h.pdu.data() != pdu.data() || h.pdu.size() != pdu.size()) {
    h.pdu = pdu;
    h.decoded = true;
    h.checked.valid = h.opened.valid = false;
    if (rat_ == Rat::eps)
      h.eps = impl::nas::decode_security_protected(pdu);
    else
      h.fivegs = impl::nas5gs::decode_security_protected(pdu);
  }
  return h;
}

// The message inside a protected PDU (ciphered when its header type says so), or why there is none.
ByteView NasJudge::protected_body(ByteView pdu) const {
  const Header& h = decoded(pdu);
  const auto& error = rat_ == Rat::eps ? h.eps.error : h.fivegs.error;
  if (error.message != nullptr) throw UnusableInput(cat("NAS PDU: ", error.reason, " at octet ", error.offset));
  return rat_ == Rat::eps ? h.eps.value.nas_message : h.fivegs.value.plain_nas_message;
}

bool NasJudge::Header::Under::matches(ByteView k, std::uint32_t a, std::uint32_t a2, std::uint32_t c,
                                      Direction d) const {
  return valid && k.size() == 32 && alg == a && alg2 == a2 && count == c && direction == d &&
         impl::crypto::ct::equal_bytes(key.data(), k.data(), 32);
}

void NasJudge::Header::Under::set(ByteView k, std::uint32_t a, std::uint32_t a2, std::uint32_t c, Direction d) {
  valid = k.size() == 32;
  if (valid) std::copy(k.begin(), k.end(), key.begin());
  alg = a;
  alg2 = a2;
  count = c;
  direction = d;
}

bool NasJudge::mac_ok(ByteView key, std::uint32_t eia, std::uint32_t count, Direction dir, ByteView pdu) const {
  if (key.size() != 32) return false;
  Header& h = header_;
  decoded(pdu);
  if (h.checked.matches(key, eia, 0, count, dir)) return h.mac_verified;
  const std::span<const std::uint8_t, 32> k(key.data(), 32);
  const auto alg = static_cast<std::uint8_t>(eia);
  h.mac_verified =
      rat_ == Rat::eps
          ? h.eps.ok() && impl::engine::mac_verifies(algorithm_keys_, k, alg, count, dir, h.eps.value, pdu)
          : h.fivegs.ok() && impl::engine::mac_verifies(algorithm_keys_, k, alg, count, dir, h.fivegs.value, pdu);
  h.checked.set(key, eia, 0, count, dir);
  return h.mac_verified;
}

// Into `plain`, the plain message of an uplink protected PDU if it verifies (unless EIA0 / NIA0)
// and deciphers under the given key and algorithms at `count`.
bool NasJudge::open_into(ByteView key, std::uint32_t eea, std::uint32_t eia, std::uint32_t count, ByteView pdu,
                         std::vector<std::uint8_t>& plain) const {
  if (key.size() != 32) return false;
  ByteView body;
  try {
    body = protected_body(pdu);
  } catch (const UnusableInput&) {
    return false;
  }
  if (eia != 0 && !mac_ok(key, eia, count, Direction::uplink, pdu)) return false;
  plain.assign(body.begin(), body.end());
  const std::uint8_t t = header_type(rat_, pdu);
  if (t == 2 || t == 4) {
    const auto profile = rat_ == Rat::eps ? impl::engine::kEpsNas : impl::engine::kFivegsNas;
    if (algorithm_keys_.cipher(std::span<const std::uint8_t, 32>(key.data(), 32), profile,
                               static_cast<std::uint8_t>(eea), count, Direction::uplink, body, plain) != nullptr)
      return false;
  }
  return true;
}

std::uint32_t NasJudge::key_id(ByteView k) {
  if (std::all_of(k.begin(), k.end(), [](std::uint8_t x) { return x == 0; })) return ue::kNoKey;
  for (const auto& [id, bytes] : keys_[kUe])
    if (id < next_key_ && std::equal(k.begin(), k.end(), bytes.begin(), bytes.end())) return id;
  std::array<std::uint8_t, 32> a{};
  std::copy(k.begin(), k.end(), a.begin());
  keys_[kUe][next_key_] = a;
  keys_[kNetwork][next_key_] = a;
  impl::crypto::ct::wipe_object(a);
  return next_key_++;
}

ByteView NasJudge::key(Party party, std::uint32_t id) const {
  static const std::array<std::uint8_t, 32> none{};
  const auto it = keys_[party].find(id);
  return it == keys_[party].end() ? ByteView(none) : ByteView(it->second);
}

// K'_AMF = KDF(K_AMF, 0x72, DIRECTION 0, COUNT) (TS 33.501 A.13, 6.9.3), under the identity the
// table derives (nas_smc::derived_key), which a later derivation by the same party takes over.
std::uint32_t NasJudge::derive(Party party, std::uint32_t from, std::uint32_t count) {
  auto& keys = keys_[party];
  if (from == ue::kNoKey || !keys.contains(from)) return ue::kNoKey;
  const std::uint32_t id = spec::nas_smc::derived_key(Concrete{}, from);
  std::array<std::uint8_t, 32> derived{};
  const impl::crypto::KdfKey k(std::span<const std::uint8_t, 32>(keys.at(from)));
  impl::crypto::derive_kamf_prime(k, 0, count, derived);
  keys[id] = derived;
  impl::crypto::ct::wipe_object(derived);
  return id;
}

std::uint32_t NasJudge::caps_id(ByteView n) {
  if (n.empty()) return 0;
  const auto known = std::find_if(caps_.begin(), caps_.end(), [&](const auto& c) { return std::ranges::equal(c, n); });
  if (known != caps_.end()) return static_cast<std::uint32_t>(known - caps_.begin() + 1);
  caps_.emplace_back(n.begin(), n.end());
  return static_cast<std::uint32_t>(caps_.size());
}

void NasJudge::emit(std::vector<Verdict>& out, Verdict v) const {
  if ((v.party == "ue" && judge_ue_) || (v.party == "network" && judge_network_)) out.push_back(std::move(v));
}

void NasJudge::context(ByteView k, std::uint8_t ksi) {
  if (k.size() != 32)
    throw UnusableInput(rat_ == Rat::eps ? "kasme: K_ASME is 32 octets (TS 33.401 A.2)"
                                         : "kamf: K_AMF is 32 octets (TS 33.501 A.7)");
  if (ksi > 6)
    throw UnusableInput(rat_ == Rat::eps ? "ksi: an eKSI from AKA is 0..6 (TS 24.301 9.9.3.21)"
                                         : "ksi: an ngKSI from AKA is 0..6 (TS 24.501 9.11.3.32)");
  ue::Event<Concrete> e{};
  e.kind = ue::kAka;
  e.ksi = ksi;
  e.key = key_id(k);
  const Concrete v;
  ue_ = spec::step(v, ue_rules(rat_), ue_, e).state;
  net::Event<Concrete> n{};
  n.kind = net::kAka;
  n.ksi = ksi;
  n.key = e.key;
  mme_ = spec::step(v, network_rules(rat_), mme_, n).state;
}

bool NasJudge::as_key(std::array<std::uint8_t, 32>& out) const {
  if (!mme_.secured || mme_.key == net::kNoKey) return false;
  const std::uint32_t count = mme_.ul_count == 0 ? 0 : mme_.ul_count - 1;
  const ByteView k = key(kNetwork, mme_.key);
  const spec::Key256 derived =
      rat_ == Rat::eps ? spec::derive_kenb(k, count) : spec::derive_kgnb(k, count, spec::AccessType::three_gpp);
  std::copy(derived.begin(), derived.end(), out.begin());
  return true;
}

std::optional<std::uint16_t> NasJudge::sent_capabilities() const {
  if (sent_caps_.size() < 2) return std::nullopt;
  std::uint16_t caps = 0;
  for (unsigned i = 0; i < 8; ++i) {  // bit 8 of an octet is algorithm 0
    if (sent_caps_[0] >> (7 - i) & 1) caps |= static_cast<std::uint16_t>(1u << i);
    if (sent_caps_[1] >> (7 - i) & 1) caps |= static_cast<std::uint16_t>(1u << (8 + i));
  }
  return caps;
}

void NasJudge::pdu(std::size_t step, bool uplink_pdu, ByteView pdu, std::vector<Verdict>& out) {
  if (pdu.empty()) throw UnusableInput("hex: an empty NAS PDU");
  happened_ = Happened::nothing;
  header_.decoded = false;
  if (uplink_pdu)
    uplink(step, pdu, out);
  else
    downlink(step, pdu, out);
}

void NasJudge::finish(std::vector<Verdict>& out) {
  no_answers(out);
  if (aka_) {
    std::vector<Verdict> said;
    aka_->finish(said);
    for (Verdict& v : said) emit(out, std::move(v));
  }
}

// ---- uplink: the UE's initial requests and its answers to commands ------------------------

void NasJudge::uplink(std::size_t step, ByteView pdu, std::vector<Verdict>& out) {
  const std::uint8_t header = header_type(rat_, pdu);
  ByteView plain = header != 0 ? protected_body(pdu) : pdu;
  if (aka_ && header != 2 && header != 4) {
    std::vector<Verdict> said;
    const auto established = aka_->uplink(step, plain, said);
    for (Verdict& v : said) emit(out, std::move(v));
    if (established) {
      context(established->key, established->ksi);
      happened_ = Happened::aka;
    }
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
  const auto request = initial_request(rat_, plain);
  if (!request) return;  // another message: not one security mode control is about
  no_answers(out);       // a UE that sends a new request has answered all it will
  const Concrete v;
  ue::Event<Concrete> e{};
  e.kind = ue::kSendInitial;
  sent_caps_.assign(request->caps.begin(), request->caps.begin() + static_cast<std::ptrdiff_t>(request->caps_size));
  sent_request_.assign(plain.begin(), plain.end());
  e.caps = caps_id(sent_caps_);
  e.additional_present = request->additional.has_value();
  e.additional = packed(request->additional).value_or(0);
  e.emergency = request->emergency;
  ue_initial_count_ = ue_.secured ? ue_.ul_count : 0;
  ue_ = spec::step(v, ue_rules(rat_), ue_, e).state;
  sent_nonce_ = request->nonce_ue;
  // The network: an integrity-checked request's COUNT is accepted (4.4.3.2, 4.4.4.3).
  net::Event<Concrete> n{};
  n.kind = net::kReceiveInitial;
  n.caps = e.caps;
  n.emergency = request->emergency;
  network_initial_count_ = 0;
  if (header == 1) {
    n.count = impl::engine::estimate_count(mme_.ul_count, sequence_number(rat_, pdu));
    network_initial_count_ = n.count;
    n.verified = mme_.secured &&
                 (mme_.eia == 0 || mac_ok(key(kNetwork, mme_.key), mme_.eia, n.count, Direction::uplink, pdu)) &&
                 n.count >= mme_.ul_count;
  }
  mme_ = spec::step(v, network_rules(rat_), mme_, n).state;
}

// The UE's answer to the command it was expected to answer.
void NasJudge::answer(std::size_t step, ByteView pdu, std::vector<Verdict>& out) {
  // The answer belongs to the oldest command that requires one; the older ones that require none
  // were rightly left unanswered. If none requires one, it answers the oldest, where silence was due.
  const auto due = first_due();
  if (due != expecting_.end()) {
    for (auto it = expecting_.cbegin(); it != due; ++it) silent(*it, out);
    expecting_.erase(expecting_.cbegin(), due);
  }
  const Expectation x = std::move(expecting_.front());
  expecting_.pop_front();
  const Wire& w = wire(rat_);
  const std::uint8_t header = header_type(rat_, pdu);
  Verdict v{step, true, "ue", std::string(x.clause), response(x.output.response, x.output.cause), "", ""};
  std::uint32_t count = 0;
  const auto plain = answer_plain(x, pdu, count);
  std::uint32_t observed = ue::kNone, cause = 0;
  const std::size_t t = w.type_offset;
  if (plain && plain->size() > t && (*plain)[t] == kCompleteType) observed = ue::kComplete;
  if (plain && plain->size() > t + 1 && (*plain)[t] == kRejectType) {
    observed = ue::kReject;
    cause = (*plain)[t + 1];
  }
  v.observed = plain ? response(observed, cause) : "an uplink message that fails the integrity check";
  // What the COMPLETE carries: the IMEISV when asked; in 5GS the initial request when 4.4.6 says so.
  bool imeisv = false, container = false;
  if (observed == ue::kComplete) {
    if (rat_ == Rat::eps) {
      const auto d = impl::nas::decode_security_mode_complete(*plain);
      imeisv = d.ok() && d.value.imeisv.has_value();
    } else {
      const auto d = impl::nas5gs::decode_security_mode_complete(*plain);
      imeisv = d.ok() && d.value.imeisv.has_value();
      container = d.ok() && d.value.nas_message_container &&
                  std::equal(d.value.nas_message_container->begin(), d.value.nas_message_container->end(),
                             x.initial.begin(), x.initial.end());
    }
  }
  const std::string accept = clause(rat_, w.accept);
  if (observed != x.output.response || (observed == ue::kReject && cause != x.output.cause)) {
    v.ok = false;
    v.explain = cat("to the command of step ", x.step, ": ", x.why, " (rule ", x.rule, ")");
  } else if (observed == ue::kComplete && header != 4) {
    v.ok = false;
    v.clause = cat(accept, ", ", w.header);
    v.explain =
        cat("SECURITY MODE COMPLETE goes integrity protected and ciphered with the new context (header type 4), "
            "not with header type ",
            header + 0u);
  } else if (header != 0 && count != x.output.count) {
    v.ok = false;
    v.clause = clause(rat_, "4.4.3.1");
    v.explain = cat("uplink NAS COUNT ", count, " where ", x.output.count, " was due",
                    count < x.output.count ? ": the UE used that COUNT already under this key, so the keystream and "
                                             "MAC input repeat (the sender increases NAS COUNT after each message)"
                                           : "");
  } else if (observed == ue::kComplete && x.imeisv_requested && !imeisv) {
    v.ok = false;
    v.clause = accept;
    v.explain =
        cat("the command of step ", x.step, " requested the IMEISV, and the SECURITY MODE COMPLETE does not carry it");
  } else if (observed == ue::kComplete && x.output.container && !container) {
    v.ok = false;
    v.clause = cat(accept, ", 4.4.6");
    v.explain =
        cat("the SECURITY MODE COMPLETE does not return the initial request whole in its NAS message container (",
            x.rinmr ? "the command set RINMR" : "the request went without a security context", ")");
  } else if (observed == ue::kReject && x.secured_before && header == 0) {
    v.ok = false;
    v.clause = cat(w.standard, " ", w.reject, ", 4.4.4.2");
    v.explain = "a UE with a security context in use sends the REJECT protected with it, not plain";
  } else {
    v.explain = cat(x.why, " (rule ", x.rule, ")");
  }
  emit(out, std::move(v));
  if (!plain) return;
  // The network's side of the answer: a COMPLETE counts if it opens under the context the running
  // command takes into use (4.4.4.3).
  if (observed == ue::kNone) return;
  net::Event<Concrete> n{};
  n.kind = observed == ue::kComplete ? net::kComplete : net::kReject;
  n.key = ~0u;
  if (observed == ue::kComplete && header >= 3 && mme_.pending) {
    const std::uint32_t c = impl::engine::estimate_count(mme_.new_ul_count, sequence_number(rat_, pdu));
    if (open(key(kNetwork, mme_.new_key), mme_.new_eea, mme_.new_eia, c, pdu)) {
      n.key = mme_.new_key;
      n.eea = mme_.new_eea;
      n.eia = mme_.new_eia;
      n.count = c;
      happened_ = Happened::complete;
    }
  }
  mme_ = spec::step(Concrete{}, network_rules(rat_), mme_, n).state;
}

std::deque<NasJudge::Expectation>::const_iterator NasJudge::first_due() const {
  return std::find_if(expecting_.begin(), expecting_.end(),
                      [](const Expectation& e) { return e.output.response != ue::kNone; });
}

const NasJudge::Expectation& NasJudge::answered() const {
  const auto due = first_due();
  return due != expecting_.end() ? *due : expecting_.front();
}

NasJudge::~NasJudge() {
  for (auto& keys : keys_)
    for (auto& [id, k] : keys) impl::crypto::ct::wipe_object(k);
  impl::crypto::ct::wipe_object(header_.checked.key);
  impl::crypto::ct::wipe_object(header_.opened.key);
}

// What the UE sent in answer to `x`, read under the context its header names (9.3.1 / 9.3): the
// new one for types 3 and 4, the one in use before the command for 1 and 2; `count` is the COUNT read.
std::optional<ByteView> NasJudge::answer_plain(const Expectation& x, ByteView pdu, std::uint32_t& count) const {
  const std::uint8_t header = header_type(rat_, pdu);
  if (header == 0) return pdu;
  const Protection& p = header >= 3 ? x.complete : x.reject;
  count = impl::engine::estimate_count(p.count, sequence_number(rat_, pdu));
  if (const auto plain = open(key(kUe, p.key), p.eea, p.eia, count, pdu)) return plain;
  // Not at the COUNT due or after: perhaps at one of the last few the UE used already under this
  // key (its keystream repeats), which the caller's COUNT check then names: a sender that forgot
  // to increase its COUNT once, or went back over a short burst. The SN leaves one candidate.
  constexpr std::uint32_t kReusedWindow = 16;
  const std::uint32_t back = (p.count - sequence_number(rat_, pdu)) & 0xff;
  if (back == 0 || back > kReusedWindow || back > p.count) return std::nullopt;
  const auto plain = open(key(kUe, p.key), p.eea, p.eia, p.count - back, pdu);
  if (plain) count = p.count - back;
  return plain;
}

std::optional<ByteView> NasJudge::open(ByteView k, std::uint32_t eea, std::uint32_t eia, std::uint32_t count,
                                       ByteView pdu) const {
  Header& h = header_;
  decoded(pdu);
  if (!h.opened.matches(k, eia, eea, count, Direction::uplink)) {
    h.open_ok = open_into(k, eea, eia, count, pdu, h.plain);
    h.opened.set(k, eia, eea, count, Direction::uplink);
  }
  return h.open_ok ? std::optional<ByteView>(h.plain) : std::nullopt;
}

bool NasJudge::is_answer(ByteView plain) const {
  const std::size_t t = wire(rat_).type_offset;
  return plain.size() > t && (plain[t] == kCompleteType || plain[t] == kRejectType);
}

void NasJudge::silent(const Expectation& x, std::vector<Verdict>& out) const {
  Verdict v{x.step,
            x.output.response == ue::kNone,
            "ue",
            std::string(x.clause),
            response(x.output.response, x.output.cause),
            "no answer",
            cat(x.why, " (rule ", x.rule, ")", x.output.response == ue::kNone ? "" : ", and the UE never answered")};
  emit(out, std::move(v));
}

void NasJudge::no_answers(std::vector<Verdict>& out) {
  for (const Expectation& x : expecting_) silent(x, out);
  expecting_.clear();
}

// ---- downlink: the network's commands ------------------------------------------------------

// The fields of a decoded SECURITY MODE COMMAND the tables look at; `offset` places a decoding
// error in the PDU.
void NasJudge::read_command(Rat rat, ByteView inner, std::size_t offset, Command& c) {
  impl::engine::CommandFields f;
  std::size_t at = 0;
  const char* why = rat == Rat::eps ? impl::engine::EpsNasWire::read_command(inner, f, at)
                                    : impl::engine::FivegsNasWire::read_command(inner, f, at);
  if (why != nullptr) throw UnusableInput(cat("SECURITY MODE COMMAND: ", why, " at octet ", at + offset));
  c.ksi = f.ksi;
  c.mapped = f.mapped;
  c.eea = f.eea;
  c.eia = f.eia;
  c.imeisv_request = f.imeisv_request;
  c.replayed_size = std::min(f.caps.size(), c.replayed_storage.size());
  std::copy_n(f.caps.begin(), c.replayed_size, c.replayed_storage.begin());
  c.additional = packed(f.additional);
  c.nonce_ue = f.nonce_ue;
  c.horizontal = f.horizontal;
  c.rinmr = f.rinmr;
}

void NasJudge::downlink(std::size_t step, ByteView pdu, std::vector<Verdict>& out) {
  Command c;
  c.header = header_type(rat_, pdu);
  ByteView inner = pdu;
  const std::size_t body_offset = c.header == 0 ? 0 : wire(rat_).sn_offset + 1;
  if (c.header != 0) {
    inner = protected_body(pdu);
    if (c.header == 2 || c.header == 4) return;  // ciphered: not a command this oracle reads yet
    c.sn = sequence_number(rat_, pdu);
  }
  if (aka_) {
    std::vector<Verdict> said;
    aka_->downlink(step, inner, said);
    for (Verdict& v : said) emit(out, std::move(v));
  }
  const std::size_t t = wire(rat_).type_offset;
  if (inner.size() <= t || inner[t] != kSmcType) return;  // not a SECURITY MODE COMMAND
  read_command(rat_, inner, body_offset, c);
  c.plain = inner;
  command_network(step, pdu, c, out);
  if (c.header == 0) {
    // 4.4.4.2: a command without integrity protection is not processed at all.
    Expectation x;
    x.step = step;
    x.output = ue::Output<Concrete>::none(Concrete{});
    x.clause = wire(rat_).unprotected;
    x.rule = "none";
    x.why = "a command without integrity protection is not processed";
    expecting_.push_back(std::move(x));
    return;
  }
  command_ue(step, pdu, c);
}

void NasJudge::command_ue(std::size_t step, ByteView pdu, const Command& c) {
  const Concrete v;
  const Wire& w = wire(rat_);
  ue::Event<Concrete> e{};
  e.kind = ue::kSmc;
  e.ksi = c.ksi + (c.mapped ? 8u : 0u);
  e.eea = c.eea;
  e.eia = c.eia;
  e.horizontal = c.horizontal;
  e.rinmr = c.rinmr;
  const bool takes_fresh = ue_.fresh && e.ksi == ue_.fresh_ksi;
  const bool names_current = !takes_fresh && ue_.secured && e.ksi == ue_.ksi;
  // 5GS: with K_AMF_change_flag the UE checks the MAC with K'_AMF and both COUNTs restart (5.4.2.3).
  const bool derives = rat_ == Rat::fivegs && c.horizontal;
  const bool new_counts = takes_fresh || derives;
  e.count = new_counts ? c.sn : impl::engine::estimate_count(names_current ? ue_.dl_count : 0, c.sn);
  std::uint32_t named = takes_fresh ? ue_.fresh_key : names_current ? ue_.key : ue::kNoKey;
  if (derives) named = derive(kUe, named, ue_initial_count_);
  e.key = named != ue::kNoKey && mac_ok(key(kUe, named), c.eia, e.count, Direction::downlink, pdu) ? named : ue::kNoKey;
  e.caps = caps_id(c.replayed());
  e.additional_present = c.additional.has_value();
  e.additional = c.additional.value_or(0);
  e.nonce_ue_present = c.nonce_ue.has_value();
  e.nonce_ue_ok = c.nonce_ue && sent_nonce_ && *c.nonce_ue == *sent_nonce_;
  e.new_context_header = c.header == 3;
  const auto& rules = ue_rules(rat_);
  const auto st = spec::step(v, rules, ue_, e);
  Expectation x;
  x.step = step;
  x.output = st.output;
  x.clause = rules[st.fired].clause;
  x.rule = rules[st.fired].name;
  x.secured_before = ue_.secured;
  x.imeisv_requested = c.imeisv_request;
  x.rinmr = c.rinmr;
  if (st.output.container) x.initial = sent_request_;
  const std::uint32_t commanded = c.eia == 0 && !takes_fresh && !derives ? ue::kNoKey : named;
  x.complete = {commanded, c.eea, c.eia, new_counts ? 0u : ue_.ul_count};
  x.reject = {ue_.secured ? ue_.key : ue::kNoKey, ue_.eea, ue_.eia, ue_.ul_count};
  const std::string_view rule = rules[st.fired].name;
  if (rule == "reject_capability_mismatch")
    x.why = !std::ranges::equal(c.replayed(), sent_caps_)
                ? cat("the replayed UE security capabilities ", spec::to_hex(c.replayed()), " differ from the ",
                      spec::to_hex(sent_caps_), " the UE sent in its latest request")
                : "the replayed UE additional security capabilities differ from what the UE sent";
  else if (rule == "reject_integrity_failure")
    x.why = c.header != 3 ? cat("the command came with security header type ", c.header + 0u, ", not 3")
            : (takes_fresh || names_current)
                ? cat("its NAS-MAC does not verify with the named context", derives ? " (K'_AMF derived from it)" : "",
                      " at downlink COUNT ", e.count)
                : cat("the UE holds no ", w.context, " under the ", w.ksi, " the command names");
  else if (rule == "reject_nonce_mismatch")
    x.why = "the replayed nonceUE is not the one the UE sent";
  else if (rule == "reject_null_integrity_without_emergency")
    x.why = cat("it selects ", w.eia, "0 and the UE is not establishing emergency services");
  else if (rule == "discard_replay")
    x.why = cat("downlink NAS COUNT ", e.count, " was taken already by a command whose NAS-MAC verified");
  else if (rule == "accept")
    x.why = cat("every check of ", w.accept, " passes");
  expecting_.push_back(std::move(x));
  ue_ = st.state;
}

void NasJudge::command_network(std::size_t step, ByteView pdu, const Command& c, std::vector<Verdict>& out) {
  const Concrete v;
  const Wire& w = wire(rat_);
  const auto& rules = network_rules(rat_);
  net::Event<Concrete> n{};
  const bool retransmission = mme_.pending;
  n.kind = retransmission ? net::kTimerExpiry : net::kStart;
  n.ksi = c.ksi;
  n.eea = c.eea;
  n.eia = c.eia;
  n.horizontal = c.horizontal;
  const auto before = mme_;
  const auto st = spec::step(v, rules, mme_, n);
  const auto name = [&](std::uint32_t ksi, std::uint32_t eea, std::uint32_t eia) {
    return cat("SECURITY MODE COMMAND ", w.ksi, " ", ksi, " ", w.eea, eea, "/", w.eia, eia);
  };
  Verdict verdict{step, true, "network", "", "", name(c.ksi, c.eea, c.eia), ""};
  if (st.output.action != net::kSendSmc) {
    verdict.ok = false;
    verdict.expected = "no SECURITY MODE COMMAND";
    if (retransmission) {
      verdict.clause = clause(rat_, w.timer);
      verdict.explain =
          cat(w.timer_name, " expired for the fifth time: the procedure is aborted, not retransmitted again");
    } else {
      verdict.clause = clause(rat_, w.start);
      verdict.explain = !before.request_received ? "no initial request has brought the UE's capabilities to replay"
                        : c.eia == 0 && !before.emergency
                            ? cat("null integrity (", w.eia, "0) is for emergency services only")
                            : cat("the network holds no ", w.context, " with a key under ", w.ksi, " ", c.ksi + 0u);
    }
    emit(out, std::move(verdict));
    mme_ = st.state;
    return;
  }
  const auto& o = st.output;
  // The network's K'_AMF, from the COUNT of the request as it read it (TS 33.501 6.9.3).
  if (!retransmission && st.state.new_derived) derive(kNetwork, before.key, network_initial_count_);
  verdict.clause = rules[st.fired].clause;
  verdict.expected =
      cat("SECURITY MODE COMMAND ", w.ksi, " ", o.ksi, " ", w.eea, o.eea, "/", w.eia, o.eia,
          ", integrity protected with the new context", o.horizontal ? " (K'_AMF, K_AMF_change_flag set)" : "",
          o.rinmr ? ", RINMR set" : "", ", downlink COUNT ", o.count);
  std::string wrong;
  if (retransmission && !std::ranges::equal(c.plain, last_command_))
    wrong = cat("a retransmission repeats the command (", w.timer, "), this one differs from the first");
  else if (c.header != 3)
    wrong = cat("security header type ", c.header + 0u, ", where a command is integrity protected with the new ",
                w.context, " (type 3, ", w.header, ")");
  else if (caps_id(c.replayed()) != o.replayed_caps)
    wrong = cat("replayed UE security capabilities ", spec::to_hex(c.replayed()), " differ from the ",
                spec::to_hex(sent_caps_), " the UE sent");
  else if (rat_ == Rat::fivegs && c.horizontal != o.horizontal)
    wrong = o.horizontal ? "K_AMF_change_flag missing from a command protected with K'_AMF"
                         : "K_AMF_change_flag set where no K'_AMF can be derived (the command names no current "
                           "context with a key, TS 33.501 6.9.3)";
  else if (rat_ == Rat::fivegs && c.rinmr != o.rinmr)
    wrong = o.rinmr ? "RINMR not set although the initial request failed the integrity check"
                    : "RINMR set although the initial request passed the integrity check";
  else if (c.sn != (o.count & 0xff))
    wrong = cat("NAS sequence number ", c.sn + 0u, " where downlink NAS COUNT ", o.count, " was due (4.4.3.1)");
  else if (o.eia != 0 && !mac_ok(key(kNetwork, o.key), o.eia, o.count, Direction::downlink, pdu))
    wrong = cat("the NAS-MAC is not the one K_NASint of the named context gives at downlink COUNT ", o.count);
  if (!wrong.empty()) {
    verdict.ok = false;
    verdict.explain = wrong;
  } else {
    verdict.explain = retransmission ? cat("a retransmission on ", w.timer_name, " expiry, with the next COUNT")
                                     : cat("as ", w.start, " requires");
  }
  emit(out, std::move(verdict));
  if (!retransmission) last_command_.assign(c.plain.begin(), c.plain.end());
  if (!retransmission && before.fresh && c.ksi == before.fresh_ksi) happened_ = Happened::fresh_command;
  mme_ = st.state;
}

}  // namespace secmode::oracle
