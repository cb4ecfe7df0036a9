// A P-CSCF's 401 (Unauthorized) as `secmode gen` and the IMS engine tests write it: the Digest AKAv1 challenge
// (RFC 3310 3.2) with RAND and an AUTN made by the spec twin of MILENAGE from the subscriber's K
// and OPc (TS 33.102 6.3.2), optionally with its MAC broken, and a Security-Server list.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "spec/codec/sip_digest_aka.h"
#include "spec/codec/sip_sec_agree.h"
#include "spec/crypto/milenage.h"

namespace secmode::cli::ims {

inline std::array<std::uint8_t, 6> sqn_bytes(std::uint64_t v) {
  std::array<std::uint8_t, 6> s{};
  for (int i = 5; i >= 0; --i, v >>= 8) s[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v);
  return s;
}

// The value of the first header field `name` in a message the UE engine wrote (its own spelling,
// "Name: value" lines), or "" when there is none.
inline std::string field_of(std::string_view text, std::string_view name) {
  const std::string key = "\r\n" + std::string(name) + ": ";
  const auto at = text.find(key);
  if (at == std::string_view::npos) return {};
  const auto begin = at + key.size();
  return std::string(text.substr(begin, text.find("\r\n", begin) - begin));
}

// The WWW-Authenticate value; AMF 0x8000.
inline std::string www_authenticate(const std::array<std::uint8_t, 16>& k, const std::array<std::uint8_t, 16>& opc,
                                    const std::array<std::uint8_t, 16>& rand, std::uint64_t sqn, bool mac_ok, bool qop,
                                    const std::string& realm) {
  const std::vector<std::uint8_t> amf{0x80, 0x00};
  const auto s = sqn_bytes(sqn);
  const auto m = spec::milenage(k, opc, rand, s, amf);
  spec::sip::AkaChallenge ch;
  ch.realm = realm;
  ch.nonce.rand = rand;
  for (std::size_t i = 0; i < 6; ++i) ch.nonce.autn[i] = s[i] ^ m.ak[i];
  ch.nonce.autn[6] = amf[0];
  ch.nonce.autn[7] = amf[1];
  std::copy(m.mac_a.begin(), m.mac_a.end(), ch.nonce.autn.begin() + 8);
  if (!mac_ok) ch.nonce.autn[15] ^= 1;
  if (qop) ch.qop = {"auth"};
  return spec::sip::encode(ch);
}

// The whole 401 to the REGISTER with this Call-ID and CSeq ("2 REGISTER").
inline std::string unauthorized(const std::string& call_id, const std::string& cseq, const std::string& www,
                                const spec::sip::SecurityMechanisms& server) {
  std::string text = "SIP/2.0 401 Unauthorized\r\nVia: SIP/2.0/UDP 192.0.2.1\r\nCall-ID: " + call_id +
                     "\r\nCSeq: " + cseq + "\r\nWWW-Authenticate: " + www + "\r\n";
  if (!server.empty()) text += "Security-Server: " + spec::sip::encode(server) + "\r\n";
  return text + "Content-Length: 0\r\n\r\n";
}

// ipsec-3gpp with the P-CSCF's SPIs spi_c, spi_c + 1 and ports 7000, 7001.
inline spec::sip::SecurityMechanism pcscf_mechanism(spec::sip::IntegrityAlgorithm alg,
                                                    std::optional<spec::sip::EncryptionAlgorithm> ealg,
                                                    std::optional<std::uint16_t> q, std::uint32_t spi_c) {
  spec::sip::SecurityMechanism x;
  x.name = "ipsec-3gpp";
  x.q = q;
  x.alg = alg;
  x.ealg = ealg;
  x.spi_c = spi_c;
  x.spi_s = spi_c + 1;
  x.port_c = 7000;
  x.port_s = 7001;
  return x;
}

}  // namespace secmode::cli::ims
