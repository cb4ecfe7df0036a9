#include "spec/procedures/nas_smc_network.h"

#include "spec/procedures/describe.h"

namespace secmode::spec::nas_smc_network {

namespace {

template <class Rat>
std::string action(const Output<Concrete>& o) {
  switch (o.action) {
    case kSendSmc:
      return std::string("SECURITY MODE COMMAND ") + Rat::ksi + " " + std::to_string(o.ksi) + " " +
             algorithms(Rat::ciphering, o.eea, Rat::integrity, o.eia) + " caps " + hex_word(o.replayed_caps) +
             (o.horizontal ? " K_AMF_change_flag" : "") + (o.rinmr ? " RINMR" : "") + " MAC by " + key_name(o.key) +
             " DL COUNT " + std::to_string(o.count);
    case kAbort:
      return "procedure aborted";
    default:
      return "nothing sent";
  }
}

}  // namespace

template <class Rat>
std::string describe(const State<Concrete>&, const Event<Concrete>& e,
                     const Step<Concrete, State<Concrete>, Output<Concrete>>& st, const Mutation* m,
                     std::string_view party) {
  const std::string rule = fired_rule_name(rules<Rat, Concrete>(), st.fired, m, party);
  const std::string ksi = std::string(Rat::ksi) + " " + std::to_string(e.ksi);
  const std::string algs = algorithms(Rat::ciphering, e.eea, Rat::integrity, e.eia);
  std::string what;
  switch (e.kind) {
    case kAka: what = std::string(Rat::aka) + ", new " + key_name(e.key) + " as " + ksi; break;
    case kReceiveInitial:
      what = std::string(Rat::initial_request) + " received, caps " + hex_word(e.caps) +
             (e.verified ? "" : ", integrity check failed");
      break;
    case kStart:
      what = "start SMC " + ksi + " " + algs + (Rat::horizontal_derivation && e.horizontal ? " deriving K'_AMF" : "");
      break;
    case kTimerExpiry: what = std::string(Rat::timer) + " expiry"; break;
    case kComplete:
      what = "SECURITY MODE COMPLETE received (" + key_name(e.key) + " " + algs + ", UL COUNT " +
             std::to_string(e.count) + ")";
      break;
    case kReject: what = "SECURITY MODE REJECT received"; break;
    default: what = "event " + std::to_string(e.kind);
  }
  return std::string(Rat::network) + ": " + what + " -> " + action<Rat>(st.output) + " [" + rule + "]";
}

template std::string describe<nas_smc::Eps>(const State<Concrete>&, const Event<Concrete>&,
                                            const Step<Concrete, State<Concrete>, Output<Concrete>>&,
                                            const Mutation*, std::string_view);
template std::string describe<nas_smc::Fivegs>(const State<Concrete>&, const Event<Concrete>&,
                                               const Step<Concrete, State<Concrete>, Output<Concrete>>&,
                                               const Mutation*, std::string_view);

}  // namespace secmode::spec::nas_smc_network
