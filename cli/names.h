// Names for numbers in decoded messages, as the readable tree of `secmode decode` shows them:
// cause values, message types, security header types and algorithm identities.
#pragma once

#include <cstdint>
#include <string>

namespace secmode::cli {

// "UE security capabilities mismatch" for EMM cause 23 (TS 24.301 9.9.3.9, annex A); empty if
// the value names no EMM cause.
std::string emm_cause_name(std::uint32_t cause);
// The same for 5GMM causes (TS 24.501 9.11.3.2, annex A).
std::string fivegmm_cause_name(std::uint32_t cause);
// "SECURITY MODE COMMAND" for 0x5d (TS 24.301 table 9.8.1 / TS 24.501 table 9.7.1); empty if
// this codec knows no such message.
std::string emm_message_name(std::uint32_t type);
std::string fivegmm_message_name(std::uint32_t type);
// TS 24.301 table 9.3.1 / TS 24.501 table 9.3.1.
std::string security_header_type_name(std::uint32_t type);
// "128-EIA2" for ("EIA", 2): TS 33.401 5.1.3 names 1..3 with the 128- prefix; 0 is the null
// algorithm, 4..7 are unassigned.
std::string algorithm_name(const char* family, std::uint32_t id);

}  // namespace secmode::cli
