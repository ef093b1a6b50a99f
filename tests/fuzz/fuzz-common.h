/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "dossier-article.h"

G_BEGIN_DECLS

/* libFuzzer's entry points, defined by each target (and by fuzz-common.c for the set-up). */
int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

/* Reports a broken invariant on stderr ("dossier-fuzz: invariant violated: …") and aborts, so
 * that libFuzzer keeps the input. */
G_NORETURN void dossier_fuzz_fail (const char *format,
                                   ...) G_GNUC_PRINTF (1, 2);

/* Aborts, with a description on stderr, unless exactly one of @article and @error is set and
 * @article keeps the invariants of an importer's result: valid UTF-8 everywhere, regions
 * within the text, in order and not overlapping. */
void dossier_fuzz_check_result (const DossierArticle *article,
                                const GError         *error);

G_END_DECLS
