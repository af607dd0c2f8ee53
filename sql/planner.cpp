#include "sql/planner.hpp"

#include <charconv>
#include <filesystem>

#include <functional>
#include <set>

#include "operators/aggregate/aggregate_function.hpp"
#include "operators/aggregate/aggregate_inputs.hpp"
#include "operators/connectors/connector_factory.hpp"
#include "operators/connectors/schema_inference.hpp"
#include "operators/expr/function_registry.hpp"
#include "operators/rows_window/analytic_call.hpp"
#include "sql/binder.hpp"
#include "sql/parser.hpp"

namespace eddy::sql {

namespace {

Status not_supported(const std::string& what, SourcePos pos) {
  return Status::not_supported(what + " is not supported yet", pos);
}

Result<SchemaPtr> declared_schema(const std::vector<ColumnDef>& columns) {
  if (columns.empty()) {
    return SchemaPtr();
  }
  std::vector<Field> fields;
  for (const auto& c : columns) {
    if (!c.type.type) {
      return not_supported("the column type " + c.type.text, c.type.pos);
    }
    for (const auto& f : fields) {
      if (iequals(f.name, c.name)) {
        return Status::bind_error("column '" + c.name + "' is declared twice", c.pos);
      }
    }
    fields.push_back({c.name, *c.type.type});
  }
  return SchemaPtr(std::make_shared<const Schema>(std::move(fields)));
}

std::vector<RawProperty> raw(const std::vector<Property>& props) {
  std::vector<RawProperty> out;
  out.reserve(props.size());
  for (const auto& p : props) {
    out.push_back({p.key, p.value, p.pos, p.value_pos});
  }
  return out;
}

}  // namespace

Planner::Planner(PlanOptions options)
    : resolver_(std::move(options.overrides), std::move(options.env)) {}

Result<AppPlan> Planner::plan(const Script& script) {
  AppPlan app;
  for (const auto& stmt : script.statements) {
    if (const auto* decl = std::get_if<SourceDecl>(&stmt.body)) {
      EDDY_RETURN_NOT_OK(declare(*decl));
    } else if (const auto* create = std::get_if<CreateStmt>(&stmt.body)) {
      if (!create->columns.empty()) {
        return not_supported("a column list on CREATE ... AS SELECT", create->columns[0].pos);
      }
      EDDY_ASSIGN_OR_RAISE(auto job, plan_job(create->name, create->name_pos, create->query,
                                              create->properties, create->emit, stmt.annotations));
      app.jobs.push_back(std::move(job));
    } else if (const auto* select = std::get_if<SelectStmt>(&stmt.body)) {
      // A bare SELECT is a job of its own whose results go to stdout unless configured.
      std::string name = "query_" + std::to_string(++num_queries_);
      EDDY_ASSIGN_OR_RAISE(auto job, plan_job(name, select->pos, *select, select->properties,
                                              select->emit, stmt.annotations));
      app.jobs.push_back(std::move(job));
    } else if (const auto* other = std::get_if<UnsupportedStmt>(&stmt.body)) {
      return not_supported("the statement " + other->keyword, stmt.pos);
    }
  }
  if (app.jobs.empty()) {
    return Status::bind_error(
        "the app has no job: add a CREATE STREAM name AS SELECT ... statement");
  }
  EDDY_RETURN_NOT_OK(resolver_.check_overrides_used());
  EDDY_RETURN_NOT_OK(check_file_clashes(app));
  return app;
}

namespace {

// A file the app reads or writes, for the clash check.
struct AppFile {
  enum class Role : uint8_t { kSource, kSink, kDeadLetter } role;
  std::filesystem::path key;  ///< Normalised absolute path.
  std::string path;           ///< As written.
  std::string what;           ///< "source 'trades'" or "sink 'out'".
  SourcePos pos;
};

std::filesystem::path normalised(const std::string& path) {
  std::error_code ec;
  auto abs = std::filesystem::absolute(path, ec);
  if (ec) {
    return std::filesystem::path(path).lexically_normal();
  }
  auto canonical = std::filesystem::weakly_canonical(abs, ec);
  return ec ? abs.lexically_normal() : canonical;
}

}  // namespace

Status Planner::check_file_clashes(const AppPlan& app) {
  // A sink that writes the file a source reads empties it before it is read: the input is lost
  // and the run looks successful. Two sinks writing one file clobber each other. Dead-letter
  // files are only appended to, so several sources may share one.
  using Role = AppFile::Role;
  std::vector<AppFile> files;
  auto add = [&files](Role role, const std::string& path, std::string what, SourcePos pos,
                      SourcePos fallback) {
    files.push_back({role, normalised(path), path, std::move(what), pos.known() ? pos : fallback});
  };
  for (const auto& job : app.jobs) {
    const auto& src = job.source.config;
    if (auto path = src.props.get("path")) {
      add(Role::kSource, *path, "source '" + src.name + "'", src.props.pos("path"), job.source.pos);
    }
    if (!job.dead_letter_path.empty()) {
      add(Role::kDeadLetter, job.dead_letter_path, "source '" + src.name + "'",
          src.props.pos("dlq.path"), job.source.pos);
    }
    const auto& sink = job.sink.config;
    auto path = sink.props.get("path");
    if (path && sink.props.get_or("type", "") == "file_sink") {
      add(Role::kSink, *path, "sink '" + sink.name + "'", sink.props.pos("path"), job.pos);
    }
  }
  for (size_t i = 0; i < files.size(); ++i) {
    const AppFile& a = files[i];
    for (size_t j = 0; j < i; ++j) {
      const AppFile& b = files[j];
      if (a.key != b.key || (a.role == Role::kSource && b.role == Role::kSource) ||
          (a.role == Role::kDeadLetter && b.role == Role::kDeadLetter)) {
        continue;
      }
      // Report at the writer, naming the other use of the file.
      const AppFile& writer = a.role == Role::kSource ? b : a;
      const AppFile& other = a.role == Role::kSource ? a : b;
      const char* use = other.role == Role::kSource ? " reads"
                        : other.role == Role::kSink ? " writes too"
                                                    : " uses as its dead-letter file";
      return Status::invalid_config(writer.what + " would write '" + writer.path + "', which " +
                                        other.what + use + "; give it a path of its own",
                                    writer.pos);
    }
  }
  return Status::ok();
}

Status Planner::declare(const SourceDecl& decl) {
  if (declared_.count(decl.name) > 0 || jobs_.count(decl.name) > 0) {
    return Status::bind_error("stream '" + decl.name + "' is already defined", decl.name_pos);
  }
  EDDY_ASSIGN_OR_RAISE(auto schema, declared_schema(decl.columns));
  EDDY_ASSIGN_OR_RAISE(auto props, resolver_.resolve_plain(raw(decl.properties), decl.name));
  declared_[decl.name] = DeclaredStream{decl.name_pos, std::move(props), std::move(schema)};
  return Status::ok();
}

Status Planner::check_supported(const SelectStmt& select, EmitMode emit) const {
  if (select.distinct) {
    return not_supported("SELECT DISTINCT", select.pos);
  }
  if (!select.joins.empty()) {
    return not_supported("JOIN", select.joins[0].pos);
  }
  if (!select.order_by.empty()) {
    return not_supported("ORDER BY", select.order_by[0].expr->pos);
  }
  if (select.limit) {
    return not_supported("LIMIT", select.limit_pos);
  }
  if (select.into) {
    return not_supported("INTO", select.into->pos);
  }
  if (!select.unions.empty()) {
    return not_supported("UNION", select.unions[0].pos);
  }
  (void)emit;
  return Status::ok();
}

Result<PlanEndpoint> Planner::resolve_source(const TableRef& from, Properties statement_props,
                                             const Expr* window_time) {
  if (from.is_uri) {
    return not_supported(
        "a URI source ('" + from.name + "'); declare the source with WITH properties instead",
        from.pos);
  }
  if (jobs_.count(from.name) > 0) {
    return not_supported("reading the output of job '" + from.name + "'", from.pos);
  }
  PlanEndpoint source;
  source.pos = from.pos;
  source.config.name = from.name;
  SchemaPtr declared;
  if (auto it = declared_.find(from.name); it != declared_.end()) {
    source.config.props = it->second.props;
    declared = it->second.schema;
  }
  for (const auto& [key, entry] : statement_props.entries()) {
    source.config.props.set(key, entry.value, entry.pos);
  }
  EDDY_ASSIGN_OR_RAISE(auto from_props, resolver_.resolve_plain(raw(from.properties), from.name));
  for (const auto& [key, entry] : from_props.entries()) {
    source.config.props.set(key, entry.value, entry.pos);
  }
  resolver_.apply_overrides(from.name, source.config.props);
  if (!source.config.props.contains("type")) {
    return Status::bind_error(
        "source '" + from.name + "' has no connector: add '" + from.name +
            ".type' = 'file_source' (with '" + from.name + ".path' and '" + from.name +
            ".format') to the WITH clause, or declare it with CREATE STREAM " + from.name +
            " (...) WITH (...)",
        from.pos);
  }
  // A window over a column of a source without an event-time field: that column drives the
  // watermarks, so windows close as the data advances instead of only at the end.
  if (window_time != nullptr && window_time->kind == ExprKind::kColumnRef &&
      !source.config.props.contains("event.time.field")) {
    source.config.props.set("event.time.field", window_time->name, window_time->pos);
  }
  source.inferred_schema = declared == nullptr;
  // File problems (missing, empty, a header without the declared columns) point at the path.
  const SourcePos path_pos =
      source.config.props.pos("path").known() ? source.config.props.pos("path") : from.pos;
  auto schema = ops::resolve_source_schema(source.config, declared);
  if (!schema.is_ok()) {
    // An error about a --set value says so and has no place in the SQL file to point at.
    const bool from_set = schema.status().message().find("(from --set ") != std::string::npos;
    return from_set ? schema.status() : schema.status().with_pos(path_pos);
  }
  source.schema = std::move(schema).value();
  // Validates every source property now, so `eddy validate` catches what `run` would.
  EDDY_ASSIGN_OR_RAISE(auto probe, ops::make_source(source.config, source.schema));
  (void)probe;
  return source;
}

namespace {

// Calls f on every expression node under `e`, outside subqueries.
void visit(const Expr& e, const std::function<void(const Expr&)>& f) {
  f(e);
  for (const auto& a : e.args) {
    if (a) {
      visit(*a, f);
    }
  }
  for (const auto& w : e.whens) {
    visit(*w.when, f);
    visit(*w.then, f);
  }
  if (e.else_expr) {
    visit(*e.else_expr, f);
  }
}

bool is_aggregate_call(const Expr& e) {
  return e.kind == ExprKind::kFunction && e.over == nullptr &&
         ops::FunctionRegistry::instance().is_aggregate(e.name);
}

bool is_analytic_call(const Expr& e) {
  return e.kind == ExprKind::kFunction && e.over != nullptr;
}

// The select-list expressions and HAVING, the places aggregate and analytic calls may appear.
std::vector<const Expr*> output_exprs(const SelectStmt& select) {
  std::vector<const Expr*> out;
  for (const auto& item : select.items) {
    if (item.kind == SelectItem::Kind::kExpr) {
      out.push_back(item.expr.get());
    }
  }
  if (select.having) {
    out.push_back(select.having.get());
  }
  return out;
}

// Collects the distinct calls satisfying `pred` (by SQL text), in order of appearance.
std::vector<const Expr*> collect_calls(const std::vector<const Expr*>& roots,
                                       bool (*pred)(const Expr&)) {
  std::vector<const Expr*> out;
  std::set<std::string> seen;
  for (const Expr* root : roots) {
    visit(*root, [&](const Expr& e) {
      if (pred(e) && seen.insert(to_string(e)).second) {
        out.push_back(&e);
      }
    });
  }
  return out;
}

// The source columns an expression reads: rows equal on them are equal on the expression, so
// routing by them keeps every key in one partition. False when it reads something else.
bool collect_columns(const ops::Expr& e, std::set<size_t>& out) {
  if (e.kind == ops::ExprKind::kColumn) {
    out.insert(e.column_index);
    return true;
  }
  if (e.kind == ops::ExprKind::kEventTime) {
    return false;
  }
  if (e.kind == ops::ExprKind::kCall && e.function != nullptr && e.args.empty() &&
      e.type.id == TypeId::kTimestamp) {
    return false;  // NOW() differs between partitions
  }
  for (const auto& a : e.args) {
    if (!collect_columns(*a, out)) {
      return false;
    }
  }
  return true;
}

// A LAG/LEAD offset its buffer of `buffer` rows cannot reach, or an NTH_VALUE position beyond
// its frame of `width` rows, would give only NULLs (or the default): an error that says how
// large a buffer is needed.
Status check_reach(const ops::AnalyticCall& analytic, const Expr& call,
                   const std::string& buffer_text, int64_t buffer, int64_t width) {
  using ops::AnalyticKind;
  const bool shifts = analytic.kind == AnalyticKind::kLag || analytic.kind == AnalyticKind::kLead;
  if ((!shifts && analytic.kind != AnalyticKind::kNthValue) || analytic.args.size() < 2 ||
      analytic.args[1]->kind != ops::ExprKind::kLiteral || analytic.args[1]->literal.is_null()) {
    return Status::ok();
  }
  const int64_t k = analytic.args[1]->literal.int64();
  const SourcePos pos = call.args.size() > 1 && call.args[1] ? call.args[1]->pos : call.pos;
  const std::string name = ops::analytic_kind_name(analytic.kind);
  if (shifts && k >= buffer) {
    return Status::bind_error(name + " by " + std::to_string(k) + " rows needs " +
                                  std::to_string(k + 1) + " rows of the partition, but " +
                                  buffer_text + " keeps " + std::to_string(buffer) +
                                  "; use BUFFER " + std::to_string(k + 1) + " ROWS or more",
                              pos);
  }
  if (!shifts && k > width) {
    return Status::bind_error("NTH_VALUE(..., " + std::to_string(k) + ") needs " +
                                  std::to_string(k) + " rows in its frame, but the frame holds " +
                                  std::to_string(width) + "; use a larger BUFFER or frame",
                              pos);
  }
  return Status::ok();
}

// Routes rows by the columns `keys` read; with no usable key the job runs in one partition.
void route_by(const std::vector<ops::ExprPtr>& keys, JobPlan& job) {
  std::set<size_t> columns;
  bool ok = !keys.empty();
  for (const auto& k : keys) {
    ok = ok && collect_columns(*k, columns);
  }
  if (ok && !columns.empty()) {
    job.routing = PlanRouting::kHash;
    job.key_columns.assign(columns.begin(), columns.end());
  } else {
    // A single group (or partition) has to live in one place.
    job.routing = PlanRouting::kRoundRobin;
    job.partitions = 1;
  }
}

}  // namespace

Status Planner::bind_query(const SelectStmt& select, EmitMode emit, const std::string& alias,
                           JobPlan& job) {
  const PlanEndpoint& source = job.source;
  BindScope scope;
  scope.stream = source.config.name;
  scope.alias = alias;
  scope.schema = source.schema;
  scope.has_event_time = source.config.props.contains("event.time.field");
  scope.event_time_hint = "set '" + source.config.name + ".event.time.field' to the column that " +
                          "holds each record's time";

  if (select.where) {
    Binder binder(scope);
    binder.set_aggregate_error(
        "aggregate functions are not allowed in WHERE; filter groups with HAVING");
    EDDY_ASSIGN_OR_RAISE(auto predicate, binder.bind(*select.where));
    if (predicate->type.id != TypeId::kBoolean && predicate->type.id != TypeId::kNull) {
      return Status::bind_error(
          "WHERE needs a BOOLEAN condition, got " + predicate->type.to_string(), select.where->pos);
    }
    job.steps.push_back(FilterStep{std::move(predicate)});
  }

  auto outputs = output_exprs(select);
  bool aggregated = !select.group_by.empty() || select.window.has_value() ||
                    !collect_calls(outputs, is_aggregate_call).empty();
  bool analytic = !collect_calls(outputs, is_analytic_call).empty();
  if (aggregated && analytic) {
    return not_supported("combining OVER (...) with GROUP BY, WINDOW or aggregate functions",
                         select.pos);
  }
  if (aggregated) {
    return bind_aggregation(select, emit, scope, job);
  }
  if (select.having) {
    return Status::bind_error("HAVING needs a GROUP BY or aggregate functions; use WHERE",
                              select.having->pos);
  }
  if (emit == EmitMode::kFinal) {
    return Status::bind_error(
        "EMIT FINAL needs a GROUP BY or a WINDOW: a query without aggregation emits each row "
        "as it arrives",
        select.pos);
  }
  if (analytic) {
    return bind_rows_window(select, scope, job);
  }
  Binder binder(scope);
  return bind_projection(select, binder, nullptr, job);
}

Status Planner::bind_aggregation(const SelectStmt& select, EmitMode emit, const BindScope& scope,
                                 JobPlan& job) {
  ops::AggregateOpSpec spec;
  spec.input_schema = scope.schema;
  std::vector<std::string> key_texts;
  {
    Binder keys(scope);
    keys.set_aggregate_error("aggregate functions are not allowed in GROUP BY");
    for (const auto& g : select.group_by) {
      EDDY_ASSIGN_OR_RAISE(auto key, keys.bind(*g));
      std::string text = to_string(*g);
      if (std::find(key_texts.begin(), key_texts.end(), text) != key_texts.end()) {
        continue;
      }
      key_texts.push_back(text);
      spec.keys.push_back(std::move(key));
      spec.key_names.push_back(g->kind == ExprKind::kColumnRef ? g->name : text);
    }
  }

  if (select.window) {
    const WindowSpec& w = *select.window;
    switch (w.kind) {
      case WindowKind::kTumbling:
        spec.window.kind = ops::WindowKind::kTumbling;
        spec.window.size_ms = w.size.ms;
        break;
      case WindowKind::kSliding:
        spec.window.kind = ops::WindowKind::kSliding;
        spec.window.size_ms = w.size.ms;
        spec.window.advance_ms = w.advance ? w.advance->ms : w.size.ms;
        break;
      case WindowKind::kSession:
        spec.window.kind = ops::WindowKind::kSession;
        spec.window.gap_ms = w.size.ms;
        break;
    }
    if (w.time_column) {
      Binder time(scope);
      EDDY_ASSIGN_OR_RAISE(spec.window.time, time.bind(*w.time_column));
      TypeId t = spec.window.time->type.id;
      if (t != TypeId::kTimestamp && t != TypeId::kBigint) {
        return Status::bind_error(
            "the window's time column must be a TIMESTAMP or BIGINT epoch "
            "milliseconds, got " +
                spec.window.time->type.to_string(),
            w.time_column->pos);
      }
    } else if (!scope.has_event_time) {
      return Status::bind_error("the WINDOW needs event time: " + scope.event_time_hint +
                                    ", or name the time column, e.g. TUMBLING(ts, INTERVAL '1' "
                                    "MINUTE)",
                                w.pos);
    }
  }

  Binder args(scope);
  args.set_aggregate_error("aggregate functions cannot be nested");
  std::vector<std::string> agg_texts;
  for (const Expr* call : collect_calls(output_exprs(select), is_aggregate_call)) {
    std::vector<ops::ExprPtr> bound;
    for (const auto& a : call->args) {
      EDDY_ASSIGN_OR_RAISE(auto arg, args.bind(*a));
      bound.push_back(std::move(arg));
    }
    EDDY_ASSIGN_OR_RAISE(
        auto agg, ops::make_aggregate(call->name, std::move(bound), call->distinct, call->pos));
    spec.aggregate_names.push_back("__agg_" + std::to_string(spec.aggregates.size()));
    spec.aggregates.push_back(std::move(agg));
    agg_texts.push_back(to_string(*call));
  }
  spec.emit = emit == EmitMode::kFinal     ? ops::EmitMode::kFinal
              : emit == EmitMode::kChanges ? ops::EmitMode::kChanges
              : select.window              ? ops::EmitMode::kFinal
                                           : ops::EmitMode::kChanges;
  EDDY_ASSIGN_OR_RAISE(auto agg_schema, ops::aggregate_output_schema(spec));

  // After the aggregation, keys and aggregate calls are columns of its output.
  BindScope post = scope;
  post.schema = agg_schema;
  post.has_event_time = false;
  Binder binder(post);
  binder.set_grouped_source(scope.schema);
  const size_t first_agg = spec.keys.size() + (spec.window.kind != ops::WindowKind::kNone ? 2 : 0);
  for (size_t i = 0; i < key_texts.size(); ++i) {
    const Field& f = agg_schema->field(i);
    binder.add_replacement(key_texts[i], ops::make_column(i, f.type, f.name));
  }
  for (size_t i = 0; i < agg_texts.size(); ++i) {
    const Field& f = agg_schema->field(first_agg + i);
    binder.add_replacement(agg_texts[i], ops::make_column(first_agg + i, f.type, agg_texts[i]));
  }

  route_by(spec.keys, job);
  job.steps.push_back(AggregateStep{std::move(spec)});
  return bind_projection(select, binder, &agg_schema, job);
}

Status Planner::bind_rows_window(const SelectStmt& select, const BindScope& scope, JobPlan& job) {
  auto calls = collect_calls(output_exprs(select), is_analytic_call);
  const OverClause& first = *calls.front()->over;
  auto text_of = [](const OverClause& o) {
    std::string t;
    for (const auto& e : o.partition_by) {
      t += to_string(*e) + ",";
    }
    t += "|";
    for (const auto& e : o.order_by) {
      t += to_string(e) + ",";
    }
    return t;
  };
  ops::RowsWindowSpec spec;
  spec.input_schema = scope.schema;
  Binder input(scope);
  input.set_aggregate_error("aggregate functions cannot be used inside OVER (...)");
  for (const auto& e : first.partition_by) {
    EDDY_ASSIGN_OR_RAISE(auto key, input.bind(*e));
    spec.partition_by.push_back(std::move(key));
  }
  for (const auto& item : first.order_by) {
    EDDY_ASSIGN_OR_RAISE(auto key, input.bind(*item.expr));
    spec.order_by.push_back(std::move(key));
    spec.descending.push_back(item.descending);
  }
  std::vector<std::string> call_texts;
  for (const Expr* call : calls) {
    const OverClause& over = *call->over;
    if (!over.has_buffer) {
      return not_supported("OVER without ROWS WINDOW BUFFER n ROWS (unbounded state)", over.pos);
    }
    if (text_of(over) != text_of(first)) {
      return not_supported("OVER clauses with different PARTITION BY or ORDER BY in one query",
                           over.pos);
    }
    spec.buffer_rows = std::max(spec.buffer_rows, over.buffer_rows);
    // The operator keeps the largest buffer of the query; each call still sees only its own
    // last n rows, as its BUFFER n ROWS says.
    const std::string buffer_text = "BUFFER " + std::to_string(over.buffer_rows) + " ROWS";
    ops::FrameSpec frame;
    frame.preceding = over.buffer_rows - 1;
    if (over.frame) {
      if (over.frame->range) {
        return not_supported("RANGE frames", over.frame->pos);
      }
      using Kind = FrameBound::Kind;
      if (over.frame->start.kind == Kind::kPreceding) {
        if (over.frame->start.offset >= over.buffer_rows) {
          return Status::bind_error(
              "the frame reaches " + std::to_string(over.frame->start.offset) + " rows back, but " +
                  buffer_text + " keeps only the current row and " +
                  std::to_string(over.buffer_rows - 1) + " before it; use BUFFER " +
                  std::to_string(over.frame->start.offset + 1) + " ROWS or more",
              over.frame->start.pos);
        }
        frame.preceding = over.frame->start.offset;
      } else if (over.frame->start.kind == Kind::kCurrentRow) {
        frame.preceding = 0;
      } else if (over.frame->start.kind != Kind::kUnboundedPreceding) {
        return not_supported("a frame that starts after the current row", over.frame->pos);
      }
      if (over.frame->end.kind != Kind::kCurrentRow) {
        return not_supported("a frame that does not end at CURRENT ROW", over.frame->end.pos);
      }
    }
    std::vector<ops::ExprPtr> bound;
    for (const auto& a : call->args) {
      EDDY_ASSIGN_OR_RAISE(auto arg, input.bind(*a));
      bound.push_back(std::move(arg));
    }
    EDDY_ASSIGN_OR_RAISE(auto analytic,
                         ops::make_analytic(call->name, std::move(bound), frame, call->pos));
    EDDY_RETURN_NOT_OK(
        check_reach(analytic, *call, buffer_text, over.buffer_rows, frame.preceding + 1));
    spec.names.push_back("__win_" + std::to_string(spec.calls.size()));
    spec.calls.push_back(std::move(analytic));
    call_texts.push_back(to_string(*call));
  }

  // After the window, the calls are columns appended to the input's.
  std::vector<Field> fields = scope.schema->fields();
  for (size_t i = 0; i < spec.calls.size(); ++i) {
    fields.push_back({spec.names[i], spec.calls[i].result_type});
  }
  auto window_schema = std::make_shared<const Schema>(std::move(fields));
  BindScope post = scope;
  post.schema = window_schema;
  Binder binder(post);
  for (size_t i = 0; i < call_texts.size(); ++i) {
    size_t index = scope.schema->num_fields() + i;
    binder.add_replacement(call_texts[i],
                           ops::make_column(index, spec.calls[i].result_type, call_texts[i]));
  }
  route_by(spec.partition_by, job);
  job.steps.push_back(RowsWindowStep{std::move(spec)});
  return bind_projection(select, binder, nullptr, job);
}

Status Planner::bind_projection(const SelectStmt& select, Binder& binder, const SchemaPtr* grouped,
                                JobPlan& job) {
  const BindScope& scope = binder.scope();
  // `*` stands for the source's columns, which lead the scope's schema (a ROWS window appends).
  const size_t star_columns = job.source.schema->num_fields();
  ProjectStep project;
  std::vector<Field> fields;
  std::map<std::string, SourcePos> seen;
  auto add_output = [&](std::string name, ops::ExprPtr expr, SourcePos pos) -> Status {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (seen.count(lower) > 0) {
      return Status::bind_error(
          "the output column '" + name + "' appears twice; give one of them another name with AS",
          pos);
    }
    seen[lower] = pos;
    fields.push_back({name, expr->type});
    project.names.push_back(std::move(name));
    project.exprs.push_back(std::move(expr));
    return Status::ok();
  };
  for (const auto& item : select.items) {
    if (item.kind != SelectItem::Kind::kExpr) {
      if (grouped != nullptr) {
        return Status::bind_error(
            "'*' cannot be used with GROUP BY or WINDOW: list the keys and aggregates to output",
            item.pos);
      }
      if (item.kind == SelectItem::Kind::kQualifiedStar && !iequals(item.qualifier, scope.stream) &&
          !(!scope.alias.empty() && iequals(item.qualifier, scope.alias))) {
        return Status::bind_error(
            "unknown stream or alias '" + item.qualifier + "' in '" + item.qualifier + ".*'",
            item.pos);
      }
      for (size_t i = 0; i < star_columns; ++i) {
        const Field& f = scope.schema->field(i);
        EDDY_RETURN_NOT_OK(add_output(f.name, ops::make_column(i, f.type, f.name), item.pos));
      }
      continue;
    }
    EDDY_ASSIGN_OR_RAISE(auto expr, binder.bind(*item.expr));
    if (expr->type.id == TypeId::kNull) {
      // A bare NULL has no type of its own; VARCHAR is the neutral choice for output.
      EDDY_ASSIGN_OR_RAISE(expr, ops::make_cast(expr, DataType::varchar(), item.pos));
    }
    std::string name = item.alias.empty() ? Binder::derived_name(*item.expr) : item.alias;
    if (!item.alias.empty()) {
      binder.add_alias(item.alias, expr);
    }
    EDDY_RETURN_NOT_OK(add_output(std::move(name), std::move(expr),
                                  item.alias.empty() ? item.pos : item.alias_pos));
  }
  if (select.having) {
    EDDY_ASSIGN_OR_RAISE(auto predicate, binder.bind(*select.having));
    if (predicate->type.id != TypeId::kBoolean && predicate->type.id != TypeId::kNull) {
      return Status::bind_error(
          "HAVING needs a BOOLEAN condition, got " + predicate->type.to_string(),
          select.having->pos);
    }
    job.steps.push_back(FilterStep{std::move(predicate)});
  }
  job.sink.schema = std::make_shared<const Schema>(std::move(fields));
  job.steps.push_back(std::move(project));
  return Status::ok();
}

Result<JobPlan> Planner::plan_job(const std::string& name, SourcePos name_pos,
                                  const SelectStmt& select, const std::vector<Property>& properties,
                                  EmitMode emit, const std::vector<Annotation>& annotations) {
  if (declared_.count(name) > 0 || jobs_.count(name) > 0) {
    return Status::bind_error("stream '" + name + "' is already defined", name_pos);
  }
  EDDY_RETURN_NOT_OK(check_supported(select, emit));
  if (!select.from) {
    return Status::bind_error("a streaming query needs a FROM clause naming its source",
                              select.pos);
  }
  const TableRef& from = *select.from;
  if (iequals(from.name, name)) {
    return Status::bind_error("job '" + name + "' cannot read its own output", from.pos);
  }

  JobPlan job;
  job.name = name;
  job.pos = name_pos;
  size_t annotated_partitions = 0;
  for (const auto& a : annotations) {
    if (a.name == "num_partitions") {
      size_t n = 0;
      auto [end, ec] = std::from_chars(a.value.data(), a.value.data() + a.value.size(), n);
      if (ec != std::errc() || end != a.value.data() + a.value.size() || n == 0 || n > 1024) {
        return Status::invalid_config(
            "@num_partitions must be a whole number from 1 to 1024, got '" + a.value + "'", a.pos);
      }
      annotated_partitions = n;
    }
  }

  EDDY_ASSIGN_OR_RAISE(auto by_stream, resolver_.split(raw(properties), {from.name, name}));
  const Expr* window_time = select.window ? select.window->time_column.get() : nullptr;
  EDDY_ASSIGN_OR_RAISE(job.source,
                       resolve_source(from, std::move(by_stream[from.name]), window_time));
  if (Status st = bind_query(select, emit, from.alias, job); !st.is_ok()) {
    return explain_inferred_varchar(std::move(st), select, job.source);
  }
  if (job.source.config.props.get_or("on.error", "") == "dead_letter") {
    job.dead_letter_path = job.source.config.props.get_or("dlq.path", "");
  }
  if (job.partitions == 0) {
    job.partitions = annotated_partitions;
  }

  job.sink.pos = name_pos;
  job.sink.config.name = name;
  job.sink.config.props = std::move(by_stream[name]);
  resolver_.apply_overrides(name, job.sink.config.props);
  if (!job.sink.config.props.contains("type")) {
    // Without a configured sink, results go to the terminal: the friendliest default.
    job.sink.config.props.set("type", "stdout_sink");
  }
  EDDY_ASSIGN_OR_RAISE(auto probe, ops::make_sink(job.sink.config, job.sink.schema));
  (void)probe;
  // Builds the operators once, so `eddy validate` catches what `run` would only meet when it
  // starts the partitions.
  if (auto chain = job.make_chain(); !chain.is_ok()) {
    return chain.status().with_pos(name_pos);
  }
  jobs_[name] = name_pos;
  return job;
}

namespace {

// Calls f on every expression of a query, outside subqueries, OVER clauses included.
void visit_query(const SelectStmt& select, const std::function<void(const Expr&)>& f) {
  std::function<void(const Expr&)> walk = [&](const Expr& e) {
    visit(e, [&](const Expr& node) {
      f(node);
      if (node.over) {
        for (const auto& p : node.over->partition_by) {
          walk(*p);
        }
        for (const auto& o : node.over->order_by) {
          walk(*o.expr);
        }
      }
    });
  };
  for (const auto& item : select.items) {
    if (item.expr) {
      walk(*item.expr);
    }
  }
  for (const Expr* e : {select.where.get(), select.having.get()}) {
    if (e != nullptr) {
      walk(*e);
    }
  }
  for (const auto& g : select.group_by) {
    walk(*g);
  }
  if (select.window && select.window->time_column) {
    walk(*select.window->time_column);
  }
}

std::string sql_name(const std::string& name) {
  bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
  for (char c : name) {
    plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  }
  return plain ? name : "`" + name + "`";
}

}  // namespace

Status Planner::explain_inferred_varchar(Status status, const SelectStmt& select,
                                         const PlanEndpoint& source) {
  // Only type errors about VARCHAR, over a schema Eddy guessed, have this explanation.
  if (!source.inferred_schema || status.code() != StatusCode::kBindError ||
      status.message().find("VARCHAR") == std::string::npos || !status.pos().known()) {
    return status;
  }
  // The columns read by the expression the error points at.
  const Expr* at = nullptr;
  visit_query(select, [&](const Expr& e) {
    if (at == nullptr && e.pos.line == status.pos().line && e.pos.col == status.pos().col) {
      at = &e;
    }
  });
  if (at == nullptr) {
    return status;
  }
  std::vector<std::string> columns;
  visit(*at, [&](const Expr& e) {
    if (e.kind == ExprKind::kColumnRef &&
        std::find(columns.begin(), columns.end(), e.name) == columns.end()) {
      columns.push_back(e.name);
    }
  });
  auto options = ops::FileSourceOptions::from_properties(source.config.name, source.config.props);
  if (!options.is_ok()) {
    return status;
  }
  const Schema& schema = *source.schema;
  for (const auto& name : columns) {
    auto index = schema.find(name);
    if (!index || schema.field(*index).type.id != TypeId::kVarchar) {
      continue;
    }
    const std::string& column = schema.field(*index).name;
    auto evidence = ops::explain_varchar_column(*options, column);
    if (!evidence) {
      continue;
    }
    if (evidence->no_values) {
      return Status(status.code(),
                    status.message() + "; column '" + column + "' of source '" +
                        source.config.name + "' was inferred as VARCHAR because '" + options->path +
                        "' has no value for it in its first rows; declare the source's columns "
                        "with their types (CREATE STREAM " +
                        sql_name(source.config.name) + " (name TYPE, ...) WITH (...))",
                    status.pos());
    }
    if (evidence->others.id == TypeId::kVarchar) {
      continue;  // a text column: the query is what is wrong
    }
    std::string value =
        evidence->value.size() > 40 ? evidence->value.substr(0, 40) + "..." : evidence->value;
    std::string msg =
        status.message() + "; column '" + column + "' of source '" + source.config.name +
        "' was inferred as VARCHAR because of the " +
        (evidence->json_string ? "JSON string \"" + value + "\"" : "value '" + value + "'") +
        " at " + options->path + ":" + std::to_string(evidence->line) +
        "; declare the source's columns to read it as " + evidence->others.to_string() +
        " (a record that does not fit is then a bad record, handled by 'on.error'): "
        "CREATE STREAM " +
        sql_name(source.config.name) + " (";
    for (size_t i = 0; i < schema.num_fields(); ++i) {
      const Field& f = schema.field(i);
      const DataType& type = i == *index ? evidence->others : f.type;
      msg += (i == 0 ? "" : ", ") + sql_name(f.name) + " " + type.to_string();
    }
    msg += ") WITH (...)";
    return Status(status.code(), std::move(msg), status.pos());
  }
  return status;
}

Result<AppPlan> plan_app(std::string_view sql_text, const PlanOptions& options) {
  Parser parser(sql_text);
  EDDY_ASSIGN_OR_RAISE(auto script, parser.parse_script());
  Planner planner(options);
  return planner.plan(script);
}

}  // namespace eddy::sql
