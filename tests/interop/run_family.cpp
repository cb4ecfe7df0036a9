#include "tests/interop/run_family.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "tests/interop/known_disagreements.h"
#include "tests/interop/pcap_export.h"
#include "tests/interop/tshark_run.h"

namespace secmode::test::interop {
namespace {

// A fresh directory for one family's pcap and tshark's output, also used as tshark's (empty)
// configuration directory. Removed at the end unless kept: after a failure, or with
// SECMODE_INTEROP_KEEP set.
class TempDir {
 public:
  TempDir() {
    std::string templ =
        (std::filesystem::temp_directory_path() / "secmode-interop-XXXXXX").string();
    if (!mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed");
    path_ = templ;
  }
  ~TempDir() {
    if (!keep_ && !std::getenv("SECMODE_INTEROP_KEEP")) {
      std::error_code ec;
      std::filesystem::remove_all(path_, ec);
    }
  }
  void keep() { keep_ = true; }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  bool keep_ = false;
};

}  // namespace

void run_family(const std::string& family, const std::vector<Packet>& packets,
                const CompareFn& compare, std::size_t min_fields) {
  if (!tshark_installed())
    GTEST_SKIP() << "tshark not installed: run scripts/setup (installs tshark) to run the "
                    "interop test";
  TempDir dir;
  const auto pcap = dir.path() / (family + ".pcap");
  ExportedPduWriter writer(pcap.string());
  for (const auto& p : packets) writer.add(p.dissector, p.pdu);
  writer.close();

  const TsharkRun run = run_tshark(pcap, dir.path());
  if (!run.error.empty()) {
    dir.keep();
    FAIL() << run.error << "\n(files kept in " << dir.path() << ")";
  }
  const auto layers = packet_layers(run.root);
  ASSERT_EQ(layers.size(), packets.size()) << "tshark did not read every packet of " << pcap;

  Comparison c(family);
  for (std::size_t i = 0; i < packets.size(); ++i) {
    ASSERT_NE(layers[i], nullptr);
    c.start(i + 1, packets[i].pdu);
    compare(i, *layers[i], c);
  }
  std::ostringstream all;
  for (std::size_t i = 0; i < c.mismatches().size() && i < 40; ++i)
    all << c.mismatches()[i] << "\n";
  if (!c.mismatches().empty()) dir.keep();
  EXPECT_TRUE(c.mismatches().empty())
      << c.mismatches().size() << " disagreements between the spec twin and Wireshark "
      << "(files kept in " << dir.path() << "):\n"
      << all.str();
  EXPECT_GE(c.compared(), min_fields) << family << ": too few fields compared";
  std::cout << "[ interop  ] " << family << ": " << packets.size() << " messages, " << c.compared()
            << " fields compared, " << c.mismatches().size() << " disagreements\n";
  for (const auto& [id, count] : c.met())
    std::cout << "[ interop  ] documented disagreement '" << id << "' (" << known(id).clause
              << ") met " << count << " times\n";
  for (const auto& k : known_disagreements())
    if (family == k.family && !c.met().contains(k.id))
      std::cout << "[ interop  ] documented disagreement '" << k.id
                << "' not met: has this tshark fixed it?\n";

  Comparison shifted(family + " [mutant: expectations of the next message]");
  for (std::size_t i = 0; i + 1 < packets.size(); ++i) {
    shifted.start(i + 1, packets[i].pdu);
    compare(i + 1, *layers[i], shifted);
  }
  EXPECT_GT(shifted.mismatches().size(), packets.size() / 2)
      << family << ": the comparison barely notices the wrong message";
}

}  // namespace secmode::test::interop
