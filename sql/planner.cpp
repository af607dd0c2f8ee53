#include "sql/planner.hpp"

#include <charconv>

#include "operators/connectors/connector_factory.hpp"
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
  return app;
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
  if (!select.group_by.empty()) {
    return not_supported("GROUP BY", select.group_by[0]->pos);
  }
  if (select.window) {
    return not_supported("WINDOW", select.window->pos);
  }
  if (select.having) {
    return not_supported("HAVING", select.having->pos);
  }
  if (!select.order_by.empty()) {
    return not_supported("ORDER BY", select.order_by[0].expr->pos);
  }
  if (select.limit) {
    return not_supported("LIMIT", select.pos);
  }
  if (select.into) {
    return not_supported("INTO", select.into->pos);
  }
  if (!select.unions.empty()) {
    return not_supported("UNION", select.unions[0].pos);
  }
  if (emit == EmitMode::kFinal) {
    return Status::bind_error(
        "EMIT FINAL needs a GROUP BY or a WINDOW: a query without aggregation emits each row "
        "as it arrives",
        select.pos);
  }
  return Status::ok();
}

Result<PlanEndpoint> Planner::resolve_source(const TableRef& from, Properties statement_props) {
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
  EDDY_ASSIGN_OR_RAISE(source.schema, ops::resolve_source_schema(source.config, declared));
  // Validates every source property now, so `eddy validate` catches what `run` would.
  EDDY_ASSIGN_OR_RAISE(auto probe, ops::make_source(source.config, source.schema));
  (void)probe;
  return source;
}

Result<std::vector<PlanStep>> Planner::bind_query(const SelectStmt& select,
                                                  const PlanEndpoint& source,
                                                  const std::string& alias,
                                                  SchemaPtr& output_schema) {
  BindScope scope;
  scope.stream = source.config.name;
  scope.alias = alias;
  scope.schema = source.schema;
  scope.has_event_time = source.config.props.contains("event.time.field");
  scope.event_time_hint = "set '" + source.config.name + ".event.time.field' to the column that " +
                          "holds each record's time";
  Binder binder(std::move(scope));

  std::vector<PlanStep> steps;
  if (select.where) {
    EDDY_ASSIGN_OR_RAISE(auto predicate, binder.bind(*select.where));
    if (predicate->type.id != TypeId::kBoolean && predicate->type.id != TypeId::kNull) {
      return Status::bind_error(
          "WHERE needs a BOOLEAN condition, got " + predicate->type.to_string(), select.where->pos);
    }
    steps.push_back(FilterStep{std::move(predicate)});
  }

  ProjectStep project;
  std::vector<Field> fields;
  std::map<std::string, SourcePos> seen;
  auto add_output = [&](std::string name, ops::ExprPtr expr, SourcePos pos) -> Status {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (auto it = seen.find(lower); it != seen.end()) {
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
      if (item.kind == SelectItem::Kind::kQualifiedStar &&
          !iequals(item.qualifier, source.config.name) &&
          !(!alias.empty() && iequals(item.qualifier, alias))) {
        return Status::bind_error(
            "unknown stream or alias '" + item.qualifier + "' in '" + item.qualifier + ".*'",
            item.pos);
      }
      for (size_t i = 0; i < source.schema->num_fields(); ++i) {
        const Field& f = source.schema->field(i);
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
  output_schema = std::make_shared<const Schema>(std::move(fields));
  steps.push_back(std::move(project));
  return steps;
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
  for (const auto& a : annotations) {
    if (a.name == "num_partitions") {
      size_t n = 0;
      auto [end, ec] = std::from_chars(a.value.data(), a.value.data() + a.value.size(), n);
      if (ec != std::errc() || end != a.value.data() + a.value.size() || n == 0 || n > 1024) {
        return Status::invalid_config(
            "@num_partitions must be a whole number from 1 to 1024, got '" + a.value + "'", a.pos);
      }
      job.partitions = n;
    }
  }

  EDDY_ASSIGN_OR_RAISE(auto by_stream, resolver_.split(raw(properties), {from.name, name}));
  EDDY_ASSIGN_OR_RAISE(job.source, resolve_source(from, std::move(by_stream[from.name])));

  SchemaPtr output_schema;
  EDDY_ASSIGN_OR_RAISE(job.steps, bind_query(select, job.source, from.alias, output_schema));

  job.sink.pos = name_pos;
  job.sink.config.name = name;
  job.sink.config.props = std::move(by_stream[name]);
  resolver_.apply_overrides(name, job.sink.config.props);
  if (!job.sink.config.props.contains("type")) {
    // Without a configured sink, results go to the terminal: the friendliest default.
    job.sink.config.props.set("type", "stdout_sink");
  }
  job.sink.schema = output_schema;
  EDDY_ASSIGN_OR_RAISE(auto probe, ops::make_sink(job.sink.config, job.sink.schema));
  (void)probe;
  jobs_[name] = name_pos;
  return job;
}

Result<AppPlan> plan_app(std::string_view sql_text, const PlanOptions& options) {
  Parser parser(sql_text);
  EDDY_ASSIGN_OR_RAISE(auto script, parser.parse_script());
  Planner planner(options);
  return planner.plan(script);
}

}  // namespace eddy::sql
