#include "impl/engine/as_wire.h"

#include <variant>

#include "impl/codec/rrc_security_mode.h"

namespace secmode::impl::engine {

namespace {

// Reads either RAT's uplink the same way: the variant of the decoded UL-DCCH message.
template <class Complete, class Failure, class Decoded>
AsUplink uplink_of(const Decoded& d) {
  AsUplink u;
  if (!d.ok()) return u;
  if (const auto* c = std::get_if<Complete>(&d.value)) {
    u.kind = AsUplink::Kind::complete;
    u.transaction_id = c->transaction_id;
  } else if (const auto* f = std::get_if<Failure>(&d.value)) {
    u.kind = AsUplink::Kind::failure;
    u.transaction_id = f->transaction_id;
  }
  return u;
}

}  // namespace

bool LteAsWire::read_command(ByteView rrc, AsCommand& out) noexcept {
  const auto d = rrc::lte::decode_dl_dcch(rrc);
  if (!d.ok()) return false;
  out.transaction_id = d.value.transaction_id;
  out.eea = static_cast<std::uint8_t>(d.value.algorithms.ciphering);
  out.eia = static_cast<std::uint8_t>(d.value.algorithms.integrity);
  out.integrity_present = true;
  return true;
}

AsUplink LteAsWire::read_uplink(ByteView rrc) noexcept {
  return uplink_of<rrc::lte::SecurityModeComplete, rrc::lte::SecurityModeFailure>(rrc::lte::decode_ul_dcch(rrc));
}

codec::Encoded LteAsWire::encode_command(const AsCommand& c, std::span<std::uint8_t> out) noexcept {
  rrc::lte::SecurityModeCommand m;
  m.transaction_id = c.transaction_id;
  m.algorithms.ciphering = static_cast<rrc::lte::CipheringAlgorithm>(c.eea & 7);
  m.algorithms.integrity = static_cast<rrc::lte::IntegrityProtAlgorithm>(c.eia & 7);
  return rrc::lte::encode(m, out);
}

codec::Encoded LteAsWire::encode_complete(std::uint8_t transaction_id, std::span<std::uint8_t> out) noexcept {
  rrc::lte::SecurityModeComplete m;
  m.transaction_id = transaction_id;
  return rrc::lte::encode(m, out);
}

codec::Encoded LteAsWire::encode_failure(std::uint8_t transaction_id, std::span<std::uint8_t> out) noexcept {
  rrc::lte::SecurityModeFailure m;
  m.transaction_id = transaction_id;
  return rrc::lte::encode(m, out);
}

bool NrAsWire::read_command(ByteView rrc, AsCommand& out) noexcept {
  const auto d = rrc::nr::decode_dl_dcch(rrc);
  if (!d.ok()) return false;
  out.transaction_id = d.value.transaction_id;
  out.eea = static_cast<std::uint8_t>(d.value.algorithms.ciphering);
  out.integrity_present = d.value.algorithms.integrity.has_value();
  out.eia = out.integrity_present ? static_cast<std::uint8_t>(*d.value.algorithms.integrity) : 0;
  return true;
}

AsUplink NrAsWire::read_uplink(ByteView rrc) noexcept {
  return uplink_of<rrc::nr::SecurityModeComplete, rrc::nr::SecurityModeFailure>(rrc::nr::decode_ul_dcch(rrc));
}

codec::Encoded NrAsWire::encode_command(const AsCommand& c, std::span<std::uint8_t> out) noexcept {
  rrc::nr::SecurityModeCommand m;
  m.transaction_id = c.transaction_id;
  m.algorithms.ciphering = static_cast<rrc::nr::CipheringAlgorithm>(c.eea & 7);
  if (c.integrity_present) m.algorithms.integrity = static_cast<rrc::nr::IntegrityProtAlgorithm>(c.eia & 7);
  return rrc::nr::encode(m, out);
}

codec::Encoded NrAsWire::encode_complete(std::uint8_t transaction_id, std::span<std::uint8_t> out) noexcept {
  rrc::nr::SecurityModeComplete m;
  m.transaction_id = transaction_id;
  return rrc::nr::encode(m, out);
}

codec::Encoded NrAsWire::encode_failure(std::uint8_t transaction_id, std::span<std::uint8_t> out) noexcept {
  rrc::nr::SecurityModeFailure m;
  m.transaction_id = transaction_id;
  return rrc::nr::encode(m, out);
}

}  // namespace secmode::impl::engine
