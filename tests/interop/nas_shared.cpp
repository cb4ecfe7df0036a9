#include "tests/interop/nas_shared.h"

#include <array>

namespace secmode::test::interop {
namespace {

// Wireshark's fields for the bits of TS 24.301 9.9.3.36 octets 6 and 7 (bit 8 first).
constexpr std::array<const char*, 8> kUia = {"",
                                             "nas_eps.emm.uia1",
                                             "nas_eps.emm.uia2",
                                             "nas_eps.emm.uia3",
                                             "nas_eps.emm.uia4",
                                             "nas_eps.emm.uia5",
                                             "nas_eps.emm.uia6",
                                             "nas_eps.emm.uia7"};  // bit 8 spare
constexpr std::array<const char*, 8> kGea = {"",
                                             "nas_eps.emm.gea1",
                                             "nas_eps.emm.gea2",
                                             "nas_eps.emm.gea3",
                                             "nas_eps.emm.gea4",
                                             "nas_eps.emm.gea5",
                                             "nas_eps.emm.gea6",
                                             "nas_eps.emm.gea7"};  // bit 8 spare

// TS 24.301 9.9.3.34 octets 6..10: UCS2 in bit 8 of octet 6 (the UIA octet of 9.9.3.36 has it
// spare), then the capability bits Wireshark 4.0 knows; octet 10 bits 8..6 it shows as spare.
constexpr std::array<std::array<const char*, 8>, 5> kNetworkCapabilityOctets6To10 = {{
    {"nas_eps.emm.emm_ucs2_supp", "nas_eps.emm.uia1", "nas_eps.emm.uia2", "nas_eps.emm.uia3",
     "nas_eps.emm.uia4", "nas_eps.emm.uia5", "nas_eps.emm.uia6", "nas_eps.emm.uia7"},
    {"nas_eps.emm.prose_dd_cap", "nas_eps.emm.prose_cap", "nas_eps.emm.h245_ash_cap",
     "nas_eps.emm.acc_csfb_cap", "nas_eps.emm.lpp_cap", "nas_eps.emm.lcs_cap",
     "nas_eps.emm.1xsrvcc_cap", "nas_eps.emm.nf_cap"},
    {"nas_eps.emm.epco_cap", "nas_eps.emm.hc_cp_ciot_cap", "nas_eps.emm.er_wo_pdn_cap",
     "nas_eps.emm.s1u_data_cap", "nas_eps.emm.up_ciot_cap", "nas_eps.emm.cp_ciot_cap",
     "nas_eps.emm.prose_relay_cap", "nas_eps.emm.prose_dc_cap"},
    {"nas_eps.emm.15_bearers_cap", "nas_eps.emm.sgc_cap", "nas_eps.emm.n1mode_cap",
     "nas_eps.emm.dcnr_cap", "nas_eps.emm.cp_backoff_cap", "nas_eps.emm.restrict_ec_cap",
     "nas_eps.emm.v2x_pc5_cap", "nas_eps.emm.multiple_drb_cap"},
    {"", "", "", "nas_eps.emm.v2x_nr_pc5_cap", "nas_eps.emm.up_mt_edt_cap",
     "nas_eps.emm.cp_mt_edt_cap", "nas_eps.emm.wsua_cap", "nas_eps.emm.racs_cap"},
}};

// TS 24.301 9.9.3.53: 5G-EA0..15 and 5G-IA0..15, two octets each.
constexpr std::array<const char*, 16> kAdditionalEa = {
    "nas_eps.emm.5g_ea0",     "nas_eps.emm.128_5g_ea1", "nas_eps.emm.128_5g_ea2",
    "nas_eps.emm.128_5g_ea3", "nas_eps.emm.5g_ea4",     "nas_eps.emm.5g_ea5",
    "nas_eps.emm.5g_ea6",     "nas_eps.emm.5g_ea7",     "nas_eps.emm.5g_ea8",
    "nas_eps.emm.5g_ea9",     "nas_eps.emm.5g_ea10",    "nas_eps.emm.5g_ea11",
    "nas_eps.emm.5g_ea12",    "nas_eps.emm.5g_ea13",    "nas_eps.emm.5g_ea14",
    "nas_eps.emm.5g_ea15"};
constexpr std::array<const char*, 16> kAdditionalIa = {
    "nas_eps.emm.5g_ia0",     "nas_eps.emm.128_5g_ia1", "nas_eps.emm.128_5g_ia2",
    "nas_eps.emm.128_5g_ia3", "nas_eps.emm.5g_ia4",     "nas_eps.emm.5g_ia5",
    "nas_eps.emm.5g_ia6",     "nas_eps.emm.5g_ia7",     "nas_eps.emm.5g_ia8",
    "nas_eps.emm.5g_ia9",     "nas_eps.emm.5g_ia10",    "nas_eps.emm.5g_ia11",
    "nas_eps.emm.5g_ia12",    "nas_eps.emm.5g_ia13",    "nas_eps.emm.5g_ia14",
    "nas_eps.emm.5g_ia15"};

void word_bitmap(Comparison& c, const Node* scope, const std::array<const char*, 16>& names,
                 std::uint16_t word) {
  for (unsigned k = 0; k < 16; ++k) number(c, scope, names[k], (word >> (15 - k)) & 1u);
}

}  // namespace

spec::nas::UeSecurityCapability random_eps_capabilities(Rng& r) {
  spec::nas::UeSecurityCapability u;
  u.eea = r.octet();
  u.eia = r.octet();
  const auto extra = r.below(3);  // 9.9.3.36: 2, 4 or 5 octets
  if (extra >= 1) {
    u.uea = r.octet();
    u.uia = r.octet();
  }
  if (extra == 2) u.gea = r.octet();
  return u;
}

void eps_capabilities(Comparison& c, const Node* caps, const spec::nas::UeSecurityCapability& u) {
  if (!caps) return;
  number(c, caps, "gsm_a.len", u.gea ? 5 : u.uea ? 4 : 2);
  bitmap(c, caps, kEea, u.eea);
  bitmap(c, caps, kEia, u.eia);
  if (u.uea) {
    bitmap(c, caps, kUea, *u.uea);
    bitmap(c, caps, kUia, *u.uia);
  } else {
    absent(c, caps, kUea);
    absent(c, caps, kUia);
  }
  if (u.gea)
    bitmap(c, caps, kGea, *u.gea);
  else
    absent(c, caps, kGea);
}

void eps_network_capability(Comparison& c, const Node* caps,
                            const spec::nas::UeNetworkCapability& u) {
  if (!caps) return;
  number(c, caps, "gsm_a.len", 2 + (u.uea ? 1 : 0) + (u.uia ? 1 : 0) + u.rest.size());
  bitmap(c, caps, kEea, u.eea);
  bitmap(c, caps, kEia, u.eia);
  if (u.uea)
    bitmap(c, caps, kUea, *u.uea);
  else
    absent(c, caps, kUea);
  // Octets 6.. as far as the message has them and Wireshark names their bits.
  spec::Bytes octets;
  if (u.uia) octets.push_back(*u.uia);
  octets.insert(octets.end(), u.rest.begin(), u.rest.end());
  for (std::size_t k = 0; k < kNetworkCapabilityOctets6To10.size(); ++k) {
    if (k < octets.size())
      bitmap(c, caps, kNetworkCapabilityOctets6To10[k], octets[k]);
    else
      absent(c, caps, kNetworkCapabilityOctets6To10[k]);
  }
}

void eps_additional_capabilities(Comparison& c, const Node* caps,
                                 const spec::nas::UeAdditionalSecurityCapability& u) {
  word_bitmap(c, caps, kAdditionalEa, u.ea);
  word_bitmap(c, caps, kAdditionalIa, u.ia);
}

void autn(Comparison& c, const Node* n, spec::ByteView value) {
  number(c, n, "gsm_a.len", value.size());
  bytes(c, n, "gsm_a.dtap.autn", value);
  const Node* parts = child(n, "gsm_a.dtap.autn_tree");
  bytes(c, parts, "gsm_a.dtap.autn.sqn_xor_ak", value.subspan(0, 6));
  bytes(c, parts, "gsm_a.dtap.autn.amf", value.subspan(6, 2));
  bytes(c, parts, "gsm_a.dtap.autn.mac", value.subspan(8, 8));
}

void auts(Comparison& c, const Node* n, spec::ByteView value) {
  number(c, n, "gsm_a.len", value.size());
  bytes(c, n, "gsm_a.dtap.auts", value);
  const Node* parts = child(n, "gsm_a.dtap.auts_tree");
  bytes(c, parts, "gsm_a.dtap.auts.sqn_ms_xor_ak", value.subspan(0, 6));
  bytes(c, parts, "gsm_a.dtap.auts.mac_s", value.subspan(6, 8));
}

std::uint32_t mac_value(const spec::Mac32& mac) {
  return static_cast<std::uint32_t>(mac[0]) << 24 | static_cast<std::uint32_t>(mac[1]) << 16 |
         static_cast<std::uint32_t>(mac[2]) << 8 | mac[3];
}

}  // namespace secmode::test::interop
