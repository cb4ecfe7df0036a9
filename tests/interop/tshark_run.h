// Running tshark over a pcap and reading its JSON (tshark_json.h).
#pragma once

#include <filesystem>
#include <string>

#include "tests/interop/tshark_json.h"

namespace secmode::test::interop {

struct TsharkRun {
  Node root;
  std::string error;  // empty when tshark ran and its output parsed
};

bool tshark_installed();

// Runs `tshark -n -r pcap -T json` once, leaving its output in <pcap>.json and <pcap>.stderr.
// WIRESHARK_CONFIG_DIR points at `config_dir`, a directory without Wireshark preferences, so that
// no personal preference (e.g. a NAS null-deciphering setting) changes the dissection.
TsharkRun run_tshark(const std::filesystem::path& pcap, const std::filesystem::path& config_dir);

}  // namespace secmode::test::interop
