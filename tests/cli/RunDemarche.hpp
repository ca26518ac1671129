// Runs the built `demarche` binary (DEMARCHE_BINARY) in a shell, capturing its output and exit
// code, for the tests that specify the command line's behaviour; and a scratch directory.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

// g++ 12 reports -Wrestrict falsely on "literal" + std::string chains (GCC bug 105651).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wrestrict"
#endif

namespace demarche::test {

struct CliResult {
  std::string output;  // stdout and stderr, interleaved
  int exitCode = -1;
};

// A shell command line: what it writes to standard output (add 2>&1 for both) and its exit code.
inline CliResult runShell(const std::string& command) {
  CliResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), n);
  const int status = pclose(pipe);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// `arguments` are appended as written (quote paths with spaces); `cwd` is where it runs. A hang
// is turned into a failure by ctest's per-test TIMEOUT; nothing here is timed.
inline CliResult runCli(const std::string& arguments,
                        const std::filesystem::path& cwd = DEMARCHE_SOURCE_DIR) {
  return runShell("cd \"" + cwd.string() + "\" && \"" + std::string(DEMARCHE_BINARY) + "\" " + arguments +
                  " 2>&1");
}

inline std::string readText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void writeText(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// A fresh directory under the system's temporary directory, removed at the end of the test.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name)
      : m_path(std::filesystem::temp_directory_path() /
               ("demarche-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(m_path);
    std::filesystem::create_directories(m_path);
  }
  ~ScratchDir() { std::filesystem::remove_all(m_path); }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

 private:
  std::filesystem::path m_path;
};

inline std::string sourcePath(const std::string& relative) {
  return std::string(DEMARCHE_SOURCE_DIR) + "/" + relative;
}

}  // namespace demarche::test
