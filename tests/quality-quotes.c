/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-quote-quality"

/*
 * Scores the quote extractor against PolNeAR's annotated news articles: a folder with
 * attributions.jsonl (quote, speaker and cue spans in code points into docs/<doc>.txt) and
 * the documents.
 *
 *   quality-quotes [--min-f1 X] [--min-speaker Y] [--verbose] CORPUS_DIR
 *
 * Only records with is_direct (quotations in quote marks) count.  Quote spans: one of our
 * quotations is right when it overlaps a span of a direct record (precision); a record is
 * found when one of our quotations overlaps one of its spans (recall); F1 = 2PR/(P+R).
 *
 * Speakers, on the records found: our quotation overlapping the record most is compared with
 * the record's speaker by head word (the last word of the name, before any comma or
 * parenthesis: "Dean Johnson, a salesman" is "johnson"), ignoring case.  Where we name no
 * person but an outlet, the outlet is compared.  PolNeAR marks the words of the text, so
 * its speaker is often "he", "she", "who" or a description ("the Florida senator"), where
 * Dossier reports the person resolved; such a gold speaker is resolved on the gold side to
 * the nearest named speaker of an earlier record of the same document, and either matches.
 * The strict figure (exact or same head word only) is printed too.
 *
 * Exits 77 (skipped) when CORPUS_DIR is absent, 1 when a --min is given and not met.
 */

#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "dossier-extract.h"
#include "dossier-import.h"

typedef struct {
  guint start;
  guint end;
} Span;

typedef struct {
  char    *doc;
  gboolean direct;
  GArray  *spans;          /* Span */
  char    *speaker;        /* NULL when none */
  guint    speaker_start;  /* G_MAXUINT when none */
  char    *resolved;       /* gold-side head of a pronoun or description, or NULL */
} Record;

static void
record_free (Record *r)
{
  g_free (r->doc);
  g_array_unref (r->spans);
  g_free (r->speaker);
  g_free (r->resolved);
  g_free (r);
}

/* The head word of a speaker: the last word before a comma, a parenthesis or a relative
 * clause, lowercased, without a possessive. */
static char *
head_word (const char *name)
{
  g_autofree char *copy = NULL;
  g_auto(GStrv) words = NULL;
  char *cut;
  guint n;

  if (name == NULL)
    return NULL;
  copy = g_strdup (name);
  /* "A top strategist, John Weaver,": the name after a description. */
  if ((cut = strchr (copy, ',')) != NULL)
    {
      const char *after = cut + 1;

      while (*after == ' ')
        after++;
      *cut = '\0';
      if (g_unichar_isupper (g_utf8_get_char (after)) && strrchr (copy, ' ') != NULL &&
          g_unichar_islower (g_utf8_get_char (strrchr (copy, ' ') + 1)))
        {
          char *rest = g_strdup (after);

          g_free (copy);
          copy = rest;
          if ((cut = strchr (copy, ',')) != NULL)
            *cut = '\0';
        }
    }
  if ((cut = strchr (copy, '(')) != NULL)
    *cut = '\0';
  if ((cut = strstr (copy, " who ")) != NULL)
    *cut = '\0';
  if ((cut = strstr (copy, " \xe2\x80\x94")) != NULL) /* " —": an aside */
    *cut = '\0';
  /* "Stacy Baker of Columbia": where a person is from; "Secretary of State Hillary
   * Clinton" keeps its "of". */
  if ((cut = strstr (copy, " of ")) != NULL)
    {
      const char *space = strchr (copy, ' ');

      if (space != NULL && space < cut && g_unichar_isupper (g_utf8_get_char (cut + 4)))
        *cut = '\0';
    }
  g_strstrip (copy);
  words = g_strsplit (copy, " ", -1);
  n = g_strv_length (words);
  while (n > 0 && words[n - 1][0] == '\0')
    n--;
  if (n == 0)
    return NULL;
  {
    GString *head = g_string_new (NULL);

    for (const char *p = words[n - 1]; *p; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);

        if (c == '\'' || c == 0x2019)
          break;
        if (g_unichar_isalnum (c) || c == '-')
          g_string_append_unichar (head, g_unichar_tolower (c));
      }
    if (head->len == 0)
      {
        g_string_free (head, TRUE);
        return NULL;
      }
    return g_string_free (head, FALSE);
  }
}

/* A speaker the gold marks as written that Dossier resolves: a pronoun ("He"), a relative
 * pronoun or a description ("the Florida senator"), whose head word is not a name. */
static gboolean
is_reference (const char *speaker)
{
  static const char * const pronouns[] = {
    "he", "she", "they", "who", "him", "her", "i", "we", "it", "you", "whom",
  };
  g_autofree char *head = head_word (speaker);
  const char *p;

  if (head == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (pronouns); i++)
    if (strcmp (head, pronouns[i]) == 0)
      return TRUE;
  /* The head as written: "the Florida senator" ends in lower case, "Alex Conant" not. */
  p = strstr (speaker, " who ");
  {
    g_autofree char *copy = g_strndup (speaker, p != NULL ? (gsize) (p - speaker) : strlen (speaker));
    char *cut = strpbrk (copy, ",(");
    char *last;

    if (cut != NULL)
      *cut = '\0';
    g_strstrip (copy);
    last = strrchr (copy, ' ');
    last = last != NULL ? last + 1 : copy;
    return g_unichar_islower (g_utf8_get_char (last));
  }
}

static GPtrArray *
load_records (const char  *path,
              GError     **error)
{
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);

  if (!g_file_get_contents (path, &data, NULL, error))
    {
      g_ptr_array_unref (records);
      return NULL;
    }
  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *obj;
      JsonArray *spans;
      Record *r;

      if (*g_strstrip (lines[i]) == '\0')
        continue;
      if (!json_parser_load_from_data (parser, lines[i], -1, error))
        {
          g_prefix_error (error, "%s line %u: ", path, i + 1);
          g_ptr_array_unref (records);
          return NULL;
        }
      obj = json_node_get_object (json_parser_get_root (parser));
      r = g_new0 (Record, 1);
      r->doc = g_strdup (json_object_get_string_member (obj, "doc"));
      r->direct = json_object_get_boolean_member (obj, "is_direct");
      r->spans = g_array_new (FALSE, FALSE, sizeof (Span));
      spans = json_object_get_array_member (obj, "quote_spans");
      for (guint k = 0; k < json_array_get_length (spans); k++)
        {
          JsonArray *pair = json_array_get_array_element (spans, k);
          Span span = { (guint) json_array_get_int_element (pair, 0),
                        (guint) json_array_get_int_element (pair, 1) };

          g_array_append_val (r->spans, span);
        }
      if (!json_object_get_null_member (obj, "speaker"))
        r->speaker = g_strdup (json_object_get_string_member (obj, "speaker"));
      spans = json_object_get_array_member (obj, "speaker_spans");
      r->speaker_start = G_MAXUINT;
      if (json_array_get_length (spans) > 0)
        r->speaker_start = (guint) json_array_get_int_element (json_array_get_array_element (spans, 0), 0);
      g_ptr_array_add (records, r);
    }
  return records;
}

static int
compare_by_speaker (gconstpointer a,
                    gconstpointer b)
{
  const Record *ra = *(Record * const *) a, *rb = *(Record * const *) b;
  int c = strcmp (ra->doc, rb->doc);

  if (c != 0)
    return c;
  return ra->speaker_start < rb->speaker_start ? -1 : ra->speaker_start > rb->speaker_start;
}

/* Gold-side resolution of "he", "the Florida senator": the nearest earlier record of the
 * document (direct or not) whose speaker is a name. */
static void
resolve_gold (GPtrArray *records)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_copy (records, NULL, NULL);
  const char *doc = NULL;
  g_autofree char *last_name = NULL;

  /* The copy shares the records; it must not free them. */
  g_ptr_array_set_free_func (sorted, NULL);
  g_ptr_array_sort (sorted, compare_by_speaker);
  for (guint i = 0; i < sorted->len; i++)
    {
      Record *r = g_ptr_array_index (sorted, i);

      if (g_strcmp0 (doc, r->doc) != 0)
        {
          doc = r->doc;
          g_clear_pointer (&last_name, g_free);
        }
      if (r->speaker == NULL)
        continue;
      if (is_reference (r->speaker))
        r->resolved = g_strdup (last_name);
      else
        {
          g_free (last_name);
          last_name = head_word (r->speaker);
        }
    }
}

static gboolean
overlaps (guint a0,
          guint a1,
          guint b0,
          guint b1)
{
  return a0 < b1 && b0 < a1;
}

static guint
overlap (guint a0,
         guint a1,
         guint b0,
         guint b1)
{
  return overlaps (a0, a1, b0, b1) ? MIN (a1, b1) - MAX (a0, b0) : 0;
}

typedef struct {
  guint ours;
  guint ours_right;
  guint gold;
  guint gold_found;
  guint speaker_right;
  guint speaker_strict;
} Counts;

static void
print_counts (const char   *name,
              const Counts *c)
{
  double p = c->ours ? (double) c->ours_right / c->ours : 0;
  double r = c->gold ? (double) c->gold_found / c->gold : 0;
  double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;

  g_print ("%-56.56s %4u %4u %6.3f %6.3f %6.3f %6.3f %6.3f\n", name, c->gold, c->ours, p, r, f1,
           c->gold_found ? (double) c->speaker_right / c->gold_found : 0,
           c->gold_found ? (double) c->speaker_strict / c->gold_found : 0);
}

static char *
text_at (const char *text,
         guint       start,
         guint       end)
{
  const char *a = g_utf8_offset_to_pointer (text, start);
  const char *b = g_utf8_offset_to_pointer (text, end);

  return g_strndup (a, (gsize) (b - a));
}

static gboolean
score_doc (const char *dir,
           const char *doc,
           GPtrArray  *records,
           gboolean    verbose,
           Counts     *total,
           gint64     *elapsed,
           gsize      *bytes)
{
  g_autofree char *file = g_strconcat (doc, ".txt", NULL);
  g_autofree char *path = g_build_filename (dir, "docs", file, NULL);
  g_autofree char *raw = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierArticle) article = NULL;
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GArray) regions = NULL;
  g_autoptr(GPtrArray) gold = g_ptr_array_new ();
  const char *text;
  g_autofree gboolean *found = NULL;
  Counts c = { 0, };
  gsize len;
  gint64 t0;

  if (!g_file_get_contents (path, &raw, &len, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  /* The importer's text is used when it is the file's text (offsets agree); otherwise the
   * raw text with paragraphs from its blank lines. */
  article = dossier_text_import (raw, len, file, NULL);
  t0 = g_get_monotonic_time ();
  if (article != NULL && g_strcmp0 (article->text, g_strchomp (raw)) == 0)
    {
      text = article->text;
      regions = dossier_extract_regions (text, article->regions);
    }
  else
    {
      text = raw;
      regions = dossier_extract_regions (text, NULL);
    }
  quotes = dossier_extract_quotes (text, regions);
  *elapsed += g_get_monotonic_time () - t0;
  *bytes += strlen (text);

  for (guint i = 0; i < records->len; i++)
    {
      Record *r = g_ptr_array_index (records, i);

      if (r->direct && strcmp (r->doc, doc) == 0)
        g_ptr_array_add (gold, r);
    }
  found = g_new0 (gboolean, gold->len);
  c.gold = gold->len;
  c.ours = quotes->len;

  for (guint q = 0; q < quotes->len; q++)
    {
      DossierQuoteMention *m = g_ptr_array_index (quotes, q);
      gboolean right = FALSE;

      for (guint g = 0; g < gold->len && !right; g++)
        {
          Record *r = g_ptr_array_index (gold, g);

          for (guint k = 0; k < r->spans->len; k++)
            {
              Span *span = &g_array_index (r->spans, Span, k);

              if (overlaps (m->start, m->end, span->start, span->end))
                right = TRUE;
            }
        }
      if (right)
        c.ours_right++;
      else if (verbose)
        g_print ("  extra   [%u,%u) %.90s  (speaker %s)\n", m->start, m->end, m->text,
                 m->speaker);
    }

  for (guint g = 0; g < gold->len; g++)
    {
      Record *r = g_ptr_array_index (gold, g);
      DossierQuoteMention *best = NULL;
      guint best_overlap = 0;
      g_autofree char *gold_head = head_word (r->speaker);
      g_autofree char *our_head = NULL;
      gboolean right, strict;

      for (guint q = 0; q < quotes->len; q++)
        {
          DossierQuoteMention *m = g_ptr_array_index (quotes, q);
          guint o = 0;

          for (guint k = 0; k < r->spans->len; k++)
            {
              Span *span = &g_array_index (r->spans, Span, k);

              o += overlap (m->start, m->end, span->start, span->end);
            }
          if (o > best_overlap)
            {
              best = m;
              best_overlap = o;
            }
        }
      if (best == NULL)
        {
          if (verbose)
            {
              Span *span = &g_array_index (r->spans, Span, 0);
              g_autofree char *quote = text_at (text, span->start, span->end);

              g_print ("  missed  [%u,%u) %.90s\n", span->start, span->end, quote);
            }
          continue;
        }
      found[g] = TRUE;
      c.gold_found++;
      our_head = head_word (best->speaker != NULL ? best->speaker : best->outlet);
      strict = g_strcmp0 (our_head, gold_head) == 0;
      right = strict || (r->resolved != NULL && g_strcmp0 (our_head, r->resolved) == 0);
      c.speaker_right += right;
      c.speaker_strict += strict;
      if (!right && verbose)
        g_print ("  speaker [%u,%u) ours %s (%s) gold %s%s%s  %.60s\n", best->start, best->end,
                 best->speaker, best->outlet, r->speaker, r->resolved ? " -> " : "",
                 r->resolved ? r->resolved : "", best->text);
    }

  print_counts (doc, &c);
  total->ours += c.ours;
  total->ours_right += c.ours_right;
  total->gold += c.gold;
  total->gold_found += c.gold_found;
  total->speaker_right += c.speaker_right;
  total->speaker_strict += c.speaker_strict;
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *jsonl = NULL;
  g_autofree char *docs_dir = NULL;
  g_autoptr(GDir) dir = NULL;
  double min_f1 = -1, min_speaker = -1, p, r, f1, speaker;
  gboolean verbose = FALSE;
  Counts total = { 0, };
  gint64 elapsed = 0;
  gsize bytes = 0;
  const char *name;
  GOptionEntry entries[] = {
    { "min-f1", 0, 0, G_OPTION_ARG_DOUBLE, &min_f1, "Fail when the span F1 is lower", "X" },
    { "min-speaker", 0, 0, G_OPTION_ARG_DOUBLE, &min_speaker,
      "Fail when the speaker accuracy is lower", "X" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "List every error", NULL },
    { NULL },
  };

  context = g_option_context_new ("CORPUS_DIR");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("%s\n", error ? error->message
                                : "usage: quality-quotes [--min-f1 X] [--min-speaker Y] DIR");
      return 2;
    }

  jsonl = g_build_filename (argv[1], "attributions.jsonl", NULL);
  docs_dir = g_build_filename (argv[1], "docs", NULL);
  if (!g_file_test (jsonl, G_FILE_TEST_EXISTS) || !g_file_test (docs_dir, G_FILE_TEST_IS_DIR))
    {
      g_print ("%s: no corpus here (attributions.jsonl and docs/), skipped\n", argv[1]);
      return 77;
    }
  records = load_records (jsonl, &error);
  if (records == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  resolve_gold (records);

  dir = g_dir_open (docs_dir, 0, &error);
  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (docs, g_strndup (name, strlen (name) - 4));
  g_ptr_array_sort (docs, compare_strings);

  g_print ("%-56s %4s %4s %6s %6s %6s %6s %6s\n", "document", "gold", "ours", "P", "R", "F1",
           "spkr", "strict");
  for (guint i = 0; i < docs->len; i++)
    if (!score_doc (argv[1], g_ptr_array_index (docs, i), records, verbose, &total, &elapsed,
                    &bytes))
      return 2;

  p = total.ours ? (double) total.ours_right / total.ours : 0;
  r = total.gold ? (double) total.gold_found / total.gold : 0;
  f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
  speaker = total.gold_found ? (double) total.speaker_right / total.gold_found : 0;
  g_print ("\n");
  print_counts ("all (micro-averaged over quotations)", &total);
  g_print ("\nspan precision %.3f (%u/%u), recall %.3f (%u/%u), F1 %.3f\n", p, total.ours_right,
           total.ours, r, total.gold_found, total.gold, f1);
  g_print ("speaker accuracy %.3f (%u/%u), strict %.3f (%u/%u)\n", speaker, total.speaker_right,
           total.gold_found, total.gold_found ? (double) total.speaker_strict / total.gold_found : 0,
           total.speaker_strict, total.gold_found);
  g_print ("regions + quotes: %zu bytes in %.1f ms\n", bytes, elapsed / 1000.0);

  if (min_f1 >= 0 && f1 < min_f1)
    {
      g_printerr ("span F1 %.3f is below %.3f\n", f1, min_f1);
      return 1;
    }
  if (min_speaker >= 0 && speaker < min_speaker)
    {
      g_printerr ("speaker accuracy %.3f is below %.3f\n", speaker, min_speaker);
      return 1;
    }
  return 0;
}
