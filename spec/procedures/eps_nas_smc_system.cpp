#include "spec/procedures/eps_nas_smc_system.h"

#include "spec/procedures/describe.h"

namespace secmode::spec::eps_nas_smc_system {

namespace {

const char* uplink_name(std::uint32_t kind) {
  switch (kind) {
    case kInitialRequest: return "ATTACH/TAU REQUEST";
    case kComplete: return "SECURITY MODE COMPLETE";
    default: return "SECURITY MODE REJECT";
  }
}

}  // namespace

std::string describe(const State<Concrete>& s, const Event<Concrete>& e,
                     const Step<Concrete, State<Concrete>, Output<Concrete>>& st, const Mutation* m) {
  if (st.fired == kNoRule) return {};  // nothing happened
  const Concrete c;
  const std::string keep = e.keep ? " (kept for replay)" : "";
  switch (e.action) {
    case kAka:
      return "EPS AKA: UE and MME share " + key_name(s.next_key) + " as eKSI " + std::to_string(e.ksi);
    case kUeSendInitial:
      return "UE -> " + channel_slot("ul", e.slot) + ": ATTACH/TAU REQUEST caps " + hex_word(e.caps) +
             (e.emergency ? " (emergency)" : "");
    case kMmeStart:
    case kMmeTimer: {
      const auto ev = mme_own_event(c, e.action == kMmeStart ? mme::kStart : mme::kTimerExpiry, e);
      return mme::describe<Rat>(s.mme, ev, {st.state.mme, st.output.net, st.output.net_rule}, m, "mme") +
             (st.output.net.action == mme::kSendSmc ? " into " + channel_slot("dl", e.slot) : "");
    }
    case kDeliverDownlink: {
      const auto msg = s.dl.at(c, e.slot);
      return channel_slot("dl", e.slot) + keep + (msg.from_mme ? "" : " (forged)") + " " +
             ue::describe<Rat>(s.ue, ue_event(c, msg), {st.state.ue, st.output.ue, st.output.ue_rule}, m, "ue");
    }
    case kDeliverUplink: {
      const auto msg = s.ul.at(c, e.slot);
      return channel_slot("ul", e.slot) + keep + " " +
             mme::describe<Rat>(s.mme, mme_event(c, s.mme, msg), {st.state.mme, st.output.net, st.output.net_rule}, m,
                                "mme");
    }
    case kForgeDownlink:
      return "attacker -> " + channel_slot("dl", e.slot) + ": forged SECURITY MODE COMMAND eKSI " +
             std::to_string(e.ksi) + " " + algorithms("EEA", e.eea, "EIA", e.eia) + " caps " + hex_word(e.caps) +
             " DL COUNT " + std::to_string(e.count);
    case kForgeUplink:
      return "attacker -> " + channel_slot("ul", e.slot) + ": forged " + uplink_name(e.kind) + " caps " +
             hex_word(e.caps) +
             (e.kind == kInitialRequest ? std::string()
                                        : std::string(" ").append(algorithms("EEA", e.eea, "EIA", e.eia)));
  }
  return "action " + std::to_string(e.action);
}

}  // namespace secmode::spec::eps_nas_smc_system
