#include "tests/interop/nas_5gs_shared.h"

#include <array>

#include "tests/interop/nas_shared.h"

namespace secmode::test::interop::fivegs {
namespace {

// TS 24.501 9.11.3.54 octets 3..6.
constexpr std::array<const char*, 8> k5gEa = {
    "nas_5gs.mm.5g_ea0", "nas_5gs.mm.128_5g_ea1", "nas_5gs.mm.128_5g_ea2", "nas_5gs.mm.128_5g_ea3",
    "nas_5gs.mm.5g_ea4", "nas_5gs.mm.5g_ea5",     "nas_5gs.mm.5g_ea6",     "nas_5gs.mm.5g_ea7"};
constexpr std::array<const char*, 8> k5gIa = {"nas_5gs.mm.ia0",        "nas_5gs.mm.5g_128_ia1",
                                              "nas_5gs.mm.5g_128_ia2", "nas_5gs.mm.5g_128_ia3",
                                              "nas_5gs.mm.5g_128_ia4", "nas_5gs.mm.5g_ia5",
                                              "nas_5gs.mm.5g_ia6",     "nas_5gs.mm.5g_ia7"};
constexpr std::array<const char*, 8> k5gEea = {
    "nas_5gs.mm.eea0", "nas_5gs.mm.128eea1", "nas_5gs.mm.128eea2", "nas_5gs.mm.eea3",
    "nas_5gs.mm.eea4", "nas_5gs.mm.eea5",    "nas_5gs.mm.eea6",    "nas_5gs.mm.eea7"};
constexpr std::array<const char*, 8> k5gEia = {
    "nas_5gs.mm.eia0", "nas_5gs.mm.128eia1", "nas_5gs.mm.128eia2", "nas_5gs.mm.eia3",
    "nas_5gs.mm.eia4", "nas_5gs.mm.eia5",    "nas_5gs.mm.eia6",    "nas_5gs.mm.eia7"};

}  // namespace

spec::nas5gs::UeSecurityCapability random_5gs_capabilities(Rng& r) {
  spec::nas5gs::UeSecurityCapability u;
  u.ea = r.octet();
  u.ia = r.octet();
  const auto extra = r.below(4);  // 9.11.3.54: 2, 4, 6 or 8 octets
  if (extra >= 1) {
    u.eea = r.octet();
    u.eia = r.octet();
  }
  if (extra >= 2) u.octets_7_to_10 = r.octets(2 * (extra - 1), 2 * (extra - 1));
  return u;
}

void five_gs_capabilities(Comparison& c, const Node* caps,
                          const spec::nas5gs::UeSecurityCapability& u) {
  if (!caps) return;
  number(c, caps, "gsm_a.len", 2 + (u.eea ? 2 : 0) + u.octets_7_to_10.size());
  bitmap(c, caps, k5gEa, u.ea);
  bitmap(c, caps, k5gIa, u.ia);
  if (u.eea) {
    bitmap(c, caps, k5gEea, *u.eea);
    bitmap(c, caps, k5gEia, *u.eia);
  } else {
    absent(c, caps, k5gEea);
    absent(c, caps, k5gEia);
  }
}

spec::Bytes random_eap_message(Rng& r) {
  const std::uint8_t code = static_cast<std::uint8_t>(1 + r.below(4));
  spec::Bytes b{code, r.octet(), 0, 4};
  if (code <= 2) {
    b.push_back(1);
    const auto n = r.below(12);
    for (std::uint32_t i = 0; i < n; ++i) b.push_back(static_cast<std::uint8_t>('a' + r.below(26)));
  }
  b[3] = static_cast<std::uint8_t>(b.size());
  return b;
}

void eap_message(Comparison& c, const Node* n, spec::ByteView eap) {
  const Node* e = child(n, "eap");
  number(c, e, "eap.code", eap[0]);
  number(c, e, "eap.id", eap[1]);
  number(c, e, "eap.len", eap.size());
}

void outer_header(Comparison& c, const Node* layer,
                  const std::optional<spec::nas5gs::SecurityProtectedMessage>& outer) {
  const Node* sec = ie(c, layer, "Security protected NAS 5GS message", outer.has_value());
  if (!outer) return;
  number(c, sec, "nas_5gs.epd", spec::nas5gs::kFiveGmmEpd);
  number(c, sec, "nas_5gs.security_header_type", static_cast<unsigned>(outer->type));
  number(c, sec, "nas_5gs.msg_auth_code", mac_value(outer->mac));
  number(c, sec, "nas_5gs.seq_no", outer->sequence_number);
}

}  // namespace secmode::test::interop::fivegs
