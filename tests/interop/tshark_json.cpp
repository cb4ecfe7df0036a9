#include "tests/interop/tshark_json.h"

#include <nlohmann/json.hpp>
#include <utility>

namespace secmode::test::interop {
namespace {

// nlohmann's SAX interface: builds the tree of tshark_json.h.
class TreeBuilder {
 public:
  using json = nlohmann::json;
  explicit TreeBuilder(Node& root) { frames_.push_back({&root, true, ""}); }

  bool null() { return add_leaf(""); }
  bool boolean(bool v) { return add_leaf(v ? "1" : "0"); }
  bool number_integer(json::number_integer_t v) { return add_leaf(std::to_string(v)); }
  bool number_unsigned(json::number_unsigned_t v) { return add_leaf(std::to_string(v)); }
  bool number_float(json::number_float_t, const json::string_t& s) { return add_leaf(s); }
  bool string(json::string_t& s) { return add_leaf(s); }
  bool binary(json::binary_t&) { return add_leaf(""); }
  bool key(json::string_t& k) {
    key_ = k;
    return true;
  }
  bool start_object(std::size_t) {
    Node& parent = *frames_.back().node;
    parent.children.push_back({next_key(), "", false, {}});
    frames_.push_back({&parent.children.back(), false, ""});
    return true;
  }
  bool end_object() {
    frames_.pop_back();
    return true;
  }
  bool start_array(std::size_t) {
    frames_.push_back({frames_.back().node, true, next_key()});
    return true;
  }
  bool end_array() {
    frames_.pop_back();
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) {
    error = e.what();
    return false;
  }
  std::string error;

 private:
  struct Frame {
    Node* node;
    bool array;
    std::string array_key;
  };
  std::string next_key() { return frames_.back().array ? frames_.back().array_key : key_; }
  bool add_leaf(std::string v) {
    frames_.back().node->children.push_back({next_key(), std::move(v), true, {}});
    return true;
  }
  std::vector<Frame> frames_;
  std::string key_;
};

}  // namespace

std::string parse_json_tree(std::istream& in, Node& root) {
  TreeBuilder builder(root);
  nlohmann::json::sax_parse(in, &builder);
  return builder.error;
}

const Node* child(const Node* n, std::string_view key) {
  if (!n) return nullptr;
  for (const auto& c : n->children)
    if (c.key == key) return &c;
  return nullptr;
}

std::vector<const Node*> children(const Node* n, std::string_view key) {
  std::vector<const Node*> out;
  if (n)
    for (const auto& c : n->children)
      if (c.key == key) out.push_back(&c);
  return out;
}

const Node* find(const Node* n, std::string_view key) {
  if (!n) return nullptr;
  for (const auto& c : n->children) {
    if (c.key == key) return &c;
    if (const Node* f = find(&c, key)) return f;
  }
  return nullptr;
}

const Node* child_with_prefix(const Node* n, std::string_view prefix) {
  if (!n) return nullptr;
  for (const auto& c : n->children)
    if (c.key.starts_with(prefix)) return &c;
  return nullptr;
}

void collect(const Node& n, std::string_view key, std::vector<const Node*>& out) {
  for (const auto& c : n.children) {
    if (c.key == key) out.push_back(&c);
    collect(c, key, out);
  }
}

std::vector<const Node*> packet_layers(const Node& root) {
  std::vector<const Node*> out;
  for (const auto& packet : root.children)
    out.push_back(child(child(&packet, "_source"), "layers"));
  return out;
}

}  // namespace secmode::test::interop
