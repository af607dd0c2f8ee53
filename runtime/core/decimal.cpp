#include "runtime/core/decimal.hpp"

#include <charconv>
#include <cmath>
#include <limits>

namespace eddy {

namespace {

constexpr int64_t kPow10[] = {1LL,
                              10LL,
                              100LL,
                              1000LL,
                              10000LL,
                              100000LL,
                              1000000LL,
                              10000000LL,
                              100000000LL,
                              1000000000LL,
                              10000000000LL,
                              100000000000LL,
                              1000000000000LL,
                              10000000000000LL,
                              100000000000000LL,
                              1000000000000000LL,
                              10000000000000000LL,
                              100000000000000000LL,
                              1000000000000000000LL};

}  // namespace

int64_t pow10_i64(int exp) {
  return kPow10[exp];
}

double decimal_to_double(int64_t unscaled, int scale) {
  return static_cast<double>(unscaled) / static_cast<double>(kPow10[scale]);
}

void append_decimal(std::string& out, int64_t unscaled, int scale) {
  // Work on the magnitude as unsigned so INT64_MIN does not overflow.
  uint64_t mag =
      unscaled < 0 ? 0 - static_cast<uint64_t>(unscaled) : static_cast<uint64_t>(unscaled);
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, mag);
  (void)ec;
  int len = static_cast<int>(end - digits);
  if (unscaled < 0) {
    out.push_back('-');
  }
  if (scale == 0) {
    out.append(digits, len);
    return;
  }
  if (len <= scale) {
    out.push_back('0');
    out.push_back('.');
    out.append(static_cast<size_t>(scale - len), '0');
    out.append(digits, len);
    return;
  }
  out.append(digits, len - scale);
  out.push_back('.');
  out.append(digits + len - scale, scale);
}

std::string format_decimal(int64_t unscaled, int scale) {
  std::string out;
  append_decimal(out, unscaled, scale);
  return out;
}

namespace {

// The common case: at most 18 digits and no more fraction digits than the scale, so the value
// fits an int64 without overflow checks or rounding. Returns false to take the general path.
bool parse_decimal_short(std::string_view text, int scale, int64_t& out) {
  size_t i = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    i = 1;
  }
  uint64_t acc = 0;  // unsigned: more than 18 digits wrap harmlessly before being rejected
  int digits = 0;
  int frac = -1;  // fraction digits seen, -1 before the point
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      acc = acc * 10 + static_cast<uint64_t>(c - '0');
      ++digits;
      frac += frac >= 0 ? 1 : 0;
    } else if (c == '.' && frac < 0) {
      frac = 0;
    } else {
      return false;
    }
  }
  const int fraction = frac < 0 ? 0 : frac;
  if (digits == 0 || fraction > scale || digits + (scale - fraction) > 18) {
    return false;
  }
  for (int k = fraction; k < scale; ++k) {
    acc *= 10;
  }
  out = negative ? -static_cast<int64_t>(acc) : static_cast<int64_t>(acc);
  return true;
}

}  // namespace

std::optional<int64_t> parse_decimal(std::string_view text, int scale) {
  if (int64_t v = 0; text.size() <= 20 && parse_decimal_short(text, scale, v)) {
    return v;
  }
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    negative = text[i] == '-';
    ++i;
  }
  Int128 acc = 0;
  int frac_digits = 0;
  bool seen_digit = false;
  bool seen_point = false;
  int round_digit = -1;  // first dropped digit, for rounding
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '.') {
      if (seen_point) {
        return std::nullopt;
      }
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    seen_digit = true;
    if (seen_point && frac_digits >= scale) {
      if (round_digit < 0) {
        round_digit = c - '0';
      }
      continue;
    }
    acc = acc * 10 + (c - '0');
    if (seen_point) {
      ++frac_digits;
    }
    if (acc > static_cast<Int128>(std::numeric_limits<int64_t>::max())) {
      return std::nullopt;
    }
  }
  if (!seen_digit) {
    return std::nullopt;
  }
  for (; frac_digits < scale; ++frac_digits) {
    acc *= 10;
  }
  if (round_digit >= 5) {
    acc += 1;
  }
  if (acc > static_cast<Int128>(std::numeric_limits<int64_t>::max())) {
    return std::nullopt;
  }
  int64_t v = static_cast<int64_t>(acc);
  return negative ? -v : v;
}

std::optional<int64_t> rescale_decimal(int64_t unscaled, int from_scale, int to_scale) {
  if (to_scale == from_scale) {
    return unscaled;
  }
  if (to_scale > from_scale) {
    Int128 v = static_cast<Int128>(unscaled) * kPow10[to_scale - from_scale];
    if (v > std::numeric_limits<int64_t>::max() || v < std::numeric_limits<int64_t>::min()) {
      return std::nullopt;
    }
    return static_cast<int64_t>(v);
  }
  int64_t div = kPow10[from_scale - to_scale];
  int64_t q = unscaled / div;
  int64_t r = unscaled % div;
  if (r * 2 >= div) {
    ++q;
  } else if (r * 2 <= -div) {
    --q;
  }
  return q;
}

void append_double(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "NaN";
    return;
  }
  if (std::isinf(v)) {
    out += v > 0 ? "Infinity" : "-Infinity";
    return;
  }
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  (void)ec;
  std::string_view s(buf, static_cast<size_t>(end - buf));
  out.append(s);
  if (s.find_first_of(".e") == std::string_view::npos) {
    out += ".0";
  }
}

std::string format_double(double v) {
  std::string out;
  append_double(out, v);
  return out;
}

}  // namespace eddy
