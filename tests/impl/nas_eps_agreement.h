// Whether the spec twin (spec/codec/nas_eps.h) and the zero-copy codec (impl/codec/nas_eps.h)
// say the same of some octets: accept or reject, the error's message, IE and offset, every
// decoded field, the ignored IEs (count, offsets, IEIs, names), and the octets each encoder
// makes of what it decoded (STYLE.md 8). Written once for the differential tests and the fuzz
// target alike.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "impl/codec/nas_eps.h"
#include "spec/codec/nas_eps.h"

namespace secmode::test::nas_eps {

namespace sn = secmode::spec::nas;
namespace in = secmode::impl::nas;
using spec::Bytes;
using spec::ByteView;

// ---- the impl's views as spec values, so spec's operator== compares every field ------------

inline sn::SecurityModeCommand to_spec(const in::SecurityModeCommand& m) {
  sn::SecurityModeCommand s;
  s.selected_nas_security_algorithms = {m.selected_nas_security_algorithms.ciphering,
                                        m.selected_nas_security_algorithms.integrity};
  s.nas_key_set_identifier = {m.nas_key_set_identifier.mapped, m.nas_key_set_identifier.ksi};
  const auto caps = m.replayed_ue_security_capabilities;
  auto& c = s.replayed_ue_security_capabilities;
  if (caps.size() >= 2) c = {caps[0], caps[1], std::nullopt, std::nullopt, std::nullopt};
  if (caps.size() >= 4) c.uea = caps[2], c.uia = caps[3];
  if (caps.size() >= 5) c.gea = caps[4];
  s.imeisv_request = m.imeisv_request;
  s.replayed_nonce_ue = m.replayed_nonce_ue;
  s.nonce_mme = m.nonce_mme;
  if (m.hash_mme) {
    s.hash_mme.emplace();
    std::copy(m.hash_mme->begin(), m.hash_mme->end(), s.hash_mme->begin());
  }
  if (const auto& a = m.replayed_ue_additional_security_capability)
    s.replayed_ue_additional_security_capability = sn::UeAdditionalSecurityCapability{a->ea, a->ia};
  s.ue_radio_capability_id_request = m.ue_radio_capability_id_request;
  return s;
}

inline std::string imeisv_string(std::span<const std::uint8_t, 9> bcd) {
  std::array<char, 16> digits{};
  in::imeisv_digits(bcd, digits);
  return std::string(digits.begin(), digits.end());
}

inline sn::SecurityModeComplete to_spec(const in::SecurityModeComplete& m) {
  sn::SecurityModeComplete s;
  if (m.imeisv) s.imeisv = imeisv_string(*m.imeisv);
  if (const auto& c = m.replayed_nas_message_container)
    s.replayed_nas_message_container = Bytes(c->begin(), c->end());
  if (const auto& id = m.ue_radio_capability_id)
    s.ue_radio_capability_id = Bytes(id->begin(), id->end());
  return s;
}

inline sn::SecurityModeReject to_spec(const in::SecurityModeReject& m) { return {m.emm_cause}; }

inline sn::SecurityModeMessage to_spec(const in::SecurityModeMessage& m) {
  return std::visit([](const auto& v) { return sn::SecurityModeMessage(to_spec(v)); }, m);
}

inline sn::SecurityProtectedMessage to_spec(const in::SecurityProtectedMessage& m) {
  return {static_cast<sn::SecurityHeaderType>(m.type), m.mac, m.sequence_number,
          Bytes(m.nas_message.begin(), m.nas_message.end())};
}

// The impl encoding of `value`, after checking that a buffer one octet short is refused with
// the same size reported (the retry contract of in::Encoded). Empty when the encoder refused.
template <typename T>
Bytes impl_encode(const T& value, std::string& problem) {
  const in::Encoded sized = in::encode(value, std::span<std::uint8_t>{});
  if (sized.error) return {};
  Bytes out(sized.size);
  if (!out.empty()) {
    Bytes short_buffer(out.size() - 1);
    const in::Encoded retry = in::encode(value, short_buffer);
    if (retry.written || retry.size != sized.size)
      problem = "encode: a short buffer was not refused";
  }
  const in::Encoded e = in::encode(value, out);
  if (!e.written || e.size != out.size()) problem = "encode: the sized buffer was not filled";
  return out;
}

constexpr std::size_t kSinkSize = 16;

// "" when both decoders agree, else what differs. `sink` is the impl's, filled by its decode.
template <typename S, typename I>
std::string disagreement(const spec::Decoded<S>& s, const in::Decoded<I>& i,
                         std::span<const in::IgnoredIe> sink) {
  if (s.ok() != i.ok())
    return s.ok()
               ? std::string("impl rejects what spec accepts: ") + i.error.message + ", IE '" +
                     i.error.ie + "' at " + std::to_string(i.error.offset) + ": " + i.error.reason
               : "impl accepts what spec rejects: " + s.error().describe();
  if (!s.ok()) {
    const auto& e = s.error();
    if (e.message != i.error.message || e.ie != i.error.ie || e.offset != i.error.offset)
      return "errors differ: spec '" + e.describe() + "', impl '" + i.error.message + "', IE '" +
             i.error.ie + "' at " + std::to_string(i.error.offset);
    return "";
  }
  if (!(to_spec(i.value) == s.value())) return "decoded values differ";
  if (s.ignored().size() != i.ignored)
    return "ignored IE counts differ: spec " + std::to_string(s.ignored().size()) + ", impl " +
           std::to_string(i.ignored);
  for (std::size_t k = 0; k < i.ignored && k < sink.size(); ++k) {
    const auto& a = s.ignored()[k];
    const auto& b = sink[k];
    if (a.offset != b.offset || a.iei != b.iei || a.ie != b.ie)
      return "ignored IE " + std::to_string(k) + " differs: spec at " + std::to_string(a.offset) +
             " '" + a.ie + "', impl at " + std::to_string(b.offset) + " '" + b.ie + "'";
  }
  std::string problem;
  if (impl_encode(i.value, problem) != sn::encode(s.value()))
    return "encodings of the decoded value differ";
  return problem;
}

template <typename SpecDecode, typename ImplDecode>
std::string pair_disagreement(ByteView pdu, SpecDecode spec_decode, ImplDecode impl_decode) {
  std::array<in::IgnoredIe, kSinkSize> sink{};
  return disagreement(spec_decode(pdu), impl_decode(pdu, sink), sink);
}

// Every decoder pair on the same octets; "" when all agree, else the first difference.
inline std::string decoders_disagree(ByteView pdu) {
  std::string d =
      disagreement(sn::decode_security_protected(pdu), in::decode_security_protected(pdu), {});
  if (d.empty())
    d = pair_disagreement(pdu, sn::decode_security_mode_message, in::decode_security_mode_message);
  if (d.empty())
    d = pair_disagreement(pdu, sn::decode_security_mode_command, in::decode_security_mode_command);
  if (d.empty())
    d = pair_disagreement(pdu, sn::decode_security_mode_complete,
                          in::decode_security_mode_complete);
  if (d.empty())
    d = pair_disagreement(pdu, sn::decode_security_mode_reject, in::decode_security_mode_reject);
  return d;
}

}  // namespace secmode::test::nas_eps
