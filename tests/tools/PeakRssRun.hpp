// Runs the built `demarche` with some arguments through demarche_peak_rss (PeakRss.cpp), which
// reads the program's own peak resident set from wait4: a memory bound that holds under the
// sanitizers too, where an address-space limit does not (ASan reserves terabytes it never
// touches). Nothing is timed; `watchdogSeconds` (0 = none) turns a hang into a kill.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace demarche::test {

struct PeakRun {
  bool exited = false;  // false: killed by a signal (a crash, or the watchdog), or not run
  int exitCode = -1;
  long peakRssKiB = 0;
};

// `result` is a scratch file the helper writes its figures to (removed afterwards); the child
// runs in `cwd` (empty = here).
inline PeakRun runWithPeakRss(const std::vector<std::string>& arguments, const std::filesystem::path& result,
                              const std::filesystem::path& cwd = {}, unsigned watchdogSeconds = 0) {
  PeakRun run;
  const std::string resultFile = std::filesystem::absolute(result).string();
  std::vector<const char*> argv = {DEMARCHE_PEAK_RSS, resultFile.c_str(), DEMARCHE_BINARY};
  for (const std::string& a : arguments) argv.push_back(a.c_str());
  argv.push_back(nullptr);
  // Under ASan, freed memory is held in a quarantine (256 MB by default) to catch use after
  // free; it would count in the peak without being the program's. Turned off for the child
  // (other ASAN_OPTIONS kept); a build without ASan ignores the variable.
  const char* inherited = std::getenv("ASAN_OPTIONS");
  const std::string asanOptions = (inherited ? std::string(inherited) + ":" : std::string()) +
                                  "quarantine_size_mb=0:thread_local_quarantine_size_kb=0";
  const pid_t pid = fork();
  if (pid < 0) return run;
  if (pid == 0) {
    setenv("ASAN_OPTIONS", asanOptions.c_str(), 1);
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(127);
    if (watchdogSeconds > 0) alarm(watchdogSeconds);  // kept across exec: kills the helper and the program
    execv(DEMARCHE_PEAK_RSS, const_cast<char* const*>(argv.data()));
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  std::ifstream in(resultFile);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && in >> run.exitCode >> run.peakRssKiB)
    run.exited = run.exitCode >= 0;
  in.close();
  std::error_code ec;
  std::filesystem::remove(resultFile, ec);
  return run;
}

}  // namespace demarche::test
