#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

namespace eddy {

/// Classifies an error by who must act on it. User errors (the app is wrong) make `eddy` exit 2;
/// runtime errors (I/O, bad input data under `on.error = 'fail'`) exit 1.
enum class StatusCode : uint8_t {
  kOk = 0,
  kSyntaxError,    ///< The SQL text does not parse. User error.
  kBindError,      ///< Unknown name, wrong type, bad function call. User error.
  kInvalidConfig,  ///< Bad WITH property, bad CLI flag or value. User error.
  kNotSupported,   ///< Valid SQL that Eddy does not execute yet. User error.
  kIoError,        ///< A file or network operation failed. Runtime error.
  kDataError,      ///< An input record is malformed (with `on.error = 'fail'`). Runtime error.
  kInternal,       ///< A bug in Eddy. Runtime error.
};

/// Names a status code for messages ("syntax error", "I/O error", ...).
const char* status_code_name(StatusCode code);

/// A 1-based line and column in a SQL file; line 0 means "no position".
struct SourcePos {
  int line = 0;
  int col = 0;
  [[nodiscard]] bool known() const { return line > 0; }
  friend bool operator==(const SourcePos&, const SourcePos&) = default;
};

/// Prints "line:col" (used by GoogleTest for readable failures).
void PrintTo(const SourcePos& pos, std::ostream* os);

/// The outcome of an operation that returns no value: OK, or an error code with a message and,
/// for errors in SQL text, the position they refer to.
class [[nodiscard]] Status {
 public:
  /// Makes an OK status.
  Status() = default;
  /// Makes an error status; `code` must not be kOk.
  Status(StatusCode code, std::string message, SourcePos pos = {})
      : code_(code), message_(std::move(message)), pos_(pos) {}

  static Status ok() { return Status(); }
  static Status syntax_error(std::string msg, SourcePos pos = {}) {
    return {StatusCode::kSyntaxError, std::move(msg), pos};
  }
  static Status bind_error(std::string msg, SourcePos pos = {}) {
    return {StatusCode::kBindError, std::move(msg), pos};
  }
  static Status invalid_config(std::string msg, SourcePos pos = {}) {
    return {StatusCode::kInvalidConfig, std::move(msg), pos};
  }
  static Status not_supported(std::string msg, SourcePos pos = {}) {
    return {StatusCode::kNotSupported, std::move(msg), pos};
  }
  static Status io_error(std::string msg) { return {StatusCode::kIoError, std::move(msg)}; }
  static Status data_error(std::string msg) { return {StatusCode::kDataError, std::move(msg)}; }
  static Status internal(std::string msg) { return {StatusCode::kInternal, std::move(msg)}; }

  [[nodiscard]] bool is_ok() const { return code_ == StatusCode::kOk; }
  [[nodiscard]] StatusCode code() const { return code_; }
  [[nodiscard]] const std::string& message() const { return message_; }
  [[nodiscard]] SourcePos pos() const { return pos_; }
  /// True when the app itself is wrong (exit code 2), false for runtime failures (exit code 1).
  [[nodiscard]] bool is_user_error() const;
  /// Returns a copy with `pos` set, unless a position is already known.
  [[nodiscard]] Status with_pos(SourcePos pos) const;
  /// Renders "code name: message" (and "at line:col" when known), for logs and tests.
  [[nodiscard]] std::string to_string() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  SourcePos pos_;
};

/// A value of type T or an error Status (the C++20 stand-in for std::expected).
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT: implicit by design
  template <class U>
  requires(std::is_convertible_v<U, T> && !std::is_same_v<std::decay_t<U>, T> &&
           !std::is_same_v<std::decay_t<U>, Status>) Result(U&& value)
      : value_(std::forward<U>(value)) {}  // NOLINT: implicit by design

  [[nodiscard]] bool is_ok() const { return value_.has_value(); }
  [[nodiscard]] const Status& status() const { return status_; }
  /// The value; only valid when is_ok().
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace eddy

#define EDDY_CONCAT_INNER(a, b) a##b
#define EDDY_CONCAT(a, b) EDDY_CONCAT_INNER(a, b)

/// Returns the status from the enclosing function when `expr` (a Status) is an error.
#define EDDY_RETURN_NOT_OK(expr)          \
  do {                                    \
    ::eddy::Status eddy_status_ = (expr); \
    if (!eddy_status_.is_ok()) {          \
      return eddy_status_;                \
    }                                     \
  } while (false)

#define EDDY_ASSIGN_OR_RAISE_IMPL(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                              \
  if (!tmp.is_ok()) {                              \
    return tmp.status();                           \
  }                                                \
  lhs = std::move(tmp).value()

/// Evaluates `rexpr` (a Result<T>); on error returns its status, else assigns the value to `lhs`
/// (which may be a declaration such as `auto x`).
#define EDDY_ASSIGN_OR_RAISE(lhs, rexpr) \
  EDDY_ASSIGN_OR_RAISE_IMPL(EDDY_CONCAT(eddy_result_, __LINE__), lhs, rexpr)

/// Checks an internal invariant in debug builds; prints both operands on failure.
#ifdef NDEBUG
#define EDDY_DCHECK(cond) ((void)0)
#define EDDY_DCHECK_EQ(a, b) ((void)0)
#else
#include <cstdio>
#include <cstdlib>
#define EDDY_DCHECK(cond)                                                           \
  do {                                                                              \
    if (!(cond)) {                                                                  \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                 \
    }                                                                               \
  } while (false)
#define EDDY_DCHECK_EQ(a, b)                                                                     \
  do {                                                                                           \
    auto eddy_a_ = (a);                                                                          \
    auto eddy_b_ = (b);                                                                          \
    if (!(eddy_a_ == eddy_b_)) {                                                                 \
      std::fprintf(stderr, "%s:%d: check failed: %s == %s (%lld vs %lld)\n", __FILE__, __LINE__, \
                   #a, #b, (long long)eddy_a_, (long long)eddy_b_);                              \
      std::abort();                                                                              \
    }                                                                                            \
  } while (false)
#endif
