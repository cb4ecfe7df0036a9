#include "cli/json/nas_common.h"

#include "spec/hex.h"

namespace secmode::cli {

nlohmann::ordered_json capability_json(const spec::nas::UeSecurityCapability& c) {
  nlohmann::ordered_json j{{"eea", c.eea}, {"eia", c.eia}};
  if (c.uea) j["uea"] = *c.uea;
  if (c.uia) j["uia"] = *c.uia;
  if (c.gea) j["gea"] = *c.gea;
  return j;
}

spec::nas::UeSecurityCapability read_capability(JsonIn in) {
  spec::nas::UeSecurityCapability c;
  c.eea = static_cast<std::uint8_t>(in.uint("eea", 0xff));
  c.eia = static_cast<std::uint8_t>(in.uint("eia", 0xff));
  if (in.has("uea")) c.uea = static_cast<std::uint8_t>(in.uint("uea", 0xff));
  if (in.has("uia")) c.uia = static_cast<std::uint8_t>(in.uint("uia", 0xff));
  if (in.has("gea")) c.gea = static_cast<std::uint8_t>(in.uint("gea", 0xff));
  in.done();
  return c;
}

nlohmann::ordered_json additional_capability_json(const spec::nas::UeAdditionalSecurityCapability& c) {
  return {{"5g_ea", c.ea}, {"5g_ia", c.ia}};
}

spec::nas::UeAdditionalSecurityCapability read_additional_capability(JsonIn in) {
  spec::nas::UeAdditionalSecurityCapability c;
  c.ea = static_cast<std::uint16_t>(in.uint("5g_ea", 0xffff));
  c.ia = static_cast<std::uint16_t>(in.uint("5g_ia", 0xffff));
  in.done();
  return c;
}

nlohmann::ordered_json network_capability_json(const spec::nas::UeNetworkCapability& c) {
  nlohmann::ordered_json j{{"eea", c.eea}, {"eia", c.eia}};
  if (c.uea) j["uea"] = *c.uea;
  if (c.uia) j["uia"] = *c.uia;
  j["rest"] = spec::to_hex(c.rest);
  return j;
}

spec::nas::UeNetworkCapability read_network_capability(JsonIn in) {
  spec::nas::UeNetworkCapability c;
  c.eea = static_cast<std::uint8_t>(in.uint("eea", 0xff));
  c.eia = static_cast<std::uint8_t>(in.uint("eia", 0xff));
  if (in.has("uea")) c.uea = static_cast<std::uint8_t>(in.uint("uea", 0xff));
  if (in.has("uia")) c.uia = static_cast<std::uint8_t>(in.uint("uia", 0xff));
  c.rest = in.hex("rest", 0, 11);
  in.done();
  return c;
}

nlohmann::ordered_json ignored_json(const std::vector<spec::IgnoredIe>& ignored) {
  auto a = nlohmann::ordered_json::array();
  for (const auto& i : ignored) a.push_back({{"offset", i.offset}, {"iei", i.iei}, {"ie", i.ie}, {"reason", i.reason}});
  return a;
}

}  // namespace secmode::cli
