#include "tests/interop/known_disagreements.h"

#include <stdexcept>
#include <string>

namespace secmode::test::interop {
namespace {

constexpr KnownDisagreement kKnownDisagreements[] = {
    {"nas-eps", "nas-eps-ciphered-read-as-plain", "TS 24.301 9.3.1, table 9.3.1",
     "Security header type 0010 is \"Integrity protected and ciphered\" and 0100 \"Integrity "
     "protected and ciphered with new EPS security context\": the NAS message after the sequence "
     "number is ciphered, whatever its octets look like. Wireshark 4.0 guesses instead: it reads "
     "a PDU shorter than 8 octets as a plain message, and the NAS message as plain when its first "
     "octet is 0x07, 0x0f or has 2 (ESM) in bits 4..1 (useful with EEA0, wrong otherwise), then "
     "shows no nas_eps.ciphered_msg. The spec twin keeps the ciphered octets as they are."},
    {"nas-5gs", "nas-5gs-container-shown-as-encrypted",
     "TS 24.501 9.11.3.33 (table 9.11.3.33.1), 8.2.26.1",
     "\"This IE can contain a REGISTRATION REQUEST message as defined in subclause 5.5.1, "
     "DEREGISTRATION REQUEST message ..., or a SERVICE REQUEST message ...\": in SECURITY MODE "
     "COMPLETE the NAS message container holds the initial NAS message itself, and under security "
     "header type 1 or 3 (integrity protected only, table 9.3.1) nothing in the PDU is ciphered. "
     "Wireshark 4.0 shows the container of every security protected message as \"Encrypted "
     "data\" (right for the initial REGISTRATION REQUEST, whose container value is ciphered, "
     "4.4.6) and does not read the message inside. The spec twin keeps the octets."},
    {"nas-5gs-mm", "nas-5gs-supi-format-unused-read-as-imsi",
     "TS 24.501 9.11.3.4 (table 9.11.3.4.1, SUPI format)",
     "SUPI format 000 is IMSI, 001..011 carry an NAI, and \"All other values are interpreted as "
     "IMSI by this version of the protocol.\": a SUCI with SUPI format 100..111 is a SUCI of "
     "figure 9.11.3.4.3. Wireshark 4.0 flags those formats as \"Value not according to "
     "(decoded)specification\" (an expert error) and shows nothing of the SUCI after the SUPI "
     "format. The spec twin reads the SUCI as IMSI and keeps the format as received."},
    {"sip", "sip-parameter-without-value", "RFC 3329 2.2, RFC 3261 25.1",
     "\"extension = generic-param\" and \"generic-param = token [ EQUAL gen-value ]\": a "
     "mechanism parameter may be a name alone. Wireshark 4.0 does not show such a parameter at "
     "all; the spec twin keeps it as an extension without value."},
    {"sip", "sip-quoted-string-split", "RFC 3261 25.1 (RFC 3329 2.2 extension = generic-param)",
     "\"gen-value = token / host / quoted-string\", \"quoted-string = SWS DQUOTE *(qdtext / "
     "quoted-pair ) DQUOTE\", \"qdtext = LWS / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII\": "
     "',' and ';' inside a quoted-string are part of the value. Wireshark 4.0 splits the "
     "Security-* header at every ',' and ';', so it cuts the value there and reads the rest of "
     "the header as further parameters and mechanisms. The spec twin keeps the whole value."},
    {"nas-eps", "ue-radio-capability-id-hex",
     "TS 24.501 9.11.3.68 (TS 24.301 9.9.3.60 refers to it)",
     "\"The UE radio capability ID contents contain the UE radio capability ID as specified in "
     "TS 23.003, with each hexadecimal digit coded over 4 bits, starting with the first "
     "hexadecimal digit coded in bits 4 to 1 of octet 3, the second hexadecimal digit coded in "
     "bits 8 to 5 of octet 3\" and TS 23.003 29.2: \"each element shall consist of hexadecimal "
     "digits only\". Wireshark 4.0 reads the digits as BCD: A..F become '?' and an F in bits "
     "8..5 ends the ID. The spec twin keeps the octets as sent."},
};

}  // namespace

std::span<const KnownDisagreement> known_disagreements() { return kKnownDisagreements; }

const KnownDisagreement& known(std::string_view id) {
  for (const auto& k : kKnownDisagreements)
    if (id == k.id) return k;
  throw std::logic_error("no documented disagreement " + std::string(id));
}

}  // namespace secmode::test::interop
