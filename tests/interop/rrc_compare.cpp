#include "tests/interop/rrc_compare.h"

#include <optional>
#include <string>
#include <type_traits>

namespace secmode::test::interop::rrc {
namespace {

using namespace spec::rrc;
using spec::Bytes;

// The IEs of the message (SecurityModeCommand-IEs etc.) below `element`, whose criticalExtensions
// choice is the first alternative.
void nr_ies(Comparison& c, const Node* ies, const std::optional<Bytes>& late, bool nce) {
  if (late)
    bytes(c, ies, "nr-rrc.lateNonCriticalExtension", *late);
  else
    c.field("nr-rrc.lateNonCriticalExtension", kAbsent,
            value_of(child(ies, "nr-rrc.lateNonCriticalExtension")));
  c.field("nr-rrc.nonCriticalExtension_element present", nce ? "yes" : "no",
          child(ies, "nr-rrc.nonCriticalExtension_element") ? "yes" : "no");
}

}  // namespace

void nr_compare(const NrMessage& msg, const Node& layers, Comparison& c) {
  expert_problems(c, layers);
  std::visit(
      [&](const auto& m) {
        using T = std::decay_t<decltype(m)>;
        constexpr bool dl = std::is_same_v<T, nr::SecurityModeCommand>;
        const char* element = dl ? "nr-rrc.securityModeCommand_element"
                              : std::is_same_v<T, nr::SecurityModeComplete>
                                  ? "nr-rrc.securityModeComplete_element"
                                  : "nr-rrc.securityModeFailure_element";
        // DL-DCCH c1: securityModeCommand is alternative 4; UL-DCCH c1: complete 5, failure 6.
        const unsigned c1 = dl ? 4 : std::is_same_v<T, nr::SecurityModeComplete> ? 5 : 6;
        const Node* dcch =
            find(&layers, dl ? "nr-rrc.DL_DCCH_Message_element" : "nr-rrc.UL_DCCH_Message_element");
        c.field(dl ? "DL-DCCH-Message" : "UL-DCCH-Message", "present", dcch ? "present" : kAbsent);
        const Node* tree = child(dcch, "nr-rrc.message_tree");
        number(c, tree, "nr-rrc.c1", c1);
        const Node* top = child(child(tree, "nr-rrc.c1_tree"), element);
        c.field(std::string(element), "present", top ? "present" : kAbsent);
        number(c, top, "nr-rrc.rrc_TransactionIdentifier", m.transaction_id);
        number(c, top, "nr-rrc.criticalExtensions", 0);
        const Node* ies = child(child(top, "nr-rrc.criticalExtensions_tree"), element);
        if constexpr (dl) {
          const Node* algs = child(child(ies, "nr-rrc.securityConfigSMC_element"),
                                   "nr-rrc.securityAlgorithmConfig_element");
          number(c, algs, "nr-rrc.cipheringAlgorithm",
                 static_cast<unsigned>(m.algorithms.ciphering));
          if (m.algorithms.integrity)
            number(c, algs, "nr-rrc.integrityProtAlgorithm",
                   static_cast<unsigned>(*m.algorithms.integrity));
          else
            c.field("nr-rrc.integrityProtAlgorithm", kAbsent,
                    value_of(child(algs, "nr-rrc.integrityProtAlgorithm")));
        }
        nr_ies(c, ies, m.late_non_critical_extension, m.non_critical_extension);
      },
      msg.m);
}

void lte_compare(const LteMessage& msg, const Node& layers, Comparison& c) {
  expert_problems(c, layers);
  std::visit(
      [&](const auto& m) {
        using T = std::decay_t<decltype(m)>;
        constexpr bool dl = std::is_same_v<T, lte::SecurityModeCommand>;
        constexpr bool complete = std::is_same_v<T, lte::SecurityModeComplete>;
        const char* element = dl         ? "lte-rrc.securityModeCommand_element"
                              : complete ? "lte-rrc.securityModeComplete_element"
                                         : "lte-rrc.securityModeFailure_element";
        const char* r8 = dl         ? "lte-rrc.securityModeCommand_r8_element"
                         : complete ? "lte-rrc.securityModeComplete_r8_element"
                                    : "lte-rrc.securityModeFailure_r8_element";
        // DL-DCCH c1: securityModeCommand is alternative 6; UL-DCCH c1: complete 5, failure 6.
        const unsigned c1 = dl ? 6 : complete ? 5 : 6;
        const Node* dcch = find(
            &layers, dl ? "lte-rrc.DL_DCCH_Message_element" : "lte-rrc.UL_DCCH_Message_element");
        c.field(dl ? "DL-DCCH-Message" : "UL-DCCH-Message", "present", dcch ? "present" : kAbsent);
        const Node* tree = child(dcch, dl ? "lte-rrc.dL_DCCH_Message.message_tree"
                                          : "lte-rrc.uL_DCCH_Message.message_tree");
        number(c, tree, "lte-rrc.c1", c1);
        const Node* top = child(child(tree, "lte-rrc.c1_tree"), element);
        c.field(std::string(element), "present", top ? "present" : kAbsent);
        number(c, top, "lte-rrc.rrc_TransactionIdentifier", m.transaction_id);
        // The command's criticalExtensions has a c1 level (c1.securityModeCommand-r8); the
        // responses' have none (securityModeComplete-r8 directly).
        const Node* crit = child(top, "lte-rrc.criticalExtensions_tree");
        const Node* ies = dl ? child(child(crit, "lte-rrc.c1_tree"), r8) : child(crit, r8);
        c.field(std::string(r8), "present", ies ? "present" : kAbsent);
        if constexpr (dl) {
          const Node* algs = child(child(ies, "lte-rrc.securityConfigSMC_element"),
                                   "lte-rrc.securityAlgorithmConfig_element");
          number(c, algs, "lte-rrc.cipheringAlgorithm",
                 static_cast<unsigned>(m.algorithms.ciphering));
          number(c, algs, "lte-rrc.integrityProtAlgorithm",
                 static_cast<unsigned>(m.algorithms.integrity));
        }
        const Node* ext = child(ies, "lte-rrc.nonCriticalExtension_element");
        c.field("v8a0 nonCriticalExtension present", m.non_critical_extension ? "yes" : "no",
                ext ? "yes" : "no");
        if (!m.non_critical_extension || !ext) return;
        const auto& late = m.non_critical_extension->late_non_critical_extension;
        if (late)
          bytes(c, ext, "lte-rrc.lateNonCriticalExtension", *late);
        else
          c.field("lte-rrc.lateNonCriticalExtension", kAbsent,
                  value_of(child(ext, "lte-rrc.lateNonCriticalExtension")));
        c.field("nonCriticalExtension (after v8a0) present",
                m.non_critical_extension->non_critical_extension ? "yes" : "no",
                child(ext, "lte-rrc.nonCriticalExtension_element") ? "yes" : "no");
      },
      msg.m);
}

}  // namespace secmode::test::interop::rrc
