// Tests of the scalar function library (math, string, date/time, conditional).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/operators/expr/expr_test_support.hpp"

namespace eddy::ops {
namespace {

using ::testing::ElementsAre;
using namespace ::eddy::ops::testing;  // NOLINT

std::string f(std::string_view name, std::vector<ExprPtr> args) {
  return eval1(call(name, std::move(args)));
}

TEST(ScalarFunctionsTest, Math) {
  EXPECT_EQ(f("abs", {lit(i(-5))}), "5");
  EXPECT_EQ(f("abs", {lit(i(INT64_MIN))}), "NULL");
  EXPECT_EQ(f("abs", {lit(dec("-1.25", 2))}), "1.25");
  EXPECT_EQ(f("round", {lit(d(2.5))}), "3.0");
  EXPECT_EQ(f("round", {lit(d(-2.5))}), "-3.0");
  EXPECT_EQ(f("round", {lit(d(3.14159)), lit(i(2))}), "3.14");
  // A constant digit count sets the DECIMAL scale of the result (PostgreSQL semantics).
  EXPECT_EQ(f("round", {lit(dec("12.345", 3)), lit(i(2))}), "12.35");
  EXPECT_EQ(f("round", {lit(dec("12.345", 3)), lit(i(5))}), "12.345");
  EXPECT_EQ(f("round", {lit(dec("-12.5", 1))}), "-13");
  EXPECT_EQ(f("round", {lit(dec("1250.5", 1)), lit(i(-2))}), "1300");
  EXPECT_EQ(f("round", {lit(i(1250)), lit(i(-2))}), "1300");
  EXPECT_EQ(f("ceil", {lit(d(1.2))}), "2.0");
  EXPECT_EQ(f("ceiling", {lit(dec("-1.5", 1))}), "-1");
  EXPECT_EQ(f("floor", {lit(dec("-1.5", 1))}), "-2");
  EXPECT_EQ(f("floor", {lit(i(7))}), "7");
  EXPECT_EQ(f("sqrt", {lit(d(9.0))}), "3.0");
  EXPECT_EQ(f("sqrt", {lit(i(-1))}), "NULL");
  EXPECT_EQ(f("power", {lit(i(2)), lit(i(10))}), "1024.0");
  EXPECT_EQ(f("pow", {lit(d(0.0)), lit(i(-1))}), "NULL");
  EXPECT_EQ(f("exp", {lit(i(0))}), "1.0");
  EXPECT_EQ(f("ln", {lit(i(1))}), "0.0");
  EXPECT_EQ(f("ln", {lit(i(0))}), "NULL");
  EXPECT_EQ(f("log10", {lit(i(1000))}), "3.0");
  EXPECT_EQ(f("sign", {lit(d(-0.5))}), "-1");
  EXPECT_EQ(f("sign", {lit(dec("0.00", 2))}), "0");
  EXPECT_EQ(f("mod", {lit(i(7)), lit(i(3))}), "1");
  EXPECT_EQ(f("mod", {lit(i(7)), lit(i(0))}), "NULL");
  EXPECT_EQ(f("least", {lit(i(3)), lit(null()), lit(i(1))}), "1");
  EXPECT_EQ(f("greatest", {lit(i(3)), lit(d(4.5)), lit(i(1))}), "4.5");
  EXPECT_EQ(f("greatest", {lit(s("pear")), lit(s("apple"))}), "pear");
  EXPECT_EQ(f("least", {lit(null()), lit(null())}), "NULL");
  EXPECT_FALSE(bind_error("abs", {lit(s("x"))}).is_ok());
}

TEST(ScalarFunctionsTest, MathOverColumns) {
  TestBatch t;
  t.add("x", DataType::float64(), {d(1.44), null(), d(-4.0)});
  EXPECT_THAT(eval(call("sqrt", {t.col("x")}), t.batch()), ElementsAre("1.2", "NULL", "NULL"));
  EXPECT_THAT(eval(call("round", {t.col("x"), lit(i(1))}), t.batch()),
              ElementsAre("1.4", "NULL", "-4.0"));
}

TEST(ScalarFunctionsTest, Strings) {
  EXPECT_EQ(f("upper", {lit(s("abc Ä"))}), "ABC Ä");
  EXPECT_EQ(f("lower", {lit(s("ABC"))}), "abc");
  EXPECT_EQ(f("trim", {lit(s("  a b  "))}), "a b");
  EXPECT_EQ(f("ltrim", {lit(s("  a "))}), "a ");
  EXPECT_EQ(f("rtrim", {lit(s("  a "))}), "  a");
  EXPECT_EQ(f("length", {lit(s("héllo"))}), "5");
  EXPECT_EQ(f("len", {lit(s(""))}), "0");
  EXPECT_EQ(f("substring", {lit(s("héllo")), lit(i(2)), lit(i(3))}), "éll");
  EXPECT_EQ(f("substring", {lit(s("hello")), lit(i(3))}), "llo");
  EXPECT_EQ(f("substring", {lit(s("hello")), lit(i(0)), lit(i(2))}), "h");
  EXPECT_EQ(f("substring", {lit(s("hello")), lit(i(9))}), "");
  EXPECT_EQ(f("substr", {lit(s("hello")), lit(i(2)), lit(i(-1))}), "");
  EXPECT_EQ(f("replace", {lit(s("a-b-c")), lit(s("-")), lit(s("+="))}), "a+=b+=c");
  EXPECT_EQ(f("replace", {lit(s("abc")), lit(s("")), lit(s("x"))}), "abc");
  EXPECT_EQ(f("left", {lit(s("hello")), lit(i(2))}), "he");
  EXPECT_EQ(f("left", {lit(s("hello")), lit(i(-2))}), "hel");
  EXPECT_EQ(f("right", {lit(s("hello")), lit(i(3))}), "llo");
  EXPECT_EQ(f("right", {lit(s("hello")), lit(i(9))}), "hello");
  EXPECT_EQ(f("position", {lit(s("ll")), lit(s("hello"))}), "3");
  EXPECT_EQ(f("position", {lit(s("z")), lit(s("hello"))}), "0");
  EXPECT_EQ(f("split_part", {lit(s("a,b,c")), lit(s(",")), lit(i(2))}), "b");
  EXPECT_EQ(f("split_part", {lit(s("a,b,c")), lit(s(",")), lit(i(-1))}), "c");
  EXPECT_EQ(f("split_part", {lit(s("a,b,c")), lit(s(",")), lit(i(4))}), "");
  EXPECT_EQ(f("lpad", {lit(s("7")), lit(i(3)), lit(s("0"))}), "007");
  EXPECT_EQ(f("rpad", {lit(s("ab")), lit(i(5)), lit(s("xy"))}), "abxyx");
  EXPECT_EQ(f("lpad", {lit(s("hello")), lit(i(2))}), "he");
  EXPECT_EQ(f("reverse", {lit(s("abé"))}), "éba");
  EXPECT_EQ(f("concat", {lit(s("a")), lit(null()), lit(i(1)), lit(d(2.5))}), "a12.5");
  EXPECT_EQ(f("starts_with", {lit(s("hello")), lit(s("he"))}), "true");
  EXPECT_EQ(f("ends_with", {lit(s("hello")), lit(s("he"))}), "false");
  EXPECT_EQ(f("regexp", {lit(s("order-123")), lit(s("[0-9]+$"))}), "true");
  EXPECT_EQ(f("regexp_replace", {lit(s("a1b22")), lit(s("[0-9]+")), lit(s("#"))}), "a#b#");
  EXPECT_EQ(f("upper", {lit(null())}), "NULL");
}

TEST(ScalarFunctionsTest, StringsOverColumnsWithNulls) {
  TestBatch t;
  t.add("s", DataType::varchar(), {s("Ab"), null(), s("cD")})
      .add("n", DataType::bigint(), {i(1), i(1), null()});
  BatchPtr batch = t.batch();
  EXPECT_THAT(eval(call("upper", {t.col("s")}), batch), ElementsAre("AB", "NULL", "CD"));
  EXPECT_THAT(eval(call("left", {t.col("s"), t.col("n")}), batch),
              ElementsAre("A", "NULL", "NULL"));
  EXPECT_THAT(eval(call("concat", {t.col("s"), t.col("n")}), batch), ElementsAre("Ab1", "1", "cD"));
  EXPECT_THAT(eval(call("length", {t.col("s")}), batch), ElementsAre("2", "NULL", "2"));
}

TEST(ScalarFunctionsTest, DateTime) {
  ExprPtr t = lit(ts("2024-03-15T13:45:30.250Z"));  // a Friday
  EXPECT_EQ(f("extract", {lit(s("YEAR")), t}), "2024");
  EXPECT_EQ(f("extract", {lit(s("month")), t}), "3");
  EXPECT_EQ(f("extract", {lit(s("DAY")), t}), "15");
  EXPECT_EQ(f("extract", {lit(s("HOUR")), t}), "13");
  EXPECT_EQ(f("extract", {lit(s("MINUTE")), t}), "45");
  EXPECT_EQ(f("extract", {lit(s("SECOND")), t}), "30");
  EXPECT_EQ(f("extract", {lit(s("MILLISECOND")), t}), "250");
  EXPECT_EQ(f("extract", {lit(s("DOW")), t}), "5");
  EXPECT_EQ(f("extract", {lit(s("DOY")), t}), "75");
  EXPECT_EQ(f("extract", {lit(s("WEEK")), t}), "11");
  EXPECT_EQ(f("extract", {lit(s("QUARTER")), t}), "1");
  EXPECT_EQ(f("extract", {lit(s("EPOCH")), t}), "1710510330");
  EXPECT_EQ(f("extract", {lit(s("WEEK")), lit(ts("2021-01-03"))}), "53");
  EXPECT_EQ(f("year", {lit(s("1999-12-31"))}), "1999");
  EXPECT_EQ(f("date_trunc", {lit(s("hour")), t}), "2024-03-15T13:00:00.000Z");
  EXPECT_EQ(f("date_trunc", {lit(s("MONTH")), t}), "2024-03-01T00:00:00.000Z");
  EXPECT_EQ(f("date_trunc", {lit(s("WEEK")), t}), "2024-03-11T00:00:00.000Z");
  EXPECT_EQ(f("date_trunc", {lit(s("QUARTER")), t}), "2024-01-01T00:00:00.000Z");
  EXPECT_EQ(f("from_unixtime", {lit(i(86400))}), "1970-01-02T00:00:00.000Z");
  EXPECT_EQ(f("from_unixtime", {lit(d(1.5))}), "1970-01-01T00:00:01.500Z");
  EXPECT_EQ(f("unix_timestamp", {t}), "1710510330");
  EXPECT_EQ(f("unix_timestamp", {lit(ts("1969-12-31T23:59:59.500Z"))}), "-1");
  EXPECT_EQ(f("date_format", {t, lit(s("%Y/%m/%d %H:%M:%S.%f %%"))}), "2024/03/15 13:45:30.250 %");
  EXPECT_EQ(f("datediff",
              {lit(s("DAY")), lit(ts("2024-01-01T23:00:00Z")), lit(ts("2024-01-03T01:00:00Z"))}),
            "2");
  EXPECT_EQ(f("datediff", {lit(s("MONTH")), lit(ts("2024-01-31")), lit(ts("2023-11-01"))}), "-2");
  EXPECT_EQ(f("datediff", {lit(s("MILLISECOND")), lit(i(0)), lit(i(1500))}), "1500");
  EXPECT_EQ(f("tumble_start", {lit(ts("2024-01-01T00:01:30Z")), lit(i(60000))}),
            "2024-01-01T00:01:00.000Z");
  EXPECT_EQ(f("tumble_end", {lit(ts("2024-01-01T00:01:30Z")), lit(i(60000))}),
            "2024-01-01T00:02:00.000Z");
  EXPECT_EQ(f("tumble_start", {lit(ts("2024-01-01")), lit(i(0))}), "NULL");
  EXPECT_FALSE(bind_error("date_trunc", {lit(s("DOW")), t}).is_ok());
  EXPECT_FALSE(bind_error("extract", {lit(s("YEAR")), lit(b(true))}).is_ok());
}

TEST(ScalarFunctionsTest, JsonExtraction) {
  ExprPtr doc = lit(s(R"({"a": {"b": [10, {"c": "x"}]}, "n": null, "f": 1.5, "t": true})"));
  EXPECT_EQ(f("json_value", {doc, lit(s("$.a.b[0]"))}), "10");
  EXPECT_EQ(f("json_value", {doc, lit(s("$.a.b[1].c"))}), "x");
  EXPECT_EQ(f("json_value", {doc, lit(s("$.f"))}), "1.5");
  EXPECT_EQ(f("json_value", {doc, lit(s("$.t"))}), "true");
  EXPECT_EQ(f("json_value", {doc, lit(s("$.n"))}), "NULL");
  EXPECT_EQ(f("json_value", {doc, lit(s("$.missing"))}), "NULL");
  EXPECT_EQ(f("json_value", {doc, lit(s("$.a"))}), "NULL");
  EXPECT_EQ(f("json_extract", {doc, lit(s("$.a.b[1]"))}), R"({"c":"x"})");
  EXPECT_EQ(f("json_extract", {lit(s("not json")), lit(s("$.a"))}), "NULL");
  EXPECT_EQ(f("json_exists", {doc, lit(s("$.a.b"))}), "true");
  EXPECT_EQ(f("json_exists", {doc, lit(s("$.zz"))}), "false");
  EXPECT_FALSE(bind_error("json_value", {doc, lit(s("a.b"))}).is_ok());
}

}  // namespace
}  // namespace eddy::ops
