#include "apps/eddy/app_runner.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <set>
#include <thread>

#include "apps/eddy/diagnostic.hpp"
#include "apps/eddy/metrics_server.hpp"
#include "operators/connectors/connector_factory.hpp"
#include "operators/connectors/dead_letter_file.hpp"

namespace eddy::app {

namespace {

size_t default_partitions(size_t requested) {
  if (requested > 0) {
    return requested;
  }
  size_t cores = std::thread::hardware_concurrency();
  return cores > 0 ? cores : 1;
}

void write_stats_json(const std::string& path, const rt::RunReport& report) {
  nlohmann::ordered_json root;
  root["elapsed_s"] = report.elapsed_s;
  root["status"] = report.status.is_ok() ? "ok" : report.status.to_string();
  nlohmann::ordered_json sources = nlohmann::ordered_json::object();
  nlohmann::ordered_json sinks = nlohmann::ordered_json::object();
  nlohmann::ordered_json jobs = nlohmann::ordered_json::object();
  for (const auto& job : report.jobs) {
    // Jobs that read the same stream each read their own copy: their counts add up.
    auto& src = sources[job.source.name];
    auto add = [&src](const char* key, uint64_t n) {
      src[key] = (src.contains(key) ? src[key].get<uint64_t>() : 0) + n;
    };
    add("records_in", job.source.records_in);
    add("parse_errors", job.source.parse_errors);
    add("late_dropped", job.source.late_dropped);
    add("bytes_in", job.source.bytes_in);
    sinks[job.sink.name]["records_out"] = job.sink.records_out;
    auto& j = jobs[job.name];
    j["records_in"] = job.source.records_in;
    j["records_out"] = job.sink.records_out;
    j["late_dropped"] = job.source.late_dropped;
    j["rps"] =
        report.elapsed_s > 0 ? static_cast<double>(job.source.records_in) / report.elapsed_s : 0.0;
  }
  root["sources"] = std::move(sources);
  root["sinks"] = std::move(sinks);
  root["jobs"] = std::move(jobs);
  std::ofstream out(path);
  out << root.dump(2) << "\n";
  if (!out) {
    std::fprintf(stderr, "warning: could not write stats to '%s'\n", path.c_str());
  }
}

std::string count_noun(uint64_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

void report_bad_records(const rt::RunReport& report) {
  for (const auto& job : report.jobs) {
    const auto& src = job.source;
    // With on.error = 'fail' the bad record is not skipped but stops the run; the error itself
    // is reported, so only skipped records (which always come with reports) are listed here.
    if (src.parse_errors == 0 || src.first_errors.empty()) {
      continue;
    }
    std::fprintf(stderr, "warning: source '%s' skipped %s\n", src.name.c_str(),
                 count_noun(src.parse_errors, "bad record").c_str());
    for (const auto& e : src.first_errors) {
      std::fprintf(stderr, "  %s\n", e.c_str());
    }
    if (src.parse_errors > src.first_errors.size()) {
      std::fprintf(stderr, "  ... and %llu more\n",
                   static_cast<unsigned long long>(src.parse_errors - src.first_errors.size()));
    }
  }
}

}  // namespace

Result<rt::JobSpec> make_job_spec(const sql::JobPlan& job) {
  rt::JobSpec spec;
  spec.name = job.name;
  EDDY_ASSIGN_OR_RAISE(spec.source, ops::make_source(job.source.config, job.source.schema));
  EDDY_ASSIGN_OR_RAISE(spec.sink, ops::make_sink(job.sink.config, job.sink.schema));
  spec.routing =
      job.routing == sql::PlanRouting::kHash ? rt::Routing::kHash : rt::Routing::kRoundRobin;
  spec.key_columns = job.key_columns;
  spec.partitions = job.partitions;
  spec.row_local = job.row_local();
  // The plan outlives run_jobs, so the factory may refer to it.
  spec.make_chain = [&job](size_t /*partition*/) { return job.make_chain(); };
  return spec;
}

int run_app(const sql::AppPlan& plan, const RunOptions& options) {
  // Dead-letter files are shared (a source's bad records, the partitions' late records, and
  // jobs reading the same stream) and only appended to, so each starts empty once, here.
  std::set<std::string> dead_letter_paths;
  for (const auto& job : plan.jobs) {
    if (!job.dead_letter_path.empty()) {
      dead_letter_paths.insert(job.dead_letter_path);
    }
  }
  for (const auto& path : dead_letter_paths) {
    if (Status st = ops::DeadLetterFile::truncate(path); !st.is_ok()) {
      std::fputs(render_diagnostic(st, "", "").c_str(), stderr);
      return 1;
    }
  }
  std::vector<rt::JobSpec> specs;
  for (const auto& job : plan.jobs) {
    auto spec = make_job_spec(job);
    if (!spec.is_ok()) {
      std::fputs(render_diagnostic(spec.status(), "", "").c_str(), stderr);
      return spec.status().is_user_error() ? 2 : 1;
    }
    specs.push_back(std::move(spec).value());
  }
  rt::EngineOptions engine;
  engine.partitions = default_partitions(options.partitions);
  engine.threads = options.threads;
  MetricsServer metrics;
  if (options.metrics_port >= 0) {
    if (Status st = metrics.start("127.0.0.1", options.metrics_port); !st.is_ok()) {
      std::fputs(render_diagnostic(st, "", "").c_str(), stderr);
      return 1;
    }
    std::fprintf(stderr, "serving metrics at http://127.0.0.1:%d/metrics\n", metrics.port());
  }
  const bool progress = options.progress;
  const bool serve = options.metrics_port >= 0;
  if (progress || serve) {
    engine.on_sample = [progress, serve, &metrics](const rt::MetricsSnapshot& snap) {
      if (serve) {
        metrics.publish(rt::render_prometheus(snap));
      }
      if (progress) {
        std::fprintf(stderr, "\r%s", rt::render_progress(snap).c_str());
      }
    };
  }
  rt::RunReport report = rt::run_jobs(std::move(specs), engine);
  if (options.progress) {
    std::fputs("\r\033[K", stderr);
  }
  report_bad_records(report);
  for (const auto& job : report.jobs) {
    std::string late;
    if (job.source.late_dropped > 0) {
      late = ", " + std::to_string(job.source.late_dropped) + " late";
    }
    std::fprintf(stderr, "%s: %s in, %llu out, %llu bad%s (%.3f s)\n", job.name.c_str(),
                 count_noun(job.source.records_in, "record").c_str(),
                 static_cast<unsigned long long>(job.sink.records_out),
                 static_cast<unsigned long long>(job.source.parse_errors), late.c_str(),
                 report.elapsed_s);
  }
  if (!options.stats_json_path.empty()) {
    write_stats_json(options.stats_json_path, report);
  }
  if (!report.status.is_ok()) {
    std::fputs(render_diagnostic(report.status, "", "").c_str(), stderr);
    return report.status.is_user_error() ? 2 : 1;
  }
  return 0;
}

std::string explain_app(const sql::AppPlan& plan, size_t partitions) {
  std::string out;
  for (const auto& job : plan.jobs) {
    size_t n = job.partitions > 0 ? job.partitions : default_partitions(partitions);
    out += job.explain(n);
  }
  return out;
}

}  // namespace eddy::app
