#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/core/properties.hpp"
#include "runtime/core/status.hpp"

namespace eddy::sql {

/// Looks up an environment variable; nullopt when it is not set.
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

/// Returns an EnvLookup over the process environment.
EnvLookup process_env();

/// One `'key' = 'value'` entry of a WITH clause, as written.
struct RawProperty {
  std::string key;
  std::string value;
  SourcePos pos;        ///< Of the key.
  SourcePos value_pos;  ///< Of the value.
};

/// Turns WITH clauses into per-stream Properties: substitutes `${VAR}` and `${VAR:default}` from
/// the environment, splits `stream.key` entries by stream name, and applies `--set` overrides.
class PropertyResolver {
 public:
  /// `overrides` are `--set KEY=VALUE` pairs, applied on top of the SQL text's values.
  PropertyResolver(std::vector<std::pair<std::string, std::string>> overrides, EnvLookup env);

  /// Replaces every `${VAR}` / `${VAR:default}` in `value`. An unset variable without a default
  /// is an invalid-config error at `pos`.
  [[nodiscard]] Result<std::string> substitute(std::string_view value, SourcePos pos) const;

  /// Splits `props` by stream: an entry `orders.path` goes to stream `orders` as `path` when
  /// `orders` is one of `streams` (the longest matching name wins). Entries that name no stream
  /// are an error that lists the streams in scope.
  [[nodiscard]] Result<std::map<std::string, Properties, std::less<>>> split(
      const std::vector<RawProperty>& props, const std::vector<std::string>& streams) const;

  /// Substitutes every value of an unprefixed WITH clause (a source declaration's).
  [[nodiscard]] Result<Properties> resolve_plain(const std::vector<RawProperty>& props,
                                                 std::string_view stream) const;

  /// Applies the `--set stream.key=value` overrides that name `stream` to `props`.
  void apply_overrides(std::string_view stream, Properties& props);

  /// Fails when an override named a stream that no statement configured (a likely typo).
  [[nodiscard]] Status check_overrides_used() const;

 private:
  struct Override {
    std::string key;
    std::string value;
    bool used = false;
  };
  std::vector<Override> overrides_;
  EnvLookup env_;
};

}  // namespace eddy::sql
