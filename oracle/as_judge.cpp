#include "oracle/as_judge.h"

#include <algorithm>

#include "impl/crypto/ct.h"
#include "impl/engine/as_wire.h"
#include "impl/engine/pdcp_srb.h"
#include "oracle/text.h"

namespace secmode::oracle {

namespace {

namespace ue = spec::as_smc_ue;
namespace ran = spec::as_smc_ran;
using impl::engine::AsCommand;
using impl::engine::AsUplink;
using impl::engine::Direction;
using impl::engine::PdcpSecurity;
using spec::Concrete;

constexpr std::uint32_t kKey = 1;  // the connection's K_eNB / K_gNB, as the tables name it

const auto& ue_rules() {
  static const auto rules = spec::AsSmcUe::rules<Concrete>();
  return rules;
}
const auto& ran_rules() {
  static const auto rules = spec::AsSmcRan::rules<Concrete>();
  return rules;
}

// A PDU read under one protection: whether it could be read at all, whether MAC-I verified (true
// when integrity is not applied), and the message.
struct Reading {
  bool readable = false, mac_ok = false;
  std::vector<std::uint8_t> message;
};

std::string algorithms(Rat rat, std::uint32_t eea, std::uint32_t eia) {
  return rat == Rat::eps ? cat("EEA", eea, "/EIA", eia) : cat("NEA", eea, "/NIA", eia);
}

}  // namespace

AsJudge::~AsJudge() { impl::crypto::ct::wipe_object(key_); }

void AsJudge::key(std::span<const std::uint8_t> k) {
  if (k.size() != 32)
    throw UnusableInput(rat_ == Rat::eps ? "kenb: K_eNB is 32 octets (TS 33.401 A.3)"
                                         : "kgnb: K_gNB is 32 octets (TS 33.501 A.9)");
  std::copy(k.begin(), k.end(), key_.begin());
  keyed_ = true;
}

void AsJudge::emit(std::vector<Verdict>& out, Verdict v) const {
  if ((v.party == "ue" && judge_ue_) || (v.party == "network" && judge_network_)) out.push_back(std::move(v));
}

void AsJudge::context_setup(std::span<const std::uint8_t> k, std::uint16_t caps) {
  // TS 33.401 7.2.4.5: the AS SMC activates an initial key once; a connection that has its key
  // keeps it.
  if (ran_.connected && ran_.key != ran::kNoKey) return;
  key(k);
  caps_ = caps;
  setup_ = true;
  if (ran_.connected) setup_ran();
}

void AsJudge::algorithm_priority(std::span<const std::uint8_t> ciphering, std::span<const std::uint8_t> integrity) {
  const auto order = [](std::span<const std::uint8_t> list, const char* what) {
    if (list.size() > 8) throw UnusableInput(std::string(what) + ": at most 8 algorithms");
    if (std::any_of(list.begin(), list.end(), [](std::uint8_t a) { return a > 7; }))
      throw UnusableInput(std::string(what) + ": algorithm identities are 0..7");
    return ran::order_word(list);
  };
  eea_order_ = order(ciphering, "ciphering");
  eia_order_ = order(integrity, "integrity");
}

bool AsJudge::try_key() { return keyed_ || (source_ && source_(key_)); }

void AsJudge::need_key() {
  if (!try_key())
    throw UnusableInput(rat_ == Rat::eps ? "a SecurityModeCommand without K_eNB: give kenb in the context, K_ASME "
                                           "and NAS security before it, or the S1AP Initial Context Setup"
                                         : "a SecurityModeCommand without K_gNB: give kgnb in the context, K_AMF "
                                           "and NAS security before it, or the NGAP Initial Context Setup");
  keyed_ = true;
  if (ran_.key == ran::kNoKey) setup_ran();
}

// The core hands the key to the eNB / gNB with the UE's capabilities (Initial Context Setup).
void AsJudge::setup_ran() {
  ran::Event<Concrete> n{};
  n.kind = ran::kContextSetup;
  n.key = kKey;
  n.caps = caps_;
  ran_ = spec::step(Concrete{}, ran_rules(), ran_, n).state;
}

// A new RRC connection. The UE will derive the key from its NAS context; the eNB / gNB has it once
// the core's Initial Context Setup has come.
void AsJudge::connect() {
  const Concrete v;
  ue_ = ue::initial(v);
  ran_ = ran::initial(v);
  ue::Event<Concrete> u{};
  u.kind = ue::kConnect;
  u.key = kKey;
  ue_ = spec::step(v, ue_rules(), ue_, u).state;
  ran::Event<Concrete> n{};
  n.kind = ran::kConnect;
  n.eea_order = eea_order_;
  n.eia_order = eia_order_;
  ran_ = spec::step(v, ran_rules(), ran_, n).state;
  if (setup_) setup_ran();
  sent_ = {};
  expecting_.reset();
}

void AsJudge::pdu(std::size_t step, bool uplink_pdu, std::span<const std::uint8_t> pdu, std::vector<Verdict>& out,
                  std::uint8_t srb) {
  const auto& format = rat_ == Rat::eps ? impl::engine::kLtePdcpSrb : impl::engine::kNrPdcpSrb;
  if (pdu.size() < format.header_size + impl::engine::kMacISize)
    throw UnusableInput("hex: a PDCP data PDU of an SRB holds a header and MAC-I (TS 36.323 / 38.323 6.2.2)");
  if (srb != 1 && srb != 2) throw UnusableInput("srb: the security mode command concerns SRB1 and SRB2");
  if (!ran_.connected) connect();
  delivered_.clear();
  Sent& sent = sent_[(srb - 1u) * 2u + (uplink_pdu ? 1u : 0u)];
  const std::uint32_t count = impl::engine::received_count(format, sent.next, impl::engine::pdcp_sn(format, pdu));
  if (reused(step, uplink_pdu, srb, sent, count, pdu, out)) return;
  // TS 38.323 5.2.2.1: RX_NEXT moves on only past a COUNT at or beyond it (NR PDUs may come out of order).
  sent.next = std::max(sent.next, count + 1);
  if (srb == 2)
    srb2(step, uplink_pdu, pdu, count, out);
  else if (uplink_pdu)
    uplink(step, pdu, count, out);
  else
    downlink(step, pdu, count, out);
}

// TS 38.323 5.2.1 / TS 36.323 5.1.1: the transmitting PDCP entity gives each PDU the COUNT of TX_NEXT
// (Next_PDCP_TX_SN and TX_HFN) and then increments it. A PDU at a COUNT this direction of the SRB
// carried before with other octets, once the sender protects its messages, repeats that COUNT's
// MAC-I input and, ciphered, its keystream under the same key. The same octets again are a copy,
// which the receiver discards as a duplicate (38.323 5.2.2.1) and so does the judge.
bool AsJudge::reused(std::size_t step, bool uplink_pdu, std::uint8_t srb, Sent& sent, std::uint32_t count,
                     std::span<const std::uint8_t> pdu, std::vector<Verdict>& out) {
  constexpr std::size_t kRemembered = 64;  // how far back a COUNT is looked for
  const auto before =
      std::find_if(sent.recent.begin(), sent.recent.end(), [count](const auto& entry) { return entry.first == count; });
  if (before == sent.recent.end()) {
    if (sent.recent.size() == kRemembered) sent.recent.erase(sent.recent.begin());
    sent.recent.emplace_back(count, std::vector<std::uint8_t>(pdu.begin(), pdu.end()));
    return false;
  }
  if (std::ranges::equal(before->second, pdu)) return true;
  const bool protects = uplink_pdu ? ue_.integrity : ran_.integrity;
  if (protects) {
    const bool ciphers = uplink_pdu ? ue_.ciphering : ran_.dl_ciphering;
    emit(out, {step, false, uplink_pdu ? "ue" : "network",
               rat_ == Rat::eps ? "TS 36.323 5.1.1, TS 33.401 7.2.4.5" : "TS 38.323 5.2.1, TS 33.501 6.7.4",
               cat("a PDU at the next COUNT, ", sent.next), cat("another PDU at COUNT ", count),
               cat(uplink_pdu ? "uplink" : "downlink", " COUNT ", count, srb == 2 ? " of SRB2" : "",
                   " carried another PDU already under the connection's key: the MAC-I input",
                   ciphers ? " and the keystream repeat" : " repeats", "; its receiver discards it")});
  }
  return true;
}

namespace {

Reading read(impl::engine::AlgorithmKeys& keys, Rat rat, std::span<const std::uint8_t, 32> key, const PdcpSecurity& s,
             std::uint32_t count, Direction direction, std::span<const std::uint8_t> pdu, std::uint8_t srb = 1) {
  const auto& format = rat == Rat::eps ? impl::engine::kLtePdcpSrb : impl::engine::kNrPdcpSrb;
  const auto profile = impl::engine::rrc_profile(
      rat == Rat::eps ? impl::crypto::KeyHierarchy::eps : impl::crypto::KeyHierarchy::fivegs, srb);
  Reading r;
  std::vector<std::uint8_t> buffer(pdu.size());
  std::size_t size = 0;
  r.readable =
      impl::engine::pdcp_open(keys, format, key, profile, s, count, direction, pdu, buffer, size, r.mac_ok) == nullptr;
  if (r.readable) r.message.assign(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(size));
  return r;
}

bool read_command(Rat rat, const std::vector<std::uint8_t>& m, AsCommand& c) {
  return rat == Rat::eps ? impl::engine::LteAsWire::read_command(m, c) : impl::engine::NrAsWire::read_command(m, c);
}
AsUplink read_uplink(Rat rat, const std::vector<std::uint8_t>& m) {
  return rat == Rat::eps ? impl::engine::LteAsWire::read_uplink(m) : impl::engine::NrAsWire::read_uplink(m);
}

// The verdict on a message that must be integrity protected (and ciphered, when `expected` says
// so) with the connection's algorithms: `so` is the PDU read that way; when it does not verify,
// the verdict says whether it came integrity protected but unciphered.
Verdict protection_verdict(impl::engine::AlgorithmKeys& keys, Rat rat, std::span<const std::uint8_t, 32> key,
                           std::size_t step, const char* party, std::string clause, const std::string& what,
                           const PdcpSecurity& expected, const Reading& so, std::uint32_t count, Direction d,
                           std::span<const std::uint8_t> pdu, std::uint8_t srb, std::string why_ok) {
  Verdict v{step,
            so.readable && so.mac_ok,
            party,
            std::move(clause),
            what + " integrity protected" + (expected.ciphering ? " and ciphered" : "") + " with " +
                algorithms(rat, expected.eea, expected.eia),
            "so protected",
            std::move(why_ok)};
  if (v.ok) return v;
  const bool unciphered = expected.ciphering && expected.eea != 0 &&
                          read(keys, rat, key, {true, false, expected.eia, 0}, count, d, pdu, srb).mac_ok;
  v.observed = unciphered ? "integrity protected, not ciphered" : "a MAC-I that does not verify";
  v.explain = cat("at ", d == Direction::uplink ? "uplink" : "downlink", " COUNT ", count, srb == 2 ? " of SRB2" : "",
                  ", with K_RRCint / K_RRCenc of the connection's key");
  return v;
}

}  // namespace

// ---- downlink: the network's command and what follows it -----------------------------------

void AsJudge::downlink(std::size_t step, std::span<const std::uint8_t> pdu, std::uint32_t count,
                       std::vector<Verdict>& out) {
  const Concrete v;
  // The message as the network's configuration says it goes; a command may also come as the
  // standard says a first one goes, without ciphering.
  const PdcpSecurity configured{ran_.integrity, ran_.dl_ciphering, static_cast<std::uint8_t>(ran_.eia),
                                static_cast<std::uint8_t>(ran_.eea)};
  Reading r = read(keys_, rat_, key_, configured, count, Direction::downlink, pdu);
  AsCommand c;
  bool command = r.readable && r.mac_ok && read_command(rat_, r.message, c);
  bool ciphered = command && configured.ciphering && configured.eea != 0;
  // A message that verifies under the configured integrity protection is what it reads as; only
  // one that does not (or a message before any protection) may be a command sent otherwise.
  const bool settled = configured.integrity && r.readable && r.mac_ok;
  if (!command && !settled) {
    const Reading plain = read(keys_, rat_, key_, {}, count, Direction::downlink, pdu);
    if (plain.readable && read_command(rat_, plain.message, c)) {
      command = true;
      ciphered = false;
    }
  }
  // A command that is neither: perhaps ciphered with the algorithms it names (the fault TS 33.401
  // 7.2.4.5 rules out), which only trying them tells.
  for (std::uint8_t eea = 1; !command && !settled && try_key() && eea < 4; ++eea)
    for (std::uint8_t eia = 0; !command && eia < 4; ++eia) {
      const Reading r2 = read(keys_, rat_, key_, {true, true, eia, eea}, count, Direction::downlink, pdu);
      if (r2.readable && r2.mac_ok && read_command(rat_, r2.message, c) && c.eea == eea && c.eia == eia) {
        command = true;
        ciphered = true;
      }
    }
  if (!command) {
    // Another downlink message: protected as the network's table says (5.3.1.1, TS 33.401 7.2.4.5).
    ran::Event<Concrete> n{};
    n.kind = ran::kSendDownlink;
    const auto st = spec::step(v, ran_rules(), ran_, n);
    const auto& o = st.output;
    if (o.message != ran::kNothing && o.integrity)
      emit(out, protection_verdict(keys_, rat_, key_, step, "network", std::string(ran_rules()[st.fired].clause),
                                   "a downlink message", configured, r, count, Direction::downlink, pdu, 1,
                                   "after the SecurityModeCommand every downlink message is protected"));
    ran_ = st.state;
    if (r.readable && r.mac_ok) delivered_ = std::move(r.message);
    return;
  }

  // A SecurityModeCommand: the network's side.
  need_key();
  ran::Event<Concrete> n{};
  n.kind = ran::kStartSmc;
  n.eea = c.eea;
  n.eia = c.eia;
  const auto before = ran_;
  const auto st = spec::step(v, ran_rules(), ran_, n);
  const Reading own = read(keys_, rat_, key_, {true, false, c.eia, 0}, count, Direction::downlink, pdu);
  const bool mac = c.integrity_present && own.readable && own.mac_ok;
  const std::string name = "SecurityModeCommand " + algorithms(rat_, c.eea, c.eia);
  Verdict verdict{step, true, "network", "", "", name, ""};
  if (st.output.message != ran::kSmc) {
    verdict.ok = false;
    const bool state = before.activated || before.pending || before.bearers;
    const bool supported =
        ran::supports(v, before.caps, c.eea, 0) && ran::supports(v, before.caps, c.eia, ran::kIntegrityCapabilityShift);
    verdict.clause = state              ? "TS 36.331 / 38.331 5.3.4.2, TS 33.401 7.2.4.5"
                     : rat_ == Rat::eps ? "TS 33.401 7.2.4.2.1"
                                        : "TS 33.501 6.7.3.0";
    if (state) {
      verdict.expected = "no SecurityModeCommand";
    } else if (supported) {
      // The configured lists' choice; a list without an algorithm the UE supports leaves none.
      const auto pick = [&](std::uint32_t order, std::uint32_t chosen, std::uint32_t shift) {
        return order == ran::kAnyOrder ? chosen : ran::preferred(v, order, before.caps, shift);
      };
      const std::uint32_t eea = pick(before.eea_order, c.eea, 0),
                          eia = pick(before.eia_order, c.eia, ran::kIntegrityCapabilityShift);
      verdict.expected = eea == ran::kNoAlgorithm || eia == ran::kNoAlgorithm
                             ? "no SecurityModeCommand: no algorithm of the configured lists is supported"
                             : algorithms(rat_, eea, eia) + ", the configured lists' highest priority the UE supports";
    } else {
      verdict.expected = "algorithms from the UE security capabilities";
    }
    verdict.explain = before.activated ? "AS security is activated once per connection"
                      : before.pending ? "a SecurityModeCommand is already waiting for its answer"
                      : before.bearers ? "SRB2 and DRBs exist: the command goes while SRB1 alone is established"
                      : supported      ? std::string(rat_ == Rat::eps ? "the eNB" : "the gNB") +
                                        " chooses by its configured priority among what the UE supports"
                                  : "the algorithms are not among the UE security capabilities of the Initial "
                                    "Context Setup";
  } else {
    verdict.clause = std::string(ran_rules()[st.fired].clause);
    verdict.expected = name + ", integrity protected with K_RRCint, not ciphered";
    verdict.ok = mac && !ciphered;
    verdict.explain =
        ciphered ? "the command is ciphered (TS 33.401 7.2.4.5: it is not)"
        : !mac   ? cat("its MAC-I is not the one K_RRCint of the connection's key gives at downlink COUNT ", count)
                 : "as the first message of AS security";
  }
  emit(out, verdict);
  ran_ = st.state;
  // A command ciphered before the UE ciphers is no command to it: it cannot read it.
  if (ciphered && !ue_.ciphering) return;

  // The UE's side: the answer it owes.
  if (expecting_ && expecting_->message != ue::kNothing)
    emit(out, {expecting_->step, false, "ue", expecting_->clause,
               expecting_->message == ue::kComplete ? "SecurityModeComplete" : "SecurityModeFailure", "no answer",
               expecting_->why + ", and the UE never answered"});
  ue::Event<Concrete> u{};
  u.kind = ue::kSmc;
  u.key = mac && !ciphered ? kKey : ue::kNoKey;
  u.eea = c.eea;
  u.eia = c.eia;
  const auto us = spec::step(v, ue_rules(), ue_, u);
  Expectation x;
  x.step = step;
  x.message = us.output.message;
  x.transaction_id = c.transaction_id;
  x.eea = c.eea;
  x.eia = c.eia;
  x.clause = us.fired == spec::kNoRule ? "TS 36.331 / 38.331 5.3.4.1" : std::string(ue_rules()[us.fired].clause);
  x.why = us.fired == spec::kNoRule ? "AS security is active: a second command is not answered"
          : us.output.message == ue::kComplete
              ? "its MAC-I verifies with K_RRCint"
              : cat("its MAC-I does not verify with K_RRCint of the UE's key at downlink COUNT ", count);
  expecting_ = x;
  ue_ = us.state;
}

// ---- SRB2: set up after the command, and protected from its first message on ------------------

// TS 36.331 / TS 38.331 5.3.1.1: SRB2 (and the DRBs) are established once the SecurityModeCommand
// has gone, always with integrity protection and ciphering; its BEARER is 1 (TS 33.401 B.1.1).
void AsJudge::srb2(std::size_t step, bool uplink_pdu, std::span<const std::uint8_t> pdu, std::uint32_t count,
                   std::vector<Verdict>& out) {
  const bool may = uplink_pdu ? ue_.activated : (ran_.pending || ran_.activated);
  const std::uint32_t eea = uplink_pdu ? ue_.eea : ran_.eea, eia = uplink_pdu ? ue_.eia : ran_.eia;
  const char* party = uplink_pdu ? "ue" : "network";
  const char* clause = "TS 38.331 / 36.331 5.3.1.1";
  if (!may) {
    emit(out, {step, false, party, clause, "no SRB2 message", "an SRB2 message",
               uplink_pdu ? "the UE has not activated AS security: SRB2 does not exist for it yet"
                          : "SRB2 is set up only once the SecurityModeCommand has gone"});
    return;
  }
  const Direction d = uplink_pdu ? Direction::uplink : Direction::downlink;
  const PdcpSecurity expected{true, true, static_cast<std::uint8_t>(eia), static_cast<std::uint8_t>(eea)};
  Reading r = read(keys_, rat_, key_, expected, count, d, pdu, 2);
  const Verdict v = protection_verdict(keys_, rat_, key_, step, party, clause, "an SRB2 message", expected, r, count, d,
                                       pdu, 2, "SRB2 carries only protected messages");
  if (v.ok) delivered_ = std::move(r.message);
  if (v.ok && !uplink_pdu && !ran_.bearers) {
    ran::Event<Concrete> n{};
    n.kind = ran::kEstablishBearers;
    ran_ = spec::step(Concrete{}, ran_rules(), ran_, n).state;
  }
  emit(out, v);
}

// ---- uplink: the UE's answer and what follows it ---------------------------------------------

void AsJudge::uplink(std::size_t step, std::span<const std::uint8_t> pdu, std::uint32_t count,
                     std::vector<Verdict>& out) {
  if (expecting_) {
    answer(step, pdu, count, out);
    return;
  }
  const Concrete v;
  ue::Event<Concrete> u{};
  u.kind = ue::kSendUplink;
  const auto st = spec::step(v, ue_rules(), ue_, u);
  const auto& o = st.output;
  const bool protect = o.message != ue::kNothing && o.integrity;
  const PdcpSecurity expected =
      protect ? PdcpSecurity{true, o.ciphered, static_cast<std::uint8_t>(o.eia), static_cast<std::uint8_t>(o.eea)}
              : PdcpSecurity{};
  Reading r = read(keys_, rat_, key_, expected, count, Direction::uplink, pdu);
  if (protect)
    emit(out, protection_verdict(keys_, rat_, key_, step, "ue",
                                 std::string(ue_rules()[st.fired].clause) + ", TS 33.401 7.2.4.5, TS 33.501 6.7.4",
                                 "an uplink message", expected, r, count, Direction::uplink, pdu, 1,
                                 "once AS security is activated every uplink message is protected"));
  ue_ = st.state;
  if (r.readable && r.mac_ok) delivered_ = std::move(r.message);
}

void AsJudge::answer(std::size_t step, std::span<const std::uint8_t> pdu, std::uint32_t count,
                     std::vector<Verdict>& out) {
  const Concrete v;
  const Expectation x = *expecting_;
  expecting_.reset();
  // What the UE sent: read plain, with MAC-I of the commanded algorithm, and ciphered too.
  const Reading plain = read(keys_, rat_, key_, {}, count, Direction::uplink, pdu);
  const Reading integrity = read(keys_, rat_, key_, {true, false, x.eia, 0}, count, Direction::uplink, pdu);
  const Reading both = read(keys_, rat_, key_, {true, true, x.eia, x.eea}, count, Direction::uplink, pdu);
  const AsUplink as_plain = read_uplink(rat_, plain.message);
  const AsUplink as_ciphered = read_uplink(rat_, both.message);
  const bool protected_mac = integrity.readable && integrity.mac_ok && x.eia != 0;
  std::string observed;
  bool complete_ok = false, failure_ok = false, ciphered = false;
  std::uint8_t tid = as_plain.transaction_id;
  if (as_plain.kind == AsUplink::Kind::complete && integrity.mac_ok) {
    observed = "SecurityModeComplete, integrity protected, not ciphered";
    complete_ok = true;
  } else if (x.eea != 0 && both.mac_ok && as_ciphered.kind == AsUplink::Kind::complete) {
    observed = "SecurityModeComplete, ciphered";
    ciphered = true;
    tid = as_ciphered.transaction_id;
  } else if (as_plain.kind == AsUplink::Kind::failure) {
    observed = protected_mac ? "SecurityModeFailure, integrity protected" : "SecurityModeFailure, unprotected";
    failure_ok = !protected_mac;
  } else if (as_plain.kind == AsUplink::Kind::complete) {
    observed = "SecurityModeComplete with a MAC-I that does not verify";
  } else {
    observed = "an uplink message that is no answer";
  }
  Verdict verdict{step, false, "ue", x.clause, "", observed, ""};
  if (x.message == ue::kComplete) {
    verdict.expected = "SecurityModeComplete, integrity protected, not ciphered";
    verdict.ok = complete_ok && tid == x.transaction_id;
    verdict.explain = cat("to the command of step ", x.step, ": ", x.why,
                          complete_ok && tid != x.transaction_id ? cat("; the answer's rrc-TransactionIdentifier ", tid,
                                                                       " is not the command's ", x.transaction_id)
                                                                 : "");
    if (ciphered) verdict.clause += ", 5.3.1.1";
  } else if (x.message == ue::kFailure) {
    verdict.expected = "SecurityModeFailure, unprotected";
    verdict.ok = failure_ok;
    verdict.explain = cat("to the command of step ", x.step, ": ", x.why);
  } else {
    verdict.expected = "no answer";
    verdict.explain = cat("to the command of step ", x.step, ": ", x.why);
  }
  emit(out, verdict);

  // The network's side of the answer.
  ran::Event<Concrete> n{};
  if (complete_ok || ciphered || as_plain.kind == AsUplink::Kind::complete) {
    n.kind = ran::kComplete;
    n.key = complete_ok || ciphered ? kKey : ran::kNoKey;
    n.eia = x.eia;
    n.ciphered = ciphered;
  } else if (as_plain.kind == AsUplink::Kind::failure) {
    n.kind = ran::kFailure;
  } else {
    return;
  }
  ran_ = spec::step(v, ran_rules(), ran_, n).state;
}

void AsJudge::finish(std::vector<Verdict>& out) {
  if (expecting_ && expecting_->message != ue::kNothing)
    emit(out, {expecting_->step, false, "ue", expecting_->clause,
               expecting_->message == ue::kComplete ? "SecurityModeComplete" : "SecurityModeFailure", "no answer",
               expecting_->why + ", and the UE never answered"});
  expecting_.reset();
}

}  // namespace secmode::oracle
