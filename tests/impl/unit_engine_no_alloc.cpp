// The engines' message path allocates nothing (issue 6): a whole EPS NAS security mode control
// exchange on the UE engine, with the executable's allocation counter watched: the request, the
// command completed, the same command again (a replay, discarded), one with altered capabilities
// (REJECT #23) and one with a wrong MAC (REJECT #24).
#include <gtest/gtest.h>

#include <array>
#include <cstdint>

#include "impl/codec/nas_eps.h"
#include "impl/codec/nas_eps_emm.h"
#include "impl/engine/eps_nas_smc_ue.h"
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

}  // namespace
}  // namespace secmode::impl::engine
