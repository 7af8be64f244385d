/* The compiled image's encodings (format 4): packed strings, one-word
 * paths in the word table, names spelled by the trie, 16-byte entries,
 * and the load checks that keep a damaged image from reading astray. */
#include <stdio.h>
#include <stdlib.h>

#include "../helpers.h"
#include "gazetteer/gazetteer.h"
#include "util/hash.h"
#include "util/mem.h"

/* --- packed strings ------------------------------------------------- */

static const char *const samples[] = {
    "",
    "abc",
    "بغداد",
    "الولايات المتحده",
    "Café بيروت ١٢٣", /* Latin with an accent, Arabic-Indic digits */
    "ڤيتنام",         /* U+06A4: outside the packed block */
    "\xD8",           /* a lone lead byte */
    "\xD8"
    "A",         /* a lead byte without its continuation */
    "\x01x\x01", /* the escape byte itself */
    "\x7F~",
};

static void test_packed_round_trip(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
    const char *s = samples[i];
    size_t n = strlen(s);
    rawi_strbuf p, u;
    rawi_strbuf_init(&p, NULL);
    rawi_strbuf_init(&u, NULL);
    gz_pack(&p, s, n);
    rawi_strbuf_addc(&p, '\0');                  /* as stored: NUL-terminated */
    assert_int_equal(strlen(p.data), p.len - 1); /* no NUL inside */
    gz_unpack(&u, p.data);
    assert_int_equal(u.len, n);
    assert_memory_equal(u.data ? u.data : "", s, n);
    assert_true(gz_packed_eq(p.data, s, n));
    if (n) {
      assert_false(gz_packed_eq(p.data, s, n - 1)); /* a prefix */
      char *longer = malloc(n + 2);
      memcpy(longer, s, n);
      longer[n] = 'x';
      assert_false(gz_packed_eq(p.data, longer, n + 1));
      longer[n - 1] ^= 1;
      assert_false(gz_packed_eq(p.data, longer, n));
      free(longer);
    }
    rawi_strbuf_free(&p);
    rawi_strbuf_free(&u);
  }
}

static void test_packed_halves_arabic(void **state) {
  (void)state;
  const char *s = "غوستافو بيترو";
  rawi_strbuf p;
  rawi_strbuf_init(&p, NULL);
  gz_pack(&p, s, strlen(s));
  /* 12 letters of two bytes and a space: 13 bytes packed */
  assert_int_equal(p.len, 13);
  rawi_strbuf_free(&p);
}

/* --- images ----------------------------------------------------------- */

static const char list_tsv[] =
    "# canonical names: the first line of each id\n"
    "بغداد\tLOCATION\tlocation/baghdad\n"     /* spelled by its path */
    "الأمم المتحدة\tORGANIZATION\torg/un\n"   /* stored: not normalised */
    "الامم المتحده\tORGANIZATION\torg/un\n"   /* an alias */
    "الولايات المتحده\tCOUNTRY\tcountry/us\n" /* two words, spelled */
    "الولايات المتحده الامريكيه\tCOUNTRY\tcountry/us\n"
    "US\tCOUNTRY\tcountry/us\tcase=exact;note=x\n"
    "الأميركي\tCOUNTRY\tcountry/us\tkind=demonym\n";

typedef struct built {
  text_model tm;
  gz_image img;
} built;

static void build(built *b, const char *tsv) {
  rawi_error err;
  assert_int_equal(text_model_init(&b->tm, RAWI_TOKENIZER_FAST, &err), RAWI_OK);
  gz_builder *gb = gz_builder_new(&rawi_default_allocator, &b->tm, 0);
  assert_non_null(gb);
  assert_int_equal(gz_builder_add_tsv(gb, "t.tsv", tsv, strlen(tsv), &err),
                   RAWI_OK);
  assert_int_equal(gz_builder_finish(gb, &b->img, &err), RAWI_OK);
  gz_builder_free(gb);
}

/* The entry run of a path of words, or GZ_NONE. */
static uint32_t lookup(const gz_image *g, const char *const *words, size_t n) {
  uint32_t node = 0, entry = GZ_NONE;
  for (size_t i = 0; i < n; i++) {
    uint32_t w = gz_word(g, words[i], strlen(words[i]));
    if (w == GZ_NONE || !(node = gz_step(g, node, w, &entry)))
      return GZ_NONE;
  }
  return entry;
}

static void entity_name(const gz_image *g, uint32_t e, char *out, size_t cap) {
  rawi_strbuf b;
  rawi_strbuf_init(&b, NULL);
  gz_entity_name(g, e, &b);
  snprintf(out, cap, "%s", b.data ? b.data : "");
  rawi_strbuf_free(&b);
}

static void test_image_tables(void **state) {
  (void)state;
  built b;
  build(&b, list_tsv);
  const gz_image *g = &b.img;
  assert_int_equal(sizeof(gz_entry), 16);
  assert_int_equal(sizeof(gz_header) % 8, 0);
  assert_int_equal(g->h->version, RAWI_GZ_VERSION);

  const char *baghdad[] = {"بغداد"};
  uint32_t e = lookup(g, baghdad, 1);
  assert_int_not_equal(e, GZ_NONE);
  assert_true(g->entries[e].flags & GZ_ENTRY_LAST);
  assert_string_equal(gz_str(g, g->entities[g->entries[e].entity].id),
                      "location/baghdad");
  assert_int_equal(g->entries[e].line, 2);
  assert_true(g->entities[g->entries[e].entity].name & GZ_NAME_PATH);
  char name[128];
  entity_name(g, g->entries[e].entity, name, sizeof name);
  assert_string_equal(name, "بغداد");

  /* two lines of org/un at one node: one run of two entries */
  const char *un[] = {"الامم", "المتحده"};
  e = lookup(g, un, 2);
  assert_int_not_equal(e, GZ_NONE);
  assert_false(g->entries[e].flags & GZ_ENTRY_LAST);
  assert_true(g->entries[e + 1].flags & GZ_ENTRY_LAST);
  uint32_t ent = g->entries[e].entity;
  assert_int_equal(g->entries[e + 1].entity, ent);
  assert_false(g->entities[ent].name & GZ_NAME_PATH); /* stored, packed */
  entity_name(g, ent, name, sizeof name);
  assert_string_equal(name, "الأمم المتحدة");

  /* a name spelled through an edge (two words), and a three-word path */
  const char *us[] = {"الولايات", "المتحده", "الامريكيه"};
  e = lookup(g, us, 2);
  assert_int_not_equal(e, GZ_NONE);
  entity_name(g, g->entries[e].entity, name, sizeof name);
  assert_string_equal(name, "الولايات المتحده");
  assert_int_not_equal(lookup(g, us, 3), GZ_NONE);
  const char *not_first[] = {"المتحده"};
  assert_int_equal(lookup(g, not_first, 1), GZ_NONE); /* only inside paths */

  /* case=exact keeps the surface after the attributes */
  const char *usa[] = {"us"};
  e = lookup(g, usa, 1);
  assert_int_not_equal(e, GZ_NONE);
  assert_true(g->entries[e].flags & GZ_ENTRY_CASE_EXACT);
  assert_string_equal(gz_str(g, g->entries[e].attrs), "case=exact;note=x");
  assert_string_equal(gz_entry_surface(g, &g->entries[e]), "US");

  const char *dem[] = {"الاميركي"};
  e = lookup(g, dem, 1);
  assert_int_not_equal(e, GZ_NONE);
  assert_true(g->entries[e].flags & GZ_ENTRY_DEMONYM);
  assert_int_equal(g->entries[e].type, DOC_COUNTRY);
  gz_image_free(&b.img);
}

/* Each listed person of two or more words lends its family name as a
 * FAMILY_NAME entry of the person (with the line's attributes; Latin ones
 * matched as written), once per person and spelling; a one-word surface
 * with a capital inside a run of letters is matched as written. */
static const char people_tsv[] =
    "Gordon "
    "Brown\tPERSON\tperson/gordon-brown\trole=prime-minister;prominence=1\n"
    "James Gordon Brown\tPERSON\tperson/gordon-brown\tprominence=1\n"
    "Chris Brown\tPERSON\tperson/chris-brown\tprominence=3\n"
    "Mohammed bin Salman\tPERSON\tperson/mbs\tprominence=2\n"
    "George W. Bush Jr.\tPERSON\tperson/gwb\n"
    "عبد الفتاح السيسي\tPERSON\tperson/sisi\tprominence=1\n"
    "Madonna\tPERSON\tperson/madonna\n"
    "LeT\tORGANIZATION\torg/let\n"
    "Al-Qaeda\tORGANIZATION\torg/qaeda\n";

/* The entries of type `type` in the run of the path, as "id:flags" . */
static void family_entries(const gz_image *g, const char *const *words,
                           size_t n, char *out, size_t cap) {
  size_t at = 0;
  out[0] = '\0';
  uint32_t e = lookup(g, words, n);
  for (; e != GZ_NONE && at < cap; e++) {
    const gz_entry *en = &g->entries[e];
    if (en->type == GZ_FAMILY_NAME)
      at += (size_t)snprintf(out + at, cap - at, "%s%s%s", at ? " " : "",
                             gz_str(g, g->entities[en->entity].id),
                             en->flags & GZ_ENTRY_CASE_EXACT ? ":exact" : "");
    if (en->flags & GZ_ENTRY_LAST)
      break;
  }
}

static void test_family_names_derived(void **state) {
  (void)state;
  built b;
  build(&b, people_tsv);
  const gz_image *g = &b.img;
  char got[256];
  const char *brown[] = {"brown"};
  family_entries(g, brown, 1, got, sizeof got);
  assert_string_equal(got,
                      "person/gordon-brown:exact person/chris-brown:exact");
  uint32_t e = lookup(g, brown, 1);
  assert_string_equal(gz_entry_surface(g, &g->entries[e]), "Brown");
  assert_string_equal(gz_str(g, g->entries[e].attrs),
                      "role=prime-minister;prominence=1");
  const char *bin_salman[] = {"bin", "salman"}, *salman[] = {"salman"};
  family_entries(g, bin_salman, 2, got, sizeof got);
  assert_string_equal(got, "person/mbs:exact");
  family_entries(g, salman, 1, got, sizeof got);
  assert_string_equal(got, "");
  const char *bush[] = {"bush"}, *jr[] = {"jr"};
  family_entries(g, bush, 1, got, sizeof got);
  assert_string_equal(got, "person/gwb:exact");
  assert_int_equal(lookup(g, jr, 1), GZ_NONE);
  const char *sisi[] = {"السيسي"};
  family_entries(g, sisi, 1, got, sizeof got);
  assert_string_equal(got, "person/sisi");
  const char *madonna[] = {"madonna"};
  family_entries(g, madonna, 1, got, sizeof got);
  assert_string_equal(got, "");

  const char *let[] = {"let"}, *qaeda[] = {"al", "-", "qaeda"};
  e = lookup(g, let, 1);
  assert_true(g->entries[e].flags & GZ_ENTRY_CASE_EXACT);
  assert_string_equal(gz_entry_surface(g, &g->entries[e]), "LeT");
  e = lookup(g, qaeda, 3);
  assert_int_not_equal(e, GZ_NONE);
  assert_false(g->entries[e].flags & GZ_ENTRY_CASE_EXACT);
  gz_image_free(&b.img);
}

/* A copy of the image with one 32-bit field changed and the checksum
 * made right again, as a crafted file would be: loading must refuse it
 * with the given message. */
static void expect_refused(const gz_image *g, size_t off, uint32_t value,
                           const char *message) {
  unsigned char *copy = rawi_mem_alloc(&rawi_default_allocator, g->size);
  memcpy(copy, g->base, g->size);
  memcpy(copy + off, &value, 4);
  gz_header *h = (gz_header *)copy;
  h->checksum = rawi_checksum(copy + h->header_size, g->size - h->header_size);
  gz_image bad;
  rawi_error err;
  assert_int_equal(gz_image_adopt(&bad, &rawi_default_allocator, copy, g->size,
                                  "x.gaz", &err),
                   RAWI_ERR_FORMAT);
  assert_string_equal(err.message, message);
}

static void test_image_checks(void **state) {
  (void)state;
  built b;
  build(&b, list_tsv);
  const gz_image *g = &b.img;
  const gz_header *h = g->h;
  size_t word = h->off_words, edge = h->off_edges;
  uint32_t w = 0, ed = 0;
  while (!g->words[w].str)
    w++;
  while (!g->edges[ed].parent)
    ed++;
  word += (size_t)w * sizeof(gz_word_slot);
  edge += (size_t)ed * sizeof(gz_edge_slot);
  expect_refused(g, word + 8, h->n_entries,
                 "corrupt gazetteer image: bad word table");
  expect_refused(g, word + 4, GZ_WORD_STARTS | (h->strings_size + 1),
                 "corrupt gazetteer image: bad word table");
  expect_refused(g, edge, 1,
                 "corrupt gazetteer image: bad edge table"); /* root */
  expect_refused(g, edge, h->n_word_slots + h->n_edge_slots + 2,
                 "corrupt gazetteer image: bad edge table");
  expect_refused(g, edge + 4, h->n_word_slots,
                 "corrupt gazetteer image: bad edge table");
  expect_refused(g, h->off_entries, h->n_entities,
                 "corrupt gazetteer image: entry out of bounds");
  expect_refused(g, h->off_entities + 4,
                 GZ_NAME_PATH | (h->n_word_slots + h->n_edge_slots + 1),
                 "corrupt gazetteer image: entity out of bounds");
  expect_refused(g, h->off_entities + 4, GZ_NAME_PATH,
                 "corrupt gazetteer image: entity out of bounds");
  expect_refused(g, h->off_entities, h->strings_size,
                 "corrupt gazetteer image: entity out of bounds");
  gz_image_free(&b.img);
}

/* A path name whose edges were emptied spells what is left, never more. */
static void test_path_name_bounded(void **state) {
  (void)state;
  built b;
  build(&b, "الولايات المتحده\tCOUNTRY\tcountry/us\n");
  gz_image *g = &b.img;
  uint32_t node = g->entities[0].name & ~GZ_NAME_PATH;
  assert_true(node > g->h->n_word_slots); /* a two-word path: an edge */
  gz_edge_slot *slot = (gz_edge_slot *)&g->edges[node - g->h->n_word_slots - 1];
  slot->parent = node + 1; /* a cycle: the node is its own parent */
  char name[4096];
  entity_name(g, 0, name, sizeof name);
  size_t words = 1;
  for (const char *p = name; *p; p++)
    words += *p == ' ';
  assert_int_equal(words, GZ_PATH_MAX);
  gz_image_free(&b.img);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_packed_round_trip),
      cmocka_unit_test(test_packed_halves_arabic),
      cmocka_unit_test(test_image_tables),
      cmocka_unit_test(test_family_names_derived),
      cmocka_unit_test(test_image_checks),
      cmocka_unit_test(test_path_name_bounded),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
