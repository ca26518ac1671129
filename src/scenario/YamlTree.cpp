// Builds a YamlTree from yaml-cpp parser events (see YamlTree.hpp for why not YAML::Node).
#include "scenario/YamlTree.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <istream>
#include <streambuf>

namespace demarche::scenario {
namespace {

// Lets yaml-cpp read the text in place, without copying it into a stringstream.
class ViewBuffer : public std::streambuf {
 public:
  explicit ViewBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());  // read-only use: setg needs char*
    setg(begin, begin, begin + text.size());
  }
};

// Thrown by the builder to stop parsing at once when a limit is exceeded.
struct LimitExceeded {
  YamlError error;
};

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(std::string_view text, const YamlLimits& limits, YamlTree& tree)
      : m_text(text), m_limits(limits), m_tree(tree) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    addNode(YamlKind::Null, mark, anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (anchor >= m_anchors.size() || m_anchors[anchor] == kNoNode) {
      throw LimitExceeded{
          {"E103", "alias names no anchor defined before it", mark.line + 1, mark.column + 1}};
    }
    const NodeId id = addNode(YamlKind::Alias, mark, 0);
    m_tree.nodes[id].first = m_anchors[anchor];
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    const NodeId id = addNode(YamlKind::Scalar, mark, anchor);
    YamlNode& node = m_tree.nodes[id];
    node.value = value;
    if (tag != "?" && mark.pos >= 0 && static_cast<std::size_t>(mark.pos) < m_text.size()) {
      switch (m_text[static_cast<std::size_t>(mark.pos)]) {
        case '"':
          node.style = ScalarStyle::DoubleQuoted;
          break;
        case '\'':
          node.style = ScalarStyle::SingleQuoted;
          break;
        case '|':
          node.style = ScalarStyle::Literal;
          break;
        case '>':
          node.style = ScalarStyle::Folded;
          break;
        default:
          break;
      }
    }
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(YamlKind::Sequence, mark, anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(YamlKind::Mapping, mark, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    NodeId node;
    std::size_t scratchStart;
  };

  NodeId addNode(YamlKind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (m_tree.nodes.size() >= m_limits.maxNodes) {
      throw LimitExceeded{{"E109",
                           "too many YAML nodes (more than " + std::to_string(m_limits.maxNodes) + ")",
                           mark.line + 1, mark.column + 1}};
    }
    const auto id = static_cast<NodeId>(m_tree.nodes.size());
    YamlNode& node = m_tree.nodes.emplace_back();
    node.kind = kind;
    node.line = mark.line + 1;
    node.column = mark.column + 1;
    if (anchor != 0) {
      if (anchor >= m_anchors.size()) m_anchors.resize(anchor + 1, kNoNode);
      m_anchors[anchor] = id;
    }
    if (m_stack.empty()) {
      m_tree.root = id;
    } else {
      m_scratch.push_back(id);
    }
    return id;
  }

  void open(YamlKind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (static_cast<int>(m_stack.size()) >= m_limits.maxDepth) {
      throw LimitExceeded{{"E108", "nesting deeper than " + std::to_string(m_limits.maxDepth) + " levels",
                           mark.line + 1, mark.column + 1}};
    }
    const NodeId id = addNode(kind, mark, anchor);
    m_stack.push_back({id, m_scratch.size()});
  }

  void close() {
    const Frame frame = m_stack.back();
    m_stack.pop_back();
    YamlNode& node = m_tree.nodes[frame.node];
    node.first = static_cast<std::uint32_t>(m_tree.children.size());
    node.count = static_cast<std::uint32_t>(m_scratch.size() - frame.scratchStart);
    m_tree.children.insert(m_tree.children.end(),
                           m_scratch.begin() + static_cast<std::ptrdiff_t>(frame.scratchStart),
                           m_scratch.end());
    m_scratch.resize(frame.scratchStart);
  }

  std::string_view m_text;
  const YamlLimits& m_limits;
  YamlTree& m_tree;
  std::vector<Frame> m_stack;
  std::vector<NodeId> m_scratch;
  std::vector<NodeId> m_anchors;
};

// Where the second document starts, if a document marker follows content; else 0.
int findSecondDocumentLine(std::string_view text) {
  int line = 1;
  bool seenContent = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view row = text.substr(pos, end - pos);
    const bool marker = row.starts_with("---") || row.starts_with("...");
    if (marker && seenContent) return line;
    const auto first = row.find_first_not_of(" \t\r");
    if (!marker && first != std::string_view::npos && row[first] != '#') seenContent = true;
    pos = end + 1;
    ++line;
  }
  return 0;
}

// The first character that is neither blank nor part of a comment.
void firstContent(std::string_view text, int& line, int& column) {
  line = 1;
  column = 1;
  bool inComment = false;
  for (char c : text) {
    if (c == '\n') {
      ++line;
      column = 1;
      inComment = false;
      continue;
    }
    if (c == '#') inComment = true;
    if (!inComment && c != ' ' && c != '\t' && c != '\r') return;
    ++column;
  }
  line = 1;
  column = 1;
}

}  // namespace

bool parseYaml(std::string_view text, const YamlLimits& limits, YamlTree& tree, YamlError& error) {
  tree = YamlTree{};
  tree.nodes.reserve(text.size() / 16 + 16);
  tree.children.reserve(text.size() / 16 + 16);
  ViewBuffer buffer(text);
  std::istream in(&buffer);
  try {
    YAML::Parser parser(in);
    TreeBuilder builder(text, limits, tree);
    if (!parser.HandleNextDocument(builder) || tree.root == kNoNode) {
      error = {"E106", "the file is empty: expected a mapping with `format: 1` and the scenario's keys", 1,
               1};
      return false;
    }
    if (parser) {
      // More input after the first document: a second document, or text yaml-cpp could not
      // make into one (which YAML::LoadAll would loop on forever).
      if (const int line = findSecondDocumentLine(text); line > 0) {
        error = {"E105", "several YAML documents in one file; a scenario is one document", line, 1};
      } else {
        error = {"E103", "YAML syntax error: unexpected text where a value should start", 1, 1};
        firstContent(text, error.line, error.column);
      }
      return false;
    }
    if (tree.nodes[tree.root].kind == YamlKind::Null) {
      error = {"E106", "the file is empty: expected a mapping with `format: 1` and the scenario's keys", 1,
               1};
      firstContent(text, error.line, error.column);
      return false;
    }
  } catch (const LimitExceeded& e) {
    error = e.error;
    return false;
  } catch (const YAML::DeepRecursion& e) {
    error = {"E108", "nesting too deep", e.mark.line + 1, e.mark.column + 1};
    return false;
  } catch (const YAML::Exception& e) {
    std::string message = e.msg;
    error = {"E103", "YAML syntax error: " + message, e.mark.is_null() ? 1 : e.mark.line + 1,
             e.mark.is_null() ? 1 : e.mark.column + 1};
    return false;
  }
  return true;
}

}  // namespace demarche::scenario
