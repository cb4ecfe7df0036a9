// The oracle on 5GS NAS (oracle/nas_judge.h, Rat::fivegs) judges the 5GS engines, which the
// refinement tests tie to the same rule tables: in random exchanges between the UE and AMF
// engines (AKA, REGISTRATION REQUESTs plain or protected, commands with any ngKSI and algorithms,
// with or without K'_AMF, T3560 retransmissions) every verdict is "ok"; with an attacker replaying
// and altering commands, every verdict on the UE is still "ok". And the oracle is not blind: a UE
// that completes what it should reject, or leaves the initial request out of its COMPLETE, is caught.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "impl/codec/nas_5gs.h"
#include "impl/codec/nas_5gs_mm.h"
#include "impl/engine/fivegs_nas_protection.h"
#include "impl/engine/nas_smc_network.h"
#include "impl/engine/nas_smc_ue.h"
#include "oracle/nas_judge.h"
#include "spec/hex.h"

namespace secmode::oracle {
namespace {

using Bytes = std::vector<std::uint8_t>;
using impl::engine::FivegsNasSmcAmf;
using impl::engine::FivegsNasSmcUe;
using impl::engine::NetworkResult;
using impl::engine::UeResult;

constexpr std::array<std::uint8_t, 9> kImeisv{0x35, 0x65, 0x89, 0x02, 0x14, 0x32, 0x54, 0x06, 0xf1};

// A plain REGISTRATION REQUEST (TS 24.501 8.2.6) with this UE security capability.
Bytes registration_request(ByteView capability, std::uint8_t type = 1) {
  impl::nas5gs::RegistrationRequest m;
  m.registration_type = type;
  m.mobile_identity = impl::nas5gs::FiveGSTmsi{1, 2, 0x0badcafe};
  m.ue_security_capability = capability;
  std::array<std::uint8_t, 128> out{};
  const auto e = impl::nas5gs::encode(m, out);
  if (!e.written) throw std::logic_error(e.error);
  return Bytes(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(e.size));
}

enum class Ue { conforming, completes_everything };

struct Exchange {
  Ue behaviour = Ue::conforming;
  bool attacker = false;
  FivegsNasSmcUe ue{kImeisv};
  FivegsNasSmcAmf amf;
  NasJudge judge{Rat::fivegs};
  std::array<std::uint8_t, 32> kamf{};
  std::vector<Verdict> verdicts;
  std::vector<Bytes> commands;
  std::size_t step = 0;
  std::array<std::uint8_t, 1024> ul{}, dl{};

  void trace(bool uplink, ByteView pdu) {
    RC_LOG() << R"({"kind":"pdu","dir":")" << (uplink ? "ul" : "dl") << R"(","proto":"nas-5gs","hex":")"
             << spec::to_hex(pdu) << "\"}\n";
    judge.pdu(++step, uplink, pdu, verdicts);
  }

  void to_ue(const std::vector<Bytes>& burst) {
    for (const Bytes& c : burst) trace(false, c);
    std::vector<Bytes> answers;
    for (const Bytes& command : burst) {
      commands.push_back(command);
      const UeResult r = ue.receive(command, ul);
      Bytes answer(r.pdu.begin(), r.pdu.end());
      if (behaviour == Ue::completes_everything && r.outcome == UeResult::Outcome::rejected)
        answer = Bytes{0x7e, 0x00, 0x5e};  // a plain COMPLETE where a REJECT was due
      if (!answer.empty()) answers.push_back(answer);
    }
    for (const Bytes& a : answers) {
      trace(true, a);
      amf.receive(a);
    }
  }

  void register_ue() {
    const Bytes capability =
        *rc::gen::container<Bytes>(*rc::gen::element<std::size_t>(2, 4, 8), rc::gen::arbitrary<std::uint8_t>());
    const Bytes plain = registration_request(capability, *rc::gen::element<std::uint8_t>(1, 3, 4));
    const UeResult r = ue.send_initial(plain, ul);
    RC_ASSERT(r.outcome == UeResult::Outcome::sent);
    trace(true, r.pdu);
    amf.receive_initial(r.pdu);
  }

  void start() {
    const std::uint8_t ksi = amf.fresh() && *rc::gen::arbitrary<bool>() ? amf.fresh_context().ksi
                             : amf.secured()                            ? amf.current().ksi
                                                                        : *rc::gen::inRange<std::uint8_t>(0, 7);
    const auto nia = *rc::gen::inRange<std::uint8_t>(0, 4);
    const auto nea = nia == 0 ? std::uint8_t{0} : *rc::gen::inRange<std::uint8_t>(0, 4);
    const NetworkResult c = amf.start(ksi, nea, nia, dl, *rc::gen::arbitrary<bool>(), *rc::gen::inRange(0, 3) == 0);
    if (c.outcome != NetworkResult::Outcome::command_sent) return;
    std::vector<Bytes> sent{Bytes(c.pdu.begin(), c.pdu.end())};
    for (int n = *rc::gen::inRange(0, 3); n > 0; --n) {
      const NetworkResult again = amf.timer_expiry(dl);
      if (again.outcome != NetworkResult::Outcome::command_sent) break;
      sent.emplace_back(again.pdu.begin(), again.pdu.end());
    }
    to_ue(sent);
  }

  void attack() {
    if (commands.empty()) return;
    Bytes c = *rc::gen::arbitrary<bool>() ? commands.back() : *rc::gen::elementOf(commands);
    if (*rc::gen::inRange(0, 3) == 0) {  // an altered copy: one bit of the MAC, or of the body
      const auto i = *rc::gen::inRange<std::size_t>(2, c.size());
      c[i] ^= static_cast<std::uint8_t>(1u << *rc::gen::inRange(0, 8));
      // Keep it a command the oracle can read (an undecodable one is unusable input).
      if (i >= 7 && !impl::nas5gs::decode_security_mode_command(ByteView(c).subspan(7)).ok()) return;
    }
    to_ue({c});
  }

  void run() {
    const Bytes k = *rc::gen::container<Bytes>(32, rc::gen::arbitrary<std::uint8_t>());
    std::copy(k.begin(), k.end(), kamf.begin());
    kamf[0] |= 1;
    const auto ksi = *rc::gen::inRange<std::uint8_t>(0, 7);
    judge.judge(true, !attacker);
    judge.context(kamf, ksi);
    RC_LOG() << R"({"kind":"context","rat":"5gs","kamf":")" << spec::to_hex(kamf) << R"(","ksi":)" << int{ksi} << "}\n";
    ue.aka(kamf, ksi);
    amf.aka(kamf, ksi);
    register_ue();
    for (int n = *rc::gen::inRange(1, 12); n > 0; --n) {
      switch (*rc::gen::inRange(0, attacker ? 4 : 3)) {
        case 0:
          register_ue();
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

void no_violation(const Exchange& x) {
  for (const Verdict& v : x.verdicts)
    if (!v.ok)
      RC_FAIL("step " + std::to_string(v.step) + " " + v.party + " " + v.clause + ": expected " + v.expected +
              ", observed " + v.observed + " (" + v.explain + ")");
}

RC_GTEST_PROP(OracleJudges5gsEngines, HonestExchangesConformOnBothSides, ()) {
  Exchange x;
  x.run();
  no_violation(x);
  const bool derived = std::any_of(x.verdicts.begin(), x.verdicts.end(),
                                   [](const Verdict& v) { return v.expected.find("K'_AMF") != std::string::npos; });
  RC_CLASSIFY(derived, "a command with K'_AMF");
}

RC_GTEST_PROP(OracleJudges5gsEngines, TheUeEngineConformsUnderAttack, ()) {
  Exchange x;
  x.attacker = true;
  x.run();
  for (const Verdict& v : x.verdicts) RC_ASSERT(v.party == "ue");
  no_violation(x);
}

TEST(OracleJudges5gsEngines, CatchesAUeThatCompletesWhatItShouldReject) {
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  params.maxSuccess = 300;
  const auto result = rc::detail::checkTestable(
      [] {
        Exchange x;
        x.behaviour = Ue::completes_everything;
        x.attacker = true;
        x.run();
        RC_ASSERT(x.violations() == 0u);
      },
      rc::detail::TestMetadata{"faulty UE", "faulty UE"}, params);
  EXPECT_TRUE(result.template is<rc::detail::FailureResult>());
}

// TS 24.501 4.4.6, 5.4.2.3: a REGISTRATION REQUEST sent in the clear comes back whole in the
// COMPLETE's NAS message container. The engine's COMPLETE passes; one that leaves the container
// out, but is otherwise right (new context, header type 4, uplink COUNT 0), is the UE's violation.
TEST(OracleJudges5gsEngines, ACompleteWithoutTheInitialRequestIsTheUesViolation) {
  std::array<std::uint8_t, 32> kamf{};
  for (std::size_t i = 0; i < kamf.size(); ++i) kamf[i] = static_cast<std::uint8_t>(0x33 ^ (5 * i));
  const std::array<std::uint8_t, 4> capability{0xe0, 0xe0, 0xc0, 0x40};
  const Bytes request = registration_request(capability);
  std::array<std::uint8_t, 512> ul{}, dl{}, bare{};
  for (const bool with_container : {true, false}) {
    FivegsNasSmcUe ue(kImeisv);
    FivegsNasSmcAmf amf;
    NasJudge judge(Rat::fivegs);
    judge.judge(true, false);
    std::vector<Verdict> verdicts;
    judge.context(kamf, 3);
    ue.aka(kamf, 3);
    amf.aka(kamf, 3);
    const UeResult sent = ue.send_initial(request, ul);
    judge.pdu(1, true, sent.pdu, verdicts);
    amf.receive_initial(sent.pdu);
    const NetworkResult c = amf.start(3, 2, 2, dl);
    ASSERT_EQ(c.outcome, NetworkResult::Outcome::command_sent);
    judge.pdu(2, false, c.pdu, verdicts);
    const UeResult complete = ue.receive(c.pdu, ul);
    ASSERT_EQ(complete.outcome, UeResult::Outcome::completed);
    ByteView answer = complete.pdu;
    if (!with_container) {
      const std::array<std::uint8_t, 3> bare_complete{0x7e, 0x00, 0x5e};
      const auto p = impl::engine::protect(kamf, 2, 2, 0, impl::engine::Direction::uplink,
                                           impl::nas5gs::SecurityHeaderType::integrity_protected_ciphered_new_context,
                                           bare_complete, bare);
      ASSERT_TRUE(p.written);
      answer = ByteView(bare.data(), p.size);
    }
    judge.pdu(3, true, answer, verdicts);
    judge.finish(verdicts);
    ASSERT_EQ(verdicts.size(), 1u);
    EXPECT_EQ(verdicts[0].ok, with_container) << verdicts[0].explain;
    if (!with_container) {
      EXPECT_EQ(verdicts[0].clause, "TS 24.501 5.4.2.3, 4.4.6");
    }
  }
}

}  // namespace
}  // namespace secmode::oracle
