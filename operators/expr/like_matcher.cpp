#include "operators/expr/like_matcher.hpp"

#include <algorithm>

namespace eddy::ops {

LikeMatcher::LikeMatcher(std::string_view pattern) : pattern_(pattern) {
  const bool has_special = pattern.find_first_of("_\\") != std::string_view::npos;
  const size_t first_pct = pattern.find('%');
  if (!has_special) {
    std::string_view core = pattern;
    const bool lead = !core.empty() && core.front() == '%';
    if (lead) {
      core.remove_prefix(1);
    }
    const bool trail = !core.empty() && core.back() == '%';
    if (trail) {
      core.remove_suffix(1);
    }
    if (first_pct == std::string_view::npos) {
      kind_ = Kind::kExact;
      literal_ = pattern;
      return;
    }
    if (core.find('%') == std::string_view::npos) {
      literal_ = core;
      if (lead && trail) {
        kind_ = core.empty() ? Kind::kAny : Kind::kContains;
      } else if (lead) {
        kind_ = Kind::kSuffix;
      } else if (trail) {
        kind_ = Kind::kPrefix;
      } else {
        kind_ = Kind::kAny;  // the pattern is exactly "%"
      }
      return;
    }
  }
  kind_ = Kind::kGeneral;
}

bool LikeMatcher::matches(std::string_view s) const {
  switch (kind_) {
    case Kind::kExact:
      return s == literal_;
    case Kind::kPrefix:
      return s.size() >= literal_.size() && s.compare(0, literal_.size(), literal_) == 0;
    case Kind::kSuffix:
      return s.size() >= literal_.size() &&
             s.compare(s.size() - literal_.size(), literal_.size(), literal_) == 0;
    case Kind::kContains:
      return s.find(literal_) != std::string_view::npos;
    case Kind::kAny:
      return true;
    case Kind::kGeneral:
      return match_general(s, pattern_);
  }
  return false;
}

bool LikeMatcher::match_general(std::string_view s, std::string_view p) {
  // Greedy matching with backtracking to the last '%': O(|s| * |p|) worst case, no allocation.
  size_t si = 0;
  size_t pi = 0;
  size_t star_p = std::string_view::npos;
  size_t star_s = 0;
  while (si < s.size()) {
    if (pi < p.size()) {
      char c = p[pi];
      if (c == '%') {
        star_p = ++pi;
        star_s = si;
        continue;
      }
      if (c == '_') {
        ++pi;
        ++si;
        continue;
      }
      size_t lit = pi;
      if (c == '\\' && pi + 1 < p.size()) {
        lit = pi + 1;
      }
      if (p[lit] == s[si]) {
        pi = lit + 1;
        ++si;
        continue;
      }
    }
    if (star_p == std::string_view::npos) {
      return false;
    }
    pi = star_p;
    si = ++star_s;
  }
  while (pi < p.size() && p[pi] == '%') {
    ++pi;
  }
  return pi == p.size();
}

}  // namespace eddy::ops
