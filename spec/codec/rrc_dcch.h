// What the NR and LTE security mode codecs share (rrc_security_mode_nr.cpp, _lte.cpp): the DCCH
// message CHOICE, the transaction identifier, criticalExtensions, the algorithm ENUMERATEDs,
// extension additions, OCTET STRING and the end of a PDU, each as X.691 encodes it.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "spec/codec/codec_error.h"
#include "spec/codec/rrc_uper.h"
#include "spec/crypto/bytes.h"

namespace secmode::spec::rrc::dcch {

inline constexpr const char* kDl = "DL-DCCH-Message";
inline constexpr const char* kUl = "UL-DCCH-Message";

using Names = std::array<const char*, 16>;

CodecError to_error(const char* message, const UperFailure& f);

// DL-DCCH-Message ::= SEQUENCE { message DL-DCCH-MessageType }  (UL alike): a SEQUENCE with no
// `...` and no OPTIONAL has no preamble (X.691 19), so the PDU starts with the CHOICE
//   DL-DCCH-MessageType ::= CHOICE { c1 CHOICE {...16 alternatives...},
//                                    messageClassExtension SEQUENCE {} }
//   UL-DCCH-MessageType ::= CHOICE { c1 CHOICE {...16...},
//                                    messageClassExtension CHOICE { c2 CHOICE {...16...},
//                                                                   messageClassExtensionFuture
//                                                                   SEQUENCE {} } }
// None of these CHOICEs has `...`: one bit, then four (X.691 23.6, 11.5.7.1). Returns the c1
// index when it is one of `wanted`; otherwise the failure names what was found.
std::optional<std::uint32_t> read_message_type(UperReader& r, const char* message, const Names& c1,
                                               const Names* c2, const char* future,
                                               std::uint32_t wanted_a, std::uint32_t wanted_b);

// RRC-TransactionIdentifier ::= INTEGER (0..3): two bits (X.691 13.2.2, 11.5.7.1).
std::optional<std::uint8_t> read_transaction_id(UperReader& r, const std::string& alternative);

// criticalExtensions CHOICE { <ies>, criticalExtensionsFuture SEQUENCE {} }: one bit. True when
// the first alternative is there.
bool read_critical_extensions(UperReader& r, const std::string& alternative);

// The algorithm ENUMERATEDs: 8 root values and `...`: an extension bit, then three bits (X.691
// 14.2-14.3). No extension value is defined, so one found here is an error rather than a guess.
template <typename Algorithm>
std::optional<Algorithm> read_algorithm(UperReader& r, const std::string& ie) {
  const std::size_t at = r.offset();
  const auto v = r.enumerated(ie, 8, true);
  if (!v) return std::nullopt;
  if (v->extension) {
    r.fail(at, ie,
           "extension value " + std::to_string(v->index) + " at bit offset " + std::to_string(at) +
               ", which this version does not define (X.691 14.3)");
    return std::nullopt;
  }
  return static_cast<Algorithm>(v->index);
}

// A SEQUENCE with `...` whose extension bit was set: its additions are stepped over.
bool skip_additions(UperReader& r, const std::string& ie, std::vector<IgnoredIe>& ignored);

// OCTET STRING with no size constraint: a length determinant and the octets (X.691 17.8).
std::optional<Bytes> read_octet_string(UperReader& r, const std::string& ie);

void write_octet_string(UperWriter& w, const Bytes& b, const char* ie);

// How every message here starts when written: the c1 CHOICE of the DCCH message type, alternative
// `c1_index`, the rrc-TransactionIdentifier, and the first criticalExtensions alternative.
void write_message_start(UperWriter& w, std::uint32_t c1_index, std::uint32_t transaction_id);

template <typename Algorithm>
void write_algorithm(UperWriter& w, Algorithm a, const char* ie) {
  w.enumerated(static_cast<std::uint32_t>(a), 8, true, ie);
}

// Every decoder ends the same way: the padding, then the value or the first failure.
template <typename T>
Decoded<T> finish(UperReader& r, const char* message, std::optional<T> value,
                  std::vector<IgnoredIe> ignored) {
  if (!value || !r.end_of_pdu(message)) return to_error(message, *r.failure());
  return Decoded<T>(std::move(*value), std::move(ignored));
}

}  // namespace secmode::spec::rrc::dcch
