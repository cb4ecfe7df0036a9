// The scheduling shared by the batch APIs (eea1_batch / eia1_batch, eea3_batch / eia3_batch):
// which jobs go through a 16-lane kernel and which through the one-message call. Jobs carry
// `key` and `error` and the arguments of their one-message call; nothing here looks at data.
#pragma once

#include <cstddef>
#include <span>

namespace secmode::impl::crypto::detail {

// Each job's `error` becomes "no key" for a null key, else refusal(job): what the one-message call
// would return for its arguments, or nullptr. Accepted jobs for which lanes_fit(job) holds are
// queued and run sixteen at a time through run_lanes(queued indexes, count); the others, and a
// lone leftover (the one-lane kernel is faster for a single message), through one(job), which
// sets the job's result and error.
template <class Job, class Refusal, class LanesFit, class One, class RunLanes>
void schedule_batch(std::span<Job> jobs, Refusal refusal, LanesFit lanes_fit, One one, RunLanes run_lanes) noexcept {
  std::size_t queued[16];
  int count = 0;
  const auto flush = [&] {
    if (count == 1) one(jobs[queued[0]]);
    else if (count > 1) run_lanes(queued, count);
    count = 0;
  };
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    Job& j = jobs[i];
    j.error = j.key == nullptr ? "no key" : refusal(j);
    if (j.error != nullptr) continue;
    if (!lanes_fit(j)) {
      one(j);
      continue;
    }
    queued[count++] = i;
    if (count == 16) flush();
  }
  flush();
}

}  // namespace secmode::impl::crypto::detail
