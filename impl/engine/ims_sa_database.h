// The IPsec security associations between a UE and its P-CSCF, held in user space (this machine's
// kernel has no XFRM, and an oracle must not need one): sets of four SAs with their ESP keys, as
// TS 33.203 6.2 / 7.1 and TS 24.229 5.1.1.5.1 describe them. "Two pairs of unidirectional SAs
// between the UE and the P-CSCF ... One SA pair is for traffic between a client port at the UE
// and a server port at the P-CSCF and the other SA is for traffic between a client port at the
// P-CSCF and a server port at the UE" (TS 33.203 6.2). The SPIs and ports of each end come from
// its sec-agree header (TS 33.203 H.2: spi-c / port-c the protected client port's inbound SA,
// spi-s / port-s the protected server port's), so one database serves either end: "local" is
// the end holding it.
//
// A set is named by the spi-c of the UE's Security-Client that proposed it (the spec's set
// identity, spec/procedures/ims_sa_ue.h). Fixed capacity, no allocation; a set's keys are wiped
// when it is removed and when the database is destroyed.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "impl/codec/sip_sec_agree.h"

namespace secmode::impl::engine {

// The four values one end announces in its Security-Client or Security-Server (TS 33.203 H.2).
struct SecParams {
  std::uint32_t spi_c = 0, spi_s = 0;
  std::uint16_t port_c = 0, port_s = 0;
};

// An ipsec-3gpp mechanism: integrity algorithm and, optionally, encryption algorithm.
struct EspMechanism {
  sip::IntegrityAlgorithm alg = sip::IntegrityAlgorithm::hmac_sha_1_96;
  std::optional<sip::EncryptionAlgorithm> ealg;
  bool operator==(const EspMechanism&) const = default;
};

// The ESP keys of a set, expanded from IK_IM and CK_IM (TS 33.203 6.2, 6.3, Annex I).
struct EspKeys {
  std::array<std::uint8_t, 20> ik{};  // IK_ESP
  std::size_t ik_size = 0;
  std::array<std::uint8_t, 24> ck{};  // CK_ESP; ck_size 0: no encryption
  std::size_t ck_size = 0;
  std::array<std::uint8_t, 4> salt{};  // AES-GMAC (RFC 4543 3.2) or AES-GCM (RFC 4106 4) salt
};

// TS 33.203 Annex I, whose text this project reached only as other implementations reproduce it
// (the spec mirrors stop before it): HMAC-MD5-96 IK_ESP = IK_IM; HMAC-SHA-1-96 IK_ESP = IK_IM ||
// 32 zero bits; AES-GMAC IK_ESP = IK_IM with the salt = the 32 least significant bits of
// KDF(CK_IM || IK_IM, FC = 0x58, P0 = "AES_GMAC_SALT"); AES-CBC CK_ESP = CK_IM; AES-GCM CK_ESP =
// CK_IM with the salt from FC = 0x59, P0 = "AES_GCM_SALT"; DES-EDE3-CBC CK_ESP = CK_IM1 ||
// CK_IM2 || CK_IM1 where CK_IM = CK_IM1 || CK_IM2; null encryption (or no ealg): no CK_ESP.
void expand_esp_keys(const EspMechanism& m, std::span<const std::uint8_t, 16> ik_im,
                     std::span<const std::uint8_t, 16> ck_im, EspKeys& out) noexcept;

enum class SaRole : std::uint8_t { temporary, established, old };

struct EspSa {
  std::uint32_t spi = 0;
  bool inbound = false;
  std::uint16_t local_port = 0, remote_port = 0;
  // RFC 4303 3.3.3 / 3.4.3 (ims_esp.h): outbound, the last sequence number sent; inbound, the
  // highest one accepted, and the replay window below it (bit i: highest - i was accepted).
  std::uint32_t sequence = 0;
  std::uint64_t window = 0;
};

struct SaSet {
  std::uint32_t id = 0;  // the spi-c of the UE's Security-Client that proposed it
  SaRole role = SaRole::temporary;
  std::int64_t expires_ms = 0;  // SIP level lifetime (TS 24.229 5.1.1.5.1), on the owner's clock
  EspMechanism mechanism;
  // Inbound at the local client port (from the remote server port), inbound at the local server
  // port (from the remote client port), outbound from the local client port to the remote server
  // port, outbound from the local server port to the remote client port.
  std::array<EspSa, 4> sas{};
  EspKeys keys;
};

// The set's four SAs from the two ends' parameters.
std::array<EspSa, 4> sas_between(const SecParams& local, const SecParams& remote) noexcept;

class ImsSaDatabase {
 public:
  static constexpr std::size_t kCapacity = 3;  // temporary, newly established, old (TS 24.229 5.1.1.5.1)

  ImsSaDatabase() noexcept = default;
  ~ImsSaDatabase();
  ImsSaDatabase(const ImsSaDatabase&) = delete;
  ImsSaDatabase& operator=(const ImsSaDatabase&) = delete;

  // False (nothing stored) when full, when the id is 0 or taken, or when an SPI of the set is
  // held by another SA of the same direction (an SA is found by SPI and destination, RFC 4301
  // 4.1: inbound SPIs are the holder's to choose, outbound ones the peer's).
  bool add(const SaSet& set) noexcept;
  // Removes and wipes; false when there is no such set.
  bool remove(std::uint32_t id) noexcept;
  SaSet* find(std::uint32_t id) noexcept;
  const SaSet* find(std::uint32_t id) const noexcept;
  // The set holding the role, or nullptr.
  const SaSet* with_role(SaRole role) const noexcept;
  SaSet* with_role(SaRole role) noexcept;
  // The set whose inbound SA has this SPI, or nullptr: where an ESP packet that arrived belongs.
  const SaSet* inbound(std::uint32_t spi) const noexcept;
  // Whether an SA of that direction uses this SPI.
  bool holds(std::uint32_t spi, bool inbound) const noexcept;
  std::size_t size() const noexcept;

 private:
  std::array<SaSet, kCapacity> sets_{};
  std::array<bool, kCapacity> used_{};
};

}  // namespace secmode::impl::engine
