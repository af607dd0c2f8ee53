#include "operators/aggregate/group_table.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <unordered_map>

#include "runtime/core/key_hash.hpp"
#include "tests/operators/aggregate/aggregate_test_support.hpp"

namespace eddy::ops {
namespace {

using namespace ::eddy::ops::testing;  // NOLINT
using ::testing::ElementsAre;

std::vector<uint32_t> map_all(GroupTable& table, const std::vector<ColumnPtr>& keys) {
  size_t n = keys.empty() ? 0 : keys[0]->size();
  const uint32_t* ids = table.map(keys, nullptr, n);
  return {ids, ids + n};
}

std::vector<std::string> keys_of(const GroupTable& table) {
  std::vector<ColumnBuilder> builders;
  for (const auto& t : table.key_types()) {
    builders.emplace_back(t);
  }
  std::vector<uint32_t> ids;
  for (uint32_t g = 0; g < table.num_groups(); ++g) {
    ids.push_back(g);
  }
  table.append_keys(ids.data(), ids.size(), builders);
  std::vector<ColumnPtr> cols;
  for (auto& b : builders) {
    cols.push_back(b.finish());
  }
  std::vector<std::string> out;
  for (size_t g = 0; g < ids.size(); ++g) {
    std::string row;
    for (size_t k = 0; k < cols.size(); ++k) {
      row += (k > 0 ? "|" : "") + cols[k]->value(g).to_string();
    }
    out.push_back(row);
  }
  return out;
}

TEST(GroupTableTest, Int64KeysGetDenseIdsInFirstSeenOrder) {
  GroupTable table({DataType::bigint()});
  auto ids = map_all(table, {column(DataType::bigint(), {i(7), i(3), i(7), null(), i(3), null()})});
  EXPECT_THAT(ids, ElementsAre(0, 1, 0, 2, 1, 2));
  EXPECT_EQ(table.num_groups(), 3u);
  EXPECT_THAT(keys_of(table), ElementsAre("7", "3", "NULL"));
  // 0 is a key distinct from NULL.
  auto more = map_all(table, {column(DataType::bigint(), {i(0), null()})});
  EXPECT_THAT(more, ElementsAre(3, 2));
}

TEST(GroupTableTest, ManyKeysSurviveGrowthAndCollisions) {
  GroupTable table({DataType::bigint()});
  std::mt19937_64 rng(7);
  std::unordered_map<int64_t, uint32_t> reference;
  for (int round = 0; round < 20; ++round) {
    ColumnBuilder b(DataType::bigint());
    std::vector<int64_t> values;
    for (int r = 0; r < 5000; ++r) {
      // Multiples of 1024 collide in the low bits of a naive hash.
      int64_t v = static_cast<int64_t>(rng() % 30000) * 1024;
      values.push_back(v);
      b.append_int(v);
    }
    auto ids = map_all(table, {b.finish()});
    for (size_t r = 0; r < values.size(); ++r) {
      auto [it, inserted] = reference.emplace(values[r], static_cast<uint32_t>(reference.size()));
      ASSERT_EQ(ids[r], it->second);
    }
  }
  EXPECT_EQ(table.num_groups(), reference.size());
}

TEST(GroupTableTest, StringKeysKeepEmptyAndNullApart) {
  GroupTable table({DataType::varchar()});
  auto ids = map_all(
      table, {column(DataType::varchar(), {s("b"), s(""), null(), s("b"), s("a"), s(""), null()})});
  EXPECT_THAT(ids, ElementsAre(0, 1, 2, 0, 3, 1, 2));
  EXPECT_THAT(keys_of(table), ElementsAre("b", "", "NULL", "a"));
  // Many strings force the table to grow and rehash.
  ColumnBuilder many(DataType::varchar());
  for (int k = 0; k < 1000; ++k) {
    many.append_string("key-" + std::to_string(k));
  }
  auto many_ids = map_all(table, {many.finish()});
  EXPECT_EQ(many_ids[0], 4u);
  EXPECT_EQ(many_ids[999], 1003u);
  auto again = map_all(table, {column(DataType::varchar(), {s("key-999"), s("a")})});
  EXPECT_THAT(again, ElementsAre(1003, 3));
}

TEST(GroupTableTest, MultiColumnKeysWithNulls) {
  GroupTable table(
      {DataType::varchar(), DataType::bigint(), DataType::float64(), DataType::boolean()});
  std::vector<ColumnPtr> keys{
      column(DataType::varchar(), {s("a"), s("a"), null(), s("a"), null(), s("ab")}),
      column(DataType::bigint(), {i(1), i(1), i(1), null(), i(1), i(1)}),
      column(DataType::float64(), {d(0.0), d(-0.0), d(2.5), d(0.0), d(2.5), d(0.0)}),
      column(DataType::boolean(), {b(true), b(true), null(), b(true), null(), b(true)})};
  auto ids = map_all(table, keys);
  EXPECT_THAT(ids, ElementsAre(0, 0, 1, 2, 1, 3));
  EXPECT_THAT(keys_of(table),
              ElementsAre("a|1|0.0|true", "NULL|1|2.5|NULL", "a|NULL|0.0|true", "ab|1|0.0|true"));
}

TEST(GroupTableTest, StringPrefixesDoNotCollideInEncodedKeys) {
  GroupTable table({DataType::varchar(), DataType::varchar()});
  auto ids = map_all(table, {column(DataType::varchar(), {s("ab"), s("a")}),
                             column(DataType::varchar(), {s("c"), s("bc")})});
  EXPECT_THAT(ids, ElementsAre(0, 1));
}

TEST(GroupTableTest, NoKeysIsOneGlobalGroup) {
  GroupTable table({});
  std::vector<uint32_t> rows{0, 1, 2};
  const uint32_t* ids = table.map({}, rows.data(), 3);
  EXPECT_EQ(ids[0], 0u);
  EXPECT_EQ(ids[2], 0u);
  EXPECT_EQ(table.num_groups(), 1u);
}

TEST(GroupTableTest, SelectionVectorMapsOnlyThoseRows) {
  GroupTable table({DataType::bigint()});
  ColumnPtr keys = column(DataType::bigint(), {i(1), i(2), i(3), i(2)});
  std::vector<uint32_t> rows{3, 2};
  const uint32_t* ids = table.map({keys}, rows.data(), 2);
  EXPECT_EQ(ids[0], 0u);
  EXPECT_EQ(ids[1], 1u);
  EXPECT_THAT(keys_of(table), ElementsAre("2", "3"));
}

TEST(GroupTableTest, BooleanKeysWithNullAcrossBatches) {
  GroupTable table({DataType::boolean()});
  Value t = Value::boolean(true);
  Value f = Value::boolean(false);
  EXPECT_THAT(map_all(table, {column(DataType::boolean(), {t, null(), f, t})}),
              ElementsAre(0, 1, 2, 0));
  EXPECT_THAT(map_all(table, {column(DataType::boolean(), {f, null()})}), ElementsAre(2, 1));
  EXPECT_EQ(table.num_groups(), 3u);
}

TEST(GroupTableTest, RecycleForgetsEveryKeyAndKeepsTheSlots) {
  for (auto type : {DataType::bigint(), DataType::varchar(), DataType::float64()}) {
    GroupTable table({type});
    std::vector<Value> values;
    for (int k = 0; k < 300; ++k) {
      values.push_back(type == DataType::bigint()    ? i(k)
                       : type == DataType::float64() ? d(k)
                                                     : s(std::to_string(k)));
    }
    values.push_back(null());
    (void)map_all(table, {column(type, values)});
    const size_t slots = table.num_slots();
    table.recycle();
    EXPECT_EQ(table.num_groups(), 0u);
    EXPECT_EQ(table.num_slots(), slots);
    // Old keys are new groups again, numbered from 0 in first-seen order.
    auto ids = map_all(table, {column(type, {values[299], null(), values[5], values[299]})});
    EXPECT_THAT(ids, ElementsAre(0, 1, 2, 0));
    std::vector<std::string> expected = {values[299].to_string(), "NULL", values[5].to_string()};
    EXPECT_EQ(keys_of(table), expected);
  }
}

TEST(GroupTableTest, CompactKeepsOrderAndRenumbers) {
  for (auto type : {DataType::bigint(), DataType::varchar()}) {
    GroupTable table({type});
    std::vector<Value> values;
    for (int k = 0; k < 6; ++k) {
      values.push_back(type == DataType::bigint() ? i(k) : s(std::to_string(k)));
    }
    values.push_back(null());
    (void)map_all(table, {column(type, values)});
    std::vector<uint32_t> remap = table.compact({0, 1, 0, 1, 0, 0, 1});
    EXPECT_THAT(remap, ElementsAre(GroupTable::kNoGroup, 0, GroupTable::kNoGroup, 1,
                                   GroupTable::kNoGroup, GroupTable::kNoGroup, 2));
    EXPECT_THAT(keys_of(table), ElementsAre("1", "3", "NULL"));
    // Dropped keys come back as new groups; kept ones keep their new ids.
    auto ids = map_all(table, {column(type, {values[3], values[0], values[6]})});
    EXPECT_THAT(ids, ElementsAre(1, 3, 2));
  }
}

TEST(GroupTableTest, RoutingHashesGiveTheSameGroupsAsHashingHere) {
  // Hash routing attaches hash_key_columns' hashes to a batch; a table given them must find the
  // same groups as one that hashes the keys itself, through selections and growth.
  std::mt19937_64 rng(11);
  for (const auto& types : std::vector<std::vector<DataType>>{
           {DataType::varchar()}, {DataType::varchar(), DataType::bigint()}}) {
    GroupTable hashing(types);
    GroupTable given(types);
    for (int round = 0; round < 10; ++round) {
      std::vector<ColumnBuilder> builders;
      for (const auto& t : types) {
        builders.emplace_back(t);
      }
      const size_t n = 700;
      for (size_t r = 0; r < n; ++r) {
        if (rng() % 20 == 0) {
          builders[0].append_null();
        } else {
          builders[0].append_string("key-" + std::to_string(rng() % 2000));
        }
        if (types.size() > 1) {
          builders[1].append_int(static_cast<int64_t>(rng() % 3));
        }
      }
      std::vector<ColumnPtr> keys;
      for (auto& b : builders) {
        keys.push_back(b.finish());
      }
      std::vector<uint64_t> row_hashes(n);
      hash_key_columns(keys.data(), keys.size(), nullptr, n, row_hashes.data());
      std::vector<uint32_t> rows;
      for (uint32_t r = 0; r < n; ++r) {
        if (rng() % 3 != 0) {
          rows.push_back(r);
        }
      }
      const uint32_t* a = hashing.map(keys, rows.data(), rows.size());
      std::vector<uint32_t> expected(a, a + rows.size());
      const uint32_t* b = given.map(keys, rows.data(), rows.size(), row_hashes.data());
      ASSERT_EQ(std::vector<uint32_t>(b, b + rows.size()), expected) << "round " << round;
    }
    EXPECT_EQ(given.num_groups(), hashing.num_groups());
    EXPECT_EQ(keys_of(given), keys_of(hashing));
    EXPECT_GT(given.num_groups(), 1000u);
  }
}

}  // namespace
}  // namespace eddy::ops
