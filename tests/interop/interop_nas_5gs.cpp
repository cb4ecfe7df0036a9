// NAS 5GS (TS 24.501) security mode messages, seeded, against Wireshark's nas-5gs dissector
// (run_family.h describes the test).
#include <gtest/gtest.h>

#include <vector>

#include "spec/codec/nas_5gs.h"
#include "tests/interop/nas_5gs_compare.h"
#include "tests/interop/nas_5gs_shared.h"
#include "tests/interop/nas_shared.h"
#include "tests/interop/rng.h"
#include "tests/interop/run_family.h"

namespace secmode::test::interop::fivegs {
namespace {

using namespace spec::nas5gs;

std::uint8_t bits(Rng& r, unsigned n) { return static_cast<std::uint8_t>(r.below(1u << n)); }

SecurityModeCommand command(Rng& r) {
  SecurityModeCommand m;
  m.selected_nas_security_algorithms = {bits(r, 4), bits(r, 4)};
  m.ngksi = {r.coin(), static_cast<std::uint8_t>(r.below(7))};
  m.replayed_ue_security_capabilities = random_5gs_capabilities(r);
  if (r.coin()) m.imeisv_request = bits(r, 3);
  if (r.coin())
    m.selected_eps_nas_security_algorithms =
        spec::nas::NasSecurityAlgorithms{bits(r, 3), bits(r, 3)};
  if (r.coin())
    m.additional_5g_security_information = Additional5gSecurityInformation{r.coin(), r.coin()};
  if (r.coin()) m.eap_message = random_eap_message(r);
  if (r.coin()) m.abba = r.octets(2, 12);
  if (r.coin()) m.replayed_s1_ue_security_capabilities = random_eps_capabilities(r);
  return m;
}

NonImeisvPei pei(Rng& r) {
  switch (r.below(3)) {
    case 0:
      return Imei{r.digits(15)};
    case 1: {
      MacAddress mac;
      for (auto& o : mac.address) o = r.octet();
      mac.not_usable_as_equipment_identifier = r.coin();
      return mac;
    }
    default: {
      Eui64 eui;
      for (auto& o : eui.value) o = r.octet();
      return eui;
    }
  }
}

// The container holds the initial NAS message (8.2.26.1); a message of this codec stands in.
SecurityModeComplete complete(Rng& r) {
  SecurityModeComplete m;
  if (r.coin()) m.imeisv = r.digits(16);
  if (r.coin())
    m.nas_message_container = r.coin() ? encode(SecurityModeReject{r.octet()}) : encode(command(r));
  if (r.coin()) m.non_imeisv_pei = pei(r);
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

Message generate(Rng& r) {
  Message m;
  const auto kind = r.below(4);
  const spec::Mac32 mac{r.octet(), r.octet(), r.octet(), r.octet()};
  if (kind == 3) {
    m.outer = SecurityProtectedMessage{
        r.coin() ? SecurityHeaderType::integrity_protected_ciphered
                 : SecurityHeaderType::integrity_protected_ciphered_new_context,
        mac, r.octet(), r.octets(3, 40)};
  } else {
    m.plain = message(r);
    if (kind == 2)
      m.outer =
          SecurityProtectedMessage{r.coin() ? SecurityHeaderType::integrity_protected
                                            : SecurityHeaderType::integrity_protected_new_context,
                                   mac, r.octet(), encode(*m.plain)};
  }
  m.pdu = m.outer ? encode(*m.outer) : encode(*m.plain);
  return m;
}

}  // namespace

TEST(InteropTshark, Nas5gsSecurityModeMessages) {
  Rng r(0x5eca9e02);
  run_generated(
      "nas-5gs", "nas-5gs", 120, [&] { return generate(r); },
      [](const Message& m, const Node& layers, Comparison& c) { compare(m, layers, c); }, 3000);
}

}  // namespace secmode::test::interop::fivegs
