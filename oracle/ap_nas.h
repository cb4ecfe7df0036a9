// The NAS-PDUs an S1AP (TS 36.413) or NGAP (TS 38.413) message carries, at its top level or inside
// its E-RAB / PDU session items (where the ATTACH ACCEPT and session NAS messages travel), with
// their direction and the RAN's UE identity, read from the aligned PER encoding (ITU-T X.691) of
// the messages' common frame: S1AP-PDU / NGAP-PDU ::= CHOICE { initiatingMessage,
// successfulOutcome, unsuccessfulOutcome, ... }, each a SEQUENCE { procedureCode INTEGER
// (0..255), criticality, value open type } whose value is SEQUENCE { protocolIEs
// SEQUENCE (SIZE (0..65535)) OF SEQUENCE { id INTEGER (0..65535), criticality, value open
// type }, ... }. Only the IEs named in ap_nas.cpp are decoded inside their open types (the item
// lists down to their NAS-PDUs); the rest are skipped by length, so a message of any procedure is
// walked without its full ASN.1. Besides the
// NAS-PDUs, the AS security an Initial Context Setup brings is read (SecurityKey, UE security
// capabilities), for the oracle to judge the AS algorithm choice and key against.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "oracle/capture_sctp.h"

namespace secmode::oracle {

// What an InitialContextSetupRequest hands the eNB / gNB for the AS (TS 36.413 / 38.413 8.3.1):
// SecurityKey (K_eNB / K_gNB) and the UE security capabilities as the two 16-bit BIT STRINGs of
// the RAT (S1AP: encryption / integrity; NGAP: the NR ones), first bit in the most significant.
struct ApContextSetup {
  std::array<std::uint8_t, 32> key{};
  std::uint16_t encryption = 0, integrity = 0;
};

struct ApNas {
  std::string procedure;                       // e.g. "UplinkNASTransport", or "procedure 42"
  std::optional<std::uint64_t> ran_ue;         // eNB-UE-S1AP-ID (id 8) / RAN-UE-NGAP-ID (id 85)
  bool uplink = false;                         // meaningful when `nas` is not empty
  std::vector<std::vector<std::uint8_t>> nas;  // NAS-PDUs (IE S1AP 26 / NGAP 38, or in items), in order
  std::string left_out;                        // non-empty: NAS-PDUs this message may carry that are not read, and why
  std::optional<ApContextSetup> context_setup;  // an InitialContextSetupRequest's security IEs
};

// Throws UnusableInput naming the offset and the field when `message` is not a well-formed frame,
// when its CHOICE or a length uses an extension or fragmentation this reader does not take, or when
// a procedure whose direction is not known here carries a NAS-PDU.
ApNas ap_nas(ApProtocol protocol, std::span<const std::uint8_t> message);

}  // namespace secmode::oracle
