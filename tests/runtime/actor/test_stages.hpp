#pragma once

// Small user-style sources, sinks and operators for the runtime tests.
#include <atomic>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "operators/operator.hpp"
#include "operators/source.hpp"
#include "runtime/actor/engine.hpp"
#include "runtime/core/column_builder.hpp"

namespace eddy::rt::testing {

inline SchemaPtr value_schema() {
  return std::make_shared<const Schema>(std::vector<Field>{{"v", DataType::bigint()}});
}

/// Makes a batch of BIGINT values; the event time of each row is its value.
inline BatchPtr make_values(const std::vector<int64_t>& values) {
  ColumnBuilder col(DataType::bigint());
  ColumnBuilder et(DataType::timestamp());
  for (int64_t v : values) {
    col.append_int(v);
    et.append_int(v);
  }
  return Batch::make(value_schema(), {col.finish()}, values.size(), et.finish());
}

/// Emits 0..num_rows-1 in batches of `batch_size`; watermark = highest value seen.
class CountingSource final : public ops::Source {
 public:
  CountingSource(int64_t num_rows, size_t batch_size)
      : num_rows_(num_rows), batch_size_(batch_size) {}

  const std::string& name() const override { return name_; }
  const SchemaPtr& schema() const override { return schema_; }
  Status open() override {
    if (fail_open) {
      return Status::io_error("cannot open the test source");
    }
    return Status::ok();
  }
  Result<BatchPtr> next() override {
    if (fail_at_batch >= 0 && batches_ == fail_at_batch) {
      return Status::data_error("bad record in batch " + std::to_string(batches_));
    }
    if (throw_at_batch >= 0 && batches_ == throw_at_batch) {
      throw std::runtime_error("source exploded");
    }
    if (stop_at_batch >= 0 && batches_ == stop_at_batch) {
      request_stop();
    }
    if (!endless && next_ >= num_rows_) {
      return BatchPtr{};
    }
    std::vector<int64_t> values;
    for (size_t i = 0; i < batch_size_ && (endless || next_ < num_rows_); ++i) {
      values.push_back(next_++);
    }
    ++batches_;
    stats_.records_in += values.size();
    stats_.bytes_in += values.size() * 8;
    watermark_ = next_ - 1;
    return make_values(values);
  }
  const ops::SourceStats& stats() const override { return stats_; }
  int64_t watermark() const override { return watermark_; }
  std::string describe() const override { return "CountingSource"; }

  bool fail_open = false;
  bool endless = false;
  int64_t fail_at_batch = -1;
  int64_t throw_at_batch = -1;
  int64_t stop_at_batch = -1;  ///< Calls request_stop() when reaching this batch.

 private:
  std::string name_ = "numbers";
  SchemaPtr schema_ = value_schema();
  int64_t num_rows_;
  size_t batch_size_;
  int64_t next_ = 0;
  int64_t batches_ = 0;
  int64_t watermark_ = INT64_MIN;
  ops::SourceStats stats_;
};

/// What a CollectingSink saw; shared so the test can read it after run_jobs.
struct SinkLog {
  std::vector<int64_t> values;
  bool opened = false;
  bool closed = false;
};

class CollectingSink final : public ops::Sink {
 public:
  explicit CollectingSink(std::shared_ptr<SinkLog> log) : log_(std::move(log)) {}
  const std::string& name() const override { return name_; }
  Status open() override {
    log_->opened = true;
    return Status::ok();
  }
  Status write(const Batch& batch) override {
    if (fail_at_write >= 0 && writes_ == fail_at_write) {
      return Status::io_error("disk full");
    }
    ++writes_;
    const int64_t* v = batch.column(0)->i64();
    log_->values.insert(log_->values.end(), v, v + batch.num_rows());
    records_ += batch.num_rows();
    return Status::ok();
  }
  Status close() override {
    log_->closed = true;
    return Status::ok();
  }
  uint64_t records_out() const override { return records_; }
  std::string describe() const override { return "CollectingSink"; }

  int64_t fail_at_write = -1;

 private:
  std::string name_ = "out";
  std::shared_ptr<SinkLog> log_;
  int64_t writes_ = 0;
  uint64_t records_ = 0;
};

/// Multiplies column 0 by 2.
class DoubleOp final : public ops::Operator {
 public:
  const SchemaPtr& output_schema() const override { return schema_; }
  Status push(const BatchPtr& batch, ops::Emitter& out) override {
    auto col = Column::make(DataType::bigint(), batch->num_rows());
    const int64_t* in = batch->column(0)->i64();
    int64_t* dst = col->mutable_i64();
    for (size_t i = 0; i < batch->num_rows(); ++i) {
      dst[i] = in[i] * 2;
    }
    out.emit(Batch::make(schema_, {col}, batch->num_rows(), batch->event_time()));
    return Status::ok();
  }
  std::string describe() const override { return "Double"; }

 private:
  SchemaPtr schema_ = value_schema();
};

/// Keeps rows whose column 0 is divisible by `divisor` (a filter that may emit nothing).
class KeepMultiplesOp final : public ops::Operator {
 public:
  explicit KeepMultiplesOp(int64_t divisor) : divisor_(divisor) {}
  const SchemaPtr& output_schema() const override { return schema_; }
  Status push(const BatchPtr& batch, ops::Emitter& out) override {
    std::vector<uint8_t> keep(batch->num_rows());
    size_t kept = 0;
    const int64_t* v = batch->column(0)->i64();
    for (size_t i = 0; i < batch->num_rows(); ++i) {
      keep[i] = v[i] % divisor_ == 0;
      kept += keep[i];
    }
    if (kept > 0) {
      out.emit(batch->filter(batch, keep.data(), kept));
    }
    return Status::ok();
  }
  std::string describe() const override { return "KeepMultiples"; }

 private:
  SchemaPtr schema_ = value_schema();
  int64_t divisor_;
};

/// Fails (or throws) on its n-th push.
class FailingOp final : public ops::Operator {
 public:
  FailingOp(int64_t fail_at, bool throws) : fail_at_(fail_at), throws_(throws) {}
  const SchemaPtr& output_schema() const override { return schema_; }
  Status push(const BatchPtr& batch, ops::Emitter& out) override {
    if (pushes_++ == fail_at_) {
      if (throws_) {
        throw std::runtime_error("operator exploded");
      }
      return Status::data_error("division by zero in the test operator");
    }
    out.emit(batch);
    return Status::ok();
  }
  std::string describe() const override { return "Failing"; }

 private:
  SchemaPtr schema_ = value_schema();
  int64_t fail_at_;
  bool throws_;
  int64_t pushes_ = 0;
};

/// Records the events it sees ("w<ts>" for watermarks, "b" for batches, "f" for finish), passes
/// batches on, and on finish emits one row holding the number of rows it saw (a stateful flush).
class EventLogOp final : public ops::Operator {
 public:
  explicit EventLogOp(std::shared_ptr<std::vector<std::string>> log) : log_(std::move(log)) {}
  const SchemaPtr& output_schema() const override { return schema_; }
  Status push(const BatchPtr& batch, ops::Emitter& out) override {
    log_->push_back("b");
    rows_ += static_cast<int64_t>(batch->num_rows());
    (void)out;
    return Status::ok();
  }
  Status on_watermark(int64_t watermark, ops::Emitter& out) override {
    log_->push_back(watermark == ops::kWatermarkMax ? "w+inf" : "w" + std::to_string(watermark));
    out.emit_watermark(watermark);
    return Status::ok();
  }
  Status finish(ops::Emitter& out) override {
    log_->push_back("f");
    out.emit(make_values({rows_}));
    return Status::ok();
  }
  std::string describe() const override { return "EventLog"; }

 private:
  SchemaPtr schema_ = value_schema();
  std::shared_ptr<std::vector<std::string>> log_;
  int64_t rows_ = 0;
};

}  // namespace eddy::rt::testing
