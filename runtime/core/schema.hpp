#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/data_type.hpp"

namespace eddy {

/// A named, typed column of a schema.
struct Field {
  std::string name;
  DataType type;
  friend bool operator==(const Field&, const Field&) = default;
};

/// An ordered list of fields. Immutable once shared; names are looked up case-insensitively, as
/// SQL identifiers are.
class Schema {
 public:
  Schema() = default;
  explicit Schema(std::vector<Field> fields) : fields_(std::move(fields)) {}

  [[nodiscard]] size_t num_fields() const { return fields_.size(); }
  [[nodiscard]] const Field& field(size_t i) const { return fields_[i]; }
  [[nodiscard]] const std::vector<Field>& fields() const { return fields_; }
  /// Returns the index of the field named `name` (case-insensitive), or nullopt.
  [[nodiscard]] std::optional<size_t> find(std::string_view name) const;
  /// Renders "(name TYPE, ...)".
  [[nodiscard]] std::string to_string() const;

  friend bool operator==(const Schema&, const Schema&) = default;

 private:
  std::vector<Field> fields_;
};

using SchemaPtr = std::shared_ptr<const Schema>;

/// Compares two identifiers the way SQL does (ASCII case-insensitive).
bool iequals(std::string_view a, std::string_view b);

}  // namespace eddy
