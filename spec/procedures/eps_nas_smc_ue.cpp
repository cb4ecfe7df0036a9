#include "spec/procedures/eps_nas_smc_ue.h"

#include "spec/procedures/describe.h"

namespace secmode::spec::eps_nas_smc_ue {

namespace {

std::string response(const Output<Concrete>& o) {
  if (o.response == kNone) return "no answer";
  std::string r = o.response == kComplete ? "SECURITY MODE COMPLETE" : "SECURITY MODE REJECT #" + std::to_string(o.cause);
  if (o.key == kNoKey) return r + " (unprotected)";
  return r + " (" + key_name(o.key) + ", UL COUNT " + std::to_string(o.count) + (o.ciphered ? ", ciphered)" : ")");
}

}  // namespace

std::string describe(const State<Concrete>&, const Event<Concrete>& e,
                     const Step<Concrete, State<Concrete>, Output<Concrete>>& st, const Mutation* m,
                     std::string_view party) {
  const std::string rule = fired_rule_name(rules<Concrete>(), st.fired, m, party);
  switch (e.kind) {
    case kAka:
      return "UE: EPS AKA, new " + key_name(e.key) + " as eKSI " + std::to_string(e.ksi) + " [" + rule + "]";
    case kSendInitial:
      return "UE -> MME: ATTACH/TAU REQUEST caps " + hex_word(e.caps) + (e.emergency ? " (emergency)" : "") + " [" +
             rule + "]";
    case kSmc:
      return "MME -> UE: SECURITY MODE COMMAND eKSI " + std::to_string(e.ksi) + " " +
             algorithms("EEA", e.eea, "EIA", e.eia) + " caps " + hex_word(e.caps) + " MAC by " + key_name(e.key) +
             " DL COUNT " + std::to_string(e.count) + "; UE: " + response(st.output) + " [" + rule + "]";
    default:
      return "UE: event " + std::to_string(e.kind) + " [" + rule + "]";
  }
}

}  // namespace secmode::spec::eps_nas_smc_ue
