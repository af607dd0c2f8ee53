#include "operators/expr/expr_evaluator.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/operators/expr/expr_test_support.hpp"

namespace eddy::ops {
namespace {

using ::testing::ElementsAre;
using namespace ::eddy::ops::testing;  // NOLINT

const DataType kBig = DataType::bigint();
const DataType kDbl = DataType::float64();
const DataType kStr = DataType::varchar();
const DataType kBool = DataType::boolean();
const DataType kTs = DataType::timestamp();

TestBatch numbers() {
  TestBatch t;
  t.add("a", kBig, {i(10), i(-7), null(), i(INT64_MAX), i(0)})
      .add("b", kBig, {i(3), i(2), i(5), i(1), i(0)})
      .add("x", kDbl, {d(1.5), d(-2.0), d(0.0), null(), d(4.0)})
      .add("p", DataType::decimal(12, 4),
           {dec("12.5", 4), dec("-0.0001", 4), dec("3", 4), null(), dec("100", 4)});
  return t;
}

TEST(ExprEvaluatorTest, ColumnReferenceIsZeroCopy) {
  TestBatch t = numbers();
  BatchPtr batch = t.batch();
  auto ev = ExprEvaluator::make(t.col("b"));
  ASSERT_TRUE(ev.is_ok());
  auto col = ev->evaluate(*batch);
  ASSERT_TRUE(col.is_ok());
  EXPECT_EQ(col->get(), batch->column(1).get());
}

TEST(ExprEvaluatorTest, BigintArithmeticWithNullsOverflowAndDivisionByZero) {
  TestBatch t = numbers();
  BatchPtr batch = t.batch();
  EXPECT_THAT(eval(call("+", {t.col("a"), t.col("b")}), batch),
              ElementsAre("13", "-5", "NULL", "NULL", "0"));  // INT64_MAX + 1 overflows
  EXPECT_THAT(eval(call("-", {t.col("a"), t.col("b")}), batch),
              ElementsAre("7", "-9", "NULL", "9223372036854775806", "0"));
  EXPECT_THAT(eval(call("*", {t.col("a"), lit(i(2))}), batch),
              ElementsAre("20", "-14", "NULL", "NULL", "0"));
  // Integer division truncates toward zero; x / 0 is NULL.
  EXPECT_THAT(eval(call("/", {t.col("a"), t.col("b")}), batch),
              ElementsAre("3", "-3", "NULL", "9223372036854775807", "NULL"));
  EXPECT_THAT(eval(call("%", {t.col("a"), t.col("b")}), batch),
              ElementsAre("1", "-1", "NULL", "0", "NULL"));
  EXPECT_THAT(eval(call("NEGATE", {t.col("a")}), batch),
              ElementsAre("-10", "7", "NULL", "-9223372036854775807", "0"));
}

TEST(ExprEvaluatorTest, ConstantOnTheLeft) {
  TestBatch t = numbers();
  EXPECT_THAT(eval(call("-", {lit(i(100)), t.col("b")}), t.batch()),
              ElementsAre("97", "98", "95", "99", "100"));
}

TEST(ExprEvaluatorTest, DoubleArithmeticPromotesBigint) {
  TestBatch t = numbers();
  ExprPtr e = call("+", {t.col("x"), t.col("b")});
  EXPECT_EQ(e->type, kDbl);
  EXPECT_THAT(eval(e, t.batch()), ElementsAre("4.5", "0.0", "5.0", "NULL", "4.0"));
  EXPECT_THAT(eval(call("/", {t.col("x"), t.col("a")}), t.batch()),
              ElementsAre("0.15", "0.2857142857142857", "NULL", "NULL", "NULL"));
}

TEST(ExprEvaluatorTest, DecimalArithmeticIsExact) {
  TestBatch t = numbers();
  BatchPtr batch = t.batch();
  ExprPtr sum = call("+", {t.col("p"), t.col("b")});
  EXPECT_EQ(sum->type, DataType::decimal(18, 4));
  EXPECT_THAT(eval(sum, batch), ElementsAre("15.5000", "1.9999", "8.0000", "NULL", "100.0000"));
  ExprPtr prod = call("*", {t.col("p"), lit(dec("0.5", 1))});
  EXPECT_EQ(prod->type, DataType::decimal(18, 5));
  EXPECT_THAT(eval(prod, batch), ElementsAre("6.25000", "-0.00005", "1.50000", "NULL", "50.00000"));
  ExprPtr quot = call("/", {t.col("p"), t.col("b")});
  EXPECT_EQ(quot->type, DataType::decimal(18, 4));
  EXPECT_THAT(eval(quot, batch), ElementsAre("4.1667", "-0.0001", "0.6000", "NULL", "NULL"));
  EXPECT_THAT(eval(call("%", {t.col("p"), lit(i(5))}), batch),
              ElementsAre("2.5000", "-0.0001", "3.0000", "NULL", "0.0000"));
  // DECIMAL with DOUBLE is DOUBLE.
  EXPECT_EQ(call("*", {t.col("p"), t.col("x")})->type, kDbl);
}

TEST(ExprEvaluatorTest, DecimalOverflowIsNull) {
  TestBatch t;
  t.add("p", DataType::decimal(18, 0), {dec("900000000000000000", 0)});
  EXPECT_THAT(eval(call("*", {t.col("p"), lit(i(10))}), t.batch()), ElementsAre("NULL"));
}

TEST(ExprEvaluatorTest, TimestampArithmetic) {
  TestBatch t;
  t.add("t", kTs, {ts("2024-01-15T10:00:00Z"), null()})
      .add("u", kTs, {ts("2024-01-15T09:59:00Z"), ts("2024-01-01")});
  BatchPtr batch = t.batch();
  ExprPtr plus = call("+", {t.col("t"), lit(i(60000))});
  EXPECT_EQ(plus->type, kTs);
  EXPECT_THAT(eval(plus, batch), ElementsAre("2024-01-15T10:01:00.000Z", "NULL"));
  EXPECT_THAT(eval(call("-", {t.col("t"), lit(i(1000))}), batch),
              ElementsAre("2024-01-15T09:59:59.000Z", "NULL"));
  ExprPtr diff = call("-", {t.col("t"), t.col("u")});
  EXPECT_EQ(diff->type, kBig);
  EXPECT_THAT(eval(diff, batch), ElementsAre("60000", "NULL"));
  EXPECT_FALSE(bind_error("*", {t.col("t"), lit(i(2))}).is_ok());
  EXPECT_FALSE(bind_error("+", {t.col("t"), t.col("u")}).is_ok());
}

TEST(ExprEvaluatorTest, ComparisonsAcrossTypes) {
  TestBatch t = numbers();
  BatchPtr batch = t.batch();
  EXPECT_THAT(eval(call(">", {t.col("a"), lit(i(0))}), batch),
              ElementsAre("true", "false", "NULL", "true", "false"));
  // BIGINT vs DECIMAL compares exactly; DOUBLE vs BIGINT promotes.
  EXPECT_THAT(eval(call("<", {t.col("b"), t.col("p")}), batch),
              ElementsAre("true", "false", "false", "NULL", "true"));
  EXPECT_THAT(eval(call(">=", {t.col("x"), lit(i(0))}), batch),
              ElementsAre("true", "false", "true", "NULL", "true"));
  EXPECT_THAT(eval(call("<>", {t.col("a"), t.col("b")}), batch),
              ElementsAre("true", "true", "NULL", "true", "false"));
  EXPECT_THAT(eval(call("=", {lit(dec("3.0", 1)), t.col("b")}), batch),
              ElementsAre("true", "false", "false", "false", "false"));
}

TEST(ExprEvaluatorTest, StringBooleanAndTimestampComparisons) {
  TestBatch t;
  t.add("s", kStr, {s("apple"), s("Banana"), null(), s("")})
      .add("f", kBool, {b(true), b(false), b(true), null()})
      .add("t", kTs, {ts("2024-01-01"), ts("2024-06-01"), null(), ts("2023-12-31T23:59:59Z")});
  BatchPtr batch = t.batch();
  EXPECT_THAT(eval(call("<", {t.col("s"), lit(s("b"))}), batch),
              ElementsAre("true", "true", "NULL", "true"));  // byte order: 'B' < 'b'
  EXPECT_THAT(eval(call("=", {t.col("f"), lit(b(true))}), batch),
              ElementsAre("true", "false", "true", "NULL"));
  // An ISO string literal is cast to TIMESTAMP.
  ExprPtr e = call(">=", {t.col("t"), lit(s("2024-01-01T00:00:00Z"))});
  EXPECT_THAT(eval(e, batch), ElementsAre("true", "true", "NULL", "false"));
  Status err = bind_error("=", {t.col("s"), lit(i(1))});
  EXPECT_EQ(err.code(), StatusCode::kBindError);
  EXPECT_NE(err.message().find("cannot compare VARCHAR and BIGINT"), std::string::npos)
      << err.message();
}

TEST(ExprEvaluatorTest, ThreeValuedLogic) {
  TestBatch t;
  t.add("l", kBool,
        {b(true), b(true), b(true), b(false), b(false), b(false), null(), null(), null()})
      .add("r", kBool,
           {b(true), b(false), null(), b(true), b(false), null(), b(true), b(false), null()});
  BatchPtr batch = t.batch();
  EXPECT_THAT(
      eval(call("and", {t.col("l"), t.col("r")}), batch),
      ElementsAre("true", "false", "NULL", "false", "false", "false", "NULL", "false", "NULL"));
  EXPECT_THAT(eval(call("or", {t.col("l"), t.col("r")}), batch),
              ElementsAre("true", "true", "true", "true", "false", "NULL", "true", "NULL", "NULL"));
  EXPECT_THAT(
      eval(call("not", {t.col("r")}), batch),
      ElementsAre("false", "true", "NULL", "false", "true", "NULL", "false", "true", "NULL"));
  EXPECT_THAT(
      eval(call("and", {t.col("l"), lit(null())}), batch),
      ElementsAre("NULL", "NULL", "NULL", "false", "false", "false", "NULL", "NULL", "NULL"));
  EXPECT_FALSE(bind_error("and", {t.col("l"), lit(i(1))}).is_ok());
}

TEST(ExprEvaluatorTest, CaseFirstTrueWhenWinsAndMissingElseIsNull) {
  TestBatch t;
  t.add("amount", kBig, {i(1500), i(300), i(50), null()});
  BatchPtr batch = t.batch();
  auto e = make_case(
      {call(">=", {t.col("amount"), lit(i(1000))}), call(">=", {t.col("amount"), lit(i(200))})},
      {lit(s("whale")), lit(s("large"))}, lit(s("medium")), {});
  ASSERT_TRUE(e.is_ok());
  EXPECT_EQ((*e)->type, kStr);
  EXPECT_THAT(eval(*e, batch), ElementsAre("whale", "large", "medium", "medium"));
  auto no_else =
      make_case({call(">", {t.col("amount"), lit(i(100))})}, {t.col("amount")}, nullptr, {});
  ASSERT_TRUE(no_else.is_ok());
  EXPECT_THAT(eval(*no_else, batch), ElementsAre("1500", "300", "NULL", "NULL"));
  // THEN branches of BIGINT and DOUBLE give DOUBLE.
  auto mixed =
      make_case({call(">", {t.col("amount"), lit(i(100))})}, {t.col("amount")}, lit(d(0.5)), {});
  ASSERT_TRUE(mixed.is_ok());
  EXPECT_THAT(eval(*mixed, batch), ElementsAre("1500.0", "300.0", "0.5", "0.5"));
  EXPECT_EQ((*mixed)->to_string(), "CASE WHEN (amount > 100) THEN amount ELSE 0.5 END");
}

TEST(ExprEvaluatorTest, CaseRejectsBadTypes) {
  auto bad_then = make_case({lit(b(true))}, {lit(s("x"))}, lit(i(1)), SourcePos{2, 3});
  ASSERT_FALSE(bad_then.is_ok());
  EXPECT_EQ(bad_then.status().pos(), (SourcePos{2, 3}));
  auto bad_when = make_case({lit(i(1))}, {lit(s("x"))}, nullptr, SourcePos{2, 3});
  EXPECT_FALSE(bad_when.is_ok());
  EXPECT_FALSE(make_case({}, {}, nullptr, {}).is_ok());
}

TEST(ExprEvaluatorTest, CastsBetweenTypes) {
  TestBatch t;
  t.add("s", kStr, {s("42"), s(" 7 "), s("abc"), null(), s("1e3")})
      .add("x", kDbl, {d(2.5), d(-2.5), d(1e30), d(0.4), null()});
  BatchPtr batch = t.batch();
  auto cast = [](ExprPtr e, DataType to) { return *make_cast(std::move(e), to, {}); };
  EXPECT_THAT(eval(cast(t.col("s"), kBig), batch), ElementsAre("42", "7", "NULL", "NULL", "NULL"));
  EXPECT_THAT(eval(cast(t.col("s"), kDbl), batch),
              ElementsAre("42.0", "7.0", "NULL", "NULL", "1000.0"));
  EXPECT_THAT(eval(cast(t.col("s"), DataType::decimal(10, 2)), batch),
              ElementsAre("42.00", "7.00", "NULL", "NULL", "NULL"));
  // DOUBLE -> BIGINT rounds half away from zero; out of range is NULL.
  EXPECT_THAT(eval(cast(t.col("x"), kBig), batch), ElementsAre("3", "-3", "NULL", "0", "NULL"));
  EXPECT_THAT(eval(cast(t.col("x"), kStr), batch),
              ElementsAre("2.5", "-2.5", "1e+30", "0.4", "NULL"));
  EXPECT_EQ(eval1(cast(lit(dec("12.345", 3)), kStr)), "12.345");
  EXPECT_EQ(eval1(cast(lit(dec("12.345", 3)), DataType::decimal(5, 2))), "12.35");
  EXPECT_EQ(eval1(cast(lit(dec("12.345", 3)), DataType::decimal(3, 2))), "NULL");
  EXPECT_EQ(eval1(cast(lit(dec("-2.5", 1)), kBig)), "-3");
  EXPECT_EQ(eval1(cast(lit(s("2024-01-15 10:00:00")), kTs)), "2024-01-15T10:00:00.000Z");
  EXPECT_EQ(eval1(cast(lit(s("not a date")), kTs)), "NULL");
  EXPECT_EQ(eval1(cast(lit(i(86400000)), kTs)), "1970-01-02T00:00:00.000Z");
  EXPECT_EQ(eval1(cast(lit(ts("1970-01-01T00:00:01Z")), kBig)), "1000");
  EXPECT_EQ(eval1(cast(lit(b(true)), kStr)), "true");
  EXPECT_EQ(eval1(cast(lit(s("FALSE")), kBool)), "false");
  EXPECT_EQ(eval1(cast(lit(s("maybe")), kBool)), "NULL");
  EXPECT_EQ(eval1(cast(lit(i(3)), kBool)), "true");
  EXPECT_EQ(eval1(cast(lit(null()), kBig)), "NULL");
  Status err = make_cast(lit(b(true)), kTs, SourcePos{4, 2}).status();
  EXPECT_EQ(err.code(), StatusCode::kBindError);
  EXPECT_EQ(err.pos(), (SourcePos{4, 2}));
}

TEST(ExprEvaluatorTest, BetweenIsInclusive) {
  TestBatch t = numbers();
  EXPECT_THAT(eval(call("between", {t.col("b"), lit(i(1)), lit(i(3))}), t.batch()),
              ElementsAre("true", "true", "false", "true", "false"));
  EXPECT_THAT(eval(call("between", {t.col("a"), lit(d(-7.0)), lit(null())}), t.batch()),
              ElementsAre("NULL", "NULL", "NULL", "NULL", "NULL"));
}

TEST(ExprEvaluatorTest, InListWithNullSemantics) {
  TestBatch t;
  t.add("r", kStr, {s("eu"), s("us"), s("latam"), null()}).add("n", kBig, {i(1), i(2), i(3), i(4)});
  BatchPtr batch = t.batch();
  EXPECT_THAT(eval(call("in", {t.col("r"), lit(s("eu")), lit(s("us")), lit(s("apac"))}), batch),
              ElementsAre("true", "true", "false", "NULL"));
  // No match against a list with NULL is unknown.
  EXPECT_THAT(eval(call("in", {t.col("n"), lit(i(2)), lit(null())}), batch),
              ElementsAre("NULL", "true", "NULL", "NULL"));
  EXPECT_THAT(eval(call("in", {t.col("n"), lit(d(3.0)), t.col("n")}), batch),
              ElementsAre("true", "true", "true", "true"));
  EXPECT_THAT(eval(call("not", {call("in", {t.col("n"), lit(i(1)), lit(i(4))})}), batch),
              ElementsAre("false", "true", "true", "false"));
}

TEST(ExprEvaluatorTest, LikePatterns) {
  TestBatch t;
  t.add("s", kStr, {s("xylophone"), s("box"), s("x"), null(), s("a_b%c")})
      .add("p", kStr, {s("x%"), s("%o_"), s("_"), s("%"), s("a\\_b\\%c")});
  BatchPtr batch = t.batch();
  EXPECT_THAT(eval(call("like", {t.col("s"), lit(s("x%"))}), batch),
              ElementsAre("true", "false", "true", "NULL", "false"));
  EXPECT_THAT(eval(call("like", {t.col("s"), lit(s("%x"))}), batch),
              ElementsAre("false", "true", "true", "NULL", "false"));
  EXPECT_THAT(eval(call("like", {t.col("s"), lit(s("%o%"))}), batch),
              ElementsAre("true", "true", "false", "NULL", "false"));
  EXPECT_THAT(eval(call("like", {t.col("s"), lit(s("b_x"))}), batch),
              ElementsAre("false", "true", "false", "NULL", "false"));
  EXPECT_THAT(eval(call("not_like", {t.col("s"), lit(s("x%"))}), batch),
              ElementsAre("false", "true", "false", "NULL", "true"));
  // A pattern per row.
  EXPECT_THAT(eval(call("like", {t.col("s"), t.col("p")}), batch),
              ElementsAre("true", "true", "true", "NULL", "true"));
  EXPECT_FALSE(bind_error("like", {lit(i(1)), lit(s("%"))}).is_ok());
}

TEST(ExprEvaluatorTest, IsNullConcatCoalesceNullif) {
  TestBatch t;
  t.add("s", kStr, {s("a"), null(), s("c")}).add("n", kBig, {i(1), i(2), null()});
  BatchPtr batch = t.batch();
  EXPECT_THAT(eval(call("is_null", {t.col("s")}), batch), ElementsAre("false", "true", "false"));
  EXPECT_THAT(eval(call("is_not_null", {t.col("n")}), batch), ElementsAre("true", "true", "false"));
  EXPECT_THAT(eval(call("is_null", {lit(null())}), batch), ElementsAre("true", "true", "true"));
  // || casts non-strings and is NULL if either side is.
  EXPECT_THAT(eval(call("||", {t.col("s"), t.col("n")}), batch), ElementsAre("a1", "NULL", "NULL"));
  EXPECT_THAT(eval(call("||", {call("||", {t.col("s"), lit(s(":"))}), lit(i(5))}), batch),
              ElementsAre("a:5", "NULL", "c:5"));
  EXPECT_THAT(eval(call("coalesce", {t.col("s"), lit(s("-"))}), batch), ElementsAre("a", "-", "c"));
  EXPECT_THAT(eval(call("coalesce", {t.col("n"), lit(d(0.5))}), batch),
              ElementsAre("1.0", "2.0", "0.5"));
  EXPECT_THAT(eval(call("nullif", {t.col("n"), lit(i(2))}), batch),
              ElementsAre("1", "NULL", "NULL"));
}

TEST(ExprEvaluatorTest, ConstantFolding) {
  ExprPtr e = call("+", {call("*", {lit(i(2)), lit(i(3))}), lit(i(4))});
  auto ev = ExprEvaluator::make(e);
  ASSERT_TRUE(ev.is_ok());
  EXPECT_TRUE(ev->is_constant());
  TestBatch t = numbers();
  EXPECT_THAT(eval(e, t.batch()), ElementsAre("10", "10", "10", "10", "10"));
  auto partly = ExprEvaluator::make(call("+", {t.col("a"), call("*", {lit(i(2)), lit(i(3))})}));
  ASSERT_TRUE(partly.is_ok());
  EXPECT_FALSE(partly->is_constant());
  // NOW() is never folded: it is read per batch.
  ExprPtr now = call("now", {});
  auto now_ev = ExprEvaluator::make(now);
  ASSERT_TRUE(now_ev.is_ok());
  EXPECT_FALSE(now_ev->is_constant());
  EXPECT_THAT(eval(now, t.batch(), 1000),
              ElementsAre("1970-01-01T00:00:01.000Z", "1970-01-01T00:00:01.000Z",
                          "1970-01-01T00:00:01.000Z", "1970-01-01T00:00:01.000Z",
                          "1970-01-01T00:00:01.000Z"));
}

TEST(ExprEvaluatorTest, EventTimeColumn) {
  TestBatch t;
  t.add("a", kBig, {i(1), i(2)}).event_time({ts("2024-01-01"), ts("2024-01-02")});
  EXPECT_THAT(eval(call("+", {make_event_time(), lit(i(1))}), t.batch()),
              ElementsAre("2024-01-01T00:00:00.001Z", "2024-01-02T00:00:00.001Z"));
  TestBatch no_time;
  no_time.add("a", kBig, {i(1)});
  EXPECT_THAT(eval(make_event_time(), no_time.batch()), ElementsAre("NULL"));
}

TEST(ExprEvaluatorTest, MismatchedBatchIsAnErrorNotACrash) {
  TestBatch t = numbers();
  auto ev = ExprEvaluator::make(make_column(9, kBig, "ghost"));
  ASSERT_TRUE(ev.is_ok());
  auto r = ev->evaluate(*t.batch());
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
  auto wrong_type = ExprEvaluator::make(make_column(0, kStr, "a"));
  ASSERT_TRUE(wrong_type.is_ok());
  EXPECT_FALSE(wrong_type->evaluate(*t.batch()).is_ok());
  EXPECT_FALSE(ExprEvaluator::make(nullptr).is_ok());
}

TEST(ExprEvaluatorTest, ReusableAcrossBatches) {
  TestBatch t1;
  t1.add("a", kBig, {i(1), i(2)});
  TestBatch t2;
  t2.add("a", kBig, {i(5), null(), i(7)});
  auto ev = ExprEvaluator::make(call("*", {t1.col("a"), lit(i(10))}));
  ASSERT_TRUE(ev.is_ok());
  auto c1 = ev->evaluate(*t1.batch());
  auto c2 = ev->evaluate(*t2.batch());
  ASSERT_TRUE(c1.is_ok());
  ASSERT_TRUE(c2.is_ok());
  EXPECT_EQ((*c1)->value(1).to_string(), "20");
  EXPECT_EQ((*c2)->size(), 3u);
  EXPECT_TRUE((*c2)->is_null(1));
  EXPECT_EQ((*c2)->value(2).to_string(), "70");
}

}  // namespace
}  // namespace eddy::ops
