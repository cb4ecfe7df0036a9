// What the engines' lock-step refinement tests share: byte strings as the identities the rule
// tables work with, the test's own readings of the COUNT estimate (TS 24.301 / TS 24.501 4.4.3.1)
// and of the replayed capabilities (TS 24.301 9.9.3.36), protection of EPS and 5GS NAS PDUs with
// the spec-twin crypto, and the check that a mutated table is caught.
#pragma once

#include <rapidcheck.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "impl/codec/nas_5gs.h"
#include "impl/codec/nas_5gs_mm.h"
#include "impl/codec/nas_eps.h"
#include "impl/codec/nas_eps_emm.h"
#include "spec/crypto/eea_eia.h"
#include "spec/crypto/keys_5gs.h"
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
  // Names `b` with a given identity: a key the table derives from another (K'_AMF), whose identity
  // the table computes. A string that had that identity before loses it.
  void assign(const Bytes& b, std::uint32_t id) {
    std::erase_if(ids, [&](const auto& entry) { return entry.second == id; });
    ids[b] = id;
  }
  Bytes bytes(std::uint32_t id) const {
    for (const auto& [b, i] : ids)
      if (i == id) return b;
    return Bytes(32, 0);
  }
};

// The keys a harness hands out, with their identities: random, never the all-zero "no key".
struct KeyPool : Registry {
  std::vector<Key> pool;  // every key handed out so far
  KeyPool() : Registry{true} {}
  Key fresh() {
    Key k{};
    const auto b = *rc::gen::container<Bytes>(32, rc::gen::arbitrary<std::uint8_t>());
    std::copy(b.begin(), b.end(), k.begin());
    k[0] |= 1;
    id(Bytes(k.begin(), k.end()));
    pool.push_back(k);
    return k;
  }
  // A key handed out before, or a new one when there is none.
  Key any() { return pool.empty() ? fresh() : *rc::gen::elementOf(pool); }
  // One time in four a key handed out before, else a new one.
  Key reused_or_fresh() { return !pool.empty() && *rc::gen::inRange(0, 4) == 0 ? *rc::gen::elementOf(pool) : fresh(); }
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
  using impl::nas::encode;
  using impl::nas5gs::encode;
  std::array<std::uint8_t, 1024> out{};
  const auto e = encode(message, out);
  RC_ASSERT(e.written);
  return Bytes(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(e.size));
}

// The two NAS wire formats as the tests read them from the specs: where the MAC and the SN sit,
// the BEARER, and the algorithm key derivation (TS 24.301 9.1 with TS 33.401 8.1.1 and A.7;
// TS 24.501 9.1.1 with TS 33.501 6.4.3.1 and A.8).
struct EpsWire {
  static constexpr std::size_t mac_offset = 1, sn_offset = 5;
  static constexpr std::uint8_t bearer = 0;
  static Bytes header(std::uint8_t type) { return {static_cast<std::uint8_t>(type << 4 | 0x07), 0, 0, 0, 0}; }
  static spec::Key128 key(const Bytes& k, spec::AlgorithmType t, std::uint8_t alg) {
    return spec::derive_eps_algorithm_key(k, t, alg);
  }
};
struct FivegsWire {
  static constexpr std::size_t mac_offset = 2, sn_offset = 6;
  static constexpr std::uint8_t bearer = 1;
  static Bytes header(std::uint8_t type) { return {0x7e, type, 0, 0, 0, 0}; }
  static spec::Key128 key(const Bytes& k, spec::AlgorithmType t, std::uint8_t alg) {
    return spec::derive_5gs_algorithm_key(k, t, alg);
  }
};

// A NAS PDU protected with the spec-twin crypto: header type 0 is the plain message; 2 and 4
// cipher it.
template <class Wire = EpsWire>
Bytes protect_spec(const Bytes& key, std::uint8_t eea, std::uint8_t eia, std::uint32_t count, std::uint8_t dir,
                   std::uint8_t header_type, const Bytes& plain) {
  if (header_type == 0) return plain;
  const spec::CountInputs in{count, Wire::bearer, dir};
  Bytes body = plain;
  if (header_type == 2 || header_type == 4)
    body = spec::eea(static_cast<spec::Eea>(eea), Wire::key(key, spec::AlgorithmType::nas_enc, eea), in, plain,
                     plain.size() * 8);
  Bytes pdu = Wire::header(header_type);
  pdu.push_back(static_cast<std::uint8_t>(count & 0xff));
  pdu.insert(pdu.end(), body.begin(), body.end());
  const Bytes from_sn(pdu.begin() + Wire::sn_offset, pdu.end());
  const auto mac = spec::eia(static_cast<spec::Eia>(eia), Wire::key(key, spec::AlgorithmType::nas_int, eia), in,
                             from_sn, from_sn.size() * 8);
  std::copy(mac.begin(), mac.end(), pdu.begin() + Wire::mac_offset);
  return pdu;
}

// The plain message inside a PDU an engine sent, after checking that it is protected with `key`,
// the algorithms, `count` and header type as the table says: its NAS-MAC recomputed, its body
// deciphered with the spec twins.
template <class Wire = EpsWire>
Bytes open_spec(const Bytes& pdu, const Bytes& key, std::uint8_t eea, std::uint8_t eia, std::uint32_t count,
                std::uint8_t dir, std::uint8_t header_type) {
  RC_ASSERT(pdu.size() > Wire::sn_offset + 1);
  const std::size_t body = Wire::sn_offset + 1;
  const Bytes plain_header = Wire::header(header_type);
  RC_ASSERT(std::equal(plain_header.begin(), plain_header.begin() + static_cast<std::ptrdiff_t>(Wire::mac_offset),
                       pdu.begin()));
  const Bytes plain(pdu.begin() + static_cast<std::ptrdiff_t>(body), pdu.end());
  Bytes inner = plain;
  if (header_type == 2 || header_type == 4)
    inner = spec::eea(static_cast<spec::Eea>(eea), Wire::key(key, spec::AlgorithmType::nas_enc, eea),
                      {count, Wire::bearer, dir}, plain, plain.size() * 8);
  RC_ASSERT(protect_spec<Wire>(key, eea, eia, count, dir, header_type, inner) == pdu);
  return inner;
}

// How a PDU was protected: key identity, algorithms, COUNT, header type, and whether its MAC was
// then broken.
struct Protection {
  std::uint32_t key = 0;
  std::uint8_t eea = 0, eia = 0;
  std::uint32_t count = 0;
  std::uint8_t header = 0;
  bool forged = false;
};

template <class Wire = EpsWire>
Bytes protect_spec(const Bytes& key, const Protection& p, std::uint8_t dir, const Bytes& plain) {
  Bytes pdu = protect_spec<Wire>(key, p.eea, p.eia, p.count, dir, p.header, plain);
  if (p.forged && p.header != 0) pdu[Wire::mac_offset + 1] ^= 0x5a;
  return pdu;
}

// A receiver's context as the table holds it.
struct Ctx {
  std::uint32_t key;
  std::uint32_t eea, eia;
  std::uint32_t lowest_unaccepted;
};

// Whether a protected PDU opens under `c`, and at which COUNT (4.4.3.1, 4.4.4.3).
inline bool opens(const Ctx& c, const Protection& p, std::uint32_t& count) {
  count = estimate(c.lowest_unaccepted, static_cast<std::uint8_t>(p.count));
  const bool mac = c.eia == 0 || (c.key != 0 && !p.forged && p.key == c.key && p.eia == c.eia && p.count == count);
  if (p.header != 2 && p.header != 4) return mac;
  // Deciphering with EEA0 reads only what was not enciphered; otherwise it needs the same key,
  // algorithm and COUNT.
  const bool readable = c.eea == 0 ? p.eea == 0 : (p.key == c.key && p.eea == c.eea && p.count == count);
  return mac && readable;
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
