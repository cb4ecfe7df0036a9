// The Digest directive list the zero-copy challenge and credentials codecs (sip_digest_aka.h)
// share, so that it is read in one place (the fast twin of spec/codec/sip_digest.h):
//
//   challenge   = ("Digest" LWS digest-cln *(COMMA digest-cln)) / other-challenge   (RFC 3261 25.1)
//   credentials = ("Digest" LWS digest-response) / other-response
//   digest-response = dig-resp *(COMMA dig-resp)
//
// Every digest-cln and dig-resp has the shape name EQUAL ( token / quoted-string ), so the list is
// read generically and each codec then checks each directive against its own rule.
#pragma once

#include <cstddef>
#include <string_view>

#include "impl/codec/sip_lex.h"

namespace secmode::impl::sip::digest {

struct Directive {
  std::string_view name;   // as written
  std::size_t at = 0;      // offset of the name
  std::string_view value;  // a token, or a quoted-string's text between its DQUOTEs
  bool quoted = false;
};

// How errors name the list: "the challenge is" / "the credentials are" not "Digest", and the
// grammar item when no directive name could be read ("digest-cln", "dig-resp").
struct ListNames {
  const char* not_digest;  // the whole reason for a scheme other than Digest
  std::string_view item;
};

// Reads the whole list from `value` ("Digest" LWS, then directives), checking its syntax and
// that no directive is named twice (ignoring case: neither RFC 3261 nor RFC 2617 says which value
// counts), then calls visit(directive, index) for each in order until one returns false. Returns
// false with `error` set (header `header`) on a syntax or repetition error; when visit returns
// false, returns false and leaves `error` to it.
template <typename Visit>
bool read_directives(std::string_view header, std::string_view value, ListNames names,
                     Error& error, Visit visit) noexcept;

// ---- implementation ----------------------------------------------------------------------------

// The first directive's offset after "Digest" LWS, or 0 with `error` set.
std::size_t read_scheme(std::string_view header, std::string_view s, ListNames names,
                        Error& error) noexcept;
// The directive at `i`; on success `i` is after it. False with `error` set.
bool read_directive(std::string_view header, std::string_view s, ListNames names,
                    std::size_t index, std::size_t& i, Directive& d, Error& error) noexcept;
// After a directive ending at `i`: true and `i` at the next directive, or false with `done` set
// at the end of the value, or false with `error` set. `last` names the directive just read.
bool next_directive(std::string_view header, std::string_view s, const Directive& last,
                    std::size_t index, std::size_t& i, bool& done, Error& error) noexcept;
// Whether a directive named like `d` comes before it in the (already valid) list.
bool repeated(std::string_view s, std::size_t first, const Directive& d) noexcept;

template <typename Visit>
bool read_directives(std::string_view header, std::string_view value, ListNames names,
                     Error& error, Visit visit) noexcept {
  const std::size_t first = read_scheme(header, value, names, error);
  if (first == 0) return false;
  // Pass 1: syntax and repetition. The names met are kept in a small array; past it, the list
  // read so far (valid) is read again.
  std::array<std::string_view, 24> seen{};
  std::size_t count = 0;
  std::size_t i = first;
  Directive d;
  while (true) {
    if (!read_directive(header, value, names, count, i, d, error)) return false;
    bool again = false;
    if (count <= seen.size()) {
      for (std::size_t k = 0; k < count; ++k) again = again || lex::iequals(seen[k], d.name);
    } else {
      again = repeated(value, first, d);
    }
    if (again) {
      error = Error{header, d.name, count, 0, d.at,
                    "this directive is repeated; RFC 3261 and RFC 2617 do not say which value "
                    "counts"};
      return false;
    }
    if (count < seen.size()) seen[count] = d.name;
    ++count;
    bool done = false;
    if (!next_directive(header, value, d, count - 1, i, done, error)) {
      if (done) break;
      return false;
    }
  }
  // Pass 2: the directives again, now known to be valid, for the codec's own rules.
  i = first;
  for (std::size_t k = 0; k < count; ++k) {
    read_directive(header, value, names, k, i, d, error);
    if (!visit(static_cast<const Directive&>(d), k)) return false;
    bool done = false;
    next_directive(header, value, d, k, i, done, error);
  }
  return true;
}

}  // namespace secmode::impl::sip::digest
