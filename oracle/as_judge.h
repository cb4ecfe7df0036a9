// The oracle for the AS security mode command (TS 36.331 / TS 38.331 5.3.4, 5.3.1.1; TS 33.401
// 7.2.4.5; TS 33.501 6.7.4), judged from the PDCP PDUs of SRB1 and SRB2 (pdcp_srb.h) in a trace: it runs the
// UE's and the eNB / gNB's rule tables (spec/procedures/as_smc_ue.h, as_smc_ran.h) on what the
// PDUs mean, with MAC-I recomputed and ciphered messages deciphered with K_RRCint / K_RRCenc of the
// connection's K_eNB / K_gNB, and judges
//  - the network: a SecurityModeCommand only once per connection, integrity protected with the
//    connection's key and not ciphered; every downlink message after it integrity protected and
//    ciphered;
//  - both: SRB2 only after the command (the UE: after activation), every SRB2 message protected;
//  - the UE: the answer each command requires (SecurityModeComplete integrity protected and not
//    ciphered when MAC-I verifies, SecurityModeFailure without protection when not), and every
//    uplink message after activation integrity protected and ciphered.
// One trace is one RRC connection, entered at its first SRB1 PDU (with or without a key: the
// network has one from the Initial Context Setup, the UE derives its own when it needs it); a
// SecurityModeFailure ends it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "impl/engine/message_security.h"
#include "oracle/verdict.h"
#include "spec/procedures/as_smc_ran.h"
#include "spec/procedures/as_smc_ue.h"

namespace secmode::oracle {

class AsJudge {
 public:
  // Rat::eps judges LTE (TS 36.323 SRB PDUs, K_eNB), Rat::fivegs NR (TS 38.323, K_gNB).
  explicit AsJudge(Rat rat) : rat_(rat) {}
  AsJudge(const AsJudge&) = delete;
  AsJudge& operator=(const AsJudge&) = delete;
  ~AsJudge();  // wipes the key

  void judge(bool ue, bool network) {
    judge_ue_ = ue;
    judge_network_ = network;
  }
  // The connection's K_eNB / K_gNB (32 octets), given in the trace's context.
  void key(std::span<const std::uint8_t> key);
  // Or where to ask for it when first needed (a SecurityModeCommand): the caller derives it from
  // the NAS context then (TS 33.401 A.3, TS 33.501 A.9), not at the connection's first PDU, which
  // may come before NAS security (RRCConnectionSetupComplete). False: not known yet.
  using KeySource = std::function<bool(std::array<std::uint8_t, 32>&)>;
  void key_source(KeySource source) { source_ = std::move(source); }
  // The S1AP / NGAP Initial Context Setup (TS 36.413 / 38.413): the key the eNB / gNB takes, and
  // the UE security capabilities the core sent with it, bit i for EEA / NEA i and bit 8 + i for
  // EIA / NIA i. Without one, the key comes as above and every algorithm counts as supported.
  void context_setup(std::span<const std::uint8_t> key, std::uint16_t caps);
  // The eNB / gNB's configured priority lists (TS 33.401 7.2.4.2.1, TS 33.501 6.7.3.0), highest
  // priority first, at most 8 algorithms each; empty: not known, any algorithm the UE supports may be
  // chosen. For the connections entered after the call.
  void algorithm_priority(std::span<const std::uint8_t> ciphering, std::span<const std::uint8_t> integrity);

  // The next PDCP PDU of SRB1 or SRB2, uplink or downlink.
  void pdu(std::size_t step, bool uplink, std::span<const std::uint8_t> pdu, std::vector<Verdict>& out,
           std::uint8_t srb = 1);
  // The RRC message of the last PDU as its receiver takes it in: MAC-I verified where integrity
  // protection is on, deciphered. Empty when the receiver discards the PDU, and for the security
  // mode messages themselves. Valid until the next call of pdu().
  std::span<const std::uint8_t> delivered() const { return delivered_; }
  // End of the trace: a command still waiting for the UE's answer.
  void finish(std::vector<Verdict>& out);

 private:
  struct Expectation {
    std::size_t step = 0;
    std::uint32_t message = 0;  // as_smc_ue::kComplete, kFailure or kNothing
    std::uint8_t transaction_id = 0, eea = 0, eia = 0;
    std::string clause, why;
  };
  void connect();
  bool try_key();   // the key is fixed, or the source gives one now (into key_, not fixed)
  void need_key();  // fixes the key and sets up the eNB / gNB; UnusableInput when there is none
  void setup_ran();
  // The PDCP COUNTs one direction of one SRB carried lately, with the PDU that carried each.
  struct Sent {
    std::uint32_t next = 0;  // the COUNT its receiver expects next (RX_NEXT)
    std::vector<std::pair<std::uint32_t, std::vector<std::uint8_t>>> recent;
  };
  bool reused(std::size_t step, bool uplink, std::uint8_t srb, Sent& sent, std::uint32_t count,
              std::span<const std::uint8_t> pdu, std::vector<Verdict>& out);
  void downlink(std::size_t step, std::span<const std::uint8_t> pdu, std::uint32_t count, std::vector<Verdict>& out);
  void uplink(std::size_t step, std::span<const std::uint8_t> pdu, std::uint32_t count, std::vector<Verdict>& out);
  void srb2(std::size_t step, bool uplink, std::span<const std::uint8_t> pdu, std::uint32_t count,
            std::vector<Verdict>& out);
  void answer(std::size_t step, std::span<const std::uint8_t> pdu, std::uint32_t count, std::vector<Verdict>& out);
  void emit(std::vector<Verdict>& out, Verdict v) const;

  Rat rat_;
  bool judge_ue_ = true, judge_network_ = true;
  std::array<std::uint8_t, 32> key_{};
  bool keyed_ = false;  // key_ is fixed: from the context, the Initial Context Setup, or at the command
  bool setup_ = false;  // an Initial Context Setup was given
  KeySource source_;
  impl::engine::AlgorithmKeys keys_;  // K_RRCint / K_RRCenc (per SRB profile), derived once
  std::uint16_t caps_ = 0xffff;
  std::uint32_t eea_order_ = spec::as_smc_ran::kAnyOrder, eia_order_ = spec::as_smc_ran::kAnyOrder;
  spec::as_smc_ue::State<spec::Concrete> ue_ = spec::as_smc_ue::initial(spec::Concrete{});
  spec::as_smc_ran::State<spec::Concrete> ran_ = spec::as_smc_ran::initial(spec::Concrete{});
  std::array<Sent, 4> sent_{};  // SRB1 downlink, SRB1 uplink, SRB2 downlink, SRB2 uplink
  std::optional<Expectation> expecting_;
  std::vector<std::uint8_t> delivered_;
};

}  // namespace secmode::oracle
