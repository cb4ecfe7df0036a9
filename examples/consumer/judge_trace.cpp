// How a test suite feeds the oracle one message at a time: here the messages come from a trace
// file, in a real suite from the implementation under test. Prints each verdict; exits 1 when
// one is a violation, 2 on input the oracle cannot use.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "oracle/nas_judge.h"

namespace {

std::vector<std::uint8_t> bytes(const std::string& hex) {
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<std::uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: judge_trace TRACE.jsonl\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  secmode::oracle::NasJudge judge(secmode::oracle::Rat::eps);
  std::vector<secmode::oracle::Verdict> verdicts;
  std::size_t step = 0;
  try {
    for (std::string line; std::getline(in, line);) {
      if (line.empty() || line[0] == '#') continue;
      const auto j = nlohmann::json::parse(line);
      ++step;
      if (j["kind"] == "context")
        judge.context(bytes(j["kasme"]), j["ksi"].get<std::uint8_t>());
      else
        judge.pdu(step, j["dir"] == "ul", bytes(j["hex"]), verdicts);
    }
    judge.finish(verdicts);
  } catch (const std::exception& e) {
    std::cerr << "judge_trace: step " << step << ": " << e.what() << '\n';
    return 2;
  }
  std::size_t violations = 0;
  for (const auto& v : verdicts) {
    violations += !v.ok;
    std::cout << secmode::oracle::to_json(v).dump() << '\n';
  }
  std::cout << violations << " violations\n";
  return violations == 0 ? 0 : 1;
}
