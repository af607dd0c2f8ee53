#include "runtime/actor/operator_chain.hpp"

namespace eddy::rt {

OperatorChain::OperatorChain(std::vector<std::unique_ptr<ops::Operator>> ops)
    : ops_(std::move(ops)) {
  links_.reserve(ops_.size());
  for (size_t k = 0; k < ops_.size(); ++k) {
    links_.emplace_back(this, k + 1);
  }
}

void OperatorChain::Link::emit(BatchPtr batch) {
  if (!chain_->nested_error_.is_ok() || batch == nullptr || batch->num_rows() == 0) {
    return;
  }
  if (next_ == chain_->ops_.size()) {
    chain_->out_->emit(std::move(batch));
    return;
  }
  Status st = chain_->ops_[next_]->push(batch, chain_->links_[next_]);
  if (!st.is_ok()) {
    chain_->nested_error_ = std::move(st);
  }
}

void OperatorChain::Link::emit_watermark(int64_t watermark) {
  if (!chain_->nested_error_.is_ok()) {
    return;
  }
  if (next_ == chain_->ops_.size()) {
    chain_->out_->emit_watermark(watermark);
    return;
  }
  Status st = chain_->ops_[next_]->on_watermark(watermark, chain_->links_[next_]);
  if (!st.is_ok()) {
    chain_->nested_error_ = std::move(st);
  }
}

Status OperatorChain::settle(Status status) {
  if (!status.is_ok()) {
    return status;
  }
  Status nested = std::move(nested_error_);
  nested_error_ = Status::ok();
  return nested;
}

Status OperatorChain::push(const BatchPtr& batch, ops::Emitter& out) {
  out_ = &out;
  if (ops_.empty()) {
    out.emit(batch);
    return Status::ok();
  }
  return settle(ops_[0]->push(batch, links_[0]));
}

Status OperatorChain::push_rows(const BatchPtr& batch, const uint32_t* rows, size_t n,
                                ops::Emitter& out) {
  out_ = &out;
  if (ops_.empty()) {
    out.emit(batch->take(rows, n));
    return Status::ok();
  }
  return settle(ops_[0]->push_rows(batch, rows, n, links_[0]));
}

Status OperatorChain::on_watermark(int64_t watermark, ops::Emitter& out) {
  out_ = &out;
  if (ops_.empty()) {
    out.emit_watermark(watermark);
    return Status::ok();
  }
  return settle(ops_[0]->on_watermark(watermark, links_[0]));
}

Status OperatorChain::finish(ops::Emitter& out) {
  out_ = &out;
  for (size_t k = 0; k < ops_.size(); ++k) {
    EDDY_RETURN_NOT_OK(settle(ops_[k]->finish(links_[k])));
  }
  return Status::ok();
}

}  // namespace eddy::rt
