// The zero-copy SIP head reader against the oracle's (tests/impl/sip_message_agreement.h) on
// generated messages: requests and responses, header names in any case, values with folded
// lines, CRLF or bare LF, a body or none, then the same text with one octet changed, removed or
// inserted. Known heads are checked field by field, and errors name the line at fault.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <string>

#include "impl/codec/sip_message.h"
#include "tests/impl/sip_message_agreement.h"

namespace secmode::impl::sip {
namespace {

std::string generated_message() {
  const std::string eol = *rc::gen::element<std::string>("\r\n", "\n");
  std::string text = *rc::gen::arbitrary<bool>() ? *rc::gen::element<std::string>("REGISTER", "NOTIFY", "INVITE") +
                                                       " sip:ims.example.org SIP/2.0"
                                                 : "SIP/2.0 " + std::to_string(*rc::gen::inRange(100, 700)) + " Reason";
  text += eol;
  const int fields = *rc::gen::inRange(0, 12);
  for (int i = 0; i < fields; ++i) {
    text += *rc::gen::element<std::string>("CSeq", "cseq", "Via", "Security-Server", "WWW-Authenticate", "X-a");
    text += *rc::gen::element<std::string>(":", ": ", " : ", ":\t");
    const int lines = *rc::gen::inRange(1, 3);
    for (int l = 0; l < lines; ++l) {
      if (l > 0) text += *rc::gen::element<std::string>(" ", "\t", "   ");
      text += *rc::gen::container<std::string>(*rc::gen::inRange(0, 12),
                                               rc::gen::element('a', 'Z', '1', ';', '=', ' ', ','));
      text += eol;
    }
  }
  if (*rc::gen::arbitrary<bool>()) text += eol + "body text" + eol;
  return text;
}

RC_GTEST_PROP(SipMessageDifferential, TheTwoReadersAgreeOnGeneratedMessages, ()) {
  const std::string text = generated_message();
  RC_ASSERT(test::sip_head_disagreement(text) == "");
}

RC_GTEST_PROP(SipMessageDifferential, TheTwoReadersAgreeOnAlteredMessages, ()) {
  std::string text = generated_message();
  const std::size_t at = *rc::gen::inRange<std::size_t>(0, text.size());
  switch (*rc::gen::inRange(0, 3)) {
    case 0:
      text[at] = *rc::gen::element('\r', '\n', ' ', ':', '\t', 'x', '\0');
      break;
    case 1:
      text.erase(at, 1);
      break;
    default:
      text.insert(at, 1, *rc::gen::element('\r', '\n', ' ', ':', '\t'));
      break;
  }
  RC_ASSERT(test::sip_head_disagreement(text) == "");
}

TEST(SipMessage, ReadsAResponseHeadFieldByField) {
  const std::string text =
      "SIP/2.0 401 Unauthorized\r\nCSeq: 2 REGISTER\r\nSecurity-Server: ipsec-3gpp;alg=hmac-sha-1-96;\r\n "
      "spi-c=1;spi-s=2;port-c=3;port-s=4\r\nsecurity-server: ipsec-3gpp;alg=aes-gmac\r\n\r\nbody";
  const auto d = decode_sip_head(text);
  ASSERT_TRUE(d.ok()) << d.error.reason;
  EXPECT_FALSE(d.value.request);
  EXPECT_EQ(d.value.status, 401);
  EXPECT_EQ(d.value.reason, "Unauthorized");
  ASSERT_EQ(d.value.fields.size(), 3u);
  EXPECT_EQ(d.value.fields[1].value, "ipsec-3gpp;alg=hmac-sha-1-96;\r\n spi-c=1;spi-s=2;port-c=3;port-s=4");
  std::array<std::string_view, 4> servers{};
  EXPECT_EQ(d.value.all("Security-Server", servers), 2u);
  EXPECT_EQ(servers[1], "ipsec-3gpp;alg=aes-gmac");
  const auto cseq = decode_cseq(*d.value.first("cseq"));
  ASSERT_TRUE(cseq);
  EXPECT_EQ(cseq->number, 2u);
  EXPECT_EQ(cseq->method, "REGISTER");
}

TEST(SipMessage, ErrorsNameTheLineAndTheRule) {
  const auto no_colon = decode_sip_head("REGISTER sip:a SIP/2.0\r\nCSeq: 1 REGISTER\r\nbroken line\r\n");
  ASSERT_FALSE(no_colon.ok());
  EXPECT_EQ(no_colon.error.line, 3u);
  EXPECT_NE(std::string(no_colon.error.reason).find("HCOLON"), std::string::npos);
  const auto status = decode_sip_head("SIP/2.0 20 OK\r\n");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error.header, "start-line");
  EXPECT_EQ(status.error.offset, 8u);
  const auto fold = decode_sip_head("SIP/2.0 200 OK\r\n continued\r\n");
  ASSERT_FALSE(fold.ok());
  EXPECT_EQ(fold.error.line, 2u);
  EXPECT_FALSE(decode_cseq("x REGISTER"));
  EXPECT_FALSE(decode_cseq("2147483648 REGISTER"));  // RFC 3261 8.1.1.5: below 2^31
  EXPECT_FALSE(decode_cseq("1REGISTER"));
}

TEST(SipMessage, MoreFieldsThanTheCapacityAreReportedAsSuch) {
  std::string text = "SIP/2.0 200 OK\r\n";
  for (std::size_t i = 0; i <= kMaxFields; ++i) text += "X-" + std::to_string(i) + ": v\r\n";
  const auto d = decode_sip_head(text);
  ASSERT_FALSE(d.ok());
  EXPECT_TRUE(is_over_capacity(d.error));
  EXPECT_EQ(d.error.line, kMaxFields + 2);
}

}  // namespace
}  // namespace secmode::impl::sip
