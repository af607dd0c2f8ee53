#include "operators/connectors/jsonl_parser.hpp"

#include <simdjson.h>

namespace eddy::ops {

static_assert(kJsonPadding >= simdjson::SIMDJSON_PADDING,
              "kJsonPadding must cover simdjson's padding");

namespace sj = simdjson::ondemand;

struct JsonlParser::Impl {
  sj::parser parser;
};

namespace {

std::string_view trim_right(std::string_view s) {
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

const char* json_type_name(sj::json_type t) {
  switch (t) {
    case sj::json_type::array:
      return "an array";
    case sj::json_type::object:
      return "an object";
    case sj::json_type::number:
      return "a number";
    case sj::json_type::string:
      return "a string";
    case sj::json_type::boolean:
      return "a boolean";
    case sj::json_type::null:
      return "null";
  }
  return "a value";
}

// Reads one value's kind and text; `text` points into the line or the parser's string buffer.
simdjson::error_code read_value(sj::value& v, JsonKind& kind, std::string_view& text) {
  sj::json_type t;
  if (auto err = v.type().get(t)) {
    return err;
  }
  switch (t) {
    case sj::json_type::null:
      kind = JsonKind::kNull;
      text = {};
      return simdjson::SUCCESS;
    case sj::json_type::boolean: {
      bool b = false;
      if (auto err = v.get_bool().get(b)) {
        return err;
      }
      kind = JsonKind::kBoolean;
      text = b ? "true" : "false";
      return simdjson::SUCCESS;
    }
    case sj::json_type::number:
      kind = JsonKind::kNumber;
      text = trim_right(v.raw_json_token());
      return simdjson::SUCCESS;
    case sj::json_type::string:
      kind = JsonKind::kString;
      return v.get_string().get(text);
    case sj::json_type::object: {
      kind = JsonKind::kNested;
      sj::object o;
      if (auto err = v.get_object().get(o)) {
        return err;
      }
      return o.raw_json().get(text);
    }
    case sj::json_type::array: {
      kind = JsonKind::kNested;
      sj::array a;
      if (auto err = v.get_array().get(a)) {
        return err;
      }
      return a.raw_json().get(text);
    }
  }
  return simdjson::INCORRECT_TYPE;
}

// Walks the top-level fields of one JSON object line, calling f(key, kind, text) for each. A
// template, so that the hot path makes no indirect call per field.
template <class F>
bool walk_object(sj::parser& parser, const char* line, size_t size, size_t capacity,
                 std::string& error, F&& f) {
  auto fail = [&error](simdjson::error_code err) {
    error = std::string("invalid JSON: ") + simdjson::error_message(err);
    return false;
  };
  sj::document doc;
  if (auto err = parser.iterate(simdjson::padded_string_view(line, size, capacity)).get(doc)) {
    return fail(err);
  }
  sj::json_type t;
  if (auto err = doc.type().get(t)) {
    return fail(err);
  }
  if (t != sj::json_type::object) {
    // The first byte only guesses the type; check that the line is valid JSON at all.
    bool valid = false;
    switch (t) {
      case sj::json_type::null: {
        bool is_null = false;
        valid = doc.is_null().get(is_null) == simdjson::SUCCESS && is_null;
        break;
      }
      case sj::json_type::boolean: {
        bool b = false;
        valid = doc.get_bool().get(b) == simdjson::SUCCESS;
        break;
      }
      case sj::json_type::number: {
        double d = 0;
        valid = doc.get_double().get(d) == simdjson::SUCCESS;
        break;
      }
      default:
        valid = true;
        break;
    }
    error = valid ? std::string("expected a JSON object, got ") + json_type_name(t)
                  : std::string("invalid JSON: not a JSON value");
    return false;
  }
  sj::object obj;
  if (auto err = doc.get_object().get(obj)) {
    return fail(err);
  }
  for (auto field_result : obj) {
    sj::field field;
    if (auto err = std::move(field_result).get(field)) {
      return fail(err);
    }
    std::string_view key;
    if (auto err = field.unescaped_key().get(key)) {
      return fail(err);
    }
    JsonKind kind;
    std::string_view text;
    if (auto err = read_value(field.value(), kind, text)) {
      return fail(err);
    }
    if (!f(key, kind, text)) {
      return false;
    }
  }
  // On-Demand stops after the object; anything but whitespace after it is an error.
  const char* after = nullptr;
  if (doc.current_location().get(after) == simdjson::SUCCESS && after != nullptr) {
    std::string_view rest(after, static_cast<size_t>(line + size - after));
    if (!trim_right(rest).empty()) {
      error = "invalid JSON: unexpected text after the object";
      return false;
    }
  }
  return true;
}

}  // namespace

JsonlParser::JsonlParser(SchemaPtr schema)
    : schema_(std::move(schema)), impl_(std::make_unique<Impl>()) {}

JsonlParser::~JsonlParser() = default;

size_t JsonlParser::find_column(std::string_view key, size_t position) const {
  // Lines usually repeat one key order, so try the column at the same position first.
  if (position < schema_->num_fields() && schema_->field(position).name == key) {
    return position;
  }
  return schema_->find(key).value_or(SIZE_MAX);
}

bool JsonlParser::visit(const char* line, size_t size, size_t capacity,
                        const FieldVisitor& visitor) {
  return walk_object(impl_->parser, line, size, capacity, error_,
                     [&](std::string_view key, JsonKind kind, std::string_view text) {
                       visitor(key, kind, text);
                       return true;
                     });
}

bool JsonlParser::parse(const char* line, size_t size, size_t capacity, RecordBuilder& out) {
  out.begin();
  size_t position = 0;
  auto on_field = [&](std::string_view key, JsonKind kind, std::string_view text) {
    size_t col = find_column(key, position++);
    if (col == SIZE_MAX) {
      return true;
    }
    bool ok = true;
    switch (kind) {
      case JsonKind::kNull:
        out.set_null(col);
        return true;
      case JsonKind::kNested: {
        const Field& f = schema_->field(col);
        if (f.type.id != TypeId::kVarchar) {
          error_ = "column '" + f.name + "': " + std::string(text.substr(0, 40)) + " is not a " +
                   f.type.to_string();
          return false;
        }
        ok = out.set_text(col, text, /*quoted=*/true);
        break;
      }
      case JsonKind::kString:
        ok = out.set_text(col, text, /*quoted=*/true);
        break;
      case JsonKind::kNumber:
      case JsonKind::kBoolean:
        ok = out.set_text(col, text, /*quoted=*/false);
        break;
    }
    if (!ok) {
      error_ = out.error();
    }
    return ok;
  };
  if (!walk_object(impl_->parser, line, size, capacity, error_, on_field)) {
    return false;
  }
  if (!out.commit()) {
    error_ = out.error();
    return false;
  }
  return true;
}

}  // namespace eddy::ops
