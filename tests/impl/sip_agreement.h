// Whether the SIP spec twins (spec/codec/sip_sec_agree.h, sip_digest_aka.h) and the zero-copy
// codecs (impl/codec/sip_sec_agree.h, sip_digest_aka.h) say the same of some text: accept or
// reject; the error's header, parameter (ignoring case: the impl names it as written), offset,
// line, kind of reason and the clause it cites; every decoded field; that every view lies inside
// the input; and the text each encoder makes of what it decoded (STYLE.md 8). The one case where
// they may differ by design is a list over the impl's capacity: the impl must then report the
// capacity error, at the first item that did not fit, exactly when the spec accepts such a value.
// Written once for the differential tests and the fuzz target alike.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "impl/codec/sip_digest_aka.h"
#include "impl/codec/sip_sec_agree.h"
#include "spec/codec/sip_digest_aka.h"
#include "spec/codec/sip_sec_agree.h"

namespace secmode::test::sip {

namespace ss = secmode::spec::sip;
namespace is = secmode::impl::sip;

inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// A quoted-string as written with each run of WSP and folded lines that holds a fold read as one
// SP (RFC 3261 25.1), written here apart from both codecs.
inline std::string unfold(std::string_view raw) {
  std::string out;
  std::size_t i = 0;
  const auto fold = [&](std::size_t at) {
    return at + 2 < raw.size() && raw[at] == '\r' && raw[at + 1] == '\n' &&
           (raw[at + 2] == ' ' || raw[at + 2] == '\t');
  };
  while (i < raw.size()) {
    if (raw[i] == '\\' && i + 1 < raw.size()) {
      out.append(raw.substr(i, 2));
      i += 2;
      continue;
    }
    if (raw[i] == ' ' || raw[i] == '\t' || fold(i)) {
      std::size_t j = i;
      bool folded = false;
      while (j < raw.size()) {
        if (raw[j] == ' ' || raw[j] == '\t') {
          ++j;
        } else if (fold(j)) {
          folded = true;
          j += 2;
        } else {
          break;
        }
      }
      if (folded)
        out += ' ';
      else
        out.append(raw.substr(i, j - i));
      i = j;
      continue;
    }
    out += raw[i++];
  }
  return out;
}

// ---- the impl's values as spec values, so spec's operator== compares every field -------------

inline ss::SecurityMechanism to_spec(const is::SecurityMechanism& m) {
  ss::SecurityMechanism s;
  s.name = lower(m.name);
  s.q = m.q;
  if (m.d_alg) s.d_alg = std::string(*m.d_alg);
  if (m.d_qop) s.d_qop = std::string(*m.d_qop);
  if (m.d_ver) s.d_ver = std::string(*m.d_ver);
  if (m.alg) s.alg = static_cast<ss::IntegrityAlgorithm>(*m.alg);
  if (m.ealg) s.ealg = static_cast<ss::EncryptionAlgorithm>(*m.ealg);
  if (m.prot) s.prot = static_cast<ss::IpsecProtocol>(*m.prot);
  if (m.mod) s.mod = static_cast<ss::IpsecMode>(*m.mod);
  s.spi_c = m.spi_c;
  s.spi_s = m.spi_s;
  s.port_c = m.port_c;
  s.port_s = m.port_s;
  for (const auto& e : m.extensions) {
    ss::GenericParam g{lower(e.name), std::nullopt};
    if (e.value) g.value = (*e.value)[0] == '"' ? unfold(*e.value) : std::string(*e.value);
    s.extensions.push_back(g);
  }
  return s;
}

inline ss::SecurityMechanisms to_spec(std::span<const is::SecurityMechanism> ms) {
  ss::SecurityMechanisms out;
  for (const auto& m : ms) out.push_back(to_spec(m));
  return out;
}

// ---- views --------------------------------------------------------------------------------------

// True when `v` lies inside one of `inputs`.
inline bool inside(std::string_view v, std::span<const std::string_view> inputs) {
  for (auto in : inputs)
    if (v.data() >= in.data() && v.data() + v.size() <= in.data() + in.size()) return true;
  return v.empty() && inputs.empty();
}

inline std::string views_problem(std::span<const is::SecurityMechanism> ms,
                                 std::span<const std::string_view> inputs) {
  for (const auto& m : ms) {
    bool ok = inside(m.name, inputs);
    for (const auto* o : {&m.d_alg, &m.d_qop, &m.d_ver})
      if (*o) ok = ok && inside(**o, inputs);
    for (const auto& e : m.extensions) {
      ok = ok && inside(e.name, inputs);
      if (e.value) ok = ok && inside(*e.value, inputs);
    }
    if (!ok) return "a decoded view does not lie inside the input";
  }
  return "";
}

// ---- errors -------------------------------------------------------------------------------------

inline std::string describe(const is::Error& e) {
  return std::string(e.header) + ", '" + std::string(e.ie) + "' (item " +
         std::to_string(e.item) + ", line " + std::to_string(e.line) + ") at " +
         std::to_string(e.offset) + ": " + (e.reason ? e.reason : "(ok)");
}

// The last parenthesised group of a reason, or "": the clause it cites.
inline std::string clause_of(const std::string& reason) {
  const auto open = reason.rfind('(');
  return open == std::string::npos ? "" : reason.substr(open);
}

// What kind of error a reason describes: the key phrase found last in it (a spec reason quotes
// the faulty value before its key phrase, and that value may hold any text). Both codecs'
// reasons must hold the same key phrase.
inline std::string reason_kind(const std::string& reason) {
  static const char* const kKeys[] = {
      // lexical (RFC 3261 25.1)
      "missing: a value must follow '='", "cannot start a value", "no closing DQUOTE",
      "quoted-pair is cut off", "quoted-pair cannot escape", "CR or LF inside a quoted-string",
      "does not start a UTF8-NONASCII", "inside a quoted-string must be a quoted-pair",
      "not an IPv6reference",
      // security agreement (RFC 3329 2.2, TS 33.203 H.2)
      "missing: a mechanism-name", "cannot start a mechanism-name",
      "expected ';', ',' or the end", "missing: a parameter name", "cannot start a parameter name",
      "repeated", "needs a value", "is not a qvalue", "is not a token",
      "32 lower-case hex digits in quotes", "is not one of", "is not a spivalue", "is not a port",
      "not a security agreement header field", "no header field line",
      // Digest (RFC 3261 25.1, RFC 2617, RFC 3310, TS 24.229)
      "not \"Digest\"", "missing: directives must follow", "LWS must follow \"Digest\"",
      "missing: a directive must come here", "cannot start a directive name",
      "'=' and a value must follow", "expected ',' or the end", "is required",
      "means MD5", "mean MD5", "is not AKAv1-MD5", "is a quoted-string", "true or false",
      "qop-options is a quoted list", "qop-options is qop-value", "not a multiple of 4",
      "is not base64", "pad bits", "too short", "Request-URI in quotes",
      "one unquoted token", "8 lower-case hex digits", "AUTS is 14",
      "not one of yes, no", "not a challenge header field", "not a credentials header field"};
  std::string best;
  std::size_t best_at = 0;
  for (const char* key : kKeys) {
    const auto at = reason.rfind(key);
    if (at == std::string::npos) continue;
    const std::string k(key);
    if (best.empty() || at > best_at || (at == best_at && k.size() > best.size())) {
      best = k;
      best_at = at;
    }
  }
  return best;
}

// Splits the spec's " [header field line L of N]" suffix off a reason; 0 when there is none.
inline std::size_t split_line(std::string& reason) {
  const auto at = reason.rfind(" [header field line ");
  if (at == std::string::npos) return 0;
  const std::size_t line = std::stoul(reason.substr(at + 20));
  reason.resize(at);
  return line;
}

// "" when the errors agree on header, parameter, offset, line, kind of reason and clause.
inline std::string error_disagreement(const spec::CodecError& s, const is::Error& i) {
  std::string reason = s.reason;
  const std::size_t line = split_line(reason);
  const std::string impl_reason = i.reason ? i.reason : "";
  const std::string kind = reason_kind(reason);
  if (s.message != i.header || !is::lex::iequals(s.ie, i.ie) || s.offset != i.offset ||
      line != i.line || kind.empty() || kind != reason_kind(impl_reason) ||
      clause_of(reason) != clause_of(impl_reason))
    return "errors differ: spec '" + s.describe() + "', impl '" + describe(i) + "'";
  return "";
}

// The capacity error the impl owes a value the spec accepted, or nullptr when it fits: the first
// item, in text order, that does not fit (`item` is the mechanism's index).
inline const char* owed_capacity_error(const ss::SecurityMechanisms& ms, std::size_t& item) {
  for (item = 0; item < ms.size(); ++item) {
    if (item >= is::kMaxMechanisms) return is::kTooManyMechanisms;
    if (ms[item].extensions.size() > is::kMaxExtensions) return is::kTooManyExtensions;
  }
  return nullptr;
}

// ---- encoding -----------------------------------------------------------------------------------

// The impl's text for `ms`, after checking that a buffer one character short is refused with
// the same size reported (the Encoded retry contract). Empty with `problem` set when refused.
template <typename T>
std::string impl_encode(const T& ms, std::string& problem) {
  const is::Encoded sized = is::encode(ms, std::span<char>{});
  if (sized.error) {
    problem = std::string("impl encode refused: ") + sized.error;
    return "";
  }
  std::string out(sized.size, '\0');
  if (!out.empty()) {
    std::string short_buffer(out.size() - 1, '\0');
    const is::Encoded retry = is::encode(ms, short_buffer);
    if (retry.written || retry.size != sized.size) problem = "encode: a short buffer was accepted";
  }
  const is::Encoded e = is::encode(ms, out);
  if (!e.written || e.size != out.size()) problem = "encode: the sized buffer was not filled";
  return out;
}

// ---- decoding -----------------------------------------------------------------------------------

// "" when both decoders agree on `inputs` (the lines of one field), else what differs.
inline std::string disagreement(const spec::Decoded<ss::SecurityMechanisms>& s,
                                const is::Decoded<is::SecurityMechanisms>& i,
                                std::span<const std::string_view> inputs) {
  if (!i.ok() && is::is_over_capacity(i.error)) {
    if (!s.ok()) return "impl reports capacity where spec rejects: " + s.error().describe();
    std::size_t item = 0;
    const char* owed = owed_capacity_error(s.value(), item);
    if (owed != i.error.reason || item != i.error.item)
      return "impl reports the wrong capacity error: " + describe(i.error);
    return "";
  }
  if (s.ok() != i.ok())
    return s.ok() ? "impl rejects what spec accepts: " + describe(i.error)
                  : "impl accepts what spec rejects: " + s.error().describe();
  if (!s.ok()) return error_disagreement(s.error(), i.error);
  std::size_t item = 0;
  if (owed_capacity_error(s.value(), item)) return "impl accepts more than its capacity";
  if (!(to_spec(i.value) == s.value())) return "decoded values differ";
  if (std::string v = views_problem(i.value, inputs); !v.empty()) return v;
  std::string problem;
  const std::string text = impl_encode(i.value, problem);
  if (!problem.empty()) return problem;
  if (text != ss::encode(s.value()))
    return "encodings of the decoded value differ: spec '" + ss::encode(s.value()) +
           "', impl '" + text + "'";
  return "";
}

// One value of the field `header`.
inline std::string security_disagreement(std::string_view header, std::string_view value) {
  const std::string_view one[] = {value};
  return disagreement(ss::decode_security_header(header, value),
                      is::decode_security_header(header, value), one);
}

// Several lines of the field `header`.
inline std::string security_lines_disagreement(std::string_view header,
                                               std::span<const std::string_view> lines) {
  return disagreement(ss::decode_security_headers(header, lines),
                      is::decode_security_headers(header, lines), lines);
}

// ---- Digest AKAv1 ---------------------------------------------------------------------------------

// A quoted-string text's content: folds read as SP (unfold), then quoted-pairs resolved.
inline std::string content_of(std::string_view raw) {
  const std::string unfolded = unfold(raw);
  std::string out;
  for (std::size_t i = 0; i < unfolded.size(); ++i) {
    if (unfolded[i] == '\\' && i + 1 < unfolded.size()) ++i;
    out += unfolded[i];
  }
  return out;
}

inline ss::AkaNonce to_spec(const is::AkaNonce& n) {
  ss::AkaNonce s;
  std::copy(n.rand.begin(), n.rand.end(), s.rand.begin());
  std::copy(n.autn.begin(), n.autn.end(), s.autn.begin());
  s.server_data.resize(n.server_data_size);
  if (is::copy_server_data(n, s.server_data) != n.server_data_size) s.server_data.clear();
  return s;
}

inline std::vector<ss::AuthParam> to_spec(std::span<const is::AuthParam> ps) {
  std::vector<ss::AuthParam> out;
  for (const auto& p : ps)
    out.push_back({lower(p.name), p.quoted ? content_of(p.value) : std::string(p.value), p.quoted});
  return out;
}

inline std::optional<std::string> content_of(const std::optional<is::Quoted>& q) {
  if (!q) return std::nullopt;
  return content_of(q->raw);
}

inline ss::AkaChallenge to_spec(const is::AkaChallenge& c) {
  ss::AkaChallenge s;
  s.realm = content_of(c.realm.raw);
  s.domain = content_of(c.domain);
  s.nonce = to_spec(c.nonce);
  s.opaque = content_of(c.opaque);
  s.stale = c.stale;
  for (auto v : c.qop) s.qop.emplace_back(v);
  s.auth_params = to_spec(c.auth_params);
  return s;
}

inline ss::AkaCredentials to_spec(const is::AkaCredentials& c) {
  ss::AkaCredentials s;
  s.username = content_of(c.username.raw);
  s.realm = content_of(c.realm.raw);
  if (c.nonce) s.nonce = to_spec(*c.nonce);
  s.uri = std::string(c.uri);
  if (c.response) s.response = std::string(*c.response);
  s.cnonce = content_of(c.cnonce);
  s.opaque = content_of(c.opaque);
  if (c.qop) s.qop = std::string(*c.qop);
  s.nc = c.nc;
  if (c.auts) {
    ss::Auts a{};
    std::copy(c.auts->begin(), c.auts->end(), a.begin());
    s.auts = a;
  }
  if (c.integrity_protected)
    s.integrity_protected = static_cast<ss::IntegrityProtected>(*c.integrity_protected);
  s.auth_params = to_spec(c.auth_params);
  return s;
}

inline bool params_inside(std::span<const is::AuthParam> ps, std::string_view in) {
  const std::string_view one[] = {in};
  for (const auto& p : ps)
    if (!inside(p.name, one) || !inside(p.value, one)) return false;
  return true;
}

inline std::string views_problem(const is::AkaChallenge& c, std::string_view in) {
  const std::string_view one[] = {in};
  bool ok = inside(c.realm.raw, one) && inside(c.nonce.text.raw, one) &&
            params_inside(c.auth_params, in);
  if (c.domain) ok = ok && inside(c.domain->raw, one);
  if (c.opaque) ok = ok && inside(c.opaque->raw, one);
  for (auto v : c.qop) ok = ok && inside(v, one);
  return ok ? "" : "a decoded view does not lie inside the input";
}

inline std::string views_problem(const is::AkaCredentials& c, std::string_view in) {
  const std::string_view one[] = {in};
  bool ok = inside(c.username.raw, one) && inside(c.realm.raw, one) && inside(c.uri, one) &&
            params_inside(c.auth_params, in);
  if (c.nonce) ok = ok && inside(c.nonce->text.raw, one);
  if (c.response) ok = ok && inside(*c.response, one);
  if (c.cnonce) ok = ok && inside(c.cnonce->raw, one);
  if (c.opaque) ok = ok && inside(c.opaque->raw, one);
  if (c.qop) ok = ok && inside(*c.qop, one);
  return ok ? "" : "a decoded view does not lie inside the input";
}

// The capacity errors a value the spec accepted may get (any list over its capacity; which one
// comes first in the text is not in the value). Empty when everything fits.
inline std::vector<const char*> owed_capacity_errors(const ss::AkaChallenge& c) {
  std::vector<const char*> owed;
  if (c.qop.size() > is::kMaxQopValues) owed.push_back(is::kTooManyQopValues);
  if (c.auth_params.size() > is::kMaxAuthParams) owed.push_back(is::kTooManyAuthParams);
  return owed;
}
inline std::vector<const char*> owed_capacity_errors(const ss::AkaCredentials& c) {
  std::vector<const char*> owed;
  if (c.auth_params.size() > is::kMaxAuthParams) owed.push_back(is::kTooManyAuthParams);
  return owed;
}

template <typename S, typename I>
std::string digest_disagreement(const spec::Decoded<S>& s, const is::Decoded<I>& i,
                                std::string_view in) {
  if (!i.ok() && is::is_over_capacity(i.error)) {
    if (!s.ok()) return "impl reports capacity where spec rejects: " + s.error().describe();
    for (const char* owed : owed_capacity_errors(s.value()))
      if (owed == i.error.reason) return "";
    return "impl reports the wrong capacity error: " + describe(i.error);
  }
  if (s.ok() != i.ok())
    return s.ok() ? "impl rejects what spec accepts: " + describe(i.error)
                  : "impl accepts what spec rejects: " + s.error().describe();
  if (!s.ok()) return error_disagreement(s.error(), i.error);
  if (!owed_capacity_errors(s.value()).empty()) return "impl accepts more than its capacity";
  if (!(to_spec(i.value) == s.value())) return "decoded values differ";
  if (std::string v = views_problem(i.value, in); !v.empty()) return v;
  std::string problem;
  const std::string text = impl_encode(i.value, problem);
  if (!problem.empty()) return problem;
  if (text != ss::encode(s.value()))
    return "encodings of the decoded value differ: spec '" + ss::encode(s.value()) +
           "', impl '" + text + "'";
  return "";
}

inline std::string challenge_disagreement(std::string_view header, std::string_view value) {
  return digest_disagreement(ss::decode_aka_challenge(header, value),
                             is::decode_aka_challenge(header, value), value);
}
inline std::string credentials_disagreement(std::string_view header, std::string_view value) {
  return digest_disagreement(ss::decode_aka_credentials(header, value),
                             is::decode_aka_credentials(header, value), value);
}
inline std::string nonce_disagreement(std::string_view base64) {
  const auto s = ss::decode_aka_nonce(base64);
  const auto i = is::decode_aka_nonce(base64);
  if (s.ok() != i.ok())
    return s.ok() ? "impl rejects a nonce spec accepts: " + describe(i.error)
                  : "impl accepts a nonce spec rejects: " + s.error().describe();
  if (!s.ok()) return error_disagreement(s.error(), i.error);
  if (!(to_spec(i.value) == s.value())) return "decoded nonces differ";
  return "";
}

}  // namespace secmode::test::sip
