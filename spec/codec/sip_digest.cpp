// The Digest directive list, base64 and auth-params shared by the challenge and credentials
// codecs. Contracts are in the header.
#include "spec/codec/sip_digest.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "spec/codec/sip_lex.h"

namespace secmode::spec::sip::digest {
namespace {

using lex::iequals;

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

class DirectiveReader {
 public:
  DirectiveReader(const char* header, std::string_view value, ListNames names)
      : header_(header), s_(value), names_(names) {}

  std::optional<CodecError> read(std::vector<Directive>& all) {
    // "Digest" LWS: the scheme (a case-insensitive literal), then at least one WSP.
    std::size_t i = lex::skip_sws(s_, 0);
    const std::size_t scheme_end = lex::scan_token(s_, i);
    if (!iequals(s_.substr(i, scheme_end - i), "Digest"))
      return fail("auth-scheme", i,
                  std::string(names_.subject) +
                      " not \"Digest\" (RFC 3261 25.1; RFC 3310 uses Digest)");
    const std::size_t first = lex::skip_sws(s_, scheme_end);
    if (first == scheme_end || first >= s_.size())
      return fail("auth-scheme", scheme_end,
                  first >= s_.size() ? "missing: directives must follow \"Digest\" (RFC 3261 25.1)"
                                     : "LWS must follow \"Digest\" (RFC 3261 25.1)");
    i = first;
    while (true) {
      Directive d;
      if (auto e = read_directive(i, d)) return e;
      for (const auto& seen : all)
        if (seen.name == d.name)
          return fail(d.name, d.at,
                      "directive '" + d.name + "' repeated; RFC 3261 and RFC 2617 do not say "
                      "which value counts");
      all.push_back(std::move(d));
      const std::size_t next = lex::skip_sws(s_, i);
      if (next >= s_.size()) return std::nullopt;
      if (s_[next] != ',')
        return fail(all.back().name, next,
                    "character " + shown(next) +
                        " after a directive: expected ',' or the end (RFC 3261 25.1)");
      i = lex::skip_sws(s_, next + 1);  // COMMA
    }
  }

 private:
  CodecError fail(std::string ie, std::size_t offset, std::string reason) const {
    return {header_, std::move(ie), offset, std::move(reason)};
  }
  std::string shown(std::size_t at) const {
    const char c = s_[at];
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x21 && u <= 0x7e) return std::string("'") + c + "'";
    return "octet " + std::to_string(u);
  }

  // name EQUAL ( token / quoted-string ), from `i`; leaves `i` after it.
  std::optional<CodecError> read_directive(std::size_t& i, Directive& d) {
    const std::size_t name_end = lex::scan_token(s_, i);
    if (name_end == i)
      return fail(names_.item, i,
                  i >= s_.size() ? "missing: a directive must come here (RFC 3261 25.1)"
                                 : "character " + shown(i) +
                                       " cannot start a directive name (token, RFC 3261 25.1)");
    d.name = lex::lower(s_.substr(i, name_end - i));
    d.at = i;
    const std::size_t equal = lex::skip_sws(s_, name_end);
    if (equal >= s_.size() || s_[equal] != '=')
      return fail(d.name, equal, "'=' and a value must follow '" + d.name + "' (RFC 3261 25.1)");
    const std::size_t v = lex::skip_sws(s_, equal + 1);
    if (v < s_.size() && s_[v] == '"') {
      std::size_t error_at = 0;
      std::string why;
      const auto q = lex::scan_quoted_string(s_, v, error_at, why);
      if (!q) return fail(d.name, error_at, why);
      d.value = q->content;
      d.raw = q->raw;
      d.quoted = true;
      i = q->end;
      return std::nullopt;
    }
    const std::size_t end = lex::scan_token(s_, v);
    if (end == v)
      return fail(d.name, v,
                  v >= s_.size() ? "missing: a value must follow '=' (RFC 3261 25.1)"
                                 : "character " + shown(v) +
                                       " cannot start a value (token or quoted-string, RFC 3261 "
                                       "25.1)");
    d.value = std::string(s_.substr(v, end - v));
    d.raw = d.value;
    d.quoted = false;
    i = end;
    return std::nullopt;
  }

  const char* header_;
  std::string_view s_;
  ListNames names_;
};

}  // namespace

std::optional<CodecError> read_directives(const char* header, std::string_view value,
                                          ListNames names, std::vector<Directive>& out) {
  return DirectiveReader(header, value, names).read(out);
}

Decoded<Bytes> decode_base64(std::string_view b64, const char* what, const char* clause) {
  const auto fail = [&](std::size_t at, std::string reason) {
    return CodecError{what, what, at, std::move(reason)};
  };
  // RFC 4648 4: groups of 4 characters, each 6 bits; "=" pads the last group.
  if (b64.size() % 4 != 0)
    return fail(b64.size(), "base64 length " + std::to_string(b64.size()) +
                                " is not a multiple of 4 (RFC 4648 4; " + clause + ")");
  std::size_t pad = 0;
  while (pad < 2 && pad < b64.size() && b64[b64.size() - 1 - pad] == '=') ++pad;
  Bytes octets;
  std::uint32_t bits = 0;
  int nbits = 0;
  for (std::size_t i = 0; i < b64.size() - pad; ++i) {
    const int v = base64_value(b64[i]);
    if (v < 0)
      return fail(i, "character '" + std::string(1, b64[i]) + "' at position " +
                         std::to_string(i) + " of the " + what + " is not base64 (RFC 4648 4)");
    bits = (bits << 6 | static_cast<std::uint32_t>(v)) & 0xffffu;
    nbits += 6;
    if (nbits >= 8) {
      nbits -= 8;
      octets.push_back(static_cast<std::uint8_t>(bits >> nbits));
    }
  }
  if (nbits > 0 && (bits & ((1u << nbits) - 1)) != 0)
    return fail(b64.size() - pad - 1,
                "pad bits of the last base64 character are not zero: not the canonical encoding "
                "(RFC 4648 3.5)");
  return octets;
}

std::string encode_base64(ByteView in) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, in.size() - i);
    std::uint32_t group = std::uint32_t{in[i]} << 16;
    if (n > 1) group |= std::uint32_t{in[i + 1]} << 8;
    if (n > 2) group |= in[i + 2];
    for (std::size_t k = 0; k < 4; ++k)
      out += k <= n ? kBase64[group >> (18 - 6 * k) & 0x3f] : '=';
  }
  return out;
}

void append_auth_params(std::string& out, const std::vector<AuthParam>& params,
                        bool (*is_directive)(std::string_view), const char* what) {
  const auto require = [what](bool ok, const std::string& rule) {
    if (!ok) throw std::invalid_argument(std::string(what) + ": " + rule);
  };
  for (std::size_t k = 0; k < params.size(); ++k) {
    const auto& p = params[k];
    require(lex::is_token(p.name) && lex::lower(p.name) == p.name,
            "auth-param name '" + p.name + "' is not a lower-case token");
    require(!is_directive(p.name), "'" + p.name + "' is a directive, not an auth-param");
    for (std::size_t j = 0; j < k; ++j)
      require(params[j].name != p.name, "auth-param '" + p.name + "' repeated");
    require(p.quoted || lex::is_token(p.value), "auth-param '" + p.name + "' value is not a token");
    out += ", " + p.name + "=" + (p.quoted ? lex::quote(p.value) : p.value);
  }
}

}  // namespace secmode::spec::sip::digest
