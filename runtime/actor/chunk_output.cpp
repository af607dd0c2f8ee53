#include "runtime/actor/chunk_output.hpp"

#include "operators/connectors/chunk_parser.hpp"

namespace eddy::rt {

void add_chunk_stats(ops::SourceStats& total, const ops::SourceStats& chunk) {
  total.records_in += chunk.records_in;
  total.parse_errors += chunk.parse_errors;
  for (size_t i = 0;
       i < chunk.first_errors.size() && total.first_errors.size() < ops::kMaxErrorReports; ++i) {
    total.first_errors.push_back(chunk.first_errors[i]);
  }
}

}  // namespace eddy::rt
