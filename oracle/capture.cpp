#include "oracle/capture.h"

#include <algorithm>
#include <set>

#include "oracle/ap_nas.h"
#include "oracle/capture_file.h"
#include "oracle/capture_sctp.h"

namespace secmode::oracle {

CapturedNasTrace capture_nas(std::span<const std::uint8_t> file, const std::vector<std::uint64_t>& ue) {
  ApMessages ap = ap_messages(capture_packets(file));
  CapturedNasTrace out;
  out.notes = std::move(ap.notes);
  std::set<std::uint64_t> ues;
  struct Read {
    const ApMessage* message;
    ApNas nas;
  };
  std::vector<Read> read;
  for (const ApMessage& m : ap.messages) {
    const char* name = m.protocol == ApProtocol::s1ap ? "S1AP " : "NGAP ";
    try {
      ApNas nas = ap_nas(m.protocol, m.bytes);
      if (!nas.left_out.empty())
        out.notes.push_back("packet " + std::to_string(m.packet) + ": " + name + nas.procedure + ": " + nas.left_out);
      if (nas.nas.empty()) continue;
      if (!nas.ran_ue) throw UnusableInput(nas.procedure + " carries a NAS-PDU but no RAN UE identity");
      ues.insert(*nas.ran_ue);
      read.push_back({&m, std::move(nas)});
    } catch (const CaptureError&) {
      throw;
    } catch (const UnusableInput& e) {
      throw CaptureError("packet " + std::to_string(m.packet) + ": " + e.what());
    }
  }
  if (ue.empty() && ues.size() > 1) {
    std::string list;
    for (std::uint64_t u : ues) list += (list.empty() ? "" : ", ") + std::to_string(u);
    throw CaptureError("the capture holds " + std::to_string(ues.size()) + " UEs (RAN UE identities " + list +
                       "): name the UE's with --ue");
  }
  for (const Read& r : read) {
    if (!ue.empty() && std::find(ue.begin(), ue.end(), *r.nas.ran_ue) == ue.end()) continue;
    for (const auto& pdu : r.nas.nas)
      out.nas.push_back({r.message->packet, r.message->time_us,
                         r.message->protocol == ApProtocol::s1ap ? Rat::eps : Rat::fivegs, r.nas.uplink, pdu});
  }
  if (!ue.empty() && out.nas.empty())
    throw CaptureError("no NAS message of the RAN UE identities given with --ue in the capture");
  return out;
}

}  // namespace secmode::oracle
