// RapidCheck generators of RRC security mode messages (NR and LTE): every value the spec-twin
// encoders accept (the contracts in spec/codec/rrc_security_mode.h), PDUs with extension
// additions a later version might send, and damaged PDUs. Shared by the codec properties
// (tests/codec/property_rrc_security_mode.cpp) and the spec/impl differential tests.
#pragma once

#include <rapidcheck.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "spec/codec/rrc_security_mode.h"
#include "spec/codec/rrc_uper.h"

namespace secmode::test::rrc_gen {

using namespace secmode::spec;
using namespace secmode::spec::rrc;

inline std::uint8_t transaction_id() { return *rc::gen::inRange<std::uint8_t>(0, 4); }

template <typename E>
inline E root_value() {
  return static_cast<E>(*rc::gen::inRange<std::uint8_t>(0, 8));
}

inline std::optional<Bytes> maybe_octets() {
  if (!*rc::gen::arbitrary<bool>()) return std::nullopt;
  // Now and then past 127 octets, for the two-octet length determinant.
  const std::size_t n =
      *rc::gen::inRange(0, 10) == 0 ? *rc::gen::inRange(128, 400) : *rc::gen::inRange(0, 20);
  return *rc::gen::container<Bytes>(n, rc::gen::arbitrary<std::uint8_t>());
}

inline nr::SecurityModeCommand gen_nr_command() {
  nr::SecurityModeCommand m;
  m.transaction_id = transaction_id();
  m.algorithms.ciphering = root_value<nr::CipheringAlgorithm>();
  if (*rc::gen::arbitrary<bool>())
    m.algorithms.integrity = root_value<nr::IntegrityProtAlgorithm>();
  m.late_non_critical_extension = maybe_octets();
  m.non_critical_extension = *rc::gen::arbitrary<bool>();
  return m;
}

template <typename M>
inline M gen_nr_response() {
  return M{transaction_id(), maybe_octets(), *rc::gen::arbitrary<bool>()};
}

inline nr::UlSecurityModeMessage gen_nr_ul() {
  if (*rc::gen::arbitrary<bool>()) return gen_nr_response<nr::SecurityModeComplete>();
  return gen_nr_response<nr::SecurityModeFailure>();
}

inline std::optional<lte::NonCriticalExtensionV8a0> gen_v8a0() {
  if (!*rc::gen::arbitrary<bool>()) return std::nullopt;
  return lte::NonCriticalExtensionV8a0{maybe_octets(), *rc::gen::arbitrary<bool>()};
}

inline lte::SecurityModeCommand gen_lte_command() {
  return lte::SecurityModeCommand{
      transaction_id(),
      {root_value<lte::CipheringAlgorithm>(), root_value<lte::IntegrityProtAlgorithm>()},
      gen_v8a0()};
}

inline lte::UlSecurityModeMessage gen_lte_ul() {
  if (*rc::gen::arbitrary<bool>()) return lte::SecurityModeComplete{transaction_id(), gen_v8a0()};
  return lte::SecurityModeFailure{transaction_id(), gen_v8a0()};
}

// An encoded message with a few bits flipped, octets cut or octets inserted.
inline Bytes damage(Bytes b) {
  const auto edits = *rc::gen::inRange(1, 4);
  for (int i = 0; i < edits && !b.empty(); ++i) {
    const auto at = *rc::gen::inRange<std::size_t>(0, b.size());
    switch (*rc::gen::inRange(0, 3)) {
      case 0:
        b[at] ^= static_cast<std::uint8_t>(1u << *rc::gen::inRange(0, 8));
        break;
      case 1:
        b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), *rc::gen::arbitrary<std::uint8_t>());
        break;
      default:
        b.resize(at);
    }
  }
  return b;
}

// Extension additions as a later version might send them after the root components of an
// extensible SEQUENCE (X.691 19.7-19.9): 1..6 or 65..68 additions (the two forms of the
// bit-map's normally small length, 11.9.3.4) of which at least one is present, each
// an open type of random octets. `put` writes bits and counts them; the bit offsets of the open
// types are appended to `open_types`.
template <typename Put>
void put_extension_additions(Put& put, const std::size_t& bits,
                             std::vector<std::size_t>& open_types) {
  const auto count = *rc::gen::oneOf(rc::gen::inRange<std::uint32_t>(1, 7),
                                     rc::gen::inRange<std::uint32_t>(65, 69));
  std::vector<bool> present(count);
  for (auto&& p : present) p = *rc::gen::arbitrary<bool>();
  present[*rc::gen::inRange<std::uint32_t>(0, count)] = true;  // at least one (19.7)
  if (count <= 64) {
    put(count - 1, 7);  // 0 and n-1 in six bits
  } else {
    put(1, 1);
    put(count, 8);  // a length determinant below 128 (11.9.3.6)
  }
  for (const bool p : present) put(p ? 1 : 0, 1);
  for (const bool p : present) {
    if (!p) continue;
    open_types.push_back(bits);
    const auto n = *rc::gen::inRange<std::uint32_t>(1, 5);
    put(n, 8);  // length determinant below 128 (11.9.3.6)
    for (std::uint32_t i = 0; i < n; ++i) put(*rc::gen::arbitrary<std::uint8_t>(), 8);
  }
}

// An OCTET STRING: its length determinant (11.9.3.6-11.9.3.7) and octets.
template <typename Put>
void put_octet_string(Put& put, const Bytes& octets) {
  if (octets.size() < 128)
    put(static_cast<std::uint32_t>(octets.size()), 8);
  else
    put(static_cast<std::uint32_t>(0x8000 | octets.size()), 16);
  for (const auto o : octets) put(o, 8);
}

// An NR security mode command as a later version might send it: SecurityAlgorithmConfig and
// SecurityConfigSMC each with `count` extension additions (X.691 19.7-19.9) of which `present`
// ones are there, as open types of random octets. Returns the PDU and the bit offsets of the open
// types, in order.
inline std::pair<Bytes, std::vector<std::size_t>> nr_command_with_additions(
    const nr::SecurityModeCommand& m, bool in_algorithms, bool in_smc) {
  UperWriter w;
  std::vector<std::size_t> open_types;
  std::size_t bits = 0;
  const auto put = [&](std::uint32_t v, unsigned n) {
    w.bits(v, n);
    bits += n;
  };
  put(0, 1);  // c1
  put(4, 4);  // securityModeCommand
  put(m.transaction_id, 2);
  put(0, 1);  // criticalExtensions: securityModeCommand
  put(m.late_non_critical_extension ? 1 : 0, 1);
  put(m.non_critical_extension ? 1 : 0, 1);
  put(in_smc ? 1 : 0, 1);         // SecurityConfigSMC extension bit
  put(in_algorithms ? 1 : 0, 1);  // SecurityAlgorithmConfig extension bit
  put(m.algorithms.integrity ? 1 : 0, 1);
  put(static_cast<std::uint32_t>(m.algorithms.ciphering), 4);  // extension bit 0 + 3 bits
  if (m.algorithms.integrity) put(static_cast<std::uint32_t>(*m.algorithms.integrity), 4);
  if (in_algorithms) put_extension_additions(put, bits, open_types);
  if (in_smc) put_extension_additions(put, bits, open_types);
  if (m.late_non_critical_extension) put_octet_string(put, *m.late_non_critical_extension);
  return {std::move(w).finish(), open_types};
}

// The same for LTE, where only SecurityConfigSMC is extensible.
inline std::pair<Bytes, std::vector<std::size_t>> lte_command_with_additions(
    const lte::SecurityModeCommand& m) {
  UperWriter w;
  std::vector<std::size_t> open_types;
  std::size_t bits = 0;
  const auto put = [&](std::uint32_t v, unsigned n) {
    w.bits(v, n);
    bits += n;
  };
  put(0, 1);  // c1
  put(6, 4);  // securityModeCommand
  put(m.transaction_id, 2);
  put(0, 1);  // criticalExtensions: c1
  put(0, 2);  // c1: securityModeCommand-r8
  put(m.non_critical_extension ? 1 : 0, 1);
  put(1, 1);  // SecurityConfigSMC extension bit
  put(static_cast<std::uint32_t>(m.algorithms.ciphering), 4);
  put(static_cast<std::uint32_t>(m.algorithms.integrity), 4);
  put_extension_additions(put, bits, open_types);
  if (const auto& v = m.non_critical_extension) {
    put(v->late_non_critical_extension ? 1 : 0, 1);
    put(v->non_critical_extension ? 1 : 0, 1);
    if (v->late_non_critical_extension) put_octet_string(put, *v->late_non_critical_extension);
  }
  return {std::move(w).finish(), open_types};
}

}  // namespace secmode::test::rrc_gen
