#include "oracle/ap_nas.h"

#include <algorithm>

#include "oracle/aper.h"

namespace secmode::oracle {

namespace {

// The lists of E-RAB / PDU session items that carry NAS-PDUs in the downlink, per procedure:
// S1AP (TS 36.413 9.1.3.1, 9.1.4.1, 9.1.3.3) lists of ProtocolIE-SingleContainers, NGAP (TS
// 38.413 9.2.2.1, 9.2.1.1, 9.2.1.3) lists of items.
enum class Items : std::uint8_t {
  none,
  s1ap_context_setup,   // E-RABToBeSetupListCtxtSUReq (IE 24) of E-RABToBeSetupItemCtxtSUReq (IE 52)
  s1ap_erab_setup,      // E-RABToBeSetupListBearerSUReq (IE 16) of E-RABToBeSetupItemBearerSUReq (IE 17)
  s1ap_erab_modify,     // E-RABToBeModifiedListBearerModReq (IE 30) of E-RABToBeModifiedItemBearerModReq (IE 36)
  ngap_context_setup,   // PDUSessionResourceSetupListCxtReq (IE 71)
  ngap_session_setup,   // PDUSessionResourceSetupListSUReq (IE 74)
  ngap_session_modify,  // PDUSessionResourceModifyListModReq (IE 64)
};

// What each protocol's message with a NAS-PDU is, from the procedure codes and IE identifiers of
// TS 36.413 9.3.7 and TS 38.413 9.4.7.
struct Procedure {
  std::uint8_t code;
  const char* name;
  enum Carries : std::uint8_t { uplink, downlink, not_delivered } carries;
  Items items = Items::none;
  std::uint16_t list_id = 0, item_id = 0;  // the list IE, and (S1AP) its items' IE
};

constexpr Procedure kS1apProcedures[] = {
    {12, "InitialUEMessage", Procedure::uplink},
    {13, "UplinkNASTransport", Procedure::uplink},
    {11, "DownlinkNASTransport", Procedure::downlink},
    {7, "E-RABReleaseCommand", Procedure::downlink},
    {16, "NASNonDeliveryIndication", Procedure::not_delivered},
    {9, "InitialContextSetupRequest", Procedure::downlink, Items::s1ap_context_setup, 24, 52},
    {5, "E-RABSetupRequest", Procedure::downlink, Items::s1ap_erab_setup, 16, 17},
    {6, "E-RABModifyRequest", Procedure::downlink, Items::s1ap_erab_modify, 30, 36},
};
constexpr Procedure kNgapProcedures[] = {
    {15, "InitialUEMessage", Procedure::uplink},
    {46, "UplinkNASTransport", Procedure::uplink},
    {4, "DownlinkNASTransport", Procedure::downlink},
    {28, "PDUSessionResourceReleaseCommand", Procedure::downlink},
    {19, "NASNonDeliveryIndication", Procedure::not_delivered},
    {14, "InitialContextSetupRequest", Procedure::downlink, Items::ngap_context_setup, 71},
    {29, "PDUSessionResourceSetupRequest", Procedure::downlink, Items::ngap_session_setup, 74},
    {26, "PDUSessionResourceModifyRequest", Procedure::downlink, Items::ngap_session_modify, 64},
};

constexpr std::uint16_t kS1apNasPdu = 26, kS1apEnbUeId = 8;
constexpr std::uint16_t kNgapNasPdu = 38, kNgapRanUeId = 85;
// InitialContextSetupRequest (S1AP procedure 9, NGAP 14) and its IEs SecurityKey and
// UESecurityCapabilities (TS 36.413 9.3.7: ids 73, 107; TS 38.413 9.4.7: ids 94, 119).
constexpr std::uint8_t kS1apContextSetup = 9, kNgapContextSetup = 14;
constexpr std::uint16_t kS1apSecurityKey = 73, kS1apUeSecurityCapabilities = 107;
constexpr std::uint16_t kNgapSecurityKey = 94, kNgapUeSecurityCapabilities = 119;

// The criticality ENUMERATED { reject, ignore, notify }: two bits (the open type after it aligns).
void criticality(Aper& a) {
  if (a.bits(2, "criticality") > 2) a.fail("criticality 3 (only reject, ignore, notify exist)");
}

// NAS-PDU ::= OCTET STRING: a length determinant and the octets.
std::vector<std::uint8_t> nas_pdu(Aper& a) {
  const auto nas = a.open("NAS-PDU");
  return {nas.begin(), nas.end()};
}

// UESecurityCapabilities ::= SEQUENCE { BIT STRING (SIZE (16, ...)) x 2 (S1AP) or x 4 (NGAP: NR,
// then E-UTRA), iE-Extensions OPTIONAL, ... }: the extension bit, the optional's presence bit,
// then each BIT STRING's size-extension bit and its 16 bits, unaligned (X.691 16.9).
void ue_security_capabilities(Aper a, ApContextSetup& out) {
  const std::size_t at = a.offset();
  if (a.bit("UESecurityCapabilities extension bit"))
    a.fail(at, "UESecurityCapabilities with extension additions (not read here)");
  a.bit("UESecurityCapabilities iE-Extensions presence");
  for (std::uint16_t* map : {&out.encryption, &out.integrity}) {
    if (a.bit("algorithms BIT STRING size extension"))
      a.fail(at, "UESecurityCapabilities algorithms beyond 16 bits (not read here)");
    *map = static_cast<std::uint16_t>(a.bits(16, "algorithms BIT STRING"));
  }
}

// A SEQUENCE's preamble: its extension bit and the presence bits of its `n` optionals.
struct Preamble {
  bool extended;
  std::uint32_t present;  // bit n-1-i: optional i
};
Preamble preamble(Aper& a, unsigned n, const char* field) {
  const bool extended = a.bit(field);
  return {extended, a.bits(n, field)};
}
// The end of a SEQUENCE: its iE-Extensions (when present), then its extension additions.
void finish(Aper& a, const Preamble& p, bool extensions_present, const char* field) {
  if (extensions_present) a.skip_extension_container(field);
  if (p.extended) a.skip_additions(field);
}

// E-RAB-ID ::= INTEGER (0..15, ...).
void erab_id(Aper& a) {
  if (a.bit("E-RAB-ID extension bit")) a.fail("E-RAB-ID beyond 0..15");
  a.whole(0, 15, "E-RAB-ID");
}

// E-RABLevelQoSParameters ::= SEQUENCE { qCI INTEGER (0..255), allocationRetentionPriority
// SEQUENCE { priorityLevel INTEGER (0..15), pre-emptionCapability ENUMERATED (2),
// pre-emptionVulnerability ENUMERATED (2), iE-Extensions OPTIONAL, ... }, gbrQosInformation
// SEQUENCE { 4 x BitRate INTEGER (0..10000000000), iE-Extensions OPTIONAL, ... } OPTIONAL,
// iE-Extensions OPTIONAL, ... } (TS 36.413 9.2.1.15, 9.2.1.60, 9.2.1.18): skipped.
void skip_erab_qos(Aper& a) {
  const Preamble qos = preamble(a, 2, "E-RABLevelQoSParameters");
  a.whole(0, 255, "QCI");
  const Preamble arp = preamble(a, 1, "AllocationAndRetentionPriority");
  a.whole(0, 15, "priorityLevel");
  a.bits(2, "pre-emptionCapability, pre-emptionVulnerability");
  finish(a, arp, arp.present & 1, "AllocationAndRetentionPriority");
  if (qos.present & 2) {
    const Preamble gbr = preamble(a, 1, "GBR-QosInformation");
    for (int i = 0; i < 4; ++i) a.whole(0, 10000000000ull, "BitRate");
    finish(a, gbr, gbr.present & 1, "GBR-QosInformation");
  }
  finish(a, qos, qos.present & 1, "E-RABLevelQoSParameters");
}

// The NAS-PDU of one S1AP E-RAB item (TS 36.413 9.1.4.1, 9.1.3.1, 9.1.3.3):
// E-RABToBeSetupItemCtxtSUReq ::= SEQUENCE { e-RAB-ID, e-RABlevelQoSParameters,
// transportLayerAddress BIT STRING (SIZE (1..160, ...)), gTP-TEID OCTET STRING (SIZE (4)),
// nAS-PDU OPTIONAL, iE-Extensions OPTIONAL, ... }; the BearerSUReq item the same with nAS-PDU
// mandatory; the BearerModReq item { e-RAB-ID, e-RABLevelQoSParameters, nAS-PDU, iE-Extensions
// OPTIONAL, ... }. What follows the NAS-PDU is bounded by the item's container.
void erab_item(Aper a, Items items, std::vector<std::vector<std::uint8_t>>& out) {
  const bool optional_nas = items == Items::s1ap_context_setup;
  const Preamble item = preamble(a, optional_nas ? 2 : 1, "E-RAB item");
  erab_id(a);
  skip_erab_qos(a);
  if (items != Items::s1ap_erab_modify) {
    if (a.bit("TransportLayerAddress size extension")) a.fail("TransportLayerAddress beyond 160 bits");
    const std::uint64_t size = a.whole(1, 160, "TransportLayerAddress length");
    a.octets((size + 7) / 8, "TransportLayerAddress");
    a.octets(4, "GTP-TEID");
  }
  if (!optional_nas || item.present & 2) out.push_back(nas_pdu(a));
}

// An S1AP list: SEQUENCE (SIZE (1..256)) OF ProtocolIE-SingleContainer (id, criticality, value).
void s1ap_items(Aper a, const Procedure& p, std::vector<std::vector<std::uint8_t>>& out) {
  const std::uint64_t count = a.whole(1, 256, "E-RAB list count");
  for (std::uint64_t i = 0; i < count; ++i) {
    const std::uint16_t id = a.u16("E-RAB item ProtocolIE-ID");
    criticality(a);
    const std::size_t length = a.length("E-RAB item"), at = a.offset();
    const auto value = a.octets(length, "E-RAB item");
    if (id != p.item_id)
      a.fail(at, "an item of IE " + std::to_string(id) + " in a list of IE " + std::to_string(p.item_id) + " items");
    erab_item(Aper(value, a.protocol(), at), p.items, out);
  }
}

// An NGAP list: SEQUENCE (SIZE (1..256)) OF items, each SEQUENCE { pDUSessionID INTEGER
// (0..255), nAS-PDU OPTIONAL, s-NSSAI SEQUENCE { sST OCTET STRING (SIZE (1)), sD OCTET STRING
// (SIZE (3)) OPTIONAL, iE-Extensions OPTIONAL, ... } (not in the modify item), the request
// transfer OCTET STRING, iE-Extensions OPTIONAL, ... } (TS 38.413 9.3.1.x; items read in full
// to reach the next).
void ngap_items(Aper a, const Procedure& p, std::vector<std::vector<std::uint8_t>>& out) {
  const std::uint64_t count = a.whole(1, 256, "PDU session list count");
  for (std::uint64_t i = 0; i < count; ++i) {
    const Preamble item = preamble(a, 2, "PDU session item");
    a.whole(0, 255, "PDUSessionID");
    if (item.present & 2) out.push_back(nas_pdu(a));
    if (p.items != Items::ngap_session_modify) {
      const Preamble nssai = preamble(a, 2, "S-NSSAI");
      a.bits(8, "SST");
      if (nssai.present & 2) a.octets(3, "SD");
      finish(a, nssai, nssai.present & 1, "S-NSSAI");
    }
    a.open("PDU session resource request transfer");
    finish(a, item, item.present & 1, "PDU session item");
  }
}

}  // namespace

ApNas ap_nas(ApProtocol protocol, std::span<const std::uint8_t> message) {
  const bool s1ap = protocol == ApProtocol::s1ap;
  Aper a(message, s1ap ? "S1AP" : "NGAP");
  if (a.bit("PDU CHOICE")) a.fail(0, "PDU CHOICE extension (not one of the three message kinds)");
  const unsigned kind = a.bits(2, "PDU CHOICE");
  if (kind == 3) a.fail(0, "PDU CHOICE index 3 (only 0-2 exist)");
  const std::uint8_t code = a.octet("procedureCode");
  criticality(a);
  a.align();
  const std::size_t value_at = a.offset(), value_length = a.length("message value");
  if (a.left() != value_length)
    a.fail(value_at,
           "message value of " + std::to_string(value_length) + " octets, but " + std::to_string(a.left()) + " follow");

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

  a.bit("message SEQUENCE extension bit");
  const std::uint16_t count = a.u16("protocolIEs count");
  const std::uint16_t nas_id = s1ap ? kS1apNasPdu : kNgapNasPdu, ue_id = s1ap ? kS1apEnbUeId : kNgapRanUeId;
  const bool context_setup = kind == 0 && code == (s1ap ? kS1apContextSetup : kNgapContextSetup);
  const std::uint16_t key_id = s1ap ? kS1apSecurityKey : kNgapSecurityKey,
                      caps_id = s1ap ? kS1apUeSecurityCapabilities : kNgapUeSecurityCapabilities;
  ApContextSetup setup;
  bool key_read = false, caps_read = false;
  for (std::uint16_t i = 0; i < count; ++i) {
    const std::uint16_t id = a.u16("ProtocolIE-ID");
    criticality(a);
    const std::size_t len = a.length("IE value");
    const std::size_t ie_value_at = a.offset();
    const auto value = a.octets(len, "IE value");
    Aper v(value, a.protocol(), ie_value_at);
    if (id == nas_id) {
      const std::size_t n = v.length("NAS-PDU");
      if (n != v.left())
        v.fail(ie_value_at, "NAS-PDU of " + std::to_string(n) + " octets in an IE value of " + std::to_string(len));
      const auto nas = v.octets(n, "NAS-PDU");
      out.nas.emplace_back(nas.begin(), nas.end());
    } else if (id == ue_id) {
      // INTEGER (0..16777215) / (0..4294967295): its octet count less one in the top two bits
      // (X.691 13.2.6 a), then that many octets.
      if (value.empty()) v.fail(ie_value_at, "empty RAN UE identity");
      const std::size_t octets = (value[0] >> 6) + 1;
      if (value.size() != 1 + octets) v.fail(ie_value_at, "RAN UE identity of the wrong length");
      std::uint64_t ue = 0;
      for (std::size_t k = 1; k <= octets; ++k) ue = ue << 8 | value[k];
      out.ran_ue = ue;
    } else if (context_setup && id == key_id) {
      // SecurityKey ::= BIT STRING (SIZE (256)): fixed, octet-aligned, no length (X.691 16.11).
      if (value.size() != setup.key.size())
        v.fail(ie_value_at, "SecurityKey of " + std::to_string(value.size()) + " octets (it is 256 bits)");
      std::copy(value.begin(), value.end(), setup.key.begin());
      key_read = true;
    } else if (context_setup && id == caps_id) {
      ue_security_capabilities(v, setup);
      caps_read = true;
    } else if (proc && proc->items != Items::none && id == proc->list_id) {
      if (s1ap)
        s1ap_items(v, *proc, out.nas);
      else
        ngap_items(v, *proc, out.nas);
    }
  }
  if (context_setup) {
    if (!key_read || !caps_read)
      a.fail(0, std::string("InitialContextSetupRequest without ") +
                    (!key_read ? "SecurityKey (IE " + std::to_string(key_id) + ")"
                               : "UESecurityCapabilities (IE " + std::to_string(caps_id) + ")") +
                    ", which it always carries");
    out.context_setup = setup;
  }
  if (!out.nas.empty()) {
    if (!proc) a.fail(0, out.procedure + " carries a NAS-PDU, and its direction is not known here");
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
    }
  }
  return out;
}

}  // namespace secmode::oracle
