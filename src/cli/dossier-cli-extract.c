/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-cli"

#include <string.h>

#include "dossier-cli.h"
#include "dossier-extract.h"

/*
 * dossier-cli extract: the extractors over one file, with no workspace.  The file goes
 * through the importer `import` uses, then dossier_extract_all(); the result is printed as
 * the JSON object of the command-line contract (docs/design.md), or as a short summary.
 */

/* Code point offsets to text */

/* One byte offset per this many code points: a mention's text is found by walking at most
 * this far, not from the start of the text, so thousands of mentions stay cheap. */
#define INDEX_STEP 64

typedef struct {
  const char *text;
  guint       length;   /* in code points */
  GArray     *marks;    /* gsize: the byte offset of code point i * INDEX_STEP */
} TextIndex;

static void
text_index_init (TextIndex  *index,
                 const char *text)
{
  guint n = 0;

  index->text = text;
  index->marks = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), n++)
    if (n % INDEX_STEP == 0)
      {
        gsize offset = (gsize) (p - text);

        g_array_append_val (index->marks, offset);
      }
  index->length = n;
}

static void
text_index_clear (TextIndex *index)
{
  g_clear_pointer (&index->marks, g_array_unref);
}

/* The code point at @offset, or the end of the text past it. */
static const char *
text_index_pointer (const TextIndex *index,
                    guint            offset)
{
  const char *p;

  offset = MIN (offset, index->length);
  if (offset == index->length)
    return index->text + strlen (index->text);
  p = index->text + g_array_index (index->marks, gsize, offset / INDEX_STEP);
  for (guint i = 0; i < offset % INDEX_STEP; i++)
    p = g_utf8_next_char (p);
  return p;
}

/* The text of [start, end); an extractor bug giving a span past the text is reported and
 * cut short rather than read out of bounds. */
static char *
text_index_slice (const TextIndex *index,
                  guint            start,
                  guint            end)
{
  const char *a, *b;

  if (start > end || end > index->length)
    g_warning ("Span [%u, %u) is not within the text (%u characters)", start, end,
               index->length);
  a = text_index_pointer (index, start);
  b = text_index_pointer (index, MAX (start, end));
  return g_strndup (a, (gsize) (b - a));
}

/* JSON */

static void
add_uint_member (JsonBuilder *builder,
                 const char  *name,
                 guint        value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* A span's "text" is always the text at its offsets, so that a consumer can check them.  For a
 * quote that is not quite the extractor's text, which leaves out the paragraph breaks and
 * captions inside a quote running across paragraphs; the summary shows that one. */
static void
add_span_members (JsonBuilder     *builder,
                  const TextIndex *index,
                  guint            start,
                  guint            end)
{
  g_autofree char *text = text_index_slice (index, start, end);

  add_uint_member (builder, "start", start);
  add_uint_member (builder, "end", end);
  add_string_member (builder, "text", text);
}

static void
add_regions (JsonBuilder *builder,
             GArray      *regions)
{
  json_builder_set_member_name (builder, "regions");
  json_builder_begin_array (builder);
  for (guint i = 0; regions != NULL && i < regions->len; i++)
    {
      const DossierRegion *region = &g_array_index (regions, DossierRegion, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "kind", dossier_region_kind_to_string (region->kind));
      add_uint_member (builder, "start", region->start);
      add_uint_member (builder, "end", region->end);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_entities (JsonBuilder     *builder,
              const TextIndex *index,
              GPtrArray       *entities)
{
  json_builder_set_member_name (builder, "entities");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entities->len; i++)
    {
      const DossierEntityMention *entity = g_ptr_array_index (entities, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "name", entity->name);
      add_string_member (builder, "kind", dossier_entity_kind_to_string (entity->kind));
      json_builder_set_member_name (builder, "aliases");
      json_builder_begin_array (builder);
      for (guint j = 0; entity->aliases != NULL && j < entity->aliases->len; j++)
        json_builder_add_string_value (builder, g_ptr_array_index (entity->aliases, j));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "mentions");
      json_builder_begin_array (builder);
      for (guint j = 0; entity->mentions != NULL && j < entity->mentions->len; j++)
        {
          const DossierSpan *span = &g_array_index (entity->mentions, DossierSpan, j);

          json_builder_begin_object (builder);
          add_span_members (builder, index, span->start, span->end);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_dates (JsonBuilder     *builder,
           const TextIndex *index,
           GPtrArray       *dates)
{
  json_builder_set_member_name (builder, "dates");
  json_builder_begin_array (builder);
  for (guint i = 0; i < dates->len; i++)
    {
      const DossierDateMention *date = g_ptr_array_index (dates, i);

      json_builder_begin_object (builder);
      add_span_members (builder, index, date->start, date->end);
      add_string_member (builder, "value", date->value);
      add_string_member (builder, "precision", dossier_date_precision_to_string (date->precision));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_optional_offset (JsonBuilder *builder,
                     const char  *name,
                     int          value)
{
  json_builder_set_member_name (builder, name);
  if (value >= 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_quotes (JsonBuilder     *builder,
            const TextIndex *index,
            GPtrArray       *quotes)
{
  json_builder_set_member_name (builder, "quotes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < quotes->len; i++)
    {
      const DossierQuoteMention *quote = g_ptr_array_index (quotes, i);
      gboolean has_speaker = quote->speaker != NULL && quote->speaker_start >= 0;

      json_builder_begin_object (builder);
      add_span_members (builder, index, quote->start, quote->end);
      add_string_member (builder, "speaker", quote->speaker);
      add_optional_offset (builder, "speaker_start", has_speaker ? quote->speaker_start : -1);
      add_optional_offset (builder, "speaker_end", has_speaker ? quote->speaker_end : -1);
      add_string_member (builder, "outlet", quote->outlet);
      add_string_member (builder, "cue", quote->cue);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_extraction_json (const DossierArticle    *article,
                       const char              *date,
                       const DossierExtraction *extraction)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  TextIndex index;

  text_index_init (&index, article->text);
  json_builder_begin_object (builder);
  add_string_member (builder, "title", article->title);
  add_string_member (builder, "date", date);
  add_string_member (builder, "outlet", article->outlet);
  add_string_member (builder, "text", article->text);
  add_regions (builder, extraction->regions);
  add_entities (builder, &index, extraction->entities);
  add_dates (builder, &index, extraction->dates);
  add_quotes (builder, &index, extraction->quotes);
  json_builder_end_object (builder);
  text_index_clear (&index);
  root = json_builder_get_root (builder);
  print_json (root);
}

/* Summary */

/* @text on one line: a quote running across paragraphs keeps its words, not its breaks. */
static char *
one_line (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r' || *p == '\t' || *p == ' ')
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
print_extraction_summary (const DossierArticle    *article,
                          const char              *date,
                          const DossierExtraction *extraction)
{
  GPtrArray *quotes = extraction->quotes;
  GPtrArray *dates = extraction->dates;
  guint n_regions = extraction->regions ? extraction->regions->len : 0;
  g_autofree char *title = cli_escape (article->title);
  g_autofree char *outlet = cli_escape (article->outlet);
  g_autofree char *day = cli_escape (date);

  if (article->title != NULL)
    g_print ("%-9s %s\n", "Title", title);
  if (article->outlet != NULL)
    g_print ("%-9s %s\n", "Outlet", outlet);
  if (date != NULL)
    g_print ("%-9s %s\n", "Date", day);
  else if (extraction->anchor_date != NULL)
    g_print ("%-9s none given; relative dates resolved against %s, found in the text\n",
             "Date", extraction->anchor_date);
  else
    g_print ("%-9s none given or found; relative dates left out (try --date)\n", "Date");

  g_print ("\n%u %s, %u %s, %u %s, %u %s\n",
           n_regions, n_regions == 1 ? "region" : "regions",
           extraction->entities->len, extraction->entities->len == 1 ? "entity" : "entities",
           dates->len, dates->len == 1 ? "date" : "dates",
           quotes->len, quotes->len == 1 ? "quote" : "quotes");

  if (quotes->len > 0)
    g_print ("\nQuotes\n");
  for (guint i = 0; i < quotes->len; i++)
    {
      const DossierQuoteMention *quote = g_ptr_array_index (quotes, i);
      g_autofree char *flat = one_line (quote->text ? quote->text : "");
      g_autofree char *text = cli_escape (flat);
      g_autoptr(GString) who = g_string_new (NULL);

      cli_append_escaped (who, quote->speaker, -1, FALSE);
      if (quote->outlet != NULL)
        {
          g_string_append (who, who->len ? " (via " : "(via ");
          cli_append_escaped (who, quote->outlet, -1, FALSE);
          g_string_append_c (who, ')');
        }
      g_print ("  %s: \"%s\"\n", who->len ? who->str : "(no speaker)", text);
    }

  if (dates->len > 0)
    g_print ("\nDates\n");
  for (guint i = 0; i < dates->len; i++)
    {
      const DossierDateMention *mention = g_ptr_array_index (dates, i);
      g_autofree char *flat = one_line (mention->text ? mention->text : "");
      g_autofree char *text = cli_escape (flat);

      g_print ("  %-10s  %s\n", mention->value, text);
    }
}

/* Options */

/* Whether @text is a day written exactly as YYYY-MM-DD, and one the calendar has. */
static gboolean
is_iso_day (const char *text)
{
  guint year = 0, month = 0, day = 0;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    {
      if (i == 4 || i == 7)
        continue;
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      if (i < 4)
        year = year * 10 + (guint) g_ascii_digit_value (text[i]);
      else if (i < 7)
        month = month * 10 + (guint) g_ascii_digit_value (text[i]);
      else
        day = day * 10 + (guint) g_ascii_digit_value (text[i]);
    }
  return g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/* The document's own day from its metadata, YYYY-MM-DD, or NULL when it has none or only a
 * month or a year. */
static char *
article_day (const DossierArticle *article)
{
  if (article->published == NULL || article->precision < DOSSIER_PRECISION_DAY ||
      strlen (article->published) < 10)
    return NULL;
  return g_strndup (article->published, 10);
}

/* extract */

int
run_extract (const char *workspace,
             int         argc,
             char      **argv)
{
  const Command *command = find_command ("extract");
  gboolean json = FALSE;
  g_autofree char *date_option = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      "Print one JSON object: the text, regions, entities, dates and quotes", NULL },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_option,
      "Resolve relative dates against DATE (YYYY-MM-DD) instead of the document's own date",
      "DATE" },
    { NULL }
  };
  g_autoptr(DossierArticle) article = NULL;
  g_autoptr(DossierExtraction) extraction = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *name = NULL;
  int status;

  /* No workspace is opened, not even the default one: extraction reads the file only. */
  (void) workspace;

  if ((status = parse_command_line (command, entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    {
      g_printerr ("dossier-cli extract: give one file\nTry 'dossier-cli extract --help'.\n");
      return EXIT_USAGE;
    }
  if (date_option != NULL && !is_iso_day (date_option))
    {
      g_autofree char *shown = cli_escape (date_option);

      g_printerr ("dossier-cli extract: --date “%s” is not a day written as YYYY-MM-DD "
                  "(for example 2024-06-20)\n", shown);
      return EXIT_USAGE;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  article = dossier_import_file (file, DOSSIER_FORMAT_AUTO, NULL, NULL, &error);
  if (article == NULL)
    {
      const char *reason = error->message;
      g_autofree char *shown_name = cli_escape (argv[1]);
      g_autofree char *shown_reason = NULL;

      /* The importer names the file by its base name; say it as given, as `import` does. */
      name = g_file_get_basename (file);
      if (name != NULL && g_str_has_prefix (reason, name) && reason[strlen (name)] == ':')
        {
          reason += strlen (name) + 1;
          while (*reason == ' ')
            reason++;
        }
      shown_reason = cli_escape (reason);
      g_printerr ("dossier-cli: %s: %s\n", shown_name, shown_reason);
      return EXIT_FAILED;
    }

  date = date_option != NULL ? g_strdup (date_option) : article_day (article);
  extraction = dossier_extract_all (article->text, article->regions, date);
  if (json)
    print_extraction_json (article, date, extraction);
  else
    print_extraction_summary (article, date, extraction);
  return EXIT_OK;
}
