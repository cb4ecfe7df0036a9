// The oracle's AS judge (oracle/as_judge.h) on the AS engines (impl/engine/as_smc_ue.h,
// as_smc_ran.h), which the refinement tests tie to the same rule tables: random connections of
// LTE and NR, where the eNB / gNB holds the UE's key or another one, commands, answers, and
// traffic after activation, get only "ok" verdicts. And each fault a real stack has been seen to
// have, made by altering one PDU, is caught on the party that made it: a UE that completes a
// command whose MAC-I fails, that ciphers its COMPLETE, that protects its FAILURE, that sends in
// the clear after activation; a network that sends the command twice, ciphers it, or sends in the
// clear after it, uses SRB2 before the command or unciphered, selects algorithms outside the UE
// capabilities of the Initial Context Setup, or sends another message at a COUNT it used already. The key reaches the
// judge as the context gives it, from NAS when the command comes, or with the Initial Context Setup, before or after
// the first PDUs.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "impl/engine/as_smc_ran.h"
#include "impl/engine/as_smc_ue.h"
#include "oracle/as_judge.h"
#include "spec/hex.h"

namespace secmode::oracle {
namespace {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;
using impl::engine::AsRanResult;
using impl::engine::AsUeResult;
using impl::engine::PdcpSecurity;

enum class Fault {
  none,
  ue_completes_failed_command,
  ue_ciphers_complete,
  ue_protects_failure,
  ue_plain_after_activation,
  network_second_command,
  network_ciphers_command,
  network_plain_after_command,
  network_srb2_before_command,
  network_srb2_unciphered,
  network_outside_capabilities,  // selects an integrity algorithm the Initial Context Setup left out
  network_not_by_priority,       // selects a supported algorithm its configured list ranks lower
  network_reuses_count,          // sends another message at the COUNT of its reconfiguration
};

// How the judge learns the key: from the context, from NAS when the command comes (a source that
// has none until NAS security exists), or from the Initial Context Setup (with the capabilities).
enum class KeyFrom { context, nas, context_setup };

template <class Wire, class Ue, class Ran>
struct Connection {
  Fault fault = Fault::none;
  bool same = true;  // the eNB / gNB holds the trace's key
  Ue ue;
  Ran ran;
  AsJudge judge{std::is_same_v<Wire, impl::engine::LteAsWire> ? Rat::eps : Rat::fivegs};
  std::vector<Verdict> verdicts;
  std::size_t step = 0;
  std::array<std::uint8_t, 32> key{}, ran_key{};
  std::array<std::uint8_t, 256> ul{}, dl{};

  void trace(bool uplink, ByteView pdu, std::uint8_t srb = 1) {
    RC_LOG() << (uplink ? "ul " : "dl ") << "SRB" << int{srb} << " " << spec::to_hex(pdu) << "\n";
    judge.pdu(++step, uplink, pdu, verdicts, srb);
  }
  // A PDU made by hand: `message` at `count` with protection `p`.
  Bytes made(const Bytes& message, const PdcpSecurity& p, std::uint32_t count, impl::engine::Direction d,
             std::uint8_t srb = 1) {
    std::array<std::uint8_t, 256> buf{};
    std::size_t size = 0;
    const auto profile = impl::engine::rrc_profile(Wire::srb1.hierarchy, srb);
    RC_ASSERT(impl::engine::pdcp_protect(Wire::pdcp, key, profile, p, count, d, message, buf, size) == nullptr);
    return Bytes(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(size));
  }

  void run() {
    const KeyFrom from = fault == Fault::network_outside_capabilities
                             ? KeyFrom::context_setup
                             : *rc::gen::element(KeyFrom::context, KeyFrom::nas, KeyFrom::context_setup);
    RC_TAG(from == KeyFrom::context ? "key from the context" : from == KeyFrom::nas ? "key from NAS" : "key from ICS");
    const Bytes k = *rc::gen::container<Bytes>(32, rc::gen::arbitrary<std::uint8_t>());
    std::copy(k.begin(), k.end(), key.begin());
    key[0] |= 1;
    // Most often the eNB / gNB holds the UE's key (the trace's); else the command fails its check,
    // which is the network's fault. The faults of a UE answering such a command are judged on the
    // UE alone.
    same = fault == Fault::ue_completes_failed_command || fault == Fault::ue_protects_failure ? false
           : fault == Fault::none || fault == Fault::network_ciphers_command ? *rc::gen::inRange(0, 4) != 0
                                                                             : true;
    if (fault == Fault::ue_completes_failed_command || fault == Fault::ue_protects_failure) judge.judge(true, false);
    ran_key = key;
    if (!same) ran_key[1] ^= 0x40;
    bool nas_secured = false;
    if (from == KeyFrom::context) judge.key(key);
    if (from == KeyFrom::nas)
      judge.key_source([&](std::array<std::uint8_t, 32>& out) {
        if (nas_secured) out = key;
        return nas_secured;
      });
    // Ciphering with EEA0 / NEA0 changes nothing: the ciphering faults need a real algorithm.
    const bool ciphers = fault == Fault::ue_ciphers_complete || fault == Fault::network_ciphers_command ||
                         fault == Fault::network_srb2_unciphered;
    const auto eea = *rc::gen::inRange<std::uint8_t>(ciphers ? 1 : 0, 4);
    const auto eia = *rc::gen::inRange<std::uint8_t>(1, 4);
    // What the core tells the eNB / gNB the UE supports: algorithms 0-3, less the chosen integrity
    // algorithm when the eNB / gNB is to select outside them.
    const std::uint16_t caps = fault == Fault::network_outside_capabilities
                                   ? static_cast<std::uint16_t>(0x0f0f & ~(1u << (8 + eia)))
                                   : std::uint16_t{0x0f0f};
    // The eNB / gNB's configured lists, when the judge is told them: the chosen algorithms first,
    // then any others; with the fault, another algorithm the UE supports ranks above one of them.
    if (fault == Fault::network_not_by_priority ||
        (fault != Fault::network_outside_capabilities && *rc::gen::arbitrary<bool>())) {
      std::vector<std::uint8_t> ciphering{eea}, integrity{eia};
      for (int n = *rc::gen::inRange(0, 4); n > 0; --n) ciphering.push_back(*rc::gen::inRange<std::uint8_t>(0, 8));
      for (int n = *rc::gen::inRange(0, 4); n > 0; --n) integrity.push_back(*rc::gen::inRange<std::uint8_t>(0, 8));
      if (fault == Fault::network_not_by_priority) {
        if (*rc::gen::arbitrary<bool>())
          ciphering.insert(ciphering.begin(), static_cast<std::uint8_t>((eea + 1) % 4));
        else
          integrity.insert(integrity.begin(), static_cast<std::uint8_t>(eia % 3 + 1));
      }
      RC_TAG("configured priority lists");
      judge.algorithm_priority(ciphering, integrity);
    }
    const bool setup_first = *rc::gen::arbitrary<bool>();
    if (from == KeyFrom::context_setup && setup_first) judge.context_setup(key, caps);
    RC_ASSERT(ue.connect(key));
    RC_ASSERT(ran.connect());
    // Traffic in the clear before the command, both ways: RRCConnectionSetupComplete and NAS in
    // information transfers.
    for (int n = *rc::gen::inRange(0, 3); n > 0; --n) {
      const Bytes m{0x08, static_cast<std::uint8_t>(n)};
      if (*rc::gen::arbitrary<bool>()) {
        const AsUeResult u = ue.send(m, ul);
        RC_ASSERT(u.outcome == AsUeResult::Outcome::sent);
        trace(true, u.pdu);
        RC_ASSERT(ran.receive(u.pdu).outcome == AsRanResult::Outcome::delivered);
      } else {
        const AsRanResult r = ran.send(m, dl);
        trace(false, r.pdu);
        RC_ASSERT(ue.receive(r.pdu, ul).outcome == AsUeResult::Outcome::delivered);
      }
    }
    nas_secured = true;
    RC_ASSERT(ran.context_setup(ran_key, 0x0f0f));
    if (from == KeyFrom::context_setup && !setup_first) judge.context_setup(key, caps);
    if (fault == Fault::network_srb2_before_command)  // SRB2 before AS security
      trace(false, made(Bytes{0x2a, 0x01}, {}, 0, impl::engine::Direction::downlink, 2), 2);
    const AsRanResult c = ran.start(eea, eia, dl);
    RC_ASSERT(c.outcome == AsRanResult::Outcome::sent);
    Bytes command(c.pdu.begin(), c.pdu.end());
    if (fault == Fault::network_ciphers_command) {
      const Bytes rrc(command.begin() + Wire::pdcp.header_size, command.end() - 4);
      command = made(rrc, {true, true, eia, eea}, ran.tx_count() - 1, impl::engine::Direction::downlink);
    }
    trace(false, command);
    if (fault == Fault::network_ciphers_command) {  // the UE cannot read it: no answer is due
      judge.finish(verdicts);
      return;
    }
    const AsUeResult a = ue.receive(c.pdu, ul);
    Bytes answer(a.pdu.begin(), a.pdu.end());
    const std::uint32_t answer_count = ue.tx_count() - 1;
    if (fault == Fault::ue_completes_failed_command) {
      RC_ASSERT(a.outcome == AsUeResult::Outcome::failed);
      Bytes m(16);
      const auto e = Wire::encode_complete(0, m);
      answer = made(Bytes(m.begin(), m.begin() + static_cast<std::ptrdiff_t>(e.size)), {true, false, eia, 0},
                    answer_count, impl::engine::Direction::uplink);
    }
    if (fault == Fault::ue_ciphers_complete) {
      RC_ASSERT(a.outcome == AsUeResult::Outcome::completed);
      const Bytes rrc(answer.begin() + Wire::pdcp.header_size, answer.end() - 4);
      answer = made(rrc, {true, true, eia, eea}, answer_count, impl::engine::Direction::uplink);
    }
    if (fault == Fault::ue_protects_failure) {
      RC_ASSERT(a.outcome == AsUeResult::Outcome::failed);
      const Bytes rrc(answer.begin() + Wire::pdcp.header_size, answer.end() - 4);
      answer = made(rrc, {true, false, eia, 0}, answer_count, impl::engine::Direction::uplink);
    }
    trace(true, answer);
    const AsRanResult got = ran.receive(answer);
    if (got.outcome != AsRanResult::Outcome::activated) {
      judge.finish(verdicts);
      return;
    }
    // Under AS security: a reconfiguration down, its complete up, perhaps a second command.
    const Bytes reconf{0x22, 0x02, 0x10, 0x15};
    const AsRanResult b = ran.establish_bearers(reconf, dl);
    Bytes down(b.pdu.begin(), b.pdu.end());
    if (fault == Fault::network_plain_after_command)
      down = made(reconf, {}, ran.tx_count() - 1, impl::engine::Direction::downlink);
    trace(false, down);
    if (fault == Fault::network_reuses_count)  // a DLInformationTransfer at the COUNT just used
      trace(false, made(Bytes{0x2a, 0x04, 0x07}, {true, true, eia, eea}, ran.tx_count() - 1,
                        impl::engine::Direction::downlink));
    const Bytes reconf_complete{0x14, 0x00};
    const AsUeResult u = ue.send(reconf_complete, ul);
    Bytes up(u.pdu.begin(), u.pdu.end());
    if (fault == Fault::ue_plain_after_activation)
      up = made(reconf_complete, {}, ue.tx_count() - 1, impl::engine::Direction::uplink);
    trace(true, up);
    // NAS over SRB2 both ways (DLInformationTransfer, ULInformationTransfer), protected.
    const bool srb2_ciphered = fault != Fault::network_srb2_unciphered;
    trace(false,
          made(Bytes{0x2a, 0x02, 0x07}, {true, srb2_ciphered, eia, srb2_ciphered ? eea : std::uint8_t{0}}, 0,
               impl::engine::Direction::downlink, 2),
          2);
    trace(true, made(Bytes{0x4a, 0x03}, {true, true, eia, eea}, 0, impl::engine::Direction::uplink, 2), 2);
    if (fault == Fault::network_second_command) {
      Bytes m(16);
      const auto e = Wire::encode_command({1, eea, eia, true}, m);
      trace(false, made(Bytes(m.begin(), m.begin() + static_cast<std::ptrdiff_t>(e.size)), {true, true, eia, eea},
                        ran.tx_count(), impl::engine::Direction::downlink));
    }
    judge.finish(verdicts);
  }

  bool violated(const char* party) const {
    return std::any_of(verdicts.begin(), verdicts.end(), [&](const Verdict& v) { return !v.ok && v.party == party; });
  }
  std::string all() const {
    std::string s;
    for (const Verdict& v : verdicts)
      s += "\n  step " + std::to_string(v.step) + " " + v.party + (v.ok ? " ok " : " VIOLATION ") + v.clause +
           ": expected " + v.expected + ", observed " + v.observed + " (" + v.explain + ")";
    return s;
  }
};

template <class Wire, class Ue, class Ran>
void check(Fault fault) {
  Connection<Wire, Ue, Ran> c;
  c.fault = fault;
  c.run();
  const bool ue_fault = fault == Fault::ue_completes_failed_command || fault == Fault::ue_ciphers_complete ||
                        fault == Fault::ue_protects_failure || fault == Fault::ue_plain_after_activation;
  const bool network_fault =
      (fault != Fault::none && !ue_fault) ||
      (!c.same && fault != Fault::ue_completes_failed_command && fault != Fault::ue_protects_failure);
  if (c.violated("ue") != ue_fault || c.violated("network") != network_fault) RC_FAIL(c.all());
  RC_ASSERT(!c.verdicts.empty());
  // NR: the reused COUNT is named as such (its window puts the PDU at the used COUNT, where its MAC-I
  // verifies); LTE's receiver puts it one HFN on, where its MAC-I fails.
  if (fault == Fault::network_reuses_count && std::is_same_v<Wire, impl::engine::NrAsWire>) {
    RC_ASSERT(std::any_of(c.verdicts.begin(), c.verdicts.end(), [](const Verdict& v) {
      return !v.ok && v.party == "network" && v.observed.rfind("another PDU at COUNT", 0) == 0;
    }));
  }
  // SRB2 before the command is caught as that, at its own step, not only by what it does to COUNTs.
  if (fault == Fault::network_srb2_before_command) {
    const auto first = std::find_if(c.verdicts.begin(), c.verdicts.end(), [](const Verdict& v) { return !v.ok; });
    RC_ASSERT(first != c.verdicts.end() && first->expected == "no SRB2 message");
  }
}

Fault any_fault() {
  return *rc::gen::element(Fault::none, Fault::none, Fault::none, Fault::ue_completes_failed_command,
                           Fault::ue_ciphers_complete, Fault::ue_protects_failure, Fault::ue_plain_after_activation,
                           Fault::network_second_command, Fault::network_ciphers_command,
                           Fault::network_plain_after_command, Fault::network_srb2_before_command,
                           Fault::network_srb2_unciphered, Fault::network_outside_capabilities,
                           Fault::network_not_by_priority, Fault::network_reuses_count);
}

RC_GTEST_PROP(OracleAs, LteConformsUnlessAFaultIsMadeAndThenTheFaultyPartyIsCaught, ()) {
  check<impl::engine::LteAsWire, impl::engine::LteAsSmcUe, impl::engine::LteAsSmcEnb>(any_fault());
}
RC_GTEST_PROP(OracleAs, NrConformsUnlessAFaultIsMadeAndThenTheFaultyPartyIsCaught, ()) {
  check<impl::engine::NrAsWire, impl::engine::NrAsSmcUe, impl::engine::NrAsSmcGnb>(any_fault());
}

}  // namespace
}  // namespace secmode::oracle
