// Decoding SIP text allocates nothing: every zero-copy SIP decoder runs on accepted, rejected and
// over-capacity text with an allocation counter watched.
// The counter is the executable's (allocation_counter.h).
#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "impl/codec/sip_digest_aka.h"
#include "impl/codec/sip_sec_agree.h"
#include "tests/impl/allocation_counter.h"

namespace secmode::impl::sip {
namespace {

// Values that own no memory: a decoder result can free nothing, so it holds no allocation.
static_assert(std::is_trivially_destructible_v<Decoded<SecurityMechanisms>>);
static_assert(std::is_trivially_destructible_v<Decoded<AkaChallenge>>);
static_assert(std::is_trivially_destructible_v<Decoded<AkaCredentials>>);

TEST(ImplSipNoAlloc, DecodingAllocatesNothing) {
  const std::string nonce = "I1U8vpY3qJ0hiuZNrke/NVXzKLQ1d7m5Sp/6w1Tfr7MBAgM=";
  std::string many_mechanisms = "tls";
  for (std::size_t k = 0; k < kMaxMechanisms; ++k) many_mechanisms.append(", tls");
  std::string many_params = "tls";
  for (std::size_t k = 0; k <= kMaxExtensions + 2; ++k)
    many_params.append(";p").append(std::to_string(k));
  many_params.append(";p3");  // repeated past the capacity: found by reading the text again
  const std::vector<std::string> security{
      "ipsec-3gpp; q=0.5; alg=hmac-sha-1-96; ealg=aes-cbc; spi-c=23456789; spi-s=12345678; "
      "port-c=2468; port-s=1357, tls;x=\"a\r\n b\";maddr=[::1]",
      "digest;d-ver=\"0123456789abcdef0123456789abcdef\"", many_mechanisms, many_params,
      "ipsec-3gpp;spi-c=4294967296", "tls;x=\"abc", ""};
  const std::string credentials =
      std::string("Digest username=\"u\", realm=\"r\", nonce=\"").append(nonce).append(
      "\", uri=\"sip:r\", response=\"6629fae49393a05397450978507c4ef1\", algorithm=AKAv1-MD5, "
      "auts=\"AAECAwQFBgcICQoLDA0=\", nc=0000001f, x=\"\\\"y\\\"\"");
  std::string many_auth_params = credentials;
  for (std::size_t k = 0; k <= kMaxAuthParams + 20; ++k)
    many_auth_params.append(", a").append(std::to_string(k)).append("=1");
  const std::vector<std::string> digest{
      std::string("Digest realm=\"r\", nonce=\"")
          .append(nonce)
          .append("\", algorithm=AKAv1-MD5, qop=\"auth,auth-int\""),
      credentials, many_auth_params, "Digest realm=\"r\", nonce=\"AAAA\", algorithm=AKAv1-MD5",
      "Basic x", "Digest realm=\"r\", realm=\"s\""};
  const std::vector<std::string_view> lines(security.begin(), security.begin() + 3);
  std::array<std::uint8_t, 8> server_data{};
  std::size_t accepted = 0, rejected = 0;

  const std::size_t before = test::allocations();
  for (const auto& s : security) {
    const auto d = decode_security_header("Security-Client", s);
    d.ok() ? ++accepted : ++rejected;
  }
  const auto joined = decode_security_headers("Security-Server", lines);
  joined.ok() ? ++accepted : ++rejected;
  for (const auto& s : digest) {
    const auto c = decode_aka_challenge("WWW-Authenticate", s);
    const auto r = decode_aka_credentials("Authorization", s);
    if (c.ok()) copy_server_data(c.value.nonce, server_data);
    c.ok() ? ++accepted : ++rejected;
    r.ok() ? ++accepted : ++rejected;
  }
  const auto n = decode_aka_nonce(nonce);
  n.ok() ? ++accepted : ++rejected;
  EXPECT_EQ(test::allocations(), before);
  EXPECT_GE(accepted, 5u);
  EXPECT_GE(rejected, 10u);
}

TEST(ImplSipNoAlloc, EncodingIntoACallerBufferAllocatesNothing) {
  const std::string value = "ipsec-3gpp;q=0.5;alg=aes-gmac;spi-c=1;x=\"a\r\n b\", tls";
  const auto d = decode_security_header("Security-Client", value);
  ASSERT_TRUE(d.ok());
  std::array<char, 256> out{};
  const std::size_t before = test::allocations();
  const Encoded e = encode(std::span<const SecurityMechanism>(d.value), out);
  EXPECT_EQ(test::allocations(), before);
  EXPECT_TRUE(e.written);
}

}  // namespace
}  // namespace secmode::impl::sip
