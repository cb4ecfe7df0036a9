// The oracle for the AKA run in a trace, where the keys of security mode control come from:
// EPS AKA (TS 33.401 6.1.1, TS 24.301 5.4.2) and 5G AKA (TS 33.501 6.1.3.2, TS 24.501 5.4.1.3).
// With the subscriber's K and OPc, and MILENAGE (TS 35.206) as the authentication functions, it
// recomputes each challenge as the USIM does and judges
//  - the network: an AUTHENTICATION REQUEST carries an AUTN whose MAC-A verifies and whose AMF
//    separation bit is 1 (TS 33.102 6.3.2, TS 33.401 6.1.1, TS 33.501 6.1.3.2 and annex A.2);
//  - the UE: the answer the checks of TS 24.301 5.4.2.6 / TS 24.501 5.4.1.3.7 require: FAILURE #20
//    when the MAC fails, #26 when the separation bit is 0, otherwise a RESPONSE carrying RES = f2
//    (5GS: RES*, TS 33.501 A.4) or FAILURE #21 with an AUTS whose MAC-S verifies (TS 33.102 6.3.3;
//    the UE's SQN is not in the trace, so a synch failure is never judged wrong in itself).
// A RESPONSE that is right establishes K_ASME (TS 33.401 A.2) or K_AMF (TS 33.501 A.2, A.6, A.7)
// under the request's eKSI / ngKSI, which the caller hands to security mode control.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "oracle/verdict.h"
#include "spec/crypto/bytes.h"

namespace secmode::oracle {

// What the trace's context line says of the subscriber. EPS needs the serving PLMN (its SN id
// goes into K_ASME); 5GS the serving network name, and the SUPI unless the REGISTRATION REQUEST
// carries a null-scheme SUCI it can be read from.
struct Subscription {
  spec::Key128 k{}, opc{};
  std::string plmn;  // EPS: "00101"-style; 5GS: builds the serving network name when snn is empty
  std::string snn;   // 5GS: "5G:mnc001.mcc001.3gppnetwork.org"
  std::string supi;  // 5GS: "imsi-001010000000001", the IMSI digits, or empty
};

// A key an AKA both parties ran to the end established, and the KSI it goes under.
struct Established {
  spec::Key256 key;
  std::uint8_t ksi = 0;
};

class AkaJudge {
 public:
  // Throws UnusableInput when the subscription lacks what the RAT needs.
  AkaJudge(Rat rat, Subscription subscription);

  // A plain downlink NAS message: an AUTHENTICATION REQUEST is judged and its challenge kept.
  void downlink(std::size_t step, spec::ByteView plain, std::vector<Verdict>& out);
  // A plain uplink NAS message: the UE's answer to the kept challenge is judged; a right RESPONSE
  // returns the key it establishes. A REGISTRATION REQUEST may name the SUPI (null-scheme SUCI).
  std::optional<Established> uplink(std::size_t step, spec::ByteView plain, std::vector<Verdict>& out);
  // End of the trace: a challenge never answered.
  void finish(std::vector<Verdict>& out);

 private:
  struct Challenge {
    std::size_t step = 0;
    std::uint8_t ksi = 0;
    std::array<std::uint8_t, 16> rand{};
    std::array<std::uint8_t, 6> sqn_xor_ak{};
    std::vector<std::uint8_t> abba;  // 5GS
    bool mac_ok = false, separation = false;
    spec::Key128 ck{}, ik{};
    std::array<std::uint8_t, 8> res{};
    std::string expected;  // the answer the UE owes, in words
    std::string clause;
  };
  Established establish(const Challenge& c) const;
  void verdict(std::vector<Verdict>& out, const Challenge& c, std::size_t step, bool ok, std::string observed,
               std::string explain) const;

  Rat rat_;
  Subscription sub_;
  std::optional<Challenge> pending_;
};

}  // namespace secmode::oracle
