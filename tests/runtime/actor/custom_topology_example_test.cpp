// Runs the building blocks of apps/examples/custom_topology.cpp through run_jobs.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "apps/examples/sensor_topology.hpp"

namespace eddy::rt {
namespace {

std::string run_example(int64_t readings, size_t partitions) {
  std::FILE* out = std::tmpfile();
  EXPECT_NE(out, nullptr);
  std::vector<JobSpec> jobs;
  jobs.push_back(examples::make_sensor_job(readings, /*threshold=*/95.0, out));
  EngineOptions options;
  options.partitions = partitions;
  options.threads = 2;
  RunReport report = run_jobs(std::move(jobs), options);
  EXPECT_TRUE(report.status.is_ok()) << report.status.to_string();
  std::rewind(out);
  std::string text;
  char buf[4096];
  size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, out)) > 0) {
    text.append(buf, n);
  }
  std::fclose(out);
  return text;
}

TEST(CustomTopologyExampleTest, PrintsOnlyHotReadingsInFahrenheitInSourceOrder) {
  std::string expected;
  for (int64_t i = 0; i < 1000; ++i) {
    double celsius = static_cast<double>((i * 7) % 50) - 10.0;
    double f = celsius * 9.0 / 5.0 + 32.0;
    if (f >= 95.0) {
      char line[64];
      std::snprintf(line, sizeof line, "sensor=%lld fahrenheit=%.1f\n",
                    static_cast<long long>(i % 5), f);
      expected += line;
    }
  }
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(run_example(1000, 1), expected);
  EXPECT_EQ(run_example(1000, 3), expected);
}

}  // namespace
}  // namespace eddy::rt
