// The JSON of `secmode decode --json` is a faithful form of the message: for generated EPS NAS
// messages (plain and security protected), octets -> JSON -> text -> JSON -> octets gives the
// octets back. A mutant that drops one field from the JSON must break it (STYLE.md 4).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "cli/json/codecs.h"
#include "tests/codec/checks.h"
#include "tests/codec/generators_nas_eps.h"

namespace secmode::test {
namespace {

using namespace nas_eps_gen;

enum class Mutation { none, drop_a_field };

void json_round_trips(Mutation mutation) {
  const Bytes pdu = *rc::gen::arbitrary<bool>() ? encode(gen_emm_message()) : [] {
    auto p = gen_protected();
    p.nas_message = encode(gen_message());
    return encode(p);
  }();
  auto j = nlohmann::json::parse(cli::decode_nas_eps_json(pdu).dump());
  if (mutation == Mutation::drop_a_field) {
    // The last member of the message (of the readable inner message, if any).
    auto& target = j.contains("nas_message") ? j["nas_message"] : j;
    RC_PRE(target.size() > 3);  // more than the header
    target.erase(std::prev(target.end()).key());
  }
  spec::Bytes again;
  try {
    again = cli::encode_nas_eps_json(j);
  } catch (const std::exception&) {
    RC_FAIL("encode refused the JSON");
  }
  RC_ASSERT(again == pdu);
}

}  // namespace
}  // namespace secmode::test

TEST(CliJson, NasEpsOctetsJsonOctets) {
  secmode::test::expect_holds("octets -> JSON -> octets", secmode::test::json_round_trips);
}

TEST(CliJson, NasEpsRoundTripMutantIsCaught) {
  secmode::test::expect_mutant_fails("octets -> JSON -> octets", secmode::test::json_round_trips,
                                     secmode::test::Mutation::drop_a_field);
}
