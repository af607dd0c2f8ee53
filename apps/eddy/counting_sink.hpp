#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "operators/source.hpp"

namespace eddy::app {

/// A Sink for benchmarks: counts rows and reads every value of every output column once
/// (folding them into a checksum, so the work cannot be optimised away), but formats and writes
/// nothing. Optionally hands the batches to the caller, for tests that check the results.
class CountingSink final : public ops::Sink {
 public:
  /// When `kept` is not null, every written batch is appended to it (tests only: it holds the
  /// whole output). The runtime owns and destroys the sink, so the caller owns the vector and
  /// reads it once the run has ended.
  explicit CountingSink(std::string name, std::vector<BatchPtr>* kept = nullptr);

  [[nodiscard]] const std::string& name() const override { return name_; }
  [[nodiscard]] Status open() override;
  [[nodiscard]] Status write(const Batch& batch) override;
  [[nodiscard]] Status close() override { return Status::ok(); }
  [[nodiscard]] uint64_t records_out() const override { return records_out_; }
  /// Renders "CountingSink(name)".
  [[nodiscard]] std::string describe() const override;

  /// A sum over every value written (numbers as their bits, strings as their lengths).
  [[nodiscard]] uint64_t checksum() const { return checksum_; }

 private:
  std::string name_;
  std::vector<BatchPtr>* kept_;
  uint64_t records_out_ = 0;
  uint64_t checksum_ = 0;
};

}  // namespace eddy::app
