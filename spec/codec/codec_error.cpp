#include "spec/codec/codec_error.h"

namespace secmode::spec {

std::string CodecError::describe() const {
  std::string out = message;
  // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on "literal" + string.
  if (!ie.empty()) out.append(", IE '").append(ie).append("'");
  out.append(" at offset ").append(std::to_string(offset)).append(": ").append(reason);
  return out;
}

}  // namespace secmode::spec
