// Hostile scenario files (alias bombs, deep nesting, huge mappings, garbage bytes...) and the
// diagnostic each must be refused with: tests/scenario/HostileInputTest.cpp checks the refusal
// and that the work stays bounded, bench/load_bench.cpp times the loader on them.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace demarche::test {

struct HostileCase {
  std::string name;
  std::string text;
  std::string code;  // the diagnostic expected among the first ones; empty when any error will do
};
// Test names show the case's name, not its bytes.
inline void PrintTo(const HostileCase& c, std::ostream* os) { *os << c.name; }

inline std::string repeatText(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

inline std::vector<HostileCase> hostileCases() {
  std::string bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [" + repeatText(std::string("*") + char(c - 1) + ",", 8) + "*" +
            char(c - 1) + "]\n";
  }
  std::string keys;
  for (int i = 0; i < 300000; ++i) keys += std::to_string(i) + ": 1\n";
  std::string binary;
  for (int i = 0; i < 4096; ++i) binary += static_cast<char>((i * 7919) & 0xFF);
  return {
      {"deep_flow_nesting", "a: " + std::string(100000, '[') + std::string(100000, ']') + "\n", "E108"},
      {"deep_block_nesting",
       [] {
         std::string s;
         for (int i = 0; i < 1000; ++i) s += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
         return s;
       }(),
       "E108"},
      {"alias_bomb", bomb + "format: 1\nid: x\ntitle: x\nactors: *j\nauthors: *j\nlearning_objectives: *j\n",
       ""},
      {"over_size_cap", "# " + std::string(5 * 1024 * 1024, 'x') + "\n", "E102"},
      {"binary_garbage", binary, "E104"},
      {"nul_bytes", std::string("format: 1\nid: a\0b\n", 18), "E104"},
      {"invalid_utf8", "format: 1\ntitle: caf\xC3(\n", "E104"},
      {"several_documents", "format: 1\n---\nformat: 1\n", "E105"},
      {"empty_file", "", "E106"},
      {"scalar_top_level", "hello\n", "E107"},
      {"list_top_level", "- a\n- b\n", "E107"},
      {"lone_comma", ",\n", "E103"},
      {"absurd_numbers",
       "format: 1\nid: a\ntitle: A\nturns: 1e999\nactors: []\nescalation: {initial_tension: .nan, rungs: "
       "[]}\n",
       "E207"},
      {"huge_mapping", keys, "E201"},
  };
}

}  // namespace demarche::test
