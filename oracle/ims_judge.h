// The oracle for IMS registration with IMS AKA and IPsec security associations, the UE's side
// (TS 24.229 5.1.1.2, 5.1.1.4, 5.1.1.5 with RFC 3329 and RFC 3310): it runs the rule table of
// spec/procedures/ims_sa_ue.h on the SIP messages of a trace and judges every REGISTER the UE
// sends against the one the table says is due: over which set of security associations, with
// which Security-Client, Security-Verify and answer to the challenge.
//
// A message's "protected_by" is the SPI of the ESP packet that carried it (none: unprotected);
// the judge maps it to the set whose Security-Client or Security-Server named that SPI. A set is
// named by the spi-c of the Security-Client that proposed it, as in the table. Mechanisms (alg
// with ealg) are told apart by identity, at most three per trace. The challenge is checked with
// the subscriber's K and OPc (MILENAGE): the AUTN's MAC, the UE's RES in its Digest response
// (RFC 3310 3.3, RFC 2617 3.2.2), and the MAC-S of an AUTS (RFC 3310 3.4, TS 33.102 6.3.3).
// Not judged: the P-CSCF (its side of TS 24.229 5.2.2 is not in the table), SA lifetimes, and
// what the UE sends besides REGISTER.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "oracle/aka_judge.h"
#include "oracle/sip_message.h"
#include "oracle/verdict.h"
#include "spec/codec/sip_sec_agree.h"
#include "spec/procedures/ims_sa_ue.h"

namespace secmode::oracle {

class ImsJudge {
 public:
  explicit ImsJudge(Subscription subscriber);

  // One SIP message: `uplink` from the UE, `esp_spi` the SPI that protected it (none: plain).
  // Throws UnusableInput for a message it cannot judge.
  void sip(std::size_t step, bool uplink, std::optional<std::uint32_t> esp_spi, std::string_view text,
           std::vector<Verdict>& out);

  // A challenge still unanswered at the end of the trace is the UE's violation.
  void finish(std::vector<Verdict>& out);

 private:
  struct Challenge {  // a 401 to the pending REGISTER, waiting for the UE's next REGISTER
    std::size_t step;
    std::uint32_t sa;
    bool mac_ok;
    std::array<std::uint8_t, 16> rand;
    std::array<std::uint8_t, 8> res;
    std::string nonce;  // as written
    bool server_present;
    std::uint32_t server_first, server_second;
    spec::sip::SecurityMechanisms server;
  };

  Subscription sub_;
  spec::ims_sa_ue::State<spec::Concrete> s_ = spec::ims_sa_ue::initial(spec::Concrete{});
  std::optional<Challenge> challenge_;
  std::map<std::uint32_t, std::uint32_t> set_of_spi_;  // ESP SPI -> set (spi-c of its Security-Client)
  std::vector<std::pair<spec::sip::IntegrityAlgorithm, std::optional<spec::sip::EncryptionAlgorithm>>> mechanisms_;

  std::uint32_t set(std::optional<std::uint32_t> esp_spi) const;
  // An event with no verdict of its own (a request over the new set, a 200 OK): the UE's table
  // takes it where a rule fires, else its state stays.
  void advance(std::uint32_t kind, std::uint32_t sa);
  std::uint32_t mechanism(const spec::sip::SecurityMechanism& m);
  std::pair<std::uint32_t, std::uint32_t> preferred_two(const spec::sip::SecurityMechanisms& list);
  void response(std::size_t step, std::optional<std::uint32_t> esp_spi, const SipMessage& m, std::vector<Verdict>& out);
  void register_(std::size_t step, std::optional<std::uint32_t> esp_spi, const SipMessage& m,
                 std::vector<Verdict>& out);
  void unanswered(std::vector<Verdict>& out);
};

}  // namespace secmode::oracle
