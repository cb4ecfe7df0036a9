#include "spec/crypto/keys_5gs.h"

#include <openssl/sha.h>

#include "spec/crypto/kdf.h"

namespace secmode::spec {
namespace {
Bytes copy(ByteView v) { return Bytes(v.begin(), v.end()); }
}  // namespace

Key256 derive_kausf(ByteView ck, ByteView ik, std::string_view snn, ByteView sqn_xor_ak) {
  require_size(sqn_xor_ak, 6, "SQN xor AK");
  return kdf(ck_ik_key(ck, ik), 0x6a, {kdf_string(snn), copy(sqn_xor_ak)});
}

Key128 derive_res_star(ByteView ck, ByteView ik, std::string_view snn, ByteView rand, ByteView res) {
  require_size(rand, 16, "RAND");
  if (res.size() < 4 || res.size() > 16) throw CryptoArgumentError("RES: expected 4 to 16 bytes");
  return kdf_low_128(kdf(ck_ik_key(ck, ik), 0x6b, {kdf_string(snn), copy(rand), copy(res)}));
}

std::array<std::uint8_t, 16> derive_hres_star(ByteView rand, ByteView res_star) {
  require_size(rand, 16, "RAND");
  require_size(res_star, 16, "RES*");
  Bytes s = copy(rand);  // A.5: S = P0 || P1 = RAND || (X)RES*, no FC and no lengths
  s.insert(s.end(), res_star.begin(), res_star.end());
  std::array<std::uint8_t, SHA256_DIGEST_LENGTH> h{};
  SHA256(s.data(), s.size(), h.data());
  std::array<std::uint8_t, 16> out{};
  std::copy(h.begin() + 16, h.end(), out.begin());
  return out;
}

Key256 derive_kseaf(ByteView kausf, std::string_view snn) {
  require_size(kausf, 32, "K_AUSF");
  return kdf(kausf, 0x6c, {kdf_string(snn)});
}

Key256 derive_kamf(ByteView kseaf, std::string_view supi, ByteView abba) {
  require_size(kseaf, 32, "K_SEAF");
  if (abba.size() < 2) throw CryptoArgumentError("ABBA: at least 2 bytes (0x0000 today, TS 33.501 A.7.1)");
  for (std::string_view prefix : {"imsi-", "nai-"})
    if (supi.substr(0, prefix.size()) == prefix) supi.remove_prefix(prefix.size());
  if (supi.empty()) throw CryptoArgumentError("SUPI is empty");
  return kdf(kseaf, 0x6d, {kdf_string(supi), copy(abba)});
}

Key256 derive_kamf_prime(ByteView kamf, std::uint8_t direction, std::uint32_t count) {
  require_size(kamf, 32, "K_AMF");
  if (direction > 1) throw CryptoArgumentError("DIRECTION must be 0 or 1");
  return kdf(kamf, 0x72, {Bytes{direction}, kdf_uint(count, 4)});
}

Key256 derive_kgnb(ByteView kamf, std::uint32_t uplink_nas_count, AccessType access) {
  require_size(kamf, 32, "K_AMF");
  return kdf(kamf, 0x6e, {kdf_uint(uplink_nas_count, 4), Bytes{static_cast<std::uint8_t>(access)}});
}

Key256 derive_nh_5gs(ByteView kamf, ByteView sync_input) {
  require_size(kamf, 32, "K_AMF");
  require_size(sync_input, 32, "SYNC-input");
  return kdf(kamf, 0x6f, {copy(sync_input)});
}

Key256 derive_kngran_star_gnb(ByteView key, std::uint16_t pci, std::uint32_t arfcn_dl) {
  require_size(key, 32, "K_gNB or NH");
  if (arfcn_dl > 0xffffff) throw CryptoArgumentError("ARFCN-DL must fit in 3 octets");
  return kdf(key, 0x70, {kdf_uint(pci, 2), kdf_uint(arfcn_dl, 3)});
}

Key256 derive_kngran_star_ng_enb(ByteView key, std::uint16_t pci, std::uint32_t earfcn_dl) {
  require_size(key, 32, "K_gNB or NH");
  if (earfcn_dl > 0xffffff) throw CryptoArgumentError("EARFCN-DL must fit in 3 octets");
  return kdf(key, 0x71, {kdf_uint(pci, 2), kdf_uint(earfcn_dl, 3)});
}

Key128 derive_5gs_algorithm_key(ByteView key, AlgorithmType type, std::uint8_t alg) {
  require_size(key, 32, "K_AMF or K_gNB");
  if (alg > 15) throw CryptoArgumentError("algorithm identity must fit in 4 bits");
  return kdf_low_128(kdf(key, 0x69, {Bytes{static_cast<std::uint8_t>(type)}, Bytes{alg}}));
}

Key256 derive_kasme_from_kamf_idle(ByteView kamf, std::uint32_t uplink_nas_count) {
  require_size(kamf, 32, "K_AMF");
  return kdf(kamf, 0x73, {kdf_uint(uplink_nas_count, 4)});
}

Key256 derive_kasme_from_kamf_handover(ByteView kamf, std::uint32_t downlink_nas_count) {
  require_size(kamf, 32, "K_AMF");
  return kdf(kamf, 0x74, {kdf_uint(downlink_nas_count, 4)});
}

Key256 derive_kamf_from_kasme_idle(ByteView kasme, std::uint32_t tau_uplink_nas_count) {
  require_size(kasme, 32, "K_ASME");
  return kdf(kasme, 0x75, {kdf_uint(tau_uplink_nas_count, 4)});
}

Key256 derive_kamf_from_kasme_handover(ByteView kasme, ByteView nh) {
  require_size(kasme, 32, "K_ASME");
  require_size(nh, 32, "NH");
  return kdf(kasme, 0x76, {copy(nh)});
}

}  // namespace secmode::spec
