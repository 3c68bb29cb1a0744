//! The whole ECtHR citation authority (`corpus/echr/citation_authority_eng.csv`,
//! 21,078 official citation strings) read as the gazetteer, and real name-only
//! mentions resolved through it.

use hrlex_cite::{extract_with_gazetteer, find_case_names, CitingContext, Gazetteer};
use std::collections::BTreeSet;

fn gazetteer() -> Gazetteer {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../corpus/echr/citation_authority_eng.csv"
    );
    let file = std::fs::File::open(path).expect("the embedded gazetteer");
    Gazetteer::from_csv(std::io::BufReader::new(file)).expect("the gazetteer parses")
}

#[test]
fn every_row_is_read_and_almost_every_row_gives_a_case() {
    let gazetteer = gazetteer();
    assert_eq!(gazetteer.len() + gazetteer.skipped(), 21_078);
    // Rows without an application or Series A number (Reports-only citations) are the
    // only ones skipped.
    assert!(gazetteer.skipped() < 320, "skipped {}", gazetteer.skipped());
    assert!(gazetteer.names() > 19_000, "names {}", gazetteer.names());
    // Each official name, looked up as written, finds its own entry.
    let mut unique = 0;
    for entry in gazetteer.entries() {
        let found = gazetteer.lookup(&entry.name);
        assert!(
            found.iter().any(|other| other.key == entry.key),
            "{} does not find itself",
            entry.name
        );
        let keys: BTreeSet<&str> = found.iter().map(|other| other.key.as_str()).collect();
        if keys.len() == 1 {
            unique += 1;
        }
    }
    // Names shared by different cases (`X v. the United Kingdom`) need a year.
    let share = unique as f64 / gazetteer.len() as f64;
    eprintln!(
        "gazetteer: {} entries, {} rows skipped, {} distinct names, {unique} entries whose name designates one case ({share:.3})",
        gazetteer.len(),
        gazetteer.skipped(),
        gazetteer.names()
    );
    assert!(
        share > 0.9,
        "only {share:.3} of the names designate one case"
    );
}

#[test]
fn real_name_only_mentions_resolve() {
    let gazetteer = gazetteer();
    // corpus/iacthr/pdfs/98318.pdf (Inter-American Court, Artavia Murillo v. Costa
    // Rica, English), footnote: the Grand Chamber judgment named without its number.
    let text = "ECHR, Sabri Günes v. Turkey, Grand Chamber, judgment of 29 June 2012, Büyükdağ v. Turkey (dec.), no. 28340/95, judgment of 6 April 2000";
    let citations = extract_with_gazetteer(text, &CitingContext::default(), &gazetteer);
    let keys: Vec<&str> = citations
        .iter()
        .map(|citation| citation.key.as_str())
        .collect();
    assert_eq!(keys, ["ecthr:app:27396/06", "ecthr:app:28340/95"]);
    assert_eq!(citations[0].surface, "Sabri Günes v. Turkey");
    assert_eq!(citations[0].attrs["via"], "gazetteer");
    assert_eq!(citations[0].attrs["name"], "Sabri Güneş v. Turkey");

    // SPEC §0 rule 5's example.
    let found = find_case_names("in M.S.S. v. Belgium and Greece the Court", &gazetteer);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].key.as_str(), "ecthr:app:30696/09");

    // 98318.pdf names Evans with its number: the number is what is cited.
    let text = "ECHR, Case of Evans v. United Kingdom, (No. 6339/05), Judgment of 10 April 2007, para. 54.";
    let citations = extract_with_gazetteer(text, &CitingContext::default(), &gazetteer);
    assert_eq!(citations.len(), 1);
    assert_eq!(citations[0].key.as_str(), "ecthr:app:6339/05");
    assert!(!citations[0].attrs.contains_key("via"));

    // Russian and Chinese forms are not in this English gazetteer: nothing, no panic.
    assert!(find_case_names("Эванс против Соединенного Королевства", &gazetteer).is_empty());
    assert!(find_case_names("M.S.S.诉比利时和希腊案", &gazetteer).is_empty());
}

#[test]
fn french_and_russian_respondents_resolve_through_the_whole_gazetteer() {
    let gazetteer = gazetteer();
    for (text, key) in [
        ("Sabri Güneş c. Turquie [GC], § 54", "ecthr:app:27396/06"),
        ("Sabri Güneş против Турции, § 54", "ecthr:app:27396/06"),
        ("M.S.S. c. Belgique et Grèce [GC]", "ecthr:app:30696/09"),
        ("M.S.S. против Бельгии и Греции", "ecthr:app:30696/09"),
        ("Caso Evans Vs. Reino Unido, párr. 54", "ecthr:app:6339/05"),
    ] {
        let found = find_case_names(text, &gazetteer);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        assert_eq!(found[0].key.as_str(), key, "{text}");
    }
}
