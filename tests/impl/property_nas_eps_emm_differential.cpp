// The zero-copy EMM codec (ATTACH REQUEST, TRACKING AREA UPDATE REQUEST, the AUTHENTICATION
// messages, SERVICE REQUEST and the PDU dispatch) against its spec twin (STYLE.md 6, 8):
// spec-encoded messages decode to the same fields and re-encode to the same octets, and on
// arbitrary octets (noise aimed at the message types, valid PDUs with IE-shaped tails, damaged
// PDUs) every decoder pair agrees on accept/reject, the error's place and clause, the fields, the
// ignored IEs and the re-encoded octets. Mutants show the comparison can fail (STYLE.md 4).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <string>

#include "tests/codec/checks.h"
#include "tests/codec/generators_nas.h"
#include "tests/codec/generators_nas_eps.h"
#include "tests/impl/nas_eps_emm_agreement.h"

namespace secmode::test::nas_eps {
namespace {

using namespace nas_eps_gen;
using nas_gen::followed_by;
using nas_gen::noise_valid_or_damaged;

enum class Mutation {
  none,
  wrong_field,          // a decoded field changed
  dropped_raw_ie,       // a known IE kept raw lost
  wrong_error_offset,   // an error reported one octet late
  accepts_reserved,     // a rejected input accepted (an empty message in its place)
  wrong_ignored_count,  // one ignored IE more
};

// Octets aimed at the EMM decoders: noise whose first octets are those of a known message now
// and then, or a generated PDU with an IE-shaped tail, as is or damaged.
Bytes gen_input() {
  if (*rc::gen::inRange(0, 6) == 0) {
    Bytes b = nas_gen::octets(0, 48);
    if (b.size() >= 2) {
      b[0] = *rc::gen::element<std::uint8_t>(0x07, 0xc7, 0xd7, 0x17, 0x67);
      b[1] = *rc::gen::element<std::uint8_t>(0x41, 0x48, 0x52, 0x53, 0x54, 0x5c, 0x5d, 0x42);
    }
    RC_TAG("aimed noise");
    return b;
  }
  return noise_valid_or_damaged(followed_by(encode(gen_emm_pdu()), emm_ie_octets()));
}

// ---- properties ------------------------------------------------------------------------------

RC_GTEST_PROP(ImplNasEpsEmmDifferential, SpecEncodedPdusDecodeToTheSameFieldsAndOctets, ()) {
  const sn::EmmPdu m = gen_emm_pdu();
  RC_TAG(m.index());
  const Bytes b = sn::encode(m);
  RC_ASSERT(round_trip_problem(m, b, in::decode_emm_pdu(b), kEmmToSpec) == std::string());
  RC_ASSERT(emm_decoders_disagree(b) == std::string());
}

RC_GTEST_PROP(ImplNasEpsEmmDifferential, SpecEncodedMessagesDecodeByTheirOwnDecoder, ()) {
  const sn::EmmMessage m = gen_emm_message();
  RC_TAG(m.index());
  const Bytes b = sn::encode(m);
  std::string problem;
  if (const auto* a = std::get_if<sn::AttachRequest>(&m)) {
    const auto d = in::decode_attach_request(b);
    problem = round_trip_problem(*a, b, d, kEmmToSpec);
    // Views into the PDU: the ESM message container sits after the identity and capability.
    if (problem.empty() && d.value.esm_message_container.data() <= b.data()) problem = "not a view";
  } else if (const auto* t = std::get_if<sn::TrackingAreaUpdateRequest>(&m)) {
    problem = round_trip_problem(*t, b, in::decode_tracking_area_update_request(b), kEmmToSpec);
  } else if (const auto* r = std::get_if<sn::AuthenticationRequest>(&m)) {
    const auto d = in::decode_authentication_request(b);
    problem = round_trip_problem(*r, b, d, kEmmToSpec);
    if (problem.empty() && d.value.rand.data() != b.data() + 3) problem = "RAND is not a view";
  } else if (const auto* s = std::get_if<sn::AuthenticationResponse>(&m)) {
    problem = round_trip_problem(*s, b, in::decode_authentication_response(b), kEmmToSpec);
  } else if (const auto* f = std::get_if<sn::AuthenticationFailure>(&m)) {
    problem = round_trip_problem(*f, b, in::decode_authentication_failure(b), kEmmToSpec);
  } else if (const auto* j = std::get_if<sn::AuthenticationReject>(&m)) {
    problem = round_trip_problem(*j, b, in::decode_authentication_reject(b), kEmmToSpec);
  }
  RC_ASSERT(problem == std::string());
}

RC_GTEST_PROP(ImplNasEpsEmmDifferential, SpecEncodedServiceRequestsDecodeToTheSameFields, ()) {
  const sn::ServiceRequest m = gen_service_request();
  const Bytes b = sn::encode(m);
  RC_ASSERT(round_trip_problem(m, b, in::decode_service_request(b), kEmmToSpec) ==
            std::string());
}

RC_GTEST_PROP(ImplNasEpsEmmDifferential, EveryDecoderAgreesOnArbitraryOctets, ()) {
  const Bytes b = gen_input();
  RC_ASSERT(emm_decoders_disagree(b) == std::string());
}

// The comparison itself, with the impl's side made wrong on purpose by `mutation`.
void decoders_agree(Mutation mutation) {
  const Bytes b = gen_input();
  std::array<in::IgnoredIe, kSinkSize> sink{};
  const auto s = sn::decode_emm_pdu(b);
  auto i = in::decode_emm_pdu(b, sink);
  if (mutation == Mutation::wrong_field && i.ok()) {
    if (auto* m = std::get_if<in::EmmMessage>(&i.value)) {
      if (auto* a = std::get_if<in::AttachRequest>(m)) a->nas_key_set_identifier.ksi ^= 1;
      if (auto* t = std::get_if<in::TrackingAreaUpdateRequest>(m)) t->active_flag ^= true;
      if (auto* r = std::get_if<in::AuthenticationRequest>(m)) r->autn = r->autn.first(15);
      if (auto* r = std::get_if<in::AuthenticationResponse>(m)) r->res = r->res.first(3);
      if (auto* f = std::get_if<in::AuthenticationFailure>(m)) f->emm_cause ^= 1;
      if (auto* c = std::get_if<in::SecurityModeReject>(m)) c->emm_cause ^= 1;
    }
    if (auto* r = std::get_if<in::ServiceRequest>(&i.value)) r->sequence_number ^= 1;
  }
  if (mutation == Mutation::dropped_raw_ie && i.ok())
    if (auto* m = std::get_if<in::EmmMessage>(&i.value)) {
      if (auto* a = std::get_if<in::AttachRequest>(m); a && a->other_ies.size) --a->other_ies.size;
      if (auto* t = std::get_if<in::TrackingAreaUpdateRequest>(m); t && t->other_ies.size)
        --t->other_ies.size;
    }
  if (mutation == Mutation::wrong_error_offset && !i.ok()) ++i.error.offset;
  if (mutation == Mutation::accepts_reserved && !i.ok())
    i = {in::EmmPdu(in::EmmMessage(in::AuthenticationReject{})), {}, 0};
  if (mutation == Mutation::wrong_ignored_count && i.ok()) ++i.ignored;
  RC_ASSERT(disagreement(s, i, sink, kEmmToSpec) == std::string());
}

TEST(ImplNasEpsEmmDifferential, DecodersAgree) {
  expect_holds("spec and impl EMM decoders agree", decoders_agree);
}
TEST(ImplNasEpsEmmDifferential, AWrongFieldIsCaught) {
  expect_mutant_fails("spec and impl EMM decoders agree", decoders_agree, Mutation::wrong_field);
}
TEST(ImplNasEpsEmmDifferential, ADroppedRawIeIsCaught) {
  expect_mutant_fails("spec and impl EMM decoders agree", decoders_agree,
                      Mutation::dropped_raw_ie);
}
TEST(ImplNasEpsEmmDifferential, AWrongErrorOffsetIsCaught) {
  expect_mutant_fails("spec and impl EMM decoders agree", decoders_agree,
                      Mutation::wrong_error_offset);
}
TEST(ImplNasEpsEmmDifferential, AcceptingARejectedInputIsCaught) {
  expect_mutant_fails("spec and impl EMM decoders agree", decoders_agree,
                      Mutation::accepts_reserved);
}
TEST(ImplNasEpsEmmDifferential, AWrongIgnoredCountIsCaught) {
  expect_mutant_fails("spec and impl EMM decoders agree", decoders_agree,
                      Mutation::wrong_ignored_count);
}

}  // namespace
}  // namespace secmode::test::nas_eps
