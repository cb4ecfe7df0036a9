// The reader of the NAS inside RRC messages (oracle/rrc_nas.h) on arbitrary DCCH messages: the
// first octet picks the RAT (bit 1: NR) and the direction (bit 2: uplink), the rest is the
// message. It never crashes, reads out of bounds or throws; what it finds is either NAS or a
// reason, never both, and a message with NAS is one it names.
#include <cstdint>
#include <cstdlib>
#include <span>

#include "oracle/rrc_nas.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const auto rat = (data[0] & 1) != 0 ? secmode::oracle::Rat::fivegs : secmode::oracle::Rat::eps;
  const std::span<const std::uint8_t> message(data + 1, size - 1);
  const auto found = secmode::oracle::rrc_nas(rat, (data[0] & 2) != 0, message);
  std::size_t octets = 0;
  for (const auto& n : found.nas) octets += n.size();
  if ((!found.nas.empty() && (!found.unread.empty() || found.message.empty())) || octets > message.size() ||
      (!found.unread.empty() && found.message.empty()))
    std::abort();
  return 0;
}
