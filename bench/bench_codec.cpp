// Nanoseconds per decode of the messages security mode control lives on (issue 4): an EPS
// SECURITY MODE COMMAND (nonces, four capability octets, IMEISV request) and a 5GS one, a real
// ATTACH REQUEST (Pixel 4) and a real 5GS REGISTRATION REQUEST (open5gs capture, null-scheme
// SUCI), with the spec twins (spec/codec, allocating, written to be read) and the zero-copy
// codecs (impl/codec). The PDUs are the ones the unit tests check field by field.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string_view>
#include <vector>

#include "impl/codec/nas_5gs.h"
#include "impl/codec/nas_5gs_mm.h"
#include "impl/codec/nas_eps.h"
#include "impl/codec/nas_eps_emm.h"
#include "spec/codec/nas_5gs_mm.h"
#include "spec/codec/nas_eps_emm.h"
#include "spec/hex.h"

namespace {

using secmode::spec::Bytes;

const Bytes kSmc = secmode::spec::from_hex("075d220104f070c040c1550102030456a1b2c3d4");
// tests/codec/unit_nas_5gs_known.cpp: ngKSI 1, capabilities, IMEISV request, EPS algorithms,
// RINMR, ABBA, replayed S1 capabilities.
const Bytes kSmc5g = secmode::spec::from_hex("7e005d220104f0f0f0f0e1572236010238020000" "1904f070c040");
// tests/codec/unit_nas_eps_attach_tau.cpp, kPixel4Attach (magma, "generated from Pixel 4").
const Bytes kAttach = secmode::spec::from_hex(
    "07417208395110003009010707f070c0401900800034020cd011d1272d808021"
    "1001000010810600000000830600000000000d00000a00000500001000001100"
    "001a01010023000024005c0a01310465e03e009011035758a6200d601404ef65"
    "233b880092f2000040080402600400021f005d0103c1");
// tests/codec/unit_nas_5gs_registration.cpp, kFrame221 (open5gs testregistration.pcapng).
const Bytes kRegistration =
    secmode::spec::from_hex("7e004179000d0109f107f0ff000000002031901001032e02f0f01707f0f0c040018030");

template <class F>
void run(benchmark::State& state, F decode) {
  for (auto _ : state) {
    auto d = decode();
    if (!d.ok()) state.SkipWithError("the PDU did not decode");
    benchmark::DoNotOptimize(d);
  }
}

void spec_smc(benchmark::State& s) { run(s, [] { return secmode::spec::nas::decode_security_mode_command(kSmc); }); }
void impl_smc(benchmark::State& s) { run(s, [] { return secmode::impl::nas::decode_security_mode_command(kSmc); }); }
void spec_smc_5gs(benchmark::State& s) {
  run(s, [] { return secmode::spec::nas5gs::decode_security_mode_command(kSmc5g); });
}
void impl_smc_5gs(benchmark::State& s) {
  run(s, [] { return secmode::impl::nas5gs::decode_security_mode_command(kSmc5g); });
}
void spec_attach(benchmark::State& s) { run(s, [] { return secmode::spec::nas::decode_attach_request(kAttach); }); }
void impl_attach(benchmark::State& s) { run(s, [] { return secmode::impl::nas::decode_attach_request(kAttach); }); }
void spec_registration(benchmark::State& s) {
  run(s, [] { return secmode::spec::nas5gs::decode_registration_request(kRegistration); });
}
void impl_registration(benchmark::State& s) {
  run(s, [] { return secmode::impl::nas5gs::decode_registration_request(kRegistration); });
}

BENCHMARK(spec_smc);
BENCHMARK(impl_smc);
BENCHMARK(spec_smc_5gs);
BENCHMARK(impl_smc_5gs);
BENCHMARK(spec_attach);
BENCHMARK(impl_attach);
BENCHMARK(spec_registration);
BENCHMARK(impl_registration);

}  // namespace

BENCHMARK_MAIN();
