// TS 24.301 8.2.25 SERVICE REQUEST: "its structure does not follow the structure of a standard
// layer 3 message" (no message type). Octet 1: PD and the security header for the SERVICE
// REQUEST message (table 9.3.1: 1100; 1101..1111 read as 1100); octet 2: KSI and sequence
// number (9.9.3.19); octets 3..4: short MAC (9.9.3.28).
#include <array>

#include "impl/codec/nas_eps_emm.h"
#include "impl/codec/nas_eps_emm_ies.h"
#include "impl/codec/nas_ie.h"

namespace secmode::impl::nas {
namespace {

constexpr const char* kServiceRequest = "SERVICE REQUEST";
constexpr std::size_t kSize = 4;  // table 8.2.25.1: 1/2 + 1/2 + 1 + 2 octets
constexpr std::array<detail::Row, 0> kNoRows{};  // table 8.2.25.1 has no optional IEs
constexpr detail::Table kNoTable = detail::table(kNoRows);

}  // namespace

Decoded<ServiceRequest> decode_service_request(ByteView pdu, std::span<IgnoredIe> sink) noexcept {
  using T = ServiceRequest;
  Decoded<T> d;
  if (pdu.empty())
    return detail::failed<T>(kServiceRequest, "Protocol discriminator", 0,
                             "empty: too short for a message type (TS 24.301 7.2)");
  if (!detail::check_emm_octet(pdu[0], kServiceRequest, d.error)) return d;
  if (pdu[0] >> 4 < 12)
    return detail::failed<T>(kServiceRequest, "Security header type", 0,
                             "not the security header for the SERVICE REQUEST message, 1100 or "
                             "1101..1111 (TS 24.301 table 9.3.1)");
  if (pdu.size() < 2)
    return detail::missing<T>(kServiceRequest, "KSI and sequence number", 1,
                              detail::kTs24301Clauses);
  if (pdu.size() < kSize)
    return detail::failed<T>(kServiceRequest, "Message authentication code (short)", 2,
                             "truncated: the short MAC takes 2 octets (TS 24.301 7.5.1)");
  T& m = d.value;
  m.header_extension = static_cast<std::uint8_t>(pdu[0] >> 4 & 0x03);  // table 9.3.1 NOTE 3
  m.ksi = static_cast<std::uint8_t>(pdu[1] >> 5);
  m.sequence_number = pdu[1] & 0x1f;
  m.short_mac = {pdu[2], pdu[3]};
  detail::Sink ignored(sink);
  if (!detail::walk(pdu, kSize, kNoTable, kServiceRequest, {}, ignored, d.error)) return d;
  d.ignored = ignored.count();
  return d;
}

Encoded encode(const ServiceRequest& m, std::span<std::uint8_t> out) noexcept {
  if (m.header_extension > 3 || m.ksi > 7 || m.sequence_number > 31)
    return detail::refused(
        "SERVICE REQUEST: header extension 2 bits (table 9.3.1 NOTE 3), KSI 3 bits and sequence "
        "number 5 bits (TS 24.301 9.9.3.19)");
  detail::Writer w(out);
  w.put(static_cast<std::uint8_t>((0x0c | m.header_extension) << 4 | detail::kEmmPd));
  w.put(static_cast<std::uint8_t>(m.ksi << 5 | m.sequence_number));
  w.put(m.short_mac);
  return w.done();
}

}  // namespace secmode::impl::nas
