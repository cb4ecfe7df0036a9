#include "spec/crypto/eea_eia.h"

#include "spec/crypto/aes_cmac.h"
#include "spec/crypto/aes_ctr.h"
#include "spec/crypto/eea3_eia3.h"
#include "spec/crypto/uea2_uia2.h"

namespace secmode::spec {
namespace {

void require_inputs(ByteView key, const CountInputs& in, bool needs_key) {
  if (needs_key) require_size(key, 16, "key");
  require_bearer_direction(in.bearer, in.direction);
}

// TS 33.401 B.1.3 (128-EEA2) and B.2.3 (128-EIA2): COUNT || BEARER || DIRECTION || 0^26,
// the 64 most significant bits of the CTR initial block and the CMAC message prefix.
std::array<std::uint8_t, 8> count_bearer_direction(const CountInputs& in) {
  std::array<std::uint8_t, 8> p{};
  store_be32(p.data(), in.count);
  p[4] = static_cast<std::uint8_t>(in.bearer << 3 | in.direction << 2);
  return p;
}

}  // namespace

Bytes eea(Eea alg, ByteView key, const CountInputs& in, ByteView data, std::size_t bits) {
  require_bits(data, bits, "data");
  require_inputs(key, in, alg != Eea::eea0);
  switch (alg) {
    case Eea::eea0:  // TS 33.401 5.1.3.2: the null ciphering algorithm
      return truncate_bits(data, bits);
    case Eea::eea1:  // TS 33.401 B.1.2: UEA2 f8 with CK = KEY
      return uea2_f8(key, in.count, in.bearer, in.direction, data, bits);
    case Eea::eea2: {  // TS 33.401 B.1.3: T1 = COUNT || BEARER || DIRECTION || 0^26 || 0^64
      Block t1{};
      const auto prefix = count_bearer_direction(in);
      for (std::size_t i = 0; i < prefix.size(); ++i) t1[i] = prefix[i];
      return aes128_ctr(key, t1, data, bits);
    }
    case Eea::eea3:  // TS 33.401 B.1.4
      return eea3(key, in.count, in.bearer, in.direction, data, bits);
  }
  throw CryptoArgumentError("unknown EEA algorithm identity");
}

Mac32 eia(Eia alg, ByteView key, const CountInputs& in, ByteView message, std::size_t bits) {
  require_bits(message, bits, "message");
  require_inputs(key, in, alg != Eia::eia0);
  switch (alg) {
    case Eia::eia0:  // TS 33.401 5.1.4.2 / TS 33.501 D.3.1: NULL integrity, a MAC of 32 zero bits
      return Mac32{};
    case Eia::eia1:  // TS 33.401 B.2.2: UIA2 f9 with IK = KEY and FRESH = BEARER || 0^27
      return uia2_f9(key, in.count, std::uint32_t{in.bearer} << 27, in.direction, message, bits);
    case Eia::eia2: {  // TS 33.401 B.2.3: CMAC over COUNT||BEARER||DIRECTION||0^26||MESSAGE, first 32 bits
      const auto prefix = count_bearer_direction(in);
      Bytes m(prefix.begin(), prefix.end());
      const Bytes body = truncate_bits(message, bits);
      m.insert(m.end(), body.begin(), body.end());
      const Block tag = aes128_cmac(key, m, 64 + bits);
      return Mac32{tag[0], tag[1], tag[2], tag[3]};
    }
    case Eia::eia3:  // TS 33.401 B.2.4
      return eia3(key, in.count, in.bearer, in.direction, message, bits);
  }
  throw CryptoArgumentError("unknown EIA algorithm identity");
}

}  // namespace secmode::spec
