#include "operators/connectors/schema_inference.hpp"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <memory>

namespace eddy::ops {

namespace {

bool is_integer(std::string_view s) {
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    s.remove_prefix(1);
  }
  if (s.empty()) {
    return false;
  }
  for (char c : s) {
    if (c < '0' || c > '9') {
      return false;
    }
  }
  return true;
}

bool is_fractional(std::string_view s) {
  if (s.find_first_of(".eE") == std::string_view::npos) {
    // Digits only but too long for BIGINT: still a number.
    return false;
  }
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
  }
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  // Reject "inf"/"nan" spellings: they need an explicit DOUBLE column.
  return ec == std::errc() && ptr == s.data() + s.size() && !s.empty() &&
         s.find_first_of("iInN") == std::string_view::npos;
}

bool is_boolean(std::string_view s) {
  if (s.size() != 4 && s.size() != 5) {
    return false;
  }
  std::string lower(s);
  for (auto& c : lower) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return lower == "true" || lower == "false";
}

// Returns the offset after a UTF-8 BOM and `lines` line breaks.
size_t skip_prefix(std::string_view text, size_t lines) {
  size_t pos = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") {
    pos = 3;
  }
  for (size_t i = 0; i < lines && pos < text.size(); ++i) {
    size_t nl = text.find('\n', pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
  }
  return pos;
}

}  // namespace

void TypeVote::add_text(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  if (text.empty()) {
    return;
  }
  if (is_integer(text)) {
    int64_t v = 0;
    std::string_view digits = text.front() == '+' ? text.substr(1) : text;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    (ec == std::errc() ? integer_ : fractional_) = true;
  } else if (is_fractional(text)) {
    fractional_ = true;
  } else if (is_boolean(text)) {
    boolean_ = true;
  } else {
    text_ = true;
  }
}

void TypeVote::add_json(JsonKind kind, std::string_view text) {
  switch (kind) {
    case JsonKind::kNull:
      return;
    case JsonKind::kBoolean:
      boolean_ = true;
      return;
    case JsonKind::kNumber:
      add_text(text);
      return;
    case JsonKind::kString:
    case JsonKind::kNested:
      text_ = true;
      return;
  }
}

DataType TypeVote::result() const {
  const bool numeric = integer_ || fractional_;
  if (text_ || (numeric && boolean_) || (!numeric && !boolean_)) {
    return DataType::varchar();
  }
  if (boolean_) {
    return DataType::boolean();
  }
  return fractional_ ? DataType::float64() : DataType::bigint();
}

Result<FileSample> read_file_sample(const FileSourceOptions& options, size_t max_bytes) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(options.path.c_str(), "rb"), &std::fclose);
  if (!file) {
    return Status::io_error("cannot open source '" + options.name + "' file '" + options.path +
                            "': " + std::strerror(errno));
  }
  FileSample sample;
  sample.text.resize(max_bytes);
  size_t n = std::fread(sample.text.data(), 1, max_bytes, file.get());
  if (std::ferror(file.get())) {
    return Status::io_error("cannot read source '" + options.name + "' file '" + options.path +
                            "': " + std::strerror(errno));
  }
  sample.text.resize(n);
  sample.at_eof = n < max_bytes || std::fgetc(file.get()) == EOF;
  sample.text.erase(0, skip_prefix(sample.text, options.skip_lines));
  return sample;
}

Result<SchemaPtr> infer_csv_schema(std::string_view sample, bool at_eof, const CsvDialect& dialect,
                                   bool has_header) {
  CsvParser parser(dialect);
  std::vector<std::string> names;
  std::vector<TypeVote> votes;
  size_t pos = 0;
  size_t rows = 0;
  bool have_names = false;
  while (pos < sample.size() && rows < kInferenceRows) {
    CsvScan scan = parser.scan(sample.data() + pos, sample.size() - pos, at_eof);
    if (scan.kind == CsvScanKind::kNeedMore) {
      if (!have_names) {
        return Status::invalid_config("the first record is longer than " +
                                      std::to_string(kInferenceBytes) + " bytes");
      }
      break;
    }
    pos += scan.consumed;
    if (scan.kind == CsvScanKind::kBlank) {
      continue;
    }
    if (scan.kind == CsvScanKind::kMalformed) {
      if (!have_names && has_header) {
        return Status::invalid_config(std::string("malformed header row: ") + scan.error);
      }
      continue;
    }
    const auto& fields = parser.fields();
    if (!have_names) {
      have_names = true;
      for (size_t i = 0; i < fields.size(); ++i) {
        names.push_back(has_header ? std::string(trim_blanks(fields[i].text))
                                   : "column_" + std::to_string(i + 1));
      }
      votes.resize(names.size());
      if (has_header) {
        continue;
      }
    }
    // Records of the wrong width are bad records; they must not sway the types.
    if (fields.size() != names.size()) {
      continue;
    }
    for (size_t i = 0; i < fields.size(); ++i) {
      votes[i].add_text(fields[i].text);
    }
    ++rows;
  }
  std::vector<Field> out;
  out.reserve(names.size());
  for (size_t i = 0; i < names.size(); ++i) {
    out.push_back({names[i], votes[i].result()});
  }
  return std::make_shared<const Schema>(std::move(out));
}

SchemaPtr infer_jsonl_schema(std::string_view sample, bool at_eof) {
  std::string padded(sample);
  padded.append(kJsonPadding, ' ');
  JsonlParser parser(std::make_shared<const Schema>());
  std::vector<std::string> names;
  std::vector<TypeVote> votes;
  size_t pos = 0;
  size_t rows = 0;
  while (pos < sample.size() && rows < kInferenceRows) {
    size_t nl = sample.find('\n', pos);
    if (nl == std::string_view::npos) {
      if (!at_eof) {
        break;
      }
      nl = sample.size();
    }
    size_t len = nl - pos;
    if (len > 0 && sample[pos + len - 1] == '\r') {
      --len;
    }
    std::string_view line = sample.substr(pos, len);
    size_t start = pos;
    pos = nl + 1;
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      continue;
    }
    bool ok = parser.visit(padded.data() + start, len, padded.size() - start,
                           [&](std::string_view key, JsonKind kind, std::string_view text) {
                             size_t i = 0;
                             while (i < names.size() && names[i] != key) {
                               ++i;
                             }
                             if (i == names.size()) {
                               names.emplace_back(key);
                               votes.emplace_back();
                             }
                             votes[i].add_json(kind, text);
                           });
    if (ok) {
      ++rows;
    }
  }
  std::vector<Field> out;
  out.reserve(names.size());
  for (size_t i = 0; i < names.size(); ++i) {
    out.push_back({names[i], votes[i].result()});
  }
  return std::make_shared<const Schema>(std::move(out));
}

Result<SchemaPtr> infer_file_schema(const FileSourceOptions& options) {
  EDDY_ASSIGN_OR_RAISE(FileSample sample, read_file_sample(options, kInferenceBytes));
  SchemaPtr schema;
  if (options.format == FileFormat::kJsonl) {
    schema = infer_jsonl_schema(sample.text, sample.at_eof);
  } else {
    auto inferred = infer_csv_schema(sample.text, sample.at_eof, options.dialect, options.header);
    if (!inferred.is_ok()) {
      return Status::invalid_config("cannot infer the schema of source '" + options.name +
                                    "' from '" + options.path +
                                    "': " + inferred.status().message());
    }
    schema = *inferred;
  }
  if (schema->num_fields() == 0) {
    return Status::invalid_config("cannot infer the schema of source '" + options.name +
                                  "': file '" + options.path +
                                  "' has no records; declare the columns (CREATE STREAM " +
                                  options.name + " (name TYPE, ...) WITH (...))");
  }
  return schema;
}

namespace {

// Gathers the evidence for one column, value by value.
class VarcharWitness {
 public:
  /// A CSV field or a JSON number or boolean: votes by its text.
  void add_text(std::string_view text, uint64_t line) {
    if (trim_blanks(text).empty()) {
      return;  // empty values do not vote
    }
    TypeVote one;
    one.add_text(text);
    if (one.result().id == TypeId::kVarchar) {
      note(text, line, /*json_string=*/false);
      return;
    }
    others_.add_text(text);
    has_others_ = true;
  }

  /// A JSON string or nested value: VARCHAR whatever it looks like.
  void add_json_text(std::string_view text, uint64_t line, bool json_string) {
    note(text, line, json_string);
  }

  [[nodiscard]] std::optional<VarcharEvidence> result() const {
    if (!evidence_) {
      if (has_others_) {
        return std::nullopt;
      }
      VarcharEvidence none;
      none.no_values = true;
      return none;
    }
    VarcharEvidence out = *evidence_;
    out.others = has_others_ ? others_.result() : DataType::varchar();
    return out;
  }

 private:
  void note(std::string_view text, uint64_t line, bool json_string) {
    if (!evidence_) {
      evidence_ = VarcharEvidence{std::string(text), line, json_string, DataType::varchar()};
    }
  }

  std::optional<VarcharEvidence> evidence_;
  TypeVote others_;
  bool has_others_ = false;
};

std::optional<VarcharEvidence> csv_varchar_evidence(const FileSourceOptions& options,
                                                    const FileSample& sample,
                                                    std::string_view column) {
  CsvParser parser(options.dialect);
  std::string_view text = sample.text;
  VarcharWitness witness;
  std::optional<size_t> index;
  size_t width = 0;
  size_t pos = 0;
  size_t rows = 0;
  uint64_t line = 1 + options.skip_lines;
  bool have_names = false;
  while (pos < text.size() && rows < kInferenceRows) {
    CsvScan scan = parser.scan(text.data() + pos, text.size() - pos, sample.at_eof);
    if (scan.kind == CsvScanKind::kNeedMore) {
      break;
    }
    const uint64_t record_line = line;
    pos += scan.consumed;
    line += scan.newlines;
    if (scan.kind != CsvScanKind::kRecord) {
      continue;
    }
    const auto& fields = parser.fields();
    if (!have_names) {
      have_names = true;
      width = fields.size();
      for (size_t i = 0; i < fields.size() && !index; ++i) {
        std::string name = options.header ? std::string(trim_blanks(fields[i].text))
                                          : "column_" + std::to_string(i + 1);
        if (iequals(name, column)) {
          index = i;
        }
      }
      if (!index) {
        return std::nullopt;
      }
      if (options.header) {
        continue;
      }
    }
    if (fields.size() != width) {
      continue;
    }
    witness.add_text(fields[*index].text, record_line);
    ++rows;
  }
  return index ? witness.result() : std::nullopt;
}

std::optional<VarcharEvidence> jsonl_varchar_evidence(const FileSourceOptions& options,
                                                      const FileSample& sample,
                                                      std::string_view column) {
  std::string_view text = sample.text;
  std::string padded(text);
  padded.append(kJsonPadding, ' ');
  JsonlParser parser(std::make_shared<const Schema>());
  VarcharWitness witness;
  size_t pos = 0;
  size_t rows = 0;
  uint64_t line = 1 + options.skip_lines;
  for (; pos < text.size() && rows < kInferenceRows; ++line) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) {
      if (!sample.at_eof) {
        break;
      }
      nl = text.size();
    }
    size_t len = nl - pos;
    if (len > 0 && text[pos + len - 1] == '\r') {
      --len;
    }
    const size_t start = pos;
    pos = nl + 1;
    if (text.substr(start, len).find_first_not_of(" \t") == std::string_view::npos) {
      continue;
    }
    bool ok = parser.visit(padded.data() + start, len, padded.size() - start,
                           [&](std::string_view key, JsonKind kind, std::string_view value) {
                             if (key != column || kind == JsonKind::kNull) {
                               return;
                             }
                             if (kind == JsonKind::kString || kind == JsonKind::kNested) {
                               witness.add_json_text(value, line, kind == JsonKind::kString);
                             } else {
                               witness.add_text(value, line);
                             }
                           });
    if (ok) {
      ++rows;
    }
  }
  return witness.result();
}

}  // namespace

std::optional<VarcharEvidence> explain_varchar_column(const FileSourceOptions& options,
                                                      std::string_view column) {
  auto sample = read_file_sample(options, kInferenceBytes);
  if (!sample.is_ok()) {
    return std::nullopt;
  }
  if (options.format == FileFormat::kJsonl) {
    return jsonl_varchar_evidence(options, *sample, column);
  }
  return csv_varchar_evidence(options, *sample, column);
}

Result<std::vector<std::string>> read_csv_header(const FileSourceOptions& options) {
  EDDY_ASSIGN_OR_RAISE(FileSample sample, read_file_sample(options, kInferenceBytes));
  CsvParser parser(options.dialect);
  size_t pos = 0;
  if (sample.text.find_first_not_of("\r\n") == std::string::npos) {
    return std::vector<std::string>{};
  }
  while (pos < sample.text.size()) {
    CsvScan scan = parser.scan(sample.text.data() + pos, sample.text.size() - pos, sample.at_eof);
    if (scan.kind == CsvScanKind::kBlank) {
      pos += scan.consumed;
      continue;
    }
    if (scan.kind != CsvScanKind::kRecord) {
      break;
    }
    std::vector<std::string> names;
    for (const auto& f : parser.fields()) {
      names.emplace_back(trim_blanks(f.text));
    }
    return names;
  }
  return Status::invalid_config("source '" + options.name + "' file '" + options.path +
                                "' has no readable header row");
}

}  // namespace eddy::ops
