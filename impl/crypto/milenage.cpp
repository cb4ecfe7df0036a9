#include "impl/crypto/milenage.h"

#include "impl/crypto/aes_ct64.h"
#include "impl/crypto/ct.h"

namespace secmode::impl::crypto {

namespace {

using Block = std::array<std::uint8_t, 16>;

}  // namespace

Milenage::~Milenage() { ct::wipe(this, sizeof *this); }

void milenage(std::span<const std::uint8_t, 16> k, std::span<const std::uint8_t, 16> opc,
              std::span<const std::uint8_t, 16> rand, std::span<const std::uint8_t, 6> sqn,
              std::span<const std::uint8_t, 2> amf, Milenage& out) noexcept {
  AesCt64Key key;
  aes_ct64_expand(key, k.data());
  // TS 35.206 4.1: TEMP = E_K(RAND xor OPc); IN1 = SQN || AMF || SQN || AMF.
  Block temp{}, in1{};
  for (std::size_t i = 0; i < 16; ++i) temp[i] = rand[i] ^ opc[i];
  aes_ct64_encrypt(key, temp.data(), temp.data(), 1);
  for (std::size_t i = 0; i < 16; ++i) in1[i] = i % 8 < 6 ? sqn[i % 8] : amf[i % 8 - 6];
  // OUT1 = E_K(TEMP xor rot(IN1 xor OPc, r1) xor c1) xor OPc, r1 = 64, c1 = 0; then
  // OUTi = E_K(rot(TEMP xor OPc, ri) xor ci) xor OPc for i = 2..5 with r = 0, 32, 64, 96 and c =
  // 1, 2, 4, 8 in the last octet. Every r is whole octets: rot moves octet (j + r/8) to j.
  std::array<Block, 5> outs{};
  for (std::size_t j = 0; j < 16; ++j) outs[0][j] = temp[j] ^ in1[(j + 8) % 16] ^ opc[(j + 8) % 16];
  constexpr std::array<std::size_t, 4> kRot{0, 4, 8, 12};
  constexpr std::array<std::uint8_t, 4> kC{1, 2, 4, 8};
  for (std::size_t i = 0; i < 4; ++i) {
    for (std::size_t j = 0; j < 16; ++j) outs[i + 1][j] = temp[(j + kRot[i]) % 16] ^ opc[(j + kRot[i]) % 16];
    outs[i + 1][15] ^= kC[i];
  }
  aes_ct64_encrypt(key, outs[0].data(), outs[0].data(), 5);
  for (auto& o : outs)
    for (std::size_t j = 0; j < 16; ++j) o[j] ^= opc[j];
  // 4.1: f1 = OUT1[0..63], f1* = OUT1[64..127], f5 = OUT2[0..47], f2 = OUT2[64..127], f3 = OUT3,
  // f4 = OUT4, f5* = OUT5[0..47].
  for (std::size_t j = 0; j < 8; ++j) {
    out.mac_a[j] = outs[0][j];
    out.mac_s[j] = outs[0][8 + j];
    out.res[j] = outs[1][8 + j];
  }
  for (std::size_t j = 0; j < 6; ++j) {
    out.ak[j] = outs[1][j];
    out.ak_star[j] = outs[4][j];
  }
  out.ck = outs[2];
  out.ik = outs[3];
  ct::wipe_object(key);
  ct::wipe_object(temp);
  ct::wipe_object(in1);
  ct::wipe_object(outs);
}

}  // namespace secmode::impl::crypto
