// ESP packets (impl/engine/ims_esp.h) opened by a P-CSCF's set of security associations, on
// arbitrary octets: never a crash, a read outside the packet or an allocation; an accepted
// packet's payload lies inside it and its sequence number is then refused as a replay. The seed
// corpus holds packets the UE's end of the same set sealed, so mutations reach the window and the
// padding checks.
#include "impl/engine/ims_esp.h"

#include <cstdio>
#include <cstdlib>

#include "tests/impl/allocation_counter.cpp"

namespace {

using namespace secmode::impl::engine;

// The set both ends hold: HMAC-SHA-1-96 without encryption, IK_IM 0x10..0x1f, CK_IM 0xa0..0xaf.
SaSet make_set(bool ue) {
  std::array<std::uint8_t, 16> ik{}, ck{};
  for (std::size_t i = 0; i < 16; ++i) {
    ik[i] = static_cast<std::uint8_t>(0x10 + i);
    ck[i] = static_cast<std::uint8_t>(0xa0 + i);
  }
  const SecParams u{1000, 1001, 5000, 5001}, p{9000, 9001, 7000, 7001};
  SaSet s;
  s.id = 1000;
  s.role = SaRole::established;
  s.mechanism = {secmode::impl::sip::IntegrityAlgorithm::hmac_sha_1_96, std::nullopt};
  s.sas = ue ? sas_between(u, p) : sas_between(p, u);
  expand_esp_keys(s.mechanism, ik, ck, s.keys);
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ImsSaDatabase pcscf;
  if (!pcscf.add(make_set(false))) std::abort();
  const std::span<const std::uint8_t> packet(data, size);
  const std::size_t before = secmode::test::allocations();
  const EspOpened o = esp_open(pcscf, packet);
  if (secmode::test::allocations() != before) std::abort();
  if (o.error == nullptr) {
    if (o.payload.data() < data || o.payload.data() + o.payload.size() > data + size) std::abort();
    if (esp_open(pcscf, packet).error == nullptr) std::abort();  // the same number again
  }
  return 0;
}
