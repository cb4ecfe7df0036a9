#include "spec/procedures/ims_sa_ue.h"

#include "spec/procedures/describe.h"

namespace secmode::spec::ims_sa_ue {

namespace {

std::string set_name(std::uint32_t sa) { return sa == kNoSa ? "no SA" : "SA" + std::to_string(sa); }

std::string list(std::uint32_t first, std::uint32_t second) {
  return "[alg " + std::to_string(first) + ", alg " + std::to_string(second) + "]";
}

std::string sent(const Output<Concrete>& o) {
  if (o.message != kRegister) return o.deleted == kNoSa ? "nothing sent" : "deletes " + set_name(o.deleted);
  static const char* const answers[] = {"", ", response=RES", ", response=\"\"", ", auts"};
  std::string r = "UE -> P-CSCF: REGISTER over " + set_name(o.protected_by) + ", Security-Client " +
                  set_name(o.client_spi) + (o.answer < 4 ? answers[o.answer] : "");
  if (o.verify) r += ", Security-Verify " + list(o.verify_first, o.verify_second);
  if (o.deleted != kNoSa) r += "; deletes " + set_name(o.deleted);
  return r;
}

}  // namespace

std::string describe(const State<Concrete>&, const Event<Concrete>& e,
                     const Step<Concrete, State<Concrete>, Output<Concrete>>& st, const Mutation* m,
                     std::string_view party) {
  const std::string rule = fired_rule_name(rules<Concrete>(), st.fired, m, party);
  std::string what;
  switch (e.kind) {
    case kSendRegister:
      what = "UE: (re-)register, offers algorithms mask " + std::to_string(e.offered) + ", new " + set_name(e.spi);
      break;
    case kChallenge:
      what = "P-CSCF -> UE over " + set_name(e.sa) + ": 401" + (e.mac_ok ? "" : " (bad MAC)") +
             (e.sqn_ok ? "" : " (SQN out of range)") +
             (e.server_present ? " Security-Server " + list(e.server_first, e.server_second) : " no Security-Server");
      if (!e.mac_ok || !e.sqn_ok || !e.server_present) what += ", next proposal " + set_name(e.spi);
      break;
    case kOk: what = "P-CSCF -> UE over " + set_name(e.sa) + ": 200 OK"; break;
    case kProtectedByNew: what = "P-CSCF -> UE: a message over " + set_name(e.sa); break;
    case kOldExpiry: what = "UE: old set's lifetime expires"; break;
    case kTempExpiry: what = "UE: reg-await-auth expires (temporary set)"; break;
    case kSaExpiry: what = "UE: established set's lifetime expires"; break;
    default: what = "event " + std::to_string(e.kind);
  }
  return what + " -> " + sent(st.output) + " [" + rule + "]";
}

}  // namespace secmode::spec::ims_sa_ue
