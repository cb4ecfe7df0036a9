// What the AS engines' lock-step refinement tests share: LTE and NR as the tests read them from
// the specs (PDCP SN length and header of SRB1, TS 36.323 6.2.2 / TS 38.323 6.2.2.1; K_RRCint and
// K_RRCenc from K_eNB by TS 33.401 A.7 or from K_gNB by TS 33.501 A.8; the spec-twin RRC codecs),
// PDCP protection of SRB1 with the spec-twin crypto, and the receiver's COUNT read apart from the
// engine's (TS 36.323 5.1.2.2, TS 38.323 5.2.2.1).
#pragma once

#include <rapidcheck.h>

#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "impl/engine/as_smc_ran.h"
#include "impl/engine/as_smc_ue.h"
#include "spec/codec/rrc_security_mode.h"
#include "spec/crypto/eea_eia.h"
#include "spec/crypto/keys_5gs.h"
#include "spec/crypto/keys_eps.h"
#include "tests/engine/lockstep.h"

namespace secmode::test::aslockstep {

using lockstep::Bytes;

// An uplink or downlink RRC message as the tests read it with the spec-twin codecs.
struct Read {
  enum Kind { command, complete, failure, other } kind = other;
  std::uint8_t transaction_id = 0, eea = 0, eia = 0;
};

struct Lte {
  using Ue = impl::engine::LteAsSmcUe;
  using Ran = impl::engine::LteAsSmcEnb;
  static constexpr const char* name = "LTE";
  static constexpr unsigned sn_bits = 5;
  static constexpr std::size_t header = 1;
  static spec::Key128 key(const Bytes& k, spec::AlgorithmType t, std::uint8_t alg) {
    return spec::derive_eps_algorithm_key(k, t, alg);
  }
  // The COUNT of a received SN: an SN below the expected one is in the next HFN (36.323 5.1.2.2).
  static std::uint32_t received(std::uint32_t expected, std::uint32_t sn) {
    const std::uint32_t hfn = expected >> sn_bits, expected_sn = expected & 31;
    return ((sn < expected_sn ? hfn + 1 : hfn) << sn_bits) | sn;
  }
  static Bytes command(std::uint8_t tid, std::uint8_t eea, std::uint8_t eia) {
    namespace r = spec::rrc::lte;
    r::SecurityModeCommand m;
    m.transaction_id = tid;
    m.algorithms = {static_cast<r::CipheringAlgorithm>(eea), static_cast<r::IntegrityProtAlgorithm>(eia)};
    return r::encode(m);
  }
  static Bytes complete(std::uint8_t tid) {
    return spec::rrc::lte::encode(spec::rrc::lte::SecurityModeComplete{tid, {}});
  }
  static Bytes failure(std::uint8_t tid) {
    return spec::rrc::lte::encode(spec::rrc::lte::SecurityModeFailure{tid, {}});
  }
  static Read read_downlink(const Bytes& rrc) {
    const auto d = spec::rrc::lte::decode_dl_dcch(rrc);
    if (!d) return {};
    return {Read::command, d.value().transaction_id, static_cast<std::uint8_t>(d.value().algorithms.ciphering),
            static_cast<std::uint8_t>(d.value().algorithms.integrity)};
  }
  static Read read_uplink(const Bytes& rrc) {
    const auto d = spec::rrc::lte::decode_ul_dcch(rrc);
    if (!d) return {};
    if (const auto* c = std::get_if<spec::rrc::lte::SecurityModeComplete>(&d.value()))
      return {Read::complete, c->transaction_id};
    return {Read::failure, std::get<spec::rrc::lte::SecurityModeFailure>(d.value()).transaction_id};
  }
};

struct Nr {
  using Ue = impl::engine::NrAsSmcUe;
  using Ran = impl::engine::NrAsSmcGnb;
  static constexpr const char* name = "NR";
  static constexpr unsigned sn_bits = 12;
  static constexpr std::size_t header = 2;
  static spec::Key128 key(const Bytes& k, spec::AlgorithmType t, std::uint8_t alg) {
    return spec::derive_5gs_algorithm_key(k, t, alg);
  }
  // RCVD_HFN from RX_DELIV and a window of half the SN space (38.323 5.2.2.1).
  static std::uint32_t received(std::uint32_t expected, std::uint32_t sn) {
    const std::int64_t window = 1 << (sn_bits - 1), expected_sn = expected & 0xfff;
    std::int64_t hfn = expected >> sn_bits;
    if (sn < expected_sn - window)
      ++hfn;
    else if (sn >= expected_sn + window && hfn > 0)
      --hfn;
    return static_cast<std::uint32_t>(hfn << sn_bits) | sn;
  }
  static Bytes command(std::uint8_t tid, std::uint8_t eea, std::uint8_t eia) {
    namespace r = spec::rrc::nr;
    r::SecurityModeCommand m;
    m.transaction_id = tid;
    m.algorithms = {static_cast<r::CipheringAlgorithm>(eea), static_cast<r::IntegrityProtAlgorithm>(eia)};
    return r::encode(m);
  }
  static Bytes complete(std::uint8_t tid) {
    return spec::rrc::nr::encode(spec::rrc::nr::SecurityModeComplete{tid, {}, false});
  }
  static Bytes failure(std::uint8_t tid) {
    return spec::rrc::nr::encode(spec::rrc::nr::SecurityModeFailure{tid, {}, false});
  }
  static Read read_downlink(const Bytes& rrc) {
    const auto d = spec::rrc::nr::decode_dl_dcch(rrc);
    if (!d || !d.value().algorithms.integrity) return {};
    return {Read::command, d.value().transaction_id, static_cast<std::uint8_t>(d.value().algorithms.ciphering),
            static_cast<std::uint8_t>(*d.value().algorithms.integrity)};
  }
  static Read read_uplink(const Bytes& rrc) {
    const auto d = spec::rrc::nr::decode_ul_dcch(rrc);
    if (!d) return {};
    if (const auto* c = std::get_if<spec::rrc::nr::SecurityModeComplete>(&d.value()))
      return {Read::complete, c->transaction_id};
    return {Read::failure, std::get<spec::rrc::nr::SecurityModeFailure>(d.value()).transaction_id};
  }
};

// How an SRB1 PDU is protected: MAC-I with `eia` when `integrity` (else four zero octets),
// message and MAC-I ciphered with `eea` when `ciphering`.
struct SrbProtection {
  bool integrity = false, ciphering = false;
  std::uint8_t eia = 0, eea = 0;
};

// SRB1 is radio bearer 1: BEARER 0. DIRECTION 0 uplink, 1 downlink.
template <class Rat>
Bytes pdcp_spec(const Bytes& key, const SrbProtection& p, std::uint32_t count, std::uint8_t dir, const Bytes& message) {
  const spec::CountInputs in{count, 0, dir};
  const std::uint32_t sn = count & ((1u << Rat::sn_bits) - 1);
  Bytes pdu;
  for (std::size_t i = Rat::header; i > 0; --i) pdu.push_back(static_cast<std::uint8_t>(sn >> (8 * (i - 1))));
  pdu.insert(pdu.end(), message.begin(), message.end());
  spec::Mac32 mac{};
  if (p.integrity)
    mac = spec::eia(static_cast<spec::Eia>(p.eia), Rat::key(key, spec::AlgorithmType::rrc_int, p.eia), in, pdu,
                    pdu.size() * 8);
  pdu.insert(pdu.end(), mac.begin(), mac.end());
  if (p.ciphering) {
    const Bytes body(pdu.begin() + Rat::header, pdu.end());
    const Bytes c = spec::eea(static_cast<spec::Eea>(p.eea), Rat::key(key, spec::AlgorithmType::rrc_enc, p.eea), in,
                              body, body.size() * 8);
    std::copy(c.begin(), c.end(), pdu.begin() + Rat::header);
  }
  return pdu;
}

// The message of a PDU an engine sent, after checking that it is exactly what `p`, `key` and
// `count` make of it.
template <class Rat>
Bytes pdcp_open_spec(const Bytes& pdu, const Bytes& key, const SrbProtection& p, std::uint32_t count,
                     std::uint8_t dir) {
  RC_ASSERT(pdu.size() >= Rat::header + 4);
  Bytes body(pdu.begin() + Rat::header, pdu.end());
  if (p.ciphering)
    body = spec::eea(static_cast<spec::Eea>(p.eea), Rat::key(key, spec::AlgorithmType::rrc_enc, p.eea), {count, 0, dir},
                     body, body.size() * 8);
  const Bytes message(body.begin(), body.end() - 4);
  RC_ASSERT(pdcp_spec<Rat>(key, p, count, dir, message) == pdu);
  return message;
}

}  // namespace secmode::test::aslockstep
