#include "oracle/ap_nas.h"

#include <algorithm>

namespace secmode::oracle {

namespace {

using Bytes = std::span<const std::uint8_t>;

// What each protocol's message with a NAS-PDU is, from the procedure codes and IE identifiers of
// TS 36.413 9.3.7 and TS 38.413 9.4.7.
struct Procedure {
  std::uint8_t code;
  const char* name;
  enum Carries : std::uint8_t { uplink, downlink, not_delivered, nested } carries;
};

constexpr Procedure kS1apProcedures[] = {
    {12, "InitialUEMessage", Procedure::uplink},
    {13, "UplinkNASTransport", Procedure::uplink},
    {11, "DownlinkNASTransport", Procedure::downlink},
    {7, "E-RABReleaseCommand", Procedure::downlink},
    {16, "NASNonDeliveryIndication", Procedure::not_delivered},
    {9, "InitialContextSetupRequest", Procedure::nested},
    {5, "E-RABSetupRequest", Procedure::nested},
    {6, "E-RABModifyRequest", Procedure::nested},
};
constexpr Procedure kNgapProcedures[] = {
    {15, "InitialUEMessage", Procedure::uplink},
    {46, "UplinkNASTransport", Procedure::uplink},
    {4, "DownlinkNASTransport", Procedure::downlink},
    {28, "PDUSessionResourceReleaseCommand", Procedure::downlink},
    {19, "NASNonDeliveryIndication", Procedure::not_delivered},
    // Their top-level NAS-PDU is read; those inside the per-session items are not.
    {14, "InitialContextSetupRequest", Procedure::nested},
    {29, "PDUSessionResourceSetupRequest", Procedure::nested},
    {26, "PDUSessionResourceModifyRequest", Procedure::nested},
};

constexpr std::uint16_t kS1apNasPdu = 26, kS1apEnbUeId = 8;
constexpr std::uint16_t kNgapNasPdu = 38, kNgapRanUeId = 85;
// InitialContextSetupRequest (S1AP procedure 9, NGAP 14) and its IEs SecurityKey and
// UESecurityCapabilities (TS 36.413 9.3.7: ids 73, 107; TS 38.413 9.4.7: ids 94, 119).
constexpr std::uint8_t kS1apContextSetup = 9, kNgapContextSetup = 14;
constexpr std::uint16_t kS1apSecurityKey = 73, kS1apUeSecurityCapabilities = 107;
constexpr std::uint16_t kNgapSecurityKey = 94, kNgapUeSecurityCapabilities = 119;

class Per {
 public:
  Per(Bytes b, const char* protocol) : b_(b), protocol_(protocol) {}

  [[noreturn]] void fail(std::size_t at, const std::string& what) const {
    throw UnusableInput(std::string(protocol_) + " offset " + std::to_string(at) + ": " + what);
  }
  std::uint8_t octet(std::size_t& at, const char* field) const {
    if (at >= b_.size()) fail(at, std::string("truncated at ") + field);
    return b_[at++];
  }
  std::uint16_t u16(std::size_t& at, const char* field) const {
    const std::uint8_t hi = octet(at, field);
    return static_cast<std::uint16_t>(hi << 8 | octet(at, field));
  }
  // An aligned length determinant (X.691 11.9.3.6-8); fragmented lengths (>= 16K) are refused.
  std::size_t length(std::size_t& at, const char* field) const {
    const std::size_t start = at;
    const std::uint8_t first = octet(at, field);
    if ((first & 0x80) == 0) return first;
    if ((first & 0xc0) == 0x80) return std::size_t{first & 0x3fu} << 8 | octet(at, field);
    fail(start, std::string("fragmented length (16K octets or more) of ") + field);
  }
  Bytes take(std::size_t& at, std::size_t n, const char* field) const {
    if (b_.size() - at < n)
      fail(at, std::string(field) + " of " + std::to_string(n) + " octets exceeds the message (" +
                   std::to_string(b_.size() - at) + " left)");
    const Bytes out = b_.subspan(at, n);
    at += n;
    return out;
  }
  std::size_t size() const { return b_.size(); }

 private:
  Bytes b_;
  const char* protocol_;
};

// The criticality ENUMERATED { reject, ignore, notify } in the top two bits of an octet.
void criticality(const Per& per, std::size_t& at) {
  const std::size_t start = at;
  if ((per.octet(at, "criticality") >> 6) > 2) per.fail(start, "criticality 3 (only reject, ignore, notify exist)");
}

// Reads `value` bit by bit, most significant first (an unaligned stretch of PER).
class Bits {
 public:
  Bits(const Per& per, Bytes value, std::size_t at) : per_(per), value_(value), at_(at) {}
  unsigned read(unsigned n, const char* field) {
    unsigned out = 0;
    for (unsigned i = 0; i < n; ++i, ++bit_) {
      if (bit_ / 8 >= value_.size()) per_.fail(at_ + bit_ / 8, std::string("truncated at ") + field);
      out = out << 1 | (value_[bit_ / 8] >> (7 - bit_ % 8) & 1u);
    }
    return out;
  }

 private:
  const Per& per_;
  Bytes value_;
  std::size_t at_, bit_ = 0;
};

// UESecurityCapabilities ::= SEQUENCE { BIT STRING (SIZE (16, ...)) x 2 (S1AP) or x 4 (NGAP: NR,
// then E-UTRA), iE-Extensions OPTIONAL, ... }: the extension bit, the optional's presence bit,
// then each BIT STRING's size-extension bit and its 16 bits, unaligned (X.691 16.9).
void ue_security_capabilities(const Per& per, Bytes value, std::size_t at, ApContextSetup& out) {
  Bits bits(per, value, at);
  if (bits.read(1, "UESecurityCapabilities extension bit"))
    per.fail(at, "UESecurityCapabilities with extension additions (not read here)");
  bits.read(1, "UESecurityCapabilities iE-Extensions presence");
  for (std::uint16_t* map : {&out.encryption, &out.integrity}) {
    if (bits.read(1, "algorithms BIT STRING size extension"))
      per.fail(at, "UESecurityCapabilities algorithms beyond 16 bits (not read here)");
    *map = static_cast<std::uint16_t>(bits.read(16, "algorithms BIT STRING"));
  }
}

}  // namespace

ApNas ap_nas(ApProtocol protocol, std::span<const std::uint8_t> message) {
  const bool s1ap = protocol == ApProtocol::s1ap;
  const Per per(message, s1ap ? "S1AP" : "NGAP");
  std::size_t at = 0;
  const std::uint8_t choice = per.octet(at, "PDU CHOICE");
  if (choice & 0x80) per.fail(0, "PDU CHOICE extension (not one of the three message kinds)");
  const unsigned kind = choice >> 5 & 3;
  if (kind == 3) per.fail(0, "PDU CHOICE index 3 (only 0-2 exist)");
  const std::uint8_t code = per.octet(at, "procedureCode");
  criticality(per, at);
  const std::size_t value_at = at, value_length = per.length(at, "message value");
  if (per.size() - at != value_length)
    per.fail(value_at, "message value of " + std::to_string(value_length) + " octets, but " +
                           std::to_string(per.size() - at) + " follow");

  ApNas out;
  const Procedure* proc = nullptr;
  if (kind == 0)
    for (const Procedure& p :
         s1ap ? std::span<const Procedure>(kS1apProcedures) : std::span<const Procedure>(kNgapProcedures))
      if (p.code == code) proc = &p;
  out.procedure = proc ? proc->name
                       : std::string(kind == 0   ? ""
                                     : kind == 1 ? "successful outcome of "
                                                 : "unsuccessful outcome of ") +
                             "procedure " + std::to_string(code);

  per.octet(at, "message SEQUENCE preamble");  // the extension bit, then padding
  const std::uint16_t count = per.u16(at, "protocolIEs count");
  const std::uint16_t nas_id = s1ap ? kS1apNasPdu : kNgapNasPdu, ue_id = s1ap ? kS1apEnbUeId : kNgapRanUeId;
  const bool context_setup = kind == 0 && code == (s1ap ? kS1apContextSetup : kNgapContextSetup);
  const std::uint16_t key_id = s1ap ? kS1apSecurityKey : kNgapSecurityKey,
                      caps_id = s1ap ? kS1apUeSecurityCapabilities : kNgapUeSecurityCapabilities;
  ApContextSetup setup;
  bool key_read = false, caps_read = false;
  for (std::uint16_t i = 0; i < count; ++i) {
    const std::uint16_t id = per.u16(at, "ProtocolIE-ID");
    criticality(per, at);
    const std::size_t len = per.length(at, "IE value");
    const std::size_t ie_value_at = at;
    const Bytes value = per.take(at, len, "IE value");
    if (id == nas_id) {
      // NAS-PDU ::= OCTET STRING, its own length determinant inside the open type.
      std::size_t v = ie_value_at;
      const std::size_t n = per.length(v, "NAS-PDU");
      if (v + n != ie_value_at + len)
        per.fail(ie_value_at, "NAS-PDU of " + std::to_string(n) + " octets in an IE value of " + std::to_string(len));
      const Bytes nas = per.take(v, n, "NAS-PDU");
      out.nas.emplace_back(nas.begin(), nas.end());
    } else if (id == ue_id) {
      // INTEGER (0..16777215) / (0..4294967295): its octet count less one in the top two bits
      // (X.691 13.2.6 a), then that many octets.
      if (value.empty()) per.fail(ie_value_at, "empty RAN UE identity");
      const std::size_t octets = (value[0] >> 6) + 1;
      if (value.size() != 1 + octets) per.fail(ie_value_at, "RAN UE identity of the wrong length");
      std::uint64_t ue = 0;
      for (std::size_t k = 1; k <= octets; ++k) ue = ue << 8 | value[k];
      out.ran_ue = ue;
    } else if (context_setup && id == key_id) {
      // SecurityKey ::= BIT STRING (SIZE (256)): fixed, octet-aligned, no length (X.691 16.11).
      if (value.size() != setup.key.size())
        per.fail(ie_value_at, "SecurityKey of " + std::to_string(value.size()) + " octets (it is 256 bits)");
      std::copy(value.begin(), value.end(), setup.key.begin());
      key_read = true;
    } else if (context_setup && id == caps_id) {
      ue_security_capabilities(per, value, ie_value_at, setup);
      caps_read = true;
    }
  }
  if (context_setup) {
    if (!key_read || !caps_read)
      per.fail(0, std::string("InitialContextSetupRequest without ") +
                      (!key_read ? "SecurityKey (IE " + std::to_string(key_id) + ")"
                                 : "UESecurityCapabilities (IE " + std::to_string(caps_id) + ")") +
                      ", which it always carries");
    out.context_setup = setup;
  }
  if (!out.nas.empty() || (proc && proc->carries == Procedure::nested)) {
    if (!proc) per.fail(0, out.procedure + " carries a NAS-PDU, and its direction is not known here");
    switch (proc->carries) {
      case Procedure::uplink:
        out.uplink = true;
        break;
      case Procedure::downlink:
        break;
      case Procedure::not_delivered:
        out.left_out = "the NAS-PDU the RAN could not deliver is not a new message";
        out.nas.clear();
        break;
      case Procedure::nested:
        out.left_out = s1ap ? "NAS-PDUs inside its E-RAB items are not read"
                            : "NAS-PDUs inside its PDU session items are not read";
        break;
    }
  }
  return out;
}

}  // namespace secmode::oracle
