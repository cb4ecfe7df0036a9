#include "spec/codec/rrc_uper.h"

#include <stdexcept>

namespace secmode::spec::rrc {
namespace {

// The fewest bits that hold every value 0..range-1 (X.691 11.5.7.1); 0 for a range of 1.
unsigned bits_for_range(std::uint32_t range) {
  unsigned n = 0;
  while (n < 32 && (std::uint64_t{1} << n) < range) ++n;
  return n;
}

std::string at(std::size_t offset) { return "bit offset " + std::to_string(offset); }

}  // namespace

void UperReader::fail(std::size_t offset, const std::string& ie, const std::string& reason) {
  if (!failure_) failure_ = UperFailure{offset, ie, reason};
}

bool UperReader::need(const std::string& ie, std::size_t n) {
  if (failure_) return false;
  const std::size_t total = 8 * pdu_.size();
  if (n <= total - pos_) return true;
  fail(pos_, ie,
       "the PDU ends at " + at(total) + ", " + std::to_string(n - (total - pos_)) +
           " bit(s) short of the field starting at " + at(pos_));
  return false;
}

std::optional<std::uint32_t> UperReader::bits(const std::string& ie, unsigned n) {
  if (!need(ie, n)) return std::nullopt;
  std::uint32_t v = 0;
  for (unsigned i = 0; i < n; ++i, ++pos_) v = (v << 1) | ((pdu_[pos_ / 8] >> (7 - pos_ % 8)) & 1u);
  return v;
}

std::optional<std::uint32_t> UperReader::whole_number(const std::string& ie, std::uint32_t range) {
  const std::size_t start = pos_;
  const auto v = bits(ie, bits_for_range(range));
  if (v && *v >= range) {
    fail(start, ie,
         "value " + std::to_string(*v) + " at " + at(start) + " is outside the range 0.." +
             std::to_string(range - 1) + " (X.691 11.5.7.1)");
    return std::nullopt;
  }
  return v;
}

std::optional<std::uint32_t> UperReader::normally_small(const std::string& ie) {
  const std::size_t start = pos_;
  const auto large = bits(ie, 1);
  if (!large) return std::nullopt;
  if (*large == 0) return bits(ie, 6);
  // X.691 11.7: a semi-constrained whole number, its octet count as a length determinant.
  const auto n = length(ie);
  if (!n) return std::nullopt;
  if (*n == 0 || *n > 4) {
    fail(start, ie,
         "normally small number at " + at(start) + " has " + std::to_string(*n) +
             " octets; 1..4 are read here (X.691 11.6, 11.7)");
    return std::nullopt;
  }
  const auto v = bits(ie, static_cast<unsigned>(8 * *n));
  if (!v) return std::nullopt;
  if (*v < 64 || (*n > 1 && (*v >> (8 * (*n - 1))) == 0)) {
    fail(start, ie,
         "normally small number " + std::to_string(*v) + " at " + at(start) +
             " is not in its canonical form (X.691 11.6, 11.7)");
    return std::nullopt;
  }
  return v;
}

// X.691 11.9.3.4: "When the length determinant is a normally small length and n <= 64", a 0 bit
// and n-1 in a 6-bit field; "if n is greater than 64", a 1 bit and n as an unconstrained length
// determinant (11.9.3.5 to 11.9.3.8.4).
std::optional<std::size_t> UperReader::normally_small_length(const std::string& ie) {
  const std::size_t start = pos_;
  const auto large = bits(ie, 1);
  if (!large) return std::nullopt;
  if (*large == 0) {
    const auto n_minus_1 = bits(ie, 6);
    if (!n_minus_1) return std::nullopt;
    return std::size_t{*n_minus_1} + 1;
  }
  const auto n = length(ie);
  if (!n) return std::nullopt;
  if (*n <= 64) {
    fail(start, ie,
         "normally small length " + std::to_string(*n) + " at " + at(start) +
             " is written in the form for lengths above 64 (X.691 11.9.3.4)");
    return std::nullopt;
  }
  return n;
}

std::optional<std::size_t> UperReader::length(const std::string& ie) {
  const std::size_t start = pos_;
  const auto first = bits(ie, 1);
  if (!first) return std::nullopt;
  if (*first == 0) return bits(ie, 7);
  const auto second = bits(ie, 1);
  if (!second) return std::nullopt;
  if (*second == 1) {
    fail(start, ie,
         "fragmented length determinant at " + at(start) +
             " (16384 or more octets, X.691 11.9.3.8) is not read here; no DCCH PDU is that long");
    return std::nullopt;
  }
  const auto n = bits(ie, 14);
  if (!n) return std::nullopt;
  if (*n < 128) {
    fail(start, ie,
         "length " + std::to_string(*n) + " at " + at(start) +
             " is written in two octets; X.691 11.9.3.6 wants one below 128");
    return std::nullopt;
  }
  return n;
}

std::optional<Bytes> UperReader::octets(const std::string& ie, std::size_t n) {
  if (failure_) return std::nullopt;
  const std::size_t left = 8 * pdu_.size() - pos_;
  if (n > left / 8) {  // compared in octets: 8 * n could overflow
    fail(pos_, ie,
         "the PDU ends at " + at(8 * pdu_.size()) + ", inside the " + std::to_string(n) +
             "-octet field starting at " + at(pos_));
    return std::nullopt;
  }
  Bytes out(n);
  for (auto& o : out) o = static_cast<std::uint8_t>(*bits(ie, 8));
  return out;
}

std::optional<UperIndex> UperReader::choice(const std::string& ie, std::uint32_t root,
                                            bool extensible) {
  bool extension = false;
  if (extensible) {
    const auto e = bits(ie, 1);
    if (!e) return std::nullopt;
    extension = *e == 1;
  }
  const auto index = extension ? normally_small(ie) : whole_number(ie, root);
  if (!index) return std::nullopt;
  return UperIndex{*index, extension};
}

std::optional<UperIndex> UperReader::enumerated(const std::string& ie, std::uint32_t root,
                                                bool extensible) {
  return choice(ie, root, extensible);  // X.691 14.2-14.3 and 23.6-23.8 read alike
}

std::optional<UperPreamble> UperReader::preamble(const std::string& ie, bool extensible,
                                                 std::size_t optionals) {
  UperPreamble p{false, {}};
  if (extensible) {
    const auto e = bits(ie, 1);
    if (!e) return std::nullopt;
    p.extension = *e == 1;
  }
  for (std::size_t i = 0; i < optionals; ++i) {
    const auto b = bits(ie, 1);
    if (!b) return std::nullopt;
    p.present.push_back(*b == 1);
  }
  return p;
}

std::optional<std::vector<UperSkipped>> UperReader::skip_extension_additions(
    const std::string& ie) {
  const std::size_t start = pos_;
  const auto additions = normally_small_length(ie);  // X.691 19.8
  if (!additions) return std::nullopt;
  std::vector<bool> present;
  for (std::size_t i = 0; i < *additions; ++i) {
    const auto b = bits(ie, 1);
    if (!b) return std::nullopt;
    present.push_back(*b == 1);
  }
  std::vector<UperSkipped> skipped;
  for (std::size_t i = 0; i < present.size(); ++i) {
    if (!present[i]) continue;
    const std::size_t open_type = pos_;
    const auto n = length(ie);
    if (!n || !octets(ie, *n)) return std::nullopt;
    skipped.push_back(UperSkipped{i + 1, open_type});
  }
  if (skipped.empty()) {
    fail(start, ie,
         "extension bit set but the addition bit-map at " + at(start) +
             " marks none present (X.691 19.7)");
    return std::nullopt;
  }
  return skipped;
}

bool UperReader::end_of_pdu(const std::string& message) {
  if (failure_) return false;
  const std::size_t total = 8 * pdu_.size();
  if (total - pos_ >= 8) {
    fail(pos_, "",
         message + " ends at " + at(pos_) + " but the PDU has " +
             std::to_string((total - pos_) / 8) + " more octet(s) (X.691 11.1)");
    return false;
  }
  const std::size_t start = pos_;
  const auto padding = bits("", static_cast<unsigned>(total - pos_));
  if (*padding != 0) {
    fail(start, "",
         "padding bits after " + message + " at " + at(start) + " are not zero (X.691 11.1)");
    return false;
  }
  return true;
}

void UperWriter::bits(std::uint32_t value, unsigned n) {
  for (unsigned i = n; i-- > 0; ++pos_) {
    if (pos_ % 8 == 0) out_.push_back(0);
    if ((value >> i) & 1u) out_.back() |= static_cast<std::uint8_t>(0x80u >> (pos_ % 8));
  }
}

void UperWriter::whole_number(std::uint32_t value, std::uint32_t range, const char* ie) {
  if (value >= range)
    throw std::invalid_argument(std::string(ie) + ": " + std::to_string(value) + " is outside 0.." +
                                std::to_string(range - 1));
  bits(value, bits_for_range(range));
}

void UperWriter::normally_small(std::uint32_t value) {
  if (value < 64) {
    bits(value, 7);  // a zero bit, then six
    return;
  }
  unsigned n = 1;
  while (n < 4 && (value >> (8 * n)) != 0) ++n;
  bit(true);
  length(n, "normally small number");
  bits(value, 8 * n);
}

void UperWriter::length(std::size_t n, const char* ie) {
  if (n < 128) {
    bits(static_cast<std::uint32_t>(n), 8);
  } else if (n < 16384) {
    bits(static_cast<std::uint32_t>(0x8000 | n), 16);
  } else {
    throw std::invalid_argument(std::string(ie) + ": " + std::to_string(n) +
                                " octets need a fragmented length, which is not written here");
  }
}

void UperWriter::octets(const Bytes& b) {
  for (const auto o : b) bits(o, 8);
}

void UperWriter::choice(std::uint32_t index, std::uint32_t root, bool extensible, const char* ie) {
  if (extensible) bit(false);
  whole_number(index, root, ie);
}

void UperWriter::enumerated(std::uint32_t index, std::uint32_t root, bool extensible,
                            const char* ie) {
  choice(index, root, extensible, ie);
}

void UperWriter::preamble(bool extensible, const std::vector<bool>& present) {
  if (extensible) bit(false);  // this writer never adds extension additions
  for (const bool p : present) bit(p);
}

Bytes UperWriter::finish() && { return std::move(out_); }

}  // namespace secmode::spec::rrc
