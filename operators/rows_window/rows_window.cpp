#include "operators/rows_window/rows_window.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <type_traits>
#include <utility>

#include "operators/rows_window/sort_key.hpp"
#include "runtime/core/column_builder.hpp"
#include "runtime/core/decimal.hpp"

namespace eddy::ops {
namespace {

/// How a value is kept in state: BIGINT/DECIMAL/TIMESTAMP/BOOLEAN as int64, DOUBLE, VARCHAR.
enum class Storage : uint8_t { kInt, kDouble, kString };

Storage storage_of(const DataType& type) {
  if (type.id == TypeId::kDouble) {
    return Storage::kDouble;
  }
  if (type.id == TypeId::kVarchar) {
    return Storage::kString;
  }
  return Storage::kInt;
}

/// A ring of values addressed by row sequence number: row `seq` lives in slot `seq % capacity`.
/// Slots are appended while the ring fills (so memory follows the rows actually seen) and
/// overwritten afterwards; only the vector for the value's storage is used.
struct ValueRing {
  PodVector<int64_t> ints;
  PodVector<double> doubles;
  std::vector<std::string> strings;
  PodVector<uint8_t> valid;
};

template <class T>
auto& ring_values(ValueRing& ring) {
  if constexpr (std::is_same_v<T, int64_t>) {
    return ring.ints;
  } else if constexpr (std::is_same_v<T, double>) {
    return ring.doubles;
  } else {
    return ring.strings;
  }
}

template <class T>
const auto& ring_values(const ValueRing& ring) {
  return ring_values<T>(const_cast<ValueRing&>(ring));
}

/// Reads row values of one column as the storage type T (VARCHAR as string_view).
template <class T>
struct ColumnReader;

template <>
struct ColumnReader<int64_t> {
  explicit ColumnReader(const Column& c)
      : i64(c.type().id == TypeId::kBoolean ? nullptr : c.i64()), u8(c.u8()) {}
  [[nodiscard]] int64_t get(size_t i) const { return i64 != nullptr ? i64[i] : u8[i]; }
  const int64_t* i64;
  const uint8_t* u8;
};

template <>
struct ColumnReader<double> {
  explicit ColumnReader(const Column& c) : f64(c.f64()) {}
  [[nodiscard]] double get(size_t i) const { return f64[i]; }
  const double* f64;
};

template <>
struct ColumnReader<std::string> {
  explicit ColumnReader(const Column& c) : column(&c) {}
  [[nodiscard]] std::string_view get(size_t i) const { return column->str(i); }
  const Column* column;
};

template <class T, class V>
void ring_put(ValueRing& ring, size_t slot, const V& v, bool valid) {
  auto& values = ring_values<T>(ring);
  if (slot == values.size()) {
    values.emplace_back(v);
    ring.valid.push_back(static_cast<uint8_t>(valid));
  } else {
    if constexpr (std::is_same_v<T, std::string>) {
      values[slot].assign(v);
    } else {
      values[slot] = v;
    }
    ring.valid[slot] = static_cast<uint8_t>(valid);
  }
}

template <class V>
void append_to(ColumnBuilder& out, const V& v, bool is_bool) {
  if constexpr (std::is_same_v<V, int64_t>) {
    if (is_bool) {
      out.append_bool(v != 0);
    } else {
      out.append_int(v);
    }
  } else if constexpr (std::is_same_v<V, double>) {
    out.append_double(v);
  } else {
    out.append_string(v);
  }
}

/// Copies row `i` of `column` into `ring` at `slot` (slow path, LEAD's delayed rows).
void ring_put_any(ValueRing& ring, size_t slot, const Column& column, size_t i) {
  bool valid = column.is_valid(i);
  switch (storage_of(column.type())) {
    case Storage::kInt:
      ring_put<int64_t>(ring, slot, ColumnReader<int64_t>(column).get(i), valid);
      break;
    case Storage::kDouble:
      ring_put<double>(ring, slot, column.f64()[i], valid);
      break;
    case Storage::kString:
      ring_put<std::string>(ring, slot, column.str(i), valid);
      break;
  }
}

/// Appends the value at `slot` of `ring` to `out`, whose type says the storage (slow path).
void append_any(ColumnBuilder& out, const ValueRing& ring, size_t slot) {
  if (ring.valid[slot] == 0) {
    out.append_null();
    return;
  }
  switch (storage_of(out.type())) {
    case Storage::kInt:
      append_to(out, ring.ints[slot], out.type().id == TypeId::kBoolean);
      break;
    case Storage::kDouble:
      out.append_double(ring.doubles[slot]);
      break;
    case Storage::kString:
      out.append_string(ring.strings[slot]);
      break;
  }
}

/// A double-ended queue of row sequence numbers in a power-of-two ring (MIN/MAX candidates).
class SeqDeque {
 public:
  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] int64_t front() const { return buf_[head_]; }
  [[nodiscard]] int64_t back() const { return buf_[(head_ + size_ - 1) & mask_]; }
  void pop_front() {
    head_ = (head_ + 1) & mask_;
    --size_;
  }
  void pop_back() { --size_; }
  void push_back(int64_t seq) {
    if (size_ == buf_.size()) {
      grow();
    }
    buf_[(head_ + size_) & mask_] = seq;
    ++size_;
  }

 private:
  void grow() {
    PodVector<int64_t> bigger(buf_.empty() ? 8 : buf_.size() * 2);
    for (size_t k = 0; k < size_; ++k) {
      bigger[k] = buf_[(head_ + k) & mask_];
    }
    buf_ = std::move(bigger);
    head_ = 0;
    mask_ = buf_.size() - 1;
  }

  PodVector<int64_t> buf_;
  size_t head_ = 0;
  size_t size_ = 0;
  size_t mask_ = 0;
};

/// One call's state in one partition.
struct CallState {
  ValueRing values;               ///< The argument of the last `ring` rows.
  ValueRing defaults;             ///< LAG/LEAD: the default of the last `ring` rows (LEAD only).
  std::vector<std::string> keys;  ///< RANK/DENSE_RANK: order keys of the frame's rows.
  Int128 int_sum = 0;             ///< SUM/AVG over BIGINT/DECIMAL: exact.
  double sum = 0;                 ///< SUM/AVG over DOUBLE; STDDEV/VAR: sum of (x - shift).
  double sum_squares = 0;         ///< STDDEV/VAR: sum of (x - shift)^2.
  double shift = 0;               ///< STDDEV/VAR: subtracted to avoid cancellation.
  int64_t count = 0;              ///< Non-NULL values in the frame.
  SeqDeque candidates;            ///< MIN/MAX: frame rows that can still become the extreme.
};

}  // namespace

struct RowsWindow::CallPlan {
  AnalyticKind kind = AnalyticKind::kRowNumber;
  Storage storage = Storage::kInt;  ///< Of the value argument.
  DataType arg_type;
  int64_t width = 1;   ///< Frame rows: min(buffer, preceding + 1).
  int64_t offset = 0;  ///< LAG/LEAD k, NTH_VALUE n.
  int64_t ring = 0;    ///< How many recent argument values the call keeps.
};

struct RowsWindow::Partition {
  int64_t rows = 0;  ///< Rows seen so far; the next row's sequence number.
  std::vector<CallState> calls;
  std::vector<ValueRing> pending;  ///< LEAD: the output columns of the delayed rows.
  ValueRing pending_event_time;    ///< LEAD: their event times (valid = the row had one).
};

/// Released rows are emitted in batches of at most this many rows. The builders reserve it up
/// front, which also keeps ColumnBuilder's validity bitmap fully initialised (see report).
constexpr size_t kReleaseBatchRows = 1024;

struct RowsWindow::Released {
  std::vector<ColumnBuilder> columns;
  ColumnBuilder event_time{DataType::timestamp(), kReleaseBatchRows};
  size_t rows = 0;
  bool all_have_event_time = true;
};

namespace {

using Partitions = std::vector<std::unique_ptr<RowsWindow::Partition>>;

/// The rows of one batch as the calls see them: partition and sequence number per row.
struct BatchRows {
  const Partitions* parts;
  const uint32_t* ids;
  const int64_t* seqs;
  size_t n;
  size_t call;
  [[nodiscard]] CallState& state(size_t i) const { return (*parts)[ids[i]]->calls[call]; }
};

/// LAG, LEAD without delay, FIRST_VALUE, LAST_VALUE, NTH_VALUE: one ring lookup per row.
template <class T>
void run_value(const RowsWindow::CallPlan& plan, const BatchRows& rows, const Column& x,
               const Column* def, ColumnBuilder& out) {
  ColumnReader<T> read(x);
  const bool is_bool = x.type().id == TypeId::kBoolean;
  const int64_t ring = plan.ring;
  for (size_t i = 0; i < rows.n; ++i) {
    CallState& st = rows.state(i);
    const int64_t s = rows.seqs[i];
    if (ring > 0) {
      ring_put<T>(st.values, static_cast<size_t>(s % ring), read.get(i), x.is_valid(i));
    }
    int64_t target = -1;
    switch (plan.kind) {
      case AnalyticKind::kLag:
        target = ring > 0 ? s - plan.offset : -1;
        break;
      case AnalyticKind::kLead:
        target = plan.offset == 0 ? s : -1;
        break;
      case AnalyticKind::kFirstValue:
        target = std::max<int64_t>(0, s - plan.width + 1);
        break;
      case AnalyticKind::kLastValue:
        target = s;
        break;
      default: {  // NTH_VALUE
        const int64_t first = std::max<int64_t>(0, s - plan.width + 1);
        target = plan.offset <= s - first + 1 ? first + plan.offset - 1 : -1;
        break;
      }
    }
    if (target >= 0) {
      size_t slot = static_cast<size_t>(target % ring);
      if (st.values.valid[slot] != 0) {
        append_to(out, ring_values<T>(st.values)[slot], is_bool);
      } else {
        out.append_null();
      }
    } else if (def != nullptr && def->is_valid(i)) {
      append_to(out, ColumnReader<T>(*def).get(i), is_bool);
    } else {
      out.append_null();
    }
  }
}

/// SUM and AVG: a running sum over the frame, updated by the incoming and outgoing row.
template <class T>
void run_sum(const RowsWindow::CallPlan& plan, const BatchRows& rows, const Column& x,
             ColumnBuilder& out) {
  ColumnReader<T> read(x);
  const int64_t w = plan.width;
  const bool avg = plan.kind == AnalyticKind::kAvg;
  const double unscale = plan.arg_type.id == TypeId::kDecimal
                             ? 1.0 / static_cast<double>(pow10_i64(plan.arg_type.scale))
                             : 1.0;
  for (size_t i = 0; i < rows.n; ++i) {
    CallState& st = rows.state(i);
    const int64_t s = rows.seqs[i];
    const auto slot = static_cast<size_t>(s % w);
    auto& values = ring_values<T>(st.values);
    if (s >= w && st.values.valid[slot] != 0) {
      if constexpr (std::is_same_v<T, int64_t>) {
        st.int_sum -= values[slot];
      } else {
        st.sum -= values[slot];
      }
      --st.count;
    }
    const bool valid = x.is_valid(i);
    const T v = read.get(i);
    ring_put<T>(st.values, slot, v, valid);
    if (valid) {
      if constexpr (std::is_same_v<T, int64_t>) {
        st.int_sum += v;
      } else {
        st.sum += v;
      }
      ++st.count;
    }
    if constexpr (std::is_same_v<T, double>) {
      // Re-summing once per frame length bounds the drift of add/subtract at O(1) amortised.
      if (slot == static_cast<size_t>(w - 1)) {
        double fresh = 0;
        for (size_t k = 0; k < values.size(); ++k) {
          if (st.values.valid[k] != 0) {
            fresh += values[k];
          }
        }
        st.sum = fresh;
      }
    }
    if (st.count == 0) {
      out.append_null();
      continue;
    }
    if constexpr (std::is_same_v<T, int64_t>) {
      if (avg) {
        out.append_double(static_cast<double>(st.int_sum) / static_cast<double>(st.count) *
                          unscale);
      } else if (st.int_sum > INT64_MAX || st.int_sum < INT64_MIN) {
        out.append_null();
      } else {
        out.append_int(static_cast<int64_t>(st.int_sum));
      }
    } else {
      out.append_double(avg ? st.sum / static_cast<double>(st.count) : st.sum);
    }
  }
}

/// COUNT(x): the running count of non-NULL values in the frame.
void run_count(const RowsWindow::CallPlan& plan, const BatchRows& rows, const Column& x,
               ColumnBuilder& out) {
  const int64_t w = plan.width;
  for (size_t i = 0; i < rows.n; ++i) {
    CallState& st = rows.state(i);
    const int64_t s = rows.seqs[i];
    const auto slot = static_cast<size_t>(s % w);
    PodVector<uint8_t>& valid = st.values.valid;
    if (s >= w) {
      st.count -= valid[slot];
    }
    const auto v = static_cast<uint8_t>(x.is_valid(i));
    if (slot == valid.size()) {
      valid.push_back(v);
    } else {
      valid[slot] = v;
    }
    st.count += v;
    out.append_int(st.count);
  }
}

/// MIN and MAX: a monotonic deque of candidate rows, amortised O(1) per row.
template <class T, bool kMax>
void run_extreme(const RowsWindow::CallPlan& plan, const BatchRows& rows, const Column& x,
                 ColumnBuilder& out) {
  ColumnReader<T> read(x);
  const bool is_bool = x.type().id == TypeId::kBoolean;
  const int64_t w = plan.width;
  for (size_t i = 0; i < rows.n; ++i) {
    CallState& st = rows.state(i);
    const int64_t s = rows.seqs[i];
    while (!st.candidates.empty() && st.candidates.front() <= s - w) {
      st.candidates.pop_front();
    }
    const bool valid = x.is_valid(i);
    const auto v = read.get(i);
    ring_put<T>(st.values, static_cast<size_t>(s % w), v, valid);
    const auto& values = ring_values<T>(st.values);
    if (valid) {
      // A candidate the new value beats (or ties: the newer row outlives it) can never win.
      while (!st.candidates.empty()) {
        const auto& old = values[static_cast<size_t>(st.candidates.back() % w)];
        bool dominated = kMax ? !(v < old) : !(old < v);
        if (!dominated) {
          break;
        }
        st.candidates.pop_back();
      }
      st.candidates.push_back(s);
    }
    if (st.candidates.empty()) {
      out.append_null();
    } else {
      append_to(out, values[static_cast<size_t>(st.candidates.front() % w)], is_bool);
    }
  }
}

/// STDDEV_* and VAR_*: running shifted sums of x and x^2 over the frame.
template <class T>
void run_moments(const RowsWindow::CallPlan& plan, const BatchRows& rows, const Column& x,
                 ColumnBuilder& out) {
  ColumnReader<T> read(x);
  const int64_t w = plan.width;
  const double unscale = plan.arg_type.id == TypeId::kDecimal
                             ? 1.0 / static_cast<double>(pow10_i64(plan.arg_type.scale))
                             : 1.0;
  auto as_double = [unscale](T v) {
    if constexpr (std::is_same_v<T, int64_t>) {
      return static_cast<double>(v) * unscale;
    } else {
      return v;
    }
  };
  const bool sample = plan.kind == AnalyticKind::kStddevSamp || plan.kind == AnalyticKind::kVarSamp;
  const bool root = plan.kind == AnalyticKind::kStddevSamp || plan.kind == AnalyticKind::kStddevPop;
  for (size_t i = 0; i < rows.n; ++i) {
    CallState& st = rows.state(i);
    const int64_t s = rows.seqs[i];
    const auto slot = static_cast<size_t>(s % w);
    auto& values = ring_values<T>(st.values);
    if (s >= w && st.values.valid[slot] != 0) {
      double d = as_double(values[slot]) - st.shift;
      st.sum -= d;
      st.sum_squares -= d * d;
      --st.count;
    }
    const bool valid = x.is_valid(i);
    const T v = read.get(i);
    ring_put<T>(st.values, slot, v, valid);
    if (valid) {
      if (st.count == 0) {
        // An empty frame restarts the sums exactly, around the new value.
        st.shift = as_double(v);
        st.sum = 0;
        st.sum_squares = 0;
      }
      double d = as_double(v) - st.shift;
      st.sum += d;
      st.sum_squares += d * d;
      ++st.count;
    }
    if (slot == static_cast<size_t>(w - 1) && st.count > 0) {
      // Once per frame length: re-centre on the frame's mean and re-sum, bounding drift.
      double mean = 0;
      for (size_t k = 0; k < values.size(); ++k) {
        if (st.values.valid[k] != 0) {
          mean += as_double(values[k]);
        }
      }
      mean /= static_cast<double>(st.count);
      st.shift = mean;
      st.sum = 0;
      st.sum_squares = 0;
      for (size_t k = 0; k < values.size(); ++k) {
        if (st.values.valid[k] != 0) {
          double d = as_double(values[k]) - mean;
          st.sum += d;
          st.sum_squares += d * d;
        }
      }
    }
    const auto n = static_cast<double>(st.count);
    if (st.count == 0 || (sample && st.count < 2)) {
      out.append_null();
      continue;
    }
    double m2 = std::max(0.0, st.sum_squares - st.sum * st.sum / n);
    double var = m2 / (sample ? n - 1 : n);
    out.append_double(root ? std::sqrt(var) : var);
  }
}

/// RANK and DENSE_RANK of the current row's order key among the frame's rows.
void run_rank(const RowsWindow::CallPlan& plan, const BatchRows& rows,
              const std::vector<ColumnPtr>& order, const std::vector<bool>& descending,
              std::vector<std::string_view>& scratch, Column& out) {
  int64_t* result = out.mutable_i64();
  const int64_t w = plan.width;
  const bool dense = plan.kind == AnalyticKind::kDenseRank;
  for (size_t i = 0; i < rows.n; ++i) {
    if (order.empty()) {
      result[i] = 1;  // without ORDER BY all rows are peers
      continue;
    }
    CallState& st = rows.state(i);
    const int64_t s = rows.seqs[i];
    const auto slot = static_cast<size_t>(s % w);
    if (slot == st.keys.size()) {
      st.keys.emplace_back();
    }
    std::string& key = st.keys[slot];
    key.clear();
    for (size_t k = 0; k < order.size(); ++k) {
      append_sort_key(*order[k], i, descending[k], key);
    }
    const std::string_view current = key;
    const int64_t first = std::max<int64_t>(0, s - w + 1);
    scratch.clear();
    int64_t before = 0;
    for (int64_t t = first; t < s; ++t) {
      std::string_view other = st.keys[static_cast<size_t>(t % w)];
      if (other < current) {
        ++before;
        if (dense) {
          scratch.push_back(other);
        }
      }
    }
    if (dense) {
      std::sort(scratch.begin(), scratch.end());
      before = std::unique(scratch.begin(), scratch.end()) - scratch.begin();
    }
    result[i] = before + 1;
  }
}

}  // namespace

// ---- construction ------------------------------------------------------------------------------

RowsWindow::RowsWindow(RowsWindowSpec spec) : spec_(std::move(spec)) {}

RowsWindow::~RowsWindow() = default;

Result<std::unique_ptr<RowsWindow>> RowsWindow::make(RowsWindowSpec spec) {
  std::unique_ptr<RowsWindow> op(new RowsWindow(std::move(spec)));
  EDDY_RETURN_NOT_OK(op->init());
  return op;
}

Status RowsWindow::init() {
  if (!spec_.input_schema) {
    return Status::internal("RowsWindow: no input schema");
  }
  if (spec_.buffer_rows < 1) {
    return Status::bind_error("ROWS WINDOW BUFFER n ROWS needs n >= 1, got " +
                              std::to_string(spec_.buffer_rows) + "; e.g. BUFFER 100 ROWS");
  }
  if (spec_.descending.empty()) {
    spec_.descending.assign(spec_.order_by.size(), false);
  }
  if (spec_.descending.size() != spec_.order_by.size()) {
    return Status::internal("RowsWindow: " + std::to_string(spec_.order_by.size()) +
                            " ORDER BY items but " + std::to_string(spec_.descending.size()) +
                            " directions");
  }
  if (spec_.names.size() != spec_.calls.size()) {
    return Status::internal("RowsWindow: " + std::to_string(spec_.calls.size()) + " calls but " +
                            std::to_string(spec_.names.size()) + " names");
  }
  std::vector<DataType> key_types;
  for (const auto& e : spec_.partition_by) {
    if (!e) {
      return Status::internal("RowsWindow: null PARTITION BY expression");
    }
    EDDY_ASSIGN_OR_RAISE(auto ev, ExprEvaluator::make(e));
    key_evaluators_.push_back(std::move(ev));
    key_types.push_back(e->type);
    key_columns_.push_back(e->column_index);
  }
  if (!std::all_of(spec_.partition_by.begin(), spec_.partition_by.end(),
                   [](const ExprPtr& e) { return e->kind == ExprKind::kColumn; })) {
    key_columns_.clear();
  }
  partition_keys_ = GroupTable(std::move(key_types));
  for (const auto& e : spec_.order_by) {
    if (!e) {
      return Status::internal("RowsWindow: null ORDER BY expression");
    }
    EDDY_ASSIGN_OR_RAISE(auto ev, ExprEvaluator::make(e));
    order_evaluators_.push_back(std::move(ev));
  }

  const int64_t buffer = spec_.buffer_rows;
  std::vector<Field> fields = spec_.input_schema->fields();
  for (size_t c = 0; c < spec_.calls.size(); ++c) {
    const AnalyticCall& call = spec_.calls[c];
    CallPlan plan;
    plan.kind = call.kind;
    plan.width = call.frame.preceding < 0 || call.frame.preceding >= buffer
                     ? buffer
                     : call.frame.preceding + 1;
    std::vector<ExprEvaluator> evs;
    size_t expected_args = 1;
    switch (call.kind) {
      case AnalyticKind::kRowNumber:
      case AnalyticKind::kRank:
      case AnalyticKind::kDenseRank:
      case AnalyticKind::kCountStar:
        expected_args = 0;
        break;
      case AnalyticKind::kLag:
      case AnalyticKind::kLead:
        expected_args = 3;
        break;
      case AnalyticKind::kNthValue:
        expected_args = 2;
        break;
      default:
        break;
    }
    if (call.args.size() != expected_args ||
        std::any_of(call.args.begin(), call.args.end(), [](const ExprPtr& a) { return !a; })) {
      return Status::internal("RowsWindow: malformed call " + call.to_string() +
                              "; build calls with make_analytic");
    }
    if (expected_args > 0) {
      plan.arg_type = call.args[0]->type;
      plan.storage = storage_of(plan.arg_type);
      EDDY_ASSIGN_OR_RAISE(auto ev, ExprEvaluator::make(call.args[0]));
      evs.push_back(std::move(ev));
    }
    if (expected_args >= 2) {
      const ExprPtr& k = call.args[1];
      if (k->kind != ExprKind::kLiteral || k->literal.is_null() || !k->type.is_int64_backed()) {
        return Status::internal("RowsWindow: non-constant offset in " + call.to_string());
      }
      plan.offset = k->literal.int64();
    }
    if (expected_args == 3) {
      EDDY_ASSIGN_OR_RAISE(auto ev, ExprEvaluator::make(call.args[2]));
      evs.push_back(std::move(ev));
    }
    switch (call.kind) {
      case AnalyticKind::kLag:
        plan.ring = plan.offset < buffer ? plan.offset + 1 : 0;
        break;
      case AnalyticKind::kLead:
        if (plan.offset < buffer) {
          lead_delay_ = std::max(lead_delay_, plan.offset);
          plan.ring = plan.offset + 1;
        }
        break;
      case AnalyticKind::kLastValue:
        plan.ring = 1;
        break;
      case AnalyticKind::kRowNumber:
      case AnalyticKind::kCountStar:
        break;
      default:
        plan.ring = plan.width;
        break;
    }
    arg_evaluators_.push_back(std::move(evs));
    plans_.push_back(plan);
    fields.push_back(Field{spec_.names[c], call.result_type});
  }
  // With a delay every LEAD ring must span it: row r is released when row r + K arrives.
  if (lead_delay_ > 0) {
    for (auto& plan : plans_) {
      if (plan.kind == AnalyticKind::kLead && plan.offset < buffer) {
        plan.ring = lead_delay_ + 1;
      }
    }
    released_ = std::make_unique<Released>();
    for (const auto& f : fields) {
      released_->columns.emplace_back(f.type, kReleaseBatchRows);
    }
  }
  schema_ = std::make_shared<const Schema>(std::move(fields));
  return Status::ok();
}

// ---- per batch ---------------------------------------------------------------------------------

Status RowsWindow::push(const BatchPtr& batch, Emitter& out) {
  const size_t n = batch->num_rows();
  if (n == 0) {
    return Status::ok();
  }
  if (batch->num_columns() != spec_.input_schema->num_fields()) {
    return Status::internal("RowsWindow: batch has " + std::to_string(batch->num_columns()) +
                            " columns, expected " +
                            std::to_string(spec_.input_schema->num_fields()));
  }
  std::vector<ColumnPtr> keys;
  for (const auto& ev : key_evaluators_) {
    EDDY_ASSIGN_OR_RAISE(ColumnPtr col, ev.evaluate(*batch));
    keys.push_back(std::move(col));
  }
  std::vector<ColumnPtr> order;
  for (const auto& ev : order_evaluators_) {
    EDDY_ASSIGN_OR_RAISE(ColumnPtr col, ev.evaluate(*batch));
    order.push_back(std::move(col));
  }
  std::vector<std::vector<ColumnPtr>> call_args(plans_.size());
  for (size_t c = 0; c < plans_.size(); ++c) {
    for (const auto& ev : arg_evaluators_[c]) {
      EDDY_ASSIGN_OR_RAISE(ColumnPtr col, ev.evaluate(*batch));
      call_args[c].push_back(std::move(col));
    }
  }

  const uint64_t* key_hashes = key_columns_.empty() ? nullptr : batch->key_hashes(key_columns_);
  part_ids_ = partition_keys_.map(keys, /*rows=*/nullptr, n, key_hashes);
  while (partitions_.size() < partition_keys_.num_groups()) {
    auto part = std::make_unique<Partition>();
    part->calls.resize(plans_.size());
    if (lead_delay_ > 0) {
      part->pending.resize(schema_->num_fields());
    }
    partitions_.push_back(std::move(part));
  }
  seqs_.resize(n);
  for (size_t i = 0; i < n; ++i) {
    seqs_[i] = partitions_[part_ids_[i]]->rows++;
  }

  std::vector<ColumnPtr> columns = batch->columns();
  for (size_t c = 0; c < plans_.size(); ++c) {
    ColumnPtr result;
    EDDY_RETURN_NOT_OK(compute_call(c, n, call_args[c], order, result));
    columns.push_back(std::move(result));
  }
  if (lead_delay_ == 0) {
    out.emit(batch->with_columns(schema_, std::move(columns)));
    return Status::ok();
  }
  return delay_and_emit(*batch, std::move(columns), call_args, out);
}

Status RowsWindow::compute_call(size_t c, size_t num_rows, const std::vector<ColumnPtr>& args,
                                const std::vector<ColumnPtr>& order, ColumnPtr& result) {
  const CallPlan& plan = plans_[c];
  const BatchRows rows{&partitions_, part_ids_, seqs_.data(), num_rows, c};
  const DataType& type = spec_.calls[c].result_type;
  switch (plan.kind) {
    case AnalyticKind::kRowNumber:
    case AnalyticKind::kCountStar: {
      MutableColumnPtr col = Column::make(DataType::bigint(), num_rows);
      int64_t* v = col->mutable_i64();
      const bool capped = plan.kind == AnalyticKind::kCountStar;
      for (size_t i = 0; i < num_rows; ++i) {
        v[i] = capped ? std::min(seqs_[i] + 1, plan.width) : seqs_[i] + 1;
      }
      result = std::move(col);
      return Status::ok();
    }
    case AnalyticKind::kRank:
    case AnalyticKind::kDenseRank: {
      MutableColumnPtr col = Column::make(DataType::bigint(), num_rows);
      std::vector<std::string_view> scratch;
      run_rank(plan, rows, order, spec_.descending, scratch, *col);
      result = std::move(col);
      return Status::ok();
    }
    case AnalyticKind::kLead:
      if (lead_delay_ > 0 && plan.ring > 0) {
        return Status::ok();  // filled in when the row is released
      }
      break;
    default:
      break;
  }
  ColumnBuilder out(type, num_rows);
  const Column& x = *args[0];
  switch (plan.kind) {
    case AnalyticKind::kLag:
    case AnalyticKind::kLead:
    case AnalyticKind::kFirstValue:
    case AnalyticKind::kLastValue:
    case AnalyticKind::kNthValue: {
      const Column* def = args.size() > 1 ? args[1].get() : nullptr;
      switch (plan.storage) {
        case Storage::kInt:
          run_value<int64_t>(plan, rows, x, def, out);
          break;
        case Storage::kDouble:
          run_value<double>(plan, rows, x, def, out);
          break;
        case Storage::kString:
          run_value<std::string>(plan, rows, x, def, out);
          break;
      }
      break;
    }
    case AnalyticKind::kSum:
    case AnalyticKind::kAvg:
      if (plan.storage == Storage::kDouble) {
        run_sum<double>(plan, rows, x, out);
      } else {
        run_sum<int64_t>(plan, rows, x, out);
      }
      break;
    case AnalyticKind::kCount:
      run_count(plan, rows, x, out);
      break;
    case AnalyticKind::kMin:
    case AnalyticKind::kMax: {
      const bool max = plan.kind == AnalyticKind::kMax;
      switch (plan.storage) {
        case Storage::kInt:
          max ? run_extreme<int64_t, true>(plan, rows, x, out)
              : run_extreme<int64_t, false>(plan, rows, x, out);
          break;
        case Storage::kDouble:
          max ? run_extreme<double, true>(plan, rows, x, out)
              : run_extreme<double, false>(plan, rows, x, out);
          break;
        case Storage::kString:
          max ? run_extreme<std::string, true>(plan, rows, x, out)
              : run_extreme<std::string, false>(plan, rows, x, out);
          break;
      }
      break;
    }
    case AnalyticKind::kStddevSamp:
    case AnalyticKind::kStddevPop:
    case AnalyticKind::kVarSamp:
    case AnalyticKind::kVarPop:
      if (plan.storage == Storage::kDouble) {
        run_moments<double>(plan, rows, x, out);
      } else {
        run_moments<int64_t>(plan, rows, x, out);
      }
      break;
    default:
      return Status::internal("RowsWindow: unexpected call kind");
  }
  result = out.finish();
  return Status::ok();
}

// ---- LEAD: delayed output ----------------------------------------------------------------------

Status RowsWindow::delay_and_emit(const Batch& batch, std::vector<ColumnPtr> columns,
                                  const std::vector<std::vector<ColumnPtr>>& call_args,
                                  Emitter& out) {
  const int64_t delay = lead_delay_;
  const Column* event_time = batch.event_time().get();
  for (size_t i = 0; i < batch.num_rows(); ++i) {
    Partition& part = *partitions_[part_ids_[i]];
    const int64_t s = seqs_[i];
    for (size_t c = 0; c < plans_.size(); ++c) {
      if (plans_[c].kind == AnalyticKind::kLead && plans_[c].ring > 0) {
        CallState& st = part.calls[c];
        const auto slot = static_cast<size_t>(s % plans_[c].ring);
        ring_put_any(st.values, slot, *call_args[c][0], i);
        ring_put_any(st.defaults, slot, *call_args[c][1], i);
      }
    }
    if (s >= delay) {
      release_row(part, s - delay, false, out);
    }
    const auto slot = static_cast<size_t>(s % delay);
    for (size_t k = 0; k < columns.size(); ++k) {
      if (columns[k]) {
        ring_put_any(part.pending[k], slot, *columns[k], i);
      }
    }
    ring_put<int64_t>(part.pending_event_time, slot,
                      event_time != nullptr ? event_time->i64()[i] : 0, event_time != nullptr);
  }
  flush_released(out);
  return Status::ok();
}

void RowsWindow::release_row(Partition& part, int64_t seq, bool at_finish, Emitter& out) {
  Released& rel = *released_;
  const auto slot = static_cast<size_t>(seq % lead_delay_);
  const size_t num_inputs = spec_.input_schema->num_fields();
  for (size_t k = 0; k < rel.columns.size(); ++k) {
    const size_t c = k - num_inputs;
    if (k < num_inputs || plans_[c].kind != AnalyticKind::kLead) {
      append_any(rel.columns[k], part.pending[k], slot);
      continue;
    }
    const CallPlan& plan = plans_[c];
    const CallState& st = part.calls[c];
    if (plan.ring == 0) {
      // k >= buffer: compute_call already gave the default on arrival.
      append_any(rel.columns[k], part.pending[k], slot);
      continue;
    }
    const int64_t target = seq + plan.offset;
    const bool exists = !at_finish || target < part.rows;
    if (exists) {
      append_any(rel.columns[k], st.values, static_cast<size_t>(target % plan.ring));
    } else {
      append_any(rel.columns[k], st.defaults, static_cast<size_t>(seq % plan.ring));
    }
  }
  const ValueRing& et = part.pending_event_time;
  if (et.valid[slot] != 0) {
    rel.event_time.append_int(et.ints[slot]);
  } else {
    rel.all_have_event_time = false;
  }
  if (++rel.rows == kReleaseBatchRows) {
    flush_released(out);
  }
}

void RowsWindow::flush_released(Emitter& out) {
  Released& rel = *released_;
  if (rel.rows == 0) {
    return;
  }
  std::vector<ColumnPtr> columns;
  columns.reserve(rel.columns.size());
  for (auto& b : rel.columns) {
    columns.push_back(b.finish());
  }
  ColumnPtr event_time = rel.event_time.finish();
  out.emit(Batch::make(schema_, std::move(columns), rel.rows,
                       rel.all_have_event_time ? std::move(event_time) : nullptr));
  rel.rows = 0;
  rel.all_have_event_time = true;
}

Status RowsWindow::on_watermark(int64_t watermark, Emitter& out) {
  if (lead_delay_ == 0) {
    out.emit_watermark(watermark);
    return Status::ok();
  }
  pending_watermark_ = std::max(pending_watermark_, watermark);
  // Delayed rows will still be emitted: hold the watermark at the oldest of their event times.
  int64_t bound = pending_watermark_;
  for (const auto& part : partitions_) {
    for (int64_t r = std::max<int64_t>(0, part->rows - lead_delay_); r < part->rows; ++r) {
      const auto slot = static_cast<size_t>(r % lead_delay_);
      if (part->pending_event_time.valid[slot] != 0) {
        bound = std::min(bound, part->pending_event_time.ints[slot]);
      }
    }
  }
  if (bound > last_watermark_) {
    last_watermark_ = bound;
    out.emit_watermark(bound);
  }
  return Status::ok();
}

Status RowsWindow::finish(Emitter& out) {
  if (lead_delay_ == 0) {
    return Status::ok();
  }
  for (auto& part : partitions_) {
    for (int64_t r = std::max<int64_t>(0, part->rows - lead_delay_); r < part->rows; ++r) {
      release_row(*part, r, true, out);
    }
  }
  flush_released(out);
  if (pending_watermark_ > last_watermark_) {
    last_watermark_ = pending_watermark_;
    out.emit_watermark(pending_watermark_);
  }
  return Status::ok();
}

std::string RowsWindow::describe() const {
  std::string out = "RowsWindow(BUFFER " + std::to_string(spec_.buffer_rows) + " ROWS";
  for (size_t k = 0; k < spec_.partition_by.size(); ++k) {
    out += k == 0 ? " PARTITION BY " : ", ";
    out += spec_.partition_by[k]->to_string();
  }
  for (size_t k = 0; k < spec_.order_by.size(); ++k) {
    out += k == 0 ? " ORDER BY " : ", ";
    out += spec_.order_by[k]->to_string();
    if (spec_.descending[k]) {
      out += " DESC";
    }
  }
  out += ":";
  for (size_t c = 0; c < spec_.calls.size(); ++c) {
    out += c == 0 ? " " : ", ";
    out += spec_.calls[c].to_string() + " AS " + spec_.names[c];
  }
  return out + ")";
}

}  // namespace eddy::ops
