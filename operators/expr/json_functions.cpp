// JSON functions over VARCHAR documents: JSON_VALUE, JSON_EXTRACT, JSON_EXISTS with simple
// JSONPath ("$.a.b[0]").

#include <nlohmann/json.hpp>

#include <optional>

#include "operators/expr/detail/column_access.hpp"
#include "operators/expr/detail/function_sets.hpp"

namespace eddy::ops::detail {

namespace {

struct PathStep {
  std::string key;
  size_t index = 0;
  bool is_index = false;
};
using JsonPath = std::vector<PathStep>;

// Parses "$", "$.a", "$.a[2].b", "$['a b']"; nullopt on bad syntax.
std::optional<JsonPath> parse_path(std::string_view p) {
  if (p.empty() || p[0] != '$') {
    return std::nullopt;
  }
  JsonPath path;
  size_t i = 1;
  while (i < p.size()) {
    if (p[i] == '.') {
      size_t start = ++i;
      while (i < p.size() && p[i] != '.' && p[i] != '[') {
        ++i;
      }
      if (i == start) {
        return std::nullopt;
      }
      path.push_back(PathStep{std::string(p.substr(start, i - start)), 0, false});
    } else if (p[i] == '[') {
      size_t close = p.find(']', i);
      if (close == std::string_view::npos) {
        return std::nullopt;
      }
      std::string_view inner = p.substr(i + 1, close - i - 1);
      if (inner.size() >= 2 && (inner.front() == '\'' || inner.front() == '"') &&
          inner.back() == inner.front()) {
        path.push_back(PathStep{std::string(inner.substr(1, inner.size() - 2)), 0, false});
      } else {
        if (inner.empty()) {
          return std::nullopt;
        }
        size_t idx = 0;
        for (char c : inner) {
          if (c < '0' || c > '9') {
            return std::nullopt;
          }
          idx = idx * 10 + static_cast<size_t>(c - '0');
        }
        path.push_back(PathStep{{}, idx, true});
      }
      i = close + 1;
    } else {
      return std::nullopt;
    }
  }
  return path;
}

const nlohmann::json* walk(const nlohmann::json& doc, const JsonPath& path) {
  const nlohmann::json* node = &doc;
  for (const auto& step : path) {
    if (step.is_index) {
      if (!node->is_array() || step.index >= node->size()) {
        return nullptr;
      }
      node = &(*node)[step.index];
    } else {
      if (!node->is_object()) {
        return nullptr;
      }
      auto it = node->find(step.key);
      if (it == node->end()) {
        return nullptr;
      }
      node = &*it;
    }
  }
  return node;
}

enum class JsonMode : uint8_t { kValue, kExtract, kExists };

ScalarFunction json_function(std::string name, JsonMode mode) {
  ScalarFunction fn;
  fn.name = name;
  const DataType result = mode == JsonMode::kExists ? DataType::boolean() : DataType::varchar();
  auto base = fixed_signature(name, {DataType::varchar(), DataType::varchar()}, result, 2);
  fn.bind = [base, name](const std::vector<ExprPtr>& args,
                         SourcePos pos) -> Result<BoundSignature> {
    EDDY_ASSIGN_OR_RAISE(BoundSignature sig, base(args, pos));
    const Expr& p = *args[1];
    if (p.kind == ExprKind::kLiteral && !p.literal.is_null() && p.type.id == TypeId::kVarchar &&
        !parse_path(p.literal.str())) {
      return Status::bind_error("function " + name + ": invalid JSON path '" + p.literal.str() +
                                    "'; write it like '$.field.sub[0]'",
                                p.pos.known() ? p.pos : pos);
    }
    return sig;
  };
  fn.make_kernel = [mode, result](const Expr& call) -> Result<Kernel> {
    std::optional<JsonPath> pre;
    if (call.args[1]->kind == ExprKind::kLiteral && !call.args[1]->literal.is_null()) {
      pre = parse_path(call.args[1]->literal.str());
    }
    return Kernel([mode, result, pre](std::span<const Datum> args,
                                      const KernelContext& ctx) -> Result<ColumnPtr> {
      StrGetter docs(args[0]);
      StrGetter paths(args[1]);
      // Parses row i and finds the node; nullptr when the document or path is bad or missing.
      auto lookup = [&](size_t i, nlohmann::json& doc) -> const nlohmann::json* {
        std::optional<JsonPath> row_path;
        const JsonPath* path = pre ? &*pre : nullptr;
        if (path == nullptr) {
          row_path = parse_path(paths(i));
          if (!row_path) {
            return nullptr;
          }
          path = &*row_path;
        }
        std::string_view text = docs(i);
        doc = nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
        if (doc.is_discarded()) {
          return nullptr;
        }
        return walk(doc, *path);
      };
      if (mode == JsonMode::kExists) {
        return build_fixed<uint8_t>(args, result, ctx.num_rows, [&](size_t i, uint8_t& r) {
          nlohmann::json doc;
          r = lookup(i, doc) != nullptr;
          return true;
        });
      }
      return build_strings(args, ctx.num_rows, [&](size_t i, std::string& out) {
        nlohmann::json doc;
        const nlohmann::json* node = lookup(i, doc);
        if (node == nullptr || node->is_null()) {
          return false;
        }
        if (node->is_string()) {
          out = node->get<std::string>();
          return true;
        }
        if (node->is_structured() && mode == JsonMode::kValue) {
          return false;  // JSON_VALUE returns scalars only
        }
        out = node->dump();
        return true;
      });
    });
  };
  return fn;
}

}  // namespace

void register_json(FunctionRegistry& r) {
  r.add(json_function("JSON_VALUE", JsonMode::kValue));
  r.add(json_function("JSON_EXTRACT", JsonMode::kExtract), {"JSON_QUERY"});
  r.add(json_function("JSON_EXISTS", JsonMode::kExists));
}

}  // namespace eddy::ops::detail
