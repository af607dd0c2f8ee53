#include "runtime/core/duration.hpp"

#include <cctype>
#include <cmath>
#include <string>

#include "runtime/core/schema.hpp"

namespace eddy {

std::optional<int64_t> duration_unit_ms(std::string_view unit) {
  struct Unit {
    const char* name;
    int64_t ms;
  };
  static constexpr Unit kUnits[] = {
      {"ms", 1},          {"s", 1000},        {"m", 60000},        {"h", 3600000},
      {"d", 86400000},    {"w", 604800000},   {"millisecond", 1},  {"milliseconds", 1},
      {"second", 1000},   {"seconds", 1000},  {"sec", 1000},       {"minute", 60000},
      {"minutes", 60000}, {"min", 60000},     {"hour", 3600000},   {"hours", 3600000},
      {"day", 86400000},  {"days", 86400000}, {"week", 604800000}, {"weeks", 604800000},
  };
  for (const auto& u : kUnits) {
    // Single-letter units are case-sensitive ('m' is minutes); words are not.
    if (std::string_view(u.name).size() <= 2 ? unit == u.name : iequals(unit, u.name)) {
      return u.ms;
    }
  }
  return std::nullopt;
}

std::optional<int64_t> parse_duration_ms(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  size_t i = 0;
  while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) {
    ++i;
  }
  if (i == 0) {
    return std::nullopt;
  }
  std::string number(text.substr(0, i));
  std::string_view unit = text.substr(i);
  while (!unit.empty() && unit.front() == ' ') {
    unit.remove_prefix(1);
  }
  char* end = nullptr;
  double amount = std::strtod(number.c_str(), &end);
  if (end != number.c_str() + number.size()) {
    return std::nullopt;
  }
  double per_unit_ms = 1000;  // a bare number is seconds
  if (!unit.empty()) {
    if (unit == "us" || unit == "μs") {
      per_unit_ms = 0.001;
    } else if (unit == "ns") {
      per_unit_ms = 0.000001;
    } else {
      auto ms = duration_unit_ms(unit);
      if (!ms) {
        return std::nullopt;
      }
      per_unit_ms = static_cast<double>(*ms);
    }
  }
  double total = amount * per_unit_ms;
  if (total < 0 || total > 9.2e15 || std::fabs(total - std::round(total)) > 1e-9) {
    return std::nullopt;
  }
  return static_cast<int64_t>(std::llround(total));
}

}  // namespace eddy
