#include "cli/prove_command.h"

#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "proofs/catalog.h"

namespace secmode::cli {

void add_prove_command(CLI::App& app, int& exit_code) {
  struct Opts { bool json = false; std::string filter; };
  auto o = std::make_shared<Opts>();
  auto* c = app.add_subcommand("prove", "prove the spec's invariants with Z3, and check that each proof's mutant fails");
  c->add_flag("--json", o->json, "one JSON object per proof");
  c->add_option("--only", o->filter, "run only proofs whose procedure/monitor name contains this text");
  c->callback([o, &exit_code] {
    std::size_t proved = 0, failed = 0;
    for (const auto& p : proofs::catalog()) {
      const std::string id = p.procedure + "/" + p.monitor;
      if (!o->filter.empty() && id.find(o->filter) == std::string::npos) continue;
      const auto real = p.prove();
      const auto mutant = p.prove_mutant();
      const bool ok = real.holds && !mutant.holds;
      ok ? ++proved : ++failed;
      if (o->json) {
        std::cout << nlohmann::ordered_json{{"proof", id},
                                            {"clause", p.clause},
                                            {"claim", p.claim},
                                            {"holds", real.holds},
                                            {"counterexample", real.counterexample},
                                            {"mutant", p.mutant},
                                            {"mutant_refuted", !mutant.holds},
                                            {"mutant_counterexample", mutant.counterexample}}
                         .dump()
                  << '\n';
        continue;
      }
      std::cout << (ok ? "proved  " : "FAILED  ") << id << " (" << p.clause << "): " << p.claim << '\n';
      if (!real.holds) std::cout << "        counterexample: " << real.counterexample << '\n';
      std::cout << "        mutant (" << p.mutant << ") " << (mutant.holds ? "NOT refuted" : "refuted") << '\n';
      if (!mutant.holds) std::cout << "        e.g. " << mutant.counterexample << '\n';
    }
    if (!o->json) std::cout << proved << " passed, " << failed << " failed\n";
    exit_code = failed == 0 && proved > 0 ? 0 : 1;
  });
}

}  // namespace secmode::cli
