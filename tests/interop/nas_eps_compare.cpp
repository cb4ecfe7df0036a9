#include "tests/interop/nas_eps_compare.h"

#include <string>
#include <type_traits>
#include <variant>

#include "tests/interop/nas_shared.h"
#include "tests/interop/ue_radio_capability_id.h"

namespace secmode::test::interop::eps {
namespace {

using namespace spec::nas;

void compare_command(Comparison& c, const Node* nas, const SecurityModeCommand& m) {
  const Node* algs = ie(c, nas, "NAS security algorithms - Selected NAS security algorithms", true);
  number(c, algs, "nas_eps.emm.toc", m.selected_nas_security_algorithms.ciphering);
  number(c, algs, "nas_eps.emm.toi", m.selected_nas_security_algorithms.integrity);
  number(c, nas, "nas_eps.emm.tsc", m.nas_key_set_identifier.mapped ? 1 : 0);
  number(c, nas, "nas_eps.emm.nas_key_set_id", m.nas_key_set_identifier.ksi);
  eps_capabilities(c,
                   ie(c, nas, "UE security capability - Replayed UE security capabilities", true),
                   m.replayed_ue_security_capabilities);
  if (const Node* n = ie(c, nas, "IMEISV request", m.imeisv_request.has_value()))
    number(c, n, "nas_eps.emm.imeisv_req", *m.imeisv_request);
  if (const Node* n = ie(c, nas, "Nonce - Replayed NonceUE", m.replayed_nonce_ue.has_value()))
    number(c, n, "nas_eps.emm.nonce", *m.replayed_nonce_ue);
  if (const Node* n = ie(c, nas, "Nonce - NonceMME", m.nonce_mme.has_value()))
    number(c, n, "nas_eps.emm.nonce", *m.nonce_mme);
  if (const Node* n = ie(c, nas, "HashMME", m.hash_mme.has_value()))
    bytes(c, n, "nas_eps.emm.hash_mme", *m.hash_mme);
  const auto& additional = m.replayed_ue_additional_security_capability;
  if (const Node* n = ie(c, nas,
                         "UE additional security capability - Replayed UE additional security "
                         "capability",
                         additional.has_value()))
    eps_additional_capabilities(c, n, *additional);
  if (const Node* n = ie(c, nas, "UE radio capability ID request",
                         m.ue_radio_capability_id_request.has_value()))
    number(c, n, "nas_eps.emm.ue_radio_cap_id_request", *m.ue_radio_capability_id_request ? 1 : 0);
  no_other_ies(c, nas,
               {"NAS security algorithms", "UE security capability", "IMEISV request", "Nonce",
                "HashMME", "UE additional security capability", "UE radio capability ID request"});
}

void compare_complete(Comparison& c, const Node* nas, const SecurityModeComplete& m) {
  const Node* id = child_with_prefix(nas, "Mobile identity");
  c.field("IE 'Mobile identity - IMEISV' present", m.imeisv ? "yes" : "no", id ? "yes" : "no");
  if (id && m.imeisv) {
    number(c, id, "gsm_a.ie.mobileid.type", 3);  // TS 24.008 10.5.1.4: 011 IMEISV
    text(c, id, "gsm_a.imeisv", *m.imeisv);
  }
  const auto& container = m.replayed_nas_message_container;
  if (const Node* n = ie(c, nas, "Replayed NAS message container", container.has_value())) {
    bytes(c, n, "nas_eps.emm.replayed_nas_msg_cont", *container);
    number(c, child(n, "nas_eps.emm.replayed_nas_msg_cont_tree"), "nas_eps.nas_msg_emm_type",
           (*container)[1]);
  }
  if (const Node* n = ie(c, nas, "UE radio capability ID", m.ue_radio_capability_id.has_value()))
    radio_capability_id(c, n, *m.ue_radio_capability_id);
  no_other_ies(c, nas,
               {"Mobile identity", "Replayed NAS message container", "UE radio capability ID"});
}

// Wireshark 4.0's guess that a ciphered NAS message is plain (see known_disagreements.cpp).
bool wireshark_reads_as_plain(const Message& m) {
  if (m.plain) return false;
  const std::uint8_t first = m.outer->nas_message[0];
  return m.pdu.size() < 8 || first == 0x07 || first == 0x0f || (first & 0x0f) == 2;
}

}  // namespace

void compare(const Message& m, const Node& layers, Comparison& c) {
  const Node* nas = child(&layers, "nas-eps");
  if (!nas) return c.problem("no nas-eps layer");
  if (wireshark_reads_as_plain(m)) {
    // Only the header is common ground; what Wireshark makes of the ciphered octets is not.
    number(c, nas, "nas_eps.security_header_type", static_cast<unsigned>(m.outer->type));
    number(c, nas, "nas_eps.msg_auth_code", mac_value(m.outer->mac));
    number(c, nas, "nas_eps.seq_no", m.outer->sequence_number);
    bytes(c, nas, "nas_eps.ciphered_msg", m.outer->nas_message, "nas-eps-ciphered-read-as-plain");
    return;
  }
  expert_problems(c, layers);
  // Every security header type Wireshark shows, outer first: the inner plain message has its own
  // (0) when it is readable.
  std::string spec_types, ws_types;
  if (m.outer) spec_types = std::to_string(static_cast<unsigned>(m.outer->type)) + " ";
  if (m.plain) spec_types += "0 ";
  for (const Node* t : children(nas, "nas_eps.security_header_type")) ws_types += t->value + " ";
  c.field("nas_eps.security_header_type", spec_types, ws_types);
  if (m.outer) {
    number(c, nas, "nas_eps.msg_auth_code", mac_value(m.outer->mac));
    number(c, nas, "nas_eps.seq_no", m.outer->sequence_number);
  }
  if (!m.plain) return bytes(c, nas, "nas_eps.ciphered_msg", m.outer->nas_message);
  std::visit(
      [&](const auto& msg) {
        using T = std::decay_t<decltype(msg)>;
        if constexpr (std::is_same_v<T, SecurityModeCommand>) {
          number(c, nas, "nas_eps.nas_msg_emm_type", 0x5d);
          compare_command(c, nas, msg);
        } else if constexpr (std::is_same_v<T, SecurityModeComplete>) {
          number(c, nas, "nas_eps.nas_msg_emm_type", 0x5e);
          compare_complete(c, nas, msg);
        } else {
          number(c, nas, "nas_eps.nas_msg_emm_type", 0x5f);
          number(c, ie(c, nas, "EMM cause", true), "nas_eps.emm.cause", msg.emm_cause);
          no_other_ies(c, nas, {"EMM cause"});
        }
      },
      *m.plain);
}

}  // namespace secmode::test::interop::eps
