// A light, read-only YAML tree with source positions, built from yaml-cpp parser events.
// It replaces YAML::Node inside the loader: it is cheaper to build, keeps every key of a
// mapping (so duplicates can be reported), and bounds depth and node count while parsing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace demarche::scenario {

enum class YamlKind : std::uint8_t { Null, Scalar, Sequence, Mapping, Alias };

// How a scalar was written; matters for where the text of an expression starts.
enum class ScalarStyle : std::uint8_t { Plain, SingleQuoted, DoubleQuoted, Literal, Folded };

using NodeId = std::uint32_t;
inline constexpr NodeId kNoNode = 0xFFFFFFFFu;

struct YamlNode {
  YamlKind kind = YamlKind::Null;
  ScalarStyle style = ScalarStyle::Plain;
  int line = 0;             // 1-based
  int column = 0;           // 1-based, in bytes
  std::uint32_t first = 0;  // Sequence/Mapping: index in YamlTree::children; Alias: target node
  std::uint32_t count = 0;  // number of children (a mapping stores key, value, key, value, ...)
  std::string value;        // Scalar text
};

struct YamlTree {
  std::vector<YamlNode> nodes;
  std::vector<NodeId> children;
  NodeId root = kNoNode;

  const YamlNode& at(NodeId id) const { return nodes[id]; }
  // Follows aliases to the node they name (anchors are resolved while building).
  NodeId resolve(NodeId id) const {
    while (id != kNoNode && nodes[id].kind == YamlKind::Alias) id = nodes[id].first;
    return id;
  }
  NodeId child(NodeId id, std::uint32_t i) const { return children[nodes[id].first + i]; }
};

struct YamlLimits {
  int maxDepth = 64;
  std::size_t maxNodes = 2'000'000;
};

// A file-level problem found while parsing: E103 syntax, E105 several documents, E106
// empty, E108 too deep, E109 too many nodes or an alias that names nothing.
struct YamlError {
  YamlError() = default;
  YamlError(std::string code_, std::string message_, int line_, int column_, std::string suggestion_ = {})
      : code(std::move(code_)),
        message(std::move(message_)),
        line(line_),
        column(column_),
        suggestion(std::move(suggestion_)) {}
  std::string code;
  std::string message;
  int line = 1;
  int column = 1;
  std::string suggestion;  // how to fix it, when the cause can be guessed
};

// Parses `text` (already checked to be UTF-8 without NUL bytes). On success fills `tree`
// and returns true; on failure fills `error`.
bool parseYaml(std::string_view text, const YamlLimits& limits, YamlTree& tree, YamlError& error);

}  // namespace demarche::scenario
