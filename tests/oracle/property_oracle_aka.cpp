// The oracle's AKA (oracle/aka_judge.h) on both RATs. A network makes a challenge from a random
// subscriber with MILENAGE (spec twin), the UE answers as told, and, after a RESPONSE, the NAS SMC
// engines run with the key the spec twins derive from that AKA (TS 33.401 A.2; TS 33.501 A.2, A.6,
// A.7). Judged from K and OPc alone, a conforming AKA and the SMC after it get only "ok": so the
// oracle's key is the one both ends use. Each wrong answer the UE can give, and each fault of the
// network's AUTN, is caught and named.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "impl/codec/nas_5gs_mm.h"
#include "impl/codec/nas_eps_emm.h"
#include "impl/engine/nas_smc_network.h"
#include "impl/engine/nas_smc_ue.h"
#include "oracle/nas_judge.h"
#include "spec/crypto/keys_5gs.h"
#include "spec/crypto/keys_eps.h"
#include "spec/crypto/milenage.h"
#include "spec/crypto/plmn.h"
#include "spec/hex.h"

namespace secmode::oracle {
namespace {

using Bytes = std::vector<std::uint8_t>;

// IMEISV as TS 24.008 10.5.1.4 (type 011) and TS 24.501 9.11.3.4 (type 101) code it.
constexpr std::array<std::uint8_t, 9> kEpsImeisv{0x33, 0x65, 0x89, 0x02, 0x14, 0x32, 0x54, 0x06, 0xf1};
constexpr std::array<std::uint8_t, 9> kFivegsImeisv{0x35, 0x65, 0x89, 0x02, 0x14, 0x32, 0x54, 0x06, 0xf1};
constexpr const char* kPlmn = "00101";
constexpr const char* kSupi = "imsi-001010123456789";
constexpr std::array<std::uint8_t, 5> kMsin{0x10, 0x32, 0x54, 0x76, 0x98};  // 0123456789, BCD

template <typename M>
Bytes encoded(const M& m) {
  std::array<std::uint8_t, 256> out{};
  const auto e = encode(m, std::span<std::uint8_t>(out));
  if (!e.written) throw std::logic_error(e.error);
  return Bytes(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(e.size));
}

// How the UE answers the challenge.
enum class Answer { right, wrong_res, mac_failure, non_eps, synch, synch_bad_auts, none };
// What is wrong with the network's AUTN.
enum class Autn { good, bad_mac, no_separation };

struct Aka {
  Rat rat = Rat::eps;
  spec::Key128 k, opc;
  std::array<std::uint8_t, 16> rand{};
  std::array<std::uint8_t, 6> sqn{};
  std::array<std::uint8_t, 2> amf{0x80, 0x00};
  std::array<std::uint8_t, 2> abba{0x00, 0x00};
  std::uint8_t ksi = 0;
  Autn autn_fault = Autn::good;
  Answer answer = Answer::right;
  bool supi_in_context = false;

  NasJudge judge{Rat::eps};
  std::vector<Verdict> verdicts;
  std::size_t step = 0;

  explicit Aka(Rat r) : rat(r), judge(r) {}

  void trace(bool uplink, ByteView pdu) {
    RC_LOG() << R"({"kind":"pdu","dir":")" << (uplink ? "ul" : "dl") << R"(","proto":")"
             << (rat == Rat::eps ? "nas-eps" : "nas-5gs") << R"(","hex":")" << spec::to_hex(pdu) << "\"}\n";
    judge.pdu(++step, uplink, pdu, verdicts);
  }

  Bytes initial_request() const {
    const Bytes capability{0xf0, 0xf0, 0xc0, 0xc0};
    if (rat == Rat::eps) {
      impl::nas::AttachRequest a;
      a.eps_mobile_identity = impl::nas::Guti{};
      a.ue_network_capability = capability;
      const Bytes esm{0x02, 0x01, 0xd0, 0x11};
      a.esm_message_container = esm;
      return encoded(a);
    }
    impl::nas5gs::RegistrationRequest m;
    impl::nas5gs::SuciImsi suci;
    suci.scheme_output = kMsin;
    m.mobile_identity = suci;
    m.ue_security_capability = ByteView(capability).first(2);
    return encoded(m);
  }

  // The network's AUTHENTICATION REQUEST: AUTN = SQN xor AK || AMF || MAC-A (TS 33.102 6.3.2).
  Bytes request(const spec::MilenageOutput& m) const {
    std::array<std::uint8_t, 16> autn{};
    for (std::size_t i = 0; i < 6; ++i) autn[i] = sqn[i] ^ m.ak[i];
    std::copy(amf.begin(), amf.end(), autn.begin() + 6);
    std::copy(m.mac_a.begin(), m.mac_a.end(), autn.begin() + 8);
    if (autn_fault == Autn::bad_mac) autn[15] ^= 0x01;
    if (rat == Rat::eps) {
      impl::nas::AuthenticationRequest r;
      r.nas_key_set_identifier_asme = {false, ksi};
      r.rand = rand;
      r.autn = autn;
      return encoded(r);
    }
    impl::nas5gs::AuthenticationRequest r;
    r.ngksi = {false, ksi};
    r.abba = abba;
    r.rand = std::span<const std::uint8_t, 16>(rand);
    r.autn = std::span<const std::uint8_t, 16>(autn);
    return encoded(r);
  }

  Bytes failure(std::uint8_t cause, const std::optional<std::array<std::uint8_t, 14>>& auts) const {
    if (rat == Rat::eps) {
      impl::nas::AuthenticationFailure f;
      f.emm_cause = cause;
      if (auts) f.auts = std::span<const std::uint8_t, 14>(*auts);
      return encoded(f);
    }
    impl::nas5gs::AuthenticationFailure f;
    f.cause = cause;
    if (auts) f.auts = std::span<const std::uint8_t, 14>(*auts);
    return encoded(f);
  }

  // The UE's answer, and the key it establishes when it is a RESPONSE.
  Bytes ue_answer(const spec::MilenageOutput& m) const {
    if (answer == Answer::mac_failure) return failure(20, std::nullopt);
    if (answer == Answer::non_eps) return failure(26, std::nullopt);
    if (answer == Answer::synch || answer == Answer::synch_bad_auts) {
      // AUTS = SQN_MS xor AK* || MAC-S (TS 33.102 6.3.3), AMF 0000 in MAC-S.
      const std::array<std::uint8_t, 6> sqn_ms{0, 0, 0, 0, 0x10, 0x20};
      const std::array<std::uint8_t, 2> dummy{};
      const auto s = spec::milenage(k, opc, rand, sqn_ms, dummy);
      std::array<std::uint8_t, 14> auts{};
      for (std::size_t i = 0; i < 6; ++i) auts[i] = sqn_ms[i] ^ s.ak_star[i];
      std::copy(s.mac_s.begin(), s.mac_s.end(), auts.begin() + 6);
      if (answer == Answer::synch_bad_auts) auts[13] ^= 0x80;
      return failure(21, auts);
    }
    if (rat == Rat::eps) {
      Bytes res(m.res.begin(), m.res.end());
      if (answer == Answer::wrong_res) res[3] ^= 0x04;
      impl::nas::AuthenticationResponse r;
      r.res = res;
      return encoded(r);
    }
    const spec::Key128 res_star =
        spec::derive_res_star(m.ck, m.ik, spec::serving_network_name(spec::parse_plmn(kPlmn)), rand, m.res);
    std::array<std::uint8_t, 16> rs{};
    std::copy(res_star.begin(), res_star.end(), rs.begin());
    if (answer == Answer::wrong_res) rs[7] ^= 0x40;
    impl::nas5gs::AuthenticationResponse r;
    r.res_star = std::span<const std::uint8_t, 16>(rs);
    return encoded(r);
  }

  spec::Key256 key(const spec::MilenageOutput& m) const {
    std::array<std::uint8_t, 6> sqn_xor_ak{};
    for (std::size_t i = 0; i < 6; ++i) sqn_xor_ak[i] = sqn[i] ^ m.ak[i];
    if (rat == Rat::eps) return spec::derive_kasme(m.ck, m.ik, spec::parse_plmn(kPlmn), sqn_xor_ak);
    const std::string snn = spec::serving_network_name(spec::parse_plmn(kPlmn));
    const spec::Key256 kausf = spec::derive_kausf(m.ck, m.ik, snn, sqn_xor_ak);
    return spec::derive_kamf(spec::derive_kseaf(kausf, snn), kSupi, abba);
  }

  // The security mode control after a right RESPONSE, with the key the spec twins derive.
  template <typename UeEngine, typename NetworkEngine>
  void smc(const spec::Key256& key, const Bytes& initial) {
    UeEngine ue{rat == Rat::eps ? kEpsImeisv : kFivegsImeisv};
    NetworkEngine network;
    std::array<std::uint8_t, 1024> ul{}, dl{};
    const std::span<const std::uint8_t, 32> k32(key.data(), 32);
    ue.aka(k32, ksi);
    network.aka(k32, ksi);
    // The initial request went before the AKA; the engines see it now, which changes nothing.
    const auto sent = ue.send_initial(initial, ul);
    RC_ASSERT(sent.outcome == impl::engine::UeResult::Outcome::sent);
    network.receive_initial(sent.pdu);
    const auto c = network.start(ksi, 2, 2, dl, true);
    RC_ASSERT(c.outcome == impl::engine::NetworkResult::Outcome::command_sent);
    trace(false, c.pdu);
    const auto r = ue.receive(c.pdu, ul);
    if (r.outcome != impl::engine::UeResult::Outcome::completed)
      RC_FAIL(std::string("UE engine: ") + std::to_string(int(r.outcome)) + " #" + std::to_string(r.cause) + " " +
              r.clause + " " + r.reason);
    trace(true, r.pdu);
  }

  void run() {
    const Bytes kb = *rc::gen::container<Bytes>(16, rc::gen::arbitrary<std::uint8_t>());
    const Bytes ob = *rc::gen::container<Bytes>(16, rc::gen::arbitrary<std::uint8_t>());
    std::copy(kb.begin(), kb.end(), k.begin());
    std::copy(ob.begin(), ob.end(), opc.begin());
    const Bytes rb = *rc::gen::container<Bytes>(16, rc::gen::arbitrary<std::uint8_t>());
    std::copy(rb.begin(), rb.end(), rand.begin());
    const Bytes sb = *rc::gen::container<Bytes>(6, rc::gen::arbitrary<std::uint8_t>());
    std::copy(sb.begin(), sb.end(), sqn.begin());
    amf[1] = *rc::gen::arbitrary<std::uint8_t>();
    amf[0] = static_cast<std::uint8_t>((*rc::gen::arbitrary<std::uint8_t>() & 0x7f) |
                                       (autn_fault == Autn::no_separation ? 0 : 0x80));
    ksi = *rc::gen::inRange<std::uint8_t>(0, 7);
    Subscription s;
    s.k = k;
    s.opc = opc;
    s.plmn = kPlmn;
    if (supi_in_context) s.supi = kSupi;
    RC_LOG() << R"({"kind":"context","rat":")" << (rat == Rat::eps ? "eps" : "5gs") << R"(","k":")" << spec::to_hex(k)
             << R"(","opc":")" << spec::to_hex(opc) << R"(","plmn":")" << kPlmn << "\""
             << (supi_in_context ? std::string(R"(,"supi":")") + kSupi + "\"" : std::string()) << "}\n";
    judge.subscription(std::move(s));
    const Bytes initial = initial_request();
    trace(true, initial);
    const auto m = spec::milenage(k, opc, rand, sqn, amf);
    trace(false, request(m));
    if (answer != Answer::none) trace(true, ue_answer(m));
    if (answer == Answer::right && autn_fault == Autn::good) {
      if (rat == Rat::eps)
        smc<impl::engine::EpsNasSmcUe, impl::engine::EpsNasSmcMme>(key(m), initial);
      else
        smc<impl::engine::FivegsNasSmcUe, impl::engine::FivegsNasSmcAmf>(key(m), initial);
    }
    judge.finish(verdicts);
  }

  // The verdicts of one party, as "ok" / "violation" flags in trace order.
  std::vector<bool> of(const char* party) const {
    std::vector<bool> r;
    for (const Verdict& v : verdicts)
      if (v.party == party) r.push_back(v.ok);
    return r;
  }
  std::string all() const {
    std::string s;
    for (const Verdict& v : verdicts)
      s += "\n  step " + std::to_string(v.step) + " " + v.party + " " + (v.ok ? "ok " : "VIOLATION ") + v.clause +
           ": expected " + v.expected + ", observed " + v.observed + " (" + v.explain + ")";
    return s;
  }
};

Rat any_rat() { return *rc::gen::arbitrary<bool>() ? Rat::eps : Rat::fivegs; }

RC_GTEST_PROP(OracleAka, ARightAkaEstablishesTheKeyTheSmcRunsUnder, ()) {
  Aka a(any_rat());
  a.supi_in_context = *rc::gen::arbitrary<bool>();
  a.run();
  // Network: the challenge, the command; UE: the RESPONSE, the COMPLETE. All ok: had the oracle
  // derived another key than the engines use, the command would fail its MAC check.
  RC_ASSERT(a.of("network") == std::vector<bool>({true, true}));
  if (a.of("ue") != std::vector<bool>({true, true})) RC_FAIL(a.all());
}

RC_GTEST_PROP(OracleAka, EachWrongAnswerIsCaughtAndEachRightOneAccepted, ()) {
  Aka a(any_rat());
  a.supi_in_context = true;
  a.autn_fault = *rc::gen::element(Autn::good, Autn::bad_mac, Autn::no_separation);
  a.answer = *rc::gen::element(Answer::right, Answer::wrong_res, Answer::mac_failure, Answer::non_eps, Answer::synch,
                               Answer::synch_bad_auts, Answer::none);
  a.run();
  // The network is judged on its AUTN alone.
  RC_ASSERT(a.of("network").front() == (a.autn_fault == Autn::good));
  // The UE owes #20 to a bad MAC, #26 to a good MAC without the separation bit, and to a good AUTN
  // the right RES or a synch failure whose AUTS verifies.
  bool right = false;
  switch (a.autn_fault) {
    case Autn::bad_mac:
      right = a.answer == Answer::mac_failure;
      break;
    case Autn::no_separation:
      right = a.answer == Answer::non_eps;
      break;
    case Autn::good:
      right = a.answer == Answer::right || a.answer == Answer::synch;
      break;
  }
  const auto ue = a.of("ue");
  RC_ASSERT(!ue.empty());
  if (ue.front() != right) RC_FAIL(a.all());
}

TEST(OracleAka, FiveGsWithoutSupiIsUnusableInput) {
  // A 5-G-S-TMSI REGISTRATION REQUEST names no SUPI: K_AMF cannot be derived, and the oracle says
  // why.
  NasJudge judge(Rat::fivegs);
  Subscription s;  // K and OPc all zero
  s.plmn = kPlmn;
  judge.subscription(std::move(s));
  impl::nas5gs::RegistrationRequest m;
  m.mobile_identity = impl::nas5gs::FiveGSTmsi{1, 2, 3};
  const Bytes cap{0xf0, 0xf0};
  m.ue_security_capability = cap;
  std::vector<Verdict> v;
  judge.pdu(1, true, encoded(m), v);
  const spec::Key128 zero{};
  const auto out = spec::milenage(zero, zero, std::array<std::uint8_t, 16>{}, std::array<std::uint8_t, 6>{},
                                  std::array<std::uint8_t, 2>{0x80, 0});
  std::array<std::uint8_t, 16> autn{};
  for (std::size_t i = 0; i < 6; ++i) autn[i] = out.ak[i];
  autn[6] = 0x80;
  std::copy(out.mac_a.begin(), out.mac_a.end(), autn.begin() + 8);
  impl::nas5gs::AuthenticationRequest r;
  const std::array<std::uint8_t, 2> abba{};
  const std::array<std::uint8_t, 16> rand{};
  r.ngksi = {false, 1};
  r.abba = abba;
  r.rand = std::span<const std::uint8_t, 16>(rand);
  r.autn = std::span<const std::uint8_t, 16>(autn);
  judge.pdu(2, false, encoded(r), v);
  ASSERT_EQ(v.size(), 1u);
  ASSERT_TRUE(v[0].ok) << v[0].explain;  // the AUTN verifies: the failure below
                                         // is for the SUPI alone
  const spec::Key128 rs =
      spec::derive_res_star(out.ck, out.ik, spec::serving_network_name(spec::parse_plmn(kPlmn)), rand, out.res);
  std::array<std::uint8_t, 16> res_star{};
  std::copy(rs.begin(), rs.end(), res_star.begin());
  impl::nas5gs::AuthenticationResponse a;
  a.res_star = std::span<const std::uint8_t, 16>(res_star);
  try {
    judge.pdu(3, true, encoded(a), v);
    FAIL() << "K_AMF derived without a SUPI";
  } catch (const UnusableInput& e) {
    EXPECT_NE(std::string(e.what()).find("supi"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace secmode::oracle
