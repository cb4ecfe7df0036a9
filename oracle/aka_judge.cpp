#include "oracle/aka_judge.h"

#include <algorithm>
#include <utility>

#include "impl/codec/nas_5gs_mm.h"
#include "impl/codec/nas_eps_emm.h"
#include "impl/crypto/ct.h"
#include "oracle/text.h"
#include "spec/crypto/keys_5gs.h"
#include "spec/crypto/keys_eps.h"
#include "spec/crypto/milenage.h"
#include "spec/crypto/plmn.h"
#include "spec/hex.h"

namespace secmode::oracle {

namespace {

// Message types, TS 24.301 table 9.8.1 and TS 24.501 table 9.7.1.
constexpr std::uint8_t kEpsRequest = 0x52, kEpsResponse = 0x53, kEpsFailure = 0x5c;
constexpr std::uint8_t kRegistrationRequest = 0x41, kRequest = 0x56, kResponse = 0x57, kFailure = 0x59;

constexpr std::uint8_t kMacFailure = 20, kSynchFailure = 21, kNonEpsUnacceptable = 26;

std::uint8_t type_of(Rat rat, spec::ByteView plain) {
  const std::size_t at = rat == Rat::eps ? 1 : 2;
  return plain.size() > at ? plain[at] : 0;
}

std::string decode_error(const char* message, const impl::codec::Error& e) {
  return cat(message, ": ", e.reason, *e.ie ? " (" : "", e.ie, *e.ie ? ")" : "", " at octet ", e.offset);
}

// The IMSI a null-scheme SUCI spells (TS 23.003 2.2: MCC, MNC, MSIN; the PLMN octets as in
// TS 24.008 10.5.1.13), or "" when the SUCI is concealed.
std::string imsi_of(const impl::nas5gs::SuciImsi& suci) {
  std::array<char, 20> msin{};
  const std::size_t n = impl::nas5gs::null_scheme_msin(suci, msin);
  if (n == 0) return "";
  const auto digit = [](unsigned d) { return static_cast<char>('0' + d); };
  const auto& p = suci.plmn;
  if ((p[0] & 0x0f) > 9 || (p[0] >> 4) > 9 || (p[1] & 0x0f) > 9 || (p[2] & 0x0f) > 9 || (p[2] >> 4) > 9) return "";
  std::string imsi{digit(p[0] & 0x0f), digit(p[0] >> 4), digit(p[1] & 0x0f), digit(p[2] & 0x0f), digit(p[2] >> 4)};
  if ((p[1] >> 4) != 0x0f) {
    if ((p[1] >> 4) > 9) return "";
    imsi += digit(p[1] >> 4);
  }
  return "imsi-" + imsi + std::string(msin.data(), n);
}

}  // namespace

AkaJudge::AkaJudge(Rat rat, Subscription subscription) : rat_(rat), sub_(std::move(subscription)) {
  try {
    if (rat_ == Rat::eps) {
      if (sub_.plmn.empty())
        throw UnusableInput("plmn: EPS AKA needs the serving PLMN (its SN id is in K_ASME, TS 33.401 A.2)");
      spec::parse_plmn(sub_.plmn);
    } else if (sub_.snn.empty()) {
      if (sub_.plmn.empty())
        throw UnusableInput("snn or plmn: 5G AKA needs the serving network name (TS 33.501 6.1.1.4)");
      sub_.snn = spec::serving_network_name(spec::parse_plmn(sub_.plmn));
    }
  } catch (const spec::CryptoArgumentError& e) {
    throw UnusableInput(std::string("plmn: ") + e.what());
  }
}

void AkaJudge::verdict(std::vector<Verdict>& out, const Challenge& c, std::size_t step, bool ok, std::string observed,
                       std::string explain) const {
  out.push_back({step, ok, "ue", c.clause, c.expected, std::move(observed), std::move(explain)});
}

void AkaJudge::downlink(std::size_t step, spec::ByteView plain, std::vector<Verdict>& out) {
  const bool eps = rat_ == Rat::eps;
  if (type_of(rat_, plain) != (eps ? kEpsRequest : kRequest)) return;
  Challenge c;
  c.step = step;
  spec::ByteView autn;
  if (eps) {
    const auto d = impl::nas::decode_authentication_request(plain);
    if (!d.ok()) throw UnusableInput(decode_error("AUTHENTICATION REQUEST", d.error));
    c.ksi = d.value.nas_key_set_identifier_asme.ksi;
    std::copy(d.value.rand.begin(), d.value.rand.end(), c.rand.begin());
    autn = d.value.autn;
  } else {
    const auto d = impl::nas5gs::decode_authentication_request(plain);
    if (!d.ok()) throw UnusableInput(decode_error("AUTHENTICATION REQUEST", d.error));
    if (!d.value.rand || !d.value.autn)
      throw UnusableInput("AUTHENTICATION REQUEST without RAND and AUTN: EAP-AKA' is not judged by this version");
    c.ksi = d.value.ngksi.ksi;
    std::copy(d.value.rand->begin(), d.value.rand->end(), c.rand.begin());
    autn = *d.value.autn;
    c.abba.assign(d.value.abba.begin(), d.value.abba.end());
  }
  // TS 33.102 6.3.3: AK = f5(RAND) uncovers SQN; XMAC = f1(SQN, RAND, AMF) must equal the MAC.
  const spec::ByteView sqn_xor_ak = autn.first(6), amf = autn.subspan(6, 2), mac = autn.subspan(8, 8);
  const std::array<std::uint8_t, 6> zero_sqn{};
  const auto ak = spec::milenage(sub_.k, sub_.opc, c.rand, zero_sqn, amf).ak;
  std::array<std::uint8_t, 6> sqn{};
  for (std::size_t i = 0; i < 6; ++i) sqn[i] = sqn_xor_ak[i] ^ ak[i];
  const auto m = spec::milenage(sub_.k, sub_.opc, c.rand, sqn, amf);
  std::copy(sqn_xor_ak.begin(), sqn_xor_ak.end(), c.sqn_xor_ak.begin());
  c.mac_ok = impl::crypto::ct::equal_bytes(m.mac_a.data(), mac.data(), 8);
  c.separation = (amf[0] & 0x80) != 0;  // TS 33.102 annex H: AMF bit 0 is its most significant
  c.ck = m.ck;
  c.ik = m.ik;
  c.res = m.res;
  // The network's side: an authentication vector for E-UTRAN / 5G has the separation bit set
  // (TS 33.401 6.1.1, TS 33.501 6.1.3.2) and its MAC computed with the subscriber's K.
  const char* vector_clause = eps ? "TS 33.401 6.1.1" : "TS 33.501 6.1.3.2";
  Verdict n{step,
            c.mac_ok && c.separation,
            "network",
            vector_clause,
            "AUTHENTICATION REQUEST with an AUTN whose MAC-A verifies and whose AMF separation bit is 1",
            "AUTHENTICATION REQUEST, AMF " + spec::to_hex(amf),
            ""};
  n.explain = !c.mac_ok ? "the AUTN's MAC-A is not f1 of the subscriber's K (or the trace's k/opc are not this UE's)"
              : !c.separation ? cat("the AMF separation bit is 0: the vector is not for ", eps ? "E-UTRAN" : "5G")
                              : "a fresh challenge for the subscriber";
  out.push_back(std::move(n));
  const char* standard = eps ? "TS 24.301 5.4.2.6" : "TS 24.501 5.4.1.3.7";
  if (!c.mac_ok) {
    c.expected = "AUTHENTICATION FAILURE #20";
    c.clause = standard;
  } else if (!c.separation) {
    c.expected = "AUTHENTICATION FAILURE #26";
    c.clause = standard;
  } else {
    c.expected = eps ? "AUTHENTICATION RESPONSE with RES = f2(K, RAND), or AUTHENTICATION FAILURE #21"
                     : "AUTHENTICATION RESPONSE with RES* of TS 33.501 A.4, or AUTHENTICATION FAILURE #21";
    c.clause = eps ? "TS 24.301 5.4.2.3" : "TS 24.501 5.4.1.3.2";
  }
  // A retransmission (or a new challenge) replaces one the UE has not answered: the trace is
  // taken at the network, and the UE may never have seen the first.
  pending_ = std::move(c);
}

std::optional<Established> AkaJudge::uplink(std::size_t step, spec::ByteView plain, std::vector<Verdict>& out) {
  const bool eps = rat_ == Rat::eps;
  const std::uint8_t type = type_of(rat_, plain);
  if (!eps && type == kRegistrationRequest && sub_.supi.empty()) {
    const auto d = impl::nas5gs::decode_registration_request(plain);
    if (d.ok())
      if (const auto* suci = std::get_if<impl::nas5gs::SuciImsi>(&d.value.mobile_identity)) sub_.supi = imsi_of(*suci);
    return std::nullopt;
  }
  const bool response = type == (eps ? kEpsResponse : kResponse), failure = type == (eps ? kEpsFailure : kFailure);
  if (!pending_ || (!response && !failure)) return std::nullopt;
  const Challenge c = std::move(*pending_);
  pending_.reset();
  if (failure) {
    std::uint8_t cause = 0;
    std::optional<std::array<std::uint8_t, 14>> auts;
    if (eps) {
      const auto d = impl::nas::decode_authentication_failure(plain);
      if (!d.ok()) throw UnusableInput(decode_error("AUTHENTICATION FAILURE", d.error));
      cause = d.value.emm_cause;
      if (d.value.auts) std::copy(d.value.auts->begin(), d.value.auts->end(), auts.emplace().begin());
    } else {
      const auto d = impl::nas5gs::decode_authentication_failure(plain);
      if (!d.ok()) throw UnusableInput(decode_error("AUTHENTICATION FAILURE", d.error));
      cause = d.value.cause;
      if (d.value.auts) std::copy(d.value.auts->begin(), d.value.auts->end(), auts.emplace().begin());
    }
    const std::string observed = cat("AUTHENTICATION FAILURE #", cause);
    const std::uint8_t due = !c.mac_ok ? kMacFailure : !c.separation ? kNonEpsUnacceptable : kSynchFailure;
    if (cause != due) {
      verdict(out, c, step, false, observed,
              !c.mac_ok       ? "the AUTN's MAC does not verify: the UE owes #20 \"MAC failure\""
              : !c.separation ? "the AUTN's MAC verifies and its AMF separation bit is 0"
                              : "the AUTN verifies and its separation bit is 1: the UE answers with RES, or with #21 "
                                "when the SQN is out of range");
      return std::nullopt;
    }
    if (cause != kSynchFailure) {
      verdict(out, c, step, true, observed,
              c.mac_ok ? "the AMF separation bit is 0" : "the AUTN's MAC does not verify");
      return std::nullopt;
    }
    // TS 33.102 6.3.3: AUTS = SQN_MS xor AK* || MAC-S, MAC-S = f1*(SQN_MS, RAND, AMF 0000).
    if (!auts) {
      verdict(out, c, step, false, observed, "a synch failure carries the AUTS (Authentication failure parameter)");
      return std::nullopt;
    }
    const std::array<std::uint8_t, 6> zero_sqn{};
    const std::array<std::uint8_t, 2> dummy_amf{};
    const auto ak_star = spec::milenage(sub_.k, sub_.opc, c.rand, zero_sqn, dummy_amf).ak_star;
    std::array<std::uint8_t, 6> sqn_ms{};
    for (std::size_t i = 0; i < 6; ++i) sqn_ms[i] = (*auts)[i] ^ ak_star[i];
    const auto m = spec::milenage(sub_.k, sub_.opc, c.rand, sqn_ms, dummy_amf);
    const bool ok = impl::crypto::ct::equal_bytes(m.mac_s.data(), auts->data() + 6, 8);
    verdict(out, c, step, ok, observed,
            ok ? "the AUTS's MAC-S verifies (SQN_MS " + spec::to_hex(sqn_ms) + ")"
               : "the AUTS's MAC-S is not f1* of the subscriber's K over SQN_MS, RAND and AMF 0000 (TS 33.102 6.3.3)");
    return std::nullopt;
  }
  // An AUTHENTICATION RESPONSE.
  bool right = false;
  std::string observed;
  if (eps) {
    const auto d = impl::nas::decode_authentication_response(plain);
    if (!d.ok()) throw UnusableInput(decode_error("AUTHENTICATION RESPONSE", d.error));
    observed = "AUTHENTICATION RESPONSE RES " + spec::to_hex(d.value.res);
    right = d.value.res.size() == c.res.size() && impl::crypto::ct::equal_bytes(d.value.res.data(), c.res.data(), 8);
  } else {
    const auto d = impl::nas5gs::decode_authentication_response(plain);
    if (!d.ok()) throw UnusableInput(decode_error("AUTHENTICATION RESPONSE", d.error));
    if (!d.value.res_star)
      throw UnusableInput("AUTHENTICATION RESPONSE without RES*: EAP-AKA' is not judged by this version");
    observed = "AUTHENTICATION RESPONSE RES* " + spec::to_hex(*d.value.res_star);
    const auto xres_star = spec::derive_res_star(c.ck, c.ik, sub_.snn, c.rand, c.res);
    right = impl::crypto::ct::equal_bytes(d.value.res_star->data(), xres_star.data(), 16);
  }
  if (!c.mac_ok || !c.separation) {
    verdict(out, c, step, false, observed,
            !c.mac_ok ? "the AUTN's MAC does not verify, and the UE accepted the network anyway"
                      : "the AMF separation bit is 0, and the UE accepted the vector anyway");
    return std::nullopt;
  }
  if (!right) {
    verdict(out, c, step, false, observed,
            eps ? "RES is not f2(K, RAND) = " + spec::to_hex(c.res) + " (or the trace's k/opc are not this UE's)"
                : "RES* is not the KDF of TS 33.501 A.4 over the serving network name " + sub_.snn +
                      ", RAND and RES = f2(K, RAND) (or the trace's k/opc are not this UE's)");
    return std::nullopt;
  }
  verdict(out, c, step, true, observed,
          cat(eps ? "K_ASME established under eKSI " : "K_AMF established under ngKSI ", c.ksi));
  return establish(c);
}

// TS 33.401 A.2; TS 33.501 A.2, A.6, A.7.
Established AkaJudge::establish(const Challenge& c) const {
  Established e;
  e.ksi = c.ksi;
  if (rat_ == Rat::eps) {
    e.key = spec::derive_kasme(c.ck, c.ik, spec::parse_plmn(sub_.plmn), c.sqn_xor_ak);
    return e;
  }
  if (sub_.supi.empty())
    throw UnusableInput(
        "supi: K_AMF needs the SUPI (TS 33.501 A.7); give it in the context line, as the REGISTRATION REQUEST "
        "carries no null-scheme SUCI");
  const spec::Key256 kausf = spec::derive_kausf(c.ck, c.ik, sub_.snn, c.sqn_xor_ak);
  const spec::Key256 kseaf = spec::derive_kseaf(kausf, sub_.snn);
  e.key = spec::derive_kamf(kseaf, sub_.supi, c.abba);
  return e;
}

void AkaJudge::finish(std::vector<Verdict>& out) {
  if (!pending_) return;
  verdict(out, *pending_, pending_->step, false, "no answer", "the UE never answered the AUTHENTICATION REQUEST");
  pending_.reset();
}

}  // namespace secmode::oracle
