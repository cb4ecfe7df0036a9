// RRC security mode messages in JSON: field names are the snake_case of the ASN.1 names of
// TS 38.331 / 36.331 (rrc-TransactionIdentifier -> rrc_transaction_identifier), ENUMERATED
// algorithms as their index (nea2 -> 2), octet strings as hex. "message" names the c1
// alternative.
#include "cli/json/codecs.h"
#include "cli/json/reader.h"
#include "spec/codec/rrc_security_mode.h"
#include "spec/hex.h"

namespace secmode::cli {

using nlohmann::ordered_json;
namespace nr = spec::rrc::nr;
namespace lte = spec::rrc::lte;

namespace {

template <class E>
E read_enum(JsonIn& in, const char* key) {
  return static_cast<E>(in.uint(key, 7));
}

void put_tail(ordered_json& j, const std::optional<spec::Bytes>& late, bool nce) {
  if (late) j["late_non_critical_extension"] = spec::to_hex(*late);
  if (nce) j["non_critical_extension"] = true;
}

template <class M>
void read_tail(JsonIn& in, M& m) {
  if (in.has("late_non_critical_extension")) m.late_non_critical_extension = in.hex("late_non_critical_extension", 0, 16383);
  if (in.has("non_critical_extension")) m.non_critical_extension = in.boolean("non_critical_extension");
}

// LTE: SecurityModeCommand-v8a0-IEs and its siblings.
void put_lte_tail(ordered_json& j, const std::optional<lte::NonCriticalExtensionV8a0>& e) {
  if (!e) return;
  ordered_json x = ordered_json::object();
  put_tail(x, e->late_non_critical_extension, e->non_critical_extension);
  j["non_critical_extension"] = x;
}

std::optional<lte::NonCriticalExtensionV8a0> read_lte_tail(JsonIn& in) {
  if (!in.has("non_critical_extension")) return std::nullopt;
  auto x = in.object("non_critical_extension");
  lte::NonCriticalExtensionV8a0 e;
  read_tail(x, e);
  x.done();
  return e;
}

std::string message_name(JsonIn& in, std::initializer_list<const char*> allowed) {
  const auto name = in.string("message");
  for (const char* a : allowed)
    if (name == a) return name;
  std::string list;
  for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  in.fail("message", "\"" + name + "\", expected " + list);
}

ordered_json header(const char* message, std::uint8_t transaction_id) {
  return {{"message", message}, {"rrc_transaction_identifier", transaction_id}};
}

}  // namespace

ordered_json decode_rrc_json(RrcChannel channel, spec::ByteView pdu) {
  switch (channel) {
    case RrcChannel::nr_dl_dcch: {
      const auto d = nr::decode_dl_dcch(pdu);
      if (!d) throw DecodeFailure{d.error()};
      const auto& m = d.value();
      auto j = header("security_mode_command", m.transaction_id);
      ordered_json algs{{"ciphering_algorithm", static_cast<int>(m.algorithms.ciphering)}};
      if (m.algorithms.integrity) algs["integrity_prot_algorithm"] = static_cast<int>(*m.algorithms.integrity);
      j["security_config_smc"] = {{"security_algorithm_config", algs}};
      put_tail(j, m.late_non_critical_extension, m.non_critical_extension);
      return j;
    }
    case RrcChannel::nr_ul_dcch: {
      const auto d = nr::decode_ul_dcch(pdu);
      if (!d) throw DecodeFailure{d.error()};
      return std::visit(
          [](const auto& m) {
            constexpr bool complete = std::is_same_v<std::decay_t<decltype(m)>, nr::SecurityModeComplete>;
            auto j = header(complete ? "security_mode_complete" : "security_mode_failure", m.transaction_id);
            put_tail(j, m.late_non_critical_extension, m.non_critical_extension);
            return j;
          },
          d.value());
    }
    case RrcChannel::lte_dl_dcch: {
      const auto d = lte::decode_dl_dcch(pdu);
      if (!d) throw DecodeFailure{d.error()};
      const auto& m = d.value();
      auto j = header("security_mode_command", m.transaction_id);
      j["security_config_smc"] = {
          {"security_algorithm_config",
           {{"ciphering_algorithm", static_cast<int>(m.algorithms.ciphering)},
            {"integrity_prot_algorithm", static_cast<int>(m.algorithms.integrity)}}}};
      put_lte_tail(j, m.non_critical_extension);
      return j;
    }
    case RrcChannel::lte_ul_dcch: {
      const auto d = lte::decode_ul_dcch(pdu);
      if (!d) throw DecodeFailure{d.error()};
      return std::visit(
          [](const auto& m) {
            constexpr bool complete = std::is_same_v<std::decay_t<decltype(m)>, lte::SecurityModeComplete>;
            auto j = header(complete ? "security_mode_complete" : "security_mode_failure", m.transaction_id);
            put_lte_tail(j, m.non_critical_extension);
            return j;
          },
          d.value());
    }
  }
  return {};
}

spec::Bytes encode_rrc_json(RrcChannel channel, const nlohmann::json& j) {
  JsonIn in(j, "");
  spec::Bytes out;
  const bool downlink = channel == RrcChannel::nr_dl_dcch || channel == RrcChannel::lte_dl_dcch;
  const auto name = downlink ? message_name(in, {"security_mode_command"})
                             : message_name(in, {"security_mode_complete", "security_mode_failure"});
  const auto tid = static_cast<std::uint8_t>(in.uint("rrc_transaction_identifier", 3));
  if (downlink) {
    auto smc = in.object("security_config_smc");
    auto algs = smc.object("security_algorithm_config");
    if (channel == RrcChannel::nr_dl_dcch) {
      nr::SecurityModeCommand m;
      m.transaction_id = tid;
      m.algorithms.ciphering = read_enum<nr::CipheringAlgorithm>(algs, "ciphering_algorithm");
      if (algs.has("integrity_prot_algorithm"))
        m.algorithms.integrity = read_enum<nr::IntegrityProtAlgorithm>(algs, "integrity_prot_algorithm");
      read_tail(in, m);
      out = nr::encode(m);
    } else {
      lte::SecurityModeCommand m;
      m.transaction_id = tid;
      m.algorithms.ciphering = read_enum<lte::CipheringAlgorithm>(algs, "ciphering_algorithm");
      m.algorithms.integrity = read_enum<lte::IntegrityProtAlgorithm>(algs, "integrity_prot_algorithm");
      m.non_critical_extension = read_lte_tail(in);
      out = lte::encode(m);
    }
    algs.done();
    smc.done();
  } else if (channel == RrcChannel::nr_ul_dcch) {
    nr::UlSecurityModeMessage m;
    if (name == "security_mode_complete") {
      nr::SecurityModeComplete c;
      c.transaction_id = tid;
      read_tail(in, c);
      m = c;
    } else {
      nr::SecurityModeFailure f;
      f.transaction_id = tid;
      read_tail(in, f);
      m = f;
    }
    out = nr::encode(m);
  } else {
    lte::UlSecurityModeMessage m;
    if (name == "security_mode_complete")
      m = lte::SecurityModeComplete{tid, read_lte_tail(in)};
    else
      m = lte::SecurityModeFailure{tid, read_lte_tail(in)};
    out = lte::encode(m);
  }
  in.done();
  return out;
}

}  // namespace secmode::cli
