// TS 24.301 8.2.7 AUTHENTICATION REQUEST, 8.2.8 RESPONSE, 8.2.5 FAILURE and 8.2.6 REJECT as plain
// NAS messages (9.1 item 1): views into the PDU, canonical encoders.
#include <array>

#include "impl/codec/nas_eps_emm.h"
#include "impl/codec/nas_eps_emm_ies.h"
#include "impl/codec/nas_eps_ies.h"
#include "impl/codec/nas_ie.h"

namespace secmode::impl::nas {
namespace {

using detail::failed;
using detail::Format;
using detail::Found;
using detail::kTs24301Clauses;
using detail::Row;

constexpr const char* kRequest = "AUTHENTICATION REQUEST";
constexpr const char* kResponse = "AUTHENTICATION RESPONSE";
constexpr const char* kFailure = "AUTHENTICATION FAILURE";
constexpr const char* kReject = "AUTHENTICATION REJECT";

// TS 24.008 10.5.3.1 (RAND, the value of a type 3 IE) and 10.5.3.1.1 (AUTN contents): 16 octets;
// TS 24.008 10.5.3.2.2: AUTS, 14 octets; TS 24.301 9.9.3.4: RES, 4..16 octets.
constexpr std::size_t kRandSize = 16;
constexpr std::size_t kAutnSize = 16;
constexpr std::size_t kAutsSize = 14;
constexpr std::size_t kMinRes = 4;
constexpr std::size_t kMaxRes = 16;

// Table 8.2.5.1 (V17.9.0): "30 Authentication failure parameter O TLV 16".
constexpr std::array<Row, 1> kFailureRows{{
    {0x30, Format::tlv, kAutsSize, kAutsSize, "Authentication failure parameter"},
}};
// Tables 8.2.6.1, 8.2.7.1 and 8.2.8.1 have no optional rows: every IE after the mandatory part
// is unknown to the message (7.6.1, or 7.5.1 when comprehension required).
constexpr std::array<Row, 0> kNoRows{};
constexpr detail::Table kFailureTable = detail::table(kFailureRows);
constexpr detail::Table kNoTable = detail::table(kNoRows);

}  // namespace

Decoded<AuthenticationRequest> decode_authentication_request(ByteView pdu,
                                                             std::span<IgnoredIe> sink) noexcept {
  using T = AuthenticationRequest;
  Decoded<T> d;
  if (!detail::check_plain_header(pdu, kRequest, detail::kAuthenticationRequest, d.error))
    return d;
  // Octet 3, 8.1 b): NAS key set identifierASME (9.9.3.21) in bits 4..1; bits 8..5 are the spare
  // half octet (9.9.2.9), not checked on receipt.
  if (pdu.size() < 3)
    return detail::missing<T>(kRequest, "NAS key set identifierASME", 2, kTs24301Clauses);
  d.value.nas_key_set_identifier_asme = detail::key_set(static_cast<std::uint8_t>(pdu[2] & 0x0f));
  if (d.value.nas_key_set_identifier_asme.ksi == 7)
    return failed<T>(kRequest, "NAS key set identifierASME", 2,
                     "value 111 is reserved in the network to UE direction (TS 24.301 9.9.3.21)");
  // RAND, V 16 at octet 4.
  constexpr const char* kRand = "Authentication parameter RAND";
  if (pdu.size() < 4) return detail::missing<T>(kRequest, kRand, 3, kTs24301Clauses);
  if (pdu.size() - 3 < kRandSize)
    return failed<T>(kRequest, kRand, 3, "truncated: RAND is 16 octets (TS 24.008 10.5.3.1)");
  d.value.rand = pdu.subspan(3, kRandSize);
  // AUTN, LV 17.
  detail::Sink ignored(sink);
  ByteView autn;
  std::size_t end = 0;
  if (!detail::read_mandatory(pdu, 3 + kRandSize, false, kAutnSize, kAutnSize, kRequest,
                              "Authentication parameter AUTN",
                              "bad length (16) (TS 24.008 10.5.3.1.1, TS 24.301 7.5.1)", autn, end,
                              ignored, d.error))
    return d;
  d.value.autn = autn;
  if (!detail::walk(pdu, end, kNoTable, kRequest, {}, ignored, d.error)) return d;
  d.ignored = ignored.count();
  return d;
}

Decoded<AuthenticationResponse> decode_authentication_response(
    ByteView pdu, std::span<IgnoredIe> sink) noexcept {
  Decoded<AuthenticationResponse> d;
  if (!detail::check_plain_header(pdu, kResponse, detail::kAuthenticationResponse, d.error))
    return d;
  // Authentication response parameter, LV 5-17 at octet 3.
  detail::Sink ignored(sink);
  std::size_t end = 0;
  if (!detail::read_mandatory(pdu, 2, false, kMinRes, kMaxRes, kResponse,
                              "Authentication response parameter",
                              "bad length (4..16) (TS 24.301 9.9.3.4, TS 24.301 7.5.1)",
                              d.value.res, end, ignored, d.error))
    return d;
  if (!detail::walk(pdu, end, kNoTable, kResponse, {}, ignored, d.error)) return d;
  d.ignored = ignored.count();
  return d;
}

Decoded<AuthenticationFailure> decode_authentication_failure(ByteView pdu,
                                                             std::span<IgnoredIe> sink) noexcept {
  using T = AuthenticationFailure;
  Decoded<T> d;
  if (!detail::check_plain_header(pdu, kFailure, detail::kAuthenticationFailure, d.error))
    return d;
  if (pdu.size() < 3) return detail::missing<T>(kFailure, "EMM cause", 2, kTs24301Clauses);
  d.value.emm_cause = pdu[2];  // 9.9.3.9: kept as received
  detail::Sink ignored(sink);
  std::array<Found, kFailureRows.size()> found{};
  if (!detail::walk(pdu, 3, kFailureTable, kFailure, found, ignored, d.error)) return d;
  if (found[0].present) d.value.auts = found[0].value.first<kAutsSize>();
  d.ignored = ignored.count();
  return d;
}

Decoded<AuthenticationReject> decode_authentication_reject(ByteView pdu,
                                                           std::span<IgnoredIe> sink) noexcept {
  Decoded<AuthenticationReject> d;
  if (!detail::check_plain_header(pdu, kReject, detail::kAuthenticationReject, d.error)) return d;
  detail::Sink ignored(sink);
  if (!detail::walk(pdu, 2, kNoTable, kReject, {}, ignored, d.error)) return d;
  d.ignored = ignored.count();
  return d;
}

Encoded encode(const AuthenticationRequest& m, std::span<std::uint8_t> out) noexcept {
  if (m.nas_key_set_identifier_asme.ksi > 6)
    return detail::refused("NAS key set identifierASME: 0..6 network to UE (TS 24.301 9.9.3.21)");
  if (m.rand.size() != kRandSize || m.autn.size() != kAutnSize)
    return detail::refused("RAND and AUTN: 16 octets each (TS 24.008 10.5.3.1, 10.5.3.1.1)");
  detail::Writer w(out);
  w.put(detail::kEmmPd);
  w.put(detail::kAuthenticationRequest);
  w.put(detail::nibble(m.nas_key_set_identifier_asme));  // spare half octet 0000
  w.put(m.rand);
  w.put(static_cast<std::uint8_t>(kAutnSize));
  w.put(m.autn);
  return w.done();
}

Encoded encode(const AuthenticationResponse& m, std::span<std::uint8_t> out) noexcept {
  if (m.res.size() < kMinRes || m.res.size() > kMaxRes)
    return detail::refused("Authentication response parameter: 4..16 octets (TS 24.301 9.9.3.4)");
  detail::Writer w(out);
  w.put(detail::kEmmPd);
  w.put(detail::kAuthenticationResponse);
  w.put(static_cast<std::uint8_t>(m.res.size()));
  w.put(m.res);
  return w.done();
}

Encoded encode(const AuthenticationFailure& m, std::span<std::uint8_t> out) noexcept {
  detail::Writer w(out);
  w.put(detail::kEmmPd);
  w.put(detail::kAuthenticationFailure);
  w.put(m.emm_cause);
  if (m.auts) detail::put_row(w, kFailureRows[0], 0, *m.auts);
  return w.done();
}

Encoded encode(const AuthenticationReject&, std::span<std::uint8_t> out) noexcept {
  detail::Writer w(out);
  w.put(detail::kEmmPd);
  w.put(detail::kAuthenticationReject);
  return w.done();
}

}  // namespace secmode::impl::nas
