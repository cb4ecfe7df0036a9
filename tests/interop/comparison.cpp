#include "tests/interop/comparison.h"

#include <sstream>

#include "tests/interop/known_disagreements.h"

namespace secmode::test::interop {
namespace {

std::string hex(spec::ByteView b, std::size_t max = 64) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  for (std::size_t i = 0; i < b.size() && i < max; ++i) {
    s += digits[b[i] >> 4];
    s += digits[b[i] & 15];
  }
  if (b.size() > max) s += "...";
  return s;
}

std::string colon_hex(spec::ByteView b) {
  std::string s;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i) s += ':';
    s += hex(b.subspan(i, 1));
  }
  return s;
}

}  // namespace

void Comparison::start(std::size_t frame, spec::ByteView pdu) {
  frame_ = frame;
  pdu_ = hex(pdu);
}

void Comparison::field(const std::string& name, const std::string& spec,
                       const std::string& wireshark, const char* known_id) {
  ++compared_;
  if (spec == wireshark) return;
  if (known_id) {
    known(known_id);  // throws on an unknown id
    ++met_[known_id];
    return;
  }
  std::ostringstream s;
  s << family_ << " frame " << frame_ << ": " << name << ": spec " << spec << ", Wireshark "
    << wireshark << "\n    PDU " << pdu_;
  mismatches_.push_back(s.str());
}

void Comparison::problem(const std::string& what) {
  std::ostringstream s;
  s << family_ << " frame " << frame_ << ": " << what << "\n    PDU " << pdu_;
  mismatches_.push_back(s.str());
}

std::string value_of(const Node* n) { return n ? n->value : kAbsent; }

std::string number_of(const Node* n) {
  if (!n) return kAbsent;
  try {
    std::size_t used = 0;
    const auto v = std::stoull(n->value, &used, 0);
    if (used == n->value.size()) return std::to_string(v);
  } catch (const std::exception&) {
  }
  return n->value;
}

void number(Comparison& c, const Node* scope, const char* field, std::uint64_t spec,
            const char* known_id) {
  c.field(field, std::to_string(spec), number_of(child(scope, field)), known_id);
}

void text(Comparison& c, const Node* scope, const char* field, const std::string& spec) {
  c.field(field, spec, value_of(child(scope, field)));
}

void bytes(Comparison& c, const Node* scope, const char* field, spec::ByteView spec,
           const char* known_id) {
  c.field(field, colon_hex(spec), value_of(child(scope, field)), known_id);
}

const Node* ie(Comparison& c, const Node* scope, const std::string& label, bool spec_present) {
  const Node* n = child(scope, label);
  c.field("IE '" + label + "' present", spec_present ? "yes" : "no", n ? "yes" : "no");
  return spec_present ? n : nullptr;
}

void no_other_ies(Comparison& c, const Node* scope, const std::vector<std::string>& expected) {
  if (!scope) return;
  for (const auto& n : scope->children) {
    if (n.leaf) continue;
    bool known_ie = false;
    for (const auto& e : expected) known_ie = known_ie || n.key.starts_with(e);
    if (!known_ie) c.problem("Wireshark shows an IE the spec message does not have: " + n.key);
  }
}

void bitmap(Comparison& c, const Node* scope, const std::array<const char*, 8>& names,
            std::uint8_t octet) {
  for (unsigned k = 0; k < 8; ++k)
    if (*names[k]) number(c, scope, names[k], (octet >> (7 - k)) & 1u);
}

void absent(Comparison& c, const Node* scope, const std::array<const char*, 8>& names) {
  for (const char* name : names)
    if (*name) c.field(name, kAbsent, value_of(child(scope, name)));
}

void expert_problems(Comparison& c, const Node& layers) {
  std::vector<const Node*> experts;
  collect(layers, "_ws.expert", experts);
  for (const Node* e : experts) {
    const std::string severity = number_of(child(e, "_ws.expert.severity"));
    const bool numeric =
        !severity.empty() && severity.find_first_not_of("0123456789") == std::string::npos;
    if (!numeric || std::stoull(severity) >= 0x00400000)
      c.problem("expert info: " + value_of(child(e, "_ws.expert.message")));
  }
  std::vector<const Node*> malformed;
  collect(layers, "_ws.malformed", malformed);
  if (!malformed.empty() && experts.empty()) c.problem("malformed packet");
}

}  // namespace secmode::test::interop
