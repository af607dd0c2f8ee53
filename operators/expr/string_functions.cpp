// String functions. Lengths and positions count UTF-8 code points; case mapping is ASCII-only.

#include <algorithm>
#include <memory>
#include <regex>

#include "operators/expr/detail/column_access.hpp"
#include "operators/expr/detail/function_sets.hpp"

namespace eddy::ops::detail {

namespace {

const DataType kVarchar = DataType::varchar();
const DataType kBigint = DataType::bigint();

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

int64_t utf8_length(std::string_view s) {
  int64_t n = 0;
  for (char c : s) {
    n += !is_continuation(c);
  }
  return n;
}

// The byte offset just after the first `chars` code points (clamped to the string).
size_t utf8_offset(std::string_view s, int64_t chars) {
  if (chars <= 0) {
    return 0;
  }
  size_t i = 0;
  while (i < s.size() && chars > 0) {
    ++i;
    while (i < s.size() && is_continuation(s[i])) {
      ++i;
    }
    --chars;
  }
  return i;
}

// Registers f(VARCHAR) -> VARCHAR computed by `f(in, out)`.
template <class F>
ScalarFunction string_unary(std::string name, F f) {
  ScalarFunction fn;
  fn.name = name;
  fn.bind = fixed_signature(name, {kVarchar}, kVarchar, 1);
  fn.make_kernel = [f](const Expr&) -> Result<Kernel> {
    return Kernel([f](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
      StrGetter s(args[0]);
      return build_strings(args, ctx.num_rows, [&](size_t i, std::string& out) {
        f(s(i), out);
        return true;
      });
    });
  };
  return fn;
}

// Registers a function with a fixed signature and a row-wise body `f(args, i, out)`.
template <class Out, class F>
ScalarFunction row_function(std::string name, std::vector<DataType> params, DataType result,
                            size_t min_args, F f) {
  ScalarFunction fn;
  fn.name = name;
  fn.bind = fixed_signature(name, params, result, min_args);
  fn.make_kernel = [f, result](const Expr&) -> Result<Kernel> {
    return Kernel(
        [f, result](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
          if constexpr (std::is_same_v<Out, std::string>) {
            return build_strings(args, ctx.num_rows,
                                 [&](size_t i, std::string& out) { return f(args, i, out); });
          } else {
            return build_fixed<Out>(args, result, ctx.num_rows,
                                    [&](size_t i, Out& out) { return f(args, i, out); });
          }
        });
  };
  return fn;
}

std::string_view str_arg(std::span<const Datum> args, size_t k, size_t i) {
  const Datum& d = args[k];
  return d.is_scalar() ? std::string_view(d.scalar.str()) : d.column->str(i);
}

int64_t int_arg(std::span<const Datum> args, size_t k, size_t i) {
  const Datum& d = args[k];
  return d.is_scalar() ? d.scalar.int64() : d.column->i64()[i];
}

void trim_left(std::string_view& s) {
  while (!s.empty() && s.front() == ' ') {
    s.remove_prefix(1);
  }
}

void trim_right(std::string_view& s) {
  while (!s.empty() && s.back() == ' ') {
    s.remove_suffix(1);
  }
}

// SQL SUBSTRING semantics: characters [start, start + len) counted from 1; a start below 1
// shortens the window rather than shifting it.
void substring(std::string_view s, int64_t start, std::optional<int64_t> len, std::string& out) {
  int64_t end = len ? start + std::max<int64_t>(*len, 0) : INT64_MAX;
  if (len && __builtin_add_overflow(start, std::max<int64_t>(*len, 0), &end)) {
    end = INT64_MAX;
  }
  int64_t from = std::max<int64_t>(start, 1);
  if (end <= from) {
    return;
  }
  size_t b = utf8_offset(s, from - 1);
  size_t e = end == INT64_MAX ? s.size() : utf8_offset(s, end - 1);
  if (b < e) {
    out.assign(s.substr(b, e - b));
  }
}

void pad(std::string_view s, int64_t len, std::string_view fill, bool left, std::string& out) {
  if (len <= 0) {
    return;
  }
  const int64_t have = utf8_length(s);
  if (have >= len) {
    out.assign(s.substr(0, utf8_offset(s, len)));
    return;
  }
  if (fill.empty()) {
    out.assign(s);
    return;
  }
  // Cap the padding so a huge length cannot exhaust memory.
  const int64_t need = std::min<int64_t>(len - have, 1 << 20);
  std::string padding;
  const int64_t fill_chars = utf8_length(fill);
  for (int64_t k = 0; k < need;) {
    int64_t take = std::min(fill_chars, need - k);
    padding.append(fill.substr(0, utf8_offset(fill, take)));
    k += take;
  }
  if (left) {
    out = padding;
    out.append(s);
  } else {
    out.assign(s);
    out += padding;
  }
}

ScalarFunction concat_function() {
  ScalarFunction fn;
  fn.name = "CONCAT";
  fn.bind = [](const std::vector<ExprPtr>& args, SourcePos pos) -> Result<BoundSignature> {
    EDDY_RETURN_NOT_OK(check_arity("CONCAT", args, 1, SIZE_MAX, pos));
    return BoundSignature{std::vector<DataType>(args.size(), kVarchar), kVarchar};
  };
  fn.make_kernel = [](const Expr&) -> Result<Kernel> {
    return Kernel([](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
      const size_t n = ctx.num_rows;
      std::vector<StrGetter> g;
      for (const auto& a : args) {
        g.emplace_back(a);
      }
      auto out = std::make_shared<Column>(kVarchar);
      std::string buf;
      for (size_t i = 0; i < n; ++i) {
        buf.clear();
        // NULL arguments are skipped, as in PostgreSQL.
        for (size_t k = 0; k < args.size(); ++k) {
          if (datum_valid(args[k], i)) {
            buf.append(g[k](i));
          }
        }
        out->append_str(buf);
      }
      return ColumnPtr(out);
    });
  };
  return fn;
}

// REGEXP(s, pattern) and REGEXP_REPLACE(s, pattern, replacement), ECMAScript syntax. A constant
// pattern is compiled once; an invalid constant pattern is a bind error.
Status check_regex(const std::string& fn, const std::vector<ExprPtr>& args, SourcePos pos) {
  if (args.size() > 1 && args[1]->kind == ExprKind::kLiteral && !args[1]->literal.is_null() &&
      args[1]->type.id == TypeId::kVarchar) {
    try {
      std::regex re(args[1]->literal.str());
    } catch (const std::regex_error& e) {
      return Status::bind_error("function " + fn + ": invalid regular expression '" +
                                    args[1]->literal.str() + "': " + e.what(),
                                args[1]->pos.known() ? args[1]->pos : pos);
    }
  }
  return Status::ok();
}

std::shared_ptr<const std::regex> compile_regex(std::string_view pattern) {
  try {
    return std::make_shared<const std::regex>(std::string(pattern));
  } catch (const std::regex_error&) {
    return nullptr;
  }
}

ScalarFunction regex_function(bool replace) {
  ScalarFunction fn;
  fn.name = replace ? "REGEXP_REPLACE" : "REGEXP";
  std::vector<DataType> params = {kVarchar, kVarchar};
  if (replace) {
    params.push_back(kVarchar);
  }
  auto base =
      fixed_signature(fn.name, params, replace ? kVarchar : DataType::boolean(), params.size());
  fn.bind = [base, name = fn.name](const std::vector<ExprPtr>& args,
                                   SourcePos pos) -> Result<BoundSignature> {
    EDDY_ASSIGN_OR_RAISE(BoundSignature sig, base(args, pos));
    EDDY_RETURN_NOT_OK(check_regex(name, args, pos));
    return sig;
  };
  fn.make_kernel = [replace](const Expr& call) -> Result<Kernel> {
    std::shared_ptr<const std::regex> pre;
    if (call.args[1]->kind == ExprKind::kLiteral && !call.args[1]->literal.is_null()) {
      pre = compile_regex(call.args[1]->literal.str());
    }
    return Kernel(
        [replace, pre](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
          const size_t n = ctx.num_rows;
          // A per-row pattern is compiled per row; an invalid one gives NULL.
          auto regex_at = [&](size_t i, std::shared_ptr<const std::regex>& slot) {
            if (pre) {
              return pre;
            }
            if (!slot || !args[1].is_scalar()) {
              slot = compile_regex(str_arg(args, 1, i));
            }
            return slot;
          };
          std::shared_ptr<const std::regex> slot;
          if (replace) {
            return build_strings(args, n, [&](size_t i, std::string& out) {
              auto re = regex_at(i, slot);
              if (!re) {
                return false;
              }
              std::string_view s = str_arg(args, 0, i);
              out = std::regex_replace(std::string(s), *re, std::string(str_arg(args, 2, i)));
              return true;
            });
          }
          return build_fixed<uint8_t>(args, DataType::boolean(), n, [&](size_t i, uint8_t& r) {
            auto re = regex_at(i, slot);
            if (!re) {
              return false;
            }
            std::string_view s = str_arg(args, 0, i);
            r = std::regex_search(s.begin(), s.end(), *re);
            return true;
          });
        });
  };
  return fn;
}

}  // namespace

void register_string(FunctionRegistry& r) {
  r.add(string_unary("UPPER",
                     [](std::string_view s, std::string& out) {
                       out.assign(s);
                       for (char& c : out) {
                         c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
                       }
                     }),
        {"UCASE"});
  r.add(string_unary("LOWER",
                     [](std::string_view s, std::string& out) {
                       out.assign(s);
                       for (char& c : out) {
                         c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
                       }
                     }),
        {"LCASE"});
  r.add(string_unary("TRIM", [](std::string_view s, std::string& out) {
    trim_left(s);
    trim_right(s);
    out.assign(s);
  }));
  r.add(string_unary("LTRIM", [](std::string_view s, std::string& out) {
    trim_left(s);
    out.assign(s);
  }));
  r.add(string_unary("RTRIM", [](std::string_view s, std::string& out) {
    trim_right(s);
    out.assign(s);
  }));
  r.add(string_unary("REVERSE", [](std::string_view s, std::string& out) {
    // Reverse code points, keeping each one's bytes in order.
    size_t end = s.size();
    while (end > 0) {
      size_t start = end - 1;
      while (start > 0 && is_continuation(s[start])) {
        --start;
      }
      out.append(s.substr(start, end - start));
      end = start;
    }
  }));
  r.add(row_function<int64_t>("LENGTH", {kVarchar}, kBigint, 1,
                              [](std::span<const Datum> a, size_t i, int64_t& out) {
                                out = utf8_length(str_arg(a, 0, i));
                                return true;
                              }),
        {"LEN", "CHAR_LENGTH", "CHARACTER_LENGTH"});
  r.add(row_function<std::string>("SUBSTRING", {kVarchar, kBigint, kBigint}, kVarchar, 2,
                                  [](std::span<const Datum> a, size_t i, std::string& out) {
                                    std::optional<int64_t> len;
                                    if (a.size() > 2) {
                                      len = int_arg(a, 2, i);
                                    }
                                    substring(str_arg(a, 0, i), int_arg(a, 1, i), len, out);
                                    return true;
                                  }),
        {"SUBSTR"});
  r.add(row_function<std::string>("LEFT", {kVarchar, kBigint}, kVarchar, 2,
                                  [](std::span<const Datum> a, size_t i, std::string& out) {
                                    std::string_view s = str_arg(a, 0, i);
                                    int64_t k = int_arg(a, 1, i);
                                    if (k < 0) {
                                      k = std::max<int64_t>(utf8_length(s) + k, 0);
                                    }
                                    out.assign(s.substr(0, utf8_offset(s, k)));
                                    return true;
                                  }));
  r.add(row_function<std::string>("RIGHT", {kVarchar, kBigint}, kVarchar, 2,
                                  [](std::span<const Datum> a, size_t i, std::string& out) {
                                    std::string_view s = str_arg(a, 0, i);
                                    int64_t len = utf8_length(s);
                                    int64_t k = int_arg(a, 1, i);
                                    int64_t skip = k < 0 ? -k : std::max<int64_t>(len - k, 0);
                                    out.assign(s.substr(utf8_offset(s, skip)));
                                    return true;
                                  }));
  r.add(row_function<std::string>("REPLACE", {kVarchar, kVarchar, kVarchar}, kVarchar, 3,
                                  [](std::span<const Datum> a, size_t i, std::string& out) {
                                    std::string_view s = str_arg(a, 0, i);
                                    std::string_view from = str_arg(a, 1, i);
                                    std::string_view to = str_arg(a, 2, i);
                                    if (from.empty()) {
                                      out.assign(s);
                                      return true;
                                    }
                                    size_t pos = 0;
                                    for (size_t hit; (hit = s.find(from, pos)) != s.npos;) {
                                      out.append(s.substr(pos, hit - pos));
                                      out.append(to);
                                      pos = hit + from.size();
                                    }
                                    out.append(s.substr(pos));
                                    return true;
                                  }));
  r.add(row_function<int64_t>("POSITION", {kVarchar, kVarchar}, kBigint, 2,
                              [](std::span<const Datum> a, size_t i, int64_t& out) {
                                std::string_view sub = str_arg(a, 0, i);
                                std::string_view s = str_arg(a, 1, i);
                                size_t hit = s.find(sub);
                                out = hit == s.npos ? 0 : utf8_length(s.substr(0, hit)) + 1;
                                return true;
                              }));
  r.add(row_function<std::string>("SPLIT_PART", {kVarchar, kVarchar, kBigint}, kVarchar, 3,
                                  [](std::span<const Datum> a, size_t i, std::string& out) {
                                    std::string_view s = str_arg(a, 0, i);
                                    std::string_view delim = str_arg(a, 1, i);
                                    int64_t k = int_arg(a, 2, i);
                                    std::vector<std::string_view> parts;
                                    if (delim.empty()) {
                                      parts.push_back(s);
                                    } else {
                                      size_t pos = 0;
                                      for (size_t hit; (hit = s.find(delim, pos)) != s.npos;
                                           pos = hit + delim.size()) {
                                        parts.push_back(s.substr(pos, hit - pos));
                                      }
                                      parts.push_back(s.substr(pos));
                                    }
                                    const int64_t count = static_cast<int64_t>(parts.size());
                                    // Negative positions count from the end, as in PostgreSQL 14+.
                                    int64_t idx = k > 0 ? k - 1 : count + k;
                                    if (k == 0 || idx < 0 || idx >= count) {
                                      return true;
                                    }
                                    out.assign(parts[static_cast<size_t>(idx)]);
                                    return true;
                                  }));
  for (bool left : {true, false}) {
    r.add(row_function<std::string>(left ? "LPAD" : "RPAD", {kVarchar, kBigint, kVarchar}, kVarchar,
                                    2,
                                    [left](std::span<const Datum> a, size_t i, std::string& out) {
                                      std::string_view fill = a.size() > 2 ? str_arg(a, 2, i) : " ";
                                      pad(str_arg(a, 0, i), int_arg(a, 1, i), fill, left, out);
                                      return true;
                                    }));
  }
  r.add(row_function<uint8_t>("STARTS_WITH", {kVarchar, kVarchar}, DataType::boolean(), 2,
                              [](std::span<const Datum> a, size_t i, uint8_t& out) {
                                out = str_arg(a, 0, i).starts_with(str_arg(a, 1, i));
                                return true;
                              }));
  r.add(row_function<uint8_t>("ENDS_WITH", {kVarchar, kVarchar}, DataType::boolean(), 2,
                              [](std::span<const Datum> a, size_t i, uint8_t& out) {
                                out = str_arg(a, 0, i).ends_with(str_arg(a, 1, i));
                                return true;
                              }));
  r.add(concat_function());
  r.add(regex_function(/*replace=*/false), {"REGEXP_LIKE"});
  r.add(regex_function(/*replace=*/true));
}

}  // namespace eddy::ops::detail
