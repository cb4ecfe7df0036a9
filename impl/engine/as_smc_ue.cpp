#include "impl/engine/as_smc_ue.h"

#include <algorithm>

#include "impl/crypto/ct.h"

namespace secmode::impl::engine {

namespace {

using Outcome = AsUeResult::Outcome;

AsUeResult result(Outcome o, const char* clause, const char* reason = "") { return {o, {}, clause, reason}; }

}  // namespace

template <class Wire>
AsSmcUe<Wire>::~AsSmcUe() {
  crypto::ct::wipe_object(key_);
  crypto::ct::wipe_object(scratch_);
}

template <class Wire>
void AsSmcUe<Wire>::reset() noexcept {
  crypto::ct::wipe_object(key_);
  connected_ = activated_ = false;
  security_ = {};
  tx_next_ = rx_next_ = 0;
}

template <class Wire>
bool AsSmcUe<Wire>::connect(std::span<const std::uint8_t, 32> key) noexcept {
  if (connected_) return false;
  reset();
  std::copy(key.begin(), key.end(), key_.begin());
  connected_ = true;
  return true;
}

template <class Wire>
bool AsSmcUe<Wire>::release() noexcept {
  if (!connected_) return false;
  reset();  // 5.3.11: K_eNB / K_gNB and the keys from it are discarded
  return true;
}

template <class Wire>
AsUeResult AsSmcUe<Wire>::send(ByteView rrc, std::span<std::uint8_t> out) noexcept {
  if (!connected_) return result(Outcome::refused, "", "not in RRC_CONNECTED");
  std::size_t size = 0;
  if (const char* fault =
          pdcp_protect(Wire::pdcp, key_, Wire::srb1, security_, tx_next_, Direction::uplink, rrc, out, size))
    return result(Outcome::refused, "", fault);
  ++tx_next_;
  return {Outcome::sent, ByteView(out.data(), size), "TS 36.331 / 38.331 5.3.1.1", ""};
}

template <class Wire>
AsUeResult AsSmcUe<Wire>::receive(ByteView pdu, std::span<std::uint8_t> out) noexcept {
  if (!connected_) return result(Outcome::discarded, "", "not in RRC_CONNECTED");
  const std::uint32_t count = received_count(Wire::pdcp, rx_next_, pdcp_sn(Wire::pdcp, pdu));
  std::size_t size = 0;
  bool mac_ok = false;
  if (const char* fault =
          pdcp_open(Wire::pdcp, key_, Wire::srb1, security_, count, Direction::downlink, pdu, scratch_, size, mac_ok))
    return result(Outcome::discarded, "", fault);
  if (!mac_ok)  // TS 36.323 5.1.2.2 / TS 38.323 5.2.2.1: integrity verification failure
    return result(Outcome::discarded, "TS 38.323 5.2.2.1, TS 36.323 5.1.2.2", "MAC-I fails the integrity check");
  rx_next_ = count + 1;
  AsCommand c;
  if (!Wire::read_command(ByteView(scratch_.data(), size), c))
    return result(Outcome::delivered, "TS 36.331 / 38.331 5.3.1.1");
  if (activated_)
    return result(Outcome::discarded, "TS 36.331 / 38.331 5.3.4.1", "AS security is activated once per connection");

  // 5.3.4.3: K_RRCint of the commanded algorithm verifies the command (its PDCP PDU came without
  // integrity verification, which is not configured yet).
  bool verified = false;
  if (c.integrity_present) {
    const PdcpSecurity check{true, false, c.eia, 0};
    verified = pdcp_open(Wire::pdcp, key_, Wire::srb1, check, count, Direction::downlink, pdu, scratch_, size,
                         mac_ok) == nullptr &&
               mac_ok;
  }
  std::array<std::uint8_t, 16> message{};
  const codec::Encoded e =
      verified ? Wire::encode_complete(c.transaction_id, message) : Wire::encode_failure(c.transaction_id, message);
  if (!e.written) return result(Outcome::refused, "", "the answer does not encode");
  if (!verified) {
    // "continue using the configuration used prior to the reception of the SecurityModeCommand
    // message, i.e. neither apply integrity protection nor ciphering" and send the failure.
    AsUeResult r = send(ByteView(message.data(), e.size), out);
    if (r.outcome != Outcome::sent) return r;
    return {Outcome::failed, r.pdu, Wire::clause_ue, "MAC-I of the command fails the integrity check"};
  }
  // Integrity protection applies at once, to the COMPLETE too; ciphering after it (5.3.1.1).
  security_.integrity = true;
  security_.eia = c.eia;
  AsUeResult r = send(ByteView(message.data(), e.size), out);
  if (r.outcome != Outcome::sent) {
    security_ = {};
    return r;
  }
  security_.ciphering = true;
  security_.eea = c.eea;
  activated_ = true;
  return {Outcome::completed, r.pdu, Wire::clause_ue, ""};
}

template class AsSmcUe<LteAsWire>;
template class AsSmcUe<NrAsWire>;

}  // namespace secmode::impl::engine
