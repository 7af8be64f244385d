/*
 * Arabic proclitic readings. A token such as وبالعراق may be one word or
 * و + ب + العراق or و + ب + ال + عراق; which reading is right depends on
 * what the later stages find (a list entry, a rule), so this stage lists
 * every reading of the pattern
 *
 *     (و|ف)? (ب|ك|ل)? (ال)? STEM        with STEM of at least two letters
 *
 * plus the contraction لل = ل + ال (للمالكي -> ل + المالكي, with the
 * article's alef restored in the stem's normalised form). The unsplit token
 * always comes first (بلينكن is a name, not ب + لينكن), then readings in
 * order of increasing prefix length.
 */
#include <string.h>

#include "text/text.h"
#include "util/mem.h"
#include "util/utf8.h"

#define WAW 0x0648
#define FA 0x0641
#define BA 0x0628
#define KAF 0x0643
#define LAM 0x0644
#define ALEF 0x0627

static const uint32_t conjs[] = {0, WAW, FA};
static const uint32_t preps[] = {0, BA, KAF, LAM};

/* index = conj * 8 + prep * 2 + article */
const char *const text_prefix_names[24] = {
    "",  "ال",   "ب",   "ب+ال",   "ك",   "ك+ال",   "ل",   "ل+ال",
    "و", "و+ال", "و+ب", "و+ب+ال", "و+ك", "و+ك+ال", "و+ل", "و+ل+ال",
    "ف", "ف+ال", "ف+ب", "ف+ب+ال", "ف+ك", "ف+ك+ال", "ف+ل", "ف+ل+ال"};

#define MIN_STEM 2
#define MAX_CP 6 /* prefixes use at most four letters; look at six */

typedef struct reading {
  unsigned pos;    /* normalised code points taken by the prefix */
  unsigned prefix; /* index into text_prefix_names */
  int article;     /* stem starts with the article */
  int restored;    /* stem norm is "ا" + norm[pos..] (لل contraction) */
} reading;

static int is_arabic_letter(uint32_t cp) {
  return cp >= 0x0620 && cp <= 0x064A;
}

/* Store reading r (room reserved by the caller); off[k] is the byte offset
 * of normalised code point k. */
static int add_reading(text_doc *d, text_token *t, const text_norm_map *map,
                       const reading *r, const uint8_t *off) {
  /* two normalised letters from one source character (a ligature): the
   * stem would start inside it, so this reading does not exist */
  if (r->pos < TEXT_MAP_MAX &&
      map->src_byte[r->pos] == map->src_byte[r->pos - 1])
    return RAWI_OK;
  text_reading *sp = &d->readings[d->n_readings];
  sp->stem_byte = t->byte_start + map->src_byte[r->pos];
  sp->stem_cp = t->cp_start + map->src_cp[r->pos];
  sp->prefix = (uint8_t)r->prefix;
  sp->article = (uint8_t)r->article;
  size_t b = off[r->pos];
  if (!r->restored) {
    sp->norm_off = t->norm_off + (uint32_t)b;
    sp->norm_len = t->norm_len - (uint32_t)b;
  } else {
    size_t rest = t->norm_len - b;
    if (rawi_mem_grow(d->alloc, (void **)&d->pool, &d->cap_pool,
                      d->n_pool + rest + 3, 1))
      return RAWI_ERR_NOMEM;
    char *dst = d->pool + d->n_pool;
    rawi_utf8_encode(ALEF, dst);
    memcpy(dst + 2, d->pool + t->norm_off + b, rest);
    dst[rest + 2] = '\0';
    sp->norm_off = (uint32_t)d->n_pool;
    sp->norm_len = (uint32_t)(rest + 2);
    d->n_pool += rest + 3;
  }
  d->n_readings++;
  t->reading_count++;
  return RAWI_OK;
}

/* Collect readings for letters c[0..n) of a word of total length len. */
static unsigned collect(const uint32_t *c, unsigned n, unsigned len,
                        reading *out) {
  unsigned k = 0;
  for (unsigned ci = 0; ci < 3; ci++) {
    unsigned p0 = ci ? 1 : 0;
    if (ci && c[0] != conjs[ci])
      continue;
    for (unsigned pi = 0; pi < 4; pi++) {
      unsigned p1 = p0 + (pi ? 1 : 0);
      if (pi && (p0 >= n || c[p0] != preps[pi]))
        continue;
      unsigned base = ci * 8 + pi * 2;
      if (p1 > 0 && len - p1 >= MIN_STEM)
        out[k++] = (reading){p1, base, 0, 0};
      /* article: ال */
      if (p1 + 1 < n && c[p1] == ALEF && c[p1 + 1] == LAM &&
          len - p1 - 2 >= MIN_STEM) {
        if (p1 > 0)
          out[k - 1].article = 1; /* the stem above starts with ال */
        out[k++] = (reading){p1 + 2, base + 1, 0, 0};
      }
      /* contraction لل: ل + (ا)ل... */
      if (preps[pi] == LAM && p1 < n && c[p1] == LAM &&
          len - p1 - 1 >= MIN_STEM) {
        out[k++] = (reading){p1, base, 1, 1};
        out[k++] = (reading){p1 + 1, base + 1, 0, 0};
      }
    }
  }
  return k;
}

/* Can an Arabic word starting with cp have a proclitic at all? */
static int may_have_proclitic(uint32_t cp) {
  return cp == WAW || cp == FA || cp == BA || cp == KAF || cp == LAM ||
         cp == ALEF;
}

int text_clitics(text_doc *d, text_token *t, const text_norm_map *map) {
  t->reading_first = (uint32_t)d->n_readings;
  t->reading_count = 1; /* the unsplit reading, implicit */
  const unsigned char *p = (const unsigned char *)d->pool + t->norm_off;
  if (t->kind != RAWI_TOKEN_WORD || t->norm_len < 4 || p[0] < 0xD8 ||
      p[0] > 0xD9)
    return RAWI_OK; /* not an Arabic word of two letters or more */
  uint32_t c[MAX_CP];
  uint8_t off[MAX_CP + 1];
  unsigned n = 0;
  size_t b = 0;
  for (; n < MAX_CP && b < t->norm_len; n++) {
    int len;
    off[n] = (uint8_t)b;
    c[n] = rawi_utf8_decode(p + b, &len);
    b += (size_t)len;
  }
  off[n] = (uint8_t)b;
  if (!is_arabic_letter(c[0]) || !may_have_proclitic(c[0]))
    return RAWI_OK;
  if (c[0] == ALEF && c[1] == LAM)
    t->flags |= TOK_ARTICLE;
  reading all[48];
  unsigned k = collect(c, n, map->n_cp, all);
  /* stable insertion sort by prefix length */
  for (unsigned i = 1; i < k; i++) {
    reading r = all[i];
    unsigned j = i;
    while (j > 0 && all[j - 1].pos > r.pos)
      all[j] = all[j - 1], j--;
    all[j] = r;
  }
  if (rawi_mem_grow(d->alloc, (void **)&d->readings, &d->cap_readings,
                    d->n_readings + k, sizeof(text_reading)))
    return RAWI_ERR_NOMEM;
  for (unsigned i = 0; i < k; i++)
    if (add_reading(d, t, map, &all[i], off))
      return RAWI_ERR_NOMEM;
  return RAWI_OK;
}
