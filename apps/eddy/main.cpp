// The `eddy` command: run, validate and explain streaming SQL apps.
#include <mimalloc.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "apps/eddy/app_runner.hpp"
#include "apps/eddy/bench_scenarios.hpp"
#include "apps/eddy/diagnostic.hpp"
#include "apps/eddy/one_brc.hpp"
#include "runtime/actor/engine.hpp"
#include "sql/planner.hpp"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitRuntime = 1;
constexpr int kExitInvalid = 2;

struct Loaded {
  std::string text;
  eddy::Result<eddy::sql::AppPlan> plan;
};

void on_signal(int /*signal*/) {
  eddy::rt::request_stop();
}

int load_and_plan(const std::string& path, const std::vector<std::string>& sets, Loaded& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "error: cannot read '%s'\n", path.c_str());
    return kExitInvalid;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  out.text = ss.str();
  eddy::sql::PlanOptions options;
  for (const auto& s : sets) {
    size_t eq = s.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::fprintf(stderr, "error: --set expects KEY=VALUE, got '%s'\n", s.c_str());
      return kExitInvalid;
    }
    options.overrides.emplace_back(s.substr(0, eq), s.substr(eq + 1));
  }
  out.plan = eddy::sql::plan_app(out.text, options);
  if (!out.plan.is_ok()) {
    std::fputs(eddy::app::render_diagnostic(out.plan.status(), path, out.text).c_str(), stderr);
    return out.plan.status().is_user_error() ? kExitInvalid : kExitRuntime;
  }
  return kExitOk;
}

// `eddy bench scenarios`: 0 when every output count is right, 1 on a mismatch or a failed run.
int bench_scenarios(const eddy::app::BenchOptions& options, bool json) {
  eddy::app::BenchOptions opts = options;
  if (json) {
    opts.on_result = [](const eddy::app::ScenarioResult& r) {
      std::printf("%s\n", eddy::app::format_json_line(r).c_str());
      std::fflush(stdout);
    };
  } else {
    opts.on_result = [](const eddy::app::ScenarioResult& r) {
      std::fprintf(stderr, "%s x%zu: %.3f s %s\n", r.scenario.c_str(), r.partitions, r.seconds,
                   r.correct ? "ok" : "WRONG OUTPUT COUNT");
    };
  }
  auto results = eddy::app::run_scenarios(opts);
  if (!results.is_ok()) {
    std::fputs(eddy::app::render_diagnostic(results.status(), "", "").c_str(), stderr);
    return results.status().is_user_error() ? kExitInvalid : kExitRuntime;
  }
  if (!json) {
    std::fputs(eddy::app::format_table(*results).c_str(), stdout);
  }
  bool all_correct = std::all_of(results->begin(), results->end(),
                                 [](const eddy::app::ScenarioResult& r) { return r.correct; });
  if (!all_correct) {
    std::fputs("error: some scenarios produced the wrong number of rows (marked \u2717)\n", stderr);
  }
  return all_correct ? kExitOk : kExitRuntime;
}

// `eddy bench 1brc`: 0 when every run's results verify, 1 on a mismatch or a failed run.
int bench_one_brc(const eddy::app::OneBrcOptions& options, bool json) {
  eddy::app::OneBrcOptions opts = options;
  if (json) {
    opts.on_result = [](const eddy::app::OneBrcResult& r) {
      std::printf("%s\n", eddy::app::format_one_brc_json_line(r).c_str());
      std::fflush(stdout);
    };
  } else {
    opts.on_result = [](const eddy::app::OneBrcResult& r) {
      std::fprintf(stderr, "1brc x%zu: %.3f s %s\n", r.partitions, r.seconds,
                   r.correct ? "ok" : r.first_mismatch.c_str());
    };
  }
  auto results = eddy::app::run_one_brc(opts);
  if (!results.is_ok()) {
    std::fputs(eddy::app::render_diagnostic(results.status(), "", "").c_str(), stderr);
    return results.status().is_user_error() ? kExitInvalid : kExitRuntime;
  }
  if (!json) {
    std::fputs(eddy::app::format_one_brc_table(*results).c_str(), stdout);
  }
  bool all_correct = std::all_of(results->begin(), results->end(),
                                 [](const eddy::app::OneBrcResult& r) { return r.correct; });
  if (!all_correct) {
    std::fputs("error: some 1brc results did not match the generated input (marked \u2717)\n",
               stderr);
  }
  return all_correct ? kExitOk : kExitRuntime;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Eddy: a streaming SQL engine on an actor runtime"};
  cli.require_subcommand(1);
  // Naming the allocator also keeps the linker from dropping it as unused.
  cli.set_version_flag("--version", "eddy 0.1.0 (allocator: mimalloc " +
                                        std::to_string(mi_version() / 100) + "." +
                                        std::to_string(mi_version() % 100 / 10) + "." +
                                        std::to_string(mi_version() % 10) + ")");

  std::string app_path;
  std::vector<std::string> sets;
  eddy::app::RunOptions run_options;
  size_t explain_partitions = 0;

  CLI::App* run = cli.add_subcommand("run", "Run every job of a SQL app until its sources end");
  run->add_option("app", app_path, "The SQL app (.sql)")->required();
  run->add_option("--partitions,-p", run_options.partitions,
                  "Partition actors per job (default: number of cores)")
      ->check(CLI::Range(1, 1024));
  run->add_option("--threads", run_options.threads, "Scheduler threads (default: number of cores)")
      ->check(CLI::Range(1, 1024));
  run->add_option("--stats-json", run_options.stats_json_path,
                  "Write a JSON summary of the run to this file");
  run->add_option("--set", sets, "Override a WITH property: --set trades.path=data/t.csv");
  run->add_flag("--progress", run_options.progress, "Show a live progress line on stderr");
  run->add_option("--metrics-port", run_options.metrics_port,
                  "Serve Prometheus metrics at http://127.0.0.1:PORT/metrics while running")
      ->check(CLI::Range(0, 65535));

  CLI::App* validate =
      cli.add_subcommand("validate", "Parse, bind and plan a SQL app; print errors; run nothing");
  validate->add_option("app", app_path, "The SQL app (.sql)")->required();
  validate->add_option("--set", sets, "Override a WITH property");

  CLI::App* explain =
      cli.add_subcommand("explain", "Print the operator topology that `run` would start");
  explain->add_option("app", app_path, "The SQL app (.sql)")->required();
  explain->add_option("--set", sets, "Override a WITH property");
  explain->add_option("--partitions,-p", explain_partitions, "Partition actors per job");

  CLI::App* bench = cli.add_subcommand("bench", "Measure the engine on built-in workloads");
  bench->require_subcommand(1);
  eddy::app::BenchOptions bench_options;
  bool bench_json = false;
  CLI::App* scenarios = bench->add_subcommand(
      "scenarios", "Run Velostream's benchmark scenarios (s0..s3b) through the full runtime");
  scenarios->add_option("--records,-n", bench_options.records, "Input records per scenario")
      ->check(CLI::Range(uint64_t{1}, uint64_t{1'000'000'000}))
      ->capture_default_str();
  scenarios
      ->add_option("--partitions,-p", bench_options.partitions,
                   "Partition counts to measure, comma-separated")
      ->delimiter(',')
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  scenarios->add_option("--runs", bench_options.runs, "Runs per measurement (the median is shown)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  scenarios
      ->add_option("--scenario", bench_options.scenarios,
                   "Scenarios to run, comma-separated: s0,s1,s2,s3a,s3b (default: all)")
      ->delimiter(',');
  scenarios->add_flag("--json", bench_json, "Print one JSON object per result line instead");

  eddy::app::OneBrcOptions brc_options;
  CLI::App* brc = bench->add_subcommand(
      "1brc", "The One Billion Row Challenge: per-station MIN/AVG/MAX from a generated file");
  brc->add_option("--rows,-n", brc_options.rows, "Input rows")
      ->check(CLI::Range(uint64_t{1}, uint64_t{10'000'000'000}))
      ->capture_default_str();
  brc->add_option("--partitions,-p", brc_options.partitions,
                  "Partition counts to measure, comma-separated")
      ->delimiter(',')
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  brc->add_option("--runs", brc_options.runs, "Runs per measurement (the median is shown)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  brc->add_option("--seed", brc_options.seed, "Generator seed")->capture_default_str();
  brc->add_option("--dir", brc_options.dir,
                  "Where the input (reused when present) and results go (default: a temp dir)");
  brc->add_flag("--json", bench_json, "Print one JSON object per result line instead");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = cli.exit(e);
    return code == 0 ? kExitOk : kExitInvalid;
  }

  if (brc->parsed()) {
    return bench_one_brc(brc_options, bench_json);
  }
  if (bench->parsed()) {
    return bench_scenarios(bench_options, bench_json);
  }

  Loaded loaded{"", eddy::Status::internal("not planned")};
  if (int rc = load_and_plan(app_path, sets, loaded); rc != kExitOk) {
    return rc;
  }
  const eddy::sql::AppPlan& plan = *loaded.plan;

  if (validate->parsed()) {
    std::fprintf(stderr, "%s: OK, %zu job%s\n", app_path.c_str(), plan.jobs.size(),
                 plan.jobs.size() == 1 ? "" : "s");
    return kExitOk;
  }
  if (explain->parsed()) {
    std::fputs(eddy::app::explain_app(plan, explain_partitions).c_str(), stdout);
    return kExitOk;
  }
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  return eddy::app::run_app(plan, run_options);
}
