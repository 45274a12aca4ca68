// File: effective_dated.h
// Choosing among effective-dated reference data (rates, policies): the item in force on a date is
// the one that starts latest on or before it.
#pragma once

#include <vector>

#include "base/date.h"

namespace selfdirect {

// The item of `all` (each with a Date `effective_from`) in force on `date`, or nullptr when none
// has started. The order of `all` does not matter.
template <typename T>
const T* InForceOn(const std::vector<T>& all, Date date) {
  const T* best = nullptr;
  for (const T& item : all)
    if (item.effective_from <= date &&
        (best == nullptr || item.effective_from > best->effective_from))
      best = &item;
  return best;
}

}  // namespace selfdirect
