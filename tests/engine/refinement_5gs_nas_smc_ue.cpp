// Refinement: the 5GS UE engine (impl/engine/nas_smc_ue.h, FivegsNasSmcUe) and the UE's rule table
// (spec/procedures/nas_smc_ue.h, 5GS) in lock-step over random event sequences, attacker actions
// included: commands MACed with the wrong key or COUNT or not at all, replayed counts, wrong
// security header types, altered capabilities, null integrity, unknown or mapped ngKSIs, and
// K_AMF_change_flag (K'_AMF, TS 33.501 6.9.3) honest or not. The table's keys are identities;
// K'_AMF gets the identity the table derives (nas_smc::derived_key) once the test has computed it
// with the spec twin (A.13) from the uplink NAS COUNT of the latest REGISTRATION REQUEST. After
// every step the abstraction of the engine's state must equal the table's state, and what the
// engine sent must be what the table's output says: response, cause, key and COUNT (checked with
// the spec-twin crypto), and whether the COMPLETE returns the initial request (4.4.6).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "impl/codec/nas_5gs.h"
#include "impl/codec/nas_5gs_mm.h"
#include "impl/engine/nas_smc_ue.h"
#include "spec/crypto/keys_5gs.h"
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

// Figure 9.11.3.4.2: digit 1 = 3, even, type 101, then BCD digits and the end mark.
constexpr std::array<std::uint8_t, 9> kImeisv{0x35, 0x65, 0x89, 0x02, 0x14, 0x32, 0x54, 0x06, 0xf1};
constexpr std::uint8_t kEmergencyRegistration = 4;

struct Harness {
  const spec::Mutation* mutation = nullptr;
  FivegsNasSmcUe engine{kImeisv};
  SpecState state = ue::initial(Concrete{});
  KeyPool keys;
  Registry caps{false};
  Bytes sent_capability;            // the UE security capability as last sent
  Bytes sent_request;               // the plain REGISTRATION REQUEST last sent
  std::uint32_t initial_count = 0;  // its uplink NAS COUNT (0 in the clear)
  std::array<std::uint8_t, 2048> out{};
  std::map<std::uint32_t, bool> seen;

  // AKA never hands out a key twice: K'_AMF's identity is a function of the key alone in the
  // table (the COUNT it is derived with is fixed by then), which a reused K_AMF, derived again
  // with another COUNT, would contradict.

  // K'_AMF from the key with identity `named` (TS 33.501 A.13, DIRECTION 0, the request's COUNT),
  // registered under the identity the table gives it; 0 ("no key") from no key.
  std::uint32_t derive(std::uint32_t named) {
    if (named == ue::kNoKey) return ue::kNoKey;
    const auto k = spec::derive_kamf_prime(keys.bytes(named), 0, initial_count);
    const std::uint32_t id = spec::nas_smc::derived_key(Concrete{}, named);
    keys.assign(Bytes(k.begin(), k.end()), id);
    return id;
  }

  SpecStep spec_step(const SpecEvent& e) {
    const auto rules = spec::FivegsNasSmcUe::rules<Concrete>(mutation);
    return spec::step(Concrete{}, rules, state, e);
  }

  SpecEvent event(std::uint32_t kind) const {
    SpecEvent e{};
    e.kind = kind;
    e.ksi = ue::kNoKsi;
    return e;
  }

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
    RC_ASSERT(engine.emergency() == state.emergency);
    RC_ASSERT(engine.initial_unprotected() == state.initial_unprotected);
    RC_ASSERT(engine.initial_count() == initial_count);
  }

  void aka() {
    const Key k = keys.fresh();
    const auto ksi = *rc::gen::weightedOneOf<std::uint8_t>(
        {{6, rc::gen::inRange<std::uint8_t>(0, 7)}, {1, rc::gen::just<std::uint8_t>(ue::kNoKsi)}});
    SpecEvent e = event(ue::kAka);
    e.ksi = ksi;
    e.key = keys.id(Bytes(k.begin(), k.end()));
    RC_LOG() << "AKA: K" << e.key << " ngKSI " << int{ksi} << "\n";
    const bool took = engine.aka(k, ksi);
    const SpecStep st = spec_step(e);
    RC_ASSERT(took == (st.fired != spec::kNoRule));
    state = st.state;
  }

  void send_initial() {
    const Bytes capability =
        *rc::gen::container<Bytes>(*rc::gen::element<std::size_t>(2, 4, 6, 8), rc::gen::arbitrary<std::uint8_t>());
    nas5gs::RegistrationRequest m;
    m.registration_type = *rc::gen::element<std::uint8_t>(1, 2, 3, kEmergencyRegistration);
    m.ngksi = {false, static_cast<std::uint8_t>(state.secured ? state.ksi & 7 : ue::kNoKsi)};
    m.mobile_identity = nas5gs::FiveGSTmsi{1, 2, *rc::gen::arbitrary<std::uint32_t>()};
    m.ue_security_capability = ByteView(capability);
    const Bytes plain = encoded(m);
    const bool session = *rc::gen::inRange(0, 4) == 0;
    const bool emergency = m.registration_type == kEmergencyRegistration || session;
    const SpecState before = state;
    RC_LOG() << "REGISTRATION REQUEST caps " << caps.id(capability) << (emergency ? " emergency" : "") << "\n";
    const UeResult r = engine.send_initial(plain, out, session);
    RC_ASSERT(r.outcome == Outcome::sent);
    const Bytes pdu(r.pdu.begin(), r.pdu.end());
    if (before.secured)  // integrity protected with the current context, not ciphered
      RC_ASSERT(open_spec<FivegsWire>(pdu, keys.bytes(before.key), static_cast<std::uint8_t>(before.eea),
                                      static_cast<std::uint8_t>(before.eia), before.ul_count, 0, 1) == plain);
    else
      RC_ASSERT(pdu == plain);
    sent_capability = capability;
    sent_request = plain;
    initial_count = before.secured ? before.ul_count : 0;

    SpecEvent e = event(ue::kSendInitial);
    e.caps = caps.id(capability);
    e.emergency = emergency;
    const SpecStep st = spec_step(e);
    RC_ASSERT(st.output.response == ue::kNone);
    state = st.state;
  }

  // A SECURITY MODE COMMAND from the network or the attacker.
  void command() {
    const SpecState s = state;
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
      null_integrity,
      horizontal,
      rinmr
    };
    const bool honest = (s.fresh || s.secured) && *rc::gen::inRange(0, 4) != 0;
    const auto change =
        honest
            ? static_cast<Change>(*rc::gen::weightedOneOf<int>({{6, rc::gen::just(0)}, {8, rc::gen::inRange(1, 14)}}))
            : none;
    nas5gs::SecurityModeCommand smc;
    std::uint8_t ksi = *rc::gen::inRange<std::uint8_t>(0, 7);
    bool mapped = *rc::gen::inRange(0, 10) == 0;
    if (honest) {
      const bool current = s.secured && (!s.fresh || *rc::gen::inRange(0, 3) == 0);
      const std::uint32_t named = current ? s.ksi : s.fresh_ksi;
      ksi = static_cast<std::uint8_t>(named & 7);
      mapped = (named >= 8) != (change == mapped_ksi);
      if (change == ksi_any) ksi = *rc::gen::inRange<std::uint8_t>(0, 7);
    }
    smc.ngksi = {mapped, ksi};
    const std::uint8_t nea = *rc::gen::weightedOneOf<std::uint8_t>(
        {{8, rc::gen::inRange<std::uint8_t>(0, 4)}, {1, rc::gen::inRange<std::uint8_t>(4, 8)}});
    std::uint8_t nia = *rc::gen::inRange<std::uint8_t>(1, 4);
    if (honest ? change == null_integrity : *rc::gen::inRange(0, 7) == 0) nia = 0;
    smc.selected_nas_security_algorithms = {nea, nia};

    Bytes replayed = sent_capability.empty() ? Bytes{0xf0, 0xf0} : sent_capability;
    if (honest ? change == caps_altered : *rc::gen::inRange(0, 4) == 0) {
      if (*rc::gen::arbitrary<bool>() && replayed.size() >= 4) {
        replayed.resize(2);
      } else {
        const auto bit = *rc::gen::inRange<std::size_t>(0, replayed.size() * 8);
        replayed[bit / 8] ^= static_cast<std::uint8_t>(0x80 >> (bit % 8));
      }
    }
    smc.replayed_ue_security_capabilities = replayed;
    // 5.4.2.3: ignored by the UE, so anything at all.
    const Bytes s1{0xf0, 0x70};
    if (*rc::gen::arbitrary<bool>()) smc.replayed_s1_ue_security_capabilities = ByteView(s1);
    if (*rc::gen::arbitrary<bool>()) smc.imeisv_request = *rc::gen::inRange<std::uint8_t>(0, 2);
    const bool hdp = honest ? change == horizontal : *rc::gen::inRange(0, 5) == 0;
    const bool asks_again = honest ? change == rinmr : *rc::gen::inRange(0, 5) == 0;
    if (hdp || asks_again || *rc::gen::inRange(0, 4) == 0)
      smc.additional_5g_security_information = nas5gs::Additional5gSecurityInformation{asks_again, hdp};
    const Bytes plain = encoded(smc);

    // The key and COUNT it is MACed with, and the header around it.
    const std::uint32_t ksi_abstract = ksi + (mapped ? 8u : 0u);
    const bool takes_fresh = s.fresh && ksi_abstract == s.fresh_ksi;
    const bool names_current = !takes_fresh && s.secured && ksi_abstract == s.ksi;
    const std::uint32_t named = takes_fresh ? s.fresh_key : names_current ? s.key : ue::kNoKey;
    std::uint32_t mac_key_id = hdp ? derive(named) : named;
    if (mac_key_id == ue::kNoKey || (honest ? change == other_key : *rc::gen::inRange(0, 3) == 0)) {
      const Key k = keys.any();
      mac_key_id = keys.id(Bytes(k.begin(), k.end()));
    }
    const bool new_counts = takes_fresh || hdp;
    const std::uint32_t base = new_counts ? *rc::gen::inRange<std::uint32_t>(0, 5) : s.dl_count;
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
    Protection p{mac_key_id, nea, nia, count, header, forged};
    const Bytes pdu = protect_spec<FivegsWire>(keys.bytes(mac_key_id), p, 1, plain);
    RC_LOG() << "SMC header " << int{header} << " ngKSI " << int{ksi} << (mapped ? " mapped" : "") << " NEA" << int{nea}
             << " NIA" << int{nia} << " K" << mac_key_id << " COUNT " << count << (forged ? " forged" : "")
             << (hdp ? " HDP" : "") << (asks_again ? " RINMR" : "") << " change " << change << " caps "
             << caps.id(replayed) << "\n";
    const UeResult r = engine.receive(pdu, out);
    RC_LOG() << "  engine: " << static_cast<int>(r.outcome) << " #" << int{r.cause} << " " << r.clause << " "
             << r.reason << "\n";
    if (header == 0) {  // 4.4.4.2: not processed at all; the table never sees it
      RC_ASSERT(r.outcome == Outcome::discarded);
      return;
    }

    SpecEvent e = event(ue::kSmc);
    e.ksi = ksi_abstract;
    e.eea = nea;
    e.eia = nia;
    e.count = new_counts ? count & 0xff : estimate(names_current ? s.dl_count : 0, static_cast<std::uint8_t>(count));
    e.key = !forged && e.count == count ? mac_key_id : ue::kNoKey;
    e.caps = caps.id(replayed);
    e.horizontal = hdp;
    e.rinmr = asks_again;
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
        // Integrity protected and ciphered with the new context (5.4.2.3), header type 4.
        const Bytes inner = open_spec<FivegsWire>(sent, keys.bytes(o.key), static_cast<std::uint8_t>(o.eea),
                                                  static_cast<std::uint8_t>(o.eia), o.count, 0, 4);
        const auto d = nas5gs::decode_security_mode_complete(inner);
        RC_ASSERT(d.ok());
        RC_ASSERT(d.value.imeisv.has_value() == (smc.imeisv_request == std::optional<std::uint8_t>(1)));
        RC_ASSERT(d.value.nas_message_container.has_value() == o.container);
        if (o.container)
          RC_ASSERT(Bytes(d.value.nas_message_container->begin(), d.value.nas_message_container->end()) ==
                    sent_request);
        if (hdp) seen[100] = true;
        break;
      }
      case ue::kReject: {
        RC_ASSERT(r.outcome == Outcome::rejected);
        RC_ASSERT(r.cause == o.cause);
        const Bytes inner = s.secured ? open_spec<FivegsWire>(sent, keys.bytes(s.key), static_cast<std::uint8_t>(s.eea),
                                                              static_cast<std::uint8_t>(s.eia), o.count, 0, 2)
                                      : sent;
        const auto d = nas5gs::decode_security_mode_reject(inner);
        RC_ASSERT(d.ok());
        RC_ASSERT(d.value.cause == o.cause);
        break;
      }
      default:
        RC_FAIL("unknown response");
    }
    state = st.state;
  }

  void run() {
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
    RC_CLASSIFY(seen[100], "a COMPLETE under K'_AMF");
    RC_CLASSIFY(seen[ue::kNone], "a command discarded");
    RC_CLASSIFY(seen[10 + ue::kCauseCapabilitiesMismatch], "a REJECT #23");
    RC_CLASSIFY(seen[10 + ue::kCauseUnspecified], "a REJECT #24");
  }
};

RC_GTEST_PROP(FivegsNasSmcUeRefinement, EngineAndRuleTableAgreeStepByStep, ()) {
  Harness h;
  h.run();
}

TEST(FivegsNasSmcUeRefinement, MutantTableWithoutCapabilityCheckIsCaught) {
  const spec::Mutation m{spec::Mutation::Kind::drop_rule, "reject_capability_mismatch"};
  EXPECT_TRUE(mutant_caught<Harness>("5GS UE engine against a table without reject_capability_mismatch", m));
}

TEST(FivegsNasSmcUeRefinement, MutantTableWithoutReplayDiscardIsCaught) {
  const spec::Mutation m{spec::Mutation::Kind::drop_rule, "discard_replay"};
  EXPECT_TRUE(mutant_caught<Harness>("5GS UE engine against a table without discard_replay", m));
}

}  // namespace
}  // namespace secmode::impl::engine
