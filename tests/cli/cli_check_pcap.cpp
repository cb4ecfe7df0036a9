// `secmode check --pcap`: the example traces carried as real stacks capture them (S1AP / NGAP,
// bare in srsRAN's link types or in SCTP over IPv4 / IPv6, pcap and pcapng) must be judged
// exactly as the traces are; altered frames must be caught at their packet; what the reader
// cannot use must exit 2 with the packet and the reason. Where tshark is installed, Wireshark's
// own dissectors must find the same NAS-PDUs in the same packets.
#include <filesystem>
#include <sstream>

#include "oracle/ap_nas.h"
#include "oracle/capture.h"
#include "oracle/capture_file.h"
#include "oracle/capture_mac_lte.h"
#include "oracle/capture_mac_nr.h"
#include "spec/hex.h"
#include "tests/cli/air_trace.h"
#include "tests/cli/capture_writer.h"
#include "tests/cli/run.h"

namespace secmode::test {
namespace {

struct NasLine {
  bool uplink;
  Octets pdu;
  std::optional<ContextSetupIes> setup;  // instead: an Initial Context Setup (downlink)
};

struct Example {
  std::string path, context;  // the context lines, verbatim
  Ap ap = Ap::s1ap;
  std::vector<NasLine> nas;
};

// A context_setup trace line as the IEs of an Initial Context Setup.
ContextSetupIes context_setup_ies(const nlohmann::json& j) {
  const auto map = [&](const char* field) {
    const Octets b = spec::from_hex(j[field].get<std::string>());
    return static_cast<std::uint16_t>(b.at(0) << 8 | b.at(1));
  };
  return {spec::from_hex(j["security_key"].get<std::string>()), map("encryption_algorithms"),
          map("integrity_algorithms")};
}

// The example's context, NAS and context_setup lines; false when it holds other kinds (SRB PDUs,
// events).
bool read_example(const std::string& path, Example& ex) {
  ex.path = path;
  std::istringstream in(slurp(path));
  std::string text;
  while (std::getline(in, text)) {
    if (text.empty() || text[0] == '#') continue;
    const auto j = nlohmann::json::parse(text);
    if (j["kind"] == "context") {
      ex.context += text + "\n";
    } else if (j["kind"] == "pdu" && j["proto"].get<std::string>().rfind("nas-", 0) == 0) {
      ex.ap = j["proto"] == "nas-eps" ? Ap::s1ap : Ap::ngap;
      ex.nas.push_back({j["dir"] == "ul", spec::from_hex(j["hex"].get<std::string>()), {}});
    } else if (j["kind"] == "context_setup") {
      ex.nas.push_back({false, {}, context_setup_ies(j)});
    } else {
      return false;
    }
  }
  return true;
}

std::vector<Example> nas_examples() {
  std::vector<Example> out;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(SECMODE_EXAMPLES) + "/traces")) {
    Example ex;
    if (read_example(entry.path().string(), ex)) out.push_back(std::move(ex));
  }
  std::sort(out.begin(), out.end(), [](const Example& a, const Example& b) { return a.path < b.path; });
  return out;
}

struct Written {
  std::string pcap, context;
  std::vector<std::size_t> packet_of_nas;
};

// Writes the example as a capture; `extras` adds an ARP packet, splits every third message in
// two SCTP fragments and retransmits the last packet of each message.
Written write_capture(const Example& ex, Framing framing, const std::string& stem, bool extras = false,
                      std::size_t corrupt = ~std::size_t{0}) {
  CaptureWriter w(framing, ex.ap);
  Written out{stem + ".pcap", stem + ".context", {}};
  bool first = true;
  for (std::size_t i = 0; i < ex.nas.size(); ++i) {
    Octets pdu = ex.nas[i].pdu;
    if (i == corrupt) pdu[2] ^= 0x01;  // a bit of the MAC of a security protected message
    const Octets m = ex.nas[i].setup ? context_setup(ex.ap, 42, *ex.nas[i].setup)
                                     : nas_transport(ex.ap, ex.nas[i].uplink, first && ex.nas[i].uplink, 42, pdu);
    first = first && !ex.nas[i].uplink;
    if (extras && i == 1 && framing == Framing::ethernet_ipv4) w.other();
    out.packet_of_nas.push_back(w.message(ex.nas[i].uplink, m, extras && i % 3 == 2));
    if (extras && framing != Framing::srsran) w.retransmit_last(ex.nas[i].uplink);
  }
  w.write(out.pcap);
  std::ofstream(out.context) << ex.context;
  return out;
}

std::vector<nlohmann::json> json_lines(const std::string& out) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(out);
  std::string text;
  while (std::getline(in, text)) {
    auto j = nlohmann::json::parse(text);
    j.erase("trace");
    j.erase("packet");
    j.erase("capture");
    if (j.contains("summary")) j["summary"].erase("traces");
    lines.push_back(j);
  }
  return lines;
}

std::string stem(const std::string& name) {
  return ::testing::TempDir() + "/secmode_pcap_" + std::to_string(::getpid()) + "_" + name;
}

const Framing kFramings[] = {Framing::srsran, Framing::ethernet_ipv4, Framing::sll2_ipv6};

TEST(CliCheckPcap, CapturesAreJudgedAsTheirTraces) {
  const auto examples = nas_examples();
  ASSERT_GE(examples.size(), 6u);
  for (const Example& ex : examples) {
    SCOPED_TRACE(ex.path);
    const CliRun trace = secmode_cli("check --json " + ex.path);
    ASSERT_NE(trace.status, 2) << trace.err;
    for (Framing f : kFramings) {
      for (bool extras : {false, true}) {
        const Written w = write_capture(ex, f, stem("same"), extras);
        const CliRun cap = secmode_cli("check --json --pcap " + w.pcap + " --context " + w.context);
        SCOPED_TRACE(cap.err);
        EXPECT_EQ(cap.status, trace.status);
        EXPECT_EQ(json_lines(cap.out), json_lines(trace.out));
        // Every verdict on a message names its packet.
        const std::size_t context_items =
            static_cast<std::size_t>(std::count(ex.context.begin(), ex.context.end(), '\n'));
        std::istringstream in(cap.out);
        std::string text;
        while (std::getline(in, text)) {
          const auto j = nlohmann::json::parse(text);
          if (!j.contains("step") || j["step"].get<std::size_t>() <= context_items) continue;
          EXPECT_EQ(j["packet"], w.packet_of_nas.at(j["step"].get<std::size_t>() - context_items - 1));
        }
        if (extras && f != Framing::srsran) {
          EXPECT_NE(cap.err.find("SCTP retransmission of TSN"), std::string::npos);
        }
      }
    }
  }
}

TEST(CliCheckPcap, AFlippedMacBitIsCaughtAtItsPacket) {
  Example ex;
  ASSERT_TRUE(read_example(std::string(SECMODE_EXAMPLES) + "/traces/eps_attach_smc.jsonl", ex));
  ASSERT_EQ(secmode_cli("check " + ex.path).status, 0);
  for (std::size_t i = 1; i < ex.nas.size(); ++i) {  // every protected message (the first is plain)
    if (ex.nas[i].setup) continue;
    const Written w = write_capture(ex, Framing::ethernet_ipv4, stem("mac"), false, i);
    const CliRun run = secmode_cli("check --json --pcap " + w.pcap + " --context " + w.context);
    SCOPED_TRACE(run.out + run.err);
    EXPECT_EQ(run.status, 1);
    bool at_packet = false;
    std::istringstream in(run.out);
    std::string text;
    while (std::getline(in, text)) {
      const auto j = nlohmann::json::parse(text);
      if (j.value("verdict", "") == "violation" && j.value("packet", 0u) >= w.packet_of_nas[i])
        at_packet = !j["clause"].get<std::string>().empty();
    }
    EXPECT_TRUE(at_packet);
  }
}

TEST(CliCheckPcap, TheTextReportNamesPacketsAndAReplayIsNotARetransmission) {
  Example ex;
  ASSERT_TRUE(read_example(std::string(SECMODE_EXAMPLES) + "/traces/eps_smc_replay_accepted.jsonl", ex));
  const Written w = write_capture(ex, Framing::ethernet_ipv4, stem("replay"));
  const CliRun run = secmode_cli("check --pcap " + w.pcap + " --context " + w.context);
  EXPECT_EQ(run.status, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("packet " + std::to_string(w.packet_of_nas[4]) + ": VIOLATION"), std::string::npos) << run.out;
}

TEST(CliCheckPcap, SeveralUesNeedUe) {
  Example ex;
  ASSERT_TRUE(read_example(std::string(SECMODE_EXAMPLES) + "/traces/eps_attach_smc.jsonl", ex));
  CaptureWriter w(Framing::ethernet_ipv4, Ap::s1ap);
  for (std::size_t i = 0; i < ex.nas.size(); ++i) {
    w.message(ex.nas[i].uplink, nas_transport(Ap::s1ap, ex.nas[i].uplink, i == 0, 42, ex.nas[i].pdu));
    w.message(true, nas_transport(Ap::s1ap, true, i == 0, 43, ex.nas[0].pdu));  // another UE's attach attempts
  }
  const std::string pcap = stem("two_ues.pcap"), context = stem("two_ues.context");
  w.write(pcap);
  std::ofstream(context) << ex.context;
  const CliRun both = secmode_cli("check --pcap " + pcap + " --context " + context);
  EXPECT_EQ(both.status, 2);
  EXPECT_NE(both.err.find("RAN UE identities 42, 43"), std::string::npos) << both.err;
  const CliRun one = secmode_cli("check --pcap " + pcap + " --context " + context + " --ue 42");
  EXPECT_EQ(one.status, 0) << one.out << one.err;
  EXPECT_EQ(secmode_cli("check --pcap " + pcap + " --context " + context + " --ue 44").status, 2);
}

TEST(CliCheckPcap, UnusableCapturesExitTwoWithPacketAndReason) {
  Example ex;
  ASSERT_TRUE(read_example(std::string(SECMODE_EXAMPLES) + "/traces/eps_attach_smc.jsonl", ex));
  const Written w = write_capture(ex, Framing::ethernet_ipv4, stem("bad"));
  const std::string good = slurp(w.pcap);
  const auto check = [&](const std::string& bytes, const std::string& reason) {
    const std::string path = stem("bad_variant.pcap");
    std::ofstream(path, std::ios::binary) << bytes;
    const CliRun run = secmode_cli("check --pcap " + path + " --context " + w.context);
    EXPECT_EQ(run.status, 2) << reason;
    EXPECT_NE(run.err.find(reason), std::string::npos) << run.err;
  };
  check(good.substr(0, good.size() - 5), "packet 3, offset");  // a truncated last record
  check("not a capture", "not a pcap or pcapng file");
  std::string nas_link = good;
  nas_link[20] = static_cast<char>(148);  // srsRAN's NAS link type
  check(nas_link, "before protection");
  std::string unknown = good;
  unknown[20] = static_cast<char>(9);  // PPP
  check(unknown, "link type 9 is not read");
  // The S1AP message value claims one octet more than the packet holds.
  std::string longer = good;
  const std::size_t s1ap = 24 + 16 + 14 + 20 + 12 + 16;  // file, record, Ethernet, IPv4, SCTP, DATA headers
  longer[s1ap + 3] = static_cast<char>(longer[s1ap + 3] + 1);
  check(longer, "packet 1: S1AP offset 3: message value of");
  EXPECT_EQ(secmode_cli("check --pcap " + w.pcap).status, 2);  // no context
  EXPECT_EQ(secmode_cli("check --context " + w.context + " " + ex.path).status, 2);
}

// An example with NAS and SRB lines as the MME's S1AP capture plus the eNB's MAC capture (srsRAN
// link type 147 or 149), with what real MAC captures hold: a PDCP PDU in two RLC segments, an RLC
// retransmission, a MAC PDU whose CRC failed, control elements and padding. Packet times follow the
// trace's order, so merging the two by timestamp gives it back.
struct SplitCaptures {
  std::string s1ap, mac, context;
};
SplitCaptures write_split(const std::string& trace_path, bool udp) {
  CaptureWriter s1ap(Framing::ethernet_ipv4, Ap::s1ap), mac(udp ? Framing::mac_lte_udp : Framing::mac_lte, Ap::s1ap);
  SplitCaptures out{stem("split_s1ap.pcap"), stem("split_mac.pcap"), stem("split.context")};
  std::string context;
  std::istringstream in(slurp(trace_path));
  std::string text;
  std::uint64_t t = 1700000000;
  bool first = true;
  std::uint16_t sn[2][3] = {};  // per direction and SRB
  while (std::getline(in, text)) {
    if (text.empty() || text[0] == '#') continue;
    const auto j = nlohmann::json::parse(text);
    if (j["kind"] == "context") {
      context += text + "\n";
      continue;
    }
    t += 10;  // room for the packets of one line (up to four, a second apart), so times grow
    if (j["kind"] == "context_setup") {
      s1ap.at(t);
      s1ap.message(false, context_setup(Ap::s1ap, 42, context_setup_ies(j)));
      continue;
    }
    const bool ul = j["dir"] == "ul";
    const Octets pdu = spec::from_hex(j["hex"].get<std::string>());
    if (j["proto"] == "nas-eps") {
      s1ap.at(t);
      s1ap.message(ul, nas_transport(Ap::s1ap, ul, first && ul, 42, pdu));
      first = first && !ul;
      continue;
    }
    const auto srb = j["srb"].get<std::uint8_t>();
    std::uint16_t& next = sn[ul][srb];
    mac.at(t);
    if (next == 1) {  // the second PDU of each bearer and direction in two segments
      const Octets a(pdu.begin(), pdu.begin() + pdu.size() / 2), b(pdu.begin() + pdu.size() / 2, pdu.end());
      mac.raw(mac_lte_frame(udp, ul, 0x46, true, mac_pdu(ul, srb, rlc_am(next, 1, a), 0)));
      mac.raw(mac_lte_frame(udp, ul, 0x46, false, Octets{0xde, 0xad}));  // CRC failed: not read
      mac.raw(mac_lte_frame(udp, ul, 0x46, true, mac_pdu(ul, srb, rlc_am(next + 1, 2, b), 5)));
      next += 2;
    } else {
      const Octets r = rlc_am(next++, 0, pdu);
      mac.raw(mac_lte_frame(udp, ul, 0x46, true, mac_pdu(ul, srb, r, 3)));
      mac.raw(mac_lte_frame(udp, ul, 0x46, true, mac_pdu(ul, srb, r, 0)));  // an RLC retransmission
    }
  }
  s1ap.write(out.s1ap);
  mac.write(out.mac);
  std::ofstream(out.context) << context;
  return out;
}

const char* const kSplitExamples[] = {"eps_attach_aka_nas_as_smc.jsonl", "eps_as_smc_complete_ciphered.jsonl"};

TEST(CliCheckPcap, S1apAndMacCapturesTogetherAreJudgedAsTheirTrace) {
  for (const char* name : kSplitExamples) {
    const std::string path = std::string(SECMODE_EXAMPLES) + "/traces/" + name;
    SCOPED_TRACE(path);
    const CliRun trace = secmode_cli("check --json " + path);
    ASSERT_NE(trace.status, 2) << trace.err;
    for (bool udp : {false, true}) {
      const SplitCaptures c = write_split(path, udp);
      const CliRun cap = secmode_cli("check --json --pcap " + c.s1ap + " --pcap " + c.mac + " --context " + c.context);
      SCOPED_TRACE(cap.err);
      EXPECT_EQ(cap.status, trace.status);
      EXPECT_EQ(json_lines(cap.out), json_lines(trace.out));
      EXPECT_NE(cap.out.find("\"capture\":\"" + c.mac + "\""), std::string::npos) << cap.out;
    }
  }
}

// The EPS examples with their NAS moved onto the air (tests/cli/air_trace.h): a MAC capture that
// alone carries the NAS inside RRC, or carries it beside the S1AP capture (the eNB's relay, each
// NAS message on both), is judged as the trace is.
TEST(CliCheckPcap, MacCapturesCarryingNasAreJudgedAsTheirTrace) {
  const auto stepless = [](const std::string& out) {
    auto lines = json_lines(out);
    for (auto& j : lines) {
      j.erase("step");
      j.erase("explain");  // names PDCP COUNTs, which moving the NAS onto SRB1 shifts
    }
    return lines;
  };
  std::size_t judged = 0;
  for (const air::Example& ex : air::examples()) {
    if (!ex.eps) continue;
    for (const air::Air how : {air::Air::only, air::Air::both}) {
      std::vector<nlohmann::json> lines;
      if (!air::on_the_air(ex, how, lines)) continue;
      SCOPED_TRACE(ex.path + (how == air::Air::both ? " on both interfaces" : " on the air"));
      const std::string path = stem("aired.jsonl");
      {
        std::ofstream f(path);
        for (const auto& l : lines) f << l.dump() << '\n';
      }
      const CliRun trace = secmode_cli("check --json " + ex.path);
      const SplitCaptures c = write_split(path, how == air::Air::both);
      const CliRun cap = secmode_cli("check --json --pcap " + c.s1ap + " --pcap " + c.mac + " --context " + c.context);
      EXPECT_EQ(cap.status, trace.status) << cap.err;
      EXPECT_EQ(stepless(cap.out), stepless(trace.out)) << cap.err;
      ++judged;
    }
  }
  EXPECT_GE(judged, 14u);  // the 7 EPS examples whose SRB PDUs can be moved, two ways
}

// The SRB PDUs tshark printed to `out` (frame, direction, PDCP SN, signalling data, MAC-I per line;
// the SN field `sn_octets` long), its repeated copies of retransmissions left out, are the reader's,
// packet for packet. Returns how many were compared.
std::size_t expect_same_srb_pdus(const oracle::SrbPdus& ours, const std::string& out, int sn_octets) {
  std::vector<std::pair<std::size_t, std::string>> wireshark;
  std::string last[2];
  std::istringstream in(slurp(out));
  for (std::string line; std::getline(in, line);) {
    std::istringstream f(line);
    std::size_t frame, direction, seq;
    std::string data, mac;
    if (!(f >> frame >> direction >> seq >> data >> mac) || direction > 1) {
      ADD_FAILURE() << "tshark printed " << line;
      return 0;
    }
    char sn[5];
    std::snprintf(sn, sizeof sn, "%0*zx", 2 * sn_octets, seq);
    const std::string pdu = sn + data + mac.substr(2);
    if (pdu == last[direction]) continue;  // a retransmitted copy
    last[direction] = pdu;
    wireshark.emplace_back(frame, pdu);
  }
  EXPECT_EQ(ours.pdus.size(), wireshark.size()) << slurp(out);
  for (std::size_t i = 0; i < std::min(ours.pdus.size(), wireshark.size()); ++i) {
    EXPECT_EQ(ours.pdus[i].packet, wireshark[i].first);
    EXPECT_EQ(spec::to_hex(ours.pdus[i].pdcp), wireshark[i].second);
  }
  return std::min(ours.pdus.size(), wireshark.size());
}

// A 5GS trace's NR SRB PDUs as the gNB's MAC-NR capture (link type 149, UDP framing) and its
// Initial Context Setups as NGAP over SCTP, with what real MAC captures hold: control elements
// before the SDU, padding, 16-bit L fields, an SDU in two RLC segments and one in three (SO), an RLC
// STATUS PDU and a retransmitted PDU. Packet times follow the trace's order.
SplitCaptures write_nr_split(const std::vector<nlohmann::json>& lines, const std::string& name) {
  CaptureWriter ngap(Framing::ethernet_ipv4, Ap::ngap), mac(Framing::mac_nr_udp, Ap::ngap);
  SplitCaptures out{stem(name + "_ngap.pcap"), stem(name + "_mac_nr.pcap"), stem(name + ".context")};
  std::string context;
  std::uint64_t t = 1700000000;
  std::uint16_t sn[2][3] = {};  // per direction and SRB
  for (const auto& j : lines) {
    if (j["kind"] == "context") {
      context += j.dump() + "\n";
      continue;
    }
    if (j["kind"] == "event") continue;  // no capture carries it
    t += 10;                             // as in write_split
    if (j["kind"] == "context_setup") {
      ngap.at(t);
      ngap.message(false, context_setup(Ap::ngap, 42, context_setup_ies(j)));
      continue;
    }
    const bool ul = j["dir"] == "ul";
    const Octets pdu = spec::from_hex(j["hex"].get<std::string>());
    const auto srb = j["srb"].get<std::uint8_t>();
    std::uint16_t& next = sn[ul][srb];
    mac.at(t);
    const auto frame = [&](const Octets& rlc, bool long_l, std::size_t padding) {
      mac.raw(mac_nr_frame(ul, 0x4601, nr_mac_pdu(ul, srb, rlc, long_l, padding)));
    };
    const auto third = static_cast<std::uint16_t>(pdu.size() / 3), two_thirds = static_cast<std::uint16_t>(2 * third);
    if (next == 1) {  // two segments: first (SI 01) and last (SI 10, with SO)
      frame(nr_rlc_am(next, 1, 0, Octets(pdu.begin(), pdu.begin() + third)), false, 0);
      frame(nr_rlc_am(next, 2, third, Octets(pdu.begin() + third, pdu.end())), true, 4);
    } else if (next == 2) {  // three, the middle one (SI 11) last
      frame(nr_rlc_am(next, 1, 0, Octets(pdu.begin(), pdu.begin() + third)), false, 0);
      frame(nr_rlc_am(next, 2, two_thirds, Octets(pdu.begin() + two_thirds, pdu.end())), false, 0);
      frame(nr_rlc_am(next, 3, third, Octets(pdu.begin() + third, pdu.begin() + two_thirds)), false, 0);
    } else {
      frame(nr_rlc_am(next, 0, 0, pdu), next % 2 == 0, 3);
      frame(nr_rlc_am(next, 0, 0, pdu), false, 0);                           // an RLC retransmission
      frame(Octets{0x00, static_cast<std::uint8_t>(next), 0x40}, false, 0);  // a STATUS PDU
    }
    ++next;
  }
  ngap.write(out.s1ap);
  mac.write(out.mac);
  std::ofstream(out.context) << context;
  return out;
}

// The 5GS examples with their NAS moved onto the air (tests/cli/air_trace.h) as the gNB's MAC-NR
// capture, beside the AMF's NGAP capture of the Initial Context Setup: judged as the trace is.
TEST(CliCheckPcap, NrMacCapturesCarryingNasAreJudgedAsTheirTrace) {
  std::size_t judged = 0;
  for (const air::Example& ex : air::examples()) {
    if (ex.eps || std::any_of(ex.lines.begin(), ex.lines.end(), [](const auto& j) { return j["kind"] == "event"; }))
      continue;
    std::vector<nlohmann::json> lines;
    ASSERT_TRUE(air::on_the_air(ex, air::Air::only, lines));
    SCOPED_TRACE(ex.path);
    const SplitCaptures c = write_nr_split(lines, "nr");
    const CliRun trace = secmode_cli("check --json " + ex.path);
    const CliRun cap = secmode_cli("check --json --pcap " + c.s1ap + " --pcap " + c.mac + " --context " + c.context);
    EXPECT_EQ(cap.status, trace.status) << cap.err;
    auto ours = json_lines(cap.out), theirs = json_lines(trace.out);
    for (auto* v : {&ours, &theirs})
      for (auto& j : *v) {
        j.erase("step");
        j.erase("explain");
      }
    EXPECT_EQ(ours, theirs) << cap.err;
    ++judged;
  }
  EXPECT_GE(judged, 3u);
}

// The bundled NR example: the registration of 5gs_registration_aka_nas_as_smc.jsonl over the air,
// in the gNB's MAC-NR capture and the AMF's NGAP capture, is that trace so written (to renew it,
// copy the files this test names).
TEST(CliCheckPcap, TheNrExampleCapturesAreTheirTraceWritten) {
  air::Example ex{std::string(SECMODE_EXAMPLES) + "/traces/5gs_registration_aka_nas_as_smc.jsonl", {}, false};
  std::istringstream in(slurp(ex.path));
  for (std::string text; std::getline(in, text);)
    if (!text.empty() && text[0] != '#') ex.lines.push_back(nlohmann::json::parse(text));
  std::vector<nlohmann::json> lines;
  ASSERT_TRUE(air::on_the_air(ex, air::Air::only, lines));
  const SplitCaptures c = write_nr_split(lines, "nr_example");
  const std::string stem = std::string(SECMODE_EXAMPLES) + "/captures/5gs_registration_over_the_air";
  EXPECT_TRUE(slurp(stem + ".ngap.pcap") == slurp(c.s1ap)) << "renew it from " << c.s1ap;
  EXPECT_TRUE(slurp(stem + ".mac.pcap") == slurp(c.mac)) << "renew it from " << c.mac;
}

// Wireshark's MAC-NR (UDP heuristic), RLC-NR and PDCP-NR dissectors find the same SRB PDCP PDUs,
// whole in the same packets (its retransmitted copies, which it shows again, aside).
TEST(CliCheckPcap, TsharkFindsTheSameNrSrbPdus) {
  if (std::system("command -v tshark >/dev/null 2>&1") != 0) GTEST_SKIP() << "tshark not installed";
  const std::string config = ::testing::TempDir() + "/secmode_wireshark_nr_" + std::to_string(::getpid());
  std::filesystem::create_directories(config);
  std::ofstream(config + "/user_dlts") << "\"User 2 (DLT=149)\",\"udp\",\"0\",\"\",\"0\",\"\"\n";
  std::size_t compared = 0;
  for (const air::Example& ex : air::examples()) {
    if (ex.eps) continue;
    std::vector<nlohmann::json> lines;
    if (!air::on_the_air(ex, air::Air::only, lines)) continue;
    SCOPED_TRACE(ex.path);
    const SplitCaptures c = write_nr_split(lines, "tshark_nr");
    const std::string out = stem("tshark_nr.out");
    const std::string cmd = "WIRESHARK_CONFIG_DIR=" + config + " tshark -n -r " + c.mac +
                            " --enable-heuristic mac_nr_udp -o pdcp-nr.show_signalling_plane_as_rrc:FALSE "
                            "-Y pdcp-nr.mac -T fields -e frame.number -e mac-nr.direction -e pdcp-nr.seq-num "
                            "-e pdcp-nr.signalling-data -e pdcp-nr.mac >" +
                            out + " 2>" + out + ".err";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << slurp(out + ".err");
    const std::string bytes = slurp(c.mac);
    compared += expect_same_srb_pdus(oracle::nr_srb_pdus(oracle::capture_packets(
                                         std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()))),
                                     out, 2);
  }
  EXPECT_GE(compared, 10u);
}

// The bundled example captures of that attach are its trace so written (to renew them after the
// trace changes, copy the files this test names).
TEST(CliCheckPcap, TheExampleCapturesAreTheirTraceWritten) {
  const SplitCaptures c = write_split(std::string(SECMODE_EXAMPLES) + "/traces/eps_attach_aka_nas_as_smc.jsonl", false);
  const std::string stem = std::string(SECMODE_EXAMPLES) + "/captures/eps_attach_aka_nas_as_smc";
  EXPECT_TRUE(slurp(stem + ".s1ap.pcap") == slurp(c.s1ap)) << "renew it from " << c.s1ap;
  EXPECT_TRUE(slurp(stem + ".mac.pcap") == slurp(c.mac)) << "renew it from " << c.mac;
  // And the same attach in the eNB's MAC capture alone, its NAS inside RRC (no Initial Context
  // Setup: the K_eNB comes from the NAS).
  air::Example ex{std::string(SECMODE_EXAMPLES) + "/traces/eps_attach_aka_nas_as_smc.jsonl", {}, true};
  std::istringstream in(slurp(ex.path));
  for (std::string text; std::getline(in, text);)
    if (!text.empty() && text[0] != '#') ex.lines.push_back(nlohmann::json::parse(text));
  std::vector<nlohmann::json> lines;
  ASSERT_TRUE(air::on_the_air(ex, air::Air::only, lines));
  const std::string path = ::testing::TempDir() + "/secmode_pcap_" + std::to_string(::getpid()) + "_over_the_air.jsonl";
  {
    std::ofstream f(path);
    for (const auto& l : lines)
      if (l["kind"] != "context_setup") f << l.dump() << '\n';
  }
  const SplitCaptures air = write_split(path, false);
  EXPECT_TRUE(slurp(std::string(SECMODE_EXAMPLES) + "/captures/eps_attach_over_the_air.mac.pcap") == slurp(air.mac))
      << "renew it from " << air.mac;
}

// Wireshark's MAC-LTE, RLC-LTE and PDCP-LTE dissectors find the same SRB PDCP PDUs, completed in
// the same packets (its retransmitted copies, which it shows again, aside).
TEST(CliCheckPcap, TsharkFindsTheSameSrbPdus) {
  if (std::system("command -v tshark >/dev/null 2>&1") != 0) GTEST_SKIP() << "tshark not installed";
  const std::string config = ::testing::TempDir() + "/secmode_wireshark_" + std::to_string(::getpid());
  std::filesystem::create_directories(config);
  std::ofstream(config + "/user_dlts") << "\"User 0 (DLT=147)\",\"mac-lte-framed\",\"0\",\"\",\"0\",\"\"\n";
  for (const char* name : kSplitExamples) {
    SCOPED_TRACE(name);
    const SplitCaptures c = write_split(std::string(SECMODE_EXAMPLES) + "/traces/" + name, false);
    const std::string out = stem("tshark_srb.out");
    const std::string cmd = "WIRESHARK_CONFIG_DIR=" + config + " tshark -n -r " + c.mac +
                            " -o pdcp-lte.show_signalling_plane_as_rrc:FALSE -Y pdcp-lte.mac -T fields -e frame.number "
                            "-e mac-lte.direction -e pdcp-lte.seq-num -e pdcp-lte.signalling-data -e pdcp-lte.mac >" +
                            out + " 2>" + out + ".err";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << slurp(out + ".err");
    const std::string bytes = slurp(c.mac);
    expect_same_srb_pdus(oracle::srb_pdus(oracle::capture_packets(
                             std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()))),
                         out, 1);
  }
}

// Wireshark's S1AP / NGAP dissectors find the same NAS-PDUs in the same packets as the reader.
TEST(CliCheckPcap, TsharkFindsTheSameNasPdus) {
  if (std::system("command -v tshark >/dev/null 2>&1") != 0) GTEST_SKIP() << "tshark not installed";
  for (const Example& ex : nas_examples()) {
    SCOPED_TRACE(ex.path);
    for (Framing f : {Framing::ethernet_ipv4, Framing::sll2_ipv6}) {
      const Written w = write_capture(ex, f, stem("tshark"), true);
      const std::string field = ex.ap == Ap::s1ap ? "s1ap.NAS_PDU" : "ngap.NAS_PDU";
      const std::string out = stem("tshark.out");
      const std::string cmd = "WIRESHARK_CONFIG_DIR=" + ::testing::TempDir() + " tshark -n -r " + w.pcap + " -Y " +
                              field + " -T fields -e frame.number -e " + field + " >" + out + " 2>" + out + ".err";
      ASSERT_EQ(std::system(cmd.c_str()), 0) << slurp(out + ".err");
      // tshark too leaves the SCTP retransmissions out.
      std::vector<std::pair<std::size_t, std::string>> seen;
      std::istringstream in(slurp(out));
      std::size_t frame;
      std::string hex;
      while (in >> frame >> hex) seen.emplace_back(frame, hex);
      std::vector<std::pair<std::size_t, std::string>> sent;
      for (std::size_t i = 0; i < ex.nas.size(); ++i)
        if (!ex.nas[i].setup) sent.emplace_back(w.packet_of_nas[i], spec::to_hex(ex.nas[i].pdu));
      EXPECT_EQ(seen, sent) << slurp(out);
    }
  }
}

// NAS-PDUs inside E-RAB items (S1AP Initial Context Setup, E-RAB Setup and Modify) and PDU session
// items (NGAP Initial Context Setup, PDU Session Resource Setup and Modify), with the optional
// parts a core may fill in (GBR QoS, extension containers, SD): Wireshark finds the same ones in
// the same packets, in the same order.
TEST(CliCheckPcap, TsharkFindsTheSameNestedNasPdus) {
  if (std::system("command -v tshark >/dev/null 2>&1") != 0) GTEST_SKIP() << "tshark not installed";
  std::uint8_t n = 0;
  const auto nas = [&n] { return Octets{0x27, 0x1f, 0x2e, 0x3d, n, 0x4c, static_cast<std::uint8_t>(n++ * 37), 0x07}; };
  const ContextSetupIes security{Octets(32, 0x22), 0xe000, 0xe000};
  for (Ap ap : {Ap::s1ap, Ap::ngap}) {
    SCOPED_TRACE(ap == Ap::s1ap ? "S1AP" : "NGAP");
    CaptureWriter w(Framing::ethernet_ipv4, ap);
    const std::vector<SessionItem> setup{
        {nas(), false, false, false}, {{}, true, true, true}, {nas(), true, false, true}},
        modify{{nas(), false, true, false}, {nas(), true, false, false}};
    w.message(false, context_setup(ap, 4, security, ap == Ap::ngap ? nas() : Octets{}, setup));
    w.message(false, session_request(ap, false, 4, {{nas(), true, true, true}, {nas(), false, false, false}}));
    w.message(false, session_request(ap, true, 4, modify));
    const std::string name = ap == Ap::s1ap ? "nested_s1ap" : "nested_ngap";
    const std::string pcap = stem(name + ".pcap"), out = stem(name + ".out");
    w.write(pcap);
    // Wireshark names the NAS-PDU field after the ASN.1 component: NAS-PDU (an IE), nAS-PDU and
    // pDUSessionNAS-PDU (in items); each a column, so a packet's NAS-PDUs are compared as a set.
    const std::string fields = ap == Ap::s1ap ? " -e s1ap.NAS_PDU -e s1ap.nAS_PDU"
                                              : " -e ngap.NAS_PDU -e ngap.nAS_PDU -e ngap.pDUSessionNAS_PDU";
    const std::string cmd = "WIRESHARK_CONFIG_DIR=" + ::testing::TempDir() + " tshark -n -r " + pcap +
                            " -T fields -E occurrence=a -E aggregator=, -e frame.number" + fields + " >" + out + " 2>" +
                            out + ".err";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << slurp(out + ".err");
    std::vector<std::pair<std::size_t, std::string>> seen;
    std::istringstream in(slurp(out));
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream columns(line);
      std::string column;
      std::getline(columns, column, '\t');
      const std::size_t frame = std::stoul(column);
      while (std::getline(columns, column, '\t')) {
        std::istringstream each(column);
        std::string hex;
        while (std::getline(each, hex, ','))
          if (!hex.empty()) seen.emplace_back(frame, hex);
      }
    }
    const std::string bytes = slurp(pcap);
    const auto ours =
        oracle::capture_pdus(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()), {});
    std::vector<std::pair<std::size_t, std::string>> read;
    for (const auto& p : ours.pdus)
      if (!p.context_setup) read.emplace_back(p.packet, spec::to_hex(p.pdu));
    std::sort(seen.begin(), seen.end());
    std::vector<std::pair<std::size_t, std::string>> sorted = read;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(sorted, seen) << slurp(out);
    EXPECT_EQ(read.size(), ap == Ap::s1ap ? 6u : 7u);
    EXPECT_TRUE(ours.notes.empty());
  }
}

// The reader's procedure table (codes, names, which carry a NAS-PDU) agrees with Wireshark's.
TEST(CliCheckPcap, TsharkNamesTheProceduresAsTheReaderDoes) {
  if (std::system("command -v tshark >/dev/null 2>&1") != 0) GTEST_SKIP() << "tshark not installed";
  const Octets nas = spec::from_hex("0741710bf600f1100000000000000005f0f0c0c00000040201d011");
  for (Ap ap : {Ap::s1ap, Ap::ngap}) {
    const std::vector<std::uint8_t> codes = ap == Ap::s1ap ? std::vector<std::uint8_t>{12, 13, 11, 7, 16, 9, 5, 6}
                                                           : std::vector<std::uint8_t>{15, 46, 4, 28, 19, 14, 29, 26};
    CaptureWriter w(Framing::ethernet_ipv4, ap);
    std::vector<std::string> names;
    for (std::uint8_t code : codes) {
      const ContextSetupIes security{Octets(32, 0x11), 0xe000, 0xc000};
      const bool ics = code == (ap == Ap::s1ap ? 9 : 14);
      const Octets m = ap_message(ap, code, 1, 2, nas, ics ? &security : nullptr);
      w.message(false, m);
      names.push_back(
          oracle::ap_nas(ap == Ap::s1ap ? oracle::ApProtocol::s1ap : oracle::ApProtocol::ngap, m).procedure);
    }
    const std::string pcap = stem("procedures.pcap"), out = stem("procedures.out");
    w.write(pcap);
    const std::string cmd = "WIRESHARK_CONFIG_DIR=" + ::testing::TempDir() + " tshark -n -r " + pcap +
                            " -T fields -e _ws.col.Info >" + out + " 2>" + out + ".err";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << slurp(out + ".err");
    std::istringstream in(slurp(out));
    std::string info;
    for (const std::string& name : names) {
      ASSERT_TRUE(std::getline(in, info));
      EXPECT_EQ(info.substr(0, info.find(',')), name);
    }
  }
}

// Wireshark reads the same SecurityKey and UE security capabilities from Initial Context Setups
// (S1AP's maps, NGAP's NR maps), through its own S1AP / NGAP dissectors.
TEST(CliCheckPcap, TsharkReadsTheSameContextSetupSecurity) {
  if (std::system("command -v tshark >/dev/null 2>&1") != 0) GTEST_SKIP() << "tshark not installed";
  for (Ap ap : {Ap::s1ap, Ap::ngap}) {
    CaptureWriter w(Framing::ethernet_ipv4, ap);
    std::vector<ContextSetupIes> sent;
    for (std::uint16_t i = 0; i < 4; ++i) {
      Octets key(32);
      for (std::size_t b = 0; b < key.size(); ++b) key[b] = static_cast<std::uint8_t>(b * 31 + i * 17 + 3);
      sent.push_back({key, static_cast<std::uint16_t>(0xe000 >> i | i), static_cast<std::uint16_t>(0x4000 << (i % 2))});
      w.message(false, context_setup(ap, 3 + i, sent.back()));
    }
    const std::string pcap = stem("ics.pcap"), out = stem("ics.out");
    w.write(pcap);
    const std::string p = ap == Ap::s1ap ? "s1ap." : "ngap.";
    const std::string enc = ap == Ap::s1ap ? "encryptionAlgorithms" : "nRencryptionAlgorithms";
    const std::string integ = ap == Ap::s1ap ? "integrityProtectionAlgorithms" : "nRintegrityProtectionAlgorithms";
    const std::string cmd = "WIRESHARK_CONFIG_DIR=" + ::testing::TempDir() + " tshark -n -r " + pcap +
                            " -T fields -e " + p + "SecurityKey -e " + p + enc + " -e " + p + integ + " >" + out +
                            " 2>" + out + ".err";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << slurp(out + ".err");
    const std::string bytes = slurp(pcap);
    const auto ours = oracle::capture_pdus(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()),
                                           {{3, 4, 5, 6}, {}});
    ASSERT_EQ(ours.pdus.size(), sent.size());
    std::istringstream in(slurp(out));
    for (const auto& pdu : ours.pdus) {
      std::string line, key, e, i;
      ASSERT_TRUE(std::getline(in, line));
      std::istringstream f(line);
      ASSERT_TRUE(f >> key >> e >> i) << line;
      ASSERT_TRUE(pdu.context_setup);
      const auto hex16 = [](std::uint16_t v) {
        return spec::to_hex(Octets{static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)});
      };
      EXPECT_EQ(spec::to_hex(pdu.context_setup->key), key);
      EXPECT_EQ(hex16(pdu.context_setup->encryption), e);
      EXPECT_EQ(hex16(pdu.context_setup->integrity), i);
    }
  }
}

}  // namespace
}  // namespace secmode::test
