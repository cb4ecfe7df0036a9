#include "spec/crypto/keys_eps.h"

#include "spec/crypto/kdf.h"

namespace secmode::spec {

Key256 ck_ik_key(ByteView ck, ByteView ik) {
  require_size(ck, 16, "CK");
  require_size(ik, 16, "IK");
  Key256 key;
  std::copy(ck.begin(), ck.end(), key.begin());
  std::copy(ik.begin(), ik.end(), key.begin() + 16);
  return key;
}

Key256 derive_kasme(ByteView ck, ByteView ik, const Plmn& serving, ByteView sqn_xor_ak) {
  require_size(sqn_xor_ak, 6, "SQN xor AK");
  const auto sn = sn_id(serving);
  return kdf(ck_ik_key(ck, ik), 0x10, {Bytes(sn.begin(), sn.end()), Bytes(sqn_xor_ak.begin(), sqn_xor_ak.end())});
}

Key256 derive_kenb(ByteView kasme, std::uint32_t uplink_nas_count) {
  require_size(kasme, 32, "K_ASME");
  return kdf(kasme, 0x11, {kdf_uint(uplink_nas_count, 4)});
}

Key256 derive_nh(ByteView kasme, ByteView sync_input) {
  require_size(kasme, 32, "K_ASME");
  require_size(sync_input, 32, "SYNC-input");
  return kdf(kasme, 0x12, {Bytes(sync_input.begin(), sync_input.end())});
}

Key256 derive_kenb_star(ByteView kenb_or_nh, std::uint16_t pci, std::uint32_t earfcn_dl) {
  require_size(kenb_or_nh, 32, "K_eNB or NH");
  if (earfcn_dl > 262143) throw CryptoArgumentError("EARFCN-DL must be at most 262143");
  return kdf(kenb_or_nh, 0x13, {kdf_uint(pci, 2), kdf_uint(earfcn_dl, earfcn_dl <= 65535 ? 2 : 3)});
}

Key128 derive_eps_algorithm_key(ByteView key, AlgorithmType type, std::uint8_t alg) {
  require_size(key, 32, "K_ASME or K_eNB");
  if (alg > 15) throw CryptoArgumentError("algorithm identity must fit in 4 bits");
  return kdf_low_128(kdf(key, 0x15, {Bytes{static_cast<std::uint8_t>(type)}, Bytes{alg}}));
}

}  // namespace secmode::spec
