#include "oracle/capture.h"

#include <algorithm>
#include <set>

#include "oracle/ap_nas.h"
#include "oracle/capture_file.h"
#include "oracle/capture_mac_lte.h"
#include "oracle/capture_mac_nr.h"
#include "oracle/capture_sctp.h"

namespace secmode::oracle {

namespace {

template <class Id>
std::string listed(const std::set<Id>& ids) {
  std::string list;
  for (Id u : ids) list += (list.empty() ? "" : ", ") + std::to_string(u);
  return list;
}

template <class Id>
bool selected(const std::vector<Id>& chosen, Id id) {
  return chosen.empty() || std::find(chosen.begin(), chosen.end(), id) != chosen.end();
}

}  // namespace

CapturedTrace capture_pdus(std::span<const std::uint8_t> file, const UeSelection& ue) {
  const std::vector<Packet> packets = capture_packets(file);
  ApMessages ap = ap_messages(packets);
  SrbPdus srb = srb_pdus(packets), nr_srb = nr_srb_pdus(packets);
  CapturedTrace out;
  out.notes = std::move(ap.notes);
  out.notes.insert(out.notes.end(), srb.notes.begin(), srb.notes.end());
  out.notes.insert(out.notes.end(), nr_srb.notes.begin(), nr_srb.notes.end());
  std::set<std::uint64_t> ran_ues;
  for (const ApMessage& m : ap.messages) {
    const char* name = m.protocol == ApProtocol::s1ap ? "S1AP " : "NGAP ";
    ApNas nas;
    try {
      nas = ap_nas(m.protocol, m.bytes);
    } catch (const CaptureError&) {
      throw;
    } catch (const UnusableInput& e) {
      throw CaptureError("packet " + std::to_string(m.packet) + ": " + e.what());
    }
    if (!nas.left_out.empty())
      out.notes.push_back("packet " + std::to_string(m.packet) + ": " + name + nas.procedure + ": " + nas.left_out);
    if (nas.nas.empty() && !nas.context_setup) continue;
    if (!nas.ran_ue)
      throw CaptureError("packet " + std::to_string(m.packet) + ": " + name + nas.procedure +
                         " without a RAN UE identity");
    ran_ues.insert(*nas.ran_ue);
    if (!selected(ue.ran_ue, *nas.ran_ue)) continue;
    const Rat rat = m.protocol == ApProtocol::s1ap ? Rat::eps : Rat::fivegs;
    // NGAP's Initial Context Setup may carry a NAS-PDU too, which the gNB delivers after it takes
    // the key; S1AP's are in the E-RAB items, not read.
    if (nas.context_setup) out.pdus.push_back({m.packet, m.time_us, rat, false, 0, {}, nas.context_setup});
    for (auto& pdu : nas.nas) out.pdus.push_back({m.packet, m.time_us, rat, nas.uplink, 0, std::move(pdu), {}});
  }
  std::set<std::uint16_t> rntis;
  for (const Rat rat : {Rat::eps, Rat::fivegs})
    for (SrbPdu& p : rat == Rat::eps ? srb.pdus : nr_srb.pdus) {
      rntis.insert(p.rnti);
      if (selected(ue.rnti, p.rnti))
        out.pdus.push_back({p.packet, p.time_us, rat, p.uplink, p.srb, std::move(p.pdcp), {}});
    }
  if (ue.ran_ue.empty() && ran_ues.size() > 1)
    throw CaptureError("the capture holds " + std::to_string(ran_ues.size()) + " UEs (RAN UE identities " +
                       listed(ran_ues) + "): name the UE's with --ue");
  if (ue.rnti.empty() && rntis.size() > 1)
    throw CaptureError("the capture holds SRB traffic of " + std::to_string(rntis.size()) + " C-RNTIs (" +
                       listed(rntis) + "): name the UE's with --rnti");
  if ((!ue.ran_ue.empty() || !ue.rnti.empty()) && out.pdus.empty())
    throw CaptureError("nothing of the UE named with --ue / --rnti in the capture");
  std::stable_sort(out.pdus.begin(), out.pdus.end(),
                   [](const CapturedPdu& a, const CapturedPdu& b) { return a.packet < b.packet; });
  return out;
}

}  // namespace secmode::oracle
