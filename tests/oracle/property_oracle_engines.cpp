// The oracle (oracle/nas_judge.h) judges the engines, which the refinement tests tie to the
// same rule tables: in random exchanges between the UE and MME engines (AKA, attach, commands with
// any eKSI and algorithms, T3460 retransmissions, second commands on the current context) every
// verdict is "ok"; with an attacker replaying old commands and injecting altered ones, every
// verdict on the UE is still "ok". And the oracle is not blind: a UE that completes commands it
// should reject, or answers a command it should drop, is caught.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "impl/codec/nas_eps.h"
#include "impl/codec/nas_eps_emm.h"
#include "impl/engine/eps_nas_protection.h"
#include "impl/engine/nas_smc_network.h"
#include "impl/engine/nas_smc_ue.h"
#include "oracle/nas_judge.h"
#include "spec/hex.h"

namespace secmode::oracle {
namespace {

using Bytes = std::vector<std::uint8_t>;
using impl::engine::EpsNasSmcMme;
using impl::engine::EpsNasSmcUe;
using impl::engine::NetworkResult;
using impl::engine::UeResult;

constexpr std::array<std::uint8_t, 9> kImeisv{0x33, 0x65, 0x89, 0x02, 0x14, 0x32, 0x54, 0x06, 0xf1};

// A plain ATTACH REQUEST (TS 24.301 8.2.4) with this UE network capability and EPS attach type.
Bytes attach_request(ByteView capability, std::uint8_t attach_type = 1) {
  impl::nas::AttachRequest a;
  a.eps_attach_type = attach_type;
  a.eps_mobile_identity = impl::nas::Guti{};
  a.ue_network_capability = capability;
  const Bytes esm{0x02, 0x01, 0xd0, 0x11};
  a.esm_message_container = esm;
  std::array<std::uint8_t, 128> out{};
  const auto e = impl::nas::encode(a, out);
  if (!e.written) throw std::logic_error(e.error);
  return Bytes(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(e.size));
}

enum class Ue { conforming, completes_everything, answers_replays };

struct Exchange {
  Ue behaviour = Ue::conforming;
  bool attacker = false;
  EpsNasSmcUe ue{kImeisv};
  EpsNasSmcMme mme;
  NasJudge judge{Rat::eps};
  std::array<std::uint8_t, 32> kasme{};
  std::vector<Verdict> verdicts;
  std::vector<Bytes> commands;  // every command the UE received, for replays
  std::size_t step = 0;
  std::array<std::uint8_t, 256> ul{}, dl{};

  // The trace as `secmode check` reads it goes to the log, so a counterexample can be re-run.
  void trace(bool uplink, ByteView pdu) {
    RC_LOG() << R"({"kind":"pdu","dir":")" << (uplink ? "ul" : "dl") << R"(","proto":"nas-eps","hex":")"
             << spec::to_hex(pdu) << "\"}\n";
    judge.pdu(++step, uplink, pdu, verdicts);
  }

  // Commands the network sent, in order, then the UE's answers, in order: the trace keeps the
  // order the MME sees (all of a burst of retransmissions may leave before an answer comes back).
  void to_ue(const std::vector<Bytes>& burst) {
    for (const Bytes& c : burst) trace(false, c);
    std::vector<Bytes> answers;
    for (const Bytes& command : burst) {
      const bool replay = std::find(commands.begin(), commands.end(), command) != commands.end();
      commands.push_back(command);
      const UeResult r = ue.receive(command, ul);
      Bytes answer(r.pdu.begin(), r.pdu.end());
      // The faulty UEs of the negative tests.
      if (behaviour == Ue::answers_replays && replay && r.outcome == UeResult::Outcome::discarded)
        answer = Bytes{0x07, 0x5f, 0x18};  // a plain REJECT #24 where silence was due
      if (behaviour == Ue::completes_everything && r.outcome == UeResult::Outcome::rejected)
        answer = Bytes{0x07, 0x5e};  // a plain COMPLETE where a REJECT was due
      if (!answer.empty()) answers.push_back(answer);
    }
    for (const Bytes& a : answers) {
      trace(true, a);
      mme.receive(a);
    }
  }

  void attach() {
    const Bytes capability =
        *rc::gen::container<Bytes>(*rc::gen::element<std::size_t>(2, 4, 5), rc::gen::arbitrary<std::uint8_t>());
    const Bytes plain = attach_request(capability, *rc::gen::element<std::uint8_t>(1, 6));
    const UeResult r = ue.send_initial(plain, ul);
    RC_ASSERT(r.outcome == UeResult::Outcome::sent);
    trace(true, r.pdu);
    mme.receive_initial(r.pdu);
  }

  void start() {
    const std::uint8_t ksi = mme.fresh() && *rc::gen::arbitrary<bool>() ? mme.fresh_context().ksi
                             : mme.secured()                            ? mme.current().ksi
                                                                        : *rc::gen::inRange<std::uint8_t>(0, 7);
    const auto eia = *rc::gen::inRange<std::uint8_t>(0, 4);
    const auto eea = eia == 0 ? std::uint8_t{0} : *rc::gen::inRange<std::uint8_t>(0, 4);
    const NetworkResult c = mme.start(ksi, eea, eia, dl, *rc::gen::arbitrary<bool>());
    if (c.outcome != NetworkResult::Outcome::command_sent) return;
    Bytes first(c.pdu.begin(), c.pdu.end());
    // T3460 may run out before the command arrives: then both go, in order.
    std::vector<Bytes> sent{first};
    for (int n = *rc::gen::inRange(0, 3); n > 0; --n) {
      const NetworkResult again = mme.timer_expiry(dl);
      if (again.outcome != NetworkResult::Outcome::command_sent) break;
      sent.emplace_back(again.pdu.begin(), again.pdu.end());
    }
    to_ue(sent);
  }

  void attack() {
    if (commands.empty()) return;
    // The latest command again (a replay of what the UE may just have accepted), or any earlier one,
    // perhaps altered.
    Bytes c = *rc::gen::arbitrary<bool>() ? commands.back() : *rc::gen::elementOf(commands);
    if (*rc::gen::inRange(0, 3) == 0) {  // an altered copy: one bit of the MAC, or of the body
      const auto i = *rc::gen::inRange<std::size_t>(1, c.size());
      c[i] ^= static_cast<std::uint8_t>(1u << *rc::gen::inRange(0, 8));
      // Keep it a command the oracle can read (an undecodable one is unusable input).
      if (i >= 6 && !impl::nas::decode_security_mode_command(ByteView(c).subspan(6)).ok()) return;
    }
    to_ue({c});
  }

  void run() {
    const Bytes k = *rc::gen::container<Bytes>(32, rc::gen::arbitrary<std::uint8_t>());
    std::copy(k.begin(), k.end(), kasme.begin());
    kasme[0] |= 1;
    const auto ksi = *rc::gen::inRange<std::uint8_t>(0, 7);
    judge.judge(true, !attacker);
    judge.context(kasme, ksi);
    RC_LOG() << R"({"kind":"context","rat":"eps","kasme":")" << spec::to_hex(kasme) << R"(","ksi":)" << int{ksi}
             << "}\n";
    ue.aka(kasme, ksi);
    mme.aka(kasme, ksi);
    attach();
    for (int n = *rc::gen::inRange(1, 12); n > 0; --n) {
      switch (*rc::gen::inRange(0, attacker ? 4 : 3)) {
        case 0:
          attach();
          break;
        case 3:
          attack();
          break;
        default:
          start();
          break;
      }
    }
    judge.finish(verdicts);
  }

  std::size_t violations() const {
    return static_cast<std::size_t>(
        std::count_if(verdicts.begin(), verdicts.end(), [](const Verdict& v) { return !v.ok; }));
  }
};

RC_GTEST_PROP(OracleJudgesEngines, HonestExchangesConformOnBothSides, ()) {
  Exchange x;
  x.run();
  for (const Verdict& v : x.verdicts) {
    if (!v.ok)
      RC_FAIL("step " + std::to_string(v.step) + " " + v.party + " " + v.clause + ": expected " + v.expected +
              ", observed " + v.observed + " (" + v.explain + ")");
  }
  RC_CLASSIFY(x.verdicts.size() > 2, "more than two verdicts");
}

RC_GTEST_PROP(OracleJudgesEngines, TheUeEngineConformsUnderAttack, ()) {
  Exchange x;
  x.attacker = true;
  x.run();
  for (const Verdict& v : x.verdicts) {
    RC_ASSERT(v.party == "ue");
    if (!v.ok)
      RC_FAIL("step " + std::to_string(v.step) + " " + v.clause + ": expected " + v.expected + ", observed " +
              v.observed + " (" + v.explain + ")");
  }
}

// Whether some random exchange with this faulty UE gets a violation on the UE.
bool caught(Ue behaviour) {
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  params.maxSuccess = 300;
  const auto result = rc::detail::checkTestable(
      [behaviour] {
        Exchange x;
        x.behaviour = behaviour;
        x.attacker = true;
        x.run();
        RC_ASSERT(x.violations() == 0u);
      },
      rc::detail::TestMetadata{"faulty UE", "faulty UE"}, params);
  return result.template is<rc::detail::FailureResult>();
}

TEST(OracleJudgesEngines, CatchesAUeThatCompletesWhatItShouldReject) { EXPECT_TRUE(caught(Ue::completes_everything)); }

TEST(OracleJudgesEngines, CatchesAUeThatAnswersAReplayedCommand) { EXPECT_TRUE(caught(Ue::answers_replays)); }

// Other uplink traffic is not taken for an answer: after the UE completed a command and silently
// dropped its replay, a ciphered ATTACH COMPLETE under the new context reads as what it is, so the
// replay's verdict stays "no answer, as due".
TEST(OracleJudgesEngines, ACipheredMessageThatIsNoAnswerIsNotTakenForOne) {
  std::array<std::uint8_t, 32> kasme{};
  for (std::size_t i = 0; i < kasme.size(); ++i) kasme[i] = static_cast<std::uint8_t>(0x21 + 3 * i);
  const std::array<std::uint8_t, 4> capability{0xf0, 0xf0, 0xc0, 0x40};
  const Bytes request = attach_request(capability);
  std::array<std::uint8_t, 128> ul{}, dl{}, other{};
  EpsNasSmcUe ue(kImeisv);
  EpsNasSmcMme mme;
  NasJudge judge(Rat::eps);
  std::vector<Verdict> verdicts;
  judge.context(kasme, 4);
  ue.aka(kasme, 4);
  mme.aka(kasme, 4);
  const UeResult sent = ue.send_initial(request, ul);
  judge.pdu(1, true, sent.pdu, verdicts);
  mme.receive_initial(sent.pdu);
  const NetworkResult c = mme.start(4, 2, 2, dl);
  const Bytes command(c.pdu.begin(), c.pdu.end());
  judge.pdu(2, false, command, verdicts);
  const UeResult complete = ue.receive(command, ul);
  judge.pdu(3, true, complete.pdu, verdicts);
  judge.pdu(4, false, command, verdicts);  // the replay, which the UE drops
  EXPECT_EQ(ue.receive(command, ul).outcome, UeResult::Outcome::discarded);
  // ATTACH COMPLETE (TS 24.301 8.2.1) with an ESM container, under the new context.
  const std::array<std::uint8_t, 7> attach_complete{0x07, 0x43, 0x00, 0x03, 0x52, 0x00, 0xc2};
  const auto p =
      impl::engine::protect(kasme, 2, 2, ue.current().next_tx, impl::engine::Direction::uplink,
                            impl::nas::SecurityHeaderType::integrity_protected_ciphered, attach_complete, other);
  ASSERT_TRUE(p.written);
  judge.pdu(5, true, ByteView(other.data(), p.size), verdicts);
  judge.finish(verdicts);
  ASSERT_EQ(verdicts.size(), 4u);  // the command and its replay (network), the COMPLETE, the silence
  for (const Verdict& v : verdicts) EXPECT_TRUE(v.ok || v.party == "network") << v.explain;
  EXPECT_EQ(verdicts.back().step, 4u);
  EXPECT_EQ(verdicts.back().observed, "no answer");
  EXPECT_TRUE(verdicts.back().ok);
}

// A UE and an MME engine after AKA (`kasme` under eKSI `ksi`) and the UE's ATTACH REQUEST
// (step 1), with the MME's first command EEA `eea` / EIA `eia` (step 2) answered by the UE
// engine (`complete`, not yet judged); the oracle judges the UE only.
struct FirstCommand {
  EpsNasSmcUe ue{kImeisv};
  EpsNasSmcMme mme;
  NasJudge judge{Rat::eps};
  std::vector<Verdict> verdicts;
  std::array<std::uint8_t, 128> ul{}, dl{};
  UeResult complete{};

  void run(const std::array<std::uint8_t, 32>& kasme, std::uint8_t ksi, ByteView capability, std::uint8_t eea,
           std::uint8_t eia, bool imeisv_request) {
    judge.judge(true, false);
    judge.context(kasme, ksi);
    ue.aka(kasme, ksi);
    mme.aka(kasme, ksi);
    const UeResult sent = ue.send_initial(attach_request(capability), ul);
    judge.pdu(1, true, sent.pdu, verdicts);
    mme.receive_initial(sent.pdu);
    const NetworkResult c = mme.start(ksi, eea, eia, dl, imeisv_request);
    ASSERT_EQ(c.outcome, NetworkResult::Outcome::command_sent);
    judge.pdu(2, false, c.pdu, verdicts);
    complete = ue.receive(c.pdu, ul);
    ASSERT_EQ(complete.outcome, UeResult::Outcome::completed);
  }
};

// After FirstCommand with eKSI 3, EEA2 / EIA2: a second command of that context at downlink
// COUNT 1, MACed right, whose replayed capabilities have an EIA bit altered.
Bytes altered_second_command(const std::array<std::uint8_t, 32>& kasme) {
  impl::nas::SecurityModeCommand smc;
  smc.nas_key_set_identifier = {false, 3};
  smc.selected_nas_security_algorithms = {2, 2};
  const std::array<std::uint8_t, 2> wrong{0xe0, 0x60};
  smc.replayed_ue_security_capabilities = wrong;
  std::array<std::uint8_t, 64> body{};
  const auto b = impl::nas::encode(smc, body);
  if (!b.written) throw std::logic_error(b.error);
  std::array<std::uint8_t, 128> out{};
  const auto p = impl::engine::protect(kasme, 2, 2, 1, impl::engine::Direction::downlink,
                                       impl::nas::SecurityHeaderType::integrity_protected_new_context,
                                       ByteView(body.data(), b.size), out);
  if (!p.written) throw std::logic_error(p.error);
  return Bytes(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(p.size));
}

// SECURITY MODE REJECT #23 under that context (EEA2 / EIA2) at uplink COUNT `count`.
Bytes reject_23(const std::array<std::uint8_t, 32>& kasme, std::uint32_t count) {
  const std::array<std::uint8_t, 3> reject{0x07, 0x5f, 0x17};
  std::array<std::uint8_t, 64> out{};
  const auto p = impl::engine::protect(kasme, 2, 2, count, impl::engine::Direction::uplink,
                                       impl::nas::SecurityHeaderType::integrity_protected_ciphered, reject, out);
  if (!p.written) throw std::logic_error(p.error);
  return Bytes(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(p.size));
}

// TS 24.301 5.4.3.3: a command that requests the IMEISV gets it in the COMPLETE. A UE that
// completes without it, but otherwise correctly (new context, header type 4, uplink COUNT 0), is
// caught; the engine's own COMPLETE, with the IMEISV, is not.
TEST(OracleJudgesEngines, ACompleteWithoutTheRequestedImeisvIsTheUesViolation) {
  std::array<std::uint8_t, 32> kasme{};
  for (std::size_t i = 0; i < kasme.size(); ++i) kasme[i] = static_cast<std::uint8_t>(0x5a ^ (7 * i));
  const std::array<std::uint8_t, 2> capability{0xe0, 0xe0};
  for (const bool with_imeisv : {true, false}) {
    FirstCommand x;
    ASSERT_NO_FATAL_FAILURE(x.run(kasme, 2, capability, 1, 2, true));
    std::array<std::uint8_t, 128> bare{};
    ByteView answer = x.complete.pdu;
    if (!with_imeisv) {
      const std::array<std::uint8_t, 2> no_imeisv{0x07, 0x5e};
      const auto p = impl::engine::protect(kasme, 1, 2, 0, impl::engine::Direction::uplink,
                                           impl::nas::SecurityHeaderType::integrity_protected_ciphered_new_context,
                                           no_imeisv, bare);
      ASSERT_TRUE(p.written);
      answer = ByteView(bare.data(), p.size);
    }
    x.judge.pdu(3, true, answer, x.verdicts);
    x.judge.finish(x.verdicts);
    const auto& verdicts = x.verdicts;
    ASSERT_EQ(verdicts.size(), 1u);
    EXPECT_EQ(verdicts[0].ok, with_imeisv) << verdicts[0].explain;
    EXPECT_EQ(verdicts[0].clause, with_imeisv ? "TS 24.301 5.4.3.3, 4.4.3.1" : "TS 24.301 5.4.3.3");
    if (!with_imeisv) {
      EXPECT_EQ(verdicts[0].explain,
                "the command of step 2 requested the IMEISV, and the SECURITY MODE COMPLETE does not carry it");
    }
  }
}

// TS 24.301 4.4.3.3: a command of the current context whose NAS-MAC verifies takes its downlink
// NAS COUNT even when the UE rejects it (#23 here, altered capabilities); its replay then gets no
// answer (4.4.3.2). The engine stays silent and conforms; a UE that rejects the replay again is
// caught on that step.
TEST(OracleJudgesEngines, AVerifiedCommandRejectedOnceIsNotAnsweredWhenReplayed) {
  std::array<std::uint8_t, 32> kasme{};
  for (std::size_t i = 0; i < kasme.size(); ++i) kasme[i] = static_cast<std::uint8_t>(0x3c + 5 * i);
  const std::array<std::uint8_t, 2> capability{0xe0, 0xe0};
  for (const bool rejects_again : {false, true}) {
    FirstCommand x;
    ASSERT_NO_FATAL_FAILURE(x.run(kasme, 3, capability, 2, 2, false));
    x.judge.pdu(3, true, x.complete.pdu, x.verdicts);

    const Bytes command = altered_second_command(kasme);
    x.judge.pdu(4, false, command, x.verdicts);
    const UeResult reject = x.ue.receive(command, x.ul);
    ASSERT_EQ(reject.outcome, UeResult::Outcome::rejected);
    EXPECT_EQ(reject.cause, 23);
    x.judge.pdu(5, true, reject.pdu, x.verdicts);
    x.judge.pdu(6, false, command, x.verdicts);  // the replay
    EXPECT_EQ(x.ue.receive(command, x.ul).outcome, UeResult::Outcome::discarded);
    if (rejects_again)  // REJECT #23 once more, under the context in use at the next uplink COUNT
      x.judge.pdu(7, true, reject_23(kasme, x.ue.current().next_tx), x.verdicts);
    x.judge.finish(x.verdicts);
    const auto& verdicts = x.verdicts;
    ASSERT_EQ(verdicts.size(), 3u);  // the COMPLETE, the REJECT, the answer to the replay
    EXPECT_TRUE(verdicts[0].ok && verdicts[1].ok) << verdicts[1].explain;
    EXPECT_EQ(verdicts[1].observed, "SECURITY MODE REJECT #23");
    const Verdict& replay = verdicts[2];
    EXPECT_EQ(replay.ok, !rejects_again) << replay.explain;
    EXPECT_EQ(replay.step, rejects_again ? 7u : 6u);
    EXPECT_EQ(replay.clause, "TS 24.301 4.4.3.2");
    EXPECT_EQ(replay.expected, "no answer");
    EXPECT_EQ(replay.observed, rejects_again ? "SECURITY MODE REJECT #23" : "no answer");
    EXPECT_NE(replay.explain.find("downlink NAS COUNT 1 was taken already"), std::string::npos) << replay.explain;
  }
}

// TS 24.301 4.4.3.1: the sender increases its NAS COUNT after each message. A UE that sends its
// REJECT at the uplink COUNT of its COMPLETE repeats that COUNT's keystream under the same key;
// the oracle reads the REJECT there and says so, where the engine's REJECT, one COUNT on, conforms.
TEST(OracleJudgesEngines, ARejectAtACountUsedAlreadyIsKeystreamReuse) {
  std::array<std::uint8_t, 32> kasme{};
  for (std::size_t i = 0; i < kasme.size(); ++i) kasme[i] = static_cast<std::uint8_t>(0x71 ^ (3 * i));
  const std::array<std::uint8_t, 2> capability{0xe0, 0xe0};
  for (const std::uint32_t count : {1u, 0u}) {
    FirstCommand x;
    ASSERT_NO_FATAL_FAILURE(x.run(kasme, 3, capability, 2, 2, false));
    x.judge.pdu(3, true, x.complete.pdu, x.verdicts);
    x.judge.pdu(4, false, altered_second_command(kasme), x.verdicts);
    x.judge.pdu(5, true, reject_23(kasme, count), x.verdicts);
    x.judge.finish(x.verdicts);
    ASSERT_EQ(x.verdicts.size(), 2u);
    const Verdict& v = x.verdicts[1];
    EXPECT_EQ(v.step, 5u);
    EXPECT_EQ(v.observed, "SECURITY MODE REJECT #23");
    EXPECT_EQ(v.ok, count == 1) << v.explain;
    if (count == 0) {
      EXPECT_EQ(v.clause, "TS 24.301 4.4.3.1");
      EXPECT_EQ(v.explain.rfind("uplink NAS COUNT 0 where 1 was due: the UE used that COUNT already", 0), 0u)
          << v.explain;
    }
  }
}

}  // namespace
}  // namespace secmode::oracle
