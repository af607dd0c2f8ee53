#include "operators/aggregate/accumulator.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>

#include "tests/operators/aggregate/aggregate_test_support.hpp"

namespace eddy::ops {
namespace {

using namespace ::eddy::ops::testing;  // NOLINT
using ::testing::ElementsAre;

// Drives one accumulator: `values` of `type` go to groups `groups`, then every group is rendered.
struct Harness {
  Harness(std::string_view name, DataType type, std::vector<ExprPtr> extra = {}) : type(type) {
    std::vector<ExprPtr> args{make_column(0, type, "x")};
    args.insert(args.end(), extra.begin(), extra.end());
    spec = agg(name, std::move(args));
    auto acc = make_accumulator(spec);
    EXPECT_TRUE(acc.is_ok()) << acc.status().to_string();
    if (acc.is_ok()) {
      accumulator = std::move(acc).value();
    }
  }
  Status update(const std::vector<Value>& values, const std::vector<uint32_t>& groups) {
    // The argument goes through its expression: STRING_AGG casts non-VARCHAR input.
    TestBatch t;
    t.add("x", type, values);
    auto ev = ExprEvaluator::make(spec.arg);
    EXPECT_TRUE(ev.is_ok());
    auto evaluated = ev->evaluate(*t.batch());
    EXPECT_TRUE(evaluated.is_ok());
    ColumnPtr col = *evaluated;
    uint32_t max_group = 0;
    for (uint32_t g : groups) {
      max_group = std::max(max_group, g + 1);
    }
    num_groups = std::max<size_t>(num_groups, max_group);
    accumulator->resize(num_groups);
    return accumulator->update(groups.data(), nullptr, groups.size(), col.get());
  }
  std::vector<std::string> results() {
    ColumnBuilder out(spec.result_type);
    std::vector<uint32_t> ids;
    for (uint32_t g = 0; g < num_groups; ++g) {
      ids.push_back(g);
    }
    Status st = accumulator->finalize(ids.data(), ids.size(), out);
    if (!st.is_ok()) {
      return {st.to_string()};
    }
    ColumnPtr col = out.finish();
    EXPECT_EQ(col->type(), spec.result_type);
    std::vector<std::string> text;
    for (size_t r = 0; r < col->size(); ++r) {
      text.push_back(col->value(r).to_string());
    }
    return text;
  }

  DataType type;
  AggregateSpec spec;
  std::unique_ptr<Accumulator> accumulator;
  size_t num_groups = 0;
};

TEST(AccumulatorTest, CountStarCountsNullsCountSkipsThem) {
  Harness count("count", DataType::bigint());
  ASSERT_TRUE(count.update({i(1), null(), i(3), null()}, {0, 0, 1, 1}).is_ok());
  EXPECT_THAT(count.results(), ElementsAre("1", "1"));

  AggregateSpec star = agg("count", {});
  auto acc = make_accumulator(star);
  ASSERT_TRUE(acc.is_ok());
  std::vector<uint32_t> groups{0, 0, 1, 0};
  (*acc)->resize(3);
  ASSERT_TRUE((*acc)->update(groups.data(), nullptr, groups.size(), nullptr).is_ok());
  ColumnBuilder out(DataType::bigint());
  std::vector<uint32_t> ids{0, 1, 2};
  ASSERT_TRUE((*acc)->finalize(ids.data(), 3, out).is_ok());
  ColumnPtr col = out.finish();
  EXPECT_EQ(col->value(0).int64(), 3);
  EXPECT_EQ(col->value(1).int64(), 1);
  EXPECT_EQ(col->value(2).int64(), 0);
}

TEST(AccumulatorTest, SumBigintIgnoresNullsAndAllNullIsNull) {
  Harness sum("sum", DataType::bigint());
  ASSERT_TRUE(sum.update({i(5), null(), i(-2), null()}, {0, 1, 0, 1}).is_ok());
  ASSERT_TRUE(sum.update({i(10)}, {0}).is_ok());
  EXPECT_THAT(sum.results(), ElementsAre("13", "NULL"));
}

TEST(AccumulatorTest, SumBigintOverflowIsADataError) {
  Harness sum("sum", DataType::bigint());
  ASSERT_TRUE(sum.update({i(std::numeric_limits<int64_t>::max())}, {0}).is_ok());
  Status st = sum.update({i(1)}, {0});
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_NE(st.message().find("overflow"), std::string::npos);
}

TEST(AccumulatorTest, SumDecimalIsExactAndWidened) {
  Harness sum("sum", DataType::decimal(10, 2));
  EXPECT_EQ(sum.spec.result_type, DataType::decimal(18, 2));
  std::vector<Value> tenths(10, dec("0.10", 2));
  ASSERT_TRUE(sum.update(tenths, std::vector<uint32_t>(10, 0)).is_ok());
  ASSERT_TRUE(sum.update({dec("99999999.99", 2), dec("99999999.99", 2)}, {1, 1}).is_ok());
  EXPECT_THAT(sum.results(), ElementsAre("1.00", "199999999.98"));
}

TEST(AccumulatorTest, SumDecimalBeyondEighteenDigitsFailsAtOutput) {
  Harness sum("sum", DataType::decimal(18, 0));
  Value big = Value::decimal(900'000'000'000'000'000, 18, 0);
  ASSERT_TRUE(sum.update({big, big}, {0, 0}).is_ok());
  std::vector<std::string> out = sum.results();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_NE(out[0].find("exceeds 18 digits"), std::string::npos) << out[0];
  // The 128-bit sum comes back in range when negative values arrive.
  ASSERT_TRUE(sum.update({Value::decimal(-900'000'000'000'000'000, 18, 0)}, {0}).is_ok());
  EXPECT_THAT(sum.results(), ElementsAre("900000000000000000"));
}

TEST(AccumulatorTest, SumDouble) {
  Harness sum("sum", DataType::float64());
  ASSERT_TRUE(sum.update({d(0.5), d(1.25), null()}, {0, 0, 1}).is_ok());
  EXPECT_THAT(sum.results(), ElementsAre("1.75", "NULL"));
}

TEST(AccumulatorTest, AvgTypes) {
  Harness avg_int("avg", DataType::bigint());
  EXPECT_EQ(avg_int.spec.result_type, DataType::float64());
  ASSERT_TRUE(avg_int.update({i(1), i(2), null(), null()}, {0, 0, 0, 1}).is_ok());
  EXPECT_THAT(avg_int.results(), ElementsAre("1.5", "NULL"));

  Harness avg_dec("avg", DataType::decimal(10, 2));
  EXPECT_EQ(avg_dec.spec.result_type, DataType::decimal(18, 4));
  ASSERT_TRUE(avg_dec
                  .update({dec("1.00", 2), dec("2.00", 2), dec("2.00", 2), dec("-1.00", 2),
                           dec("-2.00", 2), dec("-2.00", 2)},
                          {0, 0, 0, 1, 1, 1})
                  .is_ok());
  // 5/3 and -5/3 round half away from zero at scale 4.
  EXPECT_THAT(avg_dec.results(), ElementsAre("1.6667", "-1.6667"));

  Harness avg_double("avg", DataType::float64());
  ASSERT_TRUE(avg_double.update({d(1.0), d(4.0)}, {0, 0}).is_ok());
  EXPECT_THAT(avg_double.results(), ElementsAre("2.5"));
}

TEST(AccumulatorTest, MinMaxKeepTheInputType) {
  Harness min_int("min", DataType::bigint());
  ASSERT_TRUE(min_int.update({i(5), i(-3), null(), i(7)}, {0, 0, 0, 1}).is_ok());
  EXPECT_THAT(min_int.results(), ElementsAre("-3", "7"));

  Harness max_str("max", DataType::varchar());
  ASSERT_TRUE(max_str.update({s("apple"), s("Zebra"), s("banana"), null()}, {0, 0, 0, 1}).is_ok());
  EXPECT_THAT(max_str.results(), ElementsAre("banana", "NULL"));
  Harness min_str("min", DataType::varchar());
  ASSERT_TRUE(min_str.update({s("apple"), s("Zebra"), s("banana")}, {0, 0, 0}).is_ok());
  EXPECT_THAT(min_str.results(), ElementsAre("Zebra"));  // byte order: 'Z' < 'a'

  Harness max_ts("max", DataType::timestamp());
  EXPECT_EQ(max_ts.spec.result_type, DataType::timestamp());
  ASSERT_TRUE(
      max_ts.update({ts("2024-01-02"), ts("2024-03-01"), ts("2024-02-01")}, {0, 0, 0}).is_ok());
  EXPECT_THAT(max_ts.results(), ElementsAre("2024-03-01T00:00:00.000Z"));

  Harness min_bool("min", DataType::boolean());
  ASSERT_TRUE(min_bool.update({b(true), b(false), b(true)}, {0, 0, 1}).is_ok());
  EXPECT_THAT(min_bool.results(), ElementsAre("false", "true"));

  Harness max_double("max", DataType::float64());
  ASSERT_TRUE(max_double.update({d(-1.5), d(-0.5)}, {0, 0}).is_ok());
  EXPECT_THAT(max_double.results(), ElementsAre("-0.5"));

  Harness min_dec("min", DataType::decimal(10, 2));
  EXPECT_EQ(min_dec.spec.result_type, DataType::decimal(10, 2));
  ASSERT_TRUE(min_dec.update({dec("3.10", 2), dec("-0.05", 2)}, {0, 0}).is_ok());
  EXPECT_THAT(min_dec.results(), ElementsAre("-0.05"));
}

TEST(AccumulatorTest, FirstAndLastValueByArrivalSkippingNulls) {
  Harness first("first_value", DataType::varchar());
  ASSERT_TRUE(first.update({null(), s("a"), s("b")}, {0, 0, 0}).is_ok());
  ASSERT_TRUE(first.update({s("c")}, {0}).is_ok());
  EXPECT_THAT(first.results(), ElementsAre("a"));
  Harness last("last", DataType::bigint());
  ASSERT_TRUE(last.update({i(1), i(2), null()}, {0, 0, 0}).is_ok());
  ASSERT_TRUE(last.update({i(3), null()}, {0, 1}).is_ok());
  EXPECT_THAT(last.results(), ElementsAre("3", "NULL"));
}

TEST(AccumulatorTest, VarianceAndStddev) {
  std::vector<Value> v{i(2), i(4), i(4), i(4), i(5), i(5), i(7), i(9)};
  std::vector<uint32_t> g(8, 0);
  Harness pop("stddev_pop", DataType::bigint());
  ASSERT_TRUE(pop.update(v, g).is_ok());
  EXPECT_THAT(pop.results(), ElementsAre("2.0"));
  Harness var_pop("var_pop", DataType::bigint());
  ASSERT_TRUE(var_pop.update(v, g).is_ok());
  EXPECT_THAT(var_pop.results(), ElementsAre("4.0"));
  Harness var_samp("variance", DataType::bigint());
  ASSERT_TRUE(var_samp.update(v, g).is_ok());
  auto samp = var_samp.results();
  ASSERT_EQ(samp.size(), 1u);
  EXPECT_NEAR(std::stod(samp[0]), 32.0 / 7.0, 1e-12);
  // A sample statistic of one value is NULL; the population one is 0.
  Harness one("stddev", DataType::float64());
  ASSERT_TRUE(one.update({d(3.0), null()}, {0, 1}).is_ok());
  EXPECT_THAT(one.results(), ElementsAre("NULL", "NULL"));
  Harness one_pop("stddev_pop", DataType::decimal(10, 2));
  ASSERT_TRUE(one_pop.update({dec("3.00", 2)}, {0}).is_ok());
  EXPECT_THAT(one_pop.results(), ElementsAre("0.0"));
}

TEST(AccumulatorTest, MedianAndPercentilesAreIncremental) {
  Harness median("median", DataType::bigint());
  ASSERT_TRUE(median.update({i(5), i(1), i(3)}, {0, 0, 0}).is_ok());
  EXPECT_THAT(median.results(), ElementsAre("3.0"));
  // New values after an emission are merged into the sorted prefix.
  ASSERT_TRUE(median.update({i(10), null(), i(0), i(20)}, {0, 0, 0, 0}).is_ok());
  EXPECT_THAT(median.results(), ElementsAre("4.0"));  // 0 1 3 5 10 20
}

TEST(AccumulatorTest, PercentileContInterpolatesAndDiscPicksAValue) {
  std::vector<Value> v;
  for (int k = 1; k <= 10; ++k) {
    v.push_back(i(k * 10));
  }
  std::vector<uint32_t> g(10, 0);
  Harness cont("percentile_cont", DataType::bigint(), {lit(d(0.95))});
  ASSERT_TRUE(cont.update(v, g).is_ok());
  auto cont_out = cont.results();
  ASSERT_EQ(cont_out.size(), 1u);
  EXPECT_NEAR(std::stod(cont_out[0]), 95.5, 1e-9);
  Harness disc("percentile_disc", DataType::bigint(), {lit(d(0.95))});
  EXPECT_EQ(disc.spec.result_type, DataType::bigint());
  ASSERT_TRUE(disc.update(v, g).is_ok());
  EXPECT_THAT(disc.results(), ElementsAre("100"));
  Harness disc_low("percentile_disc", DataType::float64(), {lit(d(0.0))});
  ASSERT_TRUE(disc_low.update({d(2.5), d(-1.0), null()}, {0, 0, 1}).is_ok());
  EXPECT_THAT(disc_low.results(), ElementsAre("-1.0", "NULL"));
  Harness cont_dec("percentile_cont", DataType::decimal(10, 2), {lit(d(0.5))});
  ASSERT_TRUE(cont_dec.update({dec("1.00", 2), dec("2.00", 2)}, {0, 0}).is_ok());
  EXPECT_THAT(cont_dec.results(), ElementsAre("1.5"));
}

TEST(AccumulatorTest, CountDistinctIsExact) {
  Harness ints("count_distinct", DataType::bigint());
  ASSERT_TRUE(ints.update({i(1), i(1), i(2), null(), i(1)}, {0, 0, 0, 0, 1}).is_ok());
  EXPECT_THAT(ints.results(), ElementsAre("2", "1"));
  Harness strs("count_distinct", DataType::varchar());
  ASSERT_TRUE(strs.update({s("a"), s("b"), s("a"), s("")}, {0, 0, 0, 0}).is_ok());
  EXPECT_THAT(strs.results(), ElementsAre("3"));
  Harness doubles("count_distinct", DataType::float64());
  ASSERT_TRUE(doubles.update({d(0.0), d(-0.0), d(1.5)}, {0, 0, 0}).is_ok());
  EXPECT_THAT(doubles.results(), ElementsAre("2"));
  Harness bools("count_distinct", DataType::boolean());
  ASSERT_TRUE(bools.update({b(true), b(true), b(false)}, {0, 0, 0}).is_ok());
  EXPECT_THAT(bools.results(), ElementsAre("2"));
}

TEST(AccumulatorTest, StringAggJoinsInArrivalOrder) {
  Harness join("string_agg", DataType::varchar(), {lit(s("; "))});
  ASSERT_TRUE(join.update({s("b"), null(), s("a")}, {0, 0, 0}).is_ok());
  ASSERT_TRUE(join.update({s("c"), null()}, {0, 1}).is_ok());
  EXPECT_THAT(join.results(), ElementsAre("b; a; c", "NULL"));
  // A non-VARCHAR argument is cast; the default separator is a comma.
  Harness numbers("group_concat", DataType::bigint());
  ASSERT_TRUE(numbers.update({i(1), i(2)}, {0, 0}).is_ok());
  EXPECT_THAT(numbers.results(), ElementsAre("1,2"));
}

TEST(AccumulatorTest, DeltaIsMaxMinusMin) {
  Harness delta("delta", DataType::bigint());
  ASSERT_TRUE(delta.update({i(5), i(-3), i(2), null()}, {0, 0, 0, 1}).is_ok());
  EXPECT_THAT(delta.results(), ElementsAre("8", "NULL"));
  Harness overflow("delta", DataType::bigint());
  ASSERT_TRUE(
      overflow
          .update({i(std::numeric_limits<int64_t>::max()), i(std::numeric_limits<int64_t>::min())},
                  {0, 0})
          .is_ok());
  auto out = overflow.results();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_NE(out[0].find("overflow"), std::string::npos);
  Harness dec_delta("delta", DataType::decimal(10, 2));
  ASSERT_TRUE(dec_delta.update({dec("1.50", 2), dec("0.25", 2)}, {0, 0}).is_ok());
  EXPECT_THAT(dec_delta.results(), ElementsAre("1.25"));
}

TEST(AccumulatorTest, SelectionVectorPicksRows) {
  Harness sum("sum", DataType::bigint());
  ColumnPtr col = column(DataType::bigint(), {i(1), i(10), i(100), i(1000)});
  std::vector<uint32_t> rows{1, 3};
  std::vector<uint32_t> groups{0, 1};
  sum.num_groups = 2;
  sum.accumulator->resize(2);
  ASSERT_TRUE(sum.accumulator->update(groups.data(), rows.data(), 2, col.get()).is_ok());
  EXPECT_THAT(sum.results(), ElementsAre("10", "1000"));
}

TEST(AccumulatorTest, MergeFoldsSourceIntoDestinationAndEmptiesIt) {
  struct Case {
    const char* name;
    DataType type;
    std::vector<Value> values;
    const char* merged;
  };
  // Group 0 gets values[0..2), group 1 values[2..4); then 1 is merged into 0.
  std::vector<Case> cases{
      {"sum", DataType::bigint(), {i(1), i(2), i(3), i(4)}, "10"},
      {"avg", DataType::float64(), {d(1), d(2), d(3), d(6)}, "3.0"},
      {"min", DataType::varchar(), {s("m"), s("n"), s("b"), s("z")}, "b"},
      {"max", DataType::bigint(), {i(1), i(2), i(9), i(4)}, "9"},
      {"first_value", DataType::bigint(), {i(1), i(2), i(3), i(4)}, "1"},
      {"last_value", DataType::bigint(), {i(1), i(2), i(3), i(4)}, "4"},
      {"count_distinct", DataType::bigint(), {i(1), i(2), i(2), i(3)}, "3"},
      {"string_agg", DataType::varchar(), {s("a"), s("b"), s("c"), s("d")}, "a,b,c,d"},
      {"median", DataType::bigint(), {i(1), i(2), i(3), i(100)}, "2.5"},
      {"var_pop", DataType::float64(), {d(2), d(4), d(4), d(6)}, "2.0"},
      {"delta", DataType::bigint(), {i(5), i(6), i(1), i(2)}, "5"},
      {"count", DataType::bigint(), {i(5), null(), i(1), i(2)}, "3"},
  };
  for (const auto& c : cases) {
    Harness h(c.name, c.type);
    ASSERT_TRUE(h.update(c.values, {0, 0, 1, 1}).is_ok()) << c.name;
    h.accumulator->merge(0, 1);
    auto out = h.results();
    ASSERT_EQ(out.size(), 2u) << c.name;
    EXPECT_EQ(out[0], c.merged) << c.name;
    EXPECT_TRUE(out[1] == "NULL" || out[1] == "0") << c.name << ": " << out[1];
  }
}

TEST(AccumulatorTest, ClearMakesEveryKindAsNewAndKeepsWorking) {
  // Window operators recycle accumulators: after clear(), resize(k) must give k empty groups
  // whatever the groups held before, for every kind of state.
  struct Case {
    std::string_view name;
    DataType type;
    std::vector<ExprPtr> extra;
  };
  const std::vector<Case> cases = {
      {"count", DataType::bigint(), {}},       {"sum", DataType::bigint(), {}},
      {"sum", DataType::decimal(18, 2), {}},   {"sum", DataType::float64(), {}},
      {"avg", DataType::bigint(), {}},         {"min", DataType::varchar(), {}},
      {"max", DataType::float64(), {}},        {"first_value", DataType::bigint(), {}},
      {"last_value", DataType::varchar(), {}}, {"delta", DataType::bigint(), {}},
      {"stddev", DataType::float64(), {}},     {"variance", DataType::bigint(), {}},
      {"median", DataType::bigint(), {}},      {"count_distinct", DataType::varchar(), {}},
      {"string_agg", DataType::varchar(), {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.name) + " " + c.type.to_string());
    auto value = [&](int k) {
      if (c.type.id == TypeId::kVarchar) {
        return s("v" + std::to_string(k));
      }
      if (c.type.id == TypeId::kDouble) {
        return d(k + 0.5);
      }
      if (c.type.id == TypeId::kDecimal) {
        return Value::decimal(k * 100 + 25, 18, 2);
      }
      return i(k);
    };
    Harness used(c.name, c.type, c.extra);
    Harness fresh(c.name, c.type, c.extra);
    ASSERT_NE(used.accumulator, nullptr);
    ASSERT_TRUE(used.update({value(1), value(2), value(3), value(4)}, {0, 1, 2, 0}).is_ok());
    used.accumulator->clear();
    used.num_groups = 0;
    // Fewer groups than before, so stale state beyond them would show up in the next use.
    ASSERT_TRUE(used.update({value(7), value(8)}, {1, 0}).is_ok());
    ASSERT_TRUE(fresh.update({value(7), value(8)}, {1, 0}).is_ok());
    EXPECT_EQ(used.results(), fresh.results());
    ASSERT_TRUE(used.update({value(5)}, {2}).is_ok());
    ASSERT_TRUE(fresh.update({value(5)}, {2}).is_ok());
    EXPECT_EQ(used.results(), fresh.results());
  }
}

TEST(AccumulatorTest, ResetEmptiesAGroup) {
  Harness h("string_agg", DataType::varchar());
  ASSERT_TRUE(h.update({s("a"), s("b")}, {0, 1}).is_ok());
  h.accumulator->reset(0);
  EXPECT_THAT(h.results(), ElementsAre("NULL", "b"));
}

}  // namespace
}  // namespace eddy::ops
