#include "impl/codec/rrc_uper.h"

#include <algorithm>

namespace secmode::impl::rrc {

std::size_t OctetString::copy(std::span<std::uint8_t> out) const noexcept {
  const std::size_t n = std::min(size_, out.size());
  for (std::size_t i = 0; i < n; ++i) out[i] = (*this)[i];
  return n;
}

bool OctetString::operator==(const OctetString& other) const noexcept {
  if (size_ != other.size_) return false;
  for (std::size_t i = 0; i < size_; ++i)
    if ((*this)[i] != other[i]) return false;
  return true;
}

namespace uper {
namespace {

constexpr const char* kTruncated = "the PDU ends inside this field (X.691 11.1)";

}  // namespace

bool Reader::fail(std::size_t offset, const char* ie, const char* reason) noexcept {
  if (!failed()) error_ = Error{message_, ie, offset, reason};
  return false;
}

bool Reader::need(const char* ie, std::size_t n) noexcept {
  if (failed()) return false;
  if (n <= size_bits() - pos_) return true;
  return fail(pos_, ie, kTruncated);
}

std::optional<std::uint32_t> Reader::bits(const char* ie, unsigned n) noexcept {
  if (!need(ie, n)) return std::nullopt;
  if (n == 0) return 0u;
  // The n bits lie in at most 5 octets (n <= 32, up to 7 bits in before them): gather those
  // octets into one word, then shift the field down and mask it.
  const std::size_t first = pos_ / 8;
  const unsigned lead = static_cast<unsigned>(pos_ % 8);
  const unsigned count = (lead + n + 7) / 8;
  std::uint64_t word = 0;
  for (unsigned k = 0; k < count; ++k) word = (word << 8) | pdu_[first + k];
  word >>= 8 * count - lead - n;
  pos_ += n;
  return static_cast<std::uint32_t>(word & ((std::uint64_t{1} << n) - 1));
}

std::optional<std::uint32_t> Reader::bitmap(const char* ie, unsigned n) noexcept {
  if (failed()) return std::nullopt;
  // Bit by bit, the first missing bit is the end of the PDU.
  if (n > size_bits() - pos_) {
    fail(size_bits(), ie, kTruncated);
    return std::nullopt;
  }
  return bits(ie, n);
}

std::optional<std::uint32_t> Reader::whole_number(const char* ie, std::uint32_t range) noexcept {
  const std::size_t start = pos_;
  const auto v = bits(ie, bits_for_range(range));
  if (v && *v >= range) {
    fail(start, ie, "value outside the constrained range (X.691 11.5.7.1)");
    return std::nullopt;
  }
  return v;
}

std::optional<std::uint32_t> Reader::normally_small(const char* ie) noexcept {
  const std::size_t start = pos_;
  const auto large = bits(ie, 1);
  if (!large) return std::nullopt;
  if (*large == 0) return bits(ie, 6);
  const auto n = length(ie);  // X.691 11.7: the octet count as a length determinant
  if (!n) return std::nullopt;
  if (*n == 0 || *n > 4) {
    fail(start, ie, "normally small number of other than 1..4 octets (X.691 11.6, 11.7)");
    return std::nullopt;
  }
  const auto v = bits(ie, static_cast<unsigned>(8 * *n));
  if (!v) return std::nullopt;
  if (*v < 64 || (*n > 1 && (*v >> (8 * (*n - 1))) == 0)) {
    fail(start, ie, "normally small number not in its canonical form (X.691 11.6, 11.7)");
    return std::nullopt;
  }
  return v;
}

// X.691 11.9.3.4: n <= 64 is a 0 bit and n-1 in six bits; a larger n is a 1 bit and n as an
// unconstrained length determinant (11.9.3.5-11.9.3.8.4). Used only for the length of an
// extension addition bit-map (19.8).
std::optional<std::size_t> Reader::normally_small_length(const char* ie) noexcept {
  const std::size_t start = pos_;
  const auto large = bits(ie, 1);
  if (!large) return std::nullopt;
  if (*large == 0) {
    const auto n_minus_1 = bits(ie, 6);
    if (!n_minus_1) return std::nullopt;
    return std::size_t{*n_minus_1} + 1;
  }
  const auto n = length(ie);
  if (n && *n <= 64) {
    fail(start, ie, "normally small length of 64 or less in the long form (X.691 11.9.3.4)");
    return std::nullopt;
  }
  return n;
}

std::optional<std::size_t> Reader::length(const char* ie) noexcept {
  const std::size_t start = pos_;
  const auto first = bits(ie, 1);
  if (!first) return std::nullopt;
  if (*first == 0) return bits(ie, 7);
  const auto second = bits(ie, 1);
  if (!second) return std::nullopt;
  if (*second == 1) {
    fail(start, ie,
         "fragmented length determinant (16384 or more, X.691 11.9.3.8): no DCCH PDU is that "
         "long");
    return std::nullopt;
  }
  const auto n = bits(ie, 14);
  if (!n) return std::nullopt;
  if (*n < 128) {
    fail(start, ie, "length below 128 in the two-octet form; X.691 11.9.3.6 wants one octet");
    return std::nullopt;
  }
  return n;
}

std::optional<OctetString> Reader::octets(const char* ie, std::size_t n) noexcept {
  if (failed()) return std::nullopt;
  if (n > (size_bits() - pos_) / 8) {  // compared in octets: 8 * n could overflow
    fail(pos_, ie, "the PDU ends inside this octet string (X.691 11.1, 17.8)");
    return std::nullopt;
  }
  const OctetString s(pdu_, pos_, n);
  pos_ += 8 * n;
  return s;
}

std::optional<Index> Reader::choice(const char* ie, std::uint32_t root, bool extensible) noexcept {
  bool extension = false;
  if (extensible) {
    const auto e = bits(ie, 1);
    if (!e) return std::nullopt;
    extension = *e == 1;
  }
  const auto index = extension ? normally_small(ie) : whole_number(ie, root);
  if (!index) return std::nullopt;
  return Index{*index, extension};
}

bool Reader::skip_extension_additions(const char* ie, Sink& sink) noexcept {
  const std::size_t start = pos_;
  const auto length_of_map = normally_small_length(ie);
  if (!length_of_map) return false;
  const std::size_t n = *length_of_map;
  if (n > size_bits() - pos_) return fail(size_bits(), ie, kTruncated);  // a bit-map
  const std::size_t map = pos_;
  pos_ += n;
  std::size_t present = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (((pdu_[(map + i) / 8] >> (7 - (map + i) % 8)) & 1u) == 0) continue;
    const std::size_t open_type = pos_;
    const auto len = length(ie);
    if (!len || !octets(ie, *len)) return false;
    sink.add(IgnoredIe{open_type, i + 1, ie,
                       "an extension addition this version does not know, stepped over as its "
                       "open type (X.691 19.9, 11.2)"});
    ++present;
  }
  if (present == 0)
    return fail(start, ie, "extension bit set but the addition bit-map marks none (X.691 19.7)");
  return true;
}

bool Reader::end_of_pdu() noexcept {
  if (failed()) return false;
  if (size_bits() - pos_ >= 8)
    return fail(pos_, "", "octets after the end of the message (X.691 11.1)");
  const std::size_t start = pos_;
  const auto padding = bits("", static_cast<unsigned>(size_bits() - pos_));
  if (*padding != 0) return fail(start, "", "padding bits are not zero (X.691 11.1)");
  return true;
}

void Writer::put(std::uint32_t value, unsigned n) noexcept {
  while (n > 0) {
    const unsigned room = 8 - static_cast<unsigned>(pos_ % 8);
    const unsigned take = std::min(room, n);
    const auto chunk = static_cast<std::uint8_t>((value >> (n - take)) & ((1u << take) - 1));
    const std::size_t at = pos_ / 8;
    if (at < out_.size()) {
      if (pos_ % 8 == 0) out_[at] = 0;  // first bits of this octet: the padding starts as zero
      out_[at] = static_cast<std::uint8_t>(out_[at] | (chunk << (room - take)));
    }
    pos_ += take;
    n -= take;
  }
}

void Writer::length(std::size_t n) noexcept {
  if (n < 128)
    put(static_cast<std::uint32_t>(n), 8);
  else
    put(static_cast<std::uint32_t>(0x8000u | n), 16);
}

void Writer::octets(const OctetString& s) noexcept {
  for (std::size_t i = 0; i < s.size(); ++i) put(s[i], 8);
}

Encoded Writer::done() const noexcept {
  const std::size_t size = (pos_ + 7) / 8;
  return {size, size <= out_.size(), nullptr};
}

// ---- the DCCH pieces --------------------------------------------------------------------------

std::optional<std::uint32_t> read_message_type(Reader& r, const Reasons& c1, const Reasons* c2,
                                               const char* future, std::uint32_t wanted_a,
                                               std::uint32_t wanted_b) noexcept {
  const std::size_t start = r.offset();
  const auto type = r.choice("message", 2, false);
  if (!type) return std::nullopt;
  if (type->index == 1) {
    if (c2 == nullptr) {
      r.fail(start, "message", "alternative messageClassExtension is not decoded here");
      return std::nullopt;
    }
    const std::size_t ext_at = r.offset();
    const auto ext = r.choice("message.messageClassExtension", 2, false);
    if (!ext) return std::nullopt;
    if (ext->index == 1) {
      r.fail(ext_at, "message.messageClassExtension", future);
      return std::nullopt;
    }
    const std::size_t c2_at = r.offset();
    const auto alt = r.choice("message.messageClassExtension.c2", 16, false);
    if (!alt) return std::nullopt;
    r.fail(c2_at, "message.messageClassExtension.c2", (*c2)[alt->index]);
    return std::nullopt;
  }
  const std::size_t c1_at = r.offset();
  const auto alt = r.choice("message.c1", 16, false);
  if (!alt) return std::nullopt;
  if (alt->index != wanted_a && alt->index != wanted_b) {
    r.fail(c1_at, "message.c1", c1[alt->index]);
    return std::nullopt;
  }
  return alt->index;
}

std::optional<std::uint8_t> read_transaction_id(Reader& r, const char* ie) noexcept {
  const auto v = r.whole_number(ie, 4);
  if (!v) return std::nullopt;
  return static_cast<std::uint8_t>(*v);
}

bool read_critical_extensions(Reader& r, const char* ie, const char* future) noexcept {
  const std::size_t at = r.offset();
  const auto c = r.choice(ie, 2, false);
  if (!c) return false;
  if (c->index == 1) return r.fail(at, ie, future);
  return true;
}

std::optional<std::uint8_t> read_algorithm(Reader& r, const char* ie) noexcept {
  const std::size_t at = r.offset();
  const auto v = r.choice(ie, 8, true);
  if (!v) return std::nullopt;
  if (v->extension) {
    r.fail(at, ie, "an extension value, which this version does not define (X.691 14.3)");
    return std::nullopt;
  }
  return static_cast<std::uint8_t>(v->index);
}

std::optional<OctetString> read_octet_string(Reader& r, const char* ie) noexcept {
  const auto n = r.length(ie);
  if (!n) return std::nullopt;
  return r.octets(ie, *n);
}

void write_message_start(Writer& w, std::uint32_t c1_index, std::uint8_t transaction_id) noexcept {
  w.put(0, 1);         // message: c1
  w.put(c1_index, 4);  // c1 alternative
  w.put(transaction_id, 2);
  w.put(0, 1);  // criticalExtensions: the first alternative
}

const char* check_transaction_id(std::uint8_t transaction_id) noexcept {
  return transaction_id <= 3 ? nullptr : "rrc-TransactionIdentifier is INTEGER (0..3)";
}

const char* check_algorithm(std::uint8_t index) noexcept {
  return index <= 7 ? nullptr : "an algorithm is one of the 8 root values of its ENUMERATED";
}

const char* check_octet_string(const std::optional<OctetString>& s) noexcept {
  return !s || s->size() < 16384
             ? nullptr
             : "lateNonCriticalExtension of 16384 octets or more needs a fragmented length "
               "(X.691 11.9.3.8), which is not written here";
}

}  // namespace uper
}  // namespace secmode::impl::rrc
