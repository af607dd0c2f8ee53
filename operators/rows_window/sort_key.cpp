#include "operators/rows_window/sort_key.hpp"

#include <cstdint>
#include <cstring>

namespace eddy::ops {
namespace {

void append_u64_big_endian(uint64_t v, std::string& out) {
  char bytes[8];
  for (int i = 7; i >= 0; --i) {
    bytes[i] = static_cast<char>(v & 0xFF);
    v >>= 8;
  }
  out.append(bytes, 8);
}

}  // namespace

void append_sort_key(const Column& column, size_t row, bool descending, std::string& out) {
  size_t start = out.size();
  if (column.is_null(row)) {
    out.push_back('\x01');
  } else {
    out.push_back('\x00');
    switch (column.type().id) {
      case TypeId::kBigint:
      case TypeId::kDecimal:
      case TypeId::kTimestamp:
        append_u64_big_endian(static_cast<uint64_t>(column.i64()[row]) ^ (uint64_t{1} << 63), out);
        break;
      case TypeId::kDouble: {
        double v = column.f64()[row];
        if (v == 0.0) {
          v = 0.0;  // folds -0.0 into 0.0
        }
        uint64_t bits = 0;
        std::memcpy(&bits, &v, sizeof(bits));
        // Negative doubles order reversed by their bits; flipping makes all of them
        // unsigned-ordered.
        bits = (bits >> 63) != 0 ? ~bits : bits ^ (uint64_t{1} << 63);
        append_u64_big_endian(bits, out);
        break;
      }
      case TypeId::kBoolean:
        out.push_back(static_cast<char>(column.u8()[row] != 0 ? 1 : 0));
        break;
      case TypeId::kVarchar: {
        // 0x00 is escaped as 0x00 0xFF and the string ends with 0x00 0x00, so a prefix sorts first.
        for (char c : column.str(row)) {
          out.push_back(c);
          if (c == '\0') {
            out.push_back('\xFF');
          }
        }
        out.push_back('\x00');
        out.push_back('\x00');
        break;
      }
      case TypeId::kNull:
        break;
    }
  }
  if (descending) {
    for (size_t i = start; i < out.size(); ++i) {
      out[i] = static_cast<char>(~static_cast<unsigned char>(out[i]));
    }
  }
}

}  // namespace eddy::ops
