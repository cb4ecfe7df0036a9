// The oracle for EPS NAS security mode control (TS 24.301 5.4.3, 4.4.3, 4.4.4; TS 33.401
// 7.2.4.4): fed the NAS PDUs of a trace in order, with the K_ASME they run under, it runs the
// UE's and the MME's rule tables (spec/procedures/nas_smc_ue.h, nas_smc_network.h) on what the
// PDUs mean (MACs checked and bodies deciphered with the real keys, COUNTs estimated as the
// receiver does) and judges each party's observed behaviour against what the tables say:
//  - the UE: for each SECURITY MODE COMMAND, the answer the standard requires (COMPLETE, REJECT
//    with which cause, or none), and how it must be protected (key, COUNT, header type);
//  - the network: whether it may send the command at all, and whether it is protected with the
//    context it names, with the expected downlink COUNT, replaying the capabilities the UE sent;
//    its retransmissions and the abort at the fifth expiry of T3460.
// The tables then continue from the state the standard says each party is in.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "oracle/verdict.h"
#include "spec/procedures/nas_smc_network.h"
#include "spec/procedures/nas_smc_ue.h"

namespace secmode::oracle {

using ByteView = std::span<const std::uint8_t>;

// A trace item the oracle cannot judge (a PDU it cannot decode, a key of the wrong size). The
// CLI reports it with the line and exits 2.
struct UnusableInput : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class EpsNasJudge {
 public:
  EpsNasJudge() = default;
  EpsNasJudge(const EpsNasJudge&) = delete;
  EpsNasJudge& operator=(const EpsNasJudge&) = delete;
  ~EpsNasJudge();  // wipes the K_ASMEs it was given

  // Which parties to judge (both by default).
  void judge(bool ue, bool network) {
    judge_ue_ = ue;
    judge_network_ = network;
  }
  // K_ASME (32 octets) from an EPS AKA both ends ran, under eKSI `ksi` (0..6): the partial native
  // context a SECURITY MODE COMMAND takes into use (TS 33.401 6.1.1).
  void context(ByteView kasme, std::uint8_t ksi);
  // The next NAS PDU of the trace, uplink or downlink; verdicts go to `out`.
  void pdu(std::size_t step, bool uplink, ByteView pdu, std::vector<Verdict>& out);
  // End of the trace: the commands still waiting for the UE's answer get their verdicts.
  void finish(std::vector<Verdict>& out);

 private:
  struct Protection {  // how a message is (to be) protected: key identity, algorithms, COUNT
    std::uint32_t key = 0;
    std::uint32_t eea = 0, eia = 0, count = 0;
  };
  struct Expectation {  // the UE's answer the standard requires to a command
    std::size_t step = 0;
    spec::nas_smc_ue::Output<spec::Concrete> output;
    std::string clause, rule;
    bool secured_before = false;
    bool imeisv_requested = false;  // the command's IMEISV request says "IMEISV requested"
    Protection complete, reject;
    std::string why;  // what in the command decided the rule, in words
  };

  struct Command {  // what a SECURITY MODE COMMAND says
    std::uint8_t header = 0, sn = 0, ksi = 0, eea = 0, eia = 0;
    bool mapped = false, imeisv_request = false;
    std::vector<std::uint8_t> replayed;  // normalized (TS 24.301 9.9.3.36 octets 3..6)
    std::optional<std::uint32_t> additional, nonce_ue;
    std::vector<std::uint8_t> plain;  // the message inside the security header
  };

  std::uint32_t key_id(ByteView kasme);
  ByteView kasme(std::uint32_t id) const;
  std::uint32_t caps_id(ByteView normalized);
  void uplink(std::size_t step, ByteView pdu, std::vector<Verdict>& out);
  void downlink(std::size_t step, ByteView pdu, std::vector<Verdict>& out);
  void command_ue(std::size_t step, ByteView pdu, const Command& c);
  void command_network(std::size_t step, ByteView pdu, const Command& c, std::vector<Verdict>& out);
  void answer(std::size_t step, ByteView pdu, std::vector<Verdict>& out);
  void silent(const Expectation& x, std::vector<Verdict>& out) const;
  std::deque<Expectation>::const_iterator first_due() const;  // the oldest command that requires an answer
  const Expectation& answered() const;                        // the command the next answer belongs to
  std::optional<std::vector<std::uint8_t>> answer_plain(const Expectation& x, ByteView pdu, std::uint32_t& count) const;
  static bool is_answer(ByteView plain);
  void no_answers(std::vector<Verdict>& out);
  void emit(std::vector<Verdict>& out, Verdict v) const;

  bool judge_ue_ = true, judge_network_ = true;
  spec::nas_smc_ue::State<spec::Concrete> ue_ = spec::nas_smc_ue::initial(spec::Concrete{});
  spec::nas_smc_network::State<spec::Concrete> mme_ = spec::nas_smc_network::initial(spec::Concrete{});
  std::vector<std::array<std::uint8_t, 32>> keys_;  // identity i + 1
  std::map<std::vector<std::uint8_t>, std::uint32_t> caps_;
  std::optional<std::uint32_t> sent_nonce_;
  std::vector<std::uint8_t> sent_caps_;  // normalized, from the UE's latest initial request
  // Commands still waiting for the UE's answer, oldest first. The trace is in the order the
  // network sent and received (an S1AP capture at the MME), so a retransmission may go out before
  // the answer to the first command comes back; each direction keeps its own order.
  std::deque<Expectation> expecting_;
  std::vector<std::uint8_t> last_command_;  // the plain command the MME last sent, for retransmissions
};

}  // namespace secmode::oracle
