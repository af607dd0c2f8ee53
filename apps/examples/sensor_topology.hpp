#pragma once

// The building blocks of the custom-topology example: a user-written source, two user-written
// operators and a user-written sink, plugged into Eddy's runtime without any SQL. Kept in a
// header so the runtime tests can run exactly what the example runs.
#include <cinttypes>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "operators/operator.hpp"
#include "operators/source.hpp"
#include "runtime/actor/engine.hpp"
#include "runtime/core/column_builder.hpp"

namespace eddy::examples {

/// (sensor_id BIGINT, celsius DOUBLE) with the reading's time as event time.
inline SchemaPtr reading_schema() {
  return std::make_shared<const Schema>(
      std::vector<Field>{{"sensor_id", DataType::bigint()}, {"celsius", DataType::float64()}});
}

/// (sensor_id BIGINT, fahrenheit DOUBLE).
inline SchemaPtr fahrenheit_schema() {
  return std::make_shared<const Schema>(
      std::vector<Field>{{"sensor_id", DataType::bigint()}, {"fahrenheit", DataType::float64()}});
}

/// Generates `num_readings` deterministic readings from `num_sensors` sensors, one per 100 ms
/// of event time, in batches of `batch_size`.
class SensorSource final : public ops::Source {
 public:
  SensorSource(int64_t num_readings, int64_t num_sensors, size_t batch_size)
      : num_readings_(num_readings), num_sensors_(num_sensors), batch_size_(batch_size) {}

  const std::string& name() const override { return name_; }
  const SchemaPtr& schema() const override { return schema_; }
  Status open() override { return Status::ok(); }
  Result<BatchPtr> next() override {
    if (next_ >= num_readings_) {
      return BatchPtr{};
    }
    ColumnBuilder ids(DataType::bigint(), batch_size_);
    ColumnBuilder temps(DataType::float64(), batch_size_);
    ColumnBuilder times(DataType::timestamp(), batch_size_);
    size_t rows = 0;
    for (; rows < batch_size_ && next_ < num_readings_; ++rows, ++next_) {
      ids.append_int(next_ % num_sensors_);
      // A sawtooth between -10 and 39 degrees.
      temps.append_double(static_cast<double>((next_ * 7) % 50) - 10.0);
      times.append_int(next_ * 100);
    }
    stats_.records_in += rows;
    watermark_ = (next_ - 1) * 100;
    return Batch::make(schema_, {ids.finish(), temps.finish()}, rows, times.finish());
  }
  const ops::SourceStats& stats() const override { return stats_; }
  int64_t watermark() const override { return watermark_; }
  std::string describe() const override { return "SensorSource"; }

 private:
  std::string name_ = "readings";
  SchemaPtr schema_ = reading_schema();
  int64_t num_readings_;
  int64_t num_sensors_;
  size_t batch_size_;
  int64_t next_ = 0;
  int64_t watermark_ = INT64_MIN;
  ops::SourceStats stats_;
};

/// Converts column 1 from Celsius to Fahrenheit, a column at a time.
class CelsiusToFahrenheit final : public ops::Operator {
 public:
  const SchemaPtr& output_schema() const override { return schema_; }
  Status push(const BatchPtr& batch, ops::Emitter& out) override {
    size_t n = batch->num_rows();
    auto f = Column::make(DataType::float64(), n);
    const double* c = batch->column(1)->f64();
    double* dst = f->mutable_f64();
    for (size_t i = 0; i < n; ++i) {
      dst[i] = c[i] * 9.0 / 5.0 + 32.0;
    }
    out.emit(Batch::make(schema_, {batch->column(0), f}, n, batch->event_time()));
    return Status::ok();
  }
  std::string describe() const override { return "CelsiusToFahrenheit"; }

 private:
  SchemaPtr schema_ = fahrenheit_schema();
};

/// Keeps the rows whose column 1 is at least `threshold` (emits nothing when none is).
class AtLeast final : public ops::Operator {
 public:
  explicit AtLeast(double threshold) : threshold_(threshold) {}
  const SchemaPtr& output_schema() const override { return schema_; }
  Status push(const BatchPtr& batch, ops::Emitter& out) override {
    size_t n = batch->num_rows();
    keep_.resize(n);
    const double* v = batch->column(1)->f64();
    size_t kept = 0;
    for (size_t i = 0; i < n; ++i) {
      keep_[i] = v[i] >= threshold_ ? 1 : 0;
      kept += keep_[i];
    }
    if (kept > 0) {
      out.emit(batch->filter(batch, keep_.data(), kept));
    }
    return Status::ok();
  }
  std::string describe() const override { return "AtLeast"; }

 private:
  SchemaPtr schema_ = fahrenheit_schema();
  double threshold_;
  std::vector<uint8_t> keep_;
};

/// Prints each row as "sensor=<id> fahrenheit=<f>" to `out` (stdout by default).
class PrintingSink final : public ops::Sink {
 public:
  explicit PrintingSink(std::FILE* out = stdout) : out_(out) {}
  const std::string& name() const override { return name_; }
  Status open() override { return Status::ok(); }
  Status write(const Batch& batch) override {
    const int64_t* ids = batch.column(0)->i64();
    const double* f = batch.column(1)->f64();
    for (size_t i = 0; i < batch.num_rows(); ++i) {
      std::fprintf(out_, "sensor=%" PRId64 " fahrenheit=%.1f\n", ids[i], f[i]);
    }
    rows_ += batch.num_rows();
    return Status::ok();
  }
  Status close() override {
    return std::fflush(out_) == 0 ? Status::ok() : Status::io_error("cannot flush the output");
  }
  uint64_t records_out() const override { return rows_; }
  std::string describe() const override { return "PrintingSink"; }

 private:
  std::string name_ = "console";
  std::FILE* out_;
  uint64_t rows_ = 0;
};

/// The example's job: readings → °F → keep ≥ `threshold` °F → print.
inline rt::JobSpec make_sensor_job(int64_t num_readings, double threshold, std::FILE* out) {
  rt::JobSpec job;
  job.name = "hot_sensors";
  job.source = std::make_unique<SensorSource>(num_readings, /*num_sensors=*/5, /*batch_size=*/64);
  job.make_chain = [threshold](size_t) -> Result<std::vector<std::unique_ptr<ops::Operator>>> {
    std::vector<std::unique_ptr<ops::Operator>> chain;
    chain.push_back(std::make_unique<CelsiusToFahrenheit>());
    chain.push_back(std::make_unique<AtLeast>(threshold));
    return chain;
  };
  job.sink = std::make_unique<PrintingSink>(out);
  return job;
}

}  // namespace eddy::examples
