// The 5GS mobile identity (TS 24.501 9.11.3.4), the mandatory LV / LV-E reader and the raw rows
// of the 5GMM codec: decoded from and encoded to the same checks.
#include "impl/codec/nas_5gs_mm_ies.h"

#include "impl/codec/nas_5gs_ies.h"
#include "impl/codec/nas_eps_emm_ies.h"  // nas::detail::put_row

namespace secmode::impl::nas5gs {
namespace {

using detail::IdentityFault;

// Table 9.11.3.4.1, type of identity (bits 3..1 of the first contents octet); all eight are
// assigned. IMEI, IMEISV, MAC address and EUI-64 are nas_5gs_ies.h's.
constexpr std::uint8_t kTypeNoIdentity = 0;
constexpr std::uint8_t kTypeSuci = 1;
constexpr std::uint8_t kTypeGuti = 2;
constexpr std::uint8_t kTypeSTmsi = 4;

constexpr std::size_t kSTmsiSize = 7;      // octets 4..10 of figure 9.11.3.4.5
constexpr std::size_t kImeisvSize = 9;     // octet 4 and eight digit pairs
constexpr std::size_t kSuciImsiFixed = 8;  // octets 4..11 of figure 9.11.3.4.3
constexpr std::size_t kMaxContents = 65535;

std::uint32_t be32(ByteView p) noexcept {
  return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
}

// AMF Set ID (10 bits) and AMF Pointer (6 bits) in two octets: set ID bits 10..3, then set ID
// bits 2..1 in bits 8..7 and the pointer in bits 6..1 (figures 9.11.3.4.1, 9.11.3.4.5).
std::uint16_t amf_set(ByteView p) noexcept {
  return static_cast<std::uint16_t>(p[0] << 2 | p[1] >> 6);
}
void put_amf(detail::Writer& w, std::uint16_t set, std::uint8_t pointer) noexcept {
  w.put(static_cast<std::uint8_t>(set >> 2));
  w.put(static_cast<std::uint8_t>((set & 0x03) << 6 | pointer));
}
bool amf_fits(std::uint16_t set, std::uint8_t pointer) noexcept {
  return set <= 0x3ff && pointer <= 0x3f;
}

// MCC and MNC in three octets (TS 24.008 figure 10.5.154, as 9.11.3.4 uses it): MCC 2 | MCC 1,
// MNC 3 | MCC 3, MNC 2 | MNC 1; MNC digit 3 is 1111 for a 2-digit MNC.
IdentityFault decode_plmn(ByteView p, FiveGGuti& g) noexcept {
  g.mcc = {static_cast<std::uint8_t>(p[0] & 0x0f), static_cast<std::uint8_t>(p[0] >> 4),
           static_cast<std::uint8_t>(p[1] & 0x0f)};
  const std::uint8_t mnc3 = static_cast<std::uint8_t>(p[1] >> 4);
  g.mnc_digits = mnc3 == 0x0f ? 2 : 3;
  g.mnc = {static_cast<std::uint8_t>(p[2] & 0x0f), static_cast<std::uint8_t>(p[2] >> 4),
           static_cast<std::uint8_t>(mnc3 == 0x0f ? 0 : mnc3)};
  for (std::size_t i = 0; i < 3; ++i)
    if (g.mcc[i] > 9 || g.mnc[i] > 9) return IdentityFault::plmn_digit;
  return IdentityFault::none;
}

bool guti_fits(const FiveGGuti& g) noexcept {
  if (g.mnc_digits != 2 && g.mnc_digits != 3) return false;
  for (std::size_t i = 0; i < 3; ++i)
    if (g.mcc[i] > 9 || (i < g.mnc_digits && g.mnc[i] > 9)) return false;
  return amf_fits(g.amf_set_id, g.amf_pointer);
}

IdentityFault decode_suci(ByteView c, MobileIdentity& out, std::size_t& used) noexcept {
  // Octet 4: bit 8 spare, SUPI format in bits 7..5, bit 4 spare, type in bits 3..1.
  const std::uint8_t format = c[0] >> 4 & 0x07;
  used = c.size();
  // SUPI formats 001..011 carry an NAI; "All other values are interpreted as IMSI by this
  // version of the protocol."
  if (format >= 1 && format <= 3) {
    if (c.size() < 2) return IdentityFault::nai_missing;
    out = SuciNai{format, c.subspan(1)};
    return IdentityFault::none;
  }
  if (c.size() <= kSuciImsiFixed) return IdentityFault::suci_size;
  SuciImsi s;
  s.supi_format = format;
  s.plmn = {c[1], c[2], c[3]};
  s.routing_indicator = {c[4], c[5]};
  s.protection_scheme_id = c[6] & 0x0f;  // octet 10: bits 8..5 spare
  s.home_network_public_key_id = c[7];
  s.scheme_output = c.subspan(kSuciImsiFixed);
  out = s;
  return IdentityFault::none;
}

}  // namespace

namespace detail {

const char* mandatory_reason(IdentityFault f) noexcept {
  switch (f) {
    case IdentityFault::none:
      return "";
    case IdentityFault::no_identity:
      return "type of identity 'No identity' in a row of at least 4 octets (TS 24.501 figure "
             "9.11.3.4.6, table 8.2.6.1.1) (syntactically incorrect: TS 24.501 7.5.1)";
    case IdentityFault::nai_missing:
      return "SUCI NAI missing (TS 24.501 figure 9.11.3.4.4) (syntactically incorrect: TS "
             "24.501 7.5.1)";
    case IdentityFault::suci_size:
      return "bad length for a SUCI of SUPI format IMSI (TS 24.501 figure 9.11.3.4.3) "
             "(syntactically incorrect: TS 24.501 7.5.1)";
    case IdentityFault::guti_size:
      return "bad length for a 5G-GUTI (11) (TS 24.501 9.11.3.4) (syntactically incorrect: TS "
             "24.501 7.5.1)";
    case IdentityFault::plmn_digit:
      return "MCC or MNC digit is not BCD (TS 24.501 9.11.3.4) (syntactically incorrect: TS "
             "24.501 7.5.1)";
    case IdentityFault::s_tmsi_size:
      return "bad length for a 5G-S-TMSI (7) (TS 24.501 9.11.3.4) (syntactically incorrect: TS "
             "24.501 7.5.1)";
    case IdentityFault::imeisv_size:
      return "bad length for an IMEISV (9) (TS 24.501 9.11.3.4) (syntactically incorrect: TS "
             "24.501 7.5.1)";
    case IdentityFault::imeisv_value:
      return "not an IMEISV as figure 9.11.3.4.2 codes it (TS 24.501 table 9.11.3.4.1) "
             "(syntactically incorrect: TS 24.501 7.5.1)";
    case IdentityFault::pei_size:
      return "bad length for this type of identity (TS 24.501 9.11.3.4) (syntactically "
             "incorrect: TS 24.501 7.5.1)";
    case IdentityFault::imei_value:
      return "not an IMEI as figure 9.11.3.4.2 codes it (TS 24.501 table 9.11.3.4.1) "
             "(syntactically incorrect: TS 24.501 7.5.1)";
    case IdentityFault::not_guti:
      return "type of identity is not 5G-GUTI (TS 24.501 8.2.6.13) (syntactically incorrect: TS "
             "24.501 7.5.1)";
  }
  return "";
}

const char* optional_reason(IdentityFault f) noexcept {
  // Only the Additional GUTI (TLV-E 14: 11 octets, cut to 11 by the walk) is optional: a GUTI
  // with a bad PLMN, or any other type.
  switch (f) {
    case IdentityFault::plmn_digit:
      return "MCC or MNC digit is not BCD (TS 24.501 9.11.3.4); treated as not present (TS "
             "24.501 7.7.1)";
    case IdentityFault::none:
      return "";
    default:
      return "not a 5G-GUTI of 11 octets (TS 24.501 8.2.6.13, 9.11.3.4); treated as not present "
             "(TS 24.501 7.7.1)";
  }
}

IdentityFault decode_mobile_identity(ByteView c, MobileIdentity& out, std::size_t& used) noexcept {
  const std::uint8_t type = c[0] & 0x07;
  switch (type) {
    case kTypeNoIdentity:
      // Figure 9.11.3.4.6: contents of 1 octet. No row of these tables takes it.
      used = 1;
      out = NoIdentity{};
      return IdentityFault::none;
    case kTypeSuci:
      return decode_suci(c, out, used);
    case kTypeGuti: {
      if (c.size() < kGutiSize) return IdentityFault::guti_size;
      FiveGGuti g;
      if (const IdentityFault f = decode_plmn(c.subspan(1, 3), g); f != IdentityFault::none)
        return f;
      g.amf_region_id = c[4];
      g.amf_set_id = amf_set(c.subspan(5));
      g.amf_pointer = c[6] & 0x3f;
      g.five_g_tmsi = be32(c.subspan(7));
      used = kGutiSize;
      out = g;
      return IdentityFault::none;
    }
    case kTypeSTmsi:
      if (c.size() < kSTmsiSize) return IdentityFault::s_tmsi_size;
      out = FiveGSTmsi{amf_set(c.subspan(1)), static_cast<std::uint8_t>(c[2] & 0x3f),
                       be32(c.subspan(3))};
      used = kSTmsiSize;
      return IdentityFault::none;
    case kTypeImeisv: {
      if (c.size() < kImeisvSize) return IdentityFault::imeisv_size;
      const auto v = c.first<kImeisvSize>();
      if (imeisv_fault(v)) return IdentityFault::imeisv_value;
      used = kImeisvSize;
      out = Imeisv{v};
      return IdentityFault::none;
    }
    default: {  // IMEI, MAC address, EUI-64: the PEIs of SECURITY MODE COMPLETE
      const char* fault = nullptr;
      const auto pei = non_imeisv_pei(c, used, fault);
      if (!pei) return type == kTypeImei && c.size() >= 8 ? IdentityFault::imei_value
                                                          : IdentityFault::pei_size;
      std::visit([&](const auto& p) { out = p; }, *pei);
      return IdentityFault::none;
    }
  }
}

const char* identity_fault(const MobileIdentity& id) noexcept {
  if (std::holds_alternative<NoIdentity>(id))
    return "5GS mobile identity: 'No identity' does not fit LV-E 6-n (TS 24.501 8.2.6.1.1)";
  if (const auto* s = std::get_if<SuciImsi>(&id)) {
    if ((s->supi_format != 0 && s->supi_format < 4) || s->supi_format > 7 ||
        s->protection_scheme_id > 15 || s->scheme_output.empty() ||
        s->scheme_output.size() > kMaxContents - kSuciImsiFixed)
      return "SUCI: SUPI format 000 or 100..111, a 4-bit protection scheme, a scheme output of "
             "1..65527 octets (TS 24.501 9.11.3.4)";
  } else if (const auto* n = std::get_if<SuciNai>(&id)) {
    if (n->supi_format < 1 || n->supi_format > 3 || n->nai.size() < 3 ||
        n->nai.size() > kMaxContents - 1)
      return "SUCI: SUPI format 001..011 and an NAI of 3..65534 octets (TS 24.501 9.11.3.4, "
             "table 8.2.6.1.1)";
  } else if (const auto* g = std::get_if<FiveGGuti>(&id)) {
    if (!guti_fits(*g))
      return "5G-GUTI: MCC of 3 and MNC of 2 or 3 decimal digits, AMF Set ID 10 bits, AMF "
             "Pointer 6 (TS 24.501 9.11.3.4)";
  } else if (const auto* t = std::get_if<FiveGSTmsi>(&id)) {
    if (!amf_fits(t->amf_set_id, t->amf_pointer))
      return "5G-S-TMSI: AMF Set ID 10 bits, AMF Pointer 6 (TS 24.501 9.11.3.4)";
  } else if (const auto* v = std::get_if<Imeisv>(&id)) {
    if (imeisv_fault(v->identity)) return "IMEISV: 16 BCD digits as figure 9.11.3.4.2 codes them";
  } else if (const auto* i = std::get_if<Imei>(&id)) {
    if (imei_fault(i->identity)) return "IMEI: 15 BCD digits as figure 9.11.3.4.2 codes them";
  }
  return nullptr;
}

std::size_t identity_size(const MobileIdentity& id) noexcept {
  if (const auto* s = std::get_if<SuciImsi>(&id)) return kSuciImsiFixed + s->scheme_output.size();
  if (const auto* n = std::get_if<SuciNai>(&id)) return 1 + n->nai.size();
  switch (id.index()) {
    case 3:
      return kGutiSize;
    case 4:
      return 8;  // IMEI
    case 5:
      return kSTmsiSize;
    case 6:
      return kImeisvSize;
    case 7:
      return 7;  // MAC address
    case 8:
      return 9;  // EUI-64
    default:
      return 1;  // No identity
  }
}

void put_identity(Writer& w, const MobileIdentity& id) noexcept {
  if (std::holds_alternative<NoIdentity>(id)) {
    w.put(kTypeNoIdentity);
  } else if (const auto* s = std::get_if<SuciImsi>(&id)) {
    w.put(static_cast<std::uint8_t>(s->supi_format << 4 | kTypeSuci));
    w.put(s->plmn);
    w.put(s->routing_indicator);
    w.put(s->protection_scheme_id);
    w.put(s->home_network_public_key_id);
    w.put(s->scheme_output);
  } else if (const auto* n = std::get_if<SuciNai>(&id)) {
    w.put(static_cast<std::uint8_t>(n->supi_format << 4 | kTypeSuci));
    w.put(n->nai);
  } else if (const auto* g = std::get_if<FiveGGuti>(&id)) {
    w.put(0xf0 | kTypeGuti);  // bits 8..5 the filler 1111
    w.put(static_cast<std::uint8_t>(g->mcc[1] << 4 | g->mcc[0]));
    w.put(static_cast<std::uint8_t>((g->mnc_digits == 3 ? g->mnc[2] : 0x0f) << 4 | g->mcc[2]));
    w.put(static_cast<std::uint8_t>(g->mnc[1] << 4 | g->mnc[0]));
    w.put(g->amf_region_id);
    put_amf(w, g->amf_set_id, g->amf_pointer);
    w.put32(g->five_g_tmsi);
  } else if (const auto* t = std::get_if<FiveGSTmsi>(&id)) {
    w.put(0xf0 | kTypeSTmsi);
    put_amf(w, t->amf_set_id, t->amf_pointer);
    w.put32(t->five_g_tmsi);
  } else if (const auto* v = std::get_if<Imeisv>(&id)) {
    w.put(v->identity);  // checked, so already canonical: every bit is a digit, type or mark
  } else if (const auto* i = std::get_if<Imei>(&id)) {
    put_pei_contents(w, *i);
  } else if (const auto* m = std::get_if<MacAddress>(&id)) {
    put_pei_contents(w, *m);
  } else {
    put_pei_contents(w, std::get<Eui64>(id));
  }
}

bool read_mandatory(ByteView pdu, std::size_t at, bool extended, std::size_t min, std::size_t max,
                    const char* message, const char* ie, const char* bad_length,
                    ByteView& contents, std::size_t& end, Sink& sink, Error& error) noexcept {
  if (!extended) {
    if (!nas::detail::read_lv(pdu, at, max, message, ie, contents, end, sink, error,
                              nas::detail::kTs24501Clauses))
      return false;
  } else {
    // TS 24.007 11.2.1.1: type 6, two length octets.
    if (pdu.size() <= at) {
      error = {message, ie, at, nas::detail::kTs24501Clauses.missing};
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
    if (kept < length) sink.add(at, 0, ie, nas::detail::kBeyondDefinedLength);
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

void put_optional(Writer& w, const nas::detail::Row& row,
                  const std::optional<ByteView>& value) noexcept {
  if (value) nas::detail::put_row(w, row, 0, *value);
}

}  // namespace detail

std::size_t null_scheme_msin(const SuciImsi& suci, std::span<char, 20> out) noexcept {
  const ByteView o = suci.scheme_output;
  if (suci.protection_scheme_id != 0 || o.empty() || o.size() > 10) return 0;
  std::size_t n = 0;
  for (std::size_t i = 0; i < o.size(); ++i) {
    const std::uint8_t low = o[i] & 0x0f;
    const std::uint8_t high = o[i] >> 4;
    if (low > 9) return 0;
    out[n++] = static_cast<char>('0' + low);
    if (high == 0x0f && i + 1 == o.size()) break;  // an odd count ends with 1111
    if (high > 9) return 0;
    out[n++] = static_cast<char>('0' + high);
  }
  return n;
}

}  // namespace secmode::impl::nas5gs
