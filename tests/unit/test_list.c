/* Intrusive list and hash-list helpers. */
#include <lib/list.h>
#include "unit.h"

struct item {
	int v;
	struct list_head link;
	struct hlist_node hnode;
};

TEST(list_queue_order)
{
	LIST_HEAD(q);
	struct item it[5];
	struct item *p, *n;
	int expect = 0;

	CHECK(list_empty(&q), "new list not empty");
	for (int i = 0; i < 5; i++) {
		it[i].v = i;
		list_add_tail(&it[i].link, &q);
	}
	list_for_each_entry(p, &q, link)
		CHECK(p->v == expect++, "order: got %d", p->v);
	CHECK(expect == 5, "walked %d", expect);
	list_del(&it[2].link);
	CHECK(list_empty(&it[2].link), "deleted entry not self-linked");
	list_del(&it[2].link);          /* second delete is harmless */
	expect = 0;
	list_for_each_entry_safe(p, n, &q, link) {
		CHECK(p->v != 2, "deleted entry still listed");
		list_del(&p->link);
		expect++;
	}
	CHECK(expect == 4 && list_empty(&q), "safe walk deleted %d", expect);
}

TEST(list_stack_and_move)
{
	LIST_HEAD(a);
	LIST_HEAD(b);
	struct item x = { .v = 1 }, y = { .v = 2 };

	list_add(&x.link, &a);
	list_add(&y.link, &a);
	CHECK(list_first_entry(&a, struct item, link)->v == 2, "list_add not LIFO");
	list_move_tail(&y.link, &b);
	CHECK(list_first_entry(&a, struct item, link)->v == 1, "move left wrong entry");
	CHECK(list_first_entry(&b, struct item, link)->v == 2, "move target wrong");
}

TEST(hlist_buckets)
{
	struct hlist_head h = HLIST_HEAD_INIT;
	struct item it[3], *p;
	struct hlist_node *tmp;
	int count = 0, sum = 0;

	for (int i = 0; i < 3; i++) {
		it[i].v = i + 1;
		INIT_HLIST_NODE(&it[i].hnode);
		CHECK(hlist_unhashed(&it[i].hnode), "new node hashed");
		hlist_add_head(&it[i].hnode, &h);
	}
	hlist_del(&it[1].hnode);
	hlist_del(&it[1].hnode);
	hlist_for_each_entry(p, &h, hnode) {
		count++;
		sum += p->v;
	}
	CHECK(count == 2 && sum == 4, "count %d sum %d", count, sum);
	hlist_for_each_entry_safe(p, tmp, &h, hnode)
		hlist_del(&p->hnode);
	CHECK(h.first == NULL, "bucket not empty");
}

int main(void)
{
	return unit_run_all();
}
