#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/status.hpp"

namespace eddy {

/// Key/value configuration (a WITH clause, after `--set` overrides and `${VAR}` substitution),
/// with the SQL position of each entry so that errors can point at it. Keys are case-sensitive
/// and stored without the `name.` prefix of the stream they configure.
class Properties {
 public:
  struct Entry {
    std::string value;
    SourcePos pos;
    std::string origin;  ///< Where a value without a SQL position came from ("--set a.b=c").
  };

  /// Sets `key` to `value` (replacing an earlier value).
  void set(std::string key, std::string value, SourcePos pos = {});
  /// Sets `key` to `value` from outside the SQL file; errors about it name `origin`.
  void set_from(std::string key, std::string value, std::string origin);
  /// " (from ORIGIN)" for a value set with set_from, else empty: appended to error messages so a
  /// user can tell a bad --set from a bad WITH entry.
  [[nodiscard]] std::string origin_note(std::string_view key) const;
  [[nodiscard]] bool contains(std::string_view key) const;
  /// The value of `key`, or nullopt.
  [[nodiscard]] std::optional<std::string> get(std::string_view key) const;
  /// The value of `key`, or `fallback`.
  [[nodiscard]] std::string get_or(std::string_view key, std::string_view fallback) const;
  /// The position of `key` in the SQL file, or an unknown position.
  [[nodiscard]] SourcePos pos(std::string_view key) const;
  [[nodiscard]] const std::map<std::string, Entry, std::less<>>& entries() const {
    return entries_;
  }
  [[nodiscard]] bool empty() const { return entries_.empty(); }

  /// Fails with an invalid-config error naming the first key not in `allowed` (and the closest
  /// allowed key, when one is close), so typos are caught instead of silently ignored.
  [[nodiscard]] Status check_allowed(const std::vector<std::string_view>& allowed,
                                     std::string_view owner) const;

 private:
  std::map<std::string, Entry, std::less<>> entries_;
};

/// Returns the candidate closest to `word` by edit distance, if any is within 2 edits (for
/// "did you mean" hints).
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string_view>& candidates);

}  // namespace eddy
