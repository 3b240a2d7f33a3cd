/**
 * The "Save" control of a chart's header: a small disclosure with "Save as SVG", "Save as PNG" (2×) and, where
 * the chart has numbers to give, "Download CSV". Each of those buttons' accessible names carries the chart's
 * name after the visible text, so that the name contains the label ("Save as SVG: Loss"); the always-present
 * toggle is named just "Save", inside a group named for the chart ("Save Loss"), so that a chart called "… per
 * time step" adds no second button whose name contains "Step".
 * The picture is made only when asked, from the chart as it is drawn at that moment.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { downloadFile } from '../download';
import { figurePicture } from './pagePicture';
import { fileSlug, pictureSvg, type Picture } from './picture';
import { svgToPng } from './png';
import './save.css';

/** A CSV file a chart offers: what it holds (in the button's accessible name), its file name, and its text. */
export interface CsvOffer {
  /** "the loss history": the button is named "Download CSV of the loss history". */
  what: string;
  fileName: string;
  build: () => string;
}

/** Props of the control. */
export interface SaveMenuProps {
  /** The chart's name: its picture's title, its file name, and in each button's accessible name. */
  name: string;
  /** Makes the picture from the control's element (default: the enclosing <figure>'s SVG, title and legend). */
  picture?: (anchor: HTMLElement) => Picture;
  csv?: CsvOffer;
  className?: string;
}

const encoder = new TextEncoder();

/** About how wide the options are (px): where the toggle's right edge is nearer the page's left, they open rightwards. */
const OPTIONS_WIDTH = 180;

/** The picture of the chart around `anchor`: its own builder's, or its figure's. */
function makePicture(anchor: HTMLElement, name: string, picture: SaveMenuProps['picture']): Picture {
  if (picture) return picture(anchor);
  const figure = anchor.closest('figure');
  if (!figure) throw new Error(`The chart “${name}” has no drawing to save.`);
  return figurePicture(figure, name);
}

/** The control. */
export function SaveMenu({ name, picture, csv, className }: SaveMenuProps) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string>();
  // the options open under the toggle, right-aligned, or left-aligned where the toggle sits near the left edge
  const [alignLeft, setAlignLeft] = useState(false);
  const rootRef = useRef<HTMLSpanElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const listId = useId();

  // a click or focus outside closes it, as a menu would
  useEffect(() => {
    if (!open) return;
    const outside = (event: Event) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('focusin', outside);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('focusin', outside);
    };
  }, [open]);

  const run = async (action: () => Promise<void> | void) => {
    setError(undefined);
    try {
      await action();
      setOpen(false);
      toggleRef.current?.focus();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const slug = fileSlug(name);
  const saveSvg = () => {
    const text = pictureSvg(makePicture(rootRef.current!, name, picture));
    downloadFile({ fileName: `${slug}.svg`, mime: 'image/svg+xml', bytes: encoder.encode(text) });
  };
  const savePng = async () => {
    const made = makePicture(rootRef.current!, name, picture);
    const bytes = await svgToPng(pictureSvg(made), made.width, made.height);
    downloadFile({ fileName: `${slug}.png`, mime: 'image/png', bytes });
  };
  const saveCsv = (offer: CsvOffer) => () => downloadFile({ fileName: offer.fileName, mime: 'text/csv', bytes: encoder.encode(offer.build()) });

  return (
    <span
      ref={rootRef}
      role="group"
      aria-label={`Save ${name}`}
      className={`save-menu${className ? ` ${className}` : ''}`}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          toggleRef.current?.focus();
        }
      }}
    >
      <button
        ref={toggleRef}
        type="button"
        className="save-toggle"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        onClick={() => {
          setAlignLeft((rootRef.current?.getBoundingClientRect().right ?? Infinity) < OPTIONS_WIDTH);
          setError(undefined);
          setOpen((v) => !v);
        }}
      >
        Save <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <span id={listId} className={`save-options${alignLeft ? ' save-options-left' : ''}`}>
          <button type="button" aria-label={`Save as SVG: ${name}`} onClick={() => void run(saveSvg)}>
            Save as SVG
          </button>
          <button type="button" aria-label={`Save as PNG: ${name}`} onClick={() => void run(savePng)}>
            Save as PNG
          </button>
          {csv && (
            <button type="button" aria-label={`Download CSV of ${csv.what}`} onClick={() => void run(saveCsv(csv))}>
              Download CSV
            </button>
          )}
          {error && (
            <span className="save-error" role="alert">
              {error}
            </span>
          )}
        </span>
      )}
    </span>
  );
}
