#include "runtime/actor/hash_partitioner.hpp"

#include <gtest/gtest.h>

#include <array>
#include <map>
#include <optional>
#include <set>

#include "runtime/core/column_builder.hpp"

namespace eddy::rt {
namespace {

BatchPtr make_batch(const std::vector<std::optional<std::string>>& keys,
                    const std::vector<int64_t>& ids) {
  auto schema = std::make_shared<const Schema>(
      std::vector<Field>{{"k", DataType::varchar()}, {"id", DataType::bigint()}});
  ColumnBuilder k(DataType::varchar());
  ColumnBuilder id(DataType::bigint());
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i]) {
      k.append_string(*keys[i]);
    } else {
      k.append_null();
    }
    id.append_int(ids[i]);
  }
  return Batch::make(schema, {k.finish(), id.finish()}, keys.size());
}

TEST(HashPartitionerTest, EqualKeysLandInTheSamePartitionAcrossBatches) {
  HashPartitioner partitioner({0}, 4);
  std::map<std::string, size_t> home;
  int64_t id = 0;
  size_t rows = 0;
  for (int b = 0; b < 20; ++b) {
    std::vector<std::optional<std::string>> keys;
    std::vector<int64_t> ids;
    for (int i = 0; i < 50; ++i) {
      keys.push_back("key" + std::to_string((b * 7 + i) % 23));
      ids.push_back(id++);
    }
    auto parts = partitioner.split(make_batch(keys, ids));
    ASSERT_EQ(parts.size(), 4u);
    for (size_t p = 0; p < parts.size(); ++p) {
      if (parts[p] == nullptr) {
        continue;
      }
      rows += parts[p]->num_rows();
      for (size_t i = 0; i < parts[p]->num_rows(); ++i) {
        std::string key(parts[p]->column(0)->str(i));
        auto [it, inserted] = home.emplace(key, p);
        EXPECT_EQ(it->second, p) << key;
        if (i > 0) {
          EXPECT_LT(parts[p]->column(1)->i64()[i - 1], parts[p]->column(1)->i64()[i]);
        }
      }
    }
  }
  EXPECT_EQ(rows, 1000u);
  EXPECT_EQ(home.size(), 23u);
  std::set<size_t> used;
  for (const auto& [key, p] : home) {
    used.insert(p);
  }
  EXPECT_GT(used.size(), 1u);
}

TEST(HashPartitionerTest, NullKeysHashAlikeAndDifferFromEmptyString) {
  HashPartitioner partitioner({0}, 8);
  auto batch = make_batch({std::nullopt, std::string(""), std::nullopt}, {1, 2, 3});
  const PodVector<uint64_t> h = partitioner.hash_rows(*batch)->hashes;
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(h[0], h[2]);
  EXPECT_NE(h[0], h[1]);
}

TEST(HashPartitionerTest, BatchForOnePartitionIsPassedOnAsIs) {
  HashPartitioner partitioner({0}, 3);
  auto batch = make_batch({std::string("a"), std::string("a")}, {1, 2});
  auto parts = partitioner.split(batch);
  size_t non_null = 0;
  for (const auto& p : parts) {
    if (p != nullptr) {
      ++non_null;
      EXPECT_EQ(p, batch);
    }
  }
  EXPECT_EQ(non_null, 1u);
}

TEST(HashPartitionerTest, PartitionIsIndependentOfTheHashLowBits) {
  // A partition's group tables index their slots by the low bits of the same key hash; if the
  // partition were chosen from those bits, each table would use only 1/N of its slots.
  for (size_t n : {2u, 4u, 8u}) {
    HashPartitioner partitioner({0}, n);
    std::vector<std::array<size_t, 8>> low_bits(n);
    for (uint64_t i = 0; i < 20000; ++i) {
      uint64_t h = i * 0x2545f4914f6cdd1dULL + (i >> 3);
      low_bits[partitioner.partition_of(h)][h & 7] += 1;
    }
    for (size_t p = 0; p < n; ++p) {
      for (size_t b = 0; b < 8; ++b) {
        EXPECT_GT(low_bits[p][b], 20000 / n / 8 / 2)
            << "partitions " << n << ", partition " << p << ", low bits " << b;
      }
    }
  }
}

TEST(HashPartitionerTest, SinglePartitionGetsEverything) {
  HashPartitioner partitioner({0, 1}, 1);
  auto batch = make_batch({std::string("a"), std::string("b")}, {1, 2});
  auto parts = partitioner.split(batch);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0], batch);
}

}  // namespace
}  // namespace eddy::rt
