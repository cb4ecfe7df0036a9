// The batch APIs' jobs (eea1_batch / eia1_batch, eea3_batch / eia3_batch) and the scheduling they
// share: which jobs go through a 16-lane kernel and which through the one-message call.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "impl/crypto/count_inputs.h"

namespace secmode::impl::crypto {

// One message of a ciphering batch: the arguments of the one-message call, and where its result
// goes. `error` is written by the batch call: what the one-message call would have returned.
template <class Key>
struct CipherJob {
  const Key* key = nullptr;
  CountInputs in{};
  std::span<const std::uint8_t> data;
  std::size_t bits = 0;
  std::span<std::uint8_t> out;
  const char* error = nullptr;
};

// One message of a MAC batch; `mac` is written by the batch call when `error` is nullptr.
template <class Key>
struct MacJob {
  const Key* key = nullptr;
  CountInputs in{};
  std::span<const std::uint8_t> message;
  std::size_t bits = 0;
  std::array<std::uint8_t, 4> mac{};
  const char* error = nullptr;
};

}  // namespace secmode::impl::crypto

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
