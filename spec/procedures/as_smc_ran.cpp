#include "spec/procedures/as_smc_ran.h"

#include "spec/procedures/describe.h"

namespace secmode::spec::as_smc_ran {

namespace {

std::string protection(const Output<Concrete>& o) {
  return as_protection(o.integrity, o.ciphered, o.key, o.eea, o.eia);
}

std::string sent(const Output<Concrete>& o) {
  switch (o.message) {
    case kSmc:
      return "RAN -> UE: SecurityModeCommand " + algorithms("EEA", o.eea, "EIA", o.eia) + " (" + protection(o) + ")";
    case kReconfiguration: return "RAN -> UE: RRC reconfiguration adding SRB2/DRBs (" + protection(o) + ")";
    case kDownlink: return "RAN -> UE: downlink message (" + protection(o) + ")";
    case kReleased: return "connection released";
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
    case kConnect: what = "RAN: RRC connection established"; break;
    case kContextSetup:
      what = "CN -> RAN: Initial Context Setup, K_eNB/K_gNB " + key_name(e.key) + " caps " + hex_word(e.caps);
      break;
    case kStartSmc: what = "RAN: start SMC " + algorithms("EEA", e.eea, "EIA", e.eia); break;
    case kComplete:
      what = "UE -> RAN: SecurityModeComplete (MAC-I by " + key_name(e.key) + " EIA" + std::to_string(e.eia) +
             (e.ciphered ? ", ciphered)" : ")");
      break;
    case kFailure: what = "UE -> RAN: SecurityModeFailure"; break;
    case kEstablishBearers: what = "RAN: set up SRB2/DRBs"; break;
    case kSendDownlink: what = "RAN: downlink message to send"; break;
    case kRelease: what = "RAN: release the connection"; break;
    default: what = "event " + std::to_string(e.kind);
  }
  return what + " -> " + sent(st.output) + " [" + rule + "]";
}

}  // namespace secmode::spec::as_smc_ran
