// NAS 5GS (TS 24.501) mobility management messages, seeded, against Wireshark's nas-5gs dissector
// (run_family.h describes the test): REGISTRATION REQUEST and the AUTHENTICATION messages, plain
// and inside integrity protected PDUs.
#include <gtest/gtest.h>

#include <array>
#include <string>
#include <variant>
#include <vector>

#include "spec/codec/nas_5gs_mm.h"
#include "tests/interop/nas_5gs_mm_compare.h"
#include "tests/interop/nas_5gs_shared.h"
#include "tests/interop/rng.h"
#include "tests/interop/run_family.h"

namespace secmode::test::interop::fivegs {
namespace {

using namespace spec::nas5gs;
using spec::Bytes;

template <std::size_t N>
std::array<std::uint8_t, N> octet_array(Rng& r) {
  std::array<std::uint8_t, N> a{};
  for (auto& o : a) o = r.octet();
  return a;
}

NasKeySetIdentifier key_set(Rng& r, std::uint32_t values) {
  return {r.coin(), static_cast<std::uint8_t>(r.below(values))};
}

// Two decimal digits in one octet, the first in bits 4..1 (TS 24.008 figure 10.5.154); 'f' is the
// filler 1111.
std::uint8_t bcd(char low, char high) {
  const auto nibble = [](char d) { return static_cast<std::uint8_t>(d == 'f' ? 15 : d - '0'); };
  return static_cast<std::uint8_t>(nibble(high) << 4 | nibble(low));
}

// A SUCI with SUPI format IMSI (figure 9.11.3.4.3): MCC/MNC and routing indicator as BCD digits
// (1..4 of them, "1111" filling the rest), and the scheme output of the null scheme (the MSIN in
// BCD, 9.11.3.4), of ECIES profile A or B (TS 33.501 C.3.2, C.3.4: the ephemeral public key of 32
// or 33 octets, the ciphertext, an 8-octet MAC), or of another scheme (random octets).
SuciImsi suci_imsi(Rng& r) {
  SuciImsi s;
  s.supi_format = r.below(4) == 0 ? static_cast<std::uint8_t>(4 + r.below(4)) : 0;
  const std::string mcc = r.digits(3);
  const std::string mnc = r.coin() ? r.digits(2) + "f" : r.digits(3);
  s.plmn = {bcd(mcc[0], mcc[1]), bcd(mcc[2], mnc[2]), bcd(mnc[0], mnc[1])};
  std::string ri = r.digits(1 + r.below(4));
  ri.resize(4, 'f');
  s.routing_indicator = {bcd(ri[0], ri[1]), bcd(ri[2], ri[3])};
  s.protection_scheme_id = static_cast<std::uint8_t>(r.below(4));
  s.home_network_public_key_id = r.octet();
  switch (s.protection_scheme_id) {
    case 0: {
      std::string msin = r.digits(9 + r.below(2));
      if (msin.size() % 2) msin += 'f';
      s.scheme_output.clear();
      for (std::size_t i = 0; i < msin.size(); i += 2)
        s.scheme_output.push_back(bcd(msin[i], msin[i + 1]));
      break;
    }
    case 1:
    case 2:
      s.scheme_output =
          r.octets(31 + s.protection_scheme_id + 8 + 5, 31 + s.protection_scheme_id + 8 + 12);
      break;
    default:
      s.scheme_output = r.octets(1, 20);
  }
  return s;
}

// A SUCI NAI of the null scheme in the form of TS 23.003 28.7.3, "type<supi type>.rid<routing
// indicator>.schid0.userid<username>@<realm>" (UTF-8 text).
SuciNai suci_nai(Rng& r) {
  // One draw per statement: the order in which the operands of + are evaluated is unspecified.
  const auto format = static_cast<std::uint8_t>(1 + r.below(3));
  const std::string type = r.digits(1);
  const std::string rid = r.digits(1 + r.below(4));
  const std::string user = r.digits(1 + r.below(10));
  const std::string nai = "type" + type + ".rid" + rid + ".schid0.userid" + user + "@example.com";
  return {format, Bytes(nai.begin(), nai.end())};
}

FiveGGuti guti(Rng& r) {
  return {r.digits(3),
          r.digits(r.coin() ? 2 : 3),
          r.octet(),
          static_cast<std::uint16_t>(r.below(1024)),
          static_cast<std::uint8_t>(r.below(64)),
          r.u32()};
}

MobileIdentity identity(Rng& r) {
  switch (r.below(9)) {
    case 0:
    case 1:
      return suci_imsi(r);
    case 2:
      return suci_nai(r);
    case 3:
      return guti(r);
    case 4:
      return Imei{r.digits(15)};
    case 5:
      return FiveGSTmsi{static_cast<std::uint16_t>(r.below(1024)),
                        static_cast<std::uint8_t>(r.below(64)), r.u32()};
    case 6:
      return Imeisv{r.digits(16)};
    case 7: {
      Eui64 eui;
      for (auto& o : eui.value) o = r.octet();
      return eui;
    }
    default: {
      MacAddress mac;
      for (auto& o : mac.address) o = r.octet();
      mac.not_usable_as_equipment_identifier = r.coin();
      return mac;
    }
  }
}

spec::nas::UeNetworkCapability network_capability(Rng& r) {
  spec::nas::UeNetworkCapability u;
  u.eea = r.octet();
  u.eia = r.octet();
  if (r.coin()) {
    u.uea = r.octet();
    if (r.coin()) {
      u.uia = r.octet();
      if (r.coin()) u.rest = r.octets(1, 9);
    }
  }
  return u;
}

AuthenticationFailure authentication_failure(Rng& r) {
  AuthenticationFailure m;
  m.cause = r.coin() ? 21 : r.octet();  // #21 synch failure carries the AUTS (8.2.4.2)
  if (r.coin()) m.auts = octet_array<14>(r);
  return m;
}

// 9.11.3.1 (the spec twin keeps it as octets): 1..13 octets of contents, octets 3..15, but
// Wireshark 4.0 names the bits of octets 3..5 only and flags any later octet as "Extraneous Data"
// (an expert warning, which fails the comparison): at most 3 octets here.
Bytes five_gmm_capability(Rng& r) { return r.octets(1, 3); }

RegistrationRequest registration(Rng& r, bool with_container);

// The NAS message container of a REGISTRATION REQUEST holds a whole REGISTRATION REQUEST (4.4.6,
// 9.11.3.33), here one without a container of its own.
Bytes container(Rng& r) { return encode(registration(r, false)); }

RegistrationRequest registration(Rng& r, bool with_container) {
  RegistrationRequest m;
  m.registration_type = static_cast<std::uint8_t>(r.below(8));
  m.follow_on_request = r.coin();
  m.ngksi = key_set(r, 8);
  m.mobile_identity = identity(r);
  if (r.coin()) m.non_current_native_ngksi = key_set(r, 8);
  if (r.coin()) m.five_gmm_capability = FiveGmmCapability{five_gmm_capability(r)};
  if (r.coin()) m.ue_security_capability = random_5gs_capabilities(r);
  if (r.coin()) m.s1_ue_network_capability = network_capability(r);
  if (r.coin()) m.additional_guti = guti(r);
  if (with_container && r.coin()) m.nas_message_container = container(r);
  return m;
}

MobilityMessage message(Rng& r) {
  switch (r.below(6)) {
    case 0:
      return registration(r, true);
    case 1: {
      AuthenticationRequest m{key_set(r, 7), r.octets(2, 12), std::nullopt, std::nullopt,
                              std::nullopt};
      if (r.coin()) {
        m.rand = octet_array<16>(r);
        m.autn = octet_array<16>(r);
      } else {
        m.eap_message = random_eap_message(r);
      }
      return m;
    }
    case 2: {
      AuthenticationResponse m;
      if (r.coin())
        m.res_star = octet_array<16>(r);
      else
        m.eap_message = random_eap_message(r);
      return m;
    }
    case 3: {
      AuthenticationResult m{key_set(r, 7), random_eap_message(r), std::nullopt};
      if (r.coin()) m.abba = r.octets(2, 12);
      return m;
    }
    case 4:
      return authentication_failure(r);
    default: {
      AuthenticationReject m;
      if (r.coin()) m.eap_message = random_eap_message(r);
      return m;
    }
  }
}

// Plain messages, and integrity protected PDUs (types 1 and 3) that carry one. Ciphered PDUs are
// the security mode test's (interop_nas_5gs.cpp).
MobilityPdu generate(Rng& r) {
  MobilityPdu m{std::nullopt, message(r), {}};
  m.pdu = std::visit([](const auto& msg) { return encode(msg); }, m.plain);
  if (r.below(3) == 0) {
    m.outer =
        SecurityProtectedMessage{r.coin() ? SecurityHeaderType::integrity_protected
                                          : SecurityHeaderType::integrity_protected_new_context,
                                 octet_array<4>(r), r.octet(), m.pdu};
    m.pdu = encode(*m.outer);
  }
  return m;
}

}  // namespace

TEST(InteropTshark, Nas5gsMobilityManagementMessages) {
  Rng r(0x5eca9e04);
  run_generated(
      "nas-5gs-mm", "nas-5gs", 300, [&] { return generate(r); },
      [](const MobilityPdu& m, const Node& layers, Comparison& c) { compare(m, layers, c); }, 6000);
}

}  // namespace secmode::test::interop::fivegs
