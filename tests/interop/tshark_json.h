// tshark's `-T json` output as an ordered tree, and the lookups the comparisons use on it.
//
// tshark -T json repeats keys inside one object (two NAS security header types, one per mechanism
// of a Security-Client line), which a JSON object cannot hold; so the output is read with the SAX
// interface into this ordered tree. Arrays are flattened: each element becomes a node with the
// array's key.
#pragma once

#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace secmode::test::interop {

struct Node {
  std::string key;
  std::string value;  // a leaf's value; empty for objects
  bool leaf = true;
  std::vector<Node> children;
};

// Reads a whole JSON document from `in` into `root`'s children. Returns the parser's message, or
// an empty string when the document parsed.
std::string parse_json_tree(std::istream& in, Node& root);

// The first direct child of n named `key`; nullptr when there is none or n is nullptr.
const Node* child(const Node* n, std::string_view key);
// Every direct child of n named `key`, in document order.
std::vector<const Node*> children(const Node* n, std::string_view key);
// The first node named `key` below n, depth first in document order.
const Node* find(const Node* n, std::string_view key);
// The first direct child of n whose key starts with `prefix`.
const Node* child_with_prefix(const Node* n, std::string_view prefix);
// Appends every node named `key` below n (at any depth, document order) to `out`.
void collect(const Node& n, std::string_view key, std::vector<const Node*>& out);

// The "layers" object of each packet, in frame order (nullptr where a packet has none).
std::vector<const Node*> packet_layers(const Node& root);

}  // namespace secmode::test::interop
