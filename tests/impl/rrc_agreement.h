// Whether the spec twin (spec/codec/rrc_security_mode.h) and the zero-copy codec
// (impl/codec/rrc_security_mode.h) say the same of some octets: accept or reject, the error's
// message, ASN.1 path and bit offset (and, for an alternative not decoded, its name: the impl's
// static reason must be part of the spec's), every decoded field, the
// extension additions stepped over (count, open type offsets, names), that octet string views
// lie inside the PDU, and the octets each encoder makes of what it decoded (STYLE.md 8). Written
// once for the differential tests and the fuzz target alike.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <variant>

#include "impl/codec/rrc_security_mode.h"
#include "spec/codec/rrc_security_mode.h"

namespace secmode::test::rrc {

namespace sr = secmode::spec::rrc;
namespace ir = secmode::impl::rrc;
using spec::Bytes;
using spec::ByteView;

// ---- the impl's values as spec values, so spec's operator== compares every field -------------

inline std::optional<Bytes> to_spec(const std::optional<ir::OctetString>& s) {
  if (!s) return std::nullopt;
  Bytes b(s->size());
  s->copy(b);
  return b;
}

inline sr::nr::SecurityModeCommand to_spec(const ir::nr::SecurityModeCommand& m) {
  sr::nr::SecurityModeCommand s;
  s.transaction_id = m.transaction_id;
  s.algorithms.ciphering = static_cast<sr::nr::CipheringAlgorithm>(m.algorithms.ciphering);
  if (m.algorithms.integrity)
    s.algorithms.integrity = static_cast<sr::nr::IntegrityProtAlgorithm>(*m.algorithms.integrity);
  s.late_non_critical_extension = to_spec(m.late_non_critical_extension);
  s.non_critical_extension = m.non_critical_extension;
  return s;
}
inline sr::nr::SecurityModeComplete to_spec(const ir::nr::SecurityModeComplete& m) {
  return {m.transaction_id, to_spec(m.late_non_critical_extension), m.non_critical_extension};
}
inline sr::nr::SecurityModeFailure to_spec(const ir::nr::SecurityModeFailure& m) {
  return {m.transaction_id, to_spec(m.late_non_critical_extension), m.non_critical_extension};
}
inline sr::nr::UlSecurityModeMessage to_spec(const ir::nr::UlSecurityModeMessage& m) {
  return std::visit([](const auto& v) { return sr::nr::UlSecurityModeMessage(to_spec(v)); }, m);
}

inline std::optional<sr::lte::NonCriticalExtensionV8a0> to_spec(
    const std::optional<ir::lte::NonCriticalExtensionV8a0>& v) {
  if (!v) return std::nullopt;
  return sr::lte::NonCriticalExtensionV8a0{to_spec(v->late_non_critical_extension),
                                           v->non_critical_extension};
}
inline sr::lte::SecurityModeCommand to_spec(const ir::lte::SecurityModeCommand& m) {
  return {m.transaction_id,
          {static_cast<sr::lte::CipheringAlgorithm>(m.algorithms.ciphering),
           static_cast<sr::lte::IntegrityProtAlgorithm>(m.algorithms.integrity)},
          to_spec(m.non_critical_extension)};
}
inline sr::lte::SecurityModeComplete to_spec(const ir::lte::SecurityModeComplete& m) {
  return {m.transaction_id, to_spec(m.non_critical_extension)};
}
inline sr::lte::SecurityModeFailure to_spec(const ir::lte::SecurityModeFailure& m) {
  return {m.transaction_id, to_spec(m.non_critical_extension)};
}
inline sr::lte::UlSecurityModeMessage to_spec(const ir::lte::UlSecurityModeMessage& m) {
  return std::visit([](const auto& v) { return sr::lte::UlSecurityModeMessage(to_spec(v)); }, m);
}

// ---- octet string views ----------------------------------------------------------------------

// "" when the view lies inside `pdu` and, when octet aligned, aligned() points into it.
inline std::string view_problem(const std::optional<ir::OctetString>& s, ByteView pdu) {
  if (!s) return "";
  if (s->bit_offset() + 8 * s->size() > 8 * pdu.size()) return "an octet string runs past the PDU";
  const auto a = s->aligned();
  if (a.has_value() != (s->bit_offset() % 8 == 0)) return "aligned() disagrees with bit_offset()";
  if (a && !a->empty() && a->data() != pdu.data() + s->bit_offset() / 8)
    return "an aligned octet string is not a view into the PDU";
  return "";
}
inline std::string views_problem(const ir::nr::SecurityModeCommand& m, ByteView pdu) {
  return view_problem(m.late_non_critical_extension, pdu);
}
inline std::string views_problem(const ir::nr::UlSecurityModeMessage& m, ByteView pdu) {
  return std::visit(
      [pdu](const auto& v) { return view_problem(v.late_non_critical_extension, pdu); }, m);
}
inline std::string views_problem(const std::optional<ir::lte::NonCriticalExtensionV8a0>& v,
                                 ByteView pdu) {
  return v ? view_problem(v->late_non_critical_extension, pdu) : "";
}
inline std::string views_problem(const ir::lte::SecurityModeCommand& m, ByteView pdu) {
  return views_problem(m.non_critical_extension, pdu);
}
inline std::string views_problem(const ir::lte::UlSecurityModeMessage& m, ByteView pdu) {
  return std::visit([pdu](const auto& v) { return views_problem(v.non_critical_extension, pdu); },
                    m);
}

// ---- encoding --------------------------------------------------------------------------------

// The impl encoding of `value`, after checking that a buffer one octet short is refused with the
// same size reported (the retry contract of ir::Encoded). Empty when the encoder refused.
template <typename T>
Bytes impl_encode(const T& value, std::string& problem) {
  using ir::nr::encode, ir::lte::encode;
  const ir::Encoded sized = encode(value, std::span<std::uint8_t>{});
  if (sized.error) return {};
  Bytes out(sized.size);
  if (!out.empty()) {
    Bytes short_buffer(out.size() - 1);
    const ir::Encoded retry = encode(value, short_buffer);
    if (retry.written || retry.size != sized.size)
      problem = "encode: a short buffer was not refused";
  }
  const ir::Encoded e = encode(value, out);
  if (!e.written || e.size != out.size()) problem = "encode: the sized buffer was not filled";
  return out;
}

template <typename T>
Bytes spec_encode(const T& value) {
  using sr::nr::encode, sr::lte::encode;
  return encode(value);
}

// ---- decoding --------------------------------------------------------------------------------

constexpr std::size_t kSinkSize = 8;

inline std::string describe(const ir::Error& e) {
  return std::string(e.message) + ", '" + e.ie + "' at bit " + std::to_string(e.offset) + ": " +
         e.reason;
}

// "" when both decoders agree, else what differs. `sink` is the impl's, filled by its decode.
template <typename S, typename I>
std::string disagreement(ByteView pdu, const spec::Decoded<S>& s, const ir::Decoded<I>& i,
                         std::span<const ir::IgnoredIe> sink) {
  if (s.ok() != i.ok())
    return s.ok() ? "impl rejects what spec accepts: " + describe(i.error)
                  : "impl accepts what spec rejects: " + s.error().describe();
  if (!s.ok()) {
    const auto& e = s.error();
    if (e.message != i.error.message || e.ie != i.error.ie || e.offset != i.error.offset)
      return "errors differ: spec '" + e.describe() + "', impl '" + describe(i.error) + "'";
    if (e.reason.find("is not decoded here") != std::string::npos &&
        e.reason.find(i.error.reason) == std::string::npos)
      return "errors name different alternatives: spec '" + e.describe() + "', impl '" +
             describe(i.error) + "'";
    return "";
  }
  if (!(to_spec(i.value) == s.value())) return "decoded values differ";
  if (std::string v = views_problem(i.value, pdu); !v.empty()) return v;
  if (s.ignored().size() != i.ignored)
    return "ignored addition counts differ: spec " + std::to_string(s.ignored().size()) +
           ", impl " + std::to_string(i.ignored);
  for (std::size_t k = 0; k < i.ignored && k < sink.size(); ++k) {
    const auto& a = s.ignored()[k];
    const auto& b = sink[k];
    const std::string name =
        std::string(b.ie) + " extension addition " + std::to_string(b.addition);
    if (a.offset != b.offset || a.iei != 0 || a.ie != name)
      return "ignored addition " + std::to_string(k) + " differs: spec at " +
             std::to_string(a.offset) + " '" + a.ie + "', impl at " + std::to_string(b.offset) +
             " '" + name + "'";
  }
  std::string problem;
  if (impl_encode(i.value, problem) != spec_encode(s.value()))
    return "encodings of the decoded value differ";
  return problem;
}

inline std::string nr_dl_disagreement(ByteView pdu) {
  std::array<ir::IgnoredIe, kSinkSize> sink{};
  return disagreement(pdu, sr::nr::decode_dl_dcch(pdu), ir::nr::decode_dl_dcch(pdu, sink), sink);
}
inline std::string nr_ul_disagreement(ByteView pdu) {
  return disagreement(pdu, sr::nr::decode_ul_dcch(pdu), ir::nr::decode_ul_dcch(pdu), {});
}
inline std::string lte_dl_disagreement(ByteView pdu) {
  std::array<ir::IgnoredIe, kSinkSize> sink{};
  return disagreement(pdu, sr::lte::decode_dl_dcch(pdu), ir::lte::decode_dl_dcch(pdu, sink), sink);
}
inline std::string lte_ul_disagreement(ByteView pdu) {
  return disagreement(pdu, sr::lte::decode_ul_dcch(pdu), ir::lte::decode_ul_dcch(pdu), {});
}

// Every decoder pair on the same octets; "" when all agree, else the first difference.
inline std::string decoders_disagree(ByteView pdu) {
  for (auto* pair :
       {nr_dl_disagreement, nr_ul_disagreement, lte_dl_disagreement, lte_ul_disagreement})
    if (std::string d = pair(pdu); !d.empty()) return d;
  return "";
}

}  // namespace secmode::test::rrc
