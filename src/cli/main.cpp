// `demarche`: the one executable. Subcommands are registered from src/cli/*Command.cpp.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/Commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Démarche — a tabletop cyber-crisis negotiation simulator"};
  app.set_version_flag("--version", std::string("demarche ") + DEMARCHE_VERSION);
  app.require_subcommand(0, 1);
  int exitCode = 0;
  demarche::cli::addValidateCommand(app, exitCode);
  demarche::cli::addSchemaCommand(app, exitCode);
  demarche::cli::addRunCommand(app, exitCode);
  demarche::cli::addReplayCommand(app, exitCode);
  demarche::cli::addSimulateCommand(app, exitCode);
  demarche::cli::addBriefCommand(app, exitCode);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Usage errors exit 2, as documented for every subcommand; --help and --version exit 0.
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (app.get_subcommands().empty()) {
    std::cout << app.help();
  }
  // A failed write to standard output (a full disk, a closed pipe) is not success.
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "demarche: cannot write to standard output\n";
    return 2;
  }
  return exitCode;
}
