// `demarche_peak_rss <result-file> <program> [args...]`: runs the program (its output
// discarded) and writes "<exit code> <peak resident set in KiB>" to the result file (exit
// code -1 when a signal killed it). Tests cannot measure a child's peak RSS themselves: a
// child forked from the test process counts the test's own pages until it execs, and Linux
// keeps that figure; forked from this small process, the child starts small.
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fputs("usage: demarche_peak_rss <result-file> <program> [args...]\n", stderr);
    return 2;
  }
  const pid_t pid = fork();
  if (pid < 0) return 2;
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // a test's watchdog killing us takes the program along
    const int devNull = open("/dev/null", O_WRONLY);
    if (devNull >= 0) {
      dup2(devNull, STDOUT_FILENO);
      dup2(devNull, STDERR_FILENO);
    }
    execv(argv[2], argv + 2);
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) != pid) return 2;
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  FILE* out = std::fopen(argv[1], "w");
  if (out == nullptr) return 2;
  std::fprintf(out, "%d %ld\n", code, usage.ru_maxrss);
  std::fclose(out);
  return 0;
}
