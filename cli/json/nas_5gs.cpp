// 5GS NAS (TS 24.501) in JSON: field names from the message tables of clause 8.2 and the IE
// definitions of 9.11.
#include "cli/json/codecs.h"
#include "cli/json/reader.h"
#include "cli/json/nas_common.h"
#include "spec/codec/nas_5gs_mm.h"
#include "spec/hex.h"

namespace secmode::cli {

using nlohmann::ordered_json;
using namespace spec::nas5gs;

namespace {

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

// TS 24.501 9.11.3.4: the type of identity selects the rest; a SUCI's scheme output stays raw
// (only the null scheme is readable), with the IMSI it spells given for reading (not encoded).
ordered_json identity_json(const MobileIdentity& id) {
  if (std::holds_alternative<NoIdentity>(id)) return {{"type_of_identity", "no_identity"}};
  if (const auto* s = std::get_if<SuciImsi>(&id)) {
    ordered_json j{{"type_of_identity", "suci"},
                   {"supi_format", s->supi_format},
                   {"plmn", spec::to_hex(s->plmn)},
                   {"routing_indicator", spec::to_hex(s->routing_indicator)},
                   {"protection_scheme_id", s->protection_scheme_id},
                   {"home_network_public_key_id", s->home_network_public_key_id},
                   {"scheme_output", spec::to_hex(s->scheme_output)}};
    if (const auto imsi = null_scheme_imsi(*s)) j["null_scheme_imsi"] = imsi->mcc + imsi->mnc + imsi->msin;
    return j;
  }
  if (const auto* n = std::get_if<SuciNai>(&id))
    return {{"type_of_identity", "suci"}, {"supi_format", n->supi_format}, {"nai", spec::to_hex(n->nai)}};
  if (const auto* g = std::get_if<FiveGGuti>(&id))
    return {{"type_of_identity", "5g_guti"}, {"mcc", g->mcc},           {"mnc", g->mnc},
            {"amf_region_id", g->amf_region_id}, {"amf_set_id", g->amf_set_id}, {"amf_pointer", g->amf_pointer},
            {"5g_tmsi", g->five_g_tmsi}};
  if (const auto* t = std::get_if<FiveGSTmsi>(&id))
    return {{"type_of_identity", "5g_s_tmsi"}, {"amf_set_id", t->amf_set_id}, {"amf_pointer", t->amf_pointer},
            {"5g_tmsi", t->five_g_tmsi}};
  if (const auto* v = std::get_if<Imeisv>(&id)) return {{"type_of_identity", "imeisv"}, {"digits", v->digits}};
  if (const auto* i = std::get_if<Imei>(&id)) return pei_json(*i);
  if (const auto* m = std::get_if<MacAddress>(&id)) return pei_json(*m);
  return pei_json(std::get<Eui64>(id));
}

FiveGGuti read_guti(JsonIn& in) {
  FiveGGuti g;
  g.mcc = in.string("mcc");
  g.mnc = in.string("mnc");
  g.amf_region_id = static_cast<std::uint8_t>(in.uint("amf_region_id", 0xff));
  g.amf_set_id = static_cast<std::uint16_t>(in.uint("amf_set_id", 0x3ff));
  g.amf_pointer = static_cast<std::uint8_t>(in.uint("amf_pointer", 0x3f));
  g.five_g_tmsi = static_cast<std::uint32_t>(in.uint("5g_tmsi", 0xffffffff));
  return g;
}

MobileIdentity read_identity(JsonIn in) {
  const auto type = in.string("type_of_identity");
  MobileIdentity out;
  if (type == "no_identity") {
    out = NoIdentity{};
  } else if (type == "suci" && in.has("nai")) {
    out = SuciNai{static_cast<std::uint8_t>(in.uint("supi_format", 7)), in.hex("nai", 0, 65535)};
  } else if (type == "suci") {
    SuciImsi s;
    s.supi_format = static_cast<std::uint8_t>(in.uint("supi_format", 7));
    s.plmn = fixed<3>(in.hex("plmn", 3, 3));
    s.routing_indicator = fixed<2>(in.hex("routing_indicator", 2, 2));
    s.protection_scheme_id = static_cast<std::uint8_t>(in.uint("protection_scheme_id", 15));
    s.home_network_public_key_id = static_cast<std::uint8_t>(in.uint("home_network_public_key_id", 0xff));
    s.scheme_output = in.hex("scheme_output", 0, 65535);
    in.skip("null_scheme_imsi");
    out = s;
  } else if (type == "5g_guti") {
    out = read_guti(in);
  } else if (type == "5g_s_tmsi") {
    out = FiveGSTmsi{static_cast<std::uint16_t>(in.uint("amf_set_id", 0x3ff)),
                     static_cast<std::uint8_t>(in.uint("amf_pointer", 0x3f)),
                     static_cast<std::uint32_t>(in.uint("5g_tmsi", 0xffffffff))};
  } else if (type == "imeisv") {
    out = Imeisv{in.string("digits")};
  } else {
    std::visit([&out](auto&& p) { out = p; }, read_pei(in));
    return out;
  }
  in.done();
  return out;
}

template <std::size_t N>
void put_optional(ordered_json& j, const char* key, const std::optional<std::array<std::uint8_t, N>>& v) {
  if (v) j[key] = spec::to_hex(*v);
}

ordered_json fields(const RegistrationRequest& m) {
  ordered_json j{{"5gs_registration_type", {{"follow_on_request", m.follow_on_request}, {"value", m.registration_type}}},
                 {"ngksi", ksi_json(m.ngksi)},
                 {"5gs_mobile_identity", identity_json(m.mobile_identity)}};
  if (m.non_current_native_ngksi) j["non_current_native_nas_key_set_identifier"] = ksi_json(*m.non_current_native_ngksi);
  if (m.five_gmm_capability) j["5gmm_capability"] = spec::to_hex(m.five_gmm_capability->octets);
  if (m.ue_security_capability) j["ue_security_capability"] = fivegs_capability_json(*m.ue_security_capability);
  if (m.s1_ue_network_capability) j["s1_ue_network_capability"] = network_capability_json(*m.s1_ue_network_capability);
  if (m.additional_guti) j["additional_guti"] = identity_json(*m.additional_guti);
  if (m.nas_message_container) j["nas_message_container"] = spec::to_hex(*m.nas_message_container);
  if (!m.other_ies.empty()) {
    auto a = ordered_json::array();
    for (const auto& [iei, value] : m.other_ies) a.push_back({{"iei", iei}, {"value", spec::to_hex(value)}});
    j["other_ies"] = a;
  }
  return j;
}

ordered_json fields(const AuthenticationRequest& m) {
  ordered_json j{{"ngksi", ksi_json(m.ngksi)}, {"abba", spec::to_hex(m.abba)}};
  put_optional(j, "authentication_parameter_rand", m.rand);
  put_optional(j, "authentication_parameter_autn", m.autn);
  if (m.eap_message) j["eap_message"] = spec::to_hex(*m.eap_message);
  return j;
}

ordered_json fields(const AuthenticationResponse& m) {
  ordered_json j = ordered_json::object();
  put_optional(j, "authentication_response_parameter", m.res_star);
  if (m.eap_message) j["eap_message"] = spec::to_hex(*m.eap_message);
  return j;
}

ordered_json fields(const AuthenticationResult& m) {
  ordered_json j{{"ngksi", ksi_json(m.ngksi)}, {"eap_message", spec::to_hex(m.eap_message)}};
  if (m.abba) j["abba"] = spec::to_hex(*m.abba);
  return j;
}

ordered_json fields(const AuthenticationFailure& m) {
  ordered_json j{{"5gmm_cause", m.cause}};
  put_optional(j, "authentication_failure_parameter", m.auts);
  return j;
}

ordered_json fields(const AuthenticationReject& m) {
  ordered_json j = ordered_json::object();
  if (m.eap_message) j["eap_message"] = spec::to_hex(*m.eap_message);
  return j;
}

// TS 24.501 table 9.7.1, in the order of FiveGmmMessage.
constexpr std::array<std::uint8_t, 9> kMessageTypes{0x41, 0x56, 0x57, 0x5a, 0x59, 0x58, 0x5d, 0x5e, 0x5f};

std::uint8_t message_type(const FiveGmmMessage& m) { return kMessageTypes.at(m.index()); }

template <std::size_t N>
std::optional<std::array<std::uint8_t, N>> optional_fixed(JsonIn& in, const char* key) {
  if (!in.has(key)) return std::nullopt;
  return fixed<N>(in.hex(key, N, N));
}

std::optional<spec::Bytes> optional_hex(JsonIn& in, const char* key, std::size_t min, std::size_t max) {
  if (!in.has(key)) return std::nullopt;
  return in.hex(key, min, max);
}

RegistrationRequest read_registration_request(JsonIn& in) {
  RegistrationRequest m;
  auto type = in.object("5gs_registration_type");
  m.follow_on_request = type.boolean("follow_on_request");
  m.registration_type = static_cast<std::uint8_t>(type.uint("value", 7));
  type.done();
  m.ngksi = read_ksi<NasKeySetIdentifier>(in.object("ngksi"));
  m.mobile_identity = read_identity(in.object("5gs_mobile_identity"));
  if (in.has("non_current_native_nas_key_set_identifier"))
    m.non_current_native_ngksi = read_ksi<NasKeySetIdentifier>(in.object("non_current_native_nas_key_set_identifier"));
  if (in.has("5gmm_capability")) m.five_gmm_capability = FiveGmmCapability{in.hex("5gmm_capability", 1, 13)};
  if (in.has("ue_security_capability")) m.ue_security_capability = read_5gs_capability(in.object("ue_security_capability"));
  if (in.has("s1_ue_network_capability"))
    m.s1_ue_network_capability = read_network_capability(in.object("s1_ue_network_capability"));
  if (in.has("additional_guti")) {
    auto g = in.object("additional_guti");
    if (g.string("type_of_identity") != "5g_guti") g.fail("type_of_identity", "expected 5g_guti");
    m.additional_guti = read_guti(g);
    g.done();
  }
  m.nas_message_container = optional_hex(in, "nas_message_container", 1, 65535);
  if (in.has("other_ies"))
    for (auto ie : in.array("other_ies")) {
      m.other_ies[static_cast<std::uint8_t>(ie.uint("iei", 0xff))] = ie.hex("value", 0, 65535);
      ie.done();
    }
  return m;
}

FiveGmmMessage read_plain(JsonIn& in) {
  if (in.uint("extended_protocol_discriminator", 0xff) != kFiveGmmEpd)
    in.fail("extended_protocol_discriminator", "only 5GMM (126) is supported");
  in.uint("security_header_type", 0);
  in.skip("ignored_ies");
  const auto type = in.uint("message_type", 0xff);
  FiveGmmMessage out;
  if (type == 0x41) {
    out = read_registration_request(in);
  } else if (type == 0x56) {
    out = AuthenticationRequest{read_ksi<NasKeySetIdentifier>(in.object("ngksi")), in.hex("abba", 2, 255),
                                optional_fixed<16>(in, "authentication_parameter_rand"),
                                optional_fixed<16>(in, "authentication_parameter_autn"),
                                optional_hex(in, "eap_message", 4, 1500)};
  } else if (type == 0x57) {
    out = AuthenticationResponse{optional_fixed<16>(in, "authentication_response_parameter"),
                                 optional_hex(in, "eap_message", 4, 1500)};
  } else if (type == 0x5a) {
    AuthenticationResult m;
    m.ngksi = read_ksi<NasKeySetIdentifier>(in.object("ngksi"));
    m.eap_message = in.hex("eap_message", 4, 1500);
    m.abba = optional_hex(in, "abba", 2, 255);
    out = m;
  } else if (type == 0x59) {
    AuthenticationFailure m;
    m.cause = static_cast<std::uint8_t>(in.uint("5gmm_cause", 0xff));
    m.auts = optional_fixed<14>(in, "authentication_failure_parameter");
    out = m;
  } else if (type == 0x58) {
    out = AuthenticationReject{optional_hex(in, "eap_message", 4, 1500)};
  } else if (type == 0x5d) {
    SecurityModeCommand m;
    m.selected_nas_security_algorithms = read_algorithms<NasSecurityAlgorithms>(in.object("selected_nas_security_algorithms"), 15);
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
    const auto d = decode_5gmm_message(pdu);
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
