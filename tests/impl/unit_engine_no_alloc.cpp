// The engines' message path allocates nothing (issue 6), with the executable's allocation counter
// watched: a whole EPS NAS security mode control exchange on the UE engine (the request, the
// command completed, the same command again, a replay, discarded, one with altered capabilities,
// REJECT #23, and one with a wrong MAC, REJECT #24); then each RAT's two engines talking; then the
// AS security mode command engines of LTE and NR, UE and eNB / gNB.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <memory>

#include "cli/ims_challenge.h"
#include "impl/codec/nas_5gs.h"
#include "impl/codec/nas_5gs_mm.h"
#include "impl/codec/nas_eps.h"
#include "impl/codec/nas_eps_emm.h"
#include "impl/engine/as_smc_ran.h"
#include "impl/engine/as_smc_ue.h"
#include "impl/engine/eps_nas_protection.h"
#include "impl/engine/ims_ue.h"
#include "impl/engine/nas_smc_network.h"
#include "impl/engine/nas_smc_ue.h"
#include "tests/impl/allocation_counter.h"

namespace secmode::impl::engine {
namespace {

using Outcome = UeResult::Outcome;

TEST(EngineNoAlloc, EpsNasSmcUeExchangeAllocatesNothing) {
  // Everything the exchange needs is built before the counter is read.
  const std::array<std::uint8_t, 9> imeisv{0x33, 0x65, 0x89, 0x02, 0x14, 0x32, 0x54, 0x06, 0xf1};
  std::array<std::uint8_t, 32> kasme{};
  for (std::size_t i = 0; i < kasme.size(); ++i) kasme[i] = static_cast<std::uint8_t>(0xa0 + i);
  const std::array<std::uint8_t, 4> capability{0xe0, 0xe0, 0xc0, 0x40};
  const std::array<std::uint8_t, 4> esm{0x02, 0x01, 0xd0, 0x11};
  nas::AttachRequest attach;
  attach.eps_mobile_identity = nas::Guti{};
  attach.ue_network_capability = capability;
  attach.esm_message_container = esm;
  std::array<std::uint8_t, 128> request{};
  const auto r = nas::encode(attach, request);
  ASSERT_TRUE(r.written);

  nas::SecurityModeCommand smc;
  smc.selected_nas_security_algorithms = {2, 2};
  smc.nas_key_set_identifier = {false, 1};
  smc.replayed_ue_security_capabilities = capability;
  smc.imeisv_request = 1;
  std::array<std::uint8_t, 64> plain{}, good{}, altered{}, forged{};
  const auto p = nas::encode(smc, plain);
  ASSERT_TRUE(p.written);
  const auto g = protect(kasme, 2, 2, 0, Direction::downlink, nas::SecurityHeaderType::integrity_protected_new_context,
                         std::span(plain.data(), p.size), good);
  ASSERT_TRUE(g.written);
  const std::array<std::uint8_t, 4> other{0xe0, 0x60, 0xc0, 0x40};
  smc.replayed_ue_security_capabilities = other;
  const auto a = nas::encode(smc, plain);
  const auto al = protect(kasme, 2, 2, 1, Direction::downlink, nas::SecurityHeaderType::integrity_protected_new_context,
                          std::span(plain.data(), a.size), altered);
  ASSERT_TRUE(al.written);
  forged = altered;
  forged[2] ^= 0x01;

  EpsNasSmcUe ue(imeisv);
  std::array<std::uint8_t, 128> out{};
  const std::size_t before = test::allocations();
  ASSERT_TRUE(ue.aka(kasme, 1));
  EXPECT_EQ(ue.send_initial(std::span(request.data(), r.size), out).outcome, Outcome::sent);
  const ByteView command(good.data(), g.size);
  EXPECT_EQ(ue.receive(command, out).outcome, Outcome::completed);
  EXPECT_EQ(ue.receive(command, out).outcome, Outcome::discarded);
  const UeResult mismatch = ue.receive(ByteView(altered.data(), al.size), out);
  EXPECT_EQ(mismatch.outcome, Outcome::rejected);
  EXPECT_EQ(mismatch.cause, 23);
  const UeResult bad_mac = ue.receive(ByteView(forged.data(), al.size), out);
  EXPECT_EQ(bad_mac.outcome, Outcome::rejected);
  EXPECT_EQ(bad_mac.cause, 24);
  EXPECT_EQ(test::allocations(), before);
}

// The two engines talk to each other: the MME's command is the UE's input and the UE's answer
// the MME's, through ATTACH, SMC (lost once, so T3460 retransmits it with the next COUNT),
// COMPLETE with the IMEISV, a TAU protected with the new context (and its replay), and a second
// SMC on the current context that changes the algorithms; again without a single allocation.
TEST(EngineNoAlloc, UeAndMmeEnginesCompleteAnExchangeWithoutAllocating) {
  const std::array<std::uint8_t, 9> imeisv{0x33, 0x65, 0x89, 0x02, 0x14, 0x32, 0x54, 0x06, 0xf1};
  std::array<std::uint8_t, 32> kasme{};
  for (std::size_t i = 0; i < kasme.size(); ++i) kasme[i] = static_cast<std::uint8_t>(0x11 * i);
  const std::array<std::uint8_t, 5> capability{0xf0, 0xf0, 0xc0, 0xc0, 0x00};
  const std::array<std::uint8_t, 4> esm{0x02, 0x01, 0xd0, 0x11};
  nas::AttachRequest attach;
  attach.eps_mobile_identity = nas::Guti{};
  attach.ue_network_capability = capability;
  attach.esm_message_container = esm;
  std::array<std::uint8_t, 128> request{}, tau_request{};
  const auto r = nas::encode(attach, request);
  ASSERT_TRUE(r.written);
  nas::TrackingAreaUpdateRequest tau;
  tau.ue_network_capability = ByteView(capability);
  const auto t = nas::encode(tau, tau_request);
  ASSERT_TRUE(t.written);

  EpsNasSmcUe ue(imeisv);
  EpsNasSmcMme mme;
  std::array<std::uint8_t, 128> ul{}, dl{};
  const std::size_t before = test::allocations();
  ASSERT_TRUE(ue.aka(kasme, 3));
  ASSERT_TRUE(mme.aka(kasme, 3));
  const UeResult sent = ue.send_initial(ByteView(request.data(), r.size), ul);
  ASSERT_EQ(sent.outcome, UeResult::Outcome::sent);
  EXPECT_EQ(mme.receive_initial(sent.pdu).outcome, NetworkResult::Outcome::nothing);
  EXPECT_EQ(mme.start(3, 1, 2, dl, true).outcome, NetworkResult::Outcome::command_sent);  // lost
  const NetworkResult again = mme.timer_expiry(dl);
  ASSERT_EQ(again.outcome, NetworkResult::Outcome::command_sent);
  EXPECT_EQ(again.pdu[5], 1);  // the retransmission's sequence number: downlink COUNT 1
  const UeResult complete = ue.receive(again.pdu, ul);
  ASSERT_EQ(complete.outcome, UeResult::Outcome::completed);
  EXPECT_EQ(complete.pdu[0] >> 4, 4);  // integrity protected and ciphered with the new context
  EXPECT_EQ(mme.receive(complete.pdu).outcome, NetworkResult::Outcome::completed);
  ASSERT_TRUE(mme.imeisv().has_value());
  EXPECT_EQ(*mme.imeisv(), imeisv);
  EXPECT_TRUE(mme.secured() && ue.secured());
  EXPECT_EQ(mme.current().next_rx, 1u);  // the COMPLETE used uplink COUNT 0
  EXPECT_EQ(ue.current().next_rx, 2u);

  const UeResult tau_sent = ue.send_initial(ByteView(tau_request.data(), t.size), ul);
  ASSERT_EQ(tau_sent.outcome, UeResult::Outcome::sent);
  EXPECT_EQ(tau_sent.pdu[0] >> 4, 1);  // integrity protected, not ciphered (TS 24.301 4.4.5)
  EXPECT_EQ(mme.receive_initial(tau_sent.pdu).outcome, NetworkResult::Outcome::nothing);
  EXPECT_TRUE(mme.initial_verified());
  EXPECT_EQ(mme.current().next_rx, 2u);
  EXPECT_EQ(mme.receive_initial(tau_sent.pdu).outcome, NetworkResult::Outcome::nothing);
  EXPECT_FALSE(mme.initial_verified());  // the same COUNT again: a replay

  // EIA0 without emergency services is refused by the MME itself (5.4.3.2); EEA3/EIA3 on the
  // current context goes through.
  EXPECT_EQ(mme.start(3, 0, 0, dl).outcome, NetworkResult::Outcome::refused);
  const NetworkResult change = mme.start(3, 3, 3, dl);
  ASSERT_EQ(change.outcome, NetworkResult::Outcome::command_sent);
  const UeResult changed = ue.receive(change.pdu, ul);
  ASSERT_EQ(changed.outcome, UeResult::Outcome::completed);
  EXPECT_EQ(mme.receive(changed.pdu).outcome, NetworkResult::Outcome::completed);
  EXPECT_EQ(mme.current().eia, 3);
  EXPECT_EQ(mme.receive(changed.pdu).outcome, NetworkResult::Outcome::discarded);  // no SMC running
  EXPECT_EQ(test::allocations(), before);
}

// The 5GS pair the same way: a REGISTRATION REQUEST in the clear, the SMC (with RINMR, retransmitted
// once on T3560 expiry), the COMPLETE returning the request, a protected mobility registration, an
// SMC with K_AMF_change_flag (K'_AMF, both COUNTs back to 0) and its COMPLETE; no allocation.
TEST(EngineNoAlloc, UeAndAmfEnginesCompleteAnExchangeWithoutAllocating) {
  const std::array<std::uint8_t, 9> imeisv{0x35, 0x65, 0x89, 0x02, 0x14, 0x32, 0x54, 0x06, 0xf1};
  std::array<std::uint8_t, 32> kamf{};
  for (std::size_t i = 0; i < kamf.size(); ++i) kamf[i] = static_cast<std::uint8_t>(0x3c ^ (9 * i));
  const std::array<std::uint8_t, 4> capability{0xf0, 0xf0, 0xf0, 0xf0};
  nas5gs::RegistrationRequest registration;
  registration.mobile_identity = nas5gs::FiveGSTmsi{1, 2, 0x0badcafe};
  registration.ue_security_capability = ByteView(capability);
  std::array<std::uint8_t, 128> request{};
  const auto r = nas5gs::encode(registration, request);
  ASSERT_TRUE(r.written);
  const ByteView plain_request(request.data(), r.size);

  FivegsNasSmcUe ue(imeisv);
  FivegsNasSmcAmf amf;
  std::array<std::uint8_t, 256> ul{}, dl{};
  const std::size_t before = test::allocations();
  ASSERT_TRUE(ue.aka(kamf, 5));
  ASSERT_TRUE(amf.aka(kamf, 5));
  const UeResult sent = ue.send_initial(plain_request, ul);
  ASSERT_EQ(sent.outcome, UeResult::Outcome::sent);
  EXPECT_EQ(amf.receive_initial(sent.pdu).outcome, NetworkResult::Outcome::nothing);
  EXPECT_FALSE(amf.initial_verified());  // in the clear: the command asks for it again (RINMR)
  EXPECT_EQ(amf.start(5, 2, 2, dl, true).outcome, NetworkResult::Outcome::command_sent);  // lost
  const NetworkResult again = amf.timer_expiry(dl);
  ASSERT_EQ(again.outcome, NetworkResult::Outcome::command_sent);
  EXPECT_EQ(again.pdu[6], 1);  // the retransmission's sequence number: downlink COUNT 1
  const UeResult complete = ue.receive(again.pdu, ul);
  ASSERT_EQ(complete.outcome, UeResult::Outcome::completed);
  EXPECT_EQ(complete.pdu[1], 4);  // integrity protected and ciphered with the new context
  EXPECT_EQ(amf.receive(complete.pdu).outcome, NetworkResult::Outcome::completed);
  EXPECT_TRUE(amf.initial_message_returned());
  ASSERT_TRUE(amf.imeisv().has_value());
  EXPECT_EQ(*amf.imeisv(), imeisv);

  const UeResult mobility = ue.send_initial(plain_request, ul);
  ASSERT_EQ(mobility.outcome, UeResult::Outcome::sent);
  EXPECT_EQ(mobility.pdu[1], 1);  // integrity protected with the current context
  EXPECT_EQ(amf.receive_initial(mobility.pdu).outcome, NetworkResult::Outcome::nothing);
  EXPECT_TRUE(amf.initial_verified());
  EXPECT_EQ(amf.initial_count(), 1u);
  const NetworkResult change = amf.start(5, 1, 1, dl, false, true);
  ASSERT_EQ(change.outcome, NetworkResult::Outcome::command_sent);
  EXPECT_EQ(change.pdu[6], 0);  // K'_AMF: the downlink COUNT starts again
  const UeResult changed = ue.receive(change.pdu, ul);
  ASSERT_EQ(changed.outcome, UeResult::Outcome::completed) << changed.reason;
  EXPECT_EQ(amf.receive(changed.pdu).outcome, NetworkResult::Outcome::completed);
  EXPECT_EQ(ue.current().key, amf.current().key);
  EXPECT_NE(amf.current().key, kamf);
  EXPECT_EQ(ue.current().next_tx, 1u);
  EXPECT_EQ(test::allocations(), before);
}

// The AS engines talking: a command that fails (the eNB / gNB holds another K_eNB / K_gNB than
// the UE), SecurityModeFailure and release; then a new connection where the command verifies,
// SecurityModeComplete, and ciphered traffic both ways.
template <class Ue, class Ran>
void as_exchange_allocates_nothing() {
  std::array<std::uint8_t, 32> key{}, other{};
  for (std::size_t i = 0; i < key.size(); ++i) {
    key[i] = static_cast<std::uint8_t>(0x40 + i);
    other[i] = static_cast<std::uint8_t>(0x90 + i);
  }
  const std::array<std::uint8_t, 6> message{0x22, 0x00, 0x11, 0x33, 0x44, 0x55};
  auto ue = std::make_unique<Ue>();
  auto ran = std::make_unique<Ran>();
  std::array<std::uint8_t, 64> ul{}, dl{};
  const std::size_t before = test::allocations();
  ASSERT_TRUE(ue->connect(key));
  ASSERT_TRUE(ran->connect());
  ASSERT_TRUE(ran->context_setup(other, 0x0f0f));
  const AsRanResult c1 = ran->start(2, 2, dl);
  ASSERT_EQ(c1.outcome, AsRanResult::Outcome::sent);
  const AsUeResult f = ue->receive(c1.pdu, ul);
  ASSERT_EQ(f.outcome, AsUeResult::Outcome::failed);
  EXPECT_EQ(ran->receive(f.pdu).outcome, AsRanResult::Outcome::released);
  EXPECT_FALSE(ue->security().integrity);  // configuration kept
  ASSERT_TRUE(ue->release());

  ASSERT_TRUE(ue->connect(key));
  ASSERT_TRUE(ran->connect());
  ASSERT_TRUE(ran->context_setup(key, 0x0f0f));
  const AsRanResult c2 = ran->start(3, 1, dl);
  ASSERT_EQ(c2.outcome, AsRanResult::Outcome::sent);
  const AsUeResult done = ue->receive(c2.pdu, ul);
  ASSERT_EQ(done.outcome, AsUeResult::Outcome::completed) << done.reason;
  EXPECT_EQ(ran->receive(done.pdu).outcome, AsRanResult::Outcome::activated);
  EXPECT_TRUE(ue->security().ciphering);
  const AsRanResult down = ran->establish_bearers(message, dl);
  ASSERT_EQ(down.outcome, AsRanResult::Outcome::sent);
  EXPECT_EQ(ue->receive(down.pdu, ul).outcome, AsUeResult::Outcome::delivered);
  const AsUeResult up = ue->send(message, ul);
  ASSERT_EQ(up.outcome, AsUeResult::Outcome::sent);
  EXPECT_EQ(ran->receive(up.pdu).outcome, AsRanResult::Outcome::delivered);
  EXPECT_EQ(test::allocations(), before);
}

TEST(EngineNoAlloc, LteAsSmcExchangeAllocatesNothing) { as_exchange_allocates_nothing<LteAsSmcUe, LteAsSmcEnb>(); }
TEST(EngineNoAlloc, NrAsSmcExchangeAllocatesNothing) { as_exchange_allocates_nothing<NrAsSmcUe, NrAsSmcGnb>(); }

// The IMS UE engine: the initial REGISTER, the 401 checked with MILENAGE and answered over the
// temporary set, the 200 OK, a lifetime running out.
TEST(EngineNoAlloc, ImsRegistrationAllocatesNothing) {
  ImsUeConfig config;
  config.k.fill(0x11);
  config.opc.fill(0x22);
  config.impi = "user@ims.example.org";
  config.impu = "sip:user@ims.example.org";
  config.home_domain = "ims.example.org";
  config.mechanisms = {{sip::IntegrityAlgorithm::hmac_sha_1_96, sip::EncryptionAlgorithm::aes_cbc}};
  ImsUe ue(config);
  const std::array<std::uint8_t, 16> rand{1, 2, 3};
  const std::string www = cli::ims::www_authenticate(config.k, config.opc, rand, 0x20, true, true, config.home_domain);
  const std::string challenge =
      cli::ims::unauthorized("secmode-00000001", "1 REGISTER", www,
                             {cli::ims::pcscf_mechanism(spec::sip::IntegrityAlgorithm::hmac_sha_1_96,
                                                        spec::sip::EncryptionAlgorithm::aes_cbc, std::nullopt, 9000)});
  const std::string ok = "SIP/2.0 200 OK\r\nCall-ID: secmode-00000001\r\nCSeq: 2 REGISTER\r\n\r\n";
  std::array<char, 4096> out{};
  const std::size_t before = test::allocations();
  ASSERT_EQ(ue.register_({1000, 1001, 5000, 5001}, 0b10, out).outcome, ImsUeResult::Outcome::sent);
  const ImsUeResult answer = ue.receive(challenge, std::nullopt, {2000, 2001, 5002, 5003}, out);
  ASSERT_EQ(answer.outcome, ImsUeResult::Outcome::sent) << answer.reason;
  EXPECT_EQ(answer.over, 1000u);
  ASSERT_EQ(ue.receive(ok, 1000, {2000, 2001, 5002, 5003}, out).outcome, ImsUeResult::Outcome::taken);
  EXPECT_TRUE(ue.registered());
  EXPECT_EQ(ue.advance(std::int64_t{10} << 40).deleted, 1000u);
  EXPECT_EQ(test::allocations(), before);
}

}  // namespace
}  // namespace secmode::impl::engine
