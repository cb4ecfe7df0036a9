#include "impl/codec/nas_eps_emm_ies.h"

#include "impl/codec/nas_eps_ies.h"

namespace secmode::impl::nas {
namespace detail {
namespace {

// TS 24.301 table 9.9.3.12.1, type of identity (bits 3..1 of octet 3).
constexpr std::uint8_t kTypeImsi = 1;
constexpr std::uint8_t kTypeImei = 3;
constexpr std::uint8_t kTypeGuti = 6;

// Figure 9.9.3.12.2 (and TS 24.008 10.5.1.4): digit 1 in bits 8..5 of the first octet, then
// two digits an octet, the lower-numbered in bits 4..1. With an odd count (bit 4 of the first
// octet set) the last high nibble is a digit; with an even one it is the end mark 1111. Counts
// the digits, or returns a fault.
IdentityFault count_digits(ByteView c, std::size_t& count) noexcept {
  const bool odd = (c[0] & 0x08) != 0;
  const std::size_t last = c.size() - 1;
  if (!odd && (c.size() < 2 || (c[last] >> 4) != 0x0f)) return IdentityFault::no_end_mark;
  bool bcd = (c[0] >> 4) <= 9;
  for (std::size_t i = 1; i < c.size(); ++i) {
    const bool high_is_digit = i < last || odd;  // else the end mark, checked above
    bcd = bcd && (c[i] & 0x0f) <= 9 && (!high_is_digit || (c[i] >> 4) <= 9);
  }
  if (!bcd) return IdentityFault::not_bcd;
  count = 2 * c.size() - (odd ? 1 : 2);
  return IdentityFault::none;
}

}  // namespace

const char* mandatory_reason(IdentityFault f) noexcept {
  switch (f) {
    case IdentityFault::not_guti:
      return "type of identity is not GUTI where a GUTI belongs (TS 24.301 9.9.3.12) "
             "(syntactically incorrect: TS 24.301 7.5.1)";
    case IdentityFault::guti_size:
      return "a GUTI takes 11 octets of contents (TS 24.301 figure 9.9.3.12.1) (syntactically "
             "incorrect: TS 24.301 7.5.1)";
    case IdentityFault::plmn_digit:
      return "MCC or MNC digit is not BCD (TS 24.301 table 9.9.3.12.1) (syntactically "
             "incorrect: TS 24.301 7.5.1)";
    case IdentityFault::reserved_type:
      return "reserved type of identity (TS 24.301 table 9.9.3.12.1) (syntactically incorrect: "
             "TS 24.301 7.5.1)";
    case IdentityFault::no_end_mark:
      return "even number of digits without the end mark 1111 (TS 24.301 9.9.3.12) "
             "(syntactically incorrect: TS 24.301 7.5.1)";
    case IdentityFault::not_bcd:
      return "identity digit is not BCD (TS 24.301 9.9.3.12) (syntactically incorrect: TS "
             "24.301 7.5.1)";
    case IdentityFault::imsi_digits:
      return "IMSI of more than 15 digits (TS 23.003 2.2) (syntactically incorrect: TS 24.301 "
             "7.5.1)";
    case IdentityFault::imei_digits:
      return "IMEI not of 15 digits (TS 23.003 6.2.1) (syntactically incorrect: TS 24.301 "
             "7.5.1)";
    case IdentityFault::none:
      break;
  }
  return "";
}

const char* optional_reason(IdentityFault f) noexcept {
  // Only a GUTI is optional in these tables (Additional GUTI).
  switch (f) {
    case IdentityFault::not_guti:
      return "type of identity is not GUTI (TS 24.301 9.9.3.12); treated as not present (TS "
             "24.301 7.7.1)";
    case IdentityFault::guti_size:
      return "a GUTI takes 11 octets of contents (TS 24.301 figure 9.9.3.12.1); treated as not "
             "present (TS 24.301 7.7.1)";
    case IdentityFault::plmn_digit:
      return "MCC or MNC digit is not BCD (TS 24.301 table 9.9.3.12.1); treated as not present "
             "(TS 24.301 7.7.1)";
    default:
      return "syntactically incorrect EPS mobile identity (TS 24.301 9.9.3.12); treated as not "
             "present (TS 24.301 7.7.1)";
  }
}

IdentityFault decode_guti(ByteView c, Guti& out) noexcept {
  if ((c[0] & 0x07) != kTypeGuti) return IdentityFault::not_guti;
  if (c.size() != kGutiSize) return IdentityFault::guti_size;
  // Octets 4..6 (contents 1..3): MCC digit 2 | MCC digit 1, MNC digit 3 | MCC digit 3,
  // MNC digit 2 | MNC digit 1; MNC digit 3 is 1111 for a 2-digit MNC.
  Guti g;
  g.mcc = {static_cast<std::uint8_t>(c[1] & 0x0f), static_cast<std::uint8_t>(c[1] >> 4),
           static_cast<std::uint8_t>(c[2] & 0x0f)};
  const auto mnc3 = static_cast<std::uint8_t>(c[2] >> 4);
  g.mnc_digits = mnc3 == 0x0f ? 2 : 3;
  g.mnc = {static_cast<std::uint8_t>(c[3] & 0x0f), static_cast<std::uint8_t>(c[3] >> 4),
           static_cast<std::uint8_t>(mnc3 == 0x0f ? 0 : mnc3)};
  for (std::size_t i = 0; i < 3; ++i)
    if (g.mcc[i] > 9 || g.mnc[i] > 9) return IdentityFault::plmn_digit;
  g.mme_group_id = be16(c.subspan(4));
  g.mme_code = c[6];
  g.m_tmsi = be32(c.subspan(7));
  out = g;
  return IdentityFault::none;
}

IdentityFault decode_identity(ByteView c, EpsMobileIdentity& out) noexcept {
  const std::uint8_t type = c[0] & 0x07;
  if (type == kTypeGuti) {
    Guti g;
    const IdentityFault f = decode_guti(c, g);
    if (f == IdentityFault::none) out = g;
    return f;
  }
  if (type != kTypeImsi && type != kTypeImei) return IdentityFault::reserved_type;
  std::size_t count = 0;
  if (const IdentityFault f = count_digits(c, count); f != IdentityFault::none) return f;
  if (type == kTypeImsi) {
    if (count > 15) return IdentityFault::imsi_digits;
    out = Imsi{c};
    return IdentityFault::none;
  }
  if (count != 15) return IdentityFault::imei_digits;  // so c has 8 octets
  out = Imei{c.first<8>()};
  return IdentityFault::none;
}

bool guti_fits(const Guti& g) noexcept {
  if (g.mnc_digits != 2 && g.mnc_digits != 3) return false;
  for (std::size_t i = 0; i < 3; ++i)
    if (g.mcc[i] > 9 || (i < g.mnc_digits && g.mnc[i] > 9)) return false;
  return true;
}

bool identity_fits(const EpsMobileIdentity& id) noexcept {
  if (const auto* g = std::get_if<Guti>(&id)) return guti_fits(*g);
  const ByteView c = std::holds_alternative<Imsi>(id) ? std::get<Imsi>(id).identity
                                                      : ByteView(std::get<Imei>(id).identity);
  // The ATTACH REQUEST row is LV 5-12: 4..11 octets (at most 8 hold 15 digits).
  if (c.size() < 4 || c.size() > 11) return false;
  EpsMobileIdentity decoded;
  if (decode_identity(c, decoded) != IdentityFault::none) return false;
  return decoded.index() == id.index();
}

std::size_t identity_size(const EpsMobileIdentity& id) noexcept {
  if (const auto* imsi = std::get_if<Imsi>(&id)) return imsi->identity.size();
  if (std::holds_alternative<Imei>(id)) return 8;
  return kGutiSize;
}

void put_guti(Writer& w, const Guti& g) noexcept {
  w.put(static_cast<std::uint8_t>(0xf0 | kTypeGuti));  // filler 1111, odd/even 0
  w.put(static_cast<std::uint8_t>(g.mcc[1] << 4 | g.mcc[0]));
  w.put(static_cast<std::uint8_t>((g.mnc_digits == 3 ? g.mnc[2] : 0x0f) << 4 | g.mcc[2]));
  w.put(static_cast<std::uint8_t>(g.mnc[1] << 4 | g.mnc[0]));
  w.put16(g.mme_group_id);
  w.put(g.mme_code);
  w.put32(g.m_tmsi);
}

void put_identity(Writer& w, const EpsMobileIdentity& id) noexcept {
  if (const auto* imsi = std::get_if<Imsi>(&id))
    w.put(imsi->identity);
  else if (const auto* imei = std::get_if<Imei>(&id))
    w.put(imei->identity);
  else
    put_guti(w, std::get<Guti>(id));
}

bool read_mandatory(ByteView pdu, std::size_t at, bool extended, std::size_t min, std::size_t max,
                    const char* message, const char* ie, const char* bad_length,
                    ByteView& contents, std::size_t& end, Sink& sink, Error& error) noexcept {
  if (!extended) {
    if (!read_lv(pdu, at, max, message, ie, contents, end, sink, error, kTs24301Clauses))
      return false;
  } else {
    // TS 24.007 11.2.1.1: type 6, two length octets.
    if (pdu.size() <= at) {
      error = {message, ie, at, kTs24301Clauses.missing};
      return false;
    }
    if (pdu.size() - at < 2) {
      error = {message, ie, at, "truncated: the length field needs 2 octets"};
      return false;
    }
    const std::size_t length = std::size_t{pdu[at]} << 8 | pdu[at + 1];
    if (pdu.size() - at - 2 < length) {
      error = {message, ie, at, "truncated: the length runs past the end of the message"};
      return false;
    }
    const std::size_t kept = length < max ? length : max;
    if (kept < length) sink.add(at, 0, ie, kBeyondDefinedLength);
    contents = pdu.subspan(at + 2, kept);
    end = at + 2 + length;
  }
  // `contents` is cut to max >= min, so it is short only when the length was.
  if (contents.size() < min) {
    error = {message, ie, at, bad_length};
    return false;
  }
  return true;
}

void keep_raw(const Table& t, std::uint64_t fields, std::span<const Found> found,
              RawIes& raw) noexcept {
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    if (!found[r].present || (fields >> r & 1)) continue;
    const Row& row = t.rows[r];
    if (row.format == Format::half)
      raw.add({row.iei, found[r].half, {}});
    else
      raw.add({row.iei, 0, found[r].value});
  }
}

const char* raw_ies_fault(const Table& t, std::uint64_t fields, const RawIes& raw,
                          const Clauses& clauses) noexcept {
  if (raw.size > RawIes::kCapacity) return "other_ies: size above capacity";
  std::uint64_t seen = 0;
  for (const RawIe& ie : raw.view()) {
    const int r = t.row_of[ie.iei];
    if (r < 0 || t.rows[static_cast<std::size_t>(r)].iei != ie.iei || (fields >> r & 1))
      return clauses.not_a_raw_row;
    if (seen >> r & 1) return "other_ies: an IEI held twice";
    seen |= std::uint64_t{1} << r;
    const Row& row = t.rows[static_cast<std::size_t>(r)];
    const bool fits = row.format == Format::half
                          ? ie.half <= 0x0f
                          : ie.value.size() >= row.min && ie.value.size() <= row.max;
    if (!fits) return clauses.raw_misfit;
  }
  return nullptr;
}

void put_row(Writer& w, const Row& row, std::uint8_t half, ByteView value) noexcept {
  switch (row.format) {
    case Format::half:
      w.put(static_cast<std::uint8_t>(row.iei | half));
      return;
    case Format::tv:
      w.put(row.iei);
      w.put(value);
      return;
    case Format::tlv:
      w.put(row.iei);
      w.put(static_cast<std::uint8_t>(value.size()));
      w.put(value);
      return;
    case Format::tlv_e:
      w.put(row.iei);
      w.put16(static_cast<std::uint16_t>(value.size()));
      w.put(value);
      return;
  }
}

void put_raw(Writer& w, const Row& row, const RawIes& raw) noexcept {
  for (const RawIe& ie : raw.view())
    if (ie.iei == row.iei) {
      put_row(w, row, ie.half, ie.value);
      return;
    }
}

}  // namespace detail

std::size_t identity_digits(ByteView identity, std::span<char, 15> out) noexcept {
  const bool odd = (identity[0] & 0x08) != 0;
  std::size_t n = 0;
  out[n++] = static_cast<char>('0' + (identity[0] >> 4));
  for (std::size_t i = 1; i < identity.size() && n < out.size(); ++i) {
    out[n++] = static_cast<char>('0' + (identity[i] & 0x0f));
    if ((i + 1 < identity.size() || odd) && n < out.size())
      out[n++] = static_cast<char>('0' + (identity[i] >> 4));
  }
  return n;
}

}  // namespace secmode::impl::nas
