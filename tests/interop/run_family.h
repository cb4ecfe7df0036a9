// Interop with Wireshark (issue 4): generated security mode messages are encoded by the spec
// twins, written to an exported-PDU pcap (pcap_export.h) with the dissector name per packet, read
// back by `tshark -T json` (tshark_run.h), and every field both sides know is compared
// (comparison.h). A field where the two disagree fails the test, unless it is a documented
// disagreement (known_disagreements.h): a case where the spec text shows the spec twin is right
// and Wireshark is not.
//
// One file per family holds its seeded generator (rng.h) and its TEST: interop_nas_eps.cpp,
// interop_nas_5gs.cpp, interop_rrc.cpp (NR and LTE), interop_sip.cpp; its comparison is in
// <family>_compare.*.
//
// Each family also checks that its comparison can fail (STYLE.md 4): the dissections compared
// against the expectations of the next message must disagree.
//
// Needs tshark (scripts/setup installs it); without it every test is skipped with that message.
// SECMODE_INTEROP_KEEP=1 keeps the pcaps and tshark's output in the temporary directory.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <type_traits>
#include <vector>

#include "spec/crypto/bytes.h"
#include "tests/interop/comparison.h"
#include "tests/interop/tshark_json.h"

namespace secmode::test::interop {

struct Packet {
  std::string dissector;  // the Wireshark dissector that reads `pdu`, e.g. "nas-eps"
  spec::Bytes pdu;
};

// Compares packet i's spec message with Wireshark's layers of some packet.
using CompareFn = std::function<void(std::size_t i, const Node& layers, Comparison& c)>;

// Writes the packets to <family>.pcap, runs tshark once, and hands each packet's layers to
// `compare(i, layers, comparison)`. Fails on any undocumented disagreement, and checks that the
// comparison is not vacuous: at least `min_fields` fields compared, and comparing each dissection
// with the expectations of the next message (`compare(i + 1, layers of i)`) must disagree.
// Skips the calling test when tshark is not installed. Prints the counts and the documented
// disagreements met.
void run_family(const std::string& family, const std::vector<Packet>& packets,
                const CompareFn& compare, std::size_t min_fields);

// run_family over `count` messages from `generate()`, each carrying its octets in `.pdu` for the
// dissector `dissector`, compared by `compare(message, layers, comparison)`.
template <typename Generate, typename Compare>
void run_generated(const std::string& family, const std::string& dissector, int count, Generate generate,
                   Compare compare, std::size_t min_fields) {
  std::vector<std::invoke_result_t<Generate&>> messages;
  std::vector<Packet> packets;
  for (int i = 0; i < count; ++i) {
    messages.push_back(generate());
    packets.push_back({dissector, messages.back().pdu});
  }
  run_family(
      family, packets, [&](std::size_t i, const Node& layers, Comparison& c) { compare(messages[i], layers, c); },
      min_fields);
}

}  // namespace secmode::test::interop
