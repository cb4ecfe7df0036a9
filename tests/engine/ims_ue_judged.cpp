// The IMS UE engine's traffic judged by the oracle (oracle/ims_judge.h), which was written apart
// from it: an initial registration, an authenticated re-registration moving SA1 / SA2 to SA11 /
// SA12 with the old set deleted when the P-CSCF first uses the new one, a challenge with a stale
// SQN answered with AUTS, one with a broken MAC answered with an empty response, and one without
// Security-Server. Every REGISTER the engine writes must be the one the oracle finds due; the
// same trace with one REGISTER altered must not be.
#include <gtest/gtest.h>

#include <algorithm>
#include <span>
#include <string>
#include <vector>

#include "cli/ims_challenge.h"
#include "impl/engine/ims_ue.h"
#include "oracle/ims_judge.h"

namespace secmode::impl::engine {
namespace {

using Outcome = ImsUeResult::Outcome;
struct Line {
  bool uplink;
  std::optional<std::uint32_t> spi;
  std::string text;
};

class Scenario {
 public:
  Scenario() {
    for (std::size_t i = 0; i < 16; ++i) {
      k_[i] = static_cast<std::uint8_t>(0x40 + i);
      opc_[i] = static_cast<std::uint8_t>(0x90 ^ i);
    }
    config_.k = k_;
    config_.opc = opc_;
    config_.sqn_ms = {0, 0, 0, 0, 0x10, 0};
    config_.impi = "001010000000001@ims.mnc001.mcc001.3gppnetwork.org";
    config_.impu = "sip:001010000000001@ims.mnc001.mcc001.3gppnetwork.org";
    config_.home_domain = "ims.mnc001.mcc001.3gppnetwork.org";
    config_.mechanisms = {{sip::IntegrityAlgorithm::hmac_sha_1_96, sip::EncryptionAlgorithm::aes_cbc},
                          {sip::IntegrityAlgorithm::aes_gmac, sip::EncryptionAlgorithm::aes_gcm}};
    ue_ = std::make_unique<ImsUe>(config_);
  }

  void register_(std::uint32_t spi) {
    const auto r = ue_->register_({spi, spi + 1, static_cast<std::uint16_t>(spi), static_cast<std::uint16_t>(spi + 1)},
                                  0b110, out_);
    ASSERT_EQ(r.outcome, Outcome::sent) << r.reason;
    sent(r);
  }
  // A 401 over the set the REGISTER used; `sqn` its SQN, `mac_ok` whether AUTN's MAC is right.
  // With `into`, the UE answers into that buffer and the exchange is not recorded in `lines`.
  void challenge(std::uint64_t sqn, bool mac_ok, bool with_server, std::uint32_t next_spi, std::span<char> into = {}) {
    std::array<std::uint8_t, 16> rand{};
    for (std::size_t i = 0; i < 16; ++i) rand[i] = static_cast<std::uint8_t>(++counter_ * 7 + i);
    spec::sip::SecurityMechanisms server;
    if (with_server) {
      using spec::sip::EncryptionAlgorithm;
      using spec::sip::IntegrityAlgorithm;
      // The P-CSCF prefers AES-GMAC (q=0.5 over 0.1).
      server = {
          cli::ims::pcscf_mechanism(IntegrityAlgorithm::hmac_sha_1_96, EncryptionAlgorithm::aes_cbc, 100, pcscf_spi_),
          cli::ims::pcscf_mechanism(IntegrityAlgorithm::aes_gmac, EncryptionAlgorithm::aes_gcm, 500, pcscf_spi_ + 2)};
      pcscf_spi_ += 4;
    }
    const std::string www = cli::ims::www_authenticate(k_, opc_, rand, sqn, mac_ok, true, config_.home_domain);
    deliver(cli::ims::unauthorized(call_id_, cseq_, www, server), ue_->set_id(SaRole::established), next_spi, into);
  }
  void ok() { deliver(response(200, "OK") + "Content-Length: 0\r\n\r\n", ue_->set_id(SaRole::temporary), 1); }
  void notify() {
    deliver("NOTIFY " + config_.impu + " SIP/2.0\r\nCSeq: 1 NOTIFY\r\nContent-Length: 0\r\n\r\n",
            ue_->set_id(SaRole::established), 1);
  }

  ImsUe& ue() { return *ue_; }
  std::vector<oracle::Verdict> judge(const std::vector<Line>& trace) const {
    oracle::Subscription sub;
    std::copy(k_.begin(), k_.end(), sub.k.begin());
    std::copy(opc_.begin(), opc_.end(), sub.opc.begin());
    oracle::ImsJudge judge(sub);
    std::vector<oracle::Verdict> v;
    for (std::size_t i = 0; i < trace.size(); ++i) judge.sip(i + 1, trace[i].uplink, trace[i].spi, trace[i].text, v);
    judge.finish(v);
    return v;
  }
  std::vector<Line> lines;
  ImsUeResult last{};

 private:
  std::string response(int status, const std::string& reason) const {
    return "SIP/2.0 " + std::to_string(status) + " " + reason +
           "\r\nVia: SIP/2.0/UDP 192.0.2.1\r\nCall-ID: " + call_id_ + "\r\nCSeq: " + cseq_ + "\r\n";
  }
  void sent(const ImsUeResult& r) {
    last = r;
    const std::string text(r.text);
    lines.push_back({true, r.over ? std::optional(r.esp_spi) : std::nullopt, text});
    call_id_ = cli::ims::field_of(text, "Call-ID");
    cseq_ = cli::ims::field_of(text, "CSeq");
  }
  void deliver(const std::string& text, std::uint32_t set, std::uint32_t next_spi, std::span<char> into = {}) {
    // The inbound SA at the UE's protected client port carries responses (TS 33.203 6.2).
    const std::optional<std::uint32_t> spi = set ? std::optional(set) : std::nullopt;
    const SecParams next{next_spi, next_spi + 1, static_cast<std::uint16_t>(next_spi),
                         static_cast<std::uint16_t>(next_spi + 1)};
    if (!into.empty()) {
      last = ue_->receive(text, spi, next, into);
      return;
    }
    lines.push_back({false, spi, text});
    const auto r = ue_->receive(text, spi, next, out_);
    ASSERT_NE(r.outcome, Outcome::discarded) << r.reason;
    last = r;
    if (r.outcome == Outcome::sent) sent(r);
  }

  std::array<std::uint8_t, 16> k_{}, opc_{};
  ImsUeConfig config_;
  std::unique_ptr<ImsUe> ue_;
  std::array<char, 4096> out_{};
  std::string call_id_, cseq_;
  std::uint32_t pcscf_spi_ = 90000, counter_ = 0;
};

void expect_conformant(const std::vector<oracle::Verdict>& v, std::size_t registers) {
  EXPECT_EQ(v.size(), registers);
  for (const auto& x : v)
    EXPECT_TRUE(x.ok) << "step " << x.step << ": expected " << x.expected << ", observed " << x.observed << ": "
                      << x.explain;
}

TEST(ImsUeJudged, RegistrationAndReRegistrationAreConformant) {
  Scenario s;
  s.register_(1000);
  s.challenge(0x1001, true, true, 2000);
  ASSERT_EQ(s.ue().set_id(SaRole::temporary), 1000u);
  // The P-CSCF's q=0.5 mechanism is the one both support that it prefers.
  EXPECT_EQ(s.ue().sets().find(1000)->mechanism.alg, sip::IntegrityAlgorithm::aes_gmac);
  s.ok();
  ASSERT_TRUE(s.ue().registered());
  ASSERT_EQ(s.ue().set_id(SaRole::established), 1000u);  // SA1 / SA2
  s.register_(1100);
  s.challenge(0x1002, true, true, 2100);
  s.ok();
  EXPECT_EQ(s.ue().set_id(SaRole::established), 1100u);  // SA11 / SA12
  EXPECT_EQ(s.ue().set_id(SaRole::old), 1000u);
  s.notify();
  EXPECT_EQ(s.last.deleted, 1000u);  // the P-CSCF used the new set: the old one goes
  EXPECT_EQ(s.ue().sets().size(), 1u);
  expect_conformant(s.judge(s.lines), 4);
}

TEST(ImsUeJudged, FailedChallengesAreAnsweredAsTheOracleExpects) {
  Scenario s;
  s.register_(1000);
  s.challenge(0x0800, true, true, 1200);  // SQN below SQN_MS: AUTS
  EXPECT_EQ(s.ue().proposal().spi_c, 1200u);
  s.challenge(0x1001, false, true, 1300);  // broken MAC: empty response
  s.challenge(0x1002, true, false, 1400);  // no Security-Server: a new REGISTER
  s.challenge(0x1003, true, true, 1500);   // valid at last
  s.ok();
  EXPECT_EQ(s.ue().set_id(SaRole::established), 1400u);
  expect_conformant(s.judge(s.lines), 5);
}

// A REGISTER that does not fit the caller's buffer is refused and changes nothing: the next one
// is the first registration, CSeq 1, and the exchange stays conformant.
TEST(ImsUeJudged, ARefusedRegisterChangesNothing) {
  Scenario s;
  std::array<char, 64> tiny{};
  const auto refused = s.ue().register_({900, 901, 900, 901}, 0b110, tiny);
  EXPECT_EQ(refused.outcome, Outcome::refused);
  s.register_(1000);
  EXPECT_EQ(cli::ims::field_of(std::string(s.last.text), "CSeq"), "1 REGISTER");
  s.challenge(0x20, true, true, 1100);
  s.ok();
  expect_conformant(s.judge(s.lines), 2);
}

// An answer to a 401 that does not fit is refused, says why, and keeps the proposal; the answer to
// the next 401 is the one the oracle expects.
TEST(ImsUeJudged, ARefusedAnswerKeepsTheProposal) {
  Scenario s;
  s.register_(1000);
  const SecParams proposal = s.ue().proposal();
  std::array<char, 64> tiny{};
  s.challenge(0x1001, false, true, 1100, tiny);
  EXPECT_EQ(s.last.outcome, Outcome::refused);
  EXPECT_STREQ(s.last.reason, "the output buffer is too small for the REGISTER");
  EXPECT_EQ(s.ue().proposal().spi_c, proposal.spi_c);
  EXPECT_TRUE(s.ue().awaiting());
  s.challenge(0x1001, false, true, 1100);
  EXPECT_EQ(s.last.outcome, Outcome::sent);
  EXPECT_EQ(cli::ims::field_of(std::string(s.last.text), "CSeq"), "2 REGISTER");
  s.challenge(0x1002, true, true, 1200);
  s.ok();
  EXPECT_EQ(s.ue().set_id(SaRole::established), 1100u);
  expect_conformant(s.judge(s.lines), 3);
}

TEST(ImsUeJudged, AnAlteredRegisterIsAViolation) {
  Scenario s;
  s.register_(1000);
  s.challenge(0x1001, true, true, 2000);
  s.ok();
  auto lines = s.lines;
  // The answering REGISTER with a Security-Verify that no longer mirrors the Security-Server.
  std::string& answer = lines[2].text;
  const auto at = answer.find("Security-Verify: ");
  ASSERT_NE(at, std::string::npos);
  answer.replace(answer.find("q=0.5", at), 5, "q=0.7");
  const auto v = s.judge(lines);
  ASSERT_FALSE(v.empty());
  EXPECT_TRUE(std::any_of(v.begin(), v.end(), [](const auto& x) {
    return !x.ok && x.explain.find("Security-Verify") != std::string::npos;
  }));
}

}  // namespace
}  // namespace secmode::impl::engine
