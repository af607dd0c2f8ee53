// Jobs whose partitions parse the source file (JobSpec::row_local): output, counts and error
// reports must be exactly those of the sequential path, for any partition count and chunk size.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>

#include "operators/connectors/connector_factory.hpp"
#include "runtime/actor/engine.hpp"
#include "runtime/actor/job_runtime.hpp"
#include "tests/operators/connectors/test_files.hpp"
#include "tests/runtime/actor/parse_test_support.hpp"
#include "tests/runtime/actor/test_stages.hpp"

namespace eddy::rt {
namespace {

namespace fs = std::filesystem;
using ops::testing::read_file;
using testing::CollectingSink;
using testing::CountingSource;
using testing::DoubleOp;
using testing::file_source_config;
using testing::make_test_source;
using testing::NoWaker;
using testing::run_single_job;
using testing::single_operator_chain;
using testing::SinkLog;
using Dir = ops::testing::TempDir;

SchemaPtr schema() {
  return std::make_shared<const Schema>(
      std::vector<Field>{{"v", DataType::bigint()}, {"s", DataType::varchar()}});
}

// A CSV or JSONL file of `n` records with quoted fields, embedded line breaks, CRLF, blank lines
// and bad records of several kinds.
std::string random_input(uint32_t seed, size_t n, bool jsonl) {
  std::mt19937 rng(seed);
  std::string text = jsonl ? "" : "v,s\r\n";
  for (size_t i = 0; i < n; ++i) {
    const uint32_t kind = rng() % 12;
    const std::string v = std::to_string(static_cast<int64_t>(rng() % 1000) - 500);
    if (jsonl) {
      if (kind == 0) {
        text += "{\"v\": \"no\", \"s\": \"x\"}\n";
      } else if (kind == 1) {
        text += "{broken\n";
      } else if (kind == 2) {
        text += "\n";
      } else {
        text +=
            "{\"v\":" + v + ",\"s\":\"a\\nb \\\"q\\\" " + v + "\"}" + (kind == 3 ? "\r\n" : "\n");
      }
      continue;
    }
    switch (kind) {
      case 0:
        text += "no," + v + "\n";  // v is not a BIGINT
        break;
      case 1:
        text += v + "\n";  // one field
        break;
      case 2:
        text += "\n";
        break;
      case 3:
        text += v + ",\"multi\nline, \"\"quoted\"\"\"\r\n";
        break;
      case 4:
        text += v + ",\"x\"junk\n";  // text after a closing quote
        break;
      default:
        text += v + ",plain" + v + "\n";
    }
  }
  return text;
}

struct Outcome {
  Status status;
  std::string output;
  SourceReport source;
  uint64_t records_out = 0;
};

Outcome run_file_job(const std::string& input, const std::string& format,
                     const std::string& on_error, size_t chunk_size, size_t partitions,
                     bool row_local, const std::string& output,
                     const std::string& dead_letter = "") {
  ops::ConnectorConfig src =
      file_source_config(input, {{"format", format}, {"on.error", on_error}});
  if (!dead_letter.empty()) {
    src.props.set("dlq.path", dead_letter);
    fs::remove(dead_letter);  // dead-letter files are appended to
  }
  src.props.set("batch.size", "5");
  src.props.set("chunk.size", std::to_string(chunk_size));
  ops::ConnectorConfig dst{"dst", {}};
  dst.props.set("type", "file_sink");
  dst.props.set("path", output);
  dst.props.set("format", "jsonl");
  JobSpec job;
  job.name = "job";
  job.source = make_test_source(src, schema());
  auto sink = ops::make_sink(dst, testing::value_schema());
  EXPECT_TRUE(sink.is_ok()) << sink.status().to_string();
  job.sink = std::move(sink).value();
  job.make_chain = single_operator_chain<DoubleOp>();
  job.row_local = row_local;
  RunReport report = run_single_job(std::move(job), partitions);
  Outcome out;
  out.status = report.status;
  out.output = read_file(output);
  out.source = report.jobs.at(0).source;
  out.records_out = report.jobs.at(0).sink.records_out;
  return out;
}

TEST(ParallelParseTest, OutputAndReportMatchTheSequentialPath) {
  Dir dir;
  for (bool jsonl : {false, true}) {
    for (uint32_t seed : {1u, 2u}) {
      const std::string input = dir.file("in" + std::to_string(seed) + (jsonl ? ".jsonl" : ".csv"));
      std::ofstream(input, std::ios::binary) << random_input(seed, 400, jsonl);
      const std::string format = jsonl ? "jsonl" : "csv";
      Outcome expected = run_file_job(input, format, "log_and_continue", 1 << 20, 1,
                                      /*row_local=*/false, dir.file("expected.jsonl"));
      ASSERT_TRUE(expected.status.is_ok()) << expected.status.to_string();
      ASSERT_GT(expected.source.parse_errors, ops::kMaxErrorReports);
      ASSERT_GT(expected.records_out, 200u);
      for (size_t partitions : {1u, 2u, 3u, 4u}) {
        for (size_t chunk_size : {16u, 100u, 1000u, 1u << 20}) {
          SCOPED_TRACE(format + " seed " + std::to_string(seed) + ", partitions " +
                       std::to_string(partitions) + ", chunk size " + std::to_string(chunk_size));
          Outcome got = run_file_job(input, format, "log_and_continue", chunk_size, partitions,
                                     /*row_local=*/true, dir.file("got.jsonl"));
          ASSERT_TRUE(got.status.is_ok()) << got.status.to_string();
          EXPECT_EQ(got.output, expected.output);
          EXPECT_EQ(got.records_out, expected.records_out);
          EXPECT_EQ(got.source.records_in, expected.source.records_in);
          EXPECT_EQ(got.source.parse_errors, expected.source.parse_errors);
          EXPECT_EQ(got.source.bytes_in, expected.source.bytes_in);
          EXPECT_EQ(got.source.first_errors, expected.source.first_errors);
        }
      }
    }
  }
}

TEST(ParallelParseTest, DeadLetterFileMatchesTheSequentialPath) {
  Dir dir;
  for (bool jsonl : {false, true}) {
    const std::string input = dir.file(jsonl ? "in.jsonl" : "in.csv");
    std::ofstream(input, std::ios::binary) << random_input(3, 400, jsonl);
    const std::string format = jsonl ? "jsonl" : "csv";
    Outcome expected = run_file_job(input, format, "dead_letter", 1 << 20, 1, /*row_local=*/false,
                                    dir.file("expected.jsonl"), dir.file("expected_dlq.jsonl"));
    ASSERT_TRUE(expected.status.is_ok()) << expected.status.to_string();
    const std::string expected_dlq = read_file(dir.file("expected_dlq.jsonl"));
    ASSERT_GT(expected.source.parse_errors, 20u);
    ASSERT_EQ(static_cast<uint64_t>(std::count(expected_dlq.begin(), expected_dlq.end(), '\n')),
              expected.source.parse_errors);
    for (size_t partitions : {2u, 3u, 4u}) {
      for (size_t chunk_size : {16u, 100u, 1000u, 1u << 20}) {
        SCOPED_TRACE(format + ", partitions " + std::to_string(partitions) + ", chunk size " +
                     std::to_string(chunk_size));
        Outcome got =
            run_file_job(input, format, "dead_letter", chunk_size, partitions,
                         /*row_local=*/true, dir.file("got.jsonl"), dir.file("dlq.jsonl"));
        ASSERT_TRUE(got.status.is_ok()) << got.status.to_string();
        EXPECT_EQ(got.output, expected.output);
        EXPECT_EQ(read_file(dir.file("dlq.jsonl")), expected_dlq);
        EXPECT_EQ(got.source.parse_errors, expected.source.parse_errors);
        EXPECT_EQ(got.source.first_errors, expected.source.first_errors);
      }
    }
  }
}

TEST(ParallelParseTest, FailModeStopsAtTheFirstBadRecordAfterTheRowsBeforeIt) {
  Dir dir;
  const std::string input = dir.file("in.csv");
  std::string text = "v,s\n";
  for (int i = 0; i < 300; ++i) {
    text += std::to_string(i) + ",\"s\n" + std::to_string(i) + "\"\n";
  }
  text += "oops,1\n";  // line 602
  for (int i = 0; i < 300; ++i) {
    text += i % 50 == 0 ? "bad\n" : std::to_string(i) + ",t\n";
  }
  std::ofstream(input, std::ios::binary) << text;
  Outcome sequential = run_file_job(input, "csv", "fail", 1 << 20, 1, false, dir.file("s.jsonl"));
  ASSERT_FALSE(sequential.status.is_ok());
  EXPECT_NE(sequential.status.to_string().find(input + ":602:"), std::string::npos)
      << sequential.status.to_string();
  std::string before;
  for (int i = 0; i < 300; ++i) {
    before += "{\"v\":" + std::to_string(2 * i) + "}\n";
  }
  EXPECT_EQ(sequential.output, before);
  // (One partition, or a job that is not row local, takes the batch path: the source ends the
  // input at the bad record, and the sink raises the error after every partition passed on the
  // rows before it.)
  for (size_t partitions : {1u, 2u, 3u, 4u}) {
    for (size_t chunk_size : {16u, 333u, 1u << 20}) {
      for (bool row_local : {false, true}) {
        SCOPED_TRACE("partitions " + std::to_string(partitions) + ", chunk size " +
                     std::to_string(chunk_size) + (row_local ? ", row local" : ""));
        Outcome got = run_file_job(input, "csv", "fail", chunk_size, partitions, row_local,
                                   dir.file("p.jsonl"));
        EXPECT_EQ(got.status.to_string(), sequential.status.to_string());
        // The sink reaches the bad record in file order, after writing every row before it.
        EXPECT_EQ(got.output, before);
        EXPECT_EQ(got.source.parse_errors, 1u);
        EXPECT_EQ(got.source.records_in, 300u);
      }
    }
  }
}

TEST(ParallelParseTest, SinkWithoutFormatterGetsTheRowsInFileOrder) {
  Dir dir;
  const std::string input = dir.file("in.csv");
  std::string text = "v,s\n";
  std::vector<int64_t> expected;
  for (int i = 0; i < 2000; ++i) {
    text += std::to_string(i) + ",\"a\nb\"\n";
    expected.push_back(2 * i);
  }
  std::ofstream(input, std::ios::binary) << text;
  for (size_t partitions : {2u, 3u}) {
    auto log = std::make_shared<SinkLog>();
    JobSpec job;
    job.name = "job";
    job.source =
        std::move(ops::make_source(file_source_config(input, {{"chunk.size", "64"}}), schema()))
            .value();
    job.sink = std::make_unique<CollectingSink>(log);
    job.make_chain = single_operator_chain<DoubleOp>();
    job.row_local = true;
    RunReport report = run_single_job(std::move(job), partitions);
    ASSERT_TRUE(report.status.is_ok()) << report.status.to_string();
    EXPECT_EQ(log->values, expected);
    EXPECT_EQ(report.jobs[0].source.records_in, 2000u);
  }
}

TEST(ParallelParseTest, OnlyRowLocalRoundRobinJobsOverPlainFilesParseInPartitions) {
  Dir dir;
  const std::string input = dir.file("in.csv");
  std::ofstream(input) << "v,s\n1,a\n";
  auto make = [&](const std::map<std::string, std::string>& extra, bool row_local,
                  Routing routing) {
    JobSpec job;
    job.name = "job";
    job.source =
        make_test_source(file_source_config(input, {extra.begin(), extra.end()}), schema());
    job.sink = std::make_unique<CollectingSink>(std::make_shared<SinkLog>());
    job.routing = routing;
    job.key_columns = {0};
    job.row_local = row_local;
    return job;
  };
  NoWaker waker;
  std::atomic<bool> stop{false};
  auto parses = [&](JobSpec job, size_t partitions = 2) {
    auto rt = JobRuntime::make(std::move(job), partitions, 4, waker, stop);
    EXPECT_TRUE(rt.is_ok()) << rt.status().to_string();
    return (*rt)->parses_in_partitions();
  };
  EXPECT_TRUE(parses(make({}, true, Routing::kRoundRobin)));
  EXPECT_TRUE(parses(make({{"on.error", "fail"}}, true, Routing::kRoundRobin)));
  EXPECT_TRUE(parses(make({}, true, Routing::kRoundRobin), 3));
  // One partition would do all the work on one thread; the batch path overlaps three.
  EXPECT_FALSE(parses(make({}, true, Routing::kRoundRobin), 1));
  EXPECT_FALSE(parses(make({}, false, Routing::kRoundRobin)));
  EXPECT_FALSE(parses(make({}, true, Routing::kHash)));
  EXPECT_FALSE(parses(make({{"event.time.field", "v"}}, true, Routing::kRoundRobin)));
  // The sink appends the chunks' dead-letter entries in file order.
  EXPECT_TRUE(parses(make({{"on.error", "dead_letter"}, {"dlq.path", dir.file("dlq.jsonl")}}, true,
                          Routing::kRoundRobin)));
  JobSpec generated;
  generated.name = "gen";
  generated.source = std::make_unique<CountingSource>(10, 5);
  generated.sink = std::make_unique<CollectingSink>(std::make_shared<SinkLog>());
  generated.row_local = true;
  EXPECT_FALSE(parses(std::move(generated)));
}

}  // namespace
}  // namespace eddy::rt
