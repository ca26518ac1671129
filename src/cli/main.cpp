// `demarche`: the one executable. Subcommands are registered from src/cli/*Command.cpp.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "cli/Commands.hpp"
#include "cli/PlaySupport.hpp"
#include "core/Suggest.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Démarche — a tabletop cyber-crisis negotiation simulator", "demarche"};
  app.set_version_flag("-V,--version", std::string("demarche ") + DEMARCHE_VERSION);
  app.require_subcommand(0, 1);
  // Options of `demarche` itself may also follow the subcommand (`validate f.yaml --color=never`).
  app.fallthrough();
  std::string colour = "auto";
  app.add_option("--color", colour,
                 "Colour diagnostics: auto (a terminal, unless NO_COLOR or TERM=dumb), "
                 "always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  int exitCode = 0;
  demarche::cli::addValidateCommand(app, exitCode);
  demarche::cli::addSchemaCommand(app, exitCode);
  demarche::cli::addRunCommand(app, exitCode);
  demarche::cli::addReplayCommand(app, exitCode);
  demarche::cli::addSimulateCommand(app, exitCode);
  demarche::cli::addBriefCommand(app, exitCode);
  demarche::cli::addPlayCommand(app, exitCode);
  demarche::cli::addCompareCommand(app, exitCode);
  demarche::cli::addServeCommand(app, exitCode);
  // `demarche help SUB` is `demarche SUB --help`; an unknown subcommand gets a suggestion.
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return demarche::cli::playDefault();
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    names.push_back(sub->get_name());
  if (!args.empty() && args[0] == "help") {
    if (args.size() == 1) {
      std::cout << app.help();
      return 0;
    }
    args.erase(args.begin());
    args.insert(args.begin() + 1, "--help");
  }
  if (!args.empty() && !args[0].empty() && args[0][0] != '-' &&
      std::find(names.begin(), names.end(), args[0]) == names.end()) {
    std::cerr << "demarche: no such command '" << args[0] << "'";
    std::string lowered = args[0];  // `demarche Validate` is a typo too
    for (char& c : lowered)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (const std::string near = demarche::closestWord(lowered, names, 3); !near.empty())
      std::cerr << "; did you mean '" << near << "'?";
    std::cerr << "\n(commands: ";
    for (std::size_t i = 0; i < names.size(); ++i) std::cerr << (i ? ", " : "") << names[i];
    std::cerr << "; demarche help COMMAND for its options)\n";
    return 2;
  }
  // The colour is needed by subcommands' callbacks, which CLI11 may run before it stores the
  // option's value; CLI11 still checks the value and refuses an unknown one.
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string value;
    if (args[i].starts_with("--color=")) value = args[i].substr(8);
    if (args[i] == "--color" && i + 1 < args.size()) value = args[i + 1];
    if (value == "always") demarche::cli::setColourChoice(demarche::cli::ColourChoice::Always);
    if (value == "never") demarche::cli::setColourChoice(demarche::cli::ColourChoice::Never);
    if (value == "auto") demarche::cli::setColourChoice(demarche::cli::ColourChoice::Auto);
  }
  try {
    std::reverse(args.begin(), args.end());  // CLI11 takes the arguments last first
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    // Usage errors exit 2, as documented for every subcommand; --help and --version exit 0.
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (app.get_subcommands().empty()) return demarche::cli::playDefault();
  // A failed write to standard output (a full disk, a closed pipe) is not success.
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "demarche: cannot write to standard output\n";
    return 2;
  }
  return exitCode;
}
