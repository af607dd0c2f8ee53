// An embedding program: runs a hand-built topology (user source → user operators → user sink)
// on Eddy's actor runtime, without SQL. Usage: eddy_custom_topology_example [readings] [partitions]
#include <cstdio>
#include <cstdlib>

#include "apps/examples/sensor_topology.hpp"
#include "runtime/actor/engine.hpp"

int main(int argc, char** argv) {
  int64_t readings = argc > 1 ? std::atoll(argv[1]) : 1000;
  eddy::rt::EngineOptions options;
  options.partitions = argc > 2 ? static_cast<size_t>(std::atoll(argv[2])) : 2;

  std::vector<eddy::rt::JobSpec> jobs;
  jobs.push_back(eddy::examples::make_sensor_job(readings, /*threshold=*/95.0, stdout));
  eddy::rt::RunReport report = eddy::rt::run_jobs(std::move(jobs), options);
  if (!report.status.is_ok()) {
    std::fprintf(stderr, "error: %s\n", report.status.to_string().c_str());
    return 1;
  }
  for (const auto& job : report.jobs) {
    std::fprintf(stderr, "%s: %llu readings in, %llu rows out\n", job.name.c_str(),
                 static_cast<unsigned long long>(job.source.records_in),
                 static_cast<unsigned long long>(job.sink.records_out));
  }
  return 0;
}
