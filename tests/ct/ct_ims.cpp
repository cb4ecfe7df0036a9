// Constant-time check (STYLE.md 9, the "ctgrind" technique of ct_aes.cpp) of the IMS engines'
// crypto: MILENAGE with K and OPc secret (impl/crypto/milenage.h), MD5 over a secret RES and the
// hex digits of its digest (the Digest AKA response, impl/crypto/md5.h), HMAC-SHA-1 with a secret
// key (impl/crypto/sha1.h), the ESP key expansion and the sealing of an ESP packet with secret
// keys and payload (impl/engine/ims_esp.h). Each result is declassified before it is looked at.
// ESP opening is not run here: it branches on whether the ICV verified, the one secret-derived
// fact a receiver must act on.
//
// `ct_ims table` instead picks hex digits from a table with a secret digest, as a naive LHEX
// conversion would: it must be caught (WILL_FAIL).
#include <valgrind/memcheck.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <string_view>

#include "impl/crypto/md5.h"
#include "impl/crypto/milenage.h"
#include "impl/crypto/sha1.h"
#include "impl/engine/ims_esp.h"
#include "tests/ct/ctgrind.h"

using namespace secmode::impl;

namespace {

using namespace secmode::test::ctgrind;

int table_lookup_mode() {
  std::array<std::uint8_t, 16> digest{};
  for (std::size_t i = 0; i < digest.size(); ++i) digest[i] = static_cast<std::uint8_t>(i * 29);
  secret(digest);
  static const char kHex[] = "0123456789abcdef";
  std::array<char, 32> out{};
  for (std::size_t i = 0; i < 16; ++i) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 15];
  }
  declassify(out);
  std::printf("table lookup done%s\n", RUNNING_ON_VALGRIND ? " (under valgrind: expect errors above)" : "");
  return out[0] == '0' ? 0 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "table") return table_lookup_mode();

  std::array<std::uint8_t, 16> k{}, opc{}, rand{};
  for (std::size_t i = 0; i < 16; ++i) {
    k[i] = static_cast<std::uint8_t>(0x46 + 3 * i);
    opc[i] = static_cast<std::uint8_t>(0xcd ^ (7 * i));
    rand[i] = static_cast<std::uint8_t>(0x23 * i);
  }
  std::array<std::uint8_t, 6> sqn{0, 0, 0, 0, 0x10, 1};
  const std::array<std::uint8_t, 2> amf{0x80, 0};
  secret(k);
  secret(opc);
  secret(sqn);
  crypto::Milenage m;
  crypto::milenage(k, opc, rand, sqn, amf, m);

  // The Digest AKA response's HA1: MD5 over text holding RES, then its hex digits.
  crypto::Md5 md5;
  md5.update("user@ims.example.org:ims.example.org:");
  md5.update(m.res);
  std::array<std::uint8_t, 16> digest{};
  md5.finish(digest);
  auto ha1 = crypto::to_lhex(digest);

  // HMAC-SHA-1 with a secret key, and an ESP packet sealed with the set's expanded keys.
  crypto::HmacSha1 hmac(m.ik);
  std::array<std::uint8_t, 32> message{};
  secret(message);
  const std::array<std::span<const std::uint8_t>, 1> parts{message};
  std::array<std::uint8_t, 20> mac{};
  hmac.mac(parts, mac);

  engine::SaSet set;
  set.id = 1000;
  set.mechanism = {sip::IntegrityAlgorithm::hmac_sha_1_96, std::nullopt};
  set.sas = engine::sas_between({1000, 1001, 5000, 5001}, {9000, 9001, 7000, 7001});
  engine::expand_esp_keys(set.mechanism, m.ik, m.ck, set.keys);
  std::array<std::uint8_t, 64> packet{};
  const auto sealed = engine::esp_seal(set, 2, 17, std::span<const std::uint8_t>(message.data(), 30), packet);

  declassify(m);
  declassify(ha1);
  declassify(mac);
  declassify(packet);
  expect(sealed.error == nullptr && sealed.size == 8 + 30 + 2 + 12, "esp_seal wrote a packet");
  expect(ha1[0] != 0 && mac[0] != mac[1] + 256, "results computed");
  std::printf("%s\n", failures == 0 ? "ok" : "failures");
  return failures == 0 ? 0 : 1;
}
