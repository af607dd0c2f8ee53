// Keyed (hash-routed) jobs over a file whose chunks N parser actors parse (the ordered exchange):
// every partition must see its keys' rows in exact file order, and the output, counts and
// bad-record reports must be those of the sequential path, for any partition count and chunk
// size.
#include <gtest/gtest.h>

#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <random>
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
using testing::CollectingSink;
using testing::file_source_config;
using testing::make_test_source;
using testing::NoWaker;
using testing::run_single_job;
using testing::SelectionOperator;
using testing::single_operator_chain;
using testing::SinkLog;
using Dir = ops::testing::TempDir;

constexpr int64_t kIdScale = 1000000;

SchemaPtr schema() {
  return std::make_shared<const Schema>(std::vector<Field>{
      {"k", DataType::bigint()}, {"id", DataType::bigint()}, {"s", DataType::varchar()}});
}

/// For every row, in the order it sees them, emits k * kIdScale + id (an EMIT CHANGES stream
/// whose per-key order is the order the partition saw the key's rows); at the end, emits
/// -(k * kIdScale + rows of k) per key. Reads a shared batch through its selection.
class KeyOrderOp final : public SelectionOperator {
 public:
  const SchemaPtr& output_schema() const override { return schema_; }
  Status push_rows(const BatchPtr& batch, const uint32_t* rows, size_t n,
                   ops::Emitter& out) override {
    const int64_t* k = batch->column(0)->i64();
    const int64_t* id = batch->column(1)->i64();
    std::vector<int64_t> values;
    for (size_t i = 0; i < n; ++i) {
      ++counts_[k[rows[i]]];
      values.push_back(k[rows[i]] * kIdScale + id[rows[i]]);
    }
    out.emit(testing::make_values(values));
    return Status::ok();
  }
  Status finish(ops::Emitter& out) override {
    std::vector<int64_t> values;
    for (const auto& [k, n] : counts_) {
      values.push_back(-(k * kIdScale + n));
    }
    if (!values.empty()) {
      out.emit(testing::make_values(values));
    }
    return Status::ok();
  }
  std::string describe() const override { return "KeyOrder"; }

 private:
  SchemaPtr schema_ = testing::value_schema();
  std::map<int64_t, int64_t> counts_;
};

// `n` records of a few dozen keys with quoted fields, embedded line breaks, CRLF, blank lines
// and bad records of several kinds; good records have increasing ids.
std::string random_input(uint32_t seed, size_t n, bool jsonl) {
  std::mt19937 rng(seed);
  std::string text = jsonl ? "" : "k,id,s\r\n";
  int64_t id = 0;
  for (size_t i = 0; i < n; ++i) {
    const uint32_t kind = rng() % 14;
    const std::string k = std::to_string(rng() % 37);
    const std::string ids = std::to_string(id);
    if (jsonl) {
      if (kind == 0) {
        text += "{\"k\": \"no\", \"id\": 1}\n";
      } else if (kind == 1) {
        text += "{broken\n";
      } else if (kind == 2) {
        text += "\n";
      } else {
        text += "{\"k\":" + k + ",\"id\":" + ids + ",\"s\":\"a\\nb \\\"q\\\"\"}" +
                (kind == 3 ? "\r\n" : "\n");
        ++id;
      }
      continue;
    }
    switch (kind) {
      case 0:
        text += "no," + ids + ",x\n";  // k is not a BIGINT
        break;
      case 1:
        text += k + "\n";  // one field
        break;
      case 2:
        text += "\n";
        break;
      case 3:
        text += k + "," + ids + ",\"multi\nline, \"\"quoted\"\"\"\r\n";
        ++id;
        break;
      case 4:
        text += k + "," + ids + ",\"x\"junk\n";  // text after a closing quote
        break;
      default:
        text += k + "," + ids + ",plain\n";
        ++id;
    }
  }
  return text;
}

struct Outcome {
  Status status;
  std::vector<int64_t> values;
  SourceReport source;
  uint64_t records_out = 0;
  JobMetrics metrics;  // the final sample
};

JobSpec keyed_job(const std::string& input, const std::string& format,
                  const std::map<std::string, std::string>& extra, std::shared_ptr<SinkLog> log) {
  ops::ConnectorConfig src = file_source_config(input, {{"format", format}, {"batch.size", "7"}});
  for (const auto& [k, v] : extra) {
    src.props.set(k, v);
  }
  JobSpec job;
  job.name = "job";
  job.source = make_test_source(src, schema());
  job.sink = std::make_unique<CollectingSink>(std::move(log));
  job.routing = Routing::kHash;
  job.key_columns = {0};
  job.make_chain = single_operator_chain<KeyOrderOp>();
  return job;
}

// Runs `job` alone on `partitions` partitions with small channels (which exercise the wake-up
// handshakes), its file parsed by parser actors when `parallel` and the job allows it.
RunReport run_keyed_job(JobSpec job, size_t partitions, bool parallel) {
  job.parse_in_parallel = parallel;
  return run_single_job(std::move(job), partitions, /*queue_capacity=*/2);
}

Outcome run_keyed(const std::string& input, const std::string& format, size_t chunk_size,
                  size_t partitions, bool parallel) {
  auto log = std::make_shared<SinkLog>();
  RunReport report =
      run_keyed_job(keyed_job(input, format, {{"chunk.size", std::to_string(chunk_size)}}, log),
                    partitions, parallel);
  Outcome out;
  out.status = report.status;
  out.values = log->values;
  out.source = report.jobs.at(0).source;
  out.records_out = report.jobs.at(0).sink.records_out;
  out.metrics = report.metrics.jobs.at(0);
  return out;
}

// Each key's changes in the order they were emitted (the order its partition saw its rows),
// then its final count.
std::map<int64_t, std::vector<int64_t>> per_key(const std::vector<int64_t>& values) {
  std::map<int64_t, std::vector<int64_t>> out;
  for (int64_t v : values) {
    const int64_t abs = v < 0 ? -v : v;
    out[abs / kIdScale].push_back(v);
  }
  return out;
}

TEST(KeyedParseTest, EveryKeySeesItsRowsInFileOrderAndCountsMatchTheSequentialPath) {
  Dir dir;
  for (bool jsonl : {false, true}) {
    for (uint32_t seed : {1u, 2u}) {
      const std::string input = dir.file("in" + std::to_string(seed) + (jsonl ? ".jsonl" : ".csv"));
      std::ofstream(input, std::ios::binary) << random_input(seed, 600, jsonl);
      const std::string format = jsonl ? "jsonl" : "csv";
      Outcome expected = run_keyed(input, format, 1 << 20, 1, /*parallel=*/false);
      ASSERT_TRUE(expected.status.is_ok()) << expected.status.to_string();
      ASSERT_GT(expected.source.parse_errors, ops::kMaxErrorReports);
      ASSERT_GT(expected.source.records_in, 300u);
      const auto expected_keys = per_key(expected.values);
      // The reference itself: ids increase along every key, then its count.
      for (const auto& [k, seq] : expected_keys) {
        ASSERT_TRUE(std::is_sorted(seq.begin(), seq.end() - 1)) << "key " << k;
        ASSERT_EQ(seq.back(), -(k * kIdScale + static_cast<int64_t>(seq.size()) - 1));
      }
      for (size_t partitions : {2u, 3u, 4u}) {
        for (size_t chunk_size : {16u, 100u, 1000u, 1u << 20}) {
          SCOPED_TRACE(format + " seed " + std::to_string(seed) + ", partitions " +
                       std::to_string(partitions) + ", chunk size " + std::to_string(chunk_size));
          Outcome got = run_keyed(input, format, chunk_size, partitions, /*parallel=*/true);
          ASSERT_TRUE(got.status.is_ok()) << got.status.to_string();
          EXPECT_EQ(per_key(got.values), expected_keys);
          EXPECT_EQ(got.records_out, expected.records_out);
          EXPECT_EQ(got.source.records_in, expected.source.records_in);
          EXPECT_EQ(got.source.parse_errors, expected.source.parse_errors);
          EXPECT_EQ(got.source.bytes_in, expected.source.bytes_in);
          EXPECT_EQ(got.source.first_errors, expected.source.first_errors);
          // The final sample: the parsers' rows add up, and partition 0 published the totals.
          EXPECT_EQ(got.metrics.records_in, expected.source.records_in);
          EXPECT_EQ(got.metrics.parse_errors, expected.source.parse_errors);
          uint64_t parsed = 0;
          size_t parsers = 0;
          for (const auto& actor : got.metrics.actors) {
            if (actor.kind == ActorKind::kParser) {
              ++parsers;
              parsed += actor.records_in;
            }
          }
          EXPECT_EQ(parsers, partitions);
          EXPECT_EQ(parsed, expected.source.records_in);
        }
      }
    }
  }
}

TEST(KeyedParseTest, EmptyAndTinyFilesEndEveryPartition) {
  Dir dir;
  for (const std::string& text : {std::string("k,id,s\n"), std::string("k,id,s\n1,0,a\n"),
                                  std::string("k,id,s\nbad\n2,0,b\n3,1,c\n")}) {
    const std::string input = dir.file("in.csv");
    std::ofstream(input, std::ios::binary) << text;
    Outcome expected = run_keyed(input, "csv", 1 << 20, 1, false);
    ASSERT_TRUE(expected.status.is_ok()) << expected.status.to_string();
    for (size_t partitions : {2u, 4u}) {
      for (size_t chunk_size : {16u, 1u << 20}) {
        Outcome got = run_keyed(input, "csv", chunk_size, partitions, true);
        ASSERT_TRUE(got.status.is_ok()) << got.status.to_string();
        EXPECT_EQ(per_key(got.values), per_key(expected.values));
        EXPECT_EQ(got.source.records_in, expected.source.records_in);
        EXPECT_EQ(got.source.parse_errors, expected.source.parse_errors);
        EXPECT_EQ(got.source.first_errors, expected.source.first_errors);
      }
    }
  }
}

// Event time: rows with timestamps that wander backwards (some later than the allowed
// out-of-orderness), bad records and blank lines; ids increase along the file.
std::string event_time_input(uint32_t seed, size_t n) {
  std::mt19937 rng(seed);
  std::string text = "k,id,t\n";
  int64_t t = 1000000;
  int64_t id = 0;
  for (size_t i = 0; i < n; ++i) {
    const uint32_t kind = rng() % 20;
    const std::string k = std::to_string(rng() % 23);
    if (kind == 0) {
      text += k + "," + std::to_string(id) + ",never\n";  // the event time does not parse
      continue;
    }
    if (kind == 1) {
      text += k + "," + std::to_string(id) + ",\n";  // no event time
      continue;
    }
    if (kind == 2) {
      text += "\n";
      continue;
    }
    t += static_cast<int64_t>(rng() % 50);
    if (kind == 3) {
      t += 5000;  // a jump ahead: the rows just behind it become late
    }
    // Up to 3 s behind the largest time so far, with 1 s of allowed disorder.
    const int64_t row_t = t - static_cast<int64_t>(rng() % 3000);
    text += k + "," + std::to_string(id) + "," + std::to_string(row_t) + "\n";
    ++id;
  }
  return text;
}

/// For every row, the watermark an event-time operator judges it by: the larger of the row's
/// own and the last one the operator got (as WindowedAggregate and SessionAggregate take it).
/// Counts as late the rows whose event time is below it; emits (id, watermark) pairs as it takes
/// the rows. Checks that watermarks never go back.
class WatermarkProbe final : public SelectionOperator {
 public:
  const SchemaPtr& output_schema() const override { return schema_; }
  Status push_rows(const BatchPtr& batch, const uint32_t* rows, size_t n,
                   ops::Emitter& out) override {
    if (!batch->event_time() || !batch->row_watermark()) {
      return Status::internal("WatermarkProbe: a batch without event time");
    }
    const int64_t* id = batch->column(1)->i64();
    const int64_t* t = batch->event_time()->i64();
    const int64_t* row_wm = batch->row_watermark()->i64();
    std::vector<int64_t> seen;
    for (size_t i = 0; i < n; ++i) {
      const int64_t wm = std::max(watermark_, row_wm[rows[i]]);
      seen.push_back(id[rows[i]]);
      seen.push_back(wm);
      if (t[rows[i]] < wm) {
        ++stats_.late_dropped;
      }
    }
    out.emit(testing::make_values(seen));
    return Status::ok();
  }
  Status on_watermark(int64_t watermark, ops::Emitter&) override {
    if (watermark < watermark_) {
      return Status::internal("WatermarkProbe: the watermark went back");
    }
    watermark_ = watermark;
    return Status::ok();
  }
  Status finish(ops::Emitter&) override {
    if (watermark_ != ops::kWatermarkMax) {
      return Status::internal("WatermarkProbe: finished before the final watermark");
    }
    return Status::ok();
  }
  ops::OperatorStats stats() const override { return stats_; }
  std::string describe() const override { return "WatermarkProbe"; }

 private:
  SchemaPtr schema_ = testing::value_schema();
  int64_t watermark_ = std::numeric_limits<int64_t>::min();
  ops::OperatorStats stats_;
};

struct EventTimeOutcome {
  Status status;
  std::map<int64_t, int64_t> watermarks;  // by row id
  SourceReport source;
  size_t parsers = 0;
};

EventTimeOutcome run_event_time(const std::string& input, size_t chunk_size, size_t partitions,
                                bool parallel, const std::string& on_error = "log_and_continue") {
  const ops::ConnectorConfig src =
      file_source_config(input, {{"format", "csv"},
                                 {"batch.size", "7"},
                                 {"chunk.size", std::to_string(chunk_size)},
                                 {"event.time.field", "t"},
                                 {"watermark.max_out_of_orderness", "1s"},
                                 {"on.error", on_error}});
  auto log = std::make_shared<SinkLog>();
  JobSpec job;
  job.name = "job";
  job.source = make_test_source(
      src, std::make_shared<const Schema>(std::vector<Field>{
               {"k", DataType::bigint()}, {"id", DataType::bigint()}, {"t", DataType::bigint()}}));
  job.sink = std::make_unique<CollectingSink>(log);
  job.routing = Routing::kHash;
  job.key_columns = {0};
  job.make_chain = single_operator_chain<WatermarkProbe>();
  RunReport report = run_keyed_job(std::move(job), partitions, parallel);
  EventTimeOutcome out;
  out.status = report.status;
  for (size_t i = 0; i + 1 < log->values.size(); i += 2) {
    EXPECT_TRUE(out.watermarks.emplace(log->values[i], log->values[i + 1]).second)
        << "row " << log->values[i] << " seen twice";
  }
  out.source = report.jobs.at(0).source;
  for (const auto& actor : report.metrics.jobs.at(0).actors) {
    out.parsers += actor.kind == ActorKind::kParser ? 1 : 0;
  }
  return out;
}

TEST(KeyedParseTest, EventTimeRowsGetTheSequentialWatermarksAndLatenessOnTheExchange) {
  Dir dir;
  for (uint32_t seed : {5u, 6u}) {
    const std::string input = dir.file("events" + std::to_string(seed) + ".csv");
    std::ofstream(input, std::ios::binary) << event_time_input(seed, 1500);
    EventTimeOutcome expected = run_event_time(input, 1 << 20, 1, /*parallel=*/false);
    ASSERT_TRUE(expected.status.is_ok()) << expected.status.to_string();
    ASSERT_GT(expected.watermarks.size(), 1000u);
    // The input has late rows and rows that are not; the first row has no watermark yet.
    ASSERT_GT(expected.source.late_dropped, 20u);
    ASSERT_LT(expected.source.late_dropped, 700u);
    ASSERT_EQ(expected.watermarks.at(0), std::numeric_limits<int64_t>::min());
    for (size_t partitions : {1u, 2u, 3u, 4u}) {
      for (size_t chunk_size : {16u, 100u, 1000u, 1u << 20}) {
        for (bool parallel : {false, true}) {
          SCOPED_TRACE("seed " + std::to_string(seed) + ", partitions " +
                       std::to_string(partitions) + ", chunk size " + std::to_string(chunk_size) +
                       (parallel ? ", exchange" : ", sequential"));
          EventTimeOutcome got = run_event_time(input, chunk_size, partitions, parallel);
          ASSERT_TRUE(got.status.is_ok()) << got.status.to_string();
          EXPECT_EQ(got.parsers, parallel && partitions > 1 ? partitions : 0);
          EXPECT_EQ(got.watermarks, expected.watermarks);
          EXPECT_EQ(got.source.late_dropped, expected.source.late_dropped);
          EXPECT_EQ(got.source.records_in, expected.source.records_in);
          EXPECT_EQ(got.source.parse_errors, expected.source.parse_errors);
          EXPECT_EQ(got.source.first_errors, expected.source.first_errors);
        }
      }
    }
    // With on.error = 'fail' the run stops at the first bad record, after exactly the rows
    // before it, each judged by the watermark a sequential read gives it.
    EventTimeOutcome expected_fail = run_event_time(input, 1 << 20, 1, false, "fail");
    ASSERT_FALSE(expected_fail.status.is_ok());
    ASSERT_GT(expected_fail.watermarks.size(), 3u);
    ASSERT_LT(expected_fail.watermarks.size(), expected.watermarks.size());
    for (const auto& [id, wm] : expected_fail.watermarks) {
      ASSERT_EQ(wm, expected.watermarks.at(id)) << "row " << id;
    }
    for (size_t partitions : {2u, 4u}) {
      for (size_t chunk_size : {16u, 1000u}) {
        SCOPED_TRACE("seed " + std::to_string(seed) + ", fail, partitions " +
                     std::to_string(partitions) + ", chunk size " + std::to_string(chunk_size));
        EventTimeOutcome got = run_event_time(input, chunk_size, partitions, true, "fail");
        EXPECT_EQ(got.status.to_string(), expected_fail.status.to_string());
        EXPECT_EQ(got.watermarks, expected_fail.watermarks);
        EXPECT_EQ(got.source.late_dropped, expected_fail.source.late_dropped);
        EXPECT_EQ(got.source.records_in, expected_fail.source.records_in);
      }
    }
  }
}

TEST(KeyedParseTest, DeadLetterFileMatchesTheSequentialPath) {
  Dir dir;
  for (bool jsonl : {false, true}) {
    const std::string input = dir.file(jsonl ? "in.jsonl" : "in.csv");
    std::ofstream(input, std::ios::binary) << random_input(4, 600, jsonl);
    const std::string format = jsonl ? "jsonl" : "csv";
    auto run = [&](size_t chunk_size, size_t partitions, bool parallel, std::string& dead) {
      const std::string dlq = dir.file("dlq.jsonl");
      fs::remove(dlq);  // dead-letter files are appended to
      auto log = std::make_shared<SinkLog>();
      RunReport report = run_keyed_job(keyed_job(input, format,
                                                 {{"chunk.size", std::to_string(chunk_size)},
                                                  {"on.error", "dead_letter"},
                                                  {"dlq.path", dlq}},
                                                 log),
                                       partitions, parallel);
      EXPECT_TRUE(report.status.is_ok()) << report.status.to_string();
      dead = ops::testing::read_file(dlq);
      return std::make_pair(per_key(log->values), report.jobs.at(0).source);
    };
    std::string expected_dlq;
    auto expected = run(1 << 20, 1, /*parallel=*/false, expected_dlq);
    ASSERT_GT(expected.second.parse_errors, 20u);
    ASSERT_EQ(static_cast<uint64_t>(std::count(expected_dlq.begin(), expected_dlq.end(), '\n')),
              expected.second.parse_errors);
    for (size_t partitions : {2u, 3u, 4u}) {
      for (size_t chunk_size : {16u, 100u, 1000u, 1u << 20}) {
        SCOPED_TRACE(format + ", partitions " + std::to_string(partitions) + ", chunk size " +
                     std::to_string(chunk_size));
        std::string dlq;
        auto got = run(chunk_size, partitions, /*parallel=*/true, dlq);
        EXPECT_EQ(got.first, expected.first);
        EXPECT_EQ(dlq, expected_dlq);
        EXPECT_EQ(got.second.parse_errors, expected.second.parse_errors);
        EXPECT_EQ(got.second.first_errors, expected.second.first_errors);
      }
    }
  }
}

TEST(KeyedParseTest, FailModeStopsAtTheFirstBadRecordAfterExactlyTheRowsBeforeIt) {
  Dir dir;
  constexpr int64_t kRows = 150;
  // Bad records before row 0 (the first record), inside, and after the last row (the last
  // record); with 16-byte chunks every record is a chunk of its own.
  for (int64_t bad_at : {int64_t{0}, int64_t{1}, int64_t{13}, int64_t{77}, kRows}) {
    const std::string input = dir.file("in" + std::to_string(bad_at) + ".csv");
    std::string text = "k,id,s\n";
    std::vector<int64_t> before;
    for (int64_t id = 0; id <= kRows; ++id) {
      if (id == bad_at) {
        text += "7,x,bad\n";  // line bad_at + 2
      }
      if (id == kRows) {
        break;
      }
      if (id == bad_at + 20) {
        text += "oops\n";  // a later bad record is never reached
      }
      text += std::to_string(id % 7) + "," + std::to_string(id) + ",s\n";
      if (id < bad_at) {
        before.push_back((id % 7) * kIdScale + id);
      }
    }
    std::ofstream(input, std::ios::binary) << text;
    std::vector<int64_t> sorted_before = before;
    std::sort(sorted_before.begin(), sorted_before.end());
    const std::string error = input + ":" + std::to_string(bad_at + 2) + ": ";
    for (size_t partitions : {1u, 2u, 3u, 4u}) {
      for (size_t chunk_size : {16u, 23u, 64u, 1u << 20}) {
        for (bool parallel : {false, true}) {
          SCOPED_TRACE("bad record before row " + std::to_string(bad_at) + ", partitions " +
                       std::to_string(partitions) + ", chunk size " + std::to_string(chunk_size) +
                       (parallel ? ", exchange" : ", sequential"));
          auto log = std::make_shared<SinkLog>();
          RunReport report = run_keyed_job(
              keyed_job(input, "csv",
                        {{"chunk.size", std::to_string(chunk_size)}, {"on.error", "fail"}}, log),
              partitions, parallel);
          ASSERT_FALSE(report.status.is_ok());
          EXPECT_EQ(report.status.code(), StatusCode::kDataError);
          EXPECT_EQ(report.status.message().rfind(error, 0), 0u) << report.status.to_string();
          // Every row before the bad record went through its partition (which emits each row
          // as it takes it), none after it did, and nothing was finished.
          std::vector<int64_t> got = log->values;
          std::sort(got.begin(), got.end());
          EXPECT_EQ(got, sorted_before);
          EXPECT_EQ(per_key(log->values), per_key(before));
          EXPECT_EQ(report.jobs.at(0).source.records_in, static_cast<uint64_t>(bad_at));
          EXPECT_EQ(report.jobs.at(0).source.parse_errors, 1u);
        }
      }
    }
  }
}

TEST(KeyedParseTest, OnlyKeyedJobsOverFilesWithoutDeadLetterFileUseParsers) {
  Dir dir;
  const std::string input = dir.file("in.csv");
  std::ofstream(input) << "k,id,s\n1,0,a\n";
  NoWaker waker;
  std::atomic<bool> stop{false};
  auto parsers = [&](const std::map<std::string, std::string>& extra, size_t partitions = 2,
                     Routing routing = Routing::kHash, bool parallel = true) {
    JobSpec job = keyed_job(input, "csv", extra, std::make_shared<SinkLog>());
    job.routing = routing;
    job.parse_in_parallel = parallel;
    auto rt = JobRuntime::make(std::move(job), partitions, 4, waker, stop);
    EXPECT_TRUE(rt.is_ok()) << rt.status().to_string();
    EXPECT_FALSE((*rt)->parses_in_partitions());
    EXPECT_EQ((*rt)->parsers().size(), (*rt)->parses_in_parsers() ? partitions : 0);
    return (*rt)->parses_in_parsers();
  };
  EXPECT_TRUE(parsers({}));
  EXPECT_TRUE(parsers({}, 4));
  EXPECT_TRUE(parsers({{"format", "jsonl"}}));
  // The run stops at the file's first bad record, after exactly the rows before it.
  EXPECT_TRUE(parsers({{"on.error", "fail"}}));
  EXPECT_FALSE(parsers({}, 1));
  EXPECT_FALSE(parsers({}, 2, Routing::kRoundRobin));
  EXPECT_FALSE(parsers({}, 2, Routing::kHash, /*parallel=*/false));
  // Each partition adds the chunks' watermarks in file order.
  EXPECT_TRUE(parsers({{"event.time.field", "id"}}));
  // Partition 0 appends the chunks' dead-letter entries in file order.
  EXPECT_TRUE(parsers({{"on.error", "dead_letter"}, {"dlq.path", dir.file("dlq.jsonl")}}));
}

}  // namespace
}  // namespace eddy::rt
