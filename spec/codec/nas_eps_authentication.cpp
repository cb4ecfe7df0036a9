// TS 24.301 8.2.5 AUTHENTICATION FAILURE, 8.2.6 AUTHENTICATION REJECT, 8.2.7 AUTHENTICATION
// REQUEST, 8.2.8 AUTHENTICATION RESPONSE, as plain NAS messages (9.1 item 1).
#include "spec/codec/nas_eps_authentication.h"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "spec/codec/nas_eps_emm_ies.h"
#include "spec/codec/nas_ie.h"
#include "spec/codec/nas_message_ies.h"

namespace secmode::spec::nas {
namespace {

constexpr const char* kRequest = "AUTHENTICATION REQUEST";
constexpr const char* kResponse = "AUTHENTICATION RESPONSE";
constexpr const char* kFailure = "AUTHENTICATION FAILURE";
constexpr const char* kReject = "AUTHENTICATION REJECT";

// TS 24.301 table 9.8.1.
constexpr std::uint8_t kRequestType = 0x52;
constexpr std::uint8_t kResponseType = 0x53;
constexpr std::uint8_t kRejectType = 0x54;
constexpr std::uint8_t kFailureType = 0x5c;

constexpr std::size_t kRandSize = 16;  // TS 24.008 10.5.3.1: octets 2..17 of a type 3 IE
constexpr std::size_t kAutnSize = 16;  // TS 24.008 10.5.3.1.1: octets 3..18
constexpr std::size_t kMinRes = 4;     // TS 24.301 9.9.3.4: RES is 4..16 octets
constexpr std::size_t kMaxRes = 16;

// Table 8.2.5.1 (V17.9.0): "30 Authentication failure parameter ... O TLV 16", that is 14
// octets of AUTS (TS 24.008 10.5.3.2.2, TS 33.102 6.3.3).
constexpr std::array<OptionalIe, 1> kFailureIes{{
    {0x30, IeFormat::tlv, 14, 14, "Authentication failure parameter"},
}};

// Tables 8.2.6.1, 8.2.7.1 and 8.2.8.1 have no optional IEs: whatever follows the mandatory
// part is unknown to the message and skipped by its format (7.6.1), or fails (7.5.1).
Decoded<std::vector<IgnoredIe>> rest_unknown(ByteView pdu, std::size_t offset, const char* message,
                                             std::vector<IgnoredIe> ignored) {
  std::vector<std::optional<FoundIe>> found;
  if (auto e = read_non_imperative(pdu, offset, {}, message, found, ignored)) return *e;
  return ignored;
}

}  // namespace

Decoded<AuthenticationRequest> decode_authentication_request(ByteView pdu) {
  if (auto e = check_plain_emm_header(pdu, kRequest, kRequestType)) return *e;
  AuthenticationRequest m;
  // Octet 3, 8.1 b): NAS key set identifierASME (9.9.3.21) in bits 4..1, spare half octet
  // (9.9.2.9) in bits 8..5, which a receiver does not check.
  if (pdu.size() < 3) return missing_ie(kRequest, "NAS key set identifierASME", 2, kTs24301Clauses);
  m.nas_key_set_identifier_asme = {(pdu[2] & 0x08) != 0, static_cast<std::uint8_t>(pdu[2] & 0x07)};
  if (m.nas_key_set_identifier_asme.ksi == 7)
    return CodecError{kRequest, "NAS key set identifierASME", 2,
                      "value 111 is reserved in the network to UE direction (TS 24.301 9.9.3.21)"};
  const char* rand = "Authentication parameter RAND";
  if (pdu.size() < 4) return missing_ie(kRequest, rand, 3, kTs24301Clauses);
  if (pdu.size() < 3 + kRandSize)
    return CodecError{kRequest, rand, 3,
                      "truncated: RAND is 16 octets, " + std::to_string(pdu.size() - 3) +
                          " follow (TS 24.008 10.5.3.1)"};
  std::copy_n(pdu.begin() + 3, kRandSize, m.rand.begin());
  std::size_t offset = 3 + kRandSize;
  ByteView autn;
  std::vector<IgnoredIe> ignored;
  if (auto e = read_mandatory_lv(pdu, offset, false, kAutnSize, kAutnSize, kRequest,
                                 "Authentication parameter AUTN", "TS 24.008 10.5.3.1.1", autn,
                                 ignored, kTs24301Clauses))
    return *e;
  std::copy(autn.begin(), autn.end(), m.autn.begin());
  auto rest = rest_unknown(pdu, offset, kRequest, std::move(ignored));
  if (!rest) return rest.error();
  return {std::move(m), rest.value()};
}

Decoded<AuthenticationResponse> decode_authentication_response(ByteView pdu) {
  if (auto e = check_plain_emm_header(pdu, kResponse, kResponseType)) return *e;
  std::size_t offset = 2;
  ByteView res;
  std::vector<IgnoredIe> ignored;
  if (auto e = read_mandatory_lv(pdu, offset, false, kMinRes, kMaxRes, kResponse,
                                 "Authentication response parameter", "TS 24.301 9.9.3.4", res,
                                 ignored, kTs24301Clauses))
    return *e;
  auto rest = rest_unknown(pdu, offset, kResponse, std::move(ignored));
  if (!rest) return rest.error();
  return {AuthenticationResponse{Bytes(res.begin(), res.end())}, rest.value()};
}

Decoded<AuthenticationFailure> decode_authentication_failure(ByteView pdu) {
  if (auto e = check_plain_emm_header(pdu, kFailure, kFailureType)) return *e;
  if (pdu.size() < 3) return missing_ie(kFailure, "EMM cause", 2, kTs24301Clauses);
  AuthenticationFailure m;
  m.emm_cause = pdu[2];
  std::vector<IgnoredIe> ignored;
  std::vector<std::optional<FoundIe>> found;
  if (auto e = read_non_imperative(pdu, 3, kFailureIes, kFailure, found, ignored)) return *e;
  if (const auto& ie = found[0]) {
    m.auts.emplace();
    std::copy(ie->value.begin(), ie->value.end(), m.auts->begin());
  }
  return {std::move(m), std::move(ignored)};
}

Decoded<AuthenticationReject> decode_authentication_reject(ByteView pdu) {
  if (auto e = check_plain_emm_header(pdu, kReject, kRejectType)) return *e;
  auto rest = rest_unknown(pdu, 2, kReject, {});
  if (!rest) return rest.error();
  return {AuthenticationReject{}, rest.value()};
}

Bytes encode(const AuthenticationRequest& m) {
  const auto& ksi = m.nas_key_set_identifier_asme;
  if (ksi.ksi > 6)
    throw std::invalid_argument(
        "NAS key set identifierASME: 0..6 network to UE (TS 24.301 9.9.3.21)");
  // Sized up front: GCC 12 warns (-Warray-bounds, a false positive) when a three-octet vector
  // grows by insert.
  Bytes out;
  out.reserve(3 + kRandSize + 1 + kAutnSize);
  out.push_back(kEmmProtocolDiscriminator);
  out.push_back(kRequestType);
  out.push_back(static_cast<std::uint8_t>((ksi.mapped ? 0x08 : 0x00) | ksi.ksi));
  out.insert(out.end(), m.rand.begin(), m.rand.end());
  out.push_back(static_cast<std::uint8_t>(kAutnSize));
  out.insert(out.end(), m.autn.begin(), m.autn.end());
  return out;
}

Bytes encode(const AuthenticationResponse& m) {
  if (m.res.size() < kMinRes || m.res.size() > kMaxRes)
    throw std::invalid_argument("Authentication response parameter: RES is 4..16 octets, got " +
                                std::to_string(m.res.size()) + " (TS 24.301 9.9.3.4)");
  Bytes out;
  out.reserve(3 + m.res.size());
  out.push_back(kEmmProtocolDiscriminator);
  out.push_back(kResponseType);
  out.push_back(static_cast<std::uint8_t>(m.res.size()));
  out.insert(out.end(), m.res.begin(), m.res.end());
  return out;
}

Bytes encode(const AuthenticationFailure& m) {
  Bytes out{kEmmProtocolDiscriminator, kFailureType, m.emm_cause};
  if (m.auts) put_tlv(out, kFailureIes[0].iei, *m.auts);
  return out;
}

Bytes encode(const AuthenticationReject&) { return {kEmmProtocolDiscriminator, kRejectType}; }

}  // namespace secmode::spec::nas
