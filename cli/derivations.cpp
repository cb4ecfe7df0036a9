#include "cli/derivations.h"

#include "cli/args.h"
#include "spec/crypto/keys_5gs.h"
#include "spec/crypto/keys_eps.h"
#include "spec/crypto/plmn.h"

namespace secmode::cli {
namespace {

using K = DerivationInput::Kind;
using spec::AlgorithmType;

template <class Key>
spec::Bytes bytes(const Key& k) { return spec::Bytes(k.begin(), k.end()); }

DerivationInput hex_in(std::string flag, std::string help, std::size_t size) {
  return {std::move(flag), std::move(help), K::hex, size, ""};
}
DerivationInput uint_in(std::string flag, std::string help, std::uint64_t max, std::string def = "") {
  return {std::move(flag), std::move(help), K::uint, max, std::move(def)};
}
DerivationInput text_in(std::string flag, std::string help, std::string def = "") {
  return {std::move(flag), std::move(help), K::text, 0, std::move(def)};
}
const DerivationInput kSnn = text_in("snn", "serving network name, or a PLMN (00101, 001001, 001-01) to build it from");
const DerivationInput kAlg = uint_in("alg", "algorithm identity (EEA/EIA or NEA/NIA number)", 15);
const DerivationInput kPci = uint_in("pci", "target physical cell identity", 0xffff);

std::uint16_t u16(std::uint64_t v) { return static_cast<std::uint16_t>(v); }
std::uint32_t u32(std::uint64_t v) { return static_cast<std::uint32_t>(v); }

// TS 33.401 A.7 and TS 33.501 A.8: six algorithm keys per system, one entry each.
void add_algorithm_keys(std::vector<Derivation>& t) {
  struct Type { const char* name; AlgorithmType type; bool nas; };
  const Type types[] = {{"nas-enc", AlgorithmType::nas_enc, true}, {"nas-int", AlgorithmType::nas_int, true},
                        {"rrc-enc", AlgorithmType::rrc_enc, false}, {"rrc-int", AlgorithmType::rrc_int, false},
                        {"up-enc", AlgorithmType::up_enc, false}, {"up-int", AlgorithmType::up_int, false}};
  for (const Type& ty : types) {
    const AlgorithmType type = ty.type;
    t.push_back({std::string("eps-k-") + ty.name, "TS 33.401 A.7", std::string("K_") + ty.name + " (EPS, 128 bits)",
                 {hex_in("key", ty.nas ? "K_ASME" : "K_eNB", 32), kAlg},
                 [type](const DerivationArgs& a) {
                   return bytes(spec::derive_eps_algorithm_key(a.hex("key"), type, static_cast<std::uint8_t>(a.uint("alg"))));
                 }});
    t.push_back({std::string("5g-k-") + ty.name, "TS 33.501 A.8", std::string("K_") + ty.name + " (5GS, 128 bits)",
                 {hex_in("key", ty.nas ? "K_AMF" : "K_gNB", 32), kAlg},
                 [type](const DerivationArgs& a) {
                   return bytes(spec::derive_5gs_algorithm_key(a.hex("key"), type, static_cast<std::uint8_t>(a.uint("alg"))));
                 }});
  }
}

std::vector<Derivation> make_table() {
  std::vector<Derivation> t = {
      {"kasme", "TS 33.401 A.2", "K_ASME from CK, IK, the serving PLMN and SQN xor AK",
       {hex_in("ck", "CK", 16), hex_in("ik", "IK", 16), text_in("plmn", "serving PLMN (00101, 001001, 001-01)"),
        hex_in("sqn-xor-ak", "SQN xor AK", 6)},
       [](const DerivationArgs& a) {
         return bytes(spec::derive_kasme(a.hex("ck"), a.hex("ik"), spec::parse_plmn(a.text("plmn")), a.hex("sqn-xor-ak")));
       }},
      {"kenb", "TS 33.401 A.3", "K_eNB from K_ASME and the uplink NAS COUNT",
       {hex_in("kasme", "K_ASME", 32), uint_in("count", "uplink NAS COUNT", 0xffffffff)},
       [](const DerivationArgs& a) { return bytes(spec::derive_kenb(a.hex("kasme"), u32(a.uint("count")))); }},
      {"nh", "TS 33.401 A.4", "NH from K_ASME and the SYNC-input (new K_eNB, then previous NH)",
       {hex_in("kasme", "K_ASME", 32), hex_in("sync", "SYNC-input", 32)},
       [](const DerivationArgs& a) { return bytes(spec::derive_nh(a.hex("kasme"), a.hex("sync"))); }},
      {"kenb-star", "TS 33.401 A.5", "K_eNB* from K_eNB or NH, target PCI and EARFCN-DL",
       {hex_in("key", "K_eNB (horizontal) or NH (vertical)", 32), kPci, uint_in("earfcn-dl", "EARFCN-DL", 262143)},
       [](const DerivationArgs& a) {
         return bytes(spec::derive_kenb_star(a.hex("key"), u16(a.uint("pci")), u32(a.uint("earfcn-dl"))));
       }},
      {"kausf", "TS 33.501 A.2", "K_AUSF (5G AKA) from CK, IK, serving network name and SQN xor AK",
       {hex_in("ck", "CK", 16), hex_in("ik", "IK", 16), kSnn, hex_in("sqn-xor-ak", "SQN xor AK", 6)},
       [](const DerivationArgs& a) {
         return bytes(spec::derive_kausf(a.hex("ck"), a.hex("ik"), a.snn("snn"), a.hex("sqn-xor-ak")));
       }},
      {"res-star", "TS 33.501 A.4", "RES* / XRES* (128 bits) from CK, IK, serving network name, RAND and RES",
       {hex_in("ck", "CK", 16), hex_in("ik", "IK", 16), kSnn, hex_in("rand", "RAND", 16), hex_in("res", "RES or XRES (4-16 bytes)", 0)},
       [](const DerivationArgs& a) {
         return bytes(spec::derive_res_star(a.hex("ck"), a.hex("ik"), a.snn("snn"), a.hex("rand"), a.hex("res")));
       }},
      {"hres-star", "TS 33.501 A.5", "HRES* / HXRES* (128 bits) from RAND and RES* / XRES*",
       {hex_in("rand", "RAND", 16), hex_in("res-star", "RES* or XRES*", 16)},
       [](const DerivationArgs& a) { return bytes(spec::derive_hres_star(a.hex("rand"), a.hex("res-star"))); }},
      {"kseaf", "TS 33.501 A.6", "K_SEAF from K_AUSF and the serving network name",
       {hex_in("kausf", "K_AUSF", 32), kSnn},
       [](const DerivationArgs& a) { return bytes(spec::derive_kseaf(a.hex("kausf"), a.snn("snn"))); }},
      {"kamf", "TS 33.501 A.7", "K_AMF from K_SEAF, SUPI and ABBA",
       {hex_in("kseaf", "K_SEAF", 32), text_in("supi", "SUPI: IMSI digits or NAI (imsi-/nai- prefix allowed)"),
        {"abba", "ABBA", K::hex, 0, "0000"}},
       [](const DerivationArgs& a) { return bytes(spec::derive_kamf(a.hex("kseaf"), a.text("supi"), a.hex("abba"))); }},
      {"kamf-prime", "TS 33.501 A.13", "K_AMF' (horizontal, mobility) from K_AMF, DIRECTION and NAS COUNT",
       {hex_in("kamf", "K_AMF", 32), uint_in("direction", "1: handover (downlink COUNT), 0: idle mobility (uplink COUNT)", 1),
        uint_in("count", "the NAS COUNT", 0xffffffff)},
       [](const DerivationArgs& a) {
         return bytes(spec::derive_kamf_prime(a.hex("kamf"), static_cast<std::uint8_t>(a.uint("direction")), u32(a.uint("count"))));
       }},
      {"kgnb", "TS 33.501 A.9", "K_gNB (or K_N3IWF) from K_AMF and the uplink NAS COUNT",
       {hex_in("kamf", "K_AMF", 32), uint_in("count", "uplink NAS COUNT", 0xffffffff),
        uint_in("access", "access type distinguisher: 1 3GPP, 2 non-3GPP", 2, "1")},
       [](const DerivationArgs& a) {
         if (a.uint("access") == 0) throw UsageError("--access: 1 (3GPP) or 2 (non-3GPP)");
         return bytes(spec::derive_kgnb(a.hex("kamf"), u32(a.uint("count")), static_cast<spec::AccessType>(a.uint("access"))));
       }},
      {"nh-5g", "TS 33.501 A.10", "NH from K_AMF and the SYNC-input",
       {hex_in("kamf", "K_AMF", 32), hex_in("sync", "SYNC-input", 32)},
       [](const DerivationArgs& a) { return bytes(spec::derive_nh_5gs(a.hex("kamf"), a.hex("sync"))); }},
      {"kngran-star", "TS 33.501 A.11", "K_NG-RAN* for a target gNB from K_gNB or NH, PCI and ARFCN-DL",
       {hex_in("key", "K_gNB or NH", 32), kPci, uint_in("arfcn-dl", "ARFCN-DL", 0xffffff)},
       [](const DerivationArgs& a) {
         return bytes(spec::derive_kngran_star_gnb(a.hex("key"), u16(a.uint("pci")), u32(a.uint("arfcn-dl"))));
       }},
      {"kngran-star-ng-enb", "TS 33.501 A.12", "K_NG-RAN* for a target ng-eNB from K_gNB or NH, PCI and EARFCN-DL",
       {hex_in("key", "K_gNB or NH", 32), kPci, uint_in("earfcn-dl", "EARFCN-DL", 0xffffff)},
       [](const DerivationArgs& a) {
         return bytes(spec::derive_kngran_star_ng_enb(a.hex("key"), u16(a.uint("pci")), u32(a.uint("earfcn-dl"))));
       }},
      {"kasme-from-kamf-idle", "TS 33.501 A.14.1", "K'_ASME from K_AMF at idle mobility (uplink NAS COUNT)",
       {hex_in("kamf", "K_AMF", 32), uint_in("count", "uplink NAS COUNT", 0xffffffff)},
       [](const DerivationArgs& a) { return bytes(spec::derive_kasme_from_kamf_idle(a.hex("kamf"), u32(a.uint("count")))); }},
      {"kasme-from-kamf-handover", "TS 33.501 A.14.2", "K'_ASME from K_AMF at handover (downlink NAS COUNT)",
       {hex_in("kamf", "K_AMF", 32), uint_in("count", "downlink NAS COUNT", 0xffffffff)},
       [](const DerivationArgs& a) { return bytes(spec::derive_kasme_from_kamf_handover(a.hex("kamf"), u32(a.uint("count")))); }},
      {"kamf-from-kasme-idle", "TS 33.501 A.15.1", "K_AMF' from K_ASME at idle mobility (uplink COUNT of the TAU)",
       {hex_in("kasme", "K_ASME", 32), uint_in("count", "uplink NAS COUNT of the TAU in the Registration Request", 0xffffffff)},
       [](const DerivationArgs& a) { return bytes(spec::derive_kamf_from_kasme_idle(a.hex("kasme"), u32(a.uint("count")))); }},
      {"kamf-from-kasme-handover", "TS 33.501 A.15.2", "K_AMF' from K_ASME at handover (NH)",
       {hex_in("kasme", "K_ASME", 32), hex_in("nh", "NH", 32)},
       [](const DerivationArgs& a) { return bytes(spec::derive_kamf_from_kasme_handover(a.hex("kasme"), a.hex("nh"))); }},
  };
  add_algorithm_keys(t);
  return t;
}

}  // namespace

const DerivationInput& DerivationArgs::input(const std::string& flag) const {
  for (const auto& in : inputs_)
    if (in.flag == flag) return in;
  throw std::logic_error("derivation reads undeclared input --" + flag);
}

spec::Bytes DerivationArgs::hex(const std::string& flag) const {
  return hex_arg("--" + flag, values_.at(flag), input(flag).size_or_max);
}

std::uint64_t DerivationArgs::uint(const std::string& flag) const {
  return uint_arg("--" + flag, values_.at(flag), input(flag).size_or_max);
}

std::string DerivationArgs::text(const std::string& flag) const {
  input(flag);
  return values_.at(flag);
}

std::string DerivationArgs::snn(const std::string& flag) const {
  const std::string v = text(flag);
  if (v.rfind("5G:", 0) == 0) return v;
  try {
    return spec::serving_network_name(spec::parse_plmn(v));
  } catch (const spec::CryptoArgumentError& e) {
    throw UsageError("--" + flag + ": neither a serving network name (5G:...) nor a PLMN: " + e.what());
  }
}

const std::vector<Derivation>& derivations() {
  static const std::vector<Derivation> table = make_table();
  return table;
}

}  // namespace secmode::cli
