#include "apps/eddy/one_brc.hpp"

#include "apps/eddy/app_runner.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string_view>
#include <unordered_map>

#include "operators/connectors/connector_factory.hpp"
#include "runtime/actor/engine.hpp"
#include "sql/planner.hpp"

namespace eddy::app {

namespace {

constexpr int64_t kMinTenths = -999;
constexpr int64_t kMaxTenths = 999;
constexpr int64_t kMeanLowTenths = -200;
constexpr int64_t kMeanHighTenths = 350;
constexpr double kStddev = 10.0;
constexpr size_t kFlushBytes = size_t{1} << 20;
constexpr size_t kMaxMismatches = 20;

// "-12.3" from -123; written by hand because this runs once per input row.
void append_tenths(std::string& out, int64_t tenths) {
  if (tenths < 0) {
    out += '-';
    tenths = -tenths;
  }
  out += std::to_string(tenths / 10);
  out += '.';
  out += static_cast<char>('0' + tenths % 10);
}

// Parses a plain decimal ("-12.3", "7", "0.4567") as an integer scaled by 10^4; nullopt when the
// text is not such a number or has more than 4 fractional digits.
std::optional<int64_t> parse_scaled4(std::string_view text) {
  constexpr int kScale = 4;
  if (text.empty()) {
    return std::nullopt;
  }
  bool negative = text.front() == '-';
  if (negative || text.front() == '+') {
    text.remove_prefix(1);
  }
  int64_t value = 0;
  int fraction_digits = -1;
  bool any_digit = false;
  for (char c : text) {
    if (c == '.' && fraction_digits < 0) {
      fraction_digits = 0;
      continue;
    }
    if (c < '0' || c > '9' || value > (int64_t{1} << 58)) {
      return std::nullopt;
    }
    any_digit = true;
    value = value * 10 + (c - '0');
    if (fraction_digits >= 0 && ++fraction_digits > kScale) {
      return std::nullopt;
    }
  }
  if (!any_digit) {
    return std::nullopt;
  }
  for (int d = std::max(fraction_digits, 0); d < kScale; ++d) {
    value *= 10;
  }
  return negative ? -value : value;
}

// sum / count in units of 10^-4, rounded half away from zero, from a sum in tenths.
int64_t mean_scaled4(int64_t sum_tenths, uint64_t count) {
  const int64_t n = static_cast<int64_t>(count);
  const int64_t num = sum_tenths * 1000;
  int64_t q = num / n;
  int64_t r = num % n;
  if (2 * std::abs(r) >= n) {
    q += num < 0 ? -1 : 1;
  }
  return q;
}

std::string format_scaled4(int64_t v) {
  std::string out = v < 0 ? "-" : "";
  int64_t a = std::abs(v);
  std::string frac = std::to_string(a % 10000);
  out += std::to_string(a / 10000) + "." + std::string(4 - frac.size(), '0') + frac;
  return out;
}

std::vector<std::string_view> split_commas(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (true) {
    size_t comma = line.find(',', start);
    if (comma == std::string_view::npos) {
      fields.push_back(line.substr(start));
      return fields;
    }
    fields.push_back(line.substr(start, comma - start));
    start = comma + 1;
  }
}

// The file sink and source are the ones `eddy run` builds; this mirrors run_app's job setup so
// the run can report its counts instead of printing them.
struct RunOnce {
  uint64_t records_in = 0;
  uint64_t records_out = 0;
  double seconds = 0;
};

Result<RunOnce> plan_and_run(const std::string& sql_text, size_t partitions) {
  auto start = std::chrono::steady_clock::now();
  EDDY_ASSIGN_OR_RAISE(auto plan, sql::plan_app(sql_text, sql::PlanOptions{}));
  std::vector<rt::JobSpec> specs;
  for (const auto& job : plan.jobs) {
    EDDY_ASSIGN_OR_RAISE(auto spec, make_job_spec(job));
    specs.push_back(std::move(spec));
  }
  rt::EngineOptions engine;
  engine.partitions = partitions;
  rt::RunReport report = rt::run_jobs(std::move(specs), engine);
  auto stop = std::chrono::steady_clock::now();
  EDDY_RETURN_NOT_OK(report.status);
  RunOnce once;
  for (const auto& job : report.jobs) {
    once.records_in += job.source.records_in;
    once.records_out += job.sink.records_out;
  }
  once.seconds = std::chrono::duration<double>(stop - start).count();
  return once;
}

std::string with_commas(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t k = 0; k < digits.size(); ++k) {
    if (k > 0 && (digits.size() - k) % 3 == 0) {
      out += ',';
    }
    out += digits[k];
  }
  return out;
}

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*f", decimals, v);
  return buf;
}

}  // namespace

Result<OneBrcExpected> prepare_measurements(const std::string& path, uint64_t rows, uint64_t seed) {
  std::mt19937_64 rng(seed);
  OneBrcExpected expected;
  expected.rows = rows;
  std::vector<double> means;
  std::uniform_int_distribution<int64_t> mean_tenths(kMeanLowTenths, kMeanHighTenths);
  for (size_t k = 0; k < kOneBrcStations; ++k) {
    char name[32];
    std::snprintf(name, sizeof(name), "Station_%03zu", k);
    expected.stations.emplace_back(name);
    means.push_back(static_cast<double>(mean_tenths(rng)) / 10.0);
  }
  expected.stats.resize(kOneBrcStations);

  std::error_code ec;
  const bool write = !path.empty() && !std::filesystem::exists(path, ec);
  const std::string tmp_path = path + ".tmp";
  std::FILE* out = nullptr;
  if (write) {
    out = std::fopen(tmp_path.c_str(), "wb");
    if (out == nullptr) {
      return Status::io_error("cannot write '" + tmp_path +
                              "'; check that the --dir directory exists and is writable");
    }
  }
  std::string buffer = "station;temperature\n";
  bool write_ok = true;
  std::uniform_int_distribution<size_t> pick(0, kOneBrcStations - 1);
  std::normal_distribution<double> noise(0.0, kStddev);
  for (uint64_t i = 0; i < rows; ++i) {
    // The first rows visit every station once so that small inputs still cover all 408.
    size_t s = i < kOneBrcStations ? static_cast<size_t>(i) : pick(rng);
    double t = std::clamp(means[s] + noise(rng), -99.9, 99.9);
    int64_t tenths = std::clamp<int64_t>(std::llround(t * 10.0), kMinTenths, kMaxTenths);
    StationStats& st = expected.stats[s];
    if (st.count == 0) {
      st.min_tenths = tenths;
      st.max_tenths = tenths;
    } else {
      st.min_tenths = std::min(st.min_tenths, tenths);
      st.max_tenths = std::max(st.max_tenths, tenths);
    }
    st.sum_tenths += tenths;
    ++st.count;
    if (out != nullptr) {
      buffer += expected.stations[s];
      buffer += ';';
      append_tenths(buffer, tenths);
      buffer += '\n';
      if (buffer.size() >= kFlushBytes) {
        write_ok = write_ok && std::fwrite(buffer.data(), 1, buffer.size(), out) == buffer.size();
        buffer.clear();
      }
    }
  }
  if (out != nullptr) {
    write_ok = write_ok && std::fwrite(buffer.data(), 1, buffer.size(), out) == buffer.size();
    write_ok = std::fclose(out) == 0 && write_ok;
    if (!write_ok) {
      std::filesystem::remove(tmp_path, ec);
      return Status::io_error("failed writing '" + tmp_path + "' (disk full?)");
    }
    std::filesystem::rename(tmp_path, path, ec);
    if (ec) {
      return Status::io_error("cannot rename '" + tmp_path + "' to '" + path +
                              "': " + ec.message());
    }
  }
  return expected;
}

std::string one_brc_sql(const std::string& input_path, const std::string& output_path) {
  return "CREATE STREAM measurements (station VARCHAR, temperature DECIMAL(4,1)) WITH "
         "('type'='file_source','path'='" +
         input_path +
         "','format'='csv','delimiter'=';');\n"
         "CREATE STREAM results AS SELECT station, MIN(temperature) AS min_temp, "
         "AVG(temperature) AS avg_temp, MAX(temperature) AS max_temp FROM measurements "
         "GROUP BY station EMIT FINAL WITH ('results.type'='file_sink','results.path'='" +
         output_path + "','results.format'='csv');\n";
}

Result<VerifyReport> verify_results(const std::string& results_path,
                                    const OneBrcExpected& expected) {
  std::ifstream in(results_path, std::ios::binary);
  if (!in) {
    return Status::io_error("cannot read results '" + results_path + "'");
  }
  std::unordered_map<std::string, size_t> index;
  for (size_t k = 0; k < expected.stations.size(); ++k) {
    index.emplace(expected.stations[k], k);
  }
  VerifyReport report;
  auto mismatch = [&report](std::string text) {
    if (report.mismatches.size() < kMaxMismatches) {
      report.mismatches.push_back(std::move(text));
    }
  };
  std::vector<bool> seen(expected.stations.size(), false);
  std::string line;
  bool header = true;
  uint64_t mismatched = 0;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    if (header) {
      header = false;
      if (line != "station,min_temp,avg_temp,max_temp") {
        ++mismatched;
        mismatch("unexpected header '" + line + "'");
      }
      continue;
    }
    if (line.empty()) {
      continue;
    }
    ++report.rows;
    auto fields = split_commas(line);
    if (fields.size() != 4) {
      ++mismatched;
      mismatch("malformed row '" + line + "'");
      continue;
    }
    auto it = index.find(std::string(fields[0]));
    if (it == index.end()) {
      ++mismatched;
      mismatch("unknown station in row '" + line + "'");
      continue;
    }
    const size_t k = it->second;
    if (seen[k]) {
      ++mismatched;
      mismatch("station " + expected.stations[k] + " appears more than once");
      continue;
    }
    seen[k] = true;
    const StationStats& st = expected.stats[k];
    if (st.count == 0) {
      ++mismatched;
      mismatch("station " + expected.stations[k] + " had no input rows but has a result");
      continue;
    }
    auto min = parse_scaled4(fields[1]);
    auto avg = parse_scaled4(fields[2]);
    auto max = parse_scaled4(fields[3]);
    const int64_t want_min = st.min_tenths * 1000;
    const int64_t want_max = st.max_tenths * 1000;
    const int64_t want_avg = mean_scaled4(st.sum_tenths, st.count);
    if (!min || !avg || !max || *min != want_min || *max != want_max || *avg != want_avg) {
      ++mismatched;
      mismatch(expected.stations[k] + ": got min/avg/max " + std::string(fields[1]) + "/" +
               std::string(fields[2]) + "/" + std::string(fields[3]) + ", expected " +
               format_scaled4(want_min) + "/" + format_scaled4(want_avg) + "/" +
               format_scaled4(want_max));
    }
  }
  if (header) {
    ++mismatched;
    mismatch("results file '" + results_path + "' is empty");
  }
  for (size_t k = 0; k < seen.size(); ++k) {
    if (!seen[k] && expected.stats[k].count > 0) {
      ++mismatched;
      mismatch("station " + expected.stations[k] + " is missing from the results");
    }
  }
  report.correct = mismatched == 0;
  return report;
}

Result<std::vector<OneBrcResult>> run_one_brc(const OneBrcOptions& options) {
  if (options.rows == 0 || options.runs == 0 || options.partitions.empty()) {
    return Status::invalid_config("1brc needs --rows >= 1, --runs >= 1 and a partition count");
  }
  for (size_t p : options.partitions) {
    if (p == 0) {
      return Status::invalid_config("--partitions must be at least 1");
    }
  }
  std::error_code ec;
  std::filesystem::path dir = options.dir.empty()
                                  ? std::filesystem::temp_directory_path(ec) / "eddy-1brc"
                                  : std::filesystem::path(options.dir);
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return Status::io_error("cannot create directory '" + dir.string() + "': " + ec.message());
  }
  // Absolute paths, so the SQL text does not depend on the working directory.
  dir = std::filesystem::absolute(dir, ec);
  const std::string input = (dir / ("measurements_" + std::to_string(options.rows) + "_" +
                                    std::to_string(options.seed) + ".txt"))
                                .string();
  if (input.find('\'') != std::string::npos) {
    return Status::invalid_config("--dir must not contain a quote (') character");
  }
  EDDY_ASSIGN_OR_RAISE(auto expected, prepare_measurements(input, options.rows, options.seed));

  std::vector<OneBrcResult> results;
  for (size_t partitions : options.partitions) {
    const std::string output = (dir / ("results_" + std::to_string(partitions) + ".csv")).string();
    const std::string sql_text = one_brc_sql(input, output);
    std::vector<RunOnce> runs;
    OneBrcResult result;
    result.partitions = partitions;
    result.correct = true;
    for (size_t r = 0; r < options.runs; ++r) {
      // A stale file from an earlier run must not pass for this run's output.
      std::filesystem::remove(output, ec);
      EDDY_ASSIGN_OR_RAISE(auto once, plan_and_run(sql_text, partitions));
      EDDY_ASSIGN_OR_RAISE(auto verified, verify_results(output, expected));
      if (once.records_in != options.rows) {
        verified.correct = false;
        verified.mismatches.insert(
            verified.mismatches.begin(),
            "read " + std::to_string(once.records_in) + " rows of " + std::to_string(options.rows));
      }
      if (once.records_out != verified.rows) {
        verified.correct = false;
        verified.mismatches.push_back("sink reported " + std::to_string(once.records_out) +
                                      " rows but the file has " + std::to_string(verified.rows));
      }
      if (!verified.correct && result.correct) {
        result.correct = false;
        result.first_mismatch = verified.mismatches.empty() ? "" : verified.mismatches.front();
      }
      runs.push_back(once);
    }
    std::sort(runs.begin(), runs.end(),
              [](const RunOnce& a, const RunOnce& b) { return a.seconds < b.seconds; });
    const RunOnce& median = runs[runs.size() / 2];
    result.records_in = median.records_in;
    result.records_out = median.records_out;
    result.seconds = median.seconds;
    result.rps = median.seconds > 0 ? static_cast<double>(median.records_in) / median.seconds : 0;
    result.runs = options.runs;
    if (options.on_result) {
      options.on_result(result);
    }
    results.push_back(std::move(result));
  }
  return results;
}

std::string format_one_brc_table(const std::vector<OneBrcResult>& results) {
  const std::vector<std::string> header = {"partitions", "rows", "stations out", "seconds",
                                           "rows/s"};
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : results) {
    rows.push_back({std::to_string(r.partitions), with_commas(r.records_in),
                    with_commas(r.records_out), fixed(r.seconds, 3),
                    with_commas(static_cast<uint64_t>(r.rps))});
  }
  std::vector<size_t> width(header.size());
  for (size_t c = 0; c < header.size(); ++c) {
    width[c] = header[c].size();
    for (const auto& row : rows) {
      width[c] = std::max(width[c], row[c].size());
    }
  }
  auto render = [&](const std::vector<std::string>& cells, const std::string& mark) {
    std::string line;
    for (size_t c = 0; c < cells.size(); ++c) {
      line += std::string(width[c] - cells[c].size(), ' ') + cells[c] + "  ";
    }
    return line + mark + "\n";
  };
  std::string out = render(header, "ok");
  for (size_t k = 0; k < rows.size(); ++k) {
    out += render(rows[k], results[k].correct ? "\u2713" : "\u2717 " + results[k].first_mismatch);
  }
  out += "seconds: median wall time of plan + run over " +
         std::to_string(results.empty() ? 0 : results.front().runs) +
         " runs (input generated beforehand); rows/s = rows / seconds.\n";
  return out;
}

std::string format_one_brc_json_line(const OneBrcResult& r) {
  nlohmann::ordered_json j;
  j["scenario"] = "1brc";
  j["partitions"] = r.partitions;
  j["records_in"] = r.records_in;
  j["records_out"] = r.records_out;
  j["seconds"] = r.seconds;
  j["rps"] = r.rps;
  j["correct"] = r.correct;
  return j.dump();
}

}  // namespace eddy::app
