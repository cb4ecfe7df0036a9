#include "cli/check_command.h"

#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/msc.h"
#include "cli/trace_judge.h"

namespace secmode::cli {

namespace {

struct Options {
  std::vector<std::string> traces;
  bool json = false;
  std::string msc;
};

void run(const Options& o, int& exit_code) {
  if (!o.msc.empty() && o.traces.size() != 1) {
    std::cerr << "secmode check: --msc draws one trace; " << o.traces.size() << " given\n";
    exit_code = 2;
    return;
  }
  std::size_t judged = 0, violations = 0;
  nlohmann::json summary = nlohmann::json::array();
  for (const std::string& name : o.traces) {
    Judged result;
    try {
      if (name == "-") {
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
        std::cout << j.dump() << '\n';
      } else {
        std::cout << name << " step " << v.step << ": " << (v.ok ? "ok       " : "VIOLATION") << " " << v.party << ", "
                  << v.clause << ": expected " << v.expected << ", observed " << v.observed << " (" << v.explain
                  << ")\n";
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
      "{\"kind\":\"pdu\",\"dir\":\"ul\"|\"dl\",\"proto\":\"lte-pdcp-srb\"|\"nr-pdcp-srb\",\"srb\":1,\"hex\":HEX}; in 5GS "
      "also {\"kind\":\"event\",\"name\":\"n2_key_change\"|\"handover\",\"phase\":\"start\"|\"complete\"} "
      "(TS 33.501 6.9.5.1). Exit 0 conformant, 1 violations, 2 unusable input");
  cmd->add_option("trace", opts->traces, "trace files (- for standard input)")->required();
  cmd->add_flag("--json", opts->json, "one JSON object per verdict, then a summary object");
  cmd->add_option("--msc", opts->msc, "also draw the trace's message sequence chart, violations in red, as SVG");
  cmd->callback([opts, &exit_code] { run(*opts, exit_code); });
}

}  // namespace secmode::cli
