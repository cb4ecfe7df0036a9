// NAS EPS (TS 24.301) mobility management messages, seeded, against Wireshark's nas-eps dissector
// (run_family.h describes the test): ATTACH REQUEST, TRACKING AREA UPDATE REQUEST, the
// AUTHENTICATION messages and SERVICE REQUEST, plain and inside integrity protected PDUs.
#include <gtest/gtest.h>

#include <array>
#include <variant>
#include <vector>

#include "spec/codec/nas_eps_emm.h"
#include "tests/interop/nas_eps_emm_compare.h"
#include "tests/interop/rng.h"
#include "tests/interop/run_family.h"

namespace secmode::test::interop::eps {
namespace {

using namespace spec::nas;
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

// 9.9.3.12: MCC 3 digits, MNC 2 or 3.
Guti guti(Rng& r) {
  return {r.digits(3), r.digits(r.coin() ? 2 : 3), static_cast<std::uint16_t>(r.u32()), r.octet(),
          r.u32()};
}

EpsMobileIdentity identity(Rng& r) {
  switch (r.below(3)) {
    case 0:
      return Imsi{r.digits(6 + r.below(10))};  // contract of the ATTACH REQUEST row: 6..15
    case 1:
      return Imei{r.digits(15)};
    default:
      return guti(r);
  }
}

// 9.9.3.34: 2..13 octets, positional.
UeNetworkCapability network_capability(Rng& r) {
  UeNetworkCapability u;
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

// The ESM message container holds an ESM message (9.9.3.15) that Wireshark dissects: a PDN
// CONNECTIVITY REQUEST (8.3.20: EPS bearer identity 0, a PTI, PDN type 1..3 in bits 8..5 and
// request type 1 "initial request" in bits 4..1).
Bytes esm_message(Rng& r) {
  return {0x02, static_cast<std::uint8_t>(1 + r.below(254)), 0xd0,
          static_cast<std::uint8_t>((1 + r.below(3)) << 4 | 1)};
}

// TS 24.008 10.5.5.12 (the spec twin keeps it as octets): its CSN.1 ends in <Spare bits>, so the
// value may run to 8 octets, but Wireshark 4.0 names bits up to octet 4 only and flags any later
// octet as "Extraneous Data" (an expert warning, which fails the comparison): at most 4 here.
Bytes ms_network_capability(Rng& r) { return r.octets(2, 4); }

UeAdditionalSecurityCapability additional_capability(Rng& r) {
  return {static_cast<std::uint16_t>(r.u32()), static_cast<std::uint16_t>(r.u32())};
}

AttachRequest attach(Rng& r) {
  AttachRequest m;
  m.eps_attach_type = static_cast<std::uint8_t>(r.below(7));
  m.nas_key_set_identifier = key_set(r, 8);
  m.eps_mobile_identity = identity(r);
  m.ue_network_capability = network_capability(r);
  m.esm_message_container = esm_message(r);
  if (r.coin()) m.additional_guti = guti(r);
  if (r.coin()) m.ms_network_capability = ms_network_capability(r);
  if (r.coin()) m.tmsi_status = r.coin();
  if (r.coin()) m.old_guti_type_mapped = r.coin();
  if (r.coin()) m.ue_additional_security_capability = additional_capability(r);
  return m;
}

TrackingAreaUpdateRequest tracking_area_update(Rng& r) {
  TrackingAreaUpdateRequest m;
  m.eps_update_type = static_cast<std::uint8_t>(r.below(6));
  m.active_flag = r.coin();
  m.nas_key_set_identifier = key_set(r, 8);
  m.old_guti = guti(r);
  if (r.coin()) m.non_current_native_nas_key_set_identifier = key_set(r, 8);
  if (r.coin()) m.gprs_ciphering_key_sequence_number = static_cast<std::uint8_t>(r.below(8));
  if (r.coin()) m.additional_guti = guti(r);
  if (r.coin()) m.nonce_ue = r.u32();
  if (r.coin()) m.ue_network_capability = network_capability(r);
  if (r.coin()) m.ms_network_capability = ms_network_capability(r);
  if (r.coin()) m.tmsi_status = r.coin();
  if (r.coin()) m.old_guti_type_mapped = r.coin();
  if (r.coin()) m.ue_additional_security_capability = additional_capability(r);
  return m;
}

AuthenticationFailure authentication_failure(Rng& r) {
  AuthenticationFailure m;
  m.emm_cause = r.coin() ? 21 : r.octet();  // #21 synch failure carries the AUTS (8.2.5.2)
  if (r.coin()) m.auts = octet_array<14>(r);
  return m;
}

MobilityMessage message(Rng& r, bool protected_pdu) {
  // A SERVICE REQUEST is never inside a security protected PDU: it is its own header (8.2.25).
  switch (r.below(protected_pdu ? 6 : 7)) {
    case 0:
      return attach(r);
    case 1:
      return tracking_area_update(r);
    case 2:
      return AuthenticationRequest{key_set(r, 7), octet_array<16>(r), octet_array<16>(r)};
    case 3:
      return AuthenticationResponse{r.octets(4, 16)};
    case 4:
      return authentication_failure(r);
    case 5:
      return AuthenticationReject{};
    default:
      return ServiceRequest{static_cast<std::uint8_t>(r.below(4)),
                            static_cast<std::uint8_t>(r.below(8)),
                            static_cast<std::uint8_t>(r.below(32)), octet_array<2>(r)};
  }
}

Bytes encode_plain(const MobilityMessage& m) {
  return std::visit([](const auto& msg) { return encode(msg); }, m);
}

// Plain messages, and integrity protected PDUs (types 1 and 3) that carry one. Ciphered PDUs are
// the security mode test's (interop_nas_eps.cpp): their content is no message of this codec.
MobilityPdu generate(Rng& r) {
  const bool protected_pdu = r.below(3) == 0;
  MobilityPdu m{std::nullopt, message(r, protected_pdu), {}};
  m.pdu = encode_plain(m.plain);
  if (protected_pdu) {
    m.outer =
        SecurityProtectedMessage{r.coin() ? SecurityHeaderType::integrity_protected
                                          : SecurityHeaderType::integrity_protected_new_context,
                                 octet_array<4>(r), r.octet(), m.pdu};
    m.pdu = encode(*m.outer);
  }
  return m;
}

}  // namespace

TEST(InteropTshark, NasEpsMobilityManagementMessages) {
  Rng r(0x5eca9e03);
  run_generated(
      "nas-eps-mm", "nas-eps", 300, [&] { return generate(r); },
      [](const MobilityPdu& m, const Node& layers, Comparison& c) { compare(m, layers, c); }, 6000);
}

}  // namespace secmode::test::interop::eps
