// A bounded channel between two parties: two slots that each hold one message. Together with
// the system's deliver / keep / drop / overwrite choices this gives every behaviour the
// procedures must survive: loss (drop or overwrite), duplication (deliver and keep), and
// reordering (deliver the slots in either order). An attacker writes slots too.
#pragma once

#include "spec/rules/fields.h"

namespace secmode::spec {

template <class V, class Message>
struct Channel {
  Message slot0, slot1;

  static auto fields() { return std::tuple{field("slot0", &Channel::slot0), field("slot1", &Channel::slot1)}; }

  Message at(const V& v, const typename V::Word& i) const { return select(v, i == v.word(0), slot0, slot1); }

  // The channel after writing `m` into slot i when `when` holds.
  Channel put(const V& v, const typename V::Word& i, const typename V::Bool& when, const Message& m) const {
    return {select(v, when && i == v.word(0), m, slot0), select(v, when && i != v.word(0), m, slot1)};
  }

  // The channel after removing slot i's message when `when` holds.
  Channel take(const V& v, const typename V::Word& i, const typename V::Bool& when) const {
    Message empty = at(v, i);
    empty.present = v.lit(false);
    return put(v, i, when, empty);
  }
};

}  // namespace secmode::spec
