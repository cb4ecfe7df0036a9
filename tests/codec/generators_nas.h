// RapidCheck generators the EPS and 5GS NAS test families share: octets and digits, octets shaped
// like the IEs of a message's non-imperative part (what clause 7 of TS 24.301 and TS 24.501 is
// about; each family passes the IEIs of its tables), and damaged PDUs.
#pragma once

#include <rapidcheck.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "spec/crypto/bytes.h"

namespace secmode::test::nas_gen {

using spec::Bytes;

inline rc::Gen<std::uint8_t> octet() { return rc::gen::arbitrary<std::uint8_t>(); }
inline rc::Gen<std::uint8_t> three_bits() { return rc::gen::inRange<std::uint8_t>(0, 8); }
inline rc::Gen<std::uint8_t> four_bits() { return rc::gen::inRange<std::uint8_t>(0, 16); }

template <typename T>
T in(T lo, T hi) {  // [lo, hi]
  return *rc::gen::inRange<T>(lo, static_cast<T>(hi + 1));
}

inline Bytes octets(std::size_t min, std::size_t max) {
  const auto n = *rc::gen::inRange(min, max + 1);
  return *rc::gen::container<Bytes>(n, octet());
}

template <std::size_t N>
std::array<std::uint8_t, N> array() {
  return *rc::gen::arbitrary<std::array<std::uint8_t, N>>();
}

inline std::string digits(std::size_t min, std::size_t max) {
  const auto n = *rc::gen::inRange(min, max + 1);
  return *rc::gen::container<std::string>(n, rc::gen::inRange('0', static_cast<char>('9' + 1)));
}

// Now and then the upper end of a length range.
inline std::size_t up_to(std::size_t usual, std::size_t max) {
  return *rc::gen::inRange(0, 10) == 0 ? max : usual;
}

// An IEI of a message table; `fixed` is the value length of a type 3 (TV) row, 0 for the others
// (type 1 rows, bit 8 set, stand alone; type 4 and 6 rows, 0x70..0x7F for 6, get a length).
struct IeShape {
  std::uint8_t iei;
  std::size_t fixed = 0;
};

struct IeShapes {
  std::span<const IeShape> known;         // the rows of the messages' tables
  std::span<const std::uint8_t> unknown;  // IEIs no table has, of every format (TS 24.007 11.2.4)
  std::size_t max_value;                  // the longest value of a type 4 or 6 IE
  // Now and then, the value of a type 4 or 6 IE `iei` comes from here: well formed, or of a
  // shape a decoder looks into. Empty: none for that IEI. nullptr: never.
  Bytes (*value_for)(std::uint8_t iei) = nullptr;
};

// Up to 4 IEs: known and unknown IEIs of every format, lengths right, short, long and past the
// end.
inline Bytes ie_shaped_octets(const IeShapes& shapes) {
  std::vector<std::uint8_t> known;
  for (const IeShape& s : shapes.known) known.push_back(s.iei);
  const std::vector<std::uint8_t> unknown(shapes.unknown.begin(), shapes.unknown.end());
  Bytes out;
  for (int n = *rc::gen::inRange(0, 5); n > 0; --n) {
    const int pick = unknown.empty() ? *rc::gen::weightedElement<int>({{4, 0}, {1, 2}})
                                     : *rc::gen::weightedElement<int>({{4, 0}, {1, 1}, {1, 2}});
    const std::uint8_t iei = pick == 0   ? *rc::gen::elementOf(known)
                             : pick == 1 ? *rc::gen::elementOf(unknown)
                                         : *octet();
    out.push_back(iei);
    if (iei & 0x80) continue;
    std::size_t fixed = 0;
    for (const IeShape& s : shapes.known)
      if (s.iei == iei) fixed = s.fixed;
    if (fixed) {
      const Bytes value = octets(fixed, fixed);
      out.insert(out.end(), value.begin(), value.end());
      continue;
    }
    Bytes value;
    if (shapes.value_for && *rc::gen::arbitrary<bool>()) value = shapes.value_for(iei);
    if (value.empty()) value = octets(0, shapes.max_value);
    const std::size_t length =
        value.size() + *rc::gen::weightedElement<std::size_t>({{12, 0}, {1, 1}, {1, 255}});
    if ((iei & 0xf0) == 0x70) out.push_back(static_cast<std::uint8_t>(length >> 8));
    out.push_back(static_cast<std::uint8_t>(length));
    out.insert(out.end(), value.begin(), value.end());
  }
  return out;
}

// `pdu` followed by `tail`.
inline Bytes followed_by(Bytes pdu, const Bytes& tail) {
  pdu.insert(pdu.end(), tail.begin(), tail.end());
  return pdu;
}

// A PDU after 1..3 edits: an octet replaced, a bit flipped, an octet inserted or removed, a cut.
inline Bytes damaged(Bytes b) {
  for (int n = *rc::gen::inRange(1, 4); n > 0 && !b.empty(); --n) {
    // Anywhere in the PDU from the first test on: inRange alone favours the front at small sizes.
    const auto at = *rc::gen::resize(100, rc::gen::inRange<std::size_t>(0, b.size()));
    const auto where = b.begin() + static_cast<std::ptrdiff_t>(at);
    switch (*rc::gen::element(0, 1, 2, 3, 4)) {
      case 0:
        b[at] = *octet();
        break;
      case 1:
        b[at] ^= static_cast<std::uint8_t>(1u << *rc::gen::inRange(0, 8));
        break;
      case 2:
        b.insert(where, *octet());
        break;
      case 3:
        b.erase(where);
        break;
      default:
        b.resize(at);
    }
  }
  return b;
}

// What a decoder is given in the differential tests: noise, `pdu` as it is, or `pdu` damaged.
inline Bytes noise_valid_or_damaged(const Bytes& pdu) {
  switch (*rc::gen::weightedElement<int>({{1, 0}, {2, 1}, {2, 2}})) {
    case 0:
      RC_TAG("noise");
      return octets(0, 48);
    case 1:
      RC_TAG("valid with IE-shaped tail");
      return pdu;
    default:
      RC_TAG("damaged");
      return damaged(pdu);
  }
}

}  // namespace secmode::test::nas_gen
