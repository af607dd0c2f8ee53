#include "operators/aggregate/accumulator.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>
#include <vector>

#include "operators/aggregate/aggregate_function.hpp"
#include "runtime/core/decimal.hpp"
#include "runtime/core/pod_vector.hpp"

namespace eddy::ops {

namespace {

// The largest unscaled value a DECIMAL(18, s) holds.
constexpr int64_t kMaxDecimal18 = 999'999'999'999'999'999;

// -- row iteration ------------------------------------------------------------------------------

// Calls f(group, row) for each of the n rows; with kSkipNulls, only for rows where `arg` is valid.
// Templated on the callback so that the loop body inlines: no per-row indirect call.
template <bool kSkipNulls, class F>
inline void for_each_row(const uint32_t* group_ids, const uint32_t* rows, size_t n,
                         const Column* arg, F&& f) {
  const uint64_t* validity = (kSkipNulls && arg != nullptr) ? arg->validity() : nullptr;
  auto valid = [validity](size_t r) { return ((validity[r >> 6] >> (r & 63)) & 1) != 0; };
  if (rows == nullptr) {
    if (validity == nullptr) {
      for (size_t i = 0; i < n; ++i) {
        f(group_ids[i], i);
      }
    } else {
      for (size_t i = 0; i < n; ++i) {
        if (valid(i)) {
          f(group_ids[i], i);
        }
      }
    }
  } else {
    if (validity == nullptr) {
      for (size_t i = 0; i < n; ++i) {
        f(group_ids[i], rows[i]);
      }
    } else {
      for (size_t i = 0; i < n; ++i) {
        if (valid(rows[i])) {
          f(group_ids[i], rows[i]);
        }
      }
    }
  }
}

// -- readers: typed access to an argument column ------------------------------------------------

struct I64Reader {
  using Type = int64_t;
  explicit I64Reader(const Column& c) : data(c.i64()) {}
  int64_t operator()(size_t r) const { return data[r]; }
  const int64_t* data;
};

struct F64Reader {
  using Type = double;
  explicit F64Reader(const Column& c) : data(c.f64()) {}
  double operator()(size_t r) const { return data[r]; }
  const double* data;
};

struct BoolReader {
  using Type = uint8_t;
  explicit BoolReader(const Column& c) : data(c.u8()) {}
  uint8_t operator()(size_t r) const { return data[r]; }
  const uint8_t* data;
};

struct StrReader {
  using Type = std::string_view;
  explicit StrReader(const Column& c) : column(&c) {}
  std::string_view operator()(size_t r) const { return column->str(r); }
  const Column* column;
};

// Reads an int64-backed number (BIGINT or unscaled DECIMAL) or a DOUBLE as a double.
struct AsDoubleReader {
  using Type = double;
  AsDoubleReader(const Column& c, int scale)
      : i64(c.type().id == TypeId::kDouble ? nullptr : c.i64()),
        f64(c.type().id == TypeId::kDouble ? c.f64() : nullptr),
        divisor(static_cast<double>(pow10_i64(scale))) {}
  double operator()(size_t r) const {
    return i64 != nullptr ? static_cast<double>(i64[r]) / divisor : f64[r];
  }
  const int64_t* i64;
  const double* f64;
  double divisor;
};

// Reads a DOUBLE as its bit pattern with -0.0 folded into 0.0 and every NaN into one, so that
// equal numbers are equal keys.
struct DoubleBitsReader {
  using Type = int64_t;
  explicit DoubleBitsReader(const Column& c) : data(c.f64()) {}
  int64_t operator()(size_t r) const {
    double v = data[r];
    if (v == 0.0) {
      v = 0.0;
    } else if (std::isnan(v)) {
      v = std::numeric_limits<double>::quiet_NaN();
    }
    int64_t bits = 0;
    std::memcpy(&bits, &v, sizeof(bits));
    return bits;
  }
  const double* data;
};

// -- storage helpers -----------------------------------------------------------------------------

// Group-indexed storage: uninitialised PodVector for plain values, std::vector otherwise.
template <class T>
using GroupVector = std::conditional_t<std::is_trivial_v<T>, PodVector<T>, std::vector<T>>;

// What a reader's values are kept as inside the state.
template <class T>
using Stored = std::conditional_t<std::is_same_v<T, std::string_view>, std::string, T>;

inline void put(ColumnBuilder& out, int64_t v) {
  out.append_int(v);
}
inline void put(ColumnBuilder& out, double v) {
  out.append_double(v);
}
inline void put(ColumnBuilder& out, uint8_t v) {
  out.append_bool(v != 0);
}
inline void put(ColumnBuilder& out, const std::string& v) {
  out.append_string(v);
}

// Base for states with a "has a value" flag per group.
class FlaggedAccumulator : public Accumulator {
 public:
  void resize(size_t num_groups) override {
    if (num_groups > has_.size()) {
      has_.resize(num_groups, 0);
      grow(num_groups);
    }
  }
  void clear() override {
    has_.clear();
    clear_values();
  }

 protected:
  virtual void grow(size_t num_groups) = 0;
  // Drops the per-group values (keeping their memory), as clear() drops the flags.
  virtual void clear_values() = 0;
  PodVector<uint8_t> has_;
};

// -- COUNT --------------------------------------------------------------------------------------

class CountAccumulator final : public Accumulator {
 public:
  explicit CountAccumulator(bool star) : star_(star) {}
  void resize(size_t num_groups) override {
    if (num_groups > counts_.size()) {
      counts_.resize(num_groups, 0);
    }
  }
  Status update(const uint32_t* group_ids, const uint32_t* rows, size_t n,
                const Column* arg) override {
    int64_t* counts = counts_.data();
    if (star_ || arg == nullptr) {
      for (size_t i = 0; i < n; ++i) {
        ++counts[group_ids[i]];
      }
    } else {
      for_each_row<true>(group_ids, rows, n, arg, [counts](uint32_t g, size_t) { ++counts[g]; });
    }
    return Status::ok();
  }
  void merge(uint32_t dst, uint32_t src) override {
    counts_[dst] += counts_[src];
    counts_[src] = 0;
  }
  void reset(uint32_t group) override { counts_[group] = 0; }
  void clear() override { counts_.clear(); }
  Status finalize(const uint32_t* group_ids, size_t n, ColumnBuilder& out) override {
    for (size_t i = 0; i < n; ++i) {
      out.append_int(counts_[group_ids[i]]);
    }
    return Status::ok();
  }

 private:
  bool star_;
  PodVector<int64_t> counts_;
};

// -- SUM ----------------------------------------------------------------------------------------

// SUM(BIGINT): exact; overflow fails the job rather than wrapping.
class SumBigintAccumulator final : public FlaggedAccumulator {
 public:
  Status update(const uint32_t* group_ids, const uint32_t* rows, size_t n,
                const Column* arg) override {
    I64Reader read(*arg);
    int64_t* sums = sums_.data();
    uint8_t* has = has_.data();
    bool overflow = false;
    for_each_row<true>(group_ids, rows, n, arg, [&](uint32_t g, size_t r) {
      overflow |= __builtin_add_overflow(sums[g], read(r), &sums[g]);
      has[g] = 1;
    });
    if (overflow) {
      return Status::data_error(
          "SUM of a BIGINT column overflowed the 64-bit range; cast the argument to DOUBLE or "
          "DECIMAL to sum larger values");
    }
    return Status::ok();
  }
  void merge(uint32_t dst, uint32_t src) override {
    if (has_[src]) {
      // Saturation is not an option for an exact type; a merged overflow wraps like the inputs
      // could not, so it is clamped to the last valid value and reported on the next update.
      if (__builtin_add_overflow(sums_[dst], sums_[src], &sums_[dst])) {
        sums_[dst] = sums_[src] > 0 ? INT64_MAX : INT64_MIN;
      }
      has_[dst] = 1;
    }
    reset(src);
  }
  void reset(uint32_t group) override {
    sums_[group] = 0;
    has_[group] = 0;
  }
  Status finalize(const uint32_t* group_ids, size_t n, ColumnBuilder& out) override {
    for (size_t i = 0; i < n; ++i) {
      uint32_t g = group_ids[i];
      if (has_[g]) {
        out.append_int(sums_[g]);
      } else {
        out.append_null();
      }
    }
    return Status::ok();
  }

 private:
  void grow(size_t num_groups) override { sums_.resize(num_groups, 0); }
  void clear_values() override { sums_.clear(); }
  PodVector<int64_t> sums_;
};

// SUM(DECIMAL(p,s)): accumulated in 128 bits, range-checked against 18 digits at output.
class SumDecimalAccumulator final : public FlaggedAccumulator {
 public:
  Status update(const uint32_t* group_ids, const uint32_t* rows, size_t n,
                const Column* arg) override {
    I64Reader read(*arg);
    Int128* sums = sums_.data();
    uint8_t* has = has_.data();
    for_each_row<true>(group_ids, rows, n, arg, [&](uint32_t g, size_t r) {
      sums[g] += read(r);
      has[g] = 1;
    });
    return Status::ok();
  }
  void merge(uint32_t dst, uint32_t src) override {
    if (has_[src]) {
      sums_[dst] += sums_[src];
      has_[dst] = 1;
    }
    reset(src);
  }
  void reset(uint32_t group) override {
    sums_[group] = 0;
    has_[group] = 0;
  }
  Status finalize(const uint32_t* group_ids, size_t n, ColumnBuilder& out) override {
    for (size_t i = 0; i < n; ++i) {
      uint32_t g = group_ids[i];
      if (!has_[g]) {
        out.append_null();
        continue;
      }
      if (sums_[g] > kMaxDecimal18 || sums_[g] < -kMaxDecimal18) {
        return Status::data_error("SUM of a DECIMAL column exceeds 18 digits (" +
                                  out.type().to_string() +
                                  "); cast the argument to DOUBLE to sum larger values");
      }
      out.append_int(static_cast<int64_t>(sums_[g]));
    }
    return Status::ok();
  }

 private:
  void grow(size_t num_groups) override { sums_.resize(num_groups, 0); }
  void clear_values() override { sums_.clear(); }
  PodVector<Int128> sums_;
};

// SUM(DOUBLE).
class SumDoubleAccumulator final : public FlaggedAccumulator {
 public:
  Status update(const uint32_t* group_ids, const uint32_t* rows, size_t n,
                const Column* arg) override {
    F64Reader read(*arg);
    double* sums = sums_.data();
    uint8_t* has = has_.data();
    for_each_row<true>(group_ids, rows, n, arg, [&](uint32_t g, size_t r) {
      sums[g] += read(r);
      has[g] = 1;
    });
    return Status::ok();
  }
  void merge(uint32_t dst, uint32_t src) override {
    if (has_[src]) {
      sums_[dst] += sums_[src];
      has_[dst] = 1;
    }
    reset(src);
  }
  void reset(uint32_t group) override {
    sums_[group] = 0;
    has_[group] = 0;
  }
  Status finalize(const uint32_t* group_ids, size_t n, ColumnBuilder& out) override {
    for (size_t i = 0; i < n; ++i) {
      uint32_t g = group_ids[i];
      if (has_[g]) {
        out.append_double(sums_[g]);
      } else {
        out.append_null();
      }
    }
    return Status::ok();
  }

 private:
  void grow(size_t num_groups) override { sums_.resize(num_groups, 0); }
  void clear_values() override { sums_.clear(); }
  PodVector<double> sums_;
};

// -- AVG ----------------------------------------------------------------------------------------

// AVG over BIGINT or DECIMAL (exact 128-bit sum) or DOUBLE (double sum). A DECIMAL input gives
// a DECIMAL result at `out_scale`, rounded half away from zero; the others give DOUBLE.
template <class Reader, class Sum>
class AvgAccumulator final : public Accumulator {
 public:
  AvgAccumulator(DataType in, DataType out) : in_(in), out_(out) {}
  void resize(size_t num_groups) override {
    if (num_groups > counts_.size()) {
      counts_.resize(num_groups, 0);
      sums_.resize(num_groups, 0);
    }
  }
  void clear() override {
    counts_.clear();
    sums_.clear();
  }
  Status update(const uint32_t* group_ids, const uint32_t* rows, size_t n,
                const Column* arg) override {
    Reader read(*arg);
    Sum* sums = sums_.data();
    int64_t* counts = counts_.data();
    for_each_row<true>(group_ids, rows, n, arg, [&](uint32_t g, size_t r) {
      sums[g] += read(r);
      ++counts[g];
    });
    return Status::ok();
  }
  void merge(uint32_t dst, uint32_t src) override {
    sums_[dst] += sums_[src];
    counts_[dst] += counts_[src];
    reset(src);
  }
  void reset(uint32_t group) override {
    sums_[group] = 0;
    counts_[group] = 0;
  }
  Status finalize(const uint32_t* group_ids, size_t n, ColumnBuilder& out) override {
    for (size_t i = 0; i < n; ++i) {
      uint32_t g = group_ids[i];
      int64_t count = counts_[g];
      if (count == 0) {
        out.append_null();
      } else if (out_.id == TypeId::kDouble) {
        out.append_double(static_cast<double>(sums_[g]) / static_cast<double>(count));
      } else {
        EDDY_ASSIGN_OR_RAISE(int64_t avg, decimal_average(static_cast<Int128>(sums_[g]), count));
        out.append_int(avg);
      }
    }
    return Status::ok();
  }

 private:
  Result<int64_t> decimal_average(Int128 sum, int64_t count) const {
    Int128 scaled = sum * pow10_i64(out_.scale - in_.scale);
    Int128 quotient = scaled / count;
    Int128 remainder = scaled % count;
    Int128 twice = remainder < 0 ? -2 * remainder : 2 * remainder;
    if (twice >= count) {
      quotient += scaled < 0 ? -1 : 1;
    }
    if (quotient > kMaxDecimal18 || quotient < -kMaxDecimal18) {
      return Status::data_error("AVG of a DECIMAL column exceeds 18 digits; cast it to DOUBLE");
    }
    return static_cast<int64_t>(quotient);
  }

  DataType in_;
  DataType out_;
  PodVector<Sum> sums_;
  PodVector<int64_t> counts_;
};

// -- MIN / MAX / FIRST_VALUE / LAST_VALUE -------------------------------------------------------

enum class PickKind : uint8_t { kMin, kMax, kFirst, kLast };

// Keeps one value per group, replaced according to `kPick`; strings compare by bytes.
template <class Reader, PickKind kPick>
class PickAccumulator final : public FlaggedAccumulator {
 public:
  using Value = Stored<typename Reader::Type>;

  Status update(const uint32_t* group_ids, const uint32_t* rows, size_t n,
                const Column* arg) override {
    Reader read(*arg);
    auto* values = values_.data();
    uint8_t* has = has_.data();
    for_each_row<true>(group_ids, rows, n, arg, [&](uint32_t g, size_t r) {
      auto v = read(r);
      if (!has[g] || replaces(v, values[g])) {
        values[g] = v;
        has[g] = 1;
      }
    });
    return Status::ok();
  }
  void merge(uint32_t dst, uint32_t src) override {
    if (has_[src] && (!has_[dst] || replaces(values_[src], values_[dst]))) {
      values_[dst] = std::move(values_[src]);
      has_[dst] = 1;
    }
    reset(src);
  }
  void reset(uint32_t group) override {
    has_[group] = 0;
    if constexpr (!std::is_trivial_v<Value>) {
      values_[group] = Value();
    }
  }
  Status finalize(const uint32_t* group_ids, size_t n, ColumnBuilder& out) override {
    for (size_t i = 0; i < n; ++i) {
      uint32_t g = group_ids[i];
      if (has_[g]) {
        put(out, values_[g]);
      } else {
        out.append_null();
      }
    }
    return Status::ok();
  }

 private:
  template <class A, class B>
  static bool replaces(const A& candidate, const B& current) {
    if constexpr (kPick == PickKind::kMin) {
      return candidate < current;
    } else if constexpr (kPick == PickKind::kMax) {
      return current < candidate;
    } else if constexpr (kPick == PickKind::kFirst) {
      return false;
    } else {
      return true;
    }
  }
  void grow(size_t num_groups) override { values_.resize(num_groups); }
  void clear_values() override { values_.clear(); }
  GroupVector<Value> values_;
};

// -- DELTA --------------------------------------------------------------------------------------

// MAX - MIN of a number; BIGINT overflow of the difference fails the job.
template <class Reader>
class DeltaAccumulator final : public FlaggedAccumulator {
 public:
  using T = typename Reader::Type;
  Status update(const uint32_t* group_ids, const uint32_t* rows, size_t n,
                const Column* arg) override {
    Reader read(*arg);
    T* mins = mins_.data();
    T* maxs = maxs_.data();
    uint8_t* has = has_.data();
    for_each_row<true>(group_ids, rows, n, arg, [&](uint32_t g, size_t r) {
      T v = read(r);
      if (!has[g]) {
        mins[g] = v;
        maxs[g] = v;
        has[g] = 1;
      } else {
        mins[g] = std::min(mins[g], v);
        maxs[g] = std::max(maxs[g], v);
      }
    });
    return Status::ok();
  }
  void merge(uint32_t dst, uint32_t src) override {
    if (has_[src]) {
      mins_[dst] = has_[dst] ? std::min(mins_[dst], mins_[src]) : mins_[src];
      maxs_[dst] = has_[dst] ? std::max(maxs_[dst], maxs_[src]) : maxs_[src];
      has_[dst] = 1;
    }
    reset(src);
  }
  void reset(uint32_t group) override { has_[group] = 0; }
  Status finalize(const uint32_t* group_ids, size_t n, ColumnBuilder& out) override {
    for (size_t i = 0; i < n; ++i) {
      uint32_t g = group_ids[i];
      if (!has_[g]) {
        out.append_null();
        continue;
      }
      if constexpr (std::is_same_v<T, int64_t>) {
        int64_t delta = 0;
        if (__builtin_sub_overflow(maxs_[g], mins_[g], &delta)) {
          return Status::data_error(
              "DELTA overflowed the 64-bit range; cast the argument to DOUBLE");
        }
        out.append_int(delta);
      } else {
        out.append_double(maxs_[g] - mins_[g]);
      }
    }
    return Status::ok();
  }

 private:
  void clear_values() override {
    mins_.clear();
    maxs_.clear();
  }
  void grow(size_t num_groups) override {
    mins_.resize(num_groups);
    maxs_.resize(num_groups);
  }
  PodVector<T> mins_;
  PodVector<T> maxs_;
};

// -- STDDEV / VARIANCE --------------------------------------------------------------------------

// Welford's online mean and sum of squared deviations; Chan's formula merges two groups.
class MomentsAccumulator final : public Accumulator {
 public:
  MomentsAccumulator(AggregateKind kind, int scale) : kind_(kind), scale_(scale) {}
  void resize(size_t num_groups) override {
    if (num_groups > counts_.size()) {
      counts_.resize(num_groups, 0);
      means_.resize(num_groups, 0.0);
      m2s_.resize(num_groups, 0.0);
    }
  }
  void clear() override {
    counts_.clear();
    means_.clear();
    m2s_.clear();
  }
  Status update(const uint32_t* group_ids, const uint32_t* rows, size_t n,
                const Column* arg) override {
    AsDoubleReader read(*arg, scale_);
    int64_t* counts = counts_.data();
    double* means = means_.data();
    double* m2s = m2s_.data();
    for_each_row<true>(group_ids, rows, n, arg, [&](uint32_t g, size_t r) {
      double x = read(r);
      int64_t count = ++counts[g];
      double delta = x - means[g];
      means[g] += delta / static_cast<double>(count);
      m2s[g] += delta * (x - means[g]);
    });
    return Status::ok();
  }
  void merge(uint32_t dst, uint32_t src) override {
    int64_t na = counts_[dst];
    int64_t nb = counts_[src];
    if (nb > 0) {
      double n = static_cast<double>(na + nb);
      double delta = means_[src] - means_[dst];
      means_[dst] += delta * static_cast<double>(nb) / n;
      m2s_[dst] +=
          m2s_[src] + delta * delta * static_cast<double>(na) * static_cast<double>(nb) / n;
      counts_[dst] = na + nb;
    }
    reset(src);
  }
  void reset(uint32_t group) override {
    counts_[group] = 0;
    means_[group] = 0.0;
    m2s_[group] = 0.0;
  }
  Status finalize(const uint32_t* group_ids, size_t n, ColumnBuilder& out) override {
    const bool sample = kind_ == AggregateKind::kStddevSamp || kind_ == AggregateKind::kVarSamp;
    const bool root = kind_ == AggregateKind::kStddevSamp || kind_ == AggregateKind::kStddevPop;
    for (size_t i = 0; i < n; ++i) {
      uint32_t g = group_ids[i];
      int64_t count = counts_[g];
      if (count < (sample ? 2 : 1)) {
        out.append_null();
        continue;
      }
      double var = std::max(0.0, m2s_[g]) / static_cast<double>(sample ? count - 1 : count);
      out.append_double(root ? std::sqrt(var) : var);
    }
    return Status::ok();
  }

 private:
  AggregateKind kind_;
  int scale_;
  PodVector<int64_t> counts_;
  PodVector<double> means_;
  PodVector<double> m2s_;
};

// -- MEDIAN / PERCENTILE_* ----------------------------------------------------------------------

// Keeps every non-NULL value of a group: a sorted prefix plus an unsorted tail of new arrivals.
// Updates append (O(1) per row); finalize sorts only the tail and merges it into the prefix, so
// repeated emissions (EMIT CHANGES) cost O(new log new + group size), never a full re-sort.
template <class Reader>
class PercentileAccumulator final : public Accumulator {
 public:
  using T = typename Reader::Type;
  PercentileAccumulator(bool continuous, double fraction, int scale)
      : continuous_(continuous),
        fraction_(fraction),
        divisor_(static_cast<double>(pow10_i64(scale))) {}
  void resize(size_t num_groups) override {
    if (num_groups > groups_.size()) {
      groups_.resize(num_groups);
    }
  }
  void clear() override { groups_.clear(); }
  Status update(const uint32_t* group_ids, const uint32_t* rows, size_t n,
                const Column* arg) override {
    Reader read(*arg);
    Values* groups = groups_.data();
    for_each_row<true>(group_ids, rows, n, arg,
                       [&](uint32_t g, size_t r) { groups[g].values.push_back(read(r)); });
    return Status::ok();
  }
  void merge(uint32_t dst, uint32_t src) override {
    auto& d = groups_[dst].values;
    auto& s = groups_[src].values;
    d.insert(d.end(), s.begin(), s.end());
    reset(src);
  }
  void reset(uint32_t group) override { groups_[group] = Values(); }
  Status finalize(const uint32_t* group_ids, size_t n, ColumnBuilder& out) override {
    for (size_t i = 0; i < n; ++i) {
      Values& group = groups_[group_ids[i]];
      std::vector<T>& v = group.values;
      if (v.empty()) {
        out.append_null();
        continue;
      }
      if (group.sorted < v.size()) {
        auto middle = v.begin() + static_cast<ptrdiff_t>(group.sorted);
        std::sort(middle, v.end());
        std::inplace_merge(v.begin(), middle, v.end());
        group.sorted = v.size();
      }
      const size_t count = v.size();
      if (continuous_) {
        double pos = fraction_ * static_cast<double>(count - 1);
        auto lo = static_cast<size_t>(std::floor(pos));
        size_t hi = std::min(lo + 1, count - 1);
        double a = to_double(v[lo]);
        double b = to_double(v[hi]);
        out.append_double(a + (b - a) * (pos - static_cast<double>(lo)));
      } else {
        // The first value whose cumulative share of the group reaches the fraction.
        auto rank = static_cast<size_t>(std::ceil(fraction_ * static_cast<double>(count)));
        size_t index = rank == 0 ? 0 : std::min(rank - 1, count - 1);
        put(out, v[index]);
      }
    }
    return Status::ok();
  }

 private:
  struct Values {
    std::vector<T> values;
    size_t sorted = 0;
  };
  double to_double(T v) const {
    if constexpr (std::is_same_v<T, int64_t>) {
      return static_cast<double>(v) / divisor_;
    } else {
      return v;
    }
  }

  bool continuous_;
  double fraction_;
  double divisor_;
  std::vector<Values> groups_;
};

// -- COUNT_DISTINCT -----------------------------------------------------------------------------

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// An exact per-group hash set of the distinct non-NULL values.
template <class Reader>
class CountDistinctAccumulator final : public Accumulator {
 public:
  using Key = Stored<typename Reader::Type>;
  using Set = std::conditional_t<std::is_same_v<Key, std::string>,
                                 std::unordered_set<std::string, StringHash, std::equal_to<>>,
                                 std::unordered_set<Key>>;

  void resize(size_t num_groups) override {
    if (num_groups > sets_.size()) {
      sets_.resize(num_groups);
    }
  }
  void clear() override { sets_.clear(); }
  Status update(const uint32_t* group_ids, const uint32_t* rows, size_t n,
                const Column* arg) override {
    Reader read(*arg);
    Set* sets = sets_.data();
    for_each_row<true>(group_ids, rows, n, arg, [&](uint32_t g, size_t r) {
      auto v = read(r);
      // find first: a string key is only copied when it is new to the group.
      if (sets[g].find(v) == sets[g].end()) {
        sets[g].emplace(v);
      }
    });
    return Status::ok();
  }
  void merge(uint32_t dst, uint32_t src) override {
    sets_[dst].merge(sets_[src]);
    reset(src);
  }
  void reset(uint32_t group) override { Set().swap(sets_[group]); }
  Status finalize(const uint32_t* group_ids, size_t n, ColumnBuilder& out) override {
    for (size_t i = 0; i < n; ++i) {
      out.append_int(static_cast<int64_t>(sets_[group_ids[i]].size()));
    }
    return Status::ok();
  }

 private:
  std::vector<Set> sets_;
};

// Reads a BOOLEAN as an int64 distinct key.
struct BoolKeyReader {
  using Type = int64_t;
  explicit BoolKeyReader(const Column& c) : data(c.u8()) {}
  int64_t operator()(size_t r) const { return data[r]; }
  const uint8_t* data;
};

// -- STRING_AGG ---------------------------------------------------------------------------------

// Joins the non-NULL values of a group in arrival order.
class StringAggAccumulator final : public FlaggedAccumulator {
 public:
  explicit StringAggAccumulator(std::string separator) : separator_(std::move(separator)) {}
  Status update(const uint32_t* group_ids, const uint32_t* rows, size_t n,
                const Column* arg) override {
    StrReader read(*arg);
    std::string* texts = texts_.data();
    uint8_t* has = has_.data();
    for_each_row<true>(group_ids, rows, n, arg, [&](uint32_t g, size_t r) {
      if (has[g]) {
        texts[g] += separator_;
      }
      texts[g] += read(r);
      has[g] = 1;
    });
    return Status::ok();
  }
  void merge(uint32_t dst, uint32_t src) override {
    if (has_[src]) {
      if (has_[dst]) {
        texts_[dst] += separator_;
      }
      texts_[dst] += texts_[src];
      has_[dst] = 1;
    }
    reset(src);
  }
  void reset(uint32_t group) override {
    has_[group] = 0;
    std::string().swap(texts_[group]);
  }
  Status finalize(const uint32_t* group_ids, size_t n, ColumnBuilder& out) override {
    for (size_t i = 0; i < n; ++i) {
      uint32_t g = group_ids[i];
      if (has_[g]) {
        out.append_string(texts_[g]);
      } else {
        out.append_null();
      }
    }
    return Status::ok();
  }

 private:
  void grow(size_t num_groups) override { texts_.resize(num_groups); }
  void clear_values() override { texts_.clear(); }
  std::string separator_;
  std::vector<std::string> texts_;
};

// -- factory ------------------------------------------------------------------------------------

template <PickKind kPick>
std::unique_ptr<Accumulator> make_pick(const DataType& t) {
  switch (t.id) {
    case TypeId::kDouble:
      return std::make_unique<PickAccumulator<F64Reader, kPick>>();
    case TypeId::kBoolean:
      return std::make_unique<PickAccumulator<BoolReader, kPick>>();
    case TypeId::kVarchar:
      return std::make_unique<PickAccumulator<StrReader, kPick>>();
    case TypeId::kBigint:
    case TypeId::kDecimal:
    case TypeId::kTimestamp:
      return std::make_unique<PickAccumulator<I64Reader, kPick>>();
    case TypeId::kNull:
      break;
  }
  return nullptr;
}

std::unique_ptr<Accumulator> make_for_type(const AggregateSpec& spec) {
  const DataType in = spec.arg ? spec.arg->type : DataType::null();
  const bool int64_backed = in.is_int64_backed();
  const bool is_double = in.id == TypeId::kDouble;
  switch (spec.kind) {
    case AggregateKind::kCountStar:
      return std::make_unique<CountAccumulator>(/*star=*/true);
    case AggregateKind::kCount:
      return std::make_unique<CountAccumulator>(/*star=*/false);
    case AggregateKind::kSum:
      if (in.id == TypeId::kBigint) {
        return std::make_unique<SumBigintAccumulator>();
      }
      if (in.id == TypeId::kDecimal) {
        return std::make_unique<SumDecimalAccumulator>();
      }
      if (is_double) {
        return std::make_unique<SumDoubleAccumulator>();
      }
      return nullptr;
    case AggregateKind::kAvg:
      if (in.id == TypeId::kBigint || in.id == TypeId::kDecimal) {
        return std::make_unique<AvgAccumulator<I64Reader, Int128>>(in, spec.result_type);
      }
      if (is_double) {
        return std::make_unique<AvgAccumulator<F64Reader, double>>(in, spec.result_type);
      }
      return nullptr;
    case AggregateKind::kMin:
      return make_pick<PickKind::kMin>(in);
    case AggregateKind::kMax:
      return make_pick<PickKind::kMax>(in);
    case AggregateKind::kFirstValue:
      return make_pick<PickKind::kFirst>(in);
    case AggregateKind::kLastValue:
      return make_pick<PickKind::kLast>(in);
    case AggregateKind::kCountDistinct:
      if (int64_backed) {
        return std::make_unique<CountDistinctAccumulator<I64Reader>>();
      }
      if (is_double) {
        return std::make_unique<CountDistinctAccumulator<DoubleBitsReader>>();
      }
      if (in.id == TypeId::kBoolean) {
        return std::make_unique<CountDistinctAccumulator<BoolKeyReader>>();
      }
      if (in.id == TypeId::kVarchar) {
        return std::make_unique<CountDistinctAccumulator<StrReader>>();
      }
      return nullptr;
    case AggregateKind::kStddevSamp:
    case AggregateKind::kStddevPop:
    case AggregateKind::kVarSamp:
    case AggregateKind::kVarPop:
      if (in.is_numeric()) {
        return std::make_unique<MomentsAccumulator>(spec.kind, in.scale);
      }
      return nullptr;
    case AggregateKind::kMedian:
    case AggregateKind::kPercentileCont:
    case AggregateKind::kPercentileDisc: {
      const bool continuous = spec.kind != AggregateKind::kPercentileDisc;
      const double fraction = spec.kind == AggregateKind::kMedian ? 0.5 : spec.fraction;
      if (int64_backed) {
        return std::make_unique<PercentileAccumulator<I64Reader>>(continuous, fraction, in.scale);
      }
      if (is_double) {
        return std::make_unique<PercentileAccumulator<F64Reader>>(continuous, fraction, 0);
      }
      return nullptr;
    }
    case AggregateKind::kStringAgg:
      if (in.id == TypeId::kVarchar) {
        return std::make_unique<StringAggAccumulator>(spec.separator);
      }
      return nullptr;
    case AggregateKind::kDelta:
      if (in.id == TypeId::kBigint || in.id == TypeId::kDecimal) {
        return std::make_unique<DeltaAccumulator<I64Reader>>();
      }
      if (is_double) {
        return std::make_unique<DeltaAccumulator<F64Reader>>();
      }
      return nullptr;
  }
  return nullptr;
}

}  // namespace

Result<std::unique_ptr<Accumulator>> make_accumulator(const AggregateSpec& spec) {
  if (spec.kind != AggregateKind::kCountStar && spec.arg == nullptr) {
    return Status::internal("make_accumulator: aggregate without an argument");
  }
  std::unique_ptr<Accumulator> acc = make_for_type(spec);
  if (acc == nullptr) {
    return Status::internal(std::string("make_accumulator: no accumulator for ") +
                            aggregate_kind_name(spec.kind) + " over " + spec.arg->type.to_string());
  }
  return acc;
}

}  // namespace eddy::ops
