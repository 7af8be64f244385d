/*
 * graph_feed: feed a graph store of your own from rawi's C API, without
 * going through JSON. The "store" here is two arrays (entities by id, and
 * edges); a real program would insert into its database at the same
 * places.
 *
 *   graph_feed PACK_DIR NAME < documents.txt
 *
 * Reads one document a line, then prints the names of the people NAME
 * met (met_with, either direction, as asserted: a planned meeting has
 * not happened), one a line, sorted. NAME is matched
 * as a substring of the entities' canonical names.
 *
 * Build: cc graph_feed.c $(pkg-config --cflags --libs rawi)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rawi/rawi.h>

typedef struct entity {
  char *id, *name;
} entity;
typedef struct edge {
  size_t subject, object;
  char *predicate;
} edge;

typedef struct store {
  entity *entities;
  size_t n_entities;
  edge *edges;
  size_t n_edges;
} store;

static char *copy(const char *s) {
  char *c = malloc(strlen(s) + 1);
  if (!c) {
    perror("graph_feed");
    exit(1);
  }
  return strcpy(c, s);
}

static void *grow(void *p, size_t n, size_t size) {
  void *q = realloc(p, (n + 1) * size);
  if (!q) {
    perror("graph_feed");
    exit(1);
  }
  return q;
}

/* The store's index of an entity: ids are the same in every document, so
 * an entity named by many documents is stored once. */
static size_t store_entity(store *s, const rawi_entity *e) {
  for (size_t i = 0; i < s->n_entities; i++)
    if (!strcmp(s->entities[i].id, e->id))
      return i;
  s->entities = grow(s->entities, s->n_entities, sizeof *s->entities);
  s->entities[s->n_entities] = (entity){copy(e->id), copy(e->name)};
  return s->n_entities++;
}

/* Everything rawi found in one document goes into the store. */
static void feed(store *s, const rawi_doc *doc) {
  size_t n = rawi_doc_entity_count(doc);
  size_t *index = calloc(n ? n : 1, sizeof *index);
  if (!index) {
    perror("graph_feed");
    exit(1);
  }
  for (size_t i = 0; i < n; i++) {
    rawi_entity e;
    rawi_doc_entity(doc, i, &e);
    index[i] = store_entity(s, &e);
  }
  for (size_t i = 0; i < rawi_doc_relation_count(doc); i++) {
    rawi_relation r;
    rawi_doc_relation(doc, i, &r);
    if (strcmp(r.modality, "asserted"))
      continue;
    s->edges = grow(s->edges, s->n_edges, sizeof *s->edges);
    s->edges[s->n_edges++] =
        (edge){index[r.subject], index[r.object], copy(r.predicate)};
  }
  free(index);
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names of those who met someone whose name holds `who`, each once. */
static void print_met(const store *s, const char *who) {
  const char **names = calloc(s->n_edges + 1, sizeof *names);
  size_t n = 0;
  for (size_t i = 0; names && i < s->n_edges; i++) {
    const edge *e = &s->edges[i];
    if (strcmp(e->predicate, "met_with"))
      continue;
    if (strstr(s->entities[e->subject].name, who))
      names[n++] = s->entities[e->object].name;
    else if (strstr(s->entities[e->object].name, who))
      names[n++] = s->entities[e->subject].name;
  }
  qsort(names, n, sizeof *names, by_name);
  for (size_t i = 0; i < n; i++)
    if (i == 0 || strcmp(names[i], names[i - 1]))
      puts(names[i]);
  free(names);
}

static void store_free(store *s) {
  for (size_t i = 0; i < s->n_entities; i++) {
    free(s->entities[i].id);
    free(s->entities[i].name);
  }
  for (size_t i = 0; i < s->n_edges; i++)
    free(s->edges[i].predicate);
  free(s->entities);
  free(s->edges);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: graph_feed PACK_DIR NAME < documents.txt\n");
    return 2;
  }
  rawi_error err;
  rawi_config *cfg = rawi_config_new();
  rawi_config_set_pack_dir(cfg, argv[1]);
  rawi_model *model = rawi_model_new(cfg, &err);
  rawi_config_free(cfg);
  rawi_session *session = model ? rawi_session_new(model, &err) : NULL;
  if (!session) {
    fprintf(stderr, "graph_feed: %s\n", err.message);
    rawi_model_free(model);
    return 1;
  }
  store s = {0};
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  while ((len = getline(&line, &cap, stdin)) > 0) {
    rawi_doc *doc = NULL;
    if (rawi_extract(session, line, (size_t)len, RAWI_LANG_AUTO, &doc, &err) ==
        RAWI_OK)
      feed(&s, doc);
    else
      fprintf(stderr, "graph_feed: skipped a document: %s\n", err.message);
    rawi_doc_free(doc);
  }
  print_met(&s, argv[2]);
  free(line);
  store_free(&s);
  rawi_session_free(session);
  rawi_model_free(model);
  return 0;
}
