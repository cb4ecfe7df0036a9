// The JSON layer of `secmode decode` / `encode` (cli/json/) on arbitrary input. The first octet
// picks the family (NAS EPS, NAS 5GS, the four RRC channels, SIP) and, by its top bit, the
// direction:
// - decode: the rest is a PDU (a header line for SIP). Whatever decodes must encode back from
//   its own JSON, and decoding that encoding must give the same JSON (less ignored_ies, which a
//   re-encoding drops): the JSON loses nothing the encoder needs.
// - encode: the rest is JSON text, as a user would type it. Encoding either refuses it with
//   EncodeError / std::invalid_argument or gives octets that decode, and whose JSON encodes to
//   the same octets.
// No input may crash, hang or make the reader accept what the encoder cannot take.
#include <cstdlib>
#include <string>

#include "cli/json/codecs.h"

using namespace secmode;
using nlohmann::json;

namespace {

constexpr int kFamilies = 7;

json decode(int family, const std::string& input) {
  const spec::ByteView pdu(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
  switch (family) {
    case 0: return json::parse(cli::decode_nas_eps_json(pdu).dump());
    case 1: return json::parse(cli::decode_nas_5gs_json(pdu).dump());
    case 6: return json::parse(cli::decode_sip_json(input).dump());
    default: return json::parse(cli::decode_rrc_json(static_cast<cli::RrcChannel>(family - 2), pdu).dump());
  }
}

std::string encode(int family, const json& j) {
  auto text = [](const spec::Bytes& b) { return std::string(b.begin(), b.end()); };
  switch (family) {
    case 0: return text(cli::encode_nas_eps_json(j));
    case 1: return text(cli::encode_nas_5gs_json(j));
    case 6: return cli::encode_sip_json(j);
    default: return text(cli::encode_rrc_json(static_cast<cli::RrcChannel>(family - 2), j));
  }
}

void without_ignored(json& j) {
  if (!j.is_object()) return;
  j.erase("ignored_ies");
  for (auto& [key, value] : j.items()) without_ignored(value);
}

void check_decoded(int family, const std::string& input) {
  json first;
  try {
    first = decode(family, input);
  } catch (const cli::DecodeFailure& f) {
    if (f.error.reason.empty()) std::abort();
    return;
  }
  std::string again;
  try {
    again = encode(family, first);
  } catch (...) {
    std::abort();  // the JSON of an accepted PDU must encode
  }
  json second = decode(family, again);  // throws (and so aborts) if the encoding is undecodable
  without_ignored(first);
  without_ignored(second);
  if (first != second) std::abort();
}

void check_encoded(int family, const std::string& text) {
  const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return;
  std::string octets;
  try {
    octets = encode(family, j);
  } catch (const cli::EncodeError&) {
    return;
  } catch (const std::invalid_argument&) {
    return;
  }
  json back;
  try {
    back = decode(family, octets);
  } catch (...) {
    std::abort();  // what the encoder wrote must decode
  }
  if (encode(family, back) != octets) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const int family = (data[0] & 0x7f) % kFamilies;
  const std::string rest(reinterpret_cast<const char*>(data + 1), size - 1);
  if (data[0] & 0x80)
    check_encoded(family, rest);
  else
    check_decoded(family, rest);
  return 0;
}
