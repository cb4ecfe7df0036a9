#include "oracle/concurrency_judge.h"

namespace secmode::oracle {

namespace {

namespace cc = spec::concurrent_5g;
using spec::Concrete;

const auto& rules() {
  static const auto r = spec::Concurrent5g::rules<Concrete>();
  return r;
}

}  // namespace

bool ConcurrencyJudge::step_quietly(std::uint32_t kind) {
  cc::Event<Concrete> e{};
  e.kind = kind;
  const auto st = spec::step(Concrete{}, rules(), state_, e);
  state_ = st.state;
  return st.fired != spec::kNoRule;
}

void ConcurrencyJudge::authentication() {
  cc::Event<Concrete> e{};
  e.kind = cc::kAuthentication;
  e.key = next_key_++;
  state_ = spec::step(Concrete{}, rules(), state_, e).state;
}

void ConcurrencyJudge::start(std::size_t step, std::uint32_t kind, const std::string& what, std::vector<Verdict>& out) {
  cc::Event<Concrete> e{};
  e.kind = kind;
  const auto st = spec::step(Concrete{}, rules(), state_, e);
  const std::string rule = st.fired == spec::kNoRule ? "" : std::string(rules()[st.fired].name);
  const bool waits = st.output.action == cc::kWaits;
  Verdict v{step,
            !waits,
            "network",
            st.fired == spec::kNoRule ? "TS 33.501 6.9.5.1" : std::string(rules()[st.fired].clause),
            waits ? "the AMF defers " + what : what,
            what,
            ""};
  if (waits) {
    v.explain = rule == "rule1_no_new_kgnb_during_smc"             ? "a NAS SMC taking a new K_AMF into use is ongoing"
                : rule == "rule2_no_smc_during_n2_key_change"      ? "an N2 procedure with a new K_gNB is ongoing"
                : rule == "rule3_no_handover_during_smc"           ? "a NAS SMC taking a new K_AMF into use is ongoing"
                : rule == "rule4_no_handover_during_n2_key_change" ? "an N2 procedure with a new K_gNB is ongoing"
                                                                   : "a handover is ongoing";
  } else {
    v.explain = "no procedure it must wait for is ongoing";
  }
  // A command is judged here once events have shown procedures it may collide with; until then the
  // NAS judge's verdict on it says all there is.
  if (judge_network_ && st.fired != spec::kNoRule && (waits || kind != cc::kStartSmc || events_)) out.push_back(v);
  if (waits) {
    if (kind == cc::kStartN2) n2_outside_ = true;
    if (kind == cc::kHandoverRequired) handover_outside_ = true;
    if (kind == cc::kStartSmc) smc_outside_ = true;
    return;
  }
  state_ = st.state;
}

void ConcurrencyJudge::smc_started(std::size_t step, std::vector<Verdict>& out) {
  start(step, cc::kStartSmc, "a SECURITY MODE COMMAND taking the new K_AMF into use", out);
}

void ConcurrencyJudge::smc_completed() {
  if (smc_outside_) {
    smc_outside_ = false;
    return;
  }
  step_quietly(cc::kUeSmc);
  step_quietly(cc::kAmfComplete);
}

void ConcurrencyJudge::event(std::size_t step, const std::string& name, const std::string& phase,
                             std::vector<Verdict>& out) {
  events_ = true;
  const bool n2 = name == "n2_key_change";
  if (!n2 && name != "handover")
    throw UnusableInput("event \"" + name + "\": this version judges n2_key_change and handover (TS 33.501 6.9.5.1)");
  if (phase == "start") {
    start(step, n2 ? cc::kStartN2 : cc::kHandoverRequired,
          n2 ? "an N2 procedure with a new K_gNB" : "an inter-AMF or inter-RAT handover", out);
    return;
  }
  if (phase != "complete") throw UnusableInput("phase is \"start\" or \"complete\"");
  bool& outside = n2 ? n2_outside_ : handover_outside_;
  if (outside) {
    outside = false;
    return;
  }
  const bool done = n2 ? step_quietly(cc::kGnbN2) && step_quietly(cc::kUeKeyChange) && step_quietly(cc::kAmfN2Done)
                       : step_quietly(cc::kUeHandover) && step_quietly(cc::kHandoverDone);
  if (!done) throw UnusableInput("event \"" + name + "\" completes, and none was started");
}

}  // namespace secmode::oracle
