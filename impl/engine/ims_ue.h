// The UE's side of IMS registration with IMS AKA and IPsec security associations (TS 24.229
// 5.1.1.2, 5.1.1.4, 5.1.1.5; TS 33.203 6.1, 7; RFC 3329; RFC 3310), over real SIP text and real
// crypto, driven in lock-step with the rule table spec/procedures/ims_sa_ue.h by tests/engine/.
// It writes the REGISTER requests (Security-Client, Security-Verify, Authorization), checks each
// 401's AUTN with MILENAGE (TS 33.102 6.3.3), answers with the RES digest, an empty response or
// AUTS, keeps the temporary, newly established and old sets of security associations in a
// user-space database (ims_sa_database.h) with their ESP keys and SIP level lifetimes, and deletes
// them when TS 24.229 5.1.1.5.1 allows.
//
// Choices the specs leave open, made here: SQN is in range when it is above the highest SQN the
// UE accepted (TS 33.102 C.1's simplest scheme, no IND array); a REGISTER answering with AUTS
// carries response="" (RFC 3310 3.4's text was not at hand); a final response other than 401 and
// 2xx to the pending REGISTER is not acted on, as the table does not say what follows; the
// registration lifetime is the 200 OK's Expires, else the one requested. Messages are read with
// impl/codec/sip_message.h: a message that does not decode, or arrives over an SPI the database
// does not hold, is discarded with the reason.
//
// Nothing is allocated on the message path: text goes into the caller's buffer.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "impl/codec/sip_digest_aka.h"
#include "impl/codec/sip_message.h"
#include "impl/engine/ims_sa_database.h"

namespace secmode::impl::engine {

struct ImsUeConfig {
  std::array<std::uint8_t, 16> k{}, opc{};  // the ISIM's subscription (TS 35.206)
  std::array<std::uint8_t, 6> sqn_ms{};     // the highest SQN accepted so far
  std::string impi;                         // private user identity: Digest username (TS 24.229 5.1.1.2.1)
  std::string impu;                         // public user identity: From / To
  std::string home_domain;                  // Request-URI "sip:" home_domain, Digest uri
  std::string host = "192.0.2.1";           // the UE's address in Via and Contact
  std::vector<EspMechanism> mechanisms;     // at most 3, the UE's preference order; bit i + 1 of a mask
  std::uint32_t expires_s = 600000;         // the registration lifetime the REGISTER asks for
  std::int64_t reg_await_auth_ms = 240000;  // the temporary set's lifetime (TS 24.229 5.1.1.5.1)
};

struct ImsUeResult {
  enum class Outcome : std::uint8_t {
    sent,       // `text` holds a REGISTER to send over set `over` (0: unprotected)
    taken,      // the message was acted on; nothing to send
    ignored,    // no rule applies to it (e.g. a 401 with no REGISTER pending)
    discarded,  // unreadable, or over an SPI the UE does not hold: `reason` says which
    refused,    // a call the engine cannot take (a registration pending, SPIs in use)
    nothing,    // advance(): no lifetime ran out
  };
  Outcome outcome = Outcome::nothing;
  std::string_view text;       // in the caller's buffer
  std::uint32_t over = 0;      // the set protecting the REGISTER
  std::uint32_t esp_spi = 0;   // its outbound SA toward the P-CSCF's protected server port
  std::uint32_t deleted = 0;   // the set the table deletes in this step (0: none)
  std::uint32_t replaced = 0;  // a set dropped because its role went to another (0: none)
  const char* clause = "";
  const char* reason = "";
};

class ImsUe {
 public:
  explicit ImsUe(ImsUeConfig config);
  ImsUe(const ImsUe&) = delete;
  ImsUe& operator=(const ImsUe&) = delete;

  // Register or re-register (TS 24.229 5.1.1.2.1, 5.1.1.4.1) with a new proposal: the UE's SPIs
  // and protected ports, and the mechanisms offered (mask of bit i + 1 for mechanisms[i]).
  // A REGISTER that does not fit `out` is refused and leaves the engine as it was.
  ImsUeResult register_(const SecParams& proposal, std::uint32_t offered, std::span<char> out) noexcept;
  // A SIP message from the P-CSCF; `esp_spi` the SPI of the ESP packet that carried it (none:
  // unprotected). `next` is the proposal a REGISTER answering an unusable 401 carries
  // (5.1.1.5.1 3), 5.1.1.5.3: new SPIs and ports). When the answering REGISTER does not fit
  // `out` it is refused: no CSeq is taken and the proposal stays, but what receiving the 401 did
  // stands (the old set deleted on first use of the new one; after a valid challenge, the
  // temporary set and the USIM's SQN).
  ImsUeResult receive(std::string_view message, std::optional<std::uint32_t> esp_spi, const SecParams& next,
                      std::span<char> out) noexcept;
  // Moves the clock to `now_ms` (never back) and ends at most one set whose lifetime ran out,
  // the earliest first (at one instant: temporary, old, established). Call until `nothing`.
  ImsUeResult advance(std::int64_t now_ms) noexcept;

  bool registered() const noexcept { return registered_; }
  bool awaiting() const noexcept { return awaiting_; }
  const SecParams& proposal() const noexcept { return proposal_; }
  std::uint32_t offered() const noexcept { return offered_; }
  const ImsSaDatabase& sets() const noexcept { return db_; }
  // The identity (1-based index in the configuration) of a set's mechanism, 0 if none.
  std::uint32_t mechanism_id(const EspMechanism& m) const noexcept;
  std::uint32_t set_id(SaRole role) const noexcept;
  const std::array<std::uint8_t, 6>& sqn_ms() const noexcept { return config_.sqn_ms; }

 private:
  struct Answer;
  bool fresh(const SecParams& p) const noexcept;
  ImsUeResult send_register(std::uint32_t over, const Answer& answer, std::span<char> out) noexcept;
  ImsUeResult challenge(const sip::SipHead& head, std::uint32_t over, const SecParams& next,
                        std::span<char> out) noexcept;
  ImsUeResult ok(const sip::SipHead& head, std::uint32_t over) noexcept;
  // After a message over `over` from the P-CSCF: the old set ends when the newly established
  // set carried it (5.1.1.5.1). Returns the deleted set, 0 if none.
  std::uint32_t end_old_set_if_new_used(std::uint32_t over) noexcept;
  void new_call_id() noexcept;

  ImsUeConfig config_;
  std::string uri_;  // "sip:" home_domain
  ImsSaDatabase db_;
  bool registered_ = false, awaiting_ = false;
  SecParams proposal_{};
  std::uint32_t offered_ = 0;
  std::uint32_t cseq_ = 0, calls_ = 0;
  std::array<char, 64> call_id_{};
  std::size_t call_id_size_ = 0;
  std::int64_t now_ = 0;
  std::array<char, 2048> scratch_{};
};

}  // namespace secmode::impl::engine
