#include "spec/crypto/milenage.h"

#include <algorithm>

#include "spec/crypto/aes.h"

namespace secmode::spec {
namespace {

Block xor_block(const Block& a, const Block& b) {
  Block r;
  for (std::size_t i = 0; i < 16; ++i) r[i] = a[i] ^ b[i];
  return r;
}

// TS 35.206 4.1: rot(x, r) cyclically rotates the 128-bit x by r bit positions towards the
// most significant bit. Every r used (0, 32, 64, 96) is a whole number of bytes.
Block rot(const Block& x, std::size_t r) {
  Block out;
  for (std::size_t i = 0; i < 16; ++i) out[i] = x[(i + r / 8) % 16];
  return out;
}

// TS 35.206 4.1: c1..c5 are 0 except for the least significant byte: 0, 1, 2, 4, 8.
Block constant(std::uint8_t last) {
  Block c{};
  c[15] = last;
  return c;
}

Block to_block(ByteView v) {
  Block b;
  std::copy_n(v.begin(), 16, b.begin());
  return b;
}

}  // namespace

Key128 milenage_opc(ByteView k, ByteView op) {
  require_size(op, 16, "OP");
  const Aes128 aes(k);
  const Block o = to_block(op);
  Block enc = aes.encrypt(o);
  Key128 opc;
  for (std::size_t i = 0; i < 16; ++i) opc[i] = o[i] ^ enc[i];
  wipe(enc.data(), enc.size());
  return opc;
}

MilenageOutput milenage(ByteView k, ByteView opc_in, ByteView rand, ByteView sqn, ByteView amf) {
  require_size(opc_in, 16, "OPc");
  require_size(rand, 16, "RAND");
  require_size(sqn, 6, "SQN");
  require_size(amf, 2, "AMF");
  const Aes128 aes(k);
  const Block opc = to_block(opc_in);

  // TEMP = E_K(RAND xor OPc); IN1 = SQN || AMF || SQN || AMF.
  Block temp = aes.encrypt(xor_block(to_block(rand), opc));
  Block in1;
  for (std::size_t half = 0; half < 2; ++half) {
    std::copy(sqn.begin(), sqn.end(), in1.begin() + static_cast<std::ptrdiff_t>(8 * half));
    std::copy(amf.begin(), amf.end(), in1.begin() + static_cast<std::ptrdiff_t>(8 * half + 6));
  }

  // OUT1 = E_K(TEMP xor rot(IN1 xor OPc, r1) xor c1) xor OPc, r1 = 64, c1 = 0.
  Block out1 = xor_block(aes.encrypt(xor_block(temp, rot(xor_block(in1, opc), 64))), opc);
  // OUTi = E_K(rot(TEMP xor OPc, ri) xor ci) xor OPc for i = 2..5.
  auto out = [&](std::size_t r, std::uint8_t c) {
    return xor_block(aes.encrypt(xor_block(rot(xor_block(temp, opc), r), constant(c))), opc);
  };
  Block out2 = out(0, 1), out3 = out(32, 2), out4 = out(64, 4), out5 = out(96, 8);

  MilenageOutput o;
  std::copy_n(opc.begin(), 16, o.opc.begin());
  std::copy_n(out1.begin(), 8, o.mac_a.begin());      // f1 = OUT1[0..63]
  std::copy_n(out1.begin() + 8, 8, o.mac_s.begin());  // f1* = OUT1[64..127]
  std::copy_n(out2.begin() + 8, 8, o.res.begin());    // f2 = OUT2[64..127]
  std::copy_n(out2.begin(), 6, o.ak.begin());         // f5 = OUT2[0..47]
  std::copy_n(out3.begin(), 16, o.ck.begin());        // f3 = OUT3
  std::copy_n(out4.begin(), 16, o.ik.begin());        // f4 = OUT4
  std::copy_n(out5.begin(), 6, o.ak_star.begin());    // f5* = OUT5[0..47]
  for (Block* b : {&temp, &in1, &out1, &out2, &out3, &out4, &out5}) wipe(b->data(), b->size());
  return o;
}

}  // namespace secmode::spec
