#include "spec/codec/rrc_dcch.h"

namespace secmode::spec::rrc::dcch {

CodecError to_error(const char* message, const UperFailure& f) {
  return CodecError{message, f.ie, f.offset, f.reason};
}

std::optional<std::uint32_t> read_message_type(UperReader& r, const char* message, const Names& c1,
                                               const Names* c2, const char* future,
                                               std::uint32_t wanted_a, std::uint32_t wanted_b) {
  const std::size_t start = r.offset();
  const auto type = r.choice("message", 2, false);
  if (!type) return std::nullopt;
  const std::string head = std::string(message) + " ";
  if (type->index == 1) {
    if (c2 == nullptr) {
      r.fail(start, "message",
             head + "alternative messageClassExtension is not decoded here (bit offset " +
                 std::to_string(start) + ")");
      return std::nullopt;
    }
    const std::size_t ext_at = r.offset();
    const auto ext = r.choice("message.messageClassExtension", 2, false);
    if (!ext) return std::nullopt;
    if (ext->index == 1) {
      r.fail(ext_at, "message.messageClassExtension",
             head + "messageClassExtension alternative " + future +
                 " is not decoded here (bit offset " + std::to_string(ext_at) + ")");
      return std::nullopt;
    }
    const std::size_t c2_at = r.offset();
    const auto alt = r.choice("message.messageClassExtension.c2", 16, false);
    if (!alt) return std::nullopt;
    r.fail(c2_at, "message.messageClassExtension.c2",
           head + "messageClassExtension c2 alternative " + (*c2)[alt->index] +
               " is not decoded here (bit offset " + std::to_string(c2_at) + ")");
    return std::nullopt;
  }
  const std::size_t c1_at = r.offset();
  const auto alt = r.choice("message.c1", 16, false);
  if (!alt) return std::nullopt;
  if (alt->index != wanted_a && alt->index != wanted_b) {
    r.fail(c1_at, "message.c1",
           head + "c1 alternative " + c1[alt->index] + " is not decoded here (bit offset " +
               std::to_string(c1_at) + ")");
    return std::nullopt;
  }
  return alt->index;
}

std::optional<std::uint8_t> read_transaction_id(UperReader& r, const std::string& alternative) {
  const auto v = r.whole_number(alternative + ".rrc-TransactionIdentifier", 4);
  if (!v) return std::nullopt;
  return static_cast<std::uint8_t>(*v);
}

bool read_critical_extensions(UperReader& r, const std::string& alternative) {
  const std::string ie = alternative + ".criticalExtensions";
  const std::size_t at = r.offset();
  const auto c = r.choice(ie, 2, false);
  if (!c) return false;
  if (c->index == 1) {
    r.fail(at, ie,
           "criticalExtensionsFuture of " + alternative + " is not decoded here (bit offset " +
               std::to_string(at) + ")");
    return false;
  }
  return true;
}

bool skip_additions(UperReader& r, const std::string& ie, std::vector<IgnoredIe>& ignored) {
  const auto skipped = r.skip_extension_additions(ie);
  if (!skipped) return false;
  for (const auto& s : *skipped)
    ignored.push_back(IgnoredIe{s.offset, 0,
                                ie + " extension addition " + std::to_string(s.addition),
                                "an extension addition this version does not know, stepped over "
                                "as its open type (X.691 19.9, 11.2)"});
  return true;
}

std::optional<Bytes> read_octet_string(UperReader& r, const std::string& ie) {
  const auto n = r.length(ie);
  if (!n) return std::nullopt;
  return r.octets(ie, *n);
}

void write_octet_string(UperWriter& w, const Bytes& b, const char* ie) {
  w.length(b.size(), ie);
  w.octets(b);
}

void write_message_start(UperWriter& w, std::uint32_t c1_index, std::uint32_t transaction_id) {
  w.choice(0, 2, false, "message");  // c1
  w.choice(c1_index, 16, false, "message.c1");
  w.whole_number(transaction_id, 4, "rrc-TransactionIdentifier");
  w.choice(0, 2, false, "criticalExtensions");
}

}  // namespace secmode::spec::rrc::dcch
