/**
 * How a teacher's link shapes the page (issue #15, as TensorFlow Playground's hide flags do):
 * `?hide=cell,optimizer` keeps those settings at the link's values and takes their controls off the page, and
 * `?embed=1` shows a compact page without the header and the settings, for slides and course pages (an iframe of
 * 800 × 600). Names are the settings' address keys (the CLI's flags). An unknown name or value is ignored with a
 * notice, like any tampered value of the link.
 */
import { CONFIG_FIELDS, type TrainConfig } from '../shared/config';

/** What the link asks of the page. */
export interface PageDisplay {
  /** Settings whose controls are not shown. */
  hidden: ReadonlyArray<keyof TrainConfig>;
  /** The compact page for embedding. */
  embed: boolean;
}

/** The page as it is without a teacher's flags. */
export const FULL_PAGE: PageDisplay = { hidden: [], embed: false };

/** Reads `hide` and `embed` from a query string, with a notice for each value it could not use. */
export function displayFromUrl(search: string): PageDisplay & { notices: string[] } {
  const params = new URLSearchParams(search);
  const notices: string[] = [];
  const byKey = new Map(Object.entries(CONFIG_FIELDS).map(([name, field]) => [field.flag, name as keyof TrainConfig]));
  const hidden: Array<keyof TrainConfig> = [];
  for (const key of (params.get('hide') ?? '').split(',').map((k) => k.trim()).filter(Boolean)) {
    const name = byKey.get(key);
    if (!name) notices.push(`The link hides "${key.length > 40 ? `${key.slice(0, 40)}…` : key}", which is not a setting; ignored.`);
    else if (!hidden.includes(name)) hidden.push(name);
  }
  const embedText = params.get('embed');
  const embed = embedText === '1' || embedText === 'true';
  if (embedText !== null && !embed && embedText !== '0' && embedText !== 'false') notices.push(`The link's embed "${embedText.slice(0, 40)}" is not 1 or 0; showing the whole page.`);
  return { hidden, embed, notices };
}

/** A query string with the display's flags written back (left out when they are the full page's). */
export function withDisplay(search: string, display: PageDisplay): string {
  const params = new URLSearchParams(search);
  params.delete('hide');
  params.delete('embed');
  if (display.hidden.length) params.set('hide', display.hidden.map((name) => CONFIG_FIELDS[name].flag).join(','));
  if (display.embed) params.set('embed', '1');
  const text = params.toString();
  return text ? `?${text}` : '';
}
