// The JSON form of decoded messages (`secmode decode --json`, `secmode encode`): IE and field
// names are the snake_case of the names in the spec's message tables, algorithm identities and
// capability octets are integers (algorithm 0 in the most significant bit), octet strings are
// hex. Each family decodes with its spec-twin codec and encodes that JSON back to the same
// octets.
#pragma once

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

#include "spec/codec/codec_error.h"
#include "spec/crypto/bytes.h"

namespace secmode::cli {

// A PDU the spec twin rejected: what, where and why.
struct DecodeFailure {
  spec::CodecError error;
};

// JSON that does not describe an encodable message: the JSON path and what is wrong with it.
struct EncodeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Decoders throw DecodeFailure on bad octets; encoders throw EncodeError, and
// std::invalid_argument when a value breaks an encoder's contract (spec/codec headers).
nlohmann::ordered_json decode_nas_eps_json(spec::ByteView pdu);
spec::Bytes encode_nas_eps_json(const nlohmann::json& j);

nlohmann::ordered_json decode_nas_5gs_json(spec::ByteView pdu);
spec::Bytes encode_nas_5gs_json(const nlohmann::json& j);

// RRC: NR and LTE, DL-DCCH and UL-DCCH.
enum class RrcChannel { nr_dl_dcch, nr_ul_dcch, lte_dl_dcch, lte_ul_dcch };
nlohmann::ordered_json decode_rrc_json(RrcChannel channel, spec::ByteView pdu);
spec::Bytes encode_rrc_json(RrcChannel channel, const nlohmann::json& j);

// SIP: one header line ("Security-Client: ipsec-3gpp; ...").
nlohmann::ordered_json decode_sip_json(std::string_view header_line);
std::string encode_sip_json(const nlohmann::json& j);

}  // namespace secmode::cli
