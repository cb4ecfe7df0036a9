#include "spec/procedures/eps_nas_smc_mme.h"

#include "spec/procedures/describe.h"

namespace secmode::spec::eps_nas_smc_mme {

namespace {

std::string action(const Output<Concrete>& o) {
  switch (o.action) {
    case kSendSmc:
      return "SECURITY MODE COMMAND eKSI " + std::to_string(o.ksi) + " " + algorithms("EEA", o.eea, "EIA", o.eia) +
             " caps " + hex_word(o.replayed_caps) + " MAC by " + key_name(o.key) + " DL COUNT " +
             std::to_string(o.count);
    case kAbort:
      return "procedure aborted";
    default:
      return "nothing sent";
  }
}

}  // namespace

std::string describe(const State<Concrete>&, const Event<Concrete>& e,
                     const Step<Concrete, State<Concrete>, Output<Concrete>>& st, const Mutation* m,
                     std::string_view party) {
  const std::string rule = fired_rule_name(rules<Concrete>(), st.fired, m, party);
  std::string what;
  switch (e.kind) {
    case kAka: what = "EPS AKA, new " + key_name(e.key) + " as eKSI " + std::to_string(e.ksi); break;
    case kReceiveInitial: what = "ATTACH/TAU REQUEST received, caps " + hex_word(e.caps); break;
    case kStart: what = "start SMC eKSI " + std::to_string(e.ksi) + " " + algorithms("EEA", e.eea, "EIA", e.eia); break;
    case kT3460Expiry: what = "T3460 expiry"; break;
    case kComplete:
      what = "SECURITY MODE COMPLETE received (" + key_name(e.key) + " " + algorithms("EEA", e.eea, "EIA", e.eia) +
             ", UL COUNT " + std::to_string(e.count) + ")";
      break;
    case kReject: what = "SECURITY MODE REJECT received"; break;
    default: what = "event " + std::to_string(e.kind);
  }
  return "MME: " + what + " -> " + action(st.output) + " [" + rule + "]";
}

}  // namespace secmode::spec::eps_nas_smc_mme
