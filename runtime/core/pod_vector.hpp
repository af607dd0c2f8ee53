#pragma once

#include <memory>
#include <new>
#include <vector>

namespace eddy {

/// An allocator that leaves elements default-initialised (uninitialised for PODs) on resize, so
/// kernels that overwrite every element do not pay for zeroing first.
template <class T, class A = std::allocator<T>>
class DefaultInitAllocator : public A {
 public:
  template <class U>
  struct rebind {
    using other =
        DefaultInitAllocator<U, typename std::allocator_traits<A>::template rebind_alloc<U>>;
  };
  using A::A;

  template <class U>
  void construct(U* ptr) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(ptr)) U;
  }
  template <class U, class... Args>
  void construct(U* ptr, Args&&... args) {
    std::allocator_traits<A>::construct(static_cast<A&>(*this), ptr, std::forward<Args>(args)...);
  }
};

/// A std::vector of plain values whose resize() does not zero new elements.
template <class T>
using PodVector = std::vector<T, DefaultInitAllocator<T>>;

}  // namespace eddy
