#include "spec/procedures/concurrent_5g.h"

#include "spec/procedures/describe.h"

namespace secmode::spec::concurrent_5g {

namespace {

std::string kgnb(const KgNb<Concrete>& k) {
  return "K_gNB(" + key_name(k.base) + ", #" + std::to_string(k.n) + ")";
}

}  // namespace

std::string describe(const State<Concrete>& s, const Event<Concrete>& e,
                     const Step<Concrete, State<Concrete>, Output<Concrete>>& st, const Mutation* m,
                     std::string_view party) {
  const std::string rule = fired_rule_name(rules<Concrete>(), st.fired, m, party);
  const auto& n = st.state;
  std::string what;
  switch (e.kind) {
    case kAuthentication: what = "AMF+UE: primary authentication, new " + key_name(e.key); break;
    case kStartSmc: what = "AMF: SECURITY MODE COMMAND to take " + key_name(s.fresh) + " into use"; break;
    case kUeSmc: what = "AMF -> UE: SECURITY MODE COMMAND, UE now uses " + key_name(n.ue_kamf); break;
    case kAmfComplete: what = "UE -> AMF: SECURITY MODE COMPLETE, AMF now uses " + key_name(n.amf_kamf); break;
    case kStartN2: what = "AMF -> gNB: UE CONTEXT MODIFICATION with " + kgnb(n.n2_key); break;
    case kGnbN2: what = "gNB takes " + kgnb(n.gnb) + ", RRC reconfiguration with key change to UE"; break;
    case kUeKeyChange: what = "gNB -> UE: key change, UE derives " + kgnb(n.ue); break;
    case kAmfN2Done: what = "gNB -> AMF: UE CONTEXT MODIFICATION RESPONSE"; break;
    case kHandoverRequired:
      what = "gNB -> AMF: HANDOVER REQUIRED; target gNB gets " + kgnb(n.gnb) + " from " + key_name(s.amf_kamf);
      break;
    case kUeHandover: what = "gNB -> UE: handover command, UE derives " + kgnb(n.ue); break;
    case kHandoverDone: what = "UE at target: handover complete"; break;
    default: what = "event " + std::to_string(e.kind);
  }
  if (st.output.action == kWaits) what += " -> AMF waits";
  else if (st.fired == kNoRule) what += " -> nothing (not applicable)";
  return what + " [" + rule + "]";
}

}  // namespace secmode::spec::concurrent_5g
