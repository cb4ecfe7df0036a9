#include "tests/interop/tshark_run.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace secmode::test::interop {
namespace {

std::string quote_shell(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

bool tshark_installed() { return std::system("command -v tshark >/dev/null 2>&1") == 0; }

TsharkRun run_tshark(const std::filesystem::path& pcap, const std::filesystem::path& config_dir) {
  const auto json_path = pcap.string() + ".json";
  const auto err_path = pcap.string() + ".stderr";
  const std::string cmd = "WIRESHARK_CONFIG_DIR=" + quote_shell(config_dir.string()) +
                          " tshark -n -r " + quote_shell(pcap.string()) + " -T json >" +
                          quote_shell(json_path) + " 2>" + quote_shell(err_path);
  TsharkRun run;
  if (std::system(cmd.c_str()) != 0) {
    std::ifstream err(err_path);
    std::stringstream ss;
    ss << err.rdbuf();
    run.error = "tshark failed: " + cmd + "\n" + ss.str();
    return run;
  }
  std::ifstream in(json_path, std::ios::binary);
  const std::string error = parse_json_tree(in, run.root);
  if (!error.empty()) run.error = "tshark JSON: " + error;
  return run;
}

}  // namespace secmode::test::interop
