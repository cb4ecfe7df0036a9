#include "cli/names.h"

#include <map>

namespace secmode::cli {

namespace {

std::string lookup(const std::map<std::uint32_t, const char*>& table, std::uint32_t key) {
  const auto it = table.find(key);
  return it == table.end() ? std::string() : std::string(it->second);
}

}  // namespace

std::string emm_cause_name(std::uint32_t cause) {
  // TS 24.301 annex A (the EMM causes of table 9.9.3.9.1).
  static const std::map<std::uint32_t, const char*> names{
      {2, "IMSI unknown in HSS"},
      {3, "Illegal UE"},
      {5, "IMEI not accepted"},
      {6, "Illegal ME"},
      {7, "EPS services not allowed"},
      {8, "EPS services and non-EPS services not allowed"},
      {9, "UE identity cannot be derived by the network"},
      {10, "Implicitly detached"},
      {11, "PLMN not allowed"},
      {12, "Tracking area not allowed"},
      {13, "Roaming not allowed in this tracking area"},
      {14, "EPS services not allowed in this PLMN"},
      {15, "No suitable cells in tracking area"},
      {16, "MSC temporarily not reachable"},
      {17, "Network failure"},
      {18, "CS domain not available"},
      {19, "ESM failure"},
      {20, "MAC failure"},
      {21, "Synch failure"},
      {22, "Congestion"},
      {23, "UE security capabilities mismatch"},
      {24, "Security mode rejected, unspecified"},
      {25, "Not authorized for this CSG"},
      {26, "Non-EPS authentication unacceptable"},
      {31, "Redirection to 5GCN required"},
      {35, "Requested service option not authorized in this PLMN"},
      {39, "CS service temporarily not available"},
      {40, "No EPS bearer context activated"},
      {42, "Severe network failure"},
      {95, "Semantically incorrect message"},
      {96, "Invalid mandatory information"},
      {97, "Message type non-existent or not implemented"},
      {98, "Message type not compatible with protocol state"},
      {99, "Information element non-existent or not implemented"},
      {100, "Conditional IE error"},
      {101, "Message not compatible with protocol state"},
      {111, "Protocol error, unspecified"},
  };
  return lookup(names, cause);
}

std::string fivegmm_cause_name(std::uint32_t cause) {
  // TS 24.501 annex A.
  static const std::map<std::uint32_t, const char*> names{
      {3, "Illegal UE"},
      {5, "PEI not accepted"},
      {6, "Illegal ME"},
      {7, "5GS services not allowed"},
      {9, "UE identity cannot be derived by the network"},
      {10, "Implicitly de-registered"},
      {11, "PLMN not allowed"},
      {12, "Tracking area not allowed"},
      {13, "Roaming not allowed in this tracking area"},
      {15, "No suitable cells in tracking area"},
      {20, "MAC failure"},
      {21, "Synch failure"},
      {22, "Congestion"},
      {23, "UE security capabilities mismatch"},
      {24, "Security mode rejected, unspecified"},
      {26, "Non-5G authentication unacceptable"},
      {27, "N1 mode not allowed"},
      {28, "Restricted service area"},
      {31, "Redirection to EPC required"},
      {43, "LADN not available"},
      {62, "No network slices available"},
      {65, "Maximum number of PDU sessions reached"},
      {67, "Insufficient resources for specific slice and DNN"},
      {69, "Insufficient resources for specific slice"},
      {71, "ngKSI already in use"},
      {72, "Non-3GPP access to 5GCN not allowed"},
      {73, "Serving network not authorized"},
      {74, "Temporarily not authorized for this SNPN"},
      {75, "Permanently not authorized for this SNPN"},
      {76, "Not authorized for this CAG or authorized for CAG cells only"},
      {77, "Wireline access area not allowed"},
      {78, "PLMN not allowed to operate at the present UE location"},
      {79, "UAS services not allowed"},
      {80, "Disaster roaming for the determined PLMN with disaster condition not allowed"},
      {90, "Payload was not forwarded"},
      {91, "DNN not supported or not subscribed in the slice"},
      {92, "Insufficient user-plane resources for the PDU session"},
      {93, "Onboarding services terminated"},
      {95, "Semantically incorrect message"},
      {96, "Invalid mandatory information"},
      {97, "Message type non-existent or not implemented"},
      {98, "Message type not compatible with protocol state"},
      {99, "Information element non-existent or not implemented"},
      {100, "Conditional IE error"},
      {101, "Message not compatible with protocol state"},
      {111, "Protocol error, unspecified"},
  };
  return lookup(names, cause);
}

std::string emm_message_name(std::uint32_t type) {
  // TS 24.301 table 9.8.1: the messages this codec decodes.
  static const std::map<std::uint32_t, const char*> names{
      {0x41, "ATTACH REQUEST"},           {0x48, "TRACKING AREA UPDATE REQUEST"},
      {0x52, "AUTHENTICATION REQUEST"},   {0x53, "AUTHENTICATION RESPONSE"},
      {0x54, "AUTHENTICATION REJECT"},    {0x5c, "AUTHENTICATION FAILURE"},
      {0x5d, "SECURITY MODE COMMAND"},    {0x5e, "SECURITY MODE COMPLETE"},
      {0x5f, "SECURITY MODE REJECT"},
  };
  return lookup(names, type);
}

std::string fivegmm_message_name(std::uint32_t type) {
  // TS 24.501 table 9.7.1.
  static const std::map<std::uint32_t, const char*> names{
      {0x41, "REGISTRATION REQUEST"},   {0x56, "AUTHENTICATION REQUEST"}, {0x57, "AUTHENTICATION RESPONSE"},
      {0x58, "AUTHENTICATION REJECT"},  {0x59, "AUTHENTICATION FAILURE"}, {0x5a, "AUTHENTICATION RESULT"},
      {0x5d, "SECURITY MODE COMMAND"},  {0x5e, "SECURITY MODE COMPLETE"}, {0x5f, "SECURITY MODE REJECT"}};
  return lookup(names, type);
}

std::string security_header_type_name(std::uint32_t type) {
  switch (type) {
    case 0: return "plain NAS message, not security protected";
    case 1: return "integrity protected";
    case 2: return "integrity protected and ciphered";
    case 3: return "integrity protected with new security context";
    case 4: return "integrity protected and ciphered with new security context";
    case 5: return "integrity protected and partially ciphered";
    default: return type >= 12 ? "security header for the SERVICE REQUEST message" : "reserved";
  }
}

std::string algorithm_name(const char* family, std::uint32_t id) {
  const std::string f(family);
  if (id == 0) return f + "0 (null)";
  if (id <= 3) return std::string("128-").append(f).append(std::to_string(id));
  return f + std::to_string(id) + " (unassigned)";
}

}  // namespace secmode::cli
