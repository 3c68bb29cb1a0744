#!/usr/bin/env python3
"""Writes states.tsv, the State names that a case name may give as respondent, each
mapped to one canonical English name: `canonical<TAB>form`, one form a line.

Source: the ISO 3166-1 names of the `pycountry` package (English short, common and
official names, and their French, Spanish, Portuguese, Russian, Arabic and Chinese
translations from the iso-codes project), plus the forms case law uses that ISO does not
list (historical States, `the former Yugoslav Republic of Macedonia`, `Royaume-Uni`…)
and the Russian genitive that follows `против` (`против Турции`), derived by rule.

Run: python3 -m venv /tmp/venv-names && /tmp/venv-names/bin/pip install pycountry
     /tmp/venv-names/bin/python crates/cite/data/make_states.py > crates/cite/data/states.tsv
"""
import gettext
import sys
import unicodedata

import pycountry

LANGUAGES = ["fr", "es", "pt", "ru", "ar", "zh_CN"]

# Canonical names where case law uses another English name than ISO's short name.
CANONICAL = {
    "TUR": "Turkey", "GBR": "United Kingdom", "USA": "United States", "RUS": "Russia",
    "MDA": "Moldova", "CZE": "Czech Republic", "COD": "Democratic Republic of the Congo",
    "COG": "Congo", "PSE": "Palestine", "VAT": "Holy See", "FSM": "Micronesia",
    "KOR": "Republic of Korea", "PRK": "Democratic People's Republic of Korea",
    "VNM": "Viet Nam", "LAO": "Lao People's Democratic Republic",
}

# Forms ISO does not give, by canonical name (English, French, Spanish, Portuguese, Russian).
EXTRA = {
    "Turkey": ["Turkey", "Republic of Turkey", "Turquie", "Turquía", "Turquia", "Турция", "تركيا"],
    "United Kingdom": ["the United Kingdom", "United Kingdom of Great Britain and Northern Ireland",
                       "Great Britain", "UK", "Royaume-Uni", "Royaume Uni", "Reino Unido",
                       "Соединенное Королевство", "Великобритания"],
    "United States": ["United States of America", "USA", "U.S.A.", "États-Unis", "Etats-Unis",
                      "États-Unis d'Amérique", "Estados Unidos", "Estados Unidos de América",
                      "Соединенные Штаты Америки"],
    "Russia": ["Russia", "Russian Federation", "Russie", "Fédération de Russie", "Rusia",
               "Federación de Rusia", "Rússia", "Россия", "Российская Федерация"],
    "Moldova": ["Moldova", "Republic of Moldova", "République de Moldova", "Moldavie",
                "Moldavia", "República de Moldova", "Moldávia", "Молдова", "Республика Молдова"],
    "North Macedonia": ["the former Yugoslav Republic of Macedonia", "Former Yugoslav Republic of Macedonia",
                        "Macedonia", "Republic of North Macedonia", "ex-République yougoslave de Macédoine",
                        "Macédoine du Nord", "Macédoine", "ex República Yugoslava de Macedonia",
                        "Macedonia del Norte", "Macedônia do Norte", "Macedónia do Norte",
                        "бывшая югославская Республика Македония", "Северная Македония", "Македония"],
    "Czech Republic": ["Czech Republic", "Czechia", "République tchèque", "República Checa",
                       "Chéquia", "Чешская Республика", "Чехия"],
    "Netherlands": ["the Netherlands", "Pays-Bas", "Países Bajos", "Holanda", "Países Baixos",
                    "Нидерланды"],
    "Democratic Republic of the Congo": ["Democratic Republic of the Congo", "DR Congo",
                                         "République démocratique du Congo",
                                         "República Democrática del Congo"],
    "Côte d'Ivoire": ["Ivory Coast", "Côte d’Ivoire", "Cote d'Ivoire"],
    "Eswatini": ["Swaziland"], "Myanmar": ["Burma"], "Cabo Verde": ["Cape Verde"],
    "Timor-Leste": ["East Timor"], "Belarus": ["Bélarus", "Biélorussie", "Bielorrusia"],
    "Gambia": ["The Gambia"], "Bahamas": ["The Bahamas"],
    "Republic of Korea": ["South Korea", "Korea"],
    "Mexico": ["México"], "Peru": ["Perú"], "Spain": ["España", "Espanha", "Espagne"],
    "Brazil": ["Brasil", "Brésil"], "Bolivia": ["Bolivia"], "Venezuela": ["Venezuela"],
    "Iran": ["Iran"], "Syria": ["Syria"], "Tanzania": ["Tanzania"],
    "Germany": ["Allemagne", "Alemania", "Alemanha", "Германия"],
    "Poland": ["Pologne", "Polonia", "Polônia", "Polónia", "Польша"],
    "Ukraine": ["Ucrania", "Ucrânia", "Украина"],
    "Azerbaijan": ["Azerbaïdjan", "Azerbaiyán", "Azerbaijão", "Азербайджан"],
    "Romania": ["Roumanie", "Rumania", "Romênia", "Roménia", "Румыния"],
    "Bulgaria": ["Bulgarie", "Bulgária", "Болгария"],
    "Georgia": ["Géorgie", "Грузия"], "Armenia": ["Arménie", "Armênia", "Армения"],
    "Serbia": ["Serbie", "Sérvia", "Сербия"], "Croatia": ["Croatie", "Croacia", "Croácia", "Хорватия"],
    "Slovakia": ["Slovaquie", "Eslovaquia", "Eslováquia", "Словакия"],
    "Hungary": ["Hongrie", "Hungría", "Hungria", "Венгрия"],
    "Greece": ["Grèce", "Grecia", "Grécia", "Греция"], "Italy": ["Italie", "Italia", "Itália", "Италия"],
    "France": ["Francia", "França", "Франция"], "Belgium": ["Belgique", "Bélgica", "Бельгия"],
    "Austria": ["Autriche", "Áustria", "Австрия"], "Switzerland": ["Suisse", "Suiza", "Suíça", "Швейцария"],
    "Ireland": ["Irlande", "Irlanda", "Ирландия"], "Sweden": ["Suède", "Suecia", "Suécia", "Швеция"],
    "Norway": ["Norvège", "Noruega", "Норвегия"], "Denmark": ["Danemark", "Dinamarca", "Дания"],
    "Finland": ["Finlande", "Finlandia", "Finlândia", "Финляндия"],
    "Portugal": ["Португалия"], "Lithuania": ["Lituanie", "Lituania", "Lituânia", "Литва"],
    "Latvia": ["Lettonie", "Letonia", "Letônia", "Латвия"], "Estonia": ["Estonie", "Estônia", "Эстония"],
    "Slovenia": ["Slovénie", "Eslovenia", "Eslovênia", "Словения"],
    "Bosnia and Herzegovina": ["Bosnie-Herzégovine", "Bosnia y Herzegovina", "Bósnia e Herzegovina",
                               "Босния и Герцеговина"],
    "Montenegro": ["Monténégro", "Черногория"], "Albania": ["Albanie", "Albânia", "Албания"],
    "Cyprus": ["Chypre", "Chipre", "Кипр"], "Malta": ["Malte", "Мальта"],
    "Luxembourg": ["Luxemburgo", "Люксембург"], "Iceland": ["Islande", "Islandia", "Islândia", "Исландия"],
    "Liechtenstein": ["Лихтенштейн"], "Monaco": ["Mónaco", "Монако"], "Andorra": ["Andorre", "Андорра"],
    "San Marino": ["Saint-Marin", "Сан-Марино"], "Canada": ["Canadá", "Канада"],
    "Australia": ["Australie", "Austrália", "Австралия"], "Colombia": ["Colombie", "Colômbia", "Колумбия"],
    "Argentina": ["Argentine", "Аргентина"], "Chile": ["Chili", "Чили"],
    "Uruguay": ["Uruguai", "Уругвай"], "Paraguay": ["Paraguai", "Парагвай"],
    "Ecuador": ["Équateur", "Equateur", "Equador", "Эквадор"], "Guatemala": ["Гватемала"],
    "Honduras": ["Гондурас"], "El Salvador": ["Salvador", "Сальвадор"],
    "Panama": ["Panamá", "Панама"], "Jamaica": ["Jamaïque", "Ямайка"],
    "Trinidad and Tobago": ["Trinité-et-Tobago", "Trinidad y Tobago", "Trinidad e Tobago"],
    "Suriname": ["Surinam"], "Nigeria": ["Federal Republic of Nigeria", "Nigéria", "Нигерия"],
    "Senegal": ["Sénégal", "Сенегал"], "Kenya": ["Republic of Kenya", "Quênia", "Кения"],
    "Uzbekistan": ["Ouzbékistan", "Uzbekistán", "Узбекистан"],
    "Kazakhstan": ["Kazajstán", "Cazaquistão", "Казахстан"],
    "Kyrgyzstan": ["Kirghizistan", "Kirguistán", "Quirguistão", "Киргизия", "Кыргызстан"],
    "Tajikistan": ["Tadjikistan", "Tayikistán", "Tajiquistão", "Таджикистан"],
    "Turkmenistan": ["Turkménistan", "Turkmenistán", "Turcomenistão", "Туркменистан"],
    # Historical States, kept apart from their successors.
    "Zaire": ["Zaire", "Zaïre", "Заир"],
    "Yugoslavia": ["Yugoslavia", "Federal Republic of Yugoslavia", "Yougoslavie", "Iugoslávia", "Югославия"],
    "Serbia and Montenegro": ["Serbia and Montenegro", "Serbie-et-Monténégro", "Serbia y Montenegro",
                              "Sérvia e Montenegro", "Сербия и Черногория"],
    "Czechoslovakia": ["Czechoslovakia", "Czech and Slovak Federal Republic", "Tchécoslovaquie",
                       "Checoslovaquia", "Чехословакия"],
    "Soviet Union": ["Soviet Union", "USSR", "Union of Soviet Socialist Republics", "СССР"],
}

ADJECTIVE_GENITIVE = [("ая", "ой"), ("яя", "ей"), ("ое", "ого"), ("ее", "его"), ("ый", "ого"),
                      ("ий", "ого"), ("ой", "ого"), ("ые", "ых"), ("ие", "их")]
PLURAL_GENITIVE = {"Штаты": "Штатов", "Эмираты": "Эмиратов", "Нидерланды": "Нидерландов",
                   "Острова": "Островов", "Филиппины": "Филиппин", "Багамы": "Багамских"}


def noun_genitive(word):
    for plural, genitive in PLURAL_GENITIVE.items():
        if word.lower() == plural.lower():
            return word[:1] + genitive[1:]
    if word == "Беларусь":
        return "Беларуси"
    lower = word.lower()
    if lower.endswith("ия") or lower.endswith("ея"):
        return word[:-1] + "и"
    if lower.endswith("я"):
        return word[:-1] + "и"
    if lower.endswith("а"):
        return word[:-1] + ("и" if lower[-2:-1] in "гкхжшчщ" else "ы")
    if lower.endswith("ство"):
        return word[:-1] + "а"
    if lower.endswith("й") or lower.endswith("ь"):
        return word[:-1] + "я"
    if lower[-1:] in "оеиуюэы":
        return word
    return word + "а"


def russian_genitive(name):
    """`Российская Федерация` → `Российской Федерации`: adjectives, then the first noun,
    are declined; what follows the noun (`Республика Молдова`) stays."""
    words = name.split(" ")
    declined = []
    for position, word in enumerate(words):
        ending = next(((a, b) for a, b in ADJECTIVE_GENITIVE if word.lower().endswith(a) and len(word) > 4), None)
        if ending and position + 1 < len(words):
            stem = word[: -len(ending[0])]
            replacement = ending[1]
            if stem[-1:] in "жшчщ" and replacement.startswith("о"):
                replacement = "е" + replacement[1:]
            declined.append(stem + replacement)
            continue
        if not word[:1].isalpha() or not ("а" <= word[:1].lower() <= "я" or word[:1] in "ёЁ"):
            return None
        declined.append(noun_genitive(word) if "-" not in word else word)
        declined.extend(words[position + 1:])
        break
    return " ".join(declined)


def fold(text):
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join("".join(c if c.isalnum() else " " for c in kept).split())


def uninverted(name):
    """`Moldova, Republic of` → `Republic of Moldova` and `Moldova`."""
    if ", " not in name:
        return [name]
    head, tail = name.split(", ", 1)
    return [name, head, f"{tail} {head}"]


def main():
    translations = {lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
                    for lang in LANGUAGES}
    forms = {}  # canonical -> ordered set of forms
    for country in pycountry.countries:
        canonical = CANONICAL.get(country.alpha_3) or getattr(country, "common_name", None) or country.name
        common = getattr(country, "common_name", None)
        names = uninverted(common) if common else []
        # Only ISO's own names are translated (a common name is not an iso-codes msgid).
        for name in [country.name, getattr(country, "official_name", None)]:
            if not name:
                continue
            names.extend(uninverted(name))
            for translation in translations.values():
                names.extend(uninverted(translation.gettext(name)))
        names.insert(0, canonical)
        forms.setdefault(canonical, []).extend(names)
    for canonical, extra in EXTRA.items():
        forms.setdefault(canonical, []).extend(extra)
    for canonical, names in forms.items():
        russian = [name for name in names if any("а" <= c.lower() <= "я" for c in name)]
        for name in russian:
            genitive = russian_genitive(name)
            if genitive:
                names.append(genitive)
    # A form naming two States (after folding) is dropped: it cannot say which.
    owners = {}
    for canonical, names in forms.items():
        for name in names:
            owners.setdefault(fold(name), set()).add(canonical)
    written = set()
    rows = []
    for canonical in sorted(forms):
        for name in forms[canonical]:
            folded = fold(name)
            if not folded or len(owners[folded]) > 1 and fold(canonical) != folded:
                continue
            if (canonical, folded) in written:
                continue
            written.add((canonical, folded))
            rows.append(f"{canonical}\t{name}")
    sys.stdout.write("# canonical\tform (generated by make_states.py from pycountry "
                     f"{pycountry.__version__}; do not edit by hand)\n")
    sys.stdout.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
