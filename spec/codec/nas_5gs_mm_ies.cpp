#include "spec/codec/nas_5gs_mm_ies.h"

#include <algorithm>
#include <stdexcept>

#include "spec/codec/nas_5gs_ies.h"

namespace secmode::spec::nas5gs {
namespace {

using nas::hex_octet;

// Table 9.11.3.4.1, type of identity (octet 4, bits 3..1). All eight values are assigned.
enum IdentityType : std::uint8_t {
  kNoIdentity = 0,
  kSuci = 1,
  kGuti = 2,
  kImei = 3,
  kSTmsi = 4,
  kImeisv = 5,
  kMacAddress = 6,
  kEui64 = 7
};
constexpr std::size_t kGutiOctets = 11;       // octets 4..14 of figure 9.11.3.4.1
constexpr std::size_t kSTmsiOctets = 7;       // octets 4..10 of figure 9.11.3.4.5
constexpr std::size_t kImeisvOctets = 9;      // octet 4 and 8 octets of digit pairs
constexpr std::size_t kSuciImsiFixed = 8;     // octets 4..11 of figure 9.11.3.4.3
constexpr std::size_t kMaxContents = 65535;   // an LV-E / TLV-E length field

bool decimal(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
char nibble_char(std::uint8_t v) { return static_cast<char>(v < 10 ? '0' + v : 'a' + v - 10); }

// MCC and MNC octets (TS 24.008 figure 10.5.154): MCC digit 2 | digit 1, MNC digit 3 | MCC
// digit 3, MNC digit 2 | digit 1; MNC digit 3 "1111" for a 2-digit MNC.
std::optional<std::string> decode_plmn(const std::uint8_t* p, std::string& mcc, std::string& mnc) {
  mcc = {nibble_char(p[0] & 0x0f), nibble_char(p[0] >> 4), nibble_char(p[1] & 0x0f)};
  mnc = {nibble_char(p[2] & 0x0f), nibble_char(p[2] >> 4)};
  if ((p[1] >> 4) != 0x0f) mnc.push_back(nibble_char(p[1] >> 4));
  if (!decimal(mcc) || !decimal(mnc))
    return std::string("MCC or MNC digit is not BCD (TS 24.501 9.11.3.4)");
  return std::nullopt;
}

void put_plmn(Bytes& out, const std::string& mcc, const std::string& mnc, const char* what) {
  if (mcc.size() != 3 || mnc.size() < 2 || mnc.size() > 3 || !decimal(mcc) || !decimal(mnc))
    throw std::invalid_argument(std::string(what) +
                                ": MCC of 3 and MNC of 2 or 3 decimal digits, got '" + mcc +
                                "' '" + mnc + "'");
  auto d = [](char c) { return static_cast<std::uint8_t>(c - '0'); };
  out.push_back(static_cast<std::uint8_t>(d(mcc[1]) << 4 | d(mcc[0])));
  out.push_back(static_cast<std::uint8_t>((mnc.size() == 3 ? d(mnc[2]) : 0x0f) << 4 | d(mcc[2])));
  out.push_back(static_cast<std::uint8_t>(d(mnc[1]) << 4 | d(mnc[0])));
}

// AMF Set ID (10 bits) and AMF Pointer (6 bits) share two octets: set ID bits 10..3 in the first,
// bits 2..1 in bits 8..7 of the second, the pointer in bits 6..1.
void put_amf_set_and_pointer(Bytes& out, std::uint16_t set, std::uint8_t pointer,
                             const char* what) {
  if (set > 0x3ff || pointer > 0x3f)
    throw std::invalid_argument(std::string(what) +
                                ": AMF Set ID is 10 bits, AMF Pointer 6 (TS 24.501 9.11.3.4)");
  out.push_back(static_cast<std::uint8_t>(set >> 2));
  out.push_back(static_cast<std::uint8_t>((set & 0x03) << 6 | pointer));
}

void put_be32(Bytes& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}
std::uint32_t get_be32(const std::uint8_t* p) {
  return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
}

std::string bad_length(std::size_t got, std::size_t needed, const char* type) {
  return "bad length " + std::to_string(got) + " for type of identity " + type + " (" +
         std::to_string(needed) + ") (TS 24.501 9.11.3.4)";
}

std::optional<std::string> decode_suci(ByteView contents, MobileIdentity& out, std::size_t& used) {
  const std::uint8_t format = contents[0] >> 4 & 0x07;
  used = contents.size();
  // SUPI formats 001..011 carry an NAI (figure 9.11.3.4.4, octets 5..y); "All other values are
  // interpreted as IMSI by this version of the protocol."
  if (format >= 1 && format <= 3) {
    if (contents.size() < 2)
      return std::string("SUCI NAI missing (TS 24.501 figure 9.11.3.4.4)");
    out = SuciNai{format, Bytes(contents.begin() + 1, contents.end())};
    return std::nullopt;
  }
  if (contents.size() <= kSuciImsiFixed)
    return "bad length " + std::to_string(contents.size()) +
           " for a SUCI of SUPI format IMSI (octets 4 to 11 and a scheme output of at least one "
           "octet) (TS 24.501 figure 9.11.3.4.3)";
  SuciImsi s;
  s.supi_format = format;
  std::copy_n(contents.begin() + 1, 3, s.plmn.begin());
  std::copy_n(contents.begin() + 4, 2, s.routing_indicator.begin());
  // Octet 10: bits 8..5 spare, the protection scheme identifier in bits 4..1.
  s.protection_scheme_id = contents[6] & 0x0f;
  s.home_network_public_key_id = contents[7];
  s.scheme_output.assign(contents.begin() + kSuciImsiFixed, contents.end());
  out = s;
  return std::nullopt;
}

}  // namespace

std::optional<NullSchemeImsi> null_scheme_imsi(const SuciImsi& suci) {
  if (suci.protection_scheme_id != 0 || suci.scheme_output.empty()) return std::nullopt;
  NullSchemeImsi d;
  if (decode_plmn(suci.plmn.data(), d.mcc, d.mnc)) return std::nullopt;
  // Routing indicator: digits 1..4 (octet 8 bits 4..1, 8..5, octet 9 bits 4..1, 8..5), unused
  // trailing digits "1111".
  const std::uint8_t ri[4] = {
      static_cast<std::uint8_t>(suci.routing_indicator[0] & 0x0f),
      static_cast<std::uint8_t>(suci.routing_indicator[0] >> 4),
      static_cast<std::uint8_t>(suci.routing_indicator[1] & 0x0f),
      static_cast<std::uint8_t>(suci.routing_indicator[1] >> 4)};
  std::size_t count = 0;
  while (count < 4 && ri[count] != 0x0f) ++count;
  if (count == 0) return std::nullopt;
  for (std::size_t i = 0; i < 4; ++i) {
    if (i < count && ri[i] > 9) return std::nullopt;
    if (i >= count && ri[i] != 0x0f) return std::nullopt;
    if (i < count) d.routing_indicator.push_back(nibble_char(ri[i]));
  }
  // MSIN: BCD, digit n in bits 4..1 and n+1 in bits 8..5; an odd count ends with "1111".
  const auto& out = suci.scheme_output;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::uint8_t low = out[i] & 0x0f;
    const std::uint8_t high = out[i] >> 4;
    if (low > 9) return std::nullopt;
    d.msin.push_back(nibble_char(low));
    if (high == 0x0f && i + 1 == out.size()) break;
    if (high > 9) return std::nullopt;
    d.msin.push_back(nibble_char(high));
  }
  return d;
}

std::optional<CodecError> check_plain_5gmm_header(ByteView pdu, const char* message,
                                                  std::uint8_t type) {
  if (pdu.size() < kPlainHeaderSize) {
    static constexpr const char* kAt[] = {"Extended protocol discriminator", "Security header type",
                                          "Message type"};
    return CodecError{message, kAt[pdu.size()], pdu.size(),
                      "too short to contain a complete message type (TS 24.501 7.2)"};
  }
  const auto header = decode_security_header_type(pdu);
  if (!header) {
    CodecError e = header.error();
    e.message = message;
    return e;
  }
  if (header.value() != SecurityHeaderType::plain)
    return CodecError{message, "Security header type", 1,
                      "security header type " + std::to_string(pdu[1] & 0x0f) +
                          " in a plain 5GS NAS message; a protected one needs its header removed "
                          "first (TS 24.501 9.3, 9.9)"};
  if (pdu[2] != type)
    return CodecError{message, "Message type", 2,
                      "message type " + hex_octet(pdu[2]) + ", expected " + hex_octet(type) +
                          " (TS 24.501 table 9.7.1)"};
  return std::nullopt;
}

std::optional<std::string> decode_mobile_identity(ByteView contents, MobileIdentity& out,
                                                  std::size_t& used) {
  const std::uint8_t type = contents[0] & 0x07;
  switch (type) {
    case kNoIdentity:
      // Figure 9.11.3.4.6: "the length of mobile identity contents parameter shall be set to 1".
      used = 1;
      out = NoIdentity{};
      return std::nullopt;
    case kSuci:
      return decode_suci(contents, out, used);
    case kGuti: {
      if (contents.size() < kGutiOctets) return bad_length(contents.size(), kGutiOctets, "5G-GUTI");
      FiveGGuti g;
      if (auto why = decode_plmn(contents.data() + 1, g.mcc, g.mnc)) return why;
      g.amf_region_id = contents[4];
      g.amf_set_id = static_cast<std::uint16_t>(contents[5] << 2 | contents[6] >> 6);
      g.amf_pointer = contents[6] & 0x3f;
      g.five_g_tmsi = get_be32(contents.data() + 7);
      used = kGutiOctets;
      out = g;
      return std::nullopt;
    }
    case kSTmsi: {
      if (contents.size() < kSTmsiOctets)
        return bad_length(contents.size(), kSTmsiOctets, "5G-S-TMSI");
      out = FiveGSTmsi{static_cast<std::uint16_t>(contents[1] << 2 | contents[2] >> 6),
                       static_cast<std::uint8_t>(contents[2] & 0x3f), get_be32(contents.data() + 3)};
      used = kSTmsiOctets;
      return std::nullopt;
    }
    case kImeisv: {
      if (contents.size() < kImeisvOctets)
        return bad_length(contents.size(), kImeisvOctets, "IMEISV");
      Imeisv v;
      if (auto why = decode_imeisv(contents.first(kImeisvOctets), v.digits)) return why;
      used = kImeisvOctets;
      out = v;
      return std::nullopt;
    }
    default: {  // IMEI, MAC address, EUI-64: the PEIs of nas_5gs_ies.h
      NonImeisvPei pei;
      if (auto why = decode_non_imeisv_pei(contents, pei, used)) return why;
      std::visit([&](const auto& p) { out = p; }, pei);
      return std::nullopt;
    }
  }
}

Bytes encode_mobile_identity(const MobileIdentity& id) {
  if (std::holds_alternative<NoIdentity>(id)) return Bytes{kNoIdentity};
  if (const auto* s = std::get_if<SuciImsi>(&id)) {
    if ((s->supi_format != 0 && s->supi_format < 4) || s->supi_format > 7)
      throw std::invalid_argument("SUCI: SUPI format 000 or 100..111 for the IMSI form");
    if (s->protection_scheme_id > 15)
      throw std::invalid_argument("SUCI: protection scheme identifier is 4 bits");
    if (s->scheme_output.empty() || s->scheme_output.size() > kMaxContents - kSuciImsiFixed)
      throw std::invalid_argument("SUCI: scheme output of 1..65527 octets");
    Bytes out{static_cast<std::uint8_t>(s->supi_format << 4 | kSuci)};
    out.insert(out.end(), s->plmn.begin(), s->plmn.end());
    out.insert(out.end(), s->routing_indicator.begin(), s->routing_indicator.end());
    out.push_back(s->protection_scheme_id);
    out.push_back(s->home_network_public_key_id);
    out.insert(out.end(), s->scheme_output.begin(), s->scheme_output.end());
    return out;
  }
  if (const auto* s = std::get_if<SuciNai>(&id)) {
    if (s->supi_format < 1 || s->supi_format > 3)
      throw std::invalid_argument("SUCI: SUPI format 001..011 for the NAI form");
    if (s->nai.empty() || s->nai.size() > kMaxContents - 1)
      throw std::invalid_argument("SUCI: NAI of 1..65534 octets");
    Bytes out{static_cast<std::uint8_t>(s->supi_format << 4 | kSuci)};
    out.insert(out.end(), s->nai.begin(), s->nai.end());
    return out;
  }
  if (const auto* g = std::get_if<FiveGGuti>(&id)) {
    Bytes out{static_cast<std::uint8_t>(0xf0 | kGuti)};
    put_plmn(out, g->mcc, g->mnc, "5G-GUTI");
    out.push_back(g->amf_region_id);
    put_amf_set_and_pointer(out, g->amf_set_id, g->amf_pointer, "5G-GUTI");
    put_be32(out, g->five_g_tmsi);
    return out;
  }
  if (const auto* t = std::get_if<FiveGSTmsi>(&id)) {
    Bytes out{static_cast<std::uint8_t>(0xf0 | kSTmsi)};
    put_amf_set_and_pointer(out, t->amf_set_id, t->amf_pointer, "5G-S-TMSI");
    put_be32(out, t->five_g_tmsi);
    return out;
  }
  if (const auto* v = std::get_if<Imeisv>(&id)) return encode_imeisv(v->digits);
  if (const auto* i = std::get_if<Imei>(&id)) return encode_non_imeisv_pei(*i);
  if (const auto* m = std::get_if<MacAddress>(&id)) return encode_non_imeisv_pei(*m);
  return encode_non_imeisv_pei(std::get<Eui64>(id));
}

}  // namespace secmode::spec::nas5gs
