#include "tests/interop/nas_5gs_compare.h"

#include <string>
#include <type_traits>
#include <variant>

#include "tests/interop/nas_5gs_shared.h"
#include "tests/interop/nas_shared.h"

namespace secmode::test::interop::fivegs {
namespace {

using namespace spec::nas5gs;

void compare_command(Comparison& c, const Node* nas, const SecurityModeCommand& m) {
  const Node* algs = ie(c, nas, "NAS security algorithms", true);
  number(c, algs, "nas_5gs.mm.nas_sec_algo_enc", m.selected_nas_security_algorithms.ciphering);
  number(c, algs, "nas_5gs.mm.nas_sec_algo_ip", m.selected_nas_security_algorithms.integrity);
  const Node* ksi = ie(c, nas, "NAS key set identifier - ngKSI", true);
  number(c, ksi, "nas_5gs.mm.tsc", m.ngksi.mapped ? 1 : 0);
  number(c, ksi, "nas_5gs.mm.nas_key_set_id", m.ngksi.ksi);
  five_gs_capabilities(
      c, ie(c, nas, "UE security capability - Replayed UE security capabilities", true),
      m.replayed_ue_security_capabilities);
  if (const Node* n = ie(c, nas, "IMEISV request", m.imeisv_request.has_value()))
    number(c, n, "nas_eps.emm.imeisv_req", *m.imeisv_request);
  const auto& eps_algs = m.selected_eps_nas_security_algorithms;
  if (const Node* n = ie(c, nas, "NAS security algorithms - Selected EPS NAS security algorithms",
                         eps_algs.has_value())) {
    number(c, n, "nas_eps.emm.toc", eps_algs->ciphering);
    number(c, n, "nas_eps.emm.toi", eps_algs->integrity);
  }
  const auto& info = m.additional_5g_security_information;
  if (const Node* n = ie(c, nas, "Additional 5G security information", info.has_value())) {
    number(c, n, "nas_5gs.mm.rinmr", info->retransmission_of_initial_nas_message_requested ? 1 : 0);
    number(c, n, "nas_5gs.mm.hdp", info->horizontal_derivation_required ? 1 : 0);
  }
  if (const Node* n = ie(c, nas, "EAP message", m.eap_message.has_value()))
    eap_message(c, n, *m.eap_message);
  if (const Node* n = ie(c, nas, "ABBA", m.abba.has_value()))
    bytes(c, n, "nas_5gs.mm.abba_contents", *m.abba);
  if (const Node* n = ie(c, nas, "UE security capability - Replayed S1 UE security capabilities",
                         m.replayed_s1_ue_security_capabilities.has_value()))
    eps_capabilities(c, n, *m.replayed_s1_ue_security_capabilities);
  no_other_ies(c, nas,
               {"NAS security algorithms", "NAS key set identifier", "UE security capability",
                "IMEISV request", "Additional 5G security information", "EAP message", "ABBA"});
}

void compare_complete(Comparison& c, const Node* nas, const SecurityModeComplete& m,
                      bool in_protected_pdu) {
  if (const Node* n = ie(c, nas, "5GS mobile identity", m.imeisv.has_value())) {
    number(c, n, "nas_5gs.mm.type_id", 5);  // 9.11.3.4: 101 IMEISV
    text(c, n, "nas_5gs.mm.imeisv", *m.imeisv);
  }
  const auto& container = m.nas_message_container;
  if (const Node* n = ie(c, nas, "NAS message container", container.has_value())) {
    number(c, n, "gsm_a.len", container->size());
    const bool encrypted = in_protected_pdu && child(n, "Encrypted data");
    number(c, child(child(n, "nas-5gs"), "Plain NAS 5GS Message"), "nas_5gs.mm.message_type",
           (*container)[2], encrypted ? "nas-5gs-container-shown-as-encrypted" : nullptr);
  }
  if (const Node* n =
          ie(c, nas, "5GS mobile identity - non-IMEISV PEI", m.non_imeisv_pei.has_value())) {
    std::visit(
        [&](const auto& p) {
          using T = std::decay_t<decltype(p)>;
          if constexpr (std::is_same_v<T, Imei>) {
            number(c, n, "nas_5gs.mm.type_id", 3);  // 011 IMEI
            text(c, n, "nas_5gs.mm.imei", p.digits);
          } else if constexpr (std::is_same_v<T, MacAddress>) {
            number(c, n, "nas_5gs.mm.type_id", 6);  // 110 MAC address
            number(c, n, "nas_5gs.mm.mauri", p.not_usable_as_equipment_identifier ? 1 : 0);
            bytes(c, n, "nas_5gs.mm.mac_addr", p.address);
          } else {
            number(c, n, "nas_5gs.mm.type_id", 7);  // 111 EUI-64
            bytes(c, n, "nas_5gs.mm.eui_64", p.value);
          }
        },
        *m.non_imeisv_pei);
  }
  no_other_ies(c, nas, {"5GS mobile identity", "NAS message container"});
}

}  // namespace

void compare(const Message& m, const Node& layers, Comparison& c) {
  expert_problems(c, layers);
  const Node* layer = child(&layers, "nas-5gs");
  if (!layer) return c.problem("no nas-5gs layer");
  outer_header(c, layer, m.outer);
  // Wireshark shows no field for ciphered octets, only a text item.
  c.field("'Encrypted data' shown", m.plain ? "no" : "yes",
          child(layer, "Encrypted data") ? "yes" : "no");
  const Node* nas = ie(c, layer, "Plain NAS 5GS Message", m.plain.has_value());
  if (!nas) return;
  number(c, nas, "nas_5gs.epd", kFiveGmmEpd);
  number(c, nas, "nas_5gs.security_header_type", 0);
  std::visit(
      [&](const auto& msg) {
        using T = std::decay_t<decltype(msg)>;
        if constexpr (std::is_same_v<T, SecurityModeCommand>) {
          number(c, nas, "nas_5gs.mm.message_type", 0x5d);
          compare_command(c, nas, msg);
        } else if constexpr (std::is_same_v<T, SecurityModeComplete>) {
          number(c, nas, "nas_5gs.mm.message_type", 0x5e);
          compare_complete(c, nas, msg, m.outer.has_value());
        } else {
          number(c, nas, "nas_5gs.mm.message_type", 0x5f);
          number(c, ie(c, nas, "5GMM cause", true), "nas_5gs.mm.5gmm_cause", msg.cause);
          no_other_ies(c, nas, {"5GMM cause"});
        }
      },
      *m.plain);
}

}  // namespace secmode::test::interop::fivegs
