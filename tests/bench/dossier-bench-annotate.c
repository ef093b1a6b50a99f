/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-bench"

#include "dossier-core.h"

/*
 * dossier-bench-annotate WORKSPACE DOCUMENT N: adds N annotations to one document, spread
 * over its whole text (kinds in turn, some overlapping, quotes and claims with a speaker, a
 * source and tags), in one transaction.  tools/bench-startup uses it to time opening a 1 MB
 * document that carries 5,000 annotations.
 */
int
main (int    argc,
      char **argv)
{
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  const char *speakers[] = { "Ilse Varga", "Aleksandr Voronin", "Mara Ostrand", "Tove Lind" };
  const char *sources[] = { "Reuters", "IRNA", "TASS", "Xinhua", "AFP", "X" };
  const char *tags[][3] = { { "ports", NULL }, { "grain", "shipping", NULL }, { NULL } };
  guint64 document_id, n;
  GRand *rand;
  glong length;

  if (argc != 4 || !g_ascii_string_to_unsigned (argv[2], 10, 1, G_MAXINT64, &document_id, NULL) ||
      !g_ascii_string_to_unsigned (argv[3], 10, 1, 1000000, &n, NULL))
    {
      g_printerr ("Usage: dossier-bench-annotate WORKSPACE DOCUMENT N\n");
      return 2;
    }
  store = dossier_store_open (argv[1], &error);
  if (store == NULL || (document = dossier_store_get_document (store, (gint64) document_id,
                                                               &error)) == NULL)
    {
      g_printerr ("dossier-bench-annotate: %s\n", error->message);
      return 1;
    }
  length = g_utf8_strlen (dossier_document_get_text (document), -1);
  if (length < 400)
    {
      g_printerr ("dossier-bench-annotate: the document is too short\n");
      return 1;
    }

  rand = g_rand_new_with_seed (20261123);
  if (!dossier_store_begin_batch (store, &error))
    {
      g_printerr ("dossier-bench-annotate: %s\n", error->message);
      return 1;
    }
  for (guint64 i = 0; i < n; i++)
    {
      DossierAnnotationFields fields = { .kind = (DossierAnnotationKind) (i % 4) };
      /* Evenly spread, with a little jitter; every tenth one long enough to overlap. */
      guint start = (guint) ((length - 300) * i / n) + (guint) g_rand_int_range (rand, 0, 40);
      guint span = (guint) g_rand_int_range (rand, 12, i % 10 == 0 ? 300 : 120);

      if (fields.kind == DOSSIER_ANNOTATION_QUOTE || fields.kind == DOSSIER_ANNOTATION_CLAIM)
        {
          fields.speaker = speakers[i % G_N_ELEMENTS (speakers)];
          fields.source = sources[i % G_N_ELEMENTS (sources)];
          fields.cue = "said";
          fields.tags = tags[i % G_N_ELEMENTS (tags)];
        }
      if (fields.kind == DOSSIER_ANNOTATION_CLAIM)
        fields.credibility = 1 + (int) (i % 6);
      if (dossier_store_add_annotation (store, (gint64) document_id, start, start + span, &fields,
                                        &error) == 0)
        {
          g_printerr ("dossier-bench-annotate: %s\n", error->message);
          dossier_store_rollback_batch (store);
          g_rand_free (rand);
          return 1;
        }
    }
  g_rand_free (rand);
  if (!dossier_store_commit_batch (store, &error))
    {
      g_printerr ("dossier-bench-annotate: %s\n", error->message);
      return 1;
    }
  g_print ("%" G_GUINT64_FORMAT " annotations added to document %" G_GUINT64_FORMAT "\n", n,
           document_id);
  return 0;
}
