// The tag a procedure header ends with: everything the checker (model/check.h), the proofs and
// the tests need of a procedure, under one name. A procedure with one rule table derives its tag
// from Procedure<Tag> and supplies name, State/Event/Output<V>, table<V>() (its rules as
// written), monitors<V>(), initial(v), mutations() and describe_line (its trace printer); the
// base derives the mutated rules, one witness per rule and the four-argument describe. A composed
// procedure (eps_nas_smc_system.h) writes its own tag.
#pragma once

#include <string>
#include <vector>

#include "spec/rules/machine.h"
#include "spec/rules/monitor.h"

namespace secmode::spec {

template <class Tag>
struct Procedure {
  template <class V>
  static auto rules(const Mutation* m = nullptr) {
    return mutate(Tag::template table<V>(), m);
  }

  template <class V>
  static auto witnesses() {
    using S = typename Tag::template State<V>;
    using O = typename Tag::template Output<V>;
    std::vector<Witness<V, S, typename Tag::template Event<V>, O>> out;
    add_rule_witnesses(out, Tag::template table<V>(), "", +[](const Step<V, S, O>& st) { return st.fired; });
    return out;
  }

  // A trace line for a step of the procedure's own table (no party prefix).
  template <class S, class E, class St>
  static std::string describe(const S& s, const E& e, const St& st, const Mutation* m) {
    return Tag::describe_line(s, e, st, m, {});
  }
};

}  // namespace secmode::spec
