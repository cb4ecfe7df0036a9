// NAS 5GS pieces the security mode and the mobility management tests share: the UE security
// capability (TS 24.501 9.11.3.54) and EAP messages (9.11.2.2), each generated and compared, and
// the security header of a security protected message.
#pragma once

#include <optional>

#include "spec/codec/nas_5gs.h"
#include "tests/interop/comparison.h"
#include "tests/interop/rng.h"

namespace secmode::test::interop::fivegs {

// A 9.11.3.54 value of 2, 4, 6 or 8 octets.
spec::nas5gs::UeSecurityCapability random_5gs_capabilities(Rng& r);

// 9.11.3.54 as Wireshark shows it, in the IE subtree `caps` (nothing when it is nullptr).
void five_gs_capabilities(Comparison& c, const Node* caps,
                          const spec::nas5gs::UeSecurityCapability& u);

// RFC 3748 4: Success and Failure are 4 octets; a Request or Response carries a type, here Identity
// (1) with printable data, so that Wireshark's EAP dissector reads every one.
spec::Bytes random_eap_message(Rng& r);

// The EAP header as Wireshark's EAP dissector shows it inside the IE subtree `n`.
void eap_message(Comparison& c, const Node* n, spec::ByteView eap);

// TS 24.501 9.1.1, table 9.3.1: the outer header of a security protected 5GS NAS message as
// Wireshark shows it in the nas-5gs `layer` (EPD, security header type, MAC, sequence number), or
// that it shows none when `outer` is absent.
void outer_header(Comparison& c, const Node* layer,
                  const std::optional<spec::nas5gs::SecurityProtectedMessage>& outer);

}  // namespace secmode::test::interop::fivegs
