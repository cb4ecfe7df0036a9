// MILENAGE, the example authentication and key generation functions f1, f1*, f2, f3, f4,
// f5 and f5* of TS 35.206 (MILENAGE Document 2), clause 4.
#pragma once

#include <array>

#include "spec/crypto/bytes.h"

namespace secmode::spec {

struct MilenageOutput {
  Key128 opc;                        // TS 35.206 4.1: OPc = OP xor E_K(OP)
  std::array<std::uint8_t, 8> mac_a; // f1
  std::array<std::uint8_t, 8> mac_s; // f1*
  std::array<std::uint8_t, 8> res;   // f2
  Key128 ck;                         // f3
  Key128 ik;                         // f4
  std::array<std::uint8_t, 6> ak;    // f5
  std::array<std::uint8_t, 6> ak_star; // f5*
};

// OPc = OP xor E_K(OP). k and op are 16 bytes.
Key128 milenage_opc(ByteView k, ByteView op);

// All functions at once, from K, OPc, RAND (16 bytes), SQN (6 bytes) and AMF (2 bytes).
MilenageOutput milenage(ByteView k, ByteView opc, ByteView rand, ByteView sqn, ByteView amf);

}  // namespace secmode::spec
