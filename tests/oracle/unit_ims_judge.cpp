// The IMS judge (oracle/ims_judge.h) on registrations built by tests/oracle/ims_exchange.h: the
// honest UE conforms, with and without a forged first challenge; each fault a UE can make is
// caught as the UE's, with the clause that forbids it.
#include "oracle/ims_judge.h"
#include "tests/oracle/ims_exchange.h"

namespace secmode::oracle {
namespace {

std::vector<Verdict> judge(const std::vector<std::string>& lines) {
  const auto ctx = nlohmann::json::parse(lines.at(0));
  Subscription s;
  const auto k = spec::from_hex(ctx["k"].get<std::string>()), opc = spec::from_hex(ctx["opc"].get<std::string>());
  std::copy(k.begin(), k.end(), s.k.begin());
  std::copy(opc.begin(), opc.end(), s.opc.begin());
  ImsJudge j(std::move(s));
  std::vector<Verdict> out;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto l = nlohmann::json::parse(lines[i]);
    std::optional<std::uint32_t> spi;
    if (l["protected_by"].is_number()) spi = l["protected_by"].get<std::uint32_t>();
    j.sip(i + 1, l["dir"] == "ul", spi, l["text"].get<std::string>(), out);
  }
  j.finish(out);
  return out;
}

std::string first_violation(const std::vector<Verdict>& v) {
  for (const Verdict& x : v)
    if (!x.ok) return x.party + " | " + x.clause + " | " + x.explain;
  return "";
}

TEST(ImsJudge, AnHonestRegistrationAndReRegistrationConform) {
  for (bool forged : {false, true}) {
    const auto v = judge(test::ImsExchange().lines({}, forged));
    EXPECT_EQ(first_violation(v), "");
    // Each REGISTER judged: initial, (the answer to the forged 401,) the answer, the re-REGISTER, its answer.
    EXPECT_EQ(v.size(), forged ? 5u : 4u);
  }
}

TEST(ImsJudge, EachUeFaultIsCaughtWithItsClause) {
  struct Case {
    test::ImsFaults f;
    std::string clause, explain;
  };
  const std::vector<Case> cases = {
      {{.verify_drops_preferred = true}, "TS 24.229 5.1.1.5.1", "Security-Verify differs from the Security-Server"},
      {{.answer_unprotected = true}, "TS 24.229 5.1.1.5.1", "it went over no protection"},
      {{.reuse_spi_after_bad_mac = true}, "TS 24.229 5.1.1.5.3", "spi-c 1111 names a set the UE holds or proposed"},
      {{.wrong_res = true}, "TS 24.229 5.1.1.5.1", "not computed from RES"},
      {{.forged_mac_answered = true},
       "TS 24.229 5.1.1.5.3",
       "it went over the set proposed with spi-c 1111, not no protection"},
      {{.second_challenge_unanswered = true}, "TS 24.229 5.1.1.5.1", "gets a further REGISTER"},
  };
  for (const Case& c : cases) {
    const std::string v = first_violation(judge(test::ImsExchange().lines(c.f)));
    EXPECT_NE(v.find("ue | " + c.clause), std::string::npos) << v;
    EXPECT_NE(v.find(c.explain), std::string::npos) << v;
  }
}

TEST(ImsJudge, UnusableMessagesSayWhy) {
  auto lines = test::ImsExchange().lines({});
  auto l = nlohmann::json::parse(lines[1]);
  l["text"] = "REGISTER sip:x SIP/2.0\r\nCSeq: 1 REGISTER\r\n\r\n";
  lines[1] = l.dump();
  EXPECT_THROW(judge(lines), UnusableInput);
  l["text"] = "not sip";
  lines[1] = l.dump();
  try {
    judge(lines);
    ADD_FAILURE();
  } catch (const UnusableInput& e) {
    EXPECT_NE(std::string(e.what()).find("SIP message line 1"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace secmode::oracle
