#include "impl/engine/as_smc_ran.h"

#include <algorithm>

#include "impl/crypto/ct.h"

namespace secmode::impl::engine {

namespace {

using Outcome = AsRanResult::Outcome;

AsRanResult result(Outcome o, const char* clause, const char* reason = "") { return {o, {}, clause, reason}; }

bool supports(std::uint16_t capabilities, std::uint8_t alg, unsigned shift) {
  return alg < 8 && (capabilities >> (shift + alg) & 1u) != 0;
}

}  // namespace

template <class Wire>
AsSmcRan<Wire>::~AsSmcRan() {
  crypto::ct::wipe_object(key_);
  crypto::ct::wipe_object(scratch_);
}

template <class Wire>
void AsSmcRan<Wire>::reset() noexcept {
  crypto::ct::wipe_object(key_);
  connected_ = keyed_ = pending_ = activated_ = bearers_ = false;
  capabilities_ = 0;
  downlink_ = uplink_ = {};
  transaction_id_ = 0;
  tx_next_ = rx_next_ = 0;
}

template <class Wire>
bool AsSmcRan<Wire>::priority(std::span<const std::uint8_t> ciphering,
                              std::span<const std::uint8_t> integrity) noexcept {
  const auto valid = [](std::span<const std::uint8_t> list) {
    return list.size() <= 8 && std::all_of(list.begin(), list.end(), [](std::uint8_t a) { return a < 8; });
  };
  if (!valid(ciphering) || !valid(integrity)) return false;
  ciphering_ = {};
  integrity_ = {};
  std::copy(ciphering.begin(), ciphering.end(), ciphering_.algorithms.begin());
  std::copy(integrity.begin(), integrity.end(), integrity_.algorithms.begin());
  ciphering_.size = static_cast<std::uint8_t>(ciphering.size());
  integrity_.size = static_cast<std::uint8_t>(integrity.size());
  return true;
}

template <class Wire>
std::uint8_t AsSmcRan<Wire>::preferred(const Order& order, unsigned shift) const noexcept {
  for (std::uint8_t i = 0; i < order.size; ++i)
    if (supports(capabilities_, order.algorithms[i], shift)) return order.algorithms[i];
  return kNoAlgorithm;
}

template <class Wire>
bool AsSmcRan<Wire>::connect() noexcept {
  if (connected_) return false;
  reset();
  connected_ = true;
  connection_ciphering_ = ciphering_;
  connection_integrity_ = integrity_;
  return true;
}

template <class Wire>
bool AsSmcRan<Wire>::release() noexcept {
  if (!connected_) return false;
  reset();
  return true;
}

template <class Wire>
bool AsSmcRan<Wire>::context_setup(std::span<const std::uint8_t, 32> key, std::uint16_t capabilities) noexcept {
  if (!connected_ || keyed_ || std::all_of(key.begin(), key.end(), [](std::uint8_t b) { return b == 0; })) return false;
  std::copy(key.begin(), key.end(), key_.begin());
  keyed_ = true;
  capabilities_ = capabilities;
  return true;
}

template <class Wire>
AsRanResult AsSmcRan<Wire>::protect(ByteView rrc, std::span<std::uint8_t> out, const char* clause) noexcept {
  std::size_t size = 0;
  if (const char* fault =
          pdcp_protect(Wire::pdcp, key_, Wire::srb1, downlink_, tx_next_, Direction::downlink, rrc, out, size))
    return result(Outcome::refused, "", fault);
  ++tx_next_;
  return {Outcome::sent, ByteView(out.data(), size), clause, ""};
}

template <class Wire>
AsRanResult AsSmcRan<Wire>::start(std::uint8_t eea, std::uint8_t eia, std::span<std::uint8_t> out) noexcept {
  if (!connected_ || !keyed_) return result(Outcome::refused, "TS 33.401 7.2.4.5", "no K_eNB / K_gNB from the core");
  if (pending_ || activated_ || bearers_)
    return result(Outcome::refused, Wire::clause_network, "the command goes once, while SRB1 alone is established");
  if (!supports(capabilities_, eea, 0) || !supports(capabilities_, eia, 8))
    return result(Outcome::refused, "TS 33.401 7.2.4.2.1, TS 33.501 6.7.3.0",
                  "an algorithm the UE security capabilities do not list");
  if ((connection_ciphering_.size != 0 && eea != preferred_ciphering()) ||
      (connection_integrity_.size != 0 && eia != preferred_integrity()))
    return result(Outcome::refused, "TS 33.401 7.2.4.2.1, TS 33.501 6.7.3.0",
                  "not the configured priority's choice among the UE security capabilities");
  const AsCommand c{transaction_id_, eea, eia, true};
  std::array<std::uint8_t, 16> message{};
  const codec::Encoded e = Wire::encode_command(c, message);
  if (!e.written) return result(Outcome::refused, "", "the command does not encode");
  // Integrity protected, not ciphered; downlink ciphering from the next message on (TS 33.401
  // 7.2.4.5, TS 33.501 6.7.4). Uplink integrity verification starts with it too.
  const PdcpSecurity before = downlink_;
  downlink_ = {true, false, eia, 0};
  const AsRanResult r = protect(ByteView(message.data(), e.size), out, Wire::clause_network);
  if (r.outcome != Outcome::sent) {
    downlink_ = before;
    return r;
  }
  transaction_id_ = static_cast<std::uint8_t>((transaction_id_ + 1) & 3);
  downlink_.ciphering = true;
  downlink_.eea = eea;
  uplink_ = {true, false, eia, 0};
  pending_ = true;
  return r;
}

template <class Wire>
AsRanResult AsSmcRan<Wire>::receive(ByteView pdu) noexcept {
  if (!connected_) return result(Outcome::discarded, "", "no RRC connection");
  const std::uint32_t count = received_count(Wire::pdcp, rx_next_, pdcp_sn(Wire::pdcp, pdu));
  std::size_t size = 0;
  bool mac_ok = false;
  if (const char* fault =
          pdcp_open(Wire::pdcp, key_, Wire::srb1, uplink_, count, Direction::uplink, pdu, scratch_, size, mac_ok))
    return result(Outcome::discarded, "", fault);
  const AsUplink u = Wire::read_uplink(ByteView(scratch_.data(), size));
  if (pending_ && u.kind == AsUplink::Kind::failure) {
    // Sent without protection by a UE that kept its old configuration (5.3.4.3); 5.3.1.1: "the
    // network should release the RRC connection if the initial AS security activation ... fails".
    reset();
    return result(Outcome::released, "TS 36.331 / 38.331 5.3.1.1", "SecurityModeFailure");
  }
  if (!mac_ok)
    return result(Outcome::discarded, "TS 38.323 5.2.2.1, TS 36.323 5.1.2.2", "MAC-I fails the integrity check");
  rx_next_ = count + 1;
  if (pending_ && u.kind == AsUplink::Kind::complete) {
    // TS 33.401 7.2.4.5 / TS 33.501 6.7.4: uplink deciphering starts after a verified COMPLETE.
    pending_ = false;
    activated_ = true;
    uplink_.ciphering = true;
    uplink_.eea = downlink_.eea;
    return result(Outcome::activated, "TS 33.401 7.2.4.5, TS 33.501 6.7.4");
  }
  return result(Outcome::delivered, "TS 36.331 / 38.331 5.3.1.1");
}

template <class Wire>
AsRanResult AsSmcRan<Wire>::establish_bearers(ByteView rrc, std::span<std::uint8_t> out) noexcept {
  if (!connected_ || !(pending_ || activated_) || bearers_)
    return result(Outcome::refused, "TS 36.331 / 38.331 5.3.1.1",
                  "SRB2 and DRBs come once, after the SecurityModeCommand has gone");
  const AsRanResult r = protect(rrc, out, "TS 36.331 / 38.331 5.3.1.1");
  if (r.outcome == Outcome::sent) bearers_ = true;
  return r;
}

template <class Wire>
AsRanResult AsSmcRan<Wire>::send(ByteView rrc, std::span<std::uint8_t> out) noexcept {
  if (!connected_) return result(Outcome::refused, "", "no RRC connection");
  return protect(rrc, out, "TS 36.331 / 38.331 5.3.1.1");
}

template class AsSmcRan<LteAsWire>;
template class AsSmcRan<NrAsWire>;

}  // namespace secmode::impl::engine
