// NAS EPS (TS 24.301) security mode messages, seeded, against Wireshark's nas-eps dissector
// (run_family.h describes the test).
#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "spec/codec/nas_eps.h"
#include "tests/interop/nas_eps_compare.h"
#include "tests/interop/nas_shared.h"
#include "tests/interop/rng.h"
#include "tests/interop/run_family.h"

namespace secmode::test::interop::eps {
namespace {

using namespace spec::nas;

SecurityModeCommand command(Rng& r) {
  SecurityModeCommand m;
  m.selected_nas_security_algorithms = {static_cast<std::uint8_t>(r.below(8)),
                                        static_cast<std::uint8_t>(r.below(8))};
  m.nas_key_set_identifier = {r.coin(), static_cast<std::uint8_t>(r.below(7))};
  m.replayed_ue_security_capabilities = random_eps_capabilities(r);
  if (r.coin()) m.imeisv_request = static_cast<std::uint8_t>(r.below(8));
  if (r.coin()) m.replayed_nonce_ue = r.u32();
  if (r.coin()) m.nonce_mme = r.u32();
  if (r.coin()) {
    std::array<std::uint8_t, 8> h{};
    for (auto& o : h) o = r.octet();
    m.hash_mme = h;
  }
  if (r.coin())
    m.replayed_ue_additional_security_capability = UeAdditionalSecurityCapability{
        static_cast<std::uint16_t>(r.u32()), static_cast<std::uint16_t>(r.u32())};
  if (r.coin()) m.ue_radio_capability_id_request = r.coin();
  return m;
}

// A container holds a whole NAS message (8.2.21.1: the ATTACH, TAU or SERVICE REQUEST the UE
// sent); a security mode message of this codec stands in for it, so Wireshark can read it too.
SecurityModeComplete complete(Rng& r) {
  SecurityModeComplete m;
  if (r.coin()) m.imeisv = r.digits(16);
  if (r.coin()) {
    m.replayed_nas_message_container =
        r.coin() ? encode(SecurityModeReject{r.octet()}) : encode(command(r));
  }
  if (r.coin()) m.ue_radio_capability_id = r.octets(1, 20);
  return m;
}

SecurityModeMessage message(Rng& r) {
  switch (r.below(3)) {
    case 0:
      return command(r);
    case 1:
      return complete(r);
    default:
      return SecurityModeReject{r.octet()};
  }
}

// Plain messages, integrity protected ones that carry them (types 1 and 3), and ciphered ones
// (types 2 and 4) whose content is random. Type 5 (partially ciphered) is for CONTROL PLANE SERVICE
// REQUEST only (table 9.3.1 NOTE 4), which is not a message of this codec.
Message generate(Rng& r) {
  Message m;
  const auto kind = r.below(4);
  if (kind == 3) {
    m.outer = SecurityProtectedMessage{
        r.coin() ? SecurityHeaderType::integrity_protected_ciphered
                 : SecurityHeaderType::integrity_protected_ciphered_new_context,
        {r.octet(), r.octet(), r.octet(), r.octet()},
        r.octet(),
        r.octets(1, 40)};
  } else {
    m.plain = message(r);
    if (kind == 2)
      m.outer =
          SecurityProtectedMessage{r.coin() ? SecurityHeaderType::integrity_protected
                                            : SecurityHeaderType::integrity_protected_new_context,
                                   {r.octet(), r.octet(), r.octet(), r.octet()},
                                   r.octet(),
                                   encode(*m.plain)};
  }
  m.pdu = m.outer ? encode(*m.outer) : encode(*m.plain);
  return m;
}

}  // namespace

TEST(InteropTshark, NasEpsSecurityModeMessages) {
  Rng r(0x5eca9e01);
  run_generated(
      "nas-eps", "nas-eps", 120, [&] { return generate(r); },
      [](const Message& m, const Node& layers, Comparison& c) { compare(m, layers, c); }, 2000);
}

}  // namespace secmode::test::interop::eps
