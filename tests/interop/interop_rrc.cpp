// NR RRC (TS 38.331) and LTE RRC (TS 36.331) security mode messages, seeded, against
// Wireshark's nr-rrc and lte-rrc dissectors (run_family.h describes the test).
#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "spec/codec/rrc_security_mode.h"
#include "tests/interop/rng.h"
#include "tests/interop/rrc_compare.h"
#include "tests/interop/run_family.h"

namespace secmode::test::interop::rrc {
namespace {

using namespace spec::rrc;
using spec::Bytes;

std::optional<Bytes> late_extension(Rng& r) {
  if (!r.coin()) return std::nullopt;
  return r.below(8) == 0 ? r.octets(128, 300) : r.octets(0, 20);  // now and then a 2-octet length
}

NrMessage nr_generate(Rng& r) {
  const auto tid = static_cast<std::uint8_t>(r.below(4));
  switch (r.below(3)) {
    case 0: {
      nr::SecurityModeCommand m{
          tid, {static_cast<nr::CipheringAlgorithm>(r.below(8)), {}}, late_extension(r), r.coin()};
      if (r.coin()) m.algorithms.integrity = static_cast<nr::IntegrityProtAlgorithm>(r.below(8));
      return {m, {"nr-rrc.dl.dcch", nr::encode(m)}};
    }
    case 1: {
      nr::SecurityModeComplete m{tid, late_extension(r), r.coin()};
      return {m, {"nr-rrc.ul.dcch", nr::encode(m)}};
    }
    default: {
      nr::SecurityModeFailure m{tid, late_extension(r), r.coin()};
      return {m, {"nr-rrc.ul.dcch", nr::encode(m)}};
    }
  }
}

std::optional<lte::NonCriticalExtensionV8a0> v8a0(Rng& r) {
  if (!r.coin()) return std::nullopt;
  return lte::NonCriticalExtensionV8a0{late_extension(r), r.coin()};
}

LteMessage lte_generate(Rng& r) {
  const auto tid = static_cast<std::uint8_t>(r.below(4));
  switch (r.below(3)) {
    case 0: {
      lte::SecurityModeCommand m{tid,
                                 {static_cast<lte::CipheringAlgorithm>(r.below(8)),
                                  static_cast<lte::IntegrityProtAlgorithm>(r.below(8))},
                                 v8a0(r)};
      return {m, {"lte-rrc.dl.dcch", lte::encode(m)}};
    }
    case 1: {
      lte::SecurityModeComplete m{tid, v8a0(r)};
      return {m, {"lte-rrc.ul.dcch", lte::encode(m)}};
    }
    default: {
      lte::SecurityModeFailure m{tid, v8a0(r)};
      return {m, {"lte-rrc.ul.dcch", lte::encode(m)}};
    }
  }
}

}  // namespace

TEST(InteropTshark, NrRrcSecurityModeMessages) {
  Rng r(0x5eca9e03);
  std::vector<NrMessage> messages;
  std::vector<Packet> packets;
  for (int i = 0; i < 90; ++i) {
    messages.push_back(nr_generate(r));
    packets.push_back(messages.back().packet);
  }
  run_family(
      "nr-rrc", packets,
      [&](std::size_t i, const Node& layers, Comparison& c) { nr_compare(messages[i], layers, c); },
      500);
}

TEST(InteropTshark, LteRrcSecurityModeMessages) {
  Rng r(0x5eca9e04);
  std::vector<LteMessage> messages;
  std::vector<Packet> packets;
  for (int i = 0; i < 90; ++i) {
    messages.push_back(lte_generate(r));
    packets.push_back(messages.back().packet);
  }
  run_family(
      "lte-rrc", packets,
      [&](std::size_t i, const Node& layers, Comparison& c) {
        lte_compare(messages[i], layers, c);
      },
      500);
}

}  // namespace secmode::test::interop::rrc
