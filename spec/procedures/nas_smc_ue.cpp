#include "spec/procedures/nas_smc_ue.h"

#include "spec/procedures/describe.h"

namespace secmode::spec::nas_smc_ue {

namespace {

std::string response(const Output<Concrete>& o) {
  if (o.response == kNone) return "no answer";
  std::string r = o.response == kComplete ? "SECURITY MODE COMPLETE" : "SECURITY MODE REJECT #" + std::to_string(o.cause);
  if (o.key == kNoKey) return r + " (unprotected)";
  return r + " (" + key_name(o.key) + ", UL COUNT " + std::to_string(o.count) + (o.ciphered ? ", ciphered" : "") +
         (o.container ? ", with the initial request" : "") + ")";
}

}  // namespace

template <class Rat>
std::string describe(const State<Concrete>&, const Event<Concrete>& e,
                     const Step<Concrete, State<Concrete>, Output<Concrete>>& st, const Mutation* m,
                     std::string_view party) {
  const std::string rule = fired_rule_name(rules<Rat, Concrete>(), st.fired, m, party);
  const std::string ksi = std::string(Rat::ksi) + " " + std::to_string(e.ksi);
  switch (e.kind) {
    case kAka:
      return std::string("UE: ") + Rat::aka + ", new " + key_name(e.key) + " as " + ksi + " [" + rule + "]";
    case kSendInitial:
      return std::string("UE -> ") + Rat::network + ": " + Rat::initial_request + " caps " + hex_word(e.caps) +
             (e.emergency ? " (emergency)" : "") + " [" + rule + "]";
    case kSmc:
      return std::string(Rat::network) + " -> UE: SECURITY MODE COMMAND " + ksi + " " +
             algorithms(Rat::ciphering, e.eea, Rat::integrity, e.eia) + " caps " + hex_word(e.caps) +
             (Rat::horizontal_derivation && e.horizontal ? " K_AMF_change_flag" : "") +
             (Rat::initial_message_container && e.rinmr ? " RINMR" : "") +
             (e.new_context_header ? "" : " (security header type not 3)") + " MAC by " + key_name(e.key) +
             " DL COUNT " + std::to_string(e.count) + "; UE: " + response(st.output) + " [" + rule + "]";
    default:
      return "UE: event " + std::to_string(e.kind) + " [" + rule + "]";
  }
}

template std::string describe<nas_smc::Eps>(const State<Concrete>&, const Event<Concrete>&,
                                            const Step<Concrete, State<Concrete>, Output<Concrete>>&,
                                            const Mutation*, std::string_view);
template std::string describe<nas_smc::Fivegs>(const State<Concrete>&, const Event<Concrete>&,
                                               const Step<Concrete, State<Concrete>, Output<Concrete>>&,
                                               const Mutation*, std::string_view);

}  // namespace secmode::spec::nas_smc_ue
