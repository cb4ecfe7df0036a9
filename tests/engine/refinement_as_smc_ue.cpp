// Refinement: the UE's AS security mode command engines (impl/engine/as_smc_ue.h, LTE and NR) and
// the UE's rule table (spec/procedures/as_smc_ue.h) driven in lock-step by random event sequences:
// connections with their K_eNB / K_gNB, commands from the eNB / gNB and from an attacker (MAC-I
// with another key, forged, at another COUNT, spare or null integrity algorithms), uplink
// messages, releases. The engine sees real PDCP PDUs and keys; the table sees their abstraction
// (keys as identities, whether MAC-I verifies with the UE's K_RRCint at the COUNT the UE reads).
// After every step the abstraction of the engine's state must equal the table's, and what the
// engine sent must be what the table's output says: which message, and whether it is integrity
// protected and ciphered, with which key and algorithms (recomputed with the spec twins).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <map>

#include "spec/procedures/as_smc_ue.h"
#include "tests/engine/as_lockstep.h"

namespace secmode::impl::engine {
namespace {

namespace ue = spec::as_smc_ue;
using spec::Concrete;
using namespace test::lockstep;
using namespace test::aslockstep;
using Outcome = AsUeResult::Outcome;
using SpecState = ue::State<Concrete>;
using SpecEvent = ue::Event<Concrete>;
using SpecStep = spec::Step<Concrete, SpecState, ue::Output<Concrete>>;

template <class Rat>
struct Harness {
  const spec::Mutation* mutation = nullptr;
  typename Rat::Ue engine;
  SpecState state = ue::initial(Concrete{});
  KeyPool keys;
  // The test's own reading of the PDCP counters: the UE's next uplink COUNT and the downlink
  // COUNT it expects next; the eNB / gNB's next downlink COUNT.
  std::uint32_t ue_tx = 0, ue_rx = 0, network_tx = 0;
  std::array<std::uint8_t, 128> out{};
  std::map<std::uint32_t, bool> seen;

  SpecStep spec_step(const SpecEvent& e) {
    const auto rules = spec::AsSmcUe::rules<Concrete>(mutation);
    return spec::step(Concrete{}, rules, state, e);
  }
  static SpecEvent event(std::uint32_t kind) {
    SpecEvent e{};
    e.kind = kind;
    return e;
  }
  SrbProtection protection_of(const ue::Output<Concrete>& o) const {
    return {o.integrity, o.ciphered, static_cast<std::uint8_t>(o.eia), static_cast<std::uint8_t>(o.eea)};
  }

  void check_state() {
    RC_ASSERT(engine.connected() == state.connected);
    const auto k = engine.key();
    RC_ASSERT(keys.id(Bytes(k.begin(), k.end())) == state.key);
    RC_ASSERT(engine.activated() == state.activated);
    RC_ASSERT(engine.security().eea == state.eea);
    RC_ASSERT(engine.security().eia == state.eia);
    RC_ASSERT(engine.security().integrity == state.integrity);
    RC_ASSERT(engine.security().ciphering == state.ciphering);
  }

  void connect() {
    const Key k = keys.reused_or_fresh();
    SpecEvent e = event(ue::kConnect);
    e.key = keys.id(Bytes(k.begin(), k.end()));
    RC_LOG() << "connect K" << e.key << "\n";
    const bool took = engine.connect(k);
    const SpecStep st = spec_step(e);
    RC_ASSERT(took == (st.fired != spec::kNoRule));
    if (took) ue_tx = ue_rx = network_tx = 0;
    state = st.state;
  }

  // A SecurityModeCommand, from the eNB / gNB of the connection or from an attacker.
  void command() {
    const SpecState s = state;
    const bool honest = s.connected && *rc::gen::inRange(0, 3) != 0;
    const std::uint8_t tid = *rc::gen::inRange<std::uint8_t>(0, 4);
    const std::uint8_t eea = *rc::gen::inRange<std::uint8_t>(0, 4);
    std::uint8_t eia = *rc::gen::weightedOneOf<std::uint8_t>({{8, rc::gen::inRange<std::uint8_t>(1, 4)},
                                                              {1, rc::gen::just<std::uint8_t>(0)},
                                                              {1, rc::gen::inRange<std::uint8_t>(4, 8)}});
    // The key its MAC-I is computed with, the COUNT, and whether a bit of MAC-I is then flipped.
    Key mac_key = honest ? Key{} : keys.any();
    if (honest) {
      const Bytes b = keys.bytes(s.key);
      std::copy(b.begin(), b.end(), mac_key.begin());
    }
    std::uint32_t count = network_tx;
    if (!honest && *rc::gen::arbitrary<bool>()) count = *rc::gen::inRange<std::uint32_t>(0, 1u << 14);
    const bool forged = !honest && *rc::gen::inRange(0, 3) == 0;
    // A network that activated AS security protects all it sends; the command is never ciphered
    // before that (TS 33.401 7.2.4.5).
    // A spare algorithm has no MAC to compute: the attacker fills MAC-I with 128-EIA2's.
    SrbProtection p{true, false, eia < 4 ? eia : std::uint8_t{2}, 0};
    if (honest && s.activated) p = {true, true, static_cast<std::uint8_t>(s.eia), static_cast<std::uint8_t>(s.eea)};
    const Bytes message = Rat::command(tid, eea, eia);
    Bytes pdu = pdcp_spec<Rat>(Bytes(mac_key.begin(), mac_key.end()), p, count, 1, message);
    if (forged) pdu[pdu.size() - 1 - *rc::gen::inRange<std::size_t>(0, 4)] ^= 0x10;
    if (honest) ++network_tx;

    // What the UE reads: the COUNT it estimates and whether MAC-I verifies with its own K_RRCint of
    // the commanded algorithm (any key and COUNT make the all-zero MAC-I of EIA0 / NIA0).
    const std::uint32_t read = Rat::received(ue_rx, count & ((1u << Rat::sn_bits) - 1));
    const std::uint32_t mac_key_id = keys.id(Bytes(mac_key.begin(), mac_key.end()));
    const bool verifies = s.connected && !forged && eia < 4 && (eia == 0 || (read == count && mac_key_id == s.key));
    SpecEvent e = event(ue::kSmc);
    e.key = verifies ? s.key : ue::kNoKey;  // a MAC-I the UE cannot verify comes from no key it has
    e.eea = eea;
    e.eia = eia;
    RC_LOG() << "SMC " << (honest ? "network" : "attacker") << " EEA" << int{eea} << " EIA" << int{eia} << " K"
             << mac_key_id << " COUNT " << count << (forged ? " forged" : "") << " (UE reads " << read << ")\n";
    const AsUeResult r = engine.receive(pdu, out);
    RC_LOG() << "  engine: " << static_cast<int>(r.outcome) << " " << r.clause << " " << r.reason << "\n";
    // The PDU reached the UE's PDCP; before activation nothing is verified there, after it only
    // what verifies counts (TS 36.323 5.1.2.2, TS 38.323 5.2.2.1).
    if (s.connected && (!s.activated || (!forged && read == count && honest))) ue_rx = read + 1;
    const SpecStep st = spec_step(e);
    const auto& o = st.output;
    const Bytes sent(r.pdu.begin(), r.pdu.end());
    seen[o.message] = true;
    switch (o.message) {
      case ue::kNothing:
        RC_ASSERT(r.outcome == Outcome::discarded || r.outcome == Outcome::delivered);
        RC_ASSERT(sent.empty());
        break;
      case ue::kComplete: {
        RC_ASSERT(r.outcome == Outcome::completed);
        const Read m = Rat::read_uplink(pdcp_open_spec<Rat>(sent, keys.bytes(o.key), protection_of(o), ue_tx, 0));
        RC_ASSERT(m.kind == Read::complete);
        RC_ASSERT(m.transaction_id == tid);
        ++ue_tx;
        break;
      }
      case ue::kFailure: {
        RC_ASSERT(r.outcome == Outcome::failed);
        const Read m = Rat::read_uplink(pdcp_open_spec<Rat>(sent, keys.bytes(s.key), protection_of(o), ue_tx, 0));
        RC_ASSERT(m.kind == Read::failure);
        RC_ASSERT(m.transaction_id == tid);
        ++ue_tx;
        break;
      }
      default:
        RC_FAIL("unexpected output");
    }
    state = st.state;
  }

  void send_uplink() {
    const Bytes message =
        *rc::gen::container<Bytes>(*rc::gen::inRange<std::size_t>(1, 40), rc::gen::arbitrary<std::uint8_t>());
    const AsUeResult r = engine.send(message, out);
    const SpecStep st = spec_step(event(ue::kSendUplink));
    RC_LOG() << "uplink " << message.size() << " octets: engine " << static_cast<int>(r.outcome) << "\n";
    if (st.output.message == ue::kNothing) {
      RC_ASSERT(r.outcome == Outcome::refused);
    } else {
      RC_ASSERT(r.outcome == Outcome::sent);
      const Bytes sent(r.pdu.begin(), r.pdu.end());
      RC_ASSERT(pdcp_open_spec<Rat>(sent, keys.bytes(st.output.key), protection_of(st.output), ue_tx, 0) == message);
      ++ue_tx;
    }
    state = st.state;
  }

  void release() {
    const bool released = engine.release();
    const SpecStep st = spec_step(event(ue::kRelease));
    RC_ASSERT(released == (st.fired != spec::kNoRule));
    state = st.state;
  }

  void run() {
    connect();
    check_state();
    const auto steps = *rc::gen::inRange(1, 40);
    for (int i = 0; i < steps; ++i) {
      switch (*rc::gen::weightedOneOf<int>(
          {{1, rc::gen::just(0)}, {6, rc::gen::just(1)}, {3, rc::gen::just(2)}, {1, rc::gen::just(3)}})) {
        case 0:
          connect();
          break;
        case 1:
          command();
          break;
        case 2:
          send_uplink();
          break;
        default:
          release();
          break;
      }
      check_state();
    }
    RC_CLASSIFY(seen[ue::kComplete], "a SecurityModeComplete");
    RC_CLASSIFY(seen[ue::kFailure], "a SecurityModeFailure");
  }
};

RC_GTEST_PROP(AsSmcUeRefinement, LteEngineAndRuleTableAgreeStepByStep, ()) { Harness<Lte>().run(); }
RC_GTEST_PROP(AsSmcUeRefinement, NrEngineAndRuleTableAgreeStepByStep, ()) { Harness<Nr>().run(); }

// The comparison bites: a table whose UE answers every command as if it verified, or that never
// sends SecurityModeFailure, disagrees with the engine on some random sequence.
TEST(AsSmcUeRefinement, MutantTableThatAcceptsEveryCommandIsCaught) {
  const spec::Mutation m{spec::Mutation::Kind::drop_rule, "smc_integrity_failure"};
  EXPECT_TRUE(mutant_caught<Harness<Lte>>("LTE UE engine against a table without smc_integrity_failure", m));
}
TEST(AsSmcUeRefinement, MutantTableThatFailsEveryCommandIsCaught) {
  const spec::Mutation m{spec::Mutation::Kind::force_rule, "smc_integrity_failure"};
  EXPECT_TRUE(mutant_caught<Harness<Nr>>("NR UE engine against a table forcing smc_integrity_failure", m));
}

}  // namespace
}  // namespace secmode::impl::engine
