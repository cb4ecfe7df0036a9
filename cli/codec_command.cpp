#include "cli/codec_command.h"

#include <iostream>
#include <map>
#include <memory>

#include "cli/args.h"
#include "cli/json/codecs.h"
#include "cli/tree.h"
#include "spec/hex.h"

namespace secmode::cli {

namespace {

struct Proto {
  Family family;
  RrcChannel channel;  // for the RRC families
};

const std::map<std::string, Proto>& protos() {
  static const std::map<std::string, Proto> table{
      {"nas-eps", {Family::nas_eps, {}}},
      {"nas-5gs", {Family::nas_5gs, {}}},
      {"nr-rrc-dl-dcch", {Family::rrc_nr, RrcChannel::nr_dl_dcch}},
      {"nr-rrc-ul-dcch", {Family::rrc_nr, RrcChannel::nr_ul_dcch}},
      {"lte-rrc-dl-dcch", {Family::rrc_lte, RrcChannel::lte_dl_dcch}},
      {"lte-rrc-ul-dcch", {Family::rrc_lte, RrcChannel::lte_ul_dcch}},
      {"sip", {Family::sip, {}}},
  };
  return table;
}

std::string proto_names() {
  std::string out;
  for (const auto& [name, p] : protos()) out += (out.empty() ? "" : "|") + name;
  return out;
}

nlohmann::ordered_json decode_one(const Proto& p, const std::string& input) {
  if (p.family == Family::sip) return decode_sip_json(input);
  spec::Bytes pdu;
  if (const auto e = spec::parse_hex(input, pdu))
    throw UsageError("not hex at character " + std::to_string(e->offset) + ": " + e->reason);
  switch (p.family) {
    case Family::nas_eps: return decode_nas_eps_json(pdu);
    case Family::nas_5gs: return decode_nas_5gs_json(pdu);
    default: return decode_rrc_json(p.channel, pdu);
  }
}

std::string encode_one(const Proto& p, const std::string& input) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(input);
  } catch (const nlohmann::json::parse_error& e) {
    throw EncodeError(std::string("not JSON: ") + e.what());
  }
  switch (p.family) {
    case Family::nas_eps: return spec::to_hex(encode_nas_eps_json(j));
    case Family::nas_5gs: return spec::to_hex(encode_nas_5gs_json(j));
    case Family::rrc_nr:
    case Family::rrc_lte: return spec::to_hex(encode_rrc_json(p.channel, j));
    case Family::sip: return encode_sip_json(j);
  }
  return {};
}

// Runs `one` on the argument, or on every non-blank line of stdin for "-". A bad input is
// reported on stderr with its line and the run goes on; the exit status is 2 if any was bad.
template <class F>
int for_each_input(const std::string& arg, F one) {
  int status = 0;
  auto run = [&](const std::string& input, const std::string& where) {
    try {
      one(input);
    } catch (const DecodeFailure& f) {
      std::cerr << "secmode: " << where << f.error.describe() << '\n';
      status = 2;
    } catch (const UsageError& e) {
      std::cerr << "secmode: " << where << e.what() << '\n';
      status = 2;
    } catch (const EncodeError& e) {
      std::cerr << "secmode: " << where << e.what() << '\n';
      status = 2;
    } catch (const std::invalid_argument& e) {  // an encoder's contract (spec/codec headers)
      std::cerr << "secmode: " << where << "encode: " << e.what() << '\n';
      status = 2;
    }
  };
  if (arg != "-") {
    run(arg, "");
    return status;
  }
  std::string line;
  for (std::size_t n = 1; std::getline(std::cin, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    run(line, "line " + std::to_string(n) + ": ");
  }
  return status;
}

Proto proto_of(const std::string& name) {
  const auto it = protos().find(name);
  if (it == protos().end()) throw UsageError("--proto: \"" + name + "\", expected " + proto_names());
  return it->second;
}

}  // namespace

void add_codec_commands(CLI::App& app, int& exit_code) {
  struct Opts {
    std::string proto, input;
    bool json = false;
  };
  auto d = std::make_shared<Opts>();
  auto* dec = app.add_subcommand(
      "decode", "decode a PDU (hex; a header line for sip) with the spec-twin codec: a readable tree, or JSON with "
                "--json; '-' reads one PDU per line from stdin");
  dec->add_option("--proto", d->proto, proto_names())->required();
  dec->add_option("input", d->input, "hex PDU (sip: a header line), or - for stdin")->required();
  dec->add_flag("--json", d->json, "one JSON object per PDU, field names from the spec's message tables");
  dec->callback([d, &exit_code] {
    const auto p = proto_of(d->proto);
    exit_code = for_each_input(d->input, [&](const std::string& input) {
      const auto j = decode_one(p, input);
      if (d->json)
        std::cout << j.dump() << '\n';
      else
        std::cout << render_tree(j, p.family) << (d->input == "-" ? "\n" : "");
    });
  });

  auto e = std::make_shared<Opts>();
  auto* enc = app.add_subcommand(
      "encode", "encode the JSON that `decode --json` prints back to a PDU (hex; a header line for sip); '-' reads "
                "one JSON object per line from stdin");
  enc->add_option("--proto", e->proto, proto_names())->required();
  enc->add_option("input", e->input, "JSON object, or - for stdin")->required();
  enc->callback([e, &exit_code] {
    const auto p = proto_of(e->proto);
    exit_code = for_each_input(e->input, [&](const std::string& input) { std::cout << encode_one(p, input) << '\n'; });
  });
}

}  // namespace secmode::cli
