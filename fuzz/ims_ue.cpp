// The IMS UE engine (impl/engine/ims_ue.h) and the SIP head reader under it, on arbitrary text.
// The input, split at its NUL octets, is a sequence of messages from the P-CSCF delivered to a UE
// that has just sent its initial REGISTER: each unprotected, or, once the UE holds a set, over the
// set's inbound SPI when the message's first octet is odd. Checks: the zero-copy head reader and
// the oracle's agree (tests/impl/sip_message_agreement.h); the engine never sends anything but a
// REGISTER, its text inside the buffer; every set the database holds has one of the three roles,
// at most once each; and the message path allocates nothing (this executable counts every global
// operator new). The seeds hold a valid 401 for the subscriber below, so mutations reach the
// temporary set, the 200 OK and re-registrations.
#include "impl/engine/ims_ue.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "tests/impl/sip_message_agreement.h"

// test_impl's allocation counter, in this target's one translation unit (see sip_sec_agree_decode.cpp).
#include "tests/impl/allocation_counter.cpp"

namespace {

using namespace secmode::impl::engine;

ImsUeConfig config() {
  ImsUeConfig c;
  for (std::size_t i = 0; i < 16; ++i) {
    c.k[i] = static_cast<std::uint8_t>(0x40 + i);
    c.opc[i] = static_cast<std::uint8_t>(0x90 ^ i);
  }
  c.sqn_ms = {0, 0, 0, 0, 0x10, 0};
  c.impi = "001010000000001@ims.mnc001.mcc001.3gppnetwork.org";
  c.impu = "sip:001010000000001@ims.mnc001.mcc001.3gppnetwork.org";
  c.home_domain = "ims.mnc001.mcc001.3gppnetwork.org";
  c.mechanisms = {
      {secmode::impl::sip::IntegrityAlgorithm::hmac_sha_1_96, secmode::impl::sip::EncryptionAlgorithm::aes_cbc},
      {secmode::impl::sip::IntegrityAlgorithm::aes_gmac, secmode::impl::sip::EncryptionAlgorithm::aes_gcm}};
  return c;
}

void check_roles(const ImsUe& ue) {
  std::size_t held = 0;
  for (const SaRole role : {SaRole::temporary, SaRole::established, SaRole::old}) held += ue.set_id(role) != 0;
  if (held != ue.sets().size()) {
    std::fprintf(stderr, "a set without a role\n");
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ImsUeConfig cfg = config();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  ImsUe ue(cfg);
  static std::array<char, 8192> out{};
  if (ue.register_({1000, 1001, 5000, 5001}, 0b110, out).outcome != ImsUeResult::Outcome::sent) std::abort();
  std::uint32_t next = 2000;
  for (std::size_t at = 0; at <= input.size();) {
    const std::size_t end = std::min(input.find('\0', at), input.size());
    const std::string_view message = input.substr(at, end - at);
    at = end + 1;
    if (const std::string d = secmode::test::sip_head_disagreement(message); !d.empty()) {
      std::fprintf(stderr, "SIP head readers disagree: %s\n", d.c_str());
      std::abort();
    }
    std::optional<std::uint32_t> spi;
    const std::uint32_t held =
        ue.set_id(SaRole::temporary) ? ue.set_id(SaRole::temporary) : ue.set_id(SaRole::established);
    if (!message.empty() && (message[0] & 1) && held) spi = held;
    const SecParams proposal{next, next + 1, static_cast<std::uint16_t>(next), static_cast<std::uint16_t>(next + 1)};
    next += 2;
    const std::size_t before = secmode::test::allocations();
    const ImsUeResult r = ue.receive(message, spi, proposal, out);
    if (secmode::test::allocations() != before) {
      std::fprintf(stderr, "the IMS UE engine allocated on the message path\n");
      std::abort();
    }
    if (r.outcome == ImsUeResult::Outcome::sent &&
        (r.text.data() != out.data() || r.text.size() > out.size() || r.text.substr(0, 9) != "REGISTER ")) {
      std::fprintf(stderr, "the engine sent something other than a REGISTER in its buffer\n");
      std::abort();
    }
    check_roles(ue);
    if (ue.advance(static_cast<std::int64_t>(size) * 1000).outcome == ImsUeResult::Outcome::sent) std::abort();
    check_roles(ue);
  }
  return 0;
}
