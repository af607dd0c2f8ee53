#include "runtime/core/schema.hpp"

#include <cctype>

namespace eddy {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::optional<size_t> Schema::find(std::string_view name) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (iequals(fields_[i].name, name)) {
      return i;
    }
  }
  return std::nullopt;
}

std::string Schema::to_string() const {
  std::string out = "(";
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (i > 0) {
      out += ", ";
    }
    out += fields_[i].name + " " + fields_[i].type.to_string();
  }
  return out + ")";
}

}  // namespace eddy
