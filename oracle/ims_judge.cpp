#include "oracle/ims_judge.h"

#include <algorithm>
#include <cstdio>

#include "impl/crypto/ct.h"
#include "oracle/text.h"
#include "spec/codec/sip_digest_aka.h"
#include "spec/crypto/hmac.h"
#include "spec/crypto/milenage.h"
#include "spec/hex.h"
#include "spec/rules/concrete.h"

namespace secmode::oracle {

namespace {

namespace ims = spec::ims_sa_ue;
using spec::Concrete;

const auto& table() {
  static const auto rules = ims::rules<Concrete>();
  return rules;
}

constexpr std::uint32_t kUnknownSet = 0xffffffff;  // an SPI of no set the judge knows

std::string set_name(std::uint32_t sa) {
  if (sa == ims::kNoSa) return "no protection";
  if (sa == kUnknownSet) return "an SPI of no set the UE proposed";
  return cat("the set proposed with spi-c ", sa);
}

std::string answer_name(std::uint32_t a) {
  switch (a) {
    case ims::kRes:
      return "the RES digest";
    case ims::kEmptyResponse:
      return "an empty response";
    case ims::kAuts:
      return "auts";
    default:
      return "no challenge answered";
  }
}

// RFC 2617 3.2.2.1-3 with RFC 3310 3.3: password = RES (its octets); HA1 = MD5(username:realm:
// password), HA2 = MD5(method:digest-uri), response = MD5(HA1:nonce:nc:cnonce:qop:HA2) with qop,
// MD5(HA1:nonce:HA2) without; MD5 values as 32 lower-case hex digits.
std::string digest_response(const spec::sip::AkaCredentials& c, const std::string& method, const std::string& nonce,
                            spec::ByteView res) {
  const auto md5_hex = [](spec::ByteView data) { return spec::to_hex(spec::digest(spec::Hash::md5, data)); };
  std::string a1 = c.username + ":" + c.realm + ":";
  std::vector<std::uint8_t> a1_octets(a1.begin(), a1.end());
  a1_octets.insert(a1_octets.end(), res.begin(), res.end());
  const std::string ha1 = md5_hex(a1_octets);
  const std::string a2 = method + ":" + c.uri;
  const std::string ha2 = md5_hex({reinterpret_cast<const std::uint8_t*>(a2.data()), a2.size()});
  std::string kd = ha1 + ":" + nonce + ":";
  if (c.qop) {
    char nc[9];
    std::snprintf(nc, sizeof nc, "%08x", c.nc.value_or(0));
    kd += std::string(nc) + ":" + c.cnonce.value_or("") + ":" + *c.qop + ":";
  }
  kd += ha2;
  return md5_hex({reinterpret_cast<const std::uint8_t*>(kd.data()), kd.size()});
}

template <class T>
T decoded(const spec::Decoded<T>& d) {
  if (!d.ok()) throw UnusableInput(d.error().describe());
  return d.value();
}

}  // namespace

ImsJudge::ImsJudge(Subscription subscriber) : sub_(std::move(subscriber)) {}

std::uint32_t ImsJudge::set(std::optional<std::uint32_t> esp_spi) const {
  if (!esp_spi) return ims::kNoSa;
  const auto it = set_of_spi_.find(*esp_spi);
  return it == set_of_spi_.end() ? kUnknownSet : it->second;
}

std::uint32_t ImsJudge::mechanism(const spec::sip::SecurityMechanism& m) {
  const auto key = std::pair{*m.alg, m.ealg};
  const auto it = std::find(mechanisms_.begin(), mechanisms_.end(), key);
  if (it != mechanisms_.end()) return static_cast<std::uint32_t>(it - mechanisms_.begin()) + 1;
  if (mechanisms_.size() + 1 >= ims::kAlgorithms)
    throw UnusableInput("more than three distinct ipsec-3gpp mechanisms (alg, ealg) in one trace");
  mechanisms_.push_back(key);
  return static_cast<std::uint32_t>(mechanisms_.size());
}

// The ipsec-3gpp mechanisms in preference order (RFC 3329 2.2: the higher q first; equal q in
// the order written), the first two as the table's server_first / server_second.
std::pair<std::uint32_t, std::uint32_t> ImsJudge::preferred_two(const spec::sip::SecurityMechanisms& list) {
  std::vector<const spec::sip::SecurityMechanism*> v;
  for (const auto& m : list)
    if (m.name == "ipsec-3gpp" && m.alg) v.push_back(&m);
  std::stable_sort(v.begin(), v.end(),
                   [](const auto* a, const auto* b) { return a->q.value_or(0) > b->q.value_or(0); });
  return {v.size() > 0 ? mechanism(*v[0]) : ims::kNoAlg, v.size() > 1 ? mechanism(*v[1]) : ims::kNoAlg};
}

void ImsJudge::sip(std::size_t step, bool uplink, std::optional<std::uint32_t> esp_spi, std::string_view text,
                   std::vector<Verdict>& out) {
  const SipMessage m = read_sip(text);
  if (uplink) {
    if (m.request && m.method == "REGISTER") register_(step, esp_spi, m, out);
  } else if (!m.request) {
    response(step, esp_spi, m, out);
  } else {
    // A request from the P-CSCF over the newly established set ends the old one (5.1.1.5.1).
    advance(ims::kProtectedByNew, set(esp_spi));
  }
}

void ImsJudge::advance(std::uint32_t kind, std::uint32_t sa) {
  const ims::Event<Concrete> e{kind, 0, 0, false, false, false, 0, 0, sa};
  if (const auto st = spec::step(Concrete{}, table(), s_, e); st.fired != spec::kNoRule) s_ = st.state;
}

void ImsJudge::response(std::size_t step, std::optional<std::uint32_t> esp_spi, const SipMessage& m,
                        std::vector<Verdict>& out) {
  const std::uint32_t sa = set(esp_spi);
  if (m.cseq_method() != "REGISTER" || (m.status != 401 && (m.status < 200 || m.status >= 300))) {
    advance(ims::kProtectedByNew, sa);
    return;
  }
  if (m.status != 401) {
    advance(ims::kOk, sa);
    return;
  }
  if (challenge_) unanswered(out);
  const auto www = m.all("WWW-Authenticate");
  if (www.size() != 1) throw UnusableInput("a 401 to a REGISTER carries one WWW-Authenticate (RFC 3261 20.44)");
  const auto ch = decoded(spec::sip::decode_aka_challenge("WWW-Authenticate", www[0]));
  Challenge c{};
  c.step = step;
  c.sa = sa;
  std::copy(ch.nonce.rand.begin(), ch.nonce.rand.end(), c.rand.begin());
  c.nonce = spec::sip::encode_aka_nonce(ch.nonce);
  // TS 33.102 6.3.3 as in the NAS AKA judge: AK uncovers SQN, XMAC must equal the AUTN's MAC.
  const spec::ByteView autn(ch.nonce.autn);
  const std::array<std::uint8_t, 6> zero_sqn{};
  const auto ak = spec::milenage(sub_.k, sub_.opc, c.rand, zero_sqn, autn.subspan(6, 2)).ak;
  std::array<std::uint8_t, 6> sqn{};
  for (std::size_t i = 0; i < 6; ++i) sqn[i] = autn[i] ^ ak[i];
  const auto mil = spec::milenage(sub_.k, sub_.opc, c.rand, sqn, autn.subspan(6, 2));
  c.mac_ok = impl::crypto::ct::equal_bytes(mil.mac_a.data(), autn.data() + 8, 8);
  c.res = mil.res;
  const auto servers = m.all("Security-Server");
  if (!servers.empty()) c.server = decoded(spec::sip::decode_security_headers("Security-Server", servers));
  // 5.1.1.5.1: the parameters the UE needs to set up the temporary set.
  c.server_present = std::any_of(c.server.begin(), c.server.end(), [](const auto& x) {
    return x.name == "ipsec-3gpp" && x.alg && x.spi_c && x.spi_s && x.port_c && x.port_s;
  });
  std::tie(c.server_first, c.server_second) = preferred_two(c.server);
  // The P-CSCF's SPIs name the set the pending REGISTER proposed.
  for (const auto& x : c.server) {
    if (x.spi_c) set_of_spi_[*x.spi_c] = s_.proposed;
    if (x.spi_s) set_of_spi_[*x.spi_s] = s_.proposed;
  }
  challenge_ = std::move(c);
}

void ImsJudge::register_(std::size_t step, std::optional<std::uint32_t> esp_spi, const SipMessage& m,
                         std::vector<Verdict>& out) {
  const auto clients = m.all("Security-Client");
  if (clients.empty())
    throw UnusableInput("REGISTER without Security-Client: this version judges IMS AKA with ipsec-3gpp sec-agree");
  const auto client = decoded(spec::sip::decode_security_headers("Security-Client", clients));
  const auto first = std::find_if(client.begin(), client.end(),
                                  [](const auto& x) { return x.name == "ipsec-3gpp" && x.alg && x.spi_c && x.spi_s; });
  if (first == client.end())
    throw UnusableInput("Security-Client without an ipsec-3gpp mechanism with alg, spi-c and spi-s");
  const std::uint32_t spi = *first->spi_c;
  // The UE's SPIs name the set it proposes; the latest binding of an SPI counts.
  const std::uint32_t protected_by = set(esp_spi);
  set_of_spi_[spi] = spi;
  set_of_spi_[*first->spi_s] = spi;
  std::uint32_t offered = 0;
  for (const auto& x : client)
    if (x.name == "ipsec-3gpp" && x.alg) offered |= 1u << mechanism(x);
  // The observed REGISTER in the table's terms.
  ims::Output<Concrete> seen = ims::Output<Concrete>::none(Concrete{});
  seen.message = ims::kRegister;
  seen.protected_by = protected_by;
  seen.client_spi = spi;
  const auto verify_lines = m.all("Security-Verify");
  spec::sip::SecurityMechanisms verify;
  if (!verify_lines.empty()) {
    verify = decoded(spec::sip::decode_security_headers("Security-Verify", verify_lines));
    seen.verify = true;
    std::tie(seen.verify_first, seen.verify_second) = preferred_two(verify);
  }
  std::optional<spec::sip::AkaCredentials> credentials;
  if (const auto auth = m.all("Authorization"); !auth.empty())
    credentials = decoded(spec::sip::decode_aka_credentials("Authorization", auth[0]));
  seen.answer = !credentials || !credentials->nonce ? ims::kNoAnswer
                : credentials->auts                 ? ims::kAuts
                : !credentials->response            ? ims::kEmptyResponse
                                                    : ims::kRes;

  ims::Event<Concrete> e{ims::kSendRegister, spi, offered, false, false, false, 0, 0, ims::kNoSa};
  std::string why_sqn;
  const std::optional<Challenge> c = std::move(challenge_);
  challenge_.reset();
  // An Authorization with no challenge pending (a re-registration repeating the last nonce) is
  // not an answer.
  if (!c) seen.answer = ims::kNoAnswer;
  if (c) {
    // The UE says whether SQN was in range: an AUTS whose MAC-S verifies (TS 33.102 6.3.3).
    bool sqn_ok = true;
    if (credentials && credentials->auts) {
      const auto& auts = *credentials->auts;
      const std::array<std::uint8_t, 6> zero_sqn{};
      const std::array<std::uint8_t, 2> amf0{};
      const auto ak_star = spec::milenage(sub_.k, sub_.opc, c->rand, zero_sqn, amf0).ak_star;
      std::array<std::uint8_t, 6> sqn_ms{};
      for (std::size_t i = 0; i < 6; ++i) sqn_ms[i] = auts[i] ^ ak_star[i];
      const auto mil = spec::milenage(sub_.k, sub_.opc, c->rand, sqn_ms, amf0);
      sqn_ok = !impl::crypto::ct::equal_bytes(mil.mac_s.data(), auts.data() + 6, 8);
      if (sqn_ok) why_sqn = "; its auts's MAC-S is not f1* of the subscriber's K (TS 33.102 6.3.3)";
    }
    e = {ims::kChallenge, spi, 0, c->mac_ok, sqn_ok, c->server_present, c->server_first, c->server_second, c->sa};
  }
  auto st = spec::step(Concrete{}, table(), s_, e);
  // A challenge the UE cannot use wants new SPIs (5.1.1.5.3): with the ones it sent no rule fires,
  // so find what was due with SPIs no set uses, and say what differs.
  const bool spi_not_fresh = c && st.fired == spec::kNoRule;
  if (spi_not_fresh) {
    e.spi = kUnknownSet - 1;
    st = spec::step(Concrete{}, table(), s_, e);
  }
  Verdict v{step, true, "ue", "", "", "", ""};
  v.observed = cat("REGISTER over ", set_name(protected_by), ", Security-Client spi-c ", spi,
                   seen.verify ? ", Security-Verify" : "", ", ", answer_name(seen.answer));
  if (st.fired == spec::kNoRule) {
    v.ok = false;
    v.clause = "TS 24.229 5.1.1.2.1";
    v.expected = "no new REGISTER";
    v.explain = s_.awaiting ? "the previous REGISTER still awaits its final response"
                            : cat("spi-c ", spi, " names a set the UE holds or proposed: new SPIs are due");
    out.push_back(std::move(v));
    return;
  }
  const auto& rule = table()[st.fired];
  const auto& want = st.output;
  v.clause = std::string(rule.clause);
  v.expected = cat("REGISTER over ", set_name(want.protected_by), ", Security-Client ",
                   spi_not_fresh ? std::string("with new SPIs") : cat("spi-c ", want.client_spi),
                   want.verify ? ", Security-Verify mirroring Security-Server" : "", ", ", answer_name(want.answer));
  std::string wrong;
  if (seen.protected_by != want.protected_by)
    wrong = "it went over " + set_name(seen.protected_by) + ", not " + set_name(want.protected_by);
  else if (spi_not_fresh)
    wrong = cat("its Security-Client spi-c ", spi, " names a set the UE holds or proposed");
  else if (seen.client_spi != want.client_spi)
    wrong = cat("its Security-Client spi-c is ", seen.client_spi, ", not ", want.client_spi);
  else if (seen.answer != want.answer)
    wrong = "it carries " + answer_name(seen.answer) + ", not " + answer_name(want.answer);
  else if (want.verify && (!seen.verify || verify != c->server))
    wrong = seen.verify ? "its Security-Verify differs from the Security-Server of the 401 (RFC 3329 2.3.1)"
                        : "it has no Security-Verify";
  else if (!want.verify && seen.verify)
    wrong = "it carries a Security-Verify, which only the REGISTER over the temporary set does";
  else if (want.answer == ims::kRes &&
           *credentials->response != digest_response(*credentials, m.method, c->nonce, c->res))
    wrong = "its Digest response is not computed from RES = f2(K, RAND) = " + spec::to_hex(c->res) + " (RFC 3310 3.3)";
  v.ok = wrong.empty();
  v.explain = !wrong.empty() ? wrong + why_sqn : "as " + std::string(rule.name) + " requires";
  s_ = st.state;
  if (spi_not_fresh) s_.proposed = spi;  // follow what the UE did
  out.push_back(std::move(v));
}

// The UE owes a REGISTER to a challenge whenever the table has one fire for it (whatever new
// SPI it would pick: one no set uses stands in).
void ImsJudge::unanswered(std::vector<Verdict>& out) {
  const Challenge& c = *challenge_;
  const ims::Event<Concrete> e{ims::kChallenge, kUnknownSet - 1, 0,   c.mac_ok, true, c.server_present,
                               c.server_first,  c.server_second, c.sa};
  const auto st = spec::step(Concrete{}, table(), s_, e);
  if (st.fired != spec::kNoRule && st.output.message == ims::kRegister)
    out.push_back({c.step, false, "ue", std::string(table()[st.fired].clause), "a REGISTER answering the 401", "none",
                   "every 401 to the pending REGISTER gets a further REGISTER (rule " +
                       std::string(table()[st.fired].name) + ")"});
  challenge_.reset();
}

void ImsJudge::finish(std::vector<Verdict>& out) {
  if (challenge_) unanswered(out);
}

}  // namespace secmode::oracle
