// Whether a spec twin (spec/codec/nas_*.h) and its zero-copy codec (impl/codec/nas_*.h) say the
// same of some octets: accept or reject, the error's message, IE, offset and clause, every
// decoded field, the ignored IEs (count, offsets, IEIs, names, clauses), and the octets each
// encoder makes of what it decoded (STYLE.md 8). The EPS and 5GS comparisons (nas_eps_agreement.h,
// nas_5gs_agreement.h) bring the impl-to-spec conversion of their messages, `to_spec`.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>

#include "impl/codec/result.h"
#include "spec/codec/codec_error.h"
#include "spec/crypto/bytes.h"

namespace secmode::test {

using spec::Bytes;
using spec::ByteView;
namespace ic = secmode::impl::codec;

inline Bytes bytes(ByteView v) { return Bytes(v.begin(), v.end()); }

// The clause a reason cites: its last parenthesised group that names a TS, or "".
inline std::string clause_of(const std::string& reason) {
  const auto open = reason.rfind('(');
  if (open == std::string::npos) return "";
  const std::string group = reason.substr(open);
  return group.find("TS ") == std::string::npos ? "" : group;
}

// The impl encoding of `value`, after checking that a buffer one octet short is refused with
// the same size reported (the retry contract of ic::Encoded). Empty when the encoder refused.
template <typename T>
Bytes impl_encode(const T& value, std::string& problem) {
  const ic::Encoded sized = encode(value, std::span<std::uint8_t>{});
  if (sized.error) return {};
  Bytes out(sized.size);
  if (!out.empty()) {
    Bytes short_buffer(out.size() - 1);
    const ic::Encoded retry = encode(value, short_buffer);
    if (retry.written || retry.size != sized.size)
      problem = "encode: a short buffer was not refused";
  }
  const ic::Encoded e = encode(value, out);
  if (!e.written || e.size != out.size()) problem = "encode: the sized buffer was not filled";
  return out;
}

constexpr std::size_t kSinkSize = 16;

inline std::string describe(const ic::Error& e) {
  return std::string(e.message) + ", IE '" + e.ie + "' at " + std::to_string(e.offset) + ": " +
         e.reason;
}

// "" when the two errors agree on message, IE, offset and clause, else what differs.
inline std::string error_disagreement(const spec::CodecError& s, const ic::Error& i) {
  if (s.message != i.message || s.ie != i.ie || s.offset != i.offset ||
      clause_of(s.reason) != clause_of(i.reason))
    return "errors differ: spec '" + s.describe() + "', impl '" + describe(i) + "'";
  return "";
}

// "" when both decoders agree, else what differs. `sink` is the impl's, filled by its decode;
// `to_spec` turns the impl's value into the spec's.
template <typename S, typename I, typename ToSpec>
std::string disagreement(const spec::Decoded<S>& s, const ic::Decoded<I>& i,
                         std::span<const ic::IgnoredIe> sink, ToSpec to_spec) {
  if (s.ok() != i.ok())
    return s.ok() ? "impl rejects what spec accepts: " + describe(i.error)
                  : "impl accepts what spec rejects: " + s.error().describe();
  if (!s.ok()) return error_disagreement(s.error(), i.error);
  if (!(to_spec(i.value) == s.value())) return "decoded values differ";
  if (s.ignored().size() != i.ignored)
    return "ignored IE counts differ: spec " + std::to_string(s.ignored().size()) + ", impl " +
           std::to_string(i.ignored);
  for (std::size_t k = 0; k < i.ignored && k < sink.size(); ++k) {
    const auto& a = s.ignored()[k];
    const auto& b = sink[k];
    if (a.offset != b.offset || a.iei != b.iei || a.ie != b.ie ||
        clause_of(a.reason) != clause_of(b.reason))
      return "ignored IE " + std::to_string(k) + " differs: spec at " + std::to_string(a.offset) +
             " '" + a.ie + "': " + a.reason + "; impl at " + std::to_string(b.offset) + " '" +
             b.ie + "': " + b.reason;
  }
  std::string problem;
  if (impl_encode(i.value, problem) != encode(s.value()))
    return "encodings of the decoded value differ";
  return problem;
}

// "" when the impl decoded `b`, the spec encoding of `value`, with nothing ignored, to `value`,
// and re-encodes what it decoded to `b`; else what went wrong.
template <typename S, typename I, typename ToSpec>
std::string round_trip_problem(const S& value, const Bytes& b, const ic::Decoded<I>& d,
                               ToSpec to_spec) {
  if (!d.ok()) return "impl rejects a spec-encoded value: " + describe(d.error);
  if (d.ignored != 0) return "impl ignores IEs of a spec-encoded value";
  if (!(to_spec(d.value) == value)) return "decoded values differ";
  std::string problem;
  if (impl_encode(d.value, problem) != b) return "impl encodes the decoded value differently";
  return problem;
}

// Both decoders of one message on `pdu`, the impl's with a sink.
template <typename SpecDecode, typename ImplDecode, typename ToSpec>
std::string pair_disagreement(ByteView pdu, SpecDecode spec_decode, ImplDecode impl_decode,
                              ToSpec to_spec) {
  std::array<ic::IgnoredIe, kSinkSize> sink{};
  return disagreement(spec_decode(pdu), impl_decode(pdu, sink), sink, to_spec);
}

}  // namespace secmode::test
