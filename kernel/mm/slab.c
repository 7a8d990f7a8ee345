/* Object caches and kmalloc. A cache hands out fixed-size objects carved
 * from single pages ("slabs"); each slab page starts with a header naming
 * its cache and holding its free list, so kfree() finds the cache from the
 * address alone. kmalloc rounds up to a power-of-two cache; requests above
 * KMALLOC_MAX_SLAB come straight from the page allocator.
 *
 * Empty slabs go back to the page allocator at once, except one kept per
 * cache, so alloc/free churn does not hammer the buddy lists.
 * kmem_reclaim() returns those too (the leak tests rely on it). */
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/x86.h>
#include <kernel/slab.h>

#define KMALLOC_MIN_SHIFT 4
#define KMALLOC_MAX_SHIFT 11
#define KMALLOC_MAX_SLAB  (1UL << KMALLOC_MAX_SHIFT)
#define SLAB_POISON_FREE  0x6b

struct slab {
	struct kmem_cache *cache;
	struct list_head link;          /* in cache->partial or ->full */
	void *free;                     /* singly linked free objects */
	unsigned inuse;
};

struct kmem_cache {
	const char *name;
	size_t size;
	unsigned per_slab;
	struct list_head partial;
	struct list_head full;
	struct slab *spare;             /* one empty slab kept for churn */
	unsigned long nr_active;        /* objects handed out */
	unsigned long nr_slabs;
	struct list_head caches;
};

static struct kmem_cache cache_cache = { .name = "kmem_cache" };
static struct kmem_cache kmalloc_caches[KMALLOC_MAX_SHIFT + 1];
static char kmalloc_names[KMALLOC_MAX_SHIFT + 1][16];
static LIST_HEAD(all_caches);
static unsigned long large_pages;       /* pages held by big kmallocs */

static void cache_init(struct kmem_cache *c, const char *name, size_t size)
{
	c->name = name;
	c->size = ALIGN_UP(MAX(size, sizeof(void *)), 16);
	c->per_slab = (PAGE_SIZE - ALIGN_UP(sizeof(struct slab), 16)) / c->size;
	INIT_LIST_HEAD(&c->partial);
	INIT_LIST_HEAD(&c->full);
	c->spare = NULL;
	c->nr_active = c->nr_slabs = 0;
	list_add_tail(&c->caches, &all_caches);
}

void kmem_init(void)
{
	cache_init(&cache_cache, "kmem_cache", sizeof(struct kmem_cache));
	for (int s = KMALLOC_MIN_SHIFT; s <= KMALLOC_MAX_SHIFT; s++) {
		snprintf(kmalloc_names[s], sizeof(kmalloc_names[s]),
			 "kmalloc-%d", 1 << s);
		cache_init(&kmalloc_caches[s], kmalloc_names[s], 1UL << s);
	}
}

struct kmem_cache *kmem_cache_create(const char *name, size_t size)
{
	struct kmem_cache *c;

	/* Objects up to what fits in one slab page beside its header. */
	if (size == 0 || ALIGN_UP(size, 16) > PAGE_SIZE - ALIGN_UP(sizeof(struct slab), 16))
		return NULL;
	c = kmem_cache_alloc(&cache_cache);
	if (!c)
		return NULL;
	unsigned long flags = local_irq_save();
	cache_init(c, name, size);
	local_irq_restore(flags);
	return c;
}

static struct slab *slab_new(struct kmem_cache *c)
{
	phys_addr_t pa = alloc_page();
	struct slab *s;
	char *obj;

	if (!pa)
		return NULL;
	page_set_flags(pa, PG_SLAB);
	s = phys_to_virt(pa);
	s->cache = c;
	s->inuse = 0;
	s->free = NULL;
	obj = (char *)s + ALIGN_UP(sizeof(struct slab), 16);
	for (unsigned i = 0; i < c->per_slab; i++, obj += c->size) {
		*(void **)obj = s->free;
		s->free = obj;
	}
	c->nr_slabs++;
	return s;
}

static void slab_release(struct kmem_cache *c, struct slab *s)
{
	phys_addr_t pa = virt_to_phys(s);

	c->nr_slabs--;
	page_set_flags(pa, PG_HEAD | 0);
	free_page(pa);
}

void *kmem_cache_alloc(struct kmem_cache *c)
{
	unsigned long flags = local_irq_save();
	struct slab *s;
	void *obj;

	if (!list_empty(&c->partial)) {
		s = list_first_entry(&c->partial, struct slab, link);
	} else {
		s = c->spare;
		c->spare = NULL;
		if (!s)
			s = slab_new(c);
		if (!s) {
			local_irq_restore(flags);
			return NULL;
		}
		list_add(&s->link, &c->partial);
	}
	obj = s->free;
	s->free = *(void **)obj;
	s->inuse++;
	c->nr_active++;
	if (!s->free)
		list_move_tail(&s->link, &c->full);
	local_irq_restore(flags);
	return obj;
}

void *kmem_cache_zalloc(struct kmem_cache *c)
{
	void *p = kmem_cache_alloc(c);

	if (p)
		memset(p, 0, c->size);
	return p;
}

static struct slab *slab_of(const void *p)
{
	return (struct slab *)ALIGN_DOWN((u64)p, PAGE_SIZE);
}

void kmem_cache_free(struct kmem_cache *c, void *p)
{
	struct slab *s = slab_of(p);
	unsigned long flags;

	if (!p)
		return;
	if (s->cache != c)
		panic("kmem_cache_free: %p belongs to %s, not %s", p,
		      s->cache ? s->cache->name : "?", c->name);
	flags = local_irq_save();
	if (!s->free) {
		/* Full -> partial, at the head: the next allocation reuses
		 * this just-freed (cache-hot) object. */
		list_del(&s->link);
		list_add(&s->link, &c->partial);
	}
	*(void **)p = s->free;
	s->free = p;
	s->inuse--;
	c->nr_active--;
	if (s->inuse == 0) {
		list_del(&s->link);
		if (c->spare)
			slab_release(c, s);
		else
			c->spare = s;
	}
	local_irq_restore(flags);
}

static int size_shift(size_t size)
{
	int s = KMALLOC_MIN_SHIFT;

	while ((1UL << s) < size)
		s++;
	return s;
}

void *kmalloc(size_t size)
{
	unsigned order;
	phys_addr_t pa;

	if (size == 0)
		return NULL;
	if (size <= KMALLOC_MAX_SLAB)
		return kmem_cache_alloc(&kmalloc_caches[size_shift(size)]);
	if (size > (PAGE_SIZE << (MAX_ORDER - 1)))
		return NULL;
	for (order = 0; (PAGE_SIZE << order) < size; order++)
		;
	pa = alloc_pages(order);
	if (!pa)
		return NULL;
	large_pages += 1UL << order;
	return phys_to_virt(pa);
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

void kfree(const void *p)
{
	phys_addr_t pa;
	u8 f;

	if (!p)
		return;
	pa = virt_to_phys(p);
	f = page_flags(pa & PAGE_MASK);
	if (f & PG_SLAB) {
		struct slab *s = slab_of(p);
		kmem_cache_free(s->cache, (void *)p);
	} else if ((f & PG_HEAD) && !(pa & ~PAGE_MASK)) {
		large_pages -= 1UL << (f & PG_ORDER);
		free_pages(pa, f & PG_ORDER);
	} else {
		panic("kfree: %p was not allocated by kmalloc (flags %#x)", p, f);
	}
}

size_t ksize(const void *p)
{
	phys_addr_t pa = virt_to_phys(p);
	u8 f = page_flags(pa & PAGE_MASK);

	if (f & PG_SLAB)
		return slab_of(p)->cache->size;
	return PAGE_SIZE << (f & PG_ORDER);
}

/* Give every cache's spare empty slab back to the page allocator. */
void kmem_reclaim(void)
{
	unsigned long flags = local_irq_save();
	struct kmem_cache *c;

	list_for_each_entry(c, &all_caches, caches) {
		if (c->spare) {
			slab_release(c, c->spare);
			c->spare = NULL;
		}
	}
	local_irq_restore(flags);
}

/* /proc/slabinfo-style summary into buf; returns the length needed. */
size_t kmem_stats(char *buf, size_t size)
{
	struct kmem_cache *c;
	size_t n = 0;

	n += snprintf(buf, size, "%-20s %10s %8s %6s\n", "cache", "active",
		      "objsize", "slabs");
	list_for_each_entry(c, &all_caches, caches)
		n += snprintf(buf + MIN(n, size), size - MIN(n, size),
			      "%-20s %10lu %8zu %6lu\n", c->name, c->nr_active,
			      c->size, c->nr_slabs);
	n += snprintf(buf + MIN(n, size), size - MIN(n, size),
		      "%-20s %10lu pages\n", "large", large_pages);
	return n;
}
