// Refinement: the UE's IMS registration engine (impl/engine/ims_ue.h) and the UE's rule table
// (spec/procedures/ims_sa_ue.h) driven in lock-step by random event sequences. The harness plays
// the P-CSCF and S-CSCF: 401s with AUTNs made with the subscriber's K and OPc (fresh, stale or
// with a broken MAC) and Security-Server lists of zero to two mechanisms, some the UE does not
// know, some without the set-up parameters; 200 OKs; other messages; each over the set the
// REGISTER used, another set, no set, or an SPI the UE does not hold; replies to a stale CSeq;
// lifetimes running out. The UE gets new registrations with fresh or reused SPIs. The engine sees
// SIP text and SPIs; the table sees their abstraction (a set is the spi-c that proposed it, a
// mechanism the 1-based index in the UE's list, MAC and SQN checked by the harness's own
// MILENAGE). After every step the engine's state must abstract to the table's, and each REGISTER
// the engine wrote must be what the table's output says, read with the spec twins: over which
// set (and its outbound SPI), Security-Client, Security-Verify mirroring the Security-Server,
// and the answer (the RES digest recomputed, an empty response, or an AUTS whose MAC-S and SQN_MS
// check out).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <map>

#include "impl/engine/ims_ue.h"
#include "oracle/sip_message.h"
#include "spec/codec/sip_digest_aka.h"
#include "spec/codec/sip_sec_agree.h"
#include "spec/crypto/hmac.h"
#include "spec/crypto/milenage.h"
#include "spec/hex.h"
#include "spec/procedures/ims_sa_ue.h"
#include "tests/engine/lockstep.h"

namespace secmode::impl::engine {
namespace {

namespace ims = spec::ims_sa_ue;
using spec::Concrete;
using Outcome = ImsUeResult::Outcome;
using SpecState = ims::State<Concrete>;
using SpecEvent = ims::Event<Concrete>;
using SpecStep = spec::Step<Concrete, SpecState, ims::Output<Concrete>>;
using Bytes = std::vector<std::uint8_t>;
using SpecMechanism = spec::sip::SecurityMechanism;

constexpr std::int64_t kRegAwaitAuth = 240000;
constexpr std::uint32_t kExpires = 3600;

// The UE's three mechanisms, and one it does not know.
const std::vector<EspMechanism> kUeMechanisms{
    {sip::IntegrityAlgorithm::hmac_sha_1_96, sip::EncryptionAlgorithm::aes_cbc},
    {sip::IntegrityAlgorithm::hmac_sha_1_96, std::nullopt},
    {sip::IntegrityAlgorithm::aes_gmac, sip::EncryptionAlgorithm::aes_gcm}};
const EspMechanism kUnknown{sip::IntegrityAlgorithm::hmac_md5_96, sip::EncryptionAlgorithm::des_ede3_cbc};

std::uint64_t sqn_value(const std::array<std::uint8_t, 6>& s) {
  std::uint64_t v = 0;
  for (auto b : s) v = v << 8 | b;
  return v;
}
std::array<std::uint8_t, 6> sqn_bytes(std::uint64_t v) {
  std::array<std::uint8_t, 6> s{};
  for (int i = 5; i >= 0; --i, v >>= 8) s[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v);
  return s;
}

std::string md5_hex(std::string_view text, const Bytes& tail = {}) {
  Bytes b(text.begin(), text.end());
  b.insert(b.end(), tail.begin(), tail.end());
  return spec::to_hex(spec::digest(spec::Hash::md5, b));
}

struct Harness {
  const spec::Mutation* mutation = nullptr;
  std::array<std::uint8_t, 16> k{}, opc{};
  std::uint64_t sqn_ms = 0;  // the harness's reading of the USIM's highest accepted SQN
  ImsUeConfig config;
  std::unique_ptr<ImsUe> engine;
  SpecState state = ims::initial(Concrete{});
  std::int64_t now = 0;
  std::uint32_t next_spi = 1000, pcscf_spi = 70000;
  std::uint16_t next_port = 6000;
  // What the harness knows of each set: the P-CSCF's parameters and its SIP level lifetime.
  struct Set {
    SecParams remote;
    std::int64_t expires = 0;
  };
  std::map<std::uint32_t, Set> sets;
  // The pending REGISTER as written: CSeq, Call-ID.
  std::uint32_t cseq = 0;
  std::string call_id;
  std::array<char, 4096> out{};
  std::map<std::string, int> seen;

  Harness() {
    const auto b = *rc::gen::container<Bytes>(32, rc::gen::arbitrary<std::uint8_t>());
    std::copy(b.begin(), b.begin() + 16, k.begin());
    std::copy(b.begin() + 16, b.end(), opc.begin());
    sqn_ms = *rc::gen::inRange<std::uint64_t>(0, 1u << 20);
    config.k = k;
    config.opc = opc;
    config.sqn_ms = sqn_bytes(sqn_ms);
    config.impi = "001010000000001@ims.mnc001.mcc001.3gppnetwork.org";
    config.impu = "sip:001010000000001@ims.mnc001.mcc001.3gppnetwork.org";
    config.home_domain = "ims.mnc001.mcc001.3gppnetwork.org";
    config.mechanisms = kUeMechanisms;
    config.expires_s = kExpires;
    config.reg_await_auth_ms = kRegAwaitAuth;
    engine = std::make_unique<ImsUe>(config);
  }

  SpecStep spec_step(const SpecEvent& e) {
    const auto rules = spec::ImsSaUe::rules<Concrete>(mutation);
    return spec::step(Concrete{}, rules, state, e);
  }
  std::string rule_name(const SpecStep& st) const {
    return st.fired == spec::kNoRule ? "none" : std::string(ims::rules<Concrete>()[st.fired].name);
  }
  static SpecEvent event(std::uint32_t kind) {
    SpecEvent e{};
    e.kind = kind;
    return e;
  }
  static std::uint32_t mechanism_id(const EspMechanism& m) {
    for (std::size_t i = 0; i < kUeMechanisms.size(); ++i)
      if (kUeMechanisms[i] == m) return static_cast<std::uint32_t>(i + 1);
    return 0;
  }

  SecParams fresh_proposal() {
    const SecParams p{next_spi, next_spi + 1, next_port, static_cast<std::uint16_t>(next_port + 1)};
    next_spi += 2;
    next_port = static_cast<std::uint16_t>(next_port + 2);
    return p;
  }
  // Mostly new SPIs; sometimes those of a set the UE holds or proposed (5.1.1.5.3 forbids them).
  SecParams proposal() {
    std::vector<std::uint32_t> held;
    for (const auto id : {state.established, state.old, state.temporary, state.proposed})
      if (id != ims::kNoSa) held.push_back(id);
    if (held.empty() || *rc::gen::inRange(0, 6) != 0) return fresh_proposal();
    const std::uint32_t id = *rc::gen::elementOf(held);
    return {id, id + 1, 5000, 5001};
  }

  void check_state() {
    RC_ASSERT(engine->registered() == state.registered);
    RC_ASSERT(engine->awaiting() == state.awaiting);
    RC_ASSERT(engine->proposal().spi_c == state.proposed);
    RC_ASSERT(engine->offered() == state.offered);
    RC_ASSERT(engine->set_id(SaRole::established) == state.established);
    RC_ASSERT(engine->set_id(SaRole::old) == state.old);
    RC_ASSERT(engine->set_id(SaRole::temporary) == state.temporary);
    const auto alg = [&](SaRole role) {
      const SaSet* s = engine->sets().with_role(role);
      return s ? mechanism_id(s->mechanism) : ims::kNoAlg;
    };
    RC_ASSERT(alg(SaRole::established) == state.established_alg);
    RC_ASSERT(alg(SaRole::temporary) == state.temporary_alg);
    const std::size_t held = (state.established != 0) + (state.old != 0) + (state.temporary != 0);
    RC_ASSERT(engine->sets().size() == held);
    RC_ASSERT(sqn_value(engine->sqn_ms()) == sqn_ms);
  }

  // The REGISTER the engine wrote, against the table's output.
  struct Challenge {
    std::string text;  // the Security-Server lines as sent, decoded by the spec twin
    spec::sip::SecurityMechanisms server;
    std::array<std::uint8_t, 16> rand{};
    std::string nonce, realm, call_id;
    bool qop = false;
  };
  void check_register(const ImsUeResult& r, const SpecStep& st, const Challenge* c) {
    const auto& o = st.output;
    RC_ASSERT(r.outcome == Outcome::sent);
    RC_ASSERT(r.over == o.protected_by);
    RC_ASSERT(r.esp_spi == (o.protected_by == ims::kNoSa ? 0u : sets.at(o.protected_by).remote.spi_s));
    const oracle::SipMessage m = oracle::read_sip(r.text);
    RC_ASSERT(m.request && m.method == "REGISTER");
    const auto client = spec::sip::decode_security_headers("Security-Client", m.all("Security-Client"));
    RC_ASSERT(client.ok());
    std::uint32_t offered = 0;
    for (const auto& x : client.value()) {
      RC_ASSERT(x.spi_c == o.client_spi);
      offered |=
          1u << mechanism_id({static_cast<sip::IntegrityAlgorithm>(*x.alg),
                              x.ealg ? std::optional(static_cast<sip::EncryptionAlgorithm>(*x.ealg)) : std::nullopt});
    }
    RC_ASSERT(offered == st.state.offered);
    const auto verify = m.all("Security-Verify");
    RC_ASSERT(!verify.empty() == o.verify);
    if (o.verify) {
      const auto v = spec::sip::decode_security_headers("Security-Verify", verify);
      RC_ASSERT(v.ok());
      RC_ASSERT(v.value() == c->server);  // RFC 3329 2.3.1: mirrored
    }
    const auto auth = spec::sip::decode_aka_credentials("Authorization", m.all("Authorization").at(0));
    RC_ASSERT(auth.ok());
    const auto& a = auth.value();
    const std::uint32_t answer = !a.nonce      ? ims::kNoAnswer
                                 : a.auts      ? ims::kAuts
                                 : !a.response ? ims::kEmptyResponse
                                               : ims::kRes;
    RC_ASSERT(answer == o.answer);
    RC_ASSERT(a.username == config.impi);
    if (answer == ims::kRes) {
      // RFC 3310 3.3, RFC 2617 3.2.2: recomputed with RES = f2(K, RAND).
      const auto mil = spec::milenage(k, opc, c->rand, Bytes(6, 0), Bytes(2, 0));
      const std::string ha1 = md5_hex(config.impi + ":" + c->realm + ":", Bytes(mil.res.begin(), mil.res.end()));
      const std::string ha2 = md5_hex("REGISTER:" + a.uri);
      std::string kd = ha1 + ":" + c->nonce + ":";
      if (c->qop) {
        RC_ASSERT(a.qop == std::optional<std::string>("auth"));
        char nc[9];
        std::snprintf(nc, sizeof nc, "%08x", a.nc.value_or(0));
        kd += std::string(nc) + ":" + a.cnonce.value_or("") + ":auth:";
      }
      RC_ASSERT(*a.response == md5_hex(kd + ha2));
      RC_ASSERT(m.all("Call-ID").at(0) == c->call_id);  // 5.1.1.5.1 3)
    }
    if (answer == ims::kAuts) {
      // TS 33.102 6.3.3: Conc(SQN_MS) with f5*, MAC-S = f1*(SQN_MS, RAND, AMF = 0).
      const auto mil = spec::milenage(k, opc, c->rand, Bytes(6, 0), Bytes(2, 0));
      std::array<std::uint8_t, 6> ms{};
      for (std::size_t i = 0; i < 6; ++i) ms[i] = (*a.auts)[i] ^ mil.ak_star[i];
      RC_ASSERT(sqn_value(ms) == sqn_ms);
      const auto check = spec::milenage(k, opc, c->rand, ms, Bytes(2, 0));
      RC_ASSERT(std::equal(check.mac_s.begin(), check.mac_s.end(), a.auts->begin() + 6));
    }
    RC_ASSERT(r.deleted == o.deleted);
    cseq = static_cast<std::uint32_t>(std::stoul(std::string(m.all("CSeq").at(0))));
    call_id = std::string(m.all("Call-ID").at(0));
  }

  void registration() {
    const SecParams p = proposal();
    const std::uint32_t offered = *rc::gen::inRange<std::uint32_t>(1, 8) << 1;
    SpecEvent e = event(ims::kSendRegister);
    e.spi = p.spi_c;
    e.offered = offered;
    const ImsUeResult r = engine->register_(p, offered, out);
    const SpecStep st = spec_step(e);
    RC_LOG() << "register spi " << p.spi_c << " offers " << offered << ": " << rule_name(st) << ", engine "
             << int(r.outcome) << " " << r.reason << "\n";
    if (st.output.message == ims::kRegister) {
      check_register(r, st, nullptr);
    } else {
      RC_ASSERT(r.outcome == Outcome::refused);
    }
    seen[rule_name(st)]++;
    state = st.state;
  }

  // The set a message arrives over: mostly the one the pending REGISTER used, else any other.
  // Returns the SPI (nullopt: none) and the set's identity (0: none; 1: an SPI the UE lacks).
  std::pair<std::optional<std::uint32_t>, std::uint32_t> arrival(std::uint32_t likely) {
    std::vector<std::uint32_t> known{ims::kNoSa};
    for (const auto id : {state.established, state.old, state.temporary})
      if (id != ims::kNoSa) known.push_back(id);
    const int pick = *rc::gen::inRange(0, 10);
    const std::uint32_t id = pick < 6 ? likely : pick < 9 ? *rc::gen::elementOf(known) : 1;
    if (id == 1) return {5, 1};  // a reserved SPI no set has
    if (id == ims::kNoSa) return {std::nullopt, ims::kNoSa};
    return {id + *rc::gen::inRange<std::uint32_t>(0, 2), id};  // either inbound SA of the set
  }

  std::string response_head(int status, bool current) {
    const std::uint32_t n = current ? cseq : cseq + 7;
    return "SIP/2.0 " + std::to_string(status) + (status == 401 ? " Unauthorized" : " OK") +
           "\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1\r\nFrom: <" + config.impu + ">;tag=1\r\nTo: <" +
           config.impu + ">;tag=2\r\nCall-ID: " + call_id + "\r\nCSeq: " + std::to_string(n) + " REGISTER\r\n";
  }

  // A 401 from the S-CSCF through the P-CSCF; an honest one answers the pending REGISTER, over
  // its set, with a valid AUTN and a Security-Server holding a mechanism the UE offered.
  void challenge(bool honest) {
    const bool current = honest || *rc::gen::inRange(0, 8) != 0;
    const auto [spi, sa] =
        honest ? std::pair{state.established ? std::optional(state.established) : std::nullopt, state.established}
               : arrival(state.established);
    Challenge c;
    const auto rb = *rc::gen::container<Bytes>(16, rc::gen::arbitrary<std::uint8_t>());
    std::copy(rb.begin(), rb.end(), c.rand.begin());
    const int kind = honest ? 2 : *rc::gen::inRange(0, 10);  // 0: broken MAC, 1: stale SQN, else valid
    const std::uint64_t sqn = kind == 1 ? *rc::gen::inRange<std::uint64_t>(0, sqn_ms + 1)
                                        : sqn_ms + *rc::gen::inRange<std::uint64_t>(1, 1000);
    const Bytes amf{0x80, 0x00};
    const auto mil = spec::milenage(k, opc, c.rand, sqn_bytes(sqn), amf);
    spec::sip::AkaChallenge ch;
    ch.realm = config.home_domain;
    std::copy(c.rand.begin(), c.rand.end(), ch.nonce.rand.begin());
    for (std::size_t i = 0; i < 6; ++i) ch.nonce.autn[i] = sqn_bytes(sqn)[i] ^ mil.ak[i];
    ch.nonce.autn[6] = amf[0];
    ch.nonce.autn[7] = amf[1];
    std::copy(mil.mac_a.begin(), mil.mac_a.end(), ch.nonce.autn.begin() + 8);
    if (kind == 0) ch.nonce.autn[8 + *rc::gen::inRange<std::size_t>(0, 8)] ^= 0x01;
    c.qop = *rc::gen::arbitrary<bool>();
    if (c.qop) ch.qop = {"auth"};
    c.realm = ch.realm;
    c.nonce = spec::sip::encode_aka_nonce(ch.nonce);
    c.call_id = call_id;
    // Security-Server: absent, or one or two mechanisms; one in five without its SPIs.
    const int servers = honest ? *rc::gen::inRange(1, 3) : *rc::gen::inRange(0, 3);
    std::vector<EspMechanism> universe = kUeMechanisms;
    universe.push_back(kUnknown);
    std::vector<EspMechanism> offered;
    for (std::size_t i = 0; i < kUeMechanisms.size(); ++i)
      if (state.offered & (1u << (i + 1))) offered.push_back(kUeMechanisms[i]);
    for (int i = 0; i < servers; ++i) {
      const EspMechanism em =
          honest && i == 0 && !offered.empty() ? *rc::gen::elementOf(offered) : *rc::gen::elementOf(universe);
      SpecMechanism x;
      x.name = "ipsec-3gpp";
      x.alg = static_cast<spec::sip::IntegrityAlgorithm>(em.alg);
      if (em.ealg) x.ealg = static_cast<spec::sip::EncryptionAlgorithm>(*em.ealg);
      if (*rc::gen::arbitrary<bool>()) x.q = static_cast<std::uint16_t>(*rc::gen::inRange(1, 10) * 100);
      x.spi_c = pcscf_spi;
      x.spi_s = pcscf_spi + 1;
      pcscf_spi += 2;
      x.port_c = 7000;
      x.port_s = 7001;
      c.server.push_back(x);
    }
    const bool without_spis = !honest && servers > 0 && *rc::gen::inRange(0, 5) == 0;
    if (without_spis)
      for (auto& x : c.server) x.spi_s.reset();
    const SecParams next = proposal();
    std::string text = response_head(401, current) + "WWW-Authenticate: " + spec::sip::encode(ch) + "\r\n";
    if (!c.server.empty()) text += "Security-Server: " + spec::sip::encode(c.server) + "\r\n";
    text += "Content-Length: 0\r\n\r\n";

    // The table's view: the usable mechanisms by preference (RFC 3329 2.2: higher q first).
    std::vector<const SpecMechanism*> usable;
    for (const auto& x : c.server)
      if (x.spi_c && x.spi_s) usable.push_back(&x);
    std::stable_sort(usable.begin(), usable.end(),
                     [](auto* a, auto* b) { return a->q.value_or(0) > b->q.value_or(0); });
    const auto id_of = [](const SpecMechanism* x) {
      return mechanism_id({static_cast<sip::IntegrityAlgorithm>(*x->alg),
                           x->ealg ? std::optional(static_cast<sip::EncryptionAlgorithm>(*x->ealg)) : std::nullopt});
    };
    const bool pending = state.awaiting && current;
    SpecEvent e = event(pending ? ims::kChallenge : ims::kProtectedByNew);
    e.sa = sa;
    e.spi = next.spi_c;
    e.mac_ok = kind != 0;
    e.sqn_ok = sqn > sqn_ms;
    e.server_present = !usable.empty();
    e.server_first = usable.size() > 0 ? id_of(usable[0]) : ims::kNoAlg;
    e.server_second = usable.size() > 1 ? id_of(usable[1]) : ims::kNoAlg;

    const ImsUeResult r = engine->receive(text, spi, next, out);
    RC_LOG() << "401 over set " << sa << (current ? "" : " (stale CSeq)") << (kind == 0 ? " bad MAC" : "")
             << (e.sqn_ok ? "" : " stale SQN") << " server [" << e.server_first << ", " << e.server_second << "]"
             << (without_spis ? " without SPIs" : "") << ", next " << next.spi_c << ": engine " << int(r.outcome) << " "
             << r.reason << "\n";
    if (sa == 1) {
      RC_ASSERT(r.outcome == Outcome::discarded);
      return;
    }
    const SpecStep st = spec_step(e);
    RC_LOG() << "  table: " << rule_name(st) << "\n";
    seen[rule_name(st)]++;
    if (st.output.message == ims::kRegister) {
      if (rule_name(st) == "challenge_valid") {
        const SpecMechanism* chosen = nullptr;
        for (const auto* x : usable)
          if (id_of(x) == st.state.temporary_alg) {
            chosen = x;
            break;
          }
        if (chosen == nullptr) RC_FAIL("the table's temporary_alg is no usable mechanism of the Security-Server");
        sets[st.state.temporary] = {{*chosen->spi_c, *chosen->spi_s, *chosen->port_c, *chosen->port_s},
                                    now + kRegAwaitAuth};
        sqn_ms = sqn;
      }
      check_register(r, st, &c);
    } else {
      RC_ASSERT(r.outcome != Outcome::sent);
      RC_ASSERT(r.deleted == st.output.deleted);
    }
    state = st.state;
  }

  void ok(bool honest) {
    const std::uint32_t likely = state.temporary != ims::kNoSa ? state.temporary : state.established;
    const bool current = honest || *rc::gen::inRange(0, 8) != 0;
    const auto [spi, sa] = honest ? std::pair{likely ? std::optional(likely) : std::nullopt, likely} : arrival(likely);
    const bool with_expires = *rc::gen::arbitrary<bool>();
    const std::uint32_t expires = with_expires ? *rc::gen::inRange<std::uint32_t>(60, 7200) : kExpires;
    std::string text = response_head(200, current);
    if (with_expires) text += "Expires: " + std::to_string(expires) + "\r\n";
    text += "Content-Length: 0\r\n\r\n";
    const bool pending = state.awaiting && current;
    SpecEvent e = event(pending ? ims::kOk : ims::kProtectedByNew);
    e.sa = sa;
    const ImsUeResult r = engine->receive(text, spi, fresh_proposal(), out);
    RC_LOG() << "200 OK over set " << sa << (current ? "" : " (stale CSeq)") << ": engine " << int(r.outcome) << " "
             << r.reason << "\n";
    if (sa == 1) {
      RC_ASSERT(r.outcome == Outcome::discarded);
      return;
    }
    const SpecStep st = spec_step(e);
    seen[rule_name(st)]++;
    RC_ASSERT(r.outcome != Outcome::sent);
    RC_ASSERT(r.deleted == st.output.deleted);
    // 5.1.1.5.1: the new set lives the longest of the previous set's lifetime and the
    // registration's plus 30 s.
    const std::int64_t lifetime = now + std::int64_t{expires} * 1000 + 30000;
    const std::string rule = rule_name(st);
    if (rule == "ok_over_temporary") {
      RC_ASSERT(r.replaced == state.old);
      const std::int64_t previous = state.established != ims::kNoSa ? sets.at(state.established).expires : 0;
      sets.at(state.temporary).expires = std::max(lifetime, previous);
    } else if (rule == "ok_without_challenge") {
      auto& s = sets.at(state.established);
      s.expires = std::max(lifetime, s.expires);
    }
    state = st.state;
  }

  void other_message() {
    const auto [spi, sa] = arrival(state.established);
    const std::string text = "NOTIFY " + config.impu + " SIP/2.0\r\nCSeq: 1 NOTIFY\r\nContent-Length: 0\r\n\r\n";
    const ImsUeResult r = engine->receive(text, spi, fresh_proposal(), out);
    if (sa == 1) {
      RC_ASSERT(r.outcome == Outcome::discarded);
      return;
    }
    SpecEvent e = event(ims::kProtectedByNew);
    e.sa = sa;
    const SpecStep st = spec_step(e);
    seen[rule_name(st)]++;
    RC_ASSERT(r.outcome != Outcome::sent);
    RC_ASSERT(r.deleted == st.output.deleted);
    state = st.state;
  }

  // Time passes: to the next lifetime's end, or part of the way.
  void time_passes() {
    std::int64_t next = now + *rc::gen::inRange<std::int64_t>(0, 200000);
    for (const auto id : {state.temporary, state.old, state.established})
      if (id != ims::kNoSa && *rc::gen::inRange(0, 4) == 0) next = std::max(now, sets.at(id).expires);
    now = next;
    for (;;) {
      // The set due first: the earliest lifetime, and at one instant temporary, old, established.
      std::uint32_t due = ims::kNoSa, kind = 0;
      std::int64_t when = 0;
      const std::array<std::pair<std::uint32_t, std::uint32_t>, 3> order{
          {{state.temporary, ims::kTempExpiry}, {state.old, ims::kOldExpiry}, {state.established, ims::kSaExpiry}}};
      for (const auto& [id, expiry] : order)
        if (id != ims::kNoSa && sets.at(id).expires <= now && (due == ims::kNoSa || sets.at(id).expires < when)) {
          due = id;
          kind = expiry;
          when = sets.at(id).expires;
        }
      const ImsUeResult r = engine->advance(now);
      RC_LOG() << "t = " << now << ": engine " << int(r.outcome) << " deletes " << r.deleted << "\n";
      if (due == ims::kNoSa) {
        RC_ASSERT(r.outcome == Outcome::nothing);
        return;
      }
      const SpecStep st = spec_step(event(kind));
      seen[rule_name(st)]++;
      RC_ASSERT(st.fired != spec::kNoRule);
      RC_ASSERT(r.deleted == st.output.deleted);
      RC_ASSERT(r.replaced == (kind == ims::kSaExpiry ? state.old : ims::kNoSa));
      state = st.state;
      check_state();
    }
  }

  void run() {
    registration();
    check_state();
    const auto steps = *rc::gen::inRange(1, 40);
    for (int i = 0; i < steps; ++i) {
      // Half the steps take the registration forward (what an honest P-CSCF does next), the
      // others are any event.
      const int natural = !state.awaiting ? 0 : state.temporary == ims::kNoSa ? 1 : 2;
      const int pick = *rc::gen::arbitrary<bool>() ? natural
                                                   : *rc::gen::weightedOneOf<int>({{2, rc::gen::just(0)},
                                                                                   {4, rc::gen::just(1)},
                                                                                   {4, rc::gen::just(2)},
                                                                                   {3, rc::gen::just(3)},
                                                                                   {2, rc::gen::just(4)}});
      switch (pick) {
        case 0:
          registration();
          break;
        case 1:
          challenge(pick == natural && *rc::gen::inRange(0, 4) != 0);
          break;
        case 2:
          ok(pick == natural && *rc::gen::inRange(0, 4) != 0);
          break;
        case 3:
          other_message();
          break;
        default:
          time_passes();
          break;
      }
      check_state();
    }
    RC_CLASSIFY(seen["challenge_valid"] > 0, "a valid challenge");
    RC_CLASSIFY(seen["ok_over_temporary"] > 1, "a re-registration");
    RC_CLASSIFY(seen["delete_old_on_first_use_of_new"] > 0, "the old set ended by the new");
    RC_CLASSIFY(seen["challenge_sqn_failure"] > 0, "AUTS");
    RC_CLASSIFY(seen["established_expiry"] > 0, "the registration expired");
  }
};

RC_GTEST_PROP(ImsSaUeRefinement, EngineAndRuleTableAgreeStepByStep, ()) { Harness().run(); }

// The comparison bites: each mutant of the table's mutation list disagrees with the engine on
// some random sequence.
TEST(ImsSaUeRefinement, EveryMutantTableIsCaught) {
  for (const auto& m : spec::ImsSaUe::mutations()) {
    SCOPED_TRACE(m.rule);
    EXPECT_TRUE(test::lockstep::mutant_caught<Harness>("IMS UE engine against a mutated table", m));
  }
}

}  // namespace
}  // namespace secmode::impl::engine
