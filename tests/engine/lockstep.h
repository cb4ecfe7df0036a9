// What the engines' lock-step refinement tests share: byte strings as the identities the rule
// tables work with, the test's own readings of the COUNT estimate (TS 24.301 4.4.3.1) and of the
// replayed capabilities (9.9.3.36), protection with the spec-twin crypto, and the check that a
// mutated table is caught.
#pragma once

#include <rapidcheck.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "impl/codec/nas_eps.h"
#include "spec/crypto/eea_eia.h"
#include "spec/crypto/keys_eps.h"
#include "spec/rules/monitor.h"

namespace secmode::test::lockstep {

using Bytes = std::vector<std::uint8_t>;
using Key = std::array<std::uint8_t, 32>;

// Byte strings as the numbers the table works with; the empty string is 0, and so is the all-zero
// key (the null context, "no key") when `zero_is_none`.
struct Registry {
  bool zero_is_none;  // keys: the all-zero key is "no key"; capability strings: only the empty one is 0
  std::map<Bytes, std::uint32_t> ids = {};
  std::uint32_t id(const Bytes& b) {
    if (b.empty() || (zero_is_none && std::all_of(b.begin(), b.end(), [](std::uint8_t x) { return x == 0; }))) return 0;
    return ids.emplace(b, static_cast<std::uint32_t>(ids.size() + 1)).first->second;
  }
  Bytes bytes(std::uint32_t id) const {
    for (const auto& [b, i] : ids)
      if (i == id) return b;
    return Bytes(32, 0);
  }
};

// The receiver's COUNT estimate, read from TS 24.301 4.4.3.1 apart from the engine's: the
// smallest 24-bit COUNT ending in `sn` that is not below the last accepted one.
inline std::uint32_t estimate(std::uint32_t lowest_unaccepted, std::uint8_t sn) {
  const std::uint32_t last = lowest_unaccepted == 0 ? 0 : lowest_unaccepted - 1;
  for (std::uint32_t c = last & 0xffff00u;; c += 0x100)
    if ((c | sn) >= last) return (c | sn) & 0xffffff;
}

// What the replayed UE security capabilities are compared on (TS 24.301 9.9.3.36 against
// 9.9.3.34): EEA, EIA, UEA, UIA octets, the UIA octet's bit 8 spare.
inline Bytes normalized(const Bytes& capability) {
  Bytes b(capability.begin(),
          capability.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(4, capability.size())));
  if (b.size() == 4) b[3] &= 0x7f;
  return b;
}

template <class Message>
Bytes encoded(const Message& message) {
  std::array<std::uint8_t, 512> out{};
  const auto e = impl::nas::encode(message, out);
  RC_ASSERT(e.written);
  return Bytes(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(e.size));
}

// A NAS PDU protected with the spec-twin crypto (TS 24.301 9.1, TS 33.401 8.1.1, A.7): header
// type 0 is the plain message; 2 and 4 cipher it.
inline Bytes protect_spec(const Bytes& kasme, std::uint8_t eea, std::uint8_t eia, std::uint32_t count, std::uint8_t dir,
                          std::uint8_t header_type, const Bytes& plain) {
  if (header_type == 0) return plain;
  Bytes body = plain;
  if (header_type == 2 || header_type == 4) {
    const auto k = spec::derive_eps_algorithm_key(kasme, spec::AlgorithmType::nas_enc, eea);
    body = spec::eea(static_cast<spec::Eea>(eea), k, {count, 0, dir}, plain, plain.size() * 8);
  }
  Bytes pdu{static_cast<std::uint8_t>(header_type << 4 | 0x07), 0, 0, 0, 0, static_cast<std::uint8_t>(count & 0xff)};
  pdu.insert(pdu.end(), body.begin(), body.end());
  const auto k = spec::derive_eps_algorithm_key(kasme, spec::AlgorithmType::nas_int, eia);
  const Bytes from_sn(pdu.begin() + 5, pdu.end());
  const auto mac = spec::eia(static_cast<spec::Eia>(eia), k, {count, 0, dir}, from_sn, from_sn.size() * 8);
  std::copy(mac.begin(), mac.end(), pdu.begin() + 1);
  return pdu;
}

// Whether some random sequence makes the engine and the mutated table disagree. A mutant that
// needs a rarer sequence (a replayed COMPLETE of an SMC on the current context) escaped one run of
// 100 cases about once in 100 runs, so the mutants get 500 cases.
template <class Harness>
bool mutant_caught(const std::string& what, const spec::Mutation& m) {
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  params.maxSuccess = 500;
  const auto result = rc::detail::checkTestable(
      [&] {
        Harness h;
        h.mutation = &m;
        h.run();
      },
      rc::detail::TestMetadata{what, what}, params);
  return result.template is<rc::detail::FailureResult>();
}

}  // namespace secmode::test::lockstep
