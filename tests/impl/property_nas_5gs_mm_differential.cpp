// The zero-copy 5GMM codec (REGISTRATION REQUEST, the AUTHENTICATION messages and the 5GMM
// dispatch) against its spec twin (STYLE.md 6, 8): spec-encoded messages decode to the same
// fields and re-encode to the same octets, and on arbitrary octets (noise aimed at the message
// types, valid PDUs with IE-shaped tails, damaged PDUs) every decoder pair agrees on
// accept/reject, the error's place and clause, the fields, the ignored IEs and the re-encoded
// octets. Mutants show the comparison can fail (STYLE.md 4).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <string>

#include "tests/codec/checks.h"
#include "tests/codec/generators_nas.h"
#include "tests/codec/generators_nas_5gs.h"
#include "tests/impl/nas_5gs_mm_agreement.h"

namespace secmode::test::nas_5gs {
namespace {

using namespace nas_5gs_gen;
using nas_gen::followed_by;
using nas_gen::noise_valid_or_damaged;

enum class Mutation {
  none,
  wrong_field,          // a decoded field changed
  dropped_raw_ie,       // a known IE kept raw lost
  wrong_error_offset,   // an error reported one octet late
  accepts_rejected,     // a rejected input accepted (an empty message in its place)
  wrong_ignored_count,  // one ignored IE more
  cut_identity,         // the 5GS mobile identity's view one octet short
};

// Octets aimed at the 5GMM decoders: noise behind a plain 5GMM header of a known message type
// now and then, or a generated message with an IE-shaped tail, as is or damaged.
Bytes gen_input() {
  if (*rc::gen::inRange(0, 6) == 0) {
    Bytes b = nas_gen::octets(0, 64);
    if (b.size() >= 3) {
      b[0] = *rc::gen::element<std::uint8_t>(0x7e, 0x7e, 0x7e, 0x2e);
      b[1] = *rc::gen::element<std::uint8_t>(0x00, 0x00, 0xf0, 0x01, 0x05);
      b[2] = *rc::gen::element<std::uint8_t>(0x41, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x5d, 0x5e,
                                             0x5f, 0x42);
    }
    if (b.size() >= 6 && b[2] == 0x41) {  // now and then an identity length that fits
      b[4] = 0;
      b[5] = static_cast<std::uint8_t>(*rc::gen::inRange<std::size_t>(0, b.size() - 5));
    }
    RC_TAG("aimed noise");
    return b;
  }
  return noise_valid_or_damaged(followed_by(s5::encode(gen_any_5gmm_message()),
                                            five_gmm_ie_octets()));
}

// ---- properties ------------------------------------------------------------------------------

RC_GTEST_PROP(ImplNas5gmmDifferential, SpecEncodedMessagesDecodeToTheSameFieldsAndOctets, ()) {
  const s5::FiveGmmMessage m = gen_any_5gmm_message();
  RC_TAG(m.index());
  const Bytes b = s5::encode(m);
  RC_ASSERT(round_trip_problem(m, b, i5::decode_5gmm_message(b), kMmToSpec) == std::string());
  RC_ASSERT(mm_decoders_disagree(b) == std::string());
}

RC_GTEST_PROP(ImplNas5gmmDifferential, SpecEncodedMessagesDecodeByTheirOwnDecoder, ()) {
  const s5::FiveGmmMessage m = gen_any_5gmm_message();
  RC_TAG(m.index());
  const Bytes b = s5::encode(m);
  std::string problem;
  if (const auto* r = std::get_if<s5::RegistrationRequest>(&m)) {
    const auto d = i5::decode_registration_request(b);
    problem = round_trip_problem(*r, b, d, kMmToSpec);
    // Views into the PDU: the identity's contents start after its LV-E length.
    if (const auto* s = std::get_if<i5::SuciImsi>(&d.value.mobile_identity);
        problem.empty() && s && s->scheme_output.data() != b.data() + 6 + 8)
      problem = "the scheme output is not a view";
  } else if (const auto* q = std::get_if<s5::AuthenticationRequest>(&m)) {
    const auto d = i5::decode_authentication_request(b);
    problem = round_trip_problem(*q, b, d, kMmToSpec);
    if (problem.empty() && d.value.abba.data() != b.data() + 5) problem = "ABBA is not a view";
  } else if (const auto* s = std::get_if<s5::AuthenticationResponse>(&m)) {
    problem = round_trip_problem(*s, b, i5::decode_authentication_response(b), kMmToSpec);
  } else if (const auto* t = std::get_if<s5::AuthenticationResult>(&m)) {
    problem = round_trip_problem(*t, b, i5::decode_authentication_result(b), kMmToSpec);
  } else if (const auto* f = std::get_if<s5::AuthenticationFailure>(&m)) {
    problem = round_trip_problem(*f, b, i5::decode_authentication_failure(b), kMmToSpec);
  } else if (const auto* j = std::get_if<s5::AuthenticationReject>(&m)) {
    problem = round_trip_problem(*j, b, i5::decode_authentication_reject(b), kMmToSpec);
  }
  RC_ASSERT(problem == std::string());
}

// The other way round: what the impl encodes from a decoded value, the spec decodes to the same.
RC_GTEST_PROP(ImplNas5gmmDifferential, ImplEncodedMessagesDecodeBySpecToTheSameValue, ()) {
  const Bytes b = s5::encode(gen_any_5gmm_message());
  const auto d = i5::decode_5gmm_message(b);
  RC_ASSERT(d.ok());
  std::string problem;
  const Bytes again = impl_encode(d.value, problem);
  RC_ASSERT(problem == std::string());
  const auto s = s5::decode_5gmm_message(again);
  RC_ASSERT(s.ok());
  RC_ASSERT(s.ignored().empty());
  RC_ASSERT(s.value() == to_spec(d.value));
}

RC_GTEST_PROP(ImplNas5gmmDifferential, EveryDecoderAgreesOnArbitraryOctets, ()) {
  const Bytes b = gen_input();
  RC_ASSERT(mm_decoders_disagree(b) == std::string());
}

// The comparison itself, with the impl's side made wrong on purpose by `mutation`.
void decoders_agree(Mutation mutation) {
  const Bytes b = gen_input();
  std::array<i5::IgnoredIe, kSinkSize> sink{};
  const auto s = s5::decode_5gmm_message(b);
  auto i = i5::decode_5gmm_message(b, sink);
  if (mutation == Mutation::wrong_field && i.ok()) {
    auto& m = i.value;
    if (auto* r = std::get_if<i5::RegistrationRequest>(&m)) r->follow_on_request ^= true;
    if (auto* r = std::get_if<i5::AuthenticationRequest>(&m)) r->ngksi.mapped ^= true;
    if (auto* r = std::get_if<i5::AuthenticationResponse>(&m)) r->res_star.reset();
    if (auto* r = std::get_if<i5::AuthenticationResult>(&m)) r->ngksi.ksi ^= 1;
    if (auto* f = std::get_if<i5::AuthenticationFailure>(&m)) f->cause ^= 1;
    if (auto* j = std::get_if<i5::AuthenticationReject>(&m))
      j->eap_message = j->eap_message ? std::nullopt : std::optional<i5::ByteView>(b);
    if (auto* c = std::get_if<i5::SecurityModeReject>(&m)) c->cause ^= 1;
  }
  if (mutation == Mutation::dropped_raw_ie && i.ok())
    if (auto* r = std::get_if<i5::RegistrationRequest>(&i.value); r && r->other_ies.size)
      --r->other_ies.size;
  if (mutation == Mutation::wrong_error_offset && !i.ok()) ++i.error.offset;
  if (mutation == Mutation::accepts_rejected && !i.ok())
    i = {i5::FiveGmmMessage(i5::AuthenticationReject{}), {}, 0};
  if (mutation == Mutation::wrong_ignored_count && i.ok()) ++i.ignored;
  if (mutation == Mutation::cut_identity && i.ok())
    if (auto* r = std::get_if<i5::RegistrationRequest>(&i.value))
    {
      if (auto* n = std::get_if<i5::SuciNai>(&r->mobile_identity)) n->nai = n->nai.first(2);
      if (auto* o = std::get_if<i5::SuciImsi>(&r->mobile_identity))
        o->scheme_output = o->scheme_output.first(o->scheme_output.size() - 1);
    }
  RC_ASSERT(disagreement(s, i, sink, kMmToSpec) == std::string());
}

TEST(ImplNas5gmmDifferential, DecodersAgree) {
  expect_holds("spec and impl 5GMM decoders agree", decoders_agree);
}
TEST(ImplNas5gmmDifferential, AWrongFieldIsCaught) {
  expect_mutant_fails("spec and impl 5GMM decoders agree", decoders_agree, Mutation::wrong_field);
}
TEST(ImplNas5gmmDifferential, ADroppedRawIeIsCaught) {
  expect_mutant_fails("spec and impl 5GMM decoders agree", decoders_agree,
                      Mutation::dropped_raw_ie);
}
TEST(ImplNas5gmmDifferential, AWrongErrorOffsetIsCaught) {
  expect_mutant_fails("spec and impl 5GMM decoders agree", decoders_agree,
                      Mutation::wrong_error_offset);
}
TEST(ImplNas5gmmDifferential, AcceptingARejectedInputIsCaught) {
  expect_mutant_fails("spec and impl 5GMM decoders agree", decoders_agree,
                      Mutation::accepts_rejected);
}
TEST(ImplNas5gmmDifferential, AWrongIgnoredCountIsCaught) {
  expect_mutant_fails("spec and impl 5GMM decoders agree", decoders_agree,
                      Mutation::wrong_ignored_count);
}
TEST(ImplNas5gmmDifferential, ACutIdentityIsCaught) {
  expect_mutant_fails("spec and impl 5GMM decoders agree", decoders_agree, Mutation::cut_identity);
}

}  // namespace
}  // namespace secmode::test::nas_5gs
