// Refinement: the eNB / gNB AS security mode command engines (impl/engine/as_smc_ran.h) and the
// network's rule table (spec/procedures/as_smc_ran.h) in lock-step over random event sequences:
// connections, Initial Context Setup with K_eNB / K_gNB and UE capabilities, the command with any
// algorithms (supported or not), answers from the UE and from an attacker (SecurityModeComplete
// with the right or another key, another integrity algorithm, forged, ciphered; a
// SecurityModeFailure), SRB2 / DRB set-up, other downlink messages, releases. After every step the
// engine's state, abstracted, equals the table's, and each PDU it sends is what the table's output
// says (message, integrity, ciphering, key and algorithms, recomputed with the spec twins).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <map>
#include <optional>

#include "spec/procedures/as_smc_ran.h"
#include "tests/engine/as_lockstep.h"

namespace secmode::impl::engine {
namespace {

namespace ran = spec::as_smc_ran;
using spec::Concrete;
using namespace test::lockstep;
using namespace test::aslockstep;
using Outcome = AsRanResult::Outcome;
using SpecState = ran::State<Concrete>;
using SpecEvent = ran::Event<Concrete>;
using SpecStep = spec::Step<Concrete, SpecState, ran::Output<Concrete>>;

template <class Rat>
struct Harness {
  const spec::Mutation* mutation = nullptr;
  typename Rat::Ran engine;
  SpecState state = ran::initial(Concrete{});
  KeyPool keys;
  // The test's reading of the PDCP counters: the network's next downlink COUNT, the uplink COUNT
  // it expects next, and the UE's next uplink COUNT.
  std::uint32_t network_tx = 0, network_rx = 0, ue_tx = 0;
  std::uint8_t last_tid = 0;
  std::array<std::uint8_t, 128> out{};
  std::map<std::string, bool> seen;

  SpecStep spec_step(const SpecEvent& e) {
    const auto rules = spec::AsSmcRan::rules<Concrete>(mutation);
    return spec::step(Concrete{}, rules, state, e);
  }
  static SpecEvent event(std::uint32_t kind) {
    SpecEvent e{};
    e.kind = kind;
    return e;
  }
  static SrbProtection protection_of(const ran::Output<Concrete>& o) {
    return {o.integrity, o.ciphered, static_cast<std::uint8_t>(o.eia), static_cast<std::uint8_t>(o.eea)};
  }

  void check_state() {
    RC_ASSERT(engine.connected() == state.connected);
    const auto k = engine.key();
    RC_ASSERT(keys.id(Bytes(k.begin(), k.end())) == state.key);
    RC_ASSERT(engine.capabilities() == state.caps);
    RC_ASSERT(engine.pending() == state.pending);
    RC_ASSERT(engine.activated() == state.activated);
    RC_ASSERT(engine.downlink().eea == state.eea);
    RC_ASSERT(engine.downlink().eia == state.eia);
    RC_ASSERT(engine.downlink().integrity == state.integrity);
    RC_ASSERT(engine.uplink().integrity == state.integrity);
    RC_ASSERT(engine.downlink().ciphering == state.dl_ciphering);
    RC_ASSERT(engine.uplink().ciphering == state.ul_deciphering);
    RC_ASSERT(engine.bearers() == state.bearers);
  }

  void fresh_counts() { network_tx = network_rx = ue_tx = 0; }

  // The priority lists the engine is configured with, as the table's words.
  std::uint32_t eea_order = ran::kAnyOrder, eia_order = ran::kAnyOrder;

  void connect() {
    if (*rc::gen::inRange(0, 3) == 0) {  // (re)configure the lists, mostly with algorithms 0-3
      const auto list = [] {
        return *rc::gen::container<std::vector<std::uint8_t>>(
            *rc::gen::inRange<std::size_t>(0, 9),
            rc::gen::weightedOneOf<std::uint8_t>(
                {{8, rc::gen::inRange<std::uint8_t>(0, 4)}, {1, rc::gen::inRange<std::uint8_t>(0, 8)}}));
      };
      const auto ciphering = list(), integrity = list();
      RC_ASSERT(engine.priority(ciphering, integrity));
      eea_order = ran::order_word(ciphering);
      eia_order = ran::order_word(integrity);
      RC_LOG() << "priority lists " << eea_order << " " << eia_order << "\n";
    }
    const bool took = engine.connect();
    SpecEvent e = event(ran::kConnect);
    e.eea_order = eea_order;
    e.eia_order = eia_order;
    const SpecStep st = spec_step(e);
    RC_ASSERT(took == (st.fired != spec::kNoRule));
    if (took) fresh_counts();
    state = st.state;
  }

  void context_setup() {
    const Key k = keys.reused_or_fresh();
    // Capabilities: mostly the usual EEA/EIA 0..3, sometimes any 16 bits.
    const std::uint16_t caps =
        *rc::gen::arbitrary<bool>() ? std::uint16_t{0x0f0f} : *rc::gen::arbitrary<std::uint16_t>();
    SpecEvent e = event(ran::kContextSetup);
    e.key = keys.id(Bytes(k.begin(), k.end()));
    e.caps = caps;
    RC_LOG() << "context setup K" << e.key << " caps " << caps << "\n";
    const bool took = engine.context_setup(k, caps);
    const SpecStep st = spec_step(e);
    RC_ASSERT(took == (st.fired != spec::kNoRule));
    state = st.state;
  }

  // Checks a PDU the engine sent against the table's output; returns its RRC message.
  Bytes sent_as(const AsRanResult& r, const ran::Output<Concrete>& o) {
    RC_ASSERT(r.outcome == Outcome::sent);
    const Bytes message =
        pdcp_open_spec<Rat>(Bytes(r.pdu.begin(), r.pdu.end()), keys.bytes(o.key), protection_of(o), network_tx, 1);
    ++network_tx;
    return message;
  }

  void start() {
    // Algorithms the engine implements (a spare one it cannot protect with, whatever the UE claims).
    const std::uint8_t eea = *rc::gen::inRange<std::uint8_t>(0, 4);
    const std::uint8_t eia = *rc::gen::inRange<std::uint8_t>(0, 4);
    SpecEvent e = event(ran::kStartSmc);
    e.eea = eea;
    e.eia = eia;
    const AsRanResult r = engine.start(eea, eia, out);
    RC_LOG() << "start EEA" << int{eea} << " EIA" << int{eia} << ": engine " << static_cast<int>(r.outcome) << " "
             << r.reason << "\n";
    const SpecStep st = spec_step(e);
    if (std::string_view(r.reason).find("priority") != std::string_view::npos) seen["refused by priority"] = true;
    if (st.output.message == ran::kSmc && (eea_order != ran::kAnyOrder || eia_order != ran::kAnyOrder))
      seen["command under priority lists"] = true;
    if (st.output.message == ran::kNothing) {
      RC_ASSERT(r.outcome == Outcome::refused);
    } else {
      RC_ASSERT(st.output.message == ran::kSmc);
      const Read m = Rat::read_downlink(sent_as(r, st.output));
      RC_ASSERT(m.kind == Read::command);
      RC_ASSERT(m.eea == eea);
      RC_ASSERT(m.eia == eia);
      last_tid = m.transaction_id;
      seen["command"] = true;
    }
    state = st.state;
  }

  // An uplink PDU on SRB1: the UE's answer, or an attacker's.
  void uplink() {
    const SpecState s = state;
    enum Kind {
      complete,
      failure,
      other
    } kind =
        static_cast<Kind>(
            *rc::gen::weightedOneOf<int>({{6, rc::gen::just(0)}, {2, rc::gen::just(1)}, {1, rc::gen::just(2)}}));
    const bool honest = *rc::gen::inRange(0, 3) != 0;
    Key mac_key = honest && s.key != 0 ? Key{} : keys.any();
    if (honest && s.key != 0) {
      const Bytes b = keys.bytes(s.key);
      std::copy(b.begin(), b.end(), mac_key.begin());
    }
    // A conforming UE protects a COMPLETE with the commanded integrity algorithm, unciphered; a
    // FAILURE goes without protection (TS 36.331 / TS 38.331 5.3.4.3).
    SrbProtection p{kind != failure, false, static_cast<std::uint8_t>(s.eia), 0};
    if (kind == other && s.activated)
      p = {true, true, static_cast<std::uint8_t>(s.eia), static_cast<std::uint8_t>(s.eea)};
    if (!honest) {
      if (*rc::gen::arbitrary<bool>()) p.eia = *rc::gen::inRange<std::uint8_t>(0, 4);
      if (*rc::gen::inRange(0, 3) == 0) {
        p.ciphering = true;
        p.eea = *rc::gen::inRange<std::uint8_t>(1, 4);
      }
    }
    std::uint32_t count = ue_tx;
    if (!honest && *rc::gen::arbitrary<bool>()) count = *rc::gen::inRange<std::uint32_t>(0, 1u << 14);
    const bool forged = !honest && p.integrity && *rc::gen::inRange(0, 3) == 0;
    const Bytes message = kind == complete  ? Rat::complete(last_tid)
                          : kind == failure ? Rat::failure(last_tid)
                                            : *rc::gen::container<Bytes>(*rc::gen::inRange<std::size_t>(1, 20),
                                                                         rc::gen::arbitrary<std::uint8_t>());
    Bytes pdu = pdcp_spec<Rat>(Bytes(mac_key.begin(), mac_key.end()), p, count, 0, message);
    if (forged) pdu[pdu.size() - 1 - *rc::gen::inRange<std::size_t>(0, 4)] ^= 0x08;
    if (honest) ++ue_tx;

    // What the network reads: at the COUNT it estimates, deciphered once uplink deciphering is on
    // (with its own key and algorithm), MAC-I checked with its K_RRCint once integrity is on.
    const std::uint32_t read = Rat::received(network_rx, count & ((1u << Rat::sn_bits) - 1));
    const std::uint32_t mac_key_id = keys.id(Bytes(mac_key.begin(), mac_key.end()));
    const bool same_cipher = !p.ciphering || p.eea == 0
                                 ? !s.ul_deciphering || s.eea == 0
                                 : s.ul_deciphering && mac_key_id == s.key && p.eea == s.eea && read == count;
    // An all-zero MAC-I (none computed, or EIA0 / NIA0's) verifies under NIA0 with any key and COUNT.
    const bool zero_mac = !p.integrity || p.eia == 0;
    const bool mac_verifies =
        !forged && (s.eia == 0 ? zero_mac : p.integrity && p.eia == s.eia && mac_key_id == s.key && read == count);
    const bool mac_ok = !s.integrity || (same_cipher && mac_verifies);
    Bytes readable = message;  // the octets the network decodes, when they are the message
    if (!same_cipher) {
      readable = Bytes(pdu.begin() + Rat::header, pdu.end() - 4);  // still ciphered (or ciphered twice)
      if (s.ul_deciphering) readable = pdcp_open_spec_unchecked(pdu, keys.bytes(s.key), s, read);
    }
    const Read seen_as = Rat::read_uplink(readable);
    RC_LOG() << "uplink "
             << (kind == complete  ? "COMPLETE"
                 : kind == failure ? "FAILURE"
                                   : "other")
             << (honest ? "" : " attacker") << " K" << mac_key_id << " EIA" << int{p.eia}
             << (p.integrity ? "" : " (no MAC-I)") << (p.ciphering ? " ciphered EEA" + std::to_string(p.eea) : "")
             << " COUNT " << count << (forged ? " forged" : "") << " (network reads " << read << ", as " << seen_as.kind
             << ")\n";
    const AsRanResult r = engine.receive(pdu);
    RC_LOG() << "  engine: " << static_cast<int>(r.outcome) << " " << r.reason << "\n";

    // The table's event, if it has one for what the network reads (another uplink message it has not).
    std::optional<SpecEvent> e;
    if (s.pending && seen_as.kind == Read::failure) {
      e = event(ran::kFailure);
    } else if (seen_as.kind == Read::complete) {
      // One that verifies is MACed with the connection's key and algorithm and not ciphered; one
      // that does not comes from no key the network has.
      e = event(ran::kComplete);
      e->key = mac_ok ? s.key : ran::kNoKey;
      e->eia = mac_ok ? s.eia : p.eia;
      e->ciphered = !mac_ok && p.ciphering && p.eea != 0;
    }
    if (mac_ok && s.connected) network_rx = read + 1;
    if (!e) {
      RC_ASSERT(r.outcome == Outcome::discarded || r.outcome == Outcome::delivered);
      return;
    }
    const SpecStep st = spec_step(*e);
    switch (st.output.message) {
      case ran::kReleased:
        RC_ASSERT(r.outcome == Outcome::released);
        fresh_counts();
        seen["released"] = true;
        break;
      case ran::kNothing:
        if (st.fired != spec::kNoRule && e->kind == ran::kComplete) {
          RC_ASSERT(r.outcome == Outcome::activated);
          seen["activated"] = true;
        } else {
          RC_ASSERT(r.outcome == Outcome::discarded || r.outcome == Outcome::delivered);
        }
        break;
      default:
        RC_FAIL("unexpected output");
    }
    state = st.state;
  }

  // The message of an uplink PDU deciphered as the network does, without checking its MAC-I.
  static Bytes pdcp_open_spec_unchecked(const Bytes& pdu, const Bytes& key, const SpecState& s, std::uint32_t count) {
    const Bytes body(pdu.begin() + Rat::header, pdu.end());
    const Bytes plain = spec::eea(static_cast<spec::Eea>(s.eea),
                                  Rat::key(key, spec::AlgorithmType::rrc_enc, static_cast<std::uint8_t>(s.eea)),
                                  {count, 0, 0}, body, body.size() * 8);
    return Bytes(plain.begin(), plain.end() - 4);
  }

  void downlink(std::uint32_t kind) {
    const Bytes message =
        *rc::gen::container<Bytes>(*rc::gen::inRange<std::size_t>(1, 30), rc::gen::arbitrary<std::uint8_t>());
    const AsRanResult r =
        kind == ran::kEstablishBearers ? engine.establish_bearers(message, out) : engine.send(message, out);
    const SpecStep st = spec_step(event(kind));
    RC_LOG() << (kind == ran::kEstablishBearers ? "bearers" : "downlink") << ": engine " << static_cast<int>(r.outcome)
             << "\n";
    if (st.output.message == ran::kNothing)
      RC_ASSERT(r.outcome == Outcome::refused);
    else
      RC_ASSERT(sent_as(r, st.output) == message);
    state = st.state;
  }

  void release() {
    const bool released = engine.release();
    const SpecStep st = spec_step(event(ran::kRelease));
    RC_ASSERT(released == (st.fired != spec::kNoRule));
    if (released) fresh_counts();
    state = st.state;
  }

  void run() {
    connect();
    if (*rc::gen::inRange(0, 4) != 0) context_setup();
    check_state();
    const auto steps = *rc::gen::inRange(1, 40);
    for (int i = 0; i < steps; ++i) {
      switch (*rc::gen::weightedOneOf<int>({{1, rc::gen::just(0)},
                                            {2, rc::gen::just(1)},
                                            {4, rc::gen::just(2)},
                                            {6, rc::gen::just(3)},
                                            {2, rc::gen::just(4)},
                                            {2, rc::gen::just(5)},
                                            {1, rc::gen::just(6)}})) {
        case 0:
          connect();
          break;
        case 1:
          context_setup();
          break;
        case 2:
          start();
          break;
        case 3:
          uplink();
          break;
        case 4:
          downlink(ran::kEstablishBearers);
          break;
        case 5:
          downlink(ran::kSendDownlink);
          break;
        default:
          release();
          break;
      }
      check_state();
    }
    RC_CLASSIFY(seen["command"], "a command");
    RC_CLASSIFY(seen["activated"], "AS security activated");
    RC_CLASSIFY(seen["released"], "released on SecurityModeFailure");
    RC_CLASSIFY(seen["refused by priority"], "a choice against the priority lists refused");
    RC_CLASSIFY(seen["command under priority lists"], "a command under priority lists");
  }
};

RC_GTEST_PROP(AsSmcRanRefinement, LteEnbAndRuleTableAgreeStepByStep, ()) { Harness<Lte>().run(); }
RC_GTEST_PROP(AsSmcRanRefinement, NrGnbAndRuleTableAgreeStepByStep, ()) { Harness<Nr>().run(); }

// The comparison bites: a table that starts the command with algorithms the UE does not support,
// or that activates on any COMPLETE, disagrees with the engine on some random sequence.
TEST(AsSmcRanRefinement, MutantTableStartingWithAnyAlgorithmIsCaught) {
  const spec::Mutation m{spec::Mutation::Kind::force_rule, "start_smc"};
  EXPECT_TRUE(mutant_caught<Harness<Lte>>("eNB engine against a table forcing start_smc", m));
}
TEST(AsSmcRanRefinement, MutantTableActivatingOnAnyCompleteIsCaught) {
  const spec::Mutation m{spec::Mutation::Kind::force_rule, "complete"};
  EXPECT_TRUE(mutant_caught<Harness<Nr>>("gNB engine against a table forcing complete", m));
}

}  // namespace
}  // namespace secmode::impl::engine
