// TS 24.501 8.2.1 AUTHENTICATION REQUEST, 8.2.2 RESPONSE, 8.2.3 RESULT, 8.2.4 FAILURE and 8.2.5
// REJECT as plain 5GS NAS messages (9.1.1 item 1): one pass, views into the PDU, canonical
// encoders.
#include <array>

#include "impl/codec/nas_5gs_ies.h"
#include "impl/codec/nas_5gs_mm.h"
#include "impl/codec/nas_5gs_mm_ies.h"
#include "impl/codec/nas_eps_emm_ies.h"  // nas::detail::put_row
#include "impl/codec/nas_ie.h"

namespace secmode::impl::nas5gs {
namespace {

using nas::detail::failed;
using nas::detail::Format;
using nas::detail::Found;
using nas::detail::kTs24501Clauses;
using nas::detail::missing;
using nas::detail::Row;

constexpr const char* kRequest = "AUTHENTICATION REQUEST";
constexpr const char* kResponse = "AUTHENTICATION RESPONSE";
constexpr const char* kResult = "AUTHENTICATION RESULT";
constexpr const char* kFailure = "AUTHENTICATION FAILURE";
constexpr const char* kReject = "AUTHENTICATION REJECT";

// 9.11.2.2, EAP message: TLV-E of 7..1503 octets, so 4..1500 of contents; LV-E 6-1502 in table
// 8.2.3.1.1 holds the same. 9.11.3.10, ABBA: "a minimum length of 4 octets" as TLV, contents
// 2..255 (a one-octet length field).
constexpr std::uint16_t kEapMin = 4;
constexpr std::uint16_t kEapMax = 1500;
constexpr std::uint16_t kAbbaMin = 2;
constexpr std::uint16_t kAbbaMax = 255;

constexpr Row kEapRow{0x78, Format::tlv_e, kEapMin, kEapMax, "EAP message"};  // TLV-E 7-1503

// The optional rows of tables 8.2.1.1.1, 8.2.2.1.1, 8.2.3.1.1, 8.2.4.1.1, 8.2.5.1.1 (V17.9.0).
constexpr std::array<Row, 3> kRequestRows{{
    {0x21, Format::tv, 16, 16, "Authentication parameter RAND"},   // TV 17, 9.11.3.16
    {0x20, Format::tlv, 16, 16, "Authentication parameter AUTN"},  // TLV 18, 9.11.3.15
    kEapRow,
}};
enum RequestRow : std::size_t { kRand, kAutn, kRequestEap };
constexpr std::array<Row, 2> kResponseRows{{
    {0x2d, Format::tlv, 16, 16, "Authentication response parameter"},  // TLV 18, 9.11.3.17
    kEapRow,
}};
enum ResponseRow : std::size_t { kResStar, kResponseEap };
constexpr std::array<Row, 1> kResultRows{{
    {0x38, Format::tlv, kAbbaMin, kAbbaMax, "ABBA"},  // TLV 4-n, 9.11.3.10
}};
constexpr std::array<Row, 1> kFailureRows{{
    {0x30, Format::tlv, 14, 14, "Authentication failure parameter"},  // TLV 16, 9.11.3.14
}};
constexpr std::array<Row, 1> kRejectRows{{kEapRow}};

constexpr nas::detail::Table kRequestTable = nas::detail::table(kRequestRows);
constexpr nas::detail::Table kResponseTable = nas::detail::table(kResponseRows);
constexpr nas::detail::Table kResultTable = nas::detail::table(kResultRows);
constexpr nas::detail::Table kFailureTable = nas::detail::table(kFailureRows);
constexpr nas::detail::Table kRejectTable = nas::detail::table(kRejectRows);

// Octet 4 of REQUEST and RESULT: ngKSI in bits 4..1; the spare half octet, bits 8..5 (9.5), is
// not interpreted. False with `error` set when it is missing or 111, "reserved" network to UE
// (table 9.11.3.32.1; 7.5.1 for a mandatory IE).
bool read_ngksi(ByteView pdu, const char* message, NasKeySetIdentifier& out,
                Error& error) noexcept {
  if (pdu.size() < 4) {
    error = {message, "ngKSI", 3, kTs24501Clauses.missing};
    return false;
  }
  out = detail::key_set(pdu[3] & 0x0f);
  if (out.ksi == 7) {
    error = {message, "ngKSI", 3,
             "value 111 is reserved in the network to UE direction (TS 24.501 table "
             "9.11.3.32.1)"};
    return false;
  }
  return true;
}

template <std::size_t N>
std::optional<std::span<const std::uint8_t, N>> fixed(const Found& f) noexcept {
  if (!f.present) return std::nullopt;
  return f.value.template first<N>();  // the walk took exactly N octets (TV N, TLV N)
}
std::optional<ByteView> view(const Found& f) noexcept {
  if (!f.present) return std::nullopt;
  return f.value;
}

bool size_in(std::size_t size, std::size_t min, std::size_t max) noexcept {
  return size >= min && size <= max;
}
bool eap_fits(const std::optional<ByteView>& eap) noexcept {
  return !eap || size_in(eap->size(), kEapMin, kEapMax);
}

void put_header(detail::Writer& w, std::uint8_t type) noexcept {
  w.put(kFiveGmmEpd);
  w.put(static_cast<std::uint8_t>(SecurityHeaderType::plain));
  w.put(type);
}

constexpr const char* kBadKsi = "ngKSI: 0..6 network to UE (TS 24.501 9.11.3.32)";
constexpr const char* kBadEap = "EAP message: 4..1500 octets (TS 24.501 9.11.2.2)";
constexpr const char* kBadAbba = "ABBA: 2..255 octets (TS 24.501 9.11.3.10)";

}  // namespace

Decoded<AuthenticationRequest> decode_authentication_request(ByteView pdu,
                                                             std::span<IgnoredIe> sink) noexcept {
  Decoded<AuthenticationRequest> d;
  if (!detail::check_header(pdu, kRequest, detail::kAuthenticationRequest, d.error)) return d;
  AuthenticationRequest& m = d.value;
  if (!read_ngksi(pdu, kRequest, m.ngksi, d.error)) return d;
  detail::Sink ignored(sink);
  std::size_t end = 0;
  // ABBA, LV 3-n.
  if (!detail::read_mandatory(pdu, 4, false, kAbbaMin, kAbbaMax, kRequest, "ABBA",
                              "bad length (2..255) (TS 24.501 9.11.3.10, TS 24.501 7.5.1)",
                              m.abba, end, ignored, d.error))
    return d;
  std::array<Found, kRequestRows.size()> found{};
  if (!nas::detail::walk(pdu, end, kRequestTable, kRequest, found, ignored, d.error,
                         kTs24501Clauses))
    return d;
  m.rand = fixed<16>(found[kRand]);
  m.autn = fixed<16>(found[kAutn]);
  m.eap_message = view(found[kRequestEap]);
  d.ignored = ignored.count();
  return d;
}

Decoded<AuthenticationResponse> decode_authentication_response(
    ByteView pdu, std::span<IgnoredIe> sink) noexcept {
  Decoded<AuthenticationResponse> d;
  if (!detail::check_header(pdu, kResponse, detail::kAuthenticationResponse, d.error)) return d;
  detail::Sink ignored(sink);
  std::array<Found, kResponseRows.size()> found{};
  if (!nas::detail::walk(pdu, detail::kPlainHeaderSize, kResponseTable, kResponse, found, ignored,
                         d.error, kTs24501Clauses))
    return d;
  d.value.res_star = fixed<16>(found[kResStar]);
  d.value.eap_message = view(found[kResponseEap]);
  d.ignored = ignored.count();
  return d;
}

Decoded<AuthenticationResult> decode_authentication_result(ByteView pdu,
                                                           std::span<IgnoredIe> sink) noexcept {
  Decoded<AuthenticationResult> d;
  if (!detail::check_header(pdu, kResult, detail::kAuthenticationResult, d.error)) return d;
  AuthenticationResult& m = d.value;
  if (!read_ngksi(pdu, kResult, m.ngksi, d.error)) return d;
  detail::Sink ignored(sink);
  std::size_t end = 0;
  // EAP message, LV-E 6-1502; longer contents are cut to 1500 (TS 24.007 11.4.2).
  if (!detail::read_mandatory(pdu, 4, true, kEapMin, kEapMax, kResult, "EAP message",
                              "bad length (4..1500) (TS 24.501 9.11.2.2, TS 24.501 7.5.1)",
                              m.eap_message, end, ignored, d.error))
    return d;
  std::array<Found, kResultRows.size()> found{};
  if (!nas::detail::walk(pdu, end, kResultTable, kResult, found, ignored, d.error,
                         kTs24501Clauses))
    return d;
  m.abba = view(found[0]);
  d.ignored = ignored.count();
  return d;
}

Decoded<AuthenticationFailure> decode_authentication_failure(ByteView pdu,
                                                             std::span<IgnoredIe> sink) noexcept {
  Decoded<AuthenticationFailure> d;
  if (!detail::check_header(pdu, kFailure, detail::kAuthenticationFailure, d.error)) return d;
  if (pdu.size() < 4)
    return missing<AuthenticationFailure>(kFailure, "5GMM cause", 3, kTs24501Clauses);
  d.value.cause = pdu[3];  // 9.11.3.2: kept as received
  detail::Sink ignored(sink);
  std::array<Found, kFailureRows.size()> found{};
  if (!nas::detail::walk(pdu, 4, kFailureTable, kFailure, found, ignored, d.error,
                         kTs24501Clauses))
    return d;
  d.value.auts = fixed<14>(found[0]);
  d.ignored = ignored.count();
  return d;
}

Decoded<AuthenticationReject> decode_authentication_reject(ByteView pdu,
                                                           std::span<IgnoredIe> sink) noexcept {
  Decoded<AuthenticationReject> d;
  if (!detail::check_header(pdu, kReject, detail::kAuthenticationReject, d.error)) return d;
  detail::Sink ignored(sink);
  std::array<Found, kRejectRows.size()> found{};
  if (!nas::detail::walk(pdu, detail::kPlainHeaderSize, kRejectTable, kReject, found, ignored,
                         d.error, kTs24501Clauses))
    return d;
  d.value.eap_message = view(found[0]);
  d.ignored = ignored.count();
  return d;
}

Encoded encode(const AuthenticationRequest& m, std::span<std::uint8_t> out) noexcept {
  if (m.ngksi.ksi > 6) return detail::refused(kBadKsi);
  if (!size_in(m.abba.size(), kAbbaMin, kAbbaMax)) return detail::refused(kBadAbba);
  if (!eap_fits(m.eap_message)) return detail::refused(kBadEap);
  detail::Writer w(out);
  put_header(w, detail::kAuthenticationRequest);
  w.put(detail::nibble(m.ngksi));  // spare half octet 0000
  w.put(static_cast<std::uint8_t>(m.abba.size()));
  w.put(m.abba);
  if (m.rand) nas::detail::put_row(w, kRequestRows[kRand], 0, *m.rand);
  if (m.autn) nas::detail::put_row(w, kRequestRows[kAutn], 0, *m.autn);
  detail::put_optional(w, kEapRow, m.eap_message);
  return w.done();
}

Encoded encode(const AuthenticationResponse& m, std::span<std::uint8_t> out) noexcept {
  if (!eap_fits(m.eap_message)) return detail::refused(kBadEap);
  detail::Writer w(out);
  put_header(w, detail::kAuthenticationResponse);
  if (m.res_star) nas::detail::put_row(w, kResponseRows[kResStar], 0, *m.res_star);
  detail::put_optional(w, kEapRow, m.eap_message);
  return w.done();
}

Encoded encode(const AuthenticationResult& m, std::span<std::uint8_t> out) noexcept {
  if (m.ngksi.ksi > 6) return detail::refused(kBadKsi);
  if (!size_in(m.eap_message.size(), kEapMin, kEapMax)) return detail::refused(kBadEap);
  if (m.abba && !size_in(m.abba->size(), kAbbaMin, kAbbaMax)) return detail::refused(kBadAbba);
  detail::Writer w(out);
  put_header(w, detail::kAuthenticationResult);
  w.put(detail::nibble(m.ngksi));
  w.put16(static_cast<std::uint16_t>(m.eap_message.size()));
  w.put(m.eap_message);
  detail::put_optional(w, kResultRows[0], m.abba);
  return w.done();
}

Encoded encode(const AuthenticationFailure& m, std::span<std::uint8_t> out) noexcept {
  detail::Writer w(out);
  put_header(w, detail::kAuthenticationFailure);
  w.put(m.cause);
  if (m.auts) nas::detail::put_row(w, kFailureRows[0], 0, *m.auts);
  return w.done();
}

Encoded encode(const AuthenticationReject& m, std::span<std::uint8_t> out) noexcept {
  if (!eap_fits(m.eap_message)) return detail::refused(kBadEap);
  detail::Writer w(out);
  put_header(w, detail::kAuthenticationReject);
  detail::put_optional(w, kEapRow, m.eap_message);
  return w.done();
}

}  // namespace secmode::impl::nas5gs
