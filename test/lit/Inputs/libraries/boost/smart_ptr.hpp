#pragma once
// Stand-in for <boost/smart_ptr.hpp>: shared_ptr, weak_ptr, intrusive_ptr.
#include <memory>

namespace boost {
template <class T> class weak_ptr;

template <class T> class shared_ptr {
public:
  shared_ptr() = default;
  explicit shared_ptr(T *P) : Impl(P) {}
  T *operator->() const { return Impl.get(); }
  T &operator*() const { return *Impl; }
  T *get() const { return Impl.get(); }
  void reset() { Impl.reset(); }
  explicit operator bool() const { return bool(Impl); }
  bool operator<(const shared_ptr &O) const { return Impl < O.Impl; }
  bool operator==(const shared_ptr &O) const { return Impl == O.Impl; }

private:
  template <class U> friend class weak_ptr;
  std::shared_ptr<T> Impl;
};

template <class T> class weak_ptr {
public:
  weak_ptr() = default;
  weak_ptr(const shared_ptr<T> &P) : Impl(P.Impl) {}
  shared_ptr<T> lock() const {
    shared_ptr<T> P;
    P.Impl = Impl.lock();
    return P;
  }
  bool expired() const { return Impl.expired(); }
  void reset() { Impl.reset(); }

private:
  std::weak_ptr<T> Impl;
};

template <class T, class... Args> shared_ptr<T> make_shared(Args &&...A) {
  return shared_ptr<T>(new T(static_cast<Args &&>(A)...));
}

template <class T> class intrusive_ptr {
public:
  intrusive_ptr() = default;
  intrusive_ptr(T *P) : Ptr(P) {}
  T *operator->() const { return Ptr; }
  T *get() const { return Ptr; }

private:
  T *Ptr = nullptr;
};
} // namespace boost
