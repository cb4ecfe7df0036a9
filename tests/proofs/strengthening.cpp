// Hand-written strengthenings (spec::Monitor::strengthening, model/check.h prove_by_strengthening):
// the AS system's connection invariant proves the agreement monitor it comes with, holds on every
// state of random concrete runs, and the check refuses what is not a strengthening: "true" is too
// weak for the monitor, and the invariant without its clause on commands is not inductive.
#include <gtest/gtest.h>

#include <random>

#include "model/check.h"
#include "spec/procedures/as_smc_system.h"

namespace secmode::model {
namespace {

using P = spec::AsSmcSystem;
using T = Types<P>;
namespace sys = spec::as_smc_system;

constexpr std::string_view kAgreement = "shared_as_security_while_connected";

template <class V>
spec::Monitor<V, P::State<V>, P::Event<V>, P::Output<V>> monitor(std::string_view name) {
  for (const auto& m : P::monitors<V>())
    if (m.name == name) return m;
  throw std::logic_error("no monitor " + std::string(name));
}

T::Target violation_of(std::string_view name) {
  const auto m = monitor<Symbolic>(name);
  return [m](const Symbolic& v, const auto& s, const auto& e, const auto& st) { return !m.holds(v, s, e, st); };
}

TEST(Strengthening, TheConnectionInvariantProvesAgreementOnAsSecurity) {
  const auto m = monitor<Symbolic>(kAgreement);
  ASSERT_TRUE(static_cast<bool>(m.strengthening));
  const auto r = prove_by_strengthening<P>(violation_of(kAgreement), m.strengthening);
  EXPECT_EQ(r.verdict, Verdict::proved) << r.detail;
  EXPECT_EQ(r.certificate_problem, "");
}

TEST(Strengthening, WhatIsNoStrengtheningIsRefused) {
  const auto too_weak =
      prove_by_strengthening<P>(violation_of(kAgreement), [](const Symbolic& v, const auto&) { return v.lit(true); });
  EXPECT_EQ(too_weak.verdict, Verdict::unknown);
  EXPECT_EQ(too_weak.detail, "the strengthening fails safety");
  // Without what it says of commands in flight, a command of this connection could carry other
  // algorithms than the eNB/gNB's, and the rest is not inductive.
  const auto partial = [](const Symbolic& v, const P::State<Symbolic>& s) {
    P::State<Symbolic> t = s;
    t.dl.slot0.key = v.word(spec::as_smc_ue::kNoKey);
    t.dl.slot1.key = v.word(spec::as_smc_ue::kNoKey);
    return sys::connection_invariant(v, t);
  };
  const auto not_inductive = prove_by_strengthening<P>(violation_of(kAgreement), partial);
  EXPECT_EQ(not_inductive.verdict, Verdict::unknown);
  EXPECT_EQ(not_inductive.detail, "the strengthening fails consecution");
}

// The invariant is a claim about reachable states, so concrete runs must never leave it: random
// actions, slots and algorithms from the initial state, 1000 runs of 60 steps.
TEST(Strengthening, TheConnectionInvariantHoldsOnRandomRuns) {
  const spec::Concrete c;
  const auto rules = P::rules<spec::Concrete>();
  std::mt19937 rng(20261125);
  const auto pick = [&rng](std::uint32_t n) { return std::uniform_int_distribution<std::uint32_t>(0, n - 1)(rng); };
  // The honest path (connect, context setup, command, delivery both ways) five times as likely
  // as each other action, so that runs activate AS security as well as attack and release it.
  std::discrete_distribution<int> actions({5, 5, 5, 1, 1, 1, 1, 1, 5, 5, 1, 1});
  std::size_t activations = 0;
  for (int run = 0; run < 1000; ++run) {
    auto s = P::initial(c);
    for (int i = 0; i < 60; ++i) {
      P::Event<spec::Concrete> e{};
      e.action = static_cast<std::uint32_t>(actions(rng));
      e.slot = pick(2);
      e.reply_slot = pick(2);
      e.keep = pick(2) == 0;
      e.caps = pick(2) == 0 ? 0xffffu : pick(0x10000);
      e.eea = pick(4);
      e.eia = pick(4);
      e.kind = pick(2);
      e.ciphered = pick(4) == 0;
      const auto st = spec::step(c, rules, s, e);
      activations += !s.ran.activated && st.state.ran.activated;
      s = st.state;
      ASSERT_TRUE(sys::connection_invariant(c, s)) << "run " << run << " step " << i;
    }
  }
  EXPECT_GT(activations, 50u);  // the runs reach what the invariant is about (about 150 do)
}

}  // namespace
}  // namespace secmode::model
