#include "sql/property_resolver.hpp"

#include <cstdlib>

namespace eddy::sql {

EnvLookup process_env() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr) {
      return std::nullopt;
    }
    return std::string(v);
  };
}

PropertyResolver::PropertyResolver(std::vector<std::pair<std::string, std::string>> overrides,
                                   EnvLookup env)
    : env_(std::move(env)) {
  for (auto& [k, v] : overrides) {
    overrides_.push_back({std::move(k), std::move(v), false});
  }
}

Result<std::string> PropertyResolver::substitute(std::string_view value, SourcePos pos) const {
  std::string out;
  size_t i = 0;
  while (i < value.size()) {
    if (value[i] == '$' && i + 1 < value.size() && value[i + 1] == '{') {
      size_t close = value.find('}', i + 2);
      if (close == std::string_view::npos) {
        return Status::invalid_config(
            "unterminated '${' in property value '" + std::string(value) + "': close it with '}'",
            pos);
      }
      std::string_view inner = value.substr(i + 2, close - i - 2);
      size_t colon = inner.find(':');
      std::string name(inner.substr(0, colon));
      if (name.empty()) {
        return Status::invalid_config("empty variable name in '${...}'", pos);
      }
      std::optional<std::string> v = env_ ? env_(name) : std::nullopt;
      if (!v) {
        if (colon == std::string_view::npos) {
          return Status::invalid_config("environment variable '" + name +
                                            "' is not set and has no default; write ${" + name +
                                            ":default} or set it",
                                        pos);
        }
        v = std::string(inner.substr(colon + 1));
      }
      out += *v;
      i = close + 1;
      continue;
    }
    out.push_back(value[i]);
    ++i;
  }
  return out;
}

Result<std::map<std::string, Properties, std::less<>>> PropertyResolver::split(
    const std::vector<RawProperty>& props, const std::vector<std::string>& streams) const {
  std::map<std::string, Properties, std::less<>> out;
  for (const auto& s : streams) {
    out[s];
  }
  for (const auto& p : props) {
    const std::string* best = nullptr;
    for (const auto& s : streams) {
      if (p.key.size() > s.size() + 1 && p.key.compare(0, s.size(), s) == 0 &&
          p.key[s.size()] == '.' && (best == nullptr || s.size() > best->size())) {
        best = &s;
      }
    }
    if (best == nullptr) {
      std::string msg =
          "property '" + p.key + "' names no stream of this statement; prefix it with";
      for (size_t i = 0; i < streams.size(); ++i) {
        msg += (i == 0 ? " '" : (i + 1 == streams.size() ? " or '" : ", '")) + streams[i] + ".'";
      }
      return Status::invalid_config(msg, p.pos);
    }
    EDDY_ASSIGN_OR_RAISE(std::string value, substitute(p.value, p.value_pos));
    out[*best].set(p.key.substr(best->size() + 1), std::move(value), p.pos);
  }
  return out;
}

Result<Properties> PropertyResolver::resolve_plain(const std::vector<RawProperty>& props,
                                                   std::string_view stream) const {
  Properties out;
  std::string prefix = std::string(stream) + ".";
  for (const auto& p : props) {
    EDDY_ASSIGN_OR_RAISE(std::string value, substitute(p.value, p.value_pos));
    // A declaration may also spell its keys with its own name as prefix.
    std::string key = p.key.rfind(prefix, 0) == 0 ? p.key.substr(prefix.size()) : p.key;
    out.set(std::move(key), std::move(value), p.pos);
  }
  return out;
}

void PropertyResolver::apply_overrides(std::string_view stream, Properties& props) {
  for (auto& o : overrides_) {
    if (o.key.size() > stream.size() + 1 && o.key.compare(0, stream.size(), stream) == 0 &&
        o.key[stream.size()] == '.') {
      props.set_from(o.key.substr(stream.size() + 1), o.value, "--set " + o.key + "=" + o.value);
      o.used = true;
    }
  }
}

Status PropertyResolver::check_overrides_used() const {
  for (const auto& o : overrides_) {
    if (!o.used) {
      return Status::invalid_config("--set " + o.key +
                                    ": no stream of the app has that name; write "
                                    "--set STREAM.KEY=VALUE with a stream the app declares");
    }
  }
  return Status::ok();
}

}  // namespace eddy::sql
