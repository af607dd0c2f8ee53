#include "runtime/core/status.hpp"

#include <ostream>

namespace eddy {

const char* status_code_name(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kSyntaxError:
      return "syntax error";
    case StatusCode::kBindError:
      return "error";
    case StatusCode::kInvalidConfig:
      return "invalid configuration";
    case StatusCode::kNotSupported:
      return "not supported yet";
    case StatusCode::kIoError:
      return "I/O error";
    case StatusCode::kDataError:
      return "bad input record";
    case StatusCode::kInternal:
      return "internal error";
  }
  return "unknown";
}

void PrintTo(const SourcePos& pos, std::ostream* os) {
  *os << pos.line << ":" << pos.col;
}

bool Status::is_user_error() const {
  switch (code_) {
    case StatusCode::kSyntaxError:
    case StatusCode::kBindError:
    case StatusCode::kInvalidConfig:
    case StatusCode::kNotSupported:
      return true;
    default:
      return false;
  }
}

Status Status::with_pos(SourcePos pos) const {
  if (is_ok() || pos_.known()) {
    return *this;
  }
  return Status(code_, message_, pos);
}

std::string Status::to_string() const {
  if (is_ok()) {
    return "ok";
  }
  std::string out = status_code_name(code_);
  out += ": ";
  out += message_;
  if (pos_.known()) {
    out += " (at " + std::to_string(pos_.line) + ":" + std::to_string(pos_.col) + ")";
  }
  return out;
}

}  // namespace eddy
