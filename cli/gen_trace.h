// One trace of a `secmode gen` suite (gen_command.h): its file name, the check it is about, and
// its lines in the trace format of `secmode check`.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "spec/hex.h"

namespace secmode::cli {

struct Trace {
  std::string name, check;
  std::vector<std::string> lines;
  void comment(const std::string& c) { lines.push_back("# " + c); }
  void line(const std::string& l) { lines.push_back(l); }
  void pdu(bool uplink, const char* proto, std::span<const std::uint8_t> p, const std::string& what) {
    comment(what);
    lines.push_back(std::string(R"({"kind":"pdu","dir":")") + (uplink ? "ul" : "dl") + R"(","proto":")" + proto +
                    (std::string(proto).find("pdcp") != std::string::npos ? R"(","srb":1)" : "\"") + R"(,"hex":")" +
                    spec::to_hex(p) + "\"}");
  }
};

}  // namespace secmode::cli
