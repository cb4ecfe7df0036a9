#include "cli/check_command.h"

#include <algorithm>
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
  std::vector<std::string> pcaps;
  std::string context;
  std::vector<std::uint64_t> ues;
  std::vector<std::uint16_t> rntis;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw BadLine{path, 0, "cannot open"};
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Where a trace item came from: a capture's packet (Wireshark's frame number), or none (0).
struct Origin {
  std::size_t packet = 0;
  std::string capture;  // named only when several captures are merged
};

// The trace of the captures: the context file's lines, then one pdu line per NAS message or SRB
// PDCP PDU, several captures merged by timestamp. Fills `origin` with each trace item's origin.
std::string capture_trace(const Options& o, std::vector<Origin>& origin) {
  const std::string context = read_file(o.context);
  struct Item {
    oracle::CapturedPdu pdu;
    std::size_t file;
  };
  std::vector<Item> items;
  for (std::size_t f = 0; f < o.pcaps.size(); ++f) {
    const std::string file = read_file(o.pcaps[f]);
    oracle::CapturedTrace captured;
    try {
      captured = oracle::capture_pdus(std::span(reinterpret_cast<const std::uint8_t*>(file.data()), file.size()),
                                      {o.ues, o.rntis});
    } catch (const oracle::UnusableInput& e) {
      throw BadLine{o.pcaps[f], 0, e.what()};
    }
    for (const std::string& n : captured.notes) std::cerr << "secmode check: " << o.pcaps[f] << ": note: " << n << '\n';
    for (auto& p : captured.pdus) items.push_back({std::move(p), f});
  }
  // One capture keeps its packet order (its timestamps need not grow); several merge by time.
  if (o.pcaps.size() > 1)
    std::stable_sort(items.begin(), items.end(),
                     [](const Item& a, const Item& b) { return a.pdu.time_us < b.pdu.time_us; });
  std::istringstream lines(context);
  std::string text, trace;
  while (std::getline(lines, text)) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first != std::string::npos && text[first] != '#') origin.emplace_back();
    trace += text + '\n';
  }
  std::uint64_t start = items.empty() ? 0 : items.front().pdu.time_us;
  for (const Item& i : items) start = std::min(start, i.pdu.time_us);
  for (const Item& i : items) {
    const oracle::CapturedPdu& n = i.pdu;
    nlohmann::json line;
    if (n.context_setup) {
      const auto bits = [](std::uint16_t map) {
        const std::array<std::uint8_t, 2> octets{static_cast<std::uint8_t>(map >> 8), static_cast<std::uint8_t>(map)};
        return spec::to_hex(octets);
      };
      line = {{"kind", "context_setup"},
              {"security_key", spec::to_hex(n.context_setup->key)},
              {"encryption_algorithms", bits(n.context_setup->encryption)},
              {"integrity_algorithms", bits(n.context_setup->integrity)}};
    } else {
      line = {{"kind", "pdu"},
              {"dir", n.uplink ? "ul" : "dl"},
              {"proto",
               n.rat == oracle::Rat::eps ? (n.srb ? "lte-pdcp-srb" : "nas-eps") : (n.srb ? "nr-pdcp-srb" : "nas-5gs")},
              {"hex", spec::to_hex(n.pdu)}};
      if (n.srb) line["srb"] = n.srb;
    }
    line["t_ms"] = (n.time_us - start) / 1000;
    line["packet"] = n.packet;
    trace += line.dump() + '\n';
    origin.push_back({n.packet, o.pcaps.size() > 1 ? o.pcaps[i.file] : std::string()});
  }
  return trace;
}

void run(const Options& o, int& exit_code) {
  const bool capture = !o.pcaps.empty();
  if (capture != !o.context.empty() || (capture && !o.traces.empty()) || (!capture && o.traces.empty()) ||
      ((!o.ues.empty() || !o.rntis.empty()) && !capture)) {
    std::cerr << "secmode check: give trace files, or --pcap FILE... with --context FILE (and --ue / --rnti only with "
                 "--pcap)\n";
    exit_code = 2;
    return;
  }
  const std::vector<std::string> names = capture ? std::vector<std::string>{o.pcaps.front()} : o.traces;
  if (!o.msc.empty() && names.size() != 1) {
    std::cerr << "secmode check: --msc draws one trace; " << names.size() << " given\n";
    exit_code = 2;
    return;
  }
  std::size_t judged = 0, violations = 0;
  nlohmann::json summary = nlohmann::json::array();
  for (const std::string& name : names) {
    Judged result;
    std::vector<Origin> origin;
    try {
      if (capture) {
        std::istringstream in(capture_trace(o, origin));
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
    const auto from = [&](std::size_t step) {
      return step >= 1 && step <= origin.size() ? origin[step - 1] : Origin{};
    };
    const auto& verdicts = result.verdicts;
    for (const JudgeNote& n : result.notes) {
      const Origin w = from(n.step);
      std::cerr << "secmode check: " << (w.capture.empty() ? name : w.capture)
                << (w.packet ? " packet " + std::to_string(w.packet) : " step " + std::to_string(n.step))
                << ": note: " << n.text << '\n';
    }
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
        if (const Origin w = from(v.step); w.packet) {
          j["packet"] = w.packet;
          if (!w.capture.empty()) j["capture"] = w.capture;
        }
        std::cout << j.dump() << '\n';
      } else {
        const Origin w = from(v.step);
        std::cout << (w.capture.empty() ? name : w.capture)
                  << (w.packet ? " packet " + std::to_string(w.packet) : " step " + std::to_string(v.step)) << ": "
                  << (v.ok ? "ok       " : "VIOLATION") << " " << v.party << ", " << v.clause << ": expected "
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
      "and ksi (and \"kenb\" / \"kgnb\" for the AS, else derived from NAS; and the eNB / gNB's configured "
      "priority lists, when known, as \"as_algorithm_priority\":{\"ciphering\":[2,1,3],\"integrity\":[2,1,3]}); and "
      "{\"kind\":\"pdu\",\"dir\":\"ul\"|\"dl\",\"proto\":\"nas-eps\"|\"nas-5gs\",\"hex\":HEX} or "
      "{\"kind\":\"pdu\",\"dir\":\"ul\"|\"dl\",\"proto\":\"lte-pdcp-srb\"|\"nr-pdcp-srb\",\"srb\":1,\"hex\":HEX} "
      "(the NAS inside RRC setup completes, information transfers and reconfigurations is judged too, once "
      "when a capture shows it on both interfaces), "
      "with the S1AP / NGAP Initial Context Setup as {\"kind\":\"context_setup\",\"security_key\":HEX,"
      "\"encryption_algorithms\":\"e000\",\"integrity_algorithms\":\"e000\"} (the UE security capabilities' "
      "16-bit maps, first bit algorithm 1); in "
      "5GS "
      "also {\"kind\":\"event\",\"name\":\"n2_key_change\"|\"handover\",\"phase\":\"start\"|\"complete\"} "
      "(TS 33.501 6.9.5.1); for IMS registration {\"kind\":\"context\",\"rat\":\"ims\",\"k\":HEX,\"opc\":HEX} "
      "and {\"kind\":\"sip\",\"dir\":\"ul\"|\"dl\",\"protected_by\":\"none\"|ESP SPI,\"text\":SIP MESSAGE} "
      "(TS 24.229 5.1.1.5). Exit 0 conformant, 1 violations, 2 unusable input");
  cmd->add_option("trace", opts->traces, "trace files (- for standard input)");
  cmd->add_option(
      "--pcap", opts->pcaps,
      "judge captures instead (pcap or pcapng, several merged by timestamp): the NAS-PDUs (also inside "
      "E-RAB / PDU session items) and Initial Context Setups of S1AP / NGAP over SCTP (Ethernet, Linux "
      "cooked, raw IP) or in srsRAN's S1AP / NGAP link types 150 / 152, and the "
      "LTE and NR SRB PDCP PDUs of srsRAN MAC captures (MAC-LTE: link types 147 / 149; MAC-NR: 149), through "
      "MAC and RLC AM, with the NAS inside RRC; what is "
      "left out is noted on stderr, and verdicts name the packet");
  cmd->add_option("--context", opts->context,
                  "with --pcap: a file of context lines (the keys, or K and OPc for the AKA in the capture)");
  cmd->add_option("--rnti", opts->rntis,
                  "with --pcap: the C-RNTIs of the UE to judge in MAC captures; needed when they hold several");
  cmd->add_option("--ue", opts->ues,
                  "with --pcap: the RAN UE identities (eNB-UE-S1AP-ID / RAN-UE-NGAP-ID) of the UE to judge, one per "
                  "connection; needed when the capture holds several");
  cmd->add_flag("--json", opts->json, "one JSON object per verdict, then a summary object");
  cmd->add_option("--msc", opts->msc, "also draw the trace's message sequence chart, violations in red, as SVG");
  cmd->callback([opts, &exit_code] { run(*opts, exit_code); });
}

}  // namespace secmode::cli
