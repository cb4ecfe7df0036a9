#include "cli/check_command.h"

#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/msc.h"
#include "cli/trace_judge.h"
#include "oracle/capture.h"
#include "spec/hex.h"

namespace secmode::cli {

namespace {

struct Options {
  std::vector<std::string> traces;
  bool json = false;
  std::string msc;
  std::string pcap, context;
  std::vector<std::uint64_t> ues;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw BadLine{path, 0, "cannot open"};
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The trace of a capture: the context file's lines, then one pdu line per NAS message. Fills
// `packet_of_step` with each trace item's packet number (0 for the context's items).
std::string capture_trace(const Options& o, std::vector<std::size_t>& packet_of_step) {
  const std::string context = read_file(o.context);
  const std::string file = read_file(o.pcap);
  oracle::CapturedNasTrace captured;
  try {
    captured = oracle::capture_nas(std::span(reinterpret_cast<const std::uint8_t*>(file.data()), file.size()), o.ues);
  } catch (const oracle::UnusableInput& e) {
    throw BadLine{o.pcap, 0, e.what()};
  }
  for (const std::string& n : captured.notes) std::cerr << "secmode check: " << o.pcap << ": note: " << n << '\n';
  std::istringstream lines(context);
  std::string text, trace;
  while (std::getline(lines, text)) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first != std::string::npos && text[first] != '#') packet_of_step.push_back(0);
    trace += text + '\n';
  }
  const std::uint64_t start = captured.nas.empty() ? 0 : captured.nas.front().time_us;
  for (const oracle::CapturedNas& n : captured.nas) {
    nlohmann::json line{{"kind", "pdu"},
                        {"dir", n.uplink ? "ul" : "dl"},
                        {"proto", n.rat == oracle::Rat::eps ? "nas-eps" : "nas-5gs"},
                        {"hex", spec::to_hex(n.pdu)},
                        {"t_ms", (n.time_us >= start ? n.time_us - start : 0) / 1000},
                        {"packet", n.packet}};
    trace += line.dump() + '\n';
    packet_of_step.push_back(n.packet);
  }
  return trace;
}

void run(const Options& o, int& exit_code) {
  if (!o.pcap.empty() != !o.context.empty() || (!o.pcap.empty() && !o.traces.empty()) ||
      (o.pcap.empty() && o.traces.empty()) || (!o.ues.empty() && o.pcap.empty())) {
    std::cerr << "secmode check: give trace files, or --pcap FILE with --context FILE (and --ue only with --pcap)\n";
    exit_code = 2;
    return;
  }
  const std::vector<std::string> names = o.pcap.empty() ? o.traces : std::vector<std::string>{o.pcap};
  if (!o.msc.empty() && names.size() != 1) {
    std::cerr << "secmode check: --msc draws one trace; " << names.size() << " given\n";
    exit_code = 2;
    return;
  }
  std::size_t judged = 0, violations = 0;
  nlohmann::json summary = nlohmann::json::array();
  for (const std::string& name : names) {
    Judged result;
    std::vector<std::size_t> packet_of_step;
    try {
      if (!o.pcap.empty()) {
        std::istringstream in(capture_trace(o, packet_of_step));
        result = judge_trace(name, in);
      } else if (name == "-") {
        result = judge_trace("-", std::cin);
      } else {
        std::ifstream in(name);
        if (!in) throw BadLine{name, 0, "cannot open"};
        result = judge_trace(name, in);
      }
    } catch (const BadLine& b) {
      std::cerr << "secmode check: " << b.file << (b.line ? ":" + std::to_string(b.line) : "") << ": " << b.reason
                << '\n';
      exit_code = 2;
      return;
    }
    // A capture's steps are named by packet (Wireshark's frame number), a trace's by item.
    const auto packet = [&](std::size_t step) {
      return step >= 1 && step <= packet_of_step.size() ? packet_of_step[step - 1] : 0;
    };
    const auto& verdicts = result.verdicts;
    if (!o.msc.empty()) {
      std::ofstream svg(o.msc);
      svg << msc_svg(name, result.arrows, verdicts);
      if (!svg) {
        std::cerr << "secmode check: cannot write " << o.msc << '\n';
        exit_code = 2;
        return;
      }
    }
    std::size_t bad = 0;
    for (const auto& v : verdicts) {
      bad += !v.ok;
      if (o.json) {
        nlohmann::json j = oracle::to_json(v);
        j["trace"] = name;
        if (packet(v.step)) j["packet"] = packet(v.step);
        std::cout << j.dump() << '\n';
      } else {
        std::cout << name
                  << (packet(v.step) ? " packet " + std::to_string(packet(v.step)) : " step " + std::to_string(v.step))
                  << ": " << (v.ok ? "ok       " : "VIOLATION") << " " << v.party << ", " << v.clause << ": expected "
                  << v.expected << ", observed " << v.observed << " (" << v.explain << ")\n";
      }
    }
    judged += verdicts.size();
    violations += bad;
    summary.push_back({{"trace", name}, {"verdicts", verdicts.size()}, {"violations", bad}});
  }
  if (o.json)
    std::cout
        << nlohmann::json{{"summary", {{"traces", summary}, {"verdicts", judged}, {"violations", violations}}}}.dump()
        << '\n';
  else
    std::cout << judged << " verdicts, " << violations << " violations\n";
  exit_code = violations == 0 ? 0 : 1;
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
  auto opts = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "check",
      "judge a trace of real messages against the standard: for each step, ok or the clause violated, by whom, "
      "what was expected and what was observed. A trace is JSON Lines (blank lines and # comments ignored): "
      "{\"kind\":\"context\",\"rat\":\"eps\"|\"5gs\",\"kasme\"|\"kamf\":HEX,\"ksi\":N[,\"role\":\"ue\"|\"network\"]}, "
      "or, for keys from the AKA in the trace (MILENAGE, judged too), \"k\":HEX,\"opc\"|\"op\":HEX,\"plmn\":\"00101\" "
      "(5GS: or \"snn\"; and \"supi\" unless the REGISTRATION REQUEST has a null-scheme SUCI) in place of the key "
      "and ksi (and \"kenb\" / \"kgnb\" for the AS, else derived from NAS); and "
      "{\"kind\":\"pdu\",\"dir\":\"ul\"|\"dl\",\"proto\":\"nas-eps\"|\"nas-5gs\",\"hex\":HEX} or "
      "{\"kind\":\"pdu\",\"dir\":\"ul\"|\"dl\",\"proto\":\"lte-pdcp-srb\"|\"nr-pdcp-srb\",\"srb\":1,\"hex\":HEX}; in "
      "5GS "
      "also {\"kind\":\"event\",\"name\":\"n2_key_change\"|\"handover\",\"phase\":\"start\"|\"complete\"} "
      "(TS 33.501 6.9.5.1); for IMS registration {\"kind\":\"context\",\"rat\":\"ims\",\"k\":HEX,\"opc\":HEX} "
      "and {\"kind\":\"sip\",\"dir\":\"ul\"|\"dl\",\"protected_by\":\"none\"|ESP SPI,\"text\":SIP MESSAGE} "
      "(TS 24.229 5.1.1.5). Exit 0 conformant, 1 violations, 2 unusable input");
  cmd->add_option("trace", opts->traces, "trace files (- for standard input)");
  cmd->add_option("--pcap", opts->pcap,
                  "judge a capture instead (pcap or pcapng): the NAS-PDUs of S1AP / NGAP over SCTP (Ethernet, Linux "
                  "cooked, raw IP) or of srsRAN's S1AP / NGAP link types 150 / 152; what is left out is noted on "
                  "stderr, and verdicts name the packet");
  cmd->add_option("--context", opts->context,
                  "with --pcap: a file of context lines (the keys, or K and OPc for the AKA in the capture)");
  cmd->add_option("--ue", opts->ues,
                  "with --pcap: the RAN UE identities (eNB-UE-S1AP-ID / RAN-UE-NGAP-ID) of the UE to judge, one per "
                  "connection; needed when the capture holds several");
  cmd->add_flag("--json", opts->json, "one JSON object per verdict, then a summary object");
  cmd->add_option("--msc", opts->msc, "also draw the trace's message sequence chart, violations in red, as SVG");
  cmd->callback([opts, &exit_code] { run(*opts, exit_code); });
}

}  // namespace secmode::cli
