// SIP security agreement headers (RFC 3329, TS 33.203 Annex H), seeded, against Wireshark's sip
// dissector (run_family.h describes the test).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "spec/codec/sip_lex.h"
#include "spec/codec/sip_sec_agree.h"
#include "tests/interop/rng.h"
#include "tests/interop/run_family.h"
#include "tests/interop/sip_compare.h"

namespace secmode::test::interop::sip {
namespace {

using namespace spec::sip;
using spec::Bytes;

std::string token(Rng& r) {
  static const std::string chars = "abcdefghijklmnopqrstuvwxyz0123456789-.!%*_+`'~";
  std::string s;
  const auto n = 1 + r.below(8);
  for (std::uint32_t i = 0; i < n; ++i)
    s += chars[r.below(static_cast<std::uint32_t>(chars.size()))];
  return s;
}

SecurityMechanism mechanism(Rng& r) {
  SecurityMechanism m;
  static const char* const names[] = {"ipsec-3gpp", "ipsec-3gpp", "ipsec-3gpp", "tls",
                                      "digest",     "ipsec-ike",  "ipsec-man"};
  m.name = names[r.below(7)];
  if (r.coin()) m.q = static_cast<std::uint16_t>(r.below(1001));
  if (m.name == "digest") {
    if (r.coin()) m.d_alg = r.coin() ? "md5" : token(r);
    if (r.coin()) m.d_qop = r.coin() ? "auth" : token(r);
    if (r.coin()) {
      std::string hex;
      for (int i = 0; i < 32; ++i) hex += "0123456789abcdef"[r.below(16)];
      m.d_ver = hex;
    }
  }
  if (m.name == "ipsec-3gpp") {
    if (r.below(4)) m.alg = static_cast<IntegrityAlgorithm>(r.below(4));
    if (r.below(4)) m.ealg = static_cast<EncryptionAlgorithm>(r.below(4));
    if (r.coin()) m.prot = static_cast<IpsecProtocol>(r.below(2));
    if (r.coin()) m.mod = static_cast<IpsecMode>(r.below(3));
    if (r.below(4)) m.spi_c = r.u32();
    if (r.below(4)) m.spi_s = r.u32();
    if (r.below(4)) m.port_c = static_cast<std::uint16_t>(r.u32());
    if (r.below(4)) m.port_s = static_cast<std::uint16_t>(r.u32());
  }
  if (r.below(3) == 0) {
    GenericParam p{"x-" + token(r), {}};
    switch (r.below(3)) {
      case 0:
        p.value = token(r);
        break;
      case 1:
        p.value = spec::sip::lex::quote(token(r) + (r.coin() ? "; " : ", ") + token(r));
        break;
      default:
        break;
    }
    m.extensions.push_back(p);
  }
  return m;
}

// A REGISTER carries Security-Client or Security-Verify, its 401 response Security-Server
// (TS 24.229 5.1.1.2, RFC 3329 2.3.1).
Message generate(Rng& r, std::size_t n) {
  Message m;
  m.header = static_cast<SecurityHeader>(r.below(3));
  const auto count = 1 + r.below(3);
  for (std::uint32_t i = 0; i < count; ++i) m.mechanisms.push_back(mechanism(r));
  const std::string seq = std::to_string(n + 1);
  std::string text = m.header == SecurityHeader::server
                         ? "SIP/2.0 401 Unauthorized\r\n"
                         : "REGISTER sip:ims.example.net SIP/2.0\r\n";
  text += "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK" + seq + "\r\n";
  text += "From: <sip:user@ims.example.net>;tag=" + seq + "\r\n";
  text += "To: <sip:user@ims.example.net>\r\n";
  text += "Call-ID: call" + seq + "@192.0.2.1\r\n";
  text += "CSeq: " + seq + " REGISTER\r\n";
  text += "Require: sec-agree\r\n";
  text += std::string(header_name(m.header)) + ": " + encode(m.mechanisms) + "\r\n";
  text += "Content-Length: 0\r\n\r\n";
  m.packet = {"sip", Bytes(text.begin(), text.end())};
  return m;
}

}  // namespace

TEST(InteropTshark, SipSecurityAgreementHeaders) {
  Rng r(0x5eca9e05);
  std::vector<Message> messages;
  std::vector<Packet> packets;
  for (std::size_t i = 0; i < 80; ++i) {
    messages.push_back(generate(r, i));
    packets.push_back(messages.back().packet);
  }
  run_family(
      "sip", packets,
      [&](std::size_t i, const Node& layers, Comparison& c) { compare(messages[i], layers, c); },
      600);
}

}  // namespace secmode::test::interop::sip
