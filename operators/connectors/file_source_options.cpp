#include "operators/connectors/file_source_options.hpp"

#include <charconv>
#include <vector>

#include "runtime/core/duration.hpp"

namespace eddy::ops {

namespace {

const std::vector<std::string_view> kSourceKeys = {"type",
                                                   "path",
                                                   "format",
                                                   "delimiter",
                                                   "quote",
                                                   "event.time.field",
                                                   "event.time.format",
                                                   "watermark.max_out_of_orderness",
                                                   "on.error",
                                                   "dlq.path",
                                                   "batch.size",
                                                   "chunk.size",
                                                   "header",
                                                   "skip.lines"};

Result<size_t> parse_count(const Properties& props, const std::string& key,
                           const std::string& owner, size_t min) {
  std::string text = *props.get(key);
  size_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty() || v < min) {
    return Status::invalid_config("bad value '" + text + "' for '" + key + "' of " + owner +
                                      "; use a whole number of at least " + std::to_string(min),
                                  props.pos(key));
  }
  return v;
}

Result<char> parse_char(const Properties& props, const std::string& key, const std::string& owner) {
  std::string text = *props.get(key);
  if (text == "\\t" || text == "tab" || text == "TAB") {
    return '\t';
  }
  if (text.size() != 1 || text[0] == '\n' || text[0] == '\r') {
    return Status::invalid_config("bad value '" + text + "' for '" + key + "' of " + owner +
                                      "; use a single character (or '\\t' for tab)",
                                  props.pos(key));
  }
  return text[0];
}

}  // namespace

Result<FileSourceOptions> FileSourceOptions::from_properties(const std::string& name,
                                                             const Properties& props) {
  const std::string owner = "source '" + name + "'";
  EDDY_RETURN_NOT_OK(props.check_allowed(kSourceKeys, owner));
  FileSourceOptions o;
  o.name = name;

  auto path = props.get("path");
  if (!path || path->empty()) {
    return Status::invalid_config(owner + " needs a 'path' property ('" + name + ".path')",
                                  props.pos("path"));
  }
  o.path = *path;

  std::string format = props.get_or("format", "csv");
  if (format == "csv") {
    o.format = FileFormat::kCsv;
  } else if (format == "csv_no_header") {
    o.format = FileFormat::kCsv;
    o.header = false;
  } else if (format == "jsonl" || format == "jsonlines" || format == "json_lines") {
    o.format = FileFormat::kJsonl;
  } else {
    return Status::invalid_config("unknown format '" + format + "' for " + owner +
                                      props.origin_note("format") +
                                      "; use 'csv', 'csv_no_header' or 'jsonl'",
                                  props.pos("format"));
  }

  if (auto header = props.get("header")) {
    if (o.format != FileFormat::kCsv) {
      return Status::invalid_config(
          "'header' applies to CSV only, but " + owner + " has format '" + format + "'; remove it",
          props.pos("header"));
    }
    if (*header == "true") {
      if (!o.header) {
        return Status::invalid_config("'header' = 'true' contradicts format 'csv_no_header' of " +
                                          owner + "; use format 'csv'",
                                      props.pos("header"));
      }
    } else if (*header == "false") {
      o.header = false;
    } else {
      return Status::invalid_config(
          "bad value '" + *header + "' for 'header' of " + owner + "; use 'true' or 'false'",
          props.pos("header"));
    }
  }
  for (const char* key : {"delimiter", "quote"}) {
    if (!props.contains(key)) {
      continue;
    }
    if (o.format != FileFormat::kCsv) {
      return Status::invalid_config("'" + std::string(key) + "' applies to CSV only, but " + owner +
                                        " has format '" + format + "'; remove it",
                                    props.pos(key));
    }
    EDDY_ASSIGN_OR_RAISE(char c, parse_char(props, key, owner));
    (std::string_view(key) == "delimiter" ? o.dialect.delimiter : o.dialect.quote) = c;
  }
  if (o.dialect.delimiter == o.dialect.quote) {
    return Status::invalid_config(owner + " uses the same character for 'delimiter' and 'quote'",
                                  props.pos("quote"));
  }

  o.event_time_field = props.get_or("event.time.field", "");
  if (auto fmt = props.get("event.time.format")) {
    if (*fmt == "epoch_millis") {
      o.event_time_format = EventTimeFormat::kEpochMillis;
    } else if (*fmt == "epoch_seconds") {
      o.event_time_format = EventTimeFormat::kEpochSeconds;
    } else if (*fmt == "iso8601") {
      o.event_time_format = EventTimeFormat::kIso8601;
    } else {
      return Status::invalid_config("unknown event.time.format '" + *fmt + "' for " + owner +
                                        "; use 'epoch_millis', 'epoch_seconds' or 'iso8601'",
                                    props.pos("event.time.format"));
    }
    if (o.event_time_field.empty()) {
      return Status::invalid_config(
          "'event.time.format' of " + owner + " needs 'event.time.field' to name the time column",
          props.pos("event.time.format"));
    }
  }
  if (auto bound = props.get("watermark.max_out_of_orderness")) {
    auto ms = parse_duration_ms(*bound);
    if (!ms) {
      return Status::invalid_config("bad duration '" + *bound +
                                        "' for 'watermark.max_out_of_orderness' of " + owner +
                                        "; use e.g. '5s', '500ms' or '1m'",
                                    props.pos("watermark.max_out_of_orderness"));
    }
    o.max_out_of_orderness_ms = *ms;
  }

  std::string on_error = props.get_or("on.error", "log_and_continue");
  if (on_error == "log_and_continue") {
    o.on_error = OnError::kLogAndContinue;
  } else if (on_error == "fail") {
    o.on_error = OnError::kFail;
  } else if (on_error == "dead_letter") {
    o.on_error = OnError::kDeadLetter;
  } else {
    return Status::invalid_config("unknown on.error '" + on_error + "' for " + owner +
                                      "; use 'log_and_continue', 'fail' or 'dead_letter'",
                                  props.pos("on.error"));
  }
  o.dlq_path = props.get_or("dlq.path", "");
  if (o.on_error == OnError::kDeadLetter && o.dlq_path.empty()) {
    return Status::invalid_config(
        owner + " has on.error 'dead_letter' but no 'dlq.path' ('" + name + ".dlq.path')",
        props.pos("on.error"));
  }
  if (o.on_error != OnError::kDeadLetter && props.contains("dlq.path")) {
    return Status::invalid_config("'dlq.path' of " + owner +
                                      " is only used with on.error 'dead_letter'; add it or "
                                      "remove 'dlq.path'",
                                  props.pos("dlq.path"));
  }
  if (props.contains("batch.size")) {
    EDDY_ASSIGN_OR_RAISE(o.batch_rows, parse_count(props, "batch.size", owner, 1));
  }
  if (props.contains("chunk.size")) {
    EDDY_ASSIGN_OR_RAISE(o.block_size, parse_count(props, "chunk.size", owner, 16));
  }
  if (props.contains("skip.lines")) {
    EDDY_ASSIGN_OR_RAISE(o.skip_lines, parse_count(props, "skip.lines", owner, 0));
  }
  return o;
}

std::string FileSourceOptions::format_name() const {
  if (format == FileFormat::kJsonl) {
    return "jsonl";
  }
  return header ? "csv" : "csv_no_header";
}

}  // namespace eddy::ops
