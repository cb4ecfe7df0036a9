// The EPS key hierarchy, TS 33.401 Annex A (all through the KDF of TS 33.220 B.2).
#pragma once

#include <cstdint>

#include "spec/crypto/bytes.h"
#include "spec/crypto/plmn.h"

namespace secmode::spec {

// Algorithm type distinguishers, TS 33.401 A.7 Table A.7-1 (the same values in
// TS 33.501 A.8 Table A.8-1).
enum class AlgorithmType : std::uint8_t {
  nas_enc = 0x01,
  nas_int = 0x02,
  rrc_enc = 0x03,
  rrc_int = 0x04,
  up_enc = 0x05,
  up_int = 0x06,
};

// CK || IK, the KDF key of TS 33.401 A.2 and TS 33.501 A.2 / A.4.
Key256 ck_ik_key(ByteView ck, ByteView ik);

// TS 33.401 A.2: K_ASME from CK || IK, the serving network's SN id and SQN xor AK (6 bytes).
Key256 derive_kasme(ByteView ck, ByteView ik, const Plmn& serving, ByteView sqn_xor_ak);

// TS 33.401 A.3: K_eNB from K_ASME and the uplink NAS COUNT.
Key256 derive_kenb(ByteView kasme, std::uint32_t uplink_nas_count);

// TS 33.401 A.4: NH from K_ASME and the SYNC-input (the fresh K_eNB for the first NH,
// the previous NH afterwards; 32 bytes).
Key256 derive_nh(ByteView kasme, ByteView sync_input);

// TS 33.401 A.5: K_eNB* from K_eNB (horizontal) or NH (vertical), the target PCI and
// EARFCN-DL. EARFCN-DL is 2 octets up to 65535 and 3 octets above, so that Rel-8 entities
// keep deriving the same key for the EARFCNs they know.
Key256 derive_kenb_star(ByteView kenb_or_nh, std::uint16_t pci, std::uint32_t earfcn_dl);

// TS 33.401 A.7: the 128-bit NAS/RRC/UP algorithm key, the 128 least significant bits of the
// KDF output. Key is K_ASME for NAS and K_eNB for RRC and UP; alg is the EEA/EIA identity.
Key128 derive_eps_algorithm_key(ByteView key, AlgorithmType type, std::uint8_t alg);

}  // namespace secmode::spec
