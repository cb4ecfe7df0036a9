#include "oracle/verdict.h"

namespace secmode::oracle {

nlohmann::json to_json(const Verdict& v) {
  return {{"step", v.step},         {"verdict", v.ok ? "ok" : "violation"},
          {"party", v.party},       {"clause", v.clause},
          {"expected", v.expected}, {"observed", v.observed},
          {"explain", v.explain}};
}

}  // namespace secmode::oracle
