#include "cli/gen_ims.h"

#include <array>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/ims_challenge.h"
#include "impl/engine/ims_ue.h"

namespace secmode::cli {

namespace {

using impl::engine::ImsUe;
using impl::engine::ImsUeResult;
using impl::engine::SaRole;
using impl::engine::SecParams;
using spec::sip::EncryptionAlgorithm;
using spec::sip::IntegrityAlgorithm;

// The subscriber of every IMS suite: TS 35.208 test set 1's K and OPc, SQN_MS 0x1000.
constexpr std::array<std::uint8_t, 16> kK{0x46, 0x5b, 0x5c, 0xe8, 0xb1, 0x99, 0xb4, 0x9f,
                                          0xaa, 0x5f, 0x0a, 0x2e, 0xe2, 0x38, 0xa6, 0xbc};
constexpr std::array<std::uint8_t, 16> kOpc{0xcd, 0x63, 0xcb, 0x71, 0x95, 0x4a, 0x9f, 0x4e,
                                            0x48, 0xa5, 0x99, 0x4e, 0x37, 0xa0, 0x2b, 0xaf};
const std::string kDomain = "ims.mnc001.mcc001.3gppnetwork.org";

// One registration exchange: the UE engine and the trace it writes, the P-CSCF's side played here.
class Exchange {
 public:
  Exchange(std::string name, std::string check) : trace_{std::move(name), std::move(check), {}} {
    impl::engine::ImsUeConfig c;
    c.k = kK;
    c.opc = kOpc;
    c.sqn_ms = cli::ims::sqn_bytes(0x1000);
    c.impi = "001010000000001@" + kDomain;
    c.impu = "sip:001010000000001@" + kDomain;
    c.home_domain = kDomain;
    c.mechanisms = {{impl::sip::IntegrityAlgorithm::hmac_sha_1_96, impl::sip::EncryptionAlgorithm::aes_cbc},
                    {impl::sip::IntegrityAlgorithm::aes_gmac, impl::sip::EncryptionAlgorithm::aes_gcm}};
    ue_ = std::make_unique<ImsUe>(c);
    trace_.line(
        nlohmann::json{{"kind", "context"}, {"rat", "ims"}, {"k", spec::to_hex(kK)}, {"opc", spec::to_hex(kOpc)}}
            .dump());
  }

  // The UE registers, offering its mechanisms in `offered` (bit 1: HMAC-SHA-1-96 with AES-CBC,
  // bit 2: AES-GMAC with AES-GCM) with SPIs spi, spi + 1.
  void register_(std::uint32_t spi, std::uint32_t offered, const std::string& what) {
    trace_.comment(what);
    uplink(ue_->register_(params(spi), offered, out_));
  }
  // A 401 over the set the REGISTER used, with SQN `sqn`; the UE's next proposal, if it needs
  // one, uses next_spi.
  void challenge(std::uint64_t sqn, bool mac_ok, const spec::sip::SecurityMechanisms& server, std::uint32_t next_spi,
                 const std::string& what) {
    std::array<std::uint8_t, 16> rand{};
    for (std::size_t i = 0; i < rand.size(); ++i) rand[i] = static_cast<std::uint8_t>(0x23 * (i + 1) + sqn);
    const std::string www = cli::ims::www_authenticate(kK, kOpc, rand, sqn, mac_ok, true, kDomain);
    downlink(cli::ims::unauthorized(call_id_, cseq_, www, server), ue_->set_id(SaRole::established), next_spi, what);
  }
  void ok(const std::string& what) {
    downlink("SIP/2.0 200 OK\r\nCall-ID: " + call_id_ + "\r\nCSeq: " + cseq_ + "\r\nExpires: 600000\r\n\r\n",
             ue_->set_id(SaRole::temporary), 0, what);
  }
  void notify(const std::string& what) {
    downlink("NOTIFY sip:001010000000001@" + kDomain + " SIP/2.0\r\nCSeq: 1 NOTIFY\r\n\r\n",
             ue_->set_id(SaRole::established), 0, what);
  }
  Trace done() { return std::move(trace_); }

 private:
  static SecParams params(std::uint32_t spi) {
    return {spi, spi + 1, static_cast<std::uint16_t>(spi % 50000 + 5000),
            static_cast<std::uint16_t>(spi % 50000 + 5001)};
  }
  void sip(bool up, std::optional<std::uint32_t> spi, std::string_view text) {
    trace_.line(nlohmann::json{
        {"kind", "sip"},
        {"dir", up ? "ul" : "dl"},
        {"protected_by", spi ? nlohmann::json(*spi) : nlohmann::json("none")},
        {"text",
         text}}.dump());
  }
  void uplink(const ImsUeResult& r) {
    if (r.outcome != ImsUeResult::Outcome::sent) return;
    trace_.comment(std::string("the UE: ") + r.reason + " (" + r.clause + ")");
    sip(true, r.over ? std::optional(r.esp_spi) : std::nullopt, r.text);
    const std::string text(r.text);
    call_id_ = cli::ims::field_of(text, "Call-ID");
    cseq_ = cli::ims::field_of(text, "CSeq");
  }
  // Over `set`: the inbound SA at the UE's protected client port, whose SPI is the set's name.
  void downlink(const std::string& text, std::uint32_t set, std::uint32_t next_spi, const std::string& what) {
    trace_.comment(what);
    const std::optional<std::uint32_t> spi = set ? std::optional(set) : std::nullopt;
    sip(false, spi, text);
    uplink(ue_->receive(text, spi, params(next_spi), out_));
  }

  Trace trace_;
  std::unique_ptr<ImsUe> ue_;
  std::array<char, 4096> out_{};
  std::string call_id_, cseq_;
};

spec::sip::SecurityMechanisms server(std::uint32_t spi, bool prefer_gmac) {
  return {cli::ims::pcscf_mechanism(IntegrityAlgorithm::hmac_sha_1_96, EncryptionAlgorithm::aes_cbc,
                                    prefer_gmac ? 100 : 500, spi),
          cli::ims::pcscf_mechanism(IntegrityAlgorithm::aes_gmac, EncryptionAlgorithm::aes_gcm, prefer_gmac ? 500 : 100,
                                    spi + 2)};
}

}  // namespace

std::vector<Trace> ims_ue_suite() {
  std::vector<Trace> v;
  {
    Exchange x("registration", "a valid 401 answered over the temporary set, with Security-Verify and the RES digest");
    x.register_(1000, 0b110, "the initial REGISTER, unprotected, with the UE's Security-Client");
    x.challenge(0x1001, true, server(9000, false), 1100, "a valid challenge, Security-Server prefers HMAC-SHA-1-96");
    x.ok("the 200 OK over the temporary set: it becomes the established set");
    v.push_back(x.done());
  }
  {
    Exchange x("reregistration", "SA1 / SA2 to SA11 / SA12: the old set deleted when the P-CSCF uses the new one");
    x.register_(1000, 0b110, "the initial REGISTER");
    x.challenge(0x1001, true, server(9000, false), 1100, "a valid challenge");
    x.ok("the 200 OK: set 1000 established");
    x.register_(1200, 0b110, "the re-registration over set 1000, with a new Security-Client");
    x.challenge(0x1002, true, server(9100, false), 1300, "a valid challenge over set 1000");
    x.ok("the 200 OK over the new temporary set: set 1200 established, 1000 old");
    x.notify("the P-CSCF's first request over set 1200: the UE deletes set 1000");
    v.push_back(x.done());
  }
  {
    Exchange x("sqn_failure", "an SQN out of range answered with AUTS, new SPIs and no temporary set");
    x.register_(1000, 0b110, "the initial REGISTER");
    x.challenge(0x0800, true, server(9000, false), 1100, "a challenge whose SQN is below the UE's SQN_MS");
    x.challenge(0x2000, true, server(9002, false), 1200, "the re-synchronised challenge");
    x.ok("the 200 OK over the temporary set");
    v.push_back(x.done());
  }
  {
    Exchange x("mac_failure", "a wrong MAC answered with an empty response, new SPIs and no temporary set");
    x.register_(1000, 0b110, "the initial REGISTER");
    x.challenge(0x1001, false, server(9000, false), 1100, "a challenge whose AUTN MAC is wrong");
    v.push_back(x.done());
  }
  {
    Exchange x("no_security_server", "a 401 without Security-Server: a new REGISTER with a new Call-ID");
    x.register_(1000, 0b110, "the initial REGISTER");
    x.challenge(0x1001, true, {}, 1100, "a valid challenge without Security-Server");
    v.push_back(x.done());
  }
  {
    Exchange x("no_offered_mechanism", "a Security-Server holding no mechanism the UE offered: a new REGISTER");
    x.register_(1000, 0b010, "the initial REGISTER offering HMAC-SHA-1-96 with AES-CBC only");
    x.challenge(0x1001, true,
                {cli::ims::pcscf_mechanism(IntegrityAlgorithm::aes_gmac, EncryptionAlgorithm::aes_gcm, 500, 9000)},
                1100, "a valid challenge whose Security-Server offers AES-GMAC only");
    v.push_back(x.done());
  }
  {
    Exchange x("pcscf_preference", "the temporary set takes the P-CSCF's most preferred mechanism the UE offered");
    x.register_(1000, 0b110, "the initial REGISTER offering both mechanisms");
    x.challenge(0x1001, true, server(9000, true), 1100, "a valid challenge, Security-Server prefers AES-GMAC (q=0.5)");
    x.ok("the 200 OK over the temporary set");
    v.push_back(x.done());
  }
  return v;
}

}  // namespace secmode::cli
