#include "spec/procedures/as_smc_system.h"

#include "spec/procedures/describe.h"

namespace secmode::spec::as_smc_system {

namespace {

// The party's own line, with where its message went.
std::string ue_line(const State<Concrete>& s, const ue::Event<Concrete>& ev,
                    const Step<Concrete, State<Concrete>, Output<Concrete>>& st, const Mutation* m,
                    std::uint32_t reply_slot) {
  const bool answers = st.output.ue.message == ue::kComplete || st.output.ue.message == ue::kFailure;
  return ue::describe(s.ue, ev, {st.state.ue, st.output.ue, st.output.ue_rule}, m, "ue") +
         (answers ? " into " + channel_slot("ul", reply_slot) : "");
}

std::string ran_line(const State<Concrete>& s, const ran::Event<Concrete>& ev,
                     const Step<Concrete, State<Concrete>, Output<Concrete>>& st, const Mutation* m,
                     std::uint32_t dl_slot) {
  return ran::describe(s.ran, ev, {st.state.ran, st.output.net, st.output.net_rule}, m, "ran") +
         (st.output.net.message == ran::kSmc ? " into " + channel_slot("dl", dl_slot) : "");
}

}  // namespace

std::string describe(const State<Concrete>& s, const Event<Concrete>& e,
                     const Step<Concrete, State<Concrete>, Output<Concrete>>& st, const Mutation* m) {
  if (st.fired == kNoRule) return {};  // nothing happened
  const Concrete c;
  const std::string keep = e.keep ? " (kept for replay)" : "";
  switch (e.action) {
    case kConnect:
      return "RRC connection: UE and RAN connect with " + key_name(s.next_key);
    case kRanContextSetup: {
      auto ev = ran_event(c, ran::kContextSetup);
      ev.key = s.key;
      ev.caps = e.caps;
      return ran_line(s, ev, st, m, e.slot);
    }
    case kRanStartSmc: {
      auto ev = ran_event(c, ran::kStartSmc);
      ev.eea = e.eea;
      ev.eia = e.eia;
      return ran_line(s, ev, st, m, e.slot);
    }
    case kRanEstablishBearers:
      return ran_line(s, ran_event(c, ran::kEstablishBearers), st, m, e.slot);
    case kRanSendDownlink:
      return ran_line(s, ran_event(c, ran::kSendDownlink), st, m, e.slot);
    case kRanRelease:
      return ran_line(s, ran_event(c, ran::kRelease), st, m, e.slot);
    case kUeSendUplink:
      return ue_line(s, ue_event(c, ue::kSendUplink), st, m, e.reply_slot);
    case kUeRelease:
      return ue_line(s, ue_event(c, ue::kRelease), st, m, e.reply_slot);
    case kDeliverDownlink: {
      const auto msg = s.dl.at(c, e.slot);
      return channel_slot("dl", e.slot) + keep + (msg.from_ran ? "" : " (forged)") + " " +
             ue_line(s, ue_event_of(c, msg), st, m, e.reply_slot);
    }
    case kDeliverUplink: {
      const auto msg = s.ul.at(c, e.slot);
      return channel_slot("ul", e.slot) + keep + (msg.from_ue ? "" : " (forged)") + " " +
             ran_line(s, ran_event_of(c, msg), st, m, e.slot);
    }
    case kForgeDownlink:
      return "attacker -> " + channel_slot("dl", e.slot) + ": forged SecurityModeCommand " +
             algorithms("EEA", e.eea, "EIA", e.eia);
    case kForgeUplink:
      return "attacker -> " + channel_slot("ul", e.slot) + ": forged " +
             (e.kind == kComplete
                  ? "SecurityModeComplete EIA" + std::to_string(e.eia) + (e.ciphered ? " (ciphered)" : "")
                  : std::string("SecurityModeFailure"));
  }
  return "action " + std::to_string(e.action);
}

}  // namespace secmode::spec::as_smc_system
