#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/args.h"
#include "cli/check_command.h"
#include "cli/codec_command.h"
#include "cli/crypto_command.h"
#include "cli/gen_command.h"
#include "cli/prove_command.h"
#include "spec/crypto/bytes.h"

// Exit codes: 0 done, 1 a check failed (a proof, later a conformance verdict), 2 unusable
// input (one line on stderr naming the argument).
int main(int argc, char** argv) {
  CLI::App app{"secmode: reference implementation and conformance oracle for 3GPP security mode procedures"};
  app.require_subcommand(1);
  int exit_code = 0;
  secmode::cli::add_crypto_command(app);
  secmode::cli::add_prove_command(app, exit_code);
  secmode::cli::add_codec_commands(app, exit_code);
  secmode::cli::add_check_command(app, exit_code);
  secmode::cli::add_gen_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "secmode: " << e.what() << '\n';
    return 2;
  } catch (const secmode::cli::UsageError& e) {
    std::cerr << "secmode: " << e.what() << '\n';
    return 2;
  } catch (const secmode::spec::CryptoArgumentError& e) {
    std::cerr << "secmode: " << e.what() << '\n';
    return 2;
  }
  return exit_code;
}
