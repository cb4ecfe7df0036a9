// Steps of the RRC readers over fields they pass by without keeping (unaligned PER, X.691): the
// extension additions of a SEQUENCE, an extension alternative of a CHOICE, and SEQUENCE OF lists.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "spec/codec/rrc_uper.h"

namespace secmode::oracle::uper {

using spec::rrc::UperReader;

// An INTEGER of `values` values from its lower bound, or an ENUMERATED of `values` root values,
// read and passed by.
inline bool integer(UperReader& r, const std::string& ie, std::uint32_t values) {
  return r.whole_number(ie, values).has_value();
}

inline bool enumerated(UperReader& r, const std::string& ie, std::uint32_t values, bool extensible = false) {
  return r.enumerated(ie, values, extensible).has_value();
}

// The tail of an extensible SEQUENCE: its extension additions, stepped over (X.691 19.7-19.9).
inline bool additions(UperReader& r, const spec::rrc::UperPreamble& p, const std::string& ie) {
  return !p.extension || r.skip_extension_additions(ie).has_value();
}

// An extensible CHOICE's alternative beyond the root is an open type (X.691 23.8, 11.2): stepped
// over by its length.
inline bool skip_open_type(UperReader& r, const std::string& ie) {
  const auto n = r.length(ie);
  return n && r.octets(ie, *n);
}

// SEQUENCE (SIZE (1..max)) OF T: the count less one as a whole number of `max` values (X.691
// 20.6, 11.9.4.1), then each item, read by item(reader-visible name of the item).
template <class Item>
bool list(UperReader& r, const std::string& ie, std::uint32_t max, Item&& item) {
  const auto n = r.whole_number(ie, max);
  if (!n) return false;
  for (std::uint32_t i = 0; i <= *n; ++i)
    if (!item(ie + "[" + std::to_string(i) + "]")) return false;
  return true;
}

// The six lists an LTE and an NR MeasConfig both start with (TS 36.331, TS 38.331):
// measObjectToRemoveList, measObjectToAddModList, reportConfigToRemoveList,
// reportConfigToAddModList, measIdToRemoveList, measIdToAddModList, each SEQUENCE (SIZE (1..max))
// OF its item, the identities INTEGER (1..max), and
// MeasIdToAddMod ::= SEQUENCE { measId MeasId, measObjectId MeasObjectId, reportConfigId ReportConfigId }.
// `present` is the MeasConfig's presence bit-map, whose first six bits are these lists';
// object(name) and report(name) read one item of the add-mod lists.
template <class Object, class Report>
bool meas_lists(UperReader& r, const std::vector<bool>& present, const std::string& ie, std::uint32_t max,
                Object&& object, Report&& report) {
  const auto id = [&](const std::string& e) { return integer(r, e, max); };
  const auto meas_id = [&](const std::string& e) {
    return integer(r, e + ".measId", max) && integer(r, e + ".measObjectId", max) &&
           integer(r, e + ".reportConfigId", max);
  };
  return (!present[0] || list(r, ie + ".measObjectToRemoveList", max, id)) &&
         (!present[1] || list(r, ie + ".measObjectToAddModList", max, object)) &&
         (!present[2] || list(r, ie + ".reportConfigToRemoveList", max, id)) &&
         (!present[3] || list(r, ie + ".reportConfigToAddModList", max, report)) &&
         (!present[4] || list(r, ie + ".measIdToRemoveList", max, id)) &&
         (!present[5] || list(r, ie + ".measIdToAddModList", max, meas_id));
}

}  // namespace secmode::oracle::uper
