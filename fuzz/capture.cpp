// The capture reader of `secmode check --pcap` (oracle/capture.h) on arbitrary files: pcap and
// pcapng containers, link layers, IP, SCTP (reassembly, retransmissions), the S1AP / NGAP frame,
// and MAC-LTE with RLC AM reassembly. Whatever the octets, it returns NAS messages or refuses the file as unusable; it
// never crashes, reads out of bounds or throws anything else. Every PDU it returns names a packet that exists and is no
// longer than the file.
#include "oracle/capture.h"

#include <cstdint>
#include <cstdlib>
#include <span>

#include "oracle/capture_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> file(data, size);
  std::size_t packets = 0;
  try {
    packets = secmode::oracle::capture_packets(file).size();
  } catch (const secmode::oracle::UnusableInput&) {
    return 0;
  }
  try {
    const auto trace = secmode::oracle::capture_pdus(file, {});
    for (const auto& n : trace.pdus)
      if (n.packet == 0 || n.packet > packets || n.pdu.size() > size) std::abort();
  } catch (const secmode::oracle::UnusableInput&) {
  }
  return 0;
}
