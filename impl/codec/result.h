// What the zero-copy codecs return (impl/codec/nas_eps.h, nas_5gs.h; rrc_security_mode.h with
// an ignored-addition record of its own): the decoded value or an error with its place (STYLE.md
// 11), the count of parts stepped over as the protocol tells a receiver to (NAS: clause 7 of
// TS 24.301 or TS 24.501), and the size an encoder wrote or needs. In a namespace of their own,
// so that argument-dependent lookup through a sink of IgnoredIe finds neither NAS codec's
// decoders (the EPS and 5GS ones share their names).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace secmode::impl::codec {

using ByteView = std::span<const std::uint8_t>;

// Where decoding stopped. Every pointer is a static string: "SECURITY MODE COMMAND", the IE at
// fault ("" when the IE is unknown to the message), and the reason with its clause.
struct Error {
  const char* message = nullptr;
  const char* ie = "";
  std::size_t offset = 0;  // octet offset of the IE at fault (RRC: bit offset)
  const char* reason = "";
};

// An IE stepped over as clause 7 tells a receiver to: unknown (7.6.1), out of sequence (7.6.2),
// repeated (7.6.3), syntactically incorrect optional IE (7.7.1), or octets beyond the defined
// length (TS 24.007 11.4.2). None of these fails the decode.
struct IgnoredIe {
  std::size_t offset = 0;  // of the IEI octet, or of the length octet of an imperative LV IE
  std::uint8_t iei = 0;    // 0 for an imperative IE
  const char* ie = "";     // "" when the message does not know the IE
  const char* reason = "";
};

// A decode result. The first sink.size() ignored IEs go to the caller's optional `sink`;
// `ignored` counts them all, so a full sink loses detail, never the count.
template <typename T>
struct Decoded {
  T value{};                // meaningful when ok()
  Error error{};            // meaningful when !ok()
  std::size_t ignored = 0;  // 0 when !ok()
  bool ok() const noexcept { return error.message == nullptr; }
};

// An encode result: when `written`, out[0, size) holds the message. When out is too small,
// `written` is false, out holds nothing useful and `size` says how many octets to retry with.
// When the value breaks its contract (see each type), `error` names the rule and size is 0.
struct Encoded {
  std::size_t size = 0;
  bool written = false;
  const char* error = nullptr;
};

}  // namespace secmode::impl::codec
