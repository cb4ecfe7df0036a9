// EPS NAS (TS 24.301) in JSON. Field names follow the message tables of clause 8 and the IE
// definitions of clause 9.9.
#include <stdexcept>

#include "cli/json/codecs.h"
#include "cli/json/reader.h"
#include "cli/json/nas_common.h"
#include "spec/codec/nas_eps_emm.h"
#include "spec/hex.h"

namespace secmode::cli {

using nlohmann::ordered_json;
using namespace spec::nas;

namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

ordered_json guti_json(const Guti& g) {
  return {{"mcc", g.mcc}, {"mnc", g.mnc}, {"mme_group_id", g.mme_group_id}, {"mme_code", g.mme_code},
          {"m_tmsi", g.m_tmsi}};
}

// The GUTI's fields, alone (an IE of its own) or after type_of_identity (a mobile identity).
Guti read_guti_fields(JsonIn& in) {
  Guti g;
  g.mcc = in.string("mcc");
  g.mnc = in.string("mnc");
  g.mme_group_id = static_cast<std::uint16_t>(in.uint("mme_group_id", 0xffff));
  g.mme_code = static_cast<std::uint8_t>(in.uint("mme_code", 0xff));
  g.m_tmsi = static_cast<std::uint32_t>(in.uint("m_tmsi", 0xffffffff));
  return g;
}

Guti read_guti(JsonIn in) {
  const Guti g = read_guti_fields(in);
  in.done();
  return g;
}

// TS 24.301 9.9.3.12: the type of identity selects the rest.
ordered_json mobile_identity_json(const EpsMobileIdentity& id) {
  return std::visit(Overloaded{[](const Imsi& i) { return ordered_json{{"type_of_identity", "imsi"}, {"digits", i.digits}}; },
                               [](const Imei& i) { return ordered_json{{"type_of_identity", "imei"}, {"digits", i.digits}}; },
                               [](const Guti& g) {
                                 ordered_json j{{"type_of_identity", "guti"}};
                                 j.update(guti_json(g));
                                 return j;
                               }},
                    id);
}

EpsMobileIdentity read_mobile_identity(JsonIn in) {
  const auto type = in.string("type_of_identity");
  EpsMobileIdentity out;
  if (type == "imsi") {
    out = Imsi{in.string("digits")};
  } else if (type == "imei") {
    out = Imei{in.string("digits")};
  } else if (type == "guti") {
    out = read_guti_fields(in);
  } else {
    in.fail("type_of_identity", "\"" + type + "\", expected imsi, imei or guti");
  }
  in.done();
  return out;
}

ordered_json other_ies_json(const RawIes& ies) {
  ordered_json a = ordered_json::array();
  for (const auto& [iei, value] : ies) a.push_back({{"iei", iei}, {"value", spec::to_hex(value)}});
  return a;
}

RawIes read_other_ies(JsonIn& in) {
  RawIes out;
  if (!in.has("other_ies")) return out;
  for (auto ie : in.array("other_ies")) {
    out[static_cast<std::uint8_t>(ie.uint("iei", 0xff))] = ie.hex("value", 0, 65535);
    ie.done();
  }
  return out;
}

std::string nonce_hex(std::uint32_t n) {
  const spec::Bytes b{static_cast<std::uint8_t>(n >> 24), static_cast<std::uint8_t>(n >> 16),
                      static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n)};
  return spec::to_hex(b);
}

std::uint32_t read_nonce(JsonIn& in, const char* key) {
  const auto b = in.hex(key, 4, 4);
  return std::uint32_t{b[0]} << 24 | std::uint32_t{b[1]} << 16 | std::uint32_t{b[2]} << 8 | b[3];
}

// One member per IE of the message's table, in table order; absent optional IEs are left out.
ordered_json fields(const SecurityModeCommand& m) {
  ordered_json j{{"selected_nas_security_algorithms", algorithms_json(m.selected_nas_security_algorithms)},
                 {"nas_key_set_identifier", ksi_json(m.nas_key_set_identifier)},
                 {"replayed_ue_security_capabilities", capability_json(m.replayed_ue_security_capabilities)}};
  if (m.imeisv_request) j["imeisv_request"] = *m.imeisv_request;
  if (m.replayed_nonce_ue) j["replayed_nonce_ue"] = nonce_hex(*m.replayed_nonce_ue);
  if (m.nonce_mme) j["nonce_mme"] = nonce_hex(*m.nonce_mme);
  if (m.hash_mme) j["hash_mme"] = spec::to_hex(*m.hash_mme);
  if (m.replayed_ue_additional_security_capability)
    j["replayed_ue_additional_security_capability"] = additional_capability_json(*m.replayed_ue_additional_security_capability);
  if (m.ue_radio_capability_id_request) j["ue_radio_capability_id_request"] = *m.ue_radio_capability_id_request;
  return j;
}

ordered_json fields(const SecurityModeComplete& m) {
  ordered_json j = ordered_json::object();
  if (m.imeisv) j["imeisv"] = *m.imeisv;
  if (m.replayed_nas_message_container) j["replayed_nas_message_container"] = spec::to_hex(*m.replayed_nas_message_container);
  if (m.ue_radio_capability_id) j["ue_radio_capability_id"] = spec::to_hex(*m.ue_radio_capability_id);
  return j;
}

ordered_json fields(const SecurityModeReject& m) { return {{"emm_cause", m.emm_cause}}; }

ordered_json fields(const AuthenticationRequest& m) {
  return {{"nas_key_set_identifier_asme", ksi_json(m.nas_key_set_identifier_asme)},
          {"authentication_parameter_rand", spec::to_hex(m.rand)},
          {"authentication_parameter_autn", spec::to_hex(m.autn)}};
}

ordered_json fields(const AuthenticationResponse& m) {
  return {{"authentication_response_parameter", spec::to_hex(m.res)}};
}

ordered_json fields(const AuthenticationFailure& m) {
  ordered_json j{{"emm_cause", m.emm_cause}};
  if (m.auts) j["authentication_failure_parameter"] = spec::to_hex(*m.auts);
  return j;
}

ordered_json fields(const AuthenticationReject&) { return ordered_json::object(); }

// Fields shared by ATTACH and TAU REQUEST after their mandatory part.
template <class M>
void optional_request_fields(ordered_json& j, const M& m) {
  if (m.additional_guti) j["additional_guti"] = guti_json(*m.additional_guti);
  if (m.ms_network_capability) j["ms_network_capability"] = spec::to_hex(*m.ms_network_capability);
  if (m.tmsi_status) j["tmsi_status"] = *m.tmsi_status;
  if (m.old_guti_type_mapped) j["old_guti_type"] = *m.old_guti_type_mapped ? "mapped" : "native";
  if (m.ue_additional_security_capability)
    j["ue_additional_security_capability"] = additional_capability_json(*m.ue_additional_security_capability);
  if (!m.other_ies.empty()) j["other_ies"] = other_ies_json(m.other_ies);
}

template <class M>
void read_optional_request_fields(JsonIn& in, M& m) {
  if (in.has("additional_guti")) m.additional_guti = read_guti(in.object("additional_guti"));
  if (in.has("ms_network_capability")) m.ms_network_capability = in.hex("ms_network_capability", 1, 8);
  if (in.has("tmsi_status")) m.tmsi_status = in.boolean("tmsi_status");
  if (in.has("old_guti_type")) {
    const auto t = in.string("old_guti_type");
    if (t != "mapped" && t != "native") in.fail("old_guti_type", "\"" + t + "\", expected native or mapped");
    m.old_guti_type_mapped = t == "mapped";
  }
  if (in.has("ue_additional_security_capability"))
    m.ue_additional_security_capability = read_additional_capability(in.object("ue_additional_security_capability"));
  m.other_ies = read_other_ies(in);
}

ordered_json fields(const AttachRequest& m) {
  ordered_json j{{"eps_attach_type", m.eps_attach_type},
                 {"nas_key_set_identifier", ksi_json(m.nas_key_set_identifier)},
                 {"eps_mobile_identity", mobile_identity_json(m.eps_mobile_identity)},
                 {"ue_network_capability", network_capability_json(m.ue_network_capability)},
                 {"esm_message_container", spec::to_hex(m.esm_message_container)}};
  optional_request_fields(j, m);
  return j;
}

ordered_json fields(const TrackingAreaUpdateRequest& m) {
  ordered_json j{{"eps_update_type", m.eps_update_type},
                 {"active_flag", m.active_flag},
                 {"nas_key_set_identifier", ksi_json(m.nas_key_set_identifier)},
                 {"old_guti", guti_json(m.old_guti)}};
  if (m.non_current_native_nas_key_set_identifier)
    j["non_current_native_nas_key_set_identifier"] = ksi_json(*m.non_current_native_nas_key_set_identifier);
  if (m.gprs_ciphering_key_sequence_number) j["gprs_ciphering_key_sequence_number"] = *m.gprs_ciphering_key_sequence_number;
  if (m.nonce_ue) j["nonce_ue"] = nonce_hex(*m.nonce_ue);
  if (m.ue_network_capability) j["ue_network_capability"] = network_capability_json(*m.ue_network_capability);
  optional_request_fields(j, m);
  return j;
}

std::uint8_t message_type(const EmmMessage& m) {
  return static_cast<std::uint8_t>(std::visit(Overloaded{[](const AttachRequest&) { return 0x41; },
                               [](const TrackingAreaUpdateRequest&) { return 0x48; },
                               [](const AuthenticationRequest&) { return 0x52; },
                               [](const AuthenticationResponse&) { return 0x53; },
                               [](const AuthenticationReject&) { return 0x54; },
                               [](const AuthenticationFailure&) { return 0x5c; },
                               [](const SecurityModeCommand&) { return 0x5d; },
                               [](const SecurityModeComplete&) { return 0x5e; },
                               [](const SecurityModeReject&) { return 0x5f; }},
                    m));
}

ordered_json plain_json(const EmmMessage& m) {
  ordered_json j{{"protocol_discriminator", kEmmProtocolDiscriminator},
                 {"security_header_type", 0},
                 {"message_type", message_type(m)}};
  j.update(std::visit([](const auto& msg) { return fields(msg); }, m));
  return j;
}

AttachRequest read_attach_request(JsonIn& in) {
  AttachRequest m;
  m.eps_attach_type = static_cast<std::uint8_t>(in.uint("eps_attach_type", 7));
  m.nas_key_set_identifier = read_ksi(in.object("nas_key_set_identifier"));
  m.eps_mobile_identity = read_mobile_identity(in.object("eps_mobile_identity"));
  m.ue_network_capability = read_network_capability(in.object("ue_network_capability"));
  m.esm_message_container = in.hex("esm_message_container", 0, 65535);
  read_optional_request_fields(in, m);
  return m;
}

EmmMessage read_plain(JsonIn& in) {
  if (in.uint("protocol_discriminator", 15) != kEmmProtocolDiscriminator)
    in.fail("protocol_discriminator", "only EMM (7) is supported");
  in.uint("security_header_type", 0);
  in.skip("ignored_ies");
  const auto type = in.uint("message_type", 0xff);
  EmmMessage out;
  switch (type) {
    case 0x41: out = read_attach_request(in); break;
    case 0x48: {
      TrackingAreaUpdateRequest m;
      m.eps_update_type = static_cast<std::uint8_t>(in.uint("eps_update_type", 7));
      m.active_flag = in.boolean("active_flag");
      m.nas_key_set_identifier = read_ksi(in.object("nas_key_set_identifier"));
      m.old_guti = read_guti(in.object("old_guti"));
      if (in.has("non_current_native_nas_key_set_identifier"))
        m.non_current_native_nas_key_set_identifier = read_ksi(in.object("non_current_native_nas_key_set_identifier"));
      if (in.has("gprs_ciphering_key_sequence_number"))
        m.gprs_ciphering_key_sequence_number = static_cast<std::uint8_t>(in.uint("gprs_ciphering_key_sequence_number", 7));
      if (in.has("nonce_ue")) m.nonce_ue = read_nonce(in, "nonce_ue");
      if (in.has("ue_network_capability")) m.ue_network_capability = read_network_capability(in.object("ue_network_capability"));
      read_optional_request_fields(in, m);
      out = m;
      break;
    }
    case 0x52:
      out = AuthenticationRequest{read_ksi(in.object("nas_key_set_identifier_asme")),
                                  fixed<16>(in.hex("authentication_parameter_rand", 16, 16)),
                                  fixed<16>(in.hex("authentication_parameter_autn", 16, 16))};
      break;
    case 0x53: out = AuthenticationResponse{in.hex("authentication_response_parameter", 4, 16)}; break;
    case 0x54: out = AuthenticationReject{}; break;
    case 0x5c: {
      AuthenticationFailure m;
      m.emm_cause = static_cast<std::uint8_t>(in.uint("emm_cause", 0xff));
      if (in.has("authentication_failure_parameter")) m.auts = fixed<14>(in.hex("authentication_failure_parameter", 14, 14));
      out = m;
      break;
    }
    case 0x5d: {
      SecurityModeCommand m;
      m.selected_nas_security_algorithms = read_algorithms(in.object("selected_nas_security_algorithms"));
      m.nas_key_set_identifier = read_ksi(in.object("nas_key_set_identifier"));
      m.replayed_ue_security_capabilities = read_capability(in.object("replayed_ue_security_capabilities"));
      if (in.has("imeisv_request")) m.imeisv_request = static_cast<std::uint8_t>(in.uint("imeisv_request", 7));
      if (in.has("replayed_nonce_ue")) m.replayed_nonce_ue = read_nonce(in, "replayed_nonce_ue");
      if (in.has("nonce_mme")) m.nonce_mme = read_nonce(in, "nonce_mme");
      if (in.has("hash_mme")) m.hash_mme = fixed<8>(in.hex("hash_mme", 8, 8));
      if (in.has("replayed_ue_additional_security_capability"))
        m.replayed_ue_additional_security_capability =
            read_additional_capability(in.object("replayed_ue_additional_security_capability"));
      if (in.has("ue_radio_capability_id_request"))
        m.ue_radio_capability_id_request = in.boolean("ue_radio_capability_id_request");
      out = m;
      break;
    }
    case 0x5e: {
      SecurityModeComplete m;
      if (in.has("imeisv")) m.imeisv = in.string("imeisv");
      if (in.has("replayed_nas_message_container"))
        m.replayed_nas_message_container = in.hex("replayed_nas_message_container", 0, 65535);
      if (in.has("ue_radio_capability_id")) m.ue_radio_capability_id = in.hex("ue_radio_capability_id", 1, 255);
      out = m;
      break;
    }
    case 0x5f: out = SecurityModeReject{static_cast<std::uint8_t>(in.uint("emm_cause", 0xff))}; break;
    default: in.fail("message_type", std::to_string(type) + " is not a message this codec encodes");
  }
  in.done();
  return out;
}

}  // namespace

ordered_json decode_nas_eps_json(spec::ByteView pdu) {
  const auto header = decode_security_header_type(pdu);
  if (!header) throw DecodeFailure{header.error()};
  if (header.value() == SecurityHeaderType::service_request) {
    // TS 24.301 8.2.25: the SERVICE REQUEST is its own header, no message type.
    const auto d = decode_service_request(pdu);
    if (!d) throw DecodeFailure{d.error()};
    const auto& m = d.value();
    return {{"protocol_discriminator", kEmmProtocolDiscriminator},
            {"security_header_type", 12 + m.header_extension},
            {"ksi_and_sequence_number", {{"ksi", m.ksi}, {"sequence_number", m.sequence_number}}},
            {"short_mac", spec::to_hex(m.short_mac)}};
  }
  if (header.value() == SecurityHeaderType::plain) {
    const auto d = decode_emm_message(pdu);
    if (!d) throw DecodeFailure{d.error()};
    auto j = plain_json(d.value());
    if (!d.ignored().empty()) j["ignored_ies"] = ignored_json(d.ignored());
    return j;
  }
  const auto p = decode_security_protected(pdu);
  if (!p) throw DecodeFailure{p.error()};
  const auto& m = p.value();
  ordered_json j{{"protocol_discriminator", kEmmProtocolDiscriminator},
                 {"security_header_type", static_cast<int>(m.type)},
                 {"message_authentication_code", spec::to_hex(m.mac)},
                 {"sequence_number", m.sequence_number}};
  // TS 24.301 9.1: only types 1 and 3 leave the NAS message readable.
  if (m.type == SecurityHeaderType::integrity_protected || m.type == SecurityHeaderType::integrity_protected_new_context) {
    // Offsets count from the first octet of the whole PDU; the NAS message starts at octet 7.
    constexpr std::size_t kNasMessageOffset = 6;
    ordered_json inner;
    try {
      inner = decode_nas_eps_json(m.nas_message);
    } catch (DecodeFailure& f) {
      f.error.offset += kNasMessageOffset;
      throw;
    }
    if (inner.contains("ignored_ies"))
      for (auto& e : inner["ignored_ies"]) e["offset"] = e["offset"].get<std::size_t>() + kNasMessageOffset;
    j["nas_message"] = inner;
  } else {
    j["ciphered_nas_message"] = spec::to_hex(m.nas_message);
  }
  return j;
}

spec::Bytes encode_nas_eps_json(const nlohmann::json& j) {
  JsonIn in(j, "");
  const auto type = in.uint("security_header_type", 15);
  if (type == 0) return encode(read_plain(in));
  if (type >= 12) {
    if (in.uint("protocol_discriminator", 15) != kEmmProtocolDiscriminator)
      in.fail("protocol_discriminator", "only EMM (7) is supported");
    ServiceRequest m;
    m.header_extension = static_cast<std::uint8_t>(type - 12);
    auto k = in.object("ksi_and_sequence_number");
    m.ksi = static_cast<std::uint8_t>(k.uint("ksi", 7));
    m.sequence_number = static_cast<std::uint8_t>(k.uint("sequence_number", 31));
    k.done();
    m.short_mac = fixed<2>(in.hex("short_mac", 2, 2));
    in.done();
    return encode(m);
  }
  if (type > 5) in.fail("security_header_type", std::to_string(type) + ", expected 0..5 or 12..15");
  if (in.uint("protocol_discriminator", 15) != kEmmProtocolDiscriminator)
    in.fail("protocol_discriminator", "only EMM (7) is supported");
  SecurityProtectedMessage m;
  m.type = static_cast<SecurityHeaderType>(type);
  m.mac = fixed<4>(in.hex("message_authentication_code", 4, 4));
  m.sequence_number = static_cast<std::uint8_t>(in.uint("sequence_number", 0xff));
  if (in.has("nas_message")) {
    auto inner = in.object("nas_message");
    m.nas_message = encode(read_plain(inner));
  } else {
    m.nas_message = in.hex("ciphered_nas_message", 1, 65535);
  }
  in.done();
  return encode(m);
}

}  // namespace secmode::cli
