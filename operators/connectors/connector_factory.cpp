#include "operators/connectors/connector_factory.hpp"

#include <algorithm>
#include <filesystem>
#include <vector>

#include "operators/connectors/file_sink.hpp"
#include "operators/connectors/file_source.hpp"
#include "operators/connectors/file_source_options.hpp"
#include "operators/connectors/schema_inference.hpp"
#include "operators/connectors/stdout_sink.hpp"

namespace eddy::ops {

namespace {

// `file_source_mmap` is Velostream's name for its memory-mapped file reader; Eddy's file source
// already reads in large blocks, so both names mean the same source.
const std::vector<std::string_view> kSourceTypes = {"file_source", "file_source_mmap"};
const std::vector<std::string_view> kSinkTypes = {"file_sink", "stdout_sink"};
const std::vector<std::string_view> kPlannedSourceTypes = {"kafka_source", "datagen", "nexmark"};
const std::vector<std::string_view> kPlannedSinkTypes = {"kafka_sink"};

bool contains(const std::vector<std::string_view>& list, std::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

// Checks `type` for a source (is_source) or a sink and returns it.
Result<std::string> check_type(const ConnectorConfig& cfg, bool is_source) {
  const char* role = is_source ? "source" : "sink";
  const char* allowed = is_source ? "'file_source'" : "'file_sink' or 'stdout_sink'";
  auto type = cfg.props.get("type");
  if (!type) {
    return Status::invalid_config(std::string(role) + " '" + cfg.name +
                                  "' needs a 'type' property ('" + cfg.name + ".type'); use " +
                                  allowed);
  }
  const SourcePos pos = cfg.props.pos("type");
  const auto& mine = is_source ? kSourceTypes : kSinkTypes;
  const auto& planned = is_source ? kPlannedSourceTypes : kPlannedSinkTypes;
  const auto& theirs = is_source ? kSinkTypes : kSourceTypes;
  const auto& theirs_planned = is_source ? kPlannedSinkTypes : kPlannedSourceTypes;
  if (contains(mine, *type)) {
    return *type;
  }
  if (contains(planned, *type)) {
    return Status::not_supported(std::string(role) + " type '" + *type + "' (" + role + " '" +
                                     cfg.name + "') is not supported yet; use " + allowed,
                                 pos);
  }
  if (contains(theirs, *type) || contains(theirs_planned, *type)) {
    return Status::invalid_config("'" + *type + "' is a " + (is_source ? "sink" : "source") +
                                      " type, but '" + cfg.name + "' is read as a " + role +
                                      " here; use " + allowed,
                                  pos);
  }
  std::vector<std::string_view> all = mine;
  all.insert(all.end(), planned.begin(), planned.end());
  std::string msg = "unknown " + std::string(role) + " type '" + *type + "' for '" + cfg.name +
                    "'" + cfg.props.origin_note("type") + "; use " + allowed;
  if (auto hint = closest_match(*type, all)) {
    msg += " (did you mean '" + *hint + "'?)";
  }
  return Status::invalid_config(msg, pos);
}

Status check_event_time_field(const FileSourceOptions& o, const ConnectorConfig& cfg,
                              const Schema& schema) {
  if (o.event_time_field.empty() || schema.find(o.event_time_field)) {
    return Status::ok();
  }
  std::string names;
  for (size_t i = 0; i < schema.num_fields(); ++i) {
    names += (i == 0 ? "'" : ", '") + schema.field(i).name + "'";
  }
  return Status::invalid_config("event.time.field '" + o.event_time_field + "' of source '" +
                                    cfg.name + "' is not one of its columns (" + names + ")",
                                cfg.props.pos("event.time.field"));
}

Result<SchemaPtr> resolve_with_options(const FileSourceOptions& o, const ConnectorConfig& cfg,
                                       SchemaPtr declared) {
  SchemaPtr schema = std::move(declared);
  if (schema == nullptr) {
    EDDY_ASSIGN_OR_RAISE(schema, infer_file_schema(o));
  } else if (o.format == FileFormat::kCsv && o.header) {
    std::error_code ec;
    if (std::filesystem::exists(o.path, ec)) {
      EDDY_ASSIGN_OR_RAISE(auto header, read_csv_header(o));
      for (const auto& f : schema->fields()) {
        if (header.empty()) {
          break;
        }
        bool found = std::any_of(header.begin(), header.end(),
                                 [&](const std::string& h) { return iequals(h, f.name); });
        if (!found) {
          std::string names;
          for (size_t i = 0; i < header.size(); ++i) {
            names += (i == 0 ? "" : ", ") + header[i];
          }
          return Status::invalid_config("column '" + f.name + "' of source '" + cfg.name +
                                            "' is not in the header of '" + o.path +
                                            "' (header: " + names + ")",
                                        cfg.props.pos("path"));
        }
      }
    }
  }
  EDDY_RETURN_NOT_OK(check_event_time_field(o, cfg, *schema));
  return schema;
}

}  // namespace

Result<SchemaPtr> resolve_source_schema(const ConnectorConfig& cfg, SchemaPtr declared) {
  EDDY_RETURN_NOT_OK(check_type(cfg, /*is_source=*/true).status());
  EDDY_ASSIGN_OR_RAISE(auto options, FileSourceOptions::from_properties(cfg.name, cfg.props));
  return resolve_with_options(options, cfg, std::move(declared));
}

Result<std::unique_ptr<Source>> make_source(const ConnectorConfig& cfg, SchemaPtr schema,
                                            size_t batch_rows) {
  EDDY_RETURN_NOT_OK(check_type(cfg, /*is_source=*/true).status());
  EDDY_ASSIGN_OR_RAISE(auto options, FileSourceOptions::from_properties(cfg.name, cfg.props));
  if (schema == nullptr) {
    EDDY_ASSIGN_OR_RAISE(schema, resolve_with_options(options, cfg, nullptr));
  } else {
    EDDY_RETURN_NOT_OK(check_event_time_field(options, cfg, *schema));
  }
  return std::unique_ptr<Source>(
      std::make_unique<FileSource>(std::move(options), std::move(schema), batch_rows));
}

Result<std::unique_ptr<Sink>> make_sink(const ConnectorConfig& cfg, SchemaPtr schema) {
  EDDY_ASSIGN_OR_RAISE(std::string type, check_type(cfg, /*is_source=*/false));
  const Properties& props = cfg.props;
  const std::string owner = "sink '" + cfg.name + "'";
  const bool is_file = type == "file_sink";
  if (is_file) {
    EDDY_RETURN_NOT_OK(
        props.check_allowed({"type", "path", "format", "delimiter", "append"}, owner));
  } else {
    EDDY_RETURN_NOT_OK(props.check_allowed({"type", "format", "delimiter"}, owner));
  }
  std::string format = props.get_or("format", "jsonl");
  OutputFormat out_format;
  if (format == "jsonl" || format == "jsonlines" || format == "json_lines") {
    out_format = OutputFormat::kJsonl;
  } else if (format == "csv") {
    out_format = OutputFormat::kCsv;
  } else {
    return Status::invalid_config("unknown format '" + format + "' for " + owner +
                                      props.origin_note("format") + "; use 'jsonl' or 'csv'",
                                  props.pos("format"));
  }
  char delimiter = ',';
  if (auto d = props.get("delimiter")) {
    if (out_format != OutputFormat::kCsv) {
      return Status::invalid_config("'delimiter' applies to CSV only, but " + owner +
                                        " has format '" + format + "'; remove it",
                                    props.pos("delimiter"));
    }
    if (*d == "\\t" || *d == "tab") {
      delimiter = '\t';
    } else if (d->size() == 1 && (*d)[0] != '"' && (*d)[0] != '\n' && (*d)[0] != '\r') {
      delimiter = (*d)[0];
    } else {
      return Status::invalid_config("bad value '" + *d + "' for 'delimiter' of " + owner +
                                        "; use a single character (or '\\t' for tab)",
                                    props.pos("delimiter"));
    }
  }
  if (!is_file) {
    return std::unique_ptr<Sink>(
        std::make_unique<StdoutSink>(cfg.name, std::move(schema), out_format, delimiter));
  }
  auto path = props.get("path");
  if (!path || path->empty()) {
    return Status::invalid_config(owner + " needs a 'path' property ('" + cfg.name + ".path')",
                                  props.pos("path"));
  }
  bool append = false;
  if (auto a = props.get("append")) {
    if (*a != "true" && *a != "false") {
      return Status::invalid_config(
          "bad value '" + *a + "' for 'append' of " + owner + "; use 'true' or 'false'",
          props.pos("append"));
    }
    append = *a == "true";
  }
  return std::unique_ptr<Sink>(std::make_unique<FileSink>(cfg.name, *path, std::move(schema),
                                                          out_format, delimiter, append));
}

}  // namespace eddy::ops
