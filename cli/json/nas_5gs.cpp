// 5GS NAS (TS 24.501) in JSON: field names from the message tables of clause 8.2 and the IE
// definitions of 9.11.
#include "cli/json/codecs.h"
#include "cli/json/reader.h"
#include "cli/json/nas_common.h"
#include "spec/codec/nas_5gs.h"
#include "spec/hex.h"

namespace secmode::cli {

using nlohmann::ordered_json;
using namespace spec::nas5gs;

namespace {

template <std::size_t N>
std::array<std::uint8_t, N> fixed(const spec::Bytes& b) {
  std::array<std::uint8_t, N> out{};
  std::copy(b.begin(), b.end(), out.begin());
  return out;
}

// TS 24.501 9.11.3.54: octets 3..6 by name, the spare octets 7..10 as kept.
ordered_json fivegs_capability_json(const UeSecurityCapability& c) {
  ordered_json j{{"5g_ea", c.ea}, {"5g_ia", c.ia}};
  if (c.eea) j["eea"] = *c.eea;
  if (c.eia) j["eia"] = *c.eia;
  if (!c.octets_7_to_10.empty()) j["octets_7_to_10"] = spec::to_hex(c.octets_7_to_10);
  return j;
}

UeSecurityCapability read_5gs_capability(JsonIn in) {
  UeSecurityCapability c;
  c.ea = static_cast<std::uint8_t>(in.uint("5g_ea", 0xff));
  c.ia = static_cast<std::uint8_t>(in.uint("5g_ia", 0xff));
  if (in.has("eea")) c.eea = static_cast<std::uint8_t>(in.uint("eea", 0xff));
  if (in.has("eia")) c.eia = static_cast<std::uint8_t>(in.uint("eia", 0xff));
  if (in.has("octets_7_to_10")) c.octets_7_to_10 = in.hex("octets_7_to_10", 0, 4);
  in.done();
  return c;
}

// TS 24.501 9.11.3.12 (5GS mobile identity) as the non-IMEISV PEI carries it.
ordered_json pei_json(const NonImeisvPei& p) {
  if (const auto* i = std::get_if<Imei>(&p)) return {{"type_of_identity", "imei"}, {"digits", i->digits}};
  if (const auto* m = std::get_if<MacAddress>(&p))
    return {{"type_of_identity", "mac_address"},
            {"mac_address", spec::to_hex(m->address)},
            {"mac_address_usage_restriction_indication", m->not_usable_as_equipment_identifier}};
  return {{"type_of_identity", "eui_64"}, {"eui_64", spec::to_hex(std::get<Eui64>(p).value)}};
}

NonImeisvPei read_pei(JsonIn in) {
  const auto type = in.string("type_of_identity");
  NonImeisvPei out;
  if (type == "imei") {
    out = Imei{in.string("digits")};
  } else if (type == "mac_address") {
    out = MacAddress{fixed<6>(in.hex("mac_address", 6, 6)), in.boolean("mac_address_usage_restriction_indication")};
  } else if (type == "eui_64") {
    out = Eui64{fixed<8>(in.hex("eui_64", 8, 8))};
  } else {
    in.fail("type_of_identity", "\"" + type + "\", expected imei, mac_address or eui_64");
  }
  in.done();
  return out;
}

ordered_json fields(const SecurityModeCommand& m) {
  ordered_json j{{"selected_nas_security_algorithms", algorithms_json(m.selected_nas_security_algorithms)},
                 {"ngksi", ksi_json(m.ngksi)},
                 {"replayed_ue_security_capabilities", fivegs_capability_json(m.replayed_ue_security_capabilities)}};
  if (m.imeisv_request) j["imeisv_request"] = *m.imeisv_request;
  if (m.selected_eps_nas_security_algorithms)
    j["selected_eps_nas_security_algorithms"] = algorithms_json(*m.selected_eps_nas_security_algorithms);
  if (const auto& a = m.additional_5g_security_information)
    j["additional_5g_security_information"] = {
        {"retransmission_of_initial_nas_message_request", a->retransmission_of_initial_nas_message_requested},
        {"horizontal_derivation_parameter", a->horizontal_derivation_required}};
  if (m.eap_message) j["eap_message"] = spec::to_hex(*m.eap_message);
  if (m.abba) j["abba"] = spec::to_hex(*m.abba);
  if (m.replayed_s1_ue_security_capabilities)
    j["replayed_s1_ue_security_capabilities"] = capability_json(*m.replayed_s1_ue_security_capabilities);
  return j;
}

ordered_json fields(const SecurityModeComplete& m) {
  ordered_json j = ordered_json::object();
  if (m.imeisv) j["imeisv"] = *m.imeisv;
  if (m.nas_message_container) j["nas_message_container"] = spec::to_hex(*m.nas_message_container);
  if (m.non_imeisv_pei) j["non_imeisv_pei"] = pei_json(*m.non_imeisv_pei);
  return j;
}

ordered_json fields(const SecurityModeReject& m) { return {{"5gmm_cause", m.cause}}; }

constexpr std::uint8_t message_type(const SecurityModeMessage& m) { return static_cast<std::uint8_t>(0x5d + m.index()); }

SecurityModeMessage read_plain(JsonIn& in) {
  if (in.uint("extended_protocol_discriminator", 0xff) != kFiveGmmEpd)
    in.fail("extended_protocol_discriminator", "only 5GMM (126) is supported");
  in.uint("security_header_type", 0);
  in.skip("ignored_ies");
  const auto type = in.uint("message_type", 0xff);
  SecurityModeMessage out;
  if (type == 0x5d) {
    SecurityModeCommand m;
    m.selected_nas_security_algorithms = read_algorithms<NasSecurityAlgorithms>(in.object("selected_nas_security_algorithms"));
    m.ngksi = read_ksi<NasKeySetIdentifier>(in.object("ngksi"));
    m.replayed_ue_security_capabilities = read_5gs_capability(in.object("replayed_ue_security_capabilities"));
    if (in.has("imeisv_request")) m.imeisv_request = static_cast<std::uint8_t>(in.uint("imeisv_request", 7));
    if (in.has("selected_eps_nas_security_algorithms"))
      m.selected_eps_nas_security_algorithms = read_algorithms(in.object("selected_eps_nas_security_algorithms"));
    if (in.has("additional_5g_security_information")) {
      auto a = in.object("additional_5g_security_information");
      m.additional_5g_security_information = Additional5gSecurityInformation{
          a.boolean("retransmission_of_initial_nas_message_request"), a.boolean("horizontal_derivation_parameter")};
      a.done();
    }
    if (in.has("eap_message")) m.eap_message = in.hex("eap_message", 4, 1500);
    if (in.has("abba")) m.abba = in.hex("abba", 2, 255);
    if (in.has("replayed_s1_ue_security_capabilities"))
      m.replayed_s1_ue_security_capabilities = read_capability(in.object("replayed_s1_ue_security_capabilities"));
    out = m;
  } else if (type == 0x5e) {
    SecurityModeComplete m;
    if (in.has("imeisv")) m.imeisv = in.string("imeisv");
    if (in.has("nas_message_container")) m.nas_message_container = in.hex("nas_message_container", 1, 65535);
    if (in.has("non_imeisv_pei")) m.non_imeisv_pei = read_pei(in.object("non_imeisv_pei"));
    out = m;
  } else if (type == 0x5f) {
    out = SecurityModeReject{static_cast<std::uint8_t>(in.uint("5gmm_cause", 0xff))};
  } else {
    in.fail("message_type", std::to_string(type) + " is not a message this codec encodes");
  }
  in.done();
  return out;
}

}  // namespace

ordered_json decode_nas_5gs_json(spec::ByteView pdu) {
  const auto header = decode_security_header_type(pdu);
  if (!header) throw DecodeFailure{header.error()};
  if (header.value() == SecurityHeaderType::plain) {
    const auto d = decode_security_mode_message(pdu);
    if (!d) throw DecodeFailure{d.error()};
    ordered_json j{{"extended_protocol_discriminator", kFiveGmmEpd},
                   {"security_header_type", 0},
                   {"message_type", message_type(d.value())}};
    j.update(std::visit([](const auto& m) { return fields(m); }, d.value()));
    if (!d.ignored().empty()) j["ignored_ies"] = ignored_json(d.ignored());
    return j;
  }
  const auto p = decode_security_protected(pdu);
  if (!p) throw DecodeFailure{p.error()};
  const auto& m = p.value();
  ordered_json j{{"extended_protocol_discriminator", kFiveGmmEpd},
                 {"security_header_type", static_cast<int>(m.type)},
                 {"message_authentication_code", spec::to_hex(m.mac)},
                 {"sequence_number", m.sequence_number}};
  // TS 24.501 9.1.1: the plain message is readable with types 1 and 3.
  if (m.type == SecurityHeaderType::integrity_protected || m.type == SecurityHeaderType::integrity_protected_new_context) {
    constexpr std::size_t kPlainMessageOffset = 7;  // EPD, type, MAC (4), SN
    ordered_json inner;
    try {
      inner = decode_nas_5gs_json(m.plain_nas_message);
    } catch (DecodeFailure& f) {
      f.error.offset += kPlainMessageOffset;
      throw;
    }
    if (inner.contains("ignored_ies"))
      for (auto& e : inner["ignored_ies"]) e["offset"] = e["offset"].get<std::size_t>() + kPlainMessageOffset;
    j["plain_nas_message"] = inner;
  } else {
    j["ciphered_nas_message"] = spec::to_hex(m.plain_nas_message);
  }
  return j;
}

spec::Bytes encode_nas_5gs_json(const nlohmann::json& j) {
  JsonIn in(j, "");
  const auto type = in.uint("security_header_type", 15);
  if (type == 0) return encode(read_plain(in));
  if (type > 4) in.fail("security_header_type", std::to_string(type) + ", expected 0..4");
  if (in.uint("extended_protocol_discriminator", 0xff) != kFiveGmmEpd)
    in.fail("extended_protocol_discriminator", "only 5GMM (126) is supported");
  SecurityProtectedMessage m;
  m.type = static_cast<SecurityHeaderType>(type);
  m.mac = fixed<4>(in.hex("message_authentication_code", 4, 4));
  m.sequence_number = static_cast<std::uint8_t>(in.uint("sequence_number", 0xff));
  if (in.has("plain_nas_message")) {
    auto inner = in.object("plain_nas_message");
    m.plain_nas_message = encode(read_plain(inner));
  } else {
    m.plain_nas_message = in.hex("ciphered_nas_message", 2, 65535);
  }
  in.done();
  return encode(m);
}

}  // namespace secmode::cli
