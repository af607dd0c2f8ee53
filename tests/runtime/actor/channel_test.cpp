#include "runtime/actor/channel.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <thread>

namespace eddy::rt {
namespace {

TEST(ChannelTest, RefusesItemsBeyondCapacityAndKeepsFifoOrder) {
  Channel<int> ch(3);
  for (int i = 0; i < 3; ++i) {
    int v = i;
    EXPECT_TRUE(ch.try_push(v));
  }
  int extra = 99;
  EXPECT_FALSE(ch.try_push(extra));
  EXPECT_EQ(extra, 99);
  EXPECT_EQ(ch.size(), 3u);
  EXPECT_EQ(ch.max_size_seen(), 3u);
  for (int i = 0; i < 3; ++i) {
    int v = -1;
    ASSERT_TRUE(ch.try_pop(v));
    EXPECT_EQ(v, i);
  }
  int v = -1;
  EXPECT_FALSE(ch.try_pop(v));
  EXPECT_EQ(ch.size(), 0u);
}

TEST(ChannelTest, ZeroCapacityMeansOne) {
  Channel<int> ch(0);
  EXPECT_EQ(ch.capacity(), 1u);
  int a = 1;
  int b = 2;
  EXPECT_TRUE(ch.try_push(a));
  EXPECT_FALSE(ch.try_push(b));
}

TEST(ChannelTest, ParkedConsumerIsWokenExactlyOnceByTheNextPush) {
  Channel<int> ch(4);
  int v = 0;
  EXPECT_FALSE(ch.try_pop(v));
  EXPECT_TRUE(ch.park_consumer());
  int a = 1;
  ASSERT_TRUE(ch.try_push(a));
  EXPECT_TRUE(ch.consumer_needs_wake());
  int b = 2;
  ASSERT_TRUE(ch.try_push(b));
  EXPECT_FALSE(ch.consumer_needs_wake());
}

TEST(ChannelTest, ConsumerDoesNotParkWhenItemsArrived) {
  Channel<int> ch(4);
  int a = 1;
  ASSERT_TRUE(ch.try_push(a));
  EXPECT_FALSE(ch.park_consumer());
  // It un-parked itself, so the producer must not send a wake.
  EXPECT_FALSE(ch.consumer_needs_wake());
}

TEST(ChannelTest, BlockedProducerIsWokenByTheNextPop) {
  Channel<int> ch(1);
  int a = 1;
  ASSERT_TRUE(ch.try_push(a));
  int b = 2;
  ASSERT_FALSE(ch.try_push(b));
  EXPECT_TRUE(ch.park_producer());
  int out = 0;
  ASSERT_TRUE(ch.try_pop(out));
  EXPECT_TRUE(ch.producer_needs_wake());
  EXPECT_FALSE(ch.producer_needs_wake());
  EXPECT_TRUE(ch.try_push(b));
}

TEST(ChannelTest, BlockedProducerIsWokenOnceTheChannelIsHalfEmpty) {
  Channel<int> ch(8);
  for (int i = 0; i < 8; ++i) {
    int v = i;
    ASSERT_TRUE(ch.try_push(v));
  }
  int extra = 8;
  ASSERT_FALSE(ch.try_push(extra));
  EXPECT_TRUE(ch.park_producer());
  int out = -1;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(ch.try_pop(out));
    EXPECT_FALSE(ch.producer_needs_wake()) << "after pop " << i;
  }
  ASSERT_TRUE(ch.try_pop(out));  // 4 of 8 left: half empty
  EXPECT_TRUE(ch.producer_needs_wake());
  EXPECT_FALSE(ch.producer_needs_wake());
  EXPECT_EQ(out, 3);
}

TEST(ChannelTest, ProducerDoesNotParkWhenRoomAppeared) {
  Channel<int> ch(1);
  EXPECT_FALSE(ch.park_producer());
  EXPECT_FALSE(ch.producer_needs_wake());
}

TEST(ChannelTest, SpscStressDeliversEverythingInOrderWithinCapacity) {
  constexpr int kItems = 200000;
  Channel<std::unique_ptr<int>> ch(8);
  std::atomic<bool> failed{false};
  std::thread producer([&] {
    for (int i = 0; i < kItems; ++i) {
      auto item = std::make_unique<int>(i);
      while (!ch.try_push(item)) {
        std::this_thread::yield();
      }
    }
  });
  int expected = 0;
  while (expected < kItems) {
    std::unique_ptr<int> item;
    if (!ch.try_pop(item)) {
      std::this_thread::yield();
      continue;
    }
    if (item == nullptr || *item != expected) {
      failed = true;
      break;
    }
    ++expected;
  }
  producer.join();
  EXPECT_FALSE(failed);
  EXPECT_EQ(expected, kItems);
  EXPECT_LE(ch.max_size_seen(), 8u);
  EXPECT_EQ(ch.size(), 0u);
}

TEST(ChannelTest, WakeHandshakeLosesNoWakeUpUnderContention) {
  // Both sides sleep on a semaphore-like counter whenever they park; a lost wake-up would hang
  // (caught by the ctest timeout), a missed item would fail the count.
  constexpr int kItems = 100000;
  Channel<int> ch(2);
  std::atomic<int> consumer_wakes{0};
  std::atomic<int> producer_wakes{0};
  std::thread producer([&] {
    for (int i = 0; i < kItems; ++i) {
      int v = i;
      while (!ch.try_push(v)) {
        if (ch.park_producer()) {
          while (producer_wakes.load() == 0) {
            std::this_thread::yield();
          }
          producer_wakes.fetch_sub(1);
        }
      }
      if (ch.consumer_needs_wake()) {
        consumer_wakes.fetch_add(1);
      }
    }
  });
  int received = 0;
  int next = 0;
  bool in_order = true;
  while (received < kItems) {
    int v = 0;
    if (ch.try_pop(v)) {
      in_order = in_order && v == next++;
      ++received;
      if (ch.producer_needs_wake()) {
        producer_wakes.fetch_add(1);
      }
      continue;
    }
    if (ch.park_consumer()) {
      while (consumer_wakes.load() == 0) {
        std::this_thread::yield();
      }
      consumer_wakes.fetch_sub(1);
    }
  }
  producer.join();
  EXPECT_TRUE(in_order);
  EXPECT_EQ(received, kItems);
}

}  // namespace
}  // namespace eddy::rt
