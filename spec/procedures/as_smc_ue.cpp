#include "spec/procedures/as_smc_ue.h"

#include "spec/procedures/describe.h"

namespace secmode::spec::as_smc_ue {

namespace {

std::string protection(const Output<Concrete>& o) {
  return as_protection(o.integrity, o.ciphered, o.key, o.eea, o.eia);
}

std::string sent(const Output<Concrete>& o) {
  switch (o.message) {
    case kComplete: return "UE -> RAN: SecurityModeComplete (" + protection(o) + ")";
    case kFailure: return "UE -> RAN: SecurityModeFailure (" + protection(o) + ")";
    case kUplink: return "UE -> RAN: uplink message (" + protection(o) + ")";
    default: return "nothing sent";
  }
}

}  // namespace

std::string describe(const State<Concrete>&, const Event<Concrete>& e,
                     const Step<Concrete, State<Concrete>, Output<Concrete>>& st, const Mutation* m,
                     std::string_view party) {
  const std::string rule = fired_rule_name(rules<Concrete>(), st.fired, m, party);
  std::string what;
  switch (e.kind) {
    case kConnect: what = "UE: RRC connection established, K_eNB/K_gNB " + key_name(e.key); break;
    case kSmc:
      what = "RAN -> UE: SecurityModeCommand " + algorithms("EEA", e.eea, "EIA", e.eia) + " MAC-I by " +
             key_name(e.key);
      break;
    case kSendUplink: what = "UE: uplink message to send"; break;
    case kRelease: what = "UE: leaves RRC_CONNECTED"; break;
    default: what = "event " + std::to_string(e.kind);
  }
  return what + " -> " + sent(st.output) + " [" + rule + "]";
}

}  // namespace secmode::spec::as_smc_ue
