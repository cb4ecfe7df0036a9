#include "cli/prove_command.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/args.h"
#include "cli/msc.h"
#include "proofs/catalog.h"

namespace secmode::cli {

namespace {

// DIR/<procedure>_<check>.svg, the check's name made a file name.
void write_chart(const std::string& dir, const proofs::Check& check, const proofs::Outcome& r) {
  std::string name = check.procedure + "_" + check.name;
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_' && ch != '-') ch = '_';
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/" + name + ".svg";
  std::ofstream out(path);
  out << counterexample_svg(r.summary, check.clause.empty() ? check.claim : check.clause + ": " + check.claim, r.trace);
  if (!out) throw UsageError("--msc: cannot write " + path);
}

}  // namespace

void add_prove_command(CLI::App& app, int& exit_code) {
  struct Opts {
    bool json = false, mutants = false, summary = false;
    std::string procedure, msc;
  };
  auto o = std::make_shared<Opts>();
  auto* c = app.add_subcommand(
      "prove", "prove the spec's invariants with Z3 (Spacer, unbounded; and bounded model checking), show every rule "
               "fires (witness traces), and with --mutants show each broken rule table violates some invariant");
  std::string names;
  for (std::size_t i = 0; i < proofs::catalog().size(); ++i) {
    const auto& procedure = proofs::catalog()[i].procedure;
    if (i == 0 || procedure != proofs::catalog()[i - 1].procedure) names += (names.empty() ? "" : ", ") + procedure;
  }
  c->add_option("--procedure", o->procedure, "only this procedure (" + names + ")");
  c->add_flag("--mutants", o->mutants, "also run every mutant and print the counterexample that kills it");
  c->add_flag("--json", o->json, "one JSON object per check");
  c->add_flag("--summary", o->summary, "only the one-line results, as kept in proofs/expected.txt");
  c->add_option("--msc", o->msc,
                "also draw each counterexample (of a mutant, or of an invariant that fails) as a message sequence "
                "chart, DIR/<procedure>_<check>.svg");
  c->callback([o, &exit_code] {
    std::size_t passed = 0, failed = 0, known = 0;
    for (const auto& check : proofs::catalog()) {
      if (!o->procedure.empty() && check.procedure != o->procedure) continue;
      if (check.kind == proofs::Check::Kind::mutant && !o->mutants) continue;
      ++known;
      const auto r = check.run();
      r.ok ? ++passed : ++failed;
      const bool counterexample = check.kind == proofs::Check::Kind::mutant || !r.ok;
      if (!o->msc.empty() && counterexample && !r.trace.empty()) write_chart(o->msc, check, r);
      if (o->summary) {
        std::cout << r.summary << '\n';
      } else if (o->json) {
        std::cout << nlohmann::ordered_json{{"procedure", check.procedure},
                                            {"kind", proofs::kind_name(check.kind)},
                                            {"name", check.name},
                                            {"clause", check.clause},
                                            {"claim", check.claim},
                                            {"ok", r.ok},
                                            {"result", r.summary},
                                            {"method", r.method},
                                            {"seconds", r.seconds},
                                            {"trace", r.trace}}
                         .dump()
                  << '\n';
      } else {
        std::cout << (r.ok ? "ok      " : "FAILED  ") << r.summary << "  (" << std::fixed << std::setprecision(2)
                  << r.seconds << " s, " << r.method << ")\n";
        if (check.kind == proofs::Check::Kind::invariant)
          std::cout << "        " << check.clause << ": " << check.claim << '\n';
        // A counterexample is the point of a mutant or a failed invariant; a witness trace is
        // shown only if asked for with --json.
        if (check.kind != proofs::Check::Kind::witness || !r.ok)
          for (const auto& line : r.trace) std::cout << "          " << line << '\n';
      }
    }
    if (known == 0) throw UsageError("--procedure: no procedure named '" + o->procedure + "'");
    if (!o->json && !o->summary) std::cout << passed << " passed, " << failed << " failed\n";
    exit_code = failed == 0 ? 0 : 1;
  });
}

}  // namespace secmode::cli
