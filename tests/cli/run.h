// Runs the secmode binary as a user would: arguments on a shell command line, optional stdin,
// and the exit status, stdout and stderr back.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace secmode::test {

struct CliRun {
  int status;
  std::string out, err;
};

inline std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// `stdin_text`, when given, is written to a file and fed to the binary's standard input.
inline CliRun secmode_cli(const std::string& args, const std::string* stdin_text = nullptr) {
  const std::string dir = ::testing::TempDir();
  // Unique per process: ctest runs the cases of this file in parallel processes.
  const std::string stem = dir + "/secmode_cli_" + std::to_string(::getpid());
  const std::string out = stem + ".out", err = stem + ".err";
  std::string cmd = std::string(SECMODE_CLI) + " " + args + " >" + out + " 2>" + err;
  if (stdin_text) {
    const std::string in = stem + ".in";
    std::ofstream(in) << *stdin_text;
    cmd += " <" + in;
  }
  const int raw = std::system(cmd.c_str());
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(out), slurp(err)};
}

}  // namespace secmode::test
