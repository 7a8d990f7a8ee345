/* The hierarchical timer wheel with a simulated millisecond clock. */
#include <stdlib.h>
#include <string.h>
#include <kernel/kernel.h>
#include <kernel/time.h>
#include "unit.h"

static u64 now_ms;
u64 ktime_get_ms(void) { return now_ms; }
u64 ktime_get_ns(void) { return now_ms * 1000000; }
void open_softirq(int nr, void (*fn)(void)) { }

#define N 2000
static struct timer_list t[N];
static u64 due[N], fired_at[N];
static int fired_count[N];

static void fn(struct timer_list *tl)
{
	int i = tl - t;

	fired_at[i] = now_ms;
	fired_count[i]++;
}

/* Advance the clock in random steps (ticks can be late), running timers. */
static void advance_to(u64 end)
{
	while (now_ms < end) {
		now_ms += 1 + rand() % 7;
		run_timers();
	}
}

TEST(every_timer_fires_once_on_time)
{
	now_ms = 5000;
	timers_init();
	memset(fired_count, 0, sizeof(fired_count));
	srand(3);
	for (int i = 0; i < N; i++) {
		/* spread over all levels: ms, seconds, minutes, hours */
		u64 span = i % 4 == 0 ? 200 : i % 4 == 1 ? 60000 :
			   i % 4 == 2 ? 3600000 : 20000000;
		timer_setup(&t[i], fn, 0);
		due[i] = now_ms + 1 + rand() % span;
		mod_timer(&t[i], due[i]);
	}
	advance_to(now_ms + 20000000 + 10);
	for (int i = 0; i < N; i++) {
		CHECK(fired_count[i] == 1, "timer %d fired %d times", i, fired_count[i]);
		CHECK(fired_at[i] >= due[i], "timer %d early: due %llu fired %llu", i,
		      (unsigned long long)due[i], (unsigned long long)fired_at[i]);
		CHECK(fired_at[i] <= due[i] + 7, "timer %d late: due %llu fired %llu", i,
		      (unsigned long long)due[i], (unsigned long long)fired_at[i]);
	}
}

TEST(mod_and_del)
{
	now_ms = 100;
	timers_init();
	memset(fired_count, 0, sizeof(fired_count));
	timer_setup(&t[0], fn, 0);
	timer_setup(&t[1], fn, 0);
	CHECK(mod_timer(&t[0], 300) == 0, "inactive mod_timer returned 1");
	CHECK(timer_pending(&t[0]), "not pending");
	CHECK(mod_timer(&t[0], 70000) == 1, "active mod_timer returned 0");
	mod_timer(&t[1], 500);
	CHECK(del_timer(&t[1]) == 1, "del of pending returned 0");
	CHECK(del_timer(&t[1]) == 0, "del of inactive returned 1");
	advance_to(69990);
	CHECK(fired_count[0] == 0, "re-armed timer fired at its old time");
	advance_to(70010);
	CHECK(fired_count[0] == 1 && fired_count[1] == 0, "counts %d %d",
	      fired_count[0], fired_count[1]);
	CHECK(!timer_pending(&t[0]), "still pending after firing");
}

TEST(past_expiry_fires_next_run)
{
	now_ms = 1000;
	timers_init();
	memset(fired_count, 0, sizeof(fired_count));
	timer_setup(&t[0], fn, 0);
	mod_timer(&t[0], 10);           /* already in the past */
	now_ms += 1;
	run_timers();
	CHECK(fired_count[0] == 1, "past timer did not fire");
}

/* A callback may re-arm its own timer (TCP retransmit does). */
static int rearm_left;
static void rearm_fn(struct timer_list *tl)
{
	fired_count[0]++;
	if (--rearm_left > 0)
		mod_timer(tl, now_ms + 10);
}

TEST(callback_rearms_itself)
{
	now_ms = 0;
	timers_init();
	memset(fired_count, 0, sizeof(fired_count));
	rearm_left = 5;
	timer_setup(&t[0], rearm_fn, 0);
	mod_timer(&t[0], 10);
	advance_to(200);
	CHECK(fired_count[0] == 5, "fired %d times", fired_count[0]);
}

int main(void)
{
	return unit_run_all();
}
