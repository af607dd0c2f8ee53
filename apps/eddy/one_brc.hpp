#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "runtime/core/status.hpp"

namespace eddy::app {

/// The number of weather stations in the 1BRC input (reference/velostream.md §4.4).
inline constexpr size_t kOneBrcStations = 408;

/// Exact per-station aggregates of the generated input, in tenths of a degree.
struct StationStats {
  int64_t min_tenths = 0;
  int64_t max_tenths = 0;
  int64_t sum_tenths = 0;
  uint64_t count = 0;
};

/// What the generated input must aggregate to: station names and their exact statistics, by
/// station index ("Station_000".."Station_407").
struct OneBrcExpected {
  std::vector<std::string> stations;
  std::vector<StationStats> stats;
  uint64_t rows = 0;
};

/// Computes the expected statistics of `rows` rows generated from `seed` and, when `path` is not
/// empty and no file exists there yet, writes the input as `station;temperature` lines after a
/// header line (through a temporary file, so an interrupted write is never reused). The first
/// 408 rows visit every station once, so every station appears when rows >= 408. Fails with an
/// I/O error if the file cannot be written.
Result<OneBrcExpected> prepare_measurements(const std::string& path, uint64_t rows, uint64_t seed);

/// The 1BRC app reading `input_path` and writing the per-station MIN/AVG/MAX to `output_path`.
std::string one_brc_sql(const std::string& input_path, const std::string& output_path);

/// What `verify_results` found.
struct VerifyReport {
  bool correct = false;
  uint64_t rows = 0;                    ///< Data rows in the results file.
  std::vector<std::string> mismatches;  ///< Human-readable, at most a few dozen.
};

/// Checks a results CSV (header, then station,min_temp,avg_temp,max_temp) against `expected`:
/// each station seen in the input exactly once, min and max exact, avg equal to the exact mean
/// rounded half away from zero to 4 decimals. Fails only if the file cannot be read.
Result<VerifyReport> verify_results(const std::string& results_path,
                                    const OneBrcExpected& expected);

/// One row of the report: one partition count, median over the runs.
struct OneBrcResult {
  size_t partitions = 0;
  uint64_t records_in = 0;
  uint64_t records_out = 0;
  double seconds = 0;    ///< Median wall time of plan + run.
  double rps = 0;        ///< records_in / seconds.
  bool correct = false;  ///< Every run read every row and wrote verified results.
  size_t runs = 0;
  std::string first_mismatch;  ///< Empty when correct.
};

/// What `eddy bench 1brc` was asked to do.
struct OneBrcOptions {
  uint64_t rows = 1'000'000;
  std::vector<size_t> partitions{1, 2};
  size_t runs = 3;
  uint64_t seed = 42;
  std::string dir;  ///< Where the input and results live; empty = <temp>/eddy-1brc.
  /// Called after each partition count's result, e.g. to print progress; may be empty.
  std::function<void(const OneBrcResult&)> on_result;
};

/// Generates (or reuses) dir/measurements_<rows>_<seed>.txt, then for every partition count runs
/// the 1BRC app `runs` times through sql::plan_app and the actor runtime (timing plan + run) and
/// verifies dir/results_<p>.csv after every run. Fails on an out-of-range option, an I/O error,
/// or a failed plan or run; wrong results are not an error but `correct = false`.
Result<std::vector<OneBrcResult>> run_one_brc(const OneBrcOptions& options);

/// Renders the results as an aligned text table with a ✓/✗ column.
std::string format_one_brc_table(const std::vector<OneBrcResult>& results);

/// Renders one result as one line of JSON (keys scenario = "1brc", partitions, records_in,
/// records_out, seconds, rps, correct), without a newline.
std::string format_one_brc_json_line(const OneBrcResult& result);

}  // namespace eddy::app
