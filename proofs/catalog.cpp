#include "proofs/catalog.h"

#include "spec/procedures/eps_nas_smc_mme.h"
#include "spec/procedures/eps_nas_smc_ue.h"

namespace secmode::proofs {
namespace {

using Kind = spec::Mutation::Kind;

void eps_nas_smc_ue(std::vector<Proof>& out) {
  namespace p = spec::eps_nas_smc_ue;
  add_proofs(out, "eps_nas_smc_ue", p::rules<model::Symbolic>(), p::monitors<model::Symbolic>(), p::initial(model::Symbolic{}),
             {
                 {"complete_only_with_unaltered_capabilities", {Kind::drop_rule, "reject_capability_mismatch"}},
                 {"complete_only_after_integrity_check", {Kind::drop_rule, "reject_integrity_failure"}},
                 {"eia0_only_for_emergency", {Kind::drop_rule, "reject_eia0_without_emergency"}},
                 {"capability_mismatch_rejected_with_23", {Kind::force_rule, "reject_integrity_failure"}},
                 {"reject_keeps_context_in_use", {Kind::borrow_next, "reject_nonce_mismatch", "accept"}},
                 {"every_smc_answered", {Kind::drop_rule, "accept"}},
             });
}

void eps_nas_smc_mme(std::vector<Proof>& out) {
  namespace p = spec::eps_nas_smc_mme;
  add_proofs(out, "eps_nas_smc_mme", p::rules<model::Symbolic>(), p::monitors<model::Symbolic>(), p::initial(model::Symbolic{}),
             {
                 {"capabilities_recorded_for_replay", {Kind::drop_rule, "receive_initial_request"}},
                 {"eia0_only_for_emergency", {Kind::force_rule, "start"}},
                 {"at_most_four_retransmissions", {Kind::force_rule, "t3460_retransmit"}},
                 {"abort_on_fifth_expiry", {Kind::drop_rule, "t3460_abort"}},
                 {"context_only_from_verified_complete", {Kind::force_rule, "complete"}},
                 {"reject_keeps_context_in_use", {Kind::borrow_next, "reject", "complete"}},
             });
}

}  // namespace

const std::vector<Proof>& catalog() {
  static const std::vector<Proof> all = [] {
    std::vector<Proof> out;
    eps_nas_smc_ue(out);
    eps_nas_smc_mme(out);
    return out;
  }();
  return all;
}

}  // namespace secmode::proofs
