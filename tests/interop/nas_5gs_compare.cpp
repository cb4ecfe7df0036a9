#include "tests/interop/nas_5gs_compare.h"

#include <array>
#include <string>
#include <type_traits>
#include <variant>

#include "tests/interop/nas_shared.h"

namespace secmode::test::interop::fivegs {
namespace {

using namespace spec::nas5gs;

// TS 24.501 9.11.3.54 octets 3..6.
constexpr std::array<const char*, 8> k5gEa = {
    "nas_5gs.mm.5g_ea0", "nas_5gs.mm.128_5g_ea1", "nas_5gs.mm.128_5g_ea2", "nas_5gs.mm.128_5g_ea3",
    "nas_5gs.mm.5g_ea4", "nas_5gs.mm.5g_ea5",     "nas_5gs.mm.5g_ea6",     "nas_5gs.mm.5g_ea7"};
constexpr std::array<const char*, 8> k5gIa = {"nas_5gs.mm.ia0",        "nas_5gs.mm.5g_128_ia1",
                                              "nas_5gs.mm.5g_128_ia2", "nas_5gs.mm.5g_128_ia3",
                                              "nas_5gs.mm.5g_128_ia4", "nas_5gs.mm.5g_ia5",
                                              "nas_5gs.mm.5g_ia6",     "nas_5gs.mm.5g_ia7"};
constexpr std::array<const char*, 8> k5gEea = {
    "nas_5gs.mm.eea0", "nas_5gs.mm.128eea1", "nas_5gs.mm.128eea2", "nas_5gs.mm.eea3",
    "nas_5gs.mm.eea4", "nas_5gs.mm.eea5",    "nas_5gs.mm.eea6",    "nas_5gs.mm.eea7"};
constexpr std::array<const char*, 8> k5gEia = {
    "nas_5gs.mm.eia0", "nas_5gs.mm.128eia1", "nas_5gs.mm.128eia2", "nas_5gs.mm.eia3",
    "nas_5gs.mm.eia4", "nas_5gs.mm.eia5",    "nas_5gs.mm.eia6",    "nas_5gs.mm.eia7"};

void compare_capabilities(Comparison& c, const Node* caps, const UeSecurityCapability& u) {
  if (!caps) return;
  number(c, caps, "gsm_a.len", 2 + (u.eea ? 2 : 0) + u.octets_7_to_10.size());
  bitmap(c, caps, k5gEa, u.ea);
  bitmap(c, caps, k5gIa, u.ia);
  if (u.eea) {
    bitmap(c, caps, k5gEea, *u.eea);
    bitmap(c, caps, k5gEia, *u.eia);
  } else {
    absent(c, caps, k5gEea);
    absent(c, caps, k5gEia);
  }
}

void compare_command(Comparison& c, const Node* nas, const SecurityModeCommand& m) {
  const Node* algs = ie(c, nas, "NAS security algorithms", true);
  number(c, algs, "nas_5gs.mm.nas_sec_algo_enc", m.selected_nas_security_algorithms.ciphering);
  number(c, algs, "nas_5gs.mm.nas_sec_algo_ip", m.selected_nas_security_algorithms.integrity);
  const Node* ksi = ie(c, nas, "NAS key set identifier - ngKSI", true);
  number(c, ksi, "nas_5gs.mm.tsc", m.ngksi.mapped ? 1 : 0);
  number(c, ksi, "nas_5gs.mm.nas_key_set_id", m.ngksi.ksi);
  compare_capabilities(
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
  if (const Node* n = ie(c, nas, "EAP message", m.eap_message.has_value())) {
    const Node* eap = child(n, "eap");
    number(c, eap, "eap.code", (*m.eap_message)[0]);
    number(c, eap, "eap.id", (*m.eap_message)[1]);
    number(c, eap, "eap.len", m.eap_message->size());
  }
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
  if (m.outer) {
    const Node* sec = ie(c, layer, "Security protected NAS 5GS message", true);
    number(c, sec, "nas_5gs.epd", kFiveGmmEpd);
    number(c, sec, "nas_5gs.security_header_type", static_cast<unsigned>(m.outer->type));
    number(c, sec, "nas_5gs.msg_auth_code", mac_value(m.outer->mac));
    number(c, sec, "nas_5gs.seq_no", m.outer->sequence_number);
  }
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
