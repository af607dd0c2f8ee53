#include "apps/eddy/replay_source.hpp"

#include <algorithm>

namespace eddy::app {

ReplaySource::ReplaySource(std::string name, SchemaPtr schema,
                           std::shared_ptr<const std::vector<BatchPtr>> batches,
                           int64_t max_out_of_orderness_ms)
    : name_(std::move(name)),
      schema_(std::move(schema)),
      batches_(std::move(batches)),
      max_out_of_orderness_ms_(std::max<int64_t>(max_out_of_orderness_ms, 0)) {}

Status ReplaySource::open() {
  if (batches_ == nullptr) {
    return Status::invalid_config("replay source '" + name_ + "' has no input");
  }
  for (const auto& b : *batches_) {
    if (b == nullptr || b->num_rows() == 0 ||
        (b->schema() != schema_ && *b->schema() != *schema_)) {
      return Status::invalid_config("replay source '" + name_ +
                                    "': every batch must be non-empty and have the schema " +
                                    schema_->to_string());
    }
  }
  next_ = 0;
  max_event_time_ = INT64_MIN;
  stats_ = ops::SourceStats{};
  return Status::ok();
}

Result<BatchPtr> ReplaySource::next() {
  if (batches_ == nullptr || next_ >= batches_->size()) {
    return BatchPtr{};
  }
  BatchPtr batch = (*batches_)[next_++];
  stats_.records_in += batch->num_rows();
  if (const ColumnPtr& times = batch->event_time(); times != nullptr) {
    // A file source scans each record's time as it parses; this is the same pass, column-wise.
    const int64_t* t = times->i64();
    int64_t max = max_event_time_;
    for (size_t i = 0; i < times->size(); ++i) {
      max = std::max(max, t[i]);
    }
    max_event_time_ = max;
  }
  return batch;
}

int64_t ReplaySource::watermark() const {
  if (max_event_time_ == INT64_MIN) {
    return INT64_MIN;
  }
  return max_event_time_ < INT64_MIN + max_out_of_orderness_ms_
             ? INT64_MIN
             : max_event_time_ - max_out_of_orderness_ms_;
}

std::string ReplaySource::describe() const {
  size_t n = batches_ == nullptr ? 0 : batches_->size();
  return "ReplaySource(" + name_ + ": " + std::to_string(n) + " batches)";
}

}  // namespace eddy::app
