#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "operators/connectors/record_builder.hpp"
#include "runtime/core/schema.hpp"

namespace eddy::ops {

/// Bytes that must be readable after the end of a line handed to JsonlParser (simdjson's padding).
inline constexpr size_t kJsonPadding = 64;

/// The JSON type of a top-level value of a JSONL object, as schema inference sees it.
enum class JsonKind : uint8_t { kNull, kBoolean, kNumber, kString, kNested };

/// Parses JSON Lines records (one object per line) with simdjson On-Demand, straight into a
/// RecordBuilder. Keys are matched to schema columns by name (exactly, or else case-insensitively);
/// missing keys are NULL and unknown keys are ignored. Nested objects and arrays land in VARCHAR
/// columns as their raw JSON text.
class JsonlParser {
 public:
  /// Called once per top-level field by visit(): key, kind and the value's text (a string's
  /// unescaped text, a number's or nested value's raw JSON).
  using FieldVisitor =
      std::function<void(std::string_view key, JsonKind kind, std::string_view text)>;

  explicit JsonlParser(SchemaPtr schema);
  ~JsonlParser();
  JsonlParser(const JsonlParser&) = delete;
  JsonlParser& operator=(const JsonlParser&) = delete;

  /// Parses one line (without its line break) into `out` and commits it. `capacity` is the
  /// number of readable bytes at `line`, at least `size + kJsonPadding`. Returns false for a bad
  /// record (invalid JSON, not an object, a value not of its column's type); see error().
  [[nodiscard]] bool parse(const char* line, size_t size, size_t capacity, RecordBuilder& out);
  /// Walks the top-level fields of one line without a schema (for schema inference). Returns
  /// false for invalid JSON or a non-object line.
  [[nodiscard]] bool visit(const char* line, size_t size, size_t capacity,
                           const FieldVisitor& visitor);
  /// Why the last parse() or visit() failed.
  [[nodiscard]] const std::string& error() const { return error_; }

 private:
  struct Impl;
  size_t find_column(std::string_view key, size_t position) const;

  SchemaPtr schema_;
  std::unique_ptr<Impl> impl_;
  std::string error_;
};

}  // namespace eddy::ops
