// `secmode check` as a user runs it: the bundled example traces give their verdicts (a conformant
// attach; a network that replays altered capabilities and a UE that rightly rejects with #23; a
// UE that accepts a replayed command; keys from AKA with K and OPc; the AS security mode command
// from PDCP), --json gives one object per
// verdict and a summary, stdin works, and unusable traces exit 2 naming the file, the line and
// the reason.
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/cli/run.h"

namespace secmode::test {
namespace {

std::string example(const std::string& name) { return std::string(SECMODE_EXAMPLES) + "/traces/" + name; }

TEST(CliCheck, ConformantAttachExitsZero) {
  const CliRun r = secmode_cli("check " + example("eps_attach_smc.jsonl"));
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("step 3: ok        network, TS 24.301 5.4.3.2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("step 4: ok        ue, TS 24.301 5.4.3.3"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2 verdicts, 0 violations"), std::string::npos) << r.out;
}

TEST(CliCheck, AlteredCapabilitiesAreTheNetworksViolationAndRejectNumber23TheUesDuty) {
  const CliRun r = secmode_cli("check " + example("eps_smc_reject_23.jsonl"));
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("step 3: VIOLATION network, TS 24.301 5.4.3.2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("replayed UE security capabilities f0e0c040 differ from the f0f0c040 the UE sent"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("step 4: ok        ue, TS 24.301 5.4.3.3, 5.4.3.5 (#23): expected SECURITY MODE REJECT #23, "
                       "observed SECURITY MODE REJECT #23"),
            std::string::npos)
      << r.out;
}

TEST(CliCheck, ReplayedCommandAcceptedIsTheUesViolationInJson) {
  const CliRun r = secmode_cli("check --json " + example("eps_smc_replay_accepted.jsonl"));
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  std::vector<nlohmann::json> lines;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(lines.size(), 3u);  // judging the UE only (role "ue"): two verdicts, then the summary
  EXPECT_EQ(lines[0]["verdict"], "ok");
  EXPECT_EQ(lines[1]["verdict"], "violation");
  EXPECT_EQ(lines[1]["step"], 6);
  EXPECT_EQ(lines[1]["party"], "ue");
  EXPECT_EQ(lines[1]["clause"], "TS 24.301 4.4.3.2");
  EXPECT_EQ(lines[1]["expected"], "no answer");
  EXPECT_EQ(lines[1]["observed"], "SECURITY MODE COMPLETE");
  EXPECT_EQ(lines[2]["summary"]["violations"], 1);
  EXPECT_EQ(lines[2]["summary"]["verdicts"], 2);
}

TEST(CliCheck, ReadsStandardInput) {
  const std::string trace = slurp(example("eps_attach_smc.jsonl"));
  const CliRun r = secmode_cli("check -", &trace);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("- step 4: ok"), std::string::npos) << r.out;
}

TEST(CliCheck, UnusableTracesExitTwoWithLineAndReason) {
  const std::string context =
      R"({"kind":"context","rat":"eps","kasme":"30373e454c535a61686f767d848b9299a0a7aeb5bcc3cad1d8dfe6edf4fb0209","ksi":1})";
  const std::vector<std::pair<std::string, std::string>> cases{
      {context + "\n\n# comment\n" + R"({"kind":"pdu","dir":"ul","proto":"nas-eps","hex":"07zz"})", "-:4: "},
      {context + "\n" + R"({"kind":"pdu","dir":"up","proto":"nas-eps","hex":"0741"})", "-:2: dir is"},
      {context + "\n" + R"({"kind":"pdu","dir":"ul","hex":"0741"})", "-:2: missing string field \"proto\""},
      {R"({"kind":"context","rat":"eps","kasme":"00","ksi":1})", "-:1: kasme: K_ASME is 32 octets"},
      {R"({"kind":"context","rat":"eps","kasme":"00","ksi":9})", "-:1: kasme"},
      {context + "\n" + R"({"kind":"sip","dir":"ul","text":"REGISTER"})", "-:2: a sip line before the IMS context"},
      {"{not json", "-:1: not JSON"},
      {"7e99999", "-:1: not JSON"},  // a number beyond a double (found by fuzz/check_trace.cpp)
      {context + "\n" + R"({"kind":"pdu","dir":"dl","proto":"nas-eps","hex":"3700"})", "-:2: NAS PDU: "},
      {context + "\n" + R"({"kind":"pdu","dir":"ul","proto":"nas-5gs","hex":"7e0041"})", "-:2: a PDU of the other RAT"},
      {R"({"kind":"context","rat":"5gs","kasme":"00","ksi":1})", "-:1: missing string field \"kamf\""},
      {R"({"kind":"context","rat":"5gs","kamf":"0011","ksi":1})", "-:1: kamf: K_AMF is 32 octets"},
      {R"({"kind":"context","rat":"lte","kamf":"0011","ksi":1})", "-:1: rat \"lte\""},
      {R"({"kind":"pdu","dir":"dl","proto":"nr-rrc-dl-dcch","hex":"00"})", "-:1: proto \"nr-rrc-dl-dcch\""},
      {R"({"kind":"context","rat":"eps","k":"00","opc":"00","plmn":"00101"})", "-:1: k: K is 16 octets"},
      {context + "\n" + R"({"kind":"pdu","dir":"dl","proto":"lte-pdcp-srb","srb":3,"hex":"0000000000"})",
       "-:2: srb: this version judges SRB1 and SRB2"},
      {context + "\n" + R"({"kind":"pdu","dir":"dl","proto":"lte-pdcp-srb","srb":1,"hex":"0030022042a78a90"})",
       "-:2: a SecurityModeCommand without K_eNB"},
      {R"({"kind":"context","rat":"5gs","kgnb":"0011","kamf":")" + std::string(64, '1') + R"(","ksi":1})",
       "-:1: kgnb: K_gNB is 32 octets"},
      {R"({"kind":"context","rat":"eps","kenb":")" + std::string(64, '1') + R"("})" + "\n" +
           R"({"kind":"pdu","dir":"dl","proto":"lte-pdcp-srb","srb":1,"hex":"0000"})",
       "-:2: hex: a PDCP data PDU of an SRB holds a header and MAC-I"},
      {R"({"kind":"context","rat":"eps","k":")" + std::string(32, '0') + R"(","plmn":"00101"})",
       "-:1: give one of \"opc\" and \"op\""},
      {R"({"kind":"context","rat":"eps","k":")" + std::string(32, '0') + R"(","opc":")" + std::string(32, '0') +
           R"("})",
       "-:1: plmn: EPS AKA needs the serving PLMN"},
      {R"({"kind":"context","rat":"eps","k":")" + std::string(32, '0') + R"(","op":")" + std::string(32, '0') +
           R"(","plmn":"0010"})",
       "-:1: plmn: "},
  };
  for (const auto& [trace, want] : cases) {
    const CliRun r = secmode_cli("check -", &trace);
    EXPECT_EQ(r.status, 2) << trace;
    EXPECT_NE(r.err.find("secmode check: " + want), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "") << trace;
  }
  const CliRun missing = secmode_cli("check /nonexistent/trace.jsonl");
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find("/nonexistent/trace.jsonl: cannot open"), std::string::npos) << missing.err;
}

// 5GS NAS: K'_AMF on K_AMF_change_flag checked with the real keys (the example conforms), and a
// COMPLETE that leaves out the initial request the command asked for again is the UE's violation.
TEST(CliCheck, Judges5gsTraces) {
  const CliRun ok = secmode_cli("check --json " + example("5gs_registration_kamf_change.jsonl"));
  EXPECT_EQ(ok.status, 0) << ok.err << ok.out;
  EXPECT_NE(ok.out.find("K'_AMF, K_AMF_change_flag set"), std::string::npos) << ok.out;
  const CliRun bad = secmode_cli("check " + example("5gs_smc_container_missing.jsonl"));
  EXPECT_EQ(bad.status, 1) << bad.err;
  EXPECT_NE(bad.out.find("step 4: VIOLATION ue, TS 24.501 5.4.2.3, 4.4.6"), std::string::npos) << bad.out;
}

TEST(CliCheck, DrawsTheMessageSequenceChartWithTheViolationInRed) {
  const std::string svg = ::testing::TempDir() + "/secmode_msc_" + std::to_string(::getpid()) + ".svg";
  const CliRun r = secmode_cli("check --msc " + svg + " " + example("eps_smc_reject_23.jsonl"));
  EXPECT_EQ(r.status, 1) << r.err;
  const std::string chart = slurp(svg);
  EXPECT_EQ(chart.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u) << chart.substr(0, 80);
  EXPECT_NE(chart.find("2. ATTACH REQUEST"), std::string::npos);
  EXPECT_NE(chart.find("3. SECURITY MODE COMMAND (header type 3, SN 0)"), std::string::npos);
  EXPECT_NE(chart.find("4. SECURITY MODE REJECT"), std::string::npos);
  EXPECT_NE(chart.find(R"(fill="#c00">VIOLATION network, TS 24.301 5.4.3.2: expected SECURITY MODE COMMAND)"),
            std::string::npos);
  EXPECT_NE(chart.find(R"(fill="#060">ok ue, TS 24.301 5.4.3.3, 5.4.3.5 (#23))"), std::string::npos);
  EXPECT_EQ(chart.substr(chart.size() - 7), "</svg>\n");
  std::remove(svg.c_str());

  const CliRun two = secmode_cli("check --msc " + svg + " " + example("eps_smc_reject_23.jsonl") + " " +
                                 example("eps_attach_smc.jsonl"));
  EXPECT_EQ(two.status, 2);
  EXPECT_NE(two.err.find("--msc draws one trace; 2 given"), std::string::npos) << two.err;
}

// The AS security mode command judged from PDCP PDUs of SRB1, with K_eNB derived from the NAS
// context the trace built (TS 33.401 A.3): a whole attach conforms; a ciphered SecurityModeComplete
// is the UE's violation (TS 36.331 5.3.4.3, TS 33.401 7.2.4.5).
TEST(CliCheck, JudgesTheAsSecurityModeCommand) {
  const CliRun ok = secmode_cli("check " + example("eps_attach_aka_nas_as_smc.jsonl"));
  EXPECT_EQ(ok.status, 0) << ok.out << ok.err;
  EXPECT_NE(ok.out.find("step 9: ok        ue, TS 38.331 / 36.331 5.3.4.3"), std::string::npos) << ok.out;
  EXPECT_NE(ok.out.find("10 verdicts, 0 violations"), std::string::npos) << ok.out;
  const CliRun bad = secmode_cli("check " + example("eps_as_smc_complete_ciphered.jsonl"));
  EXPECT_EQ(bad.status, 1) << bad.out << bad.err;
  EXPECT_NE(bad.out.find("step 8: VIOLATION ue, TS 38.331 / 36.331 5.3.4.3"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find("observed SecurityModeComplete, ciphered"), std::string::npos) << bad.out;
  // The MSC names the RRC messages.
  const std::string svg = ::testing::TempDir() + "as.svg";
  const CliRun chart = secmode_cli("check --msc " + svg + " " + example("eps_attach_aka_nas_as_smc.jsonl"));
  EXPECT_EQ(chart.status, 0);
  const std::string drawn = slurp(svg);
  EXPECT_NE(drawn.find("RRC SecurityModeCommand"), std::string::npos);
  EXPECT_NE(drawn.find("RRC SecurityModeComplete"), std::string::npos);
}

// Concurrent procedures, TS 33.501 6.9.5.1: an N2 key change during the NAS SMC is the network's
// violation of rule 1; the same change after the COMPLETE conforms. Events need a 5GS trace.
TEST(CliCheck, JudgesConcurrentProceduresFromEvents) {
  const CliRun bad = secmode_cli("check " + example("5gs_new_kgnb_during_smc.jsonl"));
  EXPECT_EQ(bad.status, 1) << bad.out << bad.err;
  EXPECT_NE(bad.out.find("step 6: VIOLATION network, TS 33.501 6.9.5.1 rule 1"), std::string::npos) << bad.out;
  std::vector<std::string> lines;
  {
    std::istringstream in(slurp(example("5gs_new_kgnb_during_smc.jsonl")));
    for (std::string l; std::getline(in, l);) lines.push_back(l);
  }
  // Move the start of the N2 procedure after the COMPLETE.
  const std::string start = R"({"kind":"event","name":"n2_key_change","phase":"start"})";
  std::string reordered;
  for (const std::string& l : lines) {
    if (l == start) continue;
    if (l.rfind(R"({"kind":"event","name":"n2_key_change","phase":"complete"})", 0) == 0) reordered += start + "\n";
    reordered += l + "\n";
  }
  const CliRun ok = secmode_cli("check -", &reordered);
  EXPECT_EQ(ok.status, 0) << reordered << ok.out << ok.err;
  EXPECT_NE(ok.out.find("ok        network, TS 33.501 6.9.4.4"), std::string::npos) << ok.out;
  const std::string eps =
      R"({"kind":"context","rat":"eps","kasme":"30373e454c535a61686f767d848b9299a0a7aeb5bcc3cad1d8dfe6edf4fb0209","ksi":1})"
      "\n"
      R"({"kind":"event","name":"handover","phase":"start"})";
  const CliRun refused = secmode_cli("check -", &eps);
  EXPECT_EQ(refused.status, 2);
  EXPECT_NE(refused.err.find("-:2: events: this version judges TS 33.501 6.9.5.1"), std::string::npos) << refused.err;
}

// Keys from AKA: the oracle takes K and OPc (or OP), checks the challenge and the answer, and
// judges the security mode control under the key it derived; a UE that answers a forged AUTN
// with its RES is caught (TS 24.301 5.4.2.6).
TEST(CliCheck, KeysFromAkaInTheTrace) {
  for (const char* name : {"eps_attach_aka_smc.jsonl", "5gs_registration_aka_smc.jsonl"}) {
    const CliRun r = secmode_cli("check " + example(name));
    EXPECT_EQ(r.status, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("6 verdicts, 0 violations"), std::string::npos) << r.out;  // with the context setup's 2
  }
  // OP of TS 35.208 test set 1 in place of its OPc gives the same judgement.
  std::string trace = slurp(example("eps_attach_aka_smc.jsonl"));
  const std::string opc = R"("opc":"cd63cb71954a9f4e48a5994e37a02baf")";
  ASSERT_NE(trace.find(opc), std::string::npos);
  trace.replace(trace.find(opc), opc.size(), R"("op":"cdc202d5123e20f62b6d676ac72cb318")");
  const CliRun op = secmode_cli("check -", &trace);
  EXPECT_EQ(op.status, 0) << op.out << op.err;
  // Another K: the challenge no longer verifies, and the UE's RESPONSE is a violation.
  std::string other = slurp(example("eps_attach_aka_smc.jsonl"));
  other.replace(other.find("465b5ce8"), 8, "465b5ce9");
  const CliRun wrong = secmode_cli("check -", &other);
  EXPECT_EQ(wrong.status, 1) << wrong.out << wrong.err;
  EXPECT_NE(wrong.out.find("step 3: VIOLATION network, TS 33.401 6.1.1"), std::string::npos) << wrong.out;
  const CliRun forged = secmode_cli("check " + example("eps_aka_forged_autn_accepted.jsonl"));
  EXPECT_EQ(forged.status, 1) << forged.out << forged.err;
  EXPECT_NE(forged.out.find("step 4: VIOLATION ue, TS 24.301 5.4.2.6: expected AUTHENTICATION FAILURE #20, observed "
                            "AUTHENTICATION RESPONSE"),
            std::string::npos)
      << forged.out;
}

TEST(CliCheck, JudgesImsRegistrationFromSipLines) {
  const CliRun ok = secmode_cli("check " + example("ims_registration_reregistration.jsonl"));
  EXPECT_EQ(ok.status, 0) << ok.out << ok.err;
  EXPECT_NE(ok.out.find("step 8: ok        ue, TS 24.229 5.1.1.5.1: expected REGISTER over the set proposed with "
                        "spi-c 5555"),
            std::string::npos)
      << ok.out;
  const CliRun bad = secmode_cli("check --json " + example("ims_security_verify_bidding_down.jsonl"));
  EXPECT_EQ(bad.status, 1) << bad.out << bad.err;
  EXPECT_NE(bad.out.find("its Security-Verify differs from the Security-Server of the 401"), std::string::npos)
      << bad.out;
  const std::string sip = R"({"kind":"sip","dir":"ul","protected_by":"none","text":"REGISTER sip:a SIP/2.0\r\n\r\n"})";
  const std::string ctx =
      R"({"kind":"context","rat":"ims","k":"465b5ce8b199b49faa5f0a2ee238a6bc","opc":"cd63cb71954a9f4e48a5994e37a02baf"})";
  for (const auto& [trace, reason] : std::vector<std::pair<std::string, std::string>>{
           {sip, "a sip line before the IMS context"},
           {ctx + "\n" + sip, "REGISTER without Security-Client"},
           {ctx + "\n" + R"({"kind":"sip","dir":"ul","protected_by":-1,"text":"x"})", "protected_by is"},
           {ctx + "\n" + R"({"kind":"pdu","dir":"ul","proto":"nas-eps","hex":"00"})", "in an IMS trace"},
           {R"({"kind":"context","rat":"ims"})", "an IMS context gives"}}) {
    const CliRun r = secmode_cli("check -", &trace);
    EXPECT_EQ(r.status, 2) << trace;
    EXPECT_NE(r.err.find(reason), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace secmode::test
