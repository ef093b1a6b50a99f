/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <time.h>

/* Helpers shared by the benchmarks. */

/* For qsort () and g_array_sort (): doubles in increasing order. */
static inline int
bench_compare_doubles (gconstpointer a,
                       gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The value @percent of the way up @sorted (doubles in increasing order): the one at
 * len * @percent / 100, the last one for 100. */
static inline double
bench_sorted_at (GArray *sorted,
                 guint   percent)
{
  guint i = sorted->len * percent / 100;

  g_assert (sorted->len > 0);
  return g_array_index (sorted, double, MIN (i, sorted->len - 1));
}

/* Processor time in milliseconds on @clock (CLOCK_THREAD_CPUTIME_ID for this thread's,
 * CLOCK_PROCESS_CPUTIME_ID for the process's). */
static inline double
bench_cpu_ms (clockid_t clock)
{
  struct timespec now;

  clock_gettime (clock, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}
