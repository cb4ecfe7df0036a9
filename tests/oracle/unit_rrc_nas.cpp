// oracle/rrc_nas.h: the NAS inside RRC messages is found whatever optional fields come before it,
// what cannot be read says where and why, and Wireshark's RRC dissectors find the same NAS in the
// same messages.
#include <rapidcheck/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "oracle/rrc_nas.h"
#include "spec/codec/rrc_security_mode.h"
#include "spec/hex.h"
#include "tests/oracle/rrc_nas_writer.h"

namespace secmode::test {
namespace {

using oracle::Rat;
using oracle::rrc_nas;
using rrc_nas::Before;
using rrc_nas::Octets;

const Octets kAttachRequest = spec::from_hex("0741710bf600f1100000000000000004f0f0c0c000040201d011");
const Octets kAuthRequest = spec::from_hex("07520323553cbe9637a89d218ae64dae47bf351055f328b43577b9b94a9ffac354dfafb3");
const Octets kRegistrationRequest = spec::from_hex("7e004171000d0100f110f0ff000010325476982e04f0f0f0f0");

// One message, how it was written and the NAS it carries.
struct Carrier {
  Rat rat;
  bool uplink;
  std::string name;
  Octets message;
  std::vector<Octets> nas;
};

std::vector<Before> befores() {
  std::vector<Before> out(1);
  Before b;
  b.registered = true;
  out.push_back(b);
  b.plmn = true;
  out.push_back(b);
  b.mcc = true;
  out.push_back(b);
  b.three_digit_mnc = true;
  b.guami_type = true;
  b.nssai = 3;
  out.push_back(b);
  b.nssai = 8;
  out.push_back(b);
  return out;
}

// Every carrier, with what Wireshark can read too (no opaque octets where it expects ASN.1).
std::vector<Carrier> carriers() {
  std::vector<Carrier> out;
  for (const Before& b : befores()) {
    out.push_back({Rat::eps,
                   true,
                   "RRCConnectionSetupComplete",
                   rrc_nas::lte_setup_complete(kAttachRequest, b),
                   {kAttachRequest}});
    out.push_back({Rat::fivegs,
                   true,
                   "RRCSetupComplete",
                   rrc_nas::nr_setup_complete(kRegistrationRequest, b),
                   {kRegistrationRequest}});
  }
  for (bool uplink : {true, false})
    for (bool later : {false, true}) {
      Before b;
      b.later_release = later;
      out.push_back({Rat::eps,
                     uplink,
                     uplink ? "ULInformationTransfer" : "DLInformationTransfer",
                     rrc_nas::lte_information_transfer(uplink, kAuthRequest, b),
                     {kAuthRequest}});
    }
  for (bool uplink : {true, false})
    out.push_back({Rat::fivegs,
                   uplink,
                   uplink ? "ULInformationTransfer" : "DLInformationTransfer",
                   rrc_nas::nr_information_transfer(uplink, kRegistrationRequest),
                   {kRegistrationRequest}});
  for (std::size_t n : {0, 1, 3}) {
    const std::vector<Octets> list(n, kAuthRequest);
    out.push_back({Rat::eps, false, "RRCConnectionReconfiguration", rrc_nas::lte_reconfiguration(list), list});
    out.push_back({Rat::fivegs, false, "RRCReconfiguration", rrc_nas::nr_reconfiguration(list), list});
  }
  // RRCReconfigurations carrying a RadioBearerConfig before the list, as a PDU session set-up does.
  {
    Before::Bearers setup;
    setup.drbs = 1;
    setup.qfis = 2;
    Before::Bearers full;
    full.srbs = 2;
    full.drbs = 3;
    full.qfis = 64;
    full.rohc = full.more_than_one_rlc = full.ciphering_disabled = full.release = full.security = true;
    Before::Bearers eps;
    eps.drbs = 2;
    eps.eps_bearer = eps.security = true;
    for (const auto& bearers : {setup, full, eps}) {
      Before b;
      b.bearers = bearers;
      out.push_back(
          {Rat::fivegs, false, "RRCReconfiguration", rrc_nas::nr_reconfiguration({kAuthRequest}, b), {kAuthRequest}});
    }
  }
  // RRCConnectionReconfigurations carrying a MeasConfig before the list, as an eNB that configures
  // measurements sends the ATTACH ACCEPT: every measObject, report configuration and other field.
  {
    Before::LteMeas a3;  // what an eNB sends for handover: one EUTRA object, event A3, one measId
    a3.objects = 1;
    a3.eutra_events = 1u << 2;
    a3.quantity = true;
    Before::LteMeas all;
    all.objects = 0xf;
    all.cells = all.removals = all.quantity = all.gap = all.s_measure = all.hrpd = all.speed = true;
    all.eutra_events = 0x7f;
    all.inter_rat_events = 0x1f;
    all.addition = true;
    Before::LteMeas other = all;
    other.tdd = true;
    other.geran = 1;
    other.gap_extension = true;
    other.addition = false;
    Before::LteMeas bitmap = other;
    bitmap.geran = 2;
    bitmap.cells = false;
    for (const auto& meas : {a3, all, other, bitmap}) {
      Before b;
      b.lte_meas = meas;
      const std::vector<Octets> list{kAttachRequest, kAuthRequest};
      out.push_back({Rat::eps, false, "RRCConnectionReconfiguration", rrc_nas::lte_reconfiguration(list, b), list});
    }
  }
  // RRCReconfigurations carrying an NR MeasConfig before the list.
  {
    Before::NrMeas a3;  // one SSB-based object, event A3, one measId
    a3.objects = 1;
    a3.ssb = true;
    a3.events = 1u << 2;
    Before::NrMeas all;
    all.objects = 3;
    all.ssb = all.cells = all.removals = all.s_measure = all.quantity = all.gap = all.sharing = all.addition = true;
    all.events = 0xff;
    Before::NrMeas medium = all;
    medium.bitmap = 1;
    medium.addition = false;
    Before::NrMeas long_map = all;
    long_map.bitmap = 2;
    long_map.cells = false;
    long_map.csi_rs = true;
    for (const auto& meas : {a3, all, medium, long_map}) {
      Before b;
      b.nr_meas = meas;
      const std::vector<Octets> list{kRegistrationRequest, kAuthRequest};
      out.push_back({Rat::fivegs, false, "RRCReconfiguration", rrc_nas::nr_reconfiguration(list, b), list});
    }
  }
  // A long NAS message: a two-octet length determinant (X.691 11.9.3.7).
  const Octets long_nas(300, 0x5a);
  out.push_back(
      {Rat::eps, false, "DLInformationTransfer", rrc_nas::lte_information_transfer(false, long_nas), {long_nas}});
  out.push_back(
      {Rat::fivegs, false, "DLInformationTransfer", rrc_nas::nr_information_transfer(false, long_nas), {long_nas}});
  return out;
}

TEST(RrcNas, EveryCarrierGivesItsNas) {
  for (const Carrier& c : carriers()) {
    SCOPED_TRACE(c.name + " " + spec::to_hex(c.message));
    const auto found = rrc_nas(c.rat, c.uplink, c.message);
    EXPECT_EQ(found.message, c.name);
    EXPECT_EQ(found.unread, "");
    EXPECT_EQ(found.nas, c.nas);
  }
}

TEST(RrcNas, NrReconfigurationStepsOverCellGroups) {
  Before b;
  b.skipped_octets = Octets(200, 0x33);
  const auto found = rrc_nas(Rat::fivegs, false, rrc_nas::nr_reconfiguration({kRegistrationRequest}, b));
  EXPECT_EQ(found.unread, "");
  EXPECT_EQ(found.nas, std::vector<Octets>{kRegistrationRequest});
}

TEST(RrcNas, Cdma2000CarriesNoNas) {
  Before b;
  b.cdma2000 = true;
  for (bool uplink : {true, false}) {
    const auto found = rrc_nas(Rat::eps, uplink, rrc_nas::lte_information_transfer(uplink, kAuthRequest, b));
    EXPECT_EQ(found.message, uplink ? "ULInformationTransfer" : "DLInformationTransfer");
    EXPECT_TRUE(found.nas.empty());
    EXPECT_EQ(found.unread, "");
  }
}

TEST(RrcNas, AListAfterMobilityControlInfoIsNamedNotRead) {
  Before b;
  b.mobility_control = true;
  const auto lte = rrc_nas(Rat::eps, false, rrc_nas::lte_reconfiguration({kAuthRequest}, b));
  EXPECT_EQ(lte.message, "RRCConnectionReconfiguration");
  EXPECT_TRUE(lte.nas.empty());
  EXPECT_NE(lte.unread.find("rrcConnectionReconfiguration-r8.mobilityControlInfo at bit 17"), std::string::npos)
      << lte.unread;
  // Without a list there is nothing to miss.
  EXPECT_EQ(rrc_nas(Rat::eps, false, rrc_nas::lte_reconfiguration({}, b)).unread, "");
}

TEST(RrcNas, TruncatedCarriersSayWhereTheyEnd) {
  std::size_t judged = 0;
  for (const Carrier& c : carriers()) {
    if (c.nas.empty()) continue;
    for (std::size_t n = 1; n + 1 < c.message.size(); n += 3) {
      SCOPED_TRACE(c.name + " cut to " + std::to_string(n));
      const Octets cut(c.message.begin(), c.message.begin() + static_cast<std::ptrdiff_t>(n));
      const auto found = rrc_nas(c.rat, c.uplink, cut);
      if (found.message.empty()) continue;  // cut inside the message type
      EXPECT_TRUE(found.nas.empty());
      EXPECT_NE(found.unread.find(" at bit "), std::string::npos) << found.unread;
      ++judged;
    }
  }
  EXPECT_GE(judged, 100u);  // every carrier cut many times past its message type
}

TEST(RrcNas, OtherMessagesAreNoCarriers) {
  // The security mode messages as the spec-twin codec writes them, and nothing at all.
  for (const auto& [rat, uplink, message] :
       {std::tuple{Rat::eps, false, spec::rrc::lte::encode(spec::rrc::lte::SecurityModeCommand{})},
        std::tuple{Rat::eps, true, spec::rrc::lte::encode(spec::rrc::lte::SecurityModeComplete{})},
        std::tuple{Rat::fivegs, false, spec::rrc::nr::encode(spec::rrc::nr::SecurityModeCommand{})},
        std::tuple{Rat::fivegs, true, spec::rrc::nr::encode(spec::rrc::nr::SecurityModeFailure{})},
        std::tuple{Rat::eps, true, Octets{}}}) {
    const auto found = rrc_nas(rat, uplink, message);
    EXPECT_EQ(found.message, "") << spec::to_hex(message);
    EXPECT_TRUE(found.nas.empty());
    EXPECT_EQ(found.unread, "");
  }
}

RC_GTEST_PROP(RrcNas, AnyNasUnderAnyOptionalFieldsIsFound, ()) {
  const auto nas =
      *rc::gen::container<Octets>(*rc::gen::inRange<std::size_t>(0, 600), rc::gen::arbitrary<std::uint8_t>());
  Before b;
  b.registered = *rc::gen::arbitrary<bool>();
  b.plmn = *rc::gen::arbitrary<bool>();
  b.mcc = *rc::gen::arbitrary<bool>();
  b.three_digit_mnc = *rc::gen::arbitrary<bool>();
  b.guami_type = *rc::gen::arbitrary<bool>();
  b.nssai = *rc::gen::inRange(0u, 9u);
  b.later_release = *rc::gen::arbitrary<bool>();
  b.skipped_octets =
      *rc::gen::container<Octets>(*rc::gen::inRange<std::size_t>(0, 200), rc::gen::arbitrary<std::uint8_t>());
  const auto list = *rc::gen::container<std::vector<Octets>>(
      *rc::gen::inRange<std::size_t>(0, 12), rc::gen::container<Octets>(rc::gen::arbitrary<std::uint8_t>()));
  const std::vector<Octets> one{nas};
  RC_ASSERT(rrc_nas(Rat::eps, true, rrc_nas::lte_setup_complete(nas, b)).nas == one);
  RC_ASSERT(rrc_nas(Rat::fivegs, true, rrc_nas::nr_setup_complete(nas, b)).nas == one);
  const bool uplink = *rc::gen::arbitrary<bool>();
  RC_ASSERT(rrc_nas(Rat::eps, uplink, rrc_nas::lte_information_transfer(uplink, nas, b)).nas == one);
  RC_ASSERT(rrc_nas(Rat::fivegs, uplink, rrc_nas::nr_information_transfer(uplink, nas)).nas == one);
  const std::vector<Octets> lte_list(
      list.begin(), list.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(list.size(), 11)));
  RC_ASSERT(rrc_nas(Rat::eps, false, rrc_nas::lte_reconfiguration(lte_list)).nas == lte_list);
  {
    Before::LteMeas m;
    m.objects = *rc::gen::inRange(0u, 16u);
    m.cells = *rc::gen::arbitrary<bool>();
    m.tdd = *rc::gen::arbitrary<bool>();
    m.geran = *rc::gen::inRange(0u, 3u);
    m.eutra_events = *rc::gen::inRange(0u, 128u);
    m.inter_rat_events = *rc::gen::inRange(0u, 32u);
    m.removals = *rc::gen::arbitrary<bool>();
    m.quantity = *rc::gen::arbitrary<bool>();
    m.gap = *rc::gen::arbitrary<bool>();
    m.gap_extension = *rc::gen::arbitrary<bool>();
    m.s_measure = *rc::gen::arbitrary<bool>();
    m.hrpd = *rc::gen::arbitrary<bool>();
    m.speed = *rc::gen::arbitrary<bool>();
    m.addition = *rc::gen::arbitrary<bool>();
    Before with;
    with.lte_meas = m;
    const auto found = rrc_nas(Rat::eps, false, rrc_nas::lte_reconfiguration(lte_list, with));
    RC_ASSERT(found.unread == "");
    RC_ASSERT(found.nas == lte_list);
  }
  RC_ASSERT(rrc_nas(Rat::fivegs, false, rrc_nas::nr_reconfiguration(list, b)).nas == list);
  if (*rc::gen::arbitrary<bool>()) {
    Before::NrMeas m;
    m.objects = *rc::gen::inRange(0u, 4u);
    m.ssb = *rc::gen::arbitrary<bool>();
    m.bitmap = *rc::gen::inRange(0u, 3u);
    m.cells = *rc::gen::arbitrary<bool>();
    m.events = *rc::gen::inRange(0u, 256u);
    m.removals = *rc::gen::arbitrary<bool>();
    m.s_measure = *rc::gen::arbitrary<bool>();
    m.quantity = *rc::gen::arbitrary<bool>();
    m.gap = *rc::gen::arbitrary<bool>();
    m.sharing = *rc::gen::arbitrary<bool>();
    m.addition = *rc::gen::arbitrary<bool>();
    m.csi_rs = *rc::gen::arbitrary<bool>();
    b.nr_meas = m;
    const auto found = rrc_nas(Rat::fivegs, false, rrc_nas::nr_reconfiguration(list, b));
    RC_ASSERT(found.unread == "");
    RC_ASSERT(found.nas == list);
  }
  if (*rc::gen::arbitrary<bool>()) {
    Before::Bearers r;
    r.srbs = *rc::gen::inRange(0u, 3u);
    r.drbs = *rc::gen::inRange(0u, 30u);
    r.qfis = *rc::gen::inRange(0u, 65u);
    r.eps_bearer = *rc::gen::arbitrary<bool>();
    r.rohc = *rc::gen::arbitrary<bool>();
    r.more_than_one_rlc = *rc::gen::arbitrary<bool>();
    r.ciphering_disabled = *rc::gen::arbitrary<bool>();
    r.release = *rc::gen::arbitrary<bool>();
    r.security = *rc::gen::arbitrary<bool>();
    b.bearers = r;
    const auto found = rrc_nas(Rat::fivegs, false, rrc_nas::nr_reconfiguration(list, b));
    RC_ASSERT(found.unread == "");
    RC_ASSERT(found.nas == list);
  }
}

// ---- Wireshark -----------------------------------------------------------------------------

void write_pcap(const std::string& path, std::uint32_t linktype, const std::vector<Octets>& packets) {
  std::ofstream f(path, std::ios::binary);
  const auto u32 = [&f](std::uint32_t v) { f.write(reinterpret_cast<const char*>(&v), 4); };
  const auto u16 = [&f](std::uint16_t v) { f.write(reinterpret_cast<const char*>(&v), 2); };
  u32(0xa1b2c3d4);  // little-endian host order, microseconds
  u16(2);
  u16(4);
  u32(0);
  u32(0);
  u32(65535);
  u32(linktype);
  for (const Octets& p : packets) {
    u32(0);
    u32(0);
    u32(static_cast<std::uint32_t>(p.size()));
    u32(static_cast<std::uint32_t>(p.size()));
    f.write(reinterpret_cast<const char*>(p.data()), static_cast<std::streamsize>(p.size()));
  }
}

std::string slurp_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Wireshark's LTE RRC and NR RRC dissectors (DLT_USER 0-3 mapped to the four DCCHs) find, in every
// message the writer wrote, the NAS the reader finds.
TEST(RrcNas, WiresharkFindsTheSameNas) {
  if (std::system("command -v tshark >/dev/null 2>&1") != 0) GTEST_SKIP() << "tshark not installed";
  const std::string dir = ::testing::TempDir() + "/secmode_rrc_nas_" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/user_dlts") << "\"User 0 (DLT=147)\",\"lte_rrc.ul_dcch\",\"0\",\"\",\"0\",\"\"\n"
                                       "\"User 1 (DLT=148)\",\"lte_rrc.dl_dcch\",\"0\",\"\",\"0\",\"\"\n"
                                       "\"User 2 (DLT=149)\",\"nr-rrc.ul.dcch\",\"0\",\"\",\"0\",\"\"\n"
                                       "\"User 3 (DLT=150)\",\"nr-rrc.dl.dcch\",\"0\",\"\",\"0\",\"\"\n";
  const auto all = carriers();
  std::size_t compared = 0;
  for (const Rat rat : {Rat::eps, Rat::fivegs})
    for (const bool uplink : {true, false}) {
      std::vector<const Carrier*> these;
      std::vector<Octets> packets;
      for (const Carrier& c : all)
        if (c.rat == rat && c.uplink == uplink) {
          these.push_back(&c);
          packets.push_back(c.message);
        }
      const std::uint32_t linktype = 147 + (rat == Rat::eps ? 0 : 2) + (uplink ? 0 : 1);
      const std::string pcap = dir + "/" + std::to_string(linktype) + ".pcap", out = pcap + ".out";
      write_pcap(pcap, linktype, packets);
      // A field per ASN.1 name: the list items are named by their type.
      const std::string fields = rat == Rat::eps ? "-e lte-rrc.dedicatedInfoNAS -e lte-rrc.dedicatedInfoNAS_r15 "
                                                   "-e lte-rrc.dedicatedInfoNAS_r16 -e lte-rrc.DedicatedInfoNAS"
                                                 : "-e nr-rrc.dedicatedNAS_Message -e nr-rrc.DedicatedNAS_Message";
      const std::string cmd = "WIRESHARK_CONFIG_DIR=" + dir + " tshark -n -r " + pcap +
                              " --disable-protocol nas-eps --disable-protocol nas-5gs -T fields " + fields +
                              " -e _ws.malformed >" + out + " 2>" + out + ".err";
      ASSERT_EQ(std::system(cmd.c_str()), 0) << slurp_file(out + ".err");
      std::istringstream in(slurp_file(out));
      std::string line;
      for (const Carrier* c : these) {
        ASSERT_TRUE(std::getline(in, line)) << c->name;
        SCOPED_TRACE(c->name + " " + spec::to_hex(c->message) + ": tshark says " + line);
        const auto tab = line.rfind('\t');
        ASSERT_NE(tab, std::string::npos);
        EXPECT_EQ(line.substr(tab + 1), "") << "Wireshark finds the message malformed";
        std::string theirs, ours;
        std::istringstream columns(line.substr(0, tab));
        const auto join = [](std::string& list, const std::string& item) {
          if (!list.empty()) list += ',';
          list += item;
        };
        for (std::string column; std::getline(columns, column, '\t');)
          if (!column.empty()) join(theirs, column);
        for (const Octets& n : rrc_nas(rat, uplink, c->message).nas) join(ours, spec::to_hex(n));
        EXPECT_EQ(ours, theirs);
        ++compared;
      }
    }
  EXPECT_EQ(compared, all.size());
}

}  // namespace
}  // namespace secmode::test
