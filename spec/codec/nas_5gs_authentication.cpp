// TS 24.501 8.2.1 AUTHENTICATION REQUEST, 8.2.2 RESPONSE, 8.2.3 RESULT, 8.2.4 FAILURE, 8.2.5
// REJECT, as plain 5GS NAS messages (9.1.1 item 1).
#include "spec/codec/nas_5gs_authentication.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>

#include "spec/codec/nas_5gs_ies.h"
#include "spec/codec/nas_5gs_mm_ies.h"
#include "spec/codec/nas_ie.h"

namespace secmode::spec::nas5gs {
namespace {

using nas::FoundIe;
using nas::IeFormat;
using nas::OptionalIe;

constexpr const char* kRequest = "AUTHENTICATION REQUEST";
constexpr const char* kResponse = "AUTHENTICATION RESPONSE";
constexpr const char* kResult = "AUTHENTICATION RESULT";
constexpr const char* kFailure = "AUTHENTICATION FAILURE";
constexpr const char* kReject = "AUTHENTICATION REJECT";

// Table 9.7.1.
constexpr std::uint8_t kRequestType = 0x56;
constexpr std::uint8_t kResponseType = 0x57;
constexpr std::uint8_t kRejectType = 0x58;
constexpr std::uint8_t kFailureType = 0x59;
constexpr std::uint8_t kResultType = 0x5a;

// 9.11.2.2: "minimum length of 7 octets and maximum length of 1503 octets", IEI and length
// octets included; as LV-E (table 8.2.3.1.1, 6-1502) the same 4..1500 octets of contents.
constexpr std::size_t kEapMin = 4;
constexpr std::size_t kEapMax = 1500;
constexpr std::size_t kAbbaMin = 2;  // 9.11.3.10: "a minimum length of 4 octets" as TLV
constexpr std::size_t kAbbaMax = 255;

// Optional rows, in table order; lengths are value octets.
constexpr std::array<OptionalIe, 3> kRequestIes{{
    {0x21, IeFormat::tv, 16, 16, "Authentication parameter RAND"},   // TV 17, 9.11.3.16
    {0x20, IeFormat::tlv, 16, 16, "Authentication parameter AUTN"},  // TLV 18, 9.11.3.15
    {0x78, IeFormat::tlv_e, kEapMin, kEapMax, "EAP message"},        // TLV-E 7-1503, 9.11.2.2
}};
enum RequestRow { kRand, kAutn, kRequestEap };

constexpr std::array<OptionalIe, 2> kResponseIes{{
    {0x2d, IeFormat::tlv, 16, 16, "Authentication response parameter"},  // TLV 18, 9.11.3.17
    {0x78, IeFormat::tlv_e, kEapMin, kEapMax, "EAP message"},
}};
enum ResponseRow { kResStar, kResponseEap };

constexpr std::array<OptionalIe, 1> kResultIes{{
    {0x38, IeFormat::tlv, kAbbaMin, kAbbaMax, "ABBA"},  // TLV 4-n, 9.11.3.10
}};
constexpr std::array<OptionalIe, 1> kFailureIes{{
    {0x30, IeFormat::tlv, 14, 14, "Authentication failure parameter"},  // TLV 16, 9.11.3.14
}};
constexpr std::array<OptionalIe, 1> kRejectIes{{
    {0x78, IeFormat::tlv_e, kEapMin, kEapMax, "EAP message"},
}};

template <std::size_t N>
std::array<std::uint8_t, N> array_of(const FoundIe& ie) {
  std::array<std::uint8_t, N> out{};
  std::copy_n(ie.value.begin(), N, out.begin());
  return out;
}
std::optional<Bytes> bytes_of(const std::optional<FoundIe>& ie) {
  if (!ie) return std::nullopt;
  return Bytes(ie->value.begin(), ie->value.end());
}

// Octet 4 of REQUEST and RESULT: ngKSI in bits 4..1; the spare half octet, "placed in bits 5 to
// 8" (9.5), is not interpreted.
std::optional<CodecError> read_ngksi(ByteView pdu, const char* message, NasKeySetIdentifier& out) {
  if (pdu.size() < 4) return missing_ie(message, "ngKSI", 3, kTs24501Clauses);
  out = {(pdu[3] & 0x08) != 0, static_cast<std::uint8_t>(pdu[3] & 0x07)};
  if (out.ksi == 7)
    return CodecError{message, "ngKSI", 3,
                      "value 111 is reserved in the network to UE direction (TS 24.501 "
                      "table 9.11.3.32.1)"};
  return std::nullopt;
}

std::uint8_t ngksi_octet(const NasKeySetIdentifier& k) {
  if (k.ksi > 6) throw std::invalid_argument("ngKSI: 0..6 network to UE (TS 24.501 9.11.3.32)");
  return static_cast<std::uint8_t>((k.mapped ? 0x08 : 0x00) | k.ksi);
}

void check_size(const Bytes& b, std::size_t min, std::size_t max, const char* what) {
  if (b.size() < min || b.size() > max)
    throw std::invalid_argument(std::string(what) + ": " + std::to_string(min) + ".." +
                                std::to_string(max) + " octets, got " + std::to_string(b.size()));
}
void put_eap(Bytes& out, const std::optional<Bytes>& eap) {
  if (!eap) return;
  check_size(*eap, kEapMin, kEapMax, "EAP message (TS 24.501 9.11.2.2)");
  nas::put_tlv_e(out, 0x78, *eap);
}
Bytes header(std::uint8_t type) {
  return {kFiveGmmEpd, static_cast<std::uint8_t>(SecurityHeaderType::plain), type};
}

}  // namespace

Decoded<AuthenticationRequest> decode_authentication_request(ByteView pdu) {
  if (auto e = check_plain_5gmm_header(pdu, kRequest, kRequestType)) return *e;
  AuthenticationRequest m;
  if (auto e = read_ngksi(pdu, kRequest, m.ngksi)) return *e;
  std::vector<IgnoredIe> ignored;
  std::size_t offset = 4;
  ByteView abba;
  if (auto e = read_mandatory_lv(pdu, offset, false, kAbbaMin, kAbbaMax, kRequest, "ABBA",
                                 "TS 24.501 9.11.3.10", abba, ignored, kTs24501Clauses))
    return *e;
  m.abba.assign(abba.begin(), abba.end());
  std::vector<std::optional<FoundIe>> found;
  if (auto e = nas::read_non_imperative(pdu, offset, kRequestIes, kRequest, found, ignored,
                                        kTs24501Clauses))
    return *e;
  if (const auto& ie = found[kRand]) m.rand = array_of<16>(*ie);
  if (const auto& ie = found[kAutn]) m.autn = array_of<16>(*ie);
  m.eap_message = bytes_of(found[kRequestEap]);
  return {std::move(m), std::move(ignored)};
}

Decoded<AuthenticationResponse> decode_authentication_response(ByteView pdu) {
  if (auto e = check_plain_5gmm_header(pdu, kResponse, kResponseType)) return *e;
  AuthenticationResponse m;
  std::vector<IgnoredIe> ignored;
  std::vector<std::optional<FoundIe>> found;
  if (auto e = nas::read_non_imperative(pdu, kPlainHeaderSize, kResponseIes, kResponse, found,
                                        ignored, kTs24501Clauses))
    return *e;
  if (const auto& ie = found[kResStar]) m.res_star = array_of<16>(*ie);
  m.eap_message = bytes_of(found[kResponseEap]);
  return {std::move(m), std::move(ignored)};
}

Decoded<AuthenticationResult> decode_authentication_result(ByteView pdu) {
  if (auto e = check_plain_5gmm_header(pdu, kResult, kResultType)) return *e;
  AuthenticationResult m;
  if (auto e = read_ngksi(pdu, kResult, m.ngksi)) return *e;
  std::vector<IgnoredIe> ignored;
  std::size_t offset = 4;
  ByteView eap;
  if (auto e = read_mandatory_lv(pdu, offset, true, kEapMin, kEapMax, kResult, "EAP message",
                                 "TS 24.501 9.11.2.2", eap, ignored, kTs24501Clauses))
    return *e;
  m.eap_message.assign(eap.begin(), eap.end());
  std::vector<std::optional<FoundIe>> found;
  if (auto e = nas::read_non_imperative(pdu, offset, kResultIes, kResult, found, ignored,
                                        kTs24501Clauses))
    return *e;
  m.abba = bytes_of(found[0]);
  return {std::move(m), std::move(ignored)};
}

Decoded<AuthenticationFailure> decode_authentication_failure(ByteView pdu) {
  if (auto e = check_plain_5gmm_header(pdu, kFailure, kFailureType)) return *e;
  if (pdu.size() < 4) return missing_ie(kFailure, "5GMM cause", 3, kTs24501Clauses);
  AuthenticationFailure m;
  m.cause = pdu[3];
  std::vector<IgnoredIe> ignored;
  std::vector<std::optional<FoundIe>> found;
  if (auto e = nas::read_non_imperative(pdu, 4, kFailureIes, kFailure, found, ignored,
                                        kTs24501Clauses))
    return *e;
  if (const auto& ie = found[0]) m.auts = array_of<14>(*ie);
  return {std::move(m), std::move(ignored)};
}

Decoded<AuthenticationReject> decode_authentication_reject(ByteView pdu) {
  if (auto e = check_plain_5gmm_header(pdu, kReject, kRejectType)) return *e;
  AuthenticationReject m;
  std::vector<IgnoredIe> ignored;
  std::vector<std::optional<FoundIe>> found;
  if (auto e = nas::read_non_imperative(pdu, kPlainHeaderSize, kRejectIes, kReject, found, ignored,
                                        kTs24501Clauses))
    return *e;
  m.eap_message = bytes_of(found[0]);
  return {std::move(m), std::move(ignored)};
}

Bytes encode(const AuthenticationRequest& m) {
  Bytes out = header(kRequestType);
  out.push_back(ngksi_octet(m.ngksi));
  check_size(m.abba, kAbbaMin, kAbbaMax, "ABBA (TS 24.501 9.11.3.10)");
  out.push_back(static_cast<std::uint8_t>(m.abba.size()));
  out.insert(out.end(), m.abba.begin(), m.abba.end());
  if (m.rand) {
    out.push_back(0x21);
    out.insert(out.end(), m.rand->begin(), m.rand->end());
  }
  if (m.autn) nas::put_tlv(out, 0x20, Bytes(m.autn->begin(), m.autn->end()));
  put_eap(out, m.eap_message);
  return out;
}

Bytes encode(const AuthenticationResponse& m) {
  Bytes out = header(kResponseType);
  if (m.res_star) nas::put_tlv(out, 0x2d, Bytes(m.res_star->begin(), m.res_star->end()));
  put_eap(out, m.eap_message);
  return out;
}

Bytes encode(const AuthenticationResult& m) {
  Bytes out = header(kResultType);
  out.push_back(ngksi_octet(m.ngksi));
  check_size(m.eap_message, kEapMin, kEapMax, "EAP message (TS 24.501 9.11.2.2)");
  out.push_back(static_cast<std::uint8_t>(m.eap_message.size() >> 8));
  out.push_back(static_cast<std::uint8_t>(m.eap_message.size()));
  out.insert(out.end(), m.eap_message.begin(), m.eap_message.end());
  if (m.abba) {
    check_size(*m.abba, kAbbaMin, kAbbaMax, "ABBA (TS 24.501 9.11.3.10)");
    nas::put_tlv(out, 0x38, *m.abba);
  }
  return out;
}

Bytes encode(const AuthenticationFailure& m) {
  Bytes out = header(kFailureType);
  out.push_back(m.cause);
  if (m.auts) nas::put_tlv(out, 0x30, Bytes(m.auts->begin(), m.auts->end()));
  return out;
}

Bytes encode(const AuthenticationReject& m) {
  Bytes out = header(kRejectType);
  put_eap(out, m.eap_message);
  return out;
}

}  // namespace secmode::spec::nas5gs
