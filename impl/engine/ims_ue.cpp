#include "impl/engine/ims_ue.h"

#include <algorithm>

#include "impl/crypto/ct.h"
#include "impl/crypto/md5.h"
#include "impl/crypto/milenage.h"

namespace secmode::impl::engine {

namespace {

using Outcome = ImsUeResult::Outcome;

ImsUeResult outcome(Outcome o, const char* clause, const char* reason) noexcept {
  ImsUeResult r;
  r.outcome = o;
  r.clause = clause;
  r.reason = reason;
  return r;
}

bool is_usable(const sip::SecurityMechanism& m) noexcept {
  // TS 24.229 5.1.1.5.1 3): the parameters the set-up needs (TS 33.203 H.2).
  return sip::lex::iequals(m.name, "ipsec-3gpp") && m.alg && m.spi_c && m.spi_s && m.port_c && m.port_s;
}

std::uint64_t sqn_value(std::span<const std::uint8_t, 6> sqn) noexcept {
  std::uint64_t v = 0;
  for (std::uint8_t b : sqn) v = v << 8 | b;
  return v;
}

}  // namespace

// What a REGISTER answers: nothing, RES (with the challenge it answers), or a failed challenge.
struct ImsUe::Answer {
  enum class Kind : std::uint8_t { none, res, empty, auts } kind = Kind::none;
  const sip::AkaChallenge* challenge = nullptr;
  std::array<std::uint8_t, 8> res{};
  sip::Auts auts{};
  const sip::SecurityMechanisms* verify = nullptr;  // the Security-Server to mirror
  std::string_view call_id;                         // the 401's, when answering it with RES
  ~Answer() { crypto::ct::wipe_object(res); }
};

ImsUe::ImsUe(ImsUeConfig config) : config_(std::move(config)), uri_("sip:" + config_.home_domain) {
  if (config_.mechanisms.size() > 3) config_.mechanisms.resize(3);
  new_call_id();
}

std::uint32_t ImsUe::mechanism_id(const EspMechanism& m) const noexcept {
  for (std::size_t i = 0; i < config_.mechanisms.size(); ++i)
    if (config_.mechanisms[i] == m) return static_cast<std::uint32_t>(i + 1);
  return 0;
}

std::uint32_t ImsUe::set_id(SaRole role) const noexcept {
  const SaSet* s = db_.with_role(role);
  return s ? s->id : 0;
}

void ImsUe::new_call_id() noexcept {
  sip::Writer w(call_id_);
  w.put("secmode-");
  w.put_hex8(++calls_);
  call_id_size_ = std::min(w.size(), call_id_.size());
}

// 5.1.1.5.3: "new values for spi_uc, spi_us and port_uc": SPIs of no set the UE holds or
// proposed, and above the 255 reserved ones (RFC 4303 2.1).
bool ImsUe::fresh(const SecParams& p) const noexcept {
  const auto usable = [&](std::uint32_t spi) {
    return spi > 255 && !db_.holds(spi, true) &&
           (proposal_.spi_c == 0 || (spi != proposal_.spi_c && spi != proposal_.spi_s));
  };
  return p.spi_c != p.spi_s && usable(p.spi_c) && usable(p.spi_s) && p.port_c != 0 && p.port_s != 0;
}

ImsUeResult ImsUe::register_(const SecParams& proposal, std::uint32_t offered, std::span<char> out) noexcept {
  // 5.1.1.2.1: one registration at a time.
  if (awaiting_) return outcome(Outcome::refused, "TS 24.229 5.1.1.2.1", "a REGISTER awaits its final response");
  std::uint32_t known = 0;
  for (std::size_t i = 0; i < config_.mechanisms.size(); ++i) known |= 1u << (i + 1);
  if (offered == 0 || (offered & ~known) != 0)
    return outcome(Outcome::refused, "TS 24.229 5.1.1.2.2", "the offer names no mechanism, or one not configured");
  if (!fresh(proposal))
    return outcome(Outcome::refused, "TS 24.229 5.1.1.5.3", "the proposal's SPIs or ports are in use or invalid");
  const SecParams before = proposal_;
  const std::uint32_t offered_before = offered_;
  awaiting_ = true;
  proposal_ = proposal;
  offered_ = offered;
  ImsUeResult r = send_register(set_id(SaRole::established), Answer{}, out);
  if (r.outcome != Outcome::sent) {  // nothing was sent: nothing changes
    awaiting_ = false;
    proposal_ = before;
    offered_ = offered_before;
  }
  return r;
}

ImsUeResult ImsUe::send_register(std::uint32_t over, const Answer& answer, std::span<char> out) noexcept {
  sip::Writer w(out);
  const std::uint16_t port = over != 0 ? proposal_.port_s : 5060;  // 5.1.1.2.2 b), c): the protected server port
  const std::uint32_t cseq = cseq_ + 1;                            // taken only if the REGISTER is written
  w.put("REGISTER ");
  w.put(uri_);
  w.put(" SIP/2.0\r\nVia: SIP/2.0/UDP ");
  w.put(config_.host);
  w.put(':');
  w.put_decimal(port);
  w.put(";branch=z9hG4bK");
  w.put_hex8(cseq);
  w.put_hex8(calls_);
  w.put("\r\nMax-Forwards: 70\r\nFrom: <");
  w.put(config_.impu);
  w.put(">;tag=");
  w.put_hex8(calls_);
  w.put("\r\nTo: <");
  w.put(config_.impu);
  w.put(">\r\nCall-ID: ");
  // 5.1.1.5.1 3): the REGISTER answering the challenge takes the 401's Call-ID.
  w.put(answer.kind == Answer::Kind::res ? answer.call_id : std::string_view(call_id_.data(), call_id_size_));
  w.put("\r\nCSeq: ");
  w.put_decimal(cseq);
  w.put(" REGISTER\r\nContact: <sip:");
  w.put(config_.host);
  w.put(':');
  w.put_decimal(port);
  w.put(">\r\nExpires: ");
  w.put_decimal(config_.expires_s);

  // Authorization (5.1.1.2.1 for the initial form, 5.1.1.5.1 3) and 5.1.1.5.3 for the answers).
  sip::AkaCredentials c;
  c.username = sip::Quoted{config_.impi};
  c.realm = answer.challenge ? answer.challenge->realm : sip::Quoted{config_.home_domain};
  c.uri = uri_;
  std::array<char, 32> response{};
  std::array<char, 16> cnonce{};
  if (answer.challenge) {
    c.nonce = answer.challenge->nonce;
    if (answer.kind == Answer::Kind::auts) c.auts = answer.auts;
  }
  if (answer.kind == Answer::Kind::res) {
    // RFC 3310 3.3 with RFC 2617 3.2.2: password = RES; qop=auth when the challenge offers it.
    const auto& ch = *answer.challenge;
    const bool qop = std::any_of(ch.qop.begin(), ch.qop.end(), [](std::string_view q) { return q == "auth"; });
    sip::Writer cw(cnonce);
    cw.put_hex8(cseq);
    cw.put_hex8(calls_);
    crypto::Md5 a1;
    std::array<std::uint8_t, 16> d{};
    a1.update(config_.impi);
    a1.update(":");
    sip::lex::QuotedReader realm(ch.realm.raw, true);
    for (char ch_ = 0; realm.next(ch_);) a1.update(std::string_view(&ch_, 1));
    a1.update(":");
    a1.update(answer.res);
    a1.finish(d);
    auto ha1 = crypto::to_lhex(d);
    crypto::Md5 a2;
    a2.update("REGISTER:");
    a2.update(uri_);
    a2.finish(d);
    const auto ha2 = crypto::to_lhex(d);
    crypto::Md5 kd;
    kd.update(std::string_view(ha1.data(), ha1.size()));
    kd.update(":");
    kd.update(ch.nonce.text.raw);
    kd.update(":");
    if (qop) {
      std::array<char, 8> nc{};
      sip::Writer nw(nc);
      nw.put_hex8(1);
      kd.update(std::string_view(nc.data(), nc.size()));
      kd.update(":");
      kd.update(std::string_view(cnonce.data(), cnonce.size()));
      kd.update(":auth:");
      c.qop = "auth";
      c.nc = 1;
      c.cnonce = sip::Quoted{std::string_view(cnonce.data(), cnonce.size())};
    }
    kd.update(std::string_view(ha2.data(), ha2.size()));
    kd.finish(d);
    response = crypto::to_lhex(d);
    c.response = std::string_view(response.data(), response.size());
    crypto::ct::wipe_object(ha1);
  }
  w.put("\r\nAuthorization: ");
  const auto a = sip::encode(c, scratch_);
  if (!a.written) return outcome(Outcome::refused, "RFC 3310 3.3", "the Authorization header does not encode");
  w.put(std::string_view(scratch_.data(), a.size));

  // 5.1.1.2.2 d): the mechanisms the UE offers; 5.1.1.5.1 3): the same list again when answering.
  sip::SecurityMechanisms client;
  for (std::size_t i = 0; i < config_.mechanisms.size(); ++i)
    if (offered_ & (1u << (i + 1))) {
      sip::SecurityMechanism* m = client.grow();
      m->name = "ipsec-3gpp";
      m->alg = config_.mechanisms[i].alg;
      m->ealg = config_.mechanisms[i].ealg;
      m->spi_c = proposal_.spi_c;
      m->spi_s = proposal_.spi_s;
      m->port_c = proposal_.port_c;
      m->port_s = proposal_.port_s;
    }
  const auto sc = sip::encode(std::span(client.begin(), client.size()), scratch_);
  if (!sc.written) return outcome(Outcome::refused, "RFC 3329 2.2", "the Security-Client header does not encode");
  w.put("\r\nSecurity-Client: ");
  w.put(std::string_view(scratch_.data(), sc.size));
  if (answer.verify) {
    // 5.1.1.5.1 3): "mirroring in it the content of the Security-Server header field".
    const auto sv = sip::encode(std::span(answer.verify->begin(), answer.verify->size()), scratch_);
    if (!sv.written) return outcome(Outcome::refused, "RFC 3329 2.3.1", "the Security-Verify header does not encode");
    w.put("\r\nSecurity-Verify: ");
    w.put(std::string_view(scratch_.data(), sv.size));
  }
  w.put(
      "\r\nRequire: sec-agree\r\nProxy-Require: sec-agree\r\nSupported: path, sec-agree\r\nContent-Length: 0\r\n\r\n");
  if (!w.done().written) return outcome(Outcome::refused, "", "the output buffer is too small for the REGISTER");
  cseq_ = cseq;
  ImsUeResult r = outcome(Outcome::sent, "TS 24.229 5.1.1.2.1", "REGISTER");
  r.text = std::string_view(out.data(), w.size());
  r.over = over;
  if (const SaSet* s = db_.find(over)) r.esp_spi = s->sas[2].spi;
  return r;
}

std::uint32_t ImsUe::end_old_set_if_new_used(std::uint32_t over) noexcept {
  const std::uint32_t old = set_id(SaRole::old), established = set_id(SaRole::established);
  if (old == 0 || established == 0 || over != established) return 0;
  db_.remove(old);
  return old;
}

ImsUeResult ImsUe::receive(std::string_view message, std::optional<std::uint32_t> esp_spi, const SecParams& next,
                           std::span<char> out) noexcept {
  std::uint32_t over = 0;
  if (esp_spi) {
    const SaSet* s = db_.inbound(*esp_spi);
    if (!s) return outcome(Outcome::discarded, "RFC 4303 3.4.2", "no inbound security association has this SPI");
    over = s->id;
  }
  const auto head = sip::decode_sip_head(message);
  if (!head.ok()) return outcome(Outcome::discarded, "RFC 3261 7", head.error.reason);
  const auto& h = head.value;
  std::optional<sip::CSeq> cseq;
  if (const auto v = h.first("CSeq")) cseq = sip::decode_cseq(*v);
  const bool to_pending = !h.request && awaiting_ && cseq && cseq->number == cseq_ && cseq->method == "REGISTER";
  if (to_pending && h.status == 401) return challenge(h, over, next, out);
  if (to_pending && h.status >= 200 && h.status < 300) return ok(h, over);
  if (to_pending && h.status >= 100 && h.status < 200)
    return outcome(Outcome::ignored, "RFC 3261 8.1.3.2", "provisional");
  if (to_pending) return outcome(Outcome::ignored, "TS 24.229 5.1.1.5.1", "a final response the table does not act on");
  // 5.1.1.5.1: "When the first request or response protected with the newly established set of
  // security associations is received from the P-CSCF ... the UE shall delete the old set".
  ImsUeResult r = outcome(Outcome::taken, "TS 24.229 5.1.1.5.1", "a message from the P-CSCF");
  r.deleted = end_old_set_if_new_used(over);
  if (r.deleted == 0) r.outcome = Outcome::ignored;
  return r;
}

ImsUeResult ImsUe::challenge(const sip::SipHead& h, std::uint32_t over, const SecParams& next,
                             std::span<char> out) noexcept {
  // The 401 comes back over the set the pending REGISTER used (none for an initial one).
  if (over != set_id(SaRole::established))
    return outcome(Outcome::ignored, "TS 24.229 5.1.1.5.1", "a 401 over another set than the REGISTER's");
  std::array<std::string_view, 2> www{};
  if (h.all("WWW-Authenticate", www) != 1)
    return outcome(Outcome::discarded, "RFC 3261 20.44", "a 401 to a REGISTER carries one WWW-Authenticate");
  const auto ch = sip::decode_aka_challenge("WWW-Authenticate", www[0]);
  if (!ch.ok()) return outcome(Outcome::discarded, "RFC 3310 3.2", ch.error.reason);
  const sip::AkaChallenge& challenge = ch.value;

  // TS 33.102 6.3.3: AK = f5(RAND) uncovers SQN; XMAC = f1(SQN, RAND, AMF) must equal MAC.
  const auto& autn = challenge.nonce.autn;
  crypto::Milenage m;
  const std::span<const std::uint8_t, 2> amf(autn.data() + 6, 2);
  crypto::milenage(config_.k, config_.opc, challenge.nonce.rand, std::array<std::uint8_t, 6>{}, amf, m);
  std::array<std::uint8_t, 6> sqn{};
  for (std::size_t i = 0; i < 6; ++i) sqn[i] = autn[i] ^ m.ak[i];
  crypto::milenage(config_.k, config_.opc, challenge.nonce.rand, sqn, amf, m);
  const bool mac_ok = crypto::ct::equal_bytes(m.mac_a.data(), autn.data() + 8, 8);
  const bool sqn_ok = sqn_value(sqn) > sqn_value(config_.sqn_ms);

  // 5.1.1.5.1 3): Security-Server with the parameters the set-up needs; the most preferred
  // mechanism (RFC 3329 2.2: highest q first, then the order written) the UE offered.
  std::array<std::string_view, sip::kMaxMechanisms> lines{};
  const std::size_t n = std::min(h.all("Security-Server", lines), lines.size());
  sip::Decoded<sip::SecurityMechanisms> server;
  const sip::SecurityMechanism* chosen = nullptr;
  if (n > 0) {
    server = sip::decode_security_headers("Security-Server", std::span(lines.data(), n));
    if (server.ok()) {
      std::uint16_t best_q = 0;
      for (const auto& x : server.value) {
        if (!is_usable(x)) continue;
        const std::uint32_t id = mechanism_id({*x.alg, x.ealg});
        if (id == 0 || (offered_ & (1u << id)) == 0) continue;
        if (!chosen || x.q.value_or(0) > best_q) {
          chosen = &x;
          best_q = x.q.value_or(0);
        }
      }
    }
  }

  Answer answer;
  answer.challenge = &challenge;
  if (!mac_ok || !sqn_ok || !chosen) {
    // 5.1.1.5.3 (MAC or SQN failure) and 5.1.1.5.1 3) (no usable Security-Server): a new REGISTER
    // over the set in use, with a new Security-Client, and no temporary set.
    if (!fresh(next))
      return outcome(Outcome::refused, "TS 24.229 5.1.1.5.3",
                     "the next proposal's SPIs or ports are in use or invalid");
    if (!mac_ok) {
      answer.kind = Answer::Kind::empty;
    } else if (!sqn_ok) {
      // TS 33.102 6.3.3: AUTS = Conc(SQN_MS) || MAC-S, Conc = SQN_MS xor f5*(RAND), MAC-S =
      // f1*(SQN_MS, RAND, AMF = 0).
      answer.kind = Answer::Kind::auts;
      crypto::Milenage s;
      crypto::milenage(config_.k, config_.opc, challenge.nonce.rand, config_.sqn_ms, std::array<std::uint8_t, 2>{}, s);
      for (std::size_t i = 0; i < 6; ++i) answer.auts[i] = config_.sqn_ms[i] ^ s.ak_star[i];
      std::copy(s.mac_s.begin(), s.mac_s.end(), answer.auts.begin() + 6);
    } else {
      answer.kind = Answer::Kind::none;  // "abandon the authentication procedure"
      answer.challenge = nullptr;
    }
    const std::uint32_t deleted = end_old_set_if_new_used(over);
    const SecParams before = proposal_;
    const auto call_id = call_id_;
    const std::size_t call_id_size = call_id_size_;
    const std::uint32_t calls = calls_;
    if (answer.kind == Answer::Kind::none) new_call_id();
    proposal_ = next;
    ImsUeResult r = send_register(over, answer, out);
    if (r.outcome != Outcome::sent) {  // the proposal and the Call-ID stay for the next attempt
      proposal_ = before;
      call_id_ = call_id;
      call_id_size_ = call_id_size;
      calls_ = calls;
    }
    r.deleted = deleted;
    if (r.outcome != Outcome::sent) return r;
    r.clause = mac_ok && sqn_ok ? "TS 24.229 5.1.1.5.1" : "TS 24.229 5.1.1.5.3";
    r.reason = !mac_ok   ? "MAC failure: empty response"
               : !sqn_ok ? "SQN out of range: AUTS"
                         : "no usable Security-Server";
    return r;
  }

  // 5.1.1.5.1: the challenge is valid. A temporary set from the proposal and the chosen
  // mechanism, keyed with IK and CK, living reg-await-auth.
  SaSet set;
  set.id = proposal_.spi_c;
  set.role = SaRole::temporary;
  set.expires_ms = now_ + config_.reg_await_auth_ms;
  set.mechanism = {*chosen->alg, chosen->ealg};
  set.sas = sas_between(proposal_, {*chosen->spi_c, *chosen->spi_s, *chosen->port_c, *chosen->port_s});
  expand_esp_keys(set.mechanism, m.ik, m.ck, set.keys);
  ImsUeResult r;
  std::uint32_t replaced = 0;
  if (const SaSet* t = db_.with_role(SaRole::temporary)) {
    replaced = t->id;
    db_.remove(t->id);
  }
  const bool added = db_.add(set);
  crypto::ct::wipe_object(set);
  if (!added) return outcome(Outcome::discarded, "TS 33.203 7.1", "the Security-Server's SPIs clash with a set in use");
  config_.sqn_ms = sqn;  // TS 33.102 6.3.3: the USIM takes the accepted SQN
  const std::uint32_t deleted = end_old_set_if_new_used(over);
  answer.kind = Answer::Kind::res;
  answer.res = m.res;
  answer.verify = &server.value;
  const auto call_id = h.first("Call-ID");
  answer.call_id = call_id ? *call_id : std::string_view(call_id_.data(), call_id_size_);
  r = send_register(proposal_.spi_c, answer, out);
  r.deleted = deleted;
  r.replaced = replaced == proposal_.spi_c ? 0 : replaced;
  if (r.outcome != Outcome::sent) return r;
  r.clause = "TS 24.229 5.1.1.5.1";
  r.reason = "valid challenge: RES over the temporary set";
  return r;
}

ImsUeResult ImsUe::ok(const sip::SipHead& h, std::uint32_t over) noexcept {
  SaSet* temporary = db_.with_role(SaRole::temporary);
  SaSet* established = db_.with_role(SaRole::established);
  // The registration's lifetime: the 200 OK's Expires, else what was asked (RFC 3261 10.3 step 8
  // lets the registrar shorten it).
  std::uint32_t expires = config_.expires_s;
  if (const auto v = h.first("Expires");
      v && !v->empty() && v->size() <= 9 &&
      std::all_of(v->begin(), v->end(), [](char c) { return c >= '0' && c <= '9'; })) {
    expires = 0;
    for (char c : *v) expires = expires * 10 + static_cast<std::uint32_t>(c - '0');
  }
  const std::int64_t lifetime = now_ + std::int64_t{expires} * 1000 + 30000;
  ImsUeResult r = outcome(Outcome::taken, "TS 24.229 5.1.1.5.1", "200 OK");
  if (temporary && over == temporary->id) {
    // "change the temporary set of security associations to a newly established set ... set its
    // SIP level lifetime to the longest of either the previously existing set of security
    // associations SIP level lifetime, or the lifetime of the just completed registration plus 30
    // seconds"; the previous set becomes the old set.
    if (SaSet* old = db_.with_role(SaRole::old)) {
      r.replaced = old->id;
      db_.remove(old->id);
    }
    temporary->expires_ms = lifetime;
    if (established) {
      temporary->expires_ms = std::max(lifetime, established->expires_ms);
      established->role = SaRole::old;
    }
    temporary->role = SaRole::established;
  } else if (!temporary && established && over == established->id) {
    // A re-registration the network did not challenge (5.1.1.4.1): the same rule for the lifetime.
    established->expires_ms = std::max(lifetime, established->expires_ms);
    r.clause = "TS 24.229 5.1.1.4.1";
  } else {
    return outcome(Outcome::ignored, "TS 24.229 5.1.1.5.1", "a 200 OK over another set than the pending REGISTER's");
  }
  registered_ = true;
  awaiting_ = false;
  return r;
}

ImsUeResult ImsUe::advance(std::int64_t now_ms) noexcept {
  now_ = std::max(now_, now_ms);
  const SaSet* due = nullptr;
  for (const SaRole role : {SaRole::temporary, SaRole::old, SaRole::established}) {
    const SaSet* s = db_.with_role(role);
    if (s && s->expires_ms <= now_ && (!due || s->expires_ms < due->expires_ms)) due = s;
  }
  if (!due) return outcome(Outcome::nothing, "", "");
  ImsUeResult r = outcome(Outcome::taken, "TS 24.229 5.1.1.5.1", "");
  r.deleted = due->id;
  switch (due->role) {
    case SaRole::temporary:
      // The temporary set lives reg-await-auth; the REGISTER it protected has timed out
      // (5.1.1.2.1), so a new registration may start.
      r.reason = "the temporary set's lifetime (reg-await-auth) ran out";
      awaiting_ = false;
      break;
    case SaRole::old:
      r.reason = "the old set's lifetime ran out";
      break;
    case SaRole::established:
      // The registration has expired with it; the old set, whose lifetime is no longer, goes too.
      r.reason = "the established set's lifetime ran out";
      registered_ = false;
      if (const SaSet* old = db_.with_role(SaRole::old)) {
        r.replaced = old->id;
        db_.remove(old->id);
      }
      break;
  }
  db_.remove(r.deleted);
  return r;
}

}  // namespace secmode::impl::engine
