#include "cli/trace_judge.h"

#include <algorithm>
#include <array>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>

#include "impl/crypto/ct.h"
#include "impl/engine/as_wire.h"
#include "oracle/as_judge.h"
#include "oracle/concurrency_judge.h"
#include "oracle/ims_judge.h"
#include "oracle/nas_judge.h"
#include "oracle/rrc_nas.h"
#include "spec/crypto/milenage.h"
#include "spec/hex.h"

namespace secmode::cli {

namespace {

std::string field(const nlohmann::json& j, const char* name) {
  const auto it = j.find(name);
  if (it == j.end() || !it->is_string())
    throw oracle::UnusableInput(std::string("missing string field \"") + name + "\"");
  return it->get<std::string>();
}

// The RAT a context line's "rat" or a PDU line's "proto" names.
oracle::Rat rat_named(const std::string& rat) {
  if (rat == "eps") return oracle::Rat::eps;
  if (rat == "5gs") return oracle::Rat::fivegs;
  throw oracle::UnusableInput("rat \"" + rat + "\": this version judges \"eps\", \"5gs\" and \"ims\" traces");
}

// A PDU line's protocol: its RAT, and whether it is a PDCP PDU of an SRB (AS) or a NAS PDU.
struct Proto {
  oracle::Rat rat;
  bool as;
};
Proto proto_named(const std::string& proto) {
  if (proto == "nas-eps") return {oracle::Rat::eps, false};
  if (proto == "nas-5gs") return {oracle::Rat::fivegs, false};
  if (proto == "lte-pdcp-srb") return {oracle::Rat::eps, true};
  if (proto == "nr-pdcp-srb") return {oracle::Rat::fivegs, true};
  throw oracle::UnusableInput("proto \"" + proto +
                              "\": this version judges nas-eps, nas-5gs, lte-pdcp-srb and nr-pdcp-srb");
}

// The MSC label of an SRB PDU: the security mode message it carries in the clear, if any.
std::string as_label(oracle::Rat rat, bool uplink, std::span<const std::uint8_t> pdu, std::uint8_t srb) {
  const auto& format = rat == oracle::Rat::eps ? impl::engine::kLtePdcpSrb : impl::engine::kNrPdcpSrb;
  const std::string prefix = rat == oracle::Rat::eps ? "RRC " : "NR RRC ";
  if (srb == 2) return prefix + "SRB2 PDCP PDU";
  if (pdu.size() >= format.header_size + impl::engine::kMacISize) {
    const auto message = pdu.subspan(format.header_size, pdu.size() - format.header_size - impl::engine::kMacISize);
    impl::engine::AsCommand c;
    if (!uplink && (rat == oracle::Rat::eps ? impl::engine::LteAsWire::read_command(message, c)
                                            : impl::engine::NrAsWire::read_command(message, c)))
      return prefix + "SecurityModeCommand";
    if (uplink) {
      const auto u = rat == oracle::Rat::eps ? impl::engine::LteAsWire::read_uplink(message)
                                             : impl::engine::NrAsWire::read_uplink(message);
      if (u.kind == impl::engine::AsUplink::Kind::complete) return prefix + "SecurityModeComplete";
      if (u.kind == impl::engine::AsUplink::Kind::failure) return prefix + "SecurityModeFailure";
    }
  }
  return prefix + "SRB1 PDCP PDU";
}

// A subscriber's K with OPc (or OP, from which OPc = OP xor E_K(OP), TS 35.206 4.1), the serving
// PLMN or network name, and the SUPI when given.
oracle::Subscription subscription(const nlohmann::json& j) {
  const auto k = spec::from_hex(field(j, "k"));
  if (k.size() != 16) throw oracle::UnusableInput("k: K is 16 octets (TS 35.206)");
  oracle::Subscription s;
  std::copy(k.begin(), k.end(), s.k.begin());
  const bool has_opc = j.contains("opc");
  if (has_opc == j.contains("op")) throw oracle::UnusableInput("give one of \"opc\" and \"op\" with \"k\"");
  const auto o = spec::from_hex(field(j, has_opc ? "opc" : "op"));
  if (o.size() != 16) throw oracle::UnusableInput(has_opc ? "opc: OPc is 16 octets" : "op: OP is 16 octets");
  if (has_opc)
    std::copy(o.begin(), o.end(), s.opc.begin());
  else
    s.opc = spec::milenage_opc(s.k, o);
  if (j.contains("plmn")) s.plmn = field(j, "plmn");
  if (j.contains("snn")) s.snn = field(j, "snn");
  if (j.contains("supi")) s.supi = field(j, "supi");
  return s;
}

// The UE security capabilities IE of S1AP / NGAP (TS 36.413 9.2.1.40, TS 38.413 9.3.1.86): two
// BIT STRINGs of 16 bits, hex, whose first bit is algorithm 1 (algorithm 0 is always supported);
// encoded as the AS judge takes them, bit i for ciphering algorithm i, bit 8 + i for integrity.
std::uint16_t as_capabilities(const std::string& encryption, const std::string& integrity) {
  std::uint16_t caps = 1u | 1u << 8;
  for (unsigned which = 0; which < 2; ++which) {
    const auto bits = spec::from_hex(which == 0 ? encryption : integrity);
    if (bits.size() != 2)
      throw oracle::UnusableInput(std::string(which == 0 ? "encryption_algorithms" : "integrity_algorithms") +
                                  ": a BIT STRING of 16 bits, as 4 hex digits");
    const unsigned map = bits[0] << 8 | bits[1];
    for (unsigned i = 1; i < 8; ++i)
      if (map >> (16 - i) & 1) caps |= static_cast<std::uint16_t>(1u << (8 * which + i));
  }
  return caps;
}

// The core's side of an Initial Context Setup: the key it hands the eNB / gNB is the one the UE
// derives (TS 33.401 A.3, TS 33.501 A.9), and the capabilities are those the UE sent (TS 33.401
// 7.2.4.2.1, TS 33.501 6.7.3.0: the eNB / gNB chooses the AS algorithms from them, so capabilities
// altered here bid the UE down).
void context_setup_verdicts(std::size_t step, oracle::Rat rat, const std::vector<std::uint8_t>& key,
                            const std::array<std::uint8_t, 32>* expected, bool from_context,
                            std::optional<std::uint16_t> sent, std::uint16_t caps, std::vector<oracle::Verdict>& out,
                            std::optional<bool> role_ue) {
  if (role_ue.value_or(false)) return;  // the network is not judged
  const bool eps = rat == oracle::Rat::eps;
  if (expected) {
    const bool same = impl::crypto::ct::equal_bytes(key.data(), expected->data(), expected->size());
    const std::string name = eps ? "K_eNB" : "K_gNB";
    out.push_back(
        {step, same, "network", eps ? "TS 33.401 A.3" : "TS 33.501 A.9",
         "SecurityKey = " + name +
             (from_context ? " of the context"
                           : std::string(" derived from ") + (eps ? "K_ASME" : "K_AMF") +
                                 " and the uplink NAS COUNT of the latest uplink NAS message"),
         same ? "that " + name : "another key",
         same ? std::string(eps ? "the eNB" : "the gNB") + " and the UE start from the same key"
              : std::string(eps ? "the eNB" : "the gNB") + " would protect the AS with a key the UE does not have"});
  }
  if (sent) {
    constexpr std::uint16_t kAlgorithms1To7 = 0xfefe;  // the bits both encodings carry
    const bool same = (caps & kAlgorithms1To7) == (*sent & kAlgorithms1To7);
    const auto listed = [eps](std::uint16_t c) {
      std::string ciphering, integrity;
      const auto append = [](std::string& list, unsigned i) {
        if (!list.empty()) list += ',';
        list += std::to_string(i);
      };
      for (unsigned i = 1; i < 8; ++i) {
        if (c >> i & 1) append(ciphering, i);
        if (c >> (8 + i) & 1) append(integrity, i);
      }
      return std::string(eps ? "EEA " : "NEA ") + (ciphering.empty() ? "0 only" : ciphering) +
             (eps ? ", EIA " : ", NIA ") + (integrity.empty() ? "0 only" : integrity);
    };
    out.push_back({step, same, "network", eps ? "TS 33.401 7.2.4.2.1" : "TS 33.501 6.7.3.0",
                   "UE security capabilities as the UE sent them (" + listed(*sent) + ")", listed(caps),
                   std::string(eps ? "the eNB" : "the gNB") +
                       (same ? " chooses from what the UE supports"
                             : " is told other capabilities than the UE's: it may choose algorithms the UE did not "
                               "offer, or be bid down")});
  }
}

}  // namespace

Judged judge_trace(const std::string& name, std::istream& in) {
  std::unique_ptr<oracle::NasJudge> judge;
  std::unique_ptr<oracle::AsJudge> as;
  std::unique_ptr<oracle::ImsJudge> ims;
  oracle::ConcurrencyJudge concurrency;  // 5GS: TS 33.501 6.9.5.1
  std::optional<bool> role_ue;           // the context's role, for the AS judge made later
  std::vector<std::uint8_t> as_key;      // kenb / kgnb from the context
  std::pair<std::vector<std::uint8_t>, std::vector<std::uint8_t>> as_priority;  // the eNB / gNB's lists
  const auto judge_for = [&](oracle::Rat rat, const char* what) -> oracle::NasJudge& {
    if (!judge) judge = std::make_unique<oracle::NasJudge>(rat);
    if (judge->rat() != rat)
      throw oracle::UnusableInput(std::string(what) + " of the other RAT: a trace holds one RAT");
    return *judge;
  };
  // The AS judge comes with the first SRB PDU or Initial Context Setup; its key from the context,
  // or derived from NAS when the SecurityModeCommand comes.
  const auto as_for = [&](oracle::Rat rat, const char* what) -> oracle::AsJudge& {
    oracle::NasJudge& nas = judge_for(rat, what);
    if (!as) {
      as = std::make_unique<oracle::AsJudge>(rat);
      if (role_ue) as->judge(*role_ue, !*role_ue);
      as->algorithm_priority(as_priority.first, as_priority.second);
      if (!as_key.empty())
        as->key(as_key);
      else
        as->key_source([&nas](std::array<std::uint8_t, 32>& k) { return nas.as_key(k); });
    }
    return *as;
  };
  Judged judged;
  auto& verdicts = judged.verdicts;
  std::string text;
  std::size_t line = 0, step = 0;
  // A NAS message comes on a nas-* line (S1AP / NGAP) or inside RRC on SRB1 / SRB2. One the eNB /
  // gNB relays shows on both interfaces in a merged capture: the copy from the other interface
  // that comes next in its direction, byte for byte, is that message, not a replay, and is judged
  // once. Returns the step that judged it, or 0.
  struct Seen {
    std::vector<std::uint8_t> pdu;
    bool from_rrc = false, relayed = false;
    std::size_t step = 0;
  };
  std::array<Seen, 2> last_nas;  // by direction: [1] uplink
  const auto judge_nas = [&](oracle::Rat rat, bool uplink, std::span<const std::uint8_t> pdu,
                             bool from_rrc) -> std::size_t {
    Seen& last = last_nas[uplink];
    if (last.step && last.from_rrc != from_rrc && !last.relayed && std::ranges::equal(last.pdu, pdu)) {
      last.relayed = true;
      return last.step;
    }
    last.pdu.assign(pdu.begin(), pdu.end());  // keeps its buffer: no allocation per message once grown
    last.from_rrc = from_rrc;
    last.relayed = false;
    last.step = step;
    oracle::NasJudge& nas = judge_for(rat, "a PDU");
    nas.pdu(step, uplink, pdu, verdicts);
    if (rat == oracle::Rat::fivegs) switch (nas.happened()) {
        case oracle::NasJudge::Happened::aka:
          concurrency.authentication();
          break;
        case oracle::NasJudge::Happened::fresh_command:
          concurrency.smc_started(step, verdicts);
          break;
        case oracle::NasJudge::Happened::complete:
          concurrency.smc_completed();
          break;
        case oracle::NasJudge::Happened::nothing:
          break;
      }
    return 0;
  };
  const auto nas_label = [](oracle::Rat rat, std::span<const std::uint8_t> pdu) {
    return rat == oracle::Rat::eps ? nas_eps_label(pdu) : nas_5gs_label(pdu);
  };
  try {
    while (std::getline(in, text)) {
      ++line;
      const auto first = text.find_first_not_of(" \t\r");
      if (first == std::string::npos || text[first] == '#') continue;
      ++step;
      nlohmann::json j;
      try {
        j = nlohmann::json::parse(text);
      } catch (const nlohmann::json::exception& e) {  // a syntax error, or a number too large (out_of_range)
        throw oracle::UnusableInput(std::string("not JSON: ") + e.what());
      }
      if (!j.is_object()) throw oracle::UnusableInput("a trace line is a JSON object");
      const std::string kind = field(j, "kind");
      if (kind == "context" && j.contains("rat") && j["rat"] == "ims") {
        // IMS registration (TS 24.229 5.1.1.5): the subscriber's K and OPc for IMS AKA.
        if (ims || judge) throw oracle::UnusableInput("one context per trace, and IMS traces hold only SIP");
        if (!j.contains("k")) throw oracle::UnusableInput("an IMS context gives \"k\" with \"opc\" or \"op\"");
        ims = std::make_unique<oracle::ImsJudge>(subscription(j));
      } else if (kind == "sip") {
        if (!ims)
          throw oracle::UnusableInput("a sip line before the IMS context ({\"kind\":\"context\",\"rat\":\"ims\",...})");
        const std::string dir = field(j, "dir");
        if (dir != "ul" && dir != "dl") throw oracle::UnusableInput("dir is \"ul\" or \"dl\"");
        std::optional<std::uint32_t> spi;
        const auto p = j.find("protected_by");
        if (p == j.end()) throw oracle::UnusableInput("missing field \"protected_by\" (\"none\" or the ESP SPI)");
        if (p->is_number_unsigned() && p->get<std::uint64_t>() > 0 && p->get<std::uint64_t>() <= 0xffffffffu)
          spi = static_cast<std::uint32_t>(p->get<std::uint64_t>());
        else if (!p->is_string() || p->get<std::string>() != "none")
          throw oracle::UnusableInput("protected_by is \"none\" or the ESP SPI, 1..4294967295");
        const std::string message = field(j, "text");
        ims->sip(step, dir == "ul", spi, message, verdicts);
        const auto eol = message.find_first_of("\r\n");
        judged.arrows.push_back(
            {step, dir == "ul",
             message.substr(0, std::min<std::size_t>(eol, 40)) + (spi ? " [ESP " + std::to_string(*spi) + "]" : "")});
      } else if (ims) {
        throw oracle::UnusableInput("kind \"" + kind + "\" in an IMS trace, which holds sip lines");
      } else if (kind == "context") {
        const oracle::Rat rat = rat_named(field(j, "rat"));
        oracle::NasJudge& jd = judge_for(rat, "a context");
        if (j.contains("role")) {
          const std::string role = field(j, "role");
          if (role != "ue" && role != "network") throw oracle::UnusableInput("role is \"ue\" or \"network\"");
          jd.judge(role == "ue", role == "network");
          concurrency.judge(role == "network");
          role_ue = role == "ue";
        }

        if (j.contains("as_algorithm_priority")) {
          // The eNB / gNB's configured lists (TS 33.401 7.2.4.2.1, TS 33.501 6.7.3.0).
          const auto& p = j["as_algorithm_priority"];
          const auto list = [&p](const char* which) {
            std::vector<std::uint8_t> out;
            if (!p.is_object() || !p.contains(which) || !p[which].is_array())
              throw oracle::UnusableInput(
                  std::string("as_algorithm_priority: give \"ciphering\" and \"integrity\" "
                              "lists of algorithm identities, highest priority first"));
            for (const auto& a : p[which]) {
              if (!a.is_number_unsigned() || a.get<std::uint64_t>() > 7)
                throw oracle::UnusableInput(std::string("as_algorithm_priority.") + which +
                                            ": algorithm identities are 0..7");
              out.push_back(static_cast<std::uint8_t>(a.get<std::uint64_t>()));
            }
            return out;
          };
          as_priority = {list("ciphering"), list("integrity")};
        }
        if (const char* k = rat == oracle::Rat::eps ? "kenb" : "kgnb"; j.contains(k)) {
          as_key = spec::from_hex(field(j, k));
          if (as_key.size() != 32)
            throw oracle::UnusableInput(std::string(k) + (rat == oracle::Rat::eps ? ": K_eNB" : ": K_gNB") +
                                        " is 32 octets");
        }
        if (j.contains("k")) {
          jd.subscription(subscription(j));
        } else if (as_key.empty() || j.contains(rat == oracle::Rat::eps ? "kasme" : "kamf")) {
          if (!j.contains("ksi") || !j["ksi"].is_number_unsigned())
            throw oracle::UnusableInput("missing number field \"ksi\"");
          const auto key = spec::from_hex(field(j, rat == oracle::Rat::eps ? "kasme" : "kamf"));
          jd.context(key, static_cast<std::uint8_t>(std::min<std::uint64_t>(j["ksi"].get<std::uint64_t>(), 255)));
          concurrency.authentication();
        }
      } else if (kind == "pdu") {
        const std::string dir = field(j, "dir");
        if (dir != "ul" && dir != "dl") throw oracle::UnusableInput("dir is \"ul\" or \"dl\"");
        const Proto proto = proto_named(field(j, "proto"));
        const auto pdu = spec::from_hex(field(j, "hex"));
        if (proto.as) {
          if (!j.contains("srb") || !j["srb"].is_number_unsigned() || j["srb"].get<std::uint64_t>() < 1 ||
              j["srb"].get<std::uint64_t>() > 2)
            throw oracle::UnusableInput("srb: this version judges SRB1 and SRB2 (\"srb\":1 or 2)");
          const auto srb = static_cast<std::uint8_t>(j["srb"].get<std::uint64_t>());
          oracle::AsJudge& a = as_for(proto.rat, "a PDU");
          a.pdu(step, dir == "ul", pdu, verdicts, srb);
          // The NAS inside, as the receiver takes the RRC message in.
          const oracle::RrcNas carried = oracle::rrc_nas(proto.rat, dir == "ul", a.delivered());
          std::string label = as_label(proto.rat, dir == "ul", pdu, srb);
          if (!carried.message.empty()) label = (proto.rat == oracle::Rat::eps ? "RRC " : "NR RRC ") + carried.message;
          for (std::size_t i = 0; i < carried.nas.size(); ++i) {
            const std::size_t relayed = judge_nas(proto.rat, dir == "ul", carried.nas[i], true);
            label += (i ? ", " : ": ") + nas_label(proto.rat, carried.nas[i]) +
                     (relayed ? " (as step " + std::to_string(relayed) + ")" : "");
          }
          if (!carried.unread.empty()) {
            label += " (NAS not read)";
            judged.notes.push_back({step, carried.message + ": the NAS it may carry is not read: " + carried.unread});
          }
          judged.arrows.push_back({step, dir == "ul", label});
        } else {
          const std::size_t relayed = judge_nas(proto.rat, dir == "ul", pdu, false);
          judged.arrows.push_back(
              {step, dir == "ul",
               nas_label(proto.rat, pdu) + (relayed ? " (as step " + std::to_string(relayed) + ")" : "")});
        }
      } else if (kind == "context_setup") {
        if (!judge) throw oracle::UnusableInput("a context_setup line before the context: its RAT is unknown");
        const oracle::Rat rat = judge->rat();
        const auto key = spec::from_hex(field(j, "security_key"));
        if (key.size() != 32) throw oracle::UnusableInput("security_key: SecurityKey is 256 bits (TS 36.413 / 38.413)");
        const std::uint16_t caps = as_capabilities(field(j, "encryption_algorithms"), field(j, "integrity_algorithms"));
        std::array<std::uint8_t, 32> expected{};
        const bool from_context = as_key.size() == expected.size();
        if (from_context) std::copy(as_key.begin(), as_key.end(), expected.begin());
        const bool known = from_context || judge->as_key(expected);
        context_setup_verdicts(step, rat, key, known ? &expected : nullptr, from_context, judge->sent_capabilities(),
                               caps, verdicts, role_ue);
        // The UE's key when the oracle knows it: a wrong SecurityKey shows again in the eNB's MAC-Is.
        as_for(rat, "a context_setup line").context_setup(known ? std::span<const std::uint8_t>(expected) : key, caps);
        impl::crypto::ct::wipe_object(expected);
        judged.arrows.push_back(
            {step, false, rat == oracle::Rat::eps ? "S1AP InitialContextSetup" : "NGAP InitialContextSetup"});
      } else if (kind == "event") {
        if (!judge) throw oracle::UnusableInput("an event before any context or PDU: its RAT is unknown");
        if (judge->rat() != oracle::Rat::fivegs)
          throw oracle::UnusableInput(
              "events: this version judges TS 33.501 6.9.5.1 in 5GS traces, not yet "
              "TS 33.401 7.2.10 in EPS ones");
        const std::string event = field(j, "name"), phase = field(j, "phase");
        concurrency.event(step, event, phase, verdicts);
        judged.arrows.push_back({step, true, "event " + event + " " + phase});
      } else {
        throw oracle::UnusableInput("kind \"" + kind +
                                    "\": this version judges context, pdu, context_setup, event and sip lines");
      }
    }
    if (ims) ims->finish(verdicts);
    if (judge) judge->finish(verdicts);
    if (as) as->finish(verdicts);
  } catch (const oracle::UnusableInput& e) {
    throw BadLine{name, line, e.what()};
  } catch (const std::invalid_argument& e) {  // from_hex
    throw BadLine{name, line, e.what()};
  }
  return judged;
}

bool trace_conforms(const std::string& name, std::istream& in, std::string& why) {
  try {
    const Judged judged = judge_trace(name, in);
    for (const oracle::Verdict& v : judged.verdicts)
      if (!v.ok) {
        why = "step " + std::to_string(v.step) + ", " + v.party + ", " + v.clause + ": expected " + v.expected +
              ", observed " + v.observed;
        return false;
      }
    return true;
  } catch (const BadLine& b) {
    why = "line " + std::to_string(b.line) + ": " + b.reason;
    return false;
  }
}

}  // namespace secmode::cli
