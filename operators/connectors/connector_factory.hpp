#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "operators/source.hpp"
#include "runtime/core/properties.hpp"
#include "runtime/core/schema.hpp"
#include "runtime/core/status.hpp"

namespace eddy::ops {

/// A stream's connector config: its name (as in SQL) and its WITH properties with the "name."
/// prefix removed.
struct ConnectorConfig {
  std::string name;
  Properties props;
};

/// Infers or validates the schema without opening for reading more than a small sample (used by
/// `eddy validate` and the binder). `declared` is the schema from `CREATE STREAM name (cols...)`,
/// or nullptr. With a declared schema, a CSV header that lacks a declared column is an error;
/// a file that does not exist yet is accepted. Without one, a missing file is an I/O error.
Result<SchemaPtr> resolve_source_schema(const ConnectorConfig& cfg, SchemaPtr declared);

/// Makes the source a config describes (not opened yet). `schema` is the resolved schema; when
/// nullptr it is resolved here.
Result<std::unique_ptr<Source>> make_source(const ConnectorConfig& cfg, SchemaPtr schema,
                                            size_t batch_rows = 4096);

/// Makes the sink a config describes (not opened yet), writing rows of `schema`.
Result<std::unique_ptr<Sink>> make_sink(const ConnectorConfig& cfg, SchemaPtr schema);

}  // namespace eddy::ops
