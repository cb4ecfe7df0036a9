// The named derivations of TS 33.401 / TS 33.501 Annex A on the published vectors: each
// vector's parameters are fed to the named function (not to the raw KDF), so the FC values
// and parameter encodings inside the named functions are what is checked.
#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "spec/crypto/kdf.h"
#include "spec/crypto/keys_5gs.h"
#include "spec/crypto/keys_eps.h"
#include "spec/crypto/plmn.h"
#include "tests/support/vectors.h"

using namespace secmode;
using secmode::test::hex;
using Json = nlohmann::json;

namespace {

spec::Bytes param(const Json& v, std::size_t i) { return hex(v.at("params").at(i).at("hex")); }
std::string param_text(const Json& v, std::size_t i) {
  const auto b = param(v, i);
  return std::string(b.begin(), b.end());
}
std::uint32_t param_uint(const Json& v, std::size_t i) {
  std::uint32_t x = 0;
  for (auto byte : param(v, i)) x = x << 8 | byte;
  return x;
}
spec::Bytes key_part(const Json& v, std::size_t off, std::size_t n) {
  const auto k = hex(v["key"]);
  return {k.begin() + static_cast<std::ptrdiff_t>(off), k.begin() + static_cast<std::ptrdiff_t>(off + n)};
}
// Recovers the PLMN digits from an SN id (the inverse of TS 33.401 Figure A.2-1), so the named
// K_ASME function is fed a PLMN and must encode it itself.
spec::Plmn plmn_of_sn_id(const spec::Bytes& sn) {
  auto d = [](int n) { return static_cast<char>('0' + n); };
  spec::Plmn p;
  p.mcc = {d(sn[0] & 0xf), d(sn[0] >> 4), d(sn[1] & 0xf)};
  p.mnc = {d(sn[2] & 0xf), d(sn[2] >> 4)};
  if ((sn[1] >> 4) != 0xf) p.mnc.push_back(d(sn[1] >> 4));
  return p;
}
template <class K>
std::string hx(const K& k) { return test::to_hex({k.begin(), k.end()}); }

spec::AlgorithmType alg_type(const Json& v) { return static_cast<spec::AlgorithmType>(param(v, 0).at(0)); }

using Derive = std::function<std::string(const Json&)>;
const std::map<std::string, Derive>& named() {
  static const std::map<std::string, Derive> table = {
      {"K_ASME", [](const Json& v) {
         return hx(spec::derive_kasme(key_part(v, 0, 16), key_part(v, 16, 16), plmn_of_sn_id(param(v, 0)), param(v, 1)));
       }},
      {"K_eNB", [](const Json& v) { return hx(spec::derive_kenb(hex(v["key"]), param_uint(v, 0))); }},
      {"NH", [](const Json& v) { return hx(spec::derive_nh(hex(v["key"]), param(v, 0))); }},
      {"K_eNB*", [](const Json& v) {
         return hx(spec::derive_kenb_star(hex(v["key"]), static_cast<std::uint16_t>(param_uint(v, 0)), param_uint(v, 1)));
       }},
      {"K_AUSF", [](const Json& v) {
         return hx(spec::derive_kausf(key_part(v, 0, 16), key_part(v, 16, 16), param_text(v, 0), param(v, 1)));
       }},
      {"RES*/XRES*", [](const Json& v) {
         return hx(spec::derive_res_star(key_part(v, 0, 16), key_part(v, 16, 16), param_text(v, 0), param(v, 1), param(v, 2)));
       }},
      {"K_SEAF", [](const Json& v) { return hx(spec::derive_kseaf(hex(v["key"]), param_text(v, 0))); }},
      {"K_AMF", [](const Json& v) { return hx(spec::derive_kamf(hex(v["key"]), param_text(v, 0), param(v, 1))); }},
      {"K_gNB", [](const Json& v) {
         return hx(spec::derive_kgnb(hex(v["key"]), param_uint(v, 0), static_cast<spec::AccessType>(param(v, 1).at(0))));
       }},
  };
  return table;
}

// Algorithm keys: FC 0x15 is TS 33.401 A.7, FC 0x69 is TS 33.501 A.8.
std::string algorithm_key(const Json& v) {
  const auto key = hex(v["key"]);
  const std::uint8_t alg = param(v, 1).at(0);
  return v.at("fc") == "15" ? hx(spec::derive_eps_algorithm_key(key, alg_type(v), alg))
                            : hx(spec::derive_5gs_algorithm_key(key, alg_type(v), alg));
}

}  // namespace

TEST(KeyVectors, NamedDerivations) {
  std::size_t checked = 0;
  for (const auto& v : test::vectors("kdf")) {
    SCOPED_TRACE(v.at("id").get<std::string>());
    const auto name = v.at("derivation").get<std::string>();
    const bool is_alg_key = name.rfind("K_NAS", 0) == 0 || name.rfind("K_RRC", 0) == 0 || name.rfind("K_UP", 0) == 0;
    if (is_alg_key) {
      EXPECT_EQ(algorithm_key(v), v.at("output_128").get<std::string>());
    } else if (auto it = named().find(name); it != named().end()) {
      const std::string got = it->second(v);
      EXPECT_EQ(got, v.contains("output") ? v.at("output").get<std::string>() : v.at("output_128").get<std::string>());
    } else {
      continue;  // S-K_gNB and CK'||IK' are not named derivations of 33.401/33.501 Annex A
    }
    ++checked;
  }
  EXPECT_EQ(checked, 34u);
}

TEST(Plmn, SnIdAndServingNetworkName) {
  EXPECT_EQ(hx(spec::sn_id(spec::parse_plmn("00101"))), "00f110");
  EXPECT_EQ(hx(spec::sn_id(spec::parse_plmn("310-410"))), "130014");  // 3-digit MNC: MNC3 in octet 2
  EXPECT_EQ(spec::serving_network_name(spec::parse_plmn("90170")), "5G:mnc070.mcc901.3gppnetwork.org");
  EXPECT_EQ(spec::serving_network_name(spec::parse_plmn("001001")), "5G:mnc001.mcc001.3gppnetwork.org");
  EXPECT_THROW(spec::parse_plmn("0010"), spec::CryptoArgumentError);
  EXPECT_THROW(spec::parse_plmn("00a01"), spec::CryptoArgumentError);
  EXPECT_THROW(spec::parse_plmn("001-1"), spec::CryptoArgumentError);
}

// TS 33.501 A.5 has no published vector; check the definition through an independent route:
// HXRES* = the last 16 bytes of SHA-256(RAND || XRES*), computed here from a known SHA-256.
TEST(KeyDefinitions, HxresStarIsLow128OfSha256) {
  // SHA-256 of 32 zero bytes = 66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925
  const spec::Bytes zero(16, 0);
  EXPECT_EQ(hx(spec::derive_hres_star(zero, zero)), "089714856ee233b3902a591d0d5f2925");
}

// Derivations with no published vector, checked against the generic KDF with FC and
// parameters written out from the clause text (quoted in the comments).
TEST(KeyDefinitions, UnvectoredDerivationsMatchTheirClauses) {
  spec::Bytes k(32);
  for (std::size_t i = 0; i < k.size(); ++i) k[i] = static_cast<std::uint8_t>(0x80 + i);
  const spec::Bytes sync(32, 0x5a);
  auto raw = [&](std::uint8_t fc, std::initializer_list<spec::Bytes> p) { return hx(spec::kdf(k, fc, p)); };
  // TS 33.401 A.5: L1 = 0x00 0x02 for EARFCN-DL 0..65535, 0x00 0x03 for 65536..262143.
  EXPECT_EQ(hx(spec::derive_kenb_star(k, 1, 65535)), raw(0x13, {{0x00, 0x01}, {0xff, 0xff}}));
  EXPECT_EQ(hx(spec::derive_kenb_star(k, 1, 65536)), raw(0x13, {{0x00, 0x01}, {0x01, 0x00, 0x00}}));
  EXPECT_THROW(spec::derive_kenb_star(k, 1, 262144), spec::CryptoArgumentError);
  // TS 33.501 A.10: FC = 0x6F, P0 = SYNC-input.
  EXPECT_EQ(hx(spec::derive_nh_5gs(k, sync)), raw(0x6f, {sync}));
  // TS 33.501 A.11: FC = 0x70, P0 = PCI (2 octets), P1 = ARFCN-DL (3 octets).
  EXPECT_EQ(hx(spec::derive_kngran_star_gnb(k, 0x0102, 632628)), raw(0x70, {{0x01, 0x02}, {0x09, 0xa7, 0x34}}));
  // TS 33.501 A.12: FC = 0x71, EARFCN-DL always 3 octets.
  EXPECT_EQ(hx(spec::derive_kngran_star_ng_enb(k, 7, 1300)), raw(0x71, {{0x00, 0x07}, {0x00, 0x05, 0x14}}));
  // TS 33.501 A.13: FC = 0x72, P0 = DIRECTION (1 octet), P1 = COUNT (4 octets).
  EXPECT_EQ(hx(spec::derive_kamf_prime(k, 1, 0x01020304)), raw(0x72, {{0x01}, {0x01, 0x02, 0x03, 0x04}}));
  // TS 33.501 A.9 with non-3GPP access: P1 = 0x02.
  EXPECT_EQ(hx(spec::derive_kgnb(k, 5, spec::AccessType::non_three_gpp)), raw(0x6e, {{0, 0, 0, 5}, {0x02}}));
  // TS 33.501 A.14.1 / A.14.2: FC = 0x73 (uplink COUNT) / 0x74 (downlink COUNT).
  EXPECT_EQ(hx(spec::derive_kasme_from_kamf_idle(k, 9)), raw(0x73, {{0, 0, 0, 9}}));
  EXPECT_EQ(hx(spec::derive_kasme_from_kamf_handover(k, 9)), raw(0x74, {{0, 0, 0, 9}}));
  // TS 33.501 A.15.1 / A.15.2: FC = 0x75 (TAU uplink COUNT) / 0x76 (NH).
  EXPECT_EQ(hx(spec::derive_kamf_from_kasme_idle(k, 9)), raw(0x75, {{0, 0, 0, 9}}));
  EXPECT_EQ(hx(spec::derive_kamf_from_kasme_handover(k, sync)), raw(0x76, {sync}));
  // TS 33.501 A.7: the "imsi-" prefix of the SUPI's text form is not part of P0.
  EXPECT_EQ(hx(spec::derive_kamf(k, "imsi-001010123456789", spec::Bytes{0, 0})),
            hx(spec::derive_kamf(k, "001010123456789", spec::Bytes{0, 0})));
}
