#include "model/symbolic.h"

namespace secmode::model {

z3::context& z3_context() {
  static z3::context ctx;
  return ctx;
}

}  // namespace secmode::model
