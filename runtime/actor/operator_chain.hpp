#pragma once

#include <memory>
#include <vector>

#include "operators/operator.hpp"

namespace eddy::rt {

/// Runs a partition's operators as one pipeline: what operator k emits is pushed into operator
/// k+1 at once, and what the last one emits goes to the caller's emitter. An empty chain passes
/// batches and watermarks straight through. Single-threaded, like the operators it owns.
class OperatorChain {
 public:
  explicit OperatorChain(std::vector<std::unique_ptr<ops::Operator>> ops);
  OperatorChain(const OperatorChain&) = delete;
  OperatorChain& operator=(const OperatorChain&) = delete;

  /// Pushes `batch` through the whole chain.
  [[nodiscard]] Status push(const BatchPtr& batch, ops::Emitter& out);
  /// Pushes rows[0..n) of `batch` through the whole chain (see ops::Operator::push_rows).
  [[nodiscard]] Status push_rows(const BatchPtr& batch, const uint32_t* rows, size_t n,
                                 ops::Emitter& out);
  /// Advances event time: operator 1 reacts first, what it emits (batches, then its forwarded
  /// watermark) flows down the chain.
  [[nodiscard]] Status on_watermark(int64_t watermark, ops::Emitter& out);
  /// Finishes operator 1, pushing what it emits through operators 2..n, then finishes operator
  /// 2, and so on.
  [[nodiscard]] Status finish(ops::Emitter& out);
  [[nodiscard]] size_t size() const { return ops_.size(); }
  /// Rows the chain's operators dropped as late, in total.
  [[nodiscard]] uint64_t late_dropped() const {
    uint64_t n = 0;
    for (const auto& op : ops_) {
      n += op->stats().late_dropped;
    }
    return n;
  }

 private:
  /// The emitter handed to operator k: feeds operator k+1, or the caller after the last one.
  class Link final : public ops::Emitter {
   public:
    Link(OperatorChain* chain, size_t next) : chain_(chain), next_(next) {}
    void emit(BatchPtr batch) override;
    void emit_watermark(int64_t watermark) override;

   private:
    OperatorChain* chain_;
    size_t next_;
  };

  Status settle(Status status);

  std::vector<std::unique_ptr<ops::Operator>> ops_;
  std::vector<Link> links_;
  ops::Emitter* out_ = nullptr;
  // The first error raised inside a nested push (Emitter::emit cannot return one).
  Status nested_error_;
};

}  // namespace eddy::rt
