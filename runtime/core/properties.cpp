#include "runtime/core/properties.hpp"

#include <algorithm>
#include <cctype>

namespace eddy {

void Properties::set(std::string key, std::string value, SourcePos pos) {
  entries_[std::move(key)] = Entry{std::move(value), pos, {}};
}

void Properties::set_from(std::string key, std::string value, std::string origin) {
  entries_[std::move(key)] = Entry{std::move(value), SourcePos{}, std::move(origin)};
}

std::string Properties::origin_note(std::string_view key) const {
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.origin.empty()) {
    return {};
  }
  return " (from " + it->second.origin + ")";
}

bool Properties::contains(std::string_view key) const {
  return entries_.find(key) != entries_.end();
}

std::optional<std::string> Properties::get(std::string_view key) const {
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    return std::nullopt;
  }
  return it->second.value;
}

std::string Properties::get_or(std::string_view key, std::string_view fallback) const {
  auto it = entries_.find(key);
  return it == entries_.end() ? std::string(fallback) : it->second.value;
}

SourcePos Properties::pos(std::string_view key) const {
  auto it = entries_.find(key);
  return it == entries_.end() ? SourcePos{} : it->second.pos;
}

Status Properties::check_allowed(const std::vector<std::string_view>& allowed,
                                 std::string_view owner) const {
  for (const auto& [key, entry] : entries_) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) {
      continue;
    }
    std::string msg = "unknown property '" + key + "' for " + std::string(owner) + origin_note(key);
    if (auto hint = closest_match(key, allowed)) {
      msg += "; did you mean '" + *hint + "'?";
    } else {
      msg += "; allowed keys:";
      for (size_t i = 0; i < allowed.size(); ++i) {
        msg += (i == 0 ? " '" : ", '") + std::string(allowed[i]) + "'";
      }
    }
    return Status::invalid_config(msg, entry.pos);
  }
  return Status::ok();
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string_view>& candidates) {
  auto distance = [](std::string_view a, std::string_view b) {
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) {
      prev[j] = j;
    }
    for (size_t i = 1; i <= a.size(); ++i) {
      cur[0] = i;
      for (size_t j = 1; j <= b.size(); ++j) {
        bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                    std::tolower(static_cast<unsigned char>(b[j - 1]));
        cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
      }
      std::swap(prev, cur);
    }
    return prev[b.size()];
  };
  std::optional<std::string> best;
  size_t best_distance = 3;
  for (auto c : candidates) {
    size_t d = distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = std::string(c);
    }
  }
  return best;
}

}  // namespace eddy
