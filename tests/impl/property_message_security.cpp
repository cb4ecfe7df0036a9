// The cached algorithm keys of impl/engine/message_security.h against the spec twins: over a long
// run of MACs and cipherings under more contexts than the cache holds (so entries are evicted and
// re-derived), for NAS and RRC in EPS and 5GS, every algorithm, COUNT and direction, each result
// must be the spec's KDF (TS 33.401 A.7, TS 33.501 A.8) followed by the spec's EEA / EIA.
#include "impl/engine/message_security.h"
#include "spec/crypto/eea_eia.h"
#include "spec/crypto/keys_5gs.h"
#include "spec/crypto/keys_eps.h"

namespace secmode {
namespace {

using impl::engine::SecurityProfile;

struct Op {
  std::size_t parent;
  bool fivegs, rrc, mac;
  std::uint8_t alg, srb;
  std::uint32_t count;
  bool downlink;
  std::vector<std::uint8_t> message;
};

spec::Key128 spec_key(const std::array<std::uint8_t, 32>& parent, const Op& op) {
  const auto type = op.rrc ? (op.mac ? spec::AlgorithmType::rrc_int : spec::AlgorithmType::rrc_enc)
                           : (op.mac ? spec::AlgorithmType::nas_int : spec::AlgorithmType::nas_enc);
  return op.fivegs ? spec::derive_5gs_algorithm_key(parent, type, op.alg)
                   : spec::derive_eps_algorithm_key(parent, type, op.alg);
}

RC_GTEST_PROP(MessageSecurity, CachedKeysGiveTheSpecsMacsAndCiphertexts, ()) {
  // Twelve contexts against eight cache entries: every entry gets evicted along the way.
  const auto parents = *rc::gen::container<std::vector<std::array<std::uint8_t, 32>>>(
      12, rc::gen::arbitrary<std::array<std::uint8_t, 32>>());
  const auto ops = *rc::gen::container<std::vector<Op>>(
      60, rc::gen::build<Op>(rc::gen::set(&Op::parent, rc::gen::inRange<std::size_t>(0, 12)), rc::gen::set(&Op::fivegs),
                             rc::gen::set(&Op::rrc), rc::gen::set(&Op::mac),
                             rc::gen::set(&Op::alg, rc::gen::inRange<std::uint8_t>(0, 4)),
                             rc::gen::set(&Op::srb, rc::gen::inRange<std::uint8_t>(1, 3)), rc::gen::set(&Op::count),
                             rc::gen::set(&Op::downlink),
                             rc::gen::set(&Op::message, rc::gen::container<std::vector<std::uint8_t>>(
                                                            rc::gen::arbitrary<std::uint8_t>()))));
  impl::engine::AlgorithmKeys keys;
  for (const Op& op : ops) {
    const auto hierarchy = op.fivegs ? impl::crypto::KeyHierarchy::fivegs : impl::crypto::KeyHierarchy::eps;
    const SecurityProfile profile = op.rrc ? impl::engine::rrc_profile(hierarchy, op.srb)
                                           : (op.fivegs ? impl::engine::kFivegsNas : impl::engine::kEpsNas);
    const auto direction = op.downlink ? impl::engine::Direction::downlink : impl::engine::Direction::uplink;
    const spec::CountInputs in{op.count & profile.count_mask, profile.bearer, static_cast<std::uint8_t>(op.downlink)};
    const auto& parent = parents[op.parent];
    const spec::Key128 k = spec_key(parent, op);
    if (op.mac) {
      std::array<std::uint8_t, 4> mac{};
      RC_ASSERT(keys.mac(parent, profile, op.alg, op.count, direction, op.message, mac) == nullptr);
      RC_ASSERT(mac == spec::eia(static_cast<spec::Eia>(op.alg), k, in, op.message, op.message.size() * 8));
    } else {
      std::vector<std::uint8_t> out(op.message.size());
      RC_ASSERT(keys.cipher(parent, profile, op.alg, op.count, direction, op.message, out) == nullptr);
      RC_ASSERT(out == spec::eea(static_cast<spec::Eea>(op.alg), k, in, op.message, op.message.size() * 8));
    }
  }
}

TEST(MessageSecurity, AnUnknownAlgorithmIsRefusedAndNotCached) {
  impl::engine::AlgorithmKeys keys;
  const std::array<std::uint8_t, 32> parent{1};
  std::array<std::uint8_t, 4> mac{};
  const std::vector<std::uint8_t> message{1, 2, 3};
  EXPECT_NE(keys.mac(parent, impl::engine::kEpsNas, 7, 0, impl::engine::Direction::uplink, message, mac), nullptr);
  EXPECT_EQ(keys.mac(parent, impl::engine::kEpsNas, 2, 0, impl::engine::Direction::uplink, message, mac), nullptr);
  std::vector<std::uint8_t> out(2);
  EXPECT_NE(keys.cipher(parent, impl::engine::kEpsNas, 2, 0, impl::engine::Direction::uplink, message, out), nullptr);
}

}  // namespace
}  // namespace secmode
