// Checking Spacer's proof with a second solver. When Spacer proves a monitor it has found an
// inductive invariant Inv over the state; that invariant is the proof's certificate, and three
// ground (quantifier-free) obligations make it one:
//   initiation:  Inv(init)
//   consecution: Inv(s) -> Inv(step(s, e))
//   safety:      Inv(s) -> holds(s, e, step(s, e))
// Each obligation's negation is written as SMT-LIB 2 and handed to cvc5, a solver that shares
// no code with Z3; the proof counts only if cvc5 answers "unsat" to all three. So a Spacer bug
// (or a misuse of Spacer here) cannot pass as a proof.
#pragma once

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "model/symbolic.h"

namespace secmode::model {

// What cvc5 said of one SMT-LIB 2 script: "unsat", "sat", "unknown", or why it did not answer.
inline std::string cvc5_verdict(const std::string& smt2) {
  const auto dir = std::filesystem::temp_directory_path();
  const std::string path = (dir / ("secmode-cert-" + std::to_string(::getpid()) + ".smt2")).string();
  {
    std::ofstream f(path);
    f << "(set-logic ALL)\n" << smt2;
  }
  const std::string command = "cvc5 --lang=smt2 " + path + " 2>&1";
  std::FILE* p = ::popen(command.c_str(), "r");
  if (p == nullptr) return "cvc5 could not be started";
  std::string out;
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, p) != nullptr) out += buffer;
  const int status = ::pclose(p);
  std::filesystem::remove(path);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  if (out == "unsat" || out == "sat" || out == "unknown") return out;
  if (status != 0 && out.find("not found") != std::string::npos)
    return "cvc5 is not installed (scripts/setup installs it)";
  return "cvc5 answered: " + out.substr(0, 200);
}

struct Obligation {
  const char* name;
  z3::expr negation;  // unsat when the obligation holds
};

// "" when cvc5 finds every obligation's negation unsat; else which one failed and how.
inline std::string check_with_cvc5(const std::vector<Obligation>& obligations) {
  for (const auto& o : obligations) {
    z3::solver s(z3_context());
    s.add(o.negation);
    const std::string verdict = cvc5_verdict(s.to_smt2());
    if (verdict != "unsat") return std::string(o.name) + ": " + verdict;
  }
  return {};
}

}  // namespace secmode::model
