/*
 * 200 discovered persons found by the tagger or a role, sampled at random with a fixed seed, for
 * judging by hand. Run against an ANT warehouse:
 *   npx mirsad sql --out /tmp/x --format csv "$(cat packages/ingest/src/bench/person-sample.sql)"
 * gives the first sample (seed «ner-sample-2026», judged in person-judgements.tsv);
 *   npx mirsad sql --out /tmp/x --format csv "SET VARIABLE sample_seed = 'ner-sample-2026-b'; $(cat …)"
 * the second (person-judgements-2.tsv), drawn after the one-word person rule changed.
 * Seed «nerprec-before» on the start of the person-precision work (person-judgements-3.tsv),
 * «nerprec-after» on its first round of filters (person-judgements-4.tsv), «nerprec-final» on the
 * last (person-judgements-5.tsv). Seed «nere2e-final» on the evidence-based tagger person rules
 * (person-judgements-6.tsv, drawn from a warehouse of their last commit).
 * The same seed again on main after the retrained tagger joined them (person-judgements-7.tsv).
 * Seed «prec-dev» on the start of the next precision round, read to find the errors and not
 * committed; «prec-final» on a warehouse of its last commit (person-judgements-8.tsv).
 * Seed «issue12» on the start of the recall work (80929d5, person-judgements-9.tsv) and, the same
 * seed, on a warehouse of its last code commit (e52ae26, person-judgements-10.tsv): the same draw where the
 * entities are the same, so the two files differ only where the work changed the sample.
 * Seed «issue12-s21» on a warehouse of 27ce3b5, the start of the person-precision round
 * (person-judgements-11.tsv), and on one of that round's last code commit (person-judgements-12.tsv).
 * Seed «issue12-s22» on a warehouse of 857a97b, the start of the next person-precision round, read to
 * find its errors (person-judgements-13.tsv); «issue12-s23», a fresh draw, on that start and on a
 * warehouse of the round's last code commit (person-judgements-14.tsv and -15.tsv).
 * Seed «antprec-dev» on a warehouse of fc9b48c, the start of the next person-precision round, read
 * to find its errors and not committed; «antprec-final», a fresh draw, on a warehouse of that round's
 * last code commit (person-judgements-16.tsv).
 * Seed «antprec-words», a fresh draw, on a warehouse of the entity-level rule that drops names with
 * a word of the sentence on them (resolve/cluster.ts sentenceWordNames; person-judgements-17.tsv).
 * Seeds «antprec-2026-12-07-a» and «antprec-2026-12-07-b», fresh draws, each on a warehouse of 547efc9
 * (person-judgements-18.tsv, -20.tsv) and of the commit that joins a two-word name to the three-word
 * name it ends, names an entity with the given name its spelling missed and reads inflected words of
 * the sentence (person-judgements-19.tsv, -21.tsv).
 * Seed «antprec-2026-12-08-a», a fresh draw, on a warehouse of f9327e4 (person-judgements-22.tsv; the
 * same 200 entities on the branch that keeps a name's own first و and keys «أل…» as no article), and
 * «antprec-2026-12-08-b», a fresh draw, on a warehouse of that branch's last commit (person-judgements-23.tsv).
 * Seed «antprec-2026-12-09-a», a fresh draw, on a warehouse of the branch that cuts a common Arabic word
 * after a surname of the article off a name and joins no two-word name across a father's given name
 * (person-judgements-24.tsv); «antprec-2026-12-08-a» again on the same warehouse (person-judgements-25.tsv:
 * -22's judgements where the entity is the same, the others judged anew).
 * Seed «antprec-2026-12-10-a», a fresh draw, on a warehouse of 6a152e6 (main after that branch's merge; person-judgements-26.tsv).
 * Seed «antprec-2026-12-11-a», a fresh draw, on a warehouse of the branch that keeps a name's own first
 * ف after a word, drops teams and places read as persons and cuts a common word off before a surname
 * (person-judgements-27.tsv).
 * Seed «antprec-2026-12-12-a», a fresh draw, on a warehouse of 41392f3 (main after that branch, the
 * near-choice merge rules and the tagger's hot-word table were merged; person-judgements-28.tsv).
 * The context column quotes the corpus: keep the output outside the repo.
 */
WITH found AS (
  SELECT m.entity_id,
         string_agg(DISTINCT m.method, '+' ORDER BY m.method) AS methods,
         count(*) AS mentions,
         min_by(m.article_id, m.article_id || lpad(m.start::VARCHAR, 8, '0')) AS article_id,
         min_by(m.start, m.article_id || lpad(m.start::VARCHAR, 8, '0')) AS start,
         min_by(m."end", m.article_id || lpad(m.start::VARCHAR, 8, '0')) AS "end"
  FROM mentions m JOIN entities e USING (entity_id)
  WHERE e.origin = 'discovered' AND e.type = 'person'
  GROUP BY m.entity_id
  HAVING bool_or(m.method IN ('tagger', 'role'))
)
SELECT e.name_ar, f.methods, f.mentions,
       replace(substring(a.body, greatest(1, f.start - 39), f.start - greatest(0, f.start - 40)) || ' [' || substring(a.body, f.start + 1, f."end" - f.start) || '] ' || substring(a.body, f."end" + 1, 40), chr(10), ' ') AS context
FROM found f JOIN entities e USING (entity_id) JOIN articles a USING (article_id)
ORDER BY md5(f.entity_id || ':' || coalesce(getvariable('sample_seed'), 'ner-sample-2026')) LIMIT 200;
