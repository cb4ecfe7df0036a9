#include "cli/gen_command.h"

#include <array>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/gen_ims.h"
#include "cli/gen_trace.h"
#include "cli/trace_judge.h"
#include "impl/codec/nas_5gs_mm.h"
#include "impl/codec/nas_eps_emm.h"
#include "impl/engine/as_smc_ran.h"
#include "impl/engine/as_smc_ue.h"
#include "impl/engine/eps_nas_protection.h"
#include "impl/engine/fivegs_nas_protection.h"
#include "impl/engine/nas_smc_network.h"
#include "impl/engine/nas_smc_ue.h"
#include "spec/hex.h"

namespace secmode::cli {

namespace {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;
using impl::engine::Direction;

// The key of every suite (K_ASME, K_AMF or K_eNB / K_gNB): arbitrary, fixed, so suites repeat.
std::array<std::uint8_t, 32> suite_key() {
  std::array<std::uint8_t, 32> k{};
  for (std::size_t i = 0; i < k.size(); ++i) k[i] = static_cast<std::uint8_t>(0x30 + 7 * i);
  return k;
}
constexpr std::uint8_t kKsi = 1;

Bytes bytes(ByteView v) { return Bytes(v.begin(), v.end()); }

// ---- NAS security mode control ------------------------------------------------------------

struct EpsNas {
  using Wire = impl::engine::EpsNasWire;
  using Ue = impl::engine::EpsNasSmcUe;
  using Network = impl::engine::EpsNasSmcMme;
  static constexpr const char* rat = "eps";
  static constexpr const char* proto = "nas-eps";
  static constexpr const char* key_name = "kasme";
  static constexpr const char* standard = "TS 24.301";
  static constexpr std::size_t mac_offset = 1;
  static constexpr std::array<std::uint8_t, 9> imeisv{0x33, 0x65, 0x89, 0x02, 0x14, 0x32, 0x54, 0x06, 0xf1};
  static Bytes initial(bool emergency, bool additional) {
    impl::nas::AttachRequest a;
    a.eps_attach_type = emergency ? 6 : 1;
    a.eps_mobile_identity = impl::nas::Guti{};
    static const Bytes capability{0xf0, 0xf0, 0xc0, 0xc0, 0x00};
    static const Bytes esm{0x02, 0x01, 0xd0, 0x11};
    a.ue_network_capability = capability;
    a.esm_message_container = esm;
    if (additional) a.ue_additional_security_capability = impl::nas::UeAdditionalSecurityCapability{0xf000, 0xf000};
    std::array<std::uint8_t, 128> out{};
    const auto e = impl::nas::encode(a, out);
    return Bytes(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(e.size));
  }
  static Bytes protect(std::uint8_t eea, std::uint8_t eia, std::uint32_t count, std::uint8_t header, ByteView plain) {
    std::array<std::uint8_t, 256> out{};
    const auto e = impl::engine::protect(suite_key(), eea, eia, count, Direction::downlink,
                                         static_cast<impl::nas::SecurityHeaderType>(header), plain, out);
    return Bytes(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(e.size));
  }
};

struct FivegsNas {
  using Wire = impl::engine::FivegsNasWire;
  using Ue = impl::engine::FivegsNasSmcUe;
  using Network = impl::engine::FivegsNasSmcAmf;
  static constexpr const char* rat = "5gs";
  static constexpr const char* proto = "nas-5gs";
  static constexpr const char* key_name = "kamf";
  static constexpr const char* standard = "TS 24.501";
  static constexpr std::size_t mac_offset = 2;
  static constexpr std::array<std::uint8_t, 9> imeisv{0x35, 0x65, 0x89, 0x02, 0x14, 0x32, 0x54, 0x06, 0xf1};
  static Bytes initial(bool emergency, bool) {
    impl::nas5gs::RegistrationRequest m;
    m.registration_type = emergency ? 4 : 1;
    m.mobile_identity = impl::nas5gs::FiveGSTmsi{1, 2, 0x0badcafe};
    static const Bytes capability{0xf0, 0xf0, 0xf0, 0xf0};
    m.ue_security_capability = capability;
    std::array<std::uint8_t, 128> out{};
    const auto e = impl::nas5gs::encode(m, out);
    return Bytes(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(e.size));
  }
  static Bytes protect(std::uint8_t eea, std::uint8_t eia, std::uint32_t count, std::uint8_t header, ByteView plain) {
    std::array<std::uint8_t, 256> out{};
    const auto e = impl::engine::protect(suite_key(), eea, eia, count, Direction::downlink,
                                         static_cast<impl::nas5gs::SecurityHeaderType>(header), plain, out);
    return Bytes(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(e.size));
  }
};

// How a UE-role case alters the command a conforming network sends.
struct Alteration {
  std::function<void(impl::engine::CommandFields&)> fields = {};
  std::uint8_t header = 3;
  bool break_mac = false;
};

template <class R>
struct NasSuite {
  // The UE and the network of one trace, the UE having run AKA and sent its initial request.
  struct Run {
    typename R::Ue ue{R::imeisv};
    typename R::Network network;
    std::array<std::uint8_t, 1024> ul{}, dl{};
  };

  static void context(Trace& t, const char* role) {
    t.line(std::string(R"({"kind":"context","rat":")") + R::rat + R"(",")" + R::key_name + R"(":")" +
           spec::to_hex(suite_key()) + R"(","ksi":)" + std::to_string(kKsi) + R"(,"role":")" + role + "\"}");
  }
  static void start(Trace& t, Run& r, bool emergency = false, bool additional = false) {
    r.ue.aka(suite_key(), kKsi);
    r.network.aka(suite_key(), kKsi);
    const auto sent = r.ue.send_initial(R::initial(emergency, additional), r.ul, emergency);
    t.pdu(true, R::proto, sent.pdu, "the UE's initial request");
    r.network.receive_initial(sent.pdu, emergency);
  }
  static void answer(Trace& t, Run& r, ByteView command, const std::string& due) {
    const auto a = r.ue.receive(command, r.ul);
    if (!a.pdu.empty()) t.pdu(true, R::proto, a.pdu, due);
  }

  // A command as a conforming network sends it, altered as `alt` says, and the UE's answer.
  static Trace ue_case(const std::string& name, const std::string& check, const Alteration& alt, const std::string& due,
                       std::uint8_t eea = 2, std::uint8_t eia = 2, bool imeisv = false, bool emergency = false,
                       bool additional = false) {
    Trace t{name, check, {}};
    context(t, "ue");
    auto r = std::make_unique<Run>();
    start(t, *r, emergency, additional);
    // A conforming network refuses EIA0 / NIA0 without emergency: it starts with EIA2, and the
    // command is rebuilt with the null algorithm below.
    const auto c = r->network.start(kKsi, eea, eia == 0 && !emergency ? 2 : eia, r->dl, imeisv);
    Bytes pdu = bytes(c.pdu);
    if (alt.fields || alt.header != 3 || eia == 0) {
      // Rebuilt from the conforming command's fields, then altered.
      impl::engine::CommandFields f;
      std::size_t offset = 0;
      const Bytes inner(pdu.begin() + static_cast<std::ptrdiff_t>(R::Wire::header_size), pdu.end());
      R::Wire::read_command(inner, f, offset);
      std::array<std::uint8_t, 8> caps{};
      std::copy(f.caps.begin(), f.caps.end(), caps.begin());
      f.caps_storage = caps;
      f.caps = ByteView(f.caps_storage.data(), f.caps.size());
      f.eia = eia;
      if (alt.fields) alt.fields(f);
      std::array<std::uint8_t, 256> plain{};
      const auto e = R::Wire::encode_command(f, plain);
      pdu = alt.header == 0 ? Bytes(plain.begin(), plain.begin() + static_cast<std::ptrdiff_t>(e.size))
                            : R::protect(f.eea, f.eia, 0, alt.header, ByteView(plain.data(), e.size));
    }
    if (alt.break_mac) pdu[R::mac_offset + 1] ^= 0x5a;
    t.pdu(false, R::proto, pdu, "SECURITY MODE COMMAND: " + check);
    answer(t, *r, pdu, "the answer: " + due);
    if (due.rfind("none", 0) == 0) t.comment("the answer: " + due);
    return t;
  }

  static std::vector<Trace> ue_cases() {
    const std::string s = R::standard;
    std::vector<Trace> v;
    v.push_back(ue_case("valid_command", "a command whose checks all pass (" + s + " 5.4.x.3)", {},
                        "SECURITY MODE COMPLETE, integrity protected and ciphered with the new context"));
    v.push_back(ue_case("imeisv_requested", "the command requests the IMEISV", {},
                        "SECURITY MODE COMPLETE carrying the IMEISV", 2, 2, true));
    v.push_back(ue_case("null_ciphering", "EEA0 / NEA0 selected", {}, "SECURITY MODE COMPLETE", 0, 2));
    v.push_back(ue_case("replayed_capabilities_altered", "replayed UE security capabilities differ from those sent",
                        {[](impl::engine::CommandFields& f) { f.caps_storage[0] ^= 0x40; }},
                        "SECURITY MODE REJECT #23"));
    v.push_back(ue_case("mac_wrong", "the NAS-MAC does not verify", {{}, 3, true}, "SECURITY MODE REJECT #24"));
    v.push_back(ue_case("header_type_1", "integrity protected with the current context's header type 1", {{}, 1, false},
                        "SECURITY MODE REJECT #24"));
    v.push_back(ue_case("unprotected_command", "a command without integrity protection (4.4.4.2)", {{}, 0, false},
                        "none: the command is not processed"));
    v.push_back(ue_case("null_integrity", "EIA0 / NIA0 for a UE without emergency services", {},
                        "SECURITY MODE REJECT #24", 0, 0));
    v.push_back(ue_case("unknown_ksi", "a KSI under which the UE holds no context",
                        {[](impl::engine::CommandFields& f) { f.ksi = 4; }}, "SECURITY MODE REJECT #24"));
    v.push_back(ue_case("unsupported_ciphering", "a ciphering algorithm the UE does not support",
                        {[](impl::engine::CommandFields& f) { f.eea = 5; }}, "SECURITY MODE REJECT #24"));
    if constexpr (std::is_same_v<R, EpsNas>) {
      v.push_back(ue_case("null_integrity_emergency", "EIA0 for a UE attaching for emergency bearer services", {},
                          "SECURITY MODE COMPLETE", 0, 0, false, true));
      v.push_back(ue_case("additional_capabilities_altered", "replayed UE additional security capability altered",
                          {[](impl::engine::CommandFields& f) { f.additional->ea ^= 0x4000; }},
                          "SECURITY MODE REJECT #23", 2, 2, false, false, true));
    }
    // The same command again after the UE completed it: a replay (4.4.3.2).
    {
      Trace t{"replayed_command", "the command the UE completed, again (4.4.3.2)", {}};
      context(t, "ue");
      auto r = std::make_unique<Run>();
      start(t, *r);
      const auto c = r->network.start(kKsi, 2, 2, r->dl, false);
      t.pdu(false, R::proto, c.pdu, "SECURITY MODE COMMAND");
      answer(t, *r, c.pdu, "the answer: SECURITY MODE COMPLETE");
      t.pdu(false, R::proto, c.pdu, "the same command replayed");
      answer(t, *r, c.pdu, "the answer: none, a replay is discarded");
      t.comment("the answer: none, a replay is discarded");
      v.push_back(std::move(t));
    }
    return v;
  }

  static std::vector<Trace> network_cases() {
    std::vector<Trace> v;
    {
      Trace t{"valid_procedure", "the command after an initial request, and the COMPLETE", {}};
      context(t, "network");
      auto r = std::make_unique<Run>();
      start(t, *r);
      const auto c = r->network.start(kKsi, 2, 2, r->dl, true);
      t.pdu(false, R::proto, c.pdu, "SECURITY MODE COMMAND replaying the capabilities, protected with the new context");
      answer(t, *r, c.pdu, "SECURITY MODE COMPLETE");
      v.push_back(std::move(t));
    }
    {
      Trace t{"retransmissions_then_abort", "no answer: the command again on each expiry, four times, then abort", {}};
      context(t, "network");
      auto r = std::make_unique<Run>();
      start(t, *r);
      const auto c = r->network.start(kKsi, 1, 1, r->dl, false);
      t.pdu(false, R::proto, c.pdu, "SECURITY MODE COMMAND, lost");
      for (int i = 1; i <= 5; ++i) {
        const auto again = r->network.timer_expiry(r->dl);
        if (!again.pdu.empty()) t.pdu(false, R::proto, again.pdu, "the retransmission on expiry " + std::to_string(i));
      }
      t.comment("the fifth expiry aborts the procedure: nothing more is sent");
      v.push_back(std::move(t));
    }
    {
      Trace t{"reject_ends_the_procedure", "a SECURITY MODE REJECT: no command follows on the old request", {}};
      context(t, "network");
      auto r = std::make_unique<Run>();
      start(t, *r);
      const auto c = r->network.start(kKsi, 2, 2, r->dl, false);
      t.pdu(false, R::proto, c.pdu, "SECURITY MODE COMMAND");
      const Bytes reject = std::is_same_v<R, EpsNas> ? Bytes{0x07, 0x5f, 0x18} : Bytes{0x7e, 0x00, 0x5f, 0x18};
      t.pdu(true, R::proto, reject, "SECURITY MODE REJECT #24 in the clear");
      r->network.receive(reject);
      v.push_back(std::move(t));
    }
    if constexpr (std::is_same_v<R, EpsNas>) {
      Trace t{"null_integrity_emergency", "EIA0 selected for a UE attaching for emergency bearer services", {}};
      context(t, "network");
      auto r = std::make_unique<Run>();
      start(t, *r, true);
      const auto c = r->network.start(kKsi, 0, 0, r->dl, false);
      t.pdu(false, R::proto, c.pdu, "SECURITY MODE COMMAND with EIA0");
      answer(t, *r, c.pdu, "SECURITY MODE COMPLETE");
      v.push_back(std::move(t));
    } else {
      Trace t{"kamf_change", "a protected mobility registration, then K'_AMF (K_AMF_change_flag, TS 33.501 6.9.3)", {}};
      context(t, "network");
      auto r = std::make_unique<Run>();
      start(t, *r);
      const auto c = r->network.start(kKsi, 2, 2, r->dl, false);
      t.pdu(false, R::proto, c.pdu, "SECURITY MODE COMMAND");
      const auto done = r->ue.receive(c.pdu, r->ul);
      t.pdu(true, R::proto, done.pdu, "SECURITY MODE COMPLETE");
      r->network.receive(done.pdu);
      const auto again = r->ue.send_initial(R::initial(false, false), r->ul);
      t.pdu(true, R::proto, again.pdu, "a mobility REGISTRATION REQUEST, integrity protected");
      r->network.receive_initial(again.pdu);
      const auto change = r->network.start(kKsi, 1, 1, r->dl, false, true);
      t.pdu(false, R::proto, change.pdu, "SECURITY MODE COMMAND with K_AMF_change_flag, under K'_AMF");
      answer(t, *r, change.pdu, "SECURITY MODE COMPLETE under K'_AMF");
      v.push_back(std::move(t));
    }
    return v;
  }
};

// ---- concurrent security procedures in 5GS -----------------------------------------------------

// The AMF's side of TS 33.501 6.9.5.1 rules 1-5: each trace has the AMF run the two procedures of a
// rule one after the other, the second started only once the first completed, as the rule makes a
// conforming AMF wait. The second procedure's first line follows a comment beginning "then, once
// that completed:" (what a test moves earlier to make the trace a violation).
struct ConcurrencySuite {
  using Nas = NasSuite<FivegsNas>;
  enum class Procedure { smc, n2_key_change, handover };

  static void event(Trace& t, const char* name, const char* phase, const std::string& what) {
    t.comment(what);
    t.line(std::string(R"({"kind":"event","name":")") + name + R"(","phase":")" + phase + "\"}");
  }
  static void run(Trace& t, Nas::Run& r, Procedure p, const std::string& lead) {
    switch (p) {
      case Procedure::smc: {
        const auto c = r.network.start(kKsi, 2, 2, r.dl, false);
        t.pdu(false, FivegsNas::proto, c.pdu, lead + "SECURITY MODE COMMAND taking the new K_AMF into use");
        Nas::answer(t, r, c.pdu, "SECURITY MODE COMPLETE");
        break;
      }
      case Procedure::n2_key_change:
        event(t, "n2_key_change", "start", lead + "NGAP UE CONTEXT MODIFICATION REQUEST with a new K_gNB");
        event(t, "n2_key_change", "complete", "its response: the UE and the gNB use the new K_gNB");
        break;
      case Procedure::handover:
        event(t, "handover", "start", lead + "an inter-AMF handover (the source AMF transfers its K_AMF)");
        event(t, "handover", "complete", "the UE has arrived at the target");
        break;
    }
  }
  static Trace make(const std::string& name, const std::string& check, Procedure first, Procedure second) {
    Trace t{name, check, {}};
    Nas::context(t, "network");
    auto r = std::make_unique<Nas::Run>();
    Nas::start(t, *r);
    run(t, *r, first, "first: ");
    run(t, *r, second, "then, once that completed: ");
    return t;
  }
  static std::vector<Trace> network_cases() {
    using P = Procedure;
    std::vector<Trace> v;
    v.push_back(make("rule1_n2_key_change_after_smc", "rule 1: no new K_gNB while the NAS SMC for a new K_AMF runs",
                     P::smc, P::n2_key_change));
    v.push_back(make("rule2_smc_after_n2_key_change", "rule 2: no NAS SMC for a new K_AMF during an N2 key change",
                     P::n2_key_change, P::smc));
    v.push_back(
        make("rule3_handover_after_smc", "rule 3: no inter-AMF handover while the NAS SMC runs", P::smc, P::handover));
    v.push_back(make("rule4_handover_after_n2_key_change", "rule 4: no handover during an N2 key change",
                     P::n2_key_change, P::handover));
    v.push_back(make("rule5_smc_after_handover", "rule 5: no NAS SMC during a handover", P::handover, P::smc));
    return v;
  }
};

// ---- AS security mode command ---------------------------------------------------------------

template <class Wire, class Ue, class Ran>
struct AsSuite {
  static constexpr bool lte = std::is_same_v<Wire, impl::engine::LteAsWire>;
  static constexpr const char* proto = lte ? "lte-pdcp-srb" : "nr-pdcp-srb";

  static void context(Trace& t, const char* role) {
    t.line(std::string(R"({"kind":"context","rat":")") + (lte ? "eps" : "5gs") + R"(",")" + (lte ? "kenb" : "kgnb") +
           R"(":")" + spec::to_hex(suite_key()) + R"(","role":")" + role + "\"}");
  }

  // A connection where the network starts the command with `eea` / `eia`; `other_key`: the network
  // holds another key than the UE (and the trace); `alter` changes the command's PDU.
  static Trace make(const std::string& name, const std::string& check, const char* role, std::uint8_t eea,
                    std::uint8_t eia, const std::function<void(Bytes&)>& alter, bool second_command = false) {
    Trace t{name, check, {}};
    context(t, role);
    auto ue = std::make_unique<Ue>();
    auto ran = std::make_unique<Ran>();
    std::array<std::uint8_t, 256> ul{}, dl{};
    ue->connect(suite_key());
    ran->connect();
    ran->context_setup(suite_key(), 0x0f0f);
    const auto c = ran->start(eea, eia, dl);
    Bytes command = bytes(c.pdu);
    if (alter) alter(command);
    t.pdu(false, proto, command, std::string("SecurityModeCommand: ") + check);
    const auto a = ue->receive(command, ul);
    if (!a.pdu.empty())
      t.pdu(true, proto, a.pdu,
            a.outcome == impl::engine::AsUeResult::Outcome::completed
                ? "the answer: SecurityModeComplete, integrity protected"
                : "the answer: SecurityModeFailure, unprotected");
    if (ran->receive(a.pdu).outcome != impl::engine::AsRanResult::Outcome::activated) return t;
    const Bytes reconf{0x22, 0x02, 0x10, 0x15};
    const auto b = ran->establish_bearers(reconf, dl);
    t.pdu(false, proto, b.pdu, "a reconfiguration, integrity protected and ciphered");
    ue->receive(b.pdu, ul);
    const Bytes done{0x14, 0x00};
    const auto u = ue->send(done, ul);
    t.pdu(true, proto, u.pdu, "its complete, integrity protected and ciphered");
    if (second_command) {
      const Bytes again = command;
      t.pdu(false, proto, again, "the command again, replayed after activation");
      const auto none = ue->receive(again, ul);
      if (!none.pdu.empty()) t.pdu(true, proto, none.pdu, "an answer");
    }
    return t;
  }

  static std::vector<Trace> ue_cases() {
    std::vector<Trace> v;
    v.push_back(make("valid_command", "a command whose MAC-I verifies", "ue", 2, 2, {}));
    v.push_back(make("null_ciphering", "EEA0 / NEA0 selected", "ue", 0, 1, {}));
    v.push_back(make("mac_wrong", "MAC-I does not verify", "ue", 2, 2, [](Bytes& p) { p.back() ^= 0x21; }));
    v.push_back(
        make("replayed_after_activation", "the command replayed once AS security is active", "ue", 1, 1, {}, true));
    return v;
  }
  static std::vector<Trace> network_cases() {
    std::vector<Trace> v;
    v.push_back(make("valid_procedure", "the command, the COMPLETE, then protected traffic", "network", 3, 3, {}));
    v.push_back(make("null_ciphering", "EEA0 / NEA0 selected, traffic integrity protected", "network", 0, 2, {}));
    return v;
  }
};

struct Options {
  std::string procedure, role, dir;
};

std::vector<Trace> suite(const Options& o) {
  const bool ue = o.role == "ue";
  if (o.procedure == "ims_registration") return ims_ue_suite();
  if (o.procedure == "5gs_concurrency") return ConcurrencySuite::network_cases();
  if (o.procedure == "eps_nas_smc") return ue ? NasSuite<EpsNas>::ue_cases() : NasSuite<EpsNas>::network_cases();
  if (o.procedure == "5gs_nas_smc") return ue ? NasSuite<FivegsNas>::ue_cases() : NasSuite<FivegsNas>::network_cases();
  using Lte = AsSuite<impl::engine::LteAsWire, impl::engine::LteAsSmcUe, impl::engine::LteAsSmcEnb>;
  using Nr = AsSuite<impl::engine::NrAsWire, impl::engine::NrAsSmcUe, impl::engine::NrAsSmcGnb>;
  if (o.procedure == "lte_as_smc") return ue ? Lte::ue_cases() : Lte::network_cases();
  return ue ? Nr::ue_cases() : Nr::network_cases();
}

void run(const Options& o, int& exit_code) {
  if (o.procedure == "ims_registration" && o.role != "ue") {
    // The oracle judges the UE's side of IMS registration only (oracle/ims_judge.h).
    std::cerr << "secmode gen: ims_registration has a suite for --role ue only: the P-CSCF (TS 24.229 5.2.2) is "
                 "not modelled yet\n";
    exit_code = 2;
    return;
  }
  if (o.procedure == "5gs_concurrency" && o.role != "network") {
    std::cerr << "secmode gen: 5gs_concurrency has a suite for --role network only: TS 33.501 6.9.5.1 rules 1-5 "
                 "make the AMF wait\n";
    exit_code = 2;
    return;
  }
  std::error_code ec;
  std::filesystem::create_directories(o.dir, ec);
  if (ec) {
    std::cerr << "secmode gen: cannot create " << o.dir << ": " << ec.message() << '\n';
    exit_code = 2;
    return;
  }
  std::size_t written = 0;
  for (const Trace& t : suite(o)) {
    std::ostringstream text;
    text << "# expect: exit 0\n# " << o.procedure << ", role " << o.role << ": " << t.check << "\n";
    text << "# written by secmode gen; a conforming " << o.role << " gives the answers below\n";
    for (const std::string& l : t.lines) text << l << '\n';
    // Every trace must pass the oracle it is written for.
    std::istringstream in(text.str());
    std::string why;
    if (!trace_conforms(t.name, in, why)) {
      std::cerr << "secmode gen: " << o.procedure << "/" << t.name << " does not pass secmode check (" << why
                << "): a bug in secmode\n";
      exit_code = 3;
      return;
    }
    const std::string path = o.dir + "/" + o.procedure + "_" + o.role + "_" + t.name + ".jsonl";
    std::ofstream out(path);
    out << text.str();
    if (!out) {
      std::cerr << "secmode gen: cannot write " << path << '\n';
      exit_code = 2;
      return;
    }
    std::cout << path << ": " << t.check << '\n';
    ++written;
  }
  std::cout << written << " traces\n";
  exit_code = 0;
}

}  // namespace

void add_gen_command(CLI::App& app, int& exit_code) {
  auto opts = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "gen",
      "write a conformance suite derived from the spec: for each check of the procedure, a trace with the stimulus "
      "and the answer a conforming party gives, in the format of secmode check (each trace passes it). Exit 0, 2 "
      "when the directory cannot be written");
  cmd->add_option("--procedure", opts->procedure, "the procedure")
      ->required()
      ->check(CLI::IsMember(
          {"eps_nas_smc", "5gs_nas_smc", "lte_as_smc", "nr_as_smc", "ims_registration", "5gs_concurrency"}));
  cmd->add_option("--role", opts->role, "the party under test")->required()->check(CLI::IsMember({"ue", "network"}));
  cmd->add_option("dir", opts->dir, "the directory the traces go to")->required();
  cmd->callback([opts, &exit_code] { run(*opts, exit_code); });
}

}  // namespace secmode::cli
