#include "spec/procedures/as_smc_ue.h"

#include "spec/procedures/describe.h"

namespace secmode::spec::as_smc_ue {

namespace {

std::string protection(const Output<Concrete>& o) {
  if (!o.integrity && !o.ciphered) return "unprotected";
  std::string p = o.integrity ? "MAC-I by " + key_name(o.key) + " EIA" + std::to_string(o.eia) : "no MAC-I";
  return o.ciphered ? p + ", ciphered EEA" + std::to_string(o.eea) : p + ", not ciphered";
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
  const std::string rule =
      st.fired == kNoRule ? std::string("no rule") : std::string(mutate(rules<Concrete>(), m, party)[st.fired].name);
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
