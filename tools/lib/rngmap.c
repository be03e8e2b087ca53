/* rngmap.c — the open-addressing maps of the grammar model and of its
 * workspaces: strings to ints (names, namespaces, defines, attribute values)
 * and 64-bit keys to ints (hash-consed patterns, memoised derivatives). */
#include "rngint.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static uint64_t str_hash(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

int rng_smap_get(const struct smap *m, const char *key)
{
	if (m->cap == 0)
		return -1;
	for (size_t i = str_hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (m->k[i] == NULL)
			return -1;
		if (strcmp(m->k[i], key) == 0)
			return m->v[i];
	}
}

void rng_smap_put(struct smap *m, const char *key, int v)
{
	if (2 * (m->n + 1) > m->cap) {
		struct smap old = *m;
		m->cap = old.cap ? old.cap * 2 : 64;
		m->k = folio_xcalloc(m->cap, sizeof *m->k);
		m->v = folio_xcalloc(m->cap, sizeof *m->v);
		m->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.k[i] != NULL) {
				size_t j = str_hash(old.k[i]) & (m->cap - 1);
				while (m->k[j] != NULL)
					j = (j + 1) & (m->cap - 1);
				m->k[j] = old.k[i];
				m->v[j] = old.v[i];
				m->n++;
			}
		free(old.k);
		free(old.v);
	}
	size_t i = str_hash(key) & (m->cap - 1);
	while (m->k[i] != NULL && strcmp(m->k[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	if (m->k[i] == NULL) {
		m->k[i] = folio_xstrdup(key);
		m->n++;
	}
	m->v[i] = v;
}

void rng_smap_free(struct smap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->k[i]);
	free(m->k);
	free(m->v);
}

static size_t key_slot(uint64_t key, size_t cap)
{
	return (size_t)((key * 0x9E3779B97F4A7C15u) >> 17) & (cap - 1);
}

int rng_imap_get(const struct imap *m, uint64_t key, int *out)
{
	if (m->cap == 0)
		return 0;
	key++;
	for (size_t i = key_slot(key, m->cap);; i = (i + 1) & (m->cap - 1)) {
		if (m->k[i] == 0)
			return 0;
		if (m->k[i] == key) {
			*out = m->v[i];
			return 1;
		}
	}
}

void rng_imap_put(struct imap *m, uint64_t key, int v)
{
	if (2 * (m->n + 1) > m->cap) {
		struct imap old = *m;
		m->cap = old.cap ? old.cap * 2 : 256;
		m->k = folio_xcalloc(m->cap, sizeof *m->k);
		m->v = folio_xcalloc(m->cap, sizeof *m->v);
		for (size_t i = 0; i < old.cap; i++)
			if (old.k[i] != 0) {
				size_t j = key_slot(old.k[i], m->cap);
				while (m->k[j] != 0)
					j = (j + 1) & (m->cap - 1);
				m->k[j] = old.k[i];
				m->v[j] = old.v[i];
			}
		free(old.k);
		free(old.v);
	}
	key++;
	size_t i = key_slot(key, m->cap);
	while (m->k[i] != 0 && m->k[i] != key)
		i = (i + 1) & (m->cap - 1);
	if (m->k[i] == 0)
		m->n++;
	m->k[i] = key;
	m->v[i] = v;
}

void rng_imap_free(struct imap *m)
{
	free(m->k);
	free(m->v);
}
