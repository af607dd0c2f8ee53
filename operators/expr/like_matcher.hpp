#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace eddy::ops {

/// A precompiled SQL LIKE pattern: `%` matches any run of characters, `_` exactly one byte, and
/// a backslash escapes the next character. Patterns of the forms 'abc', 'abc%', '%abc' and
/// '%abc%' (the common cases) are matched with a single comparison or search.
class LikeMatcher {
 public:
  /// The strategy chosen for the pattern.
  enum class Kind : uint8_t { kExact, kPrefix, kSuffix, kContains, kAny, kGeneral };

  /// Compiles `pattern`.
  explicit LikeMatcher(std::string_view pattern);

  /// True when `s` matches the whole pattern.
  [[nodiscard]] bool matches(std::string_view s) const;
  [[nodiscard]] Kind kind() const { return kind_; }
  /// The literal text of the fast-path kinds (prefix, suffix, ...).
  [[nodiscard]] const std::string& literal() const { return literal_; }

  /// Matches `s` against a raw pattern without compiling it (no allocation).
  static bool match_general(std::string_view s, std::string_view pattern);

 private:
  Kind kind_ = Kind::kGeneral;
  std::string literal_;
  std::string pattern_;
};

}  // namespace eddy::ops
