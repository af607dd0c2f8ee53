// Helpers shared by the end-to-end tests under tests/apps/: files, lines, CSV and JSON text, the
// `eddy` binary and its --stats-json files, and generated inputs with bad records.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace eddy::app_test {

/// The whole content of `path`, byte for byte ("" when it cannot be read).
std::string read_file(const std::filesystem::path& path);

/// Replaces `path` with `text`, byte for byte.
void write_file(const std::filesystem::path& path, const std::string& text);

/// A new, empty directory `<temp dir>/<prefix>_<pid>` (whatever stood there before is removed),
/// so that parallel ctest runs and earlier runs cannot interfere. The caller removes it.
std::filesystem::path fresh_temp_dir(const std::string& prefix);

/// The lines of `text`, without their '\n' (a last line without one counts too).
std::vector<std::string> lines_of(const std::string& text);

/// `lines_of(text)`, sorted.
std::vector<std::string> sorted_lines(const std::string& text);

/// The lines of `text` sorted, each ended by '\n'.
std::string sorted_text(const std::string& text);

/// `s` as one CSV field: as it is unless it holds ',', '"' or '\n'; else quoted, with '"' doubled.
std::string csv_field(const std::string& s);

/// `s` as a quoted JSON string with '"' and '\' escaped; a line break is written "\u000a" as the
/// JSONL sink writes it when `as_sink_writes` is true, else "\n".
std::string json_string(const std::string& s, bool as_sink_writes);

/// In a --stats-json file: the text of the value of the first `"key": ` after the first
/// occurrence of `after` (up to the next ',', line break or '}'); "" when either is missing.
std::string stats_field(const std::string& json, const std::string& after, const std::string& key);

/// `stats_field(json, "", key)`: the first `"key": ` in the file.
std::string stats_field(const std::string& json, const std::string& key);

/// The path of the `eddy` binary in the build tree.
std::string eddy_binary();

/// Runs `command` with the shell; its exit code, or -1 when it did not exit normally.
int run_shell(const std::string& command);

/// The shell command `<env> '<eddy>' run '<app>' --partitions <partitions>`, then
/// ` --stats-json '<stats>'` unless `stats` is empty, then ` 2> '<stderr_path>'`. `env` holds the
/// variable assignments the app's ${...} placeholders read, e.g. "IN='a.csv' BATCH=64".
std::string eddy_run_command(const std::string& env, const std::filesystem::path& app,
                             int partitions, const std::filesystem::path& stats,
                             const std::filesystem::path& stderr_path);

/// `count` positions drawn with std::mt19937(seed) as `rng() % limit`, sorted.
std::vector<size_t> random_positions(uint32_t seed, size_t count, size_t limit);

/// A file of `header` (may be empty) then rows 0..rows-1 as `row_text(i)` gives them, with a
/// bad record before row `bad_before[j]` (sorted; the value `rows` puts it after the last row):
/// the j-th is `bad_kinds[j % bad_kinds.size()]`, one line each. Appends the 1-based line number
/// of every bad record to `bad_lines`.
std::string write_rows_with_bad_records(size_t rows, const std::string& header,
                                        const std::function<std::string(size_t)>& row_text,
                                        const std::vector<size_t>& bad_before,
                                        const std::vector<std::string>& bad_kinds,
                                        std::vector<uint64_t>& bad_lines);

}  // namespace eddy::app_test
