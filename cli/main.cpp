#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
  CLI::App app{"secmode: reference implementation and conformance oracle for 3GPP security mode procedures"};
  app.require_subcommand(1);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
