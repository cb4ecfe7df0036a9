// Refinement: the UE engine (impl/engine/nas_smc_ue.h, EpsNasSmcUe) and the UE's rule table
// (spec/procedures/nas_smc_ue.h) driven in lock-step by random event sequences, attacker actions
// included: commands MACed with the wrong key or COUNT or not at all, replayed counts, wrong
// security header types, altered capabilities, wrong nonceUE, null integrity, unknown or mapped
// eKSIs, plain commands. The engine sees real PDUs and keys; the table sees their abstraction
// (keys and capability strings as identities, the COUNT the receiver estimates, whether the MAC
// was made with that key and COUNT). After every step the abstraction of the engine's state must
// equal the table's state, and what the engine sent must be what the table's output says: the
// response and cause, which key and COUNT protect it (checked with the spec-twin crypto), and
// whether it is ciphered.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "impl/codec/nas_eps.h"
#include "impl/codec/nas_eps_emm.h"
#include "impl/engine/nas_smc_ue.h"
#include "spec/crypto/eea_eia.h"
#include "spec/crypto/keys_eps.h"
#include "spec/procedures/nas_smc_ue.h"
#include "tests/engine/lockstep.h"

namespace secmode::impl::engine {
namespace {

namespace ue = spec::nas_smc_ue;
using spec::Concrete;
using namespace test::lockstep;
using Outcome = UeResult::Outcome;
using SpecState = ue::State<Concrete>;
using SpecEvent = ue::Event<Concrete>;
using SpecStep = spec::Step<Concrete, SpecState, ue::Output<Concrete>>;

constexpr std::array<std::uint8_t, 9> kImeisv{0x33, 0x65, 0x89, 0x02, 0x14, 0x32, 0x54, 0x06, 0xf1};

struct Harness {
  const spec::Mutation* mutation = nullptr;
  EpsNasSmcUe engine{kImeisv};
  SpecState state = ue::initial(Concrete{});
  KeyPool keys;
  Registry caps{false};
  Bytes sent_capability;  // the UE network capability as last sent
  std::optional<std::uint32_t> sent_nonce;
  std::optional<nas::UeAdditionalSecurityCapability> sent_additional;
  std::array<std::uint8_t, 600> out{};
  std::map<std::uint32_t, bool> seen;  // responses (and reject causes) the table gave

  SpecStep spec_step(const SpecEvent& e) {
    const auto rules = spec::EpsNasSmcUe::rules<Concrete>(mutation);
    const SpecStep st = spec::step(Concrete{}, rules, state, e);
    return st;
  }

  SpecEvent event(std::uint32_t kind) const {
    SpecEvent e{};
    e.kind = kind;
    e.ksi = ue::kNoKsi;
    return e;
  }

  // The abstraction of the engine's state equals the table's.
  void check_state() {
    const auto key_id = [&](const NasContext& c) { return keys.id(Bytes(c.key.begin(), c.key.end())); };
    RC_ASSERT(engine.secured() == state.secured);
    RC_ASSERT(engine.current().ksi + (engine.current().mapped ? 8u : 0u) == state.ksi);
    RC_ASSERT(key_id(engine.current()) == state.key);
    RC_ASSERT(engine.current().eea == state.eea);
    RC_ASSERT(engine.current().eia == state.eia);
    RC_ASSERT(engine.current().next_tx == state.ul_count);
    RC_ASSERT(engine.current().next_rx == state.dl_count);
    RC_ASSERT(engine.fresh() == state.fresh);
    if (state.fresh) {
      RC_ASSERT(engine.fresh_context().ksi == state.fresh_ksi);
      RC_ASSERT(key_id(engine.fresh_context()) == state.fresh_key);
    }
    const ByteView replay = engine.expected_replay();
    RC_ASSERT(caps.id(Bytes(replay.begin(), replay.end())) == state.sent_caps);
    RC_ASSERT(engine.sent_additional().has_value() == state.sent_additional_present);
    if (state.sent_additional_present)
      RC_ASSERT((std::uint32_t{engine.sent_additional()->ea} << 16 | engine.sent_additional()->ia) ==
                state.sent_additional);
    RC_ASSERT(engine.emergency() == state.emergency);
  }

  void aka() {
    const bool reuse = !keys.pool.empty() && *rc::gen::inRange(0, 4) == 0;
    const Key k = reuse ? *rc::gen::elementOf(keys.pool) : keys.fresh();
    const auto ksi = *rc::gen::weightedOneOf<std::uint8_t>(
        {{6, rc::gen::inRange<std::uint8_t>(0, 7)}, {1, rc::gen::just<std::uint8_t>(ue::kNoKsi)}});
    SpecEvent e = event(ue::kAka);
    e.ksi = ksi;
    e.key = keys.id(Bytes(k.begin(), k.end()));
    RC_LOG() << "AKA: K" << keys.id(Bytes(k.begin(), k.end())) << " eKSI " << int{ksi} << "\n";
    const bool took = engine.aka(k, ksi);
    const SpecStep st = spec_step(e);
    RC_ASSERT(took == (st.fired != spec::kNoRule));
    state = st.state;
  }

  void send_initial() {
    const bool attach = *rc::gen::arbitrary<bool>();
    Bytes capability =
        *rc::gen::container<Bytes>(*rc::gen::element<std::size_t>(2, 4, 5, 7), rc::gen::arbitrary<std::uint8_t>());
    std::optional<nas::UeAdditionalSecurityCapability> additional;
    if (*rc::gen::arbitrary<bool>())
      additional = nas::UeAdditionalSecurityCapability{*rc::gen::arbitrary<std::uint16_t>(),
                                                       *rc::gen::arbitrary<std::uint16_t>()};
    bool emergency = false;
    std::optional<std::uint32_t> nonce;
    Bytes plain;
    if (attach) {
      nas::AttachRequest m;
      m.eps_attach_type = *rc::gen::element<std::uint8_t>(1, 2, 6);
      emergency = m.eps_attach_type == 6;
      m.eps_mobile_identity = nas::Guti{};
      m.ue_network_capability = capability;
      const Bytes esm{0x02, 0x01, 0xd0, 0x11};
      m.esm_message_container = esm;
      m.ue_additional_security_capability = additional;
      plain = encoded(m);
    } else {
      nas::TrackingAreaUpdateRequest m;
      m.ue_network_capability = ByteView(capability);
      if (*rc::gen::arbitrary<bool>()) nonce = *rc::gen::arbitrary<std::uint32_t>();
      m.nonce_ue = nonce;
      m.ue_additional_security_capability = additional;
      emergency = *rc::gen::arbitrary<bool>();
      plain = encoded(m);
    }
    const SpecState before = state;
    RC_LOG() << (attach ? "ATTACH" : "TAU") << " caps " << caps.id(normalized(capability))
             << (emergency ? " emergency" : "") << (nonce ? " nonceUE" : "") << "\n";
    const UeResult r = engine.send_initial(plain, out, emergency);
    RC_ASSERT(r.outcome == Outcome::sent);
    const Bytes pdu(r.pdu.begin(), r.pdu.end());
    if (before.secured)  // TS 24.301 4.4.5: integrity protected, not ciphered
      RC_ASSERT(open_spec(pdu, keys.bytes(before.key), static_cast<std::uint8_t>(before.eea),
                          static_cast<std::uint8_t>(before.eia), before.ul_count, 0, 1) == plain);
    else
      RC_ASSERT(pdu == plain);
    sent_capability = capability;
    sent_nonce = nonce;
    sent_additional = additional;

    SpecEvent e = event(ue::kSendInitial);
    e.caps = caps.id(normalized(capability));
    e.additional_present = additional.has_value();
    e.additional = additional ? (std::uint32_t{additional->ea} << 16 | additional->ia) : 0;
    e.emergency = emergency;
    const SpecStep st = spec_step(e);
    RC_ASSERT(st.output.response == ue::kNone);
    state = st.state;
  }

  // A SECURITY MODE COMMAND from the network or the attacker.
  void command() {
    const SpecState s = state;
    // Most commands start as the one a conforming MME would send (naming the fresh context, or
    // the current one, with its key, the next COUNT and the replays as sent), and then have at
    // most one thing altered; the rest are anything at all.
    enum Change {
      none,
      ksi_any,
      mapped_ksi,
      other_key,
      forged_mac,
      replayed_count,
      later_count,
      any_count,
      header_1,
      header_0,
      caps_altered,
      additional_altered,
      nonce_altered,
      null_integrity,
      imeisv
    };
    const bool honest = (s.fresh || s.secured) && *rc::gen::inRange(0, 4) != 0;
    const auto change =
        honest
            ? static_cast<Change>(*rc::gen::weightedOneOf<int>({{6, rc::gen::just(0)}, {6, rc::gen::inRange(1, 15)}}))
            : none;
    nas::SecurityModeCommand smc;
    // An eKSI on the wire is 3 bits and a flag; the table's is ksi + 8 for a mapped context.
    std::uint8_t ksi = *rc::gen::inRange<std::uint8_t>(0, 7);
    bool mapped = *rc::gen::inRange(0, 10) == 0;
    if (honest) {
      const bool current = s.secured && (!s.fresh || *rc::gen::inRange(0, 3) == 0);
      const std::uint32_t named = current ? s.ksi : s.fresh_ksi;
      ksi = static_cast<std::uint8_t>(named & 7);
      mapped = (named >= 8) != (change == mapped_ksi);
      if (change == ksi_any) ksi = *rc::gen::inRange<std::uint8_t>(0, 7);
    }
    smc.nas_key_set_identifier = {mapped, ksi};
    const std::uint8_t eea = *rc::gen::weightedOneOf<std::uint8_t>(
        {{8, rc::gen::inRange<std::uint8_t>(0, 4)}, {1, rc::gen::inRange<std::uint8_t>(4, 8)}});
    std::uint8_t eia = *rc::gen::inRange<std::uint8_t>(1, 4);
    if (honest ? change == null_integrity : *rc::gen::inRange(0, 7) == 0) eia = 0;
    smc.selected_nas_security_algorithms = {eea, eia};

    // Replayed capabilities: as sent, or altered.
    Bytes replayed = normalized(sent_capability);
    if (replayed.size() < 2) replayed = {0xf0, 0xf0};
    if (honest ? change == caps_altered : *rc::gen::inRange(0, 4) == 0) {
      if (*rc::gen::arbitrary<bool>() && replayed.size() == 4) {
        replayed.resize(2);
      } else {
        auto bit = *rc::gen::inRange<std::size_t>(0, replayed.size() * 8);
        if (bit == 24) bit = 25;  // bit 8 of the UIA octet is spare
        replayed[bit / 8] ^= static_cast<std::uint8_t>(0x80 >> (bit % 8));
      }
    }
    smc.replayed_ue_security_capabilities = replayed;
    const auto other_additional = [] {
      return nas::UeAdditionalSecurityCapability{*rc::gen::arbitrary<std::uint16_t>(),
                                                 *rc::gen::arbitrary<std::uint16_t>()};
    };
    if (honest ? change != additional_altered : *rc::gen::arbitrary<bool>())
      smc.replayed_ue_additional_security_capability = sent_additional;
    else
      smc.replayed_ue_additional_security_capability = other_additional();
    if (honest ? change != nonce_altered : *rc::gen::arbitrary<bool>())
      smc.replayed_nonce_ue = sent_nonce;
    else
      smc.replayed_nonce_ue = *rc::gen::arbitrary<std::uint32_t>();
    if (change == imeisv || *rc::gen::arbitrary<bool>()) smc.imeisv_request = *rc::gen::inRange<std::uint8_t>(0, 2);
    const Bytes plain = encoded(smc);

    // The key and COUNT it is MACed with, and the header around it.
    const std::uint32_t ksi_abstract = ksi + (mapped ? 8u : 0u);
    const bool takes_fresh = s.fresh && ksi_abstract == s.fresh_ksi;
    const bool names_current = !takes_fresh && s.secured && ksi_abstract == s.ksi;
    std::uint32_t mac_key_id = takes_fresh ? s.fresh_key : names_current ? s.key : 0;
    Key mac_key{};
    if (mac_key_id == 0 || (honest ? change == other_key : *rc::gen::inRange(0, 3) == 0)) {
      mac_key = keys.any();
      mac_key_id = keys.id(Bytes(mac_key.begin(), mac_key.end()));
    } else {
      const Bytes b = keys.bytes(mac_key_id);
      std::copy(b.begin(), b.end(), mac_key.begin());
    }
    const std::uint32_t base = takes_fresh ? *rc::gen::inRange<std::uint32_t>(0, 5) : s.dl_count;
    std::uint32_t count = base;
    if (change == replayed_count || (!honest && *rc::gen::inRange(0, 3) == 0)) count = base == 0 ? 0 : base - 1;
    if (change == later_count) count = base + *rc::gen::inRange<std::uint32_t>(1, 300);
    if (change == any_count || (!honest && *rc::gen::inRange(0, 3) == 0))
      count = *rc::gen::inRange<std::uint32_t>(0, 0x1000000);
    count &= 0xffffff;
    std::uint8_t header = 3;
    if (change == header_1 || (!honest && *rc::gen::inRange(0, 8) == 0)) header = 1;
    if (change == header_0 || (!honest && *rc::gen::inRange(0, 8) == 0)) header = 0;
    const bool forged = header != 0 && (change == forged_mac || (!honest && *rc::gen::inRange(0, 4) == 0));
    Bytes pdu =
        header == 0 ? plain : protect_spec(Bytes(mac_key.begin(), mac_key.end()), eea, eia, count, 1, header, plain);
    if (forged) pdu[1 + *rc::gen::inRange(0, 4)] ^= static_cast<std::uint8_t>(1 + *rc::gen::inRange(0, 255));
    RC_LOG() << "SMC header " << int{header} << " eKSI " << int{ksi} << (mapped ? " mapped" : "") << " EEA" << int{eea}
             << " EIA" << int{eia} << " K" << mac_key_id << " COUNT " << count << (forged ? " forged" : "")
             << " change " << change << " caps " << caps.id(normalized(replayed)) << "\n";
    const UeResult r = engine.receive(pdu, out);
    RC_LOG() << "  engine: " << static_cast<int>(r.outcome) << " #" << int{r.cause} << " " << r.clause << " "
             << r.reason << "\n";
    if (header == 0) {  // 4.4.4.2: not processed at all; the table never sees it
      RC_ASSERT(r.outcome == Outcome::discarded);
      return;
    }

    SpecEvent e = event(ue::kSmc);
    e.ksi = ksi_abstract;
    e.eea = eea;
    e.eia = eia;
    e.count = takes_fresh ? count & 0xff : estimate(names_current ? s.dl_count : 0, static_cast<std::uint8_t>(count));
    e.key = !forged && e.count == count ? mac_key_id : ue::kNoKey;
    e.caps = caps.id(normalized(replayed));
    e.additional_present = smc.replayed_ue_additional_security_capability.has_value();
    e.additional = e.additional_present ? (std::uint32_t{smc.replayed_ue_additional_security_capability->ea} << 16 |
                                           smc.replayed_ue_additional_security_capability->ia)
                                        : 0;
    e.nonce_ue_present = smc.replayed_nonce_ue.has_value();
    e.nonce_ue_ok = smc.replayed_nonce_ue && sent_nonce && *smc.replayed_nonce_ue == *sent_nonce;
    e.new_context_header = header == 3;
    const SpecStep st = spec_step(e);
    const auto& o = st.output;
    const Bytes sent(r.pdu.begin(), r.pdu.end());
    seen[o.response == ue::kReject ? 10 + o.cause : o.response] = true;
    switch (o.response) {
      case ue::kNone:
        RC_ASSERT(r.outcome == Outcome::discarded);
        break;
      case ue::kComplete: {
        RC_ASSERT(r.outcome == Outcome::completed);
        // Integrity protected and ciphered with the new context (5.4.3.3), header type 4.
        const Bytes inner = open_spec(sent, keys.bytes(o.key), static_cast<std::uint8_t>(o.eea),
                                      static_cast<std::uint8_t>(o.eia), o.count, 0, 4);
        const auto d = nas::decode_security_mode_complete(inner);
        RC_ASSERT(d.ok());
        RC_ASSERT(d.value.imeisv.has_value() == (smc.imeisv_request == std::optional<std::uint8_t>(1)));
        break;
      }
      case ue::kReject: {
        RC_ASSERT(r.outcome == Outcome::rejected);
        RC_ASSERT(r.cause == o.cause);
        const Bytes inner = s.secured ? open_spec(sent, keys.bytes(s.key), static_cast<std::uint8_t>(s.eea),
                                                  static_cast<std::uint8_t>(s.eia), o.count, 0, 2)
                                      : sent;
        const auto d = nas::decode_security_mode_reject(inner);
        RC_ASSERT(d.ok());
        RC_ASSERT(d.value.emm_cause == o.cause);
        break;
      }
      default:
        RC_FAIL("unknown response");
    }
    state = st.state;
  }

  void run() {
    // Half the runs begin as a real attach does (AKA, then the request), so that later
    // commands have something to be right about.
    if (*rc::gen::arbitrary<bool>()) {
      aka();
      send_initial();
      check_state();
    }
    const auto steps = *rc::gen::inRange(1, 80);
    for (int i = 0; i < steps; ++i) {
      switch (*rc::gen::weightedOneOf<int>({{2, rc::gen::just(0)}, {2, rc::gen::just(1)}, {6, rc::gen::just(2)}})) {
        case 0:
          aka();
          break;
        case 1:
          send_initial();
          break;
        default:
          command();
          break;
      }
      check_state();
    }
    RC_CLASSIFY(seen[ue::kComplete], "a COMPLETE");
    RC_CLASSIFY(seen[ue::kNone], "a command discarded");
    RC_CLASSIFY(seen[10 + ue::kCauseCapabilitiesMismatch], "a REJECT #23");
    RC_CLASSIFY(seen[10 + ue::kCauseUnspecified], "a REJECT #24");
  }
};

RC_GTEST_PROP(EpsNasSmcUeRefinement, EngineAndRuleTableAgreeStepByStep, ()) {
  Harness h;
  h.run();
}

// The lock-step comparison bites: with the table's capability check removed (a mutant of the
// spec), some random sequence makes the engine and the table disagree.
TEST(EpsNasSmcUeRefinement, MutantTableWithoutCapabilityCheckIsCaught) {
  const spec::Mutation m{spec::Mutation::Kind::drop_rule, "reject_capability_mismatch"};
  EXPECT_TRUE(mutant_caught<Harness>("UE engine against a table without reject_capability_mismatch", m));
}

TEST(EpsNasSmcUeRefinement, MutantTableWithoutReplayDiscardIsCaught) {
  const spec::Mutation m{spec::Mutation::Kind::drop_rule, "discard_replay"};
  EXPECT_TRUE(mutant_caught<Harness>("UE engine against a table without discard_replay", m));
}

// TS 24.301 4.4.3.3: a command of the current context whose NAS-MAC verifies moves the downlink
// NAS COUNT on even when it is rejected (#23 here), so its replay is discarded, not answered
// again; the next count is still accepted. The engine and the table, step by step.
TEST(EpsNasSmcUeRefinement, ARejectedCommandThatVerifiedIsNotAnsweredTwice) {
  constexpr std::uint8_t kKsi = 1;
  Key k{};
  k.fill(0x5a);
  const Bytes key(k.begin(), k.end());
  EpsNasSmcUe engine{kImeisv};
  std::array<std::uint8_t, 600> out{};
  const Bytes sent_caps{0xe0, 0xe0};
  nas::AttachRequest attach;
  attach.eps_attach_type = 1;
  attach.eps_mobile_identity = nas::Guti{};
  attach.ue_network_capability = sent_caps;
  const Bytes esm{0x02, 0x01, 0xd0, 0x11};
  attach.esm_message_container = esm;
  ASSERT_TRUE(engine.aka(k, kKsi));
  ASSERT_EQ(engine.send_initial(encoded(attach), out).outcome, Outcome::sent);
  const auto command = [&](std::uint32_t count, const Bytes& caps) {
    nas::SecurityModeCommand smc;
    smc.nas_key_set_identifier = {false, kKsi};
    smc.selected_nas_security_algorithms = {1, 2};
    smc.replayed_ue_security_capabilities = caps;
    return protect_spec(key, 1, 2, count, 1, 3, encoded(smc));
  };
  const Bytes altered{0xe0, 0xf0};
  ASSERT_EQ(engine.receive(command(0, sent_caps), out).outcome, Outcome::completed);
  const UeResult rejected = engine.receive(command(1, altered), out);
  EXPECT_EQ(rejected.outcome, Outcome::rejected);
  EXPECT_EQ(rejected.cause, ue::kCauseCapabilitiesMismatch);
  EXPECT_EQ(engine.current().next_rx, 2u);
  EXPECT_EQ(engine.receive(command(1, altered), out).outcome, Outcome::discarded);
  EXPECT_EQ(engine.receive(command(1, sent_caps), out).outcome, Outcome::discarded);
  EXPECT_EQ(engine.receive(command(2, sent_caps), out).outcome, Outcome::completed);

  // The table, on the abstraction of the same commands: K1 under eKSI 1, capabilities 1 as sent.
  const Concrete v;
  const auto rules = spec::EpsNasSmcUe::rules<Concrete>();
  SpecState s = ue::initial(v);
  SpecEvent e{};
  e.kind = ue::kAka;
  e.ksi = kKsi;
  e.key = 1;
  s = spec::step(v, rules, s, e).state;
  e = SpecEvent{};
  e.kind = ue::kSendInitial;
  e.caps = 1;
  s = spec::step(v, rules, s, e).state;
  const auto smc = [&](std::uint32_t count, std::uint32_t caps) {
    SpecEvent c{};
    c.kind = ue::kSmc;
    c.ksi = kKsi;
    c.key = 1;
    c.eea = 1;
    c.eia = 2;
    c.count = count;
    c.caps = caps;
    c.new_context_header = true;
    const SpecStep st = spec::step(v, rules, s, c);
    s = st.state;
    return st.output;
  };
  EXPECT_EQ(smc(0, 1).response, ue::kComplete);
  const auto o = smc(1, 2);
  EXPECT_EQ(o.response, ue::kReject);
  EXPECT_EQ(o.cause, ue::kCauseCapabilitiesMismatch);
  EXPECT_EQ(s.dl_count, 2u);
  EXPECT_EQ(smc(1, 2).response, ue::kNone);
  EXPECT_EQ(smc(1, 1).response, ue::kNone);
  EXPECT_EQ(smc(2, 1).response, ue::kComplete);
}

}  // namespace
}  // namespace secmode::impl::engine
