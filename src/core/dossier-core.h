/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-anchor.h"
#include "dossier-annotation.h"
#include "dossier-article.h"
#include "dossier-document.h"
#include "dossier-entity.h"
#include "dossier-error.h"
#include "dossier-history.h"
#include "dossier-import.h"
#include "dossier-import-batch.h"
#include "dossier-ner.h"
#include "dossier-source.h"
#include "dossier-source-registry.h"
#include "dossier-store.h"
#include "dossier-tag.h"
