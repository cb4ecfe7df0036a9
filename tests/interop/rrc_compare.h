// NR RRC (TS 38.331) and LTE RRC (TS 36.331) security mode messages compared with Wireshark's
// nr-rrc and lte-rrc dissections.
#pragma once

#include <variant>

#include "spec/codec/rrc_security_mode.h"
#include "tests/interop/comparison.h"
#include "tests/interop/run_family.h"

namespace secmode::test::interop::rrc {

struct NrMessage {
  std::variant<spec::rrc::nr::SecurityModeCommand, spec::rrc::nr::SecurityModeComplete,
               spec::rrc::nr::SecurityModeFailure>
      m;
  Packet packet;
};

struct LteMessage {
  std::variant<spec::rrc::lte::SecurityModeCommand, spec::rrc::lte::SecurityModeComplete,
               spec::rrc::lte::SecurityModeFailure>
      m;
  Packet packet;
};

// Compare a message with Wireshark's layers of one packet.
void nr_compare(const NrMessage& msg, const Node& layers, Comparison& c);
void lte_compare(const LteMessage& msg, const Node& layers, Comparison& c);

}  // namespace secmode::test::interop::rrc
