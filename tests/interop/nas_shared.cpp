#include "tests/interop/nas_shared.h"

#include <array>

namespace secmode::test::interop {
namespace {

// Wireshark's fields for the bits of TS 24.301 9.9.3.36 octets 3..7 (bit 8 first).
constexpr std::array<const char*, 8> kEea = {
    "nas_eps.emm.eea0", "nas_eps.emm.128eea1", "nas_eps.emm.128eea2", "nas_eps.emm.eea3",
    "nas_eps.emm.eea4", "nas_eps.emm.eea5",    "nas_eps.emm.eea6",    "nas_eps.emm.eea7"};
constexpr std::array<const char*, 8> kEia = {
    "nas_eps.emm.eia0", "nas_eps.emm.128eia1", "nas_eps.emm.128eia2", "nas_eps.emm.eia3",
    "nas_eps.emm.eia4", "nas_eps.emm.eia5",    "nas_eps.emm.eia6",    "nas_eps.emm.eia7"};
constexpr std::array<const char*, 8> kUea = {
    "nas_eps.emm.uea0", "nas_eps.emm.uea1", "nas_eps.emm.uea2", "nas_eps.emm.uea3",
    "nas_eps.emm.uea4", "nas_eps.emm.uea5", "nas_eps.emm.uea6", "nas_eps.emm.uea7"};
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

std::uint32_t mac_value(const spec::Mac32& mac) {
  return static_cast<std::uint32_t>(mac[0]) << 24 | static_cast<std::uint32_t>(mac[1]) << 16 |
         static_cast<std::uint32_t>(mac[2]) << 8 | mac[3];
}

}  // namespace secmode::test::interop
