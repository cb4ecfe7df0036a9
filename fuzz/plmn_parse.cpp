// spec::parse_plmn on arbitrary text: a clean CryptoArgumentError or a PLMN whose encodings
// are well formed (3 MCC digits, 2-3 MNC digits, SN id nibbles all decimal but the 0xF filler).
#include <cstdlib>
#include <string_view>

#include "spec/crypto/plmn.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto p = secmode::spec::parse_plmn(text);
    if (p.mcc.size() != 3 || p.mnc.size() < 2 || p.mnc.size() > 3) std::abort();
    const auto sn = secmode::spec::sn_id(p);
    for (int i = 0; i < 3; ++i)
      for (int shift : {0, 4}) {
        const int nib = sn[static_cast<std::size_t>(i)] >> shift & 0xf;
        const bool filler = i == 1 && shift == 4 && p.mnc.size() == 2;
        if (filler ? nib != 0xf : nib > 9) std::abort();
      }
    if (secmode::spec::serving_network_name(p).size() != 32) std::abort();
  } catch (const secmode::spec::CryptoArgumentError&) {
  }
  return 0;
}
