// The oracle for NAS security mode control, EPS (TS 24.301 5.4.3, 4.4.3, 4.4.4; TS 33.401
// 7.2.4.4) and 5GS (TS 24.501 5.4.2, 4.4.3, 4.4.4, 4.4.6; TS 33.501 6.7.2, 6.9.3): fed the NAS PDUs
// of a trace in order, with the K_ASME / K_AMF they run under, it runs the UE's and the network's
// rule tables (spec/procedures/nas_smc_ue.h, nas_smc_network.h) on what the PDUs mean (MACs
// checked and bodies deciphered with the real keys, K'_AMF derived when a command asks for it,
// COUNTs estimated as the receiver does) and judges each party's behaviour against the tables:
//  - the UE: for each SECURITY MODE COMMAND, the answer the standard requires (COMPLETE, REJECT
//    with which cause, or none), how it must be protected (key, COUNT, header type), and what the
//    COMPLETE must carry (the IMEISV when asked; in 5GS the initial request when 4.4.6 says so);
//  - the network: whether it may send the command at all, and whether it is protected with the
//    context it names, with the expected downlink COUNT, replaying the capabilities the UE sent,
//    with K_AMF_change_flag and RINMR as the table says (5GS); its retransmissions and the abort
//    at the fifth expiry of T3460 / T3560.
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
#include <string_view>
#include <vector>

#include "impl/codec/nas_5gs.h"
#include "impl/codec/nas_eps.h"
#include "impl/engine/message_security.h"
#include "oracle/aka_judge.h"
#include "oracle/verdict.h"
#include "spec/procedures/nas_smc_network.h"
#include "spec/procedures/nas_smc_ue.h"

namespace secmode::oracle {

using ByteView = std::span<const std::uint8_t>;

class NasJudge {
 public:
  explicit NasJudge(Rat rat) : rat_(rat) {}
  NasJudge(const NasJudge&) = delete;
  NasJudge& operator=(const NasJudge&) = delete;
  ~NasJudge();  // wipes the keys it was given or derived

  Rat rat() const { return rat_; }

  // Which parties to judge (both by default).
  void judge(bool ue, bool network) {
    judge_ue_ = ue;
    judge_network_ = network;
  }
  // K_ASME or K_AMF (32 octets) from an AKA both ends ran, under eKSI / ngKSI `ksi` (0..6): the
  // partial native context a SECURITY MODE COMMAND takes into use (TS 33.401 6.1.1, TS 33.501 6.1.3).
  void context(ByteView key, std::uint8_t ksi);
  // Or the subscriber's K and OPc, so that the keys come from the AKA in the trace, which is
  // judged too (oracle/aka_judge.h).
  void subscription(Subscription s) { aka_.emplace(rat_, std::move(s)); }
  // K_eNB / K_gNB as the network derives it for the AS (TS 33.401 A.3, TS 33.501 A.9): from the
  // K_ASME / K_AMF of its current context and the uplink NAS COUNT of the latest uplink NAS message
  // it accepted (the SECURITY MODE COMPLETE of an attach, a SERVICE REQUEST). False without a
  // current context.
  bool as_key(std::array<std::uint8_t, 32>& out) const;
  // The ciphering and integrity algorithms of the UE security capabilities the UE sent in its
  // latest initial request (EPS: EEA / EIA, TS 24.301 9.9.3.36; 5GS: 5G-EA / 5G-IA, TS 24.501
  // 9.11.3.54), encoded as the AS judge takes them: bit i for algorithm i, bit 8 + i for integrity
  // algorithm i. Empty before any request.
  std::optional<std::uint16_t> sent_capabilities() const;
  // What the latest PDU meant to the concurrent security procedures (TS 33.501 6.9.5.1,
  // oracle/concurrency_judge.h): an AKA established a new key, a command taking it into use went
  // out, or a COMPLETE verified.
  enum class Happened : std::uint8_t { nothing, aka, fresh_command, complete };
  Happened happened() const { return happened_; }
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
    std::string_view clause, rule;  // static text: the rule table's, or the judge's own
    bool secured_before = false;
    bool imeisv_requested = false;  // the command's IMEISV request says "IMEISV requested"
    bool rinmr = false;                 // 5GS: the command asked for the initial request again
    std::vector<std::uint8_t> initial;  // 5GS: the request a COMPLETE must return when output.container
    Protection complete, reject;
    std::string why;  // what in the command decided the rule, in words
  };

  struct Command {  // what a SECURITY MODE COMMAND says
    std::uint8_t header = 0, sn = 0, ksi = 0, eea = 0, eia = 0;
    bool mapped = false, imeisv_request = false;
    bool horizontal = false, rinmr = false;  // 5GS: K_AMF_change_flag, RINMR
    std::array<std::uint8_t, 8> replayed_storage{};
    std::size_t replayed_size = 0;
    std::optional<std::uint32_t> additional, nonce_ue;
    ByteView plain;  // the message inside the security header, in the PDU
    // As compared (EPS: TS 24.301 9.9.3.36 octets 3..6 normalized).
    ByteView replayed() const { return ByteView(replayed_storage).first(replayed_size); }
  };

  // Keys by the identity each party's table knows them under. The two parties keep apart: a
  // table names K'_AMF after the key it comes from alone, and under attack (or with a faulty
  // network) the UE and the network may derive from the same K_AMF with different COUNTs.
  enum Party : std::size_t { kUe = 0, kNetwork = 1 };
  std::uint32_t key_id(ByteView key);  // a key from AKA, known to both
  ByteView key(Party party, std::uint32_t id) const;
  std::uint32_t derive(Party party, std::uint32_t from, std::uint32_t count);  // K'_AMF; 0 from none
  std::uint32_t caps_id(ByteView normalized);
  void uplink(std::size_t step, ByteView pdu, std::vector<Verdict>& out);
  void downlink(std::size_t step, ByteView pdu, std::vector<Verdict>& out);
  void command_ue(std::size_t step, ByteView pdu, const Command& c);
  void command_network(std::size_t step, ByteView pdu, const Command& c, std::vector<Verdict>& out);
  void answer(std::size_t step, ByteView pdu, std::vector<Verdict>& out);
  void silent(const Expectation& x, std::vector<Verdict>& out) const;
  std::deque<Expectation>::const_iterator first_due() const;  // the oldest command that requires an answer
  const Expectation& answered() const;                        // the command the next answer belongs to
  std::optional<ByteView> answer_plain(const Expectation& x, ByteView pdu, std::uint32_t& count) const;
  std::optional<ByteView> open(ByteView key, std::uint32_t eea, std::uint32_t eia, std::uint32_t count,
                               ByteView pdu) const;
  bool is_answer(ByteView plain) const;
  static void read_command(Rat rat, ByteView inner, std::size_t offset, Command& c);
  void no_answers(std::vector<Verdict>& out);
  void emit(std::vector<Verdict>& out, Verdict v) const;

  Rat rat_;
  Happened happened_ = Happened::nothing;
  std::optional<AkaJudge> aka_;
  // K_NASint / K_NASenc of the contexts in play, derived once (the judge's const checks use it).
  mutable impl::engine::AlgorithmKeys algorithm_keys_;
  bool judge_ue_ = true, judge_network_ = true;
  spec::nas_smc_ue::State<spec::Concrete> ue_ = spec::nas_smc_ue::initial(spec::Concrete{});
  spec::nas_smc_network::State<spec::Concrete> mme_ = spec::nas_smc_network::initial(spec::Concrete{});
  std::array<std::map<std::uint32_t, std::array<std::uint8_t, 32>>, 2> keys_;  // by party, then identity
  std::uint32_t next_key_ = 1;
  std::vector<std::vector<std::uint8_t>> caps_;  // capability octets by identity - 1 (few in a trace)
  std::optional<std::uint32_t> sent_nonce_;
  std::vector<std::uint8_t> sent_caps_;  // as compared, from the UE's latest initial request
  std::vector<std::uint8_t> sent_request_;  // the plain initial request itself
  // 5GS: the uplink NAS COUNT of the latest REGISTRATION REQUEST as the UE sent it and as the
  // network read it, which each derives K'_AMF with (TS 33.501 6.9.3); 0 in the clear.
  std::uint32_t ue_initial_count_ = 0, network_initial_count_ = 0;
  // Commands still waiting for the UE's answer, oldest first. The trace is in the order the
  // network sent and received (an S1AP capture at the MME), so a retransmission may go out before
  // the answer to the first command comes back; each direction keeps its own order.
  std::deque<Expectation> expecting_;
  std::vector<std::uint8_t> last_command_;  // the plain command the network last sent, for retransmissions
  // What is known of the PDU being judged, forgotten at the next: its security header, decoded
  // once (each MAC check and deciphering reads the same fields); its latest MAC check; and the
  // latest opening (MAC verified, deciphered). The UE and the network check a command's MAC, and
  // open a COMPLETE, with their own copies of mostly the same key bytes: the same result.
  struct Header {
    ByteView pdu;
    bool decoded = false;
    decltype(impl::nas::decode_security_protected(ByteView{})) eps;
    decltype(impl::nas5gs::decode_security_protected(ByteView{})) fivegs;
    struct Under {  // the key and inputs a result was computed under
      bool valid = false;
      std::array<std::uint8_t, 32> key{};
      std::uint32_t alg = 0, alg2 = 0, count = 0;  // EIA (and EEA for an opening), COUNT
      impl::engine::Direction direction{};
      bool matches(ByteView k, std::uint32_t a, std::uint32_t a2, std::uint32_t c, impl::engine::Direction d) const;
      void set(ByteView k, std::uint32_t a, std::uint32_t a2, std::uint32_t c, impl::engine::Direction d);
    };
    Under checked, opened;
    bool mac_verified = false, open_ok = false;
    std::vector<std::uint8_t> plain;  // of the latest opening
  };
  mutable Header header_;
  const Header& decoded(ByteView pdu) const;
  ByteView protected_body(ByteView pdu) const;
  bool mac_ok(ByteView key, std::uint32_t eia, std::uint32_t count, impl::engine::Direction direction,
              ByteView pdu) const;
  bool open_into(ByteView key, std::uint32_t eea, std::uint32_t eia, std::uint32_t count, ByteView pdu,
                 std::vector<std::uint8_t>& plain) const;
};

}  // namespace secmode::oracle
