#include "tests/interop/nas_eps_emm_compare.h"

#include <string>
#include <type_traits>

#include "tests/interop/nas_shared.h"

namespace secmode::test::interop::eps {
namespace {

using namespace spec::nas;

// TS 24.301 9.9.3.21 in octet 3 of the message (or of its own IE): TSC and key set identifier.
void key_set(Comparison& c, const Node* scope, const NasKeySetIdentifier& k) {
  number(c, scope, "nas_eps.emm.tsc", k.mapped ? 1 : 0);
  number(c, scope, "nas_eps.emm.nas_key_set_id", k.ksi);
}

// 9.9.3.12, type of identity 110. Wireshark shows MCC and MNC as numbers, so a 2-digit MNC "05" is
// 5 there.
void guti(Comparison& c, const Node* id, const Guti& g) {
  if (!id) return;
  number(c, id, "gsm_a.len", 11);
  number(c, id, "nas_eps.emm.type_of_id", 6);
  number(c, id, "nas_eps.emm.odd_even", 0);
  number(c, id, "e212.gummei.mcc", std::stoul(g.mcc));
  number(c, id, "e212.gummei.mnc", std::stoul(g.mnc));
  number(c, id, "nas_eps.emm.mme_grp_id", g.mme_group_id);
  number(c, id, "nas_eps.emm.mme_code", g.mme_code);
  number(c, id, "nas_eps.emm.m_tmsi", g.m_tmsi);
}

// 9.9.3.12: IMSI (001) and IMEI (011) as BCD digits with the odd/even indicator, or a GUTI.
void mobile_identity(Comparison& c, const Node* id, const EpsMobileIdentity& identity) {
  if (!id) return;
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, Guti>) {
          guti(c, id, v);
        } else {
          const bool imsi = std::is_same_v<T, Imsi>;
          number(c, id, "gsm_a.len", (v.digits.size() + 2) / 2);
          number(c, id, "nas_eps.emm.type_of_id", imsi ? 1 : 3);
          number(c, id, "nas_eps.emm.odd_even", v.digits.size() % 2);
          text(c, id, imsi ? "e212.imsi" : "nas_eps.emm.imei", v.digits);
        }
      },
      identity);
}

// The IEs that ATTACH REQUEST (table 8.2.4.1) and TRACKING AREA UPDATE REQUEST (8.2.29.1) share.
template <typename Request>
void common_optional_ies(Comparison& c, const Node* nas, const Request& m) {
  if (const Node* n =
          ie(c, nas, "EPS mobile identity - Additional GUTI", m.additional_guti.has_value()))
    guti(c, n, *m.additional_guti);
  // TS 24.008 10.5.5.12, not interpreted by the spec twin: only its length is common ground.
  if (const Node* n = ie(c, nas, "MS Network Capability", m.ms_network_capability.has_value()))
    number(c, n, "gsm_a.len", m.ms_network_capability->size());
  // TS 24.008 10.5.5.4: bit 1 is the TMSI flag, 1 "valid TMSI available".
  if (const Node* n = ie(c, nas, "TMSI Status", m.tmsi_status.has_value()))
    number(c, n, "gsm_a.gm.gmm.tmsi_flag", *m.tmsi_status ? 1 : 0);
  // 9.9.3.45: 0 native GUTI, 1 mapped GUTI.
  if (const Node* n = ie(c, nas, "GUTI type - Old GUTI type", m.old_guti_type_mapped.has_value()))
    number(c, n, "nas_eps.emm.guti_type", *m.old_guti_type_mapped ? 1 : 0);
  const auto& additional = m.ue_additional_security_capability;
  if (const Node* n = ie(c, nas, "UE additional security capability", additional.has_value()))
    eps_additional_capabilities(c, n, *additional);
}

// TS 24.301 8.2.4.
void compare_attach(Comparison& c, const Node* nas, const AttachRequest& m) {
  key_set(c, nas, m.nas_key_set_identifier);
  number(c, nas, "nas_eps.emm.eps_att_type", m.eps_attach_type);
  mobile_identity(c, ie(c, nas, "EPS mobile identity", true), m.eps_mobile_identity);
  eps_network_capability(c, ie(c, nas, "UE network capability", true), m.ue_network_capability);
  if (const Node* n = ie(c, nas, "ESM message container", true)) {
    bytes(c, n, "nas_eps.emm.esm_msg_cont", m.esm_message_container);
    const Node* esm = child(n, "nas_eps.emm.esm_msg_cont_tree");
    number(c, esm, "nas_eps.esm.proc_trans_id", m.esm_message_container[1]);
    number(c, esm, "nas_eps.nas_msg_esm_type", m.esm_message_container[2]);
  }
  common_optional_ies(c, nas, m);
  no_other_ies(
      c, nas,
      {"EPS mobile identity", "UE network capability", "ESM message container",
       "MS Network Capability", "TMSI Status", "GUTI type", "UE additional security capability"});
}

// TS 24.301 8.2.29.
void compare_tracking_area_update(Comparison& c, const Node* nas,
                                  const TrackingAreaUpdateRequest& m) {
  key_set(c, nas, m.nas_key_set_identifier);
  number(c, nas, "nas_eps.emm.active_flg", m.active_flag ? 1 : 0);
  number(c, nas, "nas_eps.emm.update_type_value", m.eps_update_type);
  guti(c, ie(c, nas, "EPS mobile identity - Old GUTI", true), m.old_guti);
  const auto& non_current = m.non_current_native_nas_key_set_identifier;
  if (const Node* n =
          ie(c, nas, "NAS key set identifier - Non-current native NAS key set identifier",
             non_current.has_value()))
    key_set(c, n, *non_current);
  const auto& cksn = m.gprs_ciphering_key_sequence_number;
  if (const Node* n =
          ie(c, nas, "Ciphering Key Sequence Number - GPRS ciphering key sequence number",
             cksn.has_value()))
    number(c, n, "gsm_a.key_seq", *cksn);
  if (const Node* n = ie(c, nas, "Nonce - NonceUE", m.nonce_ue.has_value()))
    number(c, n, "nas_eps.emm.nonce", *m.nonce_ue);
  if (const Node* n = ie(c, nas, "UE network capability", m.ue_network_capability.has_value()))
    eps_network_capability(c, n, *m.ue_network_capability);
  common_optional_ies(c, nas, m);
  no_other_ies(c, nas,
               {"EPS mobile identity", "NAS key set identifier", "Ciphering Key Sequence Number",
                "Nonce - NonceUE", "UE network capability", "MS Network Capability", "TMSI Status",
                "GUTI type", "UE additional security capability"});
}

// TS 24.301 8.2.7; RAND and AUTN are TS 24.008 10.5.3.1 and 10.5.3.1.1.
void compare_authentication_request(Comparison& c, const Node* nas,
                                    const AuthenticationRequest& m) {
  key_set(c, nas, m.nas_key_set_identifier_asme);
  bytes(c, ie(c, nas, "Authentication Parameter RAND - EPS challenge", true), "gsm_a.dtap.rand",
        m.rand);
  autn(c,
       ie(c, nas,
          "Authentication Parameter AUTN (UMTS and EPS authentication challenge) - EPS challenge",
          true),
       m.autn);
  no_other_ies(c, nas, {"Authentication Parameter RAND", "Authentication Parameter AUTN"});
}

// TS 24.301 8.2.5; AUTS is TS 24.008 10.5.3.2.2 (SQN_MS xor AK, MAC-S).
void compare_authentication_failure(Comparison& c, const Node* nas,
                                    const AuthenticationFailure& m) {
  number(c, ie(c, nas, "EMM cause", true), "nas_eps.emm.cause", m.emm_cause);
  const char* label =
      "Authentication Failure Parameter (UMTS and EPS "
      "authentication challenge)";
  if (const Node* n = ie(c, nas, label, m.auts.has_value())) auts(c, n, *m.auts);
  no_other_ies(c, nas, {"EMM cause", "Authentication Failure Parameter"});
}

// TS 24.301 8.2.25: no message type; KSI and sequence number (9.9.3.19), short MAC (9.9.3.28).
void compare_service_request(Comparison& c, const Node* nas, const ServiceRequest& m) {
  c.field("nas_eps.nas_msg_emm_type", kAbsent, value_of(child(nas, "nas_eps.nas_msg_emm_type")));
  const Node* ksi = ie(c, nas, "KSI and sequence number", true);
  number(c, ksi, "nas_eps.emm.nas_key_set_id", m.ksi);
  number(c, ksi, "nas_eps.seq_no_short", m.sequence_number);
  number(c, ie(c, nas, "Short MAC - Message authentication code (short)", true),
         "nas_eps.emm.short_mac", static_cast<unsigned>(m.short_mac[0] << 8 | m.short_mac[1]));
  no_other_ies(c, nas, {"KSI and sequence number", "Short MAC"});
}

}  // namespace

void compare(const MobilityPdu& m, const Node& layers, Comparison& c) {
  expert_problems(c, layers);
  const Node* nas = child(&layers, "nas-eps");
  if (!nas) return c.problem("no nas-eps layer");
  // Every security header type Wireshark shows, outer first (table 9.3.1): the SERVICE REQUEST has
  // 1100 plus its extension bits (8.2.25), a plain message 0.
  std::string spec_types, ws_types;
  if (m.outer) {
    spec_types = std::to_string(static_cast<unsigned>(m.outer->type)) + " ";
    number(c, nas, "nas_eps.msg_auth_code", mac_value(m.outer->mac));
    number(c, nas, "nas_eps.seq_no", m.outer->sequence_number);
  }
  if (const auto* s = std::get_if<ServiceRequest>(&m.plain))
    spec_types += std::to_string(12 + s->header_extension) + " ";
  else
    spec_types += "0 ";
  for (const Node* t : children(nas, "nas_eps.security_header_type")) ws_types += t->value + " ";
  c.field("nas_eps.security_header_type", spec_types, ws_types);
  std::visit(
      [&](const auto& msg) {
        using T = std::decay_t<decltype(msg)>;
        if constexpr (std::is_same_v<T, AttachRequest>) {
          number(c, nas, "nas_eps.nas_msg_emm_type", 0x41);  // table 9.8.1
          compare_attach(c, nas, msg);
        } else if constexpr (std::is_same_v<T, TrackingAreaUpdateRequest>) {
          number(c, nas, "nas_eps.nas_msg_emm_type", 0x48);
          compare_tracking_area_update(c, nas, msg);
        } else if constexpr (std::is_same_v<T, AuthenticationRequest>) {
          number(c, nas, "nas_eps.nas_msg_emm_type", 0x52);
          compare_authentication_request(c, nas, msg);
        } else if constexpr (std::is_same_v<T, AuthenticationResponse>) {
          number(c, nas, "nas_eps.nas_msg_emm_type", 0x53);
          // 9.9.3.4: RES, 4..16 octets.
          const Node* res = ie(c, nas, "Authentication response parameter", true);
          number(c, res, "gsm_a.len", msg.res.size());
          bytes(c, res, "nas_eps.emm.res", msg.res);
          no_other_ies(c, nas, {"Authentication response parameter"});
        } else if constexpr (std::is_same_v<T, AuthenticationFailure>) {
          number(c, nas, "nas_eps.nas_msg_emm_type", 0x5c);
          compare_authentication_failure(c, nas, msg);
        } else if constexpr (std::is_same_v<T, AuthenticationReject>) {
          number(c, nas, "nas_eps.nas_msg_emm_type", 0x54);
          no_other_ies(c, nas, {});
        } else {
          compare_service_request(c, nas, msg);
        }
      },
      m.plain);
}

}  // namespace secmode::test::interop::eps
