#pragma once

#include <string>
#include <string_view>

#include "runtime/core/status.hpp"

namespace eddy::app {

/// Renders an error for the terminal. With a known SQL position it is
///   error: APP.sql:LINE:COL: message
///       LINE | the offending line
///            |     ^
/// and otherwise `error: message`. The result ends with a newline.
std::string render_diagnostic(const Status& status, std::string_view file_name,
                              std::string_view source_text);

}  // namespace eddy::app
