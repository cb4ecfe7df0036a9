#include "cli/crypto_command.h"

#include <map>
#include <memory>

#include "cli/args.h"
#include "cli/derivations.h"
#include "cli/output.h"
#include "impl/crypto/eea_eia.h"
#include "impl/crypto/kdf.h"
#include "spec/crypto/eea_eia.h"
#include "spec/crypto/hmac.h"
#include "spec/crypto/kdf.h"
#include "spec/crypto/milenage.h"
#include "spec/hex.h"

namespace secmode::cli {
namespace {

using Json = nlohmann::ordered_json;

// --impl: the spec twin (spec/crypto, the reference) or the constant-time fast path
// (impl/crypto, at the tier impl/crypto/cpu.h picks): 128-EEA0..3/EIA0..3 and the KDF.
struct ImplChoice {
  std::string name = "spec";
  void add_to(CLI::App& c) {
    c.add_option("--impl", name, "spec (the reference, default) or fast (impl/crypto, constant time)")
        ->check(CLI::IsMember({"spec", "fast"}));
  }
  bool fast() const { return name == "fast"; }
};

spec::Bytes eea(bool fast, std::uint8_t alg, const spec::Bytes& key, const spec::CountInputs& in,
                const spec::Bytes& data, std::size_t bits) {
  if (!fast) return spec::eea(static_cast<spec::Eea>(alg), key, in, data, bits);
  spec::Bytes out(spec::bytes_for(bits));
  if (const char* e = impl::crypto::eea(alg, std::span<const std::uint8_t, 16>(key.data(), 16),
                                        {in.count, in.bearer, in.direction}, data, bits, out))
    throw UsageError(e);
  return out;
}

spec::Mac32 eia(bool fast, std::uint8_t alg, const spec::Bytes& key, const spec::CountInputs& in,
                const spec::Bytes& data, std::size_t bits) {
  if (!fast) return spec::eia(static_cast<spec::Eia>(alg), key, in, data, bits);
  spec::Mac32 mac{};
  if (const char* e = impl::crypto::eia(alg, std::span<const std::uint8_t, 16>(key.data(), 16),
                                        {in.count, in.bearer, in.direction}, data, bits, mac))
    throw UsageError(e);
  return mac;
}

// The options shared by `eea` and `eia` (TS 33.401 B.1.1 / B.2.1 inputs).
struct AlgorithmOptions {
  std::string alg, key, count, bearer, dir, bits, data;
  bool json = false;

  ImplChoice impl;

  void add_to(CLI::App& c) {
    impl.add_to(c);
    c.add_option("--alg", alg, "algorithm identity 0..3")->required();
    c.add_option("--key", key, "128-bit key, hex (unused by algorithm 0)")->required();
    c.add_option("--count", count, "32-bit COUNT, decimal or 0x-hex")->required();
    c.add_option("--bearer", bearer, "5-bit BEARER")->required();
    c.add_option("--dir", dir, "DIRECTION: 0 uplink, 1 downlink")->required();
    c.add_option("--bits", bits, "message length in bits")->required();
    c.add_option("--data", data, "message, hex, ceil(bits/8) bytes")->required();
    c.add_flag("--json", json, "print a JSON object");
  }

  struct Parsed {
    std::uint8_t alg;
    spec::Bytes key;
    spec::CountInputs in;
    std::size_t bits;
    spec::Bytes data;
  };
  Parsed parse() const {
    Parsed p;
    p.alg = static_cast<std::uint8_t>(uint_arg("--alg", alg, 3));
    p.key = hex_arg("--key", key, 16);
    p.in = {static_cast<std::uint32_t>(uint_arg("--count", count, 0xffffffff)),
            static_cast<std::uint8_t>(uint_arg("--bearer", bearer, 31)),
            static_cast<std::uint8_t>(uint_arg("--dir", dir, 1))};
    p.bits = uint_arg("--bits", bits, std::uint64_t{1} << 32);
    p.data = hex_arg("--data", data);
    if (p.data.size() < spec::bytes_for(p.bits))
      throw UsageError("--data: " + std::to_string(p.bits) + " bits need " + std::to_string(spec::bytes_for(p.bits)) +
                       " bytes, got " + std::to_string(p.data.size()));
    return p;
  }
  Json echo(const Parsed& p, const char* family) const {
    return Json{{"algorithm", std::string("128-") + family + std::to_string(p.alg)},
                {"count", p.in.count}, {"bearer", p.in.bearer}, {"direction", p.in.direction}, {"bits", p.bits}};
  }
};

void add_eea(CLI::App& crypto) {
  auto opts = std::make_shared<AlgorithmOptions>();
  auto* c = crypto.add_subcommand("eea", "128-EEA0..3 = 128-NEA0..3 (TS 33.401 Annex B, TS 33.501 D.2): cipher or decipher");
  opts->add_to(*c);
  c->callback([opts] {
    const auto p = opts->parse();
    const auto out = eea(opts->impl.fast(), p.alg, p.key, p.in, p.data, p.bits);
    Json j = opts->echo(p, "EEA");
    j["impl"] = opts->impl.name;
    j["output"] = spec::to_hex(out);
    print_result(j, "output", opts->json);
  });
}

void add_eia(CLI::App& crypto) {
  auto opts = std::make_shared<AlgorithmOptions>();
  auto* c = crypto.add_subcommand("eia", "128-EIA0..3 = 128-NIA0..3 (TS 33.401 Annex B, TS 33.501 D.3): the 32-bit MAC");
  opts->add_to(*c);
  c->callback([opts] {
    const auto p = opts->parse();
    const auto mac = eia(opts->impl.fast(), p.alg, p.key, p.in, p.data, p.bits);
    Json j = opts->echo(p, "EIA");
    j["impl"] = opts->impl.name;
    j["mac"] = spec::to_hex(mac);
    print_result(j, "mac", opts->json);
  });
}

void add_kdf(CLI::App& crypto) {
  struct Opts { std::string key, fc; std::vector<std::string> params; bool json = false; ImplChoice impl; };
  auto o = std::make_shared<Opts>();
  auto* c = crypto.add_subcommand("kdf", "generic KDF of TS 33.220 B.2: HMAC-SHA-256(key, FC || P0 || L0 || ...)");
  o->impl.add_to(*c);
  c->add_option("--key", o->key, "KDF key, hex")->required();
  c->add_option("--fc", o->fc, "FC, one byte of hex")->required();
  c->add_option("--p", o->params, "P0, P1, ... in order, hex (L_i is derived)")->take_all();
  c->add_flag("--json", o->json, "print a JSON object");
  c->callback([o] {
    const auto key = hex_arg("--key", o->key);
    const auto fc = hex_arg("--fc", o->fc, 1);
    std::vector<spec::Bytes> params;
    for (std::size_t i = 0; i < o->params.size(); ++i) {
      params.push_back(hex_arg("--p (P" + std::to_string(i) + ")", o->params[i]));
      if (params.back().size() > 0xffff) throw UsageError("--p (P" + std::to_string(i) + "): longer than 65535 bytes");
    }
    spec::Key256 out;
    if (o->impl.fast()) {
      // The fast path takes the 256-bit keys of TS 33.401/33.501 Annex A (K_ASME, K_AMF, ...).
      if (key.size() != 32) throw UsageError("--key: --impl fast takes a 32-byte key, got " + std::to_string(key.size()));
      std::vector<std::span<const std::uint8_t>> views(params.begin(), params.end());
      if (const char* e = impl::crypto::derive(std::span<const std::uint8_t, 32>(key.data(), 32), fc[0], views, out))
        throw UsageError(e);
    } else {
      out = spec::kdf(key, fc[0], params);
    }
    Json j{{"s", spec::to_hex(spec::kdf_input(fc[0], params))}, {"output", spec::to_hex(out)},
           {"output_128", spec::to_hex(spec::kdf_low_128(out))}, {"impl", o->impl.name}};
    print_result(j, "output", o->json);
  });
}

void add_derive(CLI::App& crypto) {
  auto* d = crypto.add_subcommand("derive", "named key derivations of TS 33.401 / TS 33.501 Annex A");
  // A name that matches no derivation lands in this positional, so that the error can say so.
  auto unknown = std::make_shared<std::string>();
  d->add_option("name", *unknown, "a derivation listed below");
  d->callback([d, unknown] {
    if (!unknown->empty())
      throw UsageError("derive: unknown derivation '" + *unknown + "' (secmode crypto derive --help lists them)");
    if (d->get_subcommands().empty()) throw UsageError("derive: name a derivation (secmode crypto derive --help)");
  });
  for (const Derivation& der : derivations()) {
    auto* c = d->add_subcommand(der.name, der.what + " (" + der.clause + ")");
    auto values = std::make_shared<std::map<std::string, std::string>>();
    for (const auto& in : der.inputs) {
      auto* opt = c->add_option("--" + in.flag, (*values)[in.flag], in.help);
      if (in.default_value.empty()) opt->required();
      else opt->default_val(in.default_value);
    }
    auto json = std::make_shared<bool>(false);
    c->add_flag("--json", *json, "print a JSON object");
    c->callback([&der, values, json] {
      const DerivationArgs args(der.inputs, *values);
      Json j{{"derivation", der.name}, {"clause", der.clause}, {"output", spec::to_hex(der.run(args))}};
      print_result(j, "output", *json);
    });
  }
}

void add_milenage(CLI::App& crypto) {
  struct Opts { std::string k, op, opc, rand, sqn, amf; };
  auto o = std::make_shared<Opts>();
  auto* c = crypto.add_subcommand("milenage", "MILENAGE f1-f5* and OPc (TS 35.206); prints a JSON object");
  c->add_option("--k", o->k, "K, 16 bytes hex")->required();
  auto* op_opt = c->add_option("--op", o->op, "OP, 16 bytes hex");
  auto* opc_opt = c->add_option("--opc", o->opc, "OPc, 16 bytes hex");
  op_opt->excludes(opc_opt);
  c->add_option("--rand", o->rand, "RAND, 16 bytes hex")->required();
  c->add_option("--sqn", o->sqn, "SQN, 6 bytes hex")->required();
  c->add_option("--amf", o->amf, "AMF, 2 bytes hex")->required();
  c->callback([o] {
    if (o->op.empty() == o->opc.empty()) throw UsageError("give exactly one of --op and --opc");
    const auto k = hex_arg("--k", o->k, 16);
    const auto opc = o->opc.empty() ? [&] { const auto x = spec::milenage_opc(k, hex_arg("--op", o->op, 16)); return spec::Bytes(x.begin(), x.end()); }()
                                    : hex_arg("--opc", o->opc, 16);
    const auto r = spec::milenage(k, opc, hex_arg("--rand", o->rand, 16), hex_arg("--sqn", o->sqn, 6), hex_arg("--amf", o->amf, 2));
    const Json j{{"opc", spec::to_hex(r.opc)}, {"mac_a", spec::to_hex(r.mac_a)}, {"mac_s", spec::to_hex(r.mac_s)},
                 {"res", spec::to_hex(r.res)}, {"ck", spec::to_hex(r.ck)}, {"ik", spec::to_hex(r.ik)},
                 {"ak", spec::to_hex(r.ak)}, {"ak_star", spec::to_hex(r.ak_star)}};
    print_result(j, "", true);
  });
}

void add_hmac(CLI::App& crypto) {
  struct Opts { std::string alg, key, data; bool json = false; };
  auto o = std::make_shared<Opts>();
  auto* c = crypto.add_subcommand("hmac", "HMAC-MD5-96 (RFC 2403), HMAC-SHA-1-96 (RFC 2404), HMAC-SHA-256");
  c->add_option("--alg", o->alg, "md5-96 | sha1-96 | sha256")->required()->check(CLI::IsMember({"md5-96", "sha1-96", "sha256"}));
  c->add_option("--key", o->key, "key, hex")->required();
  c->add_option("--data", o->data, "data, hex")->required();
  c->add_flag("--json", o->json, "print a JSON object");
  c->callback([o] {
    const auto key = hex_arg("--key", o->key);
    const auto data = hex_arg("--data", o->data);
    spec::Bytes mac;
    if (o->alg == "md5-96") mac = spec::hmac_md5_96(key, data);
    else if (o->alg == "sha1-96") mac = spec::hmac_sha1_96(key, data);
    else { const auto k = spec::hmac_sha256(key, data); mac.assign(k.begin(), k.end()); }
    print_result(Json{{"algorithm", "hmac-" + o->alg}, {"mac", spec::to_hex(mac)}}, "mac", o->json);
  });
}

}  // namespace

void add_crypto_command(CLI::App& app) {
  auto* crypto = app.add_subcommand("crypto", "3GPP security algorithms and key derivations, hex in, hex out");
  crypto->require_subcommand(1);
  add_eea(*crypto);
  add_eia(*crypto);
  add_kdf(*crypto);
  add_derive(*crypto);
  add_milenage(*crypto);
  add_hmac(*crypto);
}

}  // namespace secmode::cli
