// The oracle for concurrent security procedures in 5GS, TS 33.501 6.9.5.1 rules 1-5: the AMF
// neither starts a NAS SMC taking a new K_AMF into use during an N2 procedure with a new K_gNB
// (rule 2) or a handover (rule 5), nor starts an N2 key change (rule 1) or an inter-AMF /
// inter-RAT handover (rule 3) before such an SMC completes, nor a handover during an N2 key change
// (rule 4). It runs the rule table spec/procedures/concurrent_5g.h on what the trace shows: AKA
// and the SMC from the NAS PDUs (the NAS judge tells it), and the N2 procedures and handovers from
// event lines ({"kind":"event","name":"n2_key_change"|"handover","phase":"start"|"complete"}).
// Whenever the trace has the AMF start what the table makes it wait for, that is the network's
// violation of the rule that says so.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "oracle/verdict.h"
#include "spec/procedures/concurrent_5g.h"

namespace secmode::oracle {

class ConcurrencyJudge {
 public:
  void judge(bool network) { judge_network_ = network; }
  // A primary authentication established a new K_AMF (not yet in use).
  void authentication();
  // The AMF sent a SECURITY MODE COMMAND taking that K_AMF into use; its COMPLETE arrived.
  void smc_started(std::size_t step, std::vector<Verdict>& out);
  void smc_completed();
  // An event line; throws UnusableInput for a name or phase it does not know, or a completion of
  // nothing started.
  void event(std::size_t step, const std::string& name, const std::string& phase, std::vector<Verdict>& out);

 private:
  // Runs `kind`; when the AMF starts what the table defers, a violation.
  void start(std::size_t step, std::uint32_t kind, const std::string& what, std::vector<Verdict>& out);
  bool step_quietly(std::uint32_t kind);

  bool judge_network_ = true, events_ = false;
  spec::concurrent_5g::State<spec::Concrete> state_ = spec::concurrent_5g::initial(spec::Concrete{});
  std::uint32_t next_key_ = spec::concurrent_5g::kInitialKey + 1;
  // Procedures the trace started against the rules: the table never started them, so their
  // completion is not looked for.
  bool n2_outside_ = false, handover_outside_ = false, smc_outside_ = false;
};

}  // namespace secmode::oracle
