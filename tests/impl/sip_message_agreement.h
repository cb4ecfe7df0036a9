// The zero-copy SIP head reader (impl/codec/sip_message.h) against the oracle's reader
// (oracle/sip_message.h), written apart from it: both accept or both reject; when both accept,
// the same start line and the same fields in order. The readers differ in one designed way: the
// oracle joins a folded value's lines with one SP, the impl keeps the fold as written (the
// sec-agree and Digest decoders read it as LWS), so a value is compared with its lines trimmed and
// joined as the oracle joins them. Shared by test_impl's property and the fuzz target.
#pragma once

#include <string>
#include <string_view>

#include "impl/codec/sip_message.h"
#include "oracle/sip_message.h"
#include "oracle/verdict.h"

namespace secmode::test {

inline std::string unfolded(std::string_view v) {
  // As the oracle joins them: each line trimmed (blanks in front; blanks and CR behind), joined
  // with one SP; then the whole trimmed the same way.
  const auto trim = [](std::string_view s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos) return std::string_view();
    s.remove_prefix(b);
    const auto e = s.find_last_not_of(" \t\r");
    return e == std::string_view::npos ? std::string_view() : s.substr(0, e + 1);
  };
  std::string out;
  for (std::size_t at = 0;;) {
    const std::size_t lf = v.find('\n', at);
    if (at > 0) out += ' ';
    out += trim(v.substr(at, lf == std::string_view::npos ? std::string_view::npos : lf - at));
    if (lf == std::string_view::npos) break;
    at = lf + 1;
  }
  return std::string(trim(out));
}

// "" when the two readers agree on `text`, else what differs.
inline std::string sip_head_disagreement(std::string_view text) {
  const auto fast = impl::sip::decode_sip_head(text);
  if (!fast.ok() && impl::sip::is_over_capacity(fast.error)) return {};  // the designed difference
  oracle::SipMessage slow;
  bool slow_ok = true;
  std::string why;
  try {
    slow = oracle::read_sip(text);
  } catch (const oracle::UnusableInput& e) {
    slow_ok = false;
    why = e.what();
  }
  if (fast.ok() != slow_ok)
    return std::string("accept differs: impl ") + (fast.ok() ? "accepts" : fast.error.reason) + ", oracle " +
           (slow_ok ? "accepts" : why);
  if (!slow_ok) return {};
  const auto& h = fast.value;
  if (h.request != slow.request || h.method != slow.method || h.uri != slow.uri || h.status != slow.status)
    return "start line differs";
  if (h.fields.size() != slow.fields.size()) return "field count differs";
  for (std::size_t i = 0; i < h.fields.size(); ++i) {
    if (h.fields[i].name != slow.fields[i].first) return "field name " + std::to_string(i) + " differs";
    if (unfolded(h.fields[i].value) != unfolded(slow.fields[i].second))
      return "field value " + std::to_string(i) + " differs: '" + unfolded(h.fields[i].value) + "' vs '" +
             unfolded(slow.fields[i].second) + "'";
  }
  return {};
}

}  // namespace secmode::test
