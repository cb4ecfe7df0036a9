// TS 24.301 8.2.25 SERVICE REQUEST.
#include "spec/codec/nas_eps_service_request.h"

#include <stdexcept>
#include <string>
#include <vector>

#include "spec/codec/nas_ie.h"

namespace secmode::spec::nas {
namespace {

constexpr const char* kServiceRequest = "SERVICE REQUEST";
constexpr std::size_t kSize = 4;  // table 8.2.25.1: 1/2 + 1/2 + 1 + 2 octets

}  // namespace

Decoded<ServiceRequest> decode_service_request(ByteView pdu) {
  const auto type = decode_security_header_type(pdu);
  if (!type) {
    CodecError e = type.error();
    e.message = kServiceRequest;
    return e;
  }
  if (type.value() != SecurityHeaderType::service_request)
    return CodecError{kServiceRequest, "Security header type", 0,
                      "security header type " + std::to_string(pdu[0] >> 4) +
                          " is not the security header for the SERVICE REQUEST message (1100, "
                          "or 1101..1111 read as 1100) (TS 24.301 table 9.3.1)"};
  if (pdu.size() < 2) return CodecError{kServiceRequest, "KSI and sequence number", 1,
                                        "missing: the message ends here (TS 24.301 7.5.1)"};
  if (pdu.size() < kSize)
    return CodecError{kServiceRequest, "Message authentication code (short)", 2,
                      "truncated: the short MAC takes 2 octets, " +
                          std::to_string(pdu.size() - 2) + " follow (TS 24.301 7.5.1)"};
  ServiceRequest m;
  m.header_extension = static_cast<std::uint8_t>(pdu[0] >> 4 & 0x03);
  m.ksi = static_cast<std::uint8_t>(pdu[1] >> 5);
  m.sequence_number = pdu[1] & 0x1f;
  m.short_mac = {pdu[2], pdu[3]};
  std::vector<IgnoredIe> ignored;
  std::vector<std::optional<FoundIe>> found;
  // Table 8.2.25.1 has no optional IEs: anything after the short MAC is unknown to the message.
  if (auto e = read_non_imperative(pdu, kSize, {}, kServiceRequest, found, ignored)) return *e;
  return {m, std::move(ignored)};
}

Bytes encode(const ServiceRequest& m) {
  if (m.header_extension > 3 || m.ksi > 7 || m.sequence_number > 31)
    throw std::invalid_argument(
        "SERVICE REQUEST: header extension 2 bits (table 9.3.1 NOTE 3), KSI 3 bits, sequence "
        "number 5 bits (TS 24.301 9.9.3.19)");
  const auto type = static_cast<std::uint8_t>(SecurityHeaderType::service_request);
  return {static_cast<std::uint8_t>((type | m.header_extension) << 4 | kEmmProtocolDiscriminator),
          static_cast<std::uint8_t>(m.ksi << 5 | m.sequence_number), m.short_mac[0],
          m.short_mac[1]};
}

}  // namespace secmode::spec::nas
