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
    const NodeId id = addNode(YamlKind::Null, mark, anchor);
    // A value left empty (`color: #1f77b4`, where '#' starts a comment) is reported by yaml-cpp
    // where the next item starts; place it at its key, where the author looks for it.
    if (const NodeId key = keyOfValue(); key != kNoNode && m_tree.nodes[key].line < m_tree.nodes[id].line) {
      m_tree.nodes[id].line = m_tree.nodes[key].line;
      m_tree.nodes[id].column = m_tree.nodes[key].column;
    }
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

  // The collection being read when parsing stopped (kNoNode at the top level).
  NodeId innermostOpen() const { return m_stack.empty() ? kNoNode : m_stack.back().node; }

 private:
  struct Frame {
    NodeId node;
    std::size_t scratchStart;
  };

  // When the node just added is the value of a mapping entry, that entry's key.
  NodeId keyOfValue() const {
    if (m_stack.empty() || m_tree.nodes[m_stack.back().node].kind != YamlKind::Mapping) return kNoNode;
    const std::size_t inFrame = m_scratch.size() - m_stack.back().scratchStart;
    if (inFrame < 2 || inFrame % 2 != 0) return kNoNode;
    const NodeId key = m_scratch[m_scratch.size() - 2];
    return m_tree.nodes[key].kind == YamlKind::Scalar ? key : kNoNode;
  }

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

// The line `line` (1-based) of `text`, without its newline.
std::string_view lineOf(std::string_view text, int line) {
  std::size_t pos = 0;
  for (int i = 1; i < line && pos != std::string_view::npos; ++i) {
    pos = text.find('\n', pos);
    if (pos != std::string_view::npos) ++pos;
  }
  if (pos == std::string_view::npos || pos > text.size()) return {};
  std::string_view row = text.substr(pos);
  row = row.substr(0, row.find('\n'));
  if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
  return row;
}

// yaml-cpp's messages name its grammar ("illegal map value", "end of sequence not found");
// these say what authors did: a ': ' in plain text, a line indented out of its list or mapping.
void explainSyntaxError(std::string_view text, const YamlTree& tree, NodeId open, YamlError& error) {
  const std::string_view row = lineOf(text, error.line);
  const std::string& what = error.message;
  if (what == YAML::ErrorMsg::MAP_VALUE) {
    // `key: plain text: more` (or `- key: ...`): the value is plain text holding ': '.
    std::size_t start = row.find_first_not_of(' ');
    if (start != std::string_view::npos && row.compare(start, 2, "- ") == 0) start += 2;
    const std::size_t colon =
        start == std::string_view::npos ? std::string_view::npos : row.find(": ", start);
    const std::size_t value = colon == std::string_view::npos ? colon : row.find_first_not_of(' ', colon + 2);
    if (value != std::string_view::npos &&
        std::string_view("\"'{[|>&*!").find(row[value]) == std::string_view::npos &&
        static_cast<int>(value) < error.column) {
      std::string quoted(row.substr(value));
      std::string escaped;
      for (char c : quoted) {
        if (c == '"' || c == '\\') escaped += '\\';
        escaped += c;
      }
      error.message =
          "YAML syntax error: a ': ' inside plain (unquoted) text starts a mapping, so this value "
          "cannot be read as text";
      error.suggestion = "put the text in quotes: " + std::string(row.substr(start, colon - start)) + ": \"" +
                         escaped + "\"";
      return;
    }
    error.message =
        "YAML syntax error: a key where none can be (\"illegal map value\"); probably the "
        "indentation of this line or the one before";
    return;
  }
  const bool sequence = what == YAML::ErrorMsg::END_OF_SEQ;
  if ((sequence || what == YAML::ErrorMsg::END_OF_MAP) && open != kNoNode) {
    const YamlNode& began = tree.nodes[open];
    const bool list = began.kind == YamlKind::Sequence;
    error.message =
        std::string("YAML syntax error, probably the indentation: this line does not line up with ") +
        (list ? "the items of the list" : "the keys of the mapping") + " that began at line " +
        std::to_string(began.line) + " (column " + std::to_string(began.column) + ")";
    error.suggestion =
        list ? "every '- ' of one list starts in the same column; indent this line to column " +
                   std::to_string(began.column) + " if it is an item of that list"
             : "every key of one mapping starts in the same column; indent this line to column " +
                   std::to_string(began.column) + " if it is a key of that mapping";
  }
}

}  // namespace

bool parseYaml(std::string_view text, const YamlLimits& limits, YamlTree& tree, YamlError& error) {
  tree = YamlTree{};
  tree.nodes.reserve(text.size() / 16 + 16);
  tree.children.reserve(text.size() / 16 + 16);
  ViewBuffer buffer(text);
  std::istream in(&buffer);
  TreeBuilder builder(text, limits, tree);
  try {
    YAML::Parser parser(in);
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
    const std::string message = e.msg;
    error = {"E103", message, e.mark.is_null() ? 1 : e.mark.line + 1,
             e.mark.is_null() ? 1 : e.mark.column + 1};
    explainSyntaxError(text, tree, builder.innermostOpen(), error);  // rewrites the messages it knows
    if (error.message == message) error.message = "YAML syntax error: " + message;
    return false;
  }
  return true;
}

}  // namespace demarche::scenario
